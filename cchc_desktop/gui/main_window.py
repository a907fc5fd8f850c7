"""The main window: the report list page and the report editor page, with menus and toolbar."""

from __future__ import annotations

import importlib
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QEvent,
    QItemSelectionModel,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QKeySequence,
    QScreen,
)
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import assets, paths, sessions
from cchc_desktop.gui import look
from cchc_desktop.gui import settings as keys
from cchc_desktop.gui.labels import report_name
from cchc_desktop.gui.sharing import ChangePoller, EditClaim, holder_text
from cchc_desktop.store import (
    READONLY_MESSAGE,
    SIGNED,
    NotFoundError,
    ReportSummary,
    Store,
    StoreError,
)

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from cchc_desktop.gui.report_list_model import ReportListModel
    from cchc_desktop.gui.report_list_page import ReportListPage
    from cchc_desktop.gui.report_list_view import ReportTable

translate = QCoreApplication.translate
APP_TITLE = "CCHC Desktop"
EDITOR_MODULE = "cchc_desktop.gui.report_editor"
EXPORT_MODULE = "cchc_desktop.gui.export_actions"


DEFAULT_SIZE = QSize(1366, 768)  # the common office laptop screen


def default_window_size(screen: QScreen | None) -> QSize:
    """The first-start size: 1366×768, or less on a smaller screen, where it leaves room for
    the taskbar and the title bar (a 1366×768 screen gets a window that fits on it)."""
    if screen is None:
        return DEFAULT_SIZE
    room = screen.availableGeometry()
    return QSize(
        min(DEFAULT_SIZE.width(), int(room.width() * 0.97)),
        min(DEFAULT_SIZE.height(), int(room.height() * 0.94)),
    )


def fit_height(widget: QWidget) -> None:
    """Make a dialog tall enough for its word-wrapped labels at its current width (a layout's
    minimum size ignores height-for-width, so wrapped text would otherwise overlap)."""
    layout = widget.layout()
    if layout is None:
        return
    layout.activate()
    if layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(widget.width())
        if needed > widget.height():
            widget.resize(widget.width(), needed)


@contextmanager
def busy_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


# -- message boxes -------------------------------------------------------------------------------


