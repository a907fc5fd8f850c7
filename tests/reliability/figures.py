"""Counts the reliability scenarios measure (kill runs, edits, inputs tried…), printed at the
end of the run by tests/reliability/conftest.py and written as JSON when
``CCHC_RELIABILITY_FIGURES`` names a file."""

from __future__ import annotations

from collections import Counter

FIGURES: Counter[str] = Counter()


def record(name: str, count: int = 1) -> None:
    """Add ``count`` to a figure, e.g. record("kill runs survived")."""
    FIGURES[name] += count
