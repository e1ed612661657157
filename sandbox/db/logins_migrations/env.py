"""Alembic environment of the logins database on PostgreSQL (run by sandbox.db.migrate)."""

from alembic import context

from sandbox.db.migrate import run_migrations

run_migrations(context)
