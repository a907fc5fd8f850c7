"""The report list's table as the window shows it: one report per row, selected whole, with
coloured status and problem cells and a progress bar for completion.

Qt paints a cell's text by laying it out from scratch twice (once to elide it, once to draw
it), and a Python delegate costs a call into Python per cell: together ≈ 0.4 ms a row. So Qt
paints the cells without their text (backgrounds, selection, the style sheet's borders, focus),
and the table then draws every visible text in one pass, from layouts made once per distinct
text and width (a list of thousands of reports repeats a few hundred texts), exactly where and
as Qt's item view style would have drawn them, and the completion bars beside them.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QGlyphRun,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextLayout,
    QTextOption,
)
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
    COLUMN_COUNT,
    COMPLETION,
    PROGRESS_ROLE,
    ReportListModel,
)

_TRACK, _PART, _DONE = QColor("#e3e8ee"), QColor("#3b6fb0"), QColor("#2e7d4f")
_LEFT = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
BAR_WIDTH = 64  # the completion bar, beside "76/152"
_LAYOUT_CACHE_LIMIT = 4096  # distinct (text, width) layouts kept; most lists need a few hundred

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

    BAR_WIDTH = BAR_WIDTH
    EXTRA_WIDTH = BAR_WIDTH + 18  # the bar and its margins, beyond the text's own width

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
        bar, text_rect = _bar_geometry(opt.rect)
        painter.save()
        _paint_bars(
            painter, [(bar, ratio, text_rect, text)], opt.palette.color(QPalette.ColorRole.Text)
        )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + self.EXTRA_WIDTH, size.height())


_Bar = tuple[QRectF, float, QRect, str]
_Cells = tuple[tuple[str, ...], tuple[QColor | None, ...]]


def _bar_geometry(cell: QRect) -> tuple[QRectF, QRect]:
    """The bar and the rectangle of the count beside it, in a completion cell."""
    rect = cell.adjusted(10, 0, -8, 0)
    bar_width = min(BAR_WIDTH, max(0, rect.width() // 2))
    bar = QRectF(rect.left(), rect.center().y() - 2.5, bar_width, 6)
    return bar, rect.adjusted(bar_width + 8, 0, 0, 0)


def _paint_bars(painter: QPainter, bars: list[_Bar], colour: QColor) -> None:
    """Completion cells: a track, filled in blue (green when complete), and the count."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_TRACK)
    for bar, _ratio, _rect, _text in bars:
        painter.drawRoundedRect(bar, 3, 3)
    for done in (False, True):
        painter.setBrush(_DONE if done else _PART)
        for bar, ratio, _rect, _text in bars:
            if ratio > 0 and (ratio >= 1) == done:
                filled = QRectF(bar)
                filled.setWidth(max(6.0, bar.width() * min(ratio, 1.0)))
                painter.drawRoundedRect(filled, 3, 3)
    painter.setPen(colour)
    for _bar, _ratio, rect, text in bars:
        painter.drawText(rect, _LEFT, text)


