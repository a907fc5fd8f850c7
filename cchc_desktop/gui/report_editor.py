"""The report editor: heading details, one spreadsheet-like tab per section, the problems list.

Keyboard first: Enter or Tab saves and moves to the next value cell (section, group and computed
rows are skipped; past the last one it goes on to the next section), Shift+Enter / Shift+Tab go
back, typing starts editing, Delete empties a cell, Ctrl+PgDn / Ctrl+PgUp change section, Ctrl+F
filters rows by words or code, F8 goes to the next problem, Ctrl+Z / Ctrl+Y undo and redo.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QDate,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QRect,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFocusEvent,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QDateEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.catalogue import Section
from cchc_desktop.gui import look
from cchc_desktop.gui.delegates import MIN_ROW_HEIGHT, TALL_ROW, ReportDelegate
from cchc_desktop.gui.labels import period_label
from cchc_desktop.gui.report_model import (
    COL_NAME,
    COL_NOTE,
    COL_STT,
    COL_UNIT,
    COL_VALUE,
    COLUMN_COUNT,
    ERROR_COLOR,
    SECTION,
    VALUE,
    WARNING_COLOR,
    ProblemsModel,
    ReportDocument,
    ReportModel,
    Roles,
    SectionProxy,
    SectionStats,
    now_label,
)
from cchc_desktop.rules import ERROR
from cchc_desktop.store import SIGNED, Store
from cchc_desktop.values import ValueInputError

if TYPE_CHECKING:  # the dialog module is imported when the dialog first opens
    from PySide6.QtWidgets import QMessageBox  # imported where a box is shown (see look)

    from cchc_desktop.gui.sign_off_dialog import SignOffDialog

# Well-known shortenings (as used in the reports themselves) that keep tab titles readable.
_SHORTER = (
    ("Xây dựng và phát triển ", ""),
    ("Công tác chỉ đạo điều hành CCHC", "Chỉ đạo điều hành"),
    ("Công tác chỉ đạo, điều hành CCHC", "Chỉ đạo điều hành"),
    ("Cải cách ", ""),  # sections III–VI all start so; the tooltip keeps the full title
    ("tổ chức bộ máy hành chính nhà nước", "tổ chức bộ máy"),
    ("Chính quyền điện tử, Chính quyền số", "Chính quyền số"),
    ("Chính phủ điện tử, Chính phủ số", "Chính phủ số"),
)
MAX_TAB_TITLE = 24
WARM_UP_DELAY_MS = 300  # after the report is shown, before the other sections are prepared
SCROLL_FALLBACK_MS = 50  # a table that does not paint after a save scrolls anyway by then
NO_DATE = QDate(2000, 1, 1)  # QDateEdit's minimum stands for "no date yet"

# Roles whose change can change a row's height (as QHeaderView judges it).
_SIZE_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.DecorationRole,
        Qt.ItemDataRole.SizeHintRole,
        Qt.ItemDataRole.FontRole,
    )
)
_USER_ROLE = int(Qt.ItemDataRole.UserRole)
_NEXT = QAbstractItemDelegate.EndEditHint.EditNextItem
_PREVIOUS = QAbstractItemDelegate.EndEditHint.EditPreviousItem


def short_section_title(section: Section, limit: int = MAX_TAB_TITLE) -> str:
    """A readable tab title: "VII. Xây dựng và phát triển Chính quyền điện tử, Chính quyền
    số" → "VII. Chính quyền số"; the full title goes in the tab's tooltip."""
    title = section.title
    for long, short in _SHORTER:
        title = title.replace(long, short)
    title = title[:1].upper() + title[1:]
    if len(title) > limit:
        title = title[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    stt = section.stt.strip().rstrip(".")
    return f"{stt}. {title}" if stt else title


class Counts(QObject):
    """The editor's counting words ("2 lỗi", "1 cảnh báo"), translated with plurals."""

    def errors(self, count: int) -> str:
        return self.tr("%n lỗi", "", count)

    def warnings(self, count: int) -> str:
        return self.tr("%n cảnh báo", "", count)


_COUNTS = Counts()


def errors_text(count: int) -> str:
    return _COUNTS.errors(count)


def warnings_text(count: int) -> str:
    return _COUNTS.warnings(count)


def counter_text(stats: SectionStats) -> str:
    """ "12/15 · 1 lỗi · 2 cảnh báo"."""
    parts = [f"{stats.filled}/{stats.total}"]
    if stats.errors:
        parts.append(errors_text(stats.errors))
    if stats.warnings:
        parts.append(warnings_text(stats.warnings))
    return " · ".join(parts)


def zero_timer(parent: QObject, slot: Any) -> QTimer:
    """A single-shot timer for work that waits for the next turn of the event loop. A real
    timer, not QTimer.singleShot(0), which Qt runs among the events already queued: this one
    lets the window paint and take the next key first."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(slot)
    return timer


class SectionTable(QTableView):
    """One section as a spreadsheet-like table with Enter/Tab moving between value cells."""

    boundaryReached = Signal(bool)  # moved past the last (True) or before the first (False) cell
    sectionStep = Signal(int)  # Ctrl+PgDn (+1) / Ctrl+PgUp (-1) when no shortcut took it

    def __init__(self, proxy: SectionProxy, parent: QWidget | None = None):
        super().__init__(parent)
        # A viewport made here, so PySide6 knows it: handed Qt's own, Python would have to
        # discover its type, and PySide6 does that by loading every class of QtWidgets it has
        # not loaded yet (≈ 60 M instructions, before the first paint).
        viewport = QWidget()
        viewport.setBackgroundRole(QPalette.ColorRole.Base)  # as Qt's own: white behind cells
        viewport.setAutoFillBackground(True)
        self.setViewport(viewport)
        # Each view has its own delegate: a shared one would send every view its editors'
        # commit and close signals, and every view would move on Enter.
        self._delegate = ReportDelegate(self)
        self._row_heights: dict[int, tuple[tuple[int, ...], int]] = {}
        self._lowest = -1  # see lowest_row
        self._shown = False  # its showEvent has run (and no hideEvent since)
        self._scroll_timer = zero_timer(self, self._scroll_to_current)
        self._scroll_after_paint = False
        self.setModel(proxy)
        self.setItemDelegate(self._delegate)
        # Rows are fitted to their wrapped text here, not by the header's ResizeToContents,
        # which measures every row of the section again on every edit (and asks the model
        # for each row's header): connected after setModel, so the header has its sections.
        proxy.dataChanged.connect(self._data_changed)
        proxy.rowsInserted.connect(lambda _parent, first, last: self.fit_rows(first, last))
        proxy.modelReset.connect(self.fit_rows)
        proxy.layoutChanged.connect(self.fit_rows)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setCornerButtonEnabled(False)
        vertical = self.verticalHeader()
        vertical.hide()
        vertical.setMinimumSectionSize(MIN_ROW_HEIGHT)
        vertical.setDefaultSectionSize(MIN_ROW_HEIGHT)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(40)
        # Only the headers carry ui/style.qss (the hidden vertical one too: its padded section
        # is the height of a one-line row, see lowest_row); the cells are painted without it.
        look.apply_style(header, "QHeaderView")
        look.apply_style(vertical, "QHeaderView")
        for column, mode, width in (
            (COL_STT, QHeaderView.ResizeMode.Fixed, 56),
            (COL_NAME, QHeaderView.ResizeMode.Stretch, 0),
            (COL_UNIT, QHeaderView.ResizeMode.Fixed, 116),
            (COL_VALUE, QHeaderView.ResizeMode.Fixed, 132),
            (COL_NOTE, QHeaderView.ResizeMode.Stretch, 0),
        ):
            header.setSectionResizeMode(column, mode)
            if width:
                header.resizeSection(column, width)
        # The stretched columns change width with the window: the rows follow.
        header.sectionResized.connect(self._columns_resized)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._shown = True
        self.fit_rows()  # a hidden tab's rows are measured when it is first shown

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._shown = False

    def _columns_resized(self) -> None:
        # While Qt shows the table it lays the columns out in steps, announcing each one:
        # the rows are measured once, in showEvent, for the widths they end with (measuring
        # at every step was four times the work of the first paint's row heights).
        if self._shown:
            self.fit_rows()

    def fit_rows(self, first: int = 0, last: int = -1) -> None:
        """Give rows first..last (default: all) the height their wrapped text needs. Only a
        shown table measures: the hidden tabs wait until they are shown."""
        if not self.isVisible():
            return
        proxy = self.proxy()
        last = proxy.rowCount() - 1 if last < 0 else min(last, proxy.rowCount() - 1)
        if last < first:
            return
        widths = self.column_widths()
        vertical = self.verticalHeader()
        lowest = self.lowest_row()
        for row in range(first, last + 1):
            height = max(lowest, self._row_height(row, widths))
            if vertical.sectionSize(row) != height:
                vertical.resizeSection(row, height)

    def lowest_row(self) -> int:
        """As ResizeToContents does: no row lower than the (hidden) header's own section,
        which the style sheet's header padding makes the height of a one-line row. The same
        for every row (the header shows no text), so asked once."""
        if self._lowest < 0:
            lowest = self.verticalHeader().sectionSizeHint(0)
            if not self.isVisible():
                return lowest  # not styled yet: asked again once shown
            self._lowest = lowest
        return self._lowest

    def prefit(self, widths: tuple[int, ...], lowest: int) -> None:
        """Measure the rows of a table not shown yet for these column widths and lowest row
        height (those of the table on screen, which it will most likely have), so showing it
        costs no measuring. Shown with other widths, it measures again."""
        proxy = self.proxy()
        vertical = self.verticalHeader()
        for row in range(proxy.rowCount()):
            height = max(lowest, self._row_height(row, widths))
            if vertical.sectionSize(row) != height:
                vertical.resizeSection(row, height)

    def column_widths(self) -> tuple[int, ...]:
        return tuple(self.columnWidth(c) for c in range(COLUMN_COUNT))

    def sizeHintForRow(self, row: int) -> int:
        """The height a row needs (as fit_rows gives it)."""
        return self._row_height(row, self.column_widths())

    def _row_height(self, row: int, widths: tuple[int, ...]) -> int:
        """Cached per model row and column widths."""
        proxy = self.proxy()
        source_row = proxy.mapToSource(proxy.index(row, 0)).row()
        cached = self._row_heights.get(source_row)
        if cached is not None and cached[0] == widths:
            return cached[1]
        model = proxy.report_model()
        height = self._delegate.text_height(model.row_cells(source_row), widths, self)
        self._row_heights[source_row] = (widths, height)
        model.set_row_tall(source_row, height > TALL_ROW)
        return height

    def _data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Any = None) -> None:
        if roles and not any(role in _SIZE_ROLES or role >= _USER_ROLE for role in roles):
            return  # only a problem marker: the row keeps its height
        proxy = self.proxy()
        for row in range(top.row(), bottom.row() + 1):
            self._row_heights.pop(proxy.mapToSource(proxy.index(row, 0)).row(), None)
        self.fit_rows(top.row(), bottom.row())

    def paintEvent(self, event: QPaintEvent) -> None:
        """The cells (painted by Qt), then a bar at the left of each value cell with an error
        (red) or a warning (amber), which stays visible when the cell is selected. One Python
        call per paint for the few marked rows, instead of one per cell."""
        super().paintEvent(event)
        if self._scroll_after_paint:
            self._scroll_after_paint = False
            self._scroll_timer.start(0)
        proxy = self.proxy()
        model = proxy.report_model()
        marked = model.marked_rows(proxy.section_index)
        if not marked:
            return
        painter: QPainter | None = None
        area = event.rect()
        for source_row, severity in marked:
            index = proxy.mapFromSource(model.index(source_row, COL_VALUE))
            if not index.isValid():
                continue
            rect = self.visualRect(index)
            if not rect.intersects(area):
                continue
            if painter is None:
                painter = QPainter(self.viewport())
            bar = QRect(rect.left(), rect.top(), 4, rect.height())
            painter.fillRect(bar, ERROR_COLOR if severity == ERROR else WARNING_COLOR)
        if painter is not None:
            painter.end()

    def proxy(self) -> SectionProxy:
        model = self.model()
        assert isinstance(model, SectionProxy)
        return model

    # -- navigation -----------------------------------------------------------------------------

    def next_cell(
        self, index: QModelIndex, forward: bool, column: int | None = None
    ) -> QModelIndex:
        """The next (or previous) cell to type into: value cells of indicator rows, or in the
        note column every item row. Invalid at the end of the section."""
        model = self.model()
        if column is None:
            column = COL_NOTE if index.isValid() and index.column() == COL_NOTE else COL_VALUE
        rows = model.rowCount()
        row = index.row() if index.isValid() else (-1 if forward else rows)
        step = 1 if forward else -1
        row += step
        while 0 <= row < rows:
            candidate = model.index(row, column)
            kind = candidate.data(Roles.KIND)
            if (kind == VALUE) if column == COL_VALUE else (kind != SECTION):
                return candidate
            row += step
        return QModelIndex()

    def go_to(self, index: QModelIndex) -> None:
        self.setCurrentIndex(index)
        self.scrollTo(index)

    def step(self, forward: bool, *, scroll_later: bool = False) -> None:
        target = self.next_cell(self.currentIndex(), forward)
        if not target.isValid():
            # At once, not later: a key typed meanwhile must go to the next section's cell.
            self.boundaryReached.emit(forward)
        elif scroll_later:
            # Right after a cell was saved: the saved cell is repainted first, and the table
            # scrolls to the next one right after that paint. Scrolled before it, Qt repaints
            # the whole table instead of moving its picture (some 8 ms, in the same frame).
            self.setAutoScroll(False)
            try:
                self.setCurrentIndex(target)
            finally:
                self.setAutoScroll(True)
            self._scroll_after_paint = True
            self._scroll_timer.start(SCROLL_FALLBACK_MS)  # should no paint come
        else:
            self.go_to(target)

    def _scroll_to_current(self) -> None:
        self._scroll_after_paint = False
        current = self.currentIndex()
        if current.isValid():
            self.scrollTo(current)

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        if action in (
            QAbstractItemView.CursorAction.MoveNext,
            QAbstractItemView.CursorAction.MovePrevious,
        ):
            forward = action == QAbstractItemView.CursorAction.MoveNext
            return self.next_cell(self.currentIndex(), forward)
        return super().moveCursor(action, modifiers)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        if hint in (_NEXT, _PREVIOUS):
            # Like a spreadsheet: save, close, and select the next cell without editing it.
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            self.step(hint == _NEXT, scroll_later=True)
            return
        super().closeEditor(editor, hint)

    def commit_editor(self) -> None:
        """Save and close the open editor, if any (before sign-off, section change…)."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.indexWidget(self.currentIndex())
        if editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self._delegate.open_popup = True  # a drop-down opened by the mouse shows its list
        try:
            super().mouseDoubleClickEvent(event)
        finally:
            self._delegate.open_popup = False

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Qt repaints the whole table (its frame, every visible cell and the widgets behind
        it) whenever the table gains or loses the focus: on every cell editor opened and every
        Enter that closes one, some 10 ms each. Only the current cell's focus mark depends on
        the focus, so only that cell is repainted. As in QAbstractItemView, a table entered
        without a current cell (by Tab) starts on its first value cell, and typing goes to an
        input method only on an editable cell."""
        current = self.currentIndex()
        if not current.isValid() and event.reason() != Qt.FocusReason.MouseFocusReason:
            first = self.next_cell(QModelIndex(), True)
            if first.isValid():
                self.selectionModel().setCurrentIndex(
                    first, QItemSelectionModel.SelectionFlag.NoUpdate
                )
                current = first
        editable = current.isValid() and bool(current.flags() & Qt.ItemFlag.ItemIsEditable)
        self.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled, editable)
        self._update_current()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._update_current()

    def _update_current(self) -> None:
        current = self.currentIndex()
        if current.isValid():
            self.viewport().update(self.visualRect(current))

    def keyboardSearch(self, search: str) -> None:
        """Typing on a read-only cell must not jump to some row that starts with the letter."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        shift = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if control and key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            self.sectionStep.emit(1 if key == Qt.Key.Key_PageDown else -1)
            return
        if self.state() != QAbstractItemView.State.EditingState:
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not control:
                self.step(not shift)
                return
            if key == Qt.Key.Key_Tab and not modifiers:
                self.step(True)
                return
            if key == Qt.Key.Key_Backtab:
                self.step(False)
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not modifiers:
                index = self.currentIndex()
                if index.isValid() and index.flags() & Qt.ItemFlag.ItemIsEditable:
                    self.model().setData(index, "", Qt.ItemDataRole.EditRole)
                return
        text = event.text()
        typing = bool(text) and text.isprintable() and not control
        self._delegate.typing = typing
        try:
            super().keyPressEvent(event)
        finally:
            self._delegate.typing = False


class DateEdit(QDateEdit):
    """A date field with a calendar popup that is made when it first opens, not with the
    field: a calendar is a table, buttons and a menu of months that most reports never open
    (≈ 3 M instructions at start-up)."""

    dayPicked = Signal()  # a day clicked in the calendar

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self._calendar_hooked = False

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # The popup opens on a click on the arrow, and Qt makes it then: make it one step
        # ahead, to hear its clicks. (No key opens it; the date is typed instead.)
        if not self._calendar_hooked:
            self._calendar_hooked = True
            self.calendarWidget().clicked.connect(lambda _day: self.dayPicked.emit())
        super().mousePressEvent(event)


class PeriodLabel(QLabel):
    """The period in bold and its cut-off dates, or, compact, the period alone: the header
    makes it compact when it is too narrow for both (a window 760–800 px wide), rather than
    have the row cut off mid-date. The dates stay in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._name = self._dates = ""
        self.compact = False

    def set_period(self, name: str, dates: str) -> None:
        self._name, self._dates = name, dates
        self.setToolTip(f"{name} {dates}")
        self._show()

    def dates_width(self) -> int:
        """About how much wider the label is with its dates."""
        return self.fontMetrics().horizontalAdvance(f" {self._dates}")

    def set_compact(self, compact: bool) -> None:
        if compact != self.compact:
            self.compact = compact
            self._show()

    def _show(self) -> None:
        text = f"<b>{self._name}</b>" if self.compact else f"<b>{self._name}</b> {self._dates}"
        if text != self.text():
            self.setText(text)


class Strip(QFrame):
    """A full-width band with its own background and a rule along its bottom edge, painted
    from palette colours (no style sheet: see gui/look.py)."""

    def __init__(self, rule: str, background: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rule = QColor(rule)
        look.set_colours(self, window=background)
        self.setAutoFillBackground(True)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        painter.setPen(self._rule)
        bottom = self.height() - 1
        painter.drawLine(0, bottom, self.width(), bottom)
        painter.end()


class HeaderPanel(Strip):
    """Agency, period with its cut-off dates, report number and date, status."""

    def __init__(self, document: ReportDocument, parent: QWidget | None = None) -> None:
        super().__init__("#d0d7e2", "#f7f9fc", parent)
        self._document = document
        self.setObjectName("reportHeader")
        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(6)

        self.agency_edit = QLineEdit()
        self.superior_edit = QLineEdit()
        self.report_no_edit = QLineEdit()
        self.report_no_edit.setPlaceholderText(self.tr("ví dụ 174/BC-STTTT"))
        self.place_edit = QLineEdit()
        self.place_edit.setPlaceholderText(self.tr("ví dụ Sóc Trăng"))
        self.date_edit = DateEdit()
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setMinimumDate(NO_DATE)
        self.date_edit.setSpecialValueText("…/…/……")
        self.date_edit.setToolTip(self.tr("Ngày ghi trên báo cáo; để trống nếu chưa có"))
        # A date once set can be taken away again: the report goes out with "ngày …/…/…".
        self.clear_date_button = QToolButton()
        self.clear_date_button.setObjectName("clearDateButton")
        self.clear_date_button.setText("✕")
        self.clear_date_button.setAutoRaise(True)
        self.clear_date_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_date_button.setToolTip(self.tr("Xóa ngày báo cáo (để trống)"))
        self.clear_date_button.setAccessibleName(self.tr("Xóa ngày báo cáo"))
        self.clear_date_button.clicked.connect(self.clear_date)
        self.period_label = PeriodLabel()
        self.status_label = QLabel()
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.status_label.setMinimumWidth(72)
        self.message_label = QLabel()
        look.set_colours(self.message_label, text="#b42318")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        def caption(text: str, buddy: QWidget | None = None) -> QLabel:
            label = QLabel(text)
            look.set_colours(label, text="#475467")
            if buddy is not None:
                label.setBuddy(buddy)
            return label

        date_box = QHBoxLayout()
        date_box.setContentsMargins(0, 0, 0, 0)
        date_box.setSpacing(2)
        date_box.addWidget(self.date_edit, 1)
        date_box.addWidget(self.clear_date_button)

        grid.addWidget(caption(self.tr("Cơ &quan:"), self.agency_edit), 0, 0)
        grid.addWidget(self.agency_edit, 0, 1, 1, 3)
        grid.addWidget(caption(self.tr("Cấp trên:"), self.superior_edit), 0, 4)
        grid.addWidget(self.superior_edit, 0, 5, 1, 3)
        grid.addWidget(self.status_label, 0, 8)
        grid.addWidget(caption(self.tr("Kỳ báo cáo:")), 1, 0)
        grid.addWidget(self.period_label, 1, 1)
        grid.addWidget(caption(self.tr("&Số:"), self.report_no_edit), 1, 2)
        grid.addWidget(self.report_no_edit, 1, 3)
        grid.addWidget(caption(self.tr("Ngày:"), self.date_edit), 1, 4)
        grid.addLayout(date_box, 1, 5)
        grid.addWidget(caption(self.tr("Địa danh:"), self.place_edit), 1, 6)
        grid.addWidget(self.place_edit, 1, 7, 1, 2)
        grid.addWidget(self.message_label, 2, 0, 1, 9)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(5, 1)
        grid.setColumnStretch(7, 2)

        self._fields: dict[str, QLineEdit] = {
            "agency": self.agency_edit,
            "superior": self.superior_edit,
            "report_no": self.report_no_edit,
            "place": self.place_edit,
        }
        for name, edit in self._fields.items():
            edit.editingFinished.connect(lambda name=name: self._commit_text(name))
        self.date_edit.editingFinished.connect(self._commit_date)
        self.date_edit.dayPicked.connect(self._commit_date)
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_period()

    def _fit_period(self) -> None:
        """The period's dates only when the whole row still fits beside them."""
        layout = self.layout()
        if layout is None:
            return
        label = self.period_label
        if label.compact:  # back to the dates with a little room to spare, so it never flickers
            label.set_compact(self.width() < layout.minimumSize().width() + label.dates_width() + 8)
        else:
            label.set_compact(self.width() < layout.minimumSize().width())

    def refresh(self) -> None:
        report = self._document.report
        locked = not self._document.editable
        for name, edit in self._fields.items():
            value = getattr(report, name) or ""
            typing = edit.hasFocus() and edit.isModified() and not locked
            if edit.text() != value and not typing:  # never under the clerk's fingers
                edit.setText(value)
                edit.setCursorPosition(0)
            edit.setReadOnly(locked)
            self._show_locked(edit, locked)
        when = report.report_date
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(when.year, when.month, when.day) if when else NO_DATE)
        self.date_edit.blockSignals(False)
        self.date_edit.setReadOnly(locked)
        self._show_locked(self.date_edit, locked)
        self.clear_date_button.setVisible(not locked and when is not None)
        period = report.period
        self.period_label.set_period(
            period_label(period),
            self.tr("(số liệu từ %1 đến %2)")
            .replace("%1", f"{period.start:%d/%m/%Y}")
            .replace("%2", f"{period.end:%d/%m/%Y}"),
        )
        if self.isVisible():  # otherwise the first resize, at show, fits it to its real width
            self._fit_period()
        signed = report.status == SIGNED
        self.status_label.setText(self.tr("Đã ký") if signed else self.tr("Nháp"))
        color, background = ("#067647", "#dcfae6") if signed else ("#344054", "#e4e7ec")
        chip = (
            f"QLabel {{ color: {color}; background: {background}; border-radius: 9px;"
            " padding: 2px 10px; font-weight: bold; }"
        )
        if self.status_label.styleSheet() != chip:  # a new style sheet polishes it again
            self.status_label.setStyleSheet(chip)

    @staticmethod
    def _show_locked(edit: QWidget, locked: bool) -> None:
        """A field that cannot be changed is greyed, so the clerk does not try to type."""
        if edit.property("shownLocked") == locked:
            return
        edit.setProperty("shownLocked", locked)
        if locked:
            look.set_colours(edit, text="#344054", base="#f2f4f7")
        else:
            edit.setPalette(QPalette())  # back to the window's own colours

    def _commit(self, **fields: Any) -> None:
        if not self._document.editable:
            return
        try:
            self._document.update_details(**fields)
        except ValueInputError as exc:
            self.message_label.setText(str(exc))
            self.message_label.show()
            for edit in self._fields.values():
                edit.setModified(False)  # refused: show what is stored again
            self.refresh()
            return
        self.message_label.hide()

    def _commit_text(self, name: str) -> None:
        edit = self._fields[name]
        if edit.text().strip() != (getattr(self._document.report, name) or ""):
            self._commit(**{name: edit.text()})

    def _commit_date(self) -> None:
        value = self.date_edit.date()
        chosen = None if value == NO_DATE else date(value.year(), value.month(), value.day())
        if chosen != self._document.report.report_date:
            self._commit(report_date=chosen)

    def commit_all(self) -> None:
        """Save heading fields being typed in (before the report turns read-only)."""
        for name in self._fields:
            self._commit_text(name)
        self._commit_date()

    def clear_date(self) -> None:
        """Take the report date away again (blank: printed as "ngày …/…/…")."""
        if not self._document.editable:
            return
        self.date_edit.setDate(NO_DATE)
        self._commit_date()


