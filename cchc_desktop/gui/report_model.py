"""Qt item models of one open report: the appendix rows, a per-section view of them, the problems.

One :class:`ReportDocument` owns the store connection for a report, the loaded
:class:`~cchc_desktop.store.Report`, its evaluation and the undo stack. One :class:`ReportModel`
holds every printed row of the appendix (section rows, groups, indicators) as a flat table; each
tab shows one :class:`SectionProxy` of it. :class:`ProblemsModel` lists errors and warnings.
"""

from __future__ import annotations

import re
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QIcon,
    QPainter,
    QPixmap,
    QUndoCommand,
    QUndoStack,
)

from cchc_desktop.catalogue import Catalogue, Item, Section
from cchc_desktop.gui.role_span import fill_role_span
from cchc_desktop.records import FrozenRecord, set_field
from cchc_desktop.rules import ERROR, WARNING, Evaluation, Problem
from cchc_desktop.store import (
    Change,
    ChangedElsewhereError,
    Entry,
    NotFoundError,
    Report,
    ReportLockedError,
    Store,
    StoreError,
    tamper_problem,
)
from cchc_desktop.text import fold, nfc
from cchc_desktop.values import NUMBER_TYPES, ValueInputError, display_value

COL_STT, COL_NAME, COL_UNIT, COL_VALUE, COL_NOTE = range(5)
COLUMN_COUNT = 5

SECTION, GROUP, VALUE, COMPUTED = "section", "group", "value", "computed"

_IndexLike = QModelIndex | QPersistentModelIndex


class Roles(IntEnum):
    """Custom data roles of :class:`ReportModel`."""

    KIND = int(Qt.ItemDataRole.UserRole) + 1  # section | group | value | computed
    CODE = KIND + 1  # item code ("" on a section row)
    ITEM = KIND + 2  # the catalogue Item (None on a section row)
    SECTION_INDEX = KIND + 3
    SEVERITY = KIND + 4  # "error" | "warning" | "" for this cell
    PENDING = KIND + 5  # True when the value cell holds typed text that was not accepted
    ENTRY = KIND + 6  # a copy of the stored Entry, taken by a cell editor when it opens


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_USER = int(Qt.ItemDataRole.UserRole)
# What a problem marker changes in a value cell (the delegate paints the bar from the same
# state at paint time). No role here makes a view measure the row again.
_MARKER_ROLES = [_BACKGROUND, _FOREGROUND, _TOOLTIP]

# A calm palette: markers must stand out against it, so rows themselves stay pale.
SECTION_BG = QColor("#dbe5f1")
GROUP_BG = QColor("#eef2f7")
COMPUTED_BG = QColor("#f0f2f5")
ERROR_BG = QColor("#fde4e2")
WARNING_BG = QColor("#fff3cd")
ERROR_COLOR = QColor("#c0281c")
WARNING_COLOR = QColor("#b7791f")
COMPUTED_FG = QColor("#344054")

_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_CENTER = int(Qt.AlignmentFlag.AlignCenter)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_EDITABLE_FLAGS = _FLAGS | Qt.ItemFlag.ItemIsEditable
_ALIGN_LEFT_TOP = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
_ALIGN_RIGHT_TOP = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
_ALIGN_CENTER_TOP = int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)


def tr(text: str, n: int = -1) -> str:
    """Translate a string of this module's free functions (context "ReportModel")."""
    return QCoreApplication.translate("ReportModel", text, "", n)


def severity_label(severity: str) -> str:
    """Lỗi / Cảnh báo in the interface language."""
    if severity == ERROR:
        return QCoreApplication.translate("ReportModel", "Lỗi")
    if severity == WARNING:
        return QCoreApplication.translate("ReportModel", "Cảnh báo")
    return severity


def now_label() -> str:
    """The status text after a write: "Đã lưu lúc 14:32:05"."""
    return QCoreApplication.translate("ReportModel", "Đã lưu lúc %1").replace(
        "%1", f"{datetime.now():%H:%M:%S}"
    )


class CellEdit(FrozenRecord):
    """What a cell editor commits: the text, and the cell as it was when editing began (so a
    change saved meanwhile by another window is refused instead of overwritten)."""

    __slots__ = ("base", "text")
    text: str
    base: Entry | None

    def __init__(self, text: str, base: Entry | None = None) -> None:
        set_field(self, "text", text)
        set_field(self, "base", base)


class Row(FrozenRecord):
    """One printed row of the appendix."""

    __slots__ = ("item", "kind", "section", "section_index")
    kind: str
    section_index: int
    section: Section
    item: Item | None

    def __init__(self, kind: str, section_index: int, section: Section, item: Item | None) -> None:
        set_field(self, "kind", kind)
        set_field(self, "section_index", section_index)
        set_field(self, "section", section)
        set_field(self, "item", item)

    @property
    def code(self) -> str:
        return self.item.code if self.item is not None else ""


