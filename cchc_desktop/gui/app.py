"""Start-up of the CCHC Desktop window: `cchc-desktop` / `python main.py`.

Kept light on purpose: exports (reportlab, openpyxl), the report editor and the new-report
dialog are imported when first used, so the window paints quickly on an old office PC.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, NoReturn

# isort: off
# First: pauses the collection of cycles while the window starts (see startup_gc).
from cchc_desktop.gui import startup_gc

# The core (sqlite-utils, jsonschema, …) is imported before Qt on purpose: PySide6 installs an
# import hook that inspects the source of every Python module imported after it.
from cchc_desktop import __version__, assets, paths
from cchc_desktop.migrations import DatabaseTooNewError
from cchc_desktop.store import Store, StoreError

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
    QTimer,
    QTranslator,
)
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from cchc_desktop.gui import look
from cchc_desktop.gui import settings as keys

# isort: on


translate = QCoreApplication.translate
UI_FONT_FILES = ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf")
UI_FONT_FAMILY = "Noto Sans"
UI_FONT_POINTS = 10
LOG_LIMIT_BYTES = 1_000_000
SCREENSHOT_TIMEOUT_MS = 30_000
STARTUP_GC_LIMIT_MS = 5_000
# Prints "cchc-first-paint <monotonic seconds>" to stderr once the window has painted; "exit"
# also ends the process there (the benchmark counts the instructions it took to get there).
TRACE_ENV = "CCHC_TRACE_STARTUP"

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_translators: list[QTranslator] = []


# -- command line --------------------------------------------------------------------------------


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(message)


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"“{text}” phải là một số nguyên dương")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="cchc-desktop",
        description="CCHC Desktop: nhập, kiểm tra, ký duyệt và xuất Phụ lục thống kê số liệu "
        "báo cáo cải cách hành chính.",
    )
    parser.add_argument("--db", help="đường dẫn tệp dữ liệu (mặc định: thư mục người dùng)")
    parser.add_argument("--lang", choices=keys.LANGUAGES, help="ngôn ngữ giao diện: vi hoặc en")
    parser.add_argument("--report", type=_positive, metavar="ID", help="mở báo cáo có mã ID")
    parser.add_argument(
        "--section", type=_positive, metavar="N", help="mở phần thứ N của báo cáo (đếm từ 1)"
    )
    parser.add_argument(
        "--screenshot",
        metavar="FILE",
        help="chụp cửa sổ thành ảnh PNG vào FILE sau lần vẽ đầu tiên rồi thoát",
    )
    parser.add_argument("--version", action="version", version=f"CCHC Desktop {__version__}")
    return parser


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    if args.section is not None and args.report is None:
        raise _UsageError("--section cần đi kèm --report ID")
    return args


# -- look and language ---------------------------------------------------------------------------


def load_fonts() -> str | None:
    """Register the bundled Noto Sans (OFL) so the window looks the same on every PC."""
    family = None
    for name in UI_FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(assets.font_path(name)))
        if font_id >= 0 and family is None:
            families = QFontDatabase.applicationFontFamilies(font_id)
            family = families[0] if families else None
    return family


def apply_look(app: QApplication) -> None:
    """A light palette and the bundled font; the style is Fusion (see :func:`main`).
    ui/style.qss is set on the widgets that use it, not here (see gui/look.py)."""
    app.setPalette(look.light_palette(app))
    family = load_fonts()
    if family:
        font = QFont(family, UI_FONT_POINTS)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        app.setFont(font)
    app.setWindowIcon(look.icon("app"))


def remove_translations(app: QCoreApplication) -> None:
    """Back to the source language (Vietnamese) for our strings and to English for Qt's."""
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()


