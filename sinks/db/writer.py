"""Loading one input path in one transaction: its content, its records, its file row.

Order matters for concurrent writers. On PostgreSQL the path is locked first
(an advisory lock, which works before its row exists), so two loads of one path
take turns. The document row is upserted next, which locks it until commit, so
two paths with the same content take turns too and the second replaces the
first's children wholesale instead of mixing with them. Last, the path's row is
pointed at the new content and the content it held before is dropped unless
another path still holds it. (SQLite needs none of this: BEGIN IMMEDIATE lets
one writer in at a time.)

The batch view (`write_view`) comes after the batch's files, in one
transaction of its own. Its rows span documents and several runs may feed one
database, so a run replaces only what it owns:

- `document_groups`: the row of each document the run grouped is upserted; a
  document the run read but did not group (its extraction failed) loses its
  row; a document deleted takes its row with it (foreign key, cascade).
- `tracker`, `merged_mentions`: every row the run produces is upserted; a row
  it no longer produces is deleted only when every one of its `sources` is a
  path of this run, that is, when it came from this run's files alone. Rows
  another run also vouches for stay, so two runs over different folders keep
  each other's rows, and a re-run changes nothing.

Rows are written table by table in key order, so two runs writing at once
take their row locks in the same order.
"""
from __future__ import annotations

import functools
import hashlib
import itertools
from collections.abc import Iterable, Iterator

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from sinks.db import rows as rowmaker
from sinks.db import schema
from schemas.page import Page
from sinks.db.rows import BatchView, Row, Unit

PATH_LOCKS = 0x5349_4E4B  # advisory-lock namespace of input paths ("SINK")
CHUNK = 500  # ids per DELETE ... IN (...): well under every driver's parameter limit
PAGE_CHUNK = 16  # pages made into rows and upserted at a time


def upsert(connection: sa.Connection, table: sa.Table, rows: list[Row]) -> None:
    """INSERT ... ON CONFLICT (primary key) DO UPDATE, in the dialect's own syntax."""
    if rows:
        connection.execute(_upsert_statement(connection.dialect.name, table), rows)


@functools.cache
def _upsert_statement(dialect: str, table: sa.Table) -> sa.Insert:
    # Built once per table: making `excluded` copies every column, which cost more than the rows.
    insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)
    keys = [column.name for column in table.primary_key]
    changes = {c.name: insert.excluded[c.name] for c in table.columns if c.name not in keys}
    return insert.on_conflict_do_update(index_elements=keys, set_=changes)


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(values), CHUNK):
        yield values[i:i + CHUNK]


def _key(table: sa.Table) -> sa.Column:
    return next(iter(table.primary_key))


def _delete_ids(connection: sa.Connection, table: sa.Table, stale: list[str]) -> None:
    for chunk in _chunks(stale):
        connection.execute(table.delete().where(_key(table).in_(chunk)))


def replace_children(connection: sa.Connection, table: sa.Table, document_id: str,
                     rows: list[Row]) -> None:
    """Make the document's rows in `table` exactly `rows`: upsert them, delete the rest."""
    existing = connection.scalars(sa.select(table.c.id).where(table.c.document_id == document_id))
    keep = {row["id"] for row in rows}
    _delete_ids(connection, table, sorted(set(existing) - keep))
    upsert(connection, table, _in_key_order(table, rows))


def _in_key_order(table: sa.Table, rows: Iterable[Row]) -> list[Row]:
    """One row per key (the last; a statement may not upsert one key twice on PostgreSQL),
    sorted, so that concurrent writers lock rows in one order."""
    name = _key(table).name
    by_key = {row[name]: row for row in rows}
    return [by_key[key] for key in sorted(by_key)]


def lock_path(connection: sa.Connection, path: str) -> None:
    """Hold the path until commit; paths whose 32-bit hashes collide merely wait for each other."""
    if connection.dialect.name != "postgresql":
        return
    key = int.from_bytes(hashlib.sha256(path.encode()).digest()[:4], "big", signed=True)
    connection.execute(sa.text("SELECT pg_advisory_xact_lock(:space, :key)"),
                       {"space": PATH_LOCKS, "key": key})


def _previous_document(connection: sa.Connection, path: str) -> str | None:
    return connection.scalar(sa.select(schema.files.c.document_id).where(schema.files.c.path == path))


