"""Where the time goes, for every figure that misses its goal (``python -m bench --profile``).

Each miss is re-run under pyinstrument (sampling every 0.5 ms) in the same situation the
figure measured, and summarised as the functions with the largest inclusive share of the
time, application code first. The start-up is profiled inside the app's own process, through
bench/profile_app.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import LARGEST_SEED, ROOT, Figure, make_seed_report
from cchc_desktop.store import Store

INTERVAL = 0.0005
TOP = 14


def summarise(root: Any, total: float | None = None) -> list[dict[str, Any]]:
    """Inclusive time per function (recursion counted once), largest first, as shares."""
    total = total or root.time or 1e-9
    inclusive: dict[tuple[str, str, int], float] = {}

    def walk(frame: Any, active: frozenset[tuple[str, str, int]]) -> None:
        key = (frame.function or "?", frame.file_path_short or "", frame.line_no or 0)
        if key not in active and not (frame.function or "").startswith("["):
            inclusive[key] = inclusive.get(key, 0.0) + frame.time
            active = active | {key}
        for child in frame.children:
            walk(child, active)

    walk(root, frozenset())
    rows = [
        {
            "function": f,
            "where": f"{path}:{line}",
            "seconds": round(t, 4),
            "share": round(t / total, 3),
        }
        for (f, path, line), t in inclusive.items()
    ]
    rows.sort(key=lambda r: -r["seconds"])
    return rows


def interesting(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The app's own functions and the Qt/sqlite calls they make, without runner frames."""
    skip = ("bench/", "runpy", "<frozen", "pyinstrument", "threading.py")
    out = [r for r in rows if not any(s in r["where"] for s in skip) and r["share"] < 0.999]
    return out[:TOP]


def _profile(fn: Callable[[], Any], repeat: int = 1) -> tuple[list[dict[str, Any]], str]:
    from pyinstrument import Profiler

    profiler = Profiler(interval=INTERVAL)
    profiler.start()
    for _ in range(repeat):
        fn()
    session = profiler.stop()
    root = session.root_frame()
    text = profiler.output_text(unicode=True, color=False, show_all=False)
    return (summarise(root) if root is not None else []), text


# -- what each miss re-runs -----------------------------------------------------------------------


def profile_startup() -> dict[str, Any]:
    """The app's process from import to the screenshot, sampled inside that process."""
    from bench.startup import child_env, precompile

    with tempfile.TemporaryDirectory(prefix="cchc-bench-prof-") as tmp:
        folder = Path(tmp)
        db = folder / "cchc.sqlite3"
        with Store.open(db) as store:
            report_id = make_seed_report(store, LARGEST_SEED)
        out = folder / "profile.json"
        cmd = [
            sys.executable,
            "-m",
            "bench.profile_app",
            str(out),
            "--screenshot",
            str(folder / "app.png"),
            "--db",
            str(db),
            "--report",
            str(report_id),
        ]
        precompile(child_env(folder / "data"))
        # Twice with the same data folder, keeping the second: the first start of a fresh
        # install does one-time work (caches) that the measured, warmed-up runs skip too.
        for _ in range(2):
            done = subprocess.run(
                cmd,
                cwd=ROOT,
                env=child_env(folder / "data"),
                capture_output=True,
                text=True,
                timeout=120,
            )
        if done.returncode != 0 or not out.exists():
            return {"error": done.stderr[-1500:]}
        data: dict[str, Any] = json.loads(out.read_text("utf-8"))
        return data


def _editor_session() -> tuple[Store, int, Any]:
    from bench import gui_probe

    gui_probe.ensure_app()
    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-prof-"))
    store = Store.open(folder / "cchc.sqlite3")
    return store, make_seed_report(store, LARGEST_SEED), gui_probe.report_editor_class()


def profile_open() -> dict[str, Any]:
    from bench import gui_probe

    store, report_id, editor_cls = _editor_session()

    def once() -> None:
        widget = gui_probe.build_editor(editor_cls, store, report_id)
        widget.grab()
        gui_probe.dispose(widget)

    once()
    rows, text = _profile(once, repeat=5)
    store.close()
    return {"top": interesting(rows), "text": text}


def profile_switch() -> dict[str, Any]:
    from bench import gui_probe

    store, report_id, editor_cls = _editor_session()
    widget = gui_probe.build_editor(editor_cls, store, report_id)
    widget.grab()

    def once() -> None:
        for index in range(gui_probe.section_count(widget)):
            widget.set_section(index)
            widget.grab()

    once()
    rows, text = _profile(once, repeat=3)
    gui_probe.dispose(widget)
    store.close()
    return {"top": interesting(rows), "text": text}


