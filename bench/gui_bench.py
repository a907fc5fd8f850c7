"""In-process GUI figures: opening a report and switching sections, an edit committed from the
editor, and the longest event-loop stall while a clerk types.

Everything runs offscreen in this process's QApplication. "Painted" means ``grab()`` returned:
Qt has laid out the widget and rendered every visible row into a pixmap, which is the work a
screen paint does.
"""

from __future__ import annotations

import gc
import itertools
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import gui_probe
from bench.common import (
    LARGEST_SEED,
    Figure,
    make_seed_report,
    median,
    ms,
    percentile,
    seed_expected,
    seed_names,
)
from bench.edits import Floor, edit_figures, paired_latencies
from cchc_desktop.store import Store

FRAME_MS = 16.0
NOT_YET = "cchc_desktop/gui/report_editor.py not written yet"


def _one_seed_per_catalogue() -> dict[str, str]:
    """catalogue id → the first seed filled on it (every catalogue has one)."""
    out: dict[str, str] = {seed_expected(LARGEST_SEED)["catalogue"]: LARGEST_SEED}
    for seed in seed_names():
        out.setdefault(seed_expected(seed)["catalogue"], seed)
    return out


# -- opening a report and switching sections ----------------------------------------------------


def _floor_section(rows: list[tuple[str, str, str, str, str]]) -> Any:
    """The floor of one section: a bare QTableWidget holding its rows as plain text."""
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

    table = QTableWidget(len(rows), 5)
    table.setHorizontalHeaderLabels(
        ["STT", "Chỉ tiêu thống kê", "Đơn vị tính", "Số liệu", "Ghi chú"]
    )
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resize(*gui_probe.WINDOW_SIZE)
    table.show()
    table.grab()
    return table


def run_sections(
    repeats: int, catalogues: int | None = None
) -> tuple[list[Figure], dict[str, Any]]:
    """Every catalogue (or the ``catalogues`` largest), opened and switched through."""
    app = gui_probe.ensure_app()
    editor_cls = gui_probe.report_editor_class()
    if editor_cls is None:
        return [Figure("sections", "open report / switch section", None, "ms", note=NOT_YET)], {}
    from cchc_desktop.values import display_value

    figures: list[Figure] = []
    info: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="cchc-bench-sections-") as tmp:
        store = Store.open(Path(tmp) / "cchc.sqlite3")
        try:
            chosen = sorted(_one_seed_per_catalogue().items())
            if catalogues is not None:
                chosen = [(c, s) for c, s in chosen if s == LARGEST_SEED][:catalogues]
            for catalogue_id, seed in chosen:
                report_id = make_seed_report(store, seed)
                report = store.report(report_id)
                values = report.evaluate().values
                open_t: list[float] = []
                floor_open_t: list[float] = []
                switch_t: dict[int, list[float]] = {}
                floor_switch_t: dict[int, list[float]] = {}
                sections = report.catalogue.sections
                floor_rows = [
                    [(s.stt, s.title, "", "", "")]
                    + [
                        (
                            i.stt,
                            i.name,
                            i.printed_unit,
                            display_value(i, values.get(i.code)),
                            report.note(i.code),
                        )
                        for i in s.items
                    ]
                    for s in sections
                ]
                # The first round warms caches and is dropped, unless there is only one (quick).
                skip = 1 if repeats > 1 else 0
                for _ in range(repeats + skip):
                    t0 = time.perf_counter()
                    editor = gui_probe.build_editor(editor_cls, store, report_id)
                    editor.grab()
                    open_t.append(time.perf_counter() - t0)
                    t0 = time.perf_counter()
                    floor = _floor_section(floor_rows[0])
                    floor_open_t.append(time.perf_counter() - t0)
                    gui_probe.dispose(floor)
                    order = [*range(1, len(sections)), 0]
                    for index in order:
                        t0 = time.perf_counter()
                        editor.set_section(index)
                        editor.grab()
                        switch_t.setdefault(index, []).append(time.perf_counter() - t0)
                        t0 = time.perf_counter()
                        floor = _floor_section(floor_rows[index])
                        floor_switch_t.setdefault(index, []).append(time.perf_counter() - t0)
                        gui_probe.dispose(floor)
                        app.processEvents()
                    gui_probe.dispose(editor)
                rows = sum(1 for _ in report.catalogue.items())
                figures.append(
                    Figure(
                        "sections",
                        f"open {catalogue_id} ({rows} rows), first section painted",
                        ms(median(open_t[skip:])),
                        "ms",
                        ms(median(floor_open_t[skip:])),
                        "QTableWidget of the same rows built + painted",
                        "< 100 ms",
                        ms(median(open_t[skip:])) < 100,
                        "ReportEditor(store, id) shown at 1280×800 and grab()bed",
                    )
                )
                per_section = {i: ms(median(ts[skip:])) for i, ts in switch_t.items()}
                per_floor = {i: ms(median(ts[skip:])) for i, ts in floor_switch_t.items()}
                worst = max(per_section, key=lambda i: per_section[i])
                figures.append(
                    Figure(
                        "sections",
                        f"switch section, {catalogue_id}, slowest (section {worst + 1})",
                        per_section[worst],
                        "ms",
                        per_floor[worst],
                        "QTableWidget of the same rows built + painted",
                        "< 100 ms",
                        per_section[worst] < 100,
                        "set_section(i) then grab(); median per section",
                        {
                            "per_section_ms": {
                                str(i + 1): round(v, 2) for i, v in sorted(per_section.items())
                            },
                            "floor_per_section_ms": {
                                str(i + 1): round(v, 2) for i, v in sorted(per_floor.items())
                            },
                            "rows_per_section": [len(s.items) + 1 for s in sections],
                        },
                    )
                )
                info[catalogue_id] = {"seed": seed, "sections": len(sections)}
        finally:
            store.close()
    return figures, info


