"""Where ui/style.qss applies, and the colours the report editor takes from palettes instead.

The style sheet is set on the window's chrome (toolbar, status bar, the report list page), on
each dialog and on a few small widgets of the editor, never on the application. A Qt style
sheet sends every widget it covers through QStyleSheetStyle: set on the application it cost
the start-up ≈ 84 M instructions (more than a tenth of the work to the first paint, see
docs/benchmarks.md) and made every repaint of the editor's tables go through it too. The
editor's colours are palette colours, and its few rules that need a style sheet (the table
headers, the filter box, a banner's button) are set on those widgets alone.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QWidget

from cchc_desktop import assets

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

STYLE = "Fusion"  # the same look on every PC, whatever the desktop's own style
WINDOW_BACKGROUND = "#f4f5f7"  # behind every page and dialog, as in ui/style.qss
HIGHLIGHT = "#308cc6"  # Fusion's selection blue
# The rules of the report list page (its title, filter box, table and empty state).
LIST_PAGE_RULES = (
    "#pageTitle",
    "#pageSubtitle",
    "#filterEdit",
    "#emptyState",
    "#reportTable",
    "QHeaderView",
)


@cache
def style_sheet(*only: str) -> str:
    """ui/style.qss, or just its rules whose selector names one of ``only`` ("QHeaderView",
    "#filterEdit"); empty if the file cannot be read (plain Fusion still works).

    A widget parses its own copy of its style sheet: a header given the whole file costs
    ≈ 5 M instructions, one given its one rule a tenth of that."""
    try:
        text = (assets.ui_dir() / "style.qss").read_text(encoding="utf-8")
    except OSError:
        return ""
    if not only:
        return text
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.DOTALL)
    rules = re.findall(r"[^{}]+\{[^{}]*\}", text)
    return "\n".join(r.strip() for r in rules if any(n in r.split("{", 1)[0] for n in only))


@cache
def icon(name: str) -> QIcon:
    """A bundled SVG icon from resources/icons/ (an empty icon if it is missing)."""
    path = assets.resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def apply_style(widget: QWidget, *only: str) -> None:
    """Style ``widget`` and everything in it with ui/style.qss (see :func:`style_sheet`)."""
    widget.setStyleSheet(style_sheet(*only))


def message_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton | None = None,
    parent: QWidget | None = None,
) -> QMessageBox:
    """A message box styled like the window's dialogs (no buttons unless ``buttons``).

    Each function that shows a box imports QMessageBox itself: PySide6 builds a class's
    enums the first time Python names it (≈ 5 M instructions for this one), and a start-up
    that goes well shows no box."""
    from PySide6.QtWidgets import QMessageBox

    if buttons is None:
        buttons = QMessageBox.StandardButton.NoButton
    box = QMessageBox(icon, title, text, buttons, parent)
    apply_style(box)
    return box


def light_palette(app: QGuiApplication) -> QPalette:
    """The application's palette, light whatever the desktop's theme: every colour here and
    in ui/style.qss is chosen for a light window, and a dark theme would darken half of it.
    Qt is asked for its light scheme (keeping the system's own accents); where a platform
    cannot switch, a light palette is derived from the window colour."""
    app.styleHints().setColorScheme(Qt.ColorScheme.Light)
    palette = app.palette()
    if palette.color(QPalette.ColorRole.Window).lightness() < 128:
        palette = QPalette(QColor(WINDOW_BACKGROUND))  # every role derived: dark text on white
        palette.setColor(QPalette.ColorRole.Highlight, QColor(HIGHLIGHT))
        palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    palette.setColor(QPalette.ColorRole.Window, QColor(WINDOW_BACKGROUND))
    return palette


def set_colours(
    widget: QWidget,
    *,
    text: str | None = None,
    window: str | None = None,
    base: str | None = None,
) -> None:
    """Give ``widget`` and its children a text colour, a window (background) colour and/or a
    base colour (the inside of line edits)."""
    palette = widget.palette()
    for role_colour, roles in (
        (text, (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text)),
        (window, (QPalette.ColorRole.Window,)),
        (base, (QPalette.ColorRole.Base,)),
    ):
        if role_colour is not None:
            for role in roles:
                palette.setColor(role, QColor(role_colour))
    widget.setPalette(palette)
