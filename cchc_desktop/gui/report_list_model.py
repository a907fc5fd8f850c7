"""The report list: a table model over the store's reports, shown by the window's table as is.

A data file gathers reports for years (the Sở Nội vụ's holds thousands), so the list reads only
what is on screen: the rows come from the store a page at a time, in its order (newest period
first), when the view first asks for them. Opening the list costs the same with ten reports or
ten thousand. Filtering looks at every report: the search index (each report's id and the five
fields searched, read without building rows, their folded text made once per agency, period
and catalogue) is read while the list sits idle after its first paint, or by the first
keystroke if it comes sooner; keystrokes then only compare, in one Python loop instead of one
call per row from a proxy, and read by id the few rows they show. Sorting by a column header
reads every row once.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor

from cchc_desktop.gui.labels import period_label
from cchc_desktop.gui.role_span import fill_role_span
from cchc_desktop.periods import Period
from cchc_desktop.store import SIGNED, ReportSummary, Store, StoreError
from cchc_desktop.text import fold

AGENCY, PERIOD, CATALOGUE, STATUS, COMPLETION, PROBLEMS, UPDATED = range(7)
COLUMN_COUNT = 7
PAGE = 50  # rows read from the store at a time: a screen and more on a large monitor
INDEX_CHUNK = 800  # search texts folded per idle turn (≈ 0.5 ms)

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


def format_updated(stamp: str) -> str:
    """dd/MM/yyyy HH:mm in local time from the store's ISO timestamp."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return stamp or ""
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")


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
        # The search index: every report's id and folded search text, per position, read
        # apart from the rows (a narrow read, see _search_texts) and ahead of the first
        # keystroke while the list sits idle (see prefetch_search_index).
        self._ids: list[int] | None = None
        self._haystacks: list[str] | None = None
        self._index_rows: list[tuple[int, str, str, str, str, str]] | None = None
        self._index_texts: list[str] = []  # folded so far, in idle turns
        self._prefetch = QTimer(self)
        self._prefetch.setSingleShot(True)
        self._prefetch.timeout.connect(self._prefetch_step)
        self._prefetch_failed = False
        self._folded: dict[str, str] = {}  # fold() of each text met: names repeat a lot
        # Texts shown on every painted row, made once per distinct value.
        self._period_labels: dict[Period, str] = {}
        self._period_words: dict[str, str] = {}  # by period code
        self._catalogue_words: dict[tuple[str, str], str] = {}
        self._updated_labels: dict[str, str] = {}
        # What each row shows (texts and colours per column), per position, made once: a
        # view asks again on every repaint.
        self._cells: dict[int, tuple[tuple[str, ...], tuple[QColor | None, ...]]] = {}
        # Positions of the rows with a text Qt must draw itself (several lines, tabs).
        self._awkward: set[int] = set()
        self._titles: dict[str, str] = {}
        self._bare = False
        self._span_dirty = False
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
        self._forget_index()
        self._forget_cells()
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

    def _read_shown(self, row: int) -> None:
        """Read the unread reports among a page of shown rows from ``row`` on, by id: the
        rows a filter shows are scattered over the whole list, one page read each would
        read pages of rows it does not show."""
        assert self._shown is not None and self._ids is not None
        positions = [p for p in self._shown[row : row + PAGE] if self._rows[p] is None]
        try:
            found = {s.id: s for s in self._store.summaries(self._ids[p] for p in positions)}
        except StoreError:
            return  # locked for a moment: the row shows blank, and is asked for again
        for position in positions:
            summary = found.get(self._ids[position])
            if summary is not None:  # None: deleted elsewhere; the change poll reloads
                self._rows[position] = summary
                self._unread -= 1

    def _read_all_rows(self) -> None:
        """Read every row afresh (the store's list changed since the count was read)."""
        self._rows = list(self._store.reports())
        self._unread = 0
        self._forget_index()
        self._forget_cells()

    def _summary_at(self, row: int) -> ReportSummary | None:
        position = row if self._shown is None else self._shown[row]
        summary = self._rows[position]
        if summary is None:
            if self._shown is not None and self._ids is not None:
                self._read_shown(row)
            else:
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
        if words:
            # Read before the reset: a store error (the file locked a moment) then leaves the
            # list as it was, not half reset; the caller says so and the next keystroke retries.
            self._search_texts()
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
        if self._sort_column >= 0 and not self._read_all():
            self._read_all_rows()  # changed elsewhere since the count: read it all afresh
        haystacks = self._search_texts() if self._words else []
        positions = list(range(len(self._rows)))
        # Each word narrows what the next one looks through: the longest (rarest) first.
        for word in sorted(self._words, key=len, reverse=True):
            positions = [p for p in positions if word in haystacks[p]]
        if self._sort_column >= 0:
            rows = [row for row in self._rows if row is not None]  # every row is read now
            column = self._sort_column
            keys = {p: self._sort_key(rows[p], column) for p in positions}
            # Stable, as Qt's sort: equal keys keep the store's order, ascending or not.
            positions.sort(key=keys.__getitem__, reverse=self._descending)
        self._shown = positions

    # -- the search index ----------------------------------------------------------------------

    def _search_texts(self) -> list[str]:
        """Every report's folded search text, per position: from the rows when all are read,
        else from the store's narrow index read (ids and the five searched fields, no
        summaries built), finishing what the idle prefetch began."""
        if self._haystacks is not None:
            return self._haystacks
        self._prefetch.stop()
        if not self._unread:
            rows = [s for s in self._rows if s is not None]
            self._ids = [s.id for s in rows]
            self._haystacks = [self._search_text(s) for s in rows]
            return self._haystacks
        index = self._index_rows if self._index_rows is not None else self._store.report_index()
        if not self._index_fits(index):
            self._read_all_rows()  # changed elsewhere since the count: read it all afresh
            return self._search_texts()
        texts = self._index_texts if self._index_rows is not None else []
        texts += self._fold_index(index[len(texts) :])
        self._ids = [r[0] for r in index]
        self._haystacks = texts
        self._index_rows, self._index_texts = None, []
        return self._haystacks

    def _index_fits(self, index: list[tuple[int, str, str, str, str, str]]) -> bool:
        """Whether the index read lines up with the rows read (same reports, same order)."""
        if len(index) != len(self._rows):
            return False
        return all(s is None or s.id == r[0] for s, r in zip(self._rows, index, strict=True))

    def _forget_index(self) -> None:
        self._ids = self._haystacks = self._index_rows = None
        self._index_texts = []
        self._prefetch.stop()
        self._prefetch_failed = False

    def prefetch_search_index(self, delay_ms: int = 250) -> None:
        """Read and fold the search index in idle turns, from ``delay_ms`` on, so that the
        first keystroke in the filter box only compares (the table calls this once it has
        painted; a keystroke before it is done finishes it at once)."""
        if self._haystacks is not None or self._prefetch_failed or self._prefetch.isActive():
            return
        if self._unread or self._rows:
            self._prefetch.start(delay_ms)

    def search_index_ready(self) -> bool:
        return self._haystacks is not None

    def _prefetch_step(self) -> None:
        """One idle turn: the narrow read, or the folding of the next INDEX_CHUNK rows."""
        if self._haystacks is not None:
            return
        if not self._unread:
            self._search_texts()  # every row is read: folding them is quick
            return
        if self._index_rows is None:
            try:
                index = self._store.report_index()
            except (StoreError, sqlite3.Error):
                self._prefetch_failed = True  # locked or closed: the first keystroke reads it
                return
            if not self._index_fits(index):
                self._prefetch_failed = True  # changed elsewhere: the change poll reloads
                return
            self._index_rows, self._index_texts = index, []
        else:
            done = len(self._index_texts)
            self._index_texts += self._fold_index(self._index_rows[done : done + INDEX_CHUNK])
            if len(self._index_texts) == len(self._index_rows):
                self._ids = [r[0] for r in self._index_rows]
                self._haystacks = self._index_texts
                self._index_rows, self._index_texts = None, []
                return
        self._prefetch.start(0)

    def _fold_index(self, rows: list[tuple[int, str, str, str, str, str]]) -> list[str]:
        """The search texts of index rows (see _haystack), each part folded once per distinct
        value: thousands of reports share a few dozen agencies, periods and catalogues."""
        agencies, periods, catalogues = self._folded, self._period_words, self._catalogue_words
        texts = []
        for _id, agency, period, number, catalogue, status in rows:
            a = agencies.get(agency)
            p = periods.get(period)
            c = catalogues.get((catalogue, status))
            if a is None or p is None or c is None:
                texts.append(self._haystack(agency, period, number, catalogue, status))
            else:  # the report number is the one part of its own
                n = number.casefold().strip() if number.isascii() else fold(number)
                texts.append(f"{a} {p} {n} {c}")
        return texts

    def _haystack(self, agency: str, period: str, number: str, catalogue: str, status: str) -> str:
        """Agency, period, number, catalogue and status, folded (case and diacritics gone).
        Folded part by part: no word typed can match across the space between two parts."""
        a = self._folded.get(agency)
        if a is None:
            a = self._folded[agency] = fold(agency)
        p = self._period_words.get(period)
        if p is None:
            code = Period.parse(period)
            p = self._period_words[period] = fold(f"{period_label(code)} {code.code}")
        c = self._catalogue_words.get((catalogue, status))
        if c is None:
            title = self.catalogue_title(catalogue)
            label = self.tr("Đã ký") if status == SIGNED else self.tr("Nháp")
            c = self._catalogue_words[(catalogue, status)] = fold(f"{title} {catalogue} {label}")
        n = number.casefold().strip() if number.isascii() else fold(number)
        return f"{a} {p} {n} {c}"

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
        position: int | None = None
        if self._ids is not None:
            # The search index knows where every report is, read or not.
            if report_id in self._ids:
                position = self._ids.index(report_id)
        else:
            position = next(
                (p for p, s in enumerate(self._rows) if s is not None and s.id == report_id),
                None,
            )
        if position is None and self._ids is None and self._unread and self._read_all():
            position = next(
                (p for p, s in enumerate(self._rows) if s is not None and s.id == report_id),
                None,
            )
        if position is None:
            return None
        if self._shown is None:
            return position
        return self._rows_by_position().get(position)

    def refresh_report(self, report_id: int) -> ReportSummary | None:
        """Re-read one report after an edit and return it; a report that is gone or not shown
        makes the whole list re-read (and None returned)."""
        row = self.row_of(report_id)
        if row is None:
            self.refresh()
            return None
        try:
            summary = self._store.summary(report_id)
        except LookupError:
            self.refresh()
            return None
        position = self._position(row)
        self._rows[position] = summary
        self._forget_cells(position)
        if self._haystacks is not None:
            self._haystacks[position] = self._search_text(summary)
        if self._index_rows is not None:  # being folded in idle turns
            self._index_rows[position] = (
                summary.id,
                summary.agency,
                summary.period.code,
                summary.report_no,
                summary.catalogue_id,
                summary.status,
            )
            if position < len(self._index_texts):
                self._index_texts[position] = self._search_text(summary)
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))
        return summary

    def known_titles(self) -> list[str]:
        """Titles of the catalogues the listed reports were made on."""
        return sorted(set(self._titles.values())) if self._rows else []

    def catalogue_title(self, catalogue_id: str) -> str:
        return self._titles.get(catalogue_id, catalogue_id)

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
        # One call into Python (Qt's own asks rowCount and columnCount for every index), and
        # no other: a view asks for every cell it paints.
        rows = len(self._rows) if self._shown is None else len(self._shown)
        if 0 <= row < rows and 0 <= column < COLUMN_COUNT and not parent.isValid():
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

    # flags(): QAbstractTableModel's own (enabled, selectable, never has children) is asked
    # for every painted cell and costs no call into Python.

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return None
        return self._value(index.row(), index.column(), int(role))

    def multiData(self, index: _Index, span: QModelRoleDataSpan) -> None:
        """Every role a view asks of a cell in one call (Qt's default asks data() per role)."""
        if self._bare:
            self._bare_cell(index, span)
            return
        if not index.isValid() or not 0 <= index.row() < self.rowCount():
            return
        row, column = index.row(), index.column()
        fill_role_span(span, lambda role: self._value(row, column, role))

    def _bare_cell(self, index: _Index, span: QModelRoleDataSpan) -> None:
        """A cell the table paints without its text (see set_bare): nothing, which leaves
        the span empty. Qt's item delegate asks with the same span for every cell (one per
        delegate), so it is emptied once, at the first cell, of whatever was asked before
        (a column fitted to its contents), and again after a cell that filled it."""
        if self._span_dirty:
            for k in range(len(span)):
                span[k].clearData()
            self._span_dirty = False
        if not self._awkward or not index.isValid():
            return
        # The table has made the texts of the rows it paints (row_cells) beforehand.
        row, column = index.row(), index.column()
        cells = self._cells.get(self._position(row))
        if cells is None or cells[0][column].isprintable():
            return
        # A text of several lines or with tabs (rare: an agency so imported) is Qt's.
        fill_role_span(span, lambda role: self._value(row, column, role))
        self._span_dirty = True

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

    def set_bare(self, bare: bool) -> None:
        """While True, multiData() answers nothing for a cell whose text row_cells() made
        and is of one line: the table paints its cells' backgrounds through Qt and draws
        their texts itself (see report_list_view.ReportTable)."""
        self._bare = self._span_dirty = bare

    def row_cells(self, row: int) -> tuple[tuple[str, ...], tuple[QColor | None, ...]] | None:
        """The texts and own colours (None: the table's) of a row's cells, made once."""
        return self._cells_at(row)

    def progress(self, row: int) -> float:
        """Values filled over values asked, 0..1, of the report in a row."""
        summary = self._summary_at(row)
        if summary is None or not summary.total:
            return 0.0
        return summary.filled / summary.total

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
            if not all(text.isprintable() for text in cells[0]):
                self._awkward.add(position)
        return cells

    def _forget_cells(self, position: int | None = None) -> None:
        if position is None:
            self._cells.clear()
            self._awkward.clear()
        else:
            self._cells.pop(position, None)
            self._awkward.discard(position)

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
        return self._haystack(
            summary.agency,
            summary.period.code,
            summary.report_no,
            summary.catalogue_id,
            summary.status,
        )

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
