"""The one API through which reports are read and written.

Every accepted edit is its own committed transaction (WAL, ``synchronous=FULL``), with a row
in ``history``; the window's store syncs its commits on a thread instead (see
:meth:`Store.sync_in_background` and ``wal_sync``). A signed-off report is locked by triggers
in the database itself; this module turns their refusal into :class:`ReportLockedError`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cchc_desktop import migrations
from cchc_desktop.catalogue import (
    Catalogue,
    CatalogueError,
    Item,
    builtin_catalogue,
    builtin_catalogues,
    is_builtin,
    load_catalogue,
    load_catalogue_bytes,
)
from cchc_desktop.periods import Period
from cchc_desktop.records import FrozenRecord, Record, replace, set_field
from cchc_desktop.rules import Evaluation, Evaluator, Problem, evaluate
from cchc_desktop.text import nfc
from cchc_desktop.values import NUMBER_TYPES, ValueInputError, display_value, parse_value
from cchc_desktop.wal_sync import WalSyncer

BUSY_TIMEOUT_MS = 5000
DRAFT = "draft"
SIGNED = "signed"
STATUS_LABELS = {DRAFT: "Nháp", SIGNED: "Đã ký"}


class StoreError(RuntimeError):
    """The environment failed (disk full, read-only, locked, corrupt): tell the clerk."""


class ChangedElsewhereError(StoreError):
    """The cell was saved by another window or program after the caller read it; nothing was
    saved. ``current`` is what the database holds now, so the editor can show it."""

    def __init__(self, message: str, code: str, current: Entry) -> None:
        super().__init__(message)
        self.code = code
        self.current = current


class NotFoundError(LookupError):
    """No such report, catalogue or item."""


class ReportLockedError(PermissionError):
    """The report is signed off and cannot be changed until it is reopened."""


class SignOffRefusedError(ValueError):
    """Sign-off refused because checks report errors."""

    def __init__(self, message: str, problems: Sequence[Problem]) -> None:
        super().__init__(message)
        self.problems = list(problems)


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


class Entry(Record):
    """One cell as stored: its value, the text that could not be read (if any), its note."""

    __slots__ = ("note", "pending", "value")
    value: str | None
    pending: str | None
    note: str

    def __init__(
        self, value: str | None = None, pending: str | None = None, note: str = ""
    ) -> None:
        self.value = value
        self.pending = pending
        self.note = note


class Report(Record):
    """A report with its catalogue and entries, as loaded from the store."""

    __slots__ = (
        "agency",
        "catalogue",
        "created_at",
        "entries",
        "fingerprint",
        "id",
        "period",
        "place",
        "report_date",
        "report_no",
        "signed_date",
        "signer",
        "signer_title",
        "status",
        "superior",
        "updated_at",
    )
    id: int
    catalogue: Catalogue
    agency: str
    superior: str
    place: str
    period: Period
    report_no: str
    report_date: date | None
    status: str
    signer: str | None
    signer_title: str | None
    signed_date: date | None
    fingerprint: str | None
    created_at: str
    updated_at: str
    entries: dict[str, Entry]

    def __init__(
        self,
        id: int,
        catalogue: Catalogue,
        agency: str,
        superior: str,
        place: str,
        period: Period,
        report_no: str,
        report_date: date | None,
        status: str,
        signer: str | None,
        signer_title: str | None,
        signed_date: date | None,
        fingerprint: str | None,
        created_at: str,
        updated_at: str,
        entries: dict[str, Entry] | None = None,
    ) -> None:
        self.id = id
        self.catalogue = catalogue
        self.agency = agency
        self.superior = superior
        self.place = place
        self.period = period
        self.report_no = report_no
        self.report_date = report_date
        self.status = status
        self.signer = signer
        self.signer_title = signer_title
        self.signed_date = signed_date
        self.fingerprint = fingerprint
        self.created_at = created_at
        self.updated_at = updated_at
        self.entries = {} if entries is None else entries  # a new dict for each

    @property
    def signed(self) -> bool:
        return self.status == SIGNED

    def stored_values(self) -> dict[str, str | None]:
        return {code: e.value for code, e in self.entries.items() if e.value is not None}

    def pending_values(self) -> dict[str, str]:
        return {code: e.pending for code, e in self.entries.items() if e.pending is not None}

    def evaluate(self) -> Evaluation:
        return evaluate(self.catalogue, self.stored_values(), self.pending_values())

    def note(self, code: str) -> str:
        entry = self.entries.get(code)
        return entry.note if entry else ""

    def attachment_line(self) -> str:
        """ "(Kèm theo Báo cáo số 174/BC-STTTT ngày 15/9/2022 của …)" without the brackets."""
        number = self.report_no or "……"
        when = (
            f"ngày {self.report_date.day}/{self.report_date.month}/{self.report_date.year}"
            if self.report_date
            else "ngày …/…/…"
        )
        return f"Kèm theo Báo cáo số {number} {when} của {self.agency}"


class ReportSummary(FrozenRecord):
    """A row of the report list (read from the report table alone, so lists stay fast)."""

    __slots__ = (
        "agency",
        "catalogue_id",
        "errors",
        "filled",
        "id",
        "period",
        "report_no",
        "status",
        "total",
        "updated_at",
        "warnings",
    )
    id: int
    catalogue_id: str
    agency: str
    period: Period
    report_no: str
    status: str
    filled: int
    total: int
    errors: int
    warnings: int
    updated_at: str

    def __init__(
        self,
        id: int,
        catalogue_id: str,
        agency: str,
        period: Period,
        report_no: str,
        status: str,
        filled: int,
        total: int,
        errors: int,
        warnings: int,
        updated_at: str,
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "catalogue_id", catalogue_id)
        set_field(self, "agency", agency)
        set_field(self, "period", period)
        set_field(self, "report_no", report_no)
        set_field(self, "status", status)
        set_field(self, "filled", filled)
        set_field(self, "total", total)
        set_field(self, "errors", errors)
        set_field(self, "warnings", warnings)
        set_field(self, "updated_at", updated_at)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "catalogue": self.catalogue_id,
            "agency": self.agency,
            "period": self.period.code,
            "period_label": self.period.label,
            "report_no": self.report_no,
            "status": self.status,
            "filled": self.filled,
            "total": self.total,
            "errors": self.errors,
            "warnings": self.warnings,
            "updated_at": self.updated_at,
        }


class Change(FrozenRecord):
    """What one accepted edit did, for undo and the status bar."""

    __slots__ = (
        "at",
        "code",
        "evaluation",
        "new_note",
        "new_value",
        "old_note",
        "old_value",
        "report_id",
    )
    _compared = ("report_id", "code", "old_value", "new_value", "old_note", "new_note", "at")
    report_id: int
    code: str
    old_value: str | None
    new_value: str | None
    old_note: str
    new_note: str
    at: str
    # The report's evaluation right after this edit, so a window need not evaluate it again
    # (left out of ==, hash and repr).
    evaluation: Evaluation | None

    def __init__(
        self,
        report_id: int,
        code: str,
        old_value: str | None,
        new_value: str | None,
        old_note: str,
        new_note: str,
        at: str,
        evaluation: Evaluation | None = None,
    ) -> None:
        set_field(self, "report_id", report_id)
        set_field(self, "code", code)
        set_field(self, "old_value", old_value)
        set_field(self, "new_value", new_value)
        set_field(self, "old_note", old_note)
        set_field(self, "new_note", new_note)
        set_field(self, "at", at)
        set_field(self, "evaluation", evaluation)


class _Written(Record):
    """The entries of the report last written and their evaluator, as committed; ``mark`` is
    (PRAGMA data_version, total_changes) right after, to tell whether anything wrote since."""

    __slots__ = ("entries", "evaluator", "mark", "report_id")
    report_id: int
    entries: dict[str, Entry]
    evaluator: Evaluator
    mark: tuple[int, int]

    def __init__(
        self,
        report_id: int,
        entries: dict[str, Entry],
        evaluator: Evaluator,
        mark: tuple[int, int],
    ) -> None:
        self.report_id = report_id
        self.entries = entries
        self.evaluator = evaluator
        self.mark = mark


class _Head(FrozenRecord):
    """What a write needs to know of a report: far cheaper than loading it whole."""

    __slots__ = ("catalogue", "id", "signed")
    id: int
    catalogue: Catalogue
    signed: bool

    def __init__(self, id: int, catalogue: Catalogue, signed: bool) -> None:
        set_field(self, "id", id)
        set_field(self, "catalogue", catalogue)
        set_field(self, "signed", signed)


_ENV_MESSAGES = (
    (
        "database or disk is full",
        "Ổ đĩa đã đầy, không ghi được dữ liệu. Hãy giải phóng dung lượng.",
    ),
    ("readonly database", "Tệp dữ liệu chỉ cho phép đọc, không ghi được. Kiểm tra quyền ghi."),
    ("database is locked", "Tệp dữ liệu đang bị một chương trình khác khóa. Hãy thử lại sau."),
    ("not a database", "Tệp dữ liệu bị hỏng hoặc không phải tệp của CCHC Desktop."),
    ("malformed", "Tệp dữ liệu bị hỏng. Hãy khôi phục từ bản sao lưu."),
    ("unable to open", "Không mở được tệp dữ liệu. Kiểm tra đường dẫn và quyền truy cập."),
    ("disk i/o error", "Lỗi đọc/ghi ổ đĩa. Kiểm tra ổ đĩa rồi thử lại."),
)


def environment_message(exc: sqlite3.Error) -> str | None:
    """A Vietnamese message when an SQLite error is the environment's fault, else None."""
    text = str(exc).lower()
    for needle, message in _ENV_MESSAGES:
        if needle in text:
            return message
    return None


