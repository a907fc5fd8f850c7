"""The appendix workbook: the official sheet, real numbers, text never a formula, metadata."""

from __future__ import annotations

import io
import math
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth

from cchc_desktop.exports import ExportRefusedError, appendix_rows
from cchc_desktop.exports.pdf_text import fonts
from cchc_desktop.exports.xlsx import (
    CELL_PADDING_PT,
    COLUMN_WIDTHS,
    DATA_HEADERS,
    FIRST_DATA_ROW,
    FORMAT_MARKER,
    LINE_HEIGHT_PT,
    POINTS_PER_WIDTH_UNIT,
    SHEET_APPENDIX,
    SHEET_DATA,
    build_xlsx,
    export_xlsx,
)
from cchc_desktop.store import Store, short_fingerprint
from cchc_desktop.values import display_value
from tests.conftest import make_seed_report

FORMULA_LIKE = ["=1+2", "+84 912 345 678", "-5 hồ sơ", "@SUM(A1:A3)", '=HYPERLINK("http://x")']


def workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def props(wb: openpyxl.Workbook) -> dict[str, str | None]:
    return {p.name: p.value for p in wb.custom_doc_props}


def data_rows(wb: openpyxl.Workbook) -> dict[str, list[object]]:
    sheet = wb[SHEET_DATA]
    return {
        row[0].value: [c.value for c in row]
        for row in sheet.iter_rows(min_row=2)
        if row[0].value is not None
    }


def test_every_seed_as_the_official_sheet(store: Store, seed: str) -> None:
    report_id = make_seed_report(store, seed)
    report = store.report(report_id)
    values = report.evaluate().values
    wb = workbook(build_xlsx(store, report_id))
    assert wb.sheetnames == [SHEET_APPENDIX, SHEET_DATA]
    ws = wb[SHEET_APPENDIX]
    assert ws["A4"].value == "PHỤ LỤC"
    assert ws["A5"].value == report.catalogue.document_title.upper()
    assert ws["E9"].value == report.catalogue.last_column
    row = FIRST_DATA_ROW
    for section in report.catalogue.sections:
        assert ws.cell(row, 2).value == section.title
        assert ws.cell(row, 2).font.b
        row += 1
        for item in section.items:
            assert ws.cell(row, 2).value == item.name
            unit = ws.cell(row, 3).value  # a coded legend has one answer a line
            assert (" ".join(unit.split()) if unit else None) == (item.printed_unit or None)
            cell = ws.cell(row, 4)
            stored = values.get(item.code) if item.kind != "group" else None
            if stored is None:
                assert cell.value is None
            elif item.type == "text":
                assert cell.value == stored and cell.data_type == "s"
            else:
                # a real number, equal to the stored value, shown the Vietnamese way
                assert isinstance(cell.value, int | float) and not isinstance(cell.value, bool)
                assert Decimal(str(cell.value)) == Decimal(stored)
                assert cell.data_type == "n"
                if item.type == "choice":
                    assert cell.number_format == "0"
                elif "." in stored:
                    assert cell.number_format == "#,##0." + "0" * len(stored.split(".")[1])
                else:
                    assert cell.number_format == "#,##0"
                assert display_value(item, stored, printed=True)
            note = report.note(item.code)
            assert ws.cell(row, 5).value == (note or None)
            if item.kind == "group":
                assert ws.cell(row, 2).font.b
            row += 1


def test_print_setup_and_fonts(store: Store) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    ws = workbook(build_xlsx(store, report_id))[SHEET_APPENDIX]
    assert ws.print_title_rows == "$9:$10"
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == "portrait"
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert round(ws.page_margins.left * 25.4) == 30 and round(ws.page_margins.right * 25.4) == 15
    assert {str(r) for r in ws.merged_cells.ranges} >= {"A4:E4", "A5:E5", "C9:D9", "A9:A10"}
    assert ws["B12"].font.name == "Times New Roman"
    assert ws["B12"].alignment.wrap_text
    assert ws["B12"].border.left.style == "thin"
    assert ws.column_dimensions["B"].width > ws.column_dimensions["D"].width


def test_print_header_and_footer(store: Store) -> None:
    """The page number alone at top centre from page two (Nghị định 30/2020); the status on
    every page, the first included: a draft's mark at top right, a signed report's signer and
    fingerprint at bottom left."""
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    ws = workbook(build_xlsx(store, report_id))[SHEET_APPENDIX]
    assert ws.HeaderFooter.differentFirst
    assert ws.oddHeader.center.text == "&P"
    assert ws.firstHeader.center.text is None
    for header in (ws.firstHeader, ws.oddHeader):
        assert header.right.text == "BẢN NHÁP - chưa ký duyệt"
    assert "Trang" not in str(ws.oddFooter.right.text)

    fingerprint = store.sign_off(report_id, "Nguyễn Hữu Hạnh", "GIÁM ĐỐC", date(2022, 9, 15))
    ws = workbook(build_xlsx(store, report_id))[SHEET_APPENDIX]
    assert ws.oddHeader.center.text == "&P"
    for header, footer in ((ws.firstHeader, ws.firstFooter), (ws.oddHeader, ws.oddFooter)):
        assert header.right.text is None
        assert "Nguyễn Hữu Hạnh" in footer.left.text
        assert short_fingerprint(fingerprint) in footer.left.text


