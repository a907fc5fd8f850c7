"""Export, import and print from the window: file dialogs, messages, the print preview."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pypdf
import pytest
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from cchc_desktop.exports.pdf import build_pdf
from cchc_desktop.gui import export_actions as actions
from cchc_desktop.store import Store
from tests.conftest import make_seed_report

pytestmark = pytest.mark.gui

SEED = "003_d8652e5c4f02bc4c"


class Dialogs:
    """Stands in for the file dialogs and message boxes, recording what they were asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, answer: str = "") -> None:
        self.answer = answer
        self.go_on = True  # the answer to the one-time "BẢN NHÁP" notice
        self.asked: list[tuple[str, str]] = []
        self.informed: list[tuple[str, Path | None]] = []
        self.warned: list[str] = []
        self.drafts: list[str] = []
        monkeypatch.setattr(actions, "ask_save_path", self._ask_save)
        monkeypatch.setattr(actions, "ask_open_path", self._ask_open)
        monkeypatch.setattr(actions, "inform", self._inform)
        monkeypatch.setattr(actions, "warn", self._warn)
        monkeypatch.setattr(actions, "draft_notice", self._draft_notice)

    def _draft_notice(self, parent: Any, title: str, text: str) -> bool:
        self.drafts.append(text)
        return self.go_on

    def _ask_save(self, parent: Any, title: str, suggested: Path, filter_text: str) -> str:
        self.asked.append((title, str(suggested)))
        return self.answer

    def _ask_open(self, parent: Any, title: str, folder: Path, filter_text: str) -> str:
        self.asked.append((title, str(folder)))
        return self.answer

    def _inform(self, parent: Any, title: str, text: str, path: Path | None = None) -> None:
        self.informed.append((text, path))

    def _warn(self, parent: Any, title: str, text: str, informative: str = "") -> None:
        self.warned.append(text)


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_export_pdf_suggests_a_name_and_reports_the_path(
    store: Store, parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report_id = make_seed_report(store, SEED)
    dialogs = Dialogs(monkeypatch, str(tmp_path / "phu-luc"))  # typed without the extension
    written = actions.export_pdf(parent, store, report_id)
    assert written == tmp_path / "phu-luc.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert dialogs.asked[0][1].endswith(
        "PhuLuc_CCHC_So-Thong-tin-va-Truyen-thong_2022-Q3_BanNhap.pdf"
    )
    assert dialogs.informed == [("Đã xuất phụ lục ra tệp PDF.", written)]
    # the next export starts in the folder used last
    actions.export_xlsx(parent, store, report_id)
    assert Path(dialogs.asked[1][1]).parent == tmp_path
    assert (tmp_path / "phu-luc.xlsx").exists()


