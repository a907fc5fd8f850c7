"""Who has a report open for editing, so a second window is told instead of racing the first.

Each window that opens a report for editing *claims* it: a row in the ``sessions`` table
(migration 0002) with an owner id ``host:pid:random``, when it was opened and a heartbeat the
window refreshes every minute. A claim held by a process that is gone (same computer, pid no
longer running) or whose heartbeat is older than :data:`STALE_AFTER` is stale and is taken
over silently, so a power cut never leaves a report "open elsewhere" for good.

How the window uses it::

    result = sessions.claim(store, report_id)
    if isinstance(result, sessions.OpenElsewhere):
        show(result.message())          # open read-only, or offer claim(..., force=True)
    else:
        every HEARTBEAT_EVERY: if not sessions.heartbeat(store, result): re-claim or go read-only
        on close: sessions.release(store, result)

:class:`ChangeWatcher` tells a window cheaply when anything else committed to the file.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from datetime import UTC, datetime, timedelta

from cchc_desktop.records import FrozenRecord, set_field
from cchc_desktop.store import NotFoundError, Store, StoreError

STALE_AFTER = timedelta(minutes=5)
HEARTBEAT_EVERY = timedelta(minutes=1)
WINDOW = "window"
CLI = "cli"


class Session(FrozenRecord):
    """One row of the sessions table: somebody has (or had) a report open."""

    __slots__ = ("heartbeat", "host", "opened_at", "owner", "pid", "program", "report_id")
    owner: str
    report_id: int
    host: str
    pid: int
    program: str
    opened_at: datetime
    heartbeat: datetime

    def __init__(
        self,
        owner: str,
        report_id: int,
        host: str,
        pid: int,
        program: str,
        opened_at: datetime,
        heartbeat: datetime,
    ) -> None:
        set_field(self, "owner", owner)
        set_field(self, "report_id", report_id)
        set_field(self, "host", host)
        set_field(self, "pid", pid)
        set_field(self, "program", program)
        set_field(self, "opened_at", opened_at)
        set_field(self, "heartbeat", heartbeat)

    @property
    def on_this_computer(self) -> bool:
        return self.host == this_host()

    @property
    def in_this_process(self) -> bool:
        return self.on_this_computer and self.pid == os.getpid()

    def is_stale(self, now: datetime | None = None) -> bool:
        """Gone: its process is no longer running here, or it stopped sending heartbeats
        (a clock that jumped back by more than STALE_AFTER counts as stale too)."""
        now = now or utc_now()
        if self.on_this_computer and not pid_alive(self.pid):
            return True
        return abs(now - self.heartbeat) > STALE_AFTER


class Claim(FrozenRecord):
    """This window's hold on a report. Keep it; pass it to heartbeat() and release()."""

    __slots__ = ("opened_at", "owner", "report_id")
    report_id: int
    owner: str
    opened_at: datetime

    def __init__(self, report_id: int, owner: str, opened_at: datetime) -> None:
        set_field(self, "report_id", report_id)
        set_field(self, "owner", owner)
        set_field(self, "opened_at", opened_at)


class OpenElsewhere(FrozenRecord):
    """The report is open for editing in another window (here or on another computer)."""

    __slots__ = ("holder", "report_id")
    report_id: int
    holder: Session

    def __init__(self, report_id: int, holder: Session) -> None:
        set_field(self, "report_id", report_id)
        set_field(self, "holder", holder)

    def message(self) -> str:
        """What the second window says, in Vietnamese."""
        h = self.holder
        since = h.opened_at.astimezone().strftime("%H:%M ngày %d/%m/%Y")
        if h.in_this_process:
            where = "ở một cửa sổ khác của chương trình này"
        elif h.on_this_computer:
            where = (
                "bằng lệnh cchc trên máy này"
                if h.program == CLI
                else "ở một cửa sổ CCHC Desktop khác trên máy này"
            )
        else:
            where = f"trên máy {h.host}"
        return (
            f"Báo cáo này đang được mở để sửa {where} (từ {since}). "
            "Bạn vẫn xem, in và xuất được, nhưng chưa sửa được cho đến khi nơi kia đóng báo cáo. "
            "Nếu chắc chắn nơi kia đã tắt, bạn có thể chọn “Vẫn mở để sửa”."
        )


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def this_host() -> str:
    # os.uname() is what socket.gethostname() reads on POSIX; socket (and secrets below) would
    # cost some 8 ms of every start of the window, which imports this module.
    if hasattr(os, "uname"):
        return os.uname().nodename or "localhost"
    import socket

    return socket.gethostname() or "localhost"


def new_owner_id() -> str:
    """host:pid:random: one per claim, so two windows of one process are told apart."""
    return f"{this_host()}:{os.getpid()}:{os.urandom(6).hex()}"