def test_wrapped_rows_are_tall_enough_for_every_line(store: Store) -> None:
    """LibreOffice does not size a wrapped row itself, so each table row that wraps gets a
    height: never fewer lines than its longest text's width over its column's, and not many
    more. A row whose texts fit on one line keeps the height the program gives it."""
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    ws = workbook(build_xlsx(store, report_id))[SHEET_APPENDIX]
    f = fonts()
    table_rows = len(appendix_rows(store.report(report_id)))
    tall = 0
    for r in range(FIRST_DATA_ROW, FIRST_DATA_ROW + table_rows):
        least = 1.0  # lines, had the text no spaces to break at
        for c, units in enumerate(COLUMN_WIDTHS, start=1):
            cell = ws.cell(r, c)
            if isinstance(cell.value, str) and cell.value:
                face = f.bold if cell.font.b else f.regular
                width = units * POINTS_PER_WIDTH_UNIT - 2 * CELL_PADDING_PT
                lines = sum(
                    math.ceil(stringWidth(part, face, 12) / width) or 1
                    for part in cell.value.split("\n")
                )
                least = max(least, lines)
        height = ws.row_dimensions[r].height
        if least == 1 and height is None:
            continue
        assert height is not None, (r, ws.cell(r, 2).value)
        tall += 1
        assert least * LINE_HEIGHT_PT <= height <= (least * 1.3 + 1) * LINE_HEIGHT_PT, r
    assert tall > 40


def test_metadata_properties(store: Store) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    store.update_details(report_id, superior="UBND tỉnh Sóc Trăng", place="Sóc Trăng")
    fingerprint = store.sign_off(
        report_id, "Nguyễn Hữu Hạnh", "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC", date(2022, 9, 15)
    )
    found = props(workbook(build_xlsx(store, report_id)))
    assert found["CCHC.format"] == FORMAT_MARKER
    assert found["CCHC.version"] == "1"
    assert found["CCHC.catalogue"] == "so-ban-nganh-2022"
    assert found["CCHC.catalogue_digest"] == store.report(report_id).catalogue.digest
    assert found["CCHC.agency"] == "Sở Thông tin và Truyền thông"
    assert found["CCHC.superior"] == "UBND tỉnh Sóc Trăng"
    assert found["CCHC.period"] == "2022-Q3"
    assert found["CCHC.report_no"] == "174/BC-STTTT"
    assert found["CCHC.status"] == "signed"
    assert found["CCHC.signer_title"] == "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"
    assert found["CCHC.signed_date"] == "2022-09-15"
    assert found["CCHC.fingerprint"] == fingerprint
    assert found["CCHC.title"] == "THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH ĐỊNH KỲ"


def test_data_sheet_holds_canonical_values(store: Store) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    report = store.report(report_id)
    values = report.evaluate().values
    wb = workbook(build_xlsx(store, report_id))
    sheet = wb[SHEET_DATA]
    assert [c.value for c in sheet[1]] == list(DATA_HEADERS)
    rows = data_rows(wb)
    assert list(rows) == [i.code for i in report.catalogue.items()]
    for item in report.catalogue.items():
        row = rows[item.code]
        expected = values.get(item.code) if item.kind != "group" else None
        assert row[4] == expected
        assert (row[5] or "") == report.note(item.code)
    assert rows["SBN22_002"][4] == "86.96"  # computed, as canonical text


def test_text_never_becomes_a_formula(store: Store) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    report = store.report(report_id)
    codes = [i.code for i in report.catalogue.items() if i.kind == "value"][: len(FORMULA_LIKE)]
    for code, note in zip(codes, FORMULA_LIKE, strict=True):
        store.set_note(report_id, code, note)
    text_item = next(i for i in report.catalogue.items() if i.type == "text")
    store.set_value(report_id, text_item.code, "=cmd|' /C calc'!A0")
    store.update_details(report_id, agency="=Sở Thông tin")
    wb = workbook(build_xlsx(store, report_id))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (ws.title, cell.coordinate, cell.value)
    appendix = wb[SHEET_APPENDIX]
    notes = [appendix.cell(r, 5) for r in range(FIRST_DATA_ROW, appendix.max_row + 1)]
    for text in FORMULA_LIKE:
        cell = next(c for c in notes if c.value == text)
        assert cell.data_type == "s" and cell.quotePrefix
    rows = data_rows(wb)
    assert rows[text_item.code][4] == "=cmd|' /C calc'!A0"
    # and as the file itself says it: no <f> element anywhere
    import zipfile

    archive = zipfile.ZipFile(io.BytesIO(build_xlsx(store, report_id)))
    for name in archive.namelist():
        if name.startswith("xl/worksheets/"):
            assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)


def test_markup_and_escapes_show_literally(store: Store) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    code = "SBN22_003"
    store.set_note(report_id, code, "R&D <b>đậm</b> _x0041_ \x0b Dòng sau")
    ws = workbook(build_xlsx(store, report_id))[SHEET_APPENDIX]
    cell = next(
        ws.cell(r, 5)
        for r in range(FIRST_DATA_ROW, ws.max_row)
        if ws.cell(r, 5).value and "R&D" in str(ws.cell(r, 5).value)
    )
    # Excel decodes _xHHHH_ itself, so the file escapes it: Excel shows "_x0041_"
    assert cell.value == "R&D <b>đậm</b> _x005F_x0041_ \n Dòng sau"


def test_tampered_signed_report_is_refused(store: Store, tmp_path: Path) -> None:
    report_id = make_seed_report(store, "000_b2fffb81b5e4de4a")
    store.sign_off(report_id, "Nguyễn Văn A", "CỤC TRƯỞNG", date(2022, 6, 14))
    store.conn.execute("DROP TRIGGER entries_locked_update")
    store.conn.execute("UPDATE entries SET value = '999' WHERE report_id = ? AND value = '24'",
                       (report_id,))  # fmt: skip
    with pytest.raises(ExportRefusedError, match="không còn khớp"):
        export_xlsx(store, report_id, tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()
