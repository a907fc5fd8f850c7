"""Backups from the window (issue #5): the start-up backup, Tệp → Sao lưu ngay, and
Tệp → Khôi phục từ bản sao lưu… with the Store closed, restored and reopened."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from cchc_desktop import backup, paths, sessions
from cchc_desktop.gui import app as app_module
from cchc_desktop.gui import main_window as mw
from cchc_desktop.gui.backup_dialog import RestoreDialog
from cchc_desktop.gui.main_window import MainWindow
from cchc_desktop.store import Store
from tests.gui.shell_helpers import click_in_modal, close_modals, temp_settings

pytestmark = pytest.mark.gui


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QSettings:
    return temp_settings(tmp_path, monkeypatch)


@pytest.fixture(autouse=True)
def _no_modal_leftovers() -> Iterator[None]:
    yield
    close_modals()


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """The window's message boxes, recorded instead of shown."""
    shown: list[tuple[str, str, str]] = []

    def record(_parent: object, title: str, text: str, informative: str = "") -> None:
        shown.append((title, text, informative))

    monkeypatch.setattr(mw, "show_error", record)
    monkeypatch.setattr(mw, "show_info", record)
    return shown


def agencies(window: MainWindow) -> set[str]:
    return {window.model.summary(r).agency for r in range(window.model.rowCount())}


def pick_backup(row: int, seen: list[list[str]] | None = None) -> Callable[[], None]:
    """For QTimer.singleShot: choose a row in the restore dialog and confirm."""

    def pick() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, RestoreDialog):
            QTimer.singleShot(10, pick)
            return
        if seen is not None:
            seen.append([dialog.list.item(i).text() for i in range(dialog.list.count())])
        dialog.list.setCurrentRow(row)
        dialog.restore_button.click()

    return pick


def test_backup_now_then_restore_from_the_window(
    qtbot: QtBot, db_path: Path, settings: QSettings, told: list
) -> None:
    store = Store.open(db_path)
    kept_id = store.create_report("so-ban-nganh-2022", "Sở Tư pháp", "2023-Q1")
    store.set_value(kept_id, "SBN22_003", "12")
    keeper = app_module.WindowKeeper(QApplication.instance(), store, settings, interactive=True)
    window = keeper.make("vi")
    qtbot.addWidget(window)
    window.poller.timer.stop()
    window.show()

    window.backup_action.trigger()
    (made,) = backup.list_backups(db_path)
    assert made.kind == backup.MANUAL
    assert told[-1][0] == "Đã sao lưu" and made.label in told[-1][1]
    assert str(made.path) in told[-1][2]

    # Work goes on after the backup…
    later_id = store.create_report("so-ban-nganh-2022", "Sở Y tế", "2023-Q1")
    store.set_value(kept_id, "SBN22_003", "99")
    window.reload_reports()
    assert window.open_report(kept_id)  # open (and claimed) while restoring
    assert sessions.sessions(store, kept_id)

    # …and the backup is put back from the window.
    seen: list[list[str]] = []
    QTimer.singleShot(0, pick_backup(0, seen))
    assert window.restore_backup()
    assert seen == [[made.label]]
    assert told[-1][0] == "Đã khôi phục"
    assert made.label in told[-1][1]
    assert "dữ liệu trước khi khôi phục" in told[-1][2]

    new_store = window.store
    assert new_store is not store and keeper.store is new_store
    assert agencies(window) == {"Sở Tư pháp"}
    assert new_store.report(kept_id).entries["SBN22_003"].value == "12"
    assert window.editor is None and window.selected_report_id() == kept_id
    assert sessions.sessions(new_store) == []  # claims are released (and wiped by restore)
    kinds = sorted(b.kind for b in backup.list_backups(db_path))
    assert kinds == [backup.MANUAL, backup.PRE_RESTORE]
    # The reopened store works: edit, and the change poll follows it.
    assert window.open_report(kept_id)
    assert window.editor.model.setData(
        window.editor.model.index(window.editor.model.row_of("SBN22_003"), 3), "13"
    )
    assert new_store.report(kept_id).entries["SBN22_003"].value == "13"
    with Store.open(db_path) as elsewhere:
        elsewhere.create_report("so-ban-nganh-2022", "Sở Xây dựng", "2023-Q1")
    assert window.poller.poll()
    assert "Sở Xây dựng" in agencies(window)
    # The undone work is in the pre-restore backup, restorable in turn.
    pre = next(b for b in backup.list_backups(db_path) if b.kind == backup.PRE_RESTORE)
    with Store.open(pre.path, readonly=True) as old:
        assert {s.id for s in old.reports()} == {kept_id, later_id}
    window.close()
    new_store.close()


def test_a_damaged_backup_is_refused_and_the_data_stays(
    qtbot: QtBot, db_path: Path, settings: QSettings, told: list
) -> None:
    store = Store.open(db_path)
    store.create_report("so-ban-nganh-2022", "Sở Tư pháp", "2023-Q1")
    folder = paths.backups_dir(db_path)
    folder.mkdir()
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    (folder / f"{db_path.stem}-{stamp}-manual.sqlite3").write_bytes(b"hong " * 2000)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.poller.timer.stop()
    QTimer.singleShot(0, pick_backup(0))
    assert not window.restore_backup()
    title, text, _ = told[-1]
    assert title == "Chưa khôi phục được"
    assert "hỏng" in text and "giữ nguyên" in text
    assert agencies(window) == {"Sở Tư pháp"}
    assert window.store.create_report("so-ban-nganh-2022", "Sở Y tế", "2023-Q1")
    window.close()
    window.store.close()


