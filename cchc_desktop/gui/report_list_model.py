"""The report list: a table model over ``Store.reports()`` and the proxy that filters it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from cchc_desktop.periods import Period
from cchc_desktop.store import SIGNED, ReportSummary, Store
from cchc_desktop.text import fold

AGENCY, PERIOD, CATALOGUE, STATUS, COMPLETION, PROBLEMS, UPDATED = range(7)
COLUMN_COUNT = 7

REPORT_ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3  # filled / total as a float in 0..1

ERROR_COLOUR = QColor("#b3261e")
WARNING_COLOUR = QColor("#8a5300")
SIGNED_COLOUR = QColor("#1b6e35")
MUTED_COLOUR = QColor("#6b7480")

_Index = QModelIndex | QPersistentModelIndex


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
    """One row per report, in the store's order (newest period first)."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self._rows: list[ReportSummary] = []
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
        """Reload every row from the store (raises StoreError when the file fails)."""
        rows = self._store.reports()
        titles = self._store.catalogue_titles()
        self.beginResetModel()
        self._rows = rows
        self._titles = titles
        self.endResetModel()

    def set_store(self, store: Store) -> None:
        """Read from another Store from now on (reopened after a restore); call refresh()."""
        self._store = store

    def is_stale(self) -> bool:
        """Whether the store now holds other rows than shown (saved by another window)."""
        return self._store.reports() != self._rows or self._store.catalogue_titles() != (
            self._titles
        )

    def refresh_report(self, report_id: int) -> None:
        """Re-read one report after an edit; a report that is gone is dropped."""
        row = self.row_of(report_id)
        if row is None:
            self.refresh()
            return
        try:
            summary = self._store.summary(report_id)
        except LookupError:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
            return
        self._rows[row] = summary
        self.dataChanged.emit(self.index(row, 0), self.index(row, COLUMN_COUNT - 1))

    def summary(self, row: int) -> ReportSummary:
        return self._rows[row]

    def row_of(self, report_id: int) -> int | None:
        for row, summary in enumerate(self._rows):
            if summary.id == report_id:
                return row
        return None

    def known_titles(self) -> list[str]:
        """Titles of the catalogues the listed reports use."""
        return sorted({self.catalogue_title(s.catalogue_id) for s in self._rows})

    def catalogue_title(self, catalogue_id: str) -> str:
        return self._titles.get(catalogue_id, catalogue_id)

    def describe(self, summary: ReportSummary) -> str:
        """How dialogs name a report: “Sở … — Quý III năm 2022”."""
        return f"{summary.agency} — {self.period_label(summary)}"

    def period_label(self, summary: ReportSummary) -> str:
        return period_label(summary.period)

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
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMN_COUNT

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
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(summary, column)
        if role == REPORT_ID_ROLE:
            return summary.id
        if role == SORT_ROLE:
            return self._sort_key(summary, column)
        if role == SEARCH_ROLE:
            return self._search_text(summary)
        if role == PROGRESS_ROLE:
            return summary.filled / summary.total if summary.total else 0.0
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(summary, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(summary, column)
        return None

    # -- cells ---------------------------------------------------------------------------------

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
        return format_updated(summary.updated_at)

    def _sort_key(self, summary: ReportSummary, column: int) -> Any:
        if column == AGENCY:
            return fold(summary.agency)
        if column == PERIOD:
            return summary.period.code.replace("-Y", "-Z")  # Năm sorts after the quarters
        if column == CATALOGUE:
            return fold(self.catalogue_title(summary.catalogue_id))
        if column == STATUS:
            return summary.status
        if column == COMPLETION:
            return summary.filled / summary.total if summary.total else 0.0
        if column == PROBLEMS:
            return summary.errors * 10_000 + summary.warnings
        return summary.updated_at

    def _search_text(self, summary: ReportSummary) -> str:
        words = (
            summary.agency,
            self.period_label(summary),
            summary.period.code,
            summary.report_no,
            self.catalogue_title(summary.catalogue_id),
            summary.catalogue_id,
            self.status_label(summary),
        )
        return fold(" ".join(words))

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


class ReportFilterModel(QSortFilterProxyModel):
    """Sorts by the model's sort keys and keeps rows containing every typed word, ignoring
    case and diacritics ("so tttt quy iii" finds "Sở TTTT, Quý III")."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_filter_text(self, text: str) -> None:
        words = fold(text).split()
        if hasattr(self, "endFilterChange"):  # Qt >= 6.10; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self._words = words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._words = words
            self.invalidateRowsFilter()

    def filter_active(self) -> bool:
        return bool(self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self._words:
            return True
        model = self.sourceModel()
        haystack = model.data(model.index(source_row, 0, source_parent), SEARCH_ROLE) or ""
        return all(word in haystack for word in self._words)
