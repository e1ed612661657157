#!/usr/bin/env bash
# Run the demo: installs what it needs on first use, prepares a demo exam centre, starts the server.
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
ensure_venv "demo"
cd "$ROOT"
exec "$VENV/bin/e5" demo "$@"
