#!/usr/bin/env bash
# Run the tests: installs the test dependencies (Debian's chromium and PostgreSQL included) when missing.
#   scripts/test.sh [pytest options]              the whole suite on SQLite and, at the same time, on PostgreSQL (a
#                                                 throw-away cluster): what CI runs; exit 1 if any fails
#   scripts/test.sh tests/x [pytest arguments]    only those tests, on SQLite (a developer's quick run)
#   scripts/test.sh --postgres [pytest arguments] PostgreSQL only;  --sqlite: SQLite only
#   scripts/test.sh --both tests/x …              both engines for named tests too
# ruff and pip-audit run first whenever SQLite is run (the code is the same on both engines).
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
engines=""
case "${1:-}" in
  --postgres) engines="postgres"; shift ;;
  --sqlite) engines="sqlite"; shift ;;
  --both) engines="sqlite postgres"; shift ;;
esac
if [ -z "$engines" ]; then
  # Named tests (a path, a path::test): SQLite only; no path: the whole suite on both engines.
  engines="sqlite postgres"
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

# run_engine PART: pytest on the engine PART names (sqlite, postgres, postgres-…; PostgreSQL: next to a throw-away
# cluster of its own, stopped by its subshell's EXIT trap), its own temporary folder (runs side by side must not
# clean each other's), exit status kept.
run_engine() {
  local engine="${1%%-*}" basetemp="$LOGS/tmp-$1"
  shift
  if [ "$engine" = sqlite ]; then
    "$VENV/bin/pytest" --basetemp "$basetemp" "$@"
  else
    (source "$ROOT/scripts/with-postgres.sh" && start_throwaway_postgres &&
     "$VENV/bin/pytest" --basetemp "$basetemp" "$@")
  fi
}

status=0
if [[ " $engines " == *" sqlite "* ]]; then
  echo "==> ruff"
  "$VENV/bin/ruff" check sandbox grading tests || status=1
  echo "==> pip-audit"
  bash "$ROOT/scripts/audit.sh" || status=1
fi
LOGS="$(mktemp -d "${TMPDIR:-/tmp}/e5-tests.XXXXXX")"
started=$(date +%s)
if [ "$engines" != "sqlite postgres" ]; then
  # One engine: pytest's own output, as it comes.
  echo "==> pytest ($([ "$engines" = sqlite ] && echo SQLite || echo PostgreSQL))"
  if run_engine "$engines" "$@"; then result="réussi"; else result="ÉCHEC"; status=1; fi
  echo "==> $([ "$engines" = sqlite ] && echo SQLite || echo PostgreSQL) : $result en $(elapsed "$started")"
  rm -rf "$LOGS"
  exit $status
fi

# Both engines at the same time (one pytest alone leaves much of a second core idle: see README « Tests »);
# each pytest writes to its own log, a progress line every minute, each log's end (all of it on failure) after.
# The whole suite (no path named): PostgreSQL runs tests/browser last, SQLite first (alphabetical order), so the two
# browser folders — servers, Chromium, page waits — never run at the same time: beside each other on 2 cores, some
# page waits timed out.
declare -A pid args names=([sqlite]=SQLite [postgres]=PostgreSQL)
parts=(sqlite postgres)
named=""
for arg in "$@"; do
  if [ "${arg#-}" = "$arg" ] && [ -e "${arg%%::*}" ]; then named=1; fi
done
if [ -z "$named" ]; then
  folders=""
  for folder in tests/*/; do
    [ "$folder" = tests/browser/ ] || folders="$folders ${folder%/}"
  done
  args[postgres]="$folders tests/browser"
fi
for part in "${parts[@]}"; do
  # shellcheck disable=SC2086  # folder names: words
  run_engine "$part" ${args[$part]:-} "$@" > "$LOGS/$part.log" 2>&1 &
  pid[$part]=$!
done
echo "==> pytest sur SQLite et sur PostgreSQL en même temps (journaux : $LOGS)"
running() { local part; for part in "${parts[@]}"; do kill -0 "${pid[$part]}" 2>/dev/null && return 0; done; return 1; }
progress() {  # the last « [ 42%] » pytest -q printed, else the last line
  local pct; pct="$(grep -o '\[ *[0-9]*%\]' "$LOGS/$1.log" 2>/dev/null | tail -1 | tr -d '[] ' || true)"
  echo "${pct:-$(tail -c 200 "$LOGS/$1.log" 2>/dev/null | tail -1 | cut -c1-60 || true)}"
}
while running; do
  for _ in $(seq 60); do
    sleep 1
    running || break
  done
  line=""
  for part in "${parts[@]}"; do line="$line${line:+ ; }${names[$part]} : $(progress "$part")"; done
  echo "    $(elapsed "$started") — $line"
done
summary=""
for engine in "${parts[@]}"; do
  wait "${pid[$engine]}" && rc=0 || rc=$?
  if [ $rc = 0 ] || [ $rc = 5 ]; then  # 5: pytest collected nothing there (a -k that names no test)
    result="réussi"
    echo "==> Fin du journal ${names[$engine]}"
    # The summary section (skips say why) when pytest printed one, else its last line.
    grep -q 'short test summary info' "$LOGS/$engine.log" &&
      sed -n '/short test summary info/,$p' "$LOGS/$engine.log" | tail -40 || tail -1 "$LOGS/$engine.log"
  else
    result="ÉCHEC"; status=1
    echo "==> Journal ${names[$engine]} (échec)"
    cat "$LOGS/$engine.log"
  fi
  summary="$summary==> ${names[$engine]} : $result"$'\n'
done
printf '%s' "$summary"
echo "==> Les deux moteurs en $(elapsed "$started")"
[ $status = 0 ] && rm -rf "$LOGS"
exit $status
