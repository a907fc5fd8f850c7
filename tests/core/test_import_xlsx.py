"""`cchc import`: exact round trips, and refusals of files that are not ours or were edited."""

from __future__ import annotations

import io
import time
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.packaging.custom import StringProperty

from cchc_desktop.cli import report_json
from cchc_desktop.exports.xlsx import SHEET_DATA, export_xlsx
from cchc_desktop.importers import ImportFormatError, ImportRefusedError
from cchc_desktop.importers.xlsx import import_xlsx
from cchc_desktop.store import ReportLockedError, Store
from tests.conftest import Cli, make_seed_report


def same_report(store: Store, a: int, b: int) -> None:
    left, right = report_json(store, a), report_json(store, b)
    left.pop("id")
    right.pop("id")
    assert left == right


def counts(store: Store) -> tuple[int, int, int]:
    one = store.conn.execute
    return (
        one("SELECT COUNT(*) FROM reports").fetchone()[0],
        one("SELECT COUNT(*) FROM entries").fetchone()[0],
        one("SELECT COUNT(*) FROM history").fetchone()[0],
    )


def test_every_seed_round_trips_exactly(store: Store, seed: str, cli: Cli, tmp_path: Path) -> None:
    report_id = make_seed_report(store, seed)
    path = export_xlsx(store, report_id, tmp_path / "a.xlsx")
    code, out, err = cli("import", str(path))
    assert code == 0, err
    new_id = int(out)  # the new report's id alone
    assert out == f"{new_id}\n"
    assert new_id != report_id
    same_report(store, report_id, new_id)
    original, copy = store.report(report_id), store.report(new_id)
    assert copy.entries == {c: e for c, e in original.entries.items() if e.value or e.note}
    assert copy.status == "draft" and copy.fingerprint is None


@pytest.mark.parametrize("seed_name", ["000_b2fffb81b5e4de4a", "003_d8652e5c4f02bc4c"])
def test_signed_report_comes_back_signed(
    store: Store, seed_name: str, cli: Cli, tmp_path: Path
) -> None:
    report_id = make_seed_report(store, seed_name)
    store.update_details(report_id, superior="UBND tỉnh Sóc Trăng", place="Sóc Trăng",
                         report_date=date(2022, 9, 15))  # fmt: skip
    fingerprint = store.sign_off(
        report_id, "Nguyễn Hữu Hạnh", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", date(2022, 9, 15)
    )
    path = export_xlsx(store, report_id, tmp_path / "signed.xlsx")
    code, out, err = cli("import", str(path))
    assert code == 0, err
    copy = store.report(int(out))
    assert copy.signed and copy.fingerprint == fingerprint
    assert store.fingerprint_matches(copy)
    assert not store.validate(copy.id).errors
    same_report(store, report_id, copy.id)
    # signed means locked, in the imported copy too
    code = next(i.code for i in copy.catalogue.items() if i.kind == "value")
    with pytest.raises(ReportLockedError):
        store.set_value(copy.id, code, "1")


TRICKY = [
    "=1+2",
    "-5 hồ sơ",
    "+84 912",
    "@SUM(A1)",
    "R&D <b>đậm</b> <p>1. Tháng 01</p>",
    "_x0041_ và _x005F_ giữ nguyên",
    "Tab\tgiữa\x0bvà \x07 chuông\r\nxuống dòng kiểu Windows",
    "dài " * 9000,  # 36.000 characters: more than one Excel cell holds
]


def test_tricky_text_round_trips_exactly(store: Store, tmp_path: Path) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    report = store.report(report_id)
    codes = [i.code for i in report.catalogue.items() if i.kind == "value"][: len(TRICKY)]
    for code, note in zip(codes, TRICKY, strict=True):
        store.set_note(report_id, code, note)
    text_item = next(i for i in report.catalogue.items() if i.type == "text")
    store.set_value(report_id, text_item.code, '=HYPERLINK("x") _x0030_')
    store.update_details(report_id, agency="Sở R&D _x0041_ =A1", place="Sóc\tTrăng")
    store.sign_off(report_id, "Lê Thị B", "GIÁM ĐỐC\r\nKIÊM CHỦ TỊCH", date(2023, 1, 2))
    new_id = import_xlsx(store, export_xlsx(store, report_id, tmp_path / "t.xlsx"))
    copy = store.report(new_id)
    for code, note in zip(codes, TRICKY, strict=True):
        assert copy.note(code) == note
    assert copy.entries[text_item.code].value == '=HYPERLINK("x") _x0030_'
    assert copy.agency == "Sở R&D _x0041_ =A1" and copy.place == "Sóc\tTrăng"
    assert copy.signer_title == "GIÁM ĐỐC\r\nKIÊM CHỦ TỊCH"
    assert store.fingerprint_matches(copy)


