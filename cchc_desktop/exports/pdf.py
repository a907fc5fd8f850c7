"""The appendix as a PDF laid out like an official document (Nghị định 30/2020/NĐ-CP).

Every piece of user text is drawn as plain strings that this module wraps itself, never as
reportlab Paragraph markup: a note holding ``<b>``, ``&`` or ``<p>1. Tháng 01</p>`` prints
exactly as typed. Wrapping ourselves also lets a note longer than a page continue over
several table rows, drawn without a rule between them so the reader sees one cell that runs
on to the next page, under a repeated header.

The document is laid out here and in :mod:`cchc_desktop.exports.pdf_table`, and drawn
straight on a ``reportlab.pdfgen`` canvas, page for page as reportlab's platypus laid it out
before: an export never imports ``reportlab.platypus``, whose import alone (its paragraph
module compiles large regular expressions) cost every ``cchc export --pdf`` process ≈ 50 ms.
"""

from __future__ import annotations

import io
import math
import os
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as to_landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen import canvas as rl_canvas

from cchc_desktop.exports import (
    appendix_rows,
    clean_text,
    exportable_report,
    footer_signed_line,
    period_line,
    place_date_line,
    signer_title_lines,
    upper,
)
from cchc_desktop.exports.files import atomic_write, resolve_target
from cchc_desktop.exports.pdf_table import LINE_WIDTH, build_table, draw_part, paginate
from cchc_desktop.exports.pdf_text import Fonts, balanced_wrap, fonts, wrap_text
from cchc_desktop.store import Report, Store

# -- page geometry ----------------------------------------------------------------------------

# Nghị định 30/2020: top and bottom 20-25 mm, left 30-35 mm (binding), right 15-20 mm. A
# landscape page is bound along its top edge, so the binding margin moves to the top.
PORTRAIT_MARGINS = (20 * mm, 20 * mm, 30 * mm, 15 * mm)  # top, bottom, left, right
LANDSCAPE_MARGINS = (30 * mm, 15 * mm, 20 * mm, 20 * mm)
# STT | Chỉ tiêu thống kê | Đơn vị tính | Số liệu | Ghi chú, in mm; each set fills the frame.
PORTRAIT_COLUMNS = (12, 57, 27, 18, 51)
LANDSCAPE_COLUMNS = (13, 98, 36, 22, 88)

HEAD_SIZE = 12.0
TITLE_SIZE = 13.0
FOOTER_SIZE = 9.0
PAGE_NUMBER_SIZE = 13.0  # Nghị định 30/2020: 13-14 pt
WATERMARK = "BẢN NHÁP"
HEADING_GUTTER = 10 * mm  # kept clear between the agency's name and the national title
HEADING_SPACE = 9 * mm  # between the heading and "PHỤ LỤC"
TABLE_SPACE = 6 * mm  # between the attachment line and the table
SIGNATURE_SPACE = 7 * mm  # between the table and the date line of the signature


# -- blocks of page one and the signature -----------------------------------------------------


class TextLines:
    """A block of literal text, wrapped to ``width`` and aligned."""

    def __init__(
        self,
        text: str,
        font: str,
        size: float,
        width: float,
        *,
        align: str = "center",
        space_after: float = 0.0,
    ) -> None:
        self.font = font
        self.size = size
        self.align = align
        self.leading = size * 1.2
        self.space_after = space_after
        self.width = width
        wrapper = balanced_wrap if align == "center" else wrap_text
        self.lines = wrapper(text, font, size, width)
        self.height = len(self.lines) * self.leading

    def draw(self, c: Any) -> None:
        """Draw with the bottom left corner at the canvas's origin."""
        c.setFont(self.font, self.size)
        for i, line in enumerate(self.lines):
            y = (
                self.height
                - (i + 1) * self.leading
                + (self.leading - self.size) / 2
                + 0.2 * self.size
            )
            if self.align == "center":
                c.drawCentredString(self.width / 2, y, line)
            elif self.align == "right":
                c.drawRightString(self.width, y, line)
            else:
                c.drawString(0, y, line)


class _Lines:
    """Lines of one font centred in a column, under each other."""

    def __init__(self, lines: list[str], font: str, size: float, leading: float) -> None:
        self.lines = lines
        self.font = font
        self.size = size
        self.leading = leading


