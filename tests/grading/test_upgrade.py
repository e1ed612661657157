"""`e5 upgrade` on a data folder made by the previous release (1a03002): everything survives, then works."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import stat
import tarfile
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from grading.app import create_app
from grading.cli import cli
from grading.db import GRADING_MIGRATIONS, grading_engine
from grading.upgrade import check_data_folder
from sandbox.db import migrate
from sandbox.db.storage import storage_for
from tests.conftest import POSTGRES, drop_data
from tests.grading.conftest import console_login

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "data-1a03002.tar.xz"
SEATS = ["s1-1", "s1-2", "s1-3"]
# On the PostgreSQL run the tests of the previous release's folder are skipped: that release only made
# SQLite folders. The two tests on a folder of this release run on both engines.
previous_release = pytest.mark.skipif(bool(POSTGRES), reason="release 1a03002 made SQLite data folders only")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """The fixture archive, extracted once for the module."""
    folder = tmp_path_factory.mktemp("old") / "data"
    with tarfile.open(FIXTURE) as archive:
        archive.extractall(folder, filter="data")
    return folder


@pytest.fixture
def old_data(extracted, tmp_path) -> Path:
    """A data folder made by release 1a03002: demo exam day, candidates' work, a mark, one archive."""
    return Path(shutil.copytree(extracted, tmp_path / "data"))


def _rows(path: Path) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(path)) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}


