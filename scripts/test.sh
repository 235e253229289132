#!/usr/bin/env bash
# Set up everything on a fresh machine and run the whole test suite (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
source scripts/services.sh
.venv/bin/python -m pytest "$@"