READONLY_MESSAGE = (
    "Tệp dữ liệu đang mở ở chế độ chỉ đọc (không có quyền ghi) nên không lưu được thay đổi. "
    "Các báo cáo vẫn xem, in và xuất được."
)


def _can_write(path: Path) -> bool:
    """Whether the file and its folder (where SQLite keeps its -wal and -shm files) are
    writable; os.access also sees Windows' read-only attribute and immutable files."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _is_readonly_failure(exc: BaseException | None) -> bool:
    text = str(exc).lower()
    return isinstance(exc, sqlite3.Error) and ("readonly" in text or "unable to open" in text)


@contextlib.contextmanager
def _translate_errors() -> Iterator[None]:
    try:
        yield
    except sqlite3.DatabaseError as exc:
        if "signed off" in str(exc):
            raise ReportLockedError(
                "Báo cáo đã ký duyệt nên không thể sửa. Hãy mở lại báo cáo để sửa."
            ) from None
        message = environment_message(exc)
        if message is not None:
            raise StoreError(message) from exc
        raise


class Store:
    """Reports in one SQLite file. Open with :meth:`open`; close when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None) -> None:
        self.conn = conn
        self._db: Any = None
        self.path = path
        self.readonly = False  # set by open(): True when the file can only be read
        self._catalogues: dict[str, Catalogue] = {}
        # The entries and evaluator of the report last written, so the next edit neither reads
        # every entry nor evaluates every expression again (see _current_entries).
        self._written: _Written | None = None
        self._syncer: WalSyncer | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path | None, *, readonly: bool = False) -> Store:
        """Open (creating and migrating if needed) the database at ``path``; None = memory.

        A file that cannot be written (read-only file or folder, write-protected stick) opens
        read-only instead, so its reports can still be listed, shown and exported:
        ``store.readonly`` is then True and every write raises StoreError.
        """
        if path is None or str(path) == ":memory:":
            return cls._open(None, "rwc")
        resolved = Path(path)
        exists = resolved.exists()
        if not readonly and exists and not _can_write(resolved):
            readonly = True
        if not readonly:
            try:
                return cls._open(resolved, "rwc")
            except StoreError as exc:
                if not (exists and _is_readonly_failure(exc.__cause__)):
                    raise
        try:
            return cls._open(resolved, "ro")
        except StoreError as exc:
            if not (exists and _is_readonly_failure(exc.__cause__)):
                raise
        # A WAL file in a folder where SQLite cannot create its -shm file: nobody can be
        # writing to it either, so reading it as immutable is safe.
        return cls._open(resolved, "ro&immutable=1")

    @classmethod
    def _open(cls, resolved: Path | None, mode: str) -> Store:
        readonly = mode != "rwc"
        with _translate_errors():
            if resolved is None:
                conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            else:
                if not readonly:
                    try:
                        resolved.parent.mkdir(parents=True, exist_ok=True)
                    except OSError as exc:
                        raise StoreError(
                            f"Không tạo được thư mục {resolved.parent}: {exc.strerror or exc}."
                        ) from exc
                uri = f"{resolved.resolve().as_uri()}?mode={mode}"
                conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            try:
                conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
                conn.execute("PRAGMA foreign_keys = ON")
                if migrations.current_version(conn) > migrations.latest_version():
                    migrations.migrate(conn)  # refuses a newer file before anything is written
                if not readonly:
                    if resolved is not None:
                        conn.execute("PRAGMA journal_mode = WAL")
                    conn.execute("PRAGMA synchronous = FULL")
                    migrations.migrate(conn)
            except BaseException:
                conn.close()
                raise
        store = cls(conn, resolved)
        store.readonly = readonly
        return store

    def sync_in_background(self, on_error: Callable[[str], None] | None = None) -> bool:
        """Commit without waiting for the disk, and sync each commit on a thread right after
        (see wal_sync): the window takes the next key while the disk confirms the last one.
        ``on_error`` gets a Vietnamese message, on that thread, when a sync fails; calling
        this again only replaces it. False (nothing changes) for a memory or read-only store,
        or one SQLite could not put in WAL mode (a network share): with a rollback journal,
        NORMAL would skip syncs that keep the file whole, and there is no log to sync.
        """
        if self.readonly or self.path is None:
            return False
        if self._syncer is None:
            with _translate_errors():
                if self.conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    return False
                # Checkpoints move to the syncer too: inside a commit they would sync twice.
                self.conn.execute("PRAGMA wal_autocheckpoint = 0")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._syncer = WalSyncer(self.path)
        self._syncer.on_error = on_error
        return True

    @property
    def syncer(self) -> WalSyncer | None:
        """The background syncer, when :meth:`sync_in_background` started one."""
        return self._syncer

    def close(self) -> None:
        """Close the file; commits not yet synced in the background are synced first."""
        if self._syncer is not None:
            self._syncer.close()
            self._syncer = None
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def db(self) -> Any:
        """The sqlite-utils view of the connection, made on first use: importing sqlite-utils
        costs ~100 ms (it pulls in numpy when present), too much for the window's start-up."""
        if self._db is None:
            import sqlite_utils

            self._db = sqlite_utils.Database(self.conn)
        return self._db

    @contextlib.contextmanager
    def atomic(self) -> Iterator[sqlite3.Connection]:
        """One write transaction. IMMEDIATE takes the write lock up front, so a second
        process waits (busy timeout) instead of failing half-way through."""
        if self.readonly:
            raise StoreError(READONLY_MESSAGE)
        with _translate_errors():
            if self.conn.in_transaction:  # nested: a savepoint, as sqlite-utils does
                with self.db.atomic():
                    yield self.conn
                return
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
            if self._syncer is not None:
                self._syncer.request()

    # -- catalogues --------------------------------------------------------------------------

    def _remember_catalogue(self, catalogue: Catalogue, origin: str) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO catalogues (digest, id, version, title, body, origin,"
            " installed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                catalogue.digest,
                catalogue.id,
                catalogue.version,
                catalogue.title,
                json.dumps(catalogue.source, ensure_ascii=False),
                origin,
                now_iso(),
            ),
        )
        self._catalogues[catalogue.digest] = catalogue

    def catalogues(self) -> list[Catalogue]:
        """Catalogues a new report can use: built-in ones, and the newest import of each id."""
        chosen: dict[str, Catalogue] = dict(builtin_catalogues())
        rows = self.conn.execute(
            "SELECT digest FROM catalogues WHERE origin = 'imported' ORDER BY installed_at, rowid"
        ).fetchall()
        for (digest,) in rows:
            catalogue = self.catalogue_by_digest(digest)
            chosen[catalogue.id] = catalogue
        return sorted(chosen.values(), key=lambda c: c.id)

    def catalogue(self, catalogue_id: str) -> Catalogue:
        """The current catalogue with this id."""
        for catalogue in self.catalogues():
            if catalogue.id == catalogue_id:
                return catalogue
        known = ", ".join(c.id for c in self.catalogues())
        raise NotFoundError(f"Không có danh mục “{catalogue_id}”. Các danh mục hiện có: {known}.")

    def catalogue_titles(self) -> dict[str, str]:
        """Catalogue id → title of every catalogue a report was made on (newest install wins),
        read from the catalogues table so the report list opens without parsing catalogues."""
        with _translate_errors():
            rows = self.conn.execute(
                "SELECT id, title FROM catalogues ORDER BY installed_at, rowid"
            ).fetchall()
        return {catalogue_id: title for catalogue_id, title in rows}

    def catalogue_by_digest(self, digest: str) -> Catalogue:
        cached = self._catalogues.get(digest)
        if cached is not None:
            return cached
        if is_builtin(digest):
            # KeyError: validated.txt is stale; the copy kept in the database below serves.
            with contextlib.suppress(KeyError):
                catalogue = builtin_catalogue(digest)
                self._catalogues[digest] = catalogue
                return catalogue
        row = self.conn.execute(
            "SELECT body FROM catalogues WHERE digest = ?", (digest,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"Không tìm thấy danh mục có dấu {digest[:12]}.")
        catalogue = load_catalogue(json.loads(row[0]), source="(đã lưu trong tệp dữ liệu)")
        self._catalogues[digest] = catalogue
        return catalogue

    def import_catalogue(self, path: str | Path) -> Catalogue:
        """Install a catalogue file; it becomes the current one for its id."""
        try:
            raw = Path(path).read_bytes()
        except OSError as exc:
            raise CatalogueError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from None
        catalogue = load_catalogue_bytes(raw, source=Path(path).name)
        with self.atomic():
            self.conn.execute(
                "DELETE FROM catalogues WHERE digest = ? AND origin = 'imported'",
                (catalogue.digest,),
            )
            self._remember_catalogue(catalogue, "imported")
            self.conn.execute(
                "UPDATE catalogues SET origin = 'imported', installed_at = ? WHERE digest = ?",
                (now_iso(), catalogue.digest),
            )
        return catalogue

    # -- agencies ------------------------------------------------------------------------------

    def agencies(self) -> list[dict[str, Any]]:
        return [
            {"id": r[0], "name": r[1], "superior": r[2], "place": r[3]}
            for r in self.conn.execute(
                "SELECT id, name, superior, place FROM agencies ORDER BY name"
            )
        ]

    def save_agency(self, name: str, superior: str = "", place: str = "") -> None:
        """Add or update an agency in the pick list (names are data; they get renamed)."""
        name = _required_text(name, "Tên cơ quan")
        with self.atomic():
            self.conn.execute(
                "INSERT INTO agencies (name, superior, place) VALUES (?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET superior = excluded.superior,"
                " place = excluded.place",
                (name, nfc(superior).strip(), nfc(place).strip()),
            )

    # -- reports -----------------------------------------------------------------------------

    def create_report(
        self,
        catalogue_id: str,
        agency: str,
        period: str | Period,
        report_no: str = "",
        report_date: date | None = None,
        *,
        superior: str | None = None,
        place: str | None = None,
    ) -> int:
        """Create a draft report and return its id."""
        catalogue = self.catalogue(catalogue_id)
        agency = _required_text(agency, "Tên cơ quan")
        period = period if isinstance(period, Period) else Period.parse(period)
        known = self.conn.execute(
            "SELECT superior, place FROM agencies WHERE name = ?", (agency,)
        ).fetchone()
        superior = nfc(superior if superior is not None else (known[0] if known else "")).strip()
        place = nfc(place if place is not None else (known[1] if known else "")).strip()
        evaluation = evaluate(catalogue, {})
        stamp = now_iso()
        with self.atomic():
            report_id = self._insert_report(
                catalogue,
                (agency, superior, place, period.code, nfc(report_no or "").strip(), report_date),
                evaluation,
                stamp,
            )
        return report_id

    def _insert_report(
        self,
        catalogue: Catalogue,
        heading: tuple[str, str, str, str, str, date | None],
        evaluation: Evaluation,
        stamp: str,
    ) -> int:
        """Insert a draft report row (inside the caller's transaction) and log its creation.
        ``heading`` is agency, superior, place, period code, report number and date."""
        agency, superior, place, period_code, report_no, report_date = heading
        self._remember_catalogue(catalogue, "builtin")  # no-op when already known
        self.conn.execute(
            "INSERT OR IGNORE INTO agencies (name, superior, place) VALUES (?, ?, ?)",
            (agency, superior, place),
        )
        cursor = self.conn.execute(
            "INSERT INTO reports (catalogue_id, catalogue_digest, agency, superior, place,"
            " period, report_no, report_date, filled, total, errors, warnings,"
            " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                catalogue.id,
                catalogue.digest,
                agency,
                superior,
                place,
                period_code,
                report_no,
                report_date.isoformat() if report_date else None,
                evaluation.filled,
                evaluation.total,
                len(evaluation.errors),
                len(evaluation.warnings),
                stamp,
                stamp,
            ),
        )
        report_id = int(cursor.lastrowid or 0)
        self._log(report_id, None, "status", None, DRAFT, stamp)
        return report_id

    _SUMMARY_SQL = (
        "SELECT id, catalogue_id, agency, period, report_no, status, filled, total, errors,"
        " warnings, updated_at FROM reports"
    )

    def reports(
        self, text: str = "", *, limit: int | None = None, offset: int = 0
    ) -> list[ReportSummary]:
        """Every report, newest period first; ``text`` filters by agency, period or number.
        ``limit`` and ``offset`` read one page of that order (a long list reads what it
        shows)."""
        sql = self._SUMMARY_SQL
        args: tuple[Any, ...] = ()
        if text.strip():
            sql += (
                " WHERE agency LIKE ? OR period LIKE ? OR report_no LIKE ? OR catalogue_id LIKE ?"
            )
            like = f"%{nfc(text.strip())}%"
            args = (like, like, like, like)
        sql += " ORDER BY period DESC, agency, id"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += (limit, offset)
        with _translate_errors():
            return [_summary(r) for r in self.conn.execute(sql, args)]

    def report_count(self) -> int:
        """How many reports there are (what reports() would return)."""
        with _translate_errors():
            row = self.conn.execute("SELECT count(*) FROM reports").fetchone()
        return int(row[0])

    def report_index(self) -> list[tuple[int, str, str, str, str, str]]:
        """(id, agency, period code, report number, catalogue id, status) of every report,
        in the order of reports(): what a list searches, read without building summaries
        (a third of the time of reports() for thousands of reports)."""
        with _translate_errors():
            # Every row: one pass over the table and a sort beats a walk of the period index
            # that looks up each row by id.
            return self.conn.execute(
                "SELECT id, agency, period, report_no, catalogue_id, status FROM reports"
                " NOT INDEXED ORDER BY period DESC, agency, id"  # the order of reports()
            ).fetchall()

    def summaries(self, ids: Iterable[int]) -> list[ReportSummary]:
        """The reports with these ids, those that still exist, in no particular order."""
        wanted = list(dict.fromkeys(ids))
        found: list[ReportSummary] = []
        with _translate_errors():
            for start in range(0, len(wanted), 500):  # well under SQLite's bound-value limit
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = self.conn.execute(f"{self._SUMMARY_SQL} WHERE id IN ({marks})", chunk)
                found += [_summary(row) for row in rows]
        return found

    def summary(self, report_id: int) -> ReportSummary:
        with _translate_errors():
            row = self.conn.execute(self._SUMMARY_SQL + " WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"Không có báo cáo số {report_id}.")
        return _summary(row)

    def report(self, report_id: int) -> Report:
        """Load a report with all its entries."""
        with _translate_errors():
            row = self.conn.execute(
                "SELECT id, catalogue_digest, agency, superior, place, period, report_no,"
                " report_date, status, signer, signer_title, signed_date, fingerprint,"
                " created_at, updated_at FROM reports WHERE id = ?",
                (report_id,),
            ).fetchone()
            if row is None:
                raise NotFoundError(f"Không có báo cáo số {report_id}.")
            entries = {
                code: Entry(value, pending, note)
                for code, value, pending, note in self.conn.execute(
                    "SELECT code, value, pending, note FROM entries WHERE report_id = ?",
                    (report_id,),
                )
            }
        catalogue = self.catalogue_by_digest(row[1])
        entries = {code: _readable(catalogue, code, entry) for code, entry in entries.items()}
        return Report(
            id=row[0],
            catalogue=catalogue,
            agency=row[2],
            superior=row[3],
            place=row[4],
            period=Period.parse(row[5]),
            report_no=row[6],
            report_date=date.fromisoformat(row[7]) if row[7] else None,
            status=row[8],
            signer=row[9],
            signer_title=row[10],
            signed_date=date.fromisoformat(row[11]) if row[11] else None,
            fingerprint=row[12],
            created_at=row[13],
            updated_at=row[14],
            entries=entries,
        )

    def delete_report(self, report_id: int) -> None:
        report = self.report(report_id)
        if report.signed:
            raise ReportLockedError("Báo cáo đã ký duyệt, không xóa được. Hãy mở lại trước.")
        with self.atomic():
            self.conn.execute("DELETE FROM reports WHERE id = ?", (report_id,))

    def update_details(
        self,
        report_id: int,
        *,
        agency: str | None = None,
        superior: str | None = None,
        place: str | None = None,
        report_no: str | None = None,
        report_date: date | str | None = "",
    ) -> None:
        """Change the heading details of a draft (``report_date=""`` leaves the date alone)."""
        fields: dict[str, Any] = {}
        if agency is not None:
            fields["agency"] = _required_text(agency, "Tên cơ quan")
        if superior is not None:
            fields["superior"] = nfc(superior).strip()
        if place is not None:
            fields["place"] = nfc(place).strip()
        if report_no is not None:
            fields["report_no"] = nfc(report_no).strip()
        if report_date != "":
            fields["report_date"] = (
                report_date.isoformat() if isinstance(report_date, date) else None
            )
        if not fields:
            return
        stamp = now_iso()
        with self.atomic():
            self._require_draft(report_id)
            old = self.conn.execute(
                f"SELECT {', '.join(fields)} FROM reports WHERE id = ?", (report_id,)
            ).fetchone()
            assignments = ", ".join(f"{k} = ?" for k in fields)
            self.conn.execute(
                f"UPDATE reports SET {assignments}, updated_at = ? WHERE id = ?",
                (*fields.values(), stamp, report_id),
            )
            for (key, new), previous in zip(fields.items(), old, strict=True):
                if previous != new:
                    self._log(report_id, key, "meta", previous, new, stamp)

    # -- entries -----------------------------------------------------------------------------

    def set_value(
        self,
        report_id: int,
        code: str,
        raw: str | None,
        note: str | None = None,
        *,
        expected: Entry | None = None,
    ) -> Change:
        """Parse and save one value (and optionally its note) in its own transaction.

        Raises ValueInputError (nothing saved) when the value cannot be accepted. ``expected``
        is the cell as the editor showed it: when another window or program has saved a
        different value (or note, if one is given) since, ChangedElsewhereError is raised and
        nothing is saved.
        """
        report = self._head(report_id)
        item = _item(report.catalogue, code)
        value = parse_value(item, raw)
        fields = ("value", "pending") if note is None else ("value", "pending", "note")
        expect = None if expected is None else {item.code: (expected, fields)}
        return self._write_entries(report, [(item, value, None, note)], expect)[0]

    def set_pending(
        self, report_id: int, code: str, raw: str, *, expected: Entry | None = None
    ) -> Change:
        """Keep what the clerk typed although it cannot be accepted: it stays marked as an error
        (and blocks sign-off) until corrected, and is never lost. ``expected`` as set_value."""
        report = self._head(report_id)
        item = _item(report.catalogue, code)
        if not item.editable:
            raise ValueInputError(f"{item.ref()} không nhập được.")
        expect = None if expected is None else {item.code: (expected, ("value", "pending"))}
        return self._write_entries(report, [(item, KEEP, nfc(raw), None)], expect)[0]

    def set_note(
        self, report_id: int, code: str, note: str, *, expected: Entry | None = None
    ) -> Change:
        """Save a note exactly as typed (NFC). ``expected`` as set_value (the note is compared)."""
        report = self._head(report_id)
        item = _item(report.catalogue, code, allow_any=True)
        expect = None if expected is None else {item.code: (expected, ("note",))}
        return self._write_entries(report, [(item, KEEP, KEEP, note)], expect)[0]

    def set_many(
        self, report_id: int, rows: Iterable[tuple[str, str | None, str | None]]
    ) -> list[Change]:
        """Set many (code, raw value, note) rows: all or nothing. A bad row raises
        ValueInputError naming the row (1-based) and nothing is saved."""
        report = self._head(report_id)
        if report.signed:
            raise ReportLockedError("Báo cáo đã ký duyệt nên không thể sửa. Hãy mở lại để sửa.")
        prepared = []
        seen: dict[str, int] = {}
        for number, (code, raw, note) in enumerate(rows, start=1):
            try:
                if code in seen:
                    raise ValueInputError(f"mã {code} đã có ở dòng {seen[code]}")
                seen[code] = number
                item = _item(report.catalogue, code, allow_any=note is not None and not raw)
                value = parse_value(item, raw) if item.editable else None
            except (ValueInputError, NotFoundError) as exc:
                raise ValueInputError(f"Dòng {number}: {exc}") from None
            prepared.append((item, value, None, note))
        return self._write_entries(report, prepared)

    def _head(self, report_id: int) -> _Head:
        with _translate_errors():
            row = self.conn.execute(
                "SELECT catalogue_digest, status FROM reports WHERE id = ?", (report_id,)
            ).fetchone()
        if row is None:
            raise NotFoundError(f"Không có báo cáo số {report_id}.")
        return _Head(report_id, self.catalogue_by_digest(row[0]), row[1] == SIGNED)

    def _write_entries(
        self,
        report: _Head,
        rows: Sequence[tuple[Item, str | _Keep | None, str | _Keep | None, str | None]],
        expect: Mapping[str, tuple[Entry, tuple[str, ...]]] | None = None,
    ) -> list[Change]:
        if report.signed:
            raise ReportLockedError("Báo cáo đã ký duyệt nên không thể sửa. Hãy mở lại để sửa.")
        stamp = now_iso()
        changes = []
        nested = self.conn.in_transaction
        with self.atomic():
            current, evaluator = self._current_entries(report)
            for item, value, pending, note in rows:
                old = current.get(item.code, Entry())
                if expect and item.code in expect:
                    _refuse_if_changed(item, old, *expect[item.code])
                # KEEP: what is stored now, read inside this transaction, so a note saved
                # here never writes back a value another window saved a moment ago.
                if isinstance(value, _Keep):
                    value = old.value
                if isinstance(pending, _Keep):
                    pending = old.pending
                new_note = old.note if note is None else nfc(note)
                self.conn.execute(
                    "INSERT INTO entries (report_id, code, value, pending, note, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(report_id, code) DO UPDATE SET"
                    " value = excluded.value, pending = excluded.pending, note = excluded.note,"
                    " updated_at = excluded.updated_at",
                    (report.id, item.code, value, pending, new_note, stamp),
                )
                if old.value != value:
                    self._log(report.id, item.code, "value", old.value, value, stamp)
                if old.pending != pending and pending is not None:
                    self._log(report.id, item.code, "pending", old.pending, pending, stamp)
                if old.note != new_note:
                    self._log(report.id, item.code, "note", old.note, new_note, stamp)
                current[item.code] = Entry(value, pending, new_note)
                changes.append(
                    Change(report.id, item.code, old.value, value, old.note, new_note, stamp)
                )
            evaluator.update({change.code: change.new_value for change in changes})
            evaluation = evaluator.evaluation(
                {c: e.pending for c, e in current.items() if e.pending is not None}
            )
            self.conn.execute(
                "UPDATE reports SET filled = ?, total = ?, errors = ?, warnings = ?,"
                " updated_at = ? WHERE id = ?",
                (
                    evaluation.filled,
                    evaluation.total,
                    len(evaluation.errors),
                    len(evaluation.warnings),
                    stamp,
                    report.id,
                ),
            )
            mark = self._mark()  # inside the transaction: no other writer can come between
        if not nested:  # committed (a transaction around this one could still roll back)
            self._written = _Written(report.id, current, evaluator, mark)
        return [replace(c, evaluation=evaluation) for c in changes]

    def _current_entries(self, report: _Head) -> tuple[dict[str, Entry], Evaluator]:
        """Every entry of the report and an evaluator of them, inside the write transaction.

        Those of the last write are reused when nothing else wrote to the file since: no other
        connection committed (PRAGMA data_version is unchanged) and this one changed no row
        outside _write_entries (total_changes is unchanged)."""
        written = self._written
        self._written = None  # taken: a write that fails half-way must not leave it behind
        if written is not None and written.report_id == report.id and written.mark == self._mark():
            return written.entries, written.evaluator
        current = {
            code: _readable(report.catalogue, code, Entry(value, pending, note))
            for code, value, pending, note in self.conn.execute(
                "SELECT code, value, pending, note FROM entries WHERE report_id = ?",
                (report.id,),
            )
        }
        evaluator = Evaluator(report.catalogue, {c: e.value for c, e in current.items()})
        return current, evaluator

    def _mark(self) -> tuple[int, int]:
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        return int(version), self.conn.total_changes

    def _log(
        self,
        report_id: int,
        code: str | None,
        field_name: str,
        old: str | None,
        new: str | None,
        stamp: str,
    ) -> None:
        self.conn.execute(
            "INSERT INTO history (report_id, code, field, old, new, at) VALUES (?, ?, ?, ?, ?, ?)",
            (report_id, code, field_name, old, new, stamp),
        )

    def history(self, report_id: int) -> list[dict[str, Any]]:
        """Every change to a report, oldest first."""
        cols = ("id", "code", "field", "old", "new", "at")
        return [
            dict(zip(cols, row, strict=True))
            for row in self.conn.execute(
                "SELECT id, code, field, old, new, at FROM history WHERE report_id = ? ORDER BY id",
                (report_id,),
            )
        ]

    # -- checks, sign-off ----------------------------------------------------------------------

    def validate(self, report_id: int) -> Evaluation:
        """Computed values and problems, plus a tamper error when a signed report no longer
        matches its fingerprint."""
        report = self.report(report_id)
        evaluation = report.evaluate()
        if report.signed and not self.fingerprint_matches(report):
            evaluation.problems.insert(0, tamper_problem())
        return evaluation

    def sign_off(
        self, report_id: int, signer: str, title: str, signed_date: date | None = None
    ) -> str:
        """Sign off a report: refused while any check is an error. Returns the fingerprint."""
        signer = _required_text(signer, "Người ký")
        title = _required_text(title, "Chức vụ người ký")
        signed_date = signed_date or date.today()
        report = self.report(report_id)
        if report.signed:
            raise ReportLockedError("Báo cáo đã được ký duyệt rồi.")
        evaluation = report.evaluate()
        if evaluation.errors:
            raise SignOffRefusedError(
                f"Chưa ký duyệt được: còn {len(evaluation.errors)} lỗi cần sửa.",
                evaluation.errors,
            )
        report.signer, report.signer_title, report.signed_date = signer, title, signed_date
        fingerprint = compute_fingerprint(report)
        stamp = now_iso()
        with self.atomic():
            cursor = self.conn.execute(
                "UPDATE reports SET status = 'signed', signer = ?, signer_title = ?,"
                " signed_date = ?, fingerprint = ?, updated_at = ?"
                " WHERE id = ? AND status = 'draft' AND updated_at = ?",
                (
                    signer,
                    title,
                    signed_date.isoformat(),
                    fingerprint,
                    stamp,
                    report_id,
                    report.updated_at,
                ),
            )
            if cursor.rowcount != 1:  # changed by someone else since we read it
                raise StoreError("Báo cáo vừa được sửa ở nơi khác. Hãy kiểm tra lại rồi ký.")
            self._log(report_id, None, "status", DRAFT, f"{SIGNED} {fingerprint}", stamp)
        return fingerprint

    def reopen(self, report_id: int) -> None:
        """Return a signed-off report to draft; recorded in the history."""
        report = self.report(report_id)
        if not report.signed:
            raise ValueError("Báo cáo đang là bản nháp, không cần mở lại.")
        stamp = now_iso()
        with self.atomic():
            self.conn.execute(
                "UPDATE reports SET status = 'draft', signer = NULL, signer_title = NULL,"
                " signed_date = NULL, fingerprint = NULL, updated_at = ? WHERE id = ?",
                (stamp, report_id),
            )
            self._log(report_id, None, "status", f"{SIGNED} {report.fingerprint}", DRAFT, stamp)

    def fingerprint_matches(self, report: Report) -> bool:
        return report.fingerprint is not None and report.fingerprint == compute_fingerprint(report)

    def import_report(self, report: Report) -> int:
        """Create a report exactly as given (read from an exported file: heading, entries,
        status, signer, fingerprint) in one transaction, and return its new id. ``report.id``
        is ignored. Raises ValueInputError (nothing saved) for an entry the catalogue does not
        accept, or a signed report whose fingerprint does not match its content."""
        catalogue = self.catalogue_by_digest(report.catalogue.digest)
        if not report.agency.strip():
            raise ValueInputError("Tên cơ quan không được để trống.")
        for code, entry in report.entries.items():
            item = _item(catalogue, code, allow_any=True)
            if entry.value is not None and (
                not item.editable or parse_value(item, entry.value) != entry.value
            ):
                raise ValueInputError(f"{item.ref()}: giá trị “{entry.value[:40]}” không hợp lệ.")
            if entry.pending is not None and not item.editable:
                raise ValueInputError(f"{item.ref()} không nhập được.")
        if report.status not in (DRAFT, SIGNED):
            raise ValueInputError(f"Trạng thái “{report.status}” không hợp lệ.")
        if report.signed and not (
            report.signer and report.signer_title and report.signed_date and report.fingerprint
        ):
            raise ValueInputError("Báo cáo đã ký nhưng thiếu người ký, chức vụ hoặc ngày ký.")
        if report.signed and not self.fingerprint_matches(report):
            raise ValueInputError(
                "Nội dung báo cáo không khớp với dấu kiểm tra lúc ký: dữ liệu đã bị sửa."
            )
        evaluation = report.evaluate()
        stamp = now_iso()
        with self.atomic():
            heading = (report.agency, report.superior, report.place, report.period.code)
            report_id = self._insert_report(
                catalogue, (*heading, report.report_no, report.report_date), evaluation, stamp
            )
            for code, entry in sorted(report.entries.items()):
                if entry.value is None and entry.pending is None and not entry.note:
                    continue
                self.conn.execute(
                    "INSERT INTO entries (report_id, code, value, pending, note, updated_at)"
                    " VALUES (?, ?, ?, ?, ?, ?)",
                    (report_id, code, entry.value, entry.pending, entry.note, stamp),
                )
            if report.signed:
                assert report.signed_date is not None
                self.conn.execute(
                    "UPDATE reports SET status = 'signed', signer = ?, signer_title = ?,"
                    " signed_date = ?, fingerprint = ? WHERE id = ?",
                    (
                        report.signer,
                        report.signer_title,
                        report.signed_date.isoformat(),
                        report.fingerprint,
                        report_id,
                    ),
                )
                self._log(report_id, None, "status", DRAFT, f"{SIGNED} {report.fingerprint}", stamp)
        return report_id

    def _require_draft(self, report_id: int) -> None:
        row = self.conn.execute("SELECT status FROM reports WHERE id = ?", (report_id,)).fetchone()
        if row is None:
            raise NotFoundError(f"Không có báo cáo số {report_id}.")
        if row[0] == SIGNED:
            raise ReportLockedError("Báo cáo đã ký duyệt nên không thể sửa. Hãy mở lại để sửa.")


def tamper_problem() -> Problem:
    return Problem(
        "error",
        (),
        "Nội dung báo cáo không còn khớp với bản đã ký (dấu kiểm tra SHA-256 khác): "
        "dữ liệu đã bị sửa bên ngoài chương trình.",
        "dau-ky",
    )


def canonical_content(report: Report) -> dict[str, Any]:
    """What a fingerprint covers: the heading, the signer and every value and note."""
    entries = [
        [code, entry.value, entry.note]
        for code, entry in sorted(report.entries.items())
        if entry.value is not None or entry.note
    ]
    return {
        "catalogue": report.catalogue.id,
        "catalogue_digest": report.catalogue.digest,
        "agency": report.agency,
        "superior": report.superior,
        "place": report.place,
        "period": report.period.code,
        "report_no": report.report_no,
        "report_date": report.report_date.isoformat() if report.report_date else None,
        "signer": report.signer,
        "signer_title": report.signer_title,
        "signed_date": report.signed_date.isoformat() if report.signed_date else None,
        "entries": entries,
    }


def compute_fingerprint(report: Report) -> str:
    """SHA-256 over the canonical JSON of the report's content."""
    text = json.dumps(
        canonical_content(report), ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def short_fingerprint(fingerprint: str) -> str:
    """The first 16 hex digits in groups of four, for footers: 3F2A-91C0-…"""
    head = fingerprint[:16].upper()
    return "-".join(head[i : i + 4] for i in range(0, 16, 4))


def _summary(row: Sequence[Any]) -> ReportSummary:
    return ReportSummary(
        id=row[0],
        catalogue_id=row[1],
        agency=row[2],
        period=Period.parse(row[3]),
        report_no=row[4],
        status=row[5],
        filled=row[6],
        total=row[7],
        errors=row[8],
        warnings=row[9],
        updated_at=row[10],
    )


class _Keep:
    """Marks a field of an entry that a write leaves as it is stored."""


KEEP = _Keep()
_CANONICAL_NUMBER = re.compile(r"-?\d{1,15}(\.\d{1,6})?")


def _refuse_if_changed(item: Item, now: Entry, expected: Entry, fields: tuple[str, ...]) -> None:
    """Optimistic check for an editor that read the cell earlier: another window or the
    command line may have saved it since, and that edit must not be silently overwritten."""
    expected = Entry(expected.value, expected.pending, nfc(expected.note or ""))
    if all(getattr(now, f) == getattr(expected, f) for f in fields):
        return
    if now.pending is not None:
        shown = f"“{now.pending}” (chưa hợp lệ)"
    else:
        shown = display_value(item, now.value) or "(trống)"
    if "note" in fields and now.note != expected.note:
        shown += f", ghi chú “{now.note[:60]}”" if now.note else ", ghi chú trống"
    raise ChangedElsewhereError(
        f"{item.ref()} vừa được sửa ở nơi khác (một cửa sổ hoặc lệnh khác) sau khi bạn mở. "
        f"Giá trị hiện có: {shown}. Thay đổi của bạn chưa được lưu; hãy xem lại rồi nhập lại.",
        item.code,
        now,
    )


def _readable(catalogue: Catalogue, code: str, entry: Entry) -> Entry:
    """The entry as the program can use it. A stored value the program never writes (a
    damaged or hand-edited file) becomes a pending entry: kept and shown as an error that
    blocks sign-off, instead of crashing every screen that reads the report."""
    item = catalogue.by_code.get(code)
    if item is None or item.kind != "value" or entry.value is None:
        return entry
    value = entry.value
    if item.type in NUMBER_TYPES:
        ok = _CANONICAL_NUMBER.fullmatch(value) is not None
    elif item.type == "choice":
        ok = re.fullmatch(r"-?\d{1,9}", value) is not None and any(
            c.code == int(value) for c in item.choices
        )
    else:
        ok = True
    if ok:
        return entry
    return Entry(None, entry.pending if entry.pending is not None else value, entry.note)


def _item(catalogue: Catalogue, code: str, *, allow_any: bool = False) -> Item:
    item = catalogue.by_code.get(code.strip())
    if item is None:
        raise NotFoundError(f"Danh mục {catalogue.id} không có chỉ tiêu mã “{code}”.")
    if not allow_any and not item.editable:
        kind = "dòng tiêu đề nhóm" if item.kind == "group" else "chỉ tiêu được tính tự động"
        raise ValueInputError(f"{item.ref()} là {kind}, không nhập số liệu trực tiếp.")
    return item


def _required_text(text: str | None, field_name: str) -> str:
    cleaned = nfc(text or "").strip()
    if not cleaned:
        raise ValueInputError(f"{field_name} không được để trống.")
    if len(cleaned) > 300:
        raise ValueInputError(f"{field_name} dài quá 300 ký tự.")
    return cleaned
