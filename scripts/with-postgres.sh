#!/usr/bin/env bash
# Run a command next to a throw-away PostgreSQL cluster from Debian's packages, owned by an unprivileged
# account, on a loopback port, stopped and removed on exit. The command gets its address in E5_TEST_DATABASE
# (read by tests/conftest.py and the PostgreSQL benchmarks). Used by scripts/test.sh --postgres. The cluster
# lives in /dev/shm when it has room (E5_POSTGRES_TMP chooses another folder).
#   bash scripts/with-postgres.sh .venv/bin/python -m tests.benchmarks.bench_postgres_seats
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"

start_throwaway_postgres() {
  local bin port
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    echo "==> Installation de PostgreSQL (paquets Debian)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  bin="$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")"
  # In memory when /dev/shm has room: CREATE DATABASE … TEMPLATE copies a seat's ~800 files, measured
  # 1.8 s on the disk of a loaded 2-core machine against a few tens of ms in memory.
  local under=/tmp
  if [ -d /dev/shm ] && [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR==2 {print $4}')" -gt 4000000 ] 2>/dev/null; then
    under=/dev/shm
  fi
  PGTMP="$(mktemp -d "${E5_POSTGRES_TMP:-$under}/e5-postgres.XXXXXX")"
  chmod 755 "$PGTMP"
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses root: the cluster belongs to an unprivileged system account.
    PGOWNER=e5-postgres  # global: the EXIT trap runs after this function's locals are gone
    id "$PGOWNER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PGOWNER"
    chown "$PGOWNER" "$PGTMP"
    as_pg() { (cd / && runuser -u "$PGOWNER" -- "$@"); }  # from /: it may not enter the caller's folder
  else
    as_pg() { "$@"; }
  fi
  port="$("$VENV/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
  as_pg "$bin/initdb" -D "$PGTMP/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$PGTMP/initdb.log" 2>&1 ||
    { cat "$PGTMP/initdb.log" >&2; return 1; }
  PGCTL="$bin/pg_ctl"
  # Durability off: the cluster is thrown away. Many connection slots: each test folder has its databases.
  as_pg "$PGCTL" -D "$PGTMP/data" -l "$PGTMP/server.log" -w -o "-p $port -k $PGTMP \
    -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
    -c max_connections=400" start >/dev/null
  trap stop_throwaway_postgres EXIT
  export E5_TEST_DATABASE="postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
  echo "==> PostgreSQL jetable : 127.0.0.1:$port ($PGTMP)"
}

stop_throwaway_postgres() {
  as_pg "$PGCTL" -D "$PGTMP/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$PGTMP"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  ensure_venv "test"
  start_throwaway_postgres
  "$@"  # not exec: the EXIT trap stops and removes the cluster
fi
