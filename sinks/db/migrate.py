"""Bringing a database to the latest schema revision, safely from several processes.

The revisions live in `sinks/db/migrations`, shipped with the package, and run
through alembic's API, so no alembic.ini is needed wherever the user stands.
Each upgrade runs in one transaction that first takes a lock (an advisory lock
on PostgreSQL, the database write lock on SQLite), so two pipelines starting
together migrate once and the second sees the result.
"""
from __future__ import annotations

import zlib
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
LOCK_KEY = zlib.crc32(b"sinks.db.migrate")  # one advisory-lock id for this project's schema


def alembic_config(connection: sa.Connection | None = None) -> Config:
    config = Config()
    # configparser interpolates '%', which a path may contain
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: sa.Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


def _lock(connection: sa.Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
    # SQLite: the transaction began with BEGIN IMMEDIATE, which already excludes writers.


def ensure_schema(engine: sa.Engine) -> str:
    """Upgrade to the head revision if needed; returns the revision the database is at."""
    head = head_revision()
    with engine.begin() as connection:
        _lock(connection)
        if current_revision(connection) != head:
            command.upgrade(alembic_config(connection), "head")
    return head


def new_revision(engine: sa.Engine, message: str) -> None:
    """For developers: autogenerate a revision from the difference to `schema.metadata`."""
    with engine.begin() as connection:
        command.revision(alembic_config(connection), message=message, autogenerate=True)
