"""The item models of a report: rows as printed, Vietnamese display, writes through the store,
pending text kept and marked, computed rates, problems, filtering, undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from cchc_desktop.gui.report_model import (
    COL_NAME,
    COL_NOTE,
    COL_STT,
    COL_UNIT,
    COL_VALUE,
    ERROR_BG,
    WARNING_BG,
    ProblemsModel,
    ReportDocument,
    ReportModel,
    Roles,
    SectionProxy,
)
from cchc_desktop.store import Store, StoreError
from cchc_desktop.values import display_value, parse_value
from tests.conftest import SEED_NAMES, make_seed_report
from tests.gui.test_report_editor import blank_report

SBN22 = "001_e074a215dda75db3"  # so-ban-nganh-2022
SBN21 = "002_780415c3b5341ef8"  # so-ban-nganh-2021: last column "Đơn vị thực hiện"

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("qapp")]


def open_model(store: Store, report_id: int) -> tuple[ReportDocument, ReportModel]:
    document = ReportDocument(store, report_id)
    return document, ReportModel(document)


def cell(model: ReportModel, code: str, column: int = COL_VALUE):
    return model.index(model.row_of(code), column)


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_every_model_passes_the_model_tester(
    qtmodeltester: ModelTester, store: Store, seed: str
) -> None:
    document, model = open_model(store, make_seed_report(store, seed))
    qtmodeltester.check(model)
    for number in range(len(document.catalogue.sections)):
        proxy = SectionProxy(model, number)
        qtmodeltester.check(proxy)
        proxy.set_visible_rows(model.matching_rows("so"))
        qtmodeltester.check(proxy)
    qtmodeltester.check(ProblemsModel(document))


def test_models_stay_valid_while_edited(qtmodeltester: ModelTester, store: Store) -> None:
    """The tester keeps watching the models' signals while cells are written."""
    document, model = open_model(store, blank_report(store, SBN22))
    proxy = SectionProxy(model, 0)
    problems = ProblemsModel(document)
    for watched in (model, proxy, problems):
        qtmodeltester.check(watched)
    assert model.setData(cell(model, "SBN22_004"), "9")
    assert model.setData(cell(model, "SBN22_003"), "3")  # 9 done of 3 planned: an error
    assert model.setData(cell(model, "SBN22_005"), "05/05")
    assert model.setData(cell(model, "SBN22_005", COL_NOTE), "Văn bản số 1")
    assert problems.rowCount() == 2


def test_rows_are_the_printed_appendix(store: Store) -> None:
    document, model = open_model(store, make_seed_report(store, SBN21))
    catalogue = document.catalogue
    assert model.rowCount() == len(catalogue.sections) + len(list(catalogue.items()))
    assert model.columnCount() == 5
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Đơn vị thực hiện"]
    first = model.index(0, COL_NAME)
    assert first.data() == catalogue.sections[0].title
    assert model.index(0, COL_STT).data() == catalogue.sections[0].stt
    assert first.data(Roles.KIND) == "section"


def test_section_and_group_rows_are_bold_and_not_editable(store: Store) -> None:
    _document, model = open_model(store, make_seed_report(store, SBN22))
    section = model.index(0, COL_NAME)
    group = cell(model, "SBN22_006", COL_NAME)
    for index in (section, group):
        font = index.data(Qt.ItemDataRole.FontRole)
        assert isinstance(font, QFont) and font.bold()
    for column in range(5):
        assert not model.index(0, column).flags() & Qt.ItemFlag.ItemIsEditable
    assert not cell(model, "SBN22_006").flags() & Qt.ItemFlag.ItemIsEditable
    # A group heading can carry a note in the originals (a plan's number and date).
    assert cell(model, "SBN22_006", COL_NOTE).flags() & Qt.ItemFlag.ItemIsEditable
    assert cell(model, "SBN22_006", COL_NOTE).data() == "Kế hoạch số 19/KH-SLĐTBXH ngày 06/3/2023"
    assert not cell(model, "SBN22_006", COL_NOTE).data(Qt.ItemDataRole.FontRole)
    assert not model.setData(cell(model, "SBN22_006"), "5")
    # Computed rows are read-only; value rows are editable.
    assert not cell(model, "SBN22_002").flags() & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(cell(model, "SBN22_002"), "50")
    assert cell(model, "SBN22_003").flags() & Qt.ItemFlag.ItemIsEditable


