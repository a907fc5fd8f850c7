"""Where ui/style.qss applies (never to the whole application), the light palette, and what
the start-up leaves out to paint sooner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox, QStyle, QToolButton
from pytestqt.qtbot import QtBot

from cchc_desktop.gui import app as app_module
from cchc_desktop.gui import delegates, look
from cchc_desktop.gui.main_window import MainWindow
from cchc_desktop.gui.new_report_dialog import NewReportDialog
from cchc_desktop.store import Store
from tests.conftest import make_seed_report
from tests.gui.shell_helpers import run_python, temp_settings

ROOT = Path(__file__).resolve().parents[2]
LARGEST_SEED = "003_d8652e5c4f02bc4c"  # so-ban-nganh-2022, 178 rows


@pytest.fixture
def palette_kept(qapp: QApplication) -> Iterator[QApplication]:
    palette = qapp.palette()
    yield qapp
    qapp.setPalette(palette)


def test_a_selector_picks_just_its_rules() -> None:
    header = look.style_sheet("QHeaderView")
    assert header.startswith("QHeaderView::section {") and header.count("{") == 1
    toolbar = look.style_sheet("QToolBar")
    assert "QToolBar#mainToolBar QToolButton:hover" in toolbar
    assert "QPushButton" not in toolbar and "/*" not in toolbar
    assert look.style_sheet() == (Path(ROOT) / "ui" / "style.qss").read_text(encoding="utf-8")


@pytest.fixture
def window(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    """The window with the largest report open, not shown yet."""
    report_id = make_seed_report(store, LARGEST_SEED)
    window = MainWindow(store, temp_settings(tmp_path, monkeypatch), persist=False)
    qtbot.addWidget(window)
    assert window.open_report(report_id)
    return window


def test_the_window_styles_its_parts_not_the_application(qtbot: QtBot, window: MainWindow) -> None:
    window.show()
    qtbot.waitExposed(window)
    assert QApplication.instance().styleSheet() == ""  # type: ignore[union-attr]
    assert "QToolBar#mainToolBar" in window.toolbar.styleSheet()
    assert "QStatusBar" in window.statusBar().styleSheet()
    assert "#reportTable" in window.list_page.styleSheet()
    table = window.editor.current_table()
    # The cells are painted without a style sheet; the header keeps its look.
    assert table.styleSheet() == "" and window.editor.styleSheet() == ""
    assert table.horizontalHeader().styleSheet() == look.style_sheet("QHeaderView")
    # A one-line row is as tall as the padded (hidden) row header, as it was with the sheet.
    assert table.lowest_row() >= table.horizontalHeader().height() - 1


def test_a_narrow_window_shows_the_toolbar_button_for_the_actions_that_do_not_fit(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(760, 560)
    window.show()
    qtbot.waitExposed(window)
    more = window.toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
    assert more is not None
    qtbot.waitUntil(more.isVisible)
    assert not window.toolbar.widgetForAction(window.print_action).isVisible()
    # The arrow is drawn: the tool buttons' padding once left its 12 px blank.
    image = more.grab().toImage()
    background = image.pixelColor(0, 0)
    drawn = sum(
        image.pixelColor(x, y) != background
        for x in range(image.width())
        for y in range(image.height())
    )
    assert drawn >= 10


def test_dialogs_carry_the_style_sheet(
    qtbot: QtBot, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = NewReportDialog(store, temp_settings(tmp_path, monkeypatch))
    qtbot.addWidget(dialog)
    assert dialog.styleSheet() == look.style_sheet()
    box = look.message_box(QMessageBox.Icon.Warning, "Tiêu đề", "Nội dung")
    qtbot.addWidget(box)
    assert box.styleSheet() == look.style_sheet() and box.text() == "Nội dung"


def test_a_dark_desktop_still_gets_a_light_window(palette_kept: QApplication) -> None:
    dark = QPalette(QColor("#202124"))
    palette_kept.setPalette(dark)
    light = look.light_palette(palette_kept)
    assert light.color(QPalette.ColorRole.Window) == QColor(look.WINDOW_BACKGROUND)
    assert light.color(QPalette.ColorRole.Base).lightness() > 200
    assert light.color(QPalette.ColorRole.Text).lightness() < 80
    assert light.color(QPalette.ColorRole.WindowText).lightness() < 80
    assert light.color(QPalette.ColorRole.Highlight) == QColor(look.HIGHLIGHT)


def test_the_row_margin_constant_is_the_styles(qapp: QApplication) -> None:
    """Row heights are measured with Fusion's focus-frame margin, written down rather than
    asked for at start-up (see delegates.FOCUS_FRAME_MARGIN)."""
    style = qapp.style()
    assert style.name().lower() == look.STYLE.lower()
    metric = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
    assert metric == delegates.FOCUS_FRAME_MARGIN


PROBE = """
import os, sys
import PySide6.QtWidgets as widgets
from cchc_desktop.gui import app
# Python asked for a QStyle, or the list's classes: PySide6 built their enums (≈ 50 M
# instructions), which a window opening on a report does not need; no message box either.
CLASSES = ("QMessageBox", "QStyle", "QStyleOptionViewItem")
# Nor is the report list's page built, nor are the modules that only it or an edit needs
# imported (the cell editors come right after the first paint).
MODULES = (
    "cchc_desktop.gui.cell_editors",
    "cchc_desktop.gui.report_list_model",
    "cchc_desktop.gui.report_list_page",
    "cchc_desktop.gui.report_list_view",
)
seen = {}
def first_paint(exit_now=False):
    seen["loaded"] = sorted(n for n in CLASSES if n in widgets.__dict__)
    seen["modules"] = sorted(name for name in MODULES if name in sys.modules)
app._trace_first_paint = first_paint
os.environ[app.TRACE_ENV] = "1"
code = app.main(sys.argv[1:])
print("loaded:", *seen["loaded"])
print("modules:", *seen["modules"])
print("afterwards:", "cchc_desktop.gui.cell_editors" in sys.modules)
sys.exit(code)
"""


def test_opening_on_a_report_leaves_the_style_classes_and_the_list_unloaded(
    tmp_path: Path,
) -> None:
    db = tmp_path / "r.sqlite3"
    with Store.open(db) as store:
        report_id = make_seed_report(store, LARGEST_SEED)
    shot = tmp_path / "s.png"
    args = ["--db", str(db), "--report", str(report_id), "--screenshot", str(shot)]
    done = run_python("-c", PROBE, *args, data_dir=tmp_path / "data")
    assert done.returncode == 0, done.stderr
    assert shot.stat().st_size > 0
    assert done.stdout.split("\n")[:3] == ["loaded:", "modules:", "afterwards: True"]


def test_first_paint_callbacks_run_once_after_the_window_paints(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QLabel

    window = QLabel("CCHC")
    qtbot.addWidget(window)
    seen: list[str] = []
    first = app_module.FirstPaint(window)
    first.add(lambda: seen.append("a"))
    first.add(lambda: seen.append("b"))
    window.show()
    qtbot.waitUntil(lambda: seen == ["a", "b"])
    window.repaint()
    qtbot.waitExposed(window)
    assert seen == ["a", "b"]
