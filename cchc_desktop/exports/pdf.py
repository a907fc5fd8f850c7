"""The appendix as a PDF laid out like an official document (Nghị định 30/2020/NĐ-CP).

Every piece of user text is drawn as plain strings that this module wraps itself, never as
reportlab Paragraph markup: a note holding ``<b>``, ``&`` or ``<p>1. Tháng 01</p>`` prints
exactly as typed. Wrapping ourselves also lets a note longer than a page continue over
several table rows (reportlab cannot split one row), drawn without a rule between them so
the reader sees one cell that runs on to the next page, under a repeated header.
"""

from __future__ import annotations

import io
import math
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as to_landscape
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen import canvas as rl_canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer, Table

from cchc_desktop.assets import font_path
from cchc_desktop.exports import (
    AppendixRow,
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
from cchc_desktop.store import Report, Store

# -- page geometry ----------------------------------------------------------------------------

# Nghị định 30/2020: top and bottom 20-25 mm, left 30-35 mm (binding), right 15-20 mm. A
# landscape page is bound along its top edge, so the binding margin moves to the top.
PORTRAIT_MARGINS = (20 * mm, 20 * mm, 30 * mm, 15 * mm)  # top, bottom, left, right
LANDSCAPE_MARGINS = (30 * mm, 15 * mm, 20 * mm, 20 * mm)
# STT | Chỉ tiêu thống kê | Đơn vị tính | Số liệu | Ghi chú, in mm; each set fills the frame.
PORTRAIT_COLUMNS = (12, 57, 27, 18, 51)
LANDSCAPE_COLUMNS = (13, 98, 36, 22, 88)

TABLE_SIZE = 11.0
TABLE_LEADING = 13.2
HEAD_SIZE = 12.0
TITLE_SIZE = 13.0
FOOTER_SIZE = 9.0
PAD_X = 3.0
PAD_TOP = 2.5
PAD_BOTTOM = 3.5
CHUNK_LINES = 6  # a long cell continues in rows of this many lines, so pages fill up
SINGLE_ROW_LINES = 10  # up to this many lines a cell stays one row
WATERMARK = "BẢN NHÁP"
LINE_WIDTH = 0.6

# -- fonts ------------------------------------------------------------------------------------

FAMILY = "CCHCSerif"
_STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
_TIMES_FILES = {
    "Regular": ("times.ttf", "times new roman.ttf", "times_new_roman.ttf", "timesnewroman.ttf"),
    "Bold": (
        "timesbd.ttf",
        "times new roman bold.ttf",
        "times_new_roman_bold.ttf",
        "timesnewromanbold.ttf",
    ),
    "Italic": (
        "timesi.ttf",
        "times new roman italic.ttf",
        "times_new_roman_italic.ttf",
        "timesnewromanitalic.ttf",
    ),
    "BoldItalic": (
        "timesbi.ttf",
        "times new roman bold italic.ttf",
        "times_new_roman_bold_italic.ttf",
        "timesnewromanbolditalic.ttf",
    ),
}
# Letters a font must have to print Vietnamese (older Times New Roman builds lacked some).
_VIETNAMESE = "ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ…–“”"


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bold_italic: str
    source: str  # "Times New Roman" or "Tinos"


def font_dirs() -> list[Path]:
    """Where Times New Roman usually lives on Windows, Linux and macOS."""
    dirs: list[Path] = []
    if sys.platform == "win32":
        windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT") or r"C:\Windows"
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
            Path.home() / "Library" / "Fonts",
        ]
    else:
        dirs += [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            Path.home() / ".local" / "share" / "fonts",
            Path.home() / ".fonts",
        ]
    return dirs


def _find_times(dirs: Sequence[Path]) -> dict[str, Path] | None:
    """The four Times New Roman files, looked up case-insensitively, or None."""
    wanted = {name: style for style, names in _TIMES_FILES.items() for name in names}
    found: dict[str, Path] = {}
    for base in dirs:
        if not base.is_dir():
            continue
        for root, subdirs, files in os.walk(base):
            if root.count(os.sep) - str(base).count(os.sep) >= 3:
                subdirs[:] = []  # font folders are shallow; do not crawl a whole disk
            for name in files:
                style = wanted.get(name.lower())
                if style and style not in found:
                    found[style] = Path(root) / name
        if len(found) == len(_STYLES):
            return found
    return None


def _covers_vietnamese(font: TTFont) -> bool:
    cmap = font.face.charToGlyph
    return all(ord(ch) in cmap for ch in _VIETNAMESE)


