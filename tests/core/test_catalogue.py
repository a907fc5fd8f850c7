"""Catalogue files: the built-in ones load, malformed ones are refused saying where and what."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from cchc_desktop.assets import resources_dir
from cchc_desktop.catalogue import (
    CatalogueError,
    builtin_catalogues,
    load_catalogue,
    load_catalogue_bytes,
)

CATALOGUE_DIR = resources_dir() / "catalogues"


def raw(catalogue_id: str) -> dict[str, Any]:
    return json.loads((CATALOGUE_DIR / f"{catalogue_id}.json").read_text(encoding="utf-8"))


def test_four_templates_are_built_in() -> None:
    catalogues = builtin_catalogues()
    assert set(catalogues) == {
        "co-quan-tw-2021",
        "co-quan-tw-2022",
        "so-ban-nganh-2021",
        "so-ban-nganh-2022",
    }
    for catalogue in catalogues.values():
        items = list(catalogue.items())
        assert 100 <= len(items) <= 200, catalogue.id
        assert len({i.code for i in items}) == len(items)


def test_section_layout_matches_the_templates() -> None:
    catalogues = builtin_catalogues()
    assert [s.stt for s in catalogues["so-ban-nganh-2022"].sections] == [
        "I",
        "II",
        "III",
        "IV",
        "V",
        "VI",
        "VII",
    ]
    tw2021 = catalogues["co-quan-tw-2021"]
    assert len(tw2021.sections) == 6
    assert all("thể chế" not in s.title for s in tw2021.sections)
    assert catalogues["so-ban-nganh-2021"].last_column == "Đơn vị thực hiện"
    assert catalogues["so-ban-nganh-2022"].last_column == "Ghi chú"


def test_official_codes_of_the_2022_central_template() -> None:
    catalogue = builtin_catalogues()["co-quan-tw-2022"]
    rate = catalogue.by_code["DM_SNV_PL2_B4_DVSN_02"]
    assert rate.kind == "computed" and rate.type == "percent" and rate.printed_unit == "%"
    assert catalogue.sections[0].code == "DM_SNV_PL2_B4_DVSN_01"


def test_items_keep_printed_stt_units_and_legends() -> None:
    catalogue = builtin_catalogues()["so-ban-nganh-2022"]
    plan = catalogue.by_code["SBN22_002"]
    assert plan.stt == "1"
    assert plan.name == "Tỷ lệ hoàn thành Kế hoạch CCHC năm (Lũy kế đến thời điểm báo cáo)"
    assert plan.formula is not None and plan.formula.source == "ratio(SBN22_004, SBN22_003)"
    survey = next(i for i in catalogue.items() if i.name == "Hình thức khảo sát")
    assert survey.printed_unit == "Trực tuyến = 0 Phát phiếu = 1 Kết hợp = 2"
    discipline = next(i for i in catalogue.items() if i.name.startswith("Việc chấp hành Chỉ thị"))
    assert discipline.printed_unit == "Tốt = 1 Có vi phạm = 0"


def test_a_new_catalogue_loads_without_code_change(tmp_path: Path) -> None:
    data = raw("so-ban-nganh-2022")
    data["id"] = "so-ban-nganh-2024"
    data["title"] = "Sở, ban, ngành tỉnh (mẫu 2024)"
    data["sections"][0]["items"].append(
        {
            "code": "SBN24_900",
            "stt": "10",
            "name": "Số cuộc họp trực tuyến",
            "kind": "value",
            "type": "integer",
            "unit": "Cuộc",
        }
    )
    catalogue = load_catalogue(data)
    assert catalogue.by_code["SBN24_900"].position > 0


def _break(mutate: Any) -> dict[str, Any]:
    data = copy.deepcopy(raw("so-ban-nganh-2022"))
    mutate(data)
    return data


@pytest.mark.parametrize(
    ("mutate", "where", "what"),
    [
        (lambda d: d.pop("sections"), "gốc tệp", "thiếu trường bắt buộc “sections”"),
        (
            lambda d: d["sections"][1]["items"][0].update(kind="bang"),
            "sections[1].items[0]",
            "không hợp lệ",
        ),
        (
            lambda d: d["sections"][0]["items"][1].update(type="số"),
            "sections[0].items[1]",
            "'số' không hợp lệ",
        ),
        (
            lambda d: d["sections"][0]["items"][1].update(code="1abc"),
            "sections[0].items[1].code",
            "không đúng dạng",
        ),
        (
            lambda d: d["sections"][0]["items"][1].update(colour="red"),
            "sections[0].items[1]",
            "colour",
        ),
        (
            lambda d: d["sections"][0]["items"][2].update(
                code=d["sections"][0]["items"][1]["code"]
            ),
            "sections[0].items[2]",
            "trùng",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(formula="ratio(SBN22_004, NOPE)"),
            "formula",
            "NOPE",
        ),
        (
            lambda d: d["sections"][0]["items"][0].update(formula="__import__('os')"),
            "formula",
            "không được phép",
        ),
        (lambda d: d["checks"][0].update(severity="fatal"), "checks[0]", "'fatal' không hợp lệ"),
        (lambda d: d["checks"][0].update({"assert": "SBN22_004 <= "}), "checks[0]", "sai cú pháp"),
        (lambda d: d.update(format=2), "format", "phải là 1"),
    ],
)
def test_malformed_catalogue_is_refused_saying_where_and_what(
    mutate: Any, where: str, what: str
) -> None:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(_break(mutate), source="thu.json")
    message = str(caught.value)
    assert "thu.json" in message and where in message and what in message, message


def test_a_formula_cycle_is_refused() -> None:
    def cycle(d: dict[str, Any]) -> None:
        items = d["sections"][0]["items"]
        items[1].update(kind="computed", type="integer", formula=f"{items[0]['code']} + 1")

    with pytest.raises(CatalogueError, match="vòng lặp"):
        load_catalogue(_break(cycle))


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b"{not json", "không phải JSON hợp lệ ở dòng 1"),
        (b"\xff\xfe\x00", "UTF-8"),
        (b"[]", "phải là một đối tượng"),
    ],
)
def test_unreadable_files_are_refused(content: bytes, what: str) -> None:
    with pytest.raises(CatalogueError, match=what):
        load_catalogue_bytes(content, source="hong.json")


def test_schema_pass_is_skipped_only_for_identical_content() -> None:
    data = raw("co-quan-tw-2021")
    load_catalogue(copy.deepcopy(data))  # validated and remembered
    load_catalogue(copy.deepcopy(data))  # identical: still loads
    data["sections"][0]["items"][1]["type"] = "bang"
    with pytest.raises(CatalogueError, match=r"sections\[0\]\.items\[1\].*'bang' không hợp lệ"):
        load_catalogue(data)


def test_shipped_validation_keys_match_catalogues_that_really_validate() -> None:
    from cchc_desktop.catalogue import _validator, shipped_validation_keys, validation_key

    wanted = set()
    for path in sorted(CATALOGUE_DIR.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert list(_validator().iter_errors(data)) == [], path.name
        wanted.add(validation_key(data))
    assert shipped_validation_keys() == wanted, "run: python tools/update_validated.py"


def test_shipped_list_names_each_file_with_its_catalogue_digest() -> None:
    """Opening a report finds its built-in catalogue from validated.txt without hashing every
    file, so the list must name each file with the digest of the catalogue built from it."""
    from cchc_desktop.catalogue import _shipped_digests, load_catalogue_file

    listed = _shipped_digests()
    assert set(listed) == {path.name for path in CATALOGUE_DIR.glob("*.json")}
    for name, digest in listed.items():
        assert load_catalogue_file(CATALOGUE_DIR / name).digest == digest, name


def test_a_stale_shipped_list_never_yields_a_wrong_catalogue(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from cchc_desktop import catalogue as module

    cached = (module._builtin_index, module.builtin_catalogue, module.builtin_catalogues)
    real = dict(module._shipped_digests())
    stale = {name: "0" * 64 for name in real}
    for function in cached:
        function.cache_clear()
    monkeypatch.setattr(module, "_shipped_digests", lambda: stale)
    try:
        assert module.is_builtin("0" * 64)  # trusted for the quick check only
        with pytest.raises(KeyError):
            module.builtin_catalogue("0" * 64)
        for name, digest in real.items():
            assert module.builtin_catalogue(digest).digest == digest, name
        assert len(module.builtin_catalogues()) == len(real)
    finally:
        for function in cached:
            function.cache_clear()
