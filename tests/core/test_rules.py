"""The evaluator kept up to date edit by edit gives what a full evaluation gives."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_desktop.catalogue import Catalogue, Item, builtin_catalogues
from cchc_desktop.rules import Evaluator, evaluate
from cchc_desktop.values import ValueInputError, parse_value

CATALOGUES = sorted(builtin_catalogues().values(), key=lambda c: c.id)


def _typed(item: Item) -> st.SearchStrategy[str]:
    if item.type == "choice":
        return st.sampled_from([str(choice.code) for choice in item.choices] + ["7"])
    if item.type == "text":
        return st.sampled_from(["có", "Quyết định 12/QĐ-UBND"])
    # Small numbers so that sums, rates and "part ≤ whole" checks go both ways.
    return st.one_of(
        st.integers(0, 60).map(str),
        st.sampled_from(["0", "100", "33,33", "99,5", "1.200"]),
    )


def _edits(catalogue: Catalogue) -> st.SearchStrategy[list[tuple[str, str | None]]]:
    items = catalogue.value_items

    @st.composite
    def edit(draw: Any) -> tuple[str, str | None]:
        item = draw(st.sampled_from(items))
        if draw(st.integers(0, 5)) == 0:
            return item.code, None  # cleared
        try:
            return item.code, parse_value(item, draw(_typed(item)))
        except ValueInputError:
            return item.code, None

    return st.lists(st.lists(edit(), min_size=1, max_size=4), min_size=1, max_size=25)


def _same(left: Any, right: Any) -> None:
    assert left.values == right.values
    assert left.problems == right.problems  # the same problems, in the same order
    assert (left.filled, left.total) == (right.filled, right.total)


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda c: c.id)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_updates_match_a_full_evaluation(catalogue: Catalogue, data: Any) -> None:
    stored: dict[str, str | None] = {}
    evaluator = Evaluator(catalogue, stored)
    for batch in data.draw(_edits(catalogue)):
        changed = dict(batch)
        stored.update(changed)
        evaluator.update(changed)
        pending = {batch[0][0]: "abc"} if len(batch) > 3 else {}
        _same(evaluator.evaluation(pending), evaluate(catalogue, stored, pending))


def test_only_what_depends_on_a_changed_cell_is_worked_out_again() -> None:
    catalogue = builtin_catalogues()["so-ban-nganh-2022"]
    evaluator = Evaluator(catalogue, {})
    expressions = [item.formula for item in catalogue.computed_order] + [
        check.expression for check in catalogue.checks
    ]
    ran: list[Any] = []
    for expression in expressions:
        assert expression is not None

        def spy(env: Any, expression: Any = expression, original: Any = expression.evaluate) -> Any:
            ran.append(expression)
            return original(env)

        expression.evaluate = spy  # type: ignore[method-assign]
    try:
        code = "SBN22_003"  # the year's plan: read by the completion rate and a few checks
        readers = [e for e in expressions if e is not None and code in e.names]
        evaluator.update({code: "12"})
        assert set(map(id, ran)) == set(map(id, readers))
        assert 0 < len(ran) < len(expressions) // 4
        ran.clear()
        evaluator.update({code: "12"})  # unchanged: nothing to work out
        assert ran == []
    finally:
        for expression in expressions:
            vars(expression).pop("evaluate", None)
