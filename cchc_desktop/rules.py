"""Computed indicators and consistency checks of one report, from its catalogue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal

from cchc_desktop.catalogue import Catalogue, Item
from cchc_desktop.expressions import ExpressionError
from cchc_desktop.records import FrozenRecord, Record, set_field
from cchc_desktop.values import ValueInputError, canonical_number, parse_value, to_number

ERROR = "error"
WARNING = "warning"


class Problem(FrozenRecord):
    """An error or warning about one or more cells."""

    __slots__ = ("check_id", "codes", "message", "severity")
    severity: str
    codes: tuple[str, ...]
    message: str
    check_id: str  # the catalogue check, or "nhap-sai" for an entry that could not be read

    def __init__(self, severity: str, codes: tuple[str, ...], message: str, check_id: str) -> None:
        set_field(self, "severity", severity)
        set_field(self, "codes", codes)
        set_field(self, "message", message)
        set_field(self, "check_id", check_id)

    def to_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "check": self.check_id,
            "codes": list(self.codes),
            "message": self.message,
        }


class Evaluation(Record):
    """Values including the computed ones, and every problem found."""

    __slots__ = ("filled", "problems", "total", "values")
    values: dict[str, str | None]
    problems: list[Problem]
    filled: int
    total: int

    def __init__(
        self,
        values: dict[str, str | None],
        problems: list[Problem] | None = None,
        filled: int = 0,
        total: int = 0,
    ) -> None:
        self.values = values
        self.problems = [] if problems is None else problems  # a new list for each
        self.filled = filled
        self.total = total

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    def problems_for(self, code: str) -> list[Problem]:
        return [p for p in self.problems if code in p.codes]


def _round_for(item: Item, value: Decimal) -> Decimal:
    places = Decimal(1) if item.type == "integer" else Decimal("0.01")
    return value.quantize(places, rounding=ROUND_HALF_UP)


def evaluate(
    catalogue: Catalogue,
    stored: Mapping[str, str | None],
    pending: Mapping[str, str] | None = None,
) -> Evaluation:
    """Work out computed items and run every check.

    ``stored`` maps codes of value items to canonical text (or None); ``pending`` holds what the
    clerk typed that could not be accepted, which is reported as an error on its cell.
    """
    return Evaluator(catalogue, stored).evaluation(pending)


class Evaluator:
    """The evaluation of one report, kept up to date edit by edit: after a change only the
    computed items and checks that depend on the changed cells are worked out again (a few of
    some 80 expressions). Its result is the one `evaluate` gives for the same values, problems
    in the same order (a test compares them over random edits)."""

    def __init__(self, catalogue: Catalogue, stored: Mapping[str, str | None]) -> None:
        self.catalogue = catalogue
        self._values: dict[str, str | None] = {}
        self._env: dict[str, Decimal | None] = {}
        for item in catalogue.items():
            if item.kind == "value":
                self._set_input(item, stored.get(item.code))
        # The problem (or None) of each computed item and of each check, by position.
        self._computed: list[Problem | None] = [None] * len(catalogue.computed_order)
        self._checks: list[Problem | None] = [None] * len(catalogue.checks)
        self._readers = _readers(catalogue)
        self._run(range(len(self._computed)), range(len(self._checks)))

    def update(self, changed: Mapping[str, str | None]) -> None:
        """Value items whose stored text changed (code → canonical text or None)."""
        touched: set[str] = set()
        for code, raw in changed.items():
            item = self.catalogue.by_code.get(code)
            if item is None or item.kind != "value" or self._values.get(code, None) == raw:
                continue
            self._set_input(item, raw)
            touched.add(code)
        if not touched:
            return
        formulas, checks = self._readers
        computed = []
        for position, item in enumerate(self.catalogue.computed_order):
            # In dependency order: an item whose inputs changed may change those after it.
            if formulas[position] & touched:
                computed.append(position)
                touched.add(item.code)
        self._run(computed, [n for n, names in enumerate(checks) if names & touched])

    def evaluation(self, pending: Mapping[str, str] | None = None) -> Evaluation:
        """The evaluation now, with ``pending`` (code → text that could not be accepted)."""
        evaluation = Evaluation(dict(self._values))
        problems = evaluation.problems
        problems.extend(p for p in self._computed if p is not None)
        for code, raw in (pending or {}).items():
            pending_item = self.catalogue.by_code.get(code)
            if pending_item is None:
                continue
            try:
                parse_value(pending_item, raw)
                message = f"{pending_item.ref()}: “{raw}” chưa được lưu."
            except ValueInputError as exc:
                message = str(exc)
            problems.append(Problem(ERROR, (code,), message, "nhap-sai"))
        problems.extend(p for p in self._checks if p is not None)
        counted = self.catalogue.counted_items
        evaluation.total = len(counted)
        evaluation.filled = sum(1 for i in counted if self._values.get(i.code) is not None)
        return evaluation

    def _set_input(self, item: Item, raw: str | None) -> None:
        self._values[item.code] = raw
        if item.type == "text":  # text only answers filled()/blank(): any non-None works
            self._env[item.code] = None if raw is None else Decimal(1)
        else:
            self._env[item.code] = to_number(item, raw)

    def _run(self, computed: Iterable[int], checks: Iterable[int]) -> None:
        env = self._env
        order = self.catalogue.computed_order
        for position in computed:
            item = order[position]
            assert item.formula is not None
            problem = None
            try:
                result = item.formula.evaluate(env)
            except (ExpressionError, ArithmeticError) as exc:
                message = f"{item.ref()}: không tính được ({exc})."
                problem = Problem(ERROR, (item.code,), message, "cong-thuc")
                result = None
            if isinstance(result, bool):
                result = None
            if result is not None:
                result = _round_for(item, result)
            env[item.code] = result
            self._values[item.code] = None if result is None else canonical_number(result)
            self._computed[position] = problem
        for position in checks:
            check = self.catalogue.checks[position]
            problem = None
            try:
                outcome = check.expression.evaluate(env)
            except (ExpressionError, ArithmeticError) as exc:
                message = f"Kiểm tra {check.id} không chạy được: {exc}"
                problem = Problem(ERROR, check.items, message, check.id)
            else:
                if outcome is False or (isinstance(outcome, Decimal) and outcome == 0):
                    problem = Problem(check.severity, check.items, check.message, check.id)
            self._checks[position] = problem


def _readers(catalogue: Catalogue) -> tuple[list[frozenset[str]], list[frozenset[str]]]:
    """The codes each computed item's formula and each check reads."""
    formulas = []
    for item in catalogue.computed_order:
        assert item.formula is not None
        formulas.append(item.formula.names)
    return formulas, [check.expression.names for check in catalogue.checks]
