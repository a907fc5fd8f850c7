"""Indicator catalogues: loading, validating and describing them.

A catalogue is data (see docs/catalogue-format.md). It is validated in two passes: the JSON
Schema (shape) and then meaning (unique codes, formulas that parse and name items, no cycles).
Every refusal says where (a JSON path and the item code) and what, in Vietnamese.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from cchc_desktop import paths
from cchc_desktop.assets import resources_dir
from cchc_desktop.expressions import Expression, ExpressionError, compile_expression
from cchc_desktop.records import FrozenRecord, set_field
from cchc_desktop.text import nfc

MAX_FILE_BYTES = 5 * 1024 * 1024


class CatalogueError(ValueError):
    """A catalogue that cannot be used; ``str()`` says where and what, in Vietnamese."""


class Choice(FrozenRecord):
    """One answer of a coded indicator: the number entered and its label."""

    __slots__ = ("code", "label")
    code: int
    label: str

    def __init__(self, code: int, label: str) -> None:
        set_field(self, "code", code)
        set_field(self, "label", label)


class Item(FrozenRecord):
    """One row of the appendix."""

    __slots__ = (
        "choices",
        "code",
        "formula",
        "kind",
        "max",
        "min",
        "name",
        "note_hint",
        "parent",
        "position",
        "section_code",
        "stt",
        "type",
        "unit",
    )
    code: str
    stt: str
    name: str
    kind: str  # group | value | computed
    type: str | None  # integer | decimal | percent | choice | text; None for a group
    unit: str
    section_code: str
    position: int  # 0-based order in the whole catalogue
    choices: tuple[Choice, ...]
    formula: Expression | None
    note_hint: str
    min: Decimal | None
    max: Decimal | None
    parent: str  # the numbered row an unnumbered one belongs to, to tell "- Cấp tỉnh" apart

    def __init__(
        self,
        code: str,
        stt: str,
        name: str,
        kind: str,
        type: str | None,
        unit: str,
        section_code: str,
        position: int,
        choices: tuple[Choice, ...] = (),
        formula: Expression | None = None,
        note_hint: str = "",
        min: Decimal | None = None,
        max: Decimal | None = None,
        parent: str = "",
    ) -> None:
        set_field(self, "code", code)
        set_field(self, "stt", stt)
        set_field(self, "name", name)
        set_field(self, "kind", kind)
        set_field(self, "type", type)
        set_field(self, "unit", unit)
        set_field(self, "section_code", section_code)
        set_field(self, "position", position)
        set_field(self, "choices", choices)
        set_field(self, "formula", formula)
        set_field(self, "note_hint", note_hint)
        set_field(self, "min", min)
        set_field(self, "max", max)
        set_field(self, "parent", parent)

    def ref(self) -> str:
        """How messages name this indicator: Chỉ tiêu “…” (CODE), with its parent row when the
        name alone is ambiguous ("- Cấp tỉnh" appears under several headings)."""
        name = _shorten(self.name, 70)
        if self.parent and len(self.name) < 40:
            return f"Chỉ tiêu “{name}” thuộc “{_shorten(self.parent, 50)}” ({self.code})"
        return f"Chỉ tiêu “{name}” ({self.code})"

    @property
    def printed_unit(self) -> str:
        """The unit column as printed: the legend for a coded choice."""
        if self.type == "choice" and not self.unit:
            return " ".join(f"{c.label} = {c.code}" for c in self.choices)
        return self.unit

    @property
    def editable(self) -> bool:
        return self.kind == "value"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _is_numbered(stt: str) -> bool:
    """A row with its own number (1, 1.3.1., IV) rather than "- ", "" or "Trong đó"."""
    return any(ch.isdigit() for ch in stt) or stt.strip().rstrip(".") in _ROMAN


_ROMAN = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"}


class Section(FrozenRecord):
    """One section of the appendix (a tab of the editor) and its rows."""

    __slots__ = ("code", "items", "stt", "title")
    code: str
    stt: str
    title: str
    items: tuple[Item, ...]

    def __init__(self, code: str, stt: str, title: str, items: tuple[Item, ...]) -> None:
        set_field(self, "code", code)
        set_field(self, "stt", stt)
        set_field(self, "title", title)
        set_field(self, "items", items)

    @property
    def label(self) -> str:
        """Tab title: "I. Công tác chỉ đạo điều hành CCHC"."""
        stt = self.stt.strip().rstrip(".")
        return f"{stt}. {self.title}" if stt else self.title


class Check(FrozenRecord):
    """A consistency check of the catalogue: an expression that must hold, and its message."""

    __slots__ = ("expression", "id", "items", "message", "severity")
    id: str
    severity: str  # error | warning
    expression: Expression
    message: str
    items: tuple[str, ...]

    def __init__(
        self, id: str, severity: str, expression: Expression, message: str, items: tuple[str, ...]
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "severity", severity)
        set_field(self, "expression", expression)
        set_field(self, "message", message)
        set_field(self, "items", items)


class Catalogue(FrozenRecord):
    """A validated catalogue: its sections of items, its checks, and lookups built from them."""

    __slots__ = (
        "by_code",
        "checks",
        "computed_order",
        "description",
        "digest",
        "document_title",
        "id",
        "last_column",
        "sections",
        "source",
        "title",
        "version",
    )
    # source, by_code and computed_order follow from the rest: left out of ==, hash and repr.
    _compared = (
        "id",
        "version",
        "title",
        "description",
        "document_title",
        "last_column",
        "sections",
        "checks",
        "digest",
    )
    id: str
    version: str
    title: str
    description: str
    document_title: str
    last_column: str
    sections: tuple[Section, ...]
    checks: tuple[Check, ...]
    digest: str  # SHA-256 of the canonical JSON, ties a report to the exact list it was made on
    source: dict[str, Any]
    by_code: dict[str, Item]
    computed_order: tuple[Item, ...]

    def __init__(
        self,
        id: str,
        version: str,
        title: str,
        description: str,
        document_title: str,
        last_column: str,
        sections: tuple[Section, ...],
        checks: tuple[Check, ...],
        digest: str,
        source: dict[str, Any],
        by_code: dict[str, Item],
        computed_order: tuple[Item, ...],
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "version", version)
        set_field(self, "title", title)
        set_field(self, "description", description)
        set_field(self, "document_title", document_title)
        set_field(self, "last_column", last_column)
        set_field(self, "sections", sections)
        set_field(self, "checks", checks)
        set_field(self, "digest", digest)
        set_field(self, "source", source)
        set_field(self, "by_code", by_code)
        set_field(self, "computed_order", computed_order)

    def items(self) -> Iterator[Item]:
        """Every item in printed order."""
        for section in self.sections:
            yield from section.items

    @property
    def value_items(self) -> list[Item]:
        return [i for i in self.items() if i.kind == "value"]

    @property
    def counted_items(self) -> list[Item]:
        """Items that count towards "filled / total": everything that holds a value."""
        return [i for i in self.items() if i.kind != "group"]

    def to_public_dict(self) -> dict[str, Any]:
        """The shape `cchc catalogues show ID --json` prints."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "description": self.description,
            "document": {"title": self.document_title, "last_column": self.last_column},
            "sections": [
                {
                    "code": s.code,
                    "stt": s.stt,
                    "title": s.title,
                    "items": [_item_public(i) for i in s.items],
                }
                for s in self.sections
            ],
            "checks": [
                {
                    "id": c.id,
                    "severity": c.severity,
                    "assert": c.expression.source,
                    "message": c.message,
                    "items": list(c.items),
                }
                for c in self.checks
            ],
        }


