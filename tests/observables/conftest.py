"""One seat made once from the default context; each case runs on its own fresh copy of it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from tests.conftest import copy_data, drop_data

BASE = "obs-base"
CASE = "obs-case"


@pytest.fixture(scope="session")
def observed_data(installed_data, tmp_path_factory) -> Iterator[Path]:
    """A data folder holding one pristine seat of the default context, closed so it can be copied."""
    from sandbox.db.storage import storage_for
    from sandbox.seats import create_seat

    folder = copy_data(installed_data, tmp_path_factory.mktemp("obs") / "data")
    create_seat(folder, BASE)
    storage_for(folder).dispose("seats", BASE)  # last connection closed: the WAL is checkpointed
    yield folder
    drop_data(folder)


@pytest.fixture
def case_db(observed_data) -> Iterator[Session]:
    """A session on a fresh copy of the pristine seat (a file copy or a template database: isolated and
    cheap)."""
    from sandbox.db.storage import storage_for

    storage = storage_for(observed_data)
    storage.remove("seats", CASE)
    storage.copy("seats", BASE, "seats", CASE)
    with Session(storage.engine("seats", CASE)) as db:
        yield db
    storage.remove("seats", CASE)