def show_error(parent: QWidget | None, title: str, text: str, informative: str = "") -> None:
    """A modal error message in the interface language."""
    from PySide6.QtWidgets import QMessageBox

    box = look.message_box(
        QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    if informative:
        box.setInformativeText(informative)
    box.addButton(translate("MainWindow", "Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def show_info(parent: QWidget | None, title: str, text: str, informative: str = "") -> None:
    from PySide6.QtWidgets import QMessageBox

    box = look.message_box(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    if informative:
        box.setInformativeText(informative)
    box.addButton(translate("MainWindow", "Đóng"), QMessageBox.ButtonRole.AcceptRole)
    box.exec()


def ask(parent: QWidget | None, title: str, text: str, informative: str, accept_text: str) -> bool:
    """Ask before something that cannot be undone; "Hủy" is the default button."""
    from PySide6.QtWidgets import QMessageBox

    box = look.message_box(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.setInformativeText(informative)
    accept = box.addButton(accept_text, QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(translate("MainWindow", "Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def ask_open_elsewhere(parent: QWidget | None, message: str) -> str:
    """The report is open for editing elsewhere: "view" (open read-only), "force" (take it
    over) or "" (cancel). ``message`` says where and since when."""
    from PySide6.QtWidgets import QMessageBox

    box = look.message_box(
        QMessageBox.Icon.Warning,
        translate("MainWindow", "Báo cáo đang được mở ở nơi khác"),
        message,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setInformativeText(
        translate(
            "MainWindow",
            "Nếu chọn “Vẫn mở để sửa”, nơi kia sẽ mất quyền sửa và chuyển sang chỉ xem; những gì "
            "đã lưu ở đó vẫn giữ nguyên, nhưng ô đang gõ dở ở đó có thể không lưu được.",
        )
    )
    view = box.addButton(
        translate("MainWindow", "Mở chỉ để xem"), QMessageBox.ButtonRole.AcceptRole
    )
    force = box.addButton(
        translate("MainWindow", "Vẫn mở để sửa"), QMessageBox.ButtonRole.DestructiveRole
    )
    cancel = box.addButton(translate("MainWindow", "Hủy"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(view)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is view:
        return "view"
    if clicked is force:
        return "force"
    return ""


def offer_after_sign_off(parent: QWidget | None) -> str:
    """Right after a sign-off: "print" (the clerk's next step), "pdf" or "" (later)."""
    from PySide6.QtWidgets import QMessageBox

    box = look.message_box(
        QMessageBox.Icon.Information,
        translate("MainWindow", "Đã ký duyệt"),
        translate("MainWindow", "Đã ký duyệt báo cáo. Số liệu đã khóa."),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setInformativeText(
        translate(
            "MainWindow",
            "Bước tiếp theo: in bản đã ký để lãnh đạo ký tên, đóng dấu; sau đó xuất PDF hoặc "
            "Excel để gửi đi.",
        )
    )
    printing = box.addButton(
        translate("MainWindow", "In bản đã ký"), QMessageBox.ButtonRole.AcceptRole
    )
    pdf = box.addButton(translate("MainWindow", "Xuất PDF"), QMessageBox.ButtonRole.ActionRole)
    later = box.addButton(translate("MainWindow", "Để sau"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(printing)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    if clicked is printing:
        return "print"
    if clicked is pdf:
        return "pdf"
    return ""


# -- the window ----------------------------------------------------------------------------------


class MainWindow(QMainWindow):
    """The report list and, once a report is opened, its editor."""

    languageChangeRequested = Signal(str)
    reportOpened = Signal(int)
    storeReplaced = Signal(object)  # the Store reopened after a restore
    # Emitted on the store's sync thread; Qt delivers it to the window's thread (queued).
    syncFailed = Signal(str)

    def __init__(
        self,
        store: Store,
        settings: QSettings,
        *,
        language: str = "vi",
        persist: bool = True,
        interactive: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.settings = settings
        self.language = language
        self.persist = persist  # False in --screenshot mode: leave the clerk's settings alone
        self.interactive = interactive  # False: messages go to stderr, never a modal box
        self.editor: Any = None
        self.claim: EditClaim | None = None  # this window's hold on the report it edits
        self._editor_report_id: int | None = None
        self._pending_section: int | None = None
        self._placeholders: dict[str, QAction] = {}
        self._list_selection: int | None = None  # selected when the list page is built
        self._list_header: QByteArray | None = None  # its saved column widths, until then

        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_TITLE)
        self.resize(default_window_size(self.screen()))
        self.setMinimumSize(760, 480)  # still usable on a 1024×768 screen with a taskbar

        self._model: ReportListModel | None = None  # see model
        self._list_page: ReportListPage | None = None  # see list_page

        self._build_actions()
        self._build_pages()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._list_chrome()

        # Other windows and the command line may save to the same file: show what they did.
        self.poller = ChangePoller(store, self)
        self.poller.changed.connect(self.check_for_changes)
        # Each Enter commits at once; the disk confirms it on the store's thread, not here.
        self.syncFailed.connect(self.show_sync_error)
        store.sync_in_background(self.syncFailed.emit)

    # -- construction ------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Any = None,
        *,
        icon_name: str = "",
        shortcut: QKeySequence | str | QKeySequence.StandardKey | None = None,
        tip: str = "",
        icon_text: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(look.icon(icon_name))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon_text:
            action.setIconText(icon_text)
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            self.tr("Báo cáo &mới…"),
            self.new_report,
            icon_name="new-report",
            shortcut=QKeySequence.StandardKey.New,
            icon_text=self.tr("Báo cáo mới"),
            tip=self.tr("Tạo báo cáo mới (Ctrl+N)"),
        )
        self.open_action = self._action(
            self.tr("&Mở báo cáo"),
            self.open_selected,
            icon_name="open",
            icon_text=self.tr("Mở"),
            tip=self.tr("Mở báo cáo đang chọn (Enter hoặc nhấp đúp)"),
        )
        self.open_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action = self._action(
            self.tr("&Xóa báo cáo…"),
            self.delete_selected,
            icon_name="delete",
            shortcut=QKeySequence(Qt.Key.Key_Delete),
            icon_text=self.tr("Xóa"),
            tip=self.tr("Xóa báo cáo đang chọn (Delete)"),
        )
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.back_action = self._action(
            self.tr("← Danh sách báo cáo"),
            self.show_list,
            shortcut=QKeySequence.StandardKey.Back,
            tip=self.tr("Đóng báo cáo, trở về danh sách báo cáo (Alt+←)"),
        )
        self.filter_action = self._action(
            self.tr("&Tìm báo cáo…"),
            self.focus_filter,
            icon_name="find",
            shortcut=QKeySequence.StandardKey.Find,
            tip=self.tr("Lọc danh sách báo cáo (Ctrl+F)"),
        )
        self.filter_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.import_action = self._action(
            self.tr("&Nhập từ tệp Excel…"),
            self.import_xlsx,
            icon_name="import",
            icon_text=self.tr("Nhập Excel"),
            tip=self.tr("Nạp một báo cáo từ tệp Excel do CCHC Desktop xuất ra"),
        )
        self.export_pdf_action = self._action(
            self.tr("Xuất &PDF…"),
            lambda: self._run_export("export_pdf"),
            icon_name="export-pdf",
            shortcut="Ctrl+E",
            icon_text=self.tr("Xuất PDF"),
            tip=self.tr("Xuất báo cáo ra tệp PDF (Ctrl+E)"),
        )
        self.export_xlsx_action = self._action(
            self.tr("Xuất &Excel…"),
            lambda: self._run_export("export_xlsx"),
            icon_name="export-xlsx",
            shortcut="Ctrl+Shift+E",
            icon_text=self.tr("Xuất Excel"),
            tip=self.tr("Xuất báo cáo ra tệp Excel (Ctrl+Shift+E)"),
        )
        self.print_action = self._action(
            self.tr("&In…"),
            lambda: self._run_export("print_report"),
            icon_name="print",
            shortcut=QKeySequence.StandardKey.Print,
            icon_text=self.tr("In"),
            tip=self.tr("Xem trước và in báo cáo (Ctrl+P)"),
        )
        self.backup_action = self._action(
            self.tr("&Sao lưu ngay"),
            self.backup_now,
            tip=self.tr("Sao lưu tệp dữ liệu vào thư mục backups bên cạnh nó"),
        )
        self.restore_action = self._action(
            self.tr("&Khôi phục từ bản sao lưu…"),
            self.restore_backup,
            tip=self.tr("Thay dữ liệu hiện tại bằng một bản sao lưu trước đó"),
        )
        self.quit_action = self._action(
            self.tr("&Thoát"), self.close, shortcut=QKeySequence("Ctrl+Q")
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.about_action = self._action(
            self.tr("&Giới thiệu CCHC Desktop"), self.show_about, icon_name="about"
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

        # Stand-ins for the editor's own actions while no report is open.
        for name, text, icon_name in (
            ("undo_action", self.tr("&Hoàn tác"), "undo"),
            ("redo_action", self.tr("&Làm lại"), "redo"),
            ("find_action", self.tr("&Tìm trong báo cáo…"), "find"),
            ("prev_section_action", self.tr("Phần t&rước"), "prev-section"),
            ("next_section_action", self.tr("Phần &tiếp theo"), "next-section"),
            ("sign_off_action", self.tr("&Ký duyệt…"), "sign-off"),
            ("reopen_action", self.tr("Mở lại để &sửa…"), "reopen"),
        ):
            placeholder = self._action(text, icon_name=icon_name)
            placeholder.setEnabled(False)
            self._placeholders[name] = placeholder

        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, label in (("vi", "Tiếng Việt"), ("en", "English")):
            action = QAction(label, self.language_group)
            action.setCheckable(True)
            action.setChecked(code == self.language)
            action.triggered.connect(lambda _=False, c=code: self.change_language(c))
            self.language_actions[code] = action

    def _build_pages(self) -> None:
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.editor_page = QWidget(self.stack)
        self.editor_page.setObjectName("editorPage")
        editor_layout = QVBoxLayout(self.editor_page)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        self.stack.addWidget(self.editor_page)

    @property
    def model(self) -> ReportListModel:
        """The report list's model, read from the store when first needed (with the list page,
        see list_page). The table shows the model itself: it filters and sorts its own rows (a
        proxy between them would ask Python about every row of every keystroke)."""
        if self._model is None:
            from cchc_desktop.gui.report_list_model import ReportListModel

            self._model = ReportListModel(self.store, self)
            try:
                self._model.refresh()
            except StoreError as exc:
                self.show_store_error(str(exc))
        return self._model

    @property
    def list_page(self) -> ReportListPage:
        """The report list's page, built the first time it is needed: a start that opens a
        report straight away, the usual one, never pays for it (≈ 25 M instructions, a
        fortieth of the start-up; docs/benchmarks.md)."""
        return self._ensure_list_page()

    def _ensure_list_page(self) -> ReportListPage:
        if self._list_page is None:
            from cchc_desktop.gui.report_list_page import ReportListPage

            page = ReportListPage(self.model, self.stack)
            self._list_page = page
            page.filter_edit.textChanged.connect(self._filter_changed)
            page.filter_edit.returnPressed.connect(self._filter_return)
            page.filter_edit.installEventFilter(self)
            page.table.doubleClicked.connect(lambda _index: self.open_selected())
            page.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_actions())
            page.table.addAction(self.open_action)
            page.table.addAction(self.delete_action)
            page.addAction(self.filter_action)
            self._restore_list_header()
            self.stack.addWidget(page)
            if self.editor is None:
                self.stack.setCurrentWidget(page)
            self._show_rows(self._list_selection)
            self._update_actions()
        return self._list_page

    @property
    def table(self) -> ReportTable:
        return self.list_page.table

    @property
    def filter_edit(self) -> QLineEdit:
        return self.list_page.filter_edit

    def first_painted(self) -> None:
        """The window is on screen: prepare what the clerk's first action needs (and no
        earlier: all of it would delay the first paint)."""
        if self.editor is not None:
            self.editor.prepare_editing()

    def showEvent(self, event: QShowEvent) -> None:
        if self.editor is None:
            self._ensure_list_page()  # the window opens on the list
        super().showEvent(event)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&Tệp"))
        self.edit_menu = bar.addMenu(self.tr("&Sửa"))
        self.report_menu = bar.addMenu(self.tr("&Báo cáo"))
        self.help_menu = bar.addMenu(self.tr("Trợ &giúp"))

        self.file_menu.addAction(self.new_action)
        self.file_menu.addAction(self.back_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.export_pdf_action)
        self.file_menu.addAction(self.export_xlsx_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.print_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.backup_action)
        self.file_menu.addAction(self.restore_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.help_menu.addAction(self.about_action)
        language_menu = self.help_menu.addMenu(self.tr("&Ngôn ngữ (Language)"))
        for action in self.language_actions.values():
            language_menu.addAction(action)

    def _editor_action(self, name: str) -> QAction:
        """The open editor's action, or the disabled stand-in."""
        if self.editor is not None:
            action = getattr(self.editor, name, None)
            if isinstance(action, QAction):
                return action
        return self._placeholders[name]

    def _fill_edit_and_report_menus(self) -> None:
        """The Sửa and Báo cáo menus hold the editor's own actions while a report is open."""
        editing = self.editor is not None
        self.edit_menu.clear()
        self.edit_menu.addAction(self._editor_action("undo_action"))
        self.edit_menu.addAction(self._editor_action("redo_action"))
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(
            self._editor_action("find_action") if editing else self.filter_action
        )

        self.report_menu.clear()
        self.report_menu.addAction(self.new_action)
        if not editing:
            self.report_menu.addAction(self.open_action)
            self.report_menu.addAction(self.delete_action)
        else:
            self.report_menu.addAction(self.back_action)
        self.report_menu.addSeparator()
        self.report_menu.addAction(self._editor_action("prev_section_action"))
        self.report_menu.addAction(self._editor_action("next_section_action"))
        extra = getattr(self.editor, "next_problem_action", None) if editing else None
        if isinstance(extra, QAction):
            self.report_menu.addAction(extra)
        self.report_menu.addSeparator()
        self.report_menu.addAction(self._editor_action("sign_off_action"))
        self.report_menu.addAction(self._editor_action("reopen_action"))

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self.tr("Thanh công cụ"), self)
        self.toolbar.setObjectName("mainToolBar")
        look.apply_style(self.toolbar, "QToolBar")  # before its buttons: styled as they come
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.setIconSize(QSize(20, 20))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.toggleViewAction().setEnabled(False)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _fill_toolbar(self) -> None:
        self.toolbar.clear()
        if self.editor is None:
            for action in (self.new_action, self.open_action, self.delete_action):
                self.toolbar.addAction(action)
            self.toolbar.addSeparator()
            self.toolbar.addAction(self.import_action)
            self.toolbar.addSeparator()
            for action in (self.export_pdf_action, self.export_xlsx_action, self.print_action):
                self.toolbar.addAction(action)
            return
        self.toolbar.addAction(self.back_action)
        self.toolbar.addSeparator()
        for name in ("undo_action", "redo_action", "find_action"):
            action = self._editor_action(name)
            action.setPriority(QAction.Priority.LowPriority)  # icon only: the toolbar stays short
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.toolbar.addAction(self._editor_action("sign_off_action"))
        self.toolbar.addAction(self._editor_action("reopen_action"))
        self.toolbar.addSeparator()
        for action in (self.export_pdf_action, self.export_xlsx_action, self.print_action):
            self.toolbar.addAction(action)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        look.apply_style(status, "QStatusBar", "#hint", "#readonlyLabel")
        status.setSizeGripEnabled(True)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        location = str(self.store.path) if self.store.path else self.tr("(bộ nhớ tạm)")
        self.db_label = QLabel(self.tr("Tệp dữ liệu: %1").replace("%1", location), self)
        self.db_label.setObjectName("hint")
        self.db_label.setToolTip(location)
        status.addWidget(self.count_label)
        if self.readonly:
            self.readonly_label = QLabel(self.tr("Chỉ đọc"), self)
            self.readonly_label.setObjectName("readonlyLabel")
            self.readonly_label.setToolTip(
                self.tr(
                    "Tệp dữ liệu đang mở ở chế độ chỉ đọc (không có quyền ghi): xem, in và xuất "
                    "được, nhưng không tạo, sửa hay xóa được báo cáo."
                )
            )
            status.addPermanentWidget(self.readonly_label)
        status.addPermanentWidget(self.db_label)

    # -- the list ------------------------------------------------------------------------------

    def reload_reports(self, select_id: int | None = None) -> None:
        """Re-read the list from the store, keeping (or setting) the selected report."""
        if select_id is None:
            select_id = self.selected_report_id()
        if self._model is not None:  # else it is read when first needed
            try:
                self._model.refresh()
            except StoreError as exc:
                self.show_store_error(str(exc))
        if self._list_page is None:
            self._list_selection = select_id  # selected when the page is built
        else:
            self._show_rows(select_id)
        self._update_actions()

    def _show_rows(self, select_id: int | None) -> None:
        """The table (or why it is empty), with ``select_id`` or else the first row selected."""
        self._update_empty_state()
        if select_id is not None:
            self.select_report(select_id)
        if self.selected_report_id() is None and self.model.rowCount() > 0:
            self.table.selectRow(0)

    def select_report(self, report_id: int) -> bool:
        row = self.model.row_of(report_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def selected_report_id(self) -> int | None:
        if self._list_page is None:
            return self._list_selection
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row()):
            return None
        from cchc_desktop.gui.report_list_model import REPORT_ID_ROLE

        value = index.siblingAtColumn(0).data(REPORT_ID_ROLE)
        return int(value) if value is not None else None

    def selected_summary(self) -> ReportSummary | None:
        report_id = self.selected_report_id()
        if report_id is None or self._list_page is None:
            return None
        row = self.model.row_of(report_id)
        return self.model.summary(row) if row is not None else None

    def focus_filter(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def _filter_changed(self, text: str) -> None:
        keep = self.selected_report_id()
        try:
            self.model.set_filter_text(text)
        except StoreError as exc:  # a moment's lock: say so where the clerk looks, no dialog
            message = self.tr("Chưa lọc được danh sách: %1 Gõ tiếp để thử lại.")
            self.statusBar().showMessage(message.replace("%1", str(exc)), 8000)
            return
        self._update_empty_state()
        if (keep is None or not self.select_report(keep)) and self.model.rowCount() > 0:
            self.table.selectRow(0)
        self._update_actions()

    def _filter_return(self) -> None:
        if self.model.rowCount() == 1:
            self.table.selectRow(0)
            self.open_selected()
        elif self.model.rowCount() > 1:
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: Any, event: QEvent) -> bool:
        if watched is self.editor and event.type() == QEvent.Type.Show:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self._apply_editor_state)
            return False
        # Down arrow in the filter box moves into the list, as in a browser's address bar.
        if (
            self._list_page is not None
            and watched is self._list_page.filter_edit
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down  # type: ignore[attr-defined]
            and self.model.rowCount() > 0
        ):
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
            if self.selected_report_id() is None:
                self.table.selectRow(0)
            return True
        return super().eventFilter(watched, event)

    def _update_empty_state(self) -> None:
        total = self.model.total_count()
        shown = self.model.rowCount()
        if total == 0:
            self.list_page.show_empty(
                self.tr(
                    "Chưa có báo cáo nào.\n"
                    "Bấm “Báo cáo mới” (Ctrl+N) để bắt đầu, "
                    "hoặc “Nhập Excel” để nạp một tệp Excel do CCHC Desktop xuất ra."
                )
            )
        elif shown == 0:
            self.list_page.show_empty(
                self.tr("Không có báo cáo nào khớp với “%1”.").replace(
                    "%1", self.filter_edit.text().strip()
                )
            )
        else:
            self.list_page.show_table()
        self._update_count()

    def _update_count(self) -> None:
        """The status bar's count of reports (of those shown, when the list is filtered)."""
        total = self.model.total_count()
        shown = self.model.rowCount()
        if total and shown != total:
            text = (
                self.tr("Hiện %1 trên %2 báo cáo")
                .replace("%1", str(shown))
                .replace("%2", str(total))
            )
        else:
            text = self.tr("%n báo cáo", "", total)
        self.count_label.setText(text)

    @property
    def readonly(self) -> bool:
        """The data file can only be read (no write permission): nothing can be created."""
        return bool(getattr(self.store, "readonly", False))

    def _update_actions(self) -> None:
        on_list = self.editor is None
        selected = self.selected_summary() if on_list else None
        self.open_action.setEnabled(on_list and selected is not None)
        self.delete_action.setEnabled(on_list and selected is not None and not self.readonly)
        self.new_action.setEnabled(not self.readonly)
        self.import_action.setEnabled(not self.readonly)
        has_report = self.current_report_id() is not None
        for action in (self.export_pdf_action, self.export_xlsx_action, self.print_action):
            action.setEnabled(has_report)
        self.back_action.setEnabled(not on_list)
        self.back_action.setVisible(not on_list)
        self.filter_action.setEnabled(on_list)
        on_file = self.store.path is not None
        self.backup_action.setEnabled(on_file)
        self.restore_action.setEnabled(on_file and not self.readonly)

    def current_report_id(self) -> int | None:
        """The open report, or on the list page the selected one."""
        if self.editor is not None:
            return self._editor_report_id
        return self.selected_report_id()

    # -- commands ------------------------------------------------------------------------------

    def new_report(self) -> None:
        from cchc_desktop.gui.new_report_dialog import NewReportDialog

        self._commit_pending_edit()
        dialog = NewReportDialog(self.store, self.settings, self)
        try:
            if dialog.exec() and dialog.created_id is not None:
                self.reload_reports(dialog.created_id)
                self.open_report(dialog.created_id)
        finally:
            dialog.deleteLater()

    def open_selected(self) -> None:
        report_id = self.selected_report_id()
        if report_id is not None:
            self.open_report(report_id)

    def delete_selected(self) -> None:
        summary = self.selected_summary()
        if summary is None:
            return
        name = report_name(summary)
        if summary.status == SIGNED:
            self.info(
                self.tr("Không xóa được báo cáo đã ký"),
                self.tr("Báo cáo “%1” đã được ký duyệt nên không thể xóa.").replace("%1", name),
                self.tr(
                    "Nếu thật sự cần xóa, hãy mở báo cáo, chọn “Mở lại để sửa” để trả về bản "
                    "nháp, rồi xóa."
                ),
            )
            return
        live = sessions.holders(self.store, summary.id)
        if live:
            self.info(
                self.tr("Báo cáo đang được mở ở nơi khác"),
                self.tr("Báo cáo “%1” đang được mở để sửa %2 nên chưa xóa được.")
                .replace("%1", name)
                .replace("%2", holder_text(live[0])),
                self.tr("Hãy đóng báo cáo ở nơi đó trước, rồi xóa."),
            )
            return
        if not ask(
            self,
            self.tr("Xóa báo cáo"),
            self.tr("Xóa báo cáo “%1”?").replace("%1", name),
            self.tr(
                "Toàn bộ số liệu và ghi chú đã nhập trong báo cáo này sẽ bị xóa vĩnh viễn, "
                "không khôi phục được."
            ),
            self.tr("Xóa báo cáo"),
        ):
            return
        try:
            self.store.delete_report(summary.id)
        except NotFoundError:
            pass  # already gone (deleted elsewhere): the reload below shows that
        except (StoreError, PermissionError) as exc:
            self.show_store_error(str(exc))
        row = self.table.currentIndex().row()
        self.reload_reports()
        if self.model.rowCount():
            self.table.selectRow(min(max(row, 0), self.model.rowCount() - 1))
        self.statusBar().showMessage(self.tr("Đã xóa báo cáo “%1”.").replace("%1", name), 8000)

    def import_xlsx(self) -> None:
        module = self._export_module()
        if module is None:
            return
        self._commit_pending_edit()
        report_id = module.import_xlsx(self, self.store)
        if report_id is not None:
            self.show_list()
            self.reload_reports(int(report_id))
            self.open_report(int(report_id))

    def _run_export(self, name: str) -> None:
        report_id = self.current_report_id()
        if report_id is None:
            return
        module = self._export_module()
        if module is None:
            return
        self._commit_pending_edit()
        getattr(module, name)(self, self.store, report_id)

    def _export_module(self) -> Any:
        """The export module, imported on first use so start-up stays fast."""
        try:
            return importlib.import_module(EXPORT_MODULE)
        except ModuleNotFoundError as exc:
            if exc.name != EXPORT_MODULE:
                raise
            self.info(
                self.tr("Chưa có chức năng này"),
                self.tr("Bản cài đặt này chưa có chức năng xuất, in và nhập tệp."),
                self.tr("Hãy cài bản CCHC Desktop đầy đủ hoặc liên hệ người hỗ trợ kỹ thuật."),
            )
            return None

    def show_sync_error(self, message: str) -> None:
        """The disk failed to confirm edits already committed (see Store.sync_in_background)."""
        self.error(
            self.tr("Lỗi ghi xuống đĩa"),
            message,
            self.tr(
                "Đừng tắt máy. Hãy xuất báo cáo đang làm ra một ổ đĩa khác (Tệp → Xuất Excel…), "
                "rồi kiểm tra ổ đĩa hoặc nhờ người hỗ trợ kỹ thuật."
            ),
        )

    def show_store_error(self, message: str) -> None:
        self.error(
            self.tr("Lỗi tệp dữ liệu"),
            message,
            self.tr("Các số liệu đã lưu trước đó không bị ảnh hưởng."),
        )

    def info(self, title: str, text: str, informative: str = "") -> None:
        if self.interactive:
            show_info(self, title, text, informative)
        else:
            print(f"CCHC Desktop: {text} {informative}".rstrip(), file=sys.stderr)

    def error(self, title: str, text: str, informative: str = "") -> None:
        if self.interactive:
            show_error(self, title, text, informative)
        else:
            print(f"CCHC Desktop: {text} {informative}".rstrip(), file=sys.stderr)

    def show_about(self) -> None:
        from PySide6.QtUiTools import QUiLoader

        from cchc_desktop import __version__

        loader = QUiLoader(self)
        dialog = loader.load(str(assets.ui_dir() / "about_dialog.ui"), self)
        look.apply_style(dialog)
        dialog.findChild(QLabel, "titleLabel").setObjectName("pageTitle")  # styled as a title
        dialog.findChild(QLabel, "iconLabel").setPixmap(
            look.icon("app").pixmap(QSize(64, 64), self.devicePixelRatioF())
        )
        version = dialog.findChild(QLabel, "versionLabel")
        version.setText(version.text().replace("%1", __version__))
        location = dialog.findChild(QLabel, "dataLabel")
        location.setText(
            location.text()
            .replace("%1", str(self.store.path or "—"))
            .replace("%2", str(paths.log_path()))
        )
        fit_height(dialog)
        dialog.exec()
        dialog.deleteLater()

    def change_language(self, code: str) -> None:
        if code == self.language:
            return
        self.settings.setValue(keys.KEY_LANGUAGE, code)
        self.languageChangeRequested.emit(code)

    # -- the editor ----------------------------------------------------------------------------

    def open_report(self, report_id: int, section: int | None = None) -> bool:
        """Show a report in the editor (section counts from 0); False if it could not open."""
        try:
            editor_module = importlib.import_module(EDITOR_MODULE)
        except ModuleNotFoundError as exc:
            if exc.name != EDITOR_MODULE:
                raise
            self.info(
                self.tr("Chưa mở được báo cáo"),
                self.tr("Bản cài đặt này chưa có phần nhập số liệu báo cáo."),
            )
            return False
        self._close_editor()
        claim: sessions.Claim | None = None
        try:
            mode, claim, banner = self._claim(report_id)
            if not mode:
                self._show_list_chrome()
                return False
            editor = editor_module.ReportEditor(self.store, report_id, self.editor_page)
        except NotFoundError:
            self._release(claim)
            self.info(
                self.tr("Không tìm thấy báo cáo"),
                self.tr("Báo cáo này không còn trong tệp dữ liệu (có thể đã bị xóa)."),
            )
            self._show_fresh_list(None)
            return False
        except StoreError as exc:
            self._release(claim)
            self.show_store_error(str(exc))
            self._show_list_chrome()
            return False
        self.editor = editor
        self._editor_report_id = report_id
        self._pending_section = section
        if claim is not None:
            self._hold(claim)
        elif mode == "view":
            editor.set_read_only(banner)
            editor.readonly_banner.button.setVisible(not self.readonly)
        self._decorate_editor_actions(editor)
        self.editor_page.layout().addWidget(editor)
        editor.summaryChanged.connect(self._editor_summary_changed)
        editor.storeError.connect(self.show_store_error)
        editor.changedElsewhere.connect(self._editor_conflict)
        editor.signedOff.connect(self._editor_signed_off)
        editor.editRequested.connect(self.request_edit)
        # The editor lays itself out when first shown; splitters and section come after that.
        editor.installEventFilter(self)
        self.stack.setCurrentWidget(self.editor_page)
        self._fill_edit_and_report_menus()
        self._fill_toolbar()
        self.db_label.hide()
        self.count_label.hide()
        self._update_title()
        self._update_actions()
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.persist:
            self.settings.setValue(keys.KEY_LAST_REPORT, report_id)
        self.reportOpened.emit(report_id)
        return True

    def show_list(self) -> None:
        """Close the open report and return to the list, with that report selected."""
        report_id = self._editor_report_id
        self._close_editor()
        self._show_fresh_list(report_id)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_fresh_list(self, select_id: int | None) -> None:
        """The list page, read from the store, with ``select_id`` (or else the first row)
        selected. A list not read yet is read once, by the page built for it."""
        if self._model is None:
            self._list_selection = select_id
            self._show_list_chrome()
        else:
            self._show_list_chrome()
            self.reload_reports(select_id)

    def _apply_editor_state(self) -> None:
        editor = self.editor
        if editor is None:
            return
        self._restore_splitters(editor)
        section = self._pending_section
        self._pending_section = None
        if section is not None and 0 <= section < editor.section_count():
            editor.set_section(section)

    def _decorate_editor_actions(self, editor: QWidget) -> None:
        """Give the editor's actions the toolbar's icons (the editor leaves them plain)."""
        for name, placeholder in self._placeholders.items():
            action = getattr(editor, name, None)
            if isinstance(action, QAction) and action.icon().isNull():
                action.setIcon(placeholder.icon())

    def _close_editor(self) -> None:
        if self.editor is None:
            return
        self._commit_pending_edit()
        self._save_splitters(self.editor)
        if self.persist:
            self.settings.setValue(keys.KEY_LAST_SECTION, self._editor_section())
        editor = self.editor
        self.editor = None
        self._editor_report_id = None
        self.release_claim()
        # Menus and toolbar drop the editor's actions before the editor (their owner) goes.
        self._fill_edit_and_report_menus()
        self._fill_toolbar()
        editor.hide()
        self.editor_page.layout().removeWidget(editor)
        editor.deleteLater()

    def _show_list_chrome(self) -> None:
        self.stack.setCurrentWidget(self.list_page)
        self._list_chrome()

    def _list_chrome(self) -> None:
        """Menus, toolbar, status bar and title for the list (the page itself aside)."""
        self._fill_edit_and_report_menus()
        self._fill_toolbar()
        self.db_label.show()
        self.count_label.show()
        self.setWindowTitle(APP_TITLE)
        self._update_actions()

    def _editor_section(self) -> int:
        try:
            return int(self.editor.current_section()) if self.editor is not None else 0
        except Exception:  # the editor is not ours; a wrong answer must not block closing
            return 0

    def _commit_pending_edit(self) -> None:
        """Let a cell editor that still has focus write its value (delegates commit on
        focus-out)."""
        focus = QApplication.focusWidget()
        if focus is not None and self.editor is not None and self.editor.isAncestorOf(focus):
            focus.clearFocus()

    def _editor_summary_changed(self) -> None:
        summary = None
        if self._editor_report_id is not None and self._model is not None:
            try:
                summary = self._model.refresh_report(self._editor_report_id)
            except StoreError as exc:
                self.show_store_error(str(exc))
        self._update_title(summary)

    def _update_title(self, summary: ReportSummary | None = None) -> None:
        """The open report's name and state in the title bar; ``summary``: the open report
        just read (by the list's model), so it is not read twice."""
        report_id = self._editor_report_id
        if summary is None or summary.id != report_id:
            try:
                summary = None if report_id is None else self.store.summary(report_id)
            except (NotFoundError, StoreError):  # gone, or the file is locked for a moment
                summary = None
        if summary is None:
            self.setWindowTitle(APP_TITLE)
            return
        title = report_name(summary)
        if summary.status == SIGNED:
            title += " " + self.tr("(đã ký)")
        elif self.editor is not None and self.editor.is_read_only():
            title += " " + self.tr("(chỉ xem)")
        self.setWindowTitle(f"{title} — {APP_TITLE}")

    def _report_exists(self, report_id: int) -> bool:
        try:
            self.store.summary(report_id)
        except (NotFoundError, StoreError):
            return False
        return True

    # -- other windows on the same file ----------------------------------------------------------

    def _claim(self, report_id: int) -> tuple[str, sessions.Claim | None, str]:
        """Decide how a report opens: ("edit", claim or None, ""), ("view", None, banner
        text) or ("", None, "") when the clerk cancelled. NotFoundError when it is gone."""
        if self.readonly:
            return "view", None, READONLY_MESSAGE
        if not self.interactive:
            # A screenshot writes nothing: it only looks whether somebody else edits it.
            live = sessions.holders(self.store, report_id)
            if live:
                return "view", None, self._elsewhere_text(live[0])
            return "edit", None, ""
        try:
            result = sessions.claim(self.store, report_id)
        except StoreError as exc:
            text = self.tr("Không ghi được vào tệp dữ liệu, nên báo cáo mở chỉ để xem: %1")
            return "view", None, text.replace("%1", str(exc))
        if isinstance(result, sessions.Claim):
            return "edit", result, ""
        choice = ask_open_elsewhere(self, self._elsewhere_question(result))
        if choice == "force":
            try:
                forced = sessions.claim(self.store, report_id, force=True)
            except StoreError as exc:
                self.show_store_error(str(exc))
                return "view", None, self._elsewhere_text(result.holder)
            if isinstance(forced, sessions.Claim):
                return "edit", forced, ""
        if choice == "view":
            return "view", None, self._elsewhere_text(result.holder)
        return "", None, ""

    def _elsewhere_question(self, result: sessions.OpenElsewhere) -> str:
        """Where and since when the report is open, and what can be done: the core's own
        Vietnamese message, or its translation in another interface language."""
        if self.language == "vi":
            return result.message()
        return self.tr(
            "Báo cáo này đang được mở để sửa %1. Bạn vẫn xem, in và xuất được, nhưng chưa sửa "
            "được cho đến khi nơi kia đóng báo cáo. Nếu chắc chắn nơi kia đã tắt, bạn có thể "
            "chọn “Vẫn mở để sửa”."
        ).replace("%1", holder_text(result.holder))

    def _elsewhere_text(self, holder: sessions.Session) -> str:
        return self.tr(
            "Chỉ để xem: báo cáo này đang được mở để sửa %1. Ở đây vẫn xem, in và xuất được, "
            "nhưng không sửa được."
        ).replace("%1", holder_text(holder))

    def _hold(self, claim: sessions.Claim) -> None:
        self.release_claim()
        self.claim = EditClaim(self.store, claim, self)
        self.claim.lost.connect(self._claim_lost)

    def _release(self, claim: sessions.Claim | None) -> None:
        if claim is not None:
            sessions.release(self.store, claim)

    def release_claim(self) -> None:
        """Give up the report this window holds for editing, if any."""
        held, self.claim = self.claim, None
        if held is not None:
            held.release()
            held.deleteLater()

    def _claim_lost(self) -> None:
        """Another window took the report over (or a backup was restored): this one turns
        to viewing only. The cell being typed in is saved first."""
        self.claim = None
        if self.editor is None:
            return
        self.editor.set_read_only(
            self.tr(
                "Báo cáo đã được mở để sửa ở nơi khác, nên ở cửa sổ này chỉ còn để xem. Số liệu "
                "đã nhập ở đây đã được lưu; bấm “Mở để sửa…” nếu cần sửa tiếp ở cửa sổ này."
            )
        )
        self._update_title()
        self._update_actions()

    def request_edit(self) -> None:
        """ "Mở để sửa…" on the read-only banner: claim the open report again."""
        if self.editor is None or self._editor_report_id is None:
            return
        try:
            mode, claim, banner = self._claim(self._editor_report_id)
        except NotFoundError:
            self._report_vanished()
            return
        if claim is not None:
            self._hold(claim)
            self.editor.set_editable()
        elif mode == "view":
            self.editor.readonly_banner.label.setText(banner)
        self._update_title()

    def check_for_changes(self) -> None:
        """Something was saved to the file elsewhere: refresh the list and the open report
        (the current cell stays), and notice a claim that was taken over."""
        if self.claim is not None:
            self.claim.check()
        try:
            if self._model is not None and self._model.is_stale():
                self.reload_reports()
        except StoreError:
            return  # locked for a moment: the next poll tries again
        if self.editor is None:
            return
        try:
            if self.editor.refresh_from_store():
                self.statusBar().showMessage(
                    self.tr("Đã cập nhật những gì vừa được lưu ở nơi khác."), 8000
                )
        except NotFoundError:
            self._report_vanished()
            return
        self._update_title()

    def _report_vanished(self) -> None:
        self.show_list()
        self.info(
            self.tr("Báo cáo đã bị xóa"),
            self.tr("Báo cáo đang mở vừa bị xóa ở nơi khác (một cửa sổ hoặc lệnh khác)."),
        )

    def _editor_conflict(self, message: str) -> None:
        self.error(self.tr("Số liệu vừa được sửa ở nơi khác"), message)

    def _editor_signed_off(self) -> None:
        """The clerk's next steps after signing off: print for the director, then export."""
        self._update_title()
        if not self.interactive:
            return
        choice = offer_after_sign_off(self)
        if choice == "print":
            self._run_export("print_report")
        elif choice == "pdf":
            self._run_export("export_pdf")

    # -- backups -------------------------------------------------------------------------------

    def backup_now(self) -> None:
        """Tệp → Sao lưu ngay."""
        from cchc_desktop import backup

        if self.store.path is None:
            return
        self._commit_pending_edit()
        try:
            with busy_cursor():
                made = backup.make_backup(self.store.path)
        except (backup.BackupError, OSError) as exc:
            self.error(self.tr("Chưa sao lưu được"), str(exc))
            return
        self.info(
            self.tr("Đã sao lưu"),
            self.tr("Đã sao lưu tệp dữ liệu (%1).").replace("%1", made.label),
            self.tr("Bản sao lưu: %1").replace("%1", str(made.path)),
        )

    def restore_backup(self) -> bool:
        """Tệp → Khôi phục từ bản sao lưu…: pick a backup and put it in place of the data."""
        from cchc_desktop import backup
        from cchc_desktop.gui.backup_dialog import choose_backup

        path = self.store.path
        if path is None:
            return False
        self._commit_pending_edit()
        try:
            backups = backup.list_backups(path)
        except backup.BackupError as exc:
            self.error(self.tr("Không đọc được các bản sao lưu"), str(exc))
            return False
        if not backups:
            self.info(
                self.tr("Chưa có bản sao lưu"),
                self.tr("Chưa có bản sao lưu nào của tệp dữ liệu này."),
                self.tr(
                    "Chương trình tự sao lưu mỗi ngày khi mở; cũng có thể sao lưu bất cứ lúc "
                    "nào bằng Tệp → Sao lưu ngay."
                ),
            )
            return False
        chosen = choose_backup(self, backups, str(paths.backups_dir(path)))
        if chosen is None:
            return False
        force = False
        others = sessions.live_elsewhere(self.store.conn)
        if others:
            holder = others[0]
            if not ask(
                self,
                self.tr("Tệp dữ liệu đang được mở ở nơi khác"),
                self.tr("Tệp dữ liệu đang được mở để sửa %1.").replace("%1", holder_text(holder)),
                self.tr(
                    "Khôi phục lúc này sẽ thay cả những gì nơi đó đang nhập. Tốt nhất hãy đóng "
                    "cửa sổ đó trước; chỉ khôi phục ngay nếu chắc chắn nơi đó đã tắt."
                ),
                self.tr("Vẫn khôi phục"),
            ):
                return False
            force = True
        return self._restore_from(chosen, force)

    def _restore_from(self, chosen: Any, force: bool) -> bool:
        from cchc_desktop import backup
        from cchc_desktop.migrations import DatabaseTooNewError

        path = self.store.path
        assert path is not None
        report_id = self._editor_report_id
        self._close_editor()  # releases this window's claim
        self._show_list_chrome()
        self.poller.stop()
        self.store.close()
        failure = ""
        safety = None
        try:
            with busy_cursor():
                safety = backup.restore(path, chosen.path, force=force)
        except (StoreError, OSError, sqlite3.Error) as exc:  # BackupError is a StoreError
            failure = str(exc)
        try:
            store = Store.open(path)
        except (StoreError, DatabaseTooNewError, OSError, sqlite3.Error) as exc:
            self.error(
                self.tr("Không mở lại được tệp dữ liệu"),
                str(exc),
                self.tr("Chương trình sẽ đóng lại. Hãy mở lại chương trình rồi thử lại."),
            )
            self.persist = False
            self.close()
            return False
        self._use_store(store)
        self.reload_reports(report_id)
        if failure:
            self.error(self.tr("Chưa khôi phục được"), failure)
            return False
        kept = ""
        if safety is not None:
            kept = self.tr(
                "Dữ liệu ngay trước khi khôi phục được giữ lại thành bản sao lưu “%1”; có thể "
                "khôi phục lại bản đó nếu cần."
            ).replace("%1", safety.label)
        self.info(
            self.tr("Đã khôi phục"),
            self.tr("Đã khôi phục dữ liệu từ bản sao lưu %1.").replace("%1", chosen.label),
            kept,
        )
        return True

    def _use_store(self, store: Store) -> None:
        """Work on a reopened Store (after a restore)."""
        self.store = store
        store.sync_in_background(self.syncFailed.emit)
        if self._model is not None:
            self._model.set_store(store)
        self.poller.watch(store)
        self.storeReplaced.emit(store)

    # -- settings ------------------------------------------------------------------------------

    def restore_session(self, *, reopen: bool = True) -> None:
        """Geometry, column widths and the last report (reopened if it was open at exit)."""
        geometry = self.settings.value(keys.KEY_GEOMETRY)
        if isinstance(geometry, QByteArray | bytes) and geometry:
            self.restoreGeometry(QByteArray(geometry))
        state = self.settings.value(keys.KEY_STATE)
        if isinstance(state, QByteArray | bytes) and state:
            self.restoreState(QByteArray(state))
        header = self.settings.value(keys.KEY_LIST_HEADER)
        if isinstance(header, QByteArray | bytes) and header:
            self._list_header = QByteArray(header)
            self._restore_list_header()
        last = keys.int_value(self.settings, keys.KEY_LAST_REPORT)
        if last is None or not self._report_exists(last):
            return
        if reopen and keys.bool_value(self.settings, keys.KEY_EDITOR_OPEN):
            self._list_selection = last  # selected on the list when the clerk goes back to it
            section = keys.int_value(self.settings, keys.KEY_LAST_SECTION, 0)
            if self.open_report(last, section):
                return
        self.select_report(last)

    def _restore_list_header(self) -> None:
        """The list's saved column widths, once there is a list page to take them."""
        if self._list_header is None or self._list_page is None:
            return
        from cchc_desktop.gui.report_list_model import AGENCY

        head = self._list_page.table.horizontalHeader()
        head.restoreState(self._list_header)
        head.setSectionResizeMode(AGENCY, QHeaderView.ResizeMode.Stretch)

    def save_session(self) -> None:
        if not self.persist:
            return
        s = self.settings
        s.setValue(keys.KEY_GEOMETRY, self.saveGeometry())
        s.setValue(keys.KEY_STATE, self.saveState())
        if self._list_page is not None:  # else the widths saved before still hold
            header = self._list_page.table.horizontalHeader()
            s.setValue(keys.KEY_LIST_HEADER, header.saveState())
        s.setValue(keys.KEY_EDITOR_OPEN, self.editor is not None)
        current = self.current_report_id()
        if current is not None:
            s.setValue(keys.KEY_LAST_REPORT, current)
        if self.editor is not None:
            s.setValue(keys.KEY_LAST_SECTION, self._editor_section())
            self._save_splitters(self.editor)
        s.sync()

    @staticmethod
    def _splitters(root: Any) -> list[tuple[str, QSplitter]]:
        """Each named splitter ``root`` lists (``root.splitters()``) with its settings key:
        saved by name, so a splitter added later never gets another one's position. Listed,
        not searched for: findChildren() hands Python every child, and PySide6 loads every
        class it has not loaded yet to tell their types (≈ 20 M instructions at start-up)."""
        found = [s for s in root.splitters() if s.objectName()]
        return [(f"{keys.KEY_SPLITTERS}/{s.objectName()}", s) for s in found]

    def _save_splitters(self, root: QWidget) -> None:
        if not self.persist:
            return
        for key, splitter in self._splitters(root):
            self.settings.setValue(key, splitter.saveState())

    def _restore_splitters(self, root: QWidget) -> None:
        for key, splitter in self._splitters(root):
            state = self.settings.value(key)
            if isinstance(state, QByteArray | bytes) and state:
                splitter.restoreState(QByteArray(state))

    def hand_over(self) -> None:
        """Before another window takes over this one's session (a language switch): save
        the cell being typed and the session, and give up the claim so the new window gets
        the report for editing without asking."""
        self._commit_pending_edit()
        self.save_session()
        self.release_claim()
        self.poller.stop()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._commit_pending_edit()
        self.save_session()
        self.release_claim()
        self.poller.stop()
        super().closeEvent(event)