def test_values_show_the_vietnamese_way(store: Store) -> None:
    document, model = open_model(store, blank_report(store, "000_b2fffb81b5e4de4a"))
    catalogue = document.catalogue
    integer = next(i for i in catalogue.value_items if i.type == "integer")
    percent = next(i for i in catalogue.value_items if i.type == "percent")
    choice = next(i for i in catalogue.value_items if i.type == "choice" and i.choices[-1].code)
    assert model.setData(cell(model, integer.code), "46104")
    assert model.setData(cell(model, percent.code), "33.33")
    assert model.setData(cell(model, choice.code), str(choice.choices[-1].code))
    assert cell(model, integer.code).data() == "46.104"
    assert cell(model, percent.code).data() == "33,33"
    last = choice.choices[-1]
    assert cell(model, choice.code).data() == f"{last.label} ({last.code})"
    assert cell(model, integer.code).data(Qt.ItemDataRole.TextAlignmentRole) & int(
        Qt.AlignmentFlag.AlignRight
    )
    # The unit column of a choice is its legend, as printed.
    assert cell(model, choice.code, COL_UNIT).data().replace("\n", " ") == choice.printed_unit
    stored = store.report(document.report_id).entries
    assert stored[integer.code].value == "46104"
    assert stored[percent.code].value == "33.33"


def test_edit_text_reads_back_to_the_same_value(store: Store) -> None:
    """What a cell shows is what its editor starts from; confirming it changes nothing."""
    document, model = open_model(store, make_seed_report(store, "004_13213d37475705e1"))
    for item in document.catalogue.value_items:
        stored = document.value(item.code)
        if stored is not None:
            assert parse_value(item, cell(model, item.code).data(Qt.ItemDataRole.EditRole)) == (
                stored
            )
    history = len(store.history(document.report_id))
    for item in document.catalogue.value_items:
        index = cell(model, item.code)
        assert model.setData(index, index.data(Qt.ItemDataRole.EditRole))
    assert len(store.history(document.report_id)) == history


def test_bad_text_is_kept_marked_and_explained(store: Store) -> None:
    document, model = open_model(store, make_seed_report(store, SBN21))
    index = cell(model, "SBN21_007")
    assert model.setData(index, "05/05")
    entry = store.report(document.report_id).entries["SBN21_007"]
    assert entry.pending == "05/05"  # kept exactly as typed, never coerced to 5
    assert entry.value == "5"  # the last accepted value stays underneath until corrected
    assert index.data() == "05/05"
    assert index.data(Qt.ItemDataRole.EditRole) == "05/05"
    assert index.data(Roles.SEVERITY) == "error"
    assert index.data(Roles.PENDING) is True
    background = index.data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(background, QColor) and background == ERROR_BG  # Qt makes the brush
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "“05/05”" in tooltip and "SBN21_007" in tooltip and "số nguyên" in tooltip
    problems = ProblemsModel(document)
    messages = [problems.index(r, 2).data() for r in range(problems.rowCount())]
    assert any("05/05" in m for m in messages)
    # Correcting it clears the mark.
    assert model.setData(index, "6")
    entry = store.report(document.report_id).entries["SBN21_007"]
    assert (entry.value, entry.pending) == ("6", None)
    assert index.data(Roles.SEVERITY) == ""
    assert not any("05/05" in problems.index(r, 2).data() for r in range(problems.rowCount()))


def test_computed_rate_follows_its_parts(qtbot: QtBot, store: Store) -> None:
    _document, model = open_model(store, blank_report(store, SBN22))
    rate = cell(model, "SBN22_002")
    assert rate.data() == ""
    assert model.setData(cell(model, "SBN22_004"), "7")
    assert rate.data() == ""  # 7 of nothing yet
    with qtbot.waitSignal(
        model.dataChanged, check_params_cb=lambda top, _bottom, *_: top.row() == rate.row()
    ):
        assert model.setData(cell(model, "SBN22_003"), "21")
    assert rate.data() == "33,33"
    assert "SBN22_004" in rate.data(Qt.ItemDataRole.ToolTipRole)
    assert model.setData(cell(model, "SBN22_003"), "")
    assert rate.data() == ""


def test_warnings_and_errors_mark_their_cells(store: Store) -> None:
    document, model = open_model(store, blank_report(store, SBN22))
    assert model.setData(cell(model, "SBN22_003"), "5")
    assert model.setData(cell(model, "SBN22_004"), "8")  # more done than planned: error
    assert cell(model, "SBN22_004").data(Roles.SEVERITY) == "error"
    assert cell(model, "SBN22_003").data(Roles.SEVERITY) == ""
    assert model.setData(cell(model, "SBN22_034"), "3")
    assert model.setData(cell(model, "SBN22_035"), "4")  # more reviewed than due: warning
    warned = cell(model, "SBN22_035")
    assert warned.data(Roles.SEVERITY) == "warning"
    assert warned.data(Qt.ItemDataRole.BackgroundRole) == WARNING_BG
    assert "rà soát" in warned.data(Qt.ItemDataRole.ToolTipRole)
    problems = ProblemsModel(document)
    assert problems.counts() == (1, 1)
    assert problems.index(0, 0).data() == "Lỗi"  # errors first
    assert problems.location(0) == (0, "SBN22_004")
    assert problems.location(1)[1] == "SBN22_035"


