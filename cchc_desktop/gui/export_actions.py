"""Export, print and import from the main window.

The print preview shows the very PDF that "Xuất PDF" writes: its pages are rendered to images
with PDFium (pypdfium2; PySide6-Essentials has no QtPdf) and painted onto the printer's pages,
so what the director signs is exactly what the officer upstream receives.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QStandardPaths, Qt, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
)
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from cchc_desktop.exports import ExportError, ExportRefusedError, exportable_report
from cchc_desktop.exports.files import resolve_target, suggested_filename
from cchc_desktop.gui import look
from cchc_desktop.gui.labels import period_label
from cchc_desktop.importers import ImportFormatError, ImportRefusedError
from cchc_desktop.store import NotFoundError, Report, Store, StoreError

KEY_LAST_DIR = "export/last_dir"
KEY_DRAFT_NOTICE = "export/draft_notice_shown"  # reports whose clerk was told about BẢN NHÁP
DRAFT_NOTICE_LIMIT = 500
PREVIEW_DPI = 150  # sharp enough on screen; the preview keeps every page in memory
PRINT_DPI = 300  # printed pages are drawn one at a time at up to this resolution


translate = QCoreApplication.translate


# -- small dialogs (module functions, so tests can stand in for them) ------------------------


def ask_save_path(parent: QWidget | None, title: str, suggested: Path, filter_text: str) -> str:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), filter_text)
    return str(path)


def ask_open_path(parent: QWidget | None, title: str, folder: Path, filter_text: str) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, title, str(folder), filter_text)
    return str(path)


def inform(parent: QWidget | None, title: str, text: str, path: Path | None = None) -> None:
    """A success message; with a path it offers to open the file or its folder."""
    box = look.message_box(QMessageBox.Icon.Information, title, text, parent=parent)
    open_file = open_folder = None
    if path is not None:
        box.setInformativeText(str(path))
        open_file = box.addButton(
            translate("ExportActions", "Mở tệp"), QMessageBox.ButtonRole.ActionRole
        )
        open_folder = box.addButton(
            translate("ExportActions", "Mở thư mục"),
            QMessageBox.ButtonRole.ActionRole,
        )
    box.addButton(translate("ExportActions", "Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    if path is not None and box.clickedButton() is open_file:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
    elif path is not None and box.clickedButton() is open_folder:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


def warn(parent: QWidget | None, title: str, text: str, informative: str = "") -> None:
    box = look.message_box(QMessageBox.Icon.Warning, title, text, parent=parent)
    if informative:
        box.setInformativeText(informative)
    box.addButton(translate("ExportActions", "Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def draft_notice(parent: QWidget | None, title: str, text: str) -> bool:
    """Tell the clerk, once, that a draft comes out marked "BẢN NHÁP"; False to stop."""
    box = look.message_box(QMessageBox.Icon.Information, title, text, parent=parent)
    box.setInformativeText(
        translate(
            "ExportActions",
            "Bản để trình ký và gửi đi: ký duyệt báo cáo trước (Báo cáo → Ký duyệt), rồi in "
            "hoặc xuất lại. Thông báo này chỉ hiện một lần cho mỗi báo cáo.",
        )
    )
    go_on = box.addButton(translate("ExportActions", "Tiếp tục"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(translate("ExportActions", "Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go_on)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is go_on


@contextmanager
def busy() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


# -- folders -----------------------------------------------------------------------------------


def _settings() -> Any:
    from cchc_desktop.gui.settings import open_settings

    return open_settings()


def last_folder() -> Path:
    """The folder of the last export or import, else the user's Documents."""
    saved = _settings().value(KEY_LAST_DIR, "")
    if saved and Path(str(saved)).is_dir():
        return Path(str(saved))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents else Path.home()


def remember_folder(path: Path) -> None:
    _settings().setValue(KEY_LAST_DIR, str(path.parent))


def _draft_key(store: Store, report: Report) -> str:
    return f"{store.path or ':memory:'}#{report.id}"