def test_cancelled_export_writes_nothing(
    store: Store, parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report_id = make_seed_report(store, SEED)
    dialogs = Dialogs(monkeypatch, "")
    assert actions.export_xlsx(parent, store, report_id) is None
    assert dialogs.informed == [] and dialogs.warned == []


def test_tampered_report_is_refused_before_asking(
    store: Store, parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report_id = make_seed_report(store, SEED)
    store.sign_off(report_id, "Nguyễn Hữu Hạnh", "GIÁM ĐỐC", date(2022, 9, 15))
    store.conn.execute("DROP TRIGGER entries_locked_update")
    store.conn.execute("UPDATE entries SET note = 'sửa lén' WHERE report_id = ?", (report_id,))
    dialogs = Dialogs(monkeypatch, str(tmp_path / "x.pdf"))
    assert actions.export_pdf(parent, store, report_id) is None
    assert actions.print_report(parent, store, report_id) is False
    assert dialogs.asked == []
    assert len(dialogs.warned) == 2 and "không còn khớp" in dialogs.warned[0]
    assert not (tmp_path / "x.pdf").exists()


def test_write_failure_is_shown(
    store: Store, parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report_id = make_seed_report(store, SEED)
    dialogs = Dialogs(monkeypatch, str(tmp_path / "no-such-folder" / "x.pdf"))
    assert actions.export_pdf(parent, store, report_id) is None
    assert dialogs.warned and "Không có thư mục" in dialogs.warned[0]


def test_import_returns_the_new_id(
    store: Store, parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report_id = make_seed_report(store, SEED)
    dialogs = Dialogs(monkeypatch, str(tmp_path / "a.xlsx"))
    path = actions.export_xlsx(parent, store, report_id)
    assert path is not None
    dialogs.answer = str(path)
    new_id = actions.import_xlsx(parent, store)
    assert new_id is not None and new_id != report_id
    assert store.report(new_id).entries == store.report(report_id).entries
    assert "Sở Thông tin và Truyền thông" in dialogs.informed[-1][0]

    junk = tmp_path / "junk.xlsx"
    junk.write_text("không phải Excel", encoding="utf-8")
    dialogs.answer = str(junk)
    assert actions.import_xlsx(parent, store) is None
    assert "không phải tệp Excel" in dialogs.warned[-1]
    dialogs.answer = ""
    assert actions.import_xlsx(parent, store) is None


def test_preview_shows_every_pdf_page(store: Store, parent: QWidget, qtbot: QtBot) -> None:
    report_id = make_seed_report(store, SEED)
    data = build_pdf(store, report_id)
    count = len(pypdf.PdfReader(io.BytesIO(data)).pages)
    pages = actions.RenderedPdf(data)
    try:
        dialog = actions.make_preview(parent, pages, "PhuLuc.pdf")
        qtbot.addWidget(dialog)
        preview = dialog.findChild(QPrintPreviewWidget)
        assert preview is not None
        preview.updatePreview()
        assert preview.pageCount() == count
        assert "PhuLuc.pdf" in dialog.windowTitle()
    finally:
        pages.close()


@pytest.mark.parametrize("landscape", [False, True])
def test_printing_paints_each_page_at_printer_resolution(
    store: Store, tmp_path: Path, landscape: bool
) -> None:
    report_id = make_seed_report(store, SEED)
    data = build_pdf(store, report_id, landscape=landscape)
    source = pypdf.PdfReader(io.BytesIO(data))
    pages = actions.RenderedPdf(data)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    actions.configure_printer(printer, pages, "PhuLuc")
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    try:
        actions.paint_pages(printer, pages, dpi=100)
    finally:
        pages.close()
    printed = pypdf.PdfReader(tmp_path / "printed.pdf")
    assert len(printed.pages) == len(source.pages)
    box = printed.pages[0].mediabox
    assert (float(box.width) > float(box.height)) is landscape
    assert abs(float(box.width) - float(source.pages[0].mediabox.width)) < 2


def test_rendered_page_is_the_pdf_page(store: Store) -> None:
    report_id = make_seed_report(store, SEED)
    pages = actions.RenderedPdf(build_pdf(store, report_id))
    try:
        image = pages.image(0, 72)
        assert abs(image.width() - 595) <= 1 and abs(image.height() - 842) <= 1  # A4 at 72 dpi
        # a white margin, and black ink where the table is
        assert image.pixelColor(5, 5).lightness() == 255
        dark = sum(
            1
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
            if image.pixelColor(x, y).lightness() < 80
        )
        assert dark > 500
    finally:
        pages.close()


def test_print_report_opens_the_preview(
    store: Store, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    report_id = make_seed_report(store, SEED)
    seen: list[int] = []

    def fake_exec(dialog: QPrintPreviewDialog) -> int:
        preview = dialog.findChild(QPrintPreviewWidget)
        preview.updatePreview()
        seen.append(preview.pageCount())
        return int(QPrintPreviewDialog.DialogCode.Rejected.value)

    monkeypatch.setattr(QPrintPreviewDialog, "exec", fake_exec)
    Dialogs(monkeypatch)
    assert actions.print_report(parent, store, report_id) is False
    assert seen and seen[0] >= 10


def test_a_draft_says_once_that_it_is_marked_ban_nhap(
    store: Store, parent: QWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Printing or exporting a draft says, the first time for that report, that every page
    carries "BẢN NHÁP"; stopping there writes nothing and asks again next time."""
    report_id = make_seed_report(store, SEED)
    other_id = make_seed_report(store, SEED)
    monkeypatch.setattr(QPrintPreviewDialog, "exec", lambda dialog: 0)
    dialogs = Dialogs(monkeypatch, str(tmp_path / "nhap.pdf"))
    dialogs.go_on = False
    assert actions.print_report(parent, store, report_id) is False
    assert actions.export_pdf(parent, store, report_id) is None
    assert dialogs.asked == [] and not (tmp_path / "nhap.pdf").exists()
    assert len(dialogs.drafts) == 2
    assert "BẢN NHÁP" in dialogs.drafts[0] and "in ra" in dialogs.drafts[0]
    assert "PDF" in dialogs.drafts[1]

    dialogs.go_on = True
    assert actions.export_pdf(parent, store, report_id) == tmp_path / "nhap.pdf"
    assert len(dialogs.drafts) == 3
    # Known from now on, also in a new session (the settings remember it).
    actions.print_report(parent, store, report_id)
    actions.export_xlsx(parent, store, report_id)
    assert len(dialogs.drafts) == 3
    # Another draft is a report of its own.
    actions.export_xlsx(parent, store, other_id)
    assert len(dialogs.drafts) == 4 and "Excel" in dialogs.drafts[3]
    # A signed report prints without it.
    store.sign_off(other_id, "Nguyễn Văn An", "GIÁM ĐỐC", date(2022, 9, 15))
    signed_id = make_seed_report(store, SEED)
    store.sign_off(signed_id, "Nguyễn Văn An", "GIÁM ĐỐC", date(2022, 9, 15))
    actions.print_report(parent, store, signed_id)
    assert len(dialogs.drafts) == 4
