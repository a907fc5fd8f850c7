"""How the window names things of the core in the interface language: periods and reports."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cchc_desktop.periods import Period
from cchc_desktop.store import ReportSummary


def period_label(period: Period) -> str:
    """ "Quý III năm 2022" in the interface language."""
    labels = {
        "Q1": QCoreApplication.translate("Period", "Quý I năm %1"),
        "H1": QCoreApplication.translate("Period", "6 tháng năm %1"),
        "Q3": QCoreApplication.translate("Period", "Quý III năm %1"),
        "Y": QCoreApplication.translate("Period", "Năm %1"),
    }
    return labels[period.kind].replace("%1", str(period.year))


def report_name(summary: ReportSummary) -> str:
    """How dialogs and the window's title name a report: “Sở … — Quý III năm 2022”."""
    return f"{summary.agency} — {period_label(summary.period)}"
