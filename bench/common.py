"""Shared pieces: paths, statistics, interleaved timing and the figure record."""

from __future__ import annotations

import gc
import json
import math
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
CACHE = BENCH / ".cache"
RESULTS = BENCH / "results"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
LARGEST_SEED = "003_d8652e5c4f02bc4c"  # so-ban-nganh-2022, 178 rows: the largest catalogue


def median(xs: Sequence[float]) -> float:
    return statistics.median(xs) if xs else math.nan


def percentile(xs: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (p in 0..100): p99 of 1,000 samples is the 990th smallest."""
    if not xs:
        return math.nan
    ordered = sorted(xs)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def interleave(
    subjects: dict[str, Callable[[], Any]], repeats: int, *, shuffle: bool = True
) -> dict[str, list[float]]:
    """Run each callable ``repeats`` times, alternating between them (order shuffled per round
    so neither side always runs second) and return wall times in seconds per name.

    Garbage collection is paused around each call so a collection triggered by one side is
    not billed to the other; it runs between rounds instead.
    """
    rng = random.Random(6)
    times: dict[str, list[float]] = {name: [] for name in subjects}
    names = list(subjects)
    for _ in range(repeats):
        if shuffle:
            rng.shuffle(names)
        for name in names:
            fn = subjects[name]
            gc.disable()
            t0 = time.perf_counter()
            fn()
            t1 = time.perf_counter()
            gc.enable()
            times[name].append(t1 - t0)
        gc.collect(0)
    return times


@dataclass
class Figure:
    """One row of the table: a measured value next to its baseline, with the goal."""

    group: str
    name: str
    value: float | None  # in ``unit``
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    goal: str = ""  # human text, e.g. "≤ 1.5× floor"
    met: bool | None = None  # None: no goal, or could not be judged (skipped)
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["ratio"] = None if self.ratio is None else round(self.ratio, 3)
        for key in ("value", "baseline"):
            if isinstance(out[key], float):
                out[key] = round(out[key], 4)
        return out


def ms(seconds: float) -> float:
    return seconds * 1000.0


def write_json(path: Path, data: Any) -> None:
    """Write JSON atomically (a .tmp beside it, then rename): a crash leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


def seed_names() -> list[str]:
    return sorted(p.name.removesuffix(".expected.json") for p in SEEDS.glob("*.expected.json"))


def seed_expected(seed: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SEEDS / f"{seed}.expected.json").read_text("utf-8"))
    return data


def make_seed_report(store: Any, seed: str) -> int:
    """A report filled with a seed's values through the store API (as tests/conftest.py does)."""
    from datetime import date

    from cchc_desktop.cli import read_values_csv

    expected = seed_expected(seed)
    report_id: int = store.create_report(
        expected["catalogue"],
        expected["agency"],
        expected["period"],
        expected.get("report_no") or "",
        date.fromisoformat(expected["report_date"]) if expected.get("report_date") else None,
    )
    store.set_many(report_id, read_values_csv(str(SEEDS / f"{seed}.csv")))
    return report_id