# -- one edit committed from the editor ---------------------------------------------------------


def _value_rows(proxy: Any) -> list[Any]:
    """Proxy indexes of the integer value cells of the section on screen."""
    from cchc_desktop.gui.report_model import COL_VALUE, Roles

    out = []
    for row in range(proxy.rowCount()):
        index = proxy.index(row, COL_VALUE)
        item = index.data(Roles.ITEM)
        if item is not None and item.kind == "value" and item.type == "integer":
            out.append(index)
    return out


def _editor_on_largest(store: Store) -> tuple[Any, int, Any, list[Any]]:
    """A ReportEditor on the largest report, on its section with the most integer cells."""
    editor_cls = gui_probe.report_editor_class()
    report_id = make_seed_report(store, LARGEST_SEED)
    editor = gui_probe.build_editor(editor_cls, store, report_id)
    best: tuple[int, int] = (-1, 0)
    for section in range(gui_probe.section_count(editor)):
        editor.set_section(section)
        editor.grab()
        view = gui_probe.current_view(editor)
        count = len(_value_rows(view.model())) if view is not None else 0
        best = max(best, (count, section), key=lambda pair: pair[0])
    editor.set_section(best[1])
    editor.grab()
    view = gui_probe.current_view(editor)
    return editor, report_id, view, _value_rows(view.model())


def run_edits(n: int) -> tuple[list[Figure], dict[str, Any]]:
    app = gui_probe.ensure_app()
    if gui_probe.report_editor_class() is None:
        return [Figure("edit", "edit: editor setData p99", None, "ms", note=NOT_YET)], {}
    from PySide6.QtCore import Qt

    edit_role = Qt.ItemDataRole.EditRole
    with tempfile.TemporaryDirectory(prefix="cchc-bench-edit-gui-") as tmp:
        store = Store.open(Path(tmp) / "cchc.sqlite3")
        floor = Floor(Path(tmp) / "floor.sqlite3")
        try:
            editor, report_id, view, cells = _editor_on_largest(store)
            proxy = view.model()
            from cchc_desktop.gui.report_model import Roles

            codes = [c.data(Roles.CODE) for c in cells]

            def subject(i: int) -> None:
                ok = proxy.setData(cells[i % len(cells)], str(2000 + i), edit_role)
                assert ok, "setData refused the edit"

            def floor_edit(i: int) -> None:
                floor.edit(codes[i % len(codes)], str(2000 + i))

            for i in range(10):  # warm-up
                subject(i)
                floor_edit(i)
                app.processEvents()
            subject_t: list[float] = []
            floor_t: list[float] = []
            for i in range(n):  # in batches, so repaints happen between edits as when typing
                s, f = paired_latencies(
                    lambda _j, i=i: subject(i), lambda _j, i=i: floor_edit(i), 1
                )
                subject_t += s
                floor_t += f
                app.processEvents()
            last = n - 1
            check = sqlite3.connect(Path(tmp) / "cchc.sqlite3")
            stored = check.execute(
                "SELECT value FROM entries WHERE report_id = ? AND code = ?",
                (report_id, codes[last % len(codes)]),
            ).fetchone()
            check.close()
            assert stored == (str(2000 + last),), f"edit did not reach SQLite: {stored}"
            gui_probe.dispose(editor)
        finally:
            store.close()
            floor.close()
    how = (
        f"proxy.setData(value cell, text, EditRole) as ReportDelegate.setModelData does, "
        f"on {LARGEST_SEED}; returns after the commit; {n} edits interleaved with the floor"
    )
    return edit_figures(subject_t, floor_t, "edit: editor setData → SQLite", how), {
        "gui": {"n": n, "cells": len(cells)}
    }