def test_pending_entries_of_a_draft_round_trip(store: Store, tmp_path: Path) -> None:
    report_id = make_seed_report(store, "001_e074a215dda75db3")
    store.set_pending(report_id, "SBN22_003", "hai mươi")
    new_id = import_xlsx(store, export_xlsx(store, report_id, tmp_path / "p.xlsx"))
    assert store.report(new_id).entries["SBN22_003"].pending == "hai mươi"
    assert store.summary(new_id).errors == store.summary(report_id).errors


# -- refusals ------------------------------------------------------------------------------


def exported(store: Store, tmp_path: Path, *, signed: bool = False) -> Path:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    if signed:
        store.sign_off(report_id, "Nguyễn Hữu Hạnh", "GIÁM ĐỐC", date(2022, 9, 15))
    return export_xlsx(store, report_id, tmp_path / "ok.xlsx")


def edit(path: Path, change: Any) -> Path:
    """Open the workbook as an officer's Excel would, change it, save it under a new name."""
    wb = openpyxl.load_workbook(path)
    change(wb)
    out = path.with_name("edited.xlsx")
    wb.save(out)
    return out


def set_prop(wb: openpyxl.Workbook, name: str, value: str) -> None:
    kept = [p for p in wb.custom_doc_props if p.name != name]
    wb.custom_doc_props.props = [*kept, StringProperty(name=name, value=value)]


def data_cell(wb: openpyxl.Workbook, code: str, column: int) -> Any:
    sheet = wb[SHEET_DATA]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == code)
    return sheet.cell(row[0].row, column)


def refused(cli: Cli, store: Store, path: Path, exit_code: int, message: str) -> None:
    before = counts(store)
    code, out, err = cli("import", str(path))
    assert code == exit_code, err
    assert out == ""
    assert message in err
    assert "Traceback" not in err
    assert counts(store) == before  # nothing half-imported


def test_value_edited_in_excel_is_refused(store: Store, cli: Cli, tmp_path: Path) -> None:
    def change(wb: openpyxl.Workbook) -> None:
        cell = data_cell(wb, "SBN22_003", 5)
        cell.value = "47"
        cell.data_type = "s"

    refused(cli, store, edit(exported(store, tmp_path, signed=True), change), 1, "đã bị sửa")
    refused(cli, store, edit(exported(store, tmp_path), change), 1, "đã bị sửa")


def test_note_or_heading_edited_is_refused(store: Store, cli: Cli, tmp_path: Path) -> None:
    path = exported(store, tmp_path, signed=True)

    def note(wb: openpyxl.Workbook) -> None:
        data_cell(wb, "SBN22_012", 6).value = "Đã thực hiện 7/7 nhiệm vụ"

    refused(cli, store, edit(path, note), 1, "đã bị sửa")
    refused(cli, store, edit(path, lambda wb: set_prop(wb, "CCHC.agency", "Sở khác")), 1,
            "đã bị sửa")  # fmt: skip
    refused(cli, store, edit(path, lambda wb: set_prop(wb, "CCHC.status", "draft")), 1,
            "đã bị sửa")  # fmt: skip


def test_unknown_catalogue_is_refused(store: Store, cli: Cli, tmp_path: Path) -> None:
    path = exported(store, tmp_path)
    bad = edit(path, lambda wb: set_prop(wb, "CCHC.catalogue_digest", "ab" * 32))
    refused(cli, store, bad, 1, "chưa có")


