"""The widgets that edit a cell of the report table, one per kind of cell (the keys that
move between cells are the delegate's, gui/delegates.py):

- numbers (integer, decimal, percent): a line edit that takes what the core parser takes, the
  Vietnamese way (``46.104``, ``33,33``, ``93,69%``); text it cannot read is still committed and
  kept as a pending entry marked as an error, never dropped;
- choices: a drop-down showing ``Có (1)``; typing the code (``1``) or the first letters of the
  label (``co``, diacritics ignored) picks it, Delete empties it;
- notes and text values: a multi-line editor with the item's ``note_hint`` as placeholder.

Imported once the window has painted (ReportEditor.prepare_editing), by the editor's warm-up,
or by the first edit, whichever comes first; not before the first paint: a drop-down and a
multi-line editor are classes PySide6 builds with their enums the first time Python names them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from cchc_desktop.catalogue import Item
from cchc_desktop.gui.report_model import expected_hint
from cchc_desktop.text import fold
from cchc_desktop.values import ValueInputError, parse_value


def note_keys_hint() -> str:
    return QCoreApplication.translate(
        "Delegates", "Enter: lưu và sang ô tiếp · Alt+Enter: xuống dòng · Esc: hủy"
    )


def blank_choice() -> str:
    """The drop-down entry that empties a choice cell."""
    return QCoreApplication.translate("Delegates", "(để trống)")


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

    def load(self, text: str, *, typing: bool = False, open_popup: bool = False) -> None:
        """Start from the cell's text."""
        self.setText(text)

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

    def load(self, text: str, *, typing: bool = False, open_popup: bool = False) -> None:
        """Start from the cell's text; a double-click opens the list at once."""
        self.set_text(text)
        if open_popup:
            QTimer.singleShot(0, self, self.showPopup)

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

    def load(self, text: str, *, typing: bool = False, open_popup: bool = False) -> None:
        """Start from the cell's text: a typed key replaces it, as in a spreadsheet; else the
        cursor goes to its end."""
        self.setPlainText(text)
        if typing:
            self.selectAll()
        else:
            self.moveCursor(QTextCursor.MoveOperation.End)

    def new_line(self) -> None:
        """Alt+Enter or Ctrl+Enter (Enter alone saves)."""
        self.insertPlainText("\n")

    def room(self, rect: QRect) -> QRect:
        """A note needs room for a few lines even in a one-line row; it stays inside the
        table's viewport."""
        height = max(rect.height(), self.fontMetrics().lineSpacing() * 4 + 12)
        rect = rect.adjusted(0, 0, 0, height - rect.height())
        area = self.parentWidget()
        if area is not None and rect.bottom() > area.height():
            rect.moveBottom(max(area.height() - 1, rect.height() - 1))
        return rect

    def value_text(self) -> str:
        return self.toPlainText()


CellEditor = ValueLineEdit | ChoiceComboBox | NoteEdit


def create(item: Item, column_is_note: bool, parent: QWidget) -> CellEditor:
    """The editor a cell needs: a note or a text value gets a multi-line editor (the item's
    note_hint as placeholder), a coded choice a drop-down, a number a line edit."""
    if column_is_note:
        hint = item.note_hint or QCoreApplication.translate("Delegates", "Ghi chú")
        return NoteEdit(hint, parent)
    if item.type == "choice":
        return ChoiceComboBox(item, parent)
    if item.type == "text":
        hint = item.note_hint or QCoreApplication.translate("Delegates", "Nội dung")
        return NoteEdit(hint, parent)
    return ValueLineEdit(item, parent)
