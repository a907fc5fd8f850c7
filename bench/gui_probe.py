"""Finding and driving the GUI pieces the benchmark measures, while they are being written.

Every lookup returns None when the module is not there yet, so the benchmark reports "not
built yet" instead of failing. Nothing here changes the app: it constructs widgets the way the
main window does and paints them offscreen.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

WINDOW_SIZE = (1280, 800)
_app: Any = None


def ensure_app() -> Any:
    """The QApplication (offscreen), styled as the app styles itself when it can tell us how."""
    global _app
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if existing is not None:
        _app = existing
        return existing
    _app = QApplication(["cchc-bench"])
    setup = _app_setup()
    if setup is not None:
        setup(_app)
    return _app


def _app_setup() -> Any:
    """The app's own font and style set-up, if app.py exposes one."""
    module = _module("cchc_desktop.gui.app")
    if module is None:
        return None
    for name in ("apply_look", "setup_application", "apply_style"):
        fn = getattr(module, name, None)
        if callable(fn):
            return fn
    return None


def _module(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and (exc.name == name or name.startswith(exc.name + ".")):
            return None
        raise


def report_list_model() -> Any:
    module = _module("cchc_desktop.gui.report_list_model")
    return None if module is None else module.ReportListModel


def report_table_class() -> Any:
    """The window's table of reports (a plain QTableView before report_list_view.py)."""
    module = _module("cchc_desktop.gui.report_list_view")
    if module is None:
        from PySide6.QtWidgets import QTableView

        class Plain(QTableView):
            def __init__(self, model: Any) -> None:
                super().__init__()
                self.setModel(model)

        return Plain
    return module.ReportTable


def report_editor_class() -> Any:
    module = _module("cchc_desktop.gui.report_editor")
    return None if module is None else getattr(module, "ReportEditor", None)


def build_editor(editor_cls: Any, store: Any, report_id: int) -> Any:
    """A ReportEditor as the main window builds it, shown at the window's size."""
    widget = editor_cls(store, report_id)
    widget.resize(*WINDOW_SIZE)
    widget.show()
    return widget


def dispose(widget: Any) -> None:
    from PySide6.QtWidgets import QApplication

    widget.close()
    widget.deleteLater()
    QApplication.processEvents()
    QApplication.sendPostedEvents(None, 0)  # DeferredDelete: free it now, not at exit


def section_count(editor: Any) -> int:
    if hasattr(editor, "section_count"):
        return int(editor.section_count())
    return len(editor.document.catalogue.sections)


def current_view(editor: Any) -> Any:
    """The table view of the section on screen."""
    from PySide6.QtWidgets import QTableView

    views = [v for v in editor.findChildren(QTableView) if v.isVisible()]
    # The problems list is a table too: the section table is the one with a value column.
    views = [v for v in views if v.model() is not None and v.model().columnCount() >= 5]
    return views[0] if views else None
