#!/bin/sh
# Bring the data folder ($E5_DATA) to this release and give it what it lacks, before any server starts:
# idempotent, so the Dockerfile's CMD runs it at every start and compose.yaml's « init » service once.
#   E5_DATABASE  set: the databases live in PostgreSQL (the context and subjects are prepared there)
#   E5_BASE_URL  the address the PCs type, saved in the data folder (optional)
#   E5_SUBJECTS  the subject folders to prepare (default: every shipped one, subjects/*/)
#   E5_PREPARED  a data folder prepared when the image was built (default /opt/e5-prepared)
set -eu
: "${E5_DATA:?E5_DATA manquant}"
prepared="${E5_PREPARED:-/opt/e5-prepared}"
if [ -z "${E5_DATABASE:-}" ] && [ ! -e "$E5_DATA/templates" ] && [ -d "$prepared/templates" ]; then
  # Embedded SQLite and a new volume: start from the context and subjects prepared with the image.
  echo "Dossier des données neuf : modèles préparés avec l'image copiés."
  cp -a "$prepared/." "$E5_DATA/"
fi
e5 ${E5_BASE_URL:+--base-url "$E5_BASE_URL"} upgrade
e5 context list | grep -q "^context-lin-et-nature$" || e5 context install contexts/lin-et-nature
prepared=""
for subject in ${E5_SUBJECTS:-subjects/*/}; do
  id="$(basename "$subject")"
  # Prepared once, for the context's reference date; never again (seats copied from it stay as they are).
  if ! ls "$E5_DATA/templates/subject-$id-"*.json >/dev/null 2>&1; then
    e5 subject prepare --no-hint "$subject"
    prepared=1
  fi
done
# Said once, not after each subject: seats are made by the console (a slot, a practice session).
[ -z "$prepared" ] || echo "Sujets prêts : les postes se créent dans la console (créneaux, séances d'entraînement)."
