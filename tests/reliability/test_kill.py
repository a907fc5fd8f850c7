"""The PC loses power in the middle of typing: SIGKILL at a random point of a stream of edits.

A child process (tests/reliability/workers.py) opens the store and edits values and notes,
printing each edit only after the store returned. The parent kills it with SIGKILL at a
random moment — before start-up finished, during the first migration, or after any number
of edits — then checks: ``PRAGMA integrity_check`` is ok, the schema is a whole migration
(never half of one), and every acknowledged edit is in the database, value and history row.
The one edit in flight is either wholly there or wholly absent.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cchc_desktop import migrations
from cchc_desktop.store import Store
from tests.reliability.conftest import worker_command
from tests.reliability.figures import record
from tests.reliability.workers import Op, edit_codes, plan

PLAN_LENGTH = 5000  # never reached: the child is always killed first


@dataclass
class Lane:
    """One database killed over and over, and what it must hold."""

    db: Path
    rng: random.Random
    next_number: int = 0
    entries: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    history: list[tuple[str, str, str]] = field(default_factory=list)
    report_id: int | None = None


def _expected_tables(version: int) -> set[str]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    for migration in migrations.migrations()[:version]:
        for statement in migrations._statements(migration.sql):
            conn.execute(statement)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    return names


def _apply(
    entries: dict[str, tuple[str | None, str]], history: list[tuple[str, str, str]], op: Op
) -> None:
    kind, code, text = op
    value, note = entries.get(code, (None, ""))
    entries[code] = (text, note) if kind == "value" else (value, text)
    history.append((code, kind, text))


def _read(db: Path, report_id: int) -> tuple[dict[str, tuple[str | None, str]], list]:
    conn = sqlite3.connect(db)
    try:
        entries = {
            code: (value, note)
            for code, value, note in conn.execute(
                "SELECT code, value, note FROM entries WHERE report_id = ?", (report_id,)
            )
        }
        history = [
            (code, kind, new)
            for code, kind, new in conn.execute(
                "SELECT code, field, new FROM history WHERE report_id = ?"
                " AND field IN ('value', 'note') ORDER BY id",
                (report_id,),
            )
        ]
    finally:
        conn.close()
    return entries, history


def kill_run(
    lane: Lane, codes: list[str], tables: dict[int, set[str]], background: bool = False
) -> dict[str, int]:
    """Start a child, kill it at a random moment, check the database. Returns counts.
    ``background``: the child syncs as the window does (Store.sync_in_background)."""
    seed = lane.rng.randrange(2**32)
    start = lane.next_number
    ops = plan(seed, start, PLAN_LENGTH, codes)
    moment = lane.rng.random()
    # 10 %: at once (start-up, migration, creating the report); 10 %: right after start-up;
    # otherwise after 1–250 acknowledged edits.
    wait_for = -1 if moment < 0.1 else 0 if moment < 0.2 else lane.rng.randint(1, 250)
    child = subprocess.Popen(
        worker_command(
            "edit",
            str(lane.db),
            str(seed),
            str(start),
            str(PLAN_LENGTH),
            *(["--background"] if background else []),
        ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    assert child.stdout is not None and child.stderr is not None
    lines: list[str] = []
    if wait_for >= 0:
        while True:
            line = child.stdout.readline()
            if not line:
                break
            lines.append(line)
            if len(lines) > wait_for:  # "ready" plus wait_for acknowledgements
                break
    child.send_signal(signal.SIGKILL)
    child.wait()
    lines += child.stdout.readlines()
    errors = child.stderr.read()
    child.stdout.close()
    child.stderr.close()
    assert child.returncode == -signal.SIGKILL, f"the child died on its own:\n{errors}"

    complete = [ln.strip() for ln in lines if ln.endswith("\n")]
    ready = [ln for ln in complete if ln.startswith("ready ")]
    acked = [int(ln) for ln in complete if not ln.startswith("ready ")]
    assert acked == list(range(len(acked)))

    conn = sqlite3.connect(lane.db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        version = migrations.current_version(conn)
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        report_row = (
            conn.execute("SELECT id FROM reports ORDER BY id LIMIT 1").fetchone()
            if "reports" in names
            else None
        )
    finally:
        conn.close()
    assert names == tables[version], f"a migration was left half done at version {version}"

    if ready:
        lane.report_id = int(ready[0].split()[1])
    if lane.report_id is None:
        lane.report_id = report_row[0] if report_row else None
    if lane.report_id is None:
        assert not acked
        return {"runs": 1, "acked": 0, "inflight": 0}

    entries, history = _read(lane.db, lane.report_id)
    want_entries, want_history = dict(lane.entries), list(lane.history)
    for op in ops[: len(acked)]:
        _apply(want_entries, want_history, op)
    inflight = 0
    if (entries, history) != (want_entries, want_history):
        # The edit in flight when the power went may have been committed: wholly, then.
        _apply(want_entries, want_history, ops[len(acked)])
        inflight = 1
    assert history == want_history, "an acknowledged edit is missing from the history"
    assert entries == want_entries, "an acknowledged edit is missing from the values"
    lane.entries, lane.history = want_entries, want_history
    lane.next_number = start + len(acked) + 1
    return {"runs": 1, "acked": len(acked), "inflight": inflight}


def run_lanes(
    tmp_path: Path, lanes: int, runs: int, seed: int, background: bool = False
) -> dict[str, int]:
    codes = edit_codes()
    tables = {v: _expected_tables(v) for v in range(migrations.latest_version() + 1)}
    master = random.Random(seed)
    lane_list = [
        Lane(tmp_path / f"lane{n}.sqlite3", random.Random(master.randrange(2**32)))
        for n in range(lanes)
    ]

    def drive(lane: Lane) -> dict[str, int]:
        totals = {"runs": 0, "acked": 0, "inflight": 0}
        for _ in range(runs):
            for key, count in kill_run(lane, codes, tables, background).items():
                totals[key] += count
        return totals

    with ThreadPoolExecutor(max_workers=lanes) as pool:
        results = list(pool.map(drive, lane_list))
    totals = {k: sum(r[k] for r in results) for k in results[0]}

    # After all that, the program opens every file normally and nothing is missing.
    for lane in lane_list:
        with Store.open(lane.db) as store:
            if lane.report_id is not None:
                report = store.report(lane.report_id)
                got = {c: (e.value, e.note) for c, e in report.entries.items()}
                assert got == lane.entries
                store.validate(lane.report_id)
    record("kill runs survived", totals["runs"])
    record("edits acknowledged before a kill", totals["acked"])
    record("acknowledged edits found after the kill", totals["acked"])
    record("edits in flight found wholly committed", totals["inflight"])
    record("data lost (acknowledged edits missing)", 0)
    return totals


def test_sigkill_during_edits_loses_no_acknowledged_edit(tmp_path: Path) -> None:
    totals = run_lanes(tmp_path, lanes=3, runs=10, seed=20240312)
    assert totals["runs"] == 30
    assert totals["acked"] > 500  # the kills really landed in the middle of work


def test_sigkill_while_the_window_syncs_in_background_loses_no_acknowledged_edit(
    tmp_path: Path,
) -> None:
    """The window commits with synchronous=NORMAL and syncs each commit on a thread, which
    also runs the checkpoints (here every 32 kB, so kills land inside them too): a killed
    process still loses nothing it acknowledged."""
    totals = run_lanes(tmp_path, lanes=3, runs=10, seed=20261123, background=True)
    assert totals["runs"] == 30
    assert totals["acked"] > 500


@pytest.mark.slow
def test_sigkill_many_more_times(tmp_path: Path) -> None:
    totals = run_lanes(tmp_path, lanes=4, runs=30, seed=19450902)
    assert totals["runs"] == 120
