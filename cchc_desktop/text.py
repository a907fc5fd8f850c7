"""Text normalisation shared by the core: everything stored or shown is NFC."""

from __future__ import annotations

import unicodedata


def nfc(text: str) -> str:
    """Normalise to NFC, the form Vietnamese text is stored and compared in."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form for matching ("Có" ~ "co", "Đã" ~ "da")."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.replace("đ", "d").strip()
