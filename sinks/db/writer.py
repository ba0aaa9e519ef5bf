"""Loading one input path in one transaction: its content, its records, its file row.

Order matters for concurrent writers. The document row is upserted first, which
locks it until commit, so two processes loading the same content take turns
and the second replaces the first's children wholesale instead of mixing with
them. Only then is the path's row locked and pointed at the new content, and
the content it held before dropped unless another path still holds it.
"""
from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from sinks.db import rows as rowmaker
from sinks.db import schema
from sinks.db.rows import Row, Unit

CHUNK = 500  # ids per DELETE ... IN (...): well under every driver's parameter limit


def upsert(connection: sa.Connection, table: sa.Table, rows: list[Row]) -> None:
    """INSERT ... ON CONFLICT (primary key) DO UPDATE, in the dialect's own syntax."""
    if not rows:
        return
    insert = (postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert)(table)
    keys = [column.name for column in table.primary_key]
    changes = {c.name: insert.excluded[c.name] for c in table.columns if c.name not in keys}
    connection.execute(insert.on_conflict_do_update(index_elements=keys, set_=changes), rows)


def _delete_ids(connection: sa.Connection, table: sa.Table, stale: list[str]) -> None:
    for i in range(0, len(stale), CHUNK):
        connection.execute(table.delete().where(table.c.id.in_(stale[i:i + CHUNK])))


def replace_children(connection: sa.Connection, table: sa.Table, document_id: str,
                     rows: list[Row]) -> None:
    """Make the document's rows in `table` exactly `rows`: upsert them, delete the rest."""
    existing = connection.scalars(sa.select(table.c.id).where(table.c.document_id == document_id))
    keep = {row["id"] for row in rows}
    _delete_ids(connection, table, sorted(set(existing) - keep))
    upsert(connection, table, _dedup(rows))


def _dedup(rows: Iterable[Row]) -> list[Row]:
    """One row per id (the last): a statement may not upsert one key twice on PostgreSQL."""
    return list({row["id"]: row for row in rows}.values())


def _previous_document(connection: sa.Connection, path: str) -> str | None:
    query = sa.select(schema.files.c.document_id).where(schema.files.c.path == path).with_for_update()
    return connection.scalar(query)


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


def write_unit(connection: sa.Connection, unit: Unit) -> None:
    """Everything of one path; the caller owns the transaction."""
    document_id = unit.document_id
    if document_id:
        upsert(connection, schema.documents, [rowmaker.document_row(unit)])
        for name, rows in rowmaker.child_rows(unit).items():
            replace_children(connection, schema.metadata.tables[name], document_id, rows)
    if unit.file is None:
        return
    previous = _previous_document(connection, unit.path)
    upsert(connection, schema.files, [rowmaker.file_row(unit)])
    if previous and previous != document_id:
        drop_if_orphan(connection, previous)
