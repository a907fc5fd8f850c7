"""Property-based tests of what the clerk types: values and notes.

Values: parse(format(x)) == x for integers, decimals and percents; any text either parses or
raises ValueInputError naming the indicator — never another exception. Notes: any Unicode
(decomposed, right-to-left, emoji, control characters, 100 KB) is stored and read back
exactly, in NFC.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.catalogue import Item, builtin_catalogues
from cchc_desktop.store import Store
from cchc_desktop.text import nfc
from cchc_desktop.values import (
    ValueInputError,
    canonical_number,
    display_value,
    format_number,
    parse_value,
)
from tests.reliability.conftest import READABLE_FAILURES
from tests.reliability.figures import record

pytestmark = READABLE_FAILURES

FUZZ = settings(max_examples=200, deadline=None)
ALL_VALUE_ITEMS = [i for c in builtin_catalogues().values() for i in c.value_items]


def unbounded(kind: str) -> list[Item]:
    return [i for i in ALL_VALUE_ITEMS if i.type == kind and i.min is None and i.max is None]


INTEGERS, DECIMALS, PERCENTS = unbounded("integer"), unbounded("decimal"), unbounded("percent")
MAX = Decimal(10) ** 15 - 1


def tried(target: str) -> None:
    record(f"fuzz inputs tried: {target}")


def decimals(high: Decimal) -> st.SearchStrategy[Decimal]:
    return st.integers(0, 6).flatmap(
        lambda places: st.decimals(
            min_value=0, max_value=high, places=places, allow_nan=False, allow_infinity=False
        )
    )


def test_the_catalogues_have_every_kind_of_number() -> None:
    assert INTEGERS and PERCENTS  # decimals are rare in the real forms; tested with a percent
    assert len(ALL_VALUE_ITEMS) > 300


@FUZZ
@given(item=st.sampled_from(INTEGERS), n=st.integers(0, int(MAX)))
def test_integers_round_trip(item: Item, n: int) -> None:
    tried("values: integer round trip")
    shown = display_value(item, str(n))
    assert shown == format_number(Decimal(n))
    assert parse_value(item, shown) == str(n)
    assert parse_value(item, str(n)) == str(n)


@FUZZ
@given(item=st.sampled_from(DECIMALS or PERCENTS), x=decimals(Decimal(100)))
def test_decimals_and_percents_round_trip(item: Item, x: Decimal) -> None:
    tried("values: decimal/percent round trip")
    canonical = canonical_number(x)
    shown = display_value(item, canonical)  # "33,33", "1.234,5"
    assert parse_value(item, shown) == canonical
    assert Decimal(parse_value(item, shown) or "0") == x
    if item.type == "percent":
        assert parse_value(item, shown + "%") == canonical
        assert parse_value(item, f" {shown} % ") == canonical


@FUZZ
@given(x=decimals(MAX))
def test_big_decimals_format_and_parse_back(x: Decimal) -> None:
    tried("values: large decimal round trip")
    item = next(i for i in ALL_VALUE_ITEMS if i.type == "integer")
    shown = format_number(x)
    if x == x.to_integral_value():
        assert parse_value(item, shown) == canonical_number(x)
    else:
        with pytest.raises(ValueInputError, match="phần thập phân"):
            parse_value(item, shown)


TYPED = st.one_of(
    st.text(),
    st.text(alphabet="0123456789.,%-+ \u00a0\u202f", max_size=30),
    st.from_regex(r"[+-]?[0-9]{0,20}([.,][0-9]{0,8}){0,4}%?", fullmatch=True),
    st.sampled_from(["Có", "co", "KHÔNG", "Có (1)", "Tốt", "1", "0", "-1", "9" * 5000, "１"]),
)


@FUZZ
@given(item=st.sampled_from(ALL_VALUE_ITEMS), raw=TYPED)
def test_any_input_is_accepted_or_refused_with_a_message_naming_the_indicator(
    item: Item, raw: str
) -> None:
    tried("values: arbitrary input")
    try:
        stored = parse_value(item, raw)
    except ValueInputError as exc:
        record("values refused with a Vietnamese message")
        message = str(exc)
        assert item.code in message and message == unicodedata.normalize("NFC", message)
        assert "Cần nhập" in message
        return
    if stored is None:
        assert not raw.strip()
        return
    # What was accepted shows and reads back as itself.
    assert parse_value(item, display_value(item, stored)) == stored


# -- notes ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def note_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, int, Path]]:
    db = tmp_path_factory.mktemp("notes") / "cchc.sqlite3"
    with Store.open(db) as store:
        report_id = store.create_report("so-ban-nganh-2022", "Sở Nội vụ", "2023-Q1")
        yield store, report_id, db


VIETNAMESE_NFD = [
    unicodedata.normalize("NFD", c) for c in "ạảãàáâậầấẩẫăắằặẳẵđêềếểễệơờớởỡợưừứửữựỹỳỷỵ"
]
NOTES = st.one_of(
    st.text(max_size=3000),  # every code point but surrogates: RTL, emoji, control characters
    st.lists(st.sampled_from([*VIETNAMESE_NFD, " ", "\u0301", "\u0323"]), max_size=200).map(
        "".join
    ),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zl", "Zp", "Mn"]), max_size=200),
    st.text(alphabet="مرحبا עברית 👍🏽👨‍👩‍👧 \u202e\u200f\u2066", max_size=200),
)


@FUZZ
@given(note=NOTES)
def test_notes_are_stored_and_read_back_exactly(
    note_store: tuple[Store, int, Path], note: str
) -> None:
    tried("notes: arbitrary Unicode")
    store, report_id, db = note_store
    store.set_note(report_id, "SBN22_003", note)
    assert store.report(report_id).note("SBN22_003") == nfc(note)
    other = sqlite3.connect(db)  # as another program reads the file
    stored = other.execute(
        "SELECT note FROM entries WHERE report_id = ? AND code = 'SBN22_003'", (report_id,)
    ).fetchone()[0]
    other.close()
    assert stored == nfc(note)


def test_a_100_kb_note(note_store: tuple[Store, int, Path]) -> None:
    store, report_id, _ = note_store
    note = ("Kế hoạch số 72/KH-SLĐTBXH ngày 28/12/2022 — đã triển khai 👍\n" * 2000)[:102_400]
    assert len(note) == 102_400
    store.set_note(report_id, "SBN22_004", unicodedata.normalize("NFD", note))
    assert store.report(report_id).note("SBN22_004") == note
