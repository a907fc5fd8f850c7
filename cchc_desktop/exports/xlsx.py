"""The appendix as an Excel workbook the officer upstream can read, print and load back.

Sheet "Phụ lục" is the official form: merged title rows, borders, Times New Roman, A4 with
the header rows repeated. Numbers are real numbers (so the officer can add up dozens of
files) with the formats ``#,##0`` and ``#,##0.00``: Excel shows them with the separators of
the reader's Windows region settings, which on a Vietnamese PC gives 46.104 and 33,33 — a
format code with literal dots would break on every other PC and turn numbers into text.

Sheet "Dữ liệu" and the workbook's custom document properties carry the report exactly
(codes, canonical values, notes, heading, status, fingerprint) for ``cchc import``.

No text typed by a user ever becomes a formula: every text cell is written with the string
type set explicitly, and with the quote prefix Excel itself uses for text that starts with
``=``, ``+``, ``-`` or ``@``.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from cchc_desktop.exports import (
    AppendixRow,
    appendix_rows,
    clean_text,
    exportable_report,
    period_line,
    place_date_line,
    signer_title_lines,
    upper,
)
from cchc_desktop.exports.files import atomic_write, resolve_target
from cchc_desktop.store import Report, Store, canonical_content, short_fingerprint

FORMAT_MARKER = "cchc-desktop/phu-luc-cchc"
FORMAT_VERSION = "1"
PROP = "CCHC."
SHEET_APPENDIX = "Phụ lục"
SHEET_DATA = "Dữ liệu"
DATA_HEADERS = (
    "Mã chỉ tiêu",
    "STT",
    "Chỉ tiêu thống kê",
    "Loại",
    "Giá trị",
    "Ghi chú",
    "Chưa hợp lệ",
    "Mã hóa",
)
KIND_LABELS = {"value": "nhập", "computed": "tính", "group": "nhóm"}
ENCODED_COLUMN = len(DATA_HEADERS)  # 1-based column where the base64 form starts
CELL_LIMIT = 32767  # Excel's most characters in one cell
CHUNK = 32000

FONT = "Times New Roman"
TABLE_SIZE = 12
HEAD_ROWS = (9, 10)
FIRST_DATA_ROW = 11
# STT | Chỉ tiêu | Đơn vị tính | Số liệu | Ghi chú, in Excel's character units
COLUMN_WIDTHS = (6, 42, 12, 10, 36)
# Excel's character unit is the width of "0" in the workbook's default font (Calibri 11 pt:
# 7 px at 96 dpi, 5.25 pt); a cell keeps about 3 px clear on each side of its text.
POINTS_PER_WIDTH_UNIT = 5.25
CELL_PADDING_PT = 4.5
LINE_HEIGHT_PT = 15.75  # one line of Times New Roman 12 pt, as Excel sizes it
MEASURE_SLACK = 0.95  # measure a little narrower than Excel, so it never needs one more line

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_OOXML_ESCAPE = re.compile(r"_x[0-9A-Fa-f]{4}_")
_FORMULA_START = ("=", "+", "-", "@")


# -- text that survives Excel ------------------------------------------------------------------


def is_plain(text: str) -> bool:
    """Whether ``text`` goes through an .xlsx cell or property unchanged: no characters XML
    cannot hold, no carriage return (XML turns it into a line feed), no ``_x0041_``-style
    sequence (Excel decodes those), and not longer than a cell may be."""
    return (
        len(text) <= CELL_LIMIT
        and "\r" not in text
        and not _ILLEGAL.search(text)
        and not _OOXML_ESCAPE.search(text)
    )


def encode_exact(data: Any) -> str:
    """JSON in base64: only letters, digits, ``+ / =`` — nothing Excel or XML reinterprets."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(raw).decode("ascii")


def for_display(text: str) -> str:
    """Text for a cell people read: printable, escapes shown literally, within Excel's limit."""
    out = clean_text(text)
    out = _ILLEGAL.sub("", out)
    out = _OOXML_ESCAPE.sub(lambda m: "_x005F" + m.group(0), out)
    if len(out) > CELL_LIMIT:
        out = out[: CELL_LIMIT - 200].rstrip() + " … (còn tiếp, xem bản PDF)"
    return out


def put_text(cell: Cell, text: str) -> None:
    """Store ``text`` as text, never as a formula, however it starts."""
    cell.value = text
    cell.data_type = "s"
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True


