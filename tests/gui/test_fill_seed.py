"""A whole seed appendix filled through the editor's widgets ends up in the store exactly as the
seed entered through the core: same values, same notes, same computed rates and problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView
from pytestqt.qtbot import QtBot

from cchc_desktop.gui.cell_editors import ChoiceComboBox, NoteEdit, ValueLineEdit
from cchc_desktop.gui.report_editor import ReportEditor
from cchc_desktop.gui.report_model import COL_NOTE, COL_VALUE, Roles
from cchc_desktop.store import Entry, Store
from cchc_desktop.values import display_value
from tests.conftest import SEED_NAMES, load_expected, make_seed_report, seed_rows
from tests.gui.test_report_editor import Keyboard, blank_report, show_editor

pytestmark = pytest.mark.gui

KEYS_SEED = "003_d8652e5c4f02bc4c"  # so-ban-nganh-2022, 84 rows, 7.900 characters of notes


def assert_same_as_seed(store: Store, report_id: int, seed: str, tmp_path: Path) -> None:
    with Store.open(tmp_path / "reference.sqlite3") as reference:
        wanted = reference.report(make_seed_report(reference, seed)).entries
    got = store.report(report_id).entries
    for code, entry in wanted.items():
        mine = got.get(code, Entry())
        assert (mine.value, mine.pending, mine.note) == (entry.value, None, entry.note), code
    extra = [c for c, e in got.items() if c not in wanted and (e.value or e.pending or e.note)]
    assert extra == []

    expected = load_expected(seed)
    evaluation = store.validate(report_id)
    catalogue = store.report(report_id).catalogue
    for code, shown in expected["computed"].items():
        assert display_value(catalogue.by_code[code], evaluation.values[code]) == shown
    found = sorted((p.check_id, p.severity) for p in evaluation.problems)
    assert found == sorted((c["id"], c["severity"]) for c in expected["checks_failing"])


def commit_through_editor(qtbot: QtBot, editor: ReportEditor, code: str, column: int, text: str):
    """Open the cell's editor as a double-click would, put the text in it, press Enter."""
    assert editor.select_cell(code, column)
    table = editor.current_table()
    index = table.currentIndex()
    table.edit(index)
    widget = table.indexWidget(index)
    if isinstance(widget, ChoiceComboBox):
        widget.set_text(display_value(widget.item, text))
    elif isinstance(widget, NoteEdit):
        widget.setPlainText(text)
    else:
        assert isinstance(widget, ValueLineEdit), code
        widget.setText(text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    assert table.state() != QAbstractItemView.State.EditingState


@pytest.mark.parametrize("seed", SEED_NAMES)
def test_fill_every_seed_through_the_cell_editors(
    qtbot: QtBot,
    store: Store,
    seed: str,
    tmp_path: Path,
) -> None:
    report_id = blank_report(store, seed)
    editor = show_editor(qtbot, store, report_id)
    catalogue = editor.document.catalogue
    for code, raw, note in seed_rows(seed):
        if raw and catalogue.by_code[code].editable:
            commit_through_editor(qtbot, editor, code, COL_VALUE, raw)
        if note:
            commit_through_editor(qtbot, editor, code, COL_NOTE, note)
    assert_same_as_seed(store, report_id, seed, tmp_path)
    assert not editor.error_bar.isVisible()


def test_fill_a_seed_with_real_keys_only(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    """Values typed key by key, Enter after each one walking through every value cell of every
    section in order; then the notes the same way down the note column."""
    report_id = blank_report(store, KEYS_SEED)
    editor = show_editor(qtbot, store, report_id)
    keys = Keyboard(qtbot, editor)
    catalogue = editor.document.catalogue
    rows = seed_rows(KEYS_SEED)
    values = {code: raw for code, raw, _ in rows if raw}
    notes = {code: note for code, _, note in rows if note}
    assert all(raw.isascii() for raw in values.values())

    editor.set_section(0)
    for item in catalogue.value_items:
        table = editor.current_table()
        assert table.currentIndex().data(Roles.CODE) == item.code
        assert table.currentIndex().column() == COL_VALUE
        if item.code in values:
            keys.type(values[item.code])
            assert table.state() == QAbstractItemView.State.EditingState
        keys.press(Qt.Key.Key_Return)
    assert editor.current_section() == len(catalogue.sections) - 1

    first = next(catalogue.items())
    assert editor.select_cell(first.code, COL_NOTE)
    for item in catalogue.items():
        table = editor.current_table()
        assert table.currentIndex().data(Roles.CODE) == item.code
        assert table.currentIndex().column() == COL_NOTE
        if item.code in notes:
            keys.type(notes[item.code])
        keys.press(Qt.Key.Key_Return)

    assert_same_as_seed(store, report_id, KEYS_SEED, tmp_path)
    # The rate the seed's numbers give is on screen, the Vietnamese way.
    model = editor.model
    shown = model.index(model.row_of("SBN22_002"), COL_VALUE).data()
    assert shown == load_expected(KEYS_SEED)["computed"]["SBN22_002"]
