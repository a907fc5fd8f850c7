"""The appendix PDF: content and order, marks, literal text, long notes, refusals, files."""

from __future__ import annotations

import io
import os
import re
import shutil
import unicodedata
from datetime import date
from pathlib import Path

import pypdf
import pytest

from cchc_desktop.cli import main
from cchc_desktop.exports import ExportError, ExportRefusedError, vn_date
from cchc_desktop.exports.files import atomic_write, safe_name_part, suggested_filename
from cchc_desktop.exports.pdf import WATERMARK, build_pdf, export_pdf, render_pdf
from cchc_desktop.exports.pdf_text import _find_times, fonts
from cchc_desktop.records import replace
from cchc_desktop.store import Entry, Store, short_fingerprint
from cchc_desktop.values import display_value
from tests.conftest import SEED_NAMES, load_expected, make_seed_report

CLEAN_SEEDS = [
    s
    for s in SEED_NAMES
    if not any(c["severity"] == "error" for c in load_expected(s)["checks_failing"])
]
HEADER = "STTChỉtiêuthốngkêKếtquảthốngkê"


def pages_text(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text))


def body_text(data: bytes) -> str:
    """All pages run together without whitespace, page furniture (watermark, repeated
    header, footer) removed, so text that continues over a page break reads on."""
    out = []
    for number, page in enumerate(pages_text(data), start=1):
        text = squash(page).replace(squash(WATERMARK), "")
        text = text.replace(squash("Bản nháp, chưa ký duyệt"), "")
        text = re.sub(r"Đãkýduyệt:.*?Dấukiểmtra:[0-9A-F-]{19}", "", text)
        if number > 1:  # the page number, drawn after the table
            text = text.removesuffix(str(number))
        text = text.replace(HEADER + "GhichúĐơnvịtínhSốliệu", "")
        text = text.replace(HEADER + "ĐơnvịthựchiệnĐơnvịtínhSốliệu", "")
        out.append(text)
    return "".join(out)


def sign(store: Store, report_id: int, title: str = "GIÁM ĐỐC") -> str:
    store.update_details(report_id, place="Sóc Trăng", superior="UBND tỉnh Sóc Trăng")
    return store.sign_off(report_id, "Nguyễn Hữu Hạnh", title, date(2022, 9, 15))


def tamper(store: Store, report_id: int) -> None:
    """Change a signed report behind the program's back, as a hand-edited database would."""
    store.conn.execute("DROP TRIGGER entries_locked_update")
    store.conn.execute(
        "UPDATE entries SET note = note || ' (sửa)' WHERE report_id = ? AND code = "
        "(SELECT MIN(code) FROM entries WHERE report_id = ?)",
        (report_id, report_id),
    )


def test_every_indicator_name_and_value_prints_in_order(store: Store, seed: str) -> None:
    report_id = make_seed_report(store, seed)
    report = store.report(report_id)
    values = report.evaluate().values
    text = body_text(build_pdf(store, report_id))
    position = 0
    printed_values = 0
    for section in report.catalogue.sections:
        found = text.find(squash(section.title), position)
        assert found >= position, f"section {section.code} missing or out of order"
        position = found
        for item in section.items:
            found = text.find(squash(item.name), position)
            assert found >= position, f"{item.code} {item.name!r} missing or out of order"
            position = found + len(squash(item.name))
            shown = display_value(item, values.get(item.code), printed=True)
            if item.kind != "group" and shown:
                found = text.find(squash(shown), position)
                assert found >= position, f"{item.code} value {shown!r} missing"
                # the value sits in the same row: before the next indicator's name
                assert found - position < 400
                position = found + len(squash(shown))
                printed_values += 1
            note = report.note(item.code)
            if note:
                head = squash(note)[:30]
                found = text.find(head, position)
                assert found >= position, f"{item.code} note missing"
                position = found + len(head)
    assert printed_values == sum(
        1 for i in report.catalogue.items() if i.kind != "group" and values.get(i.code)
    )


