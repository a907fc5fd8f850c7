"""The report list's table as the window shows it: one report per row, selected whole, with
coloured status and problem cells and a progress bar for completion."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from cchc_desktop.gui.report_list_model import (
    COMPLETION,
    PROBLEMS,
    PROGRESS_ROLE,
    STATUS,
    UPDATED,
    ReportListModel,
)

_TRACK, _PART, _DONE = QColor("#e3e8ee"), QColor("#3b6fb0"), QColor("#2e7d4f")
_LEFT = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)

# -- cells --------------------------------------------------------------------------------------


class ListDelegate(QStyledItemDelegate):
    """Keeps a cell's own colour (red errors, green "Đã ký") when its row is selected."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        # A colour of the cell's own replaced the table's text colour: keep it when selected.
        colour = option.palette.color(QPalette.ColorRole.Text)
        widget = option.widget
        if widget is not None and colour != widget.palette().color(QPalette.ColorRole.Text):
            option.palette.setColor(QPalette.ColorRole.HighlightedText, colour)


class CompletionDelegate(ListDelegate):
    """ "76/152" beside a slim progress bar."""

    BAR_WIDTH = 64

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)

        ratio = float(index.data(PROGRESS_ROLE) or 0.0)
        rect = opt.rect.adjusted(10, 0, -8, 0)
        bar_width = min(self.BAR_WIDTH, max(0, rect.width() // 2))
        bar = QRectF(rect.left(), rect.center().y() - 2.5, bar_width, 6)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(_TRACK)
        painter.drawRoundedRect(bar, 3, 3)
        if ratio > 0:
            filled = QRectF(bar)
            filled.setWidth(max(6.0, bar_width * min(ratio, 1.0)))
            painter.setBrush(_DONE if ratio >= 1 else _PART)
            painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(opt.palette.color(opt.palette.ColorRole.Text))
        text_rect = rect.adjusted(bar_width + 8, 0, 0, 0)
        painter.drawText(text_rect, _LEFT, text)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + self.BAR_WIDTH + 18, size.height())


# -- the table ----------------------------------------------------------------------------------


class ReportTable(QTableView):
    """The list of reports: whole rows selected, no editing, sorted by a header click."""

    def __init__(self, model: ReportListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 18)
        # Only the columns that colour their text need the Python delegate that keeps the
        # colour on a selected row; the others are painted by Qt alone.
        keep_colour = ListDelegate(self)
        for column in (STATUS, PROBLEMS, UPDATED):
            self.setItemDelegateForColumn(column, keep_colour)
        self.setItemDelegateForColumn(COMPLETION, CompletionDelegate(self))
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Highlight, QColor("#dbe7f6"))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#1f2933"))
        self.setPalette(palette)
        head = self.horizontalHeader()
        head.setHighlightSections(False)
        head.setSectionsMovable(False)
        head.setStretchLastSection(False)
        head.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        head.setMinimumSectionSize(60)
        # No sort indicator at first: rows stay in the store's order, newest period first
        # (set before sorting is enabled, which sorts by the indicator at once).
        head.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        # The model last: the headers are set up once, not again for every row it has.
        self.setModel(model)
