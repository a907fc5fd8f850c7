"""A small, safe expression language for computed indicators and checks.

Expressions are parsed with :mod:`ast` and only a whitelist of node types is accepted: item
codes, numbers, ``+ - * /``, comparisons, ``and``/``or``/``not`` and a few named functions.
Nothing reaches Python objects: there are no attributes, subscripts, strings, keywords,
lambdas or ``**``, so ``__import__``, huge exponents and the like are refused at load time.
Blank values propagate (SQL-style): arithmetic or a comparison with a blank gives blank.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, DivisionByZero, InvalidOperation, localcontext

from cchc_desktop.records import FrozenRecord, set_field

MAX_LENGTH = 1000
MAX_DEPTH = 32
MAX_CONSTANT = Decimal(10) ** 15

Value = Decimal | bool | None
Env = Mapping[str, Decimal | None]


class ExpressionError(ValueError):
    """An expression that is not allowed or does not parse (message in Vietnamese)."""


def _ratio(args: Sequence[Value]) -> Value:
    a, b = _numbers(args, "ratio")
    if a is None or b is None or b == 0:
        return None
    return (a / b * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _sum(args: Sequence[Value]) -> Value:
    filled = [a for a in _numbers(args, "sum") if a is not None]
    return sum(filled, Decimal(0)) if filled else None


def _min(args: Sequence[Value]) -> Value:
    filled = [a for a in _numbers(args, "min") if a is not None]
    return min(filled) if filled else None


def _max(args: Sequence[Value]) -> Value:
    filled = [a for a in _numbers(args, "max") if a is not None]
    return max(filled) if filled else None


def _round(args: Sequence[Value]) -> Value:
    x, n = _numbers(args, "round")
    if x is None or n is None:
        return None
    return x.quantize(Decimal(1).scaleb(-int(n)), rounding=ROUND_HALF_UP)


def _filled(args: Sequence[Value]) -> Value:
    return all(a is not None for a in args)


def _blank(args: Sequence[Value]) -> Value:
    return all(a is None for a in args)


def _numbers(args: Sequence[Value], name: str) -> list[Decimal | None]:
    out: list[Decimal | None] = []
    for a in args:
        if isinstance(a, bool):
            raise ExpressionError(f"hàm {name}() cần số, không phải đúng/sai")
        out.append(a)
    return out


class _Function(FrozenRecord):
    """A function formulas may call: its implementation and how many arguments it takes."""

    __slots__ = ("accepts_text", "impl", "max_args", "min_args")
    impl: Callable[[Sequence[Value]], Value]
    min_args: int
    max_args: int
    accepts_text: bool

    def __init__(
        self,
        impl: Callable[[Sequence[Value]], Value],
        min_args: int,
        max_args: int,
        accepts_text: bool = False,
    ) -> None:
        set_field(self, "impl", impl)
        set_field(self, "min_args", min_args)
        set_field(self, "max_args", max_args)
        set_field(self, "accepts_text", accepts_text)


FUNCTIONS: dict[str, _Function] = {
    "ratio": _Function(_ratio, 2, 2),
    "sum": _Function(_sum, 1, 200),
    "min": _Function(_min, 1, 200),
    "max": _Function(_max, 1, 200),
    "round": _Function(_round, 2, 2),
    "filled": _Function(_filled, 1, 200, accepts_text=True),
    "blank": _Function(_blank, 1, 200, accepts_text=True),
}

_BINOPS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
_CMPOPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}


class Expression:
    """A parsed, checked expression; call :meth:`evaluate` with the report's values."""

    def __init__(self, source: str, tree: ast.expr, names: frozenset[str]) -> None:
        self.source = source
        self._tree = tree
        self.names = names

    def evaluate(self, env: Env) -> Value:
        """Evaluate against item values (Decimal, or None for blank)."""
        with localcontext() as ctx:
            ctx.prec = 34
            ctx.traps[DivisionByZero] = True
            ctx.traps[InvalidOperation] = True
            return _eval(self._tree, env)

    def __repr__(self) -> str:
        return f"Expression({self.source!r})"


def compile_expression(source: str, known: Callable[[str], str | None] | None = None) -> Expression:
    """Parse and check an expression.

    ``known(name)`` returns ``"number"``, ``"text"`` or None (unknown) for an item code; text
    items may only appear inside ``filled()``/``blank()``.
    """
    if not isinstance(source, str) or not source.strip():
        raise ExpressionError("biểu thức trống")
    if len(source) > MAX_LENGTH:
        raise ExpressionError(f"biểu thức dài quá {MAX_LENGTH} ký tự")
    if source.count("(") > MAX_DEPTH * 4:
        raise ExpressionError(f"biểu thức lồng nhau quá {MAX_DEPTH} cấp")
    try:
        tree = ast.parse(source.strip(), mode="eval")
    except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
        detail = getattr(exc, "msg", None) or "không đọc được"
        raise ExpressionError(f"biểu thức sai cú pháp ({detail})") from None
    names: set[str] = set()
    _check(tree.body, known, names, depth=0, in_text_func=False)
    return Expression(source, tree.body, frozenset(names))