class Heading:
    """The two-column heading of page one: the agency at left, the national title at right,
    each centred in its column and underlined by a short rule (Nghị định 30/2020, mục 1-2)."""

    def __init__(self, report: Report, f: Fonts, width: float) -> None:
        self.width = width
        nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        motto = "Độc lập - Tự do - Hạnh phúc"
        # The national title takes the room it needs on one line; the agency gets the rest.
        nation_w = pdfmetrics.stringWidth(nation, f.bold, HEAD_SIZE) + 1 * mm
        right_w = min(max(nation_w, width * 0.5), width * 0.6)
        self.left_w = left_w = width - right_w
        # Wrapped narrower than its column, so a long name ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG")
        # breaks in two as on a typed document instead of running into the national title.
        text_w = left_w - HEADING_GUTTER
        lead = HEAD_SIZE * 1.2
        superior = upper(clean_text(report.superior).strip())
        agency = upper(clean_text(report.agency).strip())
        self.left: list[_Lines] = []
        if superior:
            lines = balanced_wrap(superior, f.regular, HEAD_SIZE, text_w)
            self.left.append(_Lines(lines, f.regular, HEAD_SIZE, lead))
        agency_lines = balanced_wrap(agency, f.bold, HEAD_SIZE, text_w)
        self.left.append(_Lines(agency_lines, f.bold, HEAD_SIZE, lead))
        widest = max(pdfmetrics.stringWidth(s, f.bold, HEAD_SIZE) for s in agency_lines)
        self.left_rule = max(min(widest * 0.45, left_w * 0.6), 20 * mm)
        motto_size = HEAD_SIZE + 1
        self.right = [
            _Lines(wrap_text(nation, f.bold, HEAD_SIZE, right_w), f.bold, HEAD_SIZE, lead),
            _Lines([motto], f.bold, motto_size, motto_size * 1.2),
        ]
        self.right_rule = pdfmetrics.stringWidth(motto, f.bold, motto_size)
        self.height = max(self._height(self.left), self._height(self.right)) + 4

    @staticmethod
    def _height(blocks: list[_Lines]) -> float:
        return sum(len(b.lines) * b.leading for b in blocks)

    def draw(self, c: Any) -> None:
        """Draw with the bottom left corner at the canvas's origin."""
        self._draw_column(c, self.left, 0, self.left_w, self.left_rule)
        self._draw_column(c, self.right, self.left_w, self.width - self.left_w, self.right_rule)

    def _draw_column(
        self, c: Any, blocks: list[_Lines], x: float, width: float, rule: float
    ) -> None:
        y = self.height
        centre = x + width / 2
        for block in blocks:
            c.setFont(block.font, block.size)
            for line in block.lines:
                y -= block.leading
                c.drawCentredString(centre, y + 0.25 * block.size, line)
        c.setLineWidth(LINE_WIDTH)
        c.line(centre - rule / 2, y - 3, centre + rule / 2, y - 3)


class SignatureBlock:
    """Place and date (italic), the signer's title (bold upper case), room for the signature
    and seal, and the signer's name (bold), centred in the right part of the page."""

    SHARE = 0.55
    ROOM = 24 * mm

    def __init__(self, report: Report, f: Fonts, width: float) -> None:
        self.width = width
        block_w = width * self.SHARE
        size = TITLE_SIZE
        date_lines = wrap_text(place_date_line(report), f.italic, size, block_w)
        titles: list[str] = []
        for line in signer_title_lines(report):
            titles += wrap_text(line, f.bold, size, block_w)
        name = clean_text(report.signer).strip() if report.signer else ""
        self.parts: list[tuple[list[str], str, float]] = [
            (date_lines, f.italic, 0.0),
            (titles, f.bold, 0.0),
            (wrap_text(name, f.bold, size, block_w) if name else [""], f.bold, self.ROOM),
        ]
        lines = sum(len(p[0]) for p in self.parts)
        self.height = lines * size * 1.25 + self.ROOM

    def draw(self, c: Any) -> None:
        """Draw with the bottom left corner at the canvas's origin."""
        size = TITLE_SIZE
        lead = size * 1.25
        centre = self.width * (1 - self.SHARE / 2)
        y = self.height
        for lines, font, gap in self.parts:
            y -= gap
            c.setFont(font, size)
            for line in lines:
                y -= lead
                c.drawCentredString(centre, y + 0.25 * size, line)


# -- page furniture ---------------------------------------------------------------------------


def _watermark(c: Any, f: Fonts, width: float, height: float) -> None:
    """ "BẢN NHÁP" across a draft's page, light grey, under everything else."""
    c.saveState()
    c.setFillColorRGB(0.85, 0.85, 0.85)
    size = min(width, height) * 0.2
    c.setFont(f.bold, size)
    c.translate(width / 2, height / 2)
    c.rotate(math.degrees(math.atan2(height, width)))
    c.drawCentredString(0, -size * 0.35, WATERMARK)
    c.restoreState()


def _page_number(c: Any, f: Fonts, number: int, centre: float, height: float, top: float) -> None:
    """The page number alone, upright, centred in the top margin, from page two on: Nghị định
    30/2020 (Phụ lục I, II.1.c) numbers a document so and shows no number on its first page."""
    if number == 1:
        return
    c.setFillColorRGB(0, 0, 0)
    c.setFont(f.regular, PAGE_NUMBER_SIZE)
    c.drawCentredString(centre, height - top / 2 - PAGE_NUMBER_SIZE / 3, str(number))


