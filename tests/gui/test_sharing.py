"""Two windows on one data file (issue #5): who edits a report, taking it over, heartbeats,
changes saved elsewhere showing up, and edits that must not overwrite each other.

Each window has its own Store on the same file, as two copies of the program would."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from cchc_desktop import sessions
from cchc_desktop.gui import main_window as mw
from cchc_desktop.gui import sharing
from cchc_desktop.gui.main_window import MainWindow
from cchc_desktop.gui.report_model import COL_NOTE, COL_VALUE, Roles
from cchc_desktop.store import Store
from tests.conftest import make_seed_report
from tests.gui.shell_helpers import click_in_modal, close_modals, temp_settings
from tests.gui.test_report_editor import Keyboard

pytestmark = pytest.mark.gui

SEED = "003_d8652e5c4f02bc4c"  # so-ban-nganh-2022, Sở TTTT 2022-Q3, no problems


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QSettings:
    return temp_settings(tmp_path, monkeypatch)


@pytest.fixture
def other_store(db_path: Path, store: Store) -> Iterator[Store]:
    """A second connection to the same file: the other window (or the command line)."""
    with Store.open(db_path) as second:
        yield second


@pytest.fixture(autouse=True)
def _no_modal_leftovers() -> Iterator[None]:
    yield
    close_modals()


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Error and info boxes of the window, recorded instead of shown."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        mw, "show_error", lambda _p, title, text, info="": shown.append((title, text))
    )
    monkeypatch.setattr(
        mw, "show_info", lambda _p, title, text, info="": shown.append((title, text))
    )
    return shown


def window_on(store: Store, settings: QSettings, qtbot: QtBot) -> MainWindow:
    """A shown window whose change poll only runs when the test calls it."""
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.poller.timer.stop()
    window.resize(1200, 760)
    window.show()
    qtbot.waitExposed(window)
    return window


def open_answering(window: MainWindow, report_id: int, button: str, seen: list[str]) -> bool:
    """Open a report while another window holds it, answering the question with ``button``."""
    QTimer.singleShot(0, click_in_modal(button, seen))
    return window.open_report(report_id)


def value_index(window: MainWindow, code: str, column: int = COL_VALUE):
    model = window.editor.model
    return model.index(model.row_of(code), column)


def owners(store: Store, report_id: int) -> list[str]:
    return [s.owner for s in sessions.sessions(store, report_id)]


# -- claims ------------------------------------------------------------------------------------


def test_opening_claims_the_report_and_leaving_releases_it(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    report_id = make_seed_report(store, SEED)
    window = window_on(store, settings, qtbot)
    assert window.open_report(report_id)
    assert window.claim is not None and window.claim.active
    assert owners(store, report_id) == [window.claim.claim.owner]
    assert window.claim.timer.isActive()
    assert window.claim.timer.interval() == sessions.HEARTBEAT_EVERY.total_seconds() * 1000
    assert window.poller.timer.interval() == sharing.CHANGE_POLL_MS == 2000
    assert not window.editor.is_read_only()

    window.back_action.trigger()  # back to the list
    assert window.claim is None and owners(store, report_id) == []

    assert window.open_report(report_id)
    assert owners(store, report_id)
    window.close()  # closing the window (and so the program)
    assert owners(store, report_id) == []


def test_second_window_is_told_where_and_can_open_read_only(
    qtbot: QtBot, store: Store, other_store: Store, settings: QSettings
) -> None:
    report_id = make_seed_report(store, SEED)
    first = window_on(store, settings, qtbot)
    assert first.open_report(report_id)
    second = window_on(other_store, settings, qtbot)

    seen: list[str] = []
    assert open_answering(second, report_id, "Mở chỉ để xem", seen)
    assert "đang được mở để sửa ở một cửa sổ khác của chương trình này" in seen[0]
    assert "Vẫn mở để sửa" in seen[0]  # the choice is explained…
    assert "mất quyền sửa" in seen[0]  # …with what it does to the other window
    editor = second.editor
    assert editor.is_read_only() and second.claim is None
    assert editor.readonly_banner.isVisible()
    banner = editor.readonly_banner.label.text()
    assert "đang được mở để sửa ở một cửa sổ khác" in banner and "không sửa được" in banner
    # Every editor is locked: cells, heading, sign-off; reading, moving, exporting still work.
    model = editor.model
    for row in range(model.rowCount()):
        for column in (COL_VALUE, COL_NOTE):
            assert not model.index(row, column).flags() & Qt.ItemFlag.ItemIsEditable
    assert editor.header.agency_edit.isReadOnly() and editor.header.date_edit.isReadOnly()
    assert not editor.header.clear_date_button.isVisible()
    assert not editor.sign_off_action.isEnabled()
    assert second.export_pdf_action.isEnabled() and second.print_action.isEnabled()
    keys = Keyboard(qtbot, editor)
    editor.set_section(0)
    keys.type("9")
    assert editor.current_table().state() != QAbstractItemView.State.EditingState
    keys.press(Qt.Key.Key_Delete)
    assert store.report(report_id).entries["SBN22_003"].value == "46"
    # The first window still holds it, alone.
    assert owners(store, report_id) == [first.claim.claim.owner]


def test_cancel_leaves_the_list(qtbot: QtBot, store: Store, other_store: Store, settings) -> None:
    report_id = make_seed_report(store, SEED)
    first = window_on(store, settings, qtbot)
    assert first.open_report(report_id)
    second = window_on(other_store, settings, qtbot)
    assert not open_answering(second, report_id, "Hủy", [])
    assert second.editor is None and second.stack.currentWidget() is second.list_page


def test_taking_over_turns_the_first_window_read_only_and_keeps_what_it_typed(
    qtbot: QtBot, store: Store, other_store: Store, settings: QSettings, errors: list
) -> None:
    report_id = make_seed_report(store, SEED)
    first = window_on(store, settings, qtbot)
    assert first.open_report(report_id)
    first.activateWindow()
    keys = Keyboard(qtbot, first.editor)
    assert first.editor.select_cell("SBN22_005")
    keys.type("321")  # typing, not yet confirmed
    assert first.editor.current_table().state() == QAbstractItemView.State.EditingState

    second = window_on(other_store, settings, qtbot)
    assert open_answering(second, report_id, "Vẫn mở để sửa", [])
    assert second.claim is not None and not second.editor.is_read_only()
    assert owners(store, report_id) == [second.claim.claim.owner]

    # The first window's next heartbeat finds the claim gone.
    assert first.claim.beat() is False
    editor = first.editor
    assert first.claim is None
    assert editor.is_read_only()
    assert editor.readonly_banner.isVisible()
    assert editor.readonly_banner.label.text().startswith("Báo cáo đã được mở để sửa ở nơi khác")
    # What was being typed was saved, not dropped.
    assert store.report(report_id).entries["SBN22_005"].value == "321"
    assert editor.current_table().state() != QAbstractItemView.State.EditingState
    assert not value_index(first, "SBN22_005").flags() & Qt.ItemFlag.ItemIsEditable
    assert errors == []
    # The second window edits on.
    second_model = second.editor.model
    assert second_model.setData(value_index(second, "SBN22_004"), "41")
    assert other_store.report(report_id).entries["SBN22_004"].value == "41"


def test_take_over_is_also_noticed_by_the_change_poll(
    qtbot: QtBot, store: Store, other_store: Store, settings: QSettings
) -> None:
    report_id = make_seed_report(store, SEED)
    first = window_on(store, settings, qtbot)
    assert first.open_report(report_id)
    sessions.claim(other_store, report_id, force=True)  # e.g. another computer took it over
    assert first.poller.poll()  # within two seconds, without waiting for the heartbeat
    assert first.editor.is_read_only()
    # "Mở để sửa…" on the banner asks again and takes it back.
    seen: list[str] = []
    QTimer.singleShot(0, click_in_modal("Vẫn mở để sửa", seen))
    first.editor.readonly_banner.button.click()
    assert seen and "đang được mở để sửa" in seen[0]
    assert first.claim is not None and not first.editor.is_read_only()
    assert not first.editor.readonly_banner.isVisible()
    assert first.editor.model.setData(value_index(first, "SBN22_004"), "39")
    assert store.report(report_id).entries["SBN22_004"].value == "39"


def test_banner_button_edits_again_once_the_other_window_closed(
    qtbot: QtBot, store: Store, other_store: Store, settings: QSettings
) -> None:
    report_id = make_seed_report(store, SEED)
    first = window_on(store, settings, qtbot)
    assert first.open_report(report_id)
    second = window_on(other_store, settings, qtbot)
    assert open_answering(second, report_id, "Mở chỉ để xem", [])
    first.close()
    second.editor.readonly_banner.button.click()  # no question: nobody holds it now
    assert second.claim is not None and not second.editor.is_read_only()


# -- changes saved elsewhere ------------------------------------------------------------------


def test_changes_saved_elsewhere_show_in_the_list_and_the_open_report(
    qtbot: QtBot, store: Store, other_store: Store, settings: QSettings
) -> None:
    report_id = make_seed_report(store, SEED)
    window = window_on(store, settings, qtbot)
    assert not window.poller.poll()  # nothing yet
    other_store.create_report("so-ban-nganh-2022", "Sở Y tế", "2023-Q1")
    assert window.poller.poll()
    agencies = {window.model.summary(r).agency for r in range(window.model.rowCount())}
    assert "Sở Y tế" in agencies
    assert not window.poller.poll()  # once per change

    assert window.open_report(report_id)
    editor = window.editor
    assert editor.select_cell("SBN22_013", COL_NOTE)
    before = editor.current_table().currentIndex()
    other_store.set_value(report_id, "SBN22_004", "12")  # e.g. `cchc set` meanwhile
    other_store.set_note(report_id, "SBN22_005", "Ghi chú từ máy khác")
    assert window.poller.poll()
    assert value_index(window, "SBN22_004").data() == "12"
    assert value_index(window, "SBN22_005", COL_NOTE).data() == "Ghi chú từ máy khác"
    assert value_index(window, "SBN22_002").data() == "26,09"  # computed again: 12/46
    # The clerk's place is kept.
    assert editor.current_table().currentIndex() == before
    assert editor.current_table().currentIndex().data(Roles.CODE) == "SBN22_013"
    row = window.model.row_of(report_id)
    assert window.model.summary(row).updated_at == store.summary(report_id).updated_at
    # A sign-off elsewhere locks this editor too.
    other_store.sign_off(report_id, "Nguyễn Văn An", "GIÁM ĐỐC")
    assert window.poller.poll()
    assert editor.is_signed() and editor.signed_banner.isVisible()
    assert window.windowTitle().startswith(
        "Sở Thông tin và Truyền thông — Quý III năm 2022 (đã ký)"
    )


def test_a_cell_saved_elsewhere_while_typing_is_never_overwritten(
    qtbot: QtBot, store: Store, other_store: Store, settings: QSettings, errors: list
) -> None:
    report_id = make_seed_report(store, SEED)
    window = window_on(store, settings, qtbot)
    assert window.open_report(report_id)
    window.activateWindow()
    editor = window.editor
    keys = Keyboard(qtbot, editor)
    assert editor.select_cell("SBN22_004")
    keys.type("45")  # the clerk starts typing over 40…
    other_store.set_value(report_id, "SBN22_004", "44")  # …while another window saves 44
    assert window.poller.poll()  # shown while the cell editor stays open
    assert editor.current_table().state() == QAbstractItemView.State.EditingState
    keys.press(Qt.Key.Key_Return)
    assert store.report(report_id).entries["SBN22_004"].value == "44"  # not overwritten
    assert value_index(window, "SBN22_004").data() == "44"  # the row shows what is stored
    assert len(errors) == 1
    title, text = errors[0]
    assert title == "Số liệu vừa được sửa ở nơi khác"
    assert "vừa được sửa ở nơi khác" in text and "Bạn đã gõ: “45”" in text
    assert editor.error_bar.isVisible() and "“45”" in editor.error_bar.label.text()
    qtbot.waitUntil(lambda: editor.current_table().currentIndex().data(Roles.CODE) == "SBN22_004")
    # Typed again, it is saved.
    keys.type("45")
    keys.press(Qt.Key.Key_Return)
    assert store.report(report_id).entries["SBN22_004"].value == "45"


def test_undo_does_not_overwrite_a_change_made_elsewhere(
    qtbot: QtBot, store: Store, other_store: Store, settings: QSettings, errors: list
) -> None:
    report_id = make_seed_report(store, SEED)
    window = window_on(store, settings, qtbot)
    assert window.open_report(report_id)
    assert window.editor.model.setData(value_index(window, "SBN22_004"), "41")
    other_store.set_value(report_id, "SBN22_004", "43")
    assert window.poller.poll()
    window.editor.undo_action.trigger()
    assert store.report(report_id).entries["SBN22_004"].value == "43"
    assert errors and "vừa được sửa ở nơi khác" in errors[0][1]


def test_a_report_deleted_elsewhere_closes_with_a_message(
    qtbot: QtBot, store: Store, other_store: Store, settings: QSettings, errors: list
) -> None:
    report_id = make_seed_report(store, SEED)
    window = window_on(store, settings, qtbot)
    assert window.open_report(report_id)
    window.release_claim()  # as if it had gone stale
    other_store.delete_report(report_id)
    assert window.poller.poll()
    assert window.editor is None and window.stack.currentWidget() is window.list_page
    assert errors == [("Báo cáo đã bị xóa", errors[0][1])]
    assert window.model.row_of(report_id) is None


# -- screenshots --------------------------------------------------------------------------------


def test_screenshot_mode_shows_the_banner_without_claiming(
    qtbot: QtBot, store: Store, other_store: Store, settings: QSettings
) -> None:
    report_id = make_seed_report(store, SEED)
    held = sessions.claim(other_store, report_id)
    assert isinstance(held, sessions.Claim)
    window = MainWindow(store, settings, persist=False, interactive=False)
    qtbot.addWidget(window)
    assert window.open_report(report_id)
    assert window.editor.is_read_only() and window.claim is None
    assert "đang được mở để sửa" in window.editor.readonly_banner.label.text()
    assert owners(store, report_id) == [held.owner]
    sessions.release(other_store, held)
    assert window.open_report(report_id)
    assert not window.editor.is_read_only() and owners(store, report_id) == []


def test_holder_text_names_another_computer() -> None:
    moment = datetime(2024, 3, 12, 1, 15, tzinfo=UTC)
    holder = sessions.Session("MAY-KE-TOAN:42:ab", 1, "MAY-KE-TOAN", 42, "window", moment, moment)
    text = sharing.holder_text(holder)
    assert text.startswith("trên máy MAY-KE-TOAN, từ ")
    assert moment.astimezone().strftime("%H:%M ngày %d/%m/%Y") in text


def test_a_report_open_elsewhere_is_not_deleted(
    qtbot: QtBot, store: Store, other_store: Store, settings: QSettings, errors: list
) -> None:
    report_id = make_seed_report(store, SEED)
    held = sessions.claim(other_store, report_id)
    assert isinstance(held, sessions.Claim)
    window = window_on(store, settings, qtbot)
    assert window.select_report(report_id)
    window.delete_action.trigger()
    assert errors[0][0] == "Báo cáo đang được mở ở nơi khác"
    assert "ở một cửa sổ khác của chương trình này" in errors[0][1]
    assert store.summary(report_id).id == report_id  # still there


def test_the_title_says_view_only(
    qtbot: QtBot, store: Store, other_store: Store, settings: QSettings
) -> None:
    report_id = make_seed_report(store, SEED)
    held = sessions.claim(other_store, report_id)
    assert isinstance(held, sessions.Claim)
    window = window_on(store, settings, qtbot)
    assert open_answering(window, report_id, "Mở chỉ để xem", [])
    assert window.windowTitle().endswith("(chỉ xem) — CCHC Desktop")
    sessions.release(other_store, held)
    window.request_edit()
    assert not window.editor.is_read_only()
    assert "(chỉ xem)" not in window.windowTitle()


def test_the_question_is_in_the_interface_language(
    qtbot: QtBot, store: Store, other_store: Store, settings: QSettings
) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from cchc_desktop.gui import app as app_module

    report_id = make_seed_report(store, SEED)
    held = sessions.claim(other_store, report_id)
    assert isinstance(held, sessions.Claim)
    application = QApplication.instance()
    locale = QLocale()
    assert app_module.install_translations(application, "en")
    try:
        window = MainWindow(store, settings, language="en")
        qtbot.addWidget(window)
        window.poller.timer.stop()
        seen: list[str] = []
        assert open_answering(window, report_id, "Open to view only", seen)
        assert seen[0].startswith("This report is open for editing in another window")
        assert "“Edit here anyway”" in seen[0]
        banner = window.editor.readonly_banner
        assert banner.label.text().startswith("View only: this report is open for editing")
        assert banner.button.text() == "Edit here…"
    finally:
        app_module.remove_translations(application)
        QLocale.setDefault(locale)


def test_a_read_only_data_file_opens_reports_for_viewing(
    qtbot: QtBot, db_path: Path, store: Store, settings: QSettings
) -> None:
    report_id = make_seed_report(store, SEED)
    with Store.open(db_path, readonly=True) as readonly:
        window = window_on(readonly, settings, qtbot)
        assert window.open_report(report_id)
        editor = window.editor
        assert editor.is_read_only() and window.claim is None
        assert editor.readonly_banner.label.text().startswith(
            "Tệp dữ liệu đang mở ở chế độ chỉ đọc"
        )
        assert not editor.readonly_banner.button.isVisible()  # nothing to take over
        assert not window.restore_action.isEnabled()
        window.close()
