#!/usr/bin/env bash
# Run the whole test suite: installs the test dependencies (Debian's chromium included) when missing.
#   scripts/test.sh [pytest arguments]              on SQLite (the default engine)
#   scripts/test.sh --postgres [pytest arguments]   on a throw-away PostgreSQL cluster (ruff and pip-audit
#                                                   skipped: the code is the same)
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
postgres=""
if [ "${1:-}" = "--postgres" ]; then postgres=1; shift; fi
ensure_venv "test"
# Debian packages the tests use: the browser, fonts for PDF grids, pdftotext to read them back, nginx in
# front of two servers (tests/deploy).
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing="$missing fonts-dejavu-core"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
if [ -n "$missing" ]; then
  echo "==> Installation des paquets Debian :$missing"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi
cd "$ROOT"
if [ -n "$postgres" ]; then
  source "$ROOT/scripts/with-postgres.sh"
  start_throwaway_postgres
  echo "==> pytest (PostgreSQL)"
  "$VENV/bin/pytest" "$@"  # not exec: the EXIT trap stops and removes the cluster
  exit $?
fi
echo "==> ruff"
"$VENV/bin/ruff" check sandbox grading tests
echo "==> pip-audit"
bash "$ROOT/scripts/audit.sh"
echo "==> pytest"
exec "$VENV/bin/pytest" "$@"