def _item_public(item: Item) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": item.code,
        "stt": item.stt,
        "name": item.name,
        "unit": item.printed_unit,
        "kind": item.kind,
        "type": item.type,
    }
    if item.type == "choice":
        out["choices"] = [{"code": c.code, "label": c.label} for c in item.choices]
    if item.formula is not None:
        out["formula"] = item.formula.source
    if item.note_hint:
        out["note_hint"] = item.note_hint
    return out


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema every catalogue file must satisfy."""
    with open(resources_dir() / "catalogue.schema.json", encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _nfc_tree(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc_tree(v) for v in value]
    if isinstance(value, dict):
        return {nfc(k): _nfc_tree(v) for k, v in value.items()}
    return value


def _canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _normalised(data: Any) -> tuple[Any, str]:
    """``data`` in NFC and its digest: the SHA-256 of that form's canonical JSON, which ties
    a report to the exact list it was made on. The canonical text is written once and
    checked as a whole: when it is NFC, so is every string in it (each sits between quotes,
    which never combine), and the shipped files are, so the tree is walked only for a file
    that needs it. Raises TypeError, ValueError or RecursionError for data JSON cannot hold."""
    canonical = _canonical(data)
    if not unicodedata.is_normalized("NFC", canonical):
        data = _nfc_tree(data)
        canonical = _canonical(data)
    return data, hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _digest_or_none(data: Any) -> tuple[Any, str | None]:
    """:func:`_normalised`, or ``data`` as it is and None for data JSON cannot hold (the
    schema pass says what is wrong with it)."""
    try:
        return _normalised(data)
    except (TypeError, ValueError, RecursionError):
        return data, None


def _utf8_text(raw: bytes) -> str:
    """What decoding as "utf-8-sig" does, without importing its codec module at start-up.
    Raises UnicodeDecodeError."""
    return raw.decode("utf-8").removeprefix("\ufeff")


def load_catalogue_file(path: str | Path) -> Catalogue:
    """Read, validate and build a catalogue from a JSON file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise CatalogueError(f"Tệp danh mục {path.name}: quá lớn ({size} byte).")
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogueError(
            f"Không đọc được tệp danh mục {path}: {exc.strerror or exc}."
        ) from None
    return load_catalogue_bytes(raw, source=path.name)