class Banner(Strip):
    """A coloured strip with a message and an optional button."""

    def __init__(
        self, color: str, background: str, button_text: str = "", parent: QWidget | None = None
    ):
        super().__init__(color, background, parent)
        self.setObjectName("banner")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.label = QLabel()
        look.set_colours(self.label, text=color)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout.addWidget(self.label, 1)
        self.button = QPushButton(button_text)
        layout.addWidget(self.button)
        self.button.setVisible(bool(button_text))
        self._styled = False
        self.hide()

    def setVisible(self, visible: bool) -> None:
        # The button takes its style sheet when the banner first shows: most reports never
        # show a banner, and each sheet is parsed for its widget (≈ 1 M instructions each).
        if visible and not self._styled:
            self._styled = True
            look.apply_style(self.button, "QPushButton")
        super().setVisible(visible)


_PROBLEMS_TITLE_STYLE = (
    "QLabel { background: #f2f4f7; border-top: 1px solid #d0d7e2;"
    " border-bottom: 1px solid #e4e7ec; padding: 4px 12px; font-weight: bold; }"
)


class ProblemsPanel(QFrame):
    """Every error and warning; clicking one (or Enter on it) goes to its cell."""

    problemActivated = Signal(int, str)  # section index, item code

    def __init__(self, model: ProblemsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._color = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.title = QLabel()
        self.title.setObjectName("problemsTitle")
        layout.addWidget(self.title)
        self._layout = layout
        self._view: QTableView | None = None  # see view
        model.modelReset.connect(self.refresh)
        self.refresh()

    @property
    def view(self) -> QTableView:
        """The list under the title, made the first time there is something in it: a report
        without errors or warnings shows the title alone (≈ 4 M instructions at start-up)."""
        if self._view is None:
            view = self._view = QTableView()
            view.setModel(self._model)
            view.setObjectName("problemsView")
            view.setWordWrap(True)
            view.setShowGrid(False)
            view.setAlternatingRowColors(True)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            view.verticalHeader().hide()
            view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            header = view.horizontalHeader()
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(0, 104)
            header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(1, 360)
            header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
            header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            look.apply_style(header, "QHeaderView")
            self._layout.addWidget(view, 1)
            view.clicked.connect(self._activate)
            view.activated.connect(self._activate)
        return self._view

    def show_list(self, visible: bool) -> bool:
        """Show or hide the list under the title; whether it was shown before."""
        had = self._view is not None and self._view.isVisibleTo(self)
        if visible or self._view is not None:
            self.view.setVisible(visible)
        return had

    def refresh(self) -> None:
        errors, warnings = self._model.counts()
        if errors or warnings:
            parts = []
            if errors:
                parts.append(errors_text(errors))
            if warnings:
                parts.append(warnings_text(warnings))
            self.title.setText(
                self.tr("Lỗi và cảnh báo: %1 — bấm vào một dòng để đến ô đó").replace(
                    "%1", ", ".join(parts)
                )
            )
        else:
            self.title.setText(self.tr("Lỗi và cảnh báo: không có"))
        color = "#b42318" if errors else ("#93370d" if warnings else "#067647")
        if color != self._color:  # a new style sheet polishes the label again: only on change
            self._color = color
            self.title.setStyleSheet(_PROBLEMS_TITLE_STYLE + f"QLabel {{ color: {color}; }}")

    def row_height(self, row: int, width: int) -> int:
        """The height a problem row takes at a panel ``width``, measured from its text: on
        first show the stretched message column does not have its final width yet, and a
        row measured too short would be cut off."""
        view = self.view
        header = view.horizontalHeader()
        scroll = view.verticalScrollBar().sizeHint().width()
        message = max(120, width - header.sectionSize(0) - header.sectionSize(1) - scroll - 12)
        text = self._model.index(row, 2).data() or ""
        box = QRect(0, 0, message, 100_000)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        needed = view.fontMetrics().boundingRect(box, flags, text).height() + 10
        return max(view.sizeHintForRow(row), needed)

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            section, code = self._model.location(index.row())
            if code:
                self.problemActivated.emit(section, code)


class ReportEditor(QWidget):
    """Edits one report. Put :attr:`undo_action` … :attr:`prev_section_action` in menus."""

    saved = Signal(str)
    summaryChanged = Signal()
    storeError = Signal(str)
    changedElsewhere = Signal(str)  # a cell edit refused: saved elsewhere meanwhile (message)
    signedOff = Signal()  # the sign-off dialog signed the report
    editRequested = Signal()  # "Mở để sửa…" on the read-only banner

    def __init__(self, store: Store, report_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.document = ReportDocument(store, report_id, self)
        self.model = ReportModel(self.document, self)
        # Brought up to date with the counters, a moment after each edit (see _on_changed).
        self.problems_model = ProblemsModel(self.document, self, live=False)
        self._visible_rows: set[int] | None = None
        self._refresh_pending = False
        self._refresh_timer = zero_timer(self, self._refresh_counters)
        self._warm_timer = zero_timer(self, self._warm_up)
        self._fit_timer = zero_timer(self, self._fit_problems)
        self._reveal_timer = zero_timer(self, self._reveal_section)
        self._warmed: set[int] = set()
        self._first_show = True
        self.sign_off_dialog: SignOffDialog | None = None
        self.reopen_box: QMessageBox | None = None

        self._build_actions()
        self._build_ui()

        self.document.changed.connect(self._on_changed)
        self.document.stateChanged.connect(self._on_state_changed)
        self.document.saved.connect(self._on_saved)
        self.document.storeError.connect(self._on_store_error)
        self.document.conflict.connect(self._on_conflict)
        self.document.cellTouched.connect(lambda code, column: self.select_cell(code, column))
        self._on_state_changed()

    # -- public API -----------------------------------------------------------------------------

    @property
    def report_id(self) -> int:
        return self.document.report_id

    def section_count(self) -> int:
        return self.tabs.count()

    def current_section(self) -> int:
        return self.tabs.currentIndex()

    def set_section(self, index: int, *, paint_later: bool = False) -> None:
        """Show a section and put the cursor on its first value cell (or where it was);
        ``paint_later`` as in :meth:`_switch_tab`."""
        if not 0 <= index < self.tabs.count():
            return
        self.current_table().commit_editor()
        self._switch_tab(index, paint_later=paint_later)
        table = self.table(index)
        if not table.currentIndex().isValid():
            first = table.next_cell(QModelIndex(), True)
            if first.isValid():
                table.go_to(first)
        table.setFocus()

    def table(self, index: int) -> SectionTable:
        """The table of a section, built on first use."""
        table = self._tables[index]
        if table is None:
            proxy = SectionProxy(self.model, index, self, visible=self._visible_rows)
            table = SectionTable(proxy)
            table.setObjectName(f"section_{index}")
            table.boundaryReached.connect(self._on_boundary)
            table.sectionStep.connect(self._step_section)
            self._tables[index] = table
            page = self.tabs.widget(index)
            layout = page.layout()
            assert layout is not None
            layout.addWidget(table)
            table.show()  # now, not when the layout gets round to it: it may take the focus next
        return table

    def _built_tables(self) -> list[SectionTable]:
        return [table for table in self._tables if table is not None]

    def current_table(self) -> SectionTable:
        return self.table(max(0, self.tabs.currentIndex()))

    def is_signed(self) -> bool:
        return self.document.signed

    def is_read_only(self) -> bool:
        """Open for viewing only (another window has it open for editing)."""
        return self.document.read_only

    def splitters(self) -> list[QSplitter]:
        """The splitters whose positions the window keeps between sessions (by name)."""
        return [self.splitter]

    def set_read_only(self, message: str) -> None:
        """View only: every editor locked, a banner with ``message`` and "Mở để sửa…".
        A cell being typed in is saved first (as pending text if it cannot be read), so
        nothing the clerk typed is lost."""
        self.commit_open_editor()
        self.readonly_banner.label.setText(message)
        self.document.set_read_only(True)
        self._on_state_changed()

    def set_editable(self) -> None:
        """Back to editing (this window holds the report again), with what is stored now."""
        self.document.set_read_only(False)
        self.document.reload()

    def commit_open_editor(self) -> None:
        """Save the cell editor that is open and heading fields being typed in, if any."""
        for table in self._built_tables():
            table.commit_editor()
        self.header.commit_all()

    def refresh_from_store(self) -> bool:
        """Show what another window or program saved; the current cell stays selected.
        Raises NotFoundError when the report was deleted elsewhere."""
        return self.document.refresh_from_store()

    def summary_text(self) -> str:
        """ "Đã nhập 49/152 · 2 lỗi · 1 cảnh báo"."""
        evaluation = self.document.evaluation
        parts = [
            self.tr("Đã nhập %1/%2")
            .replace("%1", str(evaluation.filled))
            .replace("%2", str(evaluation.total))
        ]
        if evaluation.errors:
            parts.append(errors_text(len(evaluation.errors)))
        if evaluation.warnings:
            parts.append(warnings_text(len(evaluation.warnings)))
        return " · ".join(parts)

    def select_cell(self, code: str, column: int = COL_VALUE) -> bool:
        """Go to an item's cell: its tab, scrolled into view, selected and focused."""
        try:
            row = self.model.row_of(code)
        except KeyError:
            return False
        section = self.model.row_at(row).section_index
        proxy = self.table(section).proxy()
        index = proxy.mapFromSource(self.model.index(row, column))
        if not index.isValid():  # hidden by the filter: show everything again
            self.filter_edit.clear()
            index = proxy.mapFromSource(self.model.index(row, column))
        self.current_table().commit_editor()
        self.tabs.setCurrentIndex(section)
        table = self.table(section)
        table.go_to(index)
        table.setFocus()
        return True

    def set_filter(self, text: str) -> None:
        self.filter_edit.setText(text)

    def open_sign_off_dialog(self) -> SignOffDialog | None:
        """Open the sign-off dialog (window-modal, not blocking); None when already signed
        or open for viewing only."""
        if not self.document.editable:
            return None
        self.current_table().commit_editor()
        from cchc_desktop.gui.sign_off_dialog import SignOffDialog

        dialog = SignOffDialog(self._store, self.report_id, self)
        dialog.accepted.connect(self._after_sign_off)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.sign_off_dialog = dialog
        dialog.open()
        return dialog

    def request_reopen(self) -> QMessageBox | None:
        """Ask before returning a signed report to draft (window-modal, not blocking)."""
        from PySide6.QtWidgets import QMessageBox

        if not self.document.signed or self.document.read_only:
            return None
        box = look.message_box(
            QMessageBox.Icon.Question,
            self.tr("Mở lại báo cáo"),
            self.tr(
                "Mở lại báo cáo đã ký duyệt để sửa?\n\nBáo cáo trở về trạng thái Nháp; chữ ký và "
                "dấu kiểm tra hiện tại bị hủy. Sau khi sửa cần in và ký duyệt lại."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Mở lại để sửa"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Không"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.finished.connect(lambda _result: self._reopen_answered(box.clickedButton() is yes))
        self.reopen_box = box
        box.open()
        return box

    # -- building -------------------------------------------------------------------------------

    def _action(self, text: str, slot: Any, shortcuts: list[QKeySequence] | None = None) -> QAction:
        action = QAction(text, self)
        if shortcuts:
            action.setShortcuts(shortcuts)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        stack = self.document.undo_stack
        self.undo_action = stack.createUndoAction(self, self.tr("Hoàn tác"))
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo_action = stack.createRedoAction(self, self.tr("Làm lại"))
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.sign_off_action = self._action(self.tr("&Ký duyệt…"), self.open_sign_off_dialog)
        self.sign_off_action.setToolTip(
            self.tr("Ký duyệt báo cáo: khóa số liệu sau khi lãnh đạo đã ký")
        )
        self.reopen_action = self._action(self.tr("Mở lại để &sửa…"), self.request_reopen)
        self.reopen_action.setToolTip(self.tr("Trả báo cáo đã ký duyệt về bản nháp để sửa"))
        self.find_action = self._action(
            self.tr("&Tìm chỉ tiêu"), self._focus_filter, [QKeySequence("Ctrl+F")]
        )
        self.next_section_action = self._action(
            self.tr("Phần &tiếp theo"),
            lambda: self._step_section(1),
            [QKeySequence("Ctrl+PgDown")],
        )
        self.prev_section_action = self._action(
            self.tr("Phần t&rước"), lambda: self._step_section(-1), [QKeySequence("Ctrl+PgUp")]
        )
        self.next_problem_action = self._action(
            self.tr("&Lỗi, cảnh báo tiếp theo"), self._next_problem, [QKeySequence("F8")]
        )

    def _build_ui(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        self.error_bar = Banner("#b42318", "#fef3f2", self.tr("Đóng"))
        self.error_bar.button.clicked.connect(self.error_bar.hide)
        layout.addWidget(self.error_bar)
        self.readonly_banner = Banner("#93370d", "#fffaeb", self.tr("Mở để sửa…"))
        self.readonly_banner.button.setToolTip(
            self.tr("Lấy lại quyền sửa báo cáo này cho cửa sổ này")
        )
        self.readonly_banner.button.clicked.connect(self.editRequested)
        layout.addWidget(self.readonly_banner)
        self.signed_banner = Banner("#05603a", "#ecfdf3", self.tr("Mở lại để sửa…"))
        self.signed_banner.button.clicked.connect(self.request_reopen)
        layout.addWidget(self.signed_banner)

        self.header = HeaderPanel(self.document)
        layout.addWidget(self.header)

        bar = QHBoxLayout()
        bar.setContentsMargins(12, 6, 12, 6)
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("filterEdit")
        look.apply_style(self.filter_edit, "#filterEdit")
        self.filter_edit.setPlaceholderText(self.tr("Lọc chỉ tiêu theo tên hoặc mã (Ctrl+F)…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMaximumWidth(420)
        self.filter_edit.textChanged.connect(self._apply_filter)
        self.filter_edit.returnPressed.connect(self._leave_filter)
        self.filter_edit.installEventFilter(self)
        bar.addWidget(self.filter_edit, 1)
        self.match_label = QLabel()
        self.match_label.setContentsMargins(8, 0, 0, 0)
        look.set_colours(self.match_label, text="#475467")
        bar.addWidget(self.match_label)
        bar.addStretch(1)
        self.summary_label = QLabel()
        self.summary_label.setObjectName("summaryLabel")
        look.set_colours(self.summary_label, text="#344054")
        bar.addWidget(self.summary_label)
        bar.addSpacing(16)
        # The one place that says when the last change was saved (the window shows no other).
        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        look.set_colours(self.saved_label, text="#667085")
        bar.addWidget(self.saved_label)
        layout.addLayout(bar)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.tabs.tabBar().setExpanding(False)
        self.tabs.tabBar().setElideMode(Qt.TextElideMode.ElideNone)
        # Each section's table is built when it is first needed (shown, searched, moved to):
        # building all seven up front would double the time to open a report.
        for number, section in enumerate(self.document.catalogue.sections):
            page = QWidget()
            page.setObjectName(f"sectionPage_{number}")
            box = QVBoxLayout(page)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(0)
            self.tabs.addTab(page, short_section_title(section))
        self._tables: list[SectionTable | None] = [None] * self.tabs.count()
        self._tab_shown: list[tuple[str, str, str] | None] = [None] * self.tabs.count()
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.problems_panel = ProblemsPanel(self.problems_model)
        self.problems_panel.problemActivated.connect(
            lambda _section, code: self.select_cell(code, COL_VALUE)
        )
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        # Named, so the window saves and restores its position by this name.
        self.splitter.setObjectName("editorSplitter")
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.problems_panel)
        # The sections take every change of height (banners, window size): the problems
        # list keeps the rows it was fitted to instead of losing half a line.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setCollapsible(0, False)
        layout.addWidget(self.splitter, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._refresh_pending:
            self._refresh_timer.start()
        if self._first_show:
            self._first_show = False
            self._fit_problems(force=True)
            self.set_section(max(0, self.tabs.currentIndex()))
            self._warm_timer.start(WARM_UP_DELAY_MS)

    def prepare_editing(self) -> None:
        """Import the cell editors (gui/cell_editors.py) if the first edit has not: the window
        calls this once its first paint is done, the warm-up otherwise, so that the clerk's
        first key opens an editor at once."""
        from cchc_desktop.gui import cell_editors  # noqa: F401

    def _warm_up(self) -> None:
        """One small step a turn, once the report is on screen and the clerk reads it: the
        cell editors, then the next section's table or its rows' heights, so that the first
        edit, or reaching a section later (Enter past the last cell, Ctrl+PgDn, a click on its
        tab), does not stall the window."""
        if not self.isVisible():
            return  # closed meanwhile; a report shown again warms up on demand
        self.prepare_editing()
        shown = self.current_table()
        for number in range(self.tabs.count()):
            table = self._tables[number]
            if table is None:
                self.table(number)
                break
            if number not in self._warmed:
                self._warmed.add(number)
                if table is not shown:
                    table.prefit(shown.column_widths(), shown.lowest_row())
                break
        else:
            return  # every section is ready
        self._warm_timer.start(0)

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Focus given to the editor (by the window) goes to the current section's table."""
        super().focusInEvent(event)
        self.current_table().setFocus(event.reason())

    # -- reacting -------------------------------------------------------------------------------

    def _fit_problems(self, force: bool = False) -> None:
        """The problems list takes room only when there is something in it."""
        panel = self.problems_panel
        count = self.problems_model.rowCount()
        had = panel.show_list(bool(count))
        if not count:
            title = panel.title.sizeHint().height()
            panel.setMaximumHeight(title)
            if force or had:  # the sections take the room the list had
                total = max(240, self.splitter.height())
                self.splitter.setSizes([total - title, title])
            return
        panel.setMaximumHeight(16_777_215)
        if force or not had:
            total = max(240, self.splitter.height())
            view = panel.view
            rows = sum(panel.row_height(r, self.width()) for r in range(min(count, 4)))
            chrome = panel.title.sizeHint().height() + view.horizontalHeader().sizeHint().height()
            wanted = min(int(total * 0.35), chrome + rows + 2 * view.frameWidth() + 4)
            self.splitter.setSizes([total - wanted, wanted])
            # The list took room from the bottom of the section: keep the clerk's cell in view.
            table = self.current_table()
            if table.currentIndex().isValid():
                table.scrollTo(table.currentIndex())

    def _on_changed(self, codes: list[str]) -> None:
        if self._visible_rows is not None:
            # A note (or a value) changed while filtering: the rows shown follow it.
            self._apply_filter(self.filter_edit.text(), keep_place=True)
        # The cell itself is repainted at once; the counters in the tab titles, the problems
        # list's size, the summary and the window's list row follow a moment later, once per
        # burst of changes, so the key that committed the cell is not held up by them.
        if not self._refresh_pending:
            self._refresh_pending = True
            self._refresh_timer.start()

    def _refresh_counters(self) -> None:
        # A closed editor (or window) waits: the store may be closed already, and the counters
        # are brought up to date when it is shown again.
        if not self._refresh_pending or not self.isVisible():
            return
        self._refresh_pending = False
        self.problems_model.refresh()
        # The list's room changes in a turn of its own: opening it makes the sections shorter,
        # and the tab widget then paints them whole (some 8 ms on top of this turn's 4).
        self._fit_timer.start()
        if self._reveal_timer.isActive():
            # A section just switched to (see _switch_tab) waits one more turn, for the
            # list's new room: then it is painted once, with it, and not in this turn.
            self._reveal_timer.start()
        self._refresh_tabs()
        self.summary_label.setText(self.summary_text())
        self.summaryChanged.emit()

    def _on_state_changed(self) -> None:
        report = self.document.report
        signed = report.signed
        read_only = self.document.read_only
        self.problems_model.refresh()  # signed, reopened, reloaded: shown at once
        self.header.refresh()
        self.sign_off_action.setEnabled(not signed and not read_only)
        self.reopen_action.setEnabled(signed and not read_only)
        if signed:
            when = f"{report.signed_date:%d/%m/%Y}" if report.signed_date else "…"
            from cchc_desktop.gui.sign_off_dialog import title_for_display

            title = title_for_display(report.signer_title or "")
            who = " ".join(part for part in (title, report.signer) if part)
            text = (
                self.tr("Báo cáo đã ký duyệt ngày %1 bởi %2. Số liệu đã khóa, không sửa được.")
                .replace("%1", when)
                .replace("%2", who)
            )
            tamper = [p for p in self.document.evaluation.problems if p.check_id == "dau-ky"]
            if tamper:
                text += "\n" + tamper[0].message
            self.signed_banner.label.setText(text)
        self.signed_banner.setVisible(signed)
        self.signed_banner.button.setVisible(not read_only)
        self.readonly_banner.setVisible(read_only)
        self._refresh_tabs()
        self.summary_label.setText(self.summary_text())
        self.summaryChanged.emit()

    def _on_saved(self, text: str) -> None:
        self.saved_label.setText(text)
        self.saved.emit(text)

    def _on_store_error(self, message: str) -> None:
        self.error_bar.label.setText(message)
        self.error_bar.show()
        self.storeError.emit(message)

    def _on_conflict(self, code: str, message: str) -> None:
        """A cell saved elsewhere meanwhile: the row shows what is stored now, the message
        says what the clerk typed, and the cursor goes to that cell."""
        self.error_bar.label.setText(message)
        self.error_bar.show()
        if code:
            column = self.current_table().currentIndex().column()
            column = column if column in (COL_VALUE, COL_NOTE) else COL_VALUE
            # After the view has moved on (Enter), come back to the refused cell.
            QTimer.singleShot(0, lambda: self.select_cell(code, column))
        self.changedElsewhere.emit(message)

    def _after_sign_off(self) -> None:
        self.document.reload()
        self._on_saved(now_label())
        self.signedOff.emit()

    def _reopen_answered(self, yes: bool) -> None:
        if yes and self.document.reopen():
            self._on_saved(now_label())

    def _refresh_tabs(self) -> None:
        bar = self.tabs.tabBar()
        filtering = self._visible_rows is not None
        for number, section in enumerate(self.document.catalogue.sections):
            stats = self.document.section_stats(number)
            title = short_section_title(section)
            if filtering:
                matches = self.model.match_count(self._visible_rows, number)
                found = self.tr("%n kết quả", "", matches)
                text = f"{title} ({found})"
            else:
                text = f"{title} ({counter_text(stats)})"
            tip = (
                self.tr("Đã nhập %1/%2 chỉ tiêu")
                .replace("%1", str(stats.filled))
                .replace("%2", str(stats.total))
            )
            if stats.errors:
                tip += ", " + errors_text(stats.errors)
            if stats.warnings:
                tip += ", " + warnings_text(stats.warnings)
            color = "#b42318" if stats.errors else ("#93370d" if stats.warnings else "")
            shown = (text, tip, color)
            if shown == self._tab_shown[number]:
                continue  # each setTabText lays the whole tab bar out again
            self._tab_shown[number] = shown
            self.tabs.setTabText(number, text.replace("&", "&&"))
            self.tabs.setTabToolTip(number, f"{section.label}\n{tip}")
            bar.setTabTextColor(number, QColor(color) if color else bar.palette().text().color())

    # -- navigation -----------------------------------------------------------------------------

    def _visible_sections(self) -> list[int]:
        return [n for n in range(self.tabs.count()) if self.tabs.isTabVisible(n)]

    def _step_section(self, step: int) -> None:
        visible = self._visible_sections()
        current = self.tabs.currentIndex()
        later = [n for n in visible if (n > current if step > 0 else n < current)]
        if later:
            # From the keyboard (Ctrl+PgDn/PgUp), maybe right after a cell was saved.
            self.set_section(later[0] if step > 0 else later[-1], paint_later=True)

    def _on_boundary(self, forward: bool) -> None:
        """Enter/Tab past the last cell of a section goes on to the next section."""
        table = self.current_table()
        column = COL_NOTE if table.currentIndex().column() == COL_NOTE else COL_VALUE
        visible = self._visible_sections()
        current = self.tabs.currentIndex()
        later = [n for n in visible if (n > current if forward else n < current)]
        for number in later if forward else reversed(later):
            target = self.table(number)
            cell = target.next_cell(QModelIndex(), forward, column)
            if cell.isValid():
                self._switch_tab(number, paint_later=True)
                target.go_to(cell)
                target.setFocus()
                return

    def _switch_tab(self, index: int, *, paint_later: bool = False) -> None:
        """Show another section. The focus leaves the table about to be hidden first: Qt
        repaints the whole window when the focused widget is hidden (header, bar and tab
        bar: some 3 ms more in the turn of an Enter past a section's last cell). The tab bar
        is repainted by the switch anyway; the caller then focuses the new table.

        ``paint_later``: the new section is painted in the next turn of the event loop, not
        in this one, when a cell has likely just been saved (Enter past a section's last
        cell, Ctrl+PgDn while typing): the save and the section's first paint in one turn
        kept the window from the next key for 12-18 ms, 8-11 ms each once apart. The section
        is shown, current and focused at once, so a key typed meanwhile goes to it."""
        if self.current_table().hasFocus():
            self.tabs.tabBar().setFocus(Qt.FocusReason.OtherFocusReason)
        if paint_later:
            self.tabs.setUpdatesEnabled(False)
            self._reveal_timer.start()
        self.tabs.setCurrentIndex(index)

    def _reveal_section(self) -> None:
        self.tabs.setUpdatesEnabled(True)  # repaints the tabs, with the section now shown

    def _on_tab_changed(self, index: int) -> None:
        if index >= 0 and self.isVisible():
            table = self.table(index)
            if not table.currentIndex().isValid():
                first = table.next_cell(QModelIndex(), True)
                if first.isValid():
                    table.go_to(first)
            if QApplication.focusWidget() is self.tabs.tabBar():
                table.setFocus()  # a clicked tab: typing goes on in its table

    def _next_problem(self) -> None:
        view = self.problems_panel.view
        count = self.problems_model.rowCount()
        if not count:
            return
        row = (view.currentIndex().row() + 1) % count if view.currentIndex().isValid() else 0
        index = self.problems_model.index(row, 0)
        view.setCurrentIndex(index)
        _section, code = self.problems_model.location(row)
        if code:
            self.select_cell(code, COL_VALUE)

    # -- filter ---------------------------------------------------------------------------------

    def _focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def _leave_filter(self) -> None:
        table = self.current_table()
        cell = table.next_cell(QModelIndex(), True)
        if not cell.isValid():
            cell = table.next_cell(QModelIndex(), True, COL_NOTE)
        if cell.isValid():
            table.go_to(cell)
        table.setFocus()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (
            watched is self.filter_edit
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
        ):
            if event.key() == Qt.Key.Key_Escape:
                self.filter_edit.clear()
                self.current_table().setFocus()
                return True
            if event.key() == Qt.Key.Key_Down:
                self._leave_filter()
                return True
        return super().eventFilter(watched, event)

    def _apply_filter(self, text: str, keep_place: bool = False) -> None:
        rows = self.model.matching_rows(text)
        self._visible_rows = rows
        for table in self._built_tables():  # the others are built with these rows
            table.proxy().set_visible_rows(rows)
        if rows is None:
            for number in range(self.tabs.count()):
                self.tabs.setTabVisible(number, True)
            self.match_label.setText("")
        else:
            counts = [self.model.match_count(rows, n) for n in range(self.tabs.count())]
            current = self.tabs.currentIndex()
            for number, count in enumerate(counts):
                self.tabs.setTabVisible(number, count > 0)
            with_matches = [n for n, c in enumerate(counts) if c]
            total = sum(counts)
            if total:
                self.match_label.setText(
                    self.tr("%n chỉ tiêu", "", total)
                    + " "
                    + self.tr("ở %n phần", "", len(with_matches))
                )
                if current not in with_matches:
                    self.tabs.setCurrentIndex(with_matches[0])
            else:
                self.match_label.setText(self.tr("Không có chỉ tiêu nào khớp"))
        self._refresh_tabs()
        table = self.current_table()
        current = table.currentIndex()
        if keep_place and current.isValid():
            return  # re-run after an edit: the clerk stays on the cell just edited
        if current.data(Roles.KIND) not in (VALUE, None) or not current.isValid():
            first = table.next_cell(QModelIndex(), True)
            if first.isValid():
                table.go_to(first)
