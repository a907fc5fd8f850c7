"""Rotating backups of the database (SQLite's backup API) and restoring from them.

Backups sit in ``paths.backups_dir(db_path)``, one self-contained file each, named
``<stem>-YYYYMMDD-HHMMSS[-n]-<kind>.sqlite3`` with kind ``auto`` (on start, at most once a
day), ``manual`` (``cchc backup``) or ``pre-restore`` (the file as it was just before a
restore). A copy only takes its place after ``PRAGMA integrity_check`` passes, so a damaged
database never pushes good backups out; the newest ``keep`` (default 10) are kept.

The window calls :func:`backup_on_start` before ``Store.open`` (an upgrade then always has a
backup of the old file), shows :func:`list_backups` in its restore dialog, and calls
:func:`restore` with its own Store closed, reopening it afterwards.
"""

from __future__ import annotations

import argparse
import errno
import glob
import hashlib
import os
import re
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from cchc_desktop import cli, migrations, paths, sessions
from cchc_desktop.durable import fsync_folder
from cchc_desktop.records import FrozenRecord, set_field
from cchc_desktop.store import BUSY_TIMEOUT_MS, Store, StoreError, environment_message

DEFAULT_KEEP = 10
AUTO, MANUAL, PRE_RESTORE = "auto", "manual", "pre-restore"
KIND_LABELS = {
    AUTO: "tự động khi mở chương trình",
    MANUAL: "sao lưu theo yêu cầu",
    PRE_RESTORE: "dữ liệu trước khi khôi phục",
}
_COMPANIONS = ("-wal", "-shm", "-journal")


class BackupError(StoreError):
    """A backup or restore that could not be done; the message says why, in Vietnamese."""


class _DamagedError(BackupError):
    """The database being copied fails its integrity check."""


class Backup(FrozenRecord):
    """One backup file."""

    __slots__ = ("kind", "made_at", "path", "size")
    path: Path
    made_at: datetime
    kind: str
    size: int

    def __init__(self, path: Path, made_at: datetime, kind: str, size: int) -> None:
        set_field(self, "path", path)
        set_field(self, "made_at", made_at)
        set_field(self, "kind", kind)
        set_field(self, "size", size)

    @property
    def label(self) -> str:
        """How the restore dialog lists it: "08:15:30 ngày 12/03/2024 — tự động …"."""
        when = self.made_at.strftime("%H:%M:%S ngày %d/%m/%Y")
        return f"{when} — {KIND_LABELS.get(self.kind, self.kind)} ({_size_text(self.size)})"