def _footer(
    c: Any, f: Fonts, text: str, width: float, margins: tuple[float, float, float, float]
) -> None:
    """The signer and fingerprint, or that the report is a draft, small at the bottom left."""
    _top, bottom, left, right = margins
    size = FOOTER_SIZE
    while size > 6 and pdfmetrics.stringWidth(text, f.italic, size) > width - left - right:
        size -= 0.5
    c.setFillColorRGB(0, 0, 0)
    c.setFont(f.italic, size)
    c.drawString(left, bottom / 2, text)


def _page_one(
    report: Report, f: Fonts, width: float, top: float
) -> tuple[list[tuple[Heading | TextLines, float]], float]:
    """The blocks above the table on page one, each with the height of its bottom edge, and
    where the table starts: the heading, then "PHỤ LỤC", the title, the period and the
    attachment line, spaced as before."""
    heading = Heading(report, f, width)
    titles = [
        TextLines("PHỤ LỤC", f.bold, TITLE_SIZE, width, space_after=2),
        TextLines(upper(clean_text(report.catalogue.document_title)), f.bold, TITLE_SIZE, width),
        TextLines(period_line(report), f.bold, TITLE_SIZE, width, space_after=2),
        TextLines(f"({clean_text(report.attachment_line())})", f.italic, TITLE_SIZE, width),
    ]
    y = top - heading.height
    placed: list[tuple[Heading | TextLines, float]] = [(heading, y)]
    y -= HEADING_SPACE
    for block in titles:
        y -= block.height
        placed.append((block, y))
        y -= block.space_after
    return placed, y - TABLE_SPACE


# -- the document -----------------------------------------------------------------------------


def render_pdf(report: Report, *, landscape: bool = False) -> bytes:
    """The appendix of ``report`` as PDF bytes. Callers check the fingerprint first
    (:func:`build_pdf` does)."""
    f = fonts()
    pagesize = to_landscape(A4) if landscape else A4
    page_w, page_h = pagesize
    margins = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
    top, bottom, left, right = margins
    widths = [w * mm for w in (LANDSCAPE_COLUMNS if landscape else PORTRAIT_COLUMNS)]
    frame_w = page_w - left - right
    frame_h = page_h - top - bottom
    widths[1] += frame_w - sum(widths)  # absorb rounding so the table fills the frame
    table_w = 0.0
    for w in widths:  # summed as the table's column positions are
        table_w += w
    table_x = left + 0.5 * (frame_w - table_w)  # centred: off by rounding only

    frame_top = bottom + frame_h
    placed, table_top = _page_one(report, f, frame_w, frame_top)
    signature = SignatureBlock(report, f, table_w)
    table = build_table(
        appendix_rows(report),
        report.catalogue.last_column,
        widths,
        f,
        block=signature,
        block_space=SIGNATURE_SPACE,
    )
    pages = paginate(
        [row.height for row in table.rows],
        [row.keep_with_next for row in table.rows],
        table.header.heights,
        table_top - bottom,
        frame_top - bottom,
    )

    buffer = io.BytesIO()
    c = rl_canvas.Canvas(buffer, pagesize=pagesize)
    c.setAuthor(clean_text(report.agency))
    c.setTitle(f"Phụ lục CCHC - {clean_text(report.agency)} - {report.period.label}")
    c.setSubject(clean_text(report.catalogue.document_title))
    c.setCreator("CCHC Desktop")
    c.setKeywords(
        f"{report.catalogue.id}; {report.period.code}; "
        + (f"SHA-256 {report.fingerprint}" if report.signed else "bản nháp")
    )
    footer = footer_signed_line(report) if report.signed else "Bản nháp, chưa ký duyệt"
    for number, part in enumerate(pages, start=1):
        if not report.signed:
            _watermark(c, f, page_w, page_h)
        if number == 1:
            for flowing, at in placed:
                c.saveState()  # each block in its own coordinates, as reportlab drew it
                c.translate(left, at)
                flowing.draw(c)
                c.restoreState()
        if part:
            draw_part(c, table, part, table_x, table_top if number == 1 else frame_top)
        _page_number(c, f, number, left + frame_w / 2, page_h, top)
        _footer(c, f, footer, page_w, margins)
        c.showPage()
    c.save()
    return buffer.getvalue()


def build_pdf(store: Store, report_id: int, *, landscape: bool = False) -> bytes:
    """PDF bytes of a report; refuses (ExportRefusedError) a tampered signed report."""
    return render_pdf(exportable_report(store, report_id), landscape=landscape)


def export_pdf(
    store: Store, report_id: int, path: str | os.PathLike[str], *, landscape: bool = False
) -> Path:
    """Write the appendix PDF to ``path`` (a folder gets the suggested name) atomically."""
    report = exportable_report(store, report_id)
    data = render_pdf(report, landscape=landscape)
    return atomic_write(resolve_target(path, report, "pdf"), data)
