"""Committed edits made durable on a thread of their own, so the window never waits for the disk.

With ``synchronous=FULL`` every commit waits for the disk to confirm the write-ahead log
(WAL): 0.3 ms on an SSD, 10–30 ms on an office hard drive, now and then far more on a busy
one, and the window cannot take the next key meanwhile. The window's store commits with
``synchronous=NORMAL`` instead (the commit is in the WAL, safe if the program crashes) and
this thread then syncs the WAL file, which is what FULL does at the end of a commit: once it
returns, the edit survives a power cut too. Keys the clerk types during the sync are taken at
once; with FULL they would have waited in the keyboard queue, just as unsaved.

The same thread runs the WAL checkpoints that SQLite would otherwise run inside a commit
every 1,000 pages (writing the pages into the database file and syncing it twice).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

# Checkpoint once the WAL is this large: SQLite's own default (1,000 pages of 4 KiB).
CHECKPOINT_BYTES = 4_096_000
# Not the store's 5 s: a checkpoint that finds the file busy is simply tried after the next sync.
CHECKPOINT_BUSY_MS = 100


class WalSyncer:
    """Syncs the WAL of ``db_path`` after each :meth:`request` (one sync may cover many).

    ``on_error`` is called on the syncer's thread with a Vietnamese message when a sync fails,
    once per failure after a success: the committed edits may then not be on the disk. A later
    request tries again. ``fsync`` (``os.fsync``) can be replaced, by tests.
    """

    def __init__(
        self,
        db_path: Path,
        *,
        on_error: Callable[[str], None] | None = None,
        checkpoint_bytes: int = CHECKPOINT_BYTES,
        fsync: Callable[[int], None] = os.fsync,
    ) -> None:
        self.db_path = db_path
        self.wal_path = Path(f"{db_path}-wal")  # SQLite's name for it, documented and fixed
        self.on_error = on_error
        self.checkpoint_bytes = checkpoint_bytes
        self.error = ""  # the last failure's message, "" while syncs succeed
        self.fsync = fsync
        self._cond = threading.Condition()
        self._requested = 0  # commits announced
        self._attempted = 0  # commits covered by the last sync tried
        self._synced = 0  # commits known to be on the disk
        self._stopping = False
        self._conn: sqlite3.Connection | None = None  # the checkpoint's, used on the thread only
        self._thread = threading.Thread(target=self._run, name="cchc-wal-sync", daemon=True)
        self._thread.start()

    def request(self) -> None:
        """A transaction was committed: sync it soon."""
        with self._cond:
            self._requested += 1
            self._cond.notify_all()

    @property
    def pending(self) -> int:
        """Commits not yet known to be on the disk."""
        with self._cond:
            return self._requested - self._synced

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every commit requested so far has been synced (or its sync failed).
        True when all of them are on the disk."""
        with self._cond:
            target = self._requested
            self._cond.wait_for(
                lambda: self._attempted >= target or self._stopping, timeout=timeout
            )
            return self._synced >= target

    def close(self) -> bool:
        """Stop the thread, then sync whatever is left on the caller's thread. True when
        every commit is on the disk."""
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
        self._thread.join()
        with self._cond:
            target = self._requested
            if self._synced >= target:
                return True
        return self._sync(target)

    def _run(self) -> None:
        try:
            while True:
                with self._cond:
                    # After a failure, wait for a new commit rather than retry in a loop.
                    self._cond.wait_for(lambda: self._stopping or self._attempted < self._requested)
                    if self._stopping:
                        return
                    target = self._requested
                if self._sync(target):
                    self._checkpoint_if_large()
        finally:
            if self._conn is not None:
                self._conn.close()

    def _sync(self, target: int) -> bool:
        """fsync the WAL file: every frame written before this call is then on the disk."""
        try:
            self._fsync_wal()
        except OSError as exc:
            self._failed(target, exc)
            return False
        with self._cond:
            self._attempted = max(self._attempted, target)
            self._synced = max(self._synced, target)
            self.error = ""
            self._cond.notify_all()
        return True

    def _fsync_wal(self) -> None:
        # A descriptor of our own: fsync makes the file's data durable whoever wrote it.
        # Write access because Windows' FlushFileBuffers needs it; nothing is written.
        try:
            fd = os.open(self.wal_path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            return  # no WAL (all checkpointed into the database file, which was synced then)
        try:
            self.fsync(fd)
        finally:
            os.close(fd)

    def _failed(self, target: int, exc: OSError) -> None:
        reason = exc.strerror or str(exc)
        message = (
            f"Ổ đĩa báo lỗi khi ghi tệp dữ liệu {self.db_path} ({reason}). Các số liệu vừa "
            "nhập vẫn hiện trên màn hình nhưng có thể chưa được ghi chắc chắn xuống đĩa."
        )
        with self._cond:
            first = not self.error
            self.error = message
            self._attempted = max(self._attempted, target)
            self._cond.notify_all()
        if first and self.on_error is not None:
            self.on_error(message)

    def _checkpoint_if_large(self) -> None:
        """Copy the WAL into the database file once it is large, here rather than in a commit.

        TRUNCATE empties the file, so its size keeps telling how much is waiting. It holds the
        write lock while it runs, so a commit made meanwhile waits for it, as one does today
        for the checkpoint SQLite runs inside a commit. One that finds the file busy (a reader,
        another writer) is tried after the next sync; the WAL grows a little meanwhile."""
        try:
            if self.wal_path.stat().st_size < self.checkpoint_bytes:
                return
        except OSError:
            return
        with contextlib.suppress(sqlite3.Error):
            if self._conn is None:
                uri = f"{self.db_path.resolve().as_uri()}?mode=rw"
                self._conn = sqlite3.connect(uri, uri=True, isolation_level=None)
                self._conn.execute(f"PRAGMA busy_timeout = {CHECKPOINT_BUSY_MS}")
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
