#!/usr/bin/env bash
# Create .venv and install ontherecord with its pinned dependencies (idempotent).
# Usage: bash scripts/setup.sh [extra]    e.g. "test" installs the test tools too.
set -euo pipefail
cd "$(dirname "$0")/.."
extra="${1:-}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
if [ -n "$extra" ]; then
  .venv/bin/python -m pip install --quiet -e ".[$extra]"
else
  .venv/bin/python -m pip install --quiet -e .
fi
