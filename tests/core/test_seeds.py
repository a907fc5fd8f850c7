"""Every value of each seed entered through the core gives the seed's rates and the problems its
own numbers deserve."""

from __future__ import annotations

import csv

from cchc_desktop.store import Store
from cchc_desktop.values import ValueInputError, display_value, parse_value
from tests.conftest import SEEDS, load_expected, make_seed_report, seed_rows


def test_every_value_of_the_seed_is_stored(store: Store, seed: str) -> None:
    report_id = make_seed_report(store, seed)
    report = store.report(report_id)
    rows = seed_rows(seed)
    assert len(rows) >= 50
    for code, raw, note in rows:
        item = report.catalogue.by_code[code]
        entry = report.entries[code]
        if item.editable:
            assert entry.value == parse_value(item, raw), code
        assert entry.note == (note or ""), code


def test_computed_rates_match_the_seed(store: Store, seed: str) -> None:
    expected = load_expected(seed)
    report = store.report(make_seed_report(store, seed))
    evaluation = report.evaluate()
    for code, shown in expected["computed"].items():
        item = report.catalogue.by_code[code]
        assert display_value(item, evaluation.values[code]) == shown, code


def test_seed_problems_are_the_ones_its_numbers_deserve(store: Store, seed: str) -> None:
    expected = load_expected(seed)
    report_id = make_seed_report(store, seed)
    evaluation = store.validate(report_id)
    found = sorted((p.check_id, p.severity) for p in evaluation.problems)
    wanted = sorted((c["id"], c["severity"]) for c in expected["checks_failing"])
    assert found == wanted
    summary = store.summary(report_id)
    assert (summary.errors, summary.warnings) == (len(evaluation.errors), len(evaluation.warnings))


def test_careless_values_of_the_seed_are_refused(store: Store, seed: str) -> None:
    expected = load_expected(seed)
    report = store.report(make_seed_report(store, seed))
    for careless in expected["careless"]:
        item = report.catalogue.by_code[careless["code"]]
        try:
            parse_value(item, careless["raw"])
        except ValueInputError as exc:
            assert item.code in str(exc)
        else:  # pragma: no cover - the assertion below reports it
            raise AssertionError(f"{careless['raw']!r} was accepted for {item.code}")


def test_fixture_csvs_are_well_formed() -> None:
    for path in SEEDS.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh))
        assert header == ["code", "value", "note"], path.name


def test_seed_rates_from_the_issue() -> None:
    # 7/21 -> 33,33 (Sở LĐTBXH), 40/46 -> 86,96 (Sở TTTT), 12/24 -> 50 (Cục Thuế)
    assert load_expected("001_e074a215dda75db3")["computed"] == {"SBN22_002": "33,33"}
    assert load_expected("003_d8652e5c4f02bc4c")["computed"] == {"SBN22_002": "86,96"}
    assert load_expected("000_b2fffb81b5e4de4a")["computed"] == {"DM_SNV_PL2_B4_DVSN_02": "50"}
