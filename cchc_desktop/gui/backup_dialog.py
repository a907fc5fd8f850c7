"""The restore dialog: the backups of the data file, newest first, to put one back in place."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.backup import Backup
from cchc_desktop.gui import look


class RestoreDialog(QDialog):
    """Lists backups by their label ("08:15:30 ngày 12/03/2024 — tự động khi mở chương trình
    (120 KB)"); accepting it means "restore the selected one"."""

    def __init__(
        self, backups: Sequence[Backup], folder: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        look.apply_style(self)
        self._backups = list(backups)
        self.setObjectName("restoreDialog")
        self.setWindowTitle(self.tr("Khôi phục từ bản sao lưu"))
        self.setMinimumWidth(600)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        intro = QLabel(
            self.tr(
                "Chọn bản sao lưu cần khôi phục. Mọi báo cáo trong tệp dữ liệu sẽ trở về như "
                "lúc sao lưu; những gì nhập sau thời điểm đó sẽ không còn."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        caption = QLabel(self.tr("Các &bản sao lưu (mới nhất ở trên):"))
        layout.addWidget(caption)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        self.list.setStyleSheet("QListWidget::item { padding: 5px 6px; }")
        caption.setBuddy(self.list)
        for backup in self._backups:
            item = QListWidgetItem(backup.label)
            item.setToolTip(str(backup.path))
            self.list.addItem(item)
        if self._backups:
            self.list.setCurrentRow(0)
        # As tall as the backups need, up to ten rows (the default ten are all visible).
        rows = min(10, max(3, len(self._backups)))
        row_height = self.list.sizeHintForRow(0) if self._backups else 28
        self.list.setFixedHeight(rows * row_height + 2 * self.list.frameWidth() + 4)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list)

        safety = QLabel(
            self.tr(
                "Dữ liệu hiện tại không mất: trước khi khôi phục, chương trình giữ nó lại thành "
                "một bản sao lưu “dữ liệu trước khi khôi phục”, có thể khôi phục lại nếu cần."
            )
        )
        safety.setWordWrap(True)
        safety.setObjectName("hint")
        layout.addWidget(safety)
        if folder:
            where = QLabel(self.tr("Thư mục sao lưu: %1").replace("%1", folder))
            where.setObjectName("hint")
            where.setWordWrap(True)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(where)

        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton(
            self.tr("Khôi phục bản đã chọn"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        cancel = self.buttons.addButton(self.tr("Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.setDefault(True)
        cancel.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list.currentRowChanged.connect(lambda row: self.restore_button.setEnabled(row >= 0))
        self.restore_button.setEnabled(self.list.currentRow() >= 0)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.list.setFocus()
        # Tall enough for the wrapped texts at this width, and no taller.
        layout.activate()
        width = max(self.minimumWidth(), self.sizeHint().width())
        if layout.hasHeightForWidth():
            self.resize(width, layout.totalHeightForWidth(width))

    def selected(self) -> Backup | None:
        row = self.list.currentRow()
        return self._backups[row] if 0 <= row < len(self._backups) else None


def choose_backup(parent: QWidget | None, backups: Sequence[Backup], folder: str) -> Backup | None:
    """Show the dialog; the backup to restore, or None when cancelled."""
    dialog = RestoreDialog(backups, folder, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.selected()
    finally:
        dialog.deleteLater()
