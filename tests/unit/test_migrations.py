"""The migration scripts build exactly the schema of the models: a model change needs its migration."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine

import grading.models  # noqa: F401  (registers every grading table)
import grading.models_practice  # noqa: F401
import sandbox.models  # noqa: F401  (registers every seat table)
from grading.db import GRADING_MIGRATIONS, GradingBase
from sandbox import login_store
from sandbox.db import migrate
from sandbox.db.base import Base


@pytest.mark.parametrize(
    ("location", "metadata"),
    [(migrate.SEAT_MIGRATIONS, Base.metadata), (GRADING_MIGRATIONS, GradingBase.metadata),
     (login_store.LOGINS_MIGRATIONS, login_store.metadata)],
    ids=["seat", "grading", "logins"],
)
def test_the_migrations_from_scratch_give_the_models_schema(tmp_path, location, metadata):
    path = tmp_path / "db.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(location))
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    with engine.connect() as conn:
        # Fails when a model changed without a migration: add one under that folder (see r0002_issue_12.py).
        assert migrate.matches(conn, metadata)
    assert migrate.revision(path) == migrate.head(location)
    engine.dispose()
