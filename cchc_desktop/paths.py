"""The one place that decides where user data lives.

Order: an explicit ``--db`` path, then the ``CCHC_DB`` environment variable (tests and
portable installs), then the user's data directory from platformdirs.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "CCHC Desktop"
APP_AUTHOR = "CCHC"
DB_ENV = "CCHC_DB"
DATA_ENV = "CCHC_DATA_DIR"
DB_FILENAME = "cchc.sqlite3"


def data_dir() -> Path:
    """The folder for the database, backups and logs (created on demand)."""
    override = os.environ.get(DATA_ENV)
    path = Path(override) if override else user_data_path(APP_NAME, APP_AUTHOR)
    path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The database file to open."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(DB_ENV)
    if env:
        return Path(env)
    return data_dir() / DB_FILENAME


def backups_dir(db_path: Path) -> Path:
    """Backups sit beside the database they copy, so --db keeps them apart."""
    return db_path.parent / "backups"


def log_path() -> Path:
    """Where unexpected errors are logged with their details."""
    return data_dir() / "cchc-desktop.log"
