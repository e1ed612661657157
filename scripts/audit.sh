#!/usr/bin/env bash
# Dependency audit (pip-audit) of the project's virtualenv against the public vulnerability database.
# No network, or a slow one: a French notice, never a red run. A known vulnerability in an installed
# package: the run fails, naming the package and the fixed version (see README, « Sécurité »).
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
if [ ! -x "$VENV/bin/pip-audit" ]; then
  echo "Audit des dépendances ignoré : pip-audit n'est pas installé dans .venv."
  exit 0
fi
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
# --skip-editable: the project itself is not published; the report is written only when the audit ran.
if timeout 90 "$VENV/bin/pip-audit" --local --skip-editable --progress-spinner off --timeout 5 \
     --format json --output "$report" >/dev/null 2>&1; then
  echo "Audit des dépendances : aucune vulnérabilité connue."
  exit 0
fi
if [ ! -s "$report" ]; then
  echo "Audit des dépendances ignoré : la base des vulnérabilités n'a pas pu être jointe (réseau absent ou lent)."
  exit 0
fi
"$VENV/bin/python" - "$report" <<'PY'
import json, sys

found = [(d["name"], d["version"], v) for d in json.load(open(sys.argv[1]))["dependencies"]
         for v in d.get("vulns", [])]
if not found:
    sys.exit(print("Audit des dépendances : aucune vulnérabilité connue."))
print(f"Audit des dépendances : {len(found)} vulnérabilité(s) connue(s) — mettez ces paquets à jour :")
for name, version, vuln in found:
    fixed = ", ".join(vuln.get("fix_versions") or []) or "aucune pour l'instant"
    print(f"  - {name} {version} : {vuln['id']} (corrigée en : {fixed})")
sys.exit(1)
PY