def _check(
    node: ast.AST,
    known: Callable[[str], str | None] | None,
    names: set[str],
    depth: int,
    in_text_func: bool,
) -> None:
    if depth > MAX_DEPTH:
        raise ExpressionError(f"biểu thức lồng nhau quá {MAX_DEPTH} cấp")
    d = depth + 1
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise ExpressionError(f"chỉ được dùng số, không được dùng {node.value!r}")
        if abs(Decimal(str(node.value))) > MAX_CONSTANT:
            raise ExpressionError("hằng số quá lớn")
    elif isinstance(node, ast.Name):
        if node.id.startswith("_"):
            raise ExpressionError(f"tên không hợp lệ: {node.id}")
        if known is not None:
            kind = known(node.id)
            if kind is None:
                raise ExpressionError(f"không có chỉ tiêu mã {node.id}")
            if kind == "text" and not in_text_func:
                raise ExpressionError(
                    f"chỉ tiêu {node.id} là chữ, chỉ dùng được trong filled() hoặc blank()"
                )
        names.add(node.id)
    elif isinstance(node, ast.BinOp) and type(node.op) in _BINOPS:
        _check(node.left, known, names, d, False)
        _check(node.right, known, names, d, False)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd | ast.Not):
        _check(node.operand, known, names, d, False)
    elif isinstance(node, ast.BoolOp):
        for value in node.values:
            _check(value, known, names, d, False)
    elif isinstance(node, ast.Compare) and all(type(op) in _CMPOPS for op in node.ops):
        for sub in [node.left, *node.comparators]:
            _check(sub, known, names, d, False)
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
            shown = node.func.id if isinstance(node.func, ast.Name) else "?"
            raise ExpressionError(
                f"hàm không được phép: {shown} (chỉ có {', '.join(sorted(FUNCTIONS))})"
            )
        func = FUNCTIONS[node.func.id]
        if node.keywords:
            raise ExpressionError(f"hàm {node.func.id}() không nhận tham số có tên")
        if not func.min_args <= len(node.args) <= func.max_args:
            raise ExpressionError(f"hàm {node.func.id}() nhận sai số tham số")
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                raise ExpressionError("không được dùng dấu *")
            _check(arg, known, names, d, func.accepts_text)
    else:
        raise ExpressionError(f"không được dùng cấu trúc {type(node).__name__} trong biểu thức")


def _eval(node: ast.expr, env: Env) -> Value:
    if isinstance(node, ast.Constant):
        return Decimal(str(node.value))
    if isinstance(node, ast.Name):
        return env.get(node.id)
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, env), _eval(node.right, env)
        if left is None or right is None:
            return None
        if isinstance(left, bool) or isinstance(right, bool):
            raise ExpressionError("không làm phép tính với giá trị đúng/sai")
        op = type(node.op)
        if op is ast.Add:
            return left + right
        if op is ast.Sub:
            return left - right
        if op is ast.Mult:
            return left * right
        return None if right == 0 else left / right
    if isinstance(node, ast.UnaryOp):
        operand = _eval(node.operand, env)
        if operand is None:
            return None
        if isinstance(node.op, ast.Not):
            return not operand
        if isinstance(operand, bool):
            raise ExpressionError("không đổi dấu giá trị đúng/sai")
        return -operand if isinstance(node.op, ast.USub) else operand
    if isinstance(node, ast.BoolOp):
        results = [_eval(v, env) for v in node.values]
        truthy = [None if r is None else bool(r) for r in results]
        if isinstance(node.op, ast.And):
            if any(t is False for t in truthy):
                return False
            return None if any(t is None for t in truthy) else True
        if any(t is True for t in truthy):
            return True
        return None if any(t is None for t in truthy) else False
    if isinstance(node, ast.Compare):
        left = _eval(node.left, env)
        result: Value = True
        for cmp_op, comp in zip(node.ops, node.comparators, strict=True):
            right = _eval(comp, env)
            if left is None or right is None:
                return None
            if not _compare(type(cmp_op), left, right):
                result = False
            left = right
        return result
    if isinstance(node, ast.Call):
        assert isinstance(node.func, ast.Name)
        func = FUNCTIONS[node.func.id]
        return func.impl([_eval(a, env) for a in node.args])
    raise ExpressionError(f"không được dùng cấu trúc {type(node).__name__}")  # pragma: no cover


def _compare(op: type, a: Decimal | bool, b: Decimal | bool) -> bool:
    if op is ast.Lt:
        return a < b
    if op is ast.LtE:
        return a <= b
    if op is ast.Gt:
        return a > b
    if op is ast.GtE:
        return a >= b
    if op is ast.Eq:
        return a == b
    return a != b
