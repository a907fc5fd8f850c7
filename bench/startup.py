"""Start-up and memory: process start to the first painted window, app against the floor.

Both run as subprocesses with ``QT_QPA_PLATFORM=offscreen``; both show their window, wait for
its first paint, save a screenshot and exit, so "first painted" is detected the same way. The
figure is the wall time from before ``Popen`` to the process being reaped, and the peak RSS is
the child's own ``ru_maxrss`` from ``os.wait4`` (not the maximum over all children).

"First painted" is detected the same way in both: an event filter on the window sees its
first Paint event and, once that paint is done, prints ``cchc-first-paint
<time.monotonic()>`` to stderr (the app does this under CCHC_TRACE_STARTUP=1; the floor always).
CLOCK_MONOTONIC is shared by all processes, so the figure is that stamp minus the parent's
``time.monotonic()`` taken just before ``Popen``. Time to exit (screenshot saved) is kept too.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.common import BENCH, CACHE, LARGEST_SEED, ROOT, Figure, make_seed_report, median, ms
from cchc_desktop.store import Store

TIMEOUT_S = 60
PYCACHE = CACHE / "pycache"


MARKER = "cchc-first-paint "


@dataclass
class Run:
    wall_s: float
    first_paint_s: float | None
    maxrss_mib: float
    returncode: int
    stdout: str
    stderr: str
    ok: bool  # exited 0 and wrote a non-empty screenshot


def app_command(screenshot: Path, db: Path, report_id: int) -> list[str]:
    """How the app is started for a screenshot, as shipped: main.py if present, else
    gui.app.main."""
    args = ["--screenshot", str(screenshot), "--db", str(db), "--report", str(report_id)]
    main_py = ROOT / "main.py"
    if main_py.exists():
        return [sys.executable, str(main_py), *args]
    code = "import sys; from cchc_desktop.gui.app import main; sys.exit(main(sys.argv[1:]))"
    return [sys.executable, "-c", code, *args]


def app_available() -> bool:
    return (ROOT / "main.py").exists() or (ROOT / "cchc_desktop" / "gui" / "app.py").exists()


def floor_command(screenshot: Path, size: tuple[int, int] = (1280, 800)) -> list[str]:
    return [
        sys.executable,
        str(BENCH / "floor_window.py"),
        "--screenshot",
        str(screenshot),
        "--size",
        f"{size[0]}x{size[1]}",
        "--rows",
        "200",
    ]


def child_env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    # As installed: pip compiles a wheel's modules at install time, so the app starts from
    # bytecode. A checkout run with PYTHONDONTWRITEBYTECODE=1 would compile every module on
    # every start (≈ 60 ms here); the bytecode goes to bench/.cache/, not the source tree.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["CCHC_DATA_DIR"] = str(data_dir)  # settings and logs stay in the scratch folder
    env.pop("CCHC_DB", None)
    env["CCHC_TRACE_STARTUP"] = "1"
    return env


def precompile(env: dict[str, str]) -> None:
    """Byte-compile the app as ``pip install`` does for a wheel (into PYCACHE)."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", "cchc_desktop", "main.py", "bench"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=TIMEOUT_S,
        check=False,
    )


def run_child(cmd: list[str], env: dict[str, str], screenshot: Path, scratch: Path) -> Run:
    """Start ``cmd``, reap it with wait4 (for its own peak RSS) and time it from before Popen."""
    if screenshot.exists():
        screenshot.unlink()
    out_path, err_path = scratch / "stdout.txt", scratch / "stderr.txt"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0_mono = time.monotonic()
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, cwd=ROOT)
        watchdog = threading.Timer(TIMEOUT_S, proc.kill)
        watchdog.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    stderr = err_path.read_text("utf-8", "replace")
    first_paint = None
    for line in stderr.splitlines():
        if line.startswith(MARKER):
            first_paint = float(line[len(MARKER) :]) - t0_mono
            break
    return Run(
        wall,
        first_paint,
        usage.ru_maxrss / 1024,  # KiB on Linux
        proc.returncode,
        out_path.read_text("utf-8", "replace"),
        stderr,
        proc.returncode == 0 and screenshot.exists() and screenshot.stat().st_size > 0,
    )


