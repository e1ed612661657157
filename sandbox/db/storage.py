"""Where seat, template and grading databases live, behind one small interface.

SQLite is the embedded default (``storage_sqlite``: one file per database). A data folder can instead put
its databases on a PostgreSQL server (``storage_postgres``): ``e5 --database postgresql+psycopg://…`` or
``$E5_DATABASE`` records the server in ``<data>/database.json`` with a database-name prefix of its own, so
that every process opening the folder uses the same engine and folders sharing a server never meet.
Files (media, evidence, logins) stay in the data folder either way. Callers never build URLs or paths.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from pathlib import Path

from sandbox.db.storage_postgres import PostgresStorage
from sandbox.db.storage_sqlite import SQLiteStorage, backup_database
from sandbox.paths import write_private

__all__ = ["PostgresStorage", "SQLiteStorage", "StorageError", "backup_database", "copy_data_folder",
           "storage_for", "use_database"]

RECORD = "database.json"
ENV = "E5_DATABASE"

_storages: dict[Path, SQLiteStorage | PostgresStorage] = {}
_by_given: dict[str, SQLiteStorage | PostgresStorage] = {}
_lock = threading.Lock()


class StorageError(Exception):
    """The data folder cannot use that database server (message in French)."""


def is_postgres_url(url: str | None) -> bool:
    """Whether a --database / $E5_DATABASE value names a PostgreSQL server."""
    return bool(url) and url.split(":", 1)[0].split("+", 1)[0] in ("postgresql", "postgres")


def _normalise(url: str) -> str:
    scheme, rest = url.split(":", 1)
    return ("postgresql+psycopg" if scheme in ("postgresql", "postgres") else scheme) + ":" + rest


def _has_sqlite_databases(data: Path) -> bool:
    return (data / "grading.sqlite").exists() or any(
        any((data / kind).glob("*.sqlite")) for kind in ("templates", "seats")
    )


def _record(data: Path) -> dict | None:
    path = Path(data) / RECORD
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None


def _prefix(data: Path) -> str:
    # From the folder's path: two folders on one server get different prefixes; recorded, so moving
    # the folder keeps its databases.
    return "e5_" + hashlib.sha256(str(Path(data).resolve()).encode()).hexdigest()[:10]


def use_database(data: Path, url: str, library: str | None = None) -> None:
    """Record that a data folder keeps its databases on this server (refused once it has others);
    ``library``: the prefix of another folder whose templates it reads in place (a copied folder)."""
    data = Path(data)
    if not is_postgres_url(url):
        raise StorageError(f"Adresse de base de données non prise en charge : « {url} » "
                           "(attendu : postgresql://utilisateur@serveur:port/base).")
    url = _normalise(url)
    record = _record(data)
    if record is not None:
        if record["url"] != url:
            raise StorageError(f"Ce dossier de données utilise déjà un autre serveur PostgreSQL "
                               f"({make_safe(record['url'])}) : gardez la même adresse.")
        return
    if _has_sqlite_databases(data):
        raise StorageError("Ce dossier de données a déjà ses bases SQLite : utilisez un nouveau dossier "
                           "(--data) pour PostgreSQL.")
    data.mkdir(parents=True, exist_ok=True)
    record = {"url": url, "prefix": _prefix(data)} | ({"library": library} if library else {})
    write_private(data / RECORD, json.dumps(record, indent=2) + "\n")
    with _lock:
        _storages.pop(data.resolve(), None)
        _by_given.clear()


def make_safe(url: str) -> str:
    """A server address without its password, to show."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def storage_for(data: Path) -> SQLiteStorage | PostgresStorage:
    """The storage of a data folder (one instance per folder and process).

    A new folder (no database yet) with ``$E5_DATABASE`` set is recorded on that server first.
    """
    given = str(data)
    storage = _by_given.get(given)  # resolving the path is a few system calls: once per absolute path
    if storage is not None:
        return storage
    key = Path(data).resolve()
    with _lock:
        storage = _storages.get(key)
    if storage is not None:
        if Path(data).is_absolute():
            _by_given[given] = storage
        return storage
    record = _record(key)
    env = os.environ.get(ENV)
    if record is None and is_postgres_url(env) and not _has_sqlite_databases(key):
        use_database(key, env)
        record = _record(key)
    storage = PostgresStorage(key, record["url"], record["prefix"], record.get("library")) if record \
        else SQLiteStorage(key)
    with _lock:
        return _storages.setdefault(key, storage)


def copy_data_folder(source: Path, target: Path) -> None:
    """Copy a whole data folder, its databases included.

    On PostgreSQL the copy gets a prefix of its own; its seats and grading database are copied, while
    the source's templates (immutable once published) are read in place until the copy installs its own.
    """
    source, target = Path(source), Path(target)
    shutil.copytree(source, target)
    record = _record(source)
    if record is None:
        return
    (target / RECORD).unlink()
    old = storage_for(source)
    # A copy of a copy reads the same library, and gets its source's own templates copied.
    use_database(target, record["url"], library=old.library or old.prefix)
    new = storage_for(target)
    templates = old.database_name("templates", "")
    for database in old.all_databases():
        if database.startswith(templates) and not old.library:
            continue
        if database.startswith((f"{old.prefix}_p_", f"{old.prefix}_x_")):
            continue  # spares and set-aside copies: the copy makes its own spares
        with old.admin.connect() as conn:
            name = conn.exec_driver_sql(
                "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %(d)s",
                {"d": database}).scalar()
        copied = new.prefix + database[len(old.prefix):]
        new.create_database(copied, name, template=database)
