"""Working beside other windows on one data file: the claim on the report being edited, kept
alive by a heartbeat, and a cheap poll that notices what other windows or programs saved.

Both wrap :mod:`cchc_desktop.sessions` in Qt timers; the window decides what to show.
"""

from __future__ import annotations

import contextlib
import sqlite3

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from cchc_desktop import sessions
from cchc_desktop.store import Store, StoreError

CHANGE_POLL_MS = 2000  # how often the window looks for changes saved elsewhere
HEARTBEAT_MS = int(sessions.HEARTBEAT_EVERY.total_seconds() * 1000)


def holder_text(holder: sessions.Session) -> str:
    """Where and since when a report is open, in the interface language:
    "trên máy KE-TOAN-02, từ 08:15 ngày 12/03/2024"."""
    translate = QCoreApplication.translate
    if holder.in_this_process:
        where = translate("Sharing", "ở một cửa sổ khác của chương trình này")
    elif holder.on_this_computer:
        where = (
            translate("Sharing", "bằng lệnh cchc trên máy này")
            if holder.program == sessions.CLI
            else translate("Sharing", "ở một cửa sổ CCHC Desktop khác trên máy này")
        )
    else:
        where = translate("Sharing", "trên máy %1").replace("%1", holder.host)
    opened = holder.opened_at.astimezone()
    since = (
        translate("Sharing", "%1 ngày %2")
        .replace("%1", f"{opened:%H:%M}")
        .replace("%2", f"{opened:%d/%m/%Y}")
    )
    return translate("Sharing", "%1, từ %2").replace("%1", where).replace("%2", since)


class EditClaim(QObject):
    """This window's claim on a report, refreshed every HEARTBEAT_EVERY. ``lost`` is emitted
    once when the claim is no longer ours (another window took the report over, or the data
    file was restored from a backup)."""

    lost = Signal()

    def __init__(
        self,
        store: Store,
        claim: sessions.Claim,
        parent: QObject | None = None,
        interval_ms: int = HEARTBEAT_MS,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.claim = claim
        self._active = True
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.beat)
        self.timer.start()

    @property
    def report_id(self) -> int:
        return self.claim.report_id

    @property
    def active(self) -> bool:
        return self._active

    def beat(self) -> bool:
        """Refresh the claim; False (and ``lost``) when it is gone. A failed write (disk,
        lock) counts as still ours: the next beat tries again."""
        if not self._active:
            return False
        try:
            ours = sessions.heartbeat(self.store, self.claim)
        except (StoreError, sqlite3.Error):
            return True
        if not ours:
            self._lose()
        return ours

    def check(self) -> bool:
        """Whether the claim is still ours, without writing anything (a write would wake
        every other window's change poll): False (and ``lost``) when it is gone."""
        if not self._active:
            return False
        try:
            rows = sessions.sessions(self.store, self.claim.report_id)
        except (StoreError, sqlite3.Error):
            return True
        if any(row.owner == self.claim.owner for row in rows):
            return True
        self._lose()
        return False

    def release(self) -> None:
        """Give the report up (closing it, leaving the window, restoring a backup)."""
        self.timer.stop()
        if self._active:
            self._active = False
            # A closed or broken connection: the claim goes stale by itself.
            with contextlib.suppress(sqlite3.Error):
                sessions.release(self.store, self.claim)

    def _lose(self) -> None:
        self._active = False
        self.timer.stop()
        self.lost.emit()


class ChangePoller(QObject):
    """Emits ``changed`` when another connection committed to the data file (polled with
    SQLite's data_version; this window's own writes do not count)."""

    changed = Signal()

    def __init__(
        self, store: Store, parent: QObject | None = None, interval_ms: int = CHANGE_POLL_MS
    ) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self._watcher: sessions.ChangeWatcher | None = None
        self.watch(store)

    def watch(self, store: Store) -> None:
        """Follow this store (again, after a restore reopened it)."""
        try:
            self._watcher = sessions.ChangeWatcher(store)
        except sqlite3.Error:
            self._watcher = None
        self.timer.start()

    def stop(self) -> None:
        """No more polling (closing, or the store is about to be closed for a restore)."""
        self.timer.stop()

    def poll(self) -> bool:
        """Look now; True (and ``changed``) when something was saved elsewhere."""
        if self._watcher is None:
            return False
        try:
            changed = self._watcher.changed()
        except sqlite3.Error:
            return False  # closed or unreadable for a moment
        if changed:
            self.changed.emit()
        return changed