def test_restore_without_backups_says_how_to_make_one(
    qtbot: QtBot, store: Store, settings: QSettings, told: list
) -> None:
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    assert window.restore_action.isEnabled()
    assert not window.restore_backup()
    assert told == [
        (
            "Chưa có bản sao lưu",
            "Chưa có bản sao lưu nào của tệp dữ liệu này.",
            told[0][2],
        )
    ]
    assert "Sao lưu ngay" in told[0][2]


def test_restore_asks_while_another_computer_has_the_file_open(
    qtbot: QtBot, db_path: Path, settings: QSettings, told: list
) -> None:
    store = Store.open(db_path)
    report_id = store.create_report("so-ban-nganh-2022", "Sở Tư pháp", "2023-Q1")
    backup.make_backup(db_path)
    store.create_report("so-ban-nganh-2022", "Sở Y tế", "2023-Q1")
    now = sessions._stamp(sessions.utc_now())
    with store.atomic() as conn:
        conn.execute(
            "INSERT INTO sessions (owner, report_id, host, pid, program, opened_at, heartbeat)"
            " VALUES ('MAY-KHAC:7:ab', ?, 'MAY-KHAC', 7, 'window', ?, ?)",
            (report_id, now, now),
        )
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.poller.timer.stop()
    seen: list[str] = []
    QTimer.singleShot(0, pick_backup(0))
    QTimer.singleShot(0, click_in_modal("Hủy", seen))
    assert not window.restore_backup()
    assert "trên máy MAY-KHAC" in seen[0]
    assert agencies(window) == {"Sở Tư pháp", "Sở Y tế"}  # nothing restored

    QTimer.singleShot(0, pick_backup(0))
    QTimer.singleShot(0, click_in_modal("Vẫn khôi phục"))
    assert window.restore_backup()
    assert agencies(window) == {"Sở Tư pháp"}
    window.close()
    window.store.close()


def test_backup_on_start_makes_one_a_day_and_warns_when_it_cannot(
    db_path: Path, tmp_path: Path
) -> None:
    Store.open(db_path).close()
    assert app_module.backup_on_start(str(db_path)) == ""
    (first,) = backup.list_backups(db_path)
    assert first.kind == backup.AUTO
    assert app_module.backup_on_start(str(db_path)) == ""  # once a day
    assert len(backup.list_backups(db_path)) == 1

    damaged = tmp_path / "hong" / "cchc.sqlite3"
    damaged.parent.mkdir()
    damaged.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100 + b"hong" * 500)
    warning = app_module.backup_on_start(str(damaged))
    assert "hỏng" in warning


def test_backup_warning_is_shown_after_start_and_the_program_carries_on(
    monkeypatch: pytest.MonkeyPatch, db_path: Path, tmp_path: Path
) -> None:
    Store.open(db_path).close()
    monkeypatch.setattr(app_module, "backup_on_start", lambda db: "Ổ đĩa đã đầy.")
    warned: list[str] = []

    def record(window: object, message: str) -> None:
        warned.append(message)
        QApplication.instance().exit(0)  # the clerk closes the window after reading it

    monkeypatch.setattr(app_module, "_warn_backup_failed", record)
    # The rest of the test run keeps its plain look and language.
    monkeypatch.setattr(app_module, "apply_look", lambda app: None)
    monkeypatch.setattr(app_module, "install_translations", lambda app, language: [])
    monkeypatch.setattr(mw.MainWindow, "restore_session", lambda self, reopen=True: None)
    try:
        assert app_module.main(["--db", str(db_path)]) == 0
    finally:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.close()
                widget.deleteLater()
    assert warned == ["Ổ đĩa đã đầy."]


def test_a_damaged_data_file_can_be_restored_at_start(db_path: Path, qapp: QApplication) -> None:
    with Store.open(db_path) as store:
        report_id = store.create_report("so-ban-nganh-2022", "Sở Tư pháp", "2023-Q1")
    backup.make_backup(db_path)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db_path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 84 + b"hong" * 3000)
    store, message, where = app_module.open_store(str(db_path))
    assert store is None and "hỏng" in message
    assert app_module.restorable_at_start(where)

    seen: list[str] = []
    QTimer.singleShot(0, click_in_modal("Khôi phục từ bản sao lưu…", seen))
    assert app_module._report_start_failure(message, where, True, can_restore=True)
    assert "Có thể khôi phục dữ liệu từ một bản sao lưu" in seen[0]
    QTimer.singleShot(0, pick_backup(0))
    assert app_module.restore_at_start(where) == ""
    store, message, _ = app_module.open_store(str(db_path))
    assert store is not None, message
    with store:
        assert store.summary(report_id).agency == "Sở Tư pháp"
    # A sound file that is merely from a newer program is not offered a restore.
    assert not app_module.restorable_at_start(str(db_path))


def test_cancelling_the_restore_at_start_closes(db_path: Path, qapp: QApplication) -> None:
    Store.open(db_path).close()
    backup.make_backup(db_path)
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert app_module.restore_at_start(str(db_path)) is None
