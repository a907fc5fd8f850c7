"""Typing on a slow disk: the typing benchmark with every fsync made 20 ms slower.

This machine's disk confirms a write in about 0.3 ms; an office PC's hard drive takes 10–30 ms,
and a busy disk far more. The window syncs each commit on a thread of its own
(``cchc_desktop.wal_sync``), so it should go on taking keys however slow the disk is. The same
typing with each commit waiting for the disk (``synchronous=FULL``, the store's way before)
is the baseline. The slowness comes from ``bench/slow_fsync.c``, built here with the C
compiler and loaded with ``LD_PRELOAD`` into a child process; with no compiler (or not on
Linux) the figure is skipped with a note.

``python -m bench.slow_disk child background|full EDITS`` is the child: it prints its figures
as JSON.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from bench.common import BENCH, CACHE, Figure

FSYNC_MS = 20
GOAL_MS = 16.0
SOURCE = BENCH / "slow_fsync.c"


def build_shim() -> tuple[Path | None, str]:
    """The LD_PRELOAD library, compiled once into bench/.cache; (None, why) when it cannot be."""
    if not sys.platform.startswith("linux"):
        return None, "LD_PRELOAD slow-disk shim: Linux only"
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None:
        return None, "no C compiler (cc) to build bench/slow_fsync.c"
    target = CACHE / "slow_fsync.so"
    if target.exists() and target.stat().st_mtime >= SOURCE.stat().st_mtime:
        return target, ""
    CACHE.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [compiler, "-shared", "-fPIC", "-O2", "-o", str(target), str(SOURCE), "-ldl"],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return None, f"bench/slow_fsync.c did not build: {done.stderr.strip()[:200]}"
    return target, ""


def _child_run(mode: str, edits: int, shim: Path) -> dict[str, Any]:
    env = dict(os.environ)
    env.update(
        LD_PRELOAD=str(shim),
        CCHC_BENCH_FSYNC_MS=str(FSYNC_MS),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=os.pathsep.join(filter(None, [str(BENCH.parent), env.get("PYTHONPATH")])),
    )
    done = subprocess.run(
        [sys.executable, "-m", "bench.slow_disk", "child", mode, str(edits)],
        capture_output=True,
        text=True,
        env=env,
        cwd=BENCH.parent,
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"slow-disk typing ({mode}) failed:\n{done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def run(edits: int) -> tuple[list[Figure], dict[str, Any]]:
    name = f"typing on a slow disk (fsync +{FSYNC_MS} ms): longest stall"
    shim, why = build_shim()
    if shim is None:
        return [Figure("typing", name, None, "ms", note=f"skipped: {why}")], {"skipped": why}
    ours = _child_run("background", edits, shim)
    waiting = _child_run("full", edits, shim)
    note = (
        f"the typing benchmark ({edits} values + Enter) in a child process whose every fsync "
        f"and fdatasync waits {FSYNC_MS} ms first (bench/slow_fsync.c via LD_PRELOAD); "
        "baseline: the same with each commit waiting for the disk (synchronous=FULL)"
    )
    extra = {"fsync_ms": FSYNC_MS, "window": ours["extra"], "waiting": waiting["extra"]}
    return [
        Figure(
            "typing",
            name,
            ours["longest_ms"],
            "ms",
            waiting["longest_ms"],
            "the same, each commit waiting for the disk (synchronous=FULL)",
            f"≤ {GOAL_MS:.0f} ms (one frame)",
            ours["longest_ms"] <= GOAL_MS and ours["extra"]["all_synced"],
            note,
            extra,
        ),
        Figure(
            "typing",
            "typing on a slow disk: the window's CPU time in that stall",
            ours["extra"]["longest_cpu_ms"],
            "ms",
            note="as for typing: the window thread's CPU time in its longest gap",
        ),
    ], extra


def _child(mode: str, edits: int) -> None:
    from bench import gui_bench

    figures, extra = gui_bench.run_typing(edits, background_sync=mode == "background")
    longest = figures[0].value
    print(json.dumps({"longest_ms": longest, "extra": extra}))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "child":
        _child(sys.argv[2], int(sys.argv[3]))
    else:
        raise SystemExit("usage: python -m bench.slow_disk child background|full EDITS")