def test_heading_title_period_and_attachment(store: Store) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    store.update_details(report_id, superior="UBND tỉnh Sóc Trăng", report_date=date(2022, 9, 15))
    first = squash(pages_text(build_pdf(store, report_id))[0])
    for expected in (
        "UBND TỈNH SÓC TRĂNG",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "PHỤ LỤC",
        "THỐNG KÊ SỐ LIỆU BÁO CÁO CẢI CÁCH HÀNH CHÍNH ĐỊNH KỲ",
        "QUÝ III NĂM 2022 CỦA SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "(Kèm theo Báo cáo số 174/BC-STTTT ngày 15/9/2022 của Sở Thông tin và Truyền thông)",
        "Ghi chú",
    ):
        assert squash(expected) in first, expected


def test_last_column_follows_the_catalogue(store: Store) -> None:
    report_id = make_seed_report(store, "002_780415c3b5341ef8")
    first = squash(pages_text(build_pdf(store, report_id))[0])
    assert "Đơnvịthựchiện" in first
    assert "Ghichú" not in first


def test_draft_mark_on_every_page(store: Store, seed: str) -> None:
    report_id = make_seed_report(store, seed)
    pages = pages_text(build_pdf(store, report_id))
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert squash(WATERMARK) in squash(page), f"page {number} has no draft mark"


@pytest.mark.parametrize("seed_name", CLEAN_SEEDS)
def test_signed_report_has_no_mark_and_shows_fingerprint(store: Store, seed_name: str) -> None:
    report_id = make_seed_report(store, seed_name)
    fingerprint = sign(store, report_id, "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC")
    pages = pages_text(build_pdf(store, report_id))
    short = short_fingerprint(fingerprint)
    for page in pages:
        assert squash(WATERMARK) not in squash(page)
        assert "nháp" not in page.lower()
        assert short in page
        assert "Nguyễn Hữu Hạnh" in page  # the footer names the signer
    last = pages[-1]
    assert "Sóc Trăng, ngày 15 tháng 9 năm 2022" in last
    lines = [line.strip() for line in last.splitlines()]
    title_at = lines.index("KT. GIÁM ĐỐC")
    assert lines[title_at + 1] == "PHÓ GIÁM ĐỐC"
    assert "Nguyễn Hữu Hạnh" in lines[title_at + 2 :]
    # the signature never stands alone: the table's last row is on the same page
    last_item = list(store.report(report_id).catalogue.items())[-1]
    assert squash(last_item.name) in squash(last)


def test_draft_signature_block_has_blanks(store: Store) -> None:
    report_id = make_seed_report(store, "000_b2fffb81b5e4de4a")
    last = pages_text(build_pdf(store, report_id))[-1]
    assert "……, ngày …… tháng …… năm ……" in last


