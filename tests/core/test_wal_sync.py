"""The window's store commits without waiting for the disk and syncs each commit on a thread.

What must hold: every commit is synced after it returns (the WAL file itself is fsynced), a
failing disk is reported once in Vietnamese and retried with the next commit, closing syncs
what is left, and the checkpoints run on the thread, never inside a commit.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from cchc_desktop.store import Store
from cchc_desktop.wal_sync import WalSyncer
from tests.conftest import make_seed_report

SEED = "003_d8652e5c4f02bc4c"
CODE = "SBN22_003"  # an integer the clerk types


class Recorder:
    """An fsync that remembers which file it synced, and can fail or hold on demand."""

    def __init__(self) -> None:
        self.inodes: list[int] = []
        self.fail: OSError | None = None
        self.hold = threading.Event()
        self.hold.set()

    def __call__(self, fd: int) -> None:
        self.hold.wait(10)
        if self.fail is not None:
            raise self.fail
        self.inodes.append(os.fstat(fd).st_ino)
        os.fsync(fd)


class Setup(NamedTuple):
    store: Store
    syncer: WalSyncer
    recorder: Recorder
    errors: list[str]
    report_id: int


@pytest.fixture
def window_store(db_path: Path) -> Iterator[Setup]:
    """A store syncing as the window's does, with its fsync recorded, its errors kept, and a
    filled report whose commits are already synced."""
    errors: list[str] = []
    store = Store.open(db_path)
    assert store.sync_in_background(errors.append)
    assert store.syncer is not None
    recorder = Recorder()
    store.syncer.fsync = recorder
    try:
        report_id = make_seed_report(store, SEED)
        assert store.syncer.flush(10)
        yield Setup(store, store.syncer, recorder, errors, report_id)
    finally:
        recorder.hold.set()
        store.close()


def _pragma(store: Store, name: str) -> int:
    return int(store.conn.execute(f"PRAGMA {name}").fetchone()[0])


def test_only_the_window_store_hands_its_syncs_to_a_thread(db_path: Path) -> None:
    with Store.open(db_path) as plain:  # the command line, imports, tests: FULL, as before
        assert plain.syncer is None
        assert _pragma(plain, "synchronous") == 2
        assert _pragma(plain, "wal_autocheckpoint") == 1000
        assert plain.sync_in_background()
        assert _pragma(plain, "synchronous") == 1  # NORMAL: the commit does not wait
        assert _pragma(plain, "wal_autocheckpoint") == 0  # checkpoints move to the thread
        first = plain.syncer
        assert plain.sync_in_background(print)  # again: the same thread, a new callback
        assert plain.syncer is first and first is not None and first.on_error is print
    assert plain.syncer is None
    with Store.open(None) as memory:
        assert not memory.sync_in_background()
        assert memory.syncer is None
    with Store.open(db_path) as journal:  # WAL refused (a network share): FULL stays
        journal.conn.execute("PRAGMA journal_mode = DELETE")
        assert not journal.sync_in_background()
        assert journal.syncer is None and _pragma(journal, "synchronous") == 2


def test_each_commit_is_followed_by_an_fsync_of_the_wal(window_store: Setup, db_path: Path) -> None:
    store, syncer, recorder, errors, report_id = window_store
    before = len(recorder.inodes)
    assert before >= 1  # creating the report and filling it were synced too
    store.set_value(report_id, CODE, "17")
    assert syncer.flush(10)
    assert syncer.pending == 0
    wal = Path(f"{db_path}-wal")
    assert recorder.inodes[before:] and set(recorder.inodes[before:]) == {wal.stat().st_ino}
    assert errors == []


def test_the_window_is_not_held_while_the_disk_is_slow(window_store: Setup) -> None:
    store, syncer, recorder, _, report_id = window_store
    recorder.hold.clear()  # the disk does not answer
    for n in range(5):
        store.set_value(report_id, CODE, str(100 + n))  # each returns: nothing waits on it
    assert store.report(report_id).entries[CODE].value == "104"
    assert syncer.pending >= 1
    assert not syncer.flush(0.05)
    recorder.hold.set()
    assert syncer.flush(10)
    assert syncer.pending == 0


def test_a_failing_disk_is_told_once_and_tried_again_with_the_next_commit(
    window_store: Setup, db_path: Path
) -> None:
    store, syncer, recorder, errors, report_id = window_store
    recorder.fail = OSError(5, "Input/output error")
    store.set_value(report_id, CODE, "1")
    assert not syncer.flush(10)
    store.set_value(report_id, CODE, "2")
    assert not syncer.flush(10)
    assert len(errors) == 1  # once, not at every Enter
    assert str(db_path) in errors[0] and "Input/output error" in errors[0]
    assert "chưa được ghi chắc chắn xuống đĩa" in errors[0]
    assert syncer.error == errors[0]
    assert syncer.pending == 2

    recorder.fail = None
    store.set_value(report_id, CODE, "3")
    assert syncer.flush(10)
    assert syncer.pending == 0 and syncer.error == ""
    recorder.fail = OSError(28, "No space left on device")
    store.set_value(report_id, CODE, "4")
    assert not syncer.flush(10)
    assert len(errors) == 2 and "No space left on device" in errors[1]  # a new failure


def test_closing_syncs_what_the_thread_had_not_reached(window_store: Setup) -> None:
    store, syncer, recorder, _, report_id = window_store
    recorder.hold.clear()
    store.set_value(report_id, CODE, "5")
    store.set_value(report_id, CODE, "6")
    synced = len(recorder.inodes)
    threading.Timer(0.05, recorder.hold.set).start()  # the disk answers a moment later
    store.close()
    assert syncer.pending == 0
    assert len(recorder.inodes) > synced
    assert not syncer._thread.is_alive()


def test_checkpoints_run_on_the_thread_and_keep_the_wal_small(
    db_path: Path,
) -> None:
    store = Store.open(db_path)
    try:
        assert store.sync_in_background()
        syncer = store.syncer
        assert syncer is not None
        syncer.checkpoint_bytes = 64_000
        report_id = make_seed_report(store, SEED)
        wal = Path(f"{db_path}-wal")
        largest = 0
        for n in range(300):
            store.set_value(report_id, CODE, str(n))
            assert syncer.flush(10)
            largest = max(largest, wal.stat().st_size)
        # Without the thread's checkpoints (autocheckpoint is off) 300 edits would leave
        # well over a megabyte here.
        assert wal.stat().st_size < 200_000
        assert store.report(report_id).entries[CODE].value == "299"
    finally:
        store.close()
    with Store.open(db_path) as again:
        assert again.report(report_id).entries[CODE].value == "299"


def test_a_wal_that_is_gone_needs_no_sync(tmp_path: Path) -> None:
    calls: list[int] = []
    syncer = WalSyncer(tmp_path / "none.sqlite3", fsync=calls.append)
    syncer.request()
    assert syncer.flush(10)
    assert calls == [] and syncer.pending == 0
    assert syncer.close()
