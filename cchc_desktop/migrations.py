"""Numbered SQL migrations from db/migrations, tracked in ``PRAGMA user_version``."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from cchc_desktop.assets import db_dir
from cchc_desktop.records import FrozenRecord, set_field


class DatabaseTooNewError(RuntimeError):
    """The database was written by a newer version of the program."""


class Migration(FrozenRecord):
    """One migration file: its number, its name and its SQL."""

    __slots__ = ("name", "number", "sql")
    number: int
    name: str
    sql: str

    def __init__(self, number: int, name: str, sql: str) -> None:
        set_field(self, "number", number)
        set_field(self, "name", name)
        set_field(self, "sql", sql)


def migrations(folder: Path | None = None) -> list[Migration]:
    """Every migration file, in order; numbering must have no gaps."""
    folder = folder or (db_dir() / "migrations")
    found = []
    for path in sorted(folder.glob("*.sql")):
        m = re.fullmatch(r"(\d{4})_([a-z0-9_]+)\.sql", path.name)
        if not m:
            raise RuntimeError(f"migration file with a bad name: {path.name}")
        found.append(Migration(int(m.group(1)), m.group(2), path.read_text(encoding="utf-8")))
    for expected, migration in enumerate(found, start=1):
        if migration.number != expected:
            raise RuntimeError(f"migration {expected:04d} is missing")
    return found


def latest_version() -> int:
    return len(migrations())


def current_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Apply pending migrations, each atomically; returns the numbers applied."""
    version = current_version(conn)
    available = migrations()
    if version > len(available):
        raise DatabaseTooNewError(
            f"Tệp dữ liệu thuộc phiên bản lược đồ {version}, mới hơn phiên bản chương trình này "
            f"hỗ trợ ({len(available)}). Hãy cập nhật CCHC Desktop; tệp không bị thay đổi."
        )
    applied = []
    for migration in available[version:]:
        # executescript() would commit on its own; run statements inside one transaction instead.
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(migration.sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {migration.number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(migration.number)
    return applied


def _statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping CREATE TRIGGER … END; whole."""
    out: list[str] = []
    buffer = ""
    for line in sql.splitlines(keepends=True):
        if line.strip().startswith("--") and not buffer.strip():
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                out.append(buffer.strip())
            buffer = ""
    if buffer.strip() and not all(
        ln.strip().startswith("--") or not ln.strip() for ln in buffer.splitlines()
    ):
        raise RuntimeError("migration ends with an incomplete statement")
    return out
