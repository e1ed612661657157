#!/usr/bin/env bash
# Mutation testing (mutmut) of the money/time/access/observation modules, one at a time, niced.
# Usage: scripts/mutation.sh [--again|--score] [module …] [mutant …]   (no argument: every module; see MODULES in
# scripts/mutation.py; mutants named: retest only those, e.g. x_carrier_price__mutmut_58; --score: print the
# stored scores, run nothing)
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
ensure_venv "test"
cd "$ROOT"
exec "$VENV/bin/python" "$ROOT/scripts/mutation.py" "$@"
