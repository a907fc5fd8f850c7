"""The core's records (hand-written classes in place of dataclasses, see cchc_desktop/records.py):
they behave as the dataclasses did, and the start-up path never imports ``dataclasses``."""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle
import subprocess
import sys
from datetime import UTC, datetime
from typing import Any

import pytest

from cchc_desktop import (
    backup,
    catalogue,
    exports,
    expressions,
    migrations,
    periods,
    rules,
    sessions,
    store,
)
from cchc_desktop.catalogue import Choice, Item, builtin_catalogues
from cchc_desktop.periods import Period
from cchc_desktop.records import FrozenError, FrozenRecord, Record, replace
from cchc_desktop.rules import Evaluation, Problem
from cchc_desktop.store import Change, Entry, Report, ReportSummary

MODULES = (backup, catalogue, exports, expressions, migrations, periods, rules, sessions, store)

# What each was as a dataclass: frozen or not (Period was also order=True).
FROZEN = {
    "Choice",
    "Item",
    "Section",
    "Check",
    "Catalogue",
    "_Function",
    "Migration",
    "Period",
    "Problem",
    "Session",
    "Claim",
    "OpenElsewhere",
    "ReportSummary",
    "Change",
    "_Head",
    "AppendixRow",
    "Backup",
}
MUTABLE = {"Evaluation", "Entry", "Report", "_Written"}
NOT_COMPARED = {"Catalogue": {"source", "by_code", "computed_order"}, "Change": {"evaluation"}}


def record_classes() -> list[type[Record]]:
    return [
        obj
        for module in MODULES
        for obj in vars(module).values()
        if isinstance(obj, type) and issubclass(obj, Record) and obj.__module__ == module.__name__
    ]