class SectionStats(FrozenRecord):
    """What a tab title counts: filled cells and problems of one section."""

    __slots__ = ("errors", "filled", "total", "warnings")
    filled: int
    total: int
    errors: int
    warnings: int

    def __init__(self, filled: int, total: int, errors: int, warnings: int) -> None:
        set_field(self, "filled", filled)
        set_field(self, "total", total)
        set_field(self, "errors", errors)
        set_field(self, "warnings", warnings)


def unit_text(item: Item) -> str:
    """The Đơn vị tính cell: the unit, or a choice legend one option per line."""
    if item.type == "choice" and not item.unit:
        return "\n".join(f"{c.label} = {c.code}" for c in item.choices)
    return item.unit


def expected_hint(item: Item) -> str:
    """A short Vietnamese hint of what a value cell takes."""
    if item.type == "integer":
        return QCoreApplication.translate("ReportModel", "Số nguyên, ví dụ 46.104")
    if item.type == "decimal":
        return QCoreApplication.translate("ReportModel", "Số, ví dụ 33,33")
    if item.type == "percent":
        return QCoreApplication.translate("ReportModel", "Tỷ lệ % từ 0 đến 100, ví dụ 93,69")
    if item.type == "choice":
        choices = ", ".join(f"{c.label} ({c.code})" for c in item.choices)
        return QCoreApplication.translate("ReportModel", "Chọn: %1").replace("%1", choices)
    return QCoreApplication.translate("ReportModel", "Nội dung chữ")


def _index_problems(evaluation: Evaluation) -> dict[str, tuple[Problem, ...]]:
    by_code: dict[str, list[Problem]] = {}
    for problem in evaluation.problems:
        for code in problem.codes:
            by_code.setdefault(code, []).append(problem)
    return {code: tuple(problems) for code, problems in by_code.items()}


class _CellCommand(QUndoCommand):
    """One accepted edit of a cell. It is pushed after the write, so the first redo is a no-op;
    undo and later redos write the old or new entry back through the store."""

    def __init__(
        self, document: ReportDocument, code: str, field: str, before: Entry, after: Entry
    ) -> None:
        item = document.catalogue.by_code[code]
        name = _short(item.name, 40)
        if field == "note":
            text = QCoreApplication.translate("ReportModel", "sửa ghi chú của “%1”").replace(
                "%1", name
            )
        else:
            blank = QCoreApplication.translate("ReportModel", "trống")
            old = before.pending or display_value(item, before.value) or blank
            new = after.pending or display_value(item, after.value) or blank
            text = (
                QCoreApplication.translate("ReportModel", "sửa “%1”: %2 → %3")
                .replace("%1", name)
                .replace("%2", _short(old, 20))
                .replace("%3", _short(new, 20))
            )
        super().__init__(text)
        self._document = document
        self._code = code
        self._field = field
        self._before = before
        self._after = after
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._document.restore(self._code, self._field, self._after, expected=self._before)

    def undo(self) -> None:
        self._document.restore(self._code, self._field, self._before, expected=self._after)


