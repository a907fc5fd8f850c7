"""The sign-off dialog: who signs, with which title, on which date.

Sign-off is refused while the report has errors (they are listed); warnings are listed too and the
clerk must tick "Tôi đã xem các cảnh báo" before the button enables. The dialog signs through the
store itself, so a refusal (changed meanwhile, disk failure) is shown in place, not lost.
"""

from __future__ import annotations

import html
import re
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.gui import look
from cchc_desktop.gui.labels import period_label
from cchc_desktop.gui.report_model import severity_icon
from cchc_desktop.rules import ERROR, WARNING, Problem
from cchc_desktop.store import (
    ReportLockedError,
    SignOffRefusedError,
    Store,
    StoreError,
)
from cchc_desktop.text import nfc
from cchc_desktop.values import ValueInputError

# Titles as printed above the signature; a line break is shown (and typed) as " / ".
SIGNER_TITLES = (
    "GIÁM ĐỐC",
    "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC PHỤ TRÁCH",
    "TRƯỞNG BAN",
    "KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN",
    "CỤC TRƯỞNG",
    "KT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG",
    "CHÁNH THANH TRA",
    "CHÁNH VĂN PHÒNG",
)
_LINE_BREAK = re.compile(r"\s*/\s*")


def title_for_display(title: str) -> str:
    """ "KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC" → "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC"."""
    return " / ".join(line.strip() for line in title.splitlines() if line.strip())


def title_from_display(text: str) -> str:
    """The reverse: " / " (or "/") becomes the printed line break."""
    return "\n".join(part for part in _LINE_BREAK.split(nfc(text).strip()) if part)