def checksum(report: Report) -> str:
    """SHA-256 over everything the file carries (the fingerprint's content plus the status
    and the entries still waiting for correction), so an edited draft is caught too."""
    content = canonical_content(report)
    content["status"] = report.status
    content["fingerprint"] = report.fingerprint
    content["pending"] = sorted(
        [code, e.pending] for code, e in report.entries.items() if e.pending is not None
    )
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def metadata(report: Report) -> dict[str, str]:
    """The custom document properties (without prefix); dates ISO, unknown values empty."""
    return {
        "format": FORMAT_MARKER,
        "version": FORMAT_VERSION,
        "catalogue": report.catalogue.id,
        "catalogue_version": report.catalogue.version,
        "catalogue_digest": report.catalogue.digest,
        "title": report.catalogue.document_title,
        "agency": report.agency,
        "superior": report.superior,
        "place": report.place,
        "period": report.period.code,
        "period_label": report.period.label,
        "report_no": report.report_no,
        "report_date": report.report_date.isoformat() if report.report_date else "",
        "status": report.status,
        "signer": report.signer or "",
        "signer_title": report.signer_title or "",
        "signed_date": report.signed_date.isoformat() if report.signed_date else "",
        "fingerprint": report.fingerprint or "",
        "checksum": checksum(report),
    }


# -- the workbook ------------------------------------------------------------------------------


def _font(size: float = TABLE_SIZE, *, bold: bool = False, italic: bool = False) -> Font:
    return Font(name=FONT, size=size, bold=bold, italic=italic)


def _merged_text(
    ws: Worksheet,
    row: int,
    first_col: int,
    last_col: int,
    text: str,
    font: Font,
    *,
    height: float | None = None,
    underline: bool = False,
) -> None:
    cell = ws.cell(row, first_col)
    put_text(cell, for_display(text))
    cell.font = Font(
        name=font.name, size=font.sz, bold=font.b, italic=font.i,
        underline="single" if underline else None,
    )  # fmt: skip
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    if last_col > first_col:
        ws.merge_cells(start_row=row, start_column=first_col, end_row=row, end_column=last_col)
    if height is not None:
        ws.row_dimensions[row].height = height