def test_tampered_signed_report_is_refused(store: Store, tmp_path: Path) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    sign(store, report_id)
    tamper(store, report_id)
    with pytest.raises(ExportRefusedError, match="không còn khớp"):
        build_pdf(store, report_id)
    with pytest.raises(ExportRefusedError):
        export_pdf(store, report_id, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


HOSTILE = [
    "R&D và <b>đậm</b> & <i>nghiêng",
    "<p>1. Tháng 01</p><p>2. Tháng 02</p>",
    "=1+2",
    "@SUM(A1)",
    "a &amp; b &lt;br/&gt; </para> <br/> <font name='x'>",
    "Dòng thứ nhất\nDòng thứ hai\n\nDòng thứ tư",
    "100% <= 50% > 0 \\n không phải xuống dòng",
]


def test_notes_print_exactly_as_typed(store: Store) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    report = store.report(report_id)
    codes = [i.code for i in report.catalogue.items() if i.kind == "value"][: len(HOSTILE)]
    for code, note in zip(codes, HOSTILE, strict=True):
        store.set_note(report_id, code, note)
    data = build_pdf(store, report_id)
    text = body_text(data)
    lines = [line.strip() for page in pages_text(data) for line in page.splitlines()]
    for note in HOSTILE:
        assert squash(note) in text, note
    # line breaks stay line breaks
    assert "Dòng thứ nhất" in lines
    assert lines[lines.index("Dòng thứ nhất") + 1] == "Dòng thứ hai"


def test_decomposed_text_prints_composed(store: Store) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    report = store.report(report_id)
    nfd = unicodedata.normalize("NFD", "Nghị định số 30 về công tác văn thư")
    code = next(i.code for i in report.catalogue.items() if i.kind == "value")
    entries = dict(report.entries)
    entries[code] = Entry(entries[code].value if code in entries else None, None, nfd)
    nfd_agency = unicodedata.normalize("NFD", report.agency)
    text = body_text(render_pdf(replace(report, entries=entries, agency=nfd_agency)))
    assert squash("Nghị định số 30 về công tác văn thư") in text
    assert squash("QUÝ III NĂM 2022 CỦA SỞ THÔNG TIN VÀ TRUYỀN THÔNG") in text


@pytest.mark.parametrize(
    ("note", "probe"),
    [
        (" ".join(f"từ{i:04d}" for i in range(1500)), r"từ\d{4}"),  # 10.499 characters
        ("x" * 10_000, r"x{20}"),  # one word wider than any column
        ("\n".join(f"Dòng số {i:04d}" for i in range(800)), r"Dòngsố\d{4}"),  # line breaks
    ],
    ids=["words", "one-word", "lines"],
)
def test_long_note_continues_over_pages(store: Store, note: str, probe: str) -> None:
    report_id = make_seed_report(store, "000_b2fffb81b5e4de4a")
    report = store.report(report_id)
    code = [i.code for i in report.catalogue.items() if i.kind == "value"][3]
    store.set_note(report_id, code, note)
    data = build_pdf(store, report_id)
    assert len(note) >= 10_000
    # the whole note, in order, continuing over several pages under repeated headers
    assert squash(note) in body_text(data)
    holding = [page for page in pages_text(data) if re.search(probe, squash(page))]
    assert len(holding) >= 3
    assert all(HEADER in squash(page) for page in holding)


def test_landscape_option(store: Store) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    portrait = pypdf.PdfReader(io.BytesIO(build_pdf(store, report_id)))
    landscape = pypdf.PdfReader(io.BytesIO(build_pdf(store, report_id, landscape=True)))
    p_box, l_box = portrait.pages[0].mediabox, landscape.pages[0].mediabox
    assert round(float(p_box.width)) == 595 and round(float(p_box.height)) == 842
    assert round(float(l_box.width)) == 842 and round(float(l_box.height)) == 595
    assert squash("Độc lập - Tự do - Hạnh phúc") in squash(landscape.pages[0].extract_text())


def test_fonts_cover_vietnamese_and_embed() -> None:
    f = fonts()
    assert f.source in ("Times New Roman", "Tinos")
    assert len({f.regular, f.bold, f.italic, f.bold_italic}) == 4


def test_times_new_roman_is_found_by_its_usual_file_names(tmp_path: Path) -> None:
    from cchc_desktop.assets import font_path

    folder = tmp_path / "Fonts" / "truetype" / "msttcorefonts"
    folder.mkdir(parents=True)
    for style, name in [
        ("Regular", "Times_New_Roman.ttf"),
        ("Bold", "Times_New_Roman_Bold.ttf"),
        ("Italic", "TIMESI.TTF"),
        ("BoldItalic", "timesbi.ttf"),
    ]:
        shutil.copy(font_path(f"Tinos-{style}.ttf"), folder / name)
    found = _find_times([tmp_path / "missing", tmp_path / "Fonts"])
    assert found is not None
    assert found["Italic"].name == "TIMESI.TTF"
    assert _find_times([tmp_path / "missing"]) is None


def test_vietnamese_dates() -> None:
    assert vn_date(date(2022, 9, 15)) == "ngày 15 tháng 9 năm 2022"
    assert vn_date(date(2023, 2, 5)) == "ngày 05 tháng 02 năm 2023"
    assert vn_date(date(2023, 12, 1)) == "ngày 01 tháng 12 năm 2023"
    assert vn_date(None) == "ngày …… tháng …… năm ……"


# -- file names and atomic writes ---------------------------------------------------------


def test_suggested_file_name_is_ascii_and_says_draft(store: Store) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    draft = suggested_filename(store.report(report_id), "pdf")
    assert draft == "PhuLuc_CCHC_So-Thong-tin-va-Truyen-thong_2022-Q3_BanNhap.pdf"
    sign(store, report_id)
    assert suggested_filename(store.report(report_id), "xlsx") == (
        "PhuLuc_CCHC_So-Thong-tin-va-Truyen-thong_2022-Q3.xlsx"
    )
    assert safe_name_part("Sở Lao động - Thương binh và Xã hội") == (
        "So-Lao-dong-Thuong-binh-va-Xa-hoi"
    )
    assert safe_name_part('ĐẠI/HỌC: "A*B?" <C>|') == "DAI-HOC-A-B-C"
    assert safe_name_part("CON") == "CON-"
    assert safe_name_part("!!!") == "Co-quan"
    assert len(safe_name_part("Ủy ban nhân dân " * 20)) <= 60


def test_export_writes_atomically_and_leaves_no_temp_file(store: Store, tmp_path: Path) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    folder = tmp_path / "out"
    folder.mkdir()
    written = export_pdf(store, report_id, folder)  # a folder: the suggested name
    assert written.parent == folder
    assert os.listdir(folder) == [written.name]
    assert written.read_bytes().startswith(b"%PDF-")
    assert written.read_bytes().rstrip().endswith(b"%%EOF")


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_failed_write_keeps_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "PhuLuc.pdf"
    target.write_bytes(b"old complete file")

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, failing, boom)
    with pytest.raises(ExportError, match="Ổ đĩa đã đầy"):
        atomic_write(target, b"new" * 100_000)
    monkeypatch.undo()
    assert target.read_bytes() == b"old complete file"
    assert os.listdir(tmp_path) == ["PhuLuc.pdf"]


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="Không có thư mục"):
        atomic_write(tmp_path / "nope" / "x.pdf", b"data")