def test_notes_are_saved_as_typed(store: Store) -> None:
    document, model = open_model(store, blank_report(store, SBN22))
    note = "Kế hoạch số 72/KH-SLĐTBXH\nngày 28/12/2022"
    assert model.setData(cell(model, "SBN22_002", COL_NOTE), note)  # even on a computed row
    assert store.report(document.report_id).entries["SBN22_002"].note == note
    assert cell(model, "SBN22_002", COL_NOTE).data() == note
    hinted = next(i for i in document.catalogue.value_items if i.note_hint)
    assert cell(model, hinted.code, COL_NOTE).data(Qt.ItemDataRole.ToolTipRole) == hinted.note_hint


def test_filter_by_words_without_diacritics_or_by_code(store: Store) -> None:
    document, model = open_model(store, make_seed_report(store, SBN22))
    rows = model.matching_rows("nhiem vu da hoan thanh")
    assert rows is not None
    codes = {model.row_at(r).code for r in rows}
    assert {"SBN22_004", "SBN22_019"} <= codes
    assert "SBN22_017" in codes  # the group heading above SBN22_019 stays for context
    assert "" in codes  # and the section's own heading row
    assert "SBN22_005" not in codes
    assert {model.row_at(r).code for r in model.matching_rows("sbn22_081")} >= {"SBN22_081"}
    assert model.matching_rows("  ") is None
    # Notes are searched too.
    assert "SBN22_081" in {model.row_at(r).code for r in model.matching_rows("nd 111")}
    proxy = SectionProxy(model, 0)
    total = proxy.rowCount()
    proxy.set_visible_rows(rows)
    assert 0 < proxy.rowCount() < total
    shown = {proxy.index(r, 0).data(Roles.CODE) for r in range(proxy.rowCount())}
    assert "SBN22_004" in shown and "SBN22_005" not in shown
    assert model.match_count(rows, 0) >= 2
    assert model.match_count(model.matching_rows("không có chỉ tiêu này"), 0) == 0
    proxy.set_visible_rows(None)
    assert proxy.rowCount() == total
    assert len(document.catalogue.sections[0].items) + 1 == total


def test_undo_and_redo_write_through_the_store(store: Store) -> None:
    document, model = open_model(store, blank_report(store, SBN22))
    stack = document.undo_stack
    assert model.setData(cell(model, "SBN22_003"), "21")
    assert model.setData(cell(model, "SBN22_003"), "2x")  # kept as pending
    assert model.setData(cell(model, "SBN22_003", COL_NOTE), "ghi chú")
    assert stack.count() == 3

    def entry():
        e = store.report(document.report_id).entries["SBN22_003"]
        return (e.value, e.pending, e.note)

    assert entry() == ("21", "2x", "ghi chú")
    stack.undo()
    assert entry() == ("21", "2x", "")
    stack.undo()
    assert entry() == ("21", None, "")
    assert cell(model, "SBN22_003").data() == "21"
    stack.undo()
    assert entry() == (None, None, "")
    stack.redo()
    stack.redo()
    assert entry() == ("21", "2x", "")
    assert cell(model, "SBN22_003").data(Roles.SEVERITY) == "error"


def test_a_failing_disk_is_reported_not_raised(
    qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    document, model = open_model(store, blank_report(store, SBN22))
    message = "Ổ đĩa đã đầy, không ghi được dữ liệu. Hãy giải phóng dung lượng."

    def full(*_args: object, **_kwargs: object) -> None:
        raise StoreError(message)

    monkeypatch.setattr(store, "set_value", full)
    with qtbot.waitSignal(document.storeError) as blocker:
        assert not model.setData(cell(model, "SBN22_003"), "21")
    assert blocker.args == [message]
    assert document.undo_stack.count() == 0


def test_a_signed_report_is_read_only(store: Store) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    store.sign_off(report_id, "Nguyễn Văn An", "GIÁM ĐỐC", date(2022, 9, 15))
    document, model = open_model(store, report_id)
    assert document.signed
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            assert not model.index(row, column).flags() & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(cell(model, "SBN22_003"), "1")
    assert store.report(report_id).entries["SBN22_003"].value == "46"
    assert display_value(document.catalogue.by_code["SBN22_002"], document.value("SBN22_002")) == (
        "86,96"
    )
