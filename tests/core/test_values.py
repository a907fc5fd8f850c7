"""Parsing what Vietnamese clerks type and showing it back, over real inputs from the seeds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cchc_desktop.catalogue import Choice, Item
from cchc_desktop.values import (
    ValueInputError,
    display_value,
    format_number,
    json_value,
    parse_number,
    parse_value,
)


def make_item(type_: str, *, unit: str = "", choices: tuple[Choice, ...] = ()) -> Item:
    return Item(
        code="T_001",
        stt="1",
        name="Số nhiệm vụ đã hoàn thành",
        kind="value",
        type=type_,
        unit=unit,
        section_code="S",
        position=0,
        choices=choices,
    )


INTEGER = make_item("integer", unit="Nhiệm vụ")
DECIMAL = make_item("decimal")
PERCENT = make_item("percent", unit="%")
KHONG_CO = (Choice(0, "Không"), Choice(1, "Có"))
CHOICE = make_item("choice", choices=KHONG_CO)
SURVEY = make_item(
    "choice", choices=(Choice(0, "Trực tuyến"), Choice(1, "Phát phiếu"), Choice(2, "Kết hợp"))
)
TEXT = make_item("text")


@pytest.mark.parametrize(
    ("item", "raw", "stored", "shown"),
    [
        (INTEGER, "46.104", "46104", "46.104"),
        (INTEGER, "171.034", "171034", "171.034"),
        (INTEGER, "03", "3", "3"),
        (INTEGER, "0", "0", "0"),
        (INTEGER, " 1 712 ", "1712", "1.712"),
        (INTEGER, "1.234.567", "1234567", "1.234.567"),
        (INTEGER, "3,0", "3", "3"),
        (DECIMAL, "33,33", "33.33", "33,33"),
        (DECIMAL, "1.234,5", "1234.5", "1.234,5"),
        (DECIMAL, "33.33", "33.33", "33,33"),
        (DECIMAL, "99,10", "99.1", "99,1"),
        (PERCENT, "93,69%", "93.69", "93,69"),
        (PERCENT, "100%", "100", "100"),
        (PERCENT, "99,82", "99.82", "99,82"),
        (PERCENT, "0", "0", "0"),
        (CHOICE, "1", "1", "Có (1)"),
        (CHOICE, "Có", "1", "Có (1)"),
        (CHOICE, "không", "0", "Không (0)"),
        (CHOICE, "Có (1)", "1", "Có (1)"),
        (SURVEY, "Kết hợp", "2", "Kết hợp (2)"),
        (SURVEY, "ket hop", "2", "Kết hợp (2)"),
        (TEXT, "Hệ thống đang vận hành", "Hệ thống đang vận hành", "Hệ thống đang vận hành"),
    ],
)
def test_accepts_what_clerks_type(item: Item, raw: str, stored: str, shown: str) -> None:
    assert parse_value(item, raw) == stored
    assert display_value(item, stored) == shown


@pytest.mark.parametrize(
    ("item", "raw", "reason"),
    [
        (INTEGER, "05/05", "không phải là một số"),
        (INTEGER, "8 (HĐ theo ND 111)", "không phải là một số"),
        (INTEGER, "Có thực hiện", "không phải là một số"),
        (INTEGER, "abc", "không phải là một số"),
        (INTEGER, "1e309", "không phải là một số"),
        (INTEGER, "NaN", "không phải là một số"),
        (INTEGER, "Infinity", "không phải là một số"),
        (INTEGER, "-5", "là số âm"),
        (INTEGER, "3,5", "có phần thập phân"),
        (INTEGER, "12%", "có dấu %"),
        (INTEGER, "1.2.3", "dấu chấm"),
        (INTEGER, "1,2,3", "dấu phẩy"),
        (INTEGER, "9" * 16, "quá lớn"),
        (PERCENT, "101", "lớn hơn 100%"),
        (PERCENT, "187,38%", "lớn hơn 100%"),
        (DECIMAL, "1,1234567", "chữ số sau dấu phẩy"),
        (CHOICE, "2", "không phải là mã hợp lệ"),
        (CHOICE, "Có thực hiện", "không có trong danh sách"),
    ],
)
def test_refuses_with_a_message_naming_the_indicator(item: Item, raw: str, reason: str) -> None:
    with pytest.raises(ValueInputError) as caught:
        parse_value(item, raw)
    message = str(caught.value)
    assert "Số nhiệm vụ đã hoàn thành" in message and "T_001" in message
    assert reason in message
    assert "Cần nhập" in message  # says what is expected


def test_choice_refusal_lists_the_codes() -> None:
    with pytest.raises(ValueInputError, match=r"0 \(Không\), 1 \(Có\)"):
        parse_value(CHOICE, "5")


@pytest.mark.parametrize("raw", ["", "   ", None])
def test_blank_clears(raw: str | None) -> None:
    assert parse_value(INTEGER, raw) is None
    assert display_value(INTEGER, None) == ""


def test_decomposed_input_is_normalised() -> None:
    decomposed = "Co\u0301"  # "Có" typed with a combining accent
    assert parse_value(CHOICE, decomposed) == "1"
    assert parse_value(TEXT, "Đa\u0303 xong") == "Đã xong"


def test_printed_form_of_a_choice_is_its_code() -> None:
    assert display_value(CHOICE, "1", printed=True) == "1"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("46104"), "46.104"),
        (Decimal("1234567.5"), "1.234.567,5"),
        (Decimal("33.330"), "33,33"),
        (Decimal("50.00"), "50"),
        (Decimal("0"), "0"),
        (Decimal("-1234"), "-1.234"),
        (Decimal("999"), "999"),
    ],
)
def test_format_number(value: Decimal, text: str) -> None:
    assert format_number(value) == text
    assert parse_number(text) == value


def test_json_value_gives_numbers() -> None:
    assert json_value(INTEGER, "46104") == 46104
    assert json_value(PERCENT, "33.33") == pytest.approx(33.33)
    assert json_value(TEXT, "x") == "x"
    assert json_value(INTEGER, None) is None
