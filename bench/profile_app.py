"""Run the app's ``--screenshot`` start-up under pyinstrument, inside its own process.

    python -m bench.profile_app OUT.json --screenshot FILE --db PATH --report ID

Writes the top functions by inclusive share and pyinstrument's text tree to OUT.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main() -> int:
    out = Path(sys.argv[1])
    from pyinstrument import Profiler

    from bench.profiling import INTERVAL, interesting, summarise

    profiler = Profiler(interval=INTERVAL)
    profiler.start()
    from cchc_desktop.gui.app import main as app_main

    code = app_main(sys.argv[2:])
    session = profiler.stop()
    root = session.root_frame()
    out.write_text(
        json.dumps(
            {
                "exit": code,
                "seconds": round(session.duration, 3),
                "top": interesting(summarise(root)) if root is not None else [],
                "text": profiler.output_text(unicode=True, color=False, show_all=False)[-8000:],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