def load_catalogue_bytes(raw: bytes, source: str = "(không tên)") -> Catalogue:
    """Parse JSON bytes (UTF-8) and build the catalogue."""
    try:
        text = _utf8_text(raw)
    except UnicodeDecodeError as exc:
        raise CatalogueError(
            f"Tệp danh mục {source}: không phải văn bản UTF-8 (byte thứ {exc.start})."
        ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogueError(
            f"Tệp danh mục {source}: không phải JSON hợp lệ ở dòng {exc.lineno}, "
            f"cột {exc.colno} ({exc.msg})."
        ) from None
    except RecursionError:
        raise CatalogueError(f"Tệp danh mục {source}: JSON lồng nhau quá sâu.") from None
    return load_catalogue(data, source=source)


def load_catalogue(data: Any, source: str = "(không tên)") -> Catalogue:
    """Validate a parsed catalogue (dict) against the schema and its meaning, and build it."""
    data, digest = _digest_or_none(data)
    key = None if digest is None else _key_for(digest)
    if key is None or key not in _validated_keys():
        try:
            errors = list(_validator().iter_errors(data))
        except RecursionError:
            raise CatalogueError(f"Tệp danh mục {source}: JSON lồng nhau quá sâu.") from None
        if errors:
            import jsonschema.exceptions

            best = jsonschema.exceptions.best_match(errors)
            raise CatalogueError(f"Tệp danh mục {source}: {_describe_schema_error(best, data)}")
    if digest is None:  # passed the schema, yet JSON cannot hold it (say, a key not a string)
        raise CatalogueError(f"Tệp danh mục {source}: nội dung không phải dữ liệu JSON.")
    catalogue = _build(data, source, digest)
    if key is not None:
        _remember_validated(key)
    return catalogue


# Schema validation costs ~80 ms (import and run), too much for opening a report at start-up.
# Content that passed once, against the same schema, passes again: remember it by digest
# (in memory and in the data directory) and skip only the schema pass for identical bytes.
_VALIDATED_FILE = "catalogues-validated.txt"


def _key_for(digest: str) -> str:
    return f"{_schema_digest()}:{digest}"


@cache
def _schema_digest() -> str:
    return hashlib.sha256((resources_dir() / "catalogue.schema.json").read_bytes()).hexdigest()


@cache
def _validated_keys() -> set[str]:
    known = shipped_validation_keys()
    with contextlib.suppress(OSError, UnicodeDecodeError):
        known.update((paths.data_dir() / _VALIDATED_FILE).read_text(encoding="utf-8").split())
    return known


def _remember_validated(key: str) -> None:
    known = _validated_keys()
    if key in known:
        return
    known.add(key)
    try:
        with open(paths.data_dir() / _VALIDATED_FILE, "a", encoding="utf-8") as fh:
            fh.write(key + "\n")
    except OSError:
        pass  # a cache: without it the next load validates again


def _where(path: list[Any], data: Any) -> str:
    parts: list[str] = []
    node = data
    code = None
    for key in path:
        parts.append(f"[{key}]" if isinstance(key, int) else (f".{key}" if parts else str(key)))
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            node = None
        if isinstance(node, dict) and isinstance(node.get("code"), str):
            code = node["code"]
    where = "".join(parts) or "gốc tệp"
    return f"tại {where}" + (f" (mã {code})" if code else "")


_TYPE_NAMES = {
    "object": "một đối tượng {…}",
    "array": "một danh sách […]",
    "string": "một chuỗi chữ",
    "integer": "một số nguyên",
    "number": "một số",
    "boolean": "true hoặc false",
}


@cache
def _validator() -> Any:
    # Imported here: jsonschema costs ~50 ms to import, paid only when a catalogue is read.
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


def _describe_schema_error(error: Any, data: Any) -> str:
    where = _where(list(error.absolute_path), data)
    v, expected, inst = error.validator, error.validator_value, error.instance
    if v == "required":
        missing = [k for k in expected if isinstance(inst, dict) and k not in inst]
        what = f"thiếu trường bắt buộc “{', '.join(missing)}”"
    elif v == "additionalProperties":
        extra = sorted(set(inst) - set(error.schema.get("properties", {})))
        what = f"có trường không được phép “{', '.join(extra)}”"
    elif v == "enum":
        what = f"giá trị {inst!r} không hợp lệ; chỉ nhận {', '.join(map(repr, expected))}"
    elif v == "const":
        what = f"giá trị phải là {expected!r}, không phải {inst!r}"
    elif v == "type":
        what = f"phải là {_TYPE_NAMES.get(str(expected), expected)}, không phải {inst!r:.60}"
    elif v == "pattern":
        what = f"giá trị {inst!r:.60} không đúng dạng (mẫu {expected})"
    elif v in ("minLength", "minItems"):
        what = "không được để trống" if expected == 1 else f"cần ít nhất {expected} phần tử"
    elif v in ("maxLength", "maxItems"):
        what = f"quá dài (tối đa {expected})"
    elif v in ("minimum", "maximum"):
        what = f"giá trị {inst!r} nằm ngoài giới hạn ({v} {expected})"
    elif v == "not" and isinstance(inst, dict) and inst.get("kind") == "group":
        what = "dòng nhóm (group) không được có type, formula hay choices"
    elif v == "not" and isinstance(inst, dict) and "formula" in inst:
        what = "chỉ chỉ tiêu tính toán (kind = computed) mới có formula"
    elif v == "not" and isinstance(inst, dict) and "choices" in inst:
        what = "chỉ chỉ tiêu lựa chọn (type = choice) mới có choices"
    elif v == "oneOf":
        what = "choices phải là tên một bộ lựa chọn hoặc danh sách {code, label}"
    else:
        what = f"không hợp lệ ({error.message[:120]})"
    return f"{where}: {what}."


def _build(data: dict[str, Any], source: str, digest: str) -> Catalogue:
    def fail(where: str, what: str) -> CatalogueError:
        return CatalogueError(f"Tệp danh mục {source}: tại {where}: {what}.")

    choice_sets: dict[str, tuple[Choice, ...]] = {}
    for name, options in data.get("choice_sets", {}).items():
        choice_sets[name] = _choices(options, f"choice_sets.{name}", fail)

    seen: dict[str, str] = {}
    raw_items: list[tuple[dict[str, Any], str, str]] = []
    for si, section in enumerate(data["sections"]):
        where = f"sections[{si}]"
        if section["code"] in seen:
            raise fail(where, f"mã {section['code']} trùng với {seen[section['code']]}")
        seen[section["code"]] = where
        for ii, item in enumerate(section["items"]):
            iwhere = f"sections[{si}].items[{ii}] (mã {item['code']})"
            if item["code"] in seen:
                raise fail(iwhere, f"mã {item['code']} trùng với {seen[item['code']]}")
            seen[item["code"]] = iwhere
            raw_items.append((item, section["code"], iwhere))

    kinds = {
        item["code"]: ("text" if item.get("type") == "text" else "number")
        for item, _, _ in raw_items
        if item["kind"] != "group"
    }

    built: dict[str, Item] = {}
    parent, parent_section = "", ""
    for position, (item, section_code, iwhere) in enumerate(raw_items):
        if section_code != parent_section:
            parent, parent_section = "", section_code
        if _is_numbered(item["stt"]):
            parent, own_parent = item["name"].strip(), ""
        else:
            own_parent = parent
        choices: tuple[Choice, ...] = ()
        if item.get("type") == "choice":
            ref = item["choices"]
            if isinstance(ref, str):
                if ref not in choice_sets:
                    raise fail(iwhere, f"không có bộ lựa chọn “{ref}” trong choice_sets")
                choices = choice_sets[ref]
            else:
                choices = _choices(ref, f"{iwhere}.choices", fail)
        formula = None
        if item["kind"] == "computed":
            if item["type"] not in ("integer", "decimal", "percent"):
                raise fail(
                    iwhere, "chỉ tiêu tính toán phải có type là integer, decimal hoặc percent"
                )
            try:
                formula = compile_expression(item["formula"], kinds.get)
            except ExpressionError as exc:
                raise fail(f"{iwhere}.formula", str(exc)) from None
            if item["code"] in formula.names:
                raise fail(f"{iwhere}.formula", "công thức tham chiếu chính nó")
        lo, hi = item.get("min"), item.get("max")
        built[item["code"]] = Item(
            code=item["code"],
            stt=item["stt"],
            name=item["name"].strip(),
            kind=item["kind"],
            type=item.get("type"),
            unit=item.get("unit", ""),
            section_code=section_code,
            position=position,
            choices=choices,
            formula=formula,
            note_hint=item.get("note_hint", ""),
            min=None if lo is None else Decimal(str(lo)),
            max=None if hi is None else Decimal(str(hi)),
            parent=own_parent,
        )

    sections = tuple(
        Section(
            code=s["code"],
            stt=s["stt"],
            title=s["title"].strip(),
            items=tuple(built[i["code"]] for i in s["items"]),
        )
        for s in data["sections"]
    )

    checks: list[Check] = []
    check_ids: set[str] = set()
    for ci, check in enumerate(data.get("checks", [])):
        where = f"checks[{ci}] (id {check['id']})"
        if check["id"] in check_ids:
            raise fail(where, f"id {check['id']} bị trùng")
        check_ids.add(check["id"])
        try:
            expr = compile_expression(check["assert"], kinds.get)
        except ExpressionError as exc:
            raise fail(f"{where}.assert", str(exc)) from None
        marked = tuple(check.get("items") or sorted(expr.names))
        for code in marked:
            if code not in built:
                raise fail(f"{where}.items", f"không có chỉ tiêu mã {code}")
        checks.append(Check(check["id"], check["severity"], expr, check["message"], marked))

    return Catalogue(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        description=data.get("description", ""),
        document_title=data["document"]["title"],
        last_column=data["document"]["last_column"],
        sections=sections,
        checks=tuple(checks),
        digest=digest,
        source=data,
        by_code=built,
        computed_order=_computed_order(built, fail),
    )


def _choices(options: list[dict[str, Any]], where: str, fail: Any) -> tuple[Choice, ...]:
    codes = [o["code"] for o in options]
    if len(set(codes)) != len(codes):
        raise fail(where, "mã lựa chọn bị trùng")
    return tuple(Choice(o["code"], o["label"].strip()) for o in options)


def _computed_order(items: dict[str, Item], fail: Any) -> tuple[Item, ...]:
    """Computed items ordered so each comes after the computed items it uses."""
    order: list[Item] = []
    state: dict[str, int] = {}  # 1 = visiting, 2 = done

    def visit(item: Item, chain: list[str]) -> None:
        if state.get(item.code) == 2:
            return
        if state.get(item.code) == 1:
            raise fail(f"công thức của {item.code}", "vòng lặp " + " → ".join([*chain, item.code]))
        state[item.code] = 1
        assert item.formula is not None
        for name in sorted(item.formula.names):
            dep = items[name]
            if dep.kind == "computed":
                visit(dep, [*chain, item.code])
        state[item.code] = 2
        order.append(item)

    for item in items.values():
        if item.kind == "computed":
            visit(item, [])
    return tuple(order)


@cache
def builtin_catalogues() -> dict[str, Catalogue]:
    """The catalogues shipped in resources/catalogues/, by id."""
    # Hash the files themselves: this builds all of them anyway, and must not trust a stale list.
    built = (builtin_catalogue(digest) for digest, _ in _builtin_index(trust_list=False))
    return {catalogue.id: catalogue for catalogue in built}


@cache
def _builtin_index(trust_list: bool = True) -> list[tuple[str, Path]]:
    """(digest, path) of each shipped catalogue, without building any: opening one report must
    not pay for reading and hashing all four (~10 ms). The digests come from validated.txt (a
    test keeps it in step with the files); a file it does not list is read and hashed, and
    `builtin_catalogue` checks the digest of what it builds, so a stale list costs time, never
    a wrong catalogue."""
    listed = _shipped_digests() if trust_list else {}
    out = []
    for path in sorted((resources_dir() / "catalogues").glob("*.json")):
        digest = listed.get(path.name)
        if digest is None:
            data = json.loads(_utf8_text(path.read_bytes()))
            digest = _normalised(data)[1]
        out.append((digest, path))
    return out


@cache
def builtin_catalogue(digest: str) -> Catalogue:
    """A shipped catalogue by digest; KeyError when none has it."""
    for trust_list in (True, False):
        for known, path in _builtin_index(trust_list):
            if known == digest:
                catalogue = load_catalogue_file(path)
                if catalogue.digest == digest:
                    return catalogue
    raise KeyError(digest)


def is_builtin(digest: str) -> bool:
    return any(known == digest for known, _ in _builtin_index())


def shipped_validation_keys() -> set[str]:
    """Validation keys shipped beside the built-in catalogues (resources/catalogues/validated.txt),
    so a fresh install opens a report without paying for the schema pass; a test keeps the file
    in step with the catalogues and the schema (tools/update_validated.py rewrites it)."""
    return {key for key, _ in _shipped_lines()}


@cache
def _shipped_digests() -> dict[str, str]:
    """File name → content digest, as validated.txt lists them (the files are NFC, so the
    digest of the raw content is the catalogue's digest)."""
    return {name: key.rpartition(":")[2] for key, name in _shipped_lines()}


def _shipped_lines() -> list[tuple[str, str]]:
    try:
        text = (resources_dir() / "catalogues" / "validated.txt").read_text(encoding="utf-8")
    except OSError:
        return []
    lines = [line.split() for line in text.splitlines() if line.strip() and line[0] != "#"]
    return [(parts[0], parts[1] if len(parts) > 1 else "") for parts in lines]


def validation_key(data: Any) -> str | None:
    """The key under which a catalogue's content counts as validated against this schema."""
    digest = _digest_or_none(data)[1]
    return None if digest is None else _key_for(digest)
