"""Which databases a data folder has on a PostgreSQL server, under which names.

Every database name starts with the folder's prefix, then one letter per kind: ``<prefix>_<kind>_<name>``
(names longer than PostgreSQL's 63 bytes shortened with a hash), and the name the application uses is kept
as the database's comment. Whether a database exists is asked on every seat request: the answers are kept
until the folder's catalogue changes (a database made, dropped or renamed, by any process: ``pg_notify``).
"""

from __future__ import annotations

import hashlib
import threading

from sqlalchemy import Engine, text

from sandbox.db import pg_notify
from sandbox.db.pg_notify import CATALOGUE
from sandbox.db.pg_versions import DataVersions

# One letter per kind keeps names short; any other kind (a scratch copy) uses its first three letters.
KINDS = {"templates": "t", "seats": "s", "staging": "w", "grading": "g", "dry": "d"}
MAX_NAME = 63


class FolderCatalogue:
    """The names of one data folder's databases (``prefix``), and of the templates of its ``library``."""

    def __init__(self, admin: Engine, versions: DataVersions, prefix: str, library: str | None = None):
        self.admin, self.versions = admin, versions
        self.prefix, self.library = prefix, library
        self._lock = threading.Lock()
        self._known: dict[str, tuple[tuple[int, int, int] | None, bool]] = {}  # see _has

    def database_name(self, kind: str, name: str, prefix: str | None = None) -> str:
        """The server-side name of one database of this data folder (or of another prefix)."""
        full = f"{prefix or self.prefix}_{KINDS.get(kind, kind[:3])}_{name}"
        if len(full.encode()) > MAX_NAME:
            full = full[:MAX_NAME - 9] + "_" + hashlib.sha256(full.encode()).hexdigest()[:8]
        return full

    def _has(self, database: str) -> bool:
        """Whether the server has that database; this folder's answers are kept until its catalogue
        changes (every seat request asks: no round trip while no database was made or dropped)."""
        own = database.startswith(self.prefix + "_")
        version = self.versions.version(CATALOGUE) if own else None
        with self._lock:
            known = self._known.get(database)
        if known is not None and known[0] == version:
            return known[1]
        with self.admin.connect() as conn:
            found = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": database})
            found = found.first() is not None
        if own:  # read before asking: a change made meanwhile moves the version, and is asked again
            with self._lock:
                self._known[database] = (version, found)
        return found

    def _catalogue_changed(self) -> None:
        """A database of this folder was made, dropped or renamed: every process asks the server again."""
        self.versions.committed(CATALOGUE)
        pg_notify.notify(self.admin, self.prefix, CATALOGUE)

    def _resolve(self, kind: str, name: str) -> str:
        """The database read under that name: this folder's own, else a template of its library."""
        own = self.database_name(kind, name)
        if kind != "templates" or not self.library or self._has(own):
            return own
        shared = self.database_name(kind, name, self.library)
        return shared if self._has(shared) else own

    def exists(self, kind: str, name: str) -> bool:
        """Whether that database exists."""
        return self._has(self._resolve(kind, name))

    def names(self, kind: str) -> list[str]:
        """Names of the databases of one kind, sorted (read from their comments)."""
        prefixes = [self.prefix] + ([self.library] if self.library and kind == "templates" else [])
        found: set[str] = set()
        with self.admin.connect() as conn:
            for prefix in prefixes:
                start = f"{prefix}_{KINDS.get(kind, kind[:3])}_"
                found.update(conn.execute(text(
                    "SELECT shobj_description(oid, 'pg_database') FROM pg_database "
                    "WHERE left(datname, :n) = :s"), {"n": len(start), "s": start}).scalars())
        return sorted(name for name in found if name)

    def all_databases(self) -> list[str]:
        """Every server-side database of this data folder."""
        with self.admin.connect() as conn:
            return list(conn.execute(text("SELECT datname FROM pg_database WHERE left(datname, :n) = :s"),
                                     {"n": len(self.prefix) + 1, "s": self.prefix + "_"}).scalars())
