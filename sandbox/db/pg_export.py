"""A PostgreSQL database written out to a file: a ``pg_dump`` archive (backups before an upgrade), or a
portable SQLite file (evidence snapshots: the seat's rows copied table by table through SQLAlchemy, no
pg_dump needed, so that an archive reads the same whatever the engine)."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
from pathlib import Path

from sqlalchemy import Engine, MetaData, create_engine, inspect, select
from sqlalchemy.engine import URL

from sandbox.db.base import Base
from sandbox.paths import private_file


def _major(path: str) -> int:
    """The major version in /usr/lib/postgresql/<major>/bin/… (Debian's layout), to pick the newest."""
    return int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0


def pg_dump(url: URL, database: str, target: Path, label: str) -> Path | None:
    """``pg_dump --format=custom`` of one database into ``target`` + ``.dump`` (restored with
    ``pg_restore``); None when no pg_dump is installed here (the caller keeps a SQLite snapshot)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"), key=_major) or [shutil.which("pg_dump")]
    if found[-1] is None:
        return None
    out = private_file(target.with_name(target.name + ".dump"))  # marks, account hashes: owner only
    address = url.set(drivername="postgresql", database=database, password=None)
    # The password through the environment: a command line is readable by every account (ps).
    secret = {"PGPASSWORD": url.password} if url.password else {}
    done = subprocess.run(  # noqa: S603 — our own pg_dump, arguments as a list, no shell
        [found[-1], "--format=custom", "--no-owner", "--file", str(out), "--dbname",
         address.render_as_string(hide_password=False)],
        capture_output=True, text=True, check=False, env={**os.environ, **secret})
    if done.returncode:
        raise RuntimeError(f"pg_dump de {label} a échoué : {done.stderr.strip()}")
    return out


def sqlite_snapshot(source: Engine, target: Path, metadata: MetaData | None = None) -> None:
    """Write the database to a portable SQLite file: every table of ``metadata`` (the seat tables unless
    told), row by row, and the schema revision."""
    import sandbox.models  # noqa: F401  (registers every seat table)

    metadata = metadata if metadata is not None else Base.metadata
    dst = create_engine(f"sqlite:///{target}")
    try:
        metadata.create_all(dst)
        with source.connect() as src, dst.begin() as out:
            for table in metadata.sorted_tables:
                result = src.execute(select(table).order_by(*table.primary_key.columns))
                while rows := result.mappings().fetchmany(2000):
                    out.execute(table.insert(), [dict(row) for row in rows])
            if inspect(src).has_table("alembic_version"):  # the schema revision travels with the rows
                revision = src.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
                out.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
                out.exec_driver_sql("INSERT INTO alembic_version VALUES (?)", (revision,))
    finally:
        dst.dispose()
