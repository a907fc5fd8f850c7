"""The appendix table, laid out by hand: cells wrapped, rows measured, the rows broken into
pages under the two header rows repeated on each, and drawn with their rules on a canvas.

It sets the table exactly as reportlab's platypus ``Table`` did with the style this program
gave it (paddings, spanned header cells, ``NOSPLIT`` ranges, ``repeatRows=2``), so the page
looks the same, without importing platypus: its paragraph module alone costs an export
process some 40 ms of regular expressions compiled at import.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any, Protocol

from cchc_desktop.exports import AppendixRow, clean_text
from cchc_desktop.exports.pdf_text import Fonts, wrap_text

TABLE_SIZE = 11.0
TABLE_LEADING = 13.2
PAD_X = 3.0
PAD_TOP = 2.5
PAD_BOTTOM = 3.5
CHUNK_LINES = 6  # a long cell continues in rows of this many lines, so pages fill up
SINGLE_ROW_LINES = 10  # up to this many lines a cell stays one row
LINE_WIDTH = 0.6
# reportlab's layout tolerance: a table this much taller than the room left still fits.
FUZZ = 1e-6


class Block(Protocol):
    """Something drawn below the table's last row and kept on its page (the signature)."""

    height: float

    def draw(self, canvas: Any) -> None:
        """Draw with the bottom left corner at the canvas's origin."""


# Plain slotted classes, not dataclasses: a dataclass costs an export process about half a
# millisecond at import, to generate and compile its methods.


class Cell:
    """The lines of one cell, in one font, left-aligned or centred in the cell."""

    __slots__ = ("centred", "font", "lines")

    def __init__(self, lines: tuple[str, ...], font: str, centred: bool) -> None:
        self.lines = lines
        self.font = font
        self.centred = centred


class Row:
    """One printed row. An item taller than ``SINGLE_ROW_LINES`` lines is set as several
    rows of ``CHUNK_LINES`` lines ("chunks"), from the top, without padding or rule between
    them, so a page break between two chunks reads as one cell running on."""

    __slots__ = (
        "block",
        "cells",
        "height",
        "keep_with_next",
        "pad_bottom",
        "pad_top",
        "rule_above",
        "top_aligned",
    )

    def __init__(
        self,
        cells: tuple[Cell, ...],
        pads: tuple[float, float],
        *,
        top_aligned: bool = False,
        rule_above: bool = False,
        keep_with_next: bool = False,
        block: Block | None = None,
    ) -> None:
        self.cells = cells  # five; none for the block row
        self.pad_top, self.pad_bottom = pads
        self.top_aligned = top_aligned  # chunks are set from the top, a single row centred
        self.rule_above = rule_above  # an item's first row has a rule above it
        self.keep_with_next = keep_with_next  # no page break after this row
        self.block = block
        if block is not None:
            # The block's cells are spanned over; each still holds one empty line.
            self.height = max(block.height, TABLE_LEADING) + (self.pad_bottom + self.pad_top)
        else:
            self.height = max(_cell_height(c, self.pad_top, self.pad_bottom) for c in cells)


class Header:
    """The two header rows: STT, name and the last column span both; "Kết quả thống kê"
    spans the unit and value columns above "Đơn vị tính" and "Số liệu"."""

    __slots__ = ("heights", "last", "name", "result", "stt", "unit", "value")

    def __init__(
        self, stt: Cell, name: Cell, result: Cell, last: Cell, unit: Cell, value: Cell
    ) -> None:
        self.stt, self.name, self.result, self.last = stt, name, result, last
        self.unit, self.value = unit, value
        # Each row measured by its own cells, then the cells spanning both rows share any
        # height they still need equally between the two, as reportlab measured them.
        first = _cell_height(result)
        second = max(_cell_height(unit), _cell_height(value))
        spanning = max(_cell_height(c) for c in (stt, name, last))
        have = first + second
        if have < spanning - FUZZ:
            extra = (spanning - have) / 2
            first, second = first + extra, second + extra
        self.heights = (first, second)


class Table:
    """The table measured for a set of column widths (points)."""

    __slots__ = ("header", "rows", "widths")

    def __init__(self, widths: tuple[float, ...], header: Header, rows: list[Row]) -> None:
        self.widths = widths
        self.header = header
        self.rows = rows


def _cell_height(
    cell: Cell | None, pad_top: float = PAD_TOP, pad_bottom: float = PAD_BOTTOM
) -> float:
    # An empty cell still holds one (empty) line, as reportlab measured it.
    lines = len(cell.lines) if cell is not None and cell.lines else 1
    return TABLE_LEADING * lines + (pad_bottom + pad_top)


def _group_level(row: AppendixRow, section_stt: str) -> int:
    numbers = re.findall(r"\d+", row.stt)
    if not numbers:
        return 2
    offset = 1 if re.search(r"\d", section_stt) else 0
    return max(1, len(numbers) - offset)


