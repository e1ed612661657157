#!/usr/bin/env bash
# Run the tests: installs the test dependencies (Debian's chromium and PostgreSQL included) when missing.
#   scripts/test.sh [pytest options]              the whole suite on SQLite, then the folders proven green on
#                                                 PostgreSQL (POSTGRES_FOLDERS) on a throw-away cluster: what CI
#                                                 runs; exit 1 if either fails
#   scripts/test.sh --both [pytest options]       the whole suite on both engines (not yet green on PostgreSQL)
#   scripts/test.sh tests/x [pytest arguments]    only those tests, on SQLite (a developer's quick run)
#   scripts/test.sh --postgres [pytest arguments] PostgreSQL only;  --sqlite: SQLite only
#   scripts/test.sh --both tests/x …              both engines for those tests too
# ruff and pip-audit run first whenever SQLite is run (the code is the same on both engines).
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
engines=""
case "${1:-}" in
  --postgres) engines="postgres"; shift ;;
  --sqlite) engines="sqlite"; shift ;;
  --both) engines="sqlite postgres"; shift ;;
esac
# The PostgreSQL part of the default run, until the whole suite is green there (browser, grading, integration
# and subjects still have failures or take too long on PostgreSQL: see README « Tests »).
POSTGRES_FOLDERS=(tests/unit tests/packs tests/observables tests/studio)
postgres_args=()
if [ -z "$engines" ]; then
  # Named tests (a path, a path::test): SQLite only; no path: the whole suite on SQLite, POSTGRES_FOLDERS on
  # PostgreSQL.
  engines="sqlite postgres"
  postgres_args=("${POSTGRES_FOLDERS[@]}")
  for arg in "$@"; do
    if [ "${arg#-}" = "$arg" ] && [ -e "${arg%%::*}" ]; then engines="sqlite"; break; fi
  done
fi
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

elapsed() { local s=$(($(date +%s) - $1)); printf '%d min %02d s' $((s / 60)) $((s % 60)); }
status=0
summary=""
for engine in $engines; do
  started=$(date +%s)
  if [ "$engine" = sqlite ]; then
    echo "==> ruff"
    "$VENV/bin/ruff" check sandbox grading tests || status=1
    echo "==> pip-audit"
    bash "$ROOT/scripts/audit.sh" || status=1
    echo "==> pytest (SQLite)"
    if "$VENV/bin/pytest" "$@"; then result="réussi"; else result="ÉCHEC"; status=1; fi
    summary="$summary==> SQLite : $result en $(elapsed "$started")"$'\n'
  else
    # In a subshell: its EXIT trap stops and removes the cluster as soon as this engine is done.
    if (source "$ROOT/scripts/with-postgres.sh" && start_throwaway_postgres &&
        echo "==> pytest (PostgreSQL) ${postgres_args[*]}" && "$VENV/bin/pytest" "${postgres_args[@]}" "$@"); then
      result="réussi"
    else
      result="ÉCHEC"; status=1
    fi
    summary="$summary==> PostgreSQL : $result en $(elapsed "$started")"$'\n'
  fi
done
printf '%s' "$summary"
exit $status
