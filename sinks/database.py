"""Loading a run into SQLite (`DIR/ingest.db`) or PostgreSQL, idempotently.

    counts = write_run("out/ingest.db", files, pages, documents)
    counts = write_run("postgresql://user@host/db", files, pages, documents,
                       BatchView(files, groups, tracker, merged))

Ids are derived from content (see `sinks.ids`), and every row is upserted, so
loading the same run twice changes nothing. Each input path is loaded in its
own transaction: a crash leaves every document either fully old or fully new.
The pages and records given for a path are taken as the whole truth about it:
rows of its document that they no longer contain are deleted.

The batch view (document groups, tracker, merged mentions) is loaded after the
files, in one more transaction. Its deletion rule: a tracker or merged-mention
row that the run no longer produces is deleted only if every one of its
`sources` is a path of this run, i.e. it came from this run's files alone; rows
that other runs' files vouch for are left to them. A document's group row is
replaced by the last run that read it. (Details in `sinks.db.writer`.)
"""
from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import URL

from ingest.errors import DatabaseError
from schemas.page import FileRecord, Page
from schemas.records import DocumentRecords
from sinks.db import migrate, schema, writer
from sinks.db.engine import connect
from sinks.db.rows import BatchView, Unit, group_units

__all__ = ["BatchView", "Database", "DatabaseError", "connect", "ensure_schema", "row_counts", "write_run",
           "write_units", "write_view"]

log = logging.getLogger(__name__)

ATTEMPTS = 5
# PostgreSQL may abort one of two transactions that lock the same rows in
# opposite orders (two runs swapping the contents of two paths at once);
# running it again, after a short random pause, is then correct.
RETRYABLE = {"40P01", "40001"}  # deadlock_detected, serialization_failure


def ensure_schema(engine: sa.Engine) -> str:
    """Create or upgrade the schema (safe to call from several processes at once)."""
    try:
        return migrate.ensure_schema(engine)
    except sa.exc.SQLAlchemyError as exc:
        raise DatabaseError(f"cannot migrate {_safe(engine.url)}: {exc}") from exc


def row_counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {table.name: connection.scalar(sa.select(sa.func.count()).select_from(table))
                for table in schema.ALL}


def write_units(engine: sa.Engine, units: Iterable[Unit]) -> None:
    for unit in units:
        _in_transaction(engine, lambda connection, unit=unit: writer.write_unit(connection, unit), unit.path)


def write_view(engine: sa.Engine, view: BatchView) -> None:
    _in_transaction(engine, lambda connection: writer.write_view(connection, view))


def write_run(url: str | Path | URL | sa.Engine, files: list[FileRecord], pages: Iterable[Page],
              documents: list[DocumentRecords], view: BatchView | None = None) -> dict[str, int]:
    """Load one run, then its batch view if given; returns the row count of every table afterwards.

    A file that cannot be loaded stops the load with a DatabaseError naming it;
    the files before it stay loaded, and nothing of it is kept.
    """
    engine = url if isinstance(url, sa.Engine) else _engine(url)
    try:
        ensure_schema(engine)
        write_units(engine, group_units(files, pages, documents))
        if view is not None:
            write_view(engine, view)
        return row_counts(engine)
    except sa.exc.SQLAlchemyError as exc:
        raise DatabaseError(f"{_safe(engine.url)}: {exc}") from exc
    finally:
        if engine is not url:
            engine.dispose()


class Database:
    """One database for a run: opened and migrated once, loaded file by file, then the batch view.

    Loading each file as soon as it is finished keeps the load off the end of
    the run and commits every finished file, one transaction each.
    """

    def __init__(self, url: str | Path | URL):
        self.engine = _engine(url)
        ensure_schema(self.engine)

    def write_file(self, file: FileRecord, pages: Iterable[Page], document: DocumentRecords | None) -> None:
        """One file; `pages` a list, or a `sinks.jsonl.JsonlFile` of them, read as they are written
        (again if the transaction is retried) so that a long file's pages are not all held at once."""
        try:
            write_units(self.engine, [Unit(file.path, file=file, pages=pages, records=document)])
        except sa.exc.SQLAlchemyError as exc:
            raise DatabaseError(f"{_safe(self.engine.url)}: {exc}", path=file.path) from exc

    def write_batch(self, view: BatchView) -> None:
        """The batch-level tables, once every file of the batch is loaded."""
        try:
            write_view(self.engine, view)
        except sa.exc.SQLAlchemyError as exc:
            raise DatabaseError(f"{_safe(self.engine.url)}: batch tables: {exc}") from exc

    def counts(self) -> dict[str, int]:
        return row_counts(self.engine)

    def close(self) -> None:
        self.engine.dispose()


def _engine(url: str | Path | URL) -> sa.Engine:
    try:
        return connect(url)
    except sa.exc.SQLAlchemyError as exc:  # a malformed URL or an unknown driver
        hidden = re.sub(r"//[^/@]*@", "//***@", str(url))  # the URL may hold a password
        raise DatabaseError(f"cannot open database {hidden}: {exc}") from exc


Work = Callable[[sa.Connection], None]


def _in_transaction(engine: sa.Engine, work: Work, path: str | None = None) -> None:
    """Run `work` in one transaction; `path` names the input it loads (None: the batch tables)."""
    what = "" if path else " the batch tables"
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with engine.begin() as connection:
                work(connection)
            return
        except sa.exc.DBAPIError as exc:
            if attempt < ATTEMPTS and _sqlstate(exc) in RETRYABLE:
                log.info("retrying %s after %s", path or "the batch tables", _sqlstate(exc))
                time.sleep(random.uniform(0, 0.1 * attempt))
                continue
            raise DatabaseError(f"cannot load{what}: {exc.orig}", path=path) from exc


def _sqlstate(exc: sa.exc.DBAPIError) -> str | None:
    return getattr(exc.orig, "sqlstate", None)


def _safe(url: URL) -> str:
    return url.render_as_string(hide_password=True)