def test_not_one_of_ours(store: Store, cli: Cli, tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Phụ lục tự làm"
    wb.save(plain)
    refused(cli, store, plain, 2, "không phải phụ lục xuất từ CCHC Desktop")
    marked = edit(exported(store, tmp_path), lambda wb: set_prop(wb, "CCHC.format", "khác"))
    refused(cli, store, marked, 2, "không phải phụ lục xuất từ CCHC Desktop")


def test_not_a_zip_or_truncated(store: Store, cli: Cli, tmp_path: Path) -> None:
    text = tmp_path / "note.xlsx"
    text.write_text("STT,Chỉ tiêu\n1,2\n", encoding="utf-8")
    refused(cli, store, text, 2, "không phải tệp Excel (.xlsx) hợp lệ")
    whole = exported(store, tmp_path).read_bytes()
    for cut in (len(whole) // 2, len(whole) - 30):
        half = tmp_path / f"half{cut}.xlsx"
        half.write_bytes(whole[:cut])
        refused(cli, store, half, 2, "đã bị hỏng")
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    refused(cli, store, empty, 2, "không phải tệp Excel")
    refused(cli, store, tmp_path / "missing.xlsx", 2, "Không tìm thấy tệp")


def test_corrupted_member_is_refused(store: Store, cli: Cli, tmp_path: Path) -> None:
    data = bytearray(exported(store, tmp_path).read_bytes())
    at = data.find(b"xl/worksheets/sheet2.xml") + 200  # inside that member's deflated data
    data[at : at + 8] = b"\x00" * 8
    bad = tmp_path / "crc.xlsx"
    bad.write_bytes(bytes(data))
    refused(cli, store, bad, 2, "đã bị hỏng")


def test_zip_bomb_is_refused_without_inflating(store: Store, cli: Cli, tmp_path: Path) -> None:
    good = exported(store, tmp_path)
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for member in src.infolist():
            out.writestr(member, src.read(member))
        with out.open("xl/media/image1.png", "w") as sink:
            chunk = b"\0" * (1 << 20)
            for _ in range(120):  # 120 MB of zeros, about 120 kB compressed
                sink.write(chunk)
    assert bomb.stat().st_size < 2_000_000
    started = time.perf_counter()
    refused(cli, store, bomb, 2, "quá lớn")
    assert time.perf_counter() - started < 5


def test_wrong_sheet_or_shape(store: Store, cli: Cli, tmp_path: Path) -> None:
    path = exported(store, tmp_path)

    def rename(wb: openpyxl.Workbook) -> None:
        wb[SHEET_DATA].title = "Sheet2"

    refused(cli, store, edit(path, rename), 2, "không có trang “Dữ liệu”")

    def header(wb: openpyxl.Workbook) -> None:
        wb[SHEET_DATA]["E1"] = "Value"

    refused(cli, store, edit(path, header), 2, "không đúng mẫu")


def test_unknown_code_duplicates_and_wrong_types(store: Store, cli: Cli, tmp_path: Path) -> None:
    path = exported(store, tmp_path)

    def unknown(wb: openpyxl.Workbook) -> None:
        data_cell(wb, "SBN22_003", 1).value = "SBN22_999"

    refused(cli, store, edit(path, unknown), 2, "“SBN22_999” không có trong danh mục")

    def duplicate(wb: openpyxl.Workbook) -> None:
        data_cell(wb, "SBN22_004", 1).value = "SBN22_003"

    refused(cli, store, edit(path, duplicate), 2, "lặp lại")

    def number(wb: openpyxl.Workbook) -> None:
        data_cell(wb, "SBN22_003", 5).value = 46

    refused(cli, store, edit(path, number), 2, "phải là chữ")

    def formula(wb: openpyxl.Workbook) -> None:
        data_cell(wb, "SBN22_003", 6).value = "=1+1"

    refused(cli, store, edit(path, formula), 2, "công thức")

    def not_canonical(wb: openpyxl.Workbook) -> None:
        data_cell(wb, "SBN22_003", 5).value = "46.000"

    refused(cli, store, edit(path, not_canonical), 2, "không đúng dạng")

    def bad_encoding(wb: openpyxl.Workbook) -> None:
        data_cell(wb, "SBN22_003", 8).value = "!!không phải base64!!"

    refused(cli, store, edit(path, bad_encoding), 2, "mã hóa bị hỏng")


def test_failure_inside_the_store_leaves_nothing(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = exported(store, tmp_path, signed=True)
    before = counts(store)
    calls = {"n": 0}
    real_log = Store._log

    def failing_log(self: Store, *args: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 2:  # after the report row and its entries are written
            raise OSError("disk went away")
        real_log(self, *args)

    monkeypatch.setattr(Store, "_log", failing_log)
    with pytest.raises(OSError):
        import_xlsx(store, path)
    monkeypatch.undo()
    assert counts(store) == before


def test_api_exceptions(store: Store, tmp_path: Path) -> None:
    path = exported(store, tmp_path)
    bad = edit(path, lambda wb: set_prop(wb, "CCHC.checksum", "0" * 64))
    with pytest.raises(ImportRefusedError):
        import_xlsx(store, bad)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(io.BytesIO(b"PK\x03\x04 not really").getvalue())
    with pytest.raises(ImportFormatError):
        import_xlsx(store, junk)