# -- typing: the longest stall of the event loop ------------------------------------------------


def run_typing(
    edits: int, key_interval_ms: int = 20, *, background_sync: bool = True
) -> tuple[list[Figure], dict[str, Any]]:
    """Type ``edits`` four-digit values, Enter after each, as key events into the cell editor,
    while a 1 ms timer records the gaps between its ticks: the longest gap is the longest time
    the window could not paint or take a key. The store syncs its commits on a thread as the
    window's does; ``background_sync=False`` makes each commit wait for the disk instead."""
    app = gui_probe.ensure_app()
    if gui_probe.report_editor_class() is None:
        return [Figure("typing", "typing: longest event-loop stall", None, "ms", note=NOT_YET)], {}
    from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QWidget

    with tempfile.TemporaryDirectory(prefix="cchc-bench-typing-") as tmp:
        store = Store.open(Path(tmp) / "cchc.sqlite3")
        if background_sync:
            store.sync_in_background()  # as MainWindow does with its store
        try:
            editor, report_id, view, cells = _editor_on_largest(store)
            editor.activateWindow()
            view.setFocus()
            actions: list[tuple[str, Any]] = []
            for n in range(edits):
                index = cells[n % len(cells)]
                actions.append(("open", index))
                for ch in f"{1000 + n * 7}":
                    actions.append(("key", ch))
                actions.append(("enter", None))

            def cell_editor() -> QWidget | None:
                focus = QApplication.focusWidget()
                if focus is not None and view.viewport().isAncestorOf(focus):
                    return focus
                found = [
                    w
                    for w in view.viewport().findChildren(QWidget)
                    if w.isVisible() and hasattr(w, "value_text")
                ]
                return found[0] if found else None

            ticks: list[float] = []
            cpu: list[float] = []  # this thread's CPU time at each tick: the window's own work
            labels: list[str] = []
            current = {"label": "start"}
            heartbeat = QTimer()
            heartbeat.setTimerType(Qt.TimerType.PreciseTimer)
            heartbeat.setInterval(1)

            def tick() -> None:
                ticks.append(time.perf_counter())
                cpu.append(time.thread_time())
                labels.append(current["label"])

            heartbeat.timeout.connect(tick)
            loop = QEventLoop()
            step = {"i": 0, "missing_editor": 0}
            driver = QTimer()
            driver.setTimerType(Qt.TimerType.PreciseTimer)
            driver.setInterval(key_interval_ms)

            def act() -> None:
                if step["i"] >= len(actions):
                    driver.stop()
                    QTimer.singleShot(50, loop.quit)
                    return
                kind, arg = actions[step["i"]]
                step["i"] += 1
                current["label"] = kind
                if kind == "open":
                    view.setCurrentIndex(arg)
                    view.edit(arg)
                    return
                target = cell_editor()
                if target is None:
                    step["missing_editor"] += 1
                    return
                if kind == "key":
                    key = Qt.Key(ord(arg))
                    for event_type in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                        QCoreApplication.postEvent(
                            target, QKeyEvent(event_type, key, Qt.KeyboardModifier.NoModifier, arg)
                        )
                else:
                    QCoreApplication.postEvent(
                        target,
                        QKeyEvent(
                            QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier
                        ),
                    )

            driver.timeout.connect(act)
            app.processEvents()
            heartbeat.start()
            driver.start()
            loop.exec()
            heartbeat.stop()
            gaps = [(b - a, labels[k + 1]) for k, (a, b) in enumerate(itertools.pairwise(ticks))]
            cpu_gaps = [b - a for a, b in itertools.pairwise(cpu)]
            committed = store.conn.execute(
                "SELECT count(*) FROM history WHERE report_id = ? AND field = 'value'"
                " AND new LIKE '1%' AND length(new) = 4",
                (report_id,),
            ).fetchone()[0]
            # Every commit on the disk by the end (the syncer's, when it has one).
            all_synced = store.syncer.flush(10) if store.syncer is not None else True
            gui_probe.dispose(editor)
        finally:
            store.close()
    longest, during = max(gaps) if gaps else (float("nan"), "")
    gap_ms = [ms(g) for g, _ in gaps]
    enter_gaps = [ms(g) for g, label in gaps if label == "enter"]
    key_gaps = [ms(g) for g, label in gaps if label == "key"]
    extra = {
        "edits": edits,
        "committed": committed,
        "background_sync": background_sync,
        "all_synced": all_synced,
        "missing_editor": step["missing_editor"],
        "ticks": len(ticks),
        "p99_gap_ms": round(percentile(gap_ms, 99), 2),
        "longest_during": during,
        "longest_key_ms": round(max(key_gaps), 2) if key_gaps else None,
        "longest_enter_ms": round(max(enter_gaps), 2) if enter_gaps else None,
        "median_gap_ms": round(median(gap_ms), 3),
        "longest_cpu_ms": round(ms(max(cpu_gaps)), 2) if cpu_gaps else None,
    }
    note = (
        f"{edits} values of 4 digits + Enter posted as QKeyEvents to the cell editor every "
        f"{key_interval_ms} ms; a 1 ms PreciseTimer records its gaps; floor = 1 ms tick"
    )
    return [
        Figure(
            "typing",
            "typing: longest event-loop stall",
            ms(longest),
            "ms",
            1.0,
            "an idle 1 ms timer tick",
            f"≤ {FRAME_MS:.0f} ms (one frame)",
            ms(longest) <= FRAME_MS,
            note,
            extra,
        ),
        Figure(
            "typing",
            "typing: longest stall in the window's own CPU time",
            extra["longest_cpu_ms"],
            "ms",
            note="the longest CPU time the window's thread spent between two ticks; wall time "
            "beyond it is the machine running other programs (a shared 2-core host here)",
        ),
    ], extra


