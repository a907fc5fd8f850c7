"""PySide6 6.12.0 drops a reference to None on many calls under CPython 3.11 until the
interpreter aborts ("none_dealloc"); pyproject.toml excludes it. This guards the pin."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot


def test_qt_calls_keep_references_to_none(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.setObjectName("x")
    # Other threads may hold a few references more or less; a leak would be ~2,000.
    assert abs(sys.getrefcount(None) - before) < 200