def _files(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _e5(data: Path, *args: str):
    return CliRunner().invoke(cli, ["--data", str(data), *args])


@previous_release
def test_commands_refuse_an_old_data_folder_until_it_is_upgraded(old_data):
    for command in (("seat", "list"), ("serve",), ("demo", "--no-serve"), ("context", "list")):
        refused = _e5(old_data, *command)
        assert refused.exit_code == 1, command
        assert "version précédente" in refused.output and "e5 upgrade" in refused.output, command
    done = _e5(old_data, "upgrade")
    assert done.exit_code == 0, done.output
    assert "6 base(s) mise(s) à jour" in done.output
    backups = list((old_data / "sauvegardes").iterdir())
    assert len(backups) == 1 and backups[0].name.startswith("avant-mise-a-jour-20")
    saved = sorted(str(p.relative_to(backups[0])) for p in backups[0].rglob("*.sqlite"))
    assert saved == ["grading.sqlite", *[f"seats/{s}.sqlite" for s in SEATS],
                     "templates/context-lin-et-nature.sqlite",
                     "templates/subject-ln-boutique-a-2026-12-06.sqlite"]
    assert migrate.revision(backups[0] / "grading.sqlite") is None  # the backup is the old database
    assert stat.S_IMODE((backups[0] / "grading.sqlite").stat().st_mode) == 0o600  # marks, account hashes
    again = _e5(old_data, "upgrade")
    assert again.exit_code == 0 and "déjà à jour" in again.output
    assert len(list((old_data / "sauvegardes").iterdir())) == 1  # nothing to back up the second time
    listed = _e5(old_data, "seat", "list")
    assert listed.exit_code == 0 and all(seat in listed.output for seat in SEATS)


@previous_release
def test_every_row_seat_and_evidence_survives(old_data):
    grading_before = _rows(old_data / "grading.sqlite")
    seats_before = {s: _rows(old_data / "seats" / f"{s}.sqlite") for s in SEATS}
    evidence_before = _files(old_data / "archives")
    assert evidence_before and grading_before["evidence"] and grading_before["grid_sheet"]
    assert _e5(old_data, "upgrade").exit_code == 0
    grading_after = _rows(old_data / "grading.sqlite")
    for table, rows in grading_before.items():
        if table == "centre_user":  # one column more (disabled_at), left empty
            assert [row[:-1] for row in grading_after[table]] == rows
            assert {row[-1] for row in grading_after[table]} == {None}
        else:
            assert grading_after[table] == rows, table
    for seat in SEATS:
        after = _rows(old_data / "seats" / f"{seat}.sqlite")
        for table, rows in seats_before[seat].items():
            assert len(after[table]) == len(rows), (seat, table)
        names = [row for row in after["product"] if row[0] == 1]
        assert f"(modifié par {seat})" in str(names)
    assert _files(old_data / "archives") == evidence_before  # proof stays as captured
    for database in (old_data / "grading.sqlite", old_data / "seats" / "s1-1.sqlite"):
        assert migrate.revision(database) == migrate.head(
            GRADING_MIGRATIONS if database.name == "grading.sqlite" else migrate.SEAT_MIGRATIONS)


@previous_release
def test_the_upgraded_folder_works(old_data):
    assert _e5(old_data, "upgrade").exit_code == 0
    check_data_folder(old_data)
    client = create_app(old_data, TESTING=True).test_client()
    seat_home = client.get("/s/s1-1/", follow_redirects=True)
    assert seat_home.status_code == 200
    shop = client.get("/s/s1-1/boutique/").get_data(as_text=True)
    menu = shop[shop.index('aria-label="Menu principal"'):]
    assert ">Linge de bain</a>" in menu[:menu.index("</nav>")]  # the menu the shop showed before
    password = (old_data / "demo-examiner-password.txt").read_text().strip()
    console_login(client, "examinateur", password)
    slot = client.get("/console/creneaux/1/")
    page = slot.get_data(as_text=True)
    assert slot.status_code == 200 and "DIALLO Awa" in page and "LAMBERT Camille" in page
    assert "Bonne maîtrise de la boutique." in page  # the examiner's appreciation, typed before
    assert "Preuves archivées le" in page and "poste.sqlite" in page  # the previous release's archive


@previous_release
def test_the_studio_drafts_and_versions_are_in_the_backup(old_data):
    draft, versions = old_data / "studio" / "0042beef", old_data / "studio-meta" / "0042beef" / "versions"
    for folder in (draft / "questions", versions):
        folder.mkdir(parents=True)
    (draft / "subject.toml").write_text('[subject]\nid = "ln-boutique-z"\n', encoding="utf-8")
    (draft / "questions" / "q1.md").write_text("Complétez la fiche produit.", encoding="utf-8")
    (versions / "1.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    assert _e5(old_data, "upgrade").exit_code == 0
    backup = next((old_data / "sauvegardes").iterdir())
    assert _files(backup / "studio") == _files(old_data / "studio")
    assert _files(backup / "studio-meta") == _files(old_data / "studio-meta")


@previous_release
def test_a_folder_from_a_newer_release_is_refused(old_data):
    assert _e5(old_data, "upgrade").exit_code == 0
    with closing(sqlite3.connect(old_data / "grading.sqlite")) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = 'r9999'")
    for args in (("seat", "list"), ("upgrade",)):
        result = _e5(old_data, *args)
        assert result.exit_code == 1 and "version plus récente" in result.output, args


def test_a_new_data_folder_is_at_the_latest_revision(data, seat):
    check_data_folder(data)
    seat_engine = storage_for(data).engine("seats", "poste-a")
    assert migrate.revision_of(seat_engine) == migrate.head(migrate.SEAT_MIGRATIONS)
    assert _e5(data, "upgrade").output.startswith("Le dossier des données est déjà à jour")


def test_upgrade_on_a_brand_new_folder_says_it_set_it_up(tmp_path):
    folder = tmp_path / "neuf"
    done = _e5(folder, "upgrade")
    assert done.exit_code == 0, done.output
    assert done.output.startswith(f"Nouveau dossier des données prêt : {folder}")
    assert ("PostgreSQL" in done.output) == bool(POSTGRES)
    assert "rien à faire" not in done.output and folder.is_dir()
    drop_data(folder)


def test_a_folder_made_between_two_releases_is_only_stamped(data, seat):
    # Today's schema, made before migrations (a development build between two releases).
    for engine in (grading_engine(data), storage_for(data).engine("seats", "poste-a")):
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        engine.dispose()
    assert "version précédente" in _e5(data, "seat", "list").output
    done = _e5(data, "upgrade")
    assert done.exit_code == 0, done.output
    check_data_folder(data)
    assert _e5(data, "seat", "list").exit_code == 0


@previous_release
def test_a_failed_migration_leaves_the_database_as_it_was(old_data):
    seat = old_data / "seats" / "s1-2.sqlite"
    with closing(sqlite3.connect(seat)) as conn, conn:
        conn.execute("CREATE TABLE cart_rule_restriction (id INTEGER PRIMARY KEY)")  # a half-made schema
    failed = _e5(old_data, "upgrade")
    assert failed.exit_code == 1 and "seats/s1-2.sqlite a échoué" in failed.output
    assert migrate.revision(seat) is None
    with closing(sqlite3.connect(seat)) as conn:
        assert "main_menu_item" not in {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "version précédente" in _e5(old_data, "seat", "list").output


def test_the_upgrade_backs_up_what_it_touches_first_and_says_so(data, seat):
    import subprocess

    storage = storage_for(data)
    with grading_engine(data).begin() as conn:  # a grading database from before migrations
        conn.exec_driver_sql("DROP TABLE alembic_version")
    done = _e5(data, "upgrade")
    assert done.exit_code == 0, done.output
    assert "Sauvegarde des bases" in done.output and "1 base(s) mise(s) à jour" in done.output
    [backup] = (data / "sauvegardes").iterdir()
    if POSTGRES:  # pg_dump's own archive, read back by pg_restore
        dump = backup / "grading.dump"
        assert stat.S_IMODE(dump.stat().st_mode) == 0o600
        listed = subprocess.run(["pg_restore", "--list", str(dump)], capture_output=True, text=True,
                                check=True)
        assert "TABLE DATA public centre_user" in listed.stdout
    else:
        assert migrate.revision(backup / "grading.sqlite") is None  # the database as it was
    assert storage.exists("seats", "poste-a")
