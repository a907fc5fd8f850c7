"""Reading what a Vietnamese clerk types, and showing values the Vietnamese way.

Values are stored as canonical text: numbers as plain decimal strings (``"46104"``,
``"33.33"``), choices as their code (``"1"``), text as typed (NFC). Display uses ``.`` for
thousands and ``,`` for decimals: ``46.104``, ``33,33``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from cchc_desktop.text import fold, nfc

if TYPE_CHECKING:
    from cchc_desktop.catalogue import Item

NUMBER_TYPES = frozenset({"integer", "decimal", "percent"})
MAX_INTEGER_DIGITS = 15
MAX_FRACTION_DIGITS = 6

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
_GROUPED_DOT = re.compile(r"\d{1,3}(\.\d{3})+")
_GROUPED_COMMA = re.compile(r"\d{1,3}(,\d{3})+")
_CHOICE_WITH_CODE = re.compile(r"^(.*?)\s*\(\s*(-?\d+)\s*\)$")


class ValueInputError(ValueError):
    """Input that cannot be accepted; ``str()`` is a Vietnamese message for the clerk."""


def parse_number(text: str) -> Decimal:
    """Parse a number typed the Vietnamese way (``46.104``, ``33,33``, ``1.234,5``, ``03``).

    Raises ValueError with a Vietnamese reason; callers add which indicator it was.
    """
    s = _SPACES.sub("", nfc(text))
    negative = False
    if s[:1] in "+-" and s:
        negative = s[0] == "-"
        s = s[1:]
    if not s or not re.fullmatch(r"[0-9.,]+", s) or not re.search(r"\d", s):
        raise ValueError("không phải là một số")
    if "." in s and "," in s:
        decimal_sep = "," if s.rfind(",") > s.rfind(".") else "."
        group_sep = "." if decimal_sep == "," else ","
        whole, _, frac = s.rpartition(decimal_sep)
        grouped = _GROUPED_DOT if group_sep == "." else _GROUPED_COMMA
        if not grouped.fullmatch(whole) or not frac.isdigit():
            raise ValueError("dấu chấm, dấu phẩy đặt không đúng chỗ")
        plain = whole.replace(group_sep, "") + "." + frac
    elif "," in s:
        if s.count(",") == 1:
            whole, frac = s.split(",")
            if not whole or not frac:
                raise ValueError("dấu phẩy đặt không đúng chỗ")
            plain = whole + "." + frac
        elif _GROUPED_COMMA.fullmatch(s):
            plain = s.replace(",", "")
        else:
            raise ValueError("dấu phẩy đặt không đúng chỗ")
    elif "." in s:
        if _GROUPED_DOT.fullmatch(s) and not (s.startswith("0") and s != "0"):
            plain = s.replace(".", "")  # 46.104: dots group thousands
        elif s.count(".") == 1 and not s.startswith(".") and not s.endswith("."):
            plain = s  # 33.33: a clerk typing with a decimal point
        else:
            raise ValueError("dấu chấm đặt không đúng chỗ")
    else:
        plain = s
    whole_part, _, frac_part = plain.partition(".")
    if len(whole_part.lstrip("0")) > MAX_INTEGER_DIGITS:
        raise ValueError("số quá lớn")
    if len(frac_part) > MAX_FRACTION_DIGITS:
        raise ValueError(f"có quá {MAX_FRACTION_DIGITS} chữ số sau dấu phẩy")
    try:
        value = Decimal(plain)
    except InvalidOperation:  # pragma: no cover - the regexes above admit only digits
        raise ValueError("không phải là một số") from None
    return -value if negative else value


def canonical_number(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: 33.330 -> "33.33", 50.00 -> "50"."""
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    return text


def format_number(value: Decimal | str) -> str:
    """Vietnamese display: 46104 -> "46.104", 33.33 -> "33,33", 1234.5 -> "1.234,5"."""
    number = Decimal(value) if isinstance(value, str) else value
    text = canonical_number(number)
    sign = "-" if text.startswith("-") else ""
    whole, _, frac = text.lstrip("-").partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = sign + ".".join(groups)
    return out + ("," + frac if frac else "")


def choice_legend(item: Item) -> str:
    """The printed legend of a coded choice: "Không = 0 Có = 1"."""
    return " ".join(f"{c.label} = {c.code}" for c in item.choices)


