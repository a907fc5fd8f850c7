"""The report list: a table model over the store's reports, shown by the window's table as is.

A data file gathers reports for years (the Sở Nội vụ's holds thousands), so the list reads only
what is on screen: the rows come from the store a page at a time, in its order (newest period
first), when the view first asks for them. Opening the list costs the same with ten reports or
ten thousand. Filtering and sorting need every row: the first keystroke in the filter box or
click on a column header reads them all once and folds their search text once; later
keystrokes only compare, in one Python loop instead of one call per row from a proxy.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from cchc_desktop.gui.role_span import fill_role_span
from cchc_desktop.periods import Period
from cchc_desktop.store import SIGNED, ReportSummary, Store, StoreError
from cchc_desktop.text import fold

AGENCY, PERIOD, CATALOGUE, STATUS, COMPLETION, PROBLEMS, UPDATED = range(7)
COLUMN_COUNT = 7
PAGE = 50  # rows read from the store at a time: a screen and more on a large monitor

REPORT_ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3  # filled / total as a float in 0..1

ERROR_COLOUR = QColor("#b3261e")
WARNING_COLOUR = QColor("#8a5300")
SIGNED_COLOUR = QColor("#1b6e35")
MUTED_COLOUR = QColor("#6b7480")

_Index = QModelIndex | QPersistentModelIndex

# Plain ints: data() compares the role of every painted cell with them.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_ID = int(REPORT_ID_ROLE)
_SORT = int(SORT_ROLE)
_SEARCH = int(SEARCH_ROLE)
_PROGRESS = int(PROGRESS_ROLE)
_OTHER_ROLES = frozenset((_ID, _PROGRESS, _TOOLTIP, _SORT, _SEARCH))
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren


def format_updated(stamp: str) -> str:
    """dd/MM/yyyy HH:mm in local time from the store's ISO timestamp."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp or ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")


def period_label(period: Period) -> str:
    """ "Quý III năm 2022" in the interface language."""
    labels = {
        "Q1": QCoreApplication.translate("Period", "Quý I năm %1"),
        "H1": QCoreApplication.translate("Period", "6 tháng năm %1"),
        "Q3": QCoreApplication.translate("Period", "Quý III năm %1"),
        "Y": QCoreApplication.translate("Period", "Năm %1"),
    }
    return labels[period.kind].replace("%1", str(period.year))


