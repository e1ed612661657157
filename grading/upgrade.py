"""`e5 upgrade`: bring every database of a data folder to this release's schema, after a dated backup.

A data folder holds the grading database and the seat and template databases; each records its schema
revision (Alembic). Every other command refuses a folder where one of them is older (run ``e5 upgrade``)
or newer (a later release made it). Evidence archives are left as captured: they are proof, not live data.
The studio's drafts and versions (plain files) are copied into the same backup, as they are.
"""

from __future__ import annotations

import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import MetaData
from sqlalchemy.exc import SQLAlchemyError

from grading.db import GRADING_DATABASE, GRADING_MIGRATIONS, GradingBase
from sandbox.db import migrate
from sandbox.db.base import Base
from sandbox.db.storage import backup_database, storage_for
from sandbox.login_store import LOGINS_DATABASE, LOGINS_MIGRATIONS
from sandbox.paths import private_file
from sandbox.subjects.studio.draft import META as STUDIO_META
from sandbox.subjects.studio.draft import STUDIO

BACKUPS = "sauvegardes"
# Databases read at once on a server: each check is a connection round trip, and a folder of an académie
# holds hundreds of seats (read one by one, `e5 serve` took longer to start than a supervisor waits).
PARALLEL_CHECKS = 8


class DataFolderError(Exception):
    """The data folder cannot be used by this release (message in French)."""


@dataclass(frozen=True)
class Database:
    """One database of a data folder and the migration folder of its schema.

    ``path`` is the SQLite file; on PostgreSQL it is only the name shown (``<kind>/<name>``) and
    ``server`` holds (kind, name) in the folder's storage.
    """

    path: Path
    migrations: Path
    server: tuple[str, str] | None = None

    def metadata(self) -> MetaData:
        """The tables this release expects in that database."""
        if self.migrations == GRADING_MIGRATIONS:
            from grading import models, models_practice  # noqa: F401  (registers every grading table)

            return GradingBase.metadata
        if self.migrations == LOGINS_MIGRATIONS:
            from sandbox import login_store

            return login_store.metadata
        import sandbox.models  # noqa: F401  (registers every seat table)

        return Base.metadata

    def _engine(self, data: Path):
        return storage_for(data).engine(*self.server)

    def revision(self, data: Path) -> str | None:
        """The revision stored in the database (None: made before migrations)."""
        return migrate.revision_of(self._engine(data)) if self.server else migrate.revision(self.path)

    def state(self, data: Path) -> tuple[str | None, bool]:
        """(stored revision, whether it holds any table), reading the database once."""
        if self.server:
            return storage_for(data).schema_state(*self.server)
        current = migrate.revision(self.path)
        return current, current is not None or migrate.has_tables(self.path)

    def has_tables(self, data: Path) -> bool:
        """Whether the database holds any table (an empty one is created on first use, not migrated)."""
        return migrate.has_tables_of(self._engine(data)) if self.server else migrate.has_tables(self.path)

    def backup(self, data: Path, target: Path) -> None:
        """Keep a copy before migrating: the SQLite file; on PostgreSQL a pg_dump archive, or a portable
        SQLite snapshot of its tables where no pg_dump is installed."""
        if self.server:
            storage = storage_for(data)
            if storage.dump(*self.server, target) is None:
                storage.snapshot(*self.server, private_file(target.with_suffix(".sqlite")), self.metadata())
        else:
            # Consistent even with a WAL file beside it; private like the data it copies (marks, hashes).
            backup_database(self.path, private_file(target))

    def upgrade(self, data: Path) -> None:
        """Migrate the database to this release's schema in one transaction."""
        if self.server:
            migrate.upgrade_engine(self._engine(data), self.migrations, self.metadata())
        else:
            migrate.upgrade(self.path, self.migrations, self.metadata())


