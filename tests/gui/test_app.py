"""Start-up: command line, translations, screenshots, start-up errors, the exception hook and
settings that survive a restart."""

from __future__ import annotations

import importlib.util
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from cchc_desktop import paths
from cchc_desktop.gui import app as app_module
from cchc_desktop.gui import settings as keys
from cchc_desktop.gui.main_window import MainWindow
from cchc_desktop.store import Store
from tests.gui.shell_helpers import run_python, temp_settings

ROOT = Path(__file__).resolve().parents[2]
HAS_EDITOR = importlib.util.find_spec("cchc_desktop.gui.report_editor") is not None


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QSettings:
    return temp_settings(tmp_path, monkeypatch)


@pytest.fixture
def translations(qapp: QApplication) -> Iterator[QApplication]:
    """Leave the application in the source language whatever the test installs."""
    locale = QLocale()
    yield qapp
    app_module.remove_translations(qapp)
    QLocale.setDefault(locale)


def _run_main(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return run_python(str(ROOT / "main.py"), *args, data_dir=data_dir)


def _assert_png(path: Path) -> QImage:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    image = QImage(str(path))
    assert not image.isNull() and image.width() > 400 and image.height() > 300
    return image


# -- command line ----------------------------------------------------------------------------


def test_usage_errors_exit_2_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    assert app_module.main(["--section", "2"]) == 2
    assert "--section cần đi kèm --report ID" in capsys.readouterr().err
    assert app_module.main(["--report", "abc"]) == 2
    assert "phải là một số nguyên dương" in capsys.readouterr().err


# -- translations ----------------------------------------------------------------------------


def test_english_translation_changes_visible_strings(
    qtbot: QtBot, translations: QApplication, store: Store, settings: QSettings
) -> None:
    loaded = app_module.install_translations(translations, "en")
    assert loaded, "resources/translations/cchc_en.qm did not load"
    window = MainWindow(store, settings, language="en")
    qtbot.addWidget(window)
    window.show()  # the list, and its count, come with the window's first showing
    qtbot.waitExposed(window)
    assert window.file_menu.title() == "&File"
    assert window.new_action.text() == "&New report…"
    assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Agency"
    assert window.count_label.text() == "0 reports"

    app_module.remove_translations(translations)
    vietnamese = MainWindow(store, settings)
    qtbot.addWidget(vietnamese)
    assert vietnamese.file_menu.title() == "&Tệp"


def test_every_string_marked_for_translation_has_its_english(tmp_path: Path) -> None:
    """Qt's lupdate, run over the sources into a copy of cchc_en.ts, finds nothing to add,
    drop or finish (a string that moves to another class changes its context and would lose
    its English), and the shipped .qm is what lrelease makes of the .ts."""
    import PySide6

    tools = Path(PySide6.__file__).parent
    folder = ROOT / "resources" / "translations"
    copy = tmp_path / "cchc_en.ts"
    copy.write_bytes((folder / "cchc_en.ts").read_bytes())
    sources = [*sorted((ROOT / "cchc_desktop" / "gui").glob("*.py")), *(ROOT / "ui").glob("*.ui")]
    update = [str(tools / "lupdate"), *map(str, sources), "-no-obsolete", "-locations", "none"]
    subprocess.run([*update, "-ts", str(copy)], check=True, capture_output=True)
    text = copy.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert text == (folder / "cchc_en.ts").read_text(encoding="utf-8")
    compiled = tmp_path / "cchc_en.qm"
    release = [str(tools / "lrelease"), str(copy), "-qm", str(compiled)]
    subprocess.run(release, check=True, capture_output=True)
    assert compiled.read_bytes() == (folder / "cchc_en.qm").read_bytes()


def test_vietnamese_puts_qt_own_buttons_in_vietnamese(translations: QApplication) -> None:
    app_module.install_translations(translations, "vi")
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    texts = {b.text() for b in box.buttons()}
    box.deleteLater()
    assert texts == {"Đồng ý", "Hủy"}


def test_changing_language_is_remembered(qtbot: QtBot, store: Store, settings: QSettings) -> None:
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.languageChangeRequested) as request:
        window.language_actions["en"].trigger()
    assert request.args == ["en"]
    assert keys.language(keys.open_settings()) == "en"


# -- screenshots -----------------------------------------------------------------------------