@cache
def fonts() -> Fonts:
    """Register the print family once per process: Times New Roman when the PC has it with
    every Vietnamese letter, else the bundled Tinos (same metrics, so the layout matches)."""
    candidates: list[tuple[str, dict[str, Path]]] = []
    times = _find_times(font_dirs())
    if times is not None:
        candidates.append(("Times New Roman", times))
    candidates.append(("Tinos", {s: font_path(f"Tinos-{s}.ttf") for s in _STYLES}))
    for source, files in candidates:
        prefix = f"{FAMILY}-{'TNR' if source == 'Times New Roman' else 'Tinos'}"
        names = {style: f"{prefix}-{style}" for style in _STYLES}
        try:
            loaded = [TTFont(names[style], str(files[style])) for style in _STYLES]
        except (TTFError, OSError):
            continue
        if not all(_covers_vietnamese(f) for f in loaded):
            continue
        for font in loaded:
            pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(
            prefix,
            normal=names["Regular"],
            bold=names["Bold"],
            italic=names["Italic"],
            boldItalic=names["BoldItalic"],
        )
        return Fonts(names["Regular"], names["Bold"], names["Italic"], names["BoldItalic"], source)
    raise RuntimeError("Không tải được phông chữ Tinos đi kèm chương trình.")


# -- wrapping ---------------------------------------------------------------------------------


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` points. Line breaks typed by the
    clerk are kept; a word wider than the column (a long web address) is cut where needed."""
    space = pdfmetrics.stringWidth(" ", font, size)
    out: list[str] = []
    for paragraph in text.split("\n"):
        line: str | None = None
        line_width = 0.0
        for word in paragraph.split(" "):
            word_width = pdfmetrics.stringWidth(word, font, size)
            if line is None:
                if word_width <= width:
                    line, line_width = word, word_width
                    continue
            elif line_width + space + word_width <= width:
                line, line_width = f"{line} {word}", line_width + space + word_width
                continue
            else:
                out.append(line)
            if word_width <= width:
                line, line_width = word, word_width
            else:
                pieces = _cut_word(word, font, size, width)
                out.extend(pieces[:-1])
                line = pieces[-1]
                line_width = pdfmetrics.stringWidth(line, font, size)
        out.append(line if line is not None else "")
    return out


# Words a two-line heading would rather start its second line with, as the forms do:
# "THỐNG KÊ SỐ LIỆU / VỀ KẾT QUẢ THỰC HIỆN …", "QUÝ III NĂM 2022 / CỦA SỞ …".
_GOOD_LINE_STARTS = frozenset({"về", "của", "tại", "trong", "theo", "đối", "(kèm", "thuộc"})


def balanced_wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Like :func:`wrap_text`, but as centred headings are set: lines of even length, and
    two lines broken before "về", "của", … where that keeps them even enough ("SỞ THÔNG TIN
    VÀ / TRUYỀN THÔNG", not "SỞ THÔNG TIN VÀ TRUYỀN / THÔNG")."""
    lines = wrap_text(text, font, size, width)
    if len(lines) < 2 or "\n" in text:
        return lines
    if len(lines) == 2:
        words = text.split(" ")
        plain: list[tuple[float, list[str]]] = []
        good: list[tuple[float, list[str]]] = []
        for i in range(1, len(words)):
            first, second = " ".join(words[:i]), " ".join(words[i:])
            w1 = pdfmetrics.stringWidth(first, font, size)
            w2 = pdfmetrics.stringWidth(second, font, size)
            if w1 > width or w2 > width:
                continue
            plain.append((abs(w1 - w2), [first, second]))
            if (words[i].casefold() in _GOOD_LINE_STARTS or words[i - 1] in ("-", "–")) and min(
                w1, w2
            ) >= 0.25 * max(w1, w2):
                good.append((abs(w1 - w2), [first, second]))
        if good or plain:
            return min(good or plain, key=lambda c: c[0])[1]
    low, high = width / len(lines), width
    for _ in range(12):
        middle = (low + high) / 2
        if len(wrap_text(text, font, size, middle)) == len(lines):
            high = middle
        else:
            low = middle
    return wrap_text(text, font, size, high)


def _cut_word(word: str, font: str, size: float, width: float) -> list[str]:
    pieces: list[str] = []
    current = ""
    for ch in word:
        if current and pdfmetrics.stringWidth(current + ch, font, size) > width:
            pieces.append(current)
            current = ch
        else:
            current += ch
    pieces.append(current)
    return pieces


# -- flowables --------------------------------------------------------------------------------


class TextLines(Flowable):  # type: ignore[misc]
    """A block of literal text, wrapped to the available width and aligned."""

    def __init__(
        self,
        text: str,
        font: str,
        size: float,
        *,
        align: str = "center",
        leading: float | None = None,
        space_after: float = 0.0,
    ) -> None:
        super().__init__()
        self.text = text
        self.font = font
        self.size = size
        self.align = align
        self.leading = leading or size * 1.2
        self.spaceAfter = space_after
        self.lines: list[str] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        wrapper = balanced_wrap if self.align == "center" else wrap_text
        self.lines = wrapper(self.text, self.font, self.size, avail_width)
        self.height = len(self.lines) * self.leading
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
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


@dataclass
class _Block:
    """Lines of one font centred in a column, with an optional rule under them."""

    lines: list[str]
    font: str
    size: float
    leading: float


class Heading(Flowable):  # type: ignore[misc]
    """The two-column heading of page one: the agency at left, the national title at right,
    each centred in its column and underlined by a short rule (Nghị định 30/2020, mục 1-2)."""

    def __init__(self, report: Report, f: Fonts) -> None:
        super().__init__()
        self.report = report
        self.f = f
        self.left: list[_Block] = []
        self.right: list[_Block] = []
        self.left_rule = 0.0
        self.right_rule = 0.0
        self.left_w = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        motto = "Độc lập - Tự do - Hạnh phúc"
        # The national title takes the room it needs on one line; the agency gets the rest.
        nation_w = pdfmetrics.stringWidth(nation, self.f.bold, HEAD_SIZE) + 1 * mm
        right_w = min(max(nation_w, avail_width * 0.5), avail_width * 0.6)
        self.left_w = left_w = avail_width - right_w
        lead = HEAD_SIZE * 1.2
        superior = upper(clean_text(self.report.superior).strip())
        agency = upper(clean_text(self.report.agency).strip())
        self.left = []
        if superior:
            self.left.append(
                _Block(balanced_wrap(superior, self.f.regular, HEAD_SIZE, left_w), self.f.regular,
                       HEAD_SIZE, lead)
            )  # fmt: skip
        agency_lines = balanced_wrap(agency, self.f.bold, HEAD_SIZE, left_w)
        self.left.append(_Block(agency_lines, self.f.bold, HEAD_SIZE, lead))
        widest = max(pdfmetrics.stringWidth(s, self.f.bold, HEAD_SIZE) for s in agency_lines)
        self.left_rule = max(min(widest * 0.45, left_w * 0.6), 20 * mm)
        motto_size = HEAD_SIZE + 1
        self.right = [
            _Block(wrap_text(nation, self.f.bold, HEAD_SIZE, right_w), self.f.bold, HEAD_SIZE,
                   lead),
            _Block([motto], self.f.bold, motto_size, motto_size * 1.2),
        ]  # fmt: skip
        self.right_rule = pdfmetrics.stringWidth(motto, self.f.bold, motto_size)
        self.height = max(self._height(self.left), self._height(self.right)) + 4
        return self.width, self.height

    @staticmethod
    def _height(blocks: list[_Block]) -> float:
        return sum(len(b.lines) * b.leading for b in blocks)

    def draw(self) -> None:
        left_w = self.left_w
        self._draw_column(self.left, 0, left_w, self.left_rule)
        self._draw_column(self.right, left_w, self.width - left_w, self.right_rule)

    def _draw_column(self, blocks: list[_Block], x: float, width: float, rule: float) -> None:
        c = self.canv
        y = self.height
        centre = x + width / 2
        for block in blocks:
            c.setFont(block.font, block.size)
            for line in block.lines:
                y -= block.leading
                c.drawCentredString(centre, y + 0.25 * block.size, line)
        c.setLineWidth(LINE_WIDTH)
        c.line(centre - rule / 2, y - 3, centre + rule / 2, y - 3)


class SignatureBlock(Flowable):  # type: ignore[misc]
    """Place and date (italic), the signer's title (bold upper case), room for the signature
    and seal, and the signer's name (bold), centred in the right part of the page."""

    SHARE = 0.55
    ROOM = 24 * mm

    def __init__(self, report: Report, f: Fonts) -> None:
        super().__init__()
        self.report = report
        self.f = f
        self.parts: list[tuple[list[str], str, float]] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        block_w = avail_width * self.SHARE
        size = TITLE_SIZE
        date_lines = wrap_text(place_date_line(self.report), self.f.italic, size, block_w)
        titles: list[str] = []
        for line in signer_title_lines(self.report):
            titles += wrap_text(line, self.f.bold, size, block_w)
        name = clean_text(self.report.signer).strip() if self.report.signer else ""
        self.parts = [
            (date_lines, self.f.italic, 0.0),
            (titles, self.f.bold, 0.0),
            (wrap_text(name, self.f.bold, size, block_w) if name else [""], self.f.bold,
             self.ROOM),
        ]  # fmt: skip
        lines = sum(len(p[0]) for p in self.parts)
        self.height = lines * size * 1.25 + self.ROOM
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
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


# -- the table --------------------------------------------------------------------------------


@dataclass
class _TableParts:
    data: list[list[Any]]
    style: list[tuple[Any, ...]]


def _group_level(row: AppendixRow, section_stt: str) -> int:
    numbers = re.findall(r"\d+", row.stt)
    if not numbers:
        return 2
    offset = 1 if re.search(r"\d", section_stt) else 0
    return max(1, len(numbers) - offset)


def _build_table(
    rows: list[AppendixRow], last_column: str, widths: Sequence[float], f: Fonts
) -> _TableParts:
    inner = [w - 2 * PAD_X - 0.5 for w in widths]  # the half point guards rounding

    def lines(text: str, font: str, col: int) -> list[str]:
        return wrap_text(text, font, TABLE_SIZE, inner[col]) if text else []

    def cell(parts: list[str]) -> str:
        return "\n".join(parts)

    head = [
        cell(lines("STT", f.bold, 0)),
        cell(lines("Chỉ tiêu thống kê", f.bold, 1)),
        cell(wrap_text("Kết quả thống kê", f.bold, TABLE_SIZE, inner[2] + inner[3] + 2 * PAD_X)),
        "",
        cell(lines(clean_text(last_column), f.bold, 4)),
    ]
    head2 = ["", "", cell(lines("Đơn vị tính", f.bold, 2)), cell(lines("Số liệu", f.bold, 3)), ""]
    data: list[list[Any]] = [head, head2]
    style: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), f.regular),
        ("FONTSIZE", (0, 0), (-1, -1), TABLE_SIZE),
        ("LEADING", (0, 0), (-1, -1), TABLE_LEADING),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_X),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_TOP),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_BOTTOM),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("ALIGN", (1, 0), (1, -1), "LEFT"),
        ("ALIGN", (2, 0), (3, -1), "CENTER"),
        ("ALIGN", (4, 0), (4, -1), "LEFT"),
        ("FONTNAME", (0, 0), (-1, 1), f.bold),
        ("ALIGN", (0, 0), (-1, 1), "CENTER"),
        ("SPAN", (0, 0), (0, 1)),
        ("SPAN", (1, 0), (1, 1)),
        ("SPAN", (2, 0), (3, 0)),
        ("SPAN", (4, 0), (4, 1)),
        ("GRID", (0, 0), (-1, 1), LINE_WIDTH, colors.black),
    ]
    section_stt = ""
    for row in rows:
        if row.kind == "section":
            section_stt = row.stt
            name_font = f.bold
        elif row.kind == "group":
            name_font = f.bold if _group_level(row, section_stt) == 1 else f.bold_italic
        else:
            name_font = f.regular
        columns = [
            lines(clean_text(row.stt), name_font, 0),
            lines(row.name, name_font, 1),
            lines(row.unit, f.regular, 2),
            lines(row.value, f.regular, 3),
            lines(row.note, f.regular, 4),
        ]
        tallest = max(len(c) for c in columns)
        chunks = 1 if tallest <= SINGLE_ROW_LINES else math.ceil(tallest / CHUNK_LINES)
        size = tallest if chunks == 1 else CHUNK_LINES
        first = len(data)
        for k in range(chunks):
            data.append([cell(c[k * size : (k + 1) * size]) for c in columns])
        last = len(data) - 1
        style.append(("LINEABOVE", (0, first), (-1, first), LINE_WIDTH, colors.black))
        if name_font != f.regular:
            style.append(("FONTNAME", (0, first), (1, last), name_font))
        if row.is_text_value:
            style.append(("ALIGN", (3, first), (3, last), "LEFT"))
        if chunks > 1:  # continuation rows join up without a seam
            style += [
                ("VALIGN", (0, first), (-1, last), "TOP"),
                ("BOTTOMPADDING", (0, first), (-1, last - 1), 0),
                ("TOPPADDING", (0, first + 1), (-1, last), 0),
            ]
        if row.is_heading:  # never leave a heading alone at the foot of a page
            style.append(("NOSPLIT", (0, last), (-1, last + 1)))
    last_body = len(data) - 1
    style += [
        ("BOX", (0, 0), (-1, last_body), LINE_WIDTH, colors.black),
        ("LINEBEFORE", (1, 2), (-1, last_body), LINE_WIDTH, colors.black),
    ]
    return _TableParts(data, style)


# -- the document -----------------------------------------------------------------------------


def _numbered_canvas(report: Report, f: Fonts, margins: tuple[float, ...]) -> type:
    """A canvas that holds its pages until the end, so every footer can say "Trang 2/5"."""
    _top, bottom, left, right = margins
    footer_left = footer_signed_line(report) if report.signed else "Bản nháp, chưa ký duyệt"

    class NumberedCanvas(rl_canvas.Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            width, _ = self._pagesize
            y = bottom / 2
            label = f"Trang {number}/{total}"
            self.setFillColor(colors.black)
            self.setFont(f.regular, FOOTER_SIZE)
            self.drawRightString(width - right, y, label)
            room = width - left - right - pdfmetrics.stringWidth(label, f.regular, FOOTER_SIZE)
            size = FOOTER_SIZE
            while size > 6 and pdfmetrics.stringWidth(footer_left, f.italic, size) > room - 12:
                size -= 0.5
            self.setFont(f.italic, size)
            self.drawString(left, y, footer_left)

    return NumberedCanvas


def _watermark(report: Report, f: Fonts) -> Any:
    def draw(canvas: rl_canvas.Canvas, doc: BaseDocTemplate) -> None:
        if report.signed:
            return
        width, height = doc.pagesize
        canvas.saveState()
        canvas.setFillColor(colors.Color(0.85, 0.85, 0.85))
        size = min(width, height) * 0.2
        canvas.setFont(f.bold, size)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(math.degrees(math.atan2(height, width)))
        canvas.drawCentredString(0, -size * 0.35, WATERMARK)
        canvas.restoreState()

    return draw


def render_pdf(report: Report, *, landscape: bool = False) -> bytes:
    """The appendix of ``report`` as PDF bytes. Callers check the fingerprint first
    (:func:`build_pdf` does)."""
    f = fonts()
    pagesize = to_landscape(A4) if landscape else A4
    margins = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
    top, bottom, left, right = margins
    widths = [w * mm for w in (LANDSCAPE_COLUMNS if landscape else PORTRAIT_COLUMNS)]
    frame_width = pagesize[0] - left - right
    widths[1] += frame_width - sum(widths)  # absorb rounding so the table fills the frame

    buffer = io.BytesIO()
    title = f"Phụ lục CCHC - {clean_text(report.agency)} - {report.period.label}"
    doc = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=left,
        rightMargin=right,
        topMargin=top,
        bottomMargin=bottom,
        title=title,
        author=clean_text(report.agency),
        subject=clean_text(report.catalogue.document_title),
        creator="CCHC Desktop",
        keywords=f"{report.catalogue.id}; {report.period.code}; "
        + (f"SHA-256 {report.fingerprint}" if report.signed else "bản nháp"),
    )
    frame = Frame(left, bottom, frame_width, pagesize[1] - top - bottom, 0, 0, 0, 0, id="body")
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=_watermark(report, f))])

    parts = _build_table(appendix_rows(report), report.catalogue.last_column, widths, f)
    sig_row = len(parts.data)
    parts.data.append([SignatureBlock(report, f), "", "", "", ""])
    parts.style += [
        ("SPAN", (0, sig_row), (-1, sig_row)),
        ("TOPPADDING", (0, sig_row), (-1, sig_row), 7 * mm),
        ("LEFTPADDING", (0, sig_row), (-1, sig_row), 0),
        ("RIGHTPADDING", (0, sig_row), (-1, sig_row), 0),
        # The signature goes with the last row of the table, never alone on a page.
        ("NOSPLIT", (0, sig_row - 1), (-1, sig_row)),
    ]
    table = Table(parts.data, colWidths=widths, repeatRows=2, style=parts.style)

    attachment = f"({clean_text(report.attachment_line())})"
    story: list[Flowable] = [
        Heading(report, f),
        Spacer(1, 9 * mm),
        TextLines("PHỤ LỤC", f.bold, TITLE_SIZE, space_after=2),
        TextLines(upper(clean_text(report.catalogue.document_title)), f.bold, TITLE_SIZE),
        TextLines(period_line(report), f.bold, TITLE_SIZE, space_after=2),
        TextLines(attachment, f.italic, TITLE_SIZE),
        Spacer(1, 6 * mm),
        table,
    ]
    doc.build(story, canvasmaker=_numbered_canvas(report, f, margins))
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
