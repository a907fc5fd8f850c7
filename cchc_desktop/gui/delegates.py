"""Cell editors of the report table, one per kind of cell.

- numbers (integer, decimal, percent): a line edit that takes what the core parser takes, the
  Vietnamese way (``46.104``, ``33,33``, ``93,69%``); text it cannot read is still committed and
  kept as a pending entry marked as an error, never dropped;
- choices: a drop-down showing ``Có (1)``; typing the code (``1``) or the first letters of the
  label (``co``, diacritics ignored) picks it, Delete empties it;
- notes and text values: a multi-line editor with the item's ``note_hint`` as placeholder.

Keys, as in a spreadsheet: Enter or Tab saves and moves to the next cell, Shift+Enter or Shift+Tab
to the previous one, Esc cancels. In a note, Alt+Enter or Ctrl+Enter starts a new line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
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
    expected_hint,
)
from cchc_desktop.text import fold
from cchc_desktop.values import ValueInputError, parse_value

_IndexLike = QModelIndex | QPersistentModelIndex


def note_keys_hint() -> str:
    return QCoreApplication.translate(
        "Delegates", "Enter: lưu và sang ô tiếp · Alt+Enter: xuống dòng · Esc: hủy"
    )


def blank_choice() -> str:
    """The drop-down entry that empties a choice cell."""
    return QCoreApplication.translate("Delegates", "(để trống)")


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


class ValueLineEdit(QLineEdit):
    """A number cell. It shows as you type whether the text can be read, with the reason."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.setPlaceholderText(expected_hint(item))
        self.setFrame(False)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.problem = ""
        self.textChanged.connect(self._check)

    def _check(self, text: str) -> None:
        try:
            parse_value(self.item, text)
            problem = ""
        except ValueInputError as exc:
            problem = str(exc)
        if problem != self.problem:
            self.problem = problem
            self.setToolTip(problem)
            self.setStyleSheet(
                "QLineEdit { border: 2px solid #c0281c; background: #fff7f6; }" if problem else ""
            )

    def value_text(self) -> str:
        return self.text()


class ChoiceComboBox(QComboBox):
    """A coded choice: "Không (0)", "Có (1)", and a blank entry to empty the cell."""

    def __init__(self, item: Item, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item = item
        self.addItem(blank_choice(), None)
        for choice in item.choices:
            self.addItem(f"{choice.label} ({choice.code})", choice.code)
        self._typed = ""

    def set_text(self, text: str) -> None:
        """Select the option shown as ``text``; unreadable pending text gets its own entry so
        that confirming the editor keeps it."""
        if not text:
            self.setCurrentIndex(0)
            return
        found = self.findText(text)
        if found < 0:
            self.addItem(text, "pending")
            found = self.count() - 1
        self.setCurrentIndex(found)

    def value_text(self) -> str:
        return "" if self.currentData() is None else self.currentText()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.setCurrentIndex(0)
            return
        if (
            text
            and text.isprintable()
            and not text.isspace()
            and not (
                modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            )
        ):
            self._pick(text)
            return
        super().keyPressEvent(event)

    def _pick(self, text: str) -> None:
        if text.isdigit():
            found = self.findData(int(text))
            if found >= 0:
                self.setCurrentIndex(found)
            return
        # Letters: the first option whose label starts with what was typed so far ("kh"), or
        # with this letter alone when that matches nothing (typing "c" after "k").
        for typed in (fold(self._typed + text), fold(text)):
            for number in range(1, self.count()):
                code = self.itemData(number)
                label = next((c.label for c in self.item.choices if c.code == code), None)
                if label is not None and fold(label).startswith(typed):
                    self.setCurrentIndex(number)
                    self._typed = typed
                    return
        self._typed = ""


class NoteEdit(QPlainTextEdit):
    """A multi-line note (or text value). Enter saves; Alt+Enter or Ctrl+Enter adds a line."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setToolTip(note_keys_hint())
        self.setTabChangesFocus(True)
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        self.setStyleSheet("QPlainTextEdit { border: 2px solid #2f6fb5; background: white; }")

    def value_text(self) -> str:
        return self.toPlainText()


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
        item: Item | None = index.data(Roles.ITEM)
        assert item is not None
        editor: QWidget
        if index.column() == COL_NOTE:
            hint = item.note_hint or QCoreApplication.translate("Delegates", "Ghi chú")
            editor = NoteEdit(hint, parent)
        elif item.type == "choice":
            editor = ChoiceComboBox(item, parent)
        elif item.type == "text":
            hint = item.note_hint or QCoreApplication.translate("Delegates", "Nội dung")
            editor = NoteEdit(hint, parent)
        else:
            editor = ValueLineEdit(item, parent)
        editor.setObjectName(f"editor_{item.code}_{index.column()}")
        # The cell as it is now: saving compares with it, so a change another window saved
        # while the clerk was typing is refused with a message instead of overwritten.
        editor.base_entry = index.data(Roles.ENTRY)  # type: ignore[attr-defined]
        return editor

    def setEditorData(self, editor: QWidget, index: _IndexLike) -> None:
        if getattr(editor, "data_set", False):
            # Qt refills open editors when their row changes (another window saved it):
            # what the clerk is typing must stay; saving it then finds the conflict.
            return
        editor.data_set = True  # type: ignore[attr-defined]
        text = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, ChoiceComboBox):
            editor.set_text(text)
            if self.open_popup:
                QTimer.singleShot(0, editor, editor.showPopup)
        elif isinstance(editor, NoteEdit):
            editor.setPlainText(text)
            if self.typing:
                editor.selectAll()  # the typed key replaces the note, as in a spreadsheet
            else:
                editor.moveCursor(QTextCursor.MoveOperation.End)
        elif isinstance(editor, QLineEdit):
            editor.setText(text)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _IndexLike) -> None:
        if isinstance(editor, ValueLineEdit | ChoiceComboBox | NoteEdit):
            edit = CellEdit(editor.value_text(), getattr(editor, "base_entry", None))
            model.setData(index, edit, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _IndexLike
    ) -> None:
        rect = option.rect
        if isinstance(editor, NoteEdit):
            # A note needs room for a few lines even in a one-line row; stay inside the viewport.
            height = max(rect.height(), editor.fontMetrics().lineSpacing() * 4 + 12)
            rect = rect.adjusted(0, 0, 0, height - rect.height())
            area = editor.parentWidget()
            if area is not None and rect.bottom() > area.height():
                rect.moveBottom(max(area.height() - 1, rect.height() - 1))
        editor.setGeometry(rect)

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QWidget):
            assert isinstance(event, QKeyEvent)
            key = event.key()
            modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            hint: QAbstractItemDelegate.EndEditHint | None = None
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if isinstance(editor, NoteEdit) and modifiers & (
                    Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ControlModifier
                ):
                    editor.insertPlainText("\n")
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
