"""The benchmark still runs: `python -m bench --quick` end to end, tiny sizes, no timing goals.

Performance targets are judged by the benchmark itself (docs/benchmarks.md), never here: this
only keeps bench/ from rotting as the app changes under it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_quick_benchmark_runs_every_suite(tmp_path: Path) -> None:
    out = tmp_path / "quick.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CCHC_DATA_DIR=str(tmp_path / "data"))
    env.pop("CCHC_DB", None)
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["quick"] is True
    for key in ("cpu", "cores", "ram_gib", "python", "qt", "sqlite"):
        assert data["machine"][key], key
    figures = data["figures"]
    groups = {f["group"] for f in figures}
    assert {"start-up", "memory", "sections", "edit", "typing", "stability", "export", "scale"} <= (
        groups
    )
    failed = [f for f in figures if f["name"].endswith("benchmark failed")]
    assert failed == []
    # Every figure with a goal was measured and judged (the LibreOffice baseline may be absent).
    unjudged = [
        f["name"]
        for f in figures
        if f["goal"] and f["met"] is None and "LibreOffice" not in f["goal"]
    ]
    assert unjudged == []
    assert "figure | value | baseline | ratio | goal | met?" in " | ".join(
        part.strip() for part in done.stdout.splitlines()[0].split("|")
    )
