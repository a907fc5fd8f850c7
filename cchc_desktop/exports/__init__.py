"""Exports of the appendix: PDF for printing and signing, Excel for sending upward.

This module holds what both formats share: which report may be exported, the rows of the
appendix in printed order, and the wording of the heading, the date line and the signature.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from cchc_desktop.catalogue import Item
from cchc_desktop.records import FrozenRecord, set_field
from cchc_desktop.store import Report, Store, short_fingerprint
from cchc_desktop.values import display_value

__all__ = [
    "AppendixRow",
    "ExportError",
    "ExportRefusedError",
    "appendix_rows",
    "clean_text",
    "exportable_report",
    "footer_signed_line",
    "period_line",
    "place_date_line",
    "signer_title_lines",
    "vn_date",
]

DOTS = "……"


class ExportError(RuntimeError):
    """Writing the file failed (disk full, folder missing, file open elsewhere); Vietnamese."""


class ExportRefusedError(ValueError):
    """The report must not be exported as it stands; the message says why, in Vietnamese."""


def exportable_report(store: Store, report_id: int) -> Report:
    """Load a report for export; a signed report whose content no longer matches its
    fingerprint is refused, so a tampered report is never presented as signed."""
    report = store.report(report_id)
    if report.signed and not store.fingerprint_matches(report):
        raise ExportRefusedError(
            f"Không xuất được báo cáo số {report_id} như bản đã ký: nội dung trong tệp dữ liệu "
            "không còn khớp với dấu kiểm tra lúc ký (dữ liệu đã bị sửa bên ngoài chương trình). "
            "Hãy mở lại báo cáo, kiểm tra số liệu rồi ký duyệt lại."
        )
    return report


_LINE_BREAKS = re.compile(r"\r\n|\r|\x0b|\x0c|\u2028|\u2029|\x85")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def clean_text(text: str | None) -> str:
    """Text as it should print: NFC, every kind of line break as ``\\n``, tabs as spaces and
    other control characters dropped. Nothing else changes: ``<b>`` or ``&`` stay literal."""
    if not text:
        return ""
    out = unicodedata.normalize("NFC", text)
    out = _LINE_BREAKS.sub("\n", out)
    out = out.replace("\t", "    ")
    return _CONTROL.sub("", out)


class AppendixRow(FrozenRecord):
    """One printed row: a section heading, a group heading or an indicator. (A record, not a
    dataclass: see cchc_desktop/records.py; an export process would pay for ``dataclasses``.)"""

    __slots__ = ("code", "item", "kind", "name", "note", "stored", "stt", "unit", "value")
    kind: str  # section | group | value | computed
    code: str
    stt: str
    name: str
    unit: str
    value: str  # as printed: 46.104, 33,33, a choice's code, text as typed
    note: str
    item: Item | None
    stored: str | None  # the canonical value behind ``value``; None if not read

    def __init__(
        self,
        kind: str,
        code: str,
        stt: str,
        name: str,
        unit: str,
        value: str,
        note: str,
        item: Item | None = None,
        stored: str | None = None,
    ) -> None:
        set_field(self, "kind", kind)
        set_field(self, "code", code)
        set_field(self, "stt", stt)
        set_field(self, "name", name)
        set_field(self, "unit", unit)
        set_field(self, "value", value)
        set_field(self, "note", note)
        set_field(self, "item", item)
        set_field(self, "stored", stored)

    @property
    def is_heading(self) -> bool:
        return self.kind in ("section", "group")

    @property
    def is_text_value(self) -> bool:
        return self.item is not None and self.item.type == "text"


def appendix_rows(report: Report) -> list[AppendixRow]:
    """Every row of the appendix in printed order, with computed values filled in.

    A draft may hold an entry that could not be read; it prints as typed, so the clerk sees
    on paper what still has to be corrected (a signed report never has one)."""
    values = report.evaluate().values
    rows: list[AppendixRow] = []
    for section in report.catalogue.sections:
        rows.append(
            AppendixRow("section", section.code, section.stt, clean_text(section.title), "", "", "")
        )
        for item in section.items:
            entry = report.entries.get(item.code)
            stored = values.get(item.code) if item.kind != "group" else None
            if item.kind == "group":
                shown = ""
            else:
                shown = display_value(item, stored, printed=True)
                if not shown and entry is not None and entry.pending:
                    shown = entry.pending
            rows.append(
                AppendixRow(
                    item.kind,
                    item.code,
                    item.stt,
                    clean_text(item.name),
                    clean_text(_unit_cell(item)),
                    clean_text(shown),
                    clean_text(entry.note if entry else ""),
                    item,
                    stored,
                )
            )
    return rows


def _unit_cell(item: Item) -> str:
    """The unit column; a coded legend one answer a line ("Trực tuyến = 0" / "Phát phiếu = 1"),
    so a narrow column never breaks "Kết hợp = 2" in the middle."""
    if item.type == "choice" and not item.unit:
        return "\n".join(f"{c.label} = {c.code}" for c in item.choices)
    return item.printed_unit


def vn_date(day: date | None) -> str:
    """ "ngày 05 tháng 02 năm 2022" as Nghị định 30/2020 writes it: a zero before days under
    10 and before months 1 and 2; dotted blanks when the date is not known yet."""
    if day is None:
        return f"ngày {DOTS} tháng {DOTS} năm {DOTS}"
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_date_line(report: Report) -> str:
    """ "Sóc Trăng, ngày 15 tháng 9 năm 2022" (signed date, else report date, else blanks)."""
    place = clean_text(report.place).strip() or DOTS
    return f"{place}, {vn_date(report.signed_date or report.report_date)}"


def period_line(report: Report) -> str:
    """ "QUÝ III NĂM 2022 CỦA SỞ THÔNG TIN VÀ TRUYỀN THÔNG", as the original forms title it."""
    agency = clean_text(report.agency).strip()
    return upper(f"{report.period.label} của {agency}")


def signer_title_lines(report: Report) -> list[str]:
    """The signer's title in upper case, one entry per line ("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC");
    dotted blanks for a draft, which has no signer yet."""
    title = clean_text(report.signer_title).strip()
    if not title:
        return [DOTS * 4]
    return [upper(line.strip()) for line in title.split("\n") if line.strip()]


def footer_signed_line(report: Report) -> str:
    """The footer of a signed report: who signed, when, and the short fingerprint."""
    when = f"{report.signed_date:%d/%m/%Y}" if report.signed_date else ""
    signer = " ".join(clean_text(report.signer).split())
    if len(signer) > 60:  # the footer is one line; the full name is in the signature block
        signer = signer[:59].rstrip() + "…"
    fingerprint = short_fingerprint(report.fingerprint or "")
    return f"Đã ký duyệt: {signer}, ngày {when}  ·  Dấu kiểm tra: {fingerprint}"


def upper(text: str) -> str:
    """Upper case that stays NFC (``str.upper`` can decompose a few letters)."""
    return unicodedata.normalize("NFC", text.upper())