def _size_text(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


def _pattern(stem: str) -> re.Pattern[str]:
    return re.compile(
        re.escape(stem)
        + r"-(?P<stamp>\d{8}-\d{6})(?:-(?P<seq>\d+))?-(?P<kind>"
        + "|".join(map(re.escape, KIND_LABELS))
        + r")\.sqlite3"
    )


def list_backups(db_path: str | Path) -> list[Backup]:
    """The backups of this database, newest first."""
    db_path = Path(db_path)
    folder = paths.backups_dir(db_path)
    pattern = _pattern(db_path.stem)
    found: list[tuple[tuple[str, int], Backup]] = []
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    except OSError as exc:
        raise BackupError(_os_message(exc, folder)) from exc
    for name in names:
        m = pattern.fullmatch(name)
        if not m:
            continue
        try:
            made_at = datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S").astimezone()
            size = (folder / name).stat().st_size
        except (ValueError, OSError):
            continue
        key = (m["stamp"], int(m["seq"] or 0))
        found.append((key, Backup(folder / name, made_at, m["kind"], size)))
    return [b for _, b in sorted(found, key=lambda kb: kb[0], reverse=True)]


def latest_backup(db_path: str | Path) -> Backup | None:
    backups = list_backups(db_path)
    return backups[0] if backups else None


def make_backup(
    db_path: str | Path,
    *,
    kind: str = MANUAL,
    keep: int = DEFAULT_KEEP,
    now: datetime | None = None,
) -> Backup:
    """Copy the database into the backups folder, check the copy, then keep the newest
    ``keep`` backups (0 = do not rotate). Raises BackupError with the reason."""
    db_path = Path(db_path)
    if kind not in KIND_LABELS:
        raise ValueError(f"unknown backup kind {kind!r}")
    if not db_path.is_file():
        raise BackupError(f"Chưa có tệp dữ liệu {db_path} để sao lưu.")
    folder = paths.backups_dir(db_path)
    with _os_errors(folder):
        folder.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(folder)
        final = _free_name(folder, db_path.stem, now or datetime.now(), kind)
        tmp = folder / f".{final.name}.tmp"
        try:
            _copy(db_path, tmp)
            problem = _problem(tmp)
            if problem is not None:
                raise _DamagedError(
                    f"Tệp dữ liệu {db_path.name} bị hỏng ({problem}), nên không tạo bản sao lưu "
                    "để bản hỏng không đẩy mất các bản sao lưu tốt. Hãy khôi phục từ bản sao "
                    "lưu gần nhất (lệnh: cchc restore --latest)."
                )
            _fsync(tmp)
            os.replace(tmp, final)
            fsync_folder(folder)
        finally:
            _unlink(tmp)
    if keep > 0:
        rotate(db_path, keep)
    return _describe(final, kind)


def backup_on_start(
    db_path: str | Path, *, keep: int = DEFAULT_KEEP, now: datetime | None = None
) -> Backup | None:
    """The automatic backup when the program starts: at most one a day, always before an
    upgrade of the schema, and none when nothing changed since the newest backup.
    Returns the new backup, or None when none was needed. Raises BackupError (show it as a
    warning; the program can still start)."""
    db_path = Path(db_path)
    if not db_path.is_file():
        return None
    now = now or datetime.now()
    upgrade = _schema_version(db_path) < migrations.latest_version()
    existing = list_backups(db_path)
    if not upgrade and any(b.kind == AUTO and b.made_at.date() == now.date() for b in existing):
        return None
    made = make_backup(db_path, kind=AUTO, keep=0, now=now)
    if not upgrade and existing and content_digest(made.path) == content_digest(existing[0].path):
        _unlink(made.path)  # nothing changed: keep the older, different backups instead
        return None
    rotate(db_path, keep)
    return made


def rotate(db_path: str | Path, keep: int = DEFAULT_KEEP, protect: Iterable[Path] = ()) -> None:
    """Delete all but the newest ``keep`` backups (never those in ``protect``)."""
    kept = {p.resolve() for p in protect}
    for old in list_backups(db_path)[keep:]:
        if old.path.resolve() in kept:
            continue
        for path in (old.path, *(_companion(old.path, s) for s in _COMPANIONS)):
            with _os_errors(path.parent):
                _unlink(path)


def verify_backup(path: str | Path) -> int:
    """Check a backup before restoring it; returns its schema version.
    Raises BackupError when it is damaged, not ours, or from a newer program."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {path}.")
    problem = _problem(path)
    if problem is not None:
        raise BackupError(
            f"Bản sao lưu {path.name} bị hỏng ({problem}): không khôi phục từ bản này. "
            "Hãy chọn một bản sao lưu khác."
        )
    return _schema_version(path)


def restore(
    db_path: str | Path,
    source: str | Path,
    *,
    keep: int = DEFAULT_KEEP,
    force: bool = False,
    now: datetime | None = None,
) -> Backup | None:
    """Replace the database with a backup.

    The backup is copied and checked first; the current file is backed up (kind
    ``pre-restore``; a damaged file is copied as it is) and only then replaced, in one
    SQLite transaction. Refused while another window has the file open, unless ``force``.
    Returns the backup of the file as it was (None when there was no file). The caller's own
    Store must be closed first and reopened afterwards.
    """
    db_path, source = Path(db_path), Path(source)
    if not source.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {source}.")
    if db_path.exists() and source.resolve() == db_path.resolve():
        raise BackupError("Không thể khôi phục một tệp dữ liệu từ chính nó.")
    if db_path.exists() and not (
        os.access(db_path, os.W_OK) and os.access(db_path.parent, os.W_OK)
    ):
        raise BackupError(
            f"Tệp dữ liệu {db_path} chỉ cho phép đọc, nên không khôi phục vào đó được. "
            "Kiểm tra quyền ghi; tệp giữ nguyên."
        )
    with _os_errors(db_path.parent):
        db_path.parent.mkdir(parents=True, exist_ok=True)
    staged = db_path.parent / f".{db_path.name}.restore.tmp"
    safety = None
    try:
        try:
            with _os_errors(db_path.parent):
                _copy(source, staged, what="bản sao lưu")
        except _DamagedError as exc:
            raise BackupError(f"{exc} Tệp dữ liệu hiện tại giữ nguyên.") from exc
        _check_restorable(staged, source.name)
        if db_path.exists():
            _refuse_if_open_elsewhere(db_path, force)
            safety = _safety_copy(db_path, now)
        _put_in_place(staged, db_path)
    finally:
        with _os_errors(db_path.parent):
            _unlink(staged)
    # Opening migrates an older backup; the claims recorded in it are history.
    with Store.open(db_path) as store, store.atomic() as conn:
        conn.execute("DELETE FROM sessions")
    problem = _problem(db_path, live=True)
    if problem is not None:  # pragma: no cover - the copy was checked just before
        raise BackupError(f"Khôi phục chưa thành công ({problem}).")
    rotate(db_path, keep, protect=[source])
    return safety


def content_digest(path: str | Path) -> str:
    """SHA-256 over the schema version and every row except who had reports open: equal
    digests mean the same data, whatever the pages look like."""
    digest = hashlib.sha256()
    with _reading(Path(path)) as conn:
        digest.update(str(migrations.current_version(conn)).encode())
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
                " AND name NOT LIKE 'sqlite_%' AND name != 'sessions' ORDER BY name"
            )
        ]
        for table in tables:
            digest.update(table.encode())
            rows = sorted(repr(row) for row in conn.execute(f'SELECT * FROM "{table}"'))
            for row in rows:
                digest.update(row.encode())
    return digest.hexdigest()


# -- helpers ---------------------------------------------------------------------------------


@contextmanager
def _reading(path: Path, *, live: bool = False) -> Iterator[sqlite3.Connection]:
    """A read-only connection; a backup file is opened immutable (no -shm files beside it)."""
    mode = "ro" if live else "ro&immutable=1"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(_sqlite_message(exc)) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        yield conn
    finally:
        conn.close()


def _copy(source: Path, target: Path, what: str = "tệp dữ liệu") -> None:
    """Copy with SQLite's backup API (consistent even while another process writes), into
    one self-contained file (journal mode DELETE, no -wal beside it)."""
    _unlink(target)
    try:
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise BackupError(_sqlite_message(exc)) from exc
    try:
        src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        message = environment_message(exc)
        if message is None or "hỏng" in message:
            raise _DamagedError(
                f"Không đọc được {what} {source.name}: tệp bị hỏng hoặc không phải tệp dữ liệu."
            ) from exc
        raise BackupError(message) from exc
    finally:
        src.close()


def _problem(path: Path, *, live: bool = False) -> str | None:
    """Why this file is not a sound CCHC database, or None."""
    try:
        with _reading(path, live=live) as conn:
            rows = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
            if rows != ["ok"]:
                return "kiểm tra toàn vẹn không đạt"
            version = migrations.current_version(conn)
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
    except BackupError as exc:
        return str(exc).rstrip(".")
    except sqlite3.DatabaseError as exc:
        message = environment_message(exc)
        if message is None or "hỏng" in message:
            return "không phải tệp dữ liệu SQLite hoặc đã hỏng"
        return message.rstrip(".")
    if version == 0 or not _expected_tables(min(version, migrations.latest_version())) <= tables:
        return "không phải tệp dữ liệu của CCHC Desktop"
    return None


def _expected_tables(version: int) -> set[str]:
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        for migration in migrations.migrations()[:version]:
            for statement in migrations._statements(migration.sql):
                conn.execute(statement)
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()


def _check_restorable(staged: Path, name: str) -> None:
    problem = _problem(staged)
    if problem is not None:
        raise BackupError(
            f"Bản sao lưu {name} bị hỏng ({problem}): không khôi phục từ bản này, tệp dữ liệu "
            "hiện tại giữ nguyên. Hãy chọn một bản sao lưu khác."
        )
    version = _schema_version(staged)
    if version > migrations.latest_version():
        raise BackupError(
            f"Bản sao lưu {name} do phiên bản CCHC Desktop mới hơn tạo ra (lược đồ {version}); "
            "hãy cập nhật chương trình trước khi khôi phục. Tệp dữ liệu hiện tại giữ nguyên."
        )


def _schema_version(path: Path) -> int:
    try:
        with _reading(path, live=True) as conn:
            return migrations.current_version(conn)
    except (sqlite3.Error, BackupError):
        return migrations.latest_version()  # unreadable: make_backup will say why


def _refuse_if_open_elsewhere(db_path: Path, force: bool) -> None:
    if force:
        return
    try:
        with _reading(db_path, live=True) as conn:
            others = sessions.live_elsewhere(conn)
    except (sqlite3.Error, BackupError):
        return  # a damaged file: nobody can be working in it
    if others:
        first = others[0]
        where = "trên máy này" if first.on_this_computer else f"trên máy {first.host}"
        since = first.opened_at.astimezone().strftime("%H:%M ngày %d/%m/%Y")
        raise BackupError(
            f"Tệp dữ liệu đang được mở để sửa ở nơi khác ({where}, từ {since}). Hãy đóng "
            "cửa sổ đó rồi khôi phục, hoặc dùng --force nếu chắc chắn nơi kia đã tắt."
        )


def _safety_copy(db_path: Path, now: datetime | None) -> Backup:
    try:
        return make_backup(db_path, kind=PRE_RESTORE, keep=0, now=now)
    except _DamagedError:
        pass
    # A damaged file is still kept, byte for byte with its -wal, for whoever can rescue it.
    folder = paths.backups_dir(db_path)
    final = _free_name(folder, db_path.stem, now or datetime.now(), PRE_RESTORE)
    with _os_errors(folder):
        shutil.copyfile(db_path, final)
        wal = _companion(db_path, "-wal")
        if wal.exists():
            shutil.copyfile(wal, _companion(final, "-wal"))
        _fsync(final)
    return _describe(final, PRE_RESTORE)


def _put_in_place(staged: Path, db_path: Path) -> None:
    """Write the staged copy into the live file in one SQLite transaction (safe with WAL and
    with other connections); a file SQLite cannot use at all is replaced instead."""
    if db_path.exists():
        try:
            src = sqlite3.connect(f"{staged.resolve().as_uri()}?mode=ro", uri=True)
            try:
                dst = sqlite3.connect(db_path)
                try:
                    dst.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                    src.backup(dst)
                finally:
                    dst.close()
            finally:
                src.close()
            return
        except sqlite3.Error as exc:
            message = environment_message(exc)
            if message is not None and "hỏng" not in message:
                raise BackupError(message) from exc
    with _os_errors(db_path.parent):
        for suffix in _COMPANIONS:  # they belong to the file being replaced
            _unlink(_companion(db_path, suffix))
        replacement = db_path.parent / f".{db_path.name}.replace.tmp"
        shutil.copyfile(staged, replacement)
        _fsync(replacement)
        os.replace(replacement, db_path)
        fsync_folder(db_path.parent)


def _free_name(folder: Path, stem: str, now: datetime, kind: str) -> Path:
    stamp = now.strftime("%Y%m%d-%H%M%S")
    for seq in range(1000):
        suffix = f"-{seq}" if seq else ""
        taken = list(folder.glob(f"{glob.escape(stem)}-{stamp}{suffix}-*.sqlite3"))
        if not taken:  # unique whatever the kind, so the order of backups is never a tie
            return folder / f"{stem}-{stamp}{suffix}-{kind}.sqlite3"
    raise BackupError("Quá nhiều bản sao lưu trong cùng một giây.")  # pragma: no cover


def _describe(path: Path, kind: str) -> Backup:
    m = re.search(r"-(\d{8}-\d{6})(?:-\d+)?-[a-z-]+\.sqlite3$", path.name)
    made_at = datetime.strptime(m[1], "%Y%m%d-%H%M%S") if m else datetime.now()
    return Backup(path, made_at.astimezone(), kind, path.stat().st_size)


def _companion(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _remove_leftovers(folder: Path) -> None:
    """Temporary files of a backup interrupted by a power cut."""
    for leftover in folder.glob(".*.tmp"):
        _unlink(leftover)


def _unlink(path: Path) -> None:
    path.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    try:
        with open(path, "rb+") as fh:
            os.fsync(fh.fileno())
    except OSError:
        pass  # best effort: the copy is already complete and checked


def _sqlite_message(exc: sqlite3.Error) -> str:
    return environment_message(exc) or f"Lỗi cơ sở dữ liệu khi sao lưu ({exc})."


def _os_message(exc: OSError, folder: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return "Ổ đĩa đã đầy, không ghi được bản sao lưu. Hãy giải phóng dung lượng."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Không có quyền ghi vào thư mục {folder}. Kiểm tra quyền ghi."
    return f"Lỗi hệ thống tệp ở {folder}: {exc.strerror or exc}."


@contextmanager
def _os_errors(folder: Path) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise BackupError(_os_message(exc, folder)) from exc


# -- command line ----------------------------------------------------------------------------


def _add_backup_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("backup", parents=[common], help="sao lưu tệp dữ liệu")
    parser.add_argument("--list", action="store_true", help="liệt kê các bản sao lưu")
    parser.add_argument(
        "--keep", type=_positive, default=DEFAULT_KEEP, help="số bản giữ lại (mặc định 10)"
    )


def _add_restore_parser(sub: Any, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser("restore", parents=[common], help="khôi phục từ một bản sao lưu")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("file", nargs="?", help="tệp sao lưu")
    which.add_argument("--latest", action="store_true", help="bản sao lưu mới nhất")
    parser.add_argument(
        "--force", action="store_true", help="khôi phục cả khi tệp đang mở ở nơi khác"
    )


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"“{text}” phải là một số nguyên dương")
    return int(text)


def cmd_backup(args: argparse.Namespace) -> int:
    db_path = paths.database_path(args.db)
    if args.list:
        backups = list_backups(db_path)
        if not backups:
            print(f"Chưa có bản sao lưu nào trong {paths.backups_dir(db_path)}.")
        for b in backups:
            print(f"{b.path}\t{b.label}")
        return cli.EXIT_OK
    made = make_backup(db_path, keep=args.keep)
    print(made.path)
    return cli.EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    db_path = paths.database_path(args.db)
    if args.latest:
        newest = latest_backup(db_path)
        if newest is None:
            raise BackupError(f"Chưa có bản sao lưu nào trong {paths.backups_dir(db_path)}.")
        source = newest.path
    else:
        source = Path(args.file)
    safety = restore(db_path, source, force=args.force)
    print(f"Đã khôi phục tệp dữ liệu {db_path} từ bản sao lưu {source}.")
    if safety is not None:
        print(f"Dữ liệu trước khi khôi phục được giữ lại ở {safety.path}.")
    return cli.EXIT_OK


cli.register_without_store("backup", _add_backup_parser, cmd_backup)
cli.register_without_store("restore", _add_restore_parser, cmd_restore)