class ReportListModel(QAbstractTableModel):
    """One row per report, in the store's order (newest period first) unless sorted by a
    column; only the reports matching the filter when one is set."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        # Every report in the store's order; None until its page is read.
        self._rows: list[ReportSummary | None] = []
        self._unread = 0
        # Positions in _rows of the rows shown, when filtered or sorted (None: all, in order).
        self._shown: list[int] | None = None
        self._words: list[str] = []
        self._sort_column = -1
        self._descending = False
        self._haystacks: list[str] | None = None  # folded search text, per position
        self._folded: dict[str, str] = {}  # fold() of each text met: names repeat a lot
        # Texts shown on every painted row, made once per distinct value.
        self._period_labels: dict[Period, str] = {}
        self._period_words: dict[Period, str] = {}
        self._catalogue_words: dict[tuple[str, str], str] = {}
        self._updated_labels: dict[str, str] = {}
        # What each row shows (texts and colours per column), per position, made once: a
        # view asks again on every repaint.
        self._cells: dict[int, tuple[tuple[str, ...], tuple[QColor | None, ...]]] = {}
        self._titles: dict[str, str] = {}
        self._headers = (
            self.tr("Cơ quan"),
            self.tr("Kỳ báo cáo"),
            self.tr("Danh mục"),
            self.tr("Trạng thái"),
            self.tr("Hoàn thành"),
            self.tr("Vấn đề"),
            self.tr("Sửa lần cuối"),
        )

    # -- loading ------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the list from the store again: how many reports, the first page of them and
        the catalogue titles (raises StoreError when the file fails)."""
        total = self._store.report_count()
        first: list[ReportSummary | None] = list(self._store.reports(limit=PAGE))
        titles = self._store.catalogue_titles()
        if len(first) < PAGE:
            total = len(first)  # saved elsewhere between the two reads: the page is right
        self.beginResetModel()
        self._rows = first + [None] * max(0, total - len(first))
        self._unread = len(self._rows) - len(first)
        self._haystacks = None
        self._cells.clear()
        if titles != self._titles:
            self._catalogue_words.clear()
        self._titles = titles
        self._arrange()
        self.endResetModel()

    def set_store(self, store: Store) -> None:
        """Read from another Store from now on (reopened after a restore); call refresh()."""
        self._store = store

    def is_stale(self) -> bool:
        """Whether the store now holds other rows than the ones read (saved by another
        window): the count, every page read so far and the catalogue titles are compared."""
        if self._store.report_count() != len(self._rows):
            return True
        if self._store.catalogue_titles() != self._titles:
            return True
        if not self._unread:
            return self._store.reports() != self._rows
        pages = sorted({pos // PAGE for pos, row in enumerate(self._rows) if row is not None})
        for page in pages:
            start = page * PAGE
            stored = self._store.reports(limit=PAGE, offset=start)
            shown = self._rows[start : start + PAGE]
            if any(old is not None and old != new for old, new in zip(shown, stored, strict=False)):
                return True
        return False

    def _read_page(self, position: int) -> None:
        """Read the page holding ``position`` (the view asked for a row not read yet)."""
        start = position - position % PAGE
        try:
            page = self._store.reports(limit=PAGE, offset=start)
        except StoreError:
            return  # locked for a moment: the row shows blank, and is asked for again
        # Saved elsewhere since the count was read, rows may have moved: the window's change
        # poll reloads the list; until then the rows read now are shown where they fall.
        for offset, summary in enumerate(page[: len(self._rows) - start]):
            if self._rows[start + offset] is None:
                self._rows[start + offset] = summary
                self._unread -= 1

    def _read_all(self) -> bool:
        """Fill every row not read yet, in place; False when the store's list no longer has
        the same length (then only a refresh() can show it)."""
        if not self._unread:
            return True
        rows = self._store.reports()
        if len(rows) != len(self._rows):
            return False
        for position, summary in enumerate(rows):
            if self._rows[position] is None:
                self._rows[position] = summary
        self._unread = 0
        return True

    def _summary_at(self, row: int) -> ReportSummary | None:
        position = row if self._shown is None else self._shown[row]
        summary = self._rows[position]
        if summary is None:
            self._read_page(position)
            summary = self._rows[position]
        return summary

    # -- filtering and sorting ----------------------------------------------------------------

    def set_filter_text(self, text: str) -> None:
        """Show only reports whose agency, period, number, catalogue or status contain every
        word typed, ignoring case and diacritics ("so tttt quy iii")."""
        words = fold(text).split()
        if words == self._words:
            return
        self.beginResetModel()
        self._words = words
        self._arrange()
        self.endResetModel()

    def filter_active(self) -> bool:
        return bool(self._words)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column (a header click), or back to the store's order (column -1). The
        selection stays on the same reports."""
        descending = order == Qt.SortOrder.DescendingOrder
        if column < 0 and self._sort_column < 0:
            return
        if (column, descending) == (self._sort_column, self._descending):
            return
        if column >= 0 and not self._read_all():
            self._sort_column, self._descending = column, descending
            self.refresh()  # the list changed meanwhile: read it all, sorted
            return
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()
        positions = [self._position(index.row()) for index in kept]
        self._sort_column, self._descending = column, descending
        self._arrange()
        row_of = self._rows_by_position()
        self.changePersistentIndexList(
            kept,
            [
                self.index(row_of.get(position, -1), index.column())
                for position, index in zip(positions, kept, strict=True)
            ],
        )
        self.layoutChanged.emit()

    def _position(self, row: int) -> int:
        return row if self._shown is None else self._shown[row]

    def _rows_by_position(self) -> dict[int, int]:
        if self._shown is None:
            return {position: position for position in range(len(self._rows))}
        return {position: row for row, position in enumerate(self._shown)}

    def _arrange(self) -> None:
        """Work out the rows shown for the filter and the sort (all of them, in the store's
        order, when there are neither: nothing more is read)."""
        if not self._words and self._sort_column < 0:
            self._shown = None
            return
        if not self._read_all():  # changed elsewhere since the count: read it all afresh
            self._rows = list(self._store.reports())
            self._unread = 0
            self._haystacks = None
            self._cells.clear()
        positions = list(range(len(self._rows)))
        if self._words:
            haystacks = self._search_texts()
            for word in self._words:  # each word narrows what the next one looks through
                positions = [p for p in positions if word in haystacks[p]]
        if self._sort_column >= 0:
            rows = [row for row in self._rows if row is not None]  # every row is read now
            column = self._sort_column
            keys = {p: self._sort_key(rows[p], column) for p in positions}
            # Stable, as Qt's sort: equal keys keep the store's order, ascending or not.
            positions.sort(key=keys.__getitem__, reverse=self._descending)
        self._shown = positions

    def _search_texts(self) -> list[str]:
        if self._haystacks is None:
            self._haystacks = [
                self._search_text(summary) if summary is not None else "" for summary in self._rows
            ]
        return self._haystacks

    def _search_parts(self, summary: ReportSummary) -> tuple[str, str, str]:
        """The folded search words of a report's agency, period (label and code) and
        catalogue (title and id) with its status: each made once for all the reports that
        share it (thousands of reports, a few dozen agencies and periods)."""
        agency = self._folded.get(summary.agency)
        if agency is None:
            agency = self._folded[summary.agency] = fold(summary.agency)
        period = self._period_words.get(summary.period)
        if period is None:
            period = fold(f"{self.period_label(summary)} {summary.period.code}")
            self._period_words[summary.period] = period
        key = (summary.catalogue_id, summary.status)
        catalogue = self._catalogue_words.get(key)
        if catalogue is None:
            title = self.catalogue_title(summary.catalogue_id)
            catalogue = fold(f"{title} {summary.catalogue_id} {self.status_label(summary)}")
            self._catalogue_words[key] = catalogue
        return agency, period, catalogue

    def _fold(self, text: str) -> str:
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = fold(text)
        return folded

    # -- rows ---------------------------------------------------------------------------------

    def total_count(self) -> int:
        """Every report in the store, filtered out or not."""
        return len(self._rows)

    def summary(self, row: int) -> ReportSummary:
        """The report shown in a row (read from the store if it was not yet)."""
        summary = self._summary_at(row)
        if summary is None:
            raise LookupError(row)
        return summary

    def row_of(self, report_id: int) -> int | None:
        """The row showing a report; None when it is not shown (filtered out, or gone)."""
        position = next(
            (p for p, s in enumerate(self._rows) if s is not None and s.id == report_id), None
        )
        if position is None and self._unread and self._read_all():
            position = next(
                (p for p, s in enumerate(self._rows) if s is not None and s.id == report_id),
                None,
            )
        if position is None:
            return None
        if self._shown is None:
            return position
        return self._rows_by_position().get(position)

    def refresh_report(self, report_id: int) -> None:
        """Re-read one report after an edit; a report that is gone is dropped."""
        row = self.row_of(report_id)
        if row is None:
            self.refresh()
            return
        try:
            summary = self._store.summary(report_id)
        except LookupError:
            self.refresh()
            return
        position = self._position(row)
        self._rows[position] = summary
        self._cells.pop(position, None)
        if self._haystacks is not None:
            self._haystacks[position] = self._search_text(summary)
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    def known_titles(self) -> list[str]:
        """Titles of the catalogues the listed reports were made on."""
        return sorted(set(self._titles.values())) if self._rows else []

    def catalogue_title(self, catalogue_id: str) -> str:
        return self._titles.get(catalogue_id, catalogue_id)

    def describe(self, summary: ReportSummary) -> str:
        """How dialogs name a report: “Sở … — Quý III năm 2022”."""
        return f"{summary.agency} — {self.period_label(summary)}"

    def period_label(self, summary: ReportSummary) -> str:
        label = self._period_labels.get(summary.period)
        if label is None:
            label = self._period_labels[summary.period] = period_label(summary.period)
        return label

    def updated_label(self, summary: ReportSummary) -> str:
        label = self._updated_labels.get(summary.updated_at)
        if label is None:
            label = self._updated_labels[summary.updated_at] = format_updated(summary.updated_at)
        return label

    def status_label(self, summary: ReportSummary) -> str:
        return self.tr("Đã ký") if summary.status == SIGNED else self.tr("Nháp")

    def problems_label(self, summary: ReportSummary) -> str:
        parts = []
        if summary.errors:
            parts.append(self.tr("%n lỗi", "", summary.errors))
        if summary.warnings:
            parts.append(self.tr("%n cảnh báo", "", summary.warnings))
        return ", ".join(parts) if parts else self.tr("Không có")

    # -- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        if parent.isValid():
            return 0
        return len(self._rows) if self._shown is None else len(self._shown)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # One call into Python (Qt's own asks rowCount and columnCount for every index).
        if 0 <= row < self.rowCount(parent) and 0 <= column < COLUMN_COUNT:
            return self.createIndex(row, column)
        return QModelIndex()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        return self._value(index.row(), index.column(), int(role))

    def multiData(self, index: _Index, span: QModelRoleDataSpan) -> None:
        """Every role a view asks of a cell in one call (Qt's default asks data() per role)."""
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return
        row, column = index.row(), index.column()
        fill_role_span(span, lambda role: self._value(row, column, role))

    def _value(self, row: int, column: int, role: int) -> Any:
        if role in (_DISPLAY, _FOREGROUND):
            cells = self._cells_at(row)
            if cells is None:
                return None
            return cells[0][column] if role == _DISPLAY else cells[1][column]
        if role not in _OTHER_ROLES:
            return None
        summary = self._summary_at(row)
        if summary is None:
            return None
        if role == _ID:
            return summary.id
        if role == _PROGRESS:
            return summary.filled / summary.total if summary.total else 0.0
        if role == _TOOLTIP:
            return self._tooltip(summary, column)
        if role == _SORT:
            return self._sort_key(summary, column)
        if role == _SEARCH:
            return self._search_text(summary)
        return None

    # -- cells ---------------------------------------------------------------------------------

    def _cells_at(self, row: int) -> tuple[tuple[str, ...], tuple[QColor | None, ...]] | None:
        position = self._position(row)
        cells = self._cells.get(position)
        if cells is None:
            summary = self._summary_at(row)
            if summary is None:
                return None
            columns = range(COLUMN_COUNT)
            cells = self._cells[position] = (
                tuple(self._display(summary, column) for column in columns),
                tuple(self._foreground(summary, column) for column in columns),
            )
        return cells

    def _display(self, summary: ReportSummary, column: int) -> str:
        if column == AGENCY:
            return summary.agency
        if column == PERIOD:
            return self.period_label(summary)
        if column == CATALOGUE:
            return self.catalogue_title(summary.catalogue_id)
        if column == STATUS:
            return self.status_label(summary)
        if column == COMPLETION:
            return f"{summary.filled}/{summary.total}"
        if column == PROBLEMS:
            return self.problems_label(summary)
        return self.updated_label(summary)

    def _sort_key(self, summary: ReportSummary, column: int) -> Any:
        if column == AGENCY:
            return self._fold(summary.agency)
        if column == PERIOD:
            return summary.period.code.replace("-Y", "-Z")  # Năm sorts after the quarters
        if column == CATALOGUE:
            return self._fold(self.catalogue_title(summary.catalogue_id))
        if column == STATUS:
            return summary.status
        if column == COMPLETION:
            return summary.filled / summary.total if summary.total else 0.0
        if column == PROBLEMS:
            return summary.errors * 10_000 + summary.warnings
        return summary.updated_at

    def _search_text(self, summary: ReportSummary) -> str:
        """Agency, period, number, catalogue and status, folded (case and diacritics gone).
        Folded part by part: no word typed can match across the space between two parts."""
        agency, period, catalogue = self._search_parts(summary)
        number = summary.report_no
        number = number.casefold().strip() if number.isascii() else fold(number)
        return f"{agency} {period} {number} {catalogue}"

    def _tooltip(self, summary: ReportSummary, column: int) -> str | None:
        if column == AGENCY:
            lines = [summary.agency]
            if summary.report_no:
                lines.append(self.tr("Báo cáo số %1").replace("%1", summary.report_no))
            return "\n".join(lines)
        if column == PERIOD:
            return (
                self.tr("%1: từ %2 đến %3")
                .replace("%1", self.period_label(summary))
                .replace("%2", f"{summary.period.start:%d/%m/%Y}")
                .replace("%3", f"{summary.period.end:%d/%m/%Y}")
            )
        if column == COMPLETION:
            return (
                self.tr("Đã nhập %1 trên %2 chỉ tiêu")
                .replace("%1", str(summary.filled))
                .replace("%2", str(summary.total))
            )
        if column == CATALOGUE:
            return self.catalogue_title(summary.catalogue_id)
        return None

    def _foreground(self, summary: ReportSummary, column: int) -> QColor | None:
        if column == STATUS and summary.status == SIGNED:
            return SIGNED_COLOUR
        if column == PROBLEMS:
            if summary.errors:
                return ERROR_COLOUR
            if summary.warnings:
                return WARNING_COLOUR
            return MUTED_COLOUR
        if column == UPDATED:
            return MUTED_COLOUR
        return None
