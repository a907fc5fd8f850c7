"""Property-based tests of the catalogue loader: a real catalogue, randomly broken.

Keys deleted, values of the wrong type, duplicate codes, unknown keys, bad or hostile
formulas, damaged bytes: the loader either accepts the file (the change was harmless) or
refuses it with CatalogueError saying where ("tại …") and what — never another exception.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cchc_desktop.assets import resources_dir
from cchc_desktop.catalogue import Catalogue, CatalogueError, load_catalogue, load_catalogue_bytes
from cchc_desktop.expressions import FUNCTIONS
from tests.reliability.conftest import READABLE_FAILURES
from tests.reliability.figures import record
from tests.reliability.test_fuzz_expressions import HOSTILE

pytestmark = READABLE_FAILURES

FUZZ = settings(max_examples=200, deadline=None)
FILES = sorted((resources_dir() / "catalogues").glob("*.json"))
FULL = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in FILES}


def items_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [item for section in data["sections"] for item in section["items"]]


def first_sections(data: dict[str, Any], count: int = 2) -> dict[str, Any]:
    """A real catalogue cut to its first sections (and the checks on them), so each example
    is validated in a few milliseconds; the shape and every kind of field stay real."""
    kept = copy.deepcopy(data)
    kept["sections"] = kept["sections"][:count]
    codes = {item["code"] for item in items_of(kept)}
    words = {*FUNCTIONS, "and", "or", "not"}
    kept["checks"] = [
        check
        for check in kept.get("checks", [])
        if set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", check["assert"])) - words <= codes
    ]
    load_catalogue(kept)  # still a valid catalogue
    return kept


SOURCES = {name: first_sections(data) for name, data in FULL.items()}
WRONG = [None, 0, -1, 1.5, "", "x", "kế hoạch", [], {}, True, [1, 2], {"a": 1}, "0" * 10_000]
WHERE_WHAT = re.compile(r"tại .+?: \S")

Path_ = tuple[str | int, ...]


def all_paths(node: Any, prefix: Path_ = ()) -> list[Path_]:
    found: list[Path_] = []
    if isinstance(node, dict):
        for key, child in node.items():
            found.append((*prefix, key))
            found += all_paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found.append((*prefix, index))
            found += all_paths(child, (*prefix, index))
    return found


PATHS = {name: all_paths(data) for name, data in SOURCES.items()}


def parent_of(data: Any, path: Path_) -> Any:
    node = data
    for key in path[:-1]:
        node = node[key]
    return node


def mutate(data: dict[str, Any], draw: Any, name: str) -> None:
    """Break the catalogue in one random way."""
    op = draw(
        st.sampled_from(
            ["delete", "wrong type", "duplicate code", "formula", "check", "unknown key", "kind"]
        )
    )
    if op in ("delete", "wrong type", "unknown key"):
        path = draw(st.sampled_from(PATHS[name]))
        parent = parent_of(data, path)
        if op == "delete":
            del parent[path[-1]]
        elif op == "wrong type":
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(WRONG)))
        elif isinstance(parent, dict):
            parent[draw(st.sampled_from(["extra", "Code", "kind2", "ghi_chu"]))] = 1
        else:
            parent.append(draw(st.sampled_from(WRONG)))
    elif op == "duplicate code":
        items = items_of(data)
        a, b = draw(st.sampled_from(items)), draw(st.sampled_from(items))
        b["code"] = a["code"]
        if a is b:
            data["sections"][0]["code"] = a["code"]
    elif op == "formula":
        computed = [i for i in items_of(data) if i["kind"] == "computed"]
        target = draw(st.sampled_from(computed or items_of(data)))
        target["kind"] = "computed"
        target.setdefault("type", "integer")
        target["formula"] = draw(st.sampled_from([*HOSTILE, target["code"], "ratio(A1)", "1 +"]))
    elif op == "check":
        checks = data.setdefault("checks", [])
        if checks:
            check = draw(st.sampled_from(checks))
        else:
            check = {"id": "x", "severity": "error", "message": "m"}
            checks.append(check)
        check["assert"] = draw(st.sampled_from([*HOSTILE, "NO_SUCH_CODE > 0", "1 ="]))
    else:
        item = draw(st.sampled_from(items_of(data)))
        item["kind"] = draw(st.sampled_from(["group", "value", "computed", "khác"]))


@FUZZ
@given(name=st.sampled_from(sorted(SOURCES)), data=st.data())
def test_a_broken_catalogue_is_refused_with_where_and_what(name: str, data: Any) -> None:
    record("fuzz inputs tried: catalogue structure")
    broken = copy.deepcopy(SOURCES[name])
    for _ in range(data.draw(st.integers(1, 3))):
        try:
            mutate(broken, data.draw, name)
        except (KeyError, IndexError, TypeError, AttributeError):
            break  # an earlier mutation removed what this one needed: test what we have
    try:
        loaded = load_catalogue(broken, source=name)
    except CatalogueError as exc:
        record("catalogue files rejected: structure")
        message = str(exc)
        assert message.startswith(f"Tệp danh mục {name}")
        assert WHERE_WHAT.search(message), message
        return
    assert isinstance(loaded, Catalogue)
    record("catalogue changes accepted as harmless")


@FUZZ
@given(name=st.sampled_from(sorted(SOURCES)), data=st.data())
def test_damaged_catalogue_bytes_are_refused_with_a_message(name: str, data: Any) -> None:
    record("fuzz inputs tried: catalogue bytes")
    raw = bytearray((resources_dir() / "catalogues" / name).read_bytes())
    how = data.draw(st.sampled_from(["flip", "truncate", "insert", "bom", "latin1"]))
    if how == "flip":
        for _ in range(data.draw(st.integers(1, 5))):
            raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    elif how == "truncate":
        raw = raw[: data.draw(st.integers(0, len(raw) - 1))]
    elif how == "insert":
        at = data.draw(st.integers(0, len(raw)))
        raw[at:at] = data.draw(st.binary(min_size=1, max_size=20))
    elif how == "bom":
        raw = bytearray(b"\xef\xbb\xbf") + raw
    else:
        raw = bytearray(raw.decode("utf-8").encode("utf-8").replace(b"\xe1", b"\xe0"))
    try:
        load_catalogue_bytes(bytes(raw), source=name)
    except CatalogueError as exc:
        record("catalogue files rejected: bytes")
        assert re.search(r"(tại |ở dòng \d+|byte thứ \d+)", str(exc)), str(exc)


@pytest.mark.parametrize("formula", HOSTILE, ids=[f"hostile{n}" for n in range(len(HOSTILE))])
def test_catalogues_that_try_to_reach_python_are_refused(formula: str) -> None:
    broken = copy.deepcopy(FULL["so-ban-nganh-2022.json"])
    target = next(i for i in items_of(broken) if i["kind"] == "computed")
    target["formula"] = formula
    with pytest.raises(CatalogueError, match=r"tại sections\[\d+\]\.items\[\d+\]"):
        load_catalogue(broken, source="doc-hai.json")
    broken = copy.deepcopy(FULL["so-ban-nganh-2022.json"])
    broken.setdefault("checks", []).append(
        {"id": "doc-hai", "severity": "error", "assert": formula, "message": "x"}
    )
    with pytest.raises(CatalogueError, match=r"tại checks\[\d+\]"):
        load_catalogue(broken, source="doc-hai.json")
    record("hostile catalogues refused", 2)


def test_deeply_nested_json_is_refused() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(CatalogueError, match=r"lồng nhau quá sâu|tại "):
        load_catalogue_bytes(deep, source="sau.json")
