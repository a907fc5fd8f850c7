"""An edit, from the value committed to the row in SQLite, next to a bare SQLite commit.

The floor is the least any durable edit can cost on this disk: one upsert into a table shaped
like ``entries`` and its commit, in WAL with ``synchronous=FULL`` and the store's other pragmas.
Subject and floor alternate edit by edit, so a noisy second hurts both alike.
"""

from __future__ import annotations

import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import LARGEST_SEED, Figure, make_seed_report, median, ms, percentile
from cchc_desktop.store import BUSY_TIMEOUT_MS, Store

FLOOR_NAME = "sqlite3 upsert + commit (WAL, synchronous=FULL)"


class Floor:
    """A bare connection with the store's pragmas and one entries-shaped table."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = FULL")
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS entries (report_id INTEGER NOT NULL, code TEXT NOT NULL,"
            " value TEXT, note TEXT NOT NULL DEFAULT '', updated_at TEXT NOT NULL,"
            " PRIMARY KEY (report_id, code)) WITHOUT ROWID"
        )

    def edit(self, code: str, value: str) -> None:
        self.conn.execute("BEGIN IMMEDIATE")
        self.conn.execute(
            "INSERT INTO entries (report_id, code, value, updated_at) VALUES (1, ?, ?, ?)"
            " ON CONFLICT(report_id, code) DO UPDATE SET value = excluded.value,"
            " updated_at = excluded.updated_at",
            (code, value, "2024-01-15T09:00:00+07:00"),
        )
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


def editable_codes(store: Store, report_id: int) -> list[str]:
    """Integer indicators: the cells a clerk types most."""
    catalogue = store.report(report_id).catalogue
    return [i.code for i in catalogue.value_items if i.type == "integer"]


def paired_latencies(
    subject: Callable[[int], Any], floor: Callable[[int], Any], n: int
) -> tuple[list[float], list[float]]:
    """Edit i through the subject and through the floor, alternating which goes first."""
    subject_t: list[float] = []
    floor_t: list[float] = []
    for i in range(n):
        order = ((subject, subject_t), (floor, floor_t))
        for fn, sink in order if i % 2 else reversed(order):
            t0 = time.perf_counter()
            fn(i)
            sink.append(time.perf_counter() - t0)
    return subject_t, floor_t


def edit_figures(
    subject_t: list[float], floor_t: list[float], label: str, how: str
) -> list[Figure]:
    """p50 and p99 of an edit next to the floor's; the goal is on p99 (≤ 3× the floor)."""
    p50, f50 = ms(median(subject_t)), ms(median(floor_t))
    p99, f99 = ms(percentile(subject_t, 99)), ms(percentile(floor_t, 99))
    extra = {
        "n": len(subject_t),
        "max_ms": round(ms(max(subject_t)), 3),
        "floor_max_ms": round(ms(max(floor_t)), 3),
        "how": how,
    }
    return [
        Figure("edit", f"{label} p50", p50, "ms", f50, FLOOR_NAME, note=how, extra=extra),
        Figure(
            "edit",
            f"{label} p99",
            p99,
            "ms",
            f99,
            FLOOR_NAME,
            "≤ 3× floor",
            p99 <= 3 * f99,
            how,
            extra,
        ),
    ]


def run_store(n: int) -> tuple[list[Figure], dict[str, Any]]:
    """``Store.set_value`` (what the editor's commit calls) against the floor."""
    with tempfile.TemporaryDirectory(prefix="cchc-bench-") as tmp:
        store = Store.open(Path(tmp) / "edit.sqlite3")
        floor = Floor(Path(tmp) / "floor.sqlite3")
        try:
            report_id = make_seed_report(store, LARGEST_SEED)
            codes = editable_codes(store, report_id)
            # Warm both (first statements compile, the WAL file grows).
            for i in range(20):
                store.set_value(report_id, codes[i % len(codes)], str(i))
                floor.edit(codes[i % len(codes)], str(i))
            subject_t, floor_t = paired_latencies(
                lambda i: store.set_value(report_id, codes[i % len(codes)], str(1000 + i)),
                lambda i: floor.edit(codes[i % len(codes)], str(1000 + i)),
                n,
            )
            last = codes[(n - 1) % len(codes)]
            check = sqlite3.connect(Path(tmp) / "edit.sqlite3")
            stored = check.execute(
                "SELECT value FROM entries WHERE report_id = ? AND code = ?", (report_id, last)
            ).fetchone()
            check.close()
            assert stored == (str(1000 + n - 1),), f"edit did not reach SQLite: {stored}"
        finally:
            store.close()
            floor.close()
    how = f"Store.set_value on {LARGEST_SEED} (178 rows), {n} edits interleaved with the floor"
    return edit_figures(subject_t, floor_t, "edit: Store.set_value", how), {"n": n}