def databases(data: Path) -> list[Database]:
    """Every live database of a data folder: grading, (logins on PostgreSQL), templates, seats."""
    data = Path(data)
    storage = storage_for(data)
    if storage.dialect != "sqlite":
        found = [Database(data / "grading", GRADING_MIGRATIONS, GRADING_DATABASE)] \
            if storage.exists(*GRADING_DATABASE) else []
        if storage.exists(*LOGINS_DATABASE):  # on SQLite, logins.sqlite is not versioned (made on first use)
            found.append(Database(data / "logins", LOGINS_MIGRATIONS, LOGINS_DATABASE))
        return found + [Database(data / kind / name, migrate.SEAT_MIGRATIONS, (kind, name))
                        for kind in ("templates", "seats") for name in storage.names(kind)]
    found = []
    if (data / "grading.sqlite").exists():
        found.append(Database(data / "grading.sqlite", GRADING_MIGRATIONS))
    for kind in ("templates", "seats"):
        folder = data / kind
        if folder.exists():
            found += [Database(path, migrate.SEAT_MIGRATIONS) for path in sorted(folder.glob("*.sqlite"))]
    return found


def _split(data: Path) -> tuple[list[Database], list[Database]]:
    """(older databases, databases from a newer release)."""
    heads = {location: migrate.head(location)
             for location in (GRADING_MIGRATIONS, LOGINS_MIGRATIONS, migrate.SEAT_MIGRATIONS)}
    known = {location: migrate.known_revisions(location) for location in heads}
    older, newer = [], []
    found = databases(data)
    with ThreadPoolExecutor(PARALLEL_CHECKS if storage_for(data).dialect != "sqlite" else 1) as pool:
        states = list(pool.map(lambda database: database.state(data), found))
    for database, (current, tables) in zip(found, states, strict=True):
        if current == heads[database.migrations]:
            continue
        if current is None and not tables:
            continue  # an empty file: its tables are created on first use
        if current is None or current in known[database.migrations]:
            older.append(database)
        else:
            newer.append(database)
    return older, newer


def _newer_message(newer: list[Database]) -> str:
    return (f"Ce dossier de données a été créé par une version plus récente d'E5 Sandbox "
            f"({newer[0].path.name}, …) : installez cette version ou une plus récente pour l'utiliser.")


def check_data_folder(data: Path) -> None:
    """Refuse a data folder that this release cannot use as it is (DataFolderError, in French)."""
    older, newer = _split(data)
    if newer:
        raise DataFolderError(_newer_message(newer))
    if older:
        raise DataFolderError(
            f"Ce dossier de données vient d'une version précédente d'E5 Sandbox ({len(older)} base(s) à "
            f"mettre à jour) : lancez d'abord « e5 upgrade » (une sauvegarde est faite avant).")


def upgrade_data_folder(data: Path, progress=None, now: datetime | None = None) -> tuple[int, Path | None]:
    """Back up then migrate every older database; returns (databases upgraded, backup folder or None)."""
    progress = progress or (lambda *args: None)
    older, newer = _split(data)
    if newer:
        raise DataFolderError(_newer_message(newer))
    if not older:
        return 0, None
    stamp = (now or datetime.now()).strftime("%Y-%m-%d-%H%M%S")
    backup = Path(data) / BACKUPS / f"avant-mise-a-jour-{stamp}"
    for done, database in enumerate(older):
        progress("Sauvegarde des bases", done, len(older))
        target = backup / database.path.relative_to(data)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            database.backup(data, target)
        except RuntimeError as exc:  # pg_dump refused: nothing was migrated yet
            raise DataFolderError(f"Sauvegarde impossible, rien n'a été mis à jour : {exc}") from exc
    for folder in (STUDIO, STUDIO_META):  # the studio's drafts and their versions: files, copied as they are
        if (Path(data) / folder).is_dir():
            shutil.copytree(Path(data) / folder, backup / folder, ignore=shutil.ignore_patterns("lock"))
    progress("Sauvegarde des bases", len(older), len(older))
    for done, database in enumerate(older):
        progress("Mise à jour des bases", done, len(older))
        try:
            database.upgrade(data)
        except SQLAlchemyError as exc:  # each database is migrated in one transaction: this one is intact
            raise DataFolderError(
                f"La mise à jour de {database.path.relative_to(data)} a échoué, cette base est restée "
                f"telle quelle ({exc.__class__.__name__} : {getattr(exc, 'orig', exc)}). "
                f"Sauvegarde d'avant la mise à jour : {backup}"
            ) from exc
    progress("Mise à jour des bases", len(older), len(older))
    return len(older), backup
