"""The start-up floor: a bare PySide6 window with a 200-row QTableWidget.

Run as its own process, exactly like the app's ``--screenshot`` path: the same UI font and
Fusion style, show the window, detect its first paint with an event filter on the window
(as cchc_desktop.gui.app.FirstPaint does), print ``cchc-first-paint <time.monotonic()>`` to
stderr (as the app does under CCHC_TRACE_STARTUP=1), save a screenshot and exit. Nothing of
CCHC Desktop is imported, so the difference to the app is the app's own work.

    python bench/floor_window.py --screenshot FILE [--size 1280x800] [--rows 200]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--screenshot", required=True)
    parser.add_argument("--size", default="1280x800")
    parser.add_argument("--rows", type=int, default=200)
    parser.add_argument("--exit-at-first-paint", action="store_true")
    args = parser.parse_args(argv)
    width, height = (int(n) for n in args.size.lower().split("x"))

    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import (
        QApplication,
        QMainWindow,
        QTableWidget,
        QTableWidgetItem,
    )

    app = QApplication([sys.argv[0], "-style", "Fusion"])  # as the app names it
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"):
        QFontDatabase.addApplicationFont(str(FONTS / name))
    app.setFont(QFont("Noto Sans", 10))

    window = QMainWindow()
    window.setWindowTitle("Phụ lục thống kê số liệu")
    headers = ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"]
    table = QTableWidget(args.rows, len(headers))
    table.setHorizontalHeaderLabels(headers)
    for row in range(args.rows):
        cells = [
            str(row + 1),
            f"Số thủ tục hành chính được tiếp nhận và giải quyết đúng hạn (chỉ tiêu {row + 1})",
            "Thủ tục",
            f"{(row * 37) % 1000:,}".replace(",", "."),
            "",
        ]
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))
    table.setColumnWidth(1, 560)
    window.setCentralWidget(table)
    window.resize(width, height)

    class FirstPaint(QObject):
        """The app's way (gui/app.py FirstPaint): the window's own first Paint event."""

        def __init__(self) -> None:
            super().__init__()
            self.done = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if not self.done and event.type() == QEvent.Type.Paint:
                self.done = True
                window.removeEventFilter(self)
                QTimer.singleShot(0, finish)
            return False

    def finish() -> None:
        print(f"cchc-first-paint {time.monotonic():.6f}", file=sys.stderr, flush=True)
        if args.exit_at_first_paint:
            os._exit(0)  # the instruction count stops here, as the app's does
        QApplication.processEvents()
        window.grab().save(args.screenshot, "PNG")
        app.quit()

    watcher = FirstPaint()
    window.installEventFilter(watcher)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
