#!/usr/bin/env bash
# Set up and run the main job on the embedded default: the bundled sample articles, SQLite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/ontherecord demo "$@"
