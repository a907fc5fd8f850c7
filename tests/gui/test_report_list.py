"""The report list: its model, filtering, opening and deleting reports."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QHeaderView, QLabel, QWidget
from pytestqt.qtbot import QtBot

from cchc_desktop.cli import read_values_csv
from cchc_desktop.gui import main_window as mw
from cchc_desktop.gui import report_list_model as list_model
from cchc_desktop.gui.main_window import MainWindow
from cchc_desktop.gui.report_list_model import (
    AGENCY,
    CATALOGUE,
    COMPLETION,
    PERIOD,
    PROBLEMS,
    REPORT_ID_ROLE,
    STATUS,
    UPDATED,
    ReportListModel,
    format_updated,
)
from cchc_desktop.gui.report_list_view import ReportTable
from cchc_desktop.gui.report_model import COL_VALUE
from cchc_desktop.records import replace
from cchc_desktop.store import NotFoundError, Store
from tests.conftest import SEEDS
from tests.gui.shell_helpers import click_in_modal, close_modals, create_reports, temp_settings


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QSettings:
    return temp_settings(tmp_path, monkeypatch)


@pytest.fixture
def reports(store: Store) -> dict[str, int]:
    return create_reports(store)


@pytest.fixture
def no_modal_leftovers() -> Iterator[None]:
    yield
    close_modals()


def _window(store: Store, settings: QSettings, qtbot: QtBot) -> MainWindow:
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    return window


def _shown_ids(window: MainWindow) -> list[int]:
    model = window.table.model()
    return [model.index(row, 0).data(REPORT_ID_ROLE) for row in range(model.rowCount())]


def test_model_passes_qtmodeltester(qtmodeltester, store: Store, reports: dict[str, int]) -> None:
    model = ReportListModel(store)
    model.refresh()
    qtmodeltester.check(model)
    model.set_filter_text("thông tin")
    qtmodeltester.check(model)
    model.refresh()  # a reset under the tester must also keep the model consistent
    assert model.rowCount() == 2 and model.total_count() == 4
    model.sort(PERIOD, Qt.SortOrder.AscendingOrder)
    qtmodeltester.check(model)


def test_model_shows_each_column(store: Store) -> None:
    report_id = store.create_report(
        "so-ban-nganh-2022", "Sở Lao động - Thương binh và Xã hội", "2023-Q1", "45/BC-SLĐTBXH"
    )
    store.set_many(report_id, read_values_csv(str(next(SEEDS.glob("001_*.csv")))))
    model = ReportListModel(store)
    model.refresh()
    summary = store.summary(report_id)
    cells = [model.index(0, column).data() for column in range(model.columnCount())]

    assert cells[AGENCY] == "Sở Lao động - Thương binh và Xã hội"
    assert cells[PERIOD] == "Quý I năm 2023"
    assert cells[CATALOGUE] == "Sở, ban, ngành tỉnh (mẫu 2022–2023)"
    assert cells[STATUS] == "Nháp"
    assert cells[COMPLETION] == f"{summary.filled}/{summary.total}"
    assert summary.errors == 2 and summary.warnings == 0
    assert cells[PROBLEMS] == "2 lỗi"
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", cells[UPDATED])
    assert "45/BC-SLĐTBXH" in model.index(0, AGENCY).data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Cơ quan"


def test_problems_wording(store: Store) -> None:
    model = ReportListModel(store)
    report_id = store.create_report("so-ban-nganh-2022", "Sở Tư pháp", "2023-Q1")
    model.refresh()
    summary = store.summary(report_id)
    assert model.problems_label(summary) == "Không có"
    both = replace(summary, errors=2, warnings=1)
    assert model.problems_label(both) == "2 lỗi, 1 cảnh báo"
    only_warning = replace(summary, errors=0, warnings=3)
    assert model.problems_label(only_warning) == "3 cảnh báo"


def test_format_updated_is_local_day_month_year() -> None:
    assert format_updated("2023-03-14T09:05:00") == "14/03/2023 09:05"
    assert format_updated("not a date") == "not a date"


def test_list_shows_every_report_newest_period_first(
    qtbot: QtBot, store: Store, settings: QSettings, reports: dict[str, int]
) -> None:
    window = _window(store, settings, qtbot)
    assert _shown_ids(window) == [
        reports["tttt_q1"],
        reports["tttt_q3"],
        reports["thue_h1"],
        reports["signed"],
    ]
    assert window.count_label.text() == "4 báo cáo"
    assert window.selected_report_id() == reports["tttt_q1"]


def test_filter_ignores_case_and_diacritics(
    qtbot: QtBot, store: Store, settings: QSettings, reports: dict[str, int]
) -> None:
    window = _window(store, settings, qtbot)
    window.filter_edit.setText("so thong tin quy iii")
    assert _shown_ids(window) == [reports["tttt_q3"]]
    assert window.count_label.text() == "Hiện 1 trên 4 báo cáo"

    window.filter_edit.setText("174/BC")  # the report number
    assert _shown_ids(window) == [reports["tttt_q3"]]

    window.filter_edit.setText("đã ký")
    assert _shown_ids(window) == [reports["signed"]]

    window.filter_edit.setText("Bộ Quốc phòng")
    assert _shown_ids(window) == []
    assert window.list_page.list_stack.currentWidget() is window.list_page.empty_label
    assert "Bộ Quốc phòng" in window.list_page.empty_label.text()
    assert not window.open_action.isEnabled()

    window.filter_edit.clear()
    assert len(_shown_ids(window)) == 4
    assert window.list_page.list_stack.currentWidget() is window.table


def test_empty_store_explains_how_to_start(qtbot: QtBot, store: Store, settings: QSettings) -> None:
    window = _window(store, settings, qtbot)
    assert window.list_page.list_stack.currentWidget() is window.list_page.empty_label
    assert "Báo cáo mới" in window.list_page.empty_label.text()
    assert not window.delete_action.isEnabled()


def test_delete_asks_naming_the_report_then_deletes(
    qtbot: QtBot, store: Store, settings: QSettings, reports: dict[str, int], no_modal_leftovers
) -> None:
    window = _window(store, settings, qtbot)
    window.show()
    qtbot.waitExposed(window)
    assert window.select_report(reports["thue_h1"])
    seen: list[str] = []
    QTimer.singleShot(0, click_in_modal("Xóa báo cáo", seen))
    window.delete_action.trigger()

    assert seen and "Cục Thuế tỉnh Sóc Trăng — 6 tháng năm 2022" in seen[0]
    assert "không khôi phục được" in seen[0]
    with pytest.raises(NotFoundError):
        store.report(reports["thue_h1"])
    assert reports["thue_h1"] not in _shown_ids(window)
    assert window.selected_report_id() is not None  # the selection moved to a neighbour


def test_delete_cancelled_keeps_the_report(
    qtbot: QtBot, store: Store, settings: QSettings, reports: dict[str, int], no_modal_leftovers
) -> None:
    window = _window(store, settings, qtbot)
    window.show()
    qtbot.waitExposed(window)
    window.select_report(reports["tttt_q1"])
    QTimer.singleShot(0, click_in_modal("Hủy"))
    window.delete_action.trigger()
    assert store.report(reports["tttt_q1"]).agency == "Sở Thông tin và Truyền thông"
    assert reports["tttt_q1"] in _shown_ids(window)


def test_a_window_opened_on_a_report_builds_its_list_when_the_clerk_goes_back(
    qtbot: QtBot, store: Store, settings: QSettings, reports: dict[str, int]
) -> None:
    window = _window(store, settings, qtbot)
    assert window.open_report(reports["thue_h1"])
    window.show()
    qtbot.waitExposed(window)
    assert window.findChild(QWidget, "listPage") is None  # not built: not needed yet
    assert window.count_label.isHidden()
    window.show_list()
    assert window.stack.currentWidget() is window.list_page
    assert window.findChild(QWidget, "listPage") is window.list_page
    assert window.selected_report_id() == reports["thue_h1"]
    assert window.open_action.isEnabled() and window.delete_action.isEnabled()
    assert window.count_label.text() == "4 báo cáo"
    head = window.table.horizontalHeader()  # its columns fitted when it was built
    assert head.sectionResizeMode(AGENCY) == QHeaderView.ResizeMode.Stretch


def test_signed_report_is_not_deleted_and_the_clerk_is_told_why(
    qtbot: QtBot,
    store: Store,
    settings: QSettings,
    reports: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    told: list[str] = []
    asked: list[str] = []
    monkeypatch.setattr(mw, "show_info", lambda _p, title, text, info="": told.append(text + info))
    monkeypatch.setattr(mw, "ask", lambda *args: asked.append(args[2]) or True)
    window = _window(store, settings, qtbot)
    window.select_report(reports["signed"])
    window.delete_action.trigger()
    assert asked == []
    assert told and "đã được ký duyệt" in told[0] and "Mở lại để sửa" in told[0]
    assert store.report(reports["signed"]).signed


def test_delete_key_in_the_list_asks(
    qtbot: QtBot,
    store: Store,
    settings: QSettings,
    reports: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(mw, "ask", lambda *args: asked.append(args[2]) or False)
    window = _window(store, settings, qtbot)
    window.show()
    qtbot.waitExposed(window)
    window.select_report(reports["tttt_q3"])
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)
    assert asked == ["Xóa báo cáo “Sở Thông tin và Truyền thông — Quý III năm 2022”?"]


def test_enter_opens_the_report_and_back_returns_to_the_list(
    qtbot: QtBot, store: Store, settings: QSettings, reports: dict[str, int]
) -> None:
    pytest.importorskip("cchc_desktop.gui.report_editor")
    window = _window(store, settings, qtbot)
    window.show()
    qtbot.waitExposed(window)
    window.select_report(reports["tttt_q3"])
    window.table.setFocus()
    qtbot.waitUntil(window.table.hasFocus)
    with qtbot.waitSignal(window.reportOpened) as opened:
        qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert opened.args == [reports["tttt_q3"]]
    assert window.stack.currentWidget() is window.editor_page
    assert window.windowTitle().startswith("Sở Thông tin và Truyền thông — Quý III năm 2022")
    assert window.back_action.isVisible()
    # The editor's own actions now sit in the menus.
    assert window.editor.undo_action in window.edit_menu.actions()
    assert window.editor.sign_off_action in window.report_menu.actions()
    assert not window.delete_action.isEnabled()

    window.back_action.trigger()
    assert window.stack.currentWidget() is window.list_page
    assert window.editor is None
    assert window.selected_report_id() == reports["tttt_q3"]
    assert window.windowTitle() == "CCHC Desktop"
    assert window._placeholders["undo_action"] in window.edit_menu.actions()


def test_open_shows_saved_time_and_refreshes_the_row(
    qtbot: QtBot, store: Store, settings: QSettings, reports: dict[str, int]
) -> None:
    pytest.importorskip("cchc_desktop.gui.report_editor")
    window = _window(store, settings, qtbot)
    window.show()
    assert window.open_report(reports["tttt_q1"])
    model = window.editor.model
    # Saved at once; the list's row follows with the editor's counters.
    with qtbot.waitSignals([window.editor.saved, window.editor.summaryChanged]):
        assert model.setData(model.index(model.row_of("SBN22_003"), COL_VALUE), "3")
    # The time of the last save shows once, beside the editor's counters.
    shown = [
        label.text()
        for label in window.findChildren(QLabel)
        if label.isVisible() and label.text().startswith("Đã lưu lúc")
    ]
    assert len(shown) == 1 and re.fullmatch(r"Đã lưu lúc \d\d:\d\d:\d\d", shown[0])
    row = window.model.row_of(reports["tttt_q1"])
    assert window.model.summary(row).filled == store.summary(reports["tttt_q1"]).filled >= 1


def test_opening_a_missing_report_says_so(
    qtbot: QtBot,
    store: Store,
    settings: QSettings,
    reports: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("cchc_desktop.gui.report_editor")
    told: list[str] = []
    monkeypatch.setattr(mw, "show_info", lambda _p, title, text, info="": told.append(title))
    window = _window(store, settings, qtbot)
    assert not window.open_report(9999)
    assert told == ["Không tìm thấy báo cáo"]
    assert window.stack.currentWidget() is window.list_page


def test_exports_without_the_export_module_explain(
    qtbot: QtBot,
    store: Store,
    settings: QSettings,
    reports: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    called: list[tuple[str, int]] = []

    class FakeExports:
        @staticmethod
        def export_pdf(parent: object, store_: Store, report_id: int) -> None:
            called.append(("pdf", report_id))

    window = _window(store, settings, qtbot)
    window.select_report(reports["tttt_q3"])
    monkeypatch.setattr(mw.MainWindow, "_export_module", lambda self: FakeExports)
    window.export_pdf_action.trigger()
    assert called == [("pdf", reports["tttt_q3"])]

    told: list[str] = []
    monkeypatch.undo()
    monkeypatch.setattr(mw, "show_info", lambda _p, title, text, info="": told.append(text))
    monkeypatch.setattr(mw, "EXPORT_MODULE", "cchc_desktop.gui.no_such_module")
    window.print_action.trigger()
    assert told == ["Bản cài đặt này chưa có chức năng xuất, in và nhập tệp."]


def test_export_and_import_through_the_window_actions(
    qtbot: QtBot,
    store: Store,
    settings: QSettings,
    reports: dict[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """File ▸ Xuất Excel… writes the selected report; File ▸ Nhập từ tệp Excel… reads it back
    as a new report and opens it."""
    exports = pytest.importorskip("cchc_desktop.gui.export_actions")
    target = tmp_path / "out" / "tttt.xlsx"
    target.parent.mkdir()
    monkeypatch.setattr(exports, "ask_save_path", lambda *args: str(target))
    monkeypatch.setattr(exports, "ask_open_path", lambda *args: str(target))
    monkeypatch.setattr(exports, "inform", lambda *args, **kwargs: None)
    monkeypatch.setattr(exports, "warn", lambda _p, title, text, info="": pytest.fail(text))
    notices: list[str] = []
    monkeypatch.setattr(exports, "draft_notice", lambda _p, _title, text: not notices.append(text))
    window = _window(store, settings, qtbot)
    window.show()
    window.select_report(reports["tttt_q3"])

    window.export_xlsx_action.trigger()
    assert target.stat().st_size > 0
    assert len(notices) == 1 and "BẢN NHÁP" in notices[0]  # tttt_q3 is a draft

    before = {s.id for s in store.reports()}
    window.import_action.trigger()
    (new_id,) = {s.id for s in store.reports()} - before
    assert store.summary(new_id).agency == "Sở Thông tin và Truyền thông"
    assert window.current_report_id() == new_id


def test_after_sign_off_the_window_offers_to_print_then_export(
    qtbot: QtBot,
    store: Store,
    settings: QSettings,
    monkeypatch: pytest.MonkeyPatch,
    no_modal_leftovers: None,
) -> None:
    """The clerk's order: fill → sign off → print for the director's signature → export."""
    from tests.conftest import make_seed_report

    called: list[tuple[str, int]] = []

    class Exports:
        @staticmethod
        def print_report(parent: object, store_: Store, report_id: int) -> None:
            called.append(("print", report_id))

        @staticmethod
        def export_pdf(parent: object, store_: Store, report_id: int) -> None:
            called.append(("pdf", report_id))

    monkeypatch.setattr(mw.MainWindow, "_export_module", lambda self: Exports)
    window = _window(store, settings, qtbot)
    window.show()
    for answer, expected in (("In bản đã ký", "print"), ("Xuất PDF", "pdf"), ("Để sau", None)):
        report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
        window.reload_reports()
        assert window.open_report(report_id)
        dialog = window.editor.open_sign_off_dialog()
        assert dialog is not None
        dialog.signer_edit.setText("Nguyễn Văn An")
        dialog.title_combo.setCurrentText("GIÁM ĐỐC")
        seen: list[str] = []
        QTimer.singleShot(0, click_in_modal(answer, seen))
        dialog.accept()
        assert store.report(report_id).signed
        assert seen and seen[0].startswith("Đã ký duyệt báo cáo.")
        assert "in bản đã ký" in seen[0]
        assert called[-1:] == ([(expected, report_id)] if expected else called[-1:])
        if expected is None:
            assert len(called) == 2
        assert window.windowTitle().endswith("(đã ký) — CCHC Desktop")


# -- a long list ---------------------------------------------------------------------------------


def _many_reports(store: Store, count: int) -> list[int]:
    """``count`` reports of as many agencies for one period, in the store's order."""
    for number in range(count):
        store.create_report("so-ban-nganh-2022", f"Đơn vị số {number:03d}", "2023-Q1")
    return [s.id for s in store.reports()]


