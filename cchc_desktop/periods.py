"""Reporting periods: Quý I, 6 tháng, Quý III (9 tháng) and Năm, with their cut-off dates."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache, total_ordering

from cchc_desktop.records import FrozenRecord, set_field

KINDS = ("Q1", "H1", "Q3", "Y")

_LABELS = {
    "Q1": "Quý I",
    "H1": "6 tháng",
    "Q3": "Quý III",
    "Y": "Năm",
}
_LONG_LABELS = {
    "Q1": "Quý I",
    "H1": "6 tháng đầu năm",
    "Q3": "Quý III (9 tháng)",
    "Y": "Năm",
}


class PeriodError(ValueError):
    """A period that cannot be read; the message is Vietnamese."""


@total_ordering  # ==, <= and the rest from __lt__ and the record's __eq__
class Period(FrozenRecord):
    """A reporting period of a year; periods order by year, then kind (as their codes do)."""

    __slots__ = ("kind", "year")
    year: int
    kind: str  # Q1 | H1 | Q3 | Y

    def __init__(self, year: int, kind: str) -> None:
        set_field(self, "year", year)
        set_field(self, "kind", kind)

    def __lt__(self, other: object) -> bool:
        if type(other) is Period:
            return (self.year, self.kind) < (other.year, other.kind)
        return NotImplemented

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2023-Q1``, ``2022-H1``, ``2022-Q3`` or ``2021-Y``."""
        return _parse(text)

    @property
    def code(self) -> str:
        return f"{self.year}-{self.kind}"

    @property
    def label(self) -> str:
        """As printed in titles: "Quý I năm 2023", "6 tháng năm 2022", "Năm 2021"."""
        if self.kind == "Y":
            return f"Năm {self.year}"
        return f"{_LABELS[self.kind]} năm {self.year}"

    @property
    def long_label(self) -> str:
        if self.kind == "Y":
            return f"Năm {self.year}"
        return f"{_LONG_LABELS[self.kind]} năm {self.year}"

    @property
    def start(self) -> date:
        """First day counted: 15/12 of the previous year, or 15/6 for Quý III."""
        if self.kind == "Q3":
            return date(self.year, 6, 15)
        return date(self.year - 1, 12, 15)

    @property
    def end(self) -> date:
        """Cut-off date: 14/3, 14/6, 14/9 or 14/12."""
        month = {"Q1": 3, "H1": 6, "Q3": 9, "Y": 12}[self.kind]
        return date(self.year, month, 14)

    @property
    def range_label(self) -> str:
        return f"từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y}"


@lru_cache(maxsize=4096)  # a list of thousands of reports repeats a few dozen periods
def _parse(text: str) -> Period:
    m = re.fullmatch(r"\s*(\d{4})-(Q1|H1|Q3|Y)\s*", text or "", flags=re.IGNORECASE)
    if not m:
        raise PeriodError(
            f"Kỳ báo cáo “{text}” không hợp lệ. Cần dạng NĂM-KỲ: 2023-Q1 (Quý I), "
            "2023-H1 (6 tháng), 2023-Q3 (Quý III), 2023-Y (Năm)."
        )
    year = int(m.group(1))
    if not 2000 <= year <= 2100:
        raise PeriodError(f"Năm báo cáo {year} không hợp lệ (từ 2000 đến 2100).")
    return Period(year, m.group(2).upper())


def all_kinds() -> list[tuple[str, str]]:
    """(kind, label) pairs for pickers."""
    return [(k, _LONG_LABELS[k]) for k in KINDS]
