"""Child processes for the reliability scenarios: a second instance of the program.

Run as ``python tests/reliability/workers.py COMMAND ...``. Every line a worker prints is
flushed at once, and an edit is only printed after the store returned (the commit is done),
so the parent knows exactly which edits were acknowledged when it kills the child.

Commands:
  edit DB SEED START COUNT [--wait] [--codes A,B,…] [--only value|note]
                                      edits of plan(SEED, START, COUNT); prints "ready ID",
                                      then one line per acknowledged edit: its index; with
                                      --wait, starts when a line arrives on stdin
  hold DB [--exclusive]               takes the write lock (or an exclusive lock), prints
                                      "locked", keeps it until stdin is closed
  claim DB REPORT                     for each line "claim" on stdin claims the report and
                                      prints "claimed" or "elsewhere"; for "release" gives it
                                      up and prints "released"; ends when stdin closes
"""

from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

CATALOGUE = "so-ban-nganh-2022"
AGENCY = "Sở Thông tin và Truyền thông"

Op = tuple[str, str, str]  # (field "value" | "note", code, text)


def edit_codes() -> list[str]:
    """The cells the workers edit: the first 20 integer indicators of the catalogue."""
    from cchc_desktop.catalogue import builtin_catalogues

    items = builtin_catalogues()[CATALOGUE].value_items
    return [i.code for i in items if i.type == "integer"][:20]


def plan(seed: int, start: int, count: int, codes: list[str], only: str | None = None) -> list[Op]:
    """The edits a worker makes, reproducible by the parent. Every value and note is unique
    (numbered from ``start``), so each edit leaves exactly one row in the history."""
    rng = random.Random(seed)
    ops: list[Op] = []
    for n in range(start, start + count):
        code = rng.choice(codes)
        if only == "note" or (only is None and rng.random() < 0.2):
            ops.append(("note", code, f"Ghi chú lần {n} – đã rà soát ✓"))
        else:
            ops.append(("value", code, str(n)))
    return ops


def _emit(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def cmd_edit(
    db: str,
    seed: int,
    start: int,
    count: int,
    wait: bool = False,
    codes: list[str] | None = None,
    only: str | None = None,
    background: bool = False,
) -> None:
    from cchc_desktop.store import Store

    store = Store.open(db)
    if background:  # as the window does, with checkpoints often enough to be killed in one
        store.sync_in_background()
        assert store.syncer is not None
        store.syncer.checkpoint_bytes = 32_000
    summaries = store.reports()
    report_id = summaries[0].id if summaries else store.create_report(CATALOGUE, AGENCY, "2023-Q1")
    ops = plan(seed, start, count, codes or edit_codes(), only)
    _emit(f"ready {report_id}")
    if wait:
        sys.stdin.readline()
    for index, (field, code, text) in enumerate(ops):
        if field == "value":
            store.set_value(report_id, code, text)
        else:
            store.set_note(report_id, code, text)
        _emit(str(index))
    store.close()


def cmd_hold(db: str, exclusive: bool) -> None:
    conn = sqlite3.connect(db, isolation_level=None)
    if exclusive:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("UPDATE agencies SET name = name")  # write, so the lock is really taken
    else:
        conn.execute("BEGIN IMMEDIATE")
    _emit("locked")
    sys.stdin.read()  # until the parent closes our stdin
    conn.execute("COMMIT")
    conn.close()


def cmd_claim(db: str, report_id: int) -> None:
    from cchc_desktop import sessions
    from cchc_desktop.store import Store

    store = Store.open(db)
    held: sessions.Claim | None = None
    for line in sys.stdin:
        if line.strip() == "claim":
            result = sessions.claim(store, report_id)
            held = result if isinstance(result, sessions.Claim) else None
            _emit("claimed" if held else "elsewhere")
        elif line.strip() == "release":
            if held is not None:
                sessions.release(store, held)
                held = None
            _emit("released")
    if held is not None:
        sessions.release(store, held)
    store.close()


def main(argv: list[str]) -> None:
    command, *rest = argv
    if command == "edit":
        codes = rest[rest.index("--codes") + 1].split(",") if "--codes" in rest else None
        only = rest[rest.index("--only") + 1] if "--only" in rest else None
        cmd_edit(
            rest[0],
            int(rest[1]),
            int(rest[2]),
            int(rest[3]),
            "--wait" in rest,
            codes,
            only,
            "--background" in rest,
        )
    elif command == "hold":
        cmd_hold(rest[0], "--exclusive" in rest)
    elif command == "claim":
        cmd_claim(rest[0], int(rest[1]))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