def test_screenshot_of_the_report_list(tmp_path: Path, reports_db: Path) -> None:
    target = tmp_path / "shots" / "list.png"
    result = _run_main("--db", str(reports_db), "--screenshot", str(target), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    _assert_png(target)
    # Screenshots leave the clerk's settings and data alone: no backup either.
    assert not (tmp_path / "settings.ini").exists()
    assert not (reports_db.parent / "backups").exists()


def test_start_up_trace_can_end_the_process_at_the_first_paint(
    tmp_path: Path, reports_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The benchmark counts the instructions up to the first paint: CCHC_TRACE_STARTUP=exit
    prints the moment and ends there, before any screenshot is taken."""
    monkeypatch.setenv("CCHC_TRACE_STARTUP", "exit")
    target = tmp_path / "list.png"
    result = _run_main("--db", str(reports_db), "--screenshot", str(target), data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^cchc-first-paint \d+\.\d+$", result.stderr, re.M)
    assert not target.exists()


@pytest.mark.skipif(not HAS_EDITOR, reason="the report editor is not installed")
def test_screenshot_of_a_report_section(tmp_path: Path, reports_db: Path) -> None:
    target = tmp_path / "section.png"
    result = _run_main(
        "--db",
        str(reports_db),
        "--screenshot",
        str(target),
        "--report",
        "1",
        "--section",
        "2",
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    _assert_png(target)


def test_screenshot_of_a_missing_report_fails_cleanly(tmp_path: Path, reports_db: Path) -> None:
    if not HAS_EDITOR:
        pytest.skip("the report editor is not installed")
    result = _run_main(
        "--db",
        str(reports_db),
        "--screenshot",
        str(tmp_path / "x.png"),
        "--report",
        "99",
        data_dir=tmp_path,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "không còn trong tệp dữ liệu" in result.stderr


@pytest.fixture
def reports_db(tmp_path: Path) -> Path:
    path = tmp_path / "reports.sqlite3"
    with Store.open(path) as store:
        store.create_report("so-ban-nganh-2022", "Sở Thông tin và Truyền thông", "2022-Q3")
        store.create_report("co-quan-tw-2022", "Cục Thuế tỉnh Sóc Trăng", "2022-H1")
    return path


# -- start-up errors -------------------------------------------------------------------------


def test_corrupt_database_gives_a_vietnamese_message(tmp_path: Path) -> None:
    corrupt = tmp_path / "hong.sqlite3"
    corrupt.write_bytes(b"Day khong phai la tep SQLite. " * 200)
    store, message, where = app_module.open_store(str(corrupt))
    assert store is None
    assert "hỏng" in message and where == str(corrupt)

    result = _run_main(
        "--db", str(corrupt), "--screenshot", str(tmp_path / "x.png"), data_dir=tmp_path
    )
    assert result.returncode == 1
    assert "hỏng" in result.stderr and "Traceback" not in result.stderr
    assert corrupt.read_bytes().startswith(b"Day khong phai")  # left untouched


def test_database_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "moi.sqlite3"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    store, message, _where = app_module.open_store(str(path))
    assert store is None
    assert "mới hơn" in message


def test_start_failure_shows_a_message_box(monkeypatch: pytest.MonkeyPatch, qapp) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda self: shown.append((self.text(), self.informativeText())) or 0
    )
    app_module._report_start_failure("Tệp dữ liệu bị hỏng.", "/tmp/x.sqlite3", interactive=True)
    assert shown == [
        (
            "Tệp dữ liệu bị hỏng.",
            "Tệp dữ liệu: /tmp/x.sqlite3\n\nChương trình sẽ đóng lại; tệp không bị thay đổi.",
        )
    ]


# -- unexpected errors -----------------------------------------------------------------------


def test_exception_hook_logs_details_and_shows_a_short_message(
    monkeypatch: pytest.MonkeyPatch, qapp
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "exec", lambda self: shown.append(f"{self.text()}|{self.informativeText()}")
    )
    handler = app_module.ExceptionHandler(interactive=True)
    try:
        raise ZeroDivisionError("chia cho không")
    except ZeroDivisionError as exc:
        handler(type(exc), exc, exc.__traceback__)

    log = paths.log_path().read_text(encoding="utf-8")
    assert "ZeroDivisionError: chia cho không" in log and "Traceback" in log
    assert len(shown) == 1
    assert "lỗi không mong muốn" in shown[0]
    assert str(paths.log_path()) in shown[0]
    assert "Traceback" not in shown[0]


# -- settings --------------------------------------------------------------------------------


def test_settings_persist_across_two_windows(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    first_id = store.create_report("so-ban-nganh-2022", "Sở Tư pháp", "2023-Q1")
    second_id = store.create_report("so-ban-nganh-2022", "Sở Y tế", "2023-Q1")
    first = MainWindow(store, settings)
    qtbot.addWidget(first)
    first.resize(790, 590)  # within the offscreen platform's 800×600 screen
    first.show()
    qtbot.waitExposed(first)
    first.table.horizontalHeader().resizeSection(1, 222)
    assert first.select_report(second_id)
    first.close()

    second = MainWindow(store, keys.open_settings())
    qtbot.addWidget(second)
    second.restore_session()
    second.show()
    qtbot.waitExposed(second)
    assert second.size() == QSize(790, 590)
    assert second.table.horizontalHeader().sectionSize(1) == 222
    assert second.selected_report_id() == second_id
    assert second.editor is None  # the list was showing at exit, so it shows again
    assert first_id != second_id


@pytest.mark.skipif(not HAS_EDITOR, reason="the report editor is not installed")
def test_open_report_section_and_splitter_come_back(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    report_id = store.create_report("so-ban-nganh-2022", "Sở Tư pháp", "2023-Q1")
    first = MainWindow(store, settings)
    qtbot.addWidget(first)
    first.resize(790, 590)
    first.show()
    qtbot.waitExposed(first)
    assert first.open_report(report_id, section=2)
    qtbot.waitUntil(lambda: first.editor.current_section() == 2)
    splitters = first._splitters(first.editor)
    assert [key for key, _ in splitters] == ["splitters/editorSplitter"]  # saved by name
    if splitters:
        splitter = splitters[0][1]
        total = sum(splitter.sizes())
        splitter.setSizes([total, 0])  # the problems list folded away
        sizes = splitter.sizes()
        assert sizes[-1] == 0
    first.close()

    second = MainWindow(store, keys.open_settings())
    qtbot.addWidget(second)
    second.restore_session()
    second.show()
    qtbot.waitExposed(second)
    assert second.current_report_id() == report_id
    qtbot.waitUntil(lambda: second.editor.current_section() == 2)
    if splitters:
        restored = second._splitters(second.editor)[0][1]
        qtbot.waitUntil(lambda: restored.sizes() == sizes)


@pytest.mark.skipif(not HAS_EDITOR, reason="the report editor is not installed")
def test_switching_language_rebuilds_the_window_with_the_same_report(
    qtbot: QtBot, translations: QApplication, store: Store, settings: QSettings
) -> None:
    report_id = store.create_report("so-ban-nganh-2022", "Sở Tư pháp", "2023-Q1")
    keeper = app_module.WindowKeeper(translations, store, settings, interactive=True)
    first = keeper.make("vi")
    qtbot.addWidget(first)
    first.show()
    qtbot.waitExposed(first)
    assert first.open_report(report_id, section=1)
    qtbot.waitUntil(lambda: first.editor.current_section() == 1)

    first.language_actions["en"].trigger()
    second = keeper.window
    qtbot.addWidget(second)
    assert second is not first
    assert second.file_menu.title() == "&File"
    assert second.current_report_id() == report_id
    qtbot.waitUntil(lambda: second.editor.current_section() == 1)
    assert keys.language(keys.open_settings()) == "en"


def test_garbage_collection_runs_again_after_start_up(
    tmp_path: Path, reports_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Collection is paused while the window starts (see startup_gc), never for good: not
    after importing the app, nor after main() returns, whichever way it ends."""
    import gc

    assert gc.isenabled()
    assert app_module.main(["--section", "2"]) == 2  # a usage error, before any window
    assert gc.isenabled()
    capsys.readouterr()
    args = ["--db", str(reports_db), "--screenshot", str(tmp_path / "s.png")]
    code = (
        "import gc, sys\n"
        "from cchc_desktop.gui.app import main\n"
        f"status = main({args!r})\n"
        "print(status, gc.isenabled(), gc.get_freeze_count() > 0)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CCHC_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60
    )
    assert done.stdout.split() == ["0", "True", "True"], done.stderr
