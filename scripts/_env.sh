# Shared by scripts/demo.sh and scripts/test.sh: a project virtualenv, created and updated on demand.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  echo "Python 3.11 ou plus récent est nécessaire (apt-get install python3)." >&2
  return 1
}

# ensure_venv EXTRAS: create .venv if needed and (re)install when the lock file changed. The locked
# versions are installed with their hashes checked (requirements/*.txt, made by scripts/lock.sh), then the
# project itself without dependencies and without build isolation (its build backend is in the lock too):
# nothing unverified is downloaded.
ensure_venv() {
  local extras="$1" py stamp want lock
  lock="$ROOT/requirements/$([ "$extras" = test ] && echo test || echo runtime).txt"
  py="$(find_python)"
  if [ ! -x "$VENV/bin/python" ]; then
    echo "==> Création de l'environnement Python (.venv)"
    if ! "$py" -m venv "$VENV" 2>/dev/null; then
      echo "==> Installation de python3-venv"
      as_root apt-get update -qq && as_root apt-get install -y -qq python3-venv
      "$py" -m venv "$VENV"
    fi
  fi
  stamp="$VENV/.e5-installed"
  want="$(cat "$lock" "$ROOT/pyproject.toml" | sha256sum | cut -c1-16)-$extras"
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "==> Installation des dépendances Python verrouillées ($(basename "$lock"))"
    # Quiet unless something fails: then the whole pip log is shown.
    if ! { "$VENV/bin/python" -m pip install --require-hashes -r "$lock" &&
           "$VENV/bin/python" -m pip install --no-deps --no-build-isolation -e "$ROOT"; } \
         > "$VENV/pip.log" 2>&1; then
      cat "$VENV/pip.log" >&2
      echo "L'installation des dépendances a échoué (journal ci-dessus)." >&2
      exit 1
    fi
    echo "$want" > "$stamp"
  fi
}
