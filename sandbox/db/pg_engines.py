"""The engines of a process on PostgreSQL databases: a few kept connections each, a bounded number of them.

A new PostgreSQL connection is a new server process that loads the catalogue of every table it touches:
measured on a back-office change (POST + page, ``tests/benchmarks/bench_seat_requests``) it cost more server
CPU than the application itself. So every database gets a small pool: ``SEAT_POOL`` kept connections
(opened when first needed; more while requests overlap, closed when given back), ``BUSY_POOL`` for the
databases every console request reads (grading). Engines are kept least recently used first, at most
``MAX_ENGINES`` per process (``$E5_PG_ENGINES``), and one idle for ``IDLE_SECONDS`` is disposed: a process
keeps at most MAX_ENGINES × SEAT_POOL idle connections, plus one per request running (README « PostgreSQL »).
Every engine shares one dialect and one compiled-statement cache, as the SQLite seats do
(``sandbox.db.engines``): the schema is the same, so a page's statements are compiled once for all seats.
"""

from __future__ import annotations

import os
import threading

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL
from sqlalchemy.util import LRUCache

# A candidate's requests rarely overlap, but a console stream woken by their commit reads the seat while
# the redirected page does: with one kept connection, that second one was opened and closed at each change
# (bench_academie --statements: 0,55 a change, ~17 ms of PostgreSQL processor each, 60 % of its share).
# Kept only once needed: a seat nobody streams holds one.
SEAT_POOL = 2
BUSY_POOL = 8  # grading: every console page and stream reads it
MAX_ENGINES = int(os.environ.get("E5_PG_ENGINES", "200"))  # per process: its share of the busy seats
ADMIN_POOL, ADMIN_OVERFLOW = 8, 56  # the maintenance engine: data versions, notifications, CREATE DATABASE
# The other engines of a process: the maintenance one, the logins one (4 kept + 16), the listener.
SHARED_CONNECTIONS = ADMIN_POOL + ADMIN_OVERFLOW + 20 + 1
IDLE_SECONDS = 600  # a seat nobody asked for in ten minutes gives its connection back to the server
SHARED_STATEMENTS = 3000

_shared_lock = threading.Lock()
_shared: dict[str, tuple] = {}  # per server address: (its dialect, one compiled-statement cache)


def open_pg_engine(url: URL, pool_size: int = SEAT_POOL) -> Engine:
    """A pooled engine on one PostgreSQL database, sharing the process's dialect and statement cache.

    ``pool_pre_ping``: a reset seat's database is swapped by renaming, its sessions ended by the server; a
    kept connection to it is found dead at checkout (one round trip) and replaced, never handed out.
    """
    engine = create_engine(url, pool_size=pool_size, max_overflow=-1, pool_pre_ping=True,
                           query_cache_size=0)
    server = url.set(database="").render_as_string(hide_password=False)
    with _shared_lock:
        if server not in _shared:
            with engine.connect():  # initialises this dialect (server version, flags) before anyone shares it
                pass
            _shared[server] = (engine.dialect, LRUCache(SHARED_STATEMENTS))
        dialect, cache = _shared[server]
    engine.dialect = dialect
    return engine.execution_options(compiled_cache=cache)


def process_connections(threads: int, engines: int = MAX_ENGINES) -> int:
    """At most how many connections one server process holds: kept seats (``engines``, $E5_PG_ENGINES),
    grading, the shared engines, and one more per request running (``e5 serve --threads``); max_connections
    must cover every process."""
    return engines * SEAT_POOL + BUSY_POOL + SHARED_CONNECTIONS + threads