# -- command line --------------------------------------------------------------------------


def test_cli_export_exit_codes(
    store: Store, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    out_pdf, out_xlsx = tmp_path / "a.pdf", tmp_path / "b.xlsx"
    args = ["export", str(report_id), "--db", str(db_path)]
    assert main([*args, "--pdf", str(out_pdf), "--xlsx", str(out_xlsx), "--landscape"]) == 0
    assert out_pdf.read_bytes().startswith(b"%PDF") and out_xlsx.exists()
    assert str(out_pdf) in capsys.readouterr().out

    assert main(args) == 2  # nothing asked for
    assert "--pdf" in capsys.readouterr().err
    assert main([*args, "--xlsx", str(out_xlsx), "--landscape"]) == 2
    assert main(["export", "999", "--db", str(db_path), "--pdf", str(out_pdf)]) == 2
    assert main([*args, "--pdf", str(tmp_path / "no" / "such" / "x.pdf")]) == 2
    assert "Không có thư mục" in capsys.readouterr().err

    sign(store, report_id)
    tamper(store, report_id)
    out_pdf.unlink()
    assert main([*args, "--pdf", str(out_pdf)]) == 1
    assert "không còn khớp" in capsys.readouterr().err
    assert not out_pdf.exists()


def test_long_notes_on_headings_and_last_row(store: Store) -> None:
    report_id = make_seed_report(store, "003_d8652e5c4f02bc4c")
    report = store.report(report_id)
    items = list(report.catalogue.items())
    group = next(i for i in items if i.kind == "group")
    note = " ".join(f"ghi{i:04d}" for i in range(1400))
    store.set_note(report_id, group.code, note)
    store.set_note(report_id, items[-1].code, note.replace("ghi", "cuoi"))
    data = build_pdf(store, report_id)
    text = body_text(data)
    assert squash(note) in text and squash(note.replace("ghi", "cuoi")) in text
    last = pages_text(data)[-1]
    assert "cuoi1399" in last and "Nguyễn" not in last  # a draft: blanks, no name
    assert "……, ngày" in last  # the signature block follows the last row on its page


def test_reportlab_runs_with_its_c_accelerators() -> None:
    """rl_accel (reportlab[accel], a declared dependency) measures text and encodes streams in
    C; without it reportlab silently falls back to Python, some 80 ms slower per export."""
    from reportlab.lib import rl_accel

    slow = set(rl_accel._py_funcs)
    assert not slow & {"instanceStringWidthTTF", "asciiBase85Encode", "unicode2T1"}