def test_the_start_up_core_and_the_pdf_export_never_import_dataclasses() -> None:
    # Creating a dataclass compiles its methods at every start (docs/benchmarks.md).
    code = (
        "import sys\n"
        "import cchc_desktop.store, cchc_desktop.sessions, cchc_desktop.exports.pdf\n"
        "import cchc_desktop.backup\n"
        "assert 'dataclasses' not in sys.modules, 'dataclasses is imported again'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_every_record_is_listed_with_fields_in_init_order() -> None:
    classes = record_classes()
    assert {c.__name__ for c in classes} == FROZEN | MUTABLE
    for cls in classes:
        assert issubclass(cls, FrozenRecord) == (cls.__name__ in FROZEN), cls
        parameters = list(inspect.signature(cls.__init__).parameters)[1:]
        assert parameters == list(cls._fields), cls  # repr() and replace() follow _fields
        assert sorted(cls.__slots__) == sorted(cls._fields), cls
        assert set(cls._fields) - set(cls._compared) == NOT_COMPARED.get(cls.__name__, set())
        assert all("__dict__" not in vars(k) for k in cls.__mro__ if k is not object), cls


def as_dataclass(cls: type[Record]) -> type[Any]:
    """The dataclass ``cls`` was: same fields, same compare/repr flags, frozen or not."""
    hidden = NOT_COMPARED.get(cls.__name__, set())
    return dataclasses.make_dataclass(
        cls.__name__,
        [
            (name, object, dataclasses.field(compare=name not in hidden, repr=name not in hidden))
            for name in cls._fields
        ],
        frozen=issubclass(cls, FrozenRecord),
        order=cls is Period,
    )


@pytest.mark.parametrize("cls", record_classes(), ids=lambda c: c.__name__)
def test_a_record_behaves_as_its_dataclass(cls: type[Record]) -> None:
    reference = as_dataclass(cls)
    values = {name: f"{name}-1" for name in cls._fields}
    record, twin, old = cls(**values), cls(**values), reference(**values)
    assert repr(record) == repr(old)
    assert record == twin and record is not twin
    assert record != values and record != tuple(values.values())
    for name in cls._fields:
        changed = replace(record, **{name: "other"})
        old_changed = dataclasses.replace(old, **{name: "other"})
        assert getattr(changed, name) == "other" and getattr(record, name) == f"{name}-1"
        assert (changed == record) == (old_changed == old), name
    if issubclass(cls, FrozenRecord):
        assert hash(record) == hash(twin) == hash(old)
        for name in cls._fields:
            with pytest.raises(FrozenError, match=f"{cls.__name__} is frozen.*'{name}'"):
                setattr(record, name, "x")
            with pytest.raises(AttributeError, match=f"{cls.__name__} is frozen.*'{name}'"):
                delattr(record, name)
            assert isinstance(getattr(record, name), str)
    else:
        with pytest.raises(TypeError, match="unhashable"):
            hash(record)
        setattr(record, cls._fields[0], "x")
        assert getattr(record, cls._fields[0]) == "x"
        with pytest.raises(AttributeError):
            record.not_a_field = 1  # type: ignore[attr-defined]
    for copied in (copy.copy(record), copy.deepcopy(record), pickle.loads(pickle.dumps(record))):
        assert type(copied) is cls and copied is not record
        assert [getattr(copied, n) for n in cls._fields] == [
            getattr(record, n) for n in cls._fields
        ]


def test_period_orders_by_year_then_kind_as_before() -> None:
    kinds = ("Q1", "H1", "Q3", "Y")
    new = [Period(year, kind) for year in (2023, 2022) for kind in kinds]
    old_cls = as_dataclass(Period)
    old = [old_cls(p.year, p.kind) for p in new]
    assert [(p.year, p.kind) for p in sorted(new)] == [(p.year, p.kind) for p in sorted(old)]
    for a, b in zip(new, new[1:] + new[:1], strict=True):
        oa, ob = old_cls(a.year, a.kind), old_cls(b.year, b.kind)
        assert (a < b, a <= b, a > b, a >= b) == (oa < ob, oa <= ob, oa > ob, oa >= ob)
    assert Period(2023, "Y") <= Period(2023, "Y") >= Period(2023, "Y")
    with pytest.raises(TypeError):
        _ = Period(2023, "Y") < (2023, "Y")  # type: ignore[operator]


def test_reprs_read_as_before() -> None:
    assert repr(Choice(1, "x")) == "Choice(code=1, label='x')"
    assert repr(Period(2023, "Q1")) == "Period(year=2023, kind='Q1')"
    assert repr(Entry()) == "Entry(value=None, pending=None, note='')"
    change = Change(1, "A", None, "5", "", "", "t", Evaluation({}))
    assert repr(change) == (
        "Change(report_id=1, code='A', old_value=None, new_value='5', old_note='',"
        " new_note='', at='t')"
    )


def test_defaults_are_fresh_for_each_instance() -> None:
    assert Evaluation({}).problems == [] and Evaluation({}).problems is not Evaluation({}).problems
    heading = dict.fromkeys(Report._fields[:-1])  # every field but entries
    one, two = Report(**heading), Report(**heading)
    assert one.entries == {} and one.entries is not two.entries
    item = Item("A", "1", "n", "value", "integer", "", "I", 0)
    assert (item.choices, item.formula, item.note_hint, item.min, item.max, item.parent) == (
        (),
        None,
        "",
        None,
        None,
        "",
    )
    assert (Entry().value, Entry().pending, Entry().note) == (None, None, "")


def test_catalogue_compares_without_what_follows_from_the_rest() -> None:
    cat = builtin_catalogues()["so-ban-nganh-2022"]
    bare = replace(cat, source={}, by_code={}, computed_order=())
    assert bare == cat and hash(bare) == hash(cat)
    assert "source" not in repr(cat) and "by_code" not in repr(cat)
    retitled = replace(cat, title="Khác")
    assert retitled != cat
    assert retitled.by_code is cat.by_code and retitled.source is cat.source  # carried over
    assert {cat: 1}[bare] == 1


def test_records_are_usable_as_keys() -> None:
    found_at = datetime(2024, 1, 1, tzinfo=UTC)
    held = sessions.Session("me", 1, "host", 2, "window", found_at, found_at)
    seen = {held, sessions.Session("me", 1, "host", 2, "window", found_at, found_at)}
    assert len(seen) == 1
    problem = Problem("error", ("A",), "m", "c")
    assert {problem: 1}[Problem("error", ("A",), "m", "c")] == 1


def test_replace_refuses_an_unknown_field_and_keeps_the_original() -> None:
    summary = ReportSummary(1, "c", "a", Period(2023, "Q1"), "", "draft", 0, 1, 0, 0, "t")
    with pytest.raises(TypeError):
        replace(summary, colour="red")
    moved = replace(summary, period=Period(2023, "H1"))
    assert type(moved) is ReportSummary
    assert (summary.period.kind, moved.period.kind) == ("Q1", "H1")
    assert replace(summary) == summary and replace(summary) is not summary
