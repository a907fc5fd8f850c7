"""Exports: the PDF and the Excel file of every seed appendix, next to LibreOffice.

The officer upstream receives dozens of files; the clerk presses "Xuất PDF" and waits. Two
figures per seed and format: in-process (the export function, warm, what the window's button
costs once its fonts are loaded) and as a whole ``cchc export`` process. For the PDF, also the
window's first export of a session (cold: exporter imported, fonts parsed). The baseline is
LibreOffice converting the same appendix (our .xlsx) to PDF headless, in a whole process with
its profile made beforehand; where it is not installed (the benchmark does not install it),
that ratio is skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import (
    LARGEST_SEED,
    ROOT,
    Figure,
    interleave,
    make_seed_report,
    median,
    ms,
    seed_names,
)
from bench.gui_probe import _module
from cchc_desktop.store import Store

LIBREOFFICE = "LibreOffice headless --convert-to pdf (same appendix as .xlsx)"


def _exporters() -> dict[str, Callable[[Store, int, Path], Any]]:
    """format → function(store, report_id, path) writing the file, for what exists."""
    out: dict[str, Callable[[Store, int, Path], Any]] = {}
    pdf = _module("cchc_desktop.exports.pdf")
    if pdf is not None and hasattr(pdf, "export_pdf"):
        out["pdf"] = pdf.export_pdf
    xlsx = _module("cchc_desktop.exports.xlsx")
    if xlsx is not None:
        fn = getattr(xlsx, "export_xlsx", None) or getattr(xlsx, "write_xlsx", None)
        if fn is not None:
            out["xlsx"] = fn
    return out


def _cli_has_export() -> bool:
    from cchc_desktop import cli

    cli._load_extensions()
    return "export" in cli._HANDLERS


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _timed_process(
    cmd: list[str], cwd: Path, env: dict[str, str] | None = None
) -> tuple[float, int, str]:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    return time.perf_counter() - t0, done.returncode, done.stderr


def run(
    repeats: int, process_repeats: int, seeds: int | None = None
) -> tuple[list[Figure], dict[str, Any]]:
    """Every seed (or the first ``seeds`` of them, largest first)."""
    exporters = _exporters()
    figures: list[Figure] = []
    if not exporters:
        return [
            Figure(
                "export",
                "PDF / Excel export",
                None,
                "ms",
                note="cchc_desktop/exports/pdf.py and xlsx.py not written yet",
            )
        ], {}
    lo = soffice()
    cli_export = _cli_has_export()
    info: dict[str, Any] = {"libreoffice": lo, "cli_export": cli_export, "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="cchc-bench-export-") as tmp:
        folder = Path(tmp)
        db = folder / "cchc.sqlite3"
        with Store.open(db) as store:
            names = sorted(seed_names(), key=lambda s: s != LARGEST_SEED)[:seeds]
            ids = {seed: make_seed_report(store, seed) for seed in names}
            for fmt, fn in exporters.items():
                fn(store, ids[names[0]], folder / f"warm.{fmt}")  # fonts, imports
                subjects = {
                    seed: (
                        lambda fn=fn, rid=rid, seed=seed, fmt=fmt: fn(
                            store, rid, folder / f"{seed}.{fmt}"
                        )
                    )
                    for seed, rid in ids.items()
                }
                times = interleave(subjects, repeats)
                for seed, ts in times.items():
                    size = (folder / f"{seed}.{fmt}").stat().st_size
                    info["sizes"][f"{seed}.{fmt}"] = size
                    figures.append(
                        Figure(
                            "export",
                            f"{fmt.upper()} in-process, seed {seed[:3]}",
                            ms(median(ts)),
                            "ms",
                            None,
                            "",
                            "",
                            None,
                            f"warm export_{fmt}(store, id, path) incl. atomic write + fsync; "
                            f"median of {len(ts)}",
                            {"bytes": size},
                        )
                    )
        if cli_export:
            formats = exporters if seeds is None else {"pdf": exporters["pdf"]}
            figures += _process_figures(folder, db, ids, formats, lo, process_repeats)
        else:
            figures.append(
                Figure(
                    "export",
                    "cchc export (process)",
                    None,
                    "ms",
                    note="`cchc export` sub-command not registered yet",
                )
            )
    return figures, info


# The window's first export of a session: the report's store is open (the window has it),
# the exporter and its fonts are not loaded yet. Prints the seconds from the click's import on.
FIRST_EXPORT = """
import sys, time
from cchc_desktop.store import Store
store = Store.open(sys.argv[1])
start = time.perf_counter()
from cchc_desktop.exports.pdf import export_pdf
export_pdf(store, int(sys.argv[2]), sys.argv[3])
print(time.perf_counter() - start)
"""


def _process_figures(
    folder: Path,
    db: Path,
    ids: dict[str, int],
    exporters: dict[str, Any],
    lo: str | None,
    repeats: int,
) -> list[Figure]:
    from bench.startup import PYCACHE, precompile

    figures: list[Figure] = []
    # --db after the sub-command: `cchc --db X export` silently ignores X (the sub-command's
    # default None wins) and would read the user's own database.
    cmd_base = [sys.executable, "-m", "cchc_desktop", "export", "--db", str(db)]
    env = dict(os.environ, CCHC_DATA_DIR=str(folder / "data"), CCHC_DB=str(db))
    # From bytecode, as a wheel installs it (see bench/startup.py).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    precompile(env)
    lo_cmd: list[str] = []
    if lo and "pdf" in exporters and "xlsx" in exporters:
        # A profile of its own (the user's is left alone), made by one untimed conversion:
        # an office PC has had its LibreOffice profile since the first start.
        profile = (folder / "lo-profile").as_uri()
        lo_cmd = [lo, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        first = folder / f"{next(iter(ids))}.xlsx"
        _timed_process([*lo_cmd, "--outdir", str(folder / "lo-warm"), str(first)], folder)
    for fmt in exporters:
        for seed, rid in ids.items():
            target = folder / f"cli-{seed}.{fmt}"
            ours: list[float] = []
            first_in_window: list[float] = []
            theirs: list[float] = []
            error = ""
            for _ in range(repeats):
                wall, rc, err = _timed_process(
                    [*cmd_base, str(rid), f"--{fmt}", str(target)], ROOT, env
                )
                if rc != 0:
                    error = err.strip()[-300:]
                    break
                ours.append(wall)
                if fmt != "pdf":
                    continue
                done = subprocess.run(
                    [sys.executable, "-c", FIRST_EXPORT, str(db), str(rid), str(target)],
                    cwd=ROOT,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
                if done.returncode == 0:
                    first_in_window.append(float(done.stdout.split()[-1]))
                if lo_cmd:
                    source = folder / f"{seed}.xlsx"
                    command = [*lo_cmd, "--outdir", str(folder / "lo"), str(source)]
                    wall_lo, rc_lo, _ = _timed_process(command, folder)
                    if rc_lo == 0:
                        theirs.append(wall_lo)
            if error:
                figures.append(
                    Figure(
                        "export",
                        f"cchc export --{fmt}, seed {seed[:3]}",
                        None,
                        "ms",
                        note=f"failed: {error}",
                    )
                )
                continue
            if fmt != "pdf":
                figures.append(
                    Figure(
                        "export",
                        f"cchc export --{fmt}, seed {seed[:3]} (process)",
                        ms(median(ours)),
                        "ms",
                        note="whole process, cold",
                        extra={"runs_ms": [round(ms(t), 1) for t in ours]},
                    )
                )
                continue
            base = ms(median(theirs)) if theirs else None
            skipped = "" if theirs else "; LibreOffice not installed (the benchmark does not)"
            for name, times, what in (
                (
                    f"PDF, first export in the window, seed {seed[:3]}",
                    first_in_window,
                    "the window's first export of a session: exporter and fonts loaded, "
                    "report read, PDF written (store already open)",
                ),
                (
                    f"cchc export --pdf, seed {seed[:3]} (process)",
                    ours,
                    "whole process, cold: interpreter, imports, fonts, export",
                ),
            ):
                value = ms(median(times)) if times else None
                figures.append(
                    Figure(
                        "export",
                        name,
                        value,
                        "ms",
                        base,
                        LIBREOFFICE,
                        "≥ 5× faster than LibreOffice",
                        None if base is None or value is None else value * 5 <= base,
                        what + ("; interleaved with LibreOffice" if theirs else skipped),
                        {"runs_ms": [round(ms(t), 1) for t in times]},
                    )
                )
    return figures
