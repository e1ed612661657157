#!/usr/bin/env bash
# Regenerate the lock files (requirements/*.txt, every version pinned with its hashes) from pyproject.toml:
#   bash scripts/lock.sh            keep the locked versions that still fit pyproject.toml
#   bash scripts/lock.sh --upgrade  take the newest versions pyproject.toml allows
# The locks are universal (markers for Windows, macOS, Linux, Python 3.11+): one file serves every PC.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UV_VERSION=0.13.8
TOOLS="$ROOT/.venv-lock"
if [ ! -x "$TOOLS/bin/uv" ] || [ "$("$TOOLS/bin/uv" --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  python3 -m venv "$TOOLS"
  "$TOOLS/bin/python" -m pip install -q "uv==$UV_VERSION"
fi
cd "$ROOT"
compile() {  # compile OUTPUT [--extra NAME]
  local out="$1"; shift
  "$TOOLS/bin/uv" pip compile --quiet --universal --python-version 3.11 --generate-hashes \
    --no-header --custom-compile-command "bash scripts/lock.sh" \
    "$@" pyproject.toml requirements/build.in -o "$out" ${UPGRADE:-}
  # The header names the command that regenerates the file.
  sed -i "1i # Locked by « bash scripts/lock.sh » from pyproject.toml: do not edit by hand." "$out"
}
[ "${1:-}" = "--upgrade" ] && UPGRADE="--upgrade"
# The server's lock holds the PostgreSQL driver too (the Docker image and académie servers use it).
runtime_extras=()
grep -q '^postgres = ' pyproject.toml && runtime_extras=(--extra postgres)
compile requirements/runtime.txt "${runtime_extras[@]}"
compile requirements/test.txt --extra test
echo "Verrous à jour : requirements/runtime.txt, requirements/test.txt"