def _lines_needed(text: str, width_chars: float) -> int:
    """A generous estimate of wrapped lines, for merged rows Excel will not size itself."""
    return sum(max(1, -(-len(part) // max(1, int(width_chars)))) for part in text.split("\n"))


def _write_appendix(ws: Worksheet, report: Report, rows: list[AppendixRow]) -> None:
    for col, width in enumerate(COLUMN_WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    total_width = sum(COLUMN_WIDTHS)
    left_width = sum(COLUMN_WIDTHS[:2])

    superior = upper(clean_text(report.superior).strip())
    agency = upper(clean_text(report.agency).strip())
    head_lines = max(_lines_needed(agency, left_width * 0.85), 1)
    _merged_text(ws, 1, 1, 2, superior, _font(12), height=17)
    _merged_text(ws, 1, 3, 5, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", _font(12, bold=True))
    _merged_text(ws, 2, 1, 2, agency, _font(12, bold=True), height=17 * head_lines)
    _merged_text(ws, 2, 3, 5, "Độc lập - Tự do - Hạnh phúc", _font(13, bold=True),
                 underline=True)  # fmt: skip
    ws.row_dimensions[3].height = 10
    title = upper(clean_text(report.catalogue.document_title))
    period = period_line(report)
    attachment = f"({clean_text(report.attachment_line())})"
    _merged_text(ws, 4, 1, 5, "PHỤ LỤC", _font(13, bold=True), height=18)
    _merged_text(ws, 5, 1, 5, title, _font(13, bold=True),
                 height=18 * _lines_needed(title, total_width * 0.85))  # fmt: skip
    _merged_text(ws, 6, 1, 5, period, _font(13, bold=True),
                 height=18 * _lines_needed(period, total_width * 0.85))  # fmt: skip
    _merged_text(ws, 7, 1, 5, attachment, _font(12, italic=True),
                 height=17 * _lines_needed(attachment, total_width))  # fmt: skip
    ws.row_dimensions[8].height = 8

    top, bottom = HEAD_ROWS
    heads = {
        (top, 1): "STT",
        (top, 2): "Chỉ tiêu thống kê",
        (top, 3): "Kết quả thống kê",
        (bottom, 3): "Đơn vị tính",
        (bottom, 4): "Số liệu",
        (top, 5): clean_text(report.catalogue.last_column),
    }
    for r in HEAD_ROWS:
        for c in range(1, 6):
            cell = ws.cell(r, c)
            cell.border = _BOX
            cell.font = _font(bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for (r, c), text in heads.items():
        put_text(ws.cell(r, c), text)
    ws.merge_cells(start_row=top, start_column=1, end_row=bottom, end_column=1)
    ws.merge_cells(start_row=top, start_column=2, end_row=bottom, end_column=2)
    ws.merge_cells(start_row=top, start_column=3, end_row=top, end_column=4)
    ws.merge_cells(start_row=top, start_column=5, end_row=bottom, end_column=5)

    # reportlab measures the rows: imported here, so reading a file back (importers.xlsx
    # uses this module's constants) never loads it.
    from cchc_desktop.exports.pdf_text import fonts

    f = fonts()
    r = FIRST_DATA_ROW
    section_numbered = False
    for row in rows:
        if row.kind == "section":
            section_numbered = bool(re.search(r"\d", row.stt))
        heading_font = _row_font(row, section_numbered)
        heading = f.bold_italic if heading_font.i else f.bold if heading_font.b else f.regular
        cells = [ws.cell(r, c) for c in range(1, 6)]
        put_text(cells[0], for_display(row.stt))
        put_text(cells[1], for_display(row.name))
        put_text(cells[2], for_display(row.unit))
        _put_value(cells[3], row)
        put_text(cells[4], for_display(row.note))
        for c, cell in enumerate(cells):
            cell.border = _BOX
            cell.font = heading_font if c < 2 else _font()
            horizontal = "center" if c in (0, 2, 3) else "left"
            if c == 3 and row.is_text_value:
                horizontal = "left"
            cell.alignment = Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        lines = _wrapped_lines(cells, (heading, heading, f.regular, f.regular, f.regular))
        if lines > 1:
            ws.row_dimensions[r].height = lines * LINE_HEIGHT_PT
        r += 1

    r += 1
    _merged_text(ws, r, 3, 5, place_date_line(report), _font(13, italic=True), height=19)
    r += 1
    for line in signer_title_lines(report):
        _merged_text(ws, r, 3, 5, line, _font(13, bold=True), height=18)
        r += 1
    for _ in range(4):  # room for the signature and the seal
        ws.row_dimensions[r].height = 18
        r += 1
    name = clean_text(report.signer).strip() if report.signer else ""
    _merged_text(ws, r, 3, 5, name, _font(13, bold=True), height=18)

    ws.freeze_panes = ws.cell(FIRST_DATA_ROW, 1)
    ws.print_title_rows = f"{top}:{bottom}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    # Nghị định 30/2020 margins in inches: top/bottom 20 mm, left 30 mm, right 15 mm.
    ws.page_margins.left = 30 / 25.4
    ws.page_margins.right = 15 / 25.4
    ws.page_margins.top = 20 / 25.4
    ws.page_margins.bottom = 20 / 25.4
    ws.page_margins.header = 8 / 25.4
    ws.page_margins.footer = 8 / 25.4
    # Nghị định 30/2020: the page number alone, centred at the top, none on the first page.
    ws.HeaderFooter.differentFirst = True
    ws.oddHeader.center.text = "&P"
    ws.oddHeader.center.size = 13
    ws.oddHeader.center.font = "Times New Roman,Regular"
    signed = (
        _header_footer_text(
            f"Đã ký duyệt: {clean_text(report.signer)} · "
            f"Dấu kiểm tra: {short_fingerprint(report.fingerprint or '')}"
        )
        if report.signed
        else ""
    )
    # The first page has a header and footer of its own; both kinds carry the status.
    for header, footer in ((ws.firstHeader, ws.firstFooter), (ws.oddHeader, ws.oddFooter)):
        if signed:
            footer.left.text = signed
            footer.left.size = 9
        else:
            header.right.text = "BẢN NHÁP - chưa ký duyệt"
            header.right.size = 12
            header.right.color = "808080"


def _header_footer_text(text: str) -> str:
    # "&" starts a code in Excel headers and footers; "&&" prints one.
    return text.replace("&", "&&")[:200]


def _wrapped_lines(cells: list[Cell], faces: tuple[str, ...]) -> int:
    """How many lines the tallest cell of a table row wraps to, each cell measured in its
    print face. Excel sizes such a row itself when it opens the file; LibreOffice does not (7.4
    printed each long note's lines over the next rows). Measured with the print fonts (Tinos
    has Times New Roman's widths) a little narrower than the column, so Excel needs no more
    lines."""
    from cchc_desktop.exports.pdf_text import wrap_text

    most = 1
    for cell, face, units in zip(cells, faces, COLUMN_WIDTHS, strict=True):
        if isinstance(cell.value, str) and cell.value:
            width = (units * POINTS_PER_WIDTH_UNIT - 2 * CELL_PADDING_PT) * MEASURE_SLACK
            most = max(most, len(wrap_text(cell.value, face, TABLE_SIZE, width)))
    return most


def _row_font(row: AppendixRow, section_numbered: bool) -> Font:
    if row.kind == "section":
        return _font(bold=True)
    if row.kind == "group":
        numbers = re.findall(r"\d+", row.stt)
        level = len(numbers) - (1 if section_numbered else 0) if numbers else 2
        return _font(bold=True, italic=level > 1)
    return _font()


def _put_value(cell: Cell, row: AppendixRow) -> None:
    """A number as a real number with a display format; a choice as its code; text as text."""
    item = row.item
    if item is None or row.kind == "group" or not row.value:
        put_text(cell, "")
        cell.value = None
        return
    stored = row.stored
    if stored is None or item.type == "text":
        put_text(cell, for_display(row.value))
        return
    number = Decimal(stored)
    if item.type == "choice" or number == number.to_integral_value():
        cell.value = int(number)
        cell.number_format = "0" if item.type == "choice" else "#,##0"
    else:
        places = -int(number.normalize().as_tuple().exponent)
        cell.value = float(number)
        cell.number_format = "#,##0." + "0" * places


def _write_data(ws: Worksheet, report: Report, rows: list[AppendixRow]) -> None:
    values = report.evaluate().values
    widths = (28, 8, 50, 7, 14, 40, 14, 12)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    for c, title in enumerate(DATA_HEADERS, start=1):
        cell = ws.cell(1, c)
        put_text(cell, title)
        cell.font = Font(bold=True)
    ws.freeze_panes = "A2"
    r = 2
    for row in rows:
        item = row.item
        if item is None:
            continue
        entry = report.entries.get(item.code)
        value = values.get(item.code) if item.kind != "group" else None
        note = entry.note if entry else ""
        pending = entry.pending if entry else None
        put_text(ws.cell(r, 1), item.code)
        put_text(ws.cell(r, 2), for_display(item.stt))
        put_text(ws.cell(r, 3), for_display(item.name))
        put_text(ws.cell(r, 4), KIND_LABELS[item.kind])
        exact = all(is_plain(t) for t in (value or "", note, pending or ""))
        if value is not None:
            put_text(ws.cell(r, 5), value if exact else for_display(value))
        if note:
            put_text(ws.cell(r, 6), note if exact else for_display(note))
        if pending is not None:
            put_text(ws.cell(r, 7), pending if exact else for_display(pending))
        if not exact:  # the readable columns cannot hold it as is: keep the exact form too
            encoded = encode_exact({"value": value, "note": note, "pending": pending})
            for k in range(0, len(encoded), CHUNK):
                put_text(ws.cell(r, ENCODED_COLUMN + k // CHUNK), encoded[k : k + CHUNK])
        r += 1


def render_xlsx(report: Report) -> bytes:
    """The workbook of ``report`` as bytes. Callers check the fingerprint first."""
    rows = appendix_rows(report)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_APPENDIX
    _write_appendix(ws, report, rows)
    _write_data(wb.create_sheet(SHEET_DATA), report, rows)
    for key, value in metadata(report).items():
        name = PROP + key
        if is_plain(value) and len(value) <= 255:
            wb.custom_doc_props.append(StringProperty(name=name, value=value))
        else:
            wb.custom_doc_props.append(
                StringProperty(name=name + ".b64", value=encode_exact(value))
            )
    wb.properties.title = for_display(f"Phụ lục CCHC - {report.agency} - {report.period.label}")[
        :250
    ]
    wb.properties.subject = for_display(report.catalogue.document_title)[:250]
    wb.properties.creator = "CCHC Desktop"
    wb.properties.keywords = f"{report.catalogue.id}; {report.period.code}; {report.status}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def build_xlsx(store: Store, report_id: int) -> bytes:
    """Workbook bytes of a report; refuses (ExportRefusedError) a tampered signed report."""
    return render_xlsx(exportable_report(store, report_id))


def export_xlsx(store: Store, report_id: int, path: str | os.PathLike[str]) -> Path:
    """Write the workbook to ``path`` (a folder gets the suggested name) atomically."""
    report = exportable_report(store, report_id)
    data = render_xlsx(report)
    return atomic_write(resolve_target(path, report, "xlsx"), data)
