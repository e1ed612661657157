"""Alembic environment of the seat and template schema (run by sandbox.db.migrate)."""

from alembic import context

from sandbox.db.migrate import run_migrations

run_migrations(context)