def png_size(path: Path) -> tuple[int, int] | None:
    """Width and height from a PNG's IHDR chunk (no Qt needed in this process)."""
    try:
        head = path.read_bytes()[:24]
    except OSError:
        return None
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def run(repeats: int, keep_screenshot: Path | None = None) -> tuple[list[Figure], dict[str, Any]]:
    if not app_available():
        note = "cchc_desktop/gui/app.py and main.py not written yet"
        return [
            Figure("start-up", "start-up to first painted window", None, "ms", note=note),
            Figure("memory", "peak RSS, window with largest report", None, "MiB", note=note),
        ], {}
    with tempfile.TemporaryDirectory(prefix="cchc-bench-start-") as tmp:
        scratch = Path(tmp)
        db = scratch / "cchc.sqlite3"
        with Store.open(db) as store:
            report_id = make_seed_report(store, LARGEST_SEED)
        env = child_env(scratch / "data")
        precompile(env)
        app_png, floor_png = scratch / "app.png", scratch / "floor.png"
        app_cmd = app_command(app_png, db, report_id)

        # Warm-up (disk cache, .pyc files), discarded; it also tells the floor the app's size.
        first = run_child(app_cmd, env, app_png, scratch)
        if not first.ok:
            note = f"app failed (exit {first.returncode}): {first.stderr.strip()[-300:]}"
            return [
                Figure("start-up", "start-up to first painted window", None, "ms", note=note),
                Figure("memory", "peak RSS, window with largest report", None, "MiB", note=note),
            ], {"stderr": first.stderr[-2000:]}
        size = png_size(app_png) or (1280, 800)
        floor_cmd = floor_command(floor_png, size)
        first_floor = run_child(floor_cmd, env, floor_png, scratch)

        # repeats=0 (the quick run): the warm-up runs are the sample.
        app_runs: list[Run] = [] if repeats else [first]
        floor_runs: list[Run] = [] if repeats else [first_floor]
        for i in range(repeats):
            pair = [(app_cmd, app_png, app_runs), (floor_cmd, floor_png, floor_runs)]
            for cmd, png, sink in pair if i % 2 else reversed(pair):
                sink.append(run_child(cmd, env, png, scratch))
        counted = count_instructions(app_cmd, floor_cmd, env, scratch) if repeats else None
        if keep_screenshot is not None and app_png.exists():
            keep_screenshot.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(app_png, keep_screenshot)
        failures = [r for r in app_runs + floor_runs if not r.ok]

    app_wall = [r.wall_s for r in app_runs if r.ok]
    floor_wall = [r.wall_s for r in floor_runs if r.ok]
    app_paint = [r.first_paint_s for r in app_runs if r.ok and r.first_paint_s is not None]
    floor_paint = [r.first_paint_s for r in floor_runs if r.ok and r.first_paint_s is not None]
    app_rss = [r.maxrss_mib for r in app_runs if r.ok]
    floor_rss = [r.maxrss_mib for r in floor_runs if r.ok]
    value, base = ms(median(app_paint)), ms(median(floor_paint))
    exit_value, exit_base = ms(median(app_wall)), ms(median(floor_wall))
    how = (
        f"Popen → first paint done, QT_QPA_PLATFORM=offscreen, window {size[0]}×{size[1]}, "
        f"report {LARGEST_SEED} (so-ban-nganh-2022, 178 rows); median of {len(app_wall)} "
        "interleaved runs after one warm-up each"
    )
    extra = {
        "app_runs_ms": [round(ms(t), 1) for t in app_paint],
        "floor_runs_ms": [round(ms(t), 1) for t in floor_paint],
        "app_exit_ms": [round(ms(t), 1) for t in app_wall],
        "floor_exit_ms": [round(ms(t), 1) for t in floor_wall],
        "failures": [f.stderr[-300:] for f in failures],
        "app_command": " ".join(Path(a).name if "/" in a else a for a in app_cmd),
    }
    rss, rss_floor = median(app_rss), median(floor_rss)
    figures = []
    if counted is not None:
        app_n, floor_n = counted
        figures.append(
            Figure(
                "start-up",
                "start-up work: instructions to first paint (callgrind)",
                app_n / 1e6,
                "M instr",
                floor_n / 1e6,
                "the same floor, counted the same way",
                "≤ 1.5× floor",
                app_n <= 1.5 * floor_n,
                "valgrind --tool=callgrind, each process ending at its first paint "
                "(CCHC_TRACE_STARTUP=exit, --exit-at-first-paint), PYTHONHASHSEED=0: the same "
                "count whatever else the machine runs, unlike the wall times above",
            )
        )
    return [
        Figure(
            "start-up",
            "start-up to first painted window",
            value,
            "ms",
            base,
            "bare PySide6 window, 200-row QTableWidget",
            "≤ 1.5× floor",
            value <= 1.5 * base,
            how,
            extra,
        ),
        Figure(
            "start-up",
            "start-up to screenshot saved and exited",
            exit_value,
            "ms",
            exit_base,
            "bare PySide6 window, 200-row QTableWidget",
            "",
            None,
            "wall time Popen → process reaped (same runs)",
        ),
        Figure(
            "start-up",
            "first start of a fresh install (empty data folder)",
            ms(first.first_paint_s) if first.first_paint_s is not None else None,
            "ms",
            ms(first_floor.first_paint_s) if first_floor.first_paint_s is not None else None,
            "the floor's first run",
            "",
            None,
            "the warm-up run (not in the median above): a new data folder, cold file cache; "
            "one-time work such as validating the built-in catalogues happens here",
        ),
        Figure(
            "memory",
            "peak RSS, window with largest report",
            rss,
            "MiB",
            rss_floor,
            "bare PySide6 window, 200-row QTableWidget",
            "< 200 MiB",
            rss < 200,
            "ru_maxrss of the child (os.wait4), same runs as start-up",
            {
                "app_mib": [round(r, 1) for r in app_rss],
                "floor_mib": [round(r, 1) for r in floor_rss],
            },
        ),
        *figures,
    ], {"window_size": size}


def count_instructions(
    app_cmd: list[str], floor_cmd: list[str], env: dict[str, str], scratch: Path
) -> tuple[int, int] | None:
    """Instructions each process runs up to its first paint, counted by callgrind (about half
    a minute for both); None without valgrind."""
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return None
    counted = []
    run_env = dict(env, CCHC_TRACE_STARTUP="exit", PYTHONHASHSEED="0")
    for cmd in (app_cmd, [*floor_cmd, "--exit-at-first-paint"]):
        done = subprocess.run(
            [
                valgrind,
                "--tool=callgrind",
                f"--callgrind-out-file={scratch / 'callgrind.out'}",
                *cmd,
            ],
            env=run_env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S * 5,
        )
        found = [line for line in done.stderr.splitlines() if "Collected :" in line]
        if done.returncode != 0 or not found:
            return None
        counted.append(int(found[-1].rsplit(":", 1)[1].strip()))
    return counted[0], counted[1]
