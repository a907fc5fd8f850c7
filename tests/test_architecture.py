"""The core never imports Qt or the GUI: checked by reading the source and by importing it."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cchc_desktop"
FORBIDDEN = ("PySide6", "shiboken6", "cchc_desktop.gui")


def core_modules() -> list[Path]:
    return [
        p
        for p in PACKAGE.rglob("*.py")
        if "gui" not in p.relative_to(PACKAGE).parts and "_data" not in p.parts
    ]


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            names.update(
                a.value
                for a in node.args
                if isinstance(a, ast.Constant) and isinstance(a.value, str)
            )
    return names


def test_core_sources_import_no_qt() -> None:
    modules = core_modules()
    assert len(modules) >= 10
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(n for n in imported_names(p) if n.startswith(FORBIDDEN))
        for p in modules
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_the_whole_core_loads_no_qt() -> None:
    names = sorted(
        "cchc_desktop."
        + ".".join(p.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        for p in core_modules()
        if p.name != "__main__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name.rstrip('.'))\n"
        "from cchc_desktop import cli\n"
        "cli._load_extensions()\n"
        "qt = ('PySide6', 'shiboken6', 'cchc_desktop.gui')\n"
        "bad = [m for m in sys.modules if m.startswith(qt)]\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_import_linter_contract() -> None:
    lint = shutil.which("lint-imports")
    assert lint, "import-linter is part of the test dependencies"
    done = subprocess.run([lint], cwd=PACKAGE.parent, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
