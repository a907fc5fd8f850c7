"""Where the bundled folders (resources/, db/, ui/) are: in a checkout or an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _root() -> Path:
    # An installed wheel carries the folders under cchc_desktop/_data/ (see pyproject.toml);
    # a source checkout or an editable install has them beside the package.
    bundled = _PACKAGE / "_data"
    if (bundled / "resources").is_dir():
        return bundled
    return _PACKAGE.parent


def resources_dir() -> Path:
    """The resources/ folder: catalogues, schema, fonts, icons, translations."""
    return _root() / "resources"


def db_dir() -> Path:
    """The db/ folder: the schema and numbered migrations."""
    return _root() / "db"


def ui_dir() -> Path:
    """The ui/ folder: Qt Designer files and the stylesheet."""
    return _root() / "ui"


def font_path(name: str) -> Path:
    """A bundled font file by name, e.g. ``Tinos-Regular.ttf``."""
    return resources_dir() / "fonts" / name
