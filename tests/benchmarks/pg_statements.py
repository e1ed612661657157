"""Where a benchmark's PostgreSQL time goes (``bench_academie --statements``): statements by kind, with
pg_stat_statements on the throw-away cluster, and the connections and transactions per change.

A new connection is a new server process (its catalogue loaded again): its cost shows in no statement, so
the sessions opened are counted apart (pg_stat_database).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from pathlib import Path

# Added to the cluster's start options: statements of every database, planning time included.
OPTIONS = ("-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all "
           "-c pg_stat_statements.track_planning=on -c pg_stat_statements.max=10000")

_TOTALS = ("SELECT coalesce(sum(sessions), 0), coalesce(sum(xact_commit + xact_rollback), 0) "
           "FROM pg_stat_database")
_STATEMENTS = """
SELECT left(regexp_replace(query, '\\s+', ' ', 'g'), 110) AS q, sum(calls), sum(total_exec_time),
       sum(total_plan_time)
FROM pg_stat_statements GROUP BY q ORDER BY sum(total_exec_time + total_plan_time) DESC LIMIT %s
"""


def _connect(url: str):
    import psycopg

    return psycopg.connect(url.replace("+psycopg", ""), autocommit=True)


def _kind(title: str) -> str:
    """A server process's kind from its title: « client seats », « client grading », « autovacuum worker »…"""
    title = title.removeprefix("postgres: ")
    client = re.match(r"\S+ (\S+) \d+\.\d+\.\d+\.\d+", title)
    if client:
        database = client.group(1)
        letter = re.match(r".*?_([a-z]{1,3})_", database)
        kinds = {"s": "seats", "g": "grading", "t": "templates"}
        return "client " + (kinds.get(letter.group(1), letter.group(1)) if letter else database)
    return "autovacuum worker" if title.startswith("autovacuum worker") else title.strip()


def processes(postmaster: int) -> Counter:
    """CPU seconds so far per kind of server process (live ones), and « exited » (reaped by the postmaster:
    connections closed, autovacuum workers) — Linux /proc."""
    tick, found = os.sysconf("SC_CLK_TCK"), Counter()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            title = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except (OSError, IndexError):
            continue
        if stat.parent.name == str(postmaster):
            found["postmaster"] += (int(fields[11]) + int(fields[12])) / tick
            found["exited"] += (int(fields[13]) + int(fields[14])) / tick
        elif fields[1] == str(postmaster):
            used = (int(fields[11]) + int(fields[12])) / tick
            found[f"{_kind(title.strip())} (pid {stat.parent.name})"] += used
    return found


def _sessions(conn) -> Counter:
    """Sessions opened so far per kind of database."""
    found = Counter()
    rows = conn.execute("SELECT datname, sessions FROM pg_stat_database WHERE datname IS NOT NULL")
    for name, count in rows:
        found[_kind(f"u {name} 127.0.0.1")] += count
    return found


def start(url: str, postmaster: int) -> tuple:
    """Forget the statements so far; (sessions, transactions, processor by process) of the cluster now."""
    with _connect(url) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        conn.execute("SELECT pg_stat_statements_reset()")
        return (*conn.execute(_TOTALS).fetchone(), processes(postmaster), _sessions(conn))


def _processor(before: Counter, after: Counter, per: int) -> None:
    """Processor per change by kind of server process (a process born during the load counts whole)."""
    spent = Counter()
    for key, value in after.items():
        spent[re.sub(r" \(pid \d+\)", "", key)] += value - before.get(key, 0.0)
    print("Processeur PostgreSQL par modification, par sorte de processus : " + ", ".join(
        f"{kind} {used / per * 1000:.1f} ms" for kind, used in spent.most_common() if used > 0))


def report(url: str, postmaster: int, before: tuple, changes: int, limit: int = 30) -> None:
    """Print, per change, the sessions and transactions since ``start``, then the costliest statements."""
    per = max(1, changes)
    _processor(before[2], processes(postmaster), per)
    with _connect(url) as conn:
        sessions, transactions = conn.execute(_TOTALS).fetchone()
        rows = conn.execute(_STATEMENTS, (limit,)).fetchall()
        opened = _sessions(conn)
        print("Connexions ouvertes par modification, par sorte de base : " + ", ".join(
            f"{kind.removeprefix('client ')} {(count - before[3].get(kind, 0)) / per:.2f}"
            for kind, count in opened.most_common() if count > before[3].get(kind, 0)))
        calls, spent = conn.execute("SELECT sum(calls), sum(total_exec_time + total_plan_time) "
                                    "FROM pg_stat_statements").fetchone()
    print(f"PostgreSQL par modification : {(sessions - before[0]) / per:.2f} connexions ouvertes, "
          f"{(transactions - before[1]) / per:.1f} transactions, {calls / per:.1f} requêtes, "
          f"{spent / per:.2f} ms d'exécution et de planification")
    print("  appels/modif.  ms/modif.  (dont plan.)  requête")
    for query, count, executing, planning in rows:
        print(f"  {count / per:12.2f}  {(executing + planning) / per:9.3f}  ({planning / per:9.3f})  {query}")
