"""Upgrades: an old database opens and migrates without loss; a newer one is refused and left
exactly as it was."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from cchc_desktop import migrations
from cchc_desktop.cli import main, read_values_csv
from cchc_desktop.migrations import DatabaseTooNewError
from cchc_desktop.store import ReportLockedError, Store
from cchc_desktop.values import parse_value
from tests.conftest import FIXTURES, SEEDS, load_expected
from tests.reliability.figures import record

FIXTURE_DBS = sorted((FIXTURES / "db").glob("v*.sqlite3"))
V1_TABLES = ("agencies", "catalogues", "reports", "entries", "history")


def copy_fixture(name: str, tmp_path: Path) -> Path:
    target = tmp_path / "cchc.sqlite3"
    shutil.copyfile(FIXTURES / "db" / name, target)
    return target


def dump(db: Path, tables: tuple[str, ...]) -> dict[str, list[tuple[Any, ...]]]:
    conn = sqlite3.connect(db)
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def through_the_store(store: Store) -> dict[int, Any]:
    """Everything a clerk can see of every report."""
    seen = {}
    for summary in store.reports():
        report = store.report(summary.id)
        evaluation = store.validate(summary.id)
        seen[summary.id] = (
            summary,
            report.status,
            report.signer,
            report.fingerprint,
            {c: (e.value, e.pending, e.note) for c, e in report.entries.items()},
            store.history(summary.id),
            [(p.severity, p.check_id, p.codes) for p in evaluation.problems],
            evaluation.values,
        )
    return seen


def test_fixtures_exist_for_every_schema_version() -> None:
    assert [p.name for p in FIXTURE_DBS] == [
        f"v{n}.sqlite3" for n in range(1, migrations.latest_version() + 1)
    ]


def test_v1_database_migrates_without_loss(tmp_path: Path) -> None:
    db = copy_fixture("v1.sqlite3", tmp_path)
    before_rows = dump(db, V1_TABLES)
    with Store.open(db, readonly=True) as old:
        assert migrations.current_version(old.conn) == 1
        before = through_the_store(old)
    with Store.open(db) as store:
        assert migrations.current_version(store.conn) == migrations.latest_version()
        after = through_the_store(store)
    assert dump(db, V1_TABLES) == before_rows  # every row, byte for byte
    assert after == before  # values, notes, pending entries, history, statuses, fingerprints
    rows = sum(len(v) for v in before_rows.values())
    record("rows carried through the v1 → latest upgrade", rows)


def test_upgraded_v1_holds_the_seeds_and_the_signed_report_stays_locked(tmp_path: Path) -> None:
    db = copy_fixture("v1.sqlite3", tmp_path)
    with Store.open(db) as store:
        by_agency = {}
        for summary in store.reports():
            by_agency.setdefault((summary.agency, summary.period.code), summary.id)
        for csv in sorted(SEEDS.glob("*.csv")):
            expected = load_expected(csv.stem)
            report = store.report(by_agency[(expected["agency"], expected["period"])])
            for code, raw, note in read_values_csv(str(csv)):
                item = report.catalogue.by_code[code]
                entry = report.entries.get(code)
                if item.editable and raw and entry is not None and entry.pending is None:
                    assert entry.value == parse_value(item, raw), (csv.stem, code)
                if note:
                    assert entry is not None and entry.note.strip() == note.strip()
        signed = [s for s in store.reports() if s.status == "signed"]
        assert len(signed) == 1
        report = store.report(signed[0].id)
        assert store.fingerprint_matches(report)
        assert not [p for p in store.validate(report.id).problems if p.check_id == "dau-ky"]
        with pytest.raises(ReportLockedError):
            store.set_value(report.id, "SBN22_003", "1")
        reopened = [h for s in store.reports() for h in store.history(s.id) if h["new"] == "draft"]
        assert any(h["old"] and h["old"].startswith("signed ") for h in reopened)
        imported = [c for c in store.catalogues() if c.version == "2023.9-thu-nghiem"]
        assert imported and imported[0].id == "so-ban-nganh-2022"


@pytest.mark.parametrize("fixture", [p.name for p in FIXTURE_DBS])
def test_every_fixture_opens_with_this_program(fixture: str, tmp_path: Path) -> None:
    db = copy_fixture(fixture, tmp_path)
    with Store.open(db) as store:
        assert len(store.reports()) == 7
        for summary in store.reports():
            store.validate(summary.id)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()


@pytest.mark.parametrize("journal", ["delete", "wal"])
def test_a_newer_database_is_refused_and_left_untouched(
    tmp_path: Path, journal: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = copy_fixture(f"v{migrations.latest_version()}.sqlite3", tmp_path)
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 1}")
    conn.close()
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for readonly in (False, True):
        with pytest.raises(DatabaseTooNewError, match="mới hơn") as caught:
            Store.open(db, readonly=readonly)
        assert "không bị thay đổi" in str(caught.value)
    code = main(["list", "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 2 and "Hãy cập nhật CCHC Desktop" in err and "Traceback" not in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    conn = sqlite3.connect(db)
    assert migrations.current_version(conn) == migrations.latest_version() + 1  # not downgraded
    conn.close()
    record("newer-version files refused untouched", 1)