def _describe_expected(item: Item) -> str:
    if item.type == "integer":
        return "một số nguyên không âm, ví dụ 46.104"
    if item.type == "decimal":
        return "một số không âm, ví dụ 33,33"
    if item.type == "percent":
        return "một tỷ lệ từ 0 đến 100, ví dụ 93,69"
    if item.type == "choice":
        return "một trong các mã: " + ", ".join(f"{c.code} ({c.label})" for c in item.choices)
    return "nội dung chữ"


def _refuse(item: Item, raw: str, reason: str) -> ValueInputError:
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    return ValueInputError(
        f"{item.ref()}: “{shown}” {reason}. Cần nhập {_describe_expected(item)}."
    )


def parse_value(item: Item, raw: str | None) -> str | None:
    """Turn what the clerk typed into the canonical stored text, or None for blank.

    Raises ValueInputError with a Vietnamese message naming the indicator.
    """
    if raw is None:
        return None
    text = nfc(raw)
    if not text.strip():
        return None
    if item.kind != "value":
        raise ValueInputError(
            f"{item.ref()} là "
            + ("dòng tiêu đề nhóm" if item.kind == "group" else "chỉ tiêu được tính tự động")
            + ", không nhập số liệu trực tiếp."
        )
    if item.type == "text":
        return text.strip()
    if item.type == "choice":
        return _parse_choice(item, text.strip())
    return _parse_numeric(item, text.strip())


def _parse_choice(item: Item, text: str) -> str:
    candidates = [text]
    m = _CHOICE_WITH_CODE.match(text)
    if m:  # "Có (1)" as the drop-down shows it
        candidates = [m.group(2), m.group(1)]
    for candidate in candidates:
        if re.fullmatch(r"\d{1,9}", candidate):  # longer: int() may refuse it
            code = int(candidate)
            if any(c.code == code for c in item.choices):
                return str(code)
            raise _refuse(item, text, "không phải là mã hợp lệ")
        folded = fold(candidate)
        exact = [c for c in item.choices if nfc(c.label).casefold() == candidate.casefold()]
        loose = [c for c in item.choices if fold(c.label) == folded]
        match = exact or loose
        if len(match) == 1:
            return str(match[0].code)
    raise _refuse(item, text, "không có trong danh sách lựa chọn")


def _parse_numeric(item: Item, text: str) -> str:
    body = text
    if body.endswith("%"):
        if item.type != "percent" and item.unit != "%":
            raise _refuse(item, text, "có dấu % nhưng chỉ tiêu này không phải tỷ lệ")
        body = body[:-1]
    try:
        value = parse_number(body)
    except ValueError as exc:
        raise _refuse(item, text, str(exc)) from None
    if value < 0 and (item.min is None or item.min >= 0):
        raise _refuse(item, text, "là số âm")
    if item.type == "integer" and value != value.to_integral_value():
        raise _refuse(item, text, "có phần thập phân")
    if item.type == "percent" and value > 100:
        raise _refuse(item, text, "lớn hơn 100%")
    if item.min is not None and value < item.min:
        raise _refuse(item, text, f"nhỏ hơn {format_number(item.min)}")
    if item.max is not None and value > item.max:
        raise _refuse(item, text, f"lớn hơn {format_number(item.max)}")
    return canonical_number(value)


def to_number(item: Item, stored: str | None) -> Decimal | None:
    """The numeric value of a stored cell for expressions (a choice gives its code)."""
    if stored is None or item.type == "text":
        return None
    return Decimal(stored)


def display_value(item: Item, stored: str | None, *, printed: bool = False) -> str:
    """What the clerk sees: "46.104", "33,33", "Có (1)"; ``printed`` gives the form's "1"."""
    if stored is None:
        return ""
    if item.type in NUMBER_TYPES:
        return format_number(stored)
    if item.type == "choice":
        code = int(stored)
        if printed:
            return str(code)
        label = next((c.label for c in item.choices if c.code == code), "?")
        return f"{label} ({code})"
    return stored


def json_value(item: Item, stored: str | None) -> int | float | str | None:
    """The value as JSON gives it: a number, a choice's code, text, or null."""
    if stored is None:
        return None
    if item.type == "text":
        return stored
    number = Decimal(stored)
    if number == number.to_integral_value():
        return int(number)
    return float(number)
