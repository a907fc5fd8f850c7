"""Migrations: numbered, each applied atomically, and db/schema.sql is what they produce."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from cchc_desktop import migrations
from cchc_desktop.assets import db_dir
from cchc_desktop.migrations import DatabaseTooNewError
from cchc_desktop.store import Store
from tests.conftest import FIXTURES

SCHEMA = db_dir() / "schema.sql"


def schema_objects(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """type and name → SQL with whitespace runs folded, for every table, index and trigger."""
    return {
        (kind, name): re.sub(r"\s+", " ", sql).strip()
        for kind, name, sql in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL"
        )
    }


def test_schema_sql_matches_what_migrating_an_empty_database_gives() -> None:
    migrated = sqlite3.connect(":memory:", isolation_level=None)
    migrations.migrate(migrated)
    documented = sqlite3.connect(":memory:", isolation_level=None)
    documented.executescript(SCHEMA.read_text(encoding="utf-8"))
    assert schema_objects(documented) == schema_objects(migrated), (
        "db/schema.sql is out of date: run python tests/fixtures/db/make_fixtures.py --schema"
    )
    version = migrations.latest_version()
    assert f"PRAGMA user_version = {version}" in SCHEMA.read_text(encoding="utf-8")


def test_the_store_migrates_a_new_file_to_the_latest_version(tmp_path: Path) -> None:
    with Store.open(tmp_path / "new.sqlite3") as store:
        assert migrations.current_version(store.conn) == migrations.latest_version()
        assert {"sessions", "reports", "entries", "history"} <= {
            r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")
        }


def test_migrations_are_numbered_without_gaps() -> None:
    found = migrations.migrations()
    assert [m.number for m in found] == list(range(1, len(found) + 1))
    assert found[1].name == "sessions"


def test_a_gap_or_a_bad_name_is_refused(tmp_path: Path) -> None:
    shutil.copyfile(db_dir() / "migrations" / "0001_initial.sql", tmp_path / "0001_initial.sql")
    (tmp_path / "0003_later.sql").write_text("CREATE TABLE x (a);", encoding="utf-8")
    with pytest.raises(RuntimeError, match="0002 is missing"):
        migrations.migrations(tmp_path)
    (tmp_path / "0003_later.sql").unlink()
    (tmp_path / "0002 Bad Name.sql").write_text("", encoding="utf-8")
    with pytest.raises(RuntimeError, match="bad name"):
        migrations.migrations(tmp_path)


def test_a_failing_migration_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "db" / "migrations"
    folder.mkdir(parents=True)
    for migration in sorted((db_dir() / "migrations").glob("*.sql")):
        shutil.copyfile(migration, folder / migration.name)
    number = migrations.latest_version() + 1
    (folder / f"{number:04d}_broken.sql").write_text(
        "CREATE TABLE half_done (a);\nALTER TABLE reports ADD COLUMN extra TEXT;\n"
        "INSERT INTO no_such_table VALUES (1);\n",
        encoding="utf-8",
    )
    db = tmp_path / "cchc.sqlite3"
    Store.open(db).close()
    monkeypatch.setattr(migrations, "db_dir", lambda: tmp_path / "db")
    conn = sqlite3.connect(db, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError, match="no_such_table"):
        migrations.migrate(conn)
    assert migrations.current_version(conn) == number - 1
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    columns = {r[1] for r in conn.execute("PRAGMA table_info(reports)")}
    assert "half_done" not in names and "extra" not in columns
    assert not conn.in_transaction
    conn.close()


def test_migrating_twice_does_nothing(tmp_path: Path) -> None:
    db = tmp_path / "cchc.sqlite3"
    shutil.copyfile(FIXTURES / "db" / "v1.sqlite3", db)
    conn = sqlite3.connect(db, isolation_level=None)
    assert migrations.migrate(conn) == list(range(2, migrations.latest_version() + 1))
    assert migrations.migrate(conn) == []
    conn.close()


def test_newer_than_the_program_is_refused(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "new.sqlite3", isolation_level=None)
    conn.execute(f"PRAGMA user_version = {migrations.latest_version() + 5}")
    with pytest.raises(DatabaseTooNewError, match="Hãy cập nhật CCHC Desktop"):
        migrations.migrate(conn)
    assert migrations.current_version(conn) == migrations.latest_version() + 5
    conn.close()


def test_statements_keep_triggers_whole() -> None:
    sql = (db_dir() / "migrations" / "0001_initial.sql").read_text(encoding="utf-8")
    statements = migrations._statements(sql)
    triggers = [s for s in statements if s.startswith("CREATE TRIGGER")]
    assert len(triggers) == 5 and all(s.rstrip().endswith("END;") for s in triggers)
