"""Opening either database: a path or sqlite:// URL, or a postgresql:// URL."""
from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL, make_url

from sinks.jsonl import new_file

SQLITE_BUSY_SECONDS = 60  # how long a writer waits for another process's transaction


def database_url(url: str | Path | URL) -> URL:
    """A plain path means SQLite; postgres URLs get the psycopg 3 driver."""
    if isinstance(url, URL):
        return url
    text = str(url)
    if "://" not in text:
        path = Path(text).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        return URL.create("sqlite", database=str(path))
    parsed = make_url(text)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def connect(url: str | Path | URL) -> sa.Engine:
    """An engine whose transactions are safe for several writing processes."""
    parsed = database_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return sa.create_engine(parsed, pool_pre_ping=True)


def _create_database_file(url: URL) -> None:
    """Create the file as the user's other files (SQLite alone makes it 0644 less the umask).

    Its -wal and -shm files then follow: SQLite gives them the database file's mode.
    An empty file is an empty database.
    """
    if not url.database or url.database == ":memory:":
        return
    try:
        os.close(new_file(Path(url.database)))
    except OSError:  # there already, or unusable: SQLite opens it next and reports any problem
        pass


def _switch_to_wal(cursor: sqlite3.Cursor) -> None:
    """Switching the journal needs the file to itself for a moment; SQLite answers
    "database is locked" at once, without waiting out the busy timeout, while another
    process is opening or switching the same new file, so wait for it here."""
    deadline = time.monotonic() + SQLITE_BUSY_SECONDS
    while True:
        try:
            cursor.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _sqlite_engine(url: URL) -> sa.Engine:
    _create_database_file(url)
    engine = sa.create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")  # off by default; cascades need it
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_SECONDS * 1000}")
        _switch_to_wal(cursor)  # readers do not block the writer
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection):
        # Take the write lock up front: a deferred transaction that reads and then
        # writes can fail with "database is locked" instead of waiting its turn.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine
