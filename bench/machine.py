"""A description of the machine the figures were measured on."""

from __future__ import annotations

import os
import platform
import shutil
import sqlite3
import sys
from importlib import metadata
from typing import Any


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> float | None:
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("MemTotal:"):
                    return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def describe() -> dict[str, Any]:
    """CPU, cores, RAM, OS and the versions that matter (Python, Qt, PySide6, SQLite)."""
    try:
        import PySide6
        from PySide6 import QtCore

        qt = QtCore.qVersion()
        pyside = PySide6.__version__
    except ImportError:
        qt = pyside = None
    versions: dict[str, str | None] = {}
    for name in ("reportlab", "openpyxl", "sqlite-utils", "pyinstrument"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gib": _ram_gib(),
        "os": f"{platform.system()} {platform.release()}",
        "python": sys.version.split()[0],
        # A virtual environment, as tools/install.sh makes, or another interpreter: a system
        # Python's site-packages may run start-up code of its own (.pth files) in every process.
        "executable": sys.executable,
        "venv": sys.prefix != sys.base_prefix,
        "qt": qt,
        "pyside6": pyside,
        "sqlite": sqlite3.sqlite_version,
        "libreoffice": shutil.which("soffice") or shutil.which("libreoffice"),
        "qt_qpa_platform": os.environ.get("QT_QPA_PLATFORM"),
        # Other work on the machine while measuring (1, 5, 15 min): a noisy run shows here.
        "load_average": [round(x, 2) for x in os.getloadavg()],
        **versions,
    }