def drop_if_orphan(connection: sa.Connection, document_id: str) -> None:
    """Delete a document (children cascade) once no path holds it any more."""
    documents, files = schema.documents, schema.files
    # Lock it first; the check below is then a fresh read that sees a concurrent
    # writer's new reference to it, which a single DELETE ... WHERE NOT EXISTS would not.
    locked = connection.scalar(sa.select(documents.c.id).where(documents.c.id == document_id)
                               .with_for_update())
    held = connection.scalar(sa.select(sa.func.count()).select_from(files)
                             .where(files.c.document_id == document_id))
    if locked and not held:
        connection.execute(documents.delete().where(documents.c.id == document_id))


def replace_pages(connection: sa.Connection, document_id: str, pages: Iterable[Page]) -> None:
    """Make the document's pages exactly `pages`, PAGE_CHUNK pages at a time as they are read: a long
    scan's pages, with their OCR words, are not all held at once, nor are their rows. Unlike the other
    children they are not all upserted in key order: the document row, upserted just before, already
    makes two writers of one document take turns."""
    table, keep = schema.pages, set()
    pages = iter(pages)
    while chunk := list(itertools.islice(pages, PAGE_CHUNK)):
        rows = rowmaker.page_rows(document_id, chunk)
        keep.update(row["id"] for row in rows)
        upsert(connection, table, _in_key_order(table, rows))
    existing = connection.scalars(sa.select(table.c.id).where(table.c.document_id == document_id))
    _delete_ids(connection, table, sorted(set(existing) - keep))


def write_content(connection: sa.Connection, unit: Unit) -> None:
    """The unit's document and every child row of it, if it has content."""
    document_id = unit.document_id
    if not document_id:
        return
    upsert(connection, schema.documents, [rowmaker.document_row(unit)])
    replace_pages(connection, document_id, unit.pages)
    for name, rows in rowmaker.record_child_rows(unit).items():
        replace_children(connection, schema.metadata.tables[name], document_id, rows)


def write_unit(connection: sa.Connection, unit: Unit) -> None:
    """Everything of one path; the caller owns the transaction."""
    if unit.file is None:  # pages or records without a file record: content only
        write_content(connection, unit)
        return
    lock_path(connection, unit.path)
    previous = _previous_document(connection, unit.path)
    write_content(connection, unit)
    upsert(connection, schema.files, [rowmaker.file_row(unit)])
    if previous and previous != unit.document_id:
        drop_if_orphan(connection, previous)


def _present_documents(connection: sa.Connection, document_ids: list[str]) -> set[str]:
    """Those still there, held until commit (FOR KEY SHARE) so none is dropped under a new row.

    One may be gone: its file's load failed, or another run changed the file meanwhile.
    """
    documents, found = schema.documents, set()
    for chunk in _chunks(document_ids):
        found.update(connection.scalars(sa.select(documents.c.id).where(documents.c.id.in_(chunk))
                                        .order_by(documents.c.id).with_for_update(read=True, key_share=True)))
    return found


def replace_groups(connection: sa.Connection, rows: list[Row], read: set[str]) -> None:
    """Group rows for the documents the run grouped; none for those it read but did not group."""
    table = schema.document_groups
    grouped = {row["document_id"] for row in rows}
    _delete_ids(connection, table, sorted(read - grouped))
    present = _present_documents(connection, sorted(grouped))
    upsert(connection, table, _in_key_order(table, (row for row in rows if row["document_id"] in present)))


def replace_owned(connection: sa.Connection, table: sa.Table, rows: list[Row], paths: set[str]) -> None:
    """Upsert `rows`; delete the rows not among them that came from `paths` alone."""
    keep = {row["id"] for row in rows}

    def owned(found: Iterable[sa.Row]) -> list[str]:
        return sorted(row_id for row_id, sources in found
                      if row_id not in keep and set(sources or ()) <= paths)

    candidates = owned(connection.execute(sa.select(table.c.id, table.c.sources)))
    # Another run may have rewritten a candidate since it was read: lock it, then judge it again.
    locked: list[sa.Row] = []
    for chunk in _chunks(candidates):
        locked += connection.execute(sa.select(table.c.id, table.c.sources).where(table.c.id.in_(chunk))
                                     .order_by(table.c.id).with_for_update()).all()
    _delete_ids(connection, table, owned(locked))
    upsert(connection, table, _in_key_order(table, rows))


def write_view(connection: sa.Connection, view: BatchView) -> None:
    """The batch-level tables; the caller owns the transaction."""
    rows = rowmaker.view_rows(view)
    replace_groups(connection, rows["document_groups"], view.document_ids)
    for table in (schema.tracker, schema.merged_mentions):
        replace_owned(connection, table, rows[table.name], view.paths)