def pid_alive(pid: int) -> bool:
    """Whether a process with this id runs on this computer (unknown → assume it does)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: existence check only (never used on Windows, see above)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:  # pragma: no cover - exercised on Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    process_query_limited_information, still_active, access_denied = 0x1000, 259, 5
    handle = kernel32.OpenProcess(process_query_limited_information, False, pid)
    if not handle:
        return bool(kernel32.GetLastError() == access_denied)
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _parse(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return datetime.fromtimestamp(0, UTC)  # unreadable: treat as ancient, hence stale
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_COLUMNS = "owner, report_id, host, pid, program, opened_at, heartbeat"


def _session(row: tuple[object, ...]) -> Session:
    owner, report_id, host, pid, program, opened_at, beat = row
    return Session(
        owner=str(owner),
        report_id=int(str(report_id)),
        host=str(host),
        pid=int(str(pid)),
        program=str(program),
        opened_at=_parse(str(opened_at)),
        heartbeat=_parse(str(beat)),
    )


def _rows(
    conn: sqlite3.Connection, where: str = "", args: tuple[object, ...] = ()
) -> list[Session]:
    try:
        rows = conn.execute(f"SELECT {_COLUMNS} FROM sessions {where}", args).fetchall()
    except sqlite3.OperationalError as exc:
        if "no such table" in str(exc):  # a database not yet migrated, opened read-only
            return []
        raise
    return [_session(r) for r in rows]


def sessions(store: Store, report_id: int | None = None) -> list[Session]:
    """Every recorded session (of one report), stale ones included."""
    if report_id is None:
        return _rows(store.conn, "ORDER BY opened_at")
    return _rows(store.conn, "WHERE report_id = ? ORDER BY opened_at", (report_id,))


def holders(store: Store, report_id: int, *, now: datetime | None = None) -> list[Session]:
    """Live sessions of a report (stale ones are left out)."""
    now = now or utc_now()
    return [s for s in sessions(store, report_id) if not s.is_stale(now)]


def live_elsewhere(conn: sqlite3.Connection, *, now: datetime | None = None) -> list[Session]:
    """Live sessions of other processes on any report (restore refuses while there are any)."""
    now = now or utc_now()
    return [s for s in _rows(conn) if not s.in_this_process and not s.is_stale(now)]


def claim(
    store: Store,
    report_id: int,
    *,
    force: bool = False,
    program: str = WINDOW,
    now: datetime | None = None,
) -> Claim | OpenElsewhere:
    """Claim a report for editing, or say who holds it.

    Stale claims are removed on the way. ``force`` takes the report over from a live holder
    (its next heartbeat() returns False). Raises StoreError on a read-only store.
    """
    now = now or utc_now()
    with store.atomic() as conn:
        if conn.execute("SELECT 1 FROM reports WHERE id = ?", (report_id,)).fetchone() is None:
            raise NotFoundError(f"Không có báo cáo số {report_id}.")
        for other in _rows(conn, "WHERE report_id = ? ORDER BY opened_at", (report_id,)):
            if other.is_stale(now) or force:
                conn.execute("DELETE FROM sessions WHERE owner = ?", (other.owner,))
            else:
                return OpenElsewhere(report_id, other)
        owner = new_owner_id()
        conn.execute(
            f"INSERT INTO sessions ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (owner, report_id, this_host(), os.getpid(), program, _stamp(now), _stamp(now)),
        )
    return Claim(report_id, owner, now)


def heartbeat(store: Store, held: Claim, *, now: datetime | None = None) -> bool:
    """Refresh the claim; False when it is no longer ours (taken over, or the database was
    restored from a backup): the window should claim again or switch to read-only."""
    now = now or utc_now()
    with store.atomic() as conn:
        cursor = conn.execute(
            "UPDATE sessions SET heartbeat = ? WHERE owner = ? AND report_id = ?",
            (_stamp(now), held.owner, held.report_id),
        )
        return cursor.rowcount == 1


def release(store: Store, held: Claim) -> None:
    """Give the report up (closing its window). Never raises for a claim already gone;
    a failed write (disk, lock) is ignored, since the claim goes stale by itself."""
    try:
        with store.atomic() as conn:
            conn.execute("DELETE FROM sessions WHERE owner = ?", (held.owner,))
    except StoreError:
        pass


class ChangeWatcher:
    """Tells a window when another connection (window, command line, restore) committed
    anything to the file, using SQLite's ``PRAGMA data_version``; poll it from a timer."""

    def __init__(self, store: Store) -> None:
        self._conn = store.conn
        self._seen = self._version()

    def _version(self) -> int:
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def changed(self) -> bool:
        """True once after each change made elsewhere; this store's own writes don't count."""
        version = self._version()
        if version == self._seen:
            return False
        self._seen = version
        return True
