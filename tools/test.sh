#!/usr/bin/env bash
# Install everything and run every check: lint, format, types, the import boundary, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install.sh --test
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports
.venv/bin/python -m pytest "$@"
