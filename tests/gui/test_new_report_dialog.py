"""The "Báo cáo mới" dialog: fields, live period dates, validation, creation in the store."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cchc_desktop.gui import settings as keys
from cchc_desktop.gui.main_window import MainWindow
from cchc_desktop.gui.new_report_dialog import NewReportDialog, default_period
from cchc_desktop.periods import Period
from cchc_desktop.store import Store
from tests.gui.shell_helpers import close_modals, temp_settings


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QSettings:
    return temp_settings(tmp_path, monkeypatch)


@pytest.fixture
def no_modal_leftovers() -> Iterator[None]:
    yield
    close_modals()


def _dialog(store: Store, settings: QSettings, qtbot: QtBot) -> NewReportDialog:
    dialog = NewReportDialog(store, settings)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _choose(dialog: NewReportDialog, catalogue: str, kind: str, year: int) -> None:
    dialog.catalogue_combo.setCurrentIndex(dialog.catalogue_combo.findData(catalogue))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
    dialog.year_spin.setValue(year)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2023, 3, 20), "2023-Q1"),  # just after the Quý I cut-off
        (date(2022, 9, 20), "2022-Q3"),
        (date(2022, 11, 22), "2022-Y"),  # the year report is next
        (date(2024, 1, 5), "2023-Y"),  # still writing last year's report
        (date(2023, 6, 1), "2023-H1"),
    ],
)
def test_default_period_is_the_one_being_reported(today: date, expected: str) -> None:
    assert default_period(today) == Period.parse(expected)


def test_creates_the_report_in_the_store(qtbot: QtBot, store: Store, settings: QSettings) -> None:
    dialog = _dialog(store, settings, qtbot)
    assert dialog.catalogue_combo.count() == len(store.catalogues())
    dialog.agency_combo.setEditText("Sở Thông tin và Truyền thông")
    dialog.superior_edit.setText("UBND TỈNH SÓC TRĂNG")
    dialog.place_edit.setText("Sóc Trăng")
    _choose(dialog, "so-ban-nganh-2022", "Q3", 2022)
    dialog.report_no_edit.setText("174/BC-STTTT")
    dialog.date_check.setChecked(True)
    dialog.date_edit.setDate(QDate(2022, 9, 15))

    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    assert dialog.created_id is not None
    report = store.report(dialog.created_id)
    assert report.agency == "Sở Thông tin và Truyền thông"
    assert report.superior == "UBND TỈNH SÓC TRĂNG"
    assert report.place == "Sóc Trăng"
    assert report.catalogue.id == "so-ban-nganh-2022"
    assert report.period == Period.parse("2022-Q3")
    assert report.report_no == "174/BC-STTTT"
    assert report.report_date == date(2022, 9, 15)
    assert report.status == "draft"
    assert settings.value(keys.KEY_NEW_CATALOGUE) == "so-ban-nganh-2022"
    saved = {a["name"]: a for a in store.agencies()}
    assert saved["Sở Thông tin và Truyền thông"]["place"] == "Sóc Trăng"


def test_report_date_is_optional(qtbot: QtBot, store: Store, settings: QSettings) -> None:
    dialog = _dialog(store, settings, qtbot)
    dialog.agency_combo.setEditText("Thanh tra tỉnh")
    _choose(dialog, "so-ban-nganh-2021", "Y", 2021)
    assert not dialog.date_edit.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    report = store.report(dialog.created_id)
    assert report.report_date is None and report.report_no == ""


def test_cut_off_dates_follow_the_period_live(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    dialog = _dialog(store, settings, qtbot)
    _choose(dialog, "so-ban-nganh-2022", "Q1", 2023)
    assert dialog.period_range.text() == "Từ 15/12/2022 đến 14/03/2023"
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("Q3"))
    assert dialog.period_range.text() == "Từ 15/06/2023 đến 14/09/2023"
    dialog.year_spin.setValue(2021)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("Y"))
    assert dialog.period_range.text() == "Từ 15/12/2020 đến 14/12/2021"
    labels = [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())]
    assert labels == ["Quý I", "6 tháng đầu năm", "Quý III (9 tháng)", "Năm"]


def test_missing_agency_is_refused_naming_the_field(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    dialog = _dialog(store, settings, qtbot)
    dialog.agency_combo.setEditText("   ")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert dialog.created_id is None
    assert "“Tên cơ quan”" in dialog.message.text()
    assert dialog.message.property("level") == "error"
    assert store.reports() == []


def test_report_date_before_the_period_is_refused(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    dialog = _dialog(store, settings, qtbot)
    dialog.agency_combo.setEditText("Sở Tư pháp")
    _choose(dialog, "so-ban-nganh-2022", "Q1", 2023)
    dialog.date_check.setChecked(True)
    dialog.date_edit.setDate(QDate(2022, 1, 10))
    dialog.ok_button.click()
    assert dialog.created_id is None
    assert "“Ngày báo cáo” (10/01/2022)" in dialog.message.text()
    assert "15/12/2022" in dialog.message.text()


def test_known_agency_fills_superior_place_and_catalogue(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    store.save_agency("Cục Thuế tỉnh Sóc Trăng", "TỔNG CỤC THUẾ", "Sóc Trăng")
    store.create_report("co-quan-tw-2022", "Cục Thuế tỉnh Sóc Trăng", "2022-H1")
    dialog = _dialog(store, settings, qtbot)
    dialog.catalogue_combo.setCurrentIndex(dialog.catalogue_combo.findData("so-ban-nganh-2021"))
    dialog.agency_combo.setEditText("Cục Thuế tỉnh Sóc Trăng")
    assert dialog.superior_edit.text() == "TỔNG CỤC THUẾ"
    assert dialog.place_edit.text() == "Sóc Trăng"
    assert dialog.catalogue_id() == "co-quan-tw-2022"


def test_duplicate_period_is_a_warning_not_a_refusal(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    store.create_report("so-ban-nganh-2022", "Sở Tư pháp", "2023-Q1")
    dialog = _dialog(store, settings, qtbot)
    _choose(dialog, "so-ban-nganh-2022", "Q1", 2023)
    dialog.agency_combo.setEditText("sở tư pháp")
    assert "đã có một báo cáo" in dialog.message.text()
    assert "Quý I năm 2023" in dialog.message.text()
    assert dialog.message.property("level") == "warning"
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    assert len(store.reports()) == 2


def test_new_report_from_the_window_opens_it(
    qtbot: QtBot, store: Store, settings: QSettings, no_modal_leftovers
) -> None:
    """Ctrl+N in the window: the modal dialog is filled and accepted, then the report opens."""
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    filled: list[bool] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, NewReportDialog):
            QTimer.singleShot(10, fill)
            return
        dialog.agency_combo.setEditText("Sở Nội vụ")
        _choose(dialog, "so-ban-nganh-2022", "H1", 2023)
        filled.append(True)
        dialog.ok_button.click()

    QTimer.singleShot(0, fill)
    window.new_action.trigger()
    assert filled
    (summary,) = store.reports()
    assert (summary.agency, summary.period.code) == ("Sở Nội vụ", "2023-H1")
    assert window.current_report_id() == summary.id
    if importlib.util.find_spec("cchc_desktop.gui.report_editor") is not None:
        assert window.stack.currentWidget() is window.editor_page