def draft_ok(parent: QWidget | None, store: Store, report: Report, what: str) -> bool:
    """A draft prints and exports with "BẢN NHÁP" on every page: say so in one line the first
    time for each report (not every time: the clerk knows it by then). ``what`` is "print",
    "pdf" or "xlsx". False when the clerk stops there."""
    if report.signed:
        return True
    settings = _settings()
    seen = settings.value(KEY_DRAFT_NOTICE, [])
    seen = [str(k) for k in (seen if isinstance(seen, list) else [seen]) if k]
    key = _draft_key(store, report)
    if key in seen:
        return True
    if what == "print":
        title = translate("ExportActions", "In bản nháp")
        text = translate(
            "ExportActions",
            "Báo cáo chưa ký duyệt nên mỗi trang in ra có chữ “BẢN NHÁP”.",
        )
    elif what == "xlsx":
        title = translate("ExportActions", "Xuất bản nháp")
        text = translate(
            "ExportActions",
            "Báo cáo chưa ký duyệt nên tệp Excel ghi “BẢN NHÁP - chưa ký duyệt” ở đầu trang.",
        )
    else:
        title = translate("ExportActions", "Xuất bản nháp")
        text = translate(
            "ExportActions",
            "Báo cáo chưa ký duyệt nên mỗi trang PDF có chữ “BẢN NHÁP”.",
        )
    if not draft_notice(parent, title, text):
        return False
    settings.setValue(KEY_DRAFT_NOTICE, [*seen, key][-DRAFT_NOTICE_LIMIT:])
    return True


# -- export ------------------------------------------------------------------------------------


def _load_for_export(parent: QWidget | None, store: Store, report_id: int) -> Report | None:
    try:
        return exportable_report(store, report_id)
    except ExportRefusedError as exc:
        warn(parent, translate("ExportActions", "Không xuất được"), str(exc))
    except (NotFoundError, StoreError) as exc:
        warn(parent, translate("ExportActions", "Không xuất được"), str(exc))
    return None


def _export(
    parent: QWidget | None,
    store: Store,
    report_id: int,
    extension: str,
    title: str,
    filter_text: str,
    write: Callable[[Path], Path],
    done: str,
) -> Path | None:
    report = _load_for_export(parent, store, report_id)
    if report is None or not draft_ok(parent, store, report, extension):
        return None
    chosen = ask_save_path(
        parent, title, last_folder() / suggested_filename(report, extension), filter_text
    )
    if not chosen:
        return None
    target = resolve_target(chosen, report, extension)
    try:
        with busy():
            written = write(target)
    except (ExportRefusedError, ExportError, StoreError, NotFoundError) as exc:
        warn(parent, translate("ExportActions", "Không xuất được"), str(exc))
        return None
    remember_folder(written)
    inform(parent, title, done, written)
    return written


def export_pdf(
    parent: QWidget | None, store: Store, report_id: int, *, landscape: bool = False
) -> Path | None:
    """Ask where to save and write the appendix PDF; returns the path, or None."""
    from cchc_desktop.exports.pdf import export_pdf as write_pdf

    return _export(
        parent,
        store,
        report_id,
        "pdf",
        translate("ExportActions", "Xuất phụ lục ra PDF"),
        translate("ExportActions", "Tệp PDF (*.pdf)"),
        lambda path: write_pdf(store, report_id, path, landscape=landscape),
        translate("ExportActions", "Đã xuất phụ lục ra tệp PDF."),
    )


def export_xlsx(parent: QWidget | None, store: Store, report_id: int) -> Path | None:
    """Ask where to save and write the appendix workbook; returns the path, or None."""
    from cchc_desktop.exports.xlsx import export_xlsx as write_xlsx

    return _export(
        parent,
        store,
        report_id,
        "xlsx",
        translate("ExportActions", "Xuất phụ lục ra Excel"),
        translate("ExportActions", "Tệp Excel (*.xlsx)"),
        lambda path: write_xlsx(store, report_id, path),
        translate("ExportActions", "Đã xuất phụ lục ra tệp Excel."),
    )


# -- import ------------------------------------------------------------------------------------


