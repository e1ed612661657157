#!/usr/bin/env bash
# Mutation testing (mutmut) of the money/time/access/observation modules, one at a time, niced.
# Usage: scripts/mutation.sh [--again] [module …]   (no argument: every module; see MODULES in scripts/mutation.py)
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
ensure_venv "test"
cd "$ROOT"
exec "$VENV/bin/python" "$ROOT/scripts/mutation.py" "$@"
