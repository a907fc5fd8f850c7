"""The PDF's pages, which the exporter lays out itself (no reportlab.platypus): rows broken
into pages, the header repeated, long notes continued, page numbers, the signature kept with
the last row; and an export process that never imports platypus."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pypdf
import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics

from cchc_desktop.exports import DOTS, AppendixRow, place_date_line
from cchc_desktop.exports.pdf import (
    HEAD_SIZE,
    LANDSCAPE_MARGINS,
    PAGE_NUMBER_SIZE,
    PORTRAIT_MARGINS,
    WATERMARK,
    build_pdf,
    fonts,
)
from cchc_desktop.exports.pdf_table import (
    CHUNK_LINES,
    PAD_BOTTOM,
    PAD_TOP,
    TABLE_LEADING,
    Table,
    build_table,
    draw_part,
    paginate,
)
from cchc_desktop.store import Store
from tests.conftest import make_seed_report

LARGEST = "003_d8652e5c4f02bc4c"
SMALL = "000_b2fffb81b5e4de4a"
HEADER = "STTChỉtiêuthốngkêKếtquảthốngkê"
HEADER_END = "GhichúĐơnvịtínhSốliệu"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def pages_text(data: bytes, last: int | None = None) -> list[str]:
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    chosen = list(pages) if last is None else list(pages)[-last:]
    return [page.extract_text() or "" for page in chosen]


def value_codes(store: Store, report_id: int) -> list[str]:
    return [i.code for i in store.report(report_id).catalogue.items() if i.kind == "value"]


# -- the export process -------------------------------------------------------------------


def test_export_process_never_imports_platypus(store: Store, db_path: Path, tmp_path: Path) -> None:
    """``cchc export --pdf`` in a fresh process: its import trace holds the canvas and no
    module of platypus (whose paragraph module alone costs some 40 ms at every export)."""
    report_id = make_seed_report(store, LARGEST)
    out = tmp_path / "a.pdf"
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "cchc_desktop", "export", "--db",
         str(db_path), str(report_id), "--pdf", str(out)],
        capture_output=True, text=True, check=False, cwd=Path(__file__).parents[2],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert out.read_bytes().startswith(b"%PDF-")
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "reportlab.pdfgen.canvas" in imported  # the trace covers the export itself
    assert "cchc_desktop.exports.pdf" in imported
    layout = sorted(
        m for m in imported if m.startswith(("reportlab.platypus", "reportlab.lib.styles"))
    )
    assert layout == []


# -- through the PDF ----------------------------------------------------------------------


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_long_note_prints_every_line_once_in_order(store: Store, landscape: bool) -> None:
    report_id = make_seed_report(store, SMALL)
    lines_code, words_code = value_codes(store, report_id)[3:5]
    store.set_note(report_id, lines_code, "\n".join(f"Dòng số {i:04d}" for i in range(700)))
    store.set_note(report_id, words_code, " ".join(f"từ{i:04d}" for i in range(1500)))
    pages = pages_text(build_pdf(store, report_id, landscape=landscape))
    numbered = [int(n) for page in pages for n in re.findall(r"Dòng số (\d{4})", page)]
    assert numbered == list(range(700))
    words = [int(n) for page in pages for n in re.findall(r"từ(\d{4})", squash(page))]
    assert words == list(range(1500))
    assert sum(1 for page in pages if "Dòng số" in page) >= 3


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_every_page_has_the_header_once_on_top(store: Store, landscape: bool) -> None:
    report_id = make_seed_report(store, LARGEST)
    store.set_note(report_id, value_codes(store, report_id)[2], "ghi chú " * 900)
    pages = pages_text(build_pdf(store, report_id, landscape=landscape))
    assert len(pages) >= 10
    for number, page in enumerate(pages, start=1):
        text = squash(page).replace(squash(WATERMARK), "")
        assert text.count(HEADER) == 1, number
        assert text.count(HEADER_END) == 1, number
        if number > 1:  # the table's header comes first on every following page
            assert text.startswith(HEADER + HEADER_END), number
        assert not re.search(r"Trang\d+/\d+", text)  # the number stands alone, on top


def placed_texts(page: Any) -> list[tuple[str, float, float]]:
    """Each piece of text on a PDF page with the x and y where it starts."""
    pieces: list[tuple[str, float, float]] = []

    def visit(text: str, cm: Any, tm: Any, _font: Any, _size: Any) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            pieces.append((text.strip(), x, tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return pieces


def texts_above(data: bytes, margin: float) -> list[list[tuple[str, float]]]:
    """For each page, the text drawn higher than ``margin`` below its top edge, with the x
    where each piece starts."""
    found = []
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        top = float(page.mediabox.height) - margin
        found.append([(text, x) for text, x, y in placed_texts(page) if y > top])
    return found


@pytest.mark.parametrize("landscape", [False, True], ids=["portrait", "landscape"])
def test_page_number_alone_centred_in_the_top_margin_from_page_two(
    store: Store, landscape: bool
) -> None:
    """Nghị định 30/2020: the number alone, centred in the top margin; none on page one."""
    report_id = make_seed_report(store, LARGEST)
    data = build_pdf(store, report_id, landscape=landscape)
    top, _bottom, left, right = LANDSCAPE_MARGINS if landscape else PORTRAIT_MARGINS
    width = float(pypdf.PdfReader(io.BytesIO(data)).pages[0].mediabox.width)
    pages = texts_above(data, top)
    assert len(pages) >= 2
    assert pages[0] == []
    for number, pieces in enumerate(pages[1:], start=2):
        assert [text for text, _x in pieces] == [str(number)], number
        font_size = PAGE_NUMBER_SIZE
        text_width = pdfmetrics.stringWidth(str(number), fonts().regular, font_size)
        centre = pieces[0][1] + text_width / 2
        assert centre == pytest.approx(left + (width - left - right) / 2, abs=0.5), number


def test_signature_stays_whole_with_the_last_row(store: Store) -> None:
    """However long the last row, the place and date, the title and the name share the last
    page with the end of that row: the signature moves to a new page with it, never alone."""
    report_id = make_seed_report(store, LARGEST)
    store.update_details(report_id, place="Sóc Trăng")
    report = store.report(report_id)
    last_code = list(report.catalogue.items())[-1].code
    signature = (squash(place_date_line(report)), squash(DOTS * 4))  # a draft's blank title
    counts = []
    for words in range(0, 330, 15):
        note = " ".join(f"cuoi{i:03d}" for i in range(words)) + " zzhet"
        store.set_note(report_id, last_code, note)
        data = build_pdf(store, report_id)
        before, last = (squash(p) for p in pages_text(data, last=2))
        for part in signature:
            assert part in last and part not in before, words
        assert "zzhet" in last, words  # the row's end, then the block
        assert last.index("zzhet") < last.index(signature[0]), words
        assert last.count(HEADER) == 1
        counts.append(len(pypdf.PdfReader(io.BytesIO(data)).pages))
    assert len(set(counts)) >= 2  # the signature did move on to a new page on the way


# -- the layout itself --------------------------------------------------------------------


def test_paginate_fills_pages_and_breaks_only_where_allowed() -> None:
    header = (20.0, 20.0)
    heights = [10.0] * 30
    keep = [i % 5 == 1 for i in range(30)]  # no break after rows 1, 6, 11, 16, …
    pages = paginate(heights, keep, header, 100.0, 150.0)
    assert [p.start for p in pages] == sorted(p.start for p in pages)
    assert [i for p in pages for i in p] == list(range(30))
    for page in pages[:-1]:
        assert not keep[page.stop - 1]
    room = [100.0] + [150.0] * (len(pages) - 1)
    for page, avail in zip(pages, room, strict=True):
        assert sum(header) + sum(heights[i] for i in page) <= avail
    # the first page has room for 6 rows (40 + 60 = 100), the second for 11 (6 to 16) but
    # may not end after row 16
    assert pages[0] == range(0, 6)
    assert pages[1] == range(6, 16)


def test_paginate_whole_table_one_page_and_a_table_that_starts_on_page_two() -> None:
    assert paginate([10.0] * 5, [False] * 5, (5.0, 5.0), 60.0, 60.0) == [range(0, 5)]
    # not even the header and a row fit under the first page's heading
    assert paginate([30.0, 30.0], [False, False], (5.0, 5.0), 20.0, 100.0) == [
        range(0, 0),
        range(0, 2),
    ]


def test_paginate_rows_kept_together_taller_than_a_page_still_print() -> None:
    pages = paginate([40.0, 40.0, 40.0, 10.0], [True, True, False, False], (5.0, 5.0), 50.0, 60.0)
    assert pages == [range(0, 0), range(0, 3), range(3, 4)]


class Recorder:
    """A canvas that records the text and lines drawn on it, in page coordinates."""

    def __init__(self) -> None:
        self.texts: list[tuple[float, float, str]] = []
        self.lines: list[tuple[float, float, float, float]] = []
        self.origins = [(0.0, 0.0)]

    def saveState(self) -> None:
        self.origins.append(self.origins[-1])

    def restoreState(self) -> None:
        self.origins.pop()

    def translate(self, dx: float, dy: float) -> None:
        x, y = self.origins[-1]
        self.origins[-1] = (x + dx, y + dy)

    def drawString(self, x: float, y: float, text: str) -> None:
        ox, oy = self.origins[-1]
        self.texts.append((x + ox, y + oy, text))

    drawCentredString = drawString

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        ox, oy = self.origins[-1]
        self.lines.append((x1 + ox, y1 + oy, x2 + ox, y2 + oy))

    def __getattr__(self, name: str) -> Any:
        return lambda *args: None  # colours, fonts, line caps


def small_table() -> Table:
    note = "\n".join(f"dòng {i:02d}" for i in range(40))  # seven chunks of six lines
    rows = [
        AppendixRow("section", "I", "I", "Phần một", "", "", ""),
        AppendixRow("value", "1", "1", "Chỉ tiêu có ghi chú dài", "Lần", "3", note),
        AppendixRow("value", "2", "2", "Chỉ tiêu sau", "Lần", "4", ""),
    ]
    widths = [30.0, 160.0, 70.0, 50.0, 150.0]
    return build_table(rows, "Ghi chú", widths, fonts())


def test_long_cell_runs_on_without_a_rule_between_its_rows() -> None:
    table = small_table()
    heights = [row.height for row in table.rows]
    chunk = CHUNK_LINES * TABLE_LEADING
    assert len(table.rows) == 1 + 7 + 1
    assert heights[1] == pytest.approx(chunk + PAD_TOP)  # first chunk: no padding below
    assert heights[2] == pytest.approx(chunk)  # middle chunks: none at all
    assert heights[7] == pytest.approx(4 * TABLE_LEADING + PAD_BOTTOM)
    room = sum(table.header.heights) + heights[0] + heights[1] + heights[2] + 10
    pages = paginate(heights, [row.keep_with_next for row in table.rows], table.header.heights,
                     room, room)  # fmt: skip
    assert pages[0] == range(0, 3)  # the page ends between two chunks of the note
    drawn = []
    for part in pages:
        canvas = Recorder()
        bottom = draw_part(canvas, table, part, 50.0, 700.0)
        texts = [t for _x, _y, t in canvas.texts]
        assert texts[:6] == ["STT", "Chỉ tiêu thống kê", "Kết quả thống kê", "Ghi chú",
                             "Đơn vị tính", "Số liệu"]  # fmt: skip
        drawn += [t for t in texts if t.startswith("dòng")]
        full_width = [ln for ln in canvas.lines if ln[1] == ln[3] and ln[2] - ln[0] > 400]
        closed = any(abs(ln[1] - bottom) < 1e-6 for ln in full_width)
        ends_in_note = part.stop < 8
        assert closed != ends_in_note, part  # open below a continuation, closed otherwise
        # the box's sides still reach the page's last row
        assert any(ln[0] == ln[2] and min(ln[1], ln[3]) == pytest.approx(bottom)
                   for ln in canvas.lines)  # fmt: skip
    assert drawn == [f"dòng {i:02d}" for i in range(40)]
    # one rule above the note's first row, none above its continuations
    canvas = Recorder()
    draw_part(canvas, table, range(0, len(table.rows)), 50.0, 2000.0)
    rules = sorted({ln[1] for ln in canvas.lines if ln[1] == ln[3] and ln[2] - ln[0] > 400})
    # the header's top, its bottom (the section's rule), the two items' and the table's end
    assert len(rules) == 5


def test_agency_name_keeps_clear_of_the_national_title(store: Store) -> None:
    """A name that would just fit its column ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG") breaks in two
    rather than running into "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" one space away."""
    report_id = make_seed_report(store, LARGEST)
    page = pypdf.PdfReader(io.BytesIO(build_pdf(store, report_id))).pages[0]
    pieces = placed_texts(page)
    nation_x = next(x for text, x, _y in pieces if text.startswith("CỘNG HÒA"))
    name = "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"
    lines = [(text, x) for text, x, _y in pieces if text in name and len(text) > 3]
    assert " ".join(text for text, _x in lines) == name
    assert len(lines) == 2
    bold = fonts().bold
    for text, x in lines:
        assert x + pdfmetrics.stringWidth(text, bold, HEAD_SIZE) < nation_x - 8 * mm, text
