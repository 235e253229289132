#!/usr/bin/env bash
# Set up everything on a fresh machine and run the whole test suite (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
source scripts/services.sh
# lint (pyflakes + bugbear) and type-check before the tests; config and pins in pyproject.toml
.venv/bin/python -m ruff check src tests benchmarks scripts
.venv/bin/python -m mypy
.venv/bin/python -m pytest "$@"
