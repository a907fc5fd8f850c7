"""Property-based: whatever the clerk typed in notes and text answers, the PDF and Excel exporters
never crash, never write a formula, and give the text back exactly."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

import openpyxl
import pypdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_desktop.exports.pdf import render_pdf
from cchc_desktop.exports.xlsx import render_xlsx
from cchc_desktop.importers.xlsx import import_xlsx
from cchc_desktop.store import Store
from tests.reliability.conftest import READABLE_FAILURES
from tests.reliability.figures import record

# Any text a keyboard, a paste or a file can bring: control characters, right-to-left, emoji,
# decomposed accents, markup and formula starters. Surrogates cannot be stored as UTF-8.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
HOSTILE = st.sampled_from(
    [
        "=1+1",
        "+84 299",
        "-5",
        "@SUM(A1)",
        "<b>R&D</b>",
        "<p>1. Tháng 01</p>",
        "&amp;",
        "Kê\u0301 hoạch",
    ]
)
NOTES = st.one_of(ANY_TEXT, HOSTILE, st.tuples(HOSTILE, ANY_TEXT).map("".join))
# What the bundled Times-metric font can draw, so the PDF's text can be read back and compared.
PRINTABLE = st.text(
    st.sampled_from(
        list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợ")
        + list("úùủũụứừửữựýỳỷỹỵ0123456789 .,;:/-()&<>=+@%\"'")
    ),
    min_size=1,
    max_size=120,
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _report(store: Store, notes: list[str]) -> int:
    report_id = store.create_report("so-ban-nganh-2022", "Sở Nội vụ", "2023-Q1")
    catalogue = store.report(report_id).catalogue
    codes = [i.code for i in catalogue.items() if i.kind != "group"][: len(notes)]
    store.set_many(report_id, [(code, "", note) for code, note in zip(codes, notes, strict=False)])
    text_item = next(i for i in catalogue.items() if i.type == "text" and i.kind == "value")
    store.set_value(report_id, text_item.code, notes[0] if notes[0].strip() else "x")
    return report_id


@READABLE_FAILURES
@FUZZ
@given(notes=st.lists(NOTES, min_size=1, max_size=4))
def test_excel_never_a_formula_and_round_trips_exactly(tmp_path_factory, notes: list[str]) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("xlsx")
    with Store.open(folder / "a.sqlite3") as store:
        report = store.report(_report(store, notes))
        data = render_xlsx(report)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row)
    path = folder / "r.xlsx"
    path.write_bytes(data)
    with Store.open(folder / "b.sqlite3") as other:
        copy = other.report(import_xlsx(other, path))
    assert _meaningful(copy) == _meaningful(report)
    record("export fuzz: Excel files written and read back exactly")


@READABLE_FAILURES
@FUZZ
@given(notes=st.lists(NOTES, min_size=1, max_size=4))
def test_pdf_never_crashes_on_any_text(tmp_path_factory, notes: list[str]) -> None:  # type: ignore[no-untyped-def]
    with Store.open(Path(tmp_path_factory.mktemp("pdf")) / "a.sqlite3") as store:
        data = render_pdf(store.report(_report(store, notes)))
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 5
    record("export fuzz: PDFs written from any text")


def _meaningful(report) -> dict[str, tuple[str | None, str]]:  # type: ignore[no-untyped-def]
    """Entries that hold something: an empty cell with an empty note is no entry at all."""
    return {
        c: (e.value, e.note) for c, e in report.entries.items() if e.value is not None or e.note
    }


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


@READABLE_FAILURES
@FUZZ
@given(note=PRINTABLE)
def test_pdf_prints_text_exactly_as_typed(tmp_path_factory, note: str) -> None:  # type: ignore[no-untyped-def]
    with Store.open(Path(tmp_path_factory.mktemp("pdf")) / "a.sqlite3") as store:
        data = render_pdf(store.report(_report(store, [note])))
    text = "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert _squash(note) in _squash(text)
    record("export fuzz: PDF texts read back exactly")
