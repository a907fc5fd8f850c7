"""Computed indicators and consistency checks of one report, from its catalogue."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from cchc_desktop.catalogue import Catalogue, Item
from cchc_desktop.expressions import ExpressionError
from cchc_desktop.values import ValueInputError, canonical_number, parse_value, to_number

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """An error or warning about one or more cells."""

    severity: str
    codes: tuple[str, ...]
    message: str
    check_id: str  # the catalogue check, or "nhap-sai" for an entry that could not be read

    def to_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "check": self.check_id,
            "codes": list(self.codes),
            "message": self.message,
        }


@dataclass
class Evaluation:
    """Values including the computed ones, and every problem found."""

    values: dict[str, str | None]
    problems: list[Problem] = field(default_factory=list)
    filled: int = 0
    total: int = 0

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
    values: dict[str, str | None] = {}
    env: dict[str, Decimal | None] = {}
    for item in catalogue.items():
        if item.kind == "value":
            raw = stored.get(item.code)
            values[item.code] = raw
            env[item.code] = to_number(item, raw)
            if item.type == "text":  # text only answers filled()/blank(): any non-None works
                env[item.code] = None if raw is None else Decimal(1)
    evaluation = Evaluation(values)
    for item in catalogue.computed_order:
        assert item.formula is not None
        try:
            result = item.formula.evaluate(env)
        except (ExpressionError, ArithmeticError) as exc:
            evaluation.problems.append(
                Problem(ERROR, (item.code,), f"{item.ref()}: không tính được ({exc}).", "cong-thuc")
            )
            result = None
        if isinstance(result, bool):
            result = None
        if result is not None:
            result = _round_for(item, result)
        env[item.code] = result
        values[item.code] = None if result is None else canonical_number(result)

    for code, raw in (pending or {}).items():
        pending_item = catalogue.by_code.get(code)
        if pending_item is None:
            continue
        try:
            parse_value(pending_item, raw)
            message = f"{pending_item.ref()}: “{raw}” chưa được lưu."
        except ValueInputError as exc:
            message = str(exc)
        evaluation.problems.append(Problem(ERROR, (code,), message, "nhap-sai"))

    for check in catalogue.checks:
        try:
            outcome = check.expression.evaluate(env)
        except (ExpressionError, ArithmeticError) as exc:
            evaluation.problems.append(
                Problem(ERROR, check.items, f"Kiểm tra {check.id} không chạy được: {exc}", check.id)
            )
            continue
        if outcome is False or (isinstance(outcome, Decimal) and outcome == 0):
            evaluation.problems.append(
                Problem(check.severity, check.items, check.message, check.id)
            )

    counted = catalogue.counted_items
    evaluation.total = len(counted)
    evaluation.filled = sum(1 for i in counted if values.get(i.code) is not None)
    return evaluation
