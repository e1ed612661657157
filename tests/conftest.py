"""Shared fixtures: a data folder with the default context installed once per run, seats, apps, clients."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTEXT = ROOT / "contexts" / "lin-et-nature"


@pytest.fixture(scope="session")
def installed_data(tmp_path_factory) -> Path:
    """A data folder where the default context is installed (once for the whole run)."""
    from sandbox.packs.install import install_context

    data = tmp_path_factory.mktemp("e5-data")
    install_context(data, DEFAULT_CONTEXT)
    return data


@pytest.fixture
def data(installed_data, tmp_path) -> Path:
    """A fresh data folder for one test, holding a copy of the installed templates (no re-seed)."""
    folder = tmp_path / "data"
    shutil.copytree(installed_data, folder)
    return folder


@pytest.fixture
def seat(data):
    """A seat created from the default context."""
    from sandbox.seats import create_seat

    return create_seat(data, "poste-a")


@pytest.fixture
def app(data):
    """The whole server application (seats and console) on the test's data folder, CSRF on."""
    from grading.app import create_app

    return create_app(data, TESTING=True)


@pytest.fixture
def client(app):
    """A Flask test client (CSRF stays on: tests post the token they read from the form)."""
    return app.test_client()
