"""The "Báo cáo mới" dialog: agency, catalogue, period, number and date of a new report.

The form itself is ui/new_report_dialog.ui (Qt Designer), loaded with QUiLoader.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, QSettings, Qt, QTimer
from PySide6.QtUiTools import QUiLoader
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop import assets
from cchc_desktop.catalogue import Catalogue
from cchc_desktop.gui import look
from cchc_desktop.gui import settings as keys
from cchc_desktop.gui.labels import period_label
from cchc_desktop.periods import KINDS, Period, PeriodError
from cchc_desktop.store import Store, StoreError
from cchc_desktop.text import fold, nfc
from cchc_desktop.values import ValueInputError

MAX_NAME = 300
MAX_REPORT_NO = 60


def default_period(today: date) -> Period:
    """The period a clerk is most likely reporting on: the first whose cut-off is no more
    than a month ago (reports are written in the weeks after the cut-off)."""
    for year in (today.year - 1, today.year, today.year + 1):
        for kind in KINDS:
            period = Period(year, kind)
            if period.end >= today - timedelta(days=31):
                return period
    return Period(today.year, "Y")


class NewReportDialog(QDialog):
    """Creates a draft report in the store; ``created_id`` holds its id after acceptance."""

    def __init__(self, store: Store, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        look.apply_style(self)
        self.store = store
        self.settings = settings
        self.created_id: int | None = None
        self.setWindowTitle(self.tr("Báo cáo mới"))
        self.setObjectName("newReportDialog")

        loader = QUiLoader(self)
        self.form = loader.load(str(assets.ui_dir() / "new_report_dialog.ui"), self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)

        find = self.form.findChild
        self.agency_combo: QComboBox = find(QComboBox, "agencyCombo")
        self.superior_edit: QLineEdit = find(QLineEdit, "superiorEdit")
        self.place_edit: QLineEdit = find(QLineEdit, "placeEdit")
        self.catalogue_combo: QComboBox = find(QComboBox, "catalogueCombo")
        self.catalogue_hint: QLabel = find(QLabel, "catalogueHint")
        self.kind_combo: QComboBox = find(QComboBox, "kindCombo")
        self.year_spin: QSpinBox = find(QSpinBox, "yearSpin")
        self.period_range: QLabel = find(QLabel, "periodRange")
        self.report_no_edit: QLineEdit = find(QLineEdit, "reportNoEdit")
        self.date_check: QCheckBox = find(QCheckBox, "dateCheck")
        self.date_edit: QDateEdit = find(QDateEdit, "dateEdit")
        self.message: QLabel = find(QLabel, "formMessage")
        self.buttons: QDialogButtonBox = find(QDialogButtonBox, "buttonBox")
        find(QLabel, "hint").setObjectName("hint")
        self.catalogue_hint.setObjectName("hint")

        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Tạo báo cáo"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Hủy"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self._agencies = {nfc(a["name"]): a for a in store.agencies()}
        self._catalogues: list[Catalogue] = store.catalogues()
        self._fill_agencies()
        self._fill_catalogues()
        self._fill_periods()

        self.date_edit.setDate(QDate.currentDate())
        self.date_check.toggled.connect(self.date_edit.setEnabled)
        self.date_check.toggled.connect(self._clear_message)
        self.date_edit.dateChanged.connect(self._clear_message)
        self.report_no_edit.textChanged.connect(self._clear_message)

        self.resize(640, self.sizeHint().height())
        self.agency_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- filling -------------------------------------------------------------------------------

    def _fill_agencies(self) -> None:
        combo = self.agency_combo
        combo.addItems(list(self._agencies))
        combo.setCurrentIndex(-1)
        combo.lineEdit().setPlaceholderText(self.tr("Ví dụ: Sở Thông tin và Truyền thông"))
        combo.lineEdit().setMaxLength(MAX_NAME + 20)
        completer = QCompleter(list(self._agencies), combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        combo.setCompleter(completer)
        combo.currentTextChanged.connect(self._agency_changed)

    def _fill_catalogues(self) -> None:
        combo = self.catalogue_combo
        for catalogue in self._catalogues:
            combo.addItem(catalogue.title, catalogue.id)
        remembered = self.settings.value(keys.KEY_NEW_CATALOGUE)
        index = combo.findData(remembered) if remembered else -1
        # Otherwise the newest provincial-department form, the commonest case.
        combo.setCurrentIndex(index if index >= 0 else max(0, combo.count() - 1))
        combo.currentIndexChanged.connect(self._catalogue_changed)
        self._catalogue_changed()

    def _fill_periods(self) -> None:
        labels = {
            "Q1": self.tr("Quý I"),
            "H1": self.tr("6 tháng đầu năm"),
            "Q3": self.tr("Quý III (9 tháng)"),
            "Y": self.tr("Năm"),
        }
        for kind in KINDS:
            self.kind_combo.addItem(labels[kind], kind)
        period = default_period(date.today())
        self.kind_combo.setCurrentIndex(KINDS.index(period.kind))
        self.year_spin.setValue(period.year)
        self.kind_combo.currentIndexChanged.connect(self._period_changed)
        self.year_spin.valueChanged.connect(self._period_changed)
        self._period_changed()

    # -- live feedback -------------------------------------------------------------------------

    def period(self) -> Period:
        return Period(self.year_spin.value(), str(self.kind_combo.currentData()))

    def catalogue_id(self) -> str | None:
        data = self.catalogue_combo.currentData()
        return str(data) if data else None

    def _agency_changed(self, text: str) -> None:
        known = self._agencies.get(nfc(text.strip()))
        if known is not None:
            # Fill what the clerk has not typed over: the line above the name and the place.
            if not self.superior_edit.isModified():
                self.superior_edit.setText(known["superior"])
            if not self.place_edit.isModified():
                self.place_edit.setText(known["place"])
            last = self._last_catalogue_of(known["name"])
            if last is not None:
                index = self.catalogue_combo.findData(last)
                if index >= 0:
                    self.catalogue_combo.setCurrentIndex(index)
        self._clear_message()

    def _last_catalogue_of(self, agency: str) -> str | None:
        try:
            # The store's filter narrows the list to this agency's reports (and any whose
            # text contains its name); newest first, as the whole list.
            for summary in self.store.reports(agency):
                if summary.agency == agency:
                    return summary.catalogue_id
        except StoreError:
            return None
        return None

    def _catalogue_changed(self, *_: object) -> None:
        catalogue = next((c for c in self._catalogues if c.id == self.catalogue_id()), None)
        self.catalogue_hint.setText(catalogue.description if catalogue else "")
        self.catalogue_hint.setVisible(bool(catalogue and catalogue.description))
        QTimer.singleShot(0, self._fit_height)
        self._clear_message()

    def _period_changed(self, *_: object) -> None:
        period = self.period()
        self.period_range.setText(
            self.tr("Từ %1 đến %2")
            .replace("%1", f"{period.start:%d/%m/%Y}")
            .replace("%2", f"{period.end:%d/%m/%Y}")
        )
        self._clear_message()

    def _clear_message(self, *_: object) -> None:
        duplicate = self._duplicate_warning()
        if duplicate:
            self._show_message(duplicate, "warning")
        else:
            self.message.clear()
            self.message.hide()

    def _show_message(self, text: str, level: str) -> None:
        self.message.setText(text)
        self.message.setProperty("level", level)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()
        QTimer.singleShot(0, self._fit_height)

    def _fit_height(self) -> None:
        """Grow rather than squeeze the form when a wrapped message or description appears."""
        layout = self.layout()
        layout.activate()
        width = self.width()
        if layout.hasHeightForWidth():
            needed = layout.totalHeightForWidth(width)
        else:
            needed = self.sizeHint().height()
        if needed > self.height():
            self.resize(width, needed)

    def _duplicate_warning(self) -> str:
        agency = nfc(self.agency_combo.currentText().strip())
        if not agency:
            return ""
        period = self.period()
        try:
            # Only this period's reports (the store's filter matches the period code): the
            # warning is worked out on every keystroke, and a data file holds thousands.
            reports = self.store.reports(period.code)
        except StoreError:
            return ""
        for summary in reports:
            if fold(summary.agency) == fold(agency) and summary.period == period:
                return self.tr(
                    "Lưu ý: đã có một báo cáo của cơ quan này cho kỳ %1. "
                    "Bấm “Tạo báo cáo” nếu vẫn muốn tạo thêm."
                ).replace("%1", period_label(period))
        return ""

    # -- validation and creation ---------------------------------------------------------------

    def validate(self) -> tuple[str, QWidget] | None:
        """The first problem as (Vietnamese message naming the field, the field), or None."""
        agency = self.agency_combo.currentText().strip()
        if not agency:
            return self.tr(
                "Hãy nhập “Tên cơ quan”: tên đầy đủ của cơ quan báo cáo."
            ), self.agency_combo
        if len(agency) > MAX_NAME:
            return (
                self.tr("“Tên cơ quan” dài quá %1 ký tự.").replace("%1", str(MAX_NAME)),
                self.agency_combo,
            )
        if len(self.superior_edit.text().strip()) > MAX_NAME:
            return (
                self.tr("“Cơ quan chủ quản” dài quá %1 ký tự.").replace("%1", str(MAX_NAME)),
                self.superior_edit,
            )
        if len(self.place_edit.text().strip()) > MAX_NAME:
            return (
                self.tr("“Địa danh” dài quá %1 ký tự.").replace("%1", str(MAX_NAME)),
                self.place_edit,
            )
        if self.catalogue_id() is None:
            return self.tr("Chưa có “Danh mục chỉ tiêu” nào để chọn."), self.catalogue_combo
        if len(self.report_no_edit.text().strip()) > MAX_REPORT_NO:
            return (
                self.tr("“Số báo cáo” dài quá %1 ký tự.").replace("%1", str(MAX_REPORT_NO)),
                self.report_no_edit,
            )
        if self.date_check.isChecked():
            chosen = self.date_edit.date().toPython()
            period = self.period()
            if chosen < period.start:
                return (
                    self.tr(
                        "“Ngày báo cáo” (%1) đứng trước ngày bắt đầu kỳ báo cáo (%2). "
                        "Hãy kiểm tra lại ngày hoặc kỳ báo cáo."
                    )
                    .replace("%1", f"{chosen:%d/%m/%Y}")
                    .replace("%2", f"{period.start:%d/%m/%Y}"),
                    self.date_edit,
                )
        return None

    def accept(self) -> None:
        problem = self.validate()
        if problem is not None:
            text, field = problem
            self._show_message(text, "error")
            field.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        agency = nfc(self.agency_combo.currentText().strip())
        superior = nfc(self.superior_edit.text().strip())
        place = nfc(self.place_edit.text().strip())
        catalogue_id = self.catalogue_id() or ""
        report_date = self.date_edit.date().toPython() if self.date_check.isChecked() else None
        try:
            self.store.save_agency(agency, superior, place)
            self.created_id = self.store.create_report(
                catalogue_id,
                agency,
                self.period(),
                nfc(self.report_no_edit.text().strip()),
                report_date,
                superior=superior,
                place=place,
            )
        except (ValueInputError, PeriodError, StoreError, LookupError) as exc:
            self._show_message(str(exc), "error")
            return
        self.settings.setValue(keys.KEY_NEW_CATALOGUE, catalogue_id)
        super().accept()