# -- stability: references the Qt binding drops --------------------------------------------------


def _counts_singleton_refs() -> bool:
    """Only CPython before 3.12 counts references to None/True/False (3.12 made them immortal)."""
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def _lost_per_op(fn: Any, n: int) -> dict[str, float]:
    """References to None, True and False lost per call of ``fn`` (gc'd on both sides, after
    one warm-up call, averaged over ``n`` calls)."""
    fn(0)
    gc.collect()
    before = [sys.getrefcount(x) for x in (None, True, False)]
    for i in range(n):
        fn(i + 1)
    gc.collect()
    after = [sys.getrefcount(x) for x in (None, True, False)]
    return {
        name: (b - a) / n
        for name, b, a in zip(("None", "True", "False"), before, after, strict=True)
    }


def run_stability(n: int) -> tuple[list[Figure], dict[str, Any]]:
    """PySide6 6.12.0 on CPython 3.11 dropped a reference to None on every void Qt call (and to
    True/False on some paths) until CPython aborted ("none_dealloc"); pyproject.toml pins
    PySide6 below 6.12. This measures, per operation a clerk repeats all day, that the binding
    in use loses none: with ~20,000 references to None in a fresh window, any loss per
    operation is an abort after a working day."""
    app = gui_probe.ensure_app()
    editor_cls = gui_probe.report_editor_class()
    if editor_cls is None or not _counts_singleton_refs():
        note = NOT_YET if editor_cls is None else "None is immortal on this Python"
        return [Figure("stability", "references lost per operation", None, "refs", note=note)], {}
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    start = sys.getrefcount(None)
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="cchc-bench-stability-") as tmp:
        store = Store.open(Path(tmp) / "cchc.sqlite3")
        try:
            editor, _report_id, view, cells = _editor_on_largest(store)
            sections = gui_probe.section_count(editor)

            def switch(i: int) -> None:
                editor.set_section(i % sections)
                editor.grab()

            results["section switch + paint"] = _lost_per_op(switch, n)
            editor.set_section(0)
            view = gui_probe.current_view(editor)
            cells = _value_rows(view.model())

            def edit(i: int) -> None:
                view.model().setData(cells[i % len(cells)], str(5000 + i), Qt.ItemDataRole.EditRole)
                app.processEvents()
                editor.grab()

            results["committed edit + repaint"] = _lost_per_op(edit, n)
            label = QLabel()
            results["void Qt call (QLabel.setText)"] = _lost_per_op(
                lambda i: label.setText(str(i)), 50 * n
            )
            gui_probe.dispose(editor)
        finally:
            store.close()
    figures = []
    for what, lost in results.items():
        worst = max(lost.values())
        figures.append(
            Figure(
                "stability",
                f"None/True/False refs lost per {what}",
                worst,
                "refs",
                None,
                "",
                "0",
                worst <= 0,
                "no references lost"
                if worst <= 0
                else f"a fresh window would abort after ≈{start / worst:.0f} of these",
                {k: round(v, 2) for k, v in lost.items()} | {"none_refs_at_start": start},
            )
        )
    return figures, {"start_none_refs": start}
