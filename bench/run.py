"""Run every benchmark, print the table and write bench/results/latest.json.

    python -m bench            # the full run (≈ 2–3 minutes on 2 cores, scale database cached)
    python -m bench --quick    # tiny sizes: checks that every benchmark still runs (< 20 s)
    python -m bench --only edit,scale --profile

Qt runs with QT_QPA_PLATFORM=offscreen, in this process and in the start-up subprocesses.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # `python bench/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from bench import machine
from bench.common import CACHE, RESULTS, Figure, write_json

SUITES = ("startup", "sections", "edit", "typing", "stability", "export", "scale")


@dataclass(frozen=True)
class Sizes:
    startup_repeats: int
    sections_repeats: int
    sections_catalogues: int | None  # None: every catalogue; 1: the largest only
    edits: int
    typing_edits: int
    stability_ops: int
    export_repeats: int
    export_process_repeats: int
    export_seeds: int | None  # None: every seed
    scale_repeats: int
    scale_big: int | None  # None: the cached 2,400-report database


FULL = Sizes(
    startup_repeats=7,
    sections_repeats=5,
    sections_catalogues=None,
    edits=1000,
    typing_edits=40,
    stability_ops=20,
    export_repeats=5,
    export_process_repeats=5,  # medians of 5: one slow start of either process moves a median of 3
    export_seeds=None,
    scale_repeats=15,
    scale_big=None,
)
QUICK = Sizes(
    startup_repeats=0,
    sections_repeats=1,
    sections_catalogues=1,
    edits=20,
    typing_edits=2,
    stability_ops=2,
    export_repeats=1,
    export_process_repeats=1,
    export_seeds=1,
    scale_repeats=2,
    scale_big=60,
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes, to check it runs")
    parser.add_argument("--only", default="", help=f"comma-separated subset of {SUITES}")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile every figure that misses its goal (pyinstrument)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        help="JSON path (default bench/results/latest.json;"
        " --quick and --only write to bench/.cache/)",
    )
    return parser.parse_args(argv)


def run_suite(name: str, sizes: Sizes, quick: bool) -> tuple[list[Figure], dict[str, Any]]:
    if name == "startup":
        from bench import startup

        return startup.run(sizes.startup_repeats)
    if name == "edit":
        from bench import edits, gui_bench

        figures, _ = edits.run_store(sizes.edits)
        more, info = gui_bench.run_edits(sizes.edits)
        return figures + more, {"store": {"n": sizes.edits}, **info}
    if name == "sections":
        from bench import gui_bench

        return gui_bench.run_sections(sizes.sections_repeats, sizes.sections_catalogues)
    if name == "typing":
        from bench import gui_bench, slow_disk

        figures, info = gui_bench.run_typing(sizes.typing_edits)
        slow, slow_info = slow_disk.run(sizes.typing_edits)
        return figures + slow, {**info, "slow_disk": slow_info}
    if name == "stability":
        from bench import gui_bench

        return gui_bench.run_stability(sizes.stability_ops)
    if name == "export":
        from bench import exports

        return exports.run(sizes.export_repeats, sizes.export_process_repeats, sizes.export_seeds)
    if name == "scale":
        from bench import gui_probe, scale

        gui_probe.ensure_app()
        if sizes.scale_big is None:
            return scale.run(sizes.scale_repeats, qt=True)
        with tempfile.TemporaryDirectory(prefix="cchc-bench-scale-") as tmp:
            return scale.run(
                sizes.scale_repeats, qt=True, big_limit=sizes.scale_big, cache=Path(tmp)
            )
    raise ValueError(name)


def fmt(x: float | None, unit: str = "") -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    digits = 2 if abs(x) < 10 else 1 if abs(x) < 100 else 0
    return f"{x:.{digits}f}{(' ' + unit) if unit else ''}"


def table(figures: list[Figure]) -> str:
    head = ("figure", "value", "baseline", "ratio", "goal", "met?")
    rows = [head]
    for f in figures:
        met = "—" if f.met is None else ("yes" if f.met else "NO")
        if f.value is None:
            met = "skip"
        elif f.goal and f.met is None:
            met = "n/a"  # a goal against a baseline that could not be measured here
        ratio = "—" if f.ratio is None else f"{f.ratio:.2f}×"
        rows.append(
            (
                f.name,
                fmt(f.value, f.unit),
                fmt(f.baseline, f.unit if f.baseline else ""),
                ratio,
                f.goal or "—",
                met,
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    widths[0] = min(widths[0], 62)
    lines = []
    for n, r in enumerate(rows):
        cells = [r[0][: widths[0]].ljust(widths[0])]
        cells += [
            r[i].rjust(widths[i]) if i in (1, 2, 3) else r[i].ljust(widths[i])
            for i in range(1, len(head))
        ]
        lines.append(" | ".join(cells))
        if n == 0:
            lines.append("-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = QUICK if args.quick else FULL
    chosen = [s.strip() for s in args.only.split(",") if s.strip()] or list(SUITES)
    unknown = [s for s in chosen if s not in SUITES]
    if unknown:
        print(
            f"unknown suite(s): {', '.join(unknown)}; choose from {', '.join(SUITES)}",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()
    described = machine.describe()  # before the run: the load average says how busy it was
    figures: list[Figure] = []
    details: dict[str, Any] = {}
    durations: dict[str, float] = {}
    for name in chosen:
        t0 = time.perf_counter()
        print(f"… {name}", file=sys.stderr, flush=True)
        try:
            got, info = run_suite(name, sizes, args.quick)
        except Exception as exc:  # one broken suite must not hide the others' figures
            traceback.print_exc()
            got = [
                Figure(
                    name, f"{name}: benchmark failed", None, "", note=f"{type(exc).__name__}: {exc}"
                )
            ]
            info = {"error": traceback.format_exc()[-2000:]}
        durations[name] = round(time.perf_counter() - t0, 1)
        figures += got
        details[name] = info
    total = time.perf_counter() - started
    print(table(figures))
    misses = [f for f in figures if f.met is False]
    print(
        f"\n{len(figures)} figures, {len(misses)} missing their goal; {total:.0f} s "
        f"({', '.join(f'{k} {v:.0f} s' for k, v in durations.items())})\n"
        f"{described['cpu']}, {described['cores']} cores, {described['ram_gib']} GiB; "
        f"Python {described['python']}{' (venv)' if described.get('venv') else ''}, "
        f"Qt {described['qt']} (offscreen), "
        f"SQLite {described['sqlite']}; load average at start "
        + ", ".join(f"{x:.1f}" for x in described["load_average"])
    )
    profiles: dict[str, Any] = {}
    if args.profile:  # after the table, so the figures are read first
        from bench import profiling

        profiles = profiling.profile_misses(figures)
    # A partial run (--only) must not replace the full results the docs quote.
    # Quick and partial runs go to the (git-ignored) cache folder.
    if args.quick or args.only:
        default = CACHE / ("quick.json" if args.quick else "partial.json")
    else:
        default = RESULTS / "latest.json"
    out = args.out or default
    write_json(
        out,
        {
            "generated": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "quick": args.quick,
            "machine": described | {"load_average_end": [round(x, 2) for x in os.getloadavg()]},
            "seconds": round(total, 1),
            "suite_seconds": durations,
            "figures": [f.to_dict() for f in figures],
            "details": details,
            "profiles": profiles,
        },
    )
    print(f"written {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
