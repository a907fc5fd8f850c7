"""The report list's page: its title, the filter box, the table of reports and what it says
when the table is empty. The main window wires it up (gui/main_window.py) and builds it the
first time the list is shown, so a start that opens a report straight away never pays for it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.gui import look
from cchc_desktop.gui.report_list_model import (
    AGENCY,
    CATALOGUE,
    COMPLETION,
    PERIOD,
    PROBLEMS,
    STATUS,
    UPDATED,
    ReportListModel,
)
from cchc_desktop.gui.report_list_view import BAR_WIDTH, ReportTable
from cchc_desktop.periods import Period
from cchc_desktop.records import replace
from cchc_desktop.store import SIGNED, ReportSummary

CELL_PADDING = 30  # a cell's padding plus the sort arrow


class ReportListPage(QWidget):
    """Title, hint and filter box above the table (or the empty state in its place)."""

    def __init__(self, model: ReportListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setObjectName("listPage")
        look.apply_style(self, *look.LIST_PAGE_RULES)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 12)
        layout.setSpacing(10)

        header = QHBoxLayout()
        header.setSpacing(12)
        titles = QVBoxLayout()
        titles.setSpacing(2)
        self.title = QLabel(self.tr("Báo cáo cải cách hành chính"), self)
        self.title.setObjectName("pageTitle")
        self.hint = QLabel(
            self.tr(
                "Chọn một báo cáo rồi bấm Enter (hoặc nhấp đúp) để mở; Ctrl+N để tạo báo cáo mới."
            ),
            self,
        )
        self.hint.setObjectName("pageSubtitle")
        titles.addWidget(self.title)
        titles.addWidget(self.hint)
        header.addLayout(titles, 1)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setObjectName("filterEdit")
        self.filter_edit.setPlaceholderText(self.tr("Lọc theo cơ quan, kỳ, số báo cáo, danh mục…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.addAction(look.icon("find"), QLineEdit.ActionPosition.LeadingPosition)
        self.filter_edit.setAccessibleName(self.tr("Lọc danh sách báo cáo"))
        header.addWidget(self.filter_edit, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(header)

        self.list_stack = QStackedWidget(self)
        self.table = ReportTable(model, self.list_stack)
        self.table.setAccessibleName(self.tr("Danh sách báo cáo"))
        self.empty_label = QLabel(self.list_stack)
        self.empty_label.setObjectName("emptyState")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty_label)
        layout.addWidget(self.list_stack, 1)

        self.set_default_column_widths()

    def set_default_column_widths(self) -> None:
        """Widths that fit what each column usually holds; the agency takes the rest."""
        model = self._model
        head = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        bold = self.font()
        bold.setBold(True)
        head_metrics = QFontMetrics(bold)
        sample = ReportSummary(
            id=0,
            catalogue_id="",
            agency="",
            period=Period(2022, "Q3"),
            report_no="",
            status=SIGNED,
            filled=152,
            total=178,
            errors=2,
            warnings=1,
            updated_at="",
        )
        half_year = replace(sample, period=Period(2022, "H1"))
        samples = {
            PERIOD: [model.period_label(sample), model.period_label(half_year)],
            CATALOGUE: model.known_titles() or ["Sở, ban, ngành tỉnh (mẫu 2022–2023)"],
            STATUS: [model.status_label(sample)],
            COMPLETION: ["152/178"],
            PROBLEMS: [model.problems_label(sample)],
            UPDATED: ["31/12/2023 23:59"],
        }
        for column in range(model.columnCount()):
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            width = head_metrics.horizontalAdvance(title) + CELL_PADDING
            for text in samples.get(column, []):
                extra = BAR_WIDTH + 8 if column == COMPLETION else 0
                width = max(width, metrics.horizontalAdvance(text) + CELL_PADDING + extra)
            if column == CATALOGUE:
                width = min(width, metrics.horizontalAdvance("M") * 24)  # long titles elide
            head.resizeSection(column, width)
            head.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        head.setSectionResizeMode(AGENCY, QHeaderView.ResizeMode.Stretch)

    def show_empty(self, text: str) -> None:
        """The empty state in the table's place, saying why there is nothing to list."""
        self.empty_label.setText(text)
        self.list_stack.setCurrentWidget(self.empty_label)

    def show_table(self) -> None:
        self.list_stack.setCurrentWidget(self.table)
