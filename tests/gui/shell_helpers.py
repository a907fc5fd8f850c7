"""Helpers shared by the shell tests (test_app, test_report_list, test_new_report_dialog).

Plain functions rather than conftest fixtures, so each test module states its own fixtures.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from cchc_desktop.gui import settings as keys
from cchc_desktop.store import Store

ROOT = Path(__file__).resolve().parents[2]


def run_python(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """``python ARGS`` in a fresh process, offscreen, with its own data folder."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CCHC_DATA_DIR=str(data_dir))
    env.pop("CCHC_DB", None)
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def temp_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QSettings:
    """QSettings pointed at a temporary folder, whichever way the code builds them."""
    folder = tmp_path / "settings"
    folder.mkdir()
    monkeypatch.setenv("CCHC_DATA_DIR", str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return keys.open_settings()


def create_reports(store: Store) -> dict[str, int]:
    """Three drafts and one signed report, by a short name."""
    ids = {
        "tttt_q3": store.create_report(
            "so-ban-nganh-2022", "Sở Thông tin và Truyền thông", "2022-Q3", "174/BC-STTTT"
        ),
        "tttt_q1": store.create_report(
            "so-ban-nganh-2022", "Sở Thông tin và Truyền thông", "2023-Q1"
        ),
        "thue_h1": store.create_report("co-quan-tw-2022", "Cục Thuế tỉnh Sóc Trăng", "2022-H1"),
        "signed": store.create_report("so-ban-nganh-2021", "Thanh tra tỉnh", "2021-Y"),
    }
    store.sign_off(ids["signed"], "Nguyễn Văn An", "Chánh Thanh tra")
    return ids


def click_in_modal(text: str, seen: list[str] | None = None) -> Callable[[], None]:
    """A callback for QTimer.singleShot that clicks the button labelled ``text`` in the modal
    message box that is open by then (and records the box's text in ``seen``)."""

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)  # not open yet: look again shortly
            return
        if seen is not None:
            seen.append(f"{box.text()}\n{box.informativeText()}")
        for button in box.findChildren(QPushButton):
            if button.text().replace("&", "") == text:
                button.click()
                return
        box.reject()  # never leave a test hanging on a box without that button

    return click


def close_modals() -> None:
    """After a test: close any modal window a failed assertion left open."""
    modal = QApplication.activeModalWidget()
    if modal is not None:
        modal.close()