def build_table(
    rows: Sequence[AppendixRow],
    last_column: str,
    widths: Sequence[float],
    f: Fonts,
    block: Block | None = None,
    block_space: float = 0.0,
) -> Table:
    """Wrap and measure every row; ``block`` (the signature) follows the last row, after
    ``block_space``, and never goes to a page without it."""
    inner = [w - 2 * PAD_X - 0.5 for w in widths]  # the half point guards rounding

    def lines(text: str, font: str, col: int) -> tuple[str, ...]:
        return tuple(wrap_text(text, font, TABLE_SIZE, inner[col])) if text else ()

    def centred(text: str, col: int) -> Cell:
        return Cell(lines(text, f.bold, col), f.bold, True)

    result_width = inner[2] + inner[3] + 2 * PAD_X
    header = Header(
        centred("STT", 0),
        centred("Chỉ tiêu thống kê", 1),
        Cell(tuple(wrap_text("Kết quả thống kê", f.bold, TABLE_SIZE, result_width)), f.bold, True),
        centred(clean_text(last_column), 4),
        centred("Đơn vị tính", 2),
        centred("Số liệu", 3),
    )
    out: list[Row] = []
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
        fonts = (name_font, name_font, f.regular, f.regular, f.regular)
        aligns = (True, False, True, not row.is_text_value, False)
        tallest = max(len(c) for c in columns)
        chunks = 1 if tallest <= SINGLE_ROW_LINES else math.ceil(tallest / CHUNK_LINES)
        size = tallest if chunks == 1 else CHUNK_LINES
        for k in range(chunks):
            cells = tuple(
                Cell(column[k * size : (k + 1) * size], font, align)
                for column, font, align in zip(columns, fonts, aligns, strict=True)
            )
            last = k == chunks - 1
            # Chunks join up without a seam: no padding where one meets the next.
            pads = (PAD_TOP if k == 0 else 0.0, PAD_BOTTOM if last else 0.0)
            out.append(
                Row(
                    cells,
                    pads,
                    top_aligned=chunks > 1,
                    rule_above=k == 0,
                    keep_with_next=row.is_heading and last,  # a heading never ends a page
                )
            )
    if block is not None:
        if out:  # the block goes with the last row of the table, never alone on a page
            out[-1].keep_with_next = True
        out.append(Row((), (block_space, PAD_BOTTOM), block=block))
    return Table(tuple(widths), header, out)


# -- pages ------------------------------------------------------------------------------------


def paginate(
    heights: Sequence[float],
    keep_with_next: Sequence[bool],
    header: tuple[float, float],
    first_room: float,
    room: float,
) -> list[range]:
    """The rows on each page, as reportlab's table split them: the rest of the table goes on
    the page if it fits (header included); else the page takes as many rows as fit, ending
    where a break is allowed. ``first_room`` is what the first page leaves below its heading
    (when not even one row fits there the table starts on page two: an empty first range);
    ``room`` is a whole page's frame."""
    pages: list[range] = []
    header_height = header[0] + header[1]
    count = len(heights)
    start = 0
    avail = first_room
    fresh = False  # the first page has the document's heading above the table
    while True:
        if header_height + math.fsum(heights[start:]) <= avail + FUZZ:
            pages.append(range(start, count))
            return pages
        end = _last_break(heights, keep_with_next, header, start, avail)
        if end is None:
            if not fresh:
                pages.append(range(start, start))  # the table starts on the next page
                avail, fresh = room, True
                continue
            # Rows kept together that are taller than a page (reportlab gives up here):
            # print them anyway, over the bottom margin, rather than fail the export.
            end = next((i + 1 for i in range(start, count) if not keep_with_next[i]), count)
        if end >= count:  # only by rounding: the rest fits after all
            pages.append(range(start, count))
            return pages
        pages.append(range(start, end))
        start, avail, fresh = end, room, True


def _last_break(
    heights: Sequence[float],
    keep_with_next: Sequence[bool],
    header: tuple[float, float],
    start: int,
    avail: float,
) -> int | None:
    """Where the page ends: after the last row that fits and may end a page (None when not
    even the header and one row fit)."""
    used = 0.0
    for h in header:
        if used + h > avail:
            return None
        used += h
    best: int | None = None
    for i in range(start, len(heights)):
        h = heights[i]
        if used + h > avail:
            break
        used += h
        if not keep_with_next[i]:
            best = i + 1
    return best


# -- drawing ----------------------------------------------------------------------------------


def _positions(heights: Sequence[float]) -> list[float]:
    """Each row's top measured from the table's bottom, summed from the bottom up with
    reportlab's compensated sum, so every coordinate prints as it did."""
    out = []
    height = carry = 0.0
    for h in reversed(heights):
        out.append(height)
        y = h - carry
        t = height + y
        carry = (t - height) - y
        height = t
    out.append(height)
    out.reverse()
    return out


