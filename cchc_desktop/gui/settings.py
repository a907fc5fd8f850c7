"""Window settings (QSettings): geometry, splitters, last report, language.

Settings live beside the data when ``CCHC_DATA_DIR`` is set (tests, portable installs), so a
test never reads or writes the user's real settings; otherwise in the platform's place for
organisation "CCHC", application "CCHC Desktop", as an INI file that is easy to back up.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

from cchc_desktop import paths

ORGANISATION = "CCHC"
APPLICATION = "CCHC Desktop"
LANGUAGES = ("vi", "en")

KEY_LANGUAGE = "ui/language"
KEY_GEOMETRY = "window/geometry"
KEY_STATE = "window/state"
KEY_LIST_HEADER = "list/header"
KEY_SPLITTERS = "splitters"
KEY_LAST_REPORT = "session/last_report"
KEY_LAST_SECTION = "session/last_section"
KEY_EDITOR_OPEN = "session/editor_open"
KEY_NEW_CATALOGUE = "new_report/catalogue"


def open_settings() -> QSettings:
    """The application's settings object."""
    override = os.environ.get(paths.DATA_ENV)
    if override:
        return QSettings(str(Path(override) / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANISATION, APPLICATION
    )


def language(settings: QSettings) -> str:
    """The chosen interface language: "vi" (the source language) or "en"."""
    value = str(settings.value(KEY_LANGUAGE, "vi") or "vi")
    return value if value in LANGUAGES else "vi"


def int_value(settings: QSettings, key: str, default: int | None = None) -> int | None:
    """An integer setting; anything unreadable counts as missing (settings are hand-editable)."""
    value = settings.value(key)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def bool_value(settings: QSettings, key: str, default: bool = False) -> bool:
    value = settings.value(key)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes")