class SignOffDialog(QDialog):
    """Collects signer, title and date, then signs the report off through the store."""

    def __init__(
        self,
        store: Store,
        report_id: int,
        parent: QWidget | None = None,
        *,
        signer: str = "",
        title: str = "",
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        look.apply_style(self)
        self._store = store
        self._report_id = report_id
        self._today = today or date.today()
        self.fingerprint: str | None = None
        report = store.report(report_id)
        evaluation = store.validate(report_id)
        self._period_start = report.period.start
        self._errors = evaluation.errors
        self._warnings = evaluation.warnings

        self.setWindowTitle(self.tr("Ký duyệt báo cáo"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)

        heading = QLabel(
            f"<b>{html.escape(report.agency)}</b><br>"
            f"{period_label(report.period)} — {html.escape(report.catalogue.title)}"
        )
        heading.setTextFormat(Qt.TextFormat.RichText)
        heading.setWordWrap(True)
        layout.addWidget(heading)

        self.errors_label = QLabel(
            self.tr(
                "Chưa ký duyệt được: báo cáo còn %n lỗi cần sửa trước.\n"
                "Đóng hộp này, bấm vào từng lỗi trong danh sách “Lỗi và cảnh báo” để đến ô cần "
                "sửa.",
                "",
                len(self._errors),
            )
        )
        self.errors_label.setWordWrap(True)
        self.errors_label.setObjectName("errorsLabel")
        self.errors_label.setStyleSheet("color: #b42318;")
        self.errors_list = self._problem_list(self._errors, ERROR)
        layout.addWidget(self.errors_label)
        layout.addWidget(self.errors_list)
        self.errors_label.setVisible(bool(self._errors))
        self.errors_list.setVisible(bool(self._errors))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.signer_edit = QLineEdit(signer)
        self.signer_edit.setPlaceholderText(self.tr("Họ và tên, ví dụ Nguyễn Văn An"))
        self.signer_edit.setMaxLength(300)
        form.addRow(self.tr("Người &ký:"), self.signer_edit)
        self.title_combo = QComboBox()
        self.title_combo.setEditable(True)
        self.title_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.title_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        for known in SIGNER_TITLES:
            self.title_combo.addItem(title_for_display(known))
        self.title_combo.setCurrentText(title_for_display(title) if title else "")
        self.title_combo.lineEdit().setPlaceholderText(self.tr("Chọn hoặc gõ chức vụ"))
        self.title_combo.setToolTip(
            self.tr("Dùng dấu “ / ” để xuống dòng khi in, ví dụ KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC")
        )
        form.addRow(self.tr("&Chức vụ:"), self.title_combo)
        self.date_edit = QDateEdit()
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDate(QDate(self._today.year, self._today.month, self._today.day))
        form.addRow(self.tr("&Ngày ký:"), self.date_edit)
        layout.addLayout(form)

        self.warnings_label = QLabel(
            self.tr("Báo cáo có %n cảnh báo. Hãy xem lại trước khi ký:", "", len(self._warnings))
        )
        self.warnings_label.setStyleSheet("color: #93370d; font-weight: bold;")
        self.warnings_list = self._problem_list(self._warnings, WARNING)
        self.warnings_check = QCheckBox(self.tr("Tôi đã xem các cảnh báo"))
        for widget in (self.warnings_label, self.warnings_list, self.warnings_check):
            layout.addWidget(widget)
            widget.setVisible(bool(self._warnings))

        self.message_label = QLabel()
        self.message_label.setObjectName("messageLabel")
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b42318;")
        layout.addWidget(self.message_label)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Ký duyệt"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.signer_edit.textChanged.connect(self._update)
        self.title_combo.currentTextChanged.connect(self._update)
        self.date_edit.dateChanged.connect(self._update)
        self.warnings_check.toggled.connect(self._update)
        self._update()
        self.signer_edit.setFocus()

    def _problem_list(self, problems: list[Problem], severity: str) -> QListWidget:
        widget = QListWidget()
        widget.setWordWrap(True)
        widget.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        icon = severity_icon(severity)
        for problem in problems:
            widget.addItem(QListWidgetItem(icon, problem.message))
        widget.setMaximumHeight(min(160, 12 + 44 * max(1, len(problems))))
        return widget

    # -- values ---------------------------------------------------------------------------------

    def signer(self) -> str:
        return nfc(self.signer_edit.text()).strip()

    def signer_title(self) -> str:
        """The title as stored and printed (line breaks restored)."""
        return title_from_display(self.title_combo.currentText())

    def signed_date(self) -> date:
        value = self.date_edit.date()
        return date(value.year(), value.month(), value.day())

    def problems(self) -> list[str]:
        """Why the report cannot be signed yet, each naming the field; empty when it can."""
        out = []
        if self._errors:
            out.append(
                self.tr(
                    "Báo cáo còn %n lỗi: sửa hết lỗi (danh sách ở trên) rồi mới ký.",
                    "",
                    len(self._errors),
                )
            )
        if not self.signer():
            out.append(self.tr("Người ký: chưa nhập họ và tên người ký."))
        if not self.signer_title():
            out.append(self.tr("Chức vụ: chưa chọn hoặc nhập chức vụ người ký."))
        signed = self.signed_date()
        if signed > self._today:
            out.append(
                self.tr("Ngày ký: %1 là ngày trong tương lai; cần từ %2 đến hôm nay.")
                .replace("%1", f"{signed:%d/%m/%Y}")
                .replace("%2", f"{self._period_start:%d/%m/%Y}")
            )
        elif signed < self._period_start:
            out.append(
                self.tr("Ngày ký: %1 trước kỳ báo cáo; cần từ %2 đến hôm nay.")
                .replace("%1", f"{signed:%d/%m/%Y}")
                .replace("%2", f"{self._period_start:%d/%m/%Y}")
            )
        if self._warnings and not self.warnings_check.isChecked():
            out.append(self.tr("Cảnh báo: đánh dấu “Tôi đã xem các cảnh báo” trước khi ký."))
        return out

    def _update(self) -> None:
        problems = self.problems()
        self.ok_button.setEnabled(not problems)
        self.message_label.setText("\n".join(problems))

    def accept(self) -> None:
        if self.problems():
            self._update()
            return
        try:
            self.fingerprint = self._store.sign_off(
                self._report_id, self.signer(), self.signer_title(), self.signed_date()
            )
        except SignOffRefusedError as exc:
            details = "\n".join(f"• {p.message}" for p in exc.problems)
            self.message_label.setText(f"{exc}\n{details}")
            self.ok_button.setEnabled(False)
            return
        except (ReportLockedError, StoreError, ValueInputError) as exc:
            self.message_label.setText(str(exc))
            return
        super().accept()