def install_translations(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Vietnamese is the source language; English comes from resources/translations.

    Qt's own strings (dialog buttons, text-field menus) come from Qt's qtbase_*.qm when Qt
    ships one for the language, and for Vietnamese, which Qt does not ship, from
    cchc_qt_vi.qm.
    """
    remove_translations(app)
    ours = assets.resources_dir() / "translations"
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    candidates: list[tuple[str, str]] = [(f"qtbase_{language}", qt_dir)]
    if language == "en":
        candidates.append(("cchc_en", str(ours)))
    else:
        candidates.append(("cchc_qt_vi", str(ours)))
    for name, folder in candidates:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _translators.append(translator)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    else:
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    return list(_translators)


# -- errors --------------------------------------------------------------------------------------


def log_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> Path | None:
    """Append the details to the error log; None when even that fails."""
    import traceback  # here, not at the top: some 2 ms of every start for a rare error

    try:
        path = paths.log_path()
        if path.exists() and path.stat().st_size > LOG_LIMIT_BYTES:
            path.replace(path.with_suffix(".log.1"))
        with path.open("a", encoding="utf-8") as log:
            log.write(
                f"\n=== {datetime.now().isoformat(timespec='seconds')} CCHC Desktop {__version__}\n"
            )
            log.write("".join(traceback.format_exception(exc_type, exc, tb)))
        return path
    except OSError:
        return None


class ExceptionHandler:
    """sys.excepthook: details to the log file, a short Vietnamese message to the clerk."""

    def __init__(self, interactive: bool = True) -> None:
        self.interactive = interactive
        self.showing = False
        self.count = 0

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        from PySide6.QtWidgets import QMessageBox

        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.count += 1
        path = log_exception(exc_type, exc, tb)
        where = str(path) if path else translate("Application", "(không ghi được tệp nhật ký)")
        print(
            f"CCHC Desktop: lỗi không mong muốn ({exc_type.__name__}); chi tiết: {where}",
            file=sys.stderr,
        )
        app = QApplication.instance()
        if not self.interactive or self.showing or not isinstance(app, QApplication):
            if not self.interactive and app is not None:
                app.exit(EXIT_FAILED)
            return
        self.showing = True  # an error inside the message box must not stack boxes
        try:
            box = look.message_box(
                QMessageBox.Icon.Critical,
                translate("Application", "Lỗi không mong muốn"),
                translate(
                    "Application",
                    "Chương trình gặp một lỗi không mong muốn. Các số liệu đã lưu không bị ảnh "
                    "hưởng; nếu thao tác vừa rồi chưa xong, hãy thử lại.",
                ),
                QMessageBox.StandardButton.NoButton,
                app.activeWindow(),
            )
            box.setInformativeText(
                translate(
                    "Application",
                    "Chi tiết lỗi đã được ghi vào tệp:\n%1\nNếu lỗi lặp lại, hãy gửi tệp này "
                    "cho người hỗ trợ kỹ thuật.",
                ).replace("%1", where)
            )
            box.addButton(translate("Application", "Đóng"), QMessageBox.ButtonRole.AcceptRole)
            box.exec()
        finally:
            self.showing = False


def backup_on_start(db: str | None) -> str:
    """The automatic daily backup, before the data file is opened (so an upgrade of the file
    always has a copy of the old one). Returns a Vietnamese warning, or "" when it went well
    or was not needed; the program carries on either way."""
    from cchc_desktop import backup

    try:
        backup.backup_on_start(paths.database_path(db))
    except (backup.BackupError, OSError, sqlite3.Error) as exc:
        return str(exc)
    return ""


def _warn_backup_failed(window: QWidget, message: str) -> None:
    from PySide6.QtWidgets import QMessageBox

    box = look.message_box(
        QMessageBox.Icon.Warning,
        translate("Application", "Chưa sao lưu tự động được"),
        message,
        QMessageBox.StandardButton.NoButton,
        window,
    )
    box.setInformativeText(
        translate(
            "Application",
            "Chương trình vẫn làm việc bình thường và số liệu đã lưu không bị ảnh hưởng. "
            "Hãy thử lại bằng Tệp → Sao lưu ngay.",
        )
    )
    box.addButton(translate("Application", "Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def open_store(db: str | None) -> tuple[Store | None, str, str]:
    """(store, "", "") or (None, message, path) with a Vietnamese message."""
    path = paths.database_path(db)
    try:
        return Store.open(path), "", str(path)
    except (StoreError, DatabaseTooNewError) as exc:
        return None, str(exc), str(path)
    except sqlite3.DatabaseError as exc:
        return (
            None,
            translate("Application", "Tệp dữ liệu bị hỏng hoặc không đọc được (%1).").replace(
                "%1", str(exc)
            ),
            str(path),
        )
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return (
            None,
            translate("Application", "Không mở được tệp dữ liệu: %1.").replace("%1", reason),
            str(path),
        )


def _report_start_failure(
    message: str, path: str, interactive: bool, can_restore: bool = False
) -> bool:
    """Say why the data cannot be opened; True when the clerk chose to restore a backup
    (offered when the file is damaged and backups exist)."""
    from PySide6.QtWidgets import QMessageBox

    print(f"CCHC Desktop: {message} ({path})", file=sys.stderr)
    if not interactive:
        return False
    box = look.message_box(
        QMessageBox.Icon.Critical,
        translate("Application", "Không mở được dữ liệu"),
        message,
        QMessageBox.StandardButton.NoButton,
    )
    restore = None
    if can_restore:
        box.setInformativeText(
            translate(
                "Application",
                "Tệp dữ liệu: %1\n\nCó thể khôi phục dữ liệu từ một bản sao lưu. Nếu không, "
                "chương trình sẽ đóng lại; tệp không bị thay đổi.",
            ).replace("%1", path)
        )
        restore = box.addButton(
            translate("Application", "Khôi phục từ bản sao lưu…"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.setDefaultButton(restore)
        box.addButton(translate("Application", "Đóng"), QMessageBox.ButtonRole.RejectRole)
    else:
        box.setInformativeText(
            translate(
                "Application",
                "Tệp dữ liệu: %1\n\nChương trình sẽ đóng lại; tệp không bị thay đổi.",
            ).replace("%1", path)
        )
        box.addButton(translate("Application", "Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()
    return restore is not None and box.clickedButton() is restore


def restorable_at_start(path: str) -> bool:
    """Whether a data file that failed to open is damaged (not merely locked, read-only or
    from a newer program) and has backups to restore from."""
    from cchc_desktop import backup

    target = Path(path)
    if not target.is_file():
        return False
    try:
        backup.verify_backup(target)
    except backup.BackupError:
        try:
            return bool(backup.list_backups(target))
        except backup.BackupError:
            return False
    return False


def restore_at_start(path: str) -> str | None:
    """Let the clerk pick a backup and put it in place of a damaged data file: "" when done,
    a Vietnamese message when it failed, None when cancelled."""
    from cchc_desktop import backup
    from cchc_desktop.gui.backup_dialog import choose_backup

    target = Path(path)
    try:
        backups = backup.list_backups(target)
    except backup.BackupError as exc:
        return str(exc)
    chosen = choose_backup(None, backups, str(paths.backups_dir(target)))
    if chosen is None:
        return None
    try:
        backup.restore(target, chosen.path)
    except (backup.BackupError, OSError) as exc:
        return str(exc)
    return ""


# -- first paint ---------------------------------------------------------------------------------


class FirstPaint(QObject):
    """Calls each callback added, once, just after the first paint of ``window``.

    It watches the window alone, not the application: an application-wide filter is called
    for every event of every widget while the window is built, and each call hands Python a
    widget, some of a private Qt class, which PySide6 resolves by loading every class of
    QtCore and QtWidgets it has not loaded yet (≈ 130 M instructions at start-up). The
    window's own Paint event comes first in a repaint; its children are painted in the same
    pass, before the callbacks run."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._callbacks: list[Callable[[], None]] = []
        self._done = False
        window.installEventFilter(self)

    def add(self, callback: Callable[[], None]) -> None:
        self._callbacks.append(callback)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._done and event.type() == QEvent.Type.Paint:
            self._done = True
            self._window.removeEventFilter(self)
            # Let this paint finish, then act, in the order the callbacks were added.
            for callback in self._callbacks:
                QTimer.singleShot(0, callback)
        return False


def _trace_first_paint(*, exit_now: bool) -> None:
    print(f"cchc-first-paint {time.monotonic():.6f}", file=sys.stderr, flush=True)
    if exit_now:
        os._exit(EXIT_OK)  # nothing saved or claimed: the benchmark's --screenshot runs only


def save_screenshot(window: QWidget, target: str) -> bool:
    QApplication.processEvents()
    pixmap = window.grab()
    if pixmap.isNull():
        return False
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    return pixmap.save(target, "PNG")


# -- main ----------------------------------------------------------------------------------------


class WindowKeeper:
    """Holds the main window and rebuilds it when the clerk picks another language; the
    session (open report, section, geometry) travels through the settings."""

    def __init__(
        self, app: QApplication, store: Store, settings: QSettings, *, interactive: bool
    ) -> None:
        self.app = app
        self.store = store
        self.settings = settings
        self.interactive = interactive
        self.window: Any = None

    def make(self, language: str) -> Any:
        from cchc_desktop.gui.main_window import MainWindow

        window = MainWindow(
            self.store,
            self.settings,
            language=language,
            persist=self.interactive,
            interactive=self.interactive,
        )
        window.languageChangeRequested.connect(self.switch_language)
        window.storeReplaced.connect(self._store_replaced)
        self.window = window
        return window

    def _store_replaced(self, store: Store) -> None:
        self.store = store  # reopened after a restore: the next window (and exit) use it

    def switch_language(self, language: str) -> None:
        old = self.window
        old.hand_over()  # saves the session and frees the report for the new window
        install_translations(self.app, language)
        new = self.make(language)
        new.restore_session(reopen=True)
        new.show()
        old.persist = False  # the new window owns the settings from now on
        old.close()
        old.deleteLater()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the window; returns the exit code."""
    try:
        args = parse_args(argv)
    except _UsageError as exc:
        build_parser().print_usage(sys.stderr)
        print(f"Lỗi cú pháp lệnh: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help, --version
        return int(exc.code or 0)

    screenshot = args.screenshot
    interactive = screenshot is None
    startup_gc.pause()  # until the window has painted (or main returns)

    QApplication.setOrganizationName(keys.ORGANISATION)
    QApplication.setApplicationName(keys.APPLICATION)
    QApplication.setApplicationVersion(__version__)
    QApplication.setDesktopFileName("cchc-desktop")
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
        app.setStyle(look.STYLE)
    else:
        # Named on the command line rather than set afterwards: setStyle() hands Python a
        # QStyle, and PySide6 then builds its ≈ 900 enum members (≈ 47 M instructions).
        app = QApplication([sys.argv[0] if sys.argv else "cchc-desktop", "-style", look.STYLE])

    settings = keys.open_settings()
    language = args.lang or keys.language(settings)
    install_translations(app, language)
    apply_look(app)

    handler = ExceptionHandler(interactive)
    previous_hook = sys.excepthook
    sys.excepthook = handler
    try:
        return _run(app, args, settings, language, interactive, handler)
    finally:
        sys.excepthook = previous_hook
        startup_gc.settle()


def _run(
    app: QApplication,
    args: argparse.Namespace,
    settings: QSettings,
    language: str,
    interactive: bool,
    handler: ExceptionHandler,
) -> int:
    # Screenshots leave the data alone: no backup, no claims.
    backup_warning = backup_on_start(args.db) if interactive else ""
    store, message, path = open_store(args.db)
    while store is None:
        can_restore = interactive and restorable_at_start(path)
        if not _report_start_failure(message, path, interactive, can_restore):
            return EXIT_FAILED
        failure = restore_at_start(path)
        if failure is None:
            return EXIT_FAILED
        if failure:
            message = failure
            continue
        store, message, path = open_store(args.db)

    keeper = WindowKeeper(app, store, settings, interactive=interactive)
    try:
        window = keeper.make(language)
        if args.report is not None:
            section = (args.section - 1) if args.section else None
            if not window.open_report(args.report, section) and not interactive:
                return EXIT_FAILED
        elif interactive:
            window.restore_session(reopen=True)

        result: dict[str, int] = {"code": EXIT_OK}
        first_paint = FirstPaint(window)
        trace = os.environ.get(TRACE_ENV)
        if trace:
            first_paint.add(lambda: _trace_first_paint(exit_now=trace == "exit"))
        first_paint.add(lambda: keeper.window.first_painted())
        # Once painted, the start-up's objects are set aside and collection resumes.
        first_paint.add(lambda: QTimer.singleShot(0, lambda: startup_gc.settle(collect=True)))
        QTimer.singleShot(STARTUP_GC_LIMIT_MS, startup_gc.settle)  # a window that never paints
        if not interactive:

            def shoot() -> None:
                if result.get("shot"):
                    return
                result["shot"] = 1
                if not save_screenshot(keeper.window, args.screenshot):
                    print(f"CCHC Desktop: không lưu được ảnh {args.screenshot}", file=sys.stderr)
                    result["code"] = EXIT_FAILED
                app.exit(result["code"])

            first_paint.add(shoot)
            # A platform that never paints (a broken display) must not hang a script.
            QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, shoot)
        window.show()
        if backup_warning:
            QTimer.singleShot(0, lambda: _warn_backup_failed(keeper.window, backup_warning))
        code = app.exec()
        if handler.count and not interactive:
            return EXIT_FAILED
        return code if interactive else result["code"]
    finally:
        if keeper.window is not None:
            keeper.window.release_claim()  # however the loop ended, free the report
        keeper.store.close()  # the store in use at the end (a restore reopens it)


# The objects made by importing the window's modules live as long as the program: they are kept
# out of later collections, and collection resumes (for tests and tools that import this alone).
startup_gc.settle()
