"""Answering Qt's multiData() from a per-role getter, shared by the item models."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelRoleDataSpan


def fill_role_span(span: QModelRoleDataSpan, value_of: Callable[[int], Any]) -> None:
    """Fill every role a view asks of a cell in one call (Qt's default asks data() once per
    role: several calls into Python for each cell painted). None clears the role."""
    for k in range(len(span)):
        slot = span[k]
        value = value_of(slot.role())
        if value is None:
            slot.clearData()
        else:
            slot.setData(value)