class _Pen:
    """Draws cell text, setting the font only when it changes."""

    def __init__(self, canvas: Any) -> None:
        self.canvas = canvas
        self.font = ""

    def cell(
        self,
        cell: Cell,
        x: float,
        width: float,
        bottom: float,
        height: float,
        pad_top: float,
        pad_bottom: float,
        top_aligned: bool,
    ) -> None:
        canvas = self.canvas
        if cell.font != self.font:
            canvas.setFont(cell.font, TABLE_SIZE, TABLE_LEADING)
            self.font = cell.font
        # An empty cell draws an empty string, as reportlab did: text extractors (pypdf)
        # place the following words by it, so leaving it out changes the text read back.
        lines = cell.lines or ("",)
        if top_aligned:
            y = bottom + height - pad_top - TABLE_SIZE
        else:
            y = bottom + (pad_bottom + height - pad_top + len(lines) * TABLE_LEADING) / 2.0
            y -= TABLE_SIZE
        if cell.centred:
            x = x + width * 0.5
            for line in lines:
                canvas.drawCentredString(x, y, line)
                y -= TABLE_LEADING
        else:
            x = x + PAD_X
            for line in lines:
                canvas.drawString(x, y, line)
                y -= TABLE_LEADING


def draw_part(canvas: Any, table: Table, part: range, x: float, top: float) -> float:
    """Draw the header and the rows ``part`` with their top at ``top``; return the bottom.

    Drawn as reportlab drew a table (cells row by row, then the rules) in the table's own
    coordinates, so the page's content reads back the same."""
    rows = [table.rows[i] for i in part]
    h0, h1 = table.header.heights
    pos = _positions([h0, h1, *(row.height for row in rows)])
    total = pos[0]
    cols = [0.0]
    for w in table.widths:
        cols.append(cols[-1] + w)
    x0, x1, x2, x3, x4, x5 = cols
    canvas.saveState()
    canvas.translate(x, top - total)
    canvas.setFillColorRGB(0, 0, 0)
    pen = _Pen(canvas)
    head = table.header
    y_top, y_mid, y_head = pos[0], pos[1], pos[2]
    for cell, left, right, bottom, upper in (
        (head.stt, x0, x1, y_head, y_top),
        (head.name, x1, x2, y_head, y_top),
        (head.result, x2, x4, y_mid, y_top),
        (head.last, x4, x5, y_head, y_top),
        (head.unit, x2, x3, y_head, y_mid),
        (head.value, x3, x4, y_head, y_mid),
    ):
        pen.cell(cell, left, right - left, bottom, upper - bottom, PAD_TOP, PAD_BOTTOM, False)
    body_end = y_head  # the bottom of the last ruled row on this page
    rules: list[float] = []  # rows' top rules
    for k, row in enumerate(rows, start=2):
        row_top, bottom = pos[k], pos[k + 1]
        if row.block is not None:
            canvas.saveState()
            canvas.translate(x0, bottom + row.pad_bottom)
            row.block.draw(canvas)
            canvas.restoreState()
            continue
        for cell, left, right in zip(row.cells, cols, cols[1:], strict=False):
            pen.cell(cell, left, right - left, bottom, row_top - bottom, row.pad_top,
                     row.pad_bottom, row.top_aligned)  # fmt: skip
        if row.rule_above:
            rules.append(row_top)
        body_end = bottom
    _draw_rules(canvas, table.rows, part, cols, (y_top, y_mid, y_head, body_end), rules)
    canvas.restoreState()
    return top - total


def _draw_rules(
    canvas: Any,
    rows: Sequence[Row],
    part: range,
    cols: Sequence[float],
    ys: tuple[float, float, float, float],
    rules: Sequence[float],
) -> None:
    """The rules, as the table's grid, row rules and box drew them (round caps and joins)."""
    x0, x1, x2, x3, x4, x5 = cols
    y_top, y_mid, y_head, body_end = ys
    canvas.saveState()
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(LINE_WIDTH)
    line = canvas.line
    # The header's grid, with no rule through a spanned cell.
    line(x0, y_top, x5, y_top)
    line(x0, y_head, x5, y_head)
    line(x0, y_head, x0, y_top)
    line(x5, y_head, x5, y_top)
    line(x2, y_mid, x4, y_mid)
    line(x1, y_head, x1, y_top)
    line(x2, y_head, x2, y_top)
    line(x3, y_head, x3, y_mid)
    line(x4, y_head, x4, y_top)
    for y in rules:
        line(x0, y, x5, y)
    # Where the page ends above a new item the table is closed; above a continuation (a long
    # cell running on to the next page) it stays open, so the cell reads as one.
    last = next((i for i in reversed(part) if rows[i].block is None), None)
    following = None if last is None else last + 1
    at_end = following is not None and (following == len(rows) or rows[following].block is not None)
    if following is not None and not at_end and rows[following].rule_above:
        line(x0, body_end, x5, body_end)
    # The outer box: drawn whole on the table's first page, in two pieces (the repeated
    # header, the rest) on the following ones, as reportlab did.
    line(x0, y_top, x5, y_top)
    for x in (x0, x5):
        if part.start == 0:
            line(x, body_end, x, y_top)
        else:
            line(x, y_head, x, y_top)
            if body_end < y_head:
                line(x, body_end, x, y_head)
    if at_end:
        line(x0, body_end, x5, body_end)
    if body_end < y_head:
        for x in (x1, x2, x3, x4):
            line(x, body_end, x, y_head)
    canvas.restoreState()
