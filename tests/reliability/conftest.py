"""Reliability scenarios: helpers shared by the tests, and the figures they print."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.reliability.figures import FIGURES

WORKERS = Path(__file__).with_name("workers.py")
# Hypothesis builds its failure report with a library that warns on import; with the
# project's "warnings are errors" that hid every falsifying example behind an INTERNALERROR.
READABLE_FAILURES = pytest.mark.filterwarnings(
    "ignore:mypy_extensions.TypedDict is deprecated:DeprecationWarning"
)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not FIGURES:
        return
    terminalreporter.write_sep("-", "reliability figures")
    for name, count in sorted(FIGURES.items()):
        terminalreporter.write_line(f"{name}: {count}")
    target = os.environ.get("CCHC_RELIABILITY_FIGURES")
    if target:
        Path(target).write_text(json.dumps(dict(FIGURES), ensure_ascii=False, indent=2) + "\n")


def worker_command(*args: str) -> list[str]:
    """The command line of a child process running tests/reliability/workers.py."""
    return [sys.executable, str(WORKERS), *args]


class Window:
    """Another process with its own store that claims and releases a report on request."""

    def __init__(self, db: Path, report_id: int) -> None:
        self.child = subprocess.Popen(
            worker_command("claim", str(db), str(report_id)),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def send(self, line: str) -> None:
        assert self.child.stdin is not None
        self.child.stdin.write(line + "\n")
        self.child.stdin.flush()

    def answer(self) -> str:
        assert self.child.stdout is not None
        return self.child.stdout.readline().strip()

    def close(self) -> None:
        assert self.child.stdin is not None and self.child.stdout is not None
        self.child.stdin.close()
        self.child.wait(timeout=30)
        self.child.stdout.close()


@contextmanager
def read_only(*targets: Path) -> Iterator[None]:
    """Make files and folders read-only, even for root (immutable attribute)."""
    root = hasattr(os, "geteuid") and os.geteuid() == 0
    done: list[tuple[Path, int]] = []
    try:
        for target in targets:
            if root:
                result = subprocess.run(["chattr", "+i", str(target)], capture_output=True)
                if result.returncode != 0:
                    pytest.skip("cannot make a file read-only for root here (no chattr +i)")
                done.append((target, -1))
            else:
                done.append((target, target.stat().st_mode))
                target.chmod(0o555 if target.is_dir() else 0o444)
        yield
    finally:
        for target, mode in reversed(done):
            if mode == -1:
                subprocess.run(["chattr", "-i", str(target)], check=True)
            else:
                target.chmod(mode)
