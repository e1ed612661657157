#!/usr/bin/env bash
# Run the whole test suite: installs the test dependencies (Debian's chromium included) when missing.
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
ensure_venv "test"
if ! command -v chromium >/dev/null 2>&1; then
  echo "==> Installation de Chromium (paquet Debian)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
fi
cd "$ROOT"
echo "==> ruff"
"$VENV/bin/ruff" check sandbox grading tests
echo "==> pytest"
exec "$VENV/bin/pytest" "$@"