class ReportDocument(QObject):
    """An open report: reads and writes go through the store; every change is announced."""

    changed = Signal(list)  # codes whose cells may have changed; [] means every cell
    stateChanged = Signal()  # status, signer, heading details or read-only mode changed
    saved = Signal(str)  # "Đã lưu lúc 14:32:05"
    storeError = Signal(str)  # a write failed; Vietnamese message for the clerk
    conflict = Signal(str, str)  # (code, message): the cell was saved elsewhere meanwhile
    cellTouched = Signal(str, int)  # (code, column) written by an undo or redo

    def __init__(self, store: Store, report_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.report_id = report_id
        self.undo_stack = QUndoStack(self)
        self.read_only = False  # open for viewing only (another window edits it)
        self.report, self.evaluation = self._load()
        self._problems = _index_problems(self.evaluation)
        # Codes of the last ``changed`` announcement whose shown text may have changed (written,
        # or computed again); the other codes announced only changed their problem markers.
        self.texts_changed: frozenset[str] = frozenset()

    # -- reading --------------------------------------------------------------------------------

    def _load(self) -> tuple[Report, Evaluation]:
        report = self.store.report(self.report_id)
        evaluation = report.evaluate()
        if report.signed and not self.store.fingerprint_matches(report):
            evaluation.problems.insert(0, tamper_problem())
        return report, evaluation

    @property
    def catalogue(self) -> Catalogue:
        return self.report.catalogue

    @property
    def signed(self) -> bool:
        return self.report.signed

    @property
    def editable(self) -> bool:
        """Whether cells and heading can be changed here: a draft, not opened for viewing only."""
        return not self.report.signed and not self.read_only

    def set_read_only(self, read_only: bool) -> None:
        """Switch to viewing only (another window has the report open for editing) and back."""
        if read_only == self.read_only:
            return
        self.read_only = read_only
        # Undoing into a report somebody else now edits would write over their work.
        self.undo_stack.clear()
        self.changed.emit([])
        self.stateChanged.emit()

    def entry(self, code: str) -> Entry:
        entry = self.report.entries.get(code)
        return Entry(entry.value, entry.pending, entry.note) if entry else Entry()

    def value(self, code: str) -> str | None:
        """The stored or computed canonical value."""
        return self.evaluation.values.get(code)

    def edit_text(self, item: Item) -> str:
        """What the value cell shows and its editor starts from: pending text, else the value."""
        entry = self.report.entries.get(item.code)
        if entry is not None and entry.pending is not None:
            return entry.pending
        return display_value(item, self.evaluation.values.get(item.code))

    def problem_codes(self) -> list[str]:
        """Codes named by at least one problem (their value cells carry a marker)."""
        return list(self._problems)

    def problems_for(self, code: str) -> tuple[Problem, ...]:
        return self._problems.get(code, ())

    def severity_for(self, code: str) -> str:
        problems = self._problems.get(code, ())
        if any(p.severity == ERROR for p in problems):
            return ERROR
        return WARNING if problems else ""

    def section_stats(self, index: int) -> SectionStats:
        section = self.catalogue.sections[index]
        codes = {i.code for i in section.items}
        counted = [i for i in section.items if i.kind != GROUP]
        values = self.evaluation.values
        errors = warnings = 0
        for problem in self.evaluation.problems:
            if codes.intersection(problem.codes):
                if problem.severity == ERROR:
                    errors += 1
                else:
                    warnings += 1
        filled = sum(1 for i in counted if values.get(i.code) is not None)
        return SectionStats(filled, len(counted), errors, warnings)

    # -- writing --------------------------------------------------------------------------------

    def write_value(self, code: str, text: str, base: Entry | None = None) -> bool:
        """Save what the clerk typed in a value cell. Unreadable text is kept as pending (marked
        as an error, never dropped). ``base`` is the cell as it was when the clerk started
        typing (default: as loaded now). False when nothing could be written."""
        item = self.catalogue.by_code[code]
        if not item.editable:
            return False
        text = nfc(text)
        before = base if base is not None else self.entry(code)
        if text.strip() == _entry_text(item, before).strip():
            return True  # the editor closed on what was there when it opened
        if not self.editable:
            self._not_saved(item, text)
            return False
        try:
            try:
                change = self.store.set_value(self.report_id, code, text, expected=before)
                after = Entry(change.new_value, None, change.new_note)
            except ValueInputError:
                change = self.store.set_pending(self.report_id, code, text, expected=before)
                after = Entry(change.new_value, nfc(text), change.new_note)
        except (StoreError, ReportLockedError, NotFoundError, ValueInputError) as exc:
            self._fail(exc, code, text)
            return False
        return self._after_write(code, "value", before, after, change)

    def write_note(self, code: str, text: str, base: Entry | None = None) -> bool:
        """Save a note exactly as typed (``base`` as in write_value)."""
        if code not in self.catalogue.by_code:
            return False
        before = base if base is not None else self.entry(code)
        if nfc(text) == before.note:
            return True
        if not self.editable:
            self._not_saved(self.catalogue.by_code[code], text)
            return False
        try:
            change = self.store.set_note(self.report_id, code, text, expected=before)
        except (StoreError, ReportLockedError, NotFoundError, ValueInputError) as exc:
            self._fail(exc, code, text)
            return False
        # A note leaves the value and the pending text as they were stored.
        after = Entry(change.new_value, self.entry(code).pending, change.new_note)
        return self._after_write(code, "note", before, after, change)

    def _after_write(
        self, code: str, field: str, before: Entry, after: Entry, change: Change
    ) -> bool:
        if not self._took(code, after, change):
            return False
        if after != before:
            self.undo_stack.push(_CellCommand(self, code, field, before, after))
        return True

    def _took(self, code: str, after: Entry, change: Change) -> bool:
        """Take in a write this document made: the cell's new entry and the evaluation the
        store computed with it, without reading and evaluating the whole report again."""
        if change.evaluation is None:  # a store that does not say: read everything
            return self._refresh([code])
        self.report.entries[code] = after
        self._announce(self.report, change.evaluation, [code])
        self.saved.emit(now_label())
        return True

    def restore(self, code: str, field: str, entry: Entry, expected: Entry | None = None) -> None:
        """Write an entry back (undo/redo): the value or pending text, or the note. ``expected``
        is what the undo step left in the cell: anything else was saved elsewhere since."""
        item = self.catalogue.by_code[code]
        if not self.editable:
            return
        now = expected if expected is not None else self.entry(code)
        try:
            if field == "note":
                change = self.store.set_note(self.report_id, code, entry.note, expected=now)
                after = Entry(change.new_value, self.entry(code).pending, change.new_note)
            else:
                # The display form reads back to the same stored value (46.104 → 46104).
                raw = display_value(item, entry.value) or None
                change = self.store.set_value(self.report_id, code, raw, expected=now)
                after = Entry(change.new_value, None, change.new_note)
                if entry.pending is not None:
                    change = self.store.set_pending(self.report_id, code, entry.pending)
                    after = Entry(change.new_value, nfc(entry.pending), change.new_note)
        except (StoreError, ReportLockedError, ValueInputError) as exc:
            self._fail(exc, code)
            return
        if self._took(code, after, change):
            self.cellTouched.emit(code, COL_NOTE if field == "note" else COL_VALUE)

    def update_details(self, **fields: Any) -> None:
        """Change heading details (see Store.update_details). ValueInputError propagates so the
        caller can show it beside the field; environment failures are announced."""
        if not self.editable:
            return
        try:
            self.store.update_details(self.report_id, **fields)
        except (StoreError, ReportLockedError, NotFoundError) as exc:
            self._fail(exc)
            return
        if self.reload():
            self.saved.emit(now_label())

    def reopen(self) -> bool:
        """Return a signed-off report to draft."""
        if self.read_only:
            return False
        try:
            self.store.reopen(self.report_id)
        except (StoreError, ValueError) as exc:
            self._fail(exc)
            return False
        self.undo_stack.clear()
        return self.reload()

    def reload(self) -> bool:
        """Read everything again (after sign-off, reopen, heading changes or a failure)."""
        try:
            loaded = self._load()
        except (StoreError, NotFoundError) as exc:
            self.storeError.emit(str(exc))
            return False
        self._take(*loaded)
        self.changed.emit([])
        self.stateChanged.emit()
        return True

    def refresh_from_store(self) -> bool:
        """Take in what another window or program committed: only the cells that differ are
        announced, so the cursor and an open cell editor stay where they are. True when
        anything changed. Raises NotFoundError when the report was deleted elsewhere."""
        try:
            report, evaluation = self._load()
        except StoreError:
            return False  # locked or unreadable for a moment: the next poll tries again
        old = self.report
        if _heading(report) != _heading(old):
            self._take(report, evaluation)
            self.changed.emit([])
            self.stateChanged.emit()
            return True
        codes = [
            code
            for code in old.entries.keys() | report.entries.keys()
            if old.entries.get(code, Entry()) != report.entries.get(code, Entry())
        ]
        if not codes:
            self.report = report  # updated_at may differ: keep the newest
            return False
        self._announce(report, evaluation, codes)
        return True

    def _take(self, report: Report, evaluation: Evaluation) -> None:
        self.report, self.evaluation = report, evaluation
        self._problems = _index_problems(evaluation)
        if report.signed:
            self.undo_stack.clear()  # a signed report cannot be edited, nor undone into

    def _refresh(self, codes: list[str]) -> bool:
        try:
            report, evaluation = self._load()
        except (StoreError, NotFoundError) as exc:
            self.storeError.emit(str(exc))
            return False
        self._announce(report, evaluation, codes)
        self.saved.emit(now_label())
        return True

    def _announce(self, report: Report, evaluation: Evaluation, codes: list[str]) -> None:
        """Take a freshly loaded report and announce the cells that changed: ``codes`` and
        every computed value or problem marker that differs."""
        old_values, old_problems = self.evaluation.values, self._problems
        self._take(report, evaluation)
        texts = set(codes)
        for item in self.catalogue.computed_order:
            if old_values.get(item.code) != self.evaluation.values.get(item.code):
                texts.add(item.code)
        touched = set(texts)
        for code in old_problems.keys() | self._problems.keys():
            if old_problems.get(code) != self._problems.get(code):
                touched.add(code)
        self.texts_changed = frozenset(texts)
        self.changed.emit(sorted(touched))

    def _not_saved(self, item: Item, text: str) -> None:
        """Text typed into a cell that can no longer be saved here (signed off or opened for
        editing elsewhere meanwhile): say so, with the text, so it is not lost unseen."""
        if self.signed:
            why = self.tr("Báo cáo vừa được ký duyệt nên không sửa được nữa.")
        else:
            why = self.tr("Báo cáo đang mở chỉ để xem nên không sửa được ở cửa sổ này.")
        self.storeError.emit(
            f"{item.ref()}: {why} "
            + self.tr("Nội dung bạn vừa gõ chưa được lưu: “%1”.").replace("%1", _short(text, 200))
        )

    def _fail(self, exc: Exception, code: str = "", typed: str | None = None) -> None:
        message = str(exc)
        if isinstance(exc, ChangedElsewhereError):
            # Edited elsewhere (another window, the CLI): never overwrite, show what is stored
            # now, and repeat what the clerk typed so it can be entered again.
            if typed is not None and typed.strip():
                message += " " + self.tr("Bạn đã gõ: “%1”.").replace("%1", _short(typed, 200))
            self.reload()
            self.conflict.emit(exc.code or code, message)
            return
        if isinstance(exc, ReportLockedError):
            self.reload()  # signed off meanwhile: show it locked
        self.storeError.emit(message)


def _entry_text(item: Item, entry: Entry) -> str:
    """The text a value cell showed for an entry (pending text, else the value)."""
    if entry.pending is not None:
        return entry.pending
    return display_value(item, entry.value)


def _heading(report: Report) -> tuple[Any, ...]:
    """Everything of a report but its entries (what the header and the banners show)."""
    return (
        report.agency,
        report.superior,
        report.place,
        report.report_no,
        report.report_date,
        report.status,
        report.signer,
        report.signer_title,
        report.signed_date,
        report.fingerprint,
        report.catalogue.digest,
    )


class ReportModel(QAbstractTableModel):
    """Every printed row of one report, as in the appendix:
    STT | Chỉ tiêu thống kê | Đơn vị tính | Số liệu | Ghi chú (or the catalogue's last column)."""

    def __init__(self, document: ReportDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        catalogue = document.catalogue
        self._rows: list[Row] = []
        self._row_of: dict[str, int] = {}
        self._section_ranges: list[tuple[int, int]] = []
        for index, section in enumerate(catalogue.sections):
            start = len(self._rows)
            self._rows.append(Row(SECTION, index, section, None))
            for item in section.items:
                self._row_of[item.code] = len(self._rows)
                kind = item.kind if item.kind in (GROUP, COMPUTED) else VALUE
                self._rows.append(Row(kind, index, section, item))
            self._section_ranges.append((start, len(self._rows)))
        self._headers = [
            self.tr("STT"),
            self.tr("Chỉ tiêu thống kê"),
            self.tr("Đơn vị tính"),
            self.tr("Số liệu"),
            # The last column is named by the catalogue; the usual name is translated.
            self.tr("Ghi chú") if catalogue.last_column == "Ghi chú" else catalogue.last_column,
        ]
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        # Colours, not QBrushes, for the background and text roles (Qt makes the brush): the
        # first QBrush built from Python makes PySide6 load QGradient, QImage and QPixmap with
        # their enums to choose its constructor (≈ 18 M instructions of the start-up).
        self._colours = {
            SECTION: SECTION_BG,
            GROUP: GROUP_BG,
            COMPUTED: COMPUTED_BG,
            ERROR: ERROR_BG,
            WARNING: WARNING_BG,
            "pending": ERROR_COLOR,
            "computed_fg": COMPUTED_FG,
        }
        self._haystacks: list[str] | None = None
        # Rows made tall by a long note, as last measured by the section's table (each row is
        # in one section, so one table measures it): their text starts at the top.
        self._tall: set[int] = set()
        document.changed.connect(self._on_changed)

    # -- structure ------------------------------------------------------------------------------

    def rowCount(self, parent: _IndexLike = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _IndexLike = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def row_of(self, code: str) -> int:
        """The model row of an item code (KeyError when unknown)."""
        return self._row_of[code]

    def row_cells(self, row: int) -> list[tuple[str, bool]]:
        """Each cell's text and whether it is bold, the way a row is measured (the value
        column measured in the regular font)."""
        line = self._rows[row]
        heading = line.kind in (SECTION, GROUP)
        return [
            (self._text(line, column), heading and column in (COL_STT, COL_NAME))
            for column in range(COLUMN_COUNT)
        ]

    def set_row_tall(self, row: int, tall: bool) -> None:
        """Told by the view that measured it: whether a row is tall (taller than four lines).
        The row is painted again anyway, its height having changed."""
        if tall:
            self._tall.add(row)
        else:
            self._tall.discard(row)

    def marked_rows(self, section_index: int) -> list[tuple[int, str]]:
        """(model row, "error" | "warning") of the item rows of a section with a problem."""
        start, end = self._section_ranges[section_index]
        out = []
        for code in self.document.problem_codes():
            row = self._row_of.get(code)
            if row is not None and start <= row < end:
                out.append((row, self.document.severity_for(code)))
        return out

    def section_range(self, index: int) -> tuple[int, int]:
        """Model rows [start, end) of a section, its own heading row first."""
        return self._section_ranges[index]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < COLUMN_COUNT:
            if role == _DISPLAY:
                return self._headers[section]
            if role == _ALIGN:
                return _ALIGN_CENTER
        return None

    def flags(self, index: _IndexLike) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        row = self._rows[index.row()]
        if not self.document.editable or row.kind == SECTION:
            return _FLAGS
        column = index.column()
        if (column == COL_VALUE and row.kind == VALUE) or column == COL_NOTE:
            return _EDITABLE_FLAGS
        return _FLAGS

    # -- data -----------------------------------------------------------------------------------

    def data(self, index: _IndexLike, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        return self._data(index.row(), index.column(), int(role))

    def multiData(self, index: _IndexLike, span: QModelRoleDataSpan) -> None:
        """Every role a view asks of a cell in one call (Qt's default asks data() once per
        role: seven calls into Python for each cell painted)."""
        if not index.isValid():
            return
        number, column = index.row(), index.column()
        fill_role_span(span, lambda role: self._data(number, column, role))

    def index(
        self,
        row: int,
        column: int,
        parent: _IndexLike = QModelIndex(),  # noqa: B008
    ) -> QModelIndex:
        # One call into Python per index (Qt's own asks rowCount and columnCount each time,
        # and the section proxies make an index of this model for every cell they show).
        if 0 <= row < len(self._rows) and 0 <= column < COLUMN_COUNT and not parent.isValid():
            return self.createIndex(row, column)
        return QModelIndex()

    def _data(self, number: int, column: int, role: int) -> Any:
        row = self._rows[number]
        item = row.item
        if role in (_DISPLAY, _EDIT):
            return self._text(row, column)
        if role == _FONT:
            if row.kind in (SECTION, GROUP) and column in (COL_STT, COL_NAME):
                return self._bold
            if column == COL_VALUE and item is not None and self._pending(item.code):
                return self._italic
            return None
        if role == _BACKGROUND:
            return self._background(row, column)
        if role == _FOREGROUND:
            if column == COL_VALUE and item is not None:
                if self._pending(item.code):
                    return self._colours["pending"]
                if row.kind == COMPUTED:
                    return self._colours["computed_fg"]
            return None
        if role == _ALIGN:
            # In a row made tall by a long note, text starts at the top, where the eye reads
            # the row from (centred, it may be scrolled out of sight).
            tall = number in self._tall
            if column in (COL_STT, COL_UNIT):
                return _ALIGN_CENTER_TOP if tall else _ALIGN_CENTER
            number = item is not None and item.type in NUMBER_TYPES
            if column == COL_VALUE and number and not self._pending(row.code):
                return _ALIGN_RIGHT_TOP if tall else _ALIGN_RIGHT
            return _ALIGN_LEFT_TOP if tall else _ALIGN_LEFT
        if role == _TOOLTIP:
            return self._tooltip(row, column)
        if role >= Roles.KIND:
            return self._custom(row, column, role)
        return None

    def _pending(self, code: str) -> bool:
        entry = self.document.report.entries.get(code)
        return entry is not None and entry.pending is not None

    def _text(self, row: Row, column: int) -> str:
        item = row.item
        if item is None:
            if column == COL_STT:
                return row.section.stt
            return row.section.title if column == COL_NAME else ""
        if column == COL_STT:
            return item.stt
        if column == COL_NAME:
            return item.name
        if column == COL_UNIT:
            return unit_text(item)
        if column == COL_VALUE:
            return "" if row.kind == GROUP else self.document.edit_text(item)
        entry = self.document.report.entries.get(item.code)
        return entry.note if entry is not None else ""

    def _background(self, row: Row, column: int) -> QColor | None:
        if row.kind == SECTION:
            return self._colours[SECTION]
        if row.kind == GROUP and column != COL_NOTE:
            return self._colours[GROUP]
        if column == COL_VALUE and row.item is not None:
            severity = self.document.severity_for(row.item.code)
            if severity:
                return self._colours[severity]
            if row.kind == COMPUTED:
                return self._colours[COMPUTED]
        return None

    def _tooltip(self, row: Row, column: int) -> str | None:
        item = row.item
        if item is None:
            return f"{row.section.label}" if column == COL_NAME else None
        if column == COL_NAME:
            return f"{item.name}\n" + self.tr("Mã chỉ tiêu: %1").replace("%1", item.code)
        if column == COL_VALUE and row.kind != GROUP:
            lines = [
                f"{severity_label(p.severity)}: {p.message}"
                for p in self.document.problems_for(item.code)
            ]
            if row.kind == COMPUTED:
                lines.append(self._formula_hint(item))
            elif not lines and self.document.editable:
                lines.append(expected_hint(item))
            return "\n".join(lines) or None
        if column == COL_NOTE:
            note = self._text(row, COL_NOTE)
            return note or item.note_hint or None
        return None

    def _formula_hint(self, item: Item) -> str:
        assert item.formula is not None
        catalogue = self.document.catalogue
        parts = sorted(
            (catalogue.by_code[name] for name in item.formula.names if name in catalogue.by_code),
            key=lambda i: i.position,
        )
        names = "\n".join(f"• {p.name} ({p.code})" for p in parts)
        return (
            self.tr("Tự động tính, không nhập tay. Công thức: %1").replace(
                "%1", item.formula.source
            )
            + "\n"
            + self.tr("Từ các chỉ tiêu:")
            + f"\n{names}"
        )

    def _custom(self, row: Row, column: int, role: int) -> Any:
        if role == Roles.KIND:
            return row.kind
        if role == Roles.CODE:
            return row.code
        if role == Roles.ITEM:
            return row.item
        if role == Roles.SECTION_INDEX:
            return row.section_index
        if role == Roles.SEVERITY:
            if column == COL_VALUE and row.item is not None:
                return self.document.severity_for(row.item.code)
            return ""
        if role == Roles.PENDING:
            return column == COL_VALUE and row.item is not None and self._pending(row.item.code)
        if role == Roles.ENTRY:
            return self.document.entry(row.item.code) if row.item is not None else None
        return None

    def setData(self, index: _IndexLike, value: Any, role: int = _EDIT) -> bool:
        if not index.isValid() or int(role) != _EDIT:
            return False
        if not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        row = self._rows[index.row()]
        assert row.item is not None
        base = None
        if isinstance(value, CellEdit):
            value, base = value.text, value.base
        text = "" if value is None else str(value)
        if index.column() == COL_VALUE:
            return self.document.write_value(row.item.code, text, base)
        if index.column() == COL_NOTE:
            return self.document.write_note(row.item.code, text, base)
        return False

    def _on_changed(self, codes: list[str]) -> None:
        if not self._rows:
            return
        if not codes:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, COL_NOTE))
            return
        texts = self.document.texts_changed
        for code in codes:
            row = self._row_of.get(code)
            if row is None:
                continue
            if code in texts:
                # The value or the note was written: views re-measure the row, whose new text
                # (a note, unreadable pending text) may wrap.
                self.dataChanged.emit(self.index(row, COL_VALUE), self.index(row, COL_NOTE))
            else:
                # Only its problem marker: no text changed, so no row needs measuring again.
                value = self.index(row, COL_VALUE)
                self.dataChanged.emit(value, value, _MARKER_ROLES)

    # -- filtering ------------------------------------------------------------------------------

    def matching_rows(self, query: str) -> set[int] | None:
        """Rows to show for a filter: items whose code, STT, name or note contain every word
        (diacritics and case ignored), with the group heading above each, and every item of a
        matching group. None when the query is blank (show everything)."""
        words = fold(nfc(query)).split()
        if not words:
            return None
        if self._haystacks is None:
            self._haystacks = [
                fold(f"{r.code} {r.item.stt} {r.item.name}") if r.item is not None else ""
                for r in self._rows
            ]
        matched: set[int] = set()
        group_row: int | None = None
        group_hit = False
        for number, row in enumerate(self._rows):
            if row.item is None:
                group_row, group_hit = None, False
                continue
            haystack = self._haystacks[number]
            note = self.document.report.note(row.code)
            if note:
                haystack = f"{haystack} {fold(note)}"
            hit = all(word in haystack for word in words)
            if row.kind == GROUP:
                group_row, group_hit = number, hit
                if hit:
                    matched.add(number)
                continue
            if hit or group_hit:
                matched.add(number)
                if group_row is not None:
                    matched.add(group_row)
        for start, end in self._section_ranges:
            if any(r in matched for r in range(start + 1, end)):
                matched.add(start)
        return matched

    def match_count(self, rows: set[int] | None, section_index: int) -> int:
        """How many indicators (not headings) of a section a filter shows."""
        start, end = self._section_ranges[section_index]
        if rows is None:
            return sum(1 for r in range(start, end) if self._rows[r].kind in (VALUE, COMPUTED))
        return sum(1 for r in rows if start <= r < end and self._rows[r].kind in (VALUE, COMPUTED))


class SectionProxy(QSortFilterProxyModel):
    """The rows of one section (its heading first), optionally narrowed by a filter."""

    def __init__(
        self,
        model: ReportModel,
        section_index: int,
        parent: QObject | None = None,
        *,
        visible: set[int] | None = None,
    ):
        super().__init__(parent)
        self._section_index = section_index
        self._start, self._end = model.section_range(section_index)
        self._visible: set[int] | None = visible
        # Which rows show depends on the filter alone, never on the data: an edit must not make
        # every section's proxy test its rows again.
        self.setDynamicSortFilter(False)
        self.setSourceModel(model)

    @property
    def section_index(self) -> int:
        return self._section_index

    def report_model(self) -> ReportModel:
        model = self.sourceModel()
        assert isinstance(model, ReportModel)
        return model

    def set_visible_rows(self, rows: set[int] | None) -> None:
        """Show only these model rows (None: the whole section)."""
        if rows == self._visible:
            return
        if hasattr(self, "beginFilterChange"):  # Qt ≥ 6.9; invalidateFilter is deprecated
            self.beginFilterChange()
            self._visible = rows
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._visible = rows
            self.invalidateRowsFilter()

    def multiData(self, index: _IndexLike, span: QModelRoleDataSpan) -> None:
        # Qt's proxies answer it one role at a time; the report model answers all at once.
        if index.isValid():
            self.report_model().multiData(self.mapToSource(index), span)

    def filterAcceptsRow(self, source_row: int, source_parent: _IndexLike) -> bool:
        if source_parent.isValid() or not self._start <= source_row < self._end:
            return False
        return self._visible is None or source_row in self._visible


class _ProblemRow(FrozenRecord):
    """A line of the problems list: the problem, the cell it names and where that is."""

    __slots__ = ("code", "problem", "section_index", "where")
    problem: Problem
    section_index: int  # -1 when the problem names no cell
    code: str
    where: str

    def __init__(self, problem: Problem, section_index: int, code: str, where: str) -> None:
        set_field(self, "problem", problem)
        set_field(self, "section_index", section_index)
        set_field(self, "code", code)
        set_field(self, "where", where)


class ProblemsModel(QAbstractTableModel):
    """Errors then warnings of the report, each with where it is (Mức độ | Vị trí | Nội dung)."""

    def __init__(
        self, document: ReportDocument, parent: QObject | None = None, *, live: bool = True
    ) -> None:
        """``live``: follow every change of the document at once; otherwise the owner calls
        refresh() when it suits it (the editor does, after the cell's own repaint)."""
        super().__init__(parent)
        self.HEADERS = (self.tr("Mức độ"), self.tr("Vị trí"), self.tr("Nội dung"))
        self.document = document
        self._rows: list[_ProblemRow] = []
        self._icons: dict[str, QIcon] = {}
        self._problems: list[Problem] = []
        self._rebuild()
        if live:
            document.changed.connect(self._on_changed)

    def rowCount(self, parent: _IndexLike = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _IndexLike = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and int(role) == _DISPLAY
            and 0 <= section < len(self.HEADERS)
        ):
            return self.HEADERS[section]
        return None

    def flags(self, index: _IndexLike) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _IndexLike, role: int = _DISPLAY) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        role = int(role)
        if role == _DISPLAY:
            if column == 0:
                return severity_label(row.problem.severity)
            return row.where if column == 1 else row.problem.message
        if role == _TOOLTIP:
            return row.problem.message
        if role == _DECORATION and column == 0 and QGuiApplication.instance() is not None:
            return self._icon(row.problem.severity)
        if role == _FOREGROUND and column == 0:
            return ERROR_COLOR if row.problem.severity == ERROR else WARNING_COLOR
        if role == _USER:
            return (row.section_index, row.code)
        if role == _USER + 1:
            return row.problem.severity
        return None

    def location(self, row: int) -> tuple[int, str]:
        """(section index, item code) of a problem row; (-1, "") when it names no cell."""
        entry = self._rows[row]
        return entry.section_index, entry.code

    def counts(self) -> tuple[int, int]:
        errors = sum(1 for r in self._rows if r.problem.severity == ERROR)
        return errors, len(self._rows) - errors

    def _icon(self, severity: str) -> QIcon:
        icon = self._icons.get(severity)
        if icon is None:
            icon = severity_icon(severity)
            self._icons[severity] = icon
        return icon

    def _on_changed(self, _codes: list[str]) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Show the document's problems as they are now (most edits leave them as they were:
        only a list that changed is shown again)."""
        if self._problems == self.document.evaluation.problems:
            return
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def _rebuild(self) -> None:
        self._problems = list(self.document.evaluation.problems)
        catalogue = self.document.catalogue
        rows: list[tuple[tuple[int, int], _ProblemRow]] = []
        section_of = {s.code: n for n, s in enumerate(catalogue.sections)}
        for problem in self.document.evaluation.problems:
            items = sorted(
                (catalogue.by_code[c] for c in problem.codes if c in catalogue.by_code),
                key=lambda i: i.position,
            )
            if items:
                first = items[0]
                section_index = section_of[first.section_code]
                section = catalogue.sections[section_index]
                where = f"{section.stt.strip().rstrip('.')}. {_short(first.name, 48)}"
                position = first.position
            else:
                section_index, where, position = -1, self.tr("Toàn báo cáo"), -1
            order = (0 if problem.severity == ERROR else 1, position)
            rows.append(
                (order, _ProblemRow(problem, section_index, items[0].code if items else "", where))
            )
        rows.sort(key=lambda pair: pair[0])
        self._rows = [row for _, row in rows]


def _short(text: str, limit: int) -> str:
    text = re.sub(r"\s+", " ", text).strip().lstrip("-–+• ").strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def severity_icon(severity: str, size: int = 14) -> QIcon:
    """A small round marker: red with "!" for an error, amber for a warning."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(ERROR_COLOR if severity == ERROR else QColor("#e0a100"))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.setPen(QColor("white"))
    font = QFont()
    font.setBold(True)
    font.setPixelSize(size - 4)
    painter.setFont(font)
    painter.drawText(pixmap.rect(), int(Qt.AlignmentFlag.AlignCenter), "!")
    painter.end()
    return QIcon(pixmap)
