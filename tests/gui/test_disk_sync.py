"""The window's store syncs each commit on a thread (see cchc_desktop/wal_sync.py): the window
takes the next key at once, and a disk that fails to confirm a write is told to the clerk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from cchc_desktop.gui import main_window as mw
from cchc_desktop.gui.main_window import MainWindow
from cchc_desktop.store import Store
from tests.conftest import make_seed_report
from tests.gui.shell_helpers import temp_settings

pytestmark = pytest.mark.gui

SEED = "003_d8652e5c4f02bc4c"
CODE = "SBN22_003"


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QSettings:
    return temp_settings(tmp_path, monkeypatch)


def test_a_disk_that_fails_to_confirm_an_edit_is_told_with_what_to_do(
    qtbot: QtBot,
    store: Store,
    settings: QSettings,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[tuple[str, str, str]] = []
    monkeypatch.setattr(mw, "show_error", lambda _p, *texts: shown.append(texts))
    report_id = make_seed_report(store, SEED)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.poller.timer.stop()
    syncer = store.syncer
    assert syncer is not None, "the window's store syncs in the background"
    assert window.open_report(report_id)
    assert syncer.flush(10)

    def broken(fd: int) -> None:
        raise OSError(5, os.strerror(5))

    syncer.fsync = broken
    assert window.editor.document.write_value(CODE, "12")  # committed: the window moves on
    assert store.report(report_id).entries[CODE].value == "12"
    qtbot.waitUntil(lambda: bool(shown))
    title, text, advice = shown[0]
    assert title == "Lỗi ghi xuống đĩa"
    assert str(db_path) in text and os.strerror(5) in text
    assert "Đừng tắt máy" in advice and "Xuất Excel" in advice
    assert window.editor.document.entry(CODE).value == "12"  # still on screen, never dropped

    syncer.fsync = os.fsync
    assert window.editor.document.write_value(CODE, "13")
    assert syncer.flush(10)
    assert len(shown) == 1  # told once, not at every Enter


def test_the_windows_own_checkpoint_is_not_taken_for_a_change_made_elsewhere(
    qtbot: QtBot, store: Store, settings: QSettings
) -> None:
    """The syncer's checkpoint runs on a connection of its own, so SQLite's data_version moves
    as if another program had saved; the next poll rereads and finds nothing to announce."""
    report_id = make_seed_report(store, SEED)
    window = MainWindow(store, settings)
    qtbot.addWidget(window)
    window.poller.timer.stop()
    assert window.open_report(report_id)
    syncer = store.syncer
    assert syncer is not None
    syncer.checkpoint_bytes = 1  # after every sync
    window.poller.poll()  # whatever the seeding left behind
    for value in ("21", "22"):
        assert window.editor.document.write_value(CODE, value)
        assert syncer.flush(10)
    announced: list[str] = []
    window.statusBar().messageChanged.connect(announced.append)
    assert window.poller.poll()  # data_version moved: the window looks again
    assert announced == []
    assert window.editor.document.entry(CODE).value == "22"
