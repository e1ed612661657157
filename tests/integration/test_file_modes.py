"""Files holding secrets are private: the data folder 0700; keys, passwords, seat cards and marks 0600."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from grading.cli import cli
from grading.demo import DEMO_SUBJECT
from tests.conftest import DEFAULT_CONTEXT, POSTGRES, copy_data


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def loose_umask():
    """The usual umask (022) that leaves new files readable by every account of the machine."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def test_context_install_creates_a_private_data_folder(tmp_path, loose_umask):
    data = tmp_path / "e5-data"
    result = CliRunner().invoke(cli, ["--data", str(data), "context", "install", str(DEFAULT_CONTEXT)])
    assert result.exit_code == 0, result.output
    assert _mode(data) == 0o700


def test_admin_create_and_demo_keep_secrets_private(installed_data, tmp_path, loose_umask):
    data = copy_data(installed_data, tmp_path / "data")
    # On PostgreSQL the marks live on the server; the folder's secret there is the server's address.
    grading = data / ("database.json" if POSTGRES else "grading.sqlite")
    command = ["admin", "create", "mme-martin", "--role", "examiner", "--password", "un-mot-de-passe-long"]
    made = CliRunner().invoke(cli, ["--data", str(data), *command])
    assert made.exit_code == 0, made.output
    assert _mode(grading) == 0o600
    if not (DEMO_SUBJECT / "subject.toml").exists():
        pytest.skip("shipped subject ln-boutique-a not there")
    demo = CliRunner().invoke(cli, ["--data", str(data), "demo", "--no-serve"])
    assert demo.exit_code == 0, demo.output
    private = [grading, data / "demo-admin-password.txt", data / "demo-examiner-password.txt",
               *sorted((data / "seats").glob("*.json"))]
    assert len(private) > 3
    assert {p.name: _mode(p) for p in private} == {p.name: 0o600 for p in private}
    assert all(_mode(p) & 0o077 == 0 for p in data.glob("grading.sqlite*"))


def test_secret_key_is_private_from_its_creation(tmp_path, loose_umask):
    from grading.app import create_app

    data = tmp_path / "fresh"
    create_app(data, TESTING=True)
    assert _mode(data) == 0o700 and _mode(data / "secret_key") == 0o600


def test_the_logins_database_and_its_journal_are_private(data, loose_umask):
    from sandbox.login_store import FILE, logins_db

    with logins_db(data) as conn:
        conn.execute("SELECT COUNT(*) FROM login_session")  # a read opens the write-ahead log
        files = sorted(data.glob(f"{FILE}*"))
        if POSTGRES:  # the logins database is on the server: no file of it may sit in the folder
            assert files == []
            return
        assert len(files) >= 2, files  # the database and its write-ahead log
        assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}