def _text_option() -> QTextOption:
    """As Qt's item view style lays out a cell's text: one line, left-aligned, centred."""
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.ManualWrap)
    option.setTextDirection(Qt.LayoutDirection.LeftToRight)
    option.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return option


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
        # The texts are drawn by paintEvent for one line, left to right, without a grid.
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 18)
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
        self._text_option = _text_option()
        # (text, width) → the laid out text and its offset from the text rectangle's top.
        self._layouts: dict[tuple[str, int], tuple[list[QGlyphRun], int]] = {}
        # (width, height) of a cell → where Qt's style puts its text inside it.
        self._text_rects: dict[tuple[int, int], QRect] = {}
        # Paint the one cell Qt cannot leave to paintEvent's texts (see _paint_contents).
        self._keep_colour = ListDelegate(self)
        self._completion = CompletionDelegate(self)
        # The model last: the headers are set up once, not again for every row it has.
        self.setModel(model)

    # -- sizes ------------------------------------------------------------------------------

    def sizeHintForColumn(self, column: int) -> int:
        hint = super().sizeHintForColumn(column)
        if column == COMPLETION and hint > 0:
            return hint + CompletionDelegate.EXTRA_WIDTH
        return hint

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._layouts.clear()
            self._text_rects.clear()
        super().changeEvent(event)

    # -- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        if not isinstance(model, ReportListModel):
            super().paintEvent(event)
            return
        area = event.rect()
        rows = self._rows_in(model, area)  # read and made before Qt asks for them
        # Qt paints every cell but its text (the model answers nothing while it does) …
        model.set_bare(True)
        try:
            super().paintEvent(event)
        finally:
            model.set_bare(False)
        # … and the texts and bars of the rows in the repainted area are drawn here.
        if rows:
            self._paint_contents(model, rows, area)
        # The list is on screen: read what the filter searches while the clerk looks at it.
        model.prefetch_search_index()

    def _rows_in(self, model: ReportListModel, area: QRect) -> list[tuple[int, _Cells]]:
        """The rows in a repainted area, with their texts and colours."""
        count = model.rowCount()
        first = self.rowAt(area.top())
        if not count or first < 0:
            return []
        last = self.rowAt(area.bottom())
        if last < 0:
            last = count - 1
        rows = []
        for row in range(first, last + 1):
            cells = model.row_cells(row)
            if cells is not None:
                rows.append((row, cells))
        return rows

    def _paint_contents(
        self, model: ReportListModel, rows: list[tuple[int, _Cells]], area: QRect
    ) -> None:
        head = self.horizontalHeader()
        columns = []
        for column in range(COLUMN_COUNT):
            x, width = head.sectionViewportPosition(column), head.sectionSize(column)
            shown = width > 0 and not head.isSectionHidden(column)
            if shown and x + width > area.left() and x <= area.right():
                columns.append((column, x, width))
        if not columns:
            return
        palette = self.viewport().palette()
        if not self.isEnabled():
            group = QPalette.ColorGroup.Disabled
        elif self.hasFocus() and self.isActiveWindow():
            group = QPalette.ColorGroup.Active
        else:
            group = QPalette.ColorGroup.Inactive
        text_colour = palette.color(group, QPalette.ColorRole.Text)
        selected_colour = palette.color(group, QPalette.ColorRole.HighlightedText)
        selection = self.selectionModel()
        indexes = selection.selectedIndexes() if selection is not None else []
        selected = {(index.row(), index.column()) for index in indexes}
        # The current cell, when the table has the focus, carries the style's focus frame,
        # which Qt paints over the text: that one cell is painted again whole, in order.
        current = self.currentIndex()
        focused = (
            (current.row(), current.column())
            if current.isValid() and (self.hasFocus() or self.viewport().hasFocus())
            else None
        )
        layouts = self._layouts
        if len(layouts) > _LAYOUT_CACHE_LIMIT:
            layouts.clear()
        bars: list[_Bar] = []
        redo: tuple[QRect, bool] | None = None
        painter = QPainter(self.viewport())
        try:
            pen: QColor | None = None
            for row, (texts, colours) in rows:
                y, height = self.rowViewportPosition(row), self.rowHeight(row)
                for column, x, width in columns:
                    if (row, column) == focused:
                        redo = (QRect(x, y, width, height), (row, column) in selected)
                        continue
                    if column == COMPLETION:
                        bar, rect = _bar_geometry(QRect(x, y, width, height))
                        bars.append((bar, model.progress(row), rect, texts[column]))
                        continue
                    text = texts[column]
                    if not text or not text.isprintable():
                        continue  # nothing, or several lines or tabs: Qt has drawn those
                    colour = colours[column]
                    if colour is None:
                        colour = selected_colour if (row, column) in selected else text_colour
                    inner = self._text_rect(width, height)
                    laid = layouts.get((text, inner.width()))
                    if laid is None:
                        laid = self._layout(text, inner.width(), inner.height())
                    if colour is not pen:
                        painter.setPen(colour)
                        pen = colour
                    origin = QPointF(x + inner.x(), y + inner.y() + laid[1])
                    for run in laid[0]:
                        painter.drawGlyphRun(origin, run)
            if bars:
                painter.save()
                _paint_bars(painter, bars, palette.color(QPalette.ColorRole.Text))
                painter.restore()
            if redo is not None:
                self._paint_cell(painter, current, *redo)
        finally:
            painter.end()

    def _paint_cell(
        self, painter: QPainter, index: QModelIndex, rect: QRect, selected: bool
    ) -> None:
        """One cell painted whole, as QTableView paints a cell (its row's panel, then the
        delegate), over the viewport's background."""
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        option.rect = rect
        option.state |= QStyle.StateFlag.State_HasFocus
        if selected:
            option.state |= QStyle.StateFlag.State_Selected
        if self.alternatingRowColors() and self.verticalHeader().visualIndex(index.row()) & 1:
            option.features |= QStyleOptionViewItem.ViewItemFeature.Alternate
        if option.state & QStyle.StateFlag.State_Enabled:
            option.palette.setCurrentColorGroup(QPalette.ColorGroup.Normal)
        viewport = self.viewport()
        painter.save()
        painter.setClipRect(rect)
        painter.fillRect(rect, viewport.palette().brush(viewport.backgroundRole()))
        self.style().drawPrimitive(
            QStyle.PrimitiveElement.PE_PanelItemViewRow, option, painter, self
        )
        delegate = self._completion if index.column() == COMPLETION else self._keep_colour
        delegate.paint(painter, option, index)
        painter.restore()

    def _text_rect(self, width: int, height: int) -> QRect:
        """Where Qt's style (with the style sheet's padding and borders) draws a cell's text,
        less the text margin it keeps on either side, for a cell at 0, 0."""
        key = (width, height)
        rect = self._text_rects.get(key)
        if rect is None:
            option = QStyleOptionViewItem()
            self.initViewItemOption(option)
            option.rect = QRect(0, 0, width, height)
            option.text = "M"
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDisplay
            style = self.style()
            rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, self)
            margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
            rect = self._text_rects[key] = rect.adjusted(margin, 0, -margin, 0)
        return rect

    def _layout(self, text: str, width: int, height: int) -> tuple[list[QGlyphRun], int]:
        """The text laid out as Qt's item view style lays it out (QCommonStyle's
        viewItemDrawText): elided at the right when wider than the cell, and its top where
        QStyle.alignedRect centres the text's bounding box, to the pixel."""
        layout = self._lay_out(text, width)
        box = layout.boundingRect().height()
        top = height // 2 - int(box + 0.5) // 2  # alignedRect halves both, each rounded down
        if layout.lineAt(0).naturalTextWidth() > width:
            shown = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, width)
            layout = self._lay_out(shown, width)
        laid = self._layouts[(text, width)] = (layout.glyphRuns(), top)
        return laid

    def _lay_out(self, text: str, width: int) -> QTextLayout:
        layout = QTextLayout(text, self.font())
        layout.setTextOption(self._text_option)
        layout.beginLayout()
        line = layout.createLine()  # one line: the text is printable (no line breaks)
        line.setLineWidth(width)
        line.setPosition(QPointF(0, 0))
        layout.endLayout()
        return layout
