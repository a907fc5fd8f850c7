"""The report table's delegate: it makes the editor a cell needs (gui/cell_editors.py), moves
on with the keys a spreadsheet uses, and measures the rows.

Keys, as in a spreadsheet: Enter or Tab saves and moves to the next cell, Shift+Enter or Shift+Tab
to the previous one, Esc cancels. In a note, Alt+Enter or Ctrl+Enter starts a new line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QStyledItemDelegate,
    QWidget,
)

if TYPE_CHECKING:  # annotations only: see FOCUS_FRAME_MARGIN
    from PySide6.QtWidgets import QStyleOptionViewItem

from cchc_desktop.catalogue import Item
from cchc_desktop.gui.report_model import (
    COL_NOTE,
    COL_VALUE,
    CellEdit,
    Roles,
)

_IndexLike = QModelIndex | QPersistentModelIndex


MIN_ROW_HEIGHT = 28
ROW_PADDING = 10  # above and below the text of a cell
TALL_ROW = 4 * MIN_ROW_HEIGHT  # taller rows (a long note) start their text at the top
# Fusion's PM_FocusFrameHMargin, the space the style keeps each side of a cell's text (a test
# checks it against the style). A constant, because asking the style for it would hand Python
# a QStyle, which PySide6 builds ≈ 900 enum members for at the first start (≈ 47 M
# instructions).
FOCUS_FRAME_MARGIN = 2
# The text margin on both sides, the grid line, and a pixel to spare.
TEXT_MARGIN = 2 * (FOCUS_FRAME_MARGIN + 1) + 2


class ReportDelegate(QStyledItemDelegate):
    """Creates the editor a cell needs, handles Enter/Tab/Esc in it, measures row heights."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Set by the view while a typed key opens an editor: the key replaces the cell's text.
        self.typing = False
        self.open_popup = False  # set by the view on a double-click

    # -- editors --------------------------------------------------------------------------------

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: _IndexLike
    ) -> QWidget:
        from cchc_desktop.gui import cell_editors  # see cell_editors: not needed at start-up

        item: Item | None = index.data(Roles.ITEM)
        assert item is not None
        editor = cell_editors.create(item, index.column() == COL_NOTE, parent)
        editor.setObjectName(f"editor_{item.code}_{index.column()}")
        # The cell as it is now: saving compares with it, so a change another window saved
        # while the clerk was typing is refused with a message instead of overwritten.
        editor.base_entry = index.data(Roles.ENTRY)  # type: ignore[union-attr]
        return editor

    def setEditorData(self, editor: QWidget, index: _IndexLike) -> None:
        if getattr(editor, "data_set", False):
            # Qt refills open editors when their row changes (another window saved it):
            # what the clerk is typing must stay; saving it then finds the conflict.
            return
        load = getattr(editor, "load", None)
        if load is not None:
            editor.data_set = True  # type: ignore[attr-defined]
            text = index.data(Qt.ItemDataRole.EditRole) or ""
            load(text, typing=self.typing, open_popup=self.open_popup)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _IndexLike) -> None:
        value_text = getattr(editor, "value_text", None)
        if value_text is not None:
            edit = CellEdit(value_text(), getattr(editor, "base_entry", None))
            model.setData(index, edit, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _IndexLike
    ) -> None:
        room = getattr(editor, "room", None)
        editor.setGeometry(option.rect if room is None else room(option.rect))

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QWidget):
            assert isinstance(event, QKeyEvent)
            key = event.key()
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            hint: QAbstractItemDelegate.EndEditHint | None = None
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                new_line = getattr(editor, "new_line", None)  # a note's editor
                if new_line is not None and modifiers & (
                    Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier
                ):
                    new_line()
                    return True
                backwards = bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
                hint = self._previous if backwards else self._next
            elif key == Qt.Key.Key_Tab and not modifiers:
                hint = self._next
            elif key == Qt.Key.Key_Backtab:
                hint = self._previous
            if hint is not None:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, hint)
                return True
        return super().eventFilter(editor, event)

    _next = QAbstractItemDelegate.EndEditHint.EditNextItem
    _previous = QAbstractItemDelegate.EndEditHint.EditPreviousItem

    # -- painting and sizes -----------------------------------------------------------------------

    # Cells are painted by Qt alone (no Python per cell): the alignment of tall rows comes
    # from the model's TextAlignmentRole, the problem bars from SectionTable.paintEvent.

    def sizeHint(self, option: QStyleOptionViewItem, index: _IndexLike) -> QSize:
        size = super().sizeHint(option, index)
        size.setHeight(max(MIN_ROW_HEIGHT, size.height() + ROW_PADDING))
        return size

    def row_height(
        self, model: QAbstractItemModel, row: int, widths: Sequence[int], view: QWidget
    ) -> int:
        """The height a row needs so every wrapped cell shows in full.

        Same result as asking :meth:`sizeHint` of each cell, but measured straight from the
        text with a cache, so a 200-row report lays out in a few milliseconds.
        """
        cells = []
        for column in range(len(widths)):
            index = model.index(row, column)
            text = index.data(Qt.ItemDataRole.DisplayRole) or ""
            bold = bool(index.data(Qt.ItemDataRole.FontRole)) and column != COL_VALUE
            cells.append((text, bold))
        return self.text_height(cells, widths, view)

    def text_height(
        self, cells: Sequence[tuple[str, bool]], widths: Sequence[int], view: QWidget
    ) -> int:
        """The height of a row of (text, bold) cells in these column widths (see row_height)."""
        font = view.font()
        font_key = font.key()
        margin = TEXT_MARGIN
        heights = _TEXT_HEIGHTS
        height = MIN_ROW_HEIGHT
        for (text, bold), width in zip(cells, widths, strict=False):
            if not text:
                continue
            key = (text, width - margin, bold, font_key)
            needed = heights.get(key)
            if needed is None:
                metrics = _METRICS.get((font_key, bold))
                if metrics is None:
                    used = QFont(font)
                    used.setBold(bold)
                    metrics = _METRICS[(font_key, bold)] = QFontMetrics(used)
                box = QRect(0, 0, max(1, width - margin), 1_000_000)
                needed = metrics.boundingRect(box, _WRAP, text).height() + ROW_PADDING
                if len(heights) > _TEXT_HEIGHTS_LIMIT:
                    heights.clear()  # widths seen while resizing a window pile up
                heights[key] = needed
            height = max(height, needed)
        return height


# Shared by every table: the same texts come back when a report is opened again, and the
# table measured ahead of being shown has another delegate than the one that shows it.
_TEXT_HEIGHTS: dict[tuple[str, int, bool, str], int] = {}
_TEXT_HEIGHTS_LIMIT = 50_000
_METRICS: dict[tuple[str, bool], QFontMetrics] = {}
_WRAP = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
