"""Shared fixtures. Qt runs offscreen; every test gets its own data directory."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cchc_desktop.cli import read_values_csv
from cchc_desktop.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
SEED_NAMES = sorted(p.stem for p in SEEDS.glob("*.expected.json"))
SEED_NAMES = [name.removesuffix(".expected") for name in SEED_NAMES]


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never touch the real user data directory."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("CCHC_DATA_DIR", str(data))
    monkeypatch.delenv("CCHC_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "cchc.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as s:
        yield s


def load_expected(seed: str) -> dict:
    import json

    return json.loads((SEEDS / f"{seed}.expected.json").read_text(encoding="utf-8"))


def seed_rows(seed: str) -> list[tuple[str, str | None, str | None]]:
    return read_values_csv(str(SEEDS / f"{seed}.csv"))


def make_seed_report(store: Store, seed: str) -> int:
    """A report filled with every value of a seed, through the store API."""
    from datetime import date

    expected = load_expected(seed)
    report_id = store.create_report(
        expected["catalogue"],
        expected["agency"],
        expected["period"],
        expected.get("report_no") or "",
        date.fromisoformat(expected["report_date"]) if expected.get("report_date") else None,
    )
    store.set_many(report_id, seed_rows(seed))
    return report_id


class Cli:
    """Runs `cchc` in-process against the test database and captures what it prints."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        from cchc_desktop.cli import main

        code = main([*args, "--db", str(self.db)])
        out, err = self.capsys.readouterr()
        return code, out, err

    def json(self, *args: str) -> Any:
        import json

        code, out, err = self(*args)
        assert code == 0, err
        return json.loads(out)


@pytest.fixture
def cli(db_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(db_path, capsys)


@pytest.fixture(params=SEED_NAMES)
def seed(request: pytest.FixtureRequest) -> str:
    return str(request.param)
