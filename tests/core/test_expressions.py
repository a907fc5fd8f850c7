"""The catalogue expression language: results, blanks, and what it refuses."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from cchc_desktop.expressions import ExpressionError, compile_expression


def known(name: str) -> str | None:
    return {"a": "number", "b": "number", "t": "number", "note": "text"}.get(name)


@pytest.mark.parametrize(
    ("a", "b", "rate"),
    [(7, 21, "33.33"), (40, 46, "86.96"), (12, 24, "50.00"), (1, 3, "33.33"), (2, 3, "66.67")],
)
def test_ratio_rounds_half_up_to_two_places(a: int, b: int, rate: str) -> None:
    assert compile_expression("ratio(a, b)", known).evaluate({"a": D(a), "b": D(b)}) == D(rate)


@pytest.mark.parametrize(
    "env", [{"a": D(1), "b": None}, {"a": None, "b": D(3)}, {"a": D(1), "b": D(0)}]
)
def test_ratio_is_blank_without_a_denominator(env: dict[str, D | None]) -> None:
    assert compile_expression("ratio(a, b)", known).evaluate(env) is None


def test_blanks_propagate_and_checks_do_not_apply() -> None:
    check = compile_expression("a + b <= t", known)
    assert check.evaluate({"a": D(1), "b": None, "t": D(5)}) is None
    assert check.evaluate({"a": D(3), "b": D(3), "t": D(5)}) is False
    assert check.evaluate({"a": D(2), "b": D(3), "t": D(5)}) is True


def test_sum_ignores_blanks() -> None:
    expr = compile_expression("sum(a, b) == t", known)
    assert expr.evaluate({"a": D(167), "b": D(126), "t": D(293)}) is True
    assert expr.evaluate({"a": D(167), "b": None, "t": D(293)}) is False
    assert compile_expression("sum(a, b)", known).evaluate({"a": None, "b": None}) is None


def test_boolean_logic_with_blanks() -> None:
    env = {"a": D(1), "b": None, "t": D(0)}
    assert compile_expression("a == 1 or b == 0", known).evaluate(env) is True
    assert compile_expression("t == 1 and b == 0", known).evaluate(env) is False
    assert compile_expression("a == 1 and b == 0", known).evaluate(env) is None
    assert compile_expression("not (a == 1)", known).evaluate(env) is False


def test_filled_and_blank_accept_text_items() -> None:
    expr = compile_expression("filled(note) or blank(a)", known)
    assert expr.names == {"note", "a"}


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("__import__('os')", "hàm không được phép"),
        ("a.__class__", "Attribute"),
        ("().__class__", "Attribute"),
        ("9 ** 9 ** 9", "BinOp"),
        ("a if b else t", "IfExp"),
        ("[x for x in a]", "ListComp"),
        ("'abc'", "chỉ được dùng số"),
        ("sum(a, start=1)", "tham số có tên"),
        ("unknown + 1", "không có chỉ tiêu mã unknown"),
        ("note + 1", "chỉ dùng được trong filled"),
        ("ratio(a)", "sai số tham số"),
        ("a +", "sai cú pháp"),
        ("(" * 200 + "a" + ")" * 200, "lồng nhau"),
        ("a" + " + a" * 400, "dài quá"),
        ("", "trống"),
    ],
)
def test_refuses_anything_outside_the_language(source: str, message: str) -> None:
    with pytest.raises(ExpressionError, match=message.replace("(", r"\(")):
        compile_expression(source, known)