def profile_edit() -> dict[str, Any]:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from bench import gui_probe
    from bench.gui_bench import _editor_on_largest

    gui_probe.ensure_app()
    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-prof-"))
    store = Store.open(folder / "cchc.sqlite3")
    editor, _report_id, view, cells = _editor_on_largest(store)
    proxy = view.model()
    state = {"n": 0}

    def once() -> None:
        state["n"] += 1
        proxy.setData(
            cells[state["n"] % len(cells)], str(3000 + state["n"]), Qt.ItemDataRole.EditRole
        )
        QApplication.processEvents()  # the repaint the edit causes, as while typing

    rows, text = _profile(once, repeat=150)
    gui_probe.dispose(editor)
    store.close()
    return {"top": interesting(rows), "text": text}


def profile_store_edit() -> dict[str, Any]:
    from bench.edits import editable_codes

    folder = Path(tempfile.mkdtemp(prefix="cchc-bench-prof-"))
    store = Store.open(folder / "cchc.sqlite3")
    report_id = make_seed_report(store, LARGEST_SEED)
    codes = editable_codes(store, report_id)
    state = {"n": 0}

    def once() -> None:
        state["n"] += 1
        store.set_value(report_id, codes[state["n"] % len(codes)], str(state["n"]))

    rows, text = _profile(once, repeat=1500)
    store.close()
    return {"top": interesting(rows), "text": text}


def profile_scale(name: str) -> dict[str, Any]:
    from bench import gui_probe, scale_db

    gui_probe.ensure_app()
    path, _ = scale_db.ensure(scale_db.Plan())
    store = Store.open(path)
    try:
        model_cls = gui_probe.report_list_model()
        table_cls = gui_probe.report_table_class()
        from bench.scale import _shown_list  # the list as the figures build it, styled

        if "first keystroke" in name:

            def once() -> None:
                model, view = _shown_list(model_cls, table_cls, store)
                model.set_filter_text("tu phap")
                view.grab()
                gui_probe.dispose(view)

        elif "set_filter_text" in name:
            model, view = _shown_list(model_cls, table_cls, store)
            words = iter(["tu phap", "so tu phap"] * 50)

            def once() -> None:
                model.set_filter_text(next(words))
                view.grab()

        elif "table painted" in name:

            def once() -> None:
                _model, view = _shown_list(model_cls, table_cls, store)
                gui_probe.dispose(view)

        elif "ReportEditor" in name:
            editor_cls = gui_probe.report_editor_class()
            report_id = store.reports()[0].id

            def once() -> None:
                widget = gui_probe.build_editor(editor_cls, store, report_id)
                widget.grab()
                gui_probe.dispose(widget)

        elif "open" in name:
            report_id = store.reports()[0].id

            def once() -> None:
                store.report(report_id).evaluate()

        else:  # the store's own reads: what opening the list reads
            from bench.scale import _list_page

            page = _list_page()

            def once() -> None:
                store.report_count()
                store.reports(limit=page)

        once()
        rows, text = _profile(once, repeat=10)
    finally:
        store.close()
    return {"top": interesting(rows), "text": text}


def target_for(figure: Figure) -> tuple[str, Callable[[], dict[str, Any]]] | None:
    """Which profile explains a missed figure (several figures can share one)."""
    name = figure.name
    if figure.group == "start-up":
        return "start-up", profile_startup
    if figure.group == "memory":
        return "start-up", profile_startup
    if figure.group == "sections":
        return ("open", profile_open) if name.startswith("open") else ("switch", profile_switch)
    if figure.group == "edit" and "setData" in name:
        return "edit (editor)", profile_edit
    if figure.group == "typing" and "stall" in name:
        return "edit (editor)", profile_edit
    if figure.group == "edit":
        return "edit (store)", profile_store_edit
    if figure.group == "scale":
        return f"scale: {name}", lambda: profile_scale(name)
    return None


def profile_misses(figures: list[Figure]) -> dict[str, Any]:
    """Profile every distinct cause of a miss; print the top functions; return it all."""
    done: dict[str, Any] = {}
    for figure in figures:
        if figure.met is not False:
            continue
        target = target_for(figure)
        if target is None or target[0] in done:
            continue
        key, fn = target
        print(f"… profiling {key}", file=sys.stderr, flush=True)
        try:
            done[key] = fn()
        except Exception as exc:  # a profile must not lose the figures
            done[key] = {"error": f"{type(exc).__name__}: {exc}"}
    for key, result in done.items():
        print(f"\nprofile: {key}")
        if "error" in result:
            print(f"  failed: {result['error'][-300:]}")
            continue
        for row in result.get("top", []):
            print(f"  {row['share'] * 100:5.1f}%  {row['function']}  ({row['where']})")
        tree = [line for line in result.get("text", "").splitlines() if "─" in line]
        if tree:
            print("  call tree (pyinstrument):")
            print("\n".join("    " + line for line in tree[:45]))
    # The JSON keeps the top functions only: pyinstrument's trees carry timestamps and would
    # make every committed run a large diff; the console shows them.
    return {k: {kk: vv for kk, vv in v.items() if kk != "text"} for k, v in done.items()}