class _CountingStore:
    """The store, noting the report rows each read asked for: a page's limit (None: every
    row), "index" for the search index, ("ids", n) for n reports read by id."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.pages: list[object] = []

    def reports(self, text: str = "", *, limit: int | None = None, offset: int = 0) -> list:
        self.pages.append(limit)
        return self._store.reports(text, limit=limit, offset=offset)

    def report_index(self) -> list:
        self.pages.append("index")
        return self._store.report_index()

    def summaries(self, ids: Iterable[int]) -> list:
        wanted = list(ids)
        self.pages.append(("ids", len(wanted)))
        return self._store.summaries(wanted)

    def __getattr__(self, name: str) -> object:
        return getattr(self._store, name)


def test_a_long_list_reads_only_the_rows_it_shows(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_model, "PAGE", 5)
    ids = _many_reports(store, 12)
    counting = _CountingStore(store)
    model = ReportListModel(counting)  # type: ignore[arg-type]
    model.refresh()
    assert counting.pages == [5]  # one page, however many reports there are
    assert model.rowCount() == model.total_count() == 12
    assert model.index(11, AGENCY).data() == "Đơn vị số 011"  # the last page, read now
    assert counting.pages == [5, 5]
    assert [model.index(r, 0).data(REPORT_ID_ROLE) for r in range(12)] == ids
    assert counting.pages == [5, 5, 5]  # the middle page; nothing is read twice
    assert model.row_of(ids[7]) == 7


def test_filtering_a_long_list_reads_its_index_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_model, "PAGE", 5)
    ids = _many_reports(store, 12)
    counting = _CountingStore(store)
    model = ReportListModel(counting)  # type: ignore[arg-type]
    model.refresh()
    model.set_filter_text("don vi so 01")
    # The first keystroke reads what the filter searches (no summaries) …
    assert counting.pages == [5, "index"]
    shown = [model.index(r, 0).data(REPORT_ID_ROLE) for r in range(model.rowCount())]
    assert shown == [ids[1], ids[10], ids[11]]  # 001, 010 and 011
    # … and the rows it shows, by id: 001 is on the first page, 010 and 011 are not.
    assert counting.pages == [5, "index", ("ids", 2)]
    assert model.index(2, AGENCY).data() == "Đơn vị số 011"
    model.set_filter_text("so 011 quy i")
    model.set_filter_text("")
    assert counting.pages == [5, "index", ("ids", 2)]  # later keystrokes only compare
    assert model.rowCount() == 12
    assert model.row_of(ids[7]) == 7  # found by the index, not by reading every row
    assert counting.pages == [5, "index", ("ids", 2)]


def test_the_search_index_is_read_while_the_list_is_idle(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_model, "PAGE", 5)
    monkeypatch.setattr(list_model, "INDEX_CHUNK", 4)  # folded in three idle turns
    ids = _many_reports(store, 12)
    counting = _CountingStore(store)
    model = ReportListModel(counting)  # type: ignore[arg-type]
    model.refresh()
    table = ReportTable(model)
    qtbot.addWidget(table)
    table.show()
    qtbot.waitExposed(table)
    assert not model.search_index_ready()  # not while the list opens …
    qtbot.waitUntil(model.search_index_ready)  # … but once it has painted
    assert counting.pages.count("index") == 1
    read = list(counting.pages)
    model.set_filter_text("so 005")
    assert counting.pages[: len(read)] == read and "index" not in counting.pages[len(read) :]
    assert [model.index(r, 0).data(REPORT_ID_ROLE) for r in range(model.rowCount())] == [ids[5]]


def test_a_keystroke_before_the_idle_read_is_done_finishes_it(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_model, "PAGE", 5)
    monkeypatch.setattr(list_model, "INDEX_CHUNK", 4)
    ids = _many_reports(store, 12)
    counting = _CountingStore(store)
    model = ReportListModel(counting)  # type: ignore[arg-type]
    model.refresh()
    # Two idle turns, run by hand: the read, then the first 4 of 12 search texts folded.
    model._prefetch_step()
    model._prefetch_step()
    assert counting.pages == [5, "index"] and not model.search_index_ready()
    model.set_filter_text("don vi so 01")
    assert counting.pages.count("index") == 1  # the keystroke folded the rest
    shown = [model.index(r, 0).data(REPORT_ID_ROLE) for r in range(model.rowCount())]
    assert shown == [ids[1], ids[10], ids[11]]


def test_a_filter_over_a_list_changed_elsewhere_reads_it_afresh(
    qtmodeltester, store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_model, "PAGE", 5)
    _many_reports(store, 12)
    model = ReportListModel(store)
    model.refresh()
    with Store.open(db_path) as elsewhere:  # one more, before the index is read
        added = elsewhere.create_report("so-ban-nganh-2022", "Đơn vị số 100", "2023-Q1")
    model.set_filter_text("so 10")
    assert model.total_count() == 13
    shown = [model.index(r, AGENCY).data() for r in range(model.rowCount())]
    assert shown == ["Đơn vị số 010", "Đơn vị số 100"]
    assert model.index(1, 0).data(REPORT_ID_ROLE) == added
    qtmodeltester.check(model)


def test_an_edited_report_is_found_by_its_new_status(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_model, "PAGE", 5)
    ids = _many_reports(store, 12)
    model = ReportListModel(store)
    model.refresh()
    model.set_filter_text("don vi so 011 da ky")
    assert model.rowCount() == 0
    store.sign_off(ids[11], "Nguyễn Văn An", "Giám đốc")
    model.set_filter_text("")
    model.refresh_report(ids[11])
    model.set_filter_text("don vi so 011 da ky")
    assert [model.index(r, 0).data(REPORT_ID_ROLE) for r in range(model.rowCount())] == [ids[11]]


def test_the_store_reads_what_the_list_searches_in_the_list_order(store: Store) -> None:
    reports = create_reports(store)
    listed = store.reports()
    assert store.report_index() == [
        (s.id, s.agency, s.period.code, s.report_no, s.catalogue_id, s.status) for s in listed
    ]
    wanted = [reports["signed"], 9999, reports["tttt_q1"], reports["signed"]]
    found = store.summaries(wanted)
    assert sorted(found, key=lambda s: s.id) == sorted(
        (s for s in listed if s.id in wanted), key=lambda s: s.id
    )
    assert store.summaries([]) == []


def test_a_report_beyond_the_first_page_can_be_selected(
    qtbot: QtBot, store: Store, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_model, "PAGE", 5)
    ids = _many_reports(store, 12)
    window = _window(store, settings, qtbot)
    window.show()  # the list is read when the window first shows it
    qtbot.waitExposed(window)
    assert window.count_label.text() == "12 báo cáo"
    assert window.select_report(ids[10])
    assert window.selected_report_id() == ids[10]


def test_a_header_click_sorts_and_keeps_the_selected_report(
    qtbot: QtBot, store: Store, settings: QSettings, reports: dict[str, int]
) -> None:
    window = _window(store, settings, qtbot)
    window.show()
    assert window.select_report(reports["thue_h1"])
    window.table.sortByColumn(AGENCY, Qt.SortOrder.AscendingOrder)
    # By agency, diacritics ignored ("Cục" before "Sở"); the same agency keeps the store's
    # order (newest period first).
    assert _shown_ids(window) == [
        reports["thue_h1"],
        reports["tttt_q1"],
        reports["tttt_q3"],
        reports["signed"],
    ]
    assert window.selected_report_id() == reports["thue_h1"]
    window.table.sortByColumn(PERIOD, Qt.SortOrder.DescendingOrder)
    assert _shown_ids(window) == [
        reports["tttt_q1"],
        reports["tttt_q3"],
        reports["thue_h1"],
        reports["signed"],
    ]
    window.filter_edit.setText("thong tin")  # the filter keeps the sort
    assert _shown_ids(window) == [reports["tttt_q1"], reports["tttt_q3"]]
    window.table.sortByColumn(PERIOD, Qt.SortOrder.AscendingOrder)
    assert _shown_ids(window) == [reports["tttt_q3"], reports["tttt_q1"]]
    window.filter_edit.clear()
    window.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    assert _shown_ids(window) == [s.id for s in store.reports()]  # the store's order again


def test_the_list_notices_reports_saved_elsewhere(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(list_model, "PAGE", 5)
    ids = _many_reports(store, 12)
    model = ReportListModel(store)
    model.refresh()
    assert not model.is_stale()
    with Store.open(db_path) as elsewhere:
        elsewhere.set_value(ids[1], "SBN22_003", "5")  # a row on screen
    assert model.is_stale()
    model.refresh()
    assert model.index(1, COMPLETION).data() == f"1/{store.summary(ids[1]).total}"
    with Store.open(db_path) as elsewhere:
        elsewhere.create_report("so-ban-nganh-2022", "Sở Y tế", "2023-Q1")
    assert model.is_stale()


def test_a_locked_file_at_the_first_keystroke_leaves_the_list_whole(
    qtbot: QtBot, store: Store, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The filter's first read fails (another program holds the file a moment): the list
    stays as it was, the status bar says why, and the next keystroke filters."""
    from cchc_desktop.store import StoreError

    monkeypatch.setattr(list_model, "PAGE", 5)
    ids = _many_reports(store, 12)
    window = _window(store, settings, qtbot)
    window.show()
    model = window.model

    def locked() -> list[tuple[int, str, str, str, str, str]]:
        raise StoreError("Tệp dữ liệu đang bận (chương trình khác đang ghi).")

    with monkeypatch.context() as patch:
        patch.setattr(store, "report_index", locked)
        window.filter_edit.setText("don vi so 01")
        assert model.rowCount() == 12 and _shown_ids(window) == ids  # whole, not half reset
        assert "Chưa lọc được danh sách" in window.statusBar().currentMessage()
        assert "đang bận" in window.statusBar().currentMessage()
    window.filter_edit.setText("don vi so 011")
    assert _shown_ids(window) == [ids[11]]