def import_xlsx(parent: QWidget | None, store: Store) -> int | None:
    """Ask for a workbook exported by CCHC Desktop and recreate its report; returns the new
    report's id, or None when cancelled or refused (the reason is shown)."""
    from cchc_desktop.importers.xlsx import import_xlsx as read_and_import

    chosen = ask_open_path(
        parent,
        translate("ExportActions", "Nhập phụ lục từ tệp Excel"),
        last_folder(),
        translate("ExportActions", "Tệp Excel (*.xlsx)"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    try:
        with busy():
            report_id = read_and_import(store, path)
    except ImportRefusedError as exc:
        warn(parent, translate("ExportActions", "Không nhập tệp này"), str(exc))
        return None
    except (ImportFormatError, StoreError, NotFoundError) as exc:
        warn(parent, translate("ExportActions", "Không nhập được tệp"), str(exc))
        return None
    remember_folder(path)
    summary = store.summary(report_id)
    status = (
        translate("ExportActions", "đã ký duyệt")
        if summary.status == "signed"
        else translate("ExportActions", "bản nháp")
    )
    inform(
        parent,
        translate("ExportActions", "Nhập phụ lục từ tệp Excel"),
        translate("ExportActions", "Đã nhập báo cáo của %1, %2 (%3).")
        .replace("%1", summary.agency)
        .replace("%2", period_label(summary.period))
        .replace("%3", status),
    )
    return report_id


# -- printing ----------------------------------------------------------------------------------


class RenderedPdf:
    """A PDF's pages as images, rendered on demand (grey scale: the appendix is black on
    white, and a grey page takes a third of the memory of a colour one)."""

    def __init__(self, data: bytes) -> None:
        import pypdfium2

        self._pdf = pypdfium2.PdfDocument(data)

    def __len__(self) -> int:
        return len(self._pdf)

    def page_size_points(self, index: int) -> tuple[float, float]:
        width, height = self._pdf[index].get_size()
        return float(width), float(height)

    def image(self, index: int, dpi: float) -> QImage:
        page = self._pdf[index]
        bitmap = page.render(scale=dpi / 72.0, grayscale=True)
        image = QImage(
            bitmap.buffer,
            bitmap.width,
            bitmap.height,
            bitmap.stride,
            QImage.Format.Format_Grayscale8,
        )
        return image.copy()  # detach from PDFium's buffer before it is freed

    def close(self) -> None:
        self._pdf.close()


def configure_printer(printer: QPrinter, pages: RenderedPdf, name: str) -> None:
    """A4 in the PDF's orientation, no margins of its own: the PDF already has them."""
    width, height = pages.page_size_points(0)
    orientation = (
        QPageLayout.Orientation.Landscape if width > height else QPageLayout.Orientation.Portrait
    )
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            orientation,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Millimeter,
        )
    )
    printer.setFullPage(True)
    printer.setDocName(name)


def paint_pages(printer: QPrinter, pages: RenderedPdf, dpi: float | None = None) -> None:
    """Draw every PDF page onto its own printer page, scaled to the whole sheet. Pages are
    rendered one at a time at the printer's resolution (at most PRINT_DPI)."""
    resolution = dpi or min(printer.resolution(), PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise ExportError(
            QCoreApplication.translate(
                "ExportActions", "Không mở được máy in. Hãy kiểm tra máy in rồi thử lại."
            )
        )
    try:
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
        for index in range(len(pages)):
            if index and not printer.newPage():
                raise ExportError(
                    QCoreApplication.translate(
                        "ExportActions", "Máy in báo lỗi khi sang trang mới."
                    )
                )
            target = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
            painter.drawImage(target, pages.image(index, resolution))
    finally:
        painter.end()


def _is_preview(printer: QPrinter) -> bool:
    # The preview records pages in memory; a real printer (or a PDF printer) does not.
    engine = printer.paintEngine()
    return engine is not None and engine.type() == engine.Type.Picture


def print_report(
    parent: QWidget | None, store: Store, report_id: int, *, landscape: bool = False
) -> bool:
    """Show the print preview of the appendix PDF; printing goes through the system print
    dialog. Returns True when it was sent to a printer."""
    from cchc_desktop.exports.pdf import build_pdf

    report = _load_for_export(parent, store, report_id)
    if report is None or not draft_ok(parent, store, report, "print"):
        return False
    try:
        with busy():
            data = build_pdf(store, report_id, landscape=landscape)
    except (ExportRefusedError, ExportError, StoreError) as exc:
        warn(parent, translate("ExportActions", "Không in được"), str(exc))
        return False
    pages = RenderedPdf(data)
    try:
        dialog = make_preview(parent, pages, suggested_filename(report, "pdf"))
        accepted = dialog.exec() == QPrintPreviewDialog.DialogCode.Accepted
        dialog.deleteLater()
        return accepted
    finally:
        pages.close()


def make_preview(parent: QWidget | None, pages: RenderedPdf, name: str) -> QPrintPreviewDialog:
    """The preview dialog over ``pages``; its "In" button opens the system print dialog."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_printer(printer, pages, name)
    dialog = QPrintPreviewDialog(printer, parent)
    look.apply_style(dialog)
    dialog.setWindowTitle(translate("ExportActions", "Xem trước khi in - %1").replace("%1", name))
    dialog.printer_ref = printer  # type: ignore[attr-defined]  # keep alive with the dialog
    screen = QGuiApplication.primaryScreen()
    if screen is not None:
        size = screen.availableGeometry().size()
        dialog.resize(int(size.width() * 0.7), int(size.height() * 0.9))

    def paint(target: QPrinter) -> None:
        try:
            paint_pages(target, pages, PREVIEW_DPI if _is_preview(target) else None)
        except ExportError as exc:
            print(f"CCHC Desktop: {exc}", file=sys.stderr)

    dialog.paintRequested.connect(paint)
    return dialog


__all__ = [
    "RenderedPdf",
    "configure_printer",
    "export_pdf",
    "export_xlsx",
    "import_xlsx",
    "make_preview",
    "paint_pages",
    "print_report",
    "resolve_target",
]
