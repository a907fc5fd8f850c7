"""The report list's table: it draws its cells' texts itself, and must look exactly as Qt's
own painting with the Python delegates did (the way it painted before), pixel for pixel."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QImage, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QTableView, QWidget
from pytestqt.qtbot import QtBot

from cchc_desktop import assets
from cchc_desktop.gui.report_list_model import (
    AGENCY,
    CATALOGUE,
    COMPLETION,
    PROBLEMS,
    STATUS,
    UPDATED,
    ReportListModel,
)
from cchc_desktop.gui.report_list_view import CompletionDelegate, ListDelegate, ReportTable
from cchc_desktop.store import SIGNED, Store
from tests.conftest import make_seed_report
from tests.gui.shell_helpers import create_reports

SEED_WITH_ERRORS = "001_e074a215dda75db3"  # two errors: a red "2 lỗi"


class _QtPainted(ReportTable):
    """The table as it painted before: Qt draws every text, Python delegates keep a cell's
    colour on a selected row and draw the completion bar."""

    def __init__(self, model: ReportListModel, parent: QWidget) -> None:
        super().__init__(model, parent)
        keep = ListDelegate(self)
        for column in (STATUS, PROBLEMS, UPDATED):
            self.setItemDelegateForColumn(column, keep)
        self.setItemDelegateForColumn(COMPLETION, CompletionDelegate(self))

    def paintEvent(self, event: QPaintEvent) -> None:
        QTableView.paintEvent(self, event)


@pytest.fixture
def tables(qtbot: QtBot, store: Store) -> Iterator[tuple[ReportTable, ReportTable]]:
    """Ours and Qt's, side by side in one window styled as the app is, on the same model:
    the reports of every colour (signed, errors, drafts with no problem)."""
    create_reports(store)
    make_seed_report(store, SEED_WITH_ERRORS)
    # Texts Qt lays out its own way (several lines, a tab): left to Qt to draw.
    store.create_report("so-ban-nganh-2022", "Ban Quản lý\ndự án tỉnh", "2021-Q1")
    store.create_report("so-ban-nganh-2022", "Sở\tTư pháp", "2021-Q1")
    host = QWidget()
    host.setStyleSheet((assets.ui_dir() / "style.qss").read_text(encoding="utf-8"))
    qtbot.addWidget(host)
    model = ReportListModel(store, host)
    model.refresh()
    ours, theirs = ReportTable(model, host), _QtPainted(model, host)
    layout = QHBoxLayout(host)
    for table in (ours, theirs):
        table.setFixedSize(820, 260)
        layout.addWidget(table)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()
    qtbot.waitActive(host)
    host.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # neither table has the focus at first
    host.setFocus()
    qtbot.waitUntil(host.hasFocus)
    yield ours, theirs  # the host (and the tables with it) lives until the test is done


def _painted(table: ReportTable, qtbot: QtBot, setup: Callable[[ReportTable], None]) -> QImage:
    setup(table)
    qtbot.waitUntil(lambda: not table.hasFocus() or table.isActiveWindow())
    return table.grab().toImage()


def _assert_same(
    tables: tuple[ReportTable, ReportTable], qtbot: QtBot, setup: Callable[[ReportTable], None]
) -> None:
    ours, theirs = (_painted(table, qtbot, setup) for table in tables)
    assert not ours.isNull() and ours.size() == theirs.size()
    assert ours == theirs


def _select(table: ReportTable, row: int, column: int = AGENCY) -> None:
    model = table.model()
    table.selectionModel().setCurrentIndex(
        model.index(row, column),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def _focus(qtbot: QtBot, table: ReportTable, by_keyboard: bool) -> None:
    # A focus reached by the keyboard shows the style's focus frame on the current cell.
    table.window().setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, by_keyboard)
    table.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(table.hasFocus)


def _row(table: ReportTable, want: Callable[[object], bool]) -> int:
    model = table.model()
    assert isinstance(model, ReportListModel)
    return next(r for r in range(model.rowCount()) if want(model.summary(r)))


def test_rows_look_as_qt_paints_them(tables: tuple[ReportTable, ReportTable], qtbot: QtBot) -> None:
    _assert_same(tables, qtbot, lambda table: None)


@pytest.mark.parametrize("which", ["signed", "errors"])
@pytest.mark.parametrize("column", [AGENCY, STATUS, COMPLETION, PROBLEMS])
@pytest.mark.parametrize("by_keyboard", [False, True])
def test_a_selected_row_keeps_its_colours_and_focus_frame(
    tables: tuple[ReportTable, ReportTable],
    qtbot: QtBot,
    which: str,
    column: int,
    by_keyboard: bool,
) -> None:
    def wanted(summary: object) -> bool:
        if which == "signed":
            return getattr(summary, "status", "") == SIGNED
        return bool(getattr(summary, "errors", 0))

    row = _row(tables[0], wanted)

    def setup(table: ReportTable) -> None:
        _select(table, row, column)
        _focus(qtbot, table, by_keyboard)

    _assert_same(tables, qtbot, setup)


def test_an_unfocused_selection_and_an_unselected_current_cell(
    tables: tuple[ReportTable, ReportTable], qtbot: QtBot
) -> None:
    def unfocused(table: ReportTable) -> None:
        _select(table, 1, STATUS)
        table.window().setFocus()
        qtbot.waitUntil(lambda: not table.hasFocus())

    _assert_same(tables, qtbot, unfocused)

    for row in (1, 2):  # a row with the alternate background, and one without

        def unselected(table: ReportTable, row: int = row) -> None:
            _select(table, row, PROBLEMS)
            table.selectionModel().clearSelection()
            _focus(qtbot, table, True)

        _assert_same(tables, qtbot, unselected)


def test_narrow_columns_elide_as_qt_does(
    tables: tuple[ReportTable, ReportTable], qtbot: QtBot
) -> None:
    def narrow(table: ReportTable) -> None:
        head = table.horizontalHeader()
        for column, width in ((AGENCY, 90), (CATALOGUE, 75), (COMPLETION, 100), (UPDATED, 60)):
            head.resizeSection(column, width)
        _select(table, 0, AGENCY)

    _assert_same(tables, qtbot, narrow)


def test_rows_still_look_so_after_a_column_is_fitted_to_its_contents(
    tables: tuple[ReportTable, ReportTable], qtbot: QtBot
) -> None:
    # A double click on a header's edge: Qt measures every cell of the column through the
    # table's item delegate, with all of its data (the table paints without it).
    def fitted(table: ReportTable) -> None:
        table.resizeColumnToContents(CATALOGUE)
        _select(table, 1, STATUS)

    _assert_same(tables, qtbot, fitted)


def test_the_completion_column_is_sized_for_its_bar(
    tables: tuple[ReportTable, ReportTable],
) -> None:
    ours, theirs = tables
    # As the completion delegate sized it before (Qt's measure, without our override).
    before = QTableView.sizeHintForColumn(theirs, COMPLETION)
    assert (
        ours.sizeHintForColumn(COMPLETION)
        == before
        > 64 + QTableView.sizeHintForColumn(ours, COMPLETION)
    )
    assert ours.sizeHintForColumn(AGENCY) == QTableView.sizeHintForColumn(theirs, AGENCY)


def test_texts_are_laid_out_once_per_text_and_width(
    tables: tuple[ReportTable, ReportTable], qtbot: QtBot
) -> None:
    ours = tables[0]
    ours.grab()
    laid = dict(ours._layouts)
    assert laid  # every text drawn was laid out …
    ours.grab()
    assert ours._layouts.keys() == laid.keys()
    assert all(ours._layouts[key] is laid[key] for key in laid)  # … once
