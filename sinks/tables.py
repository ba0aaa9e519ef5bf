"""One flat CSV and/or Parquet file per table, for spreadsheets and dataframes.

The files mirror the database tables (`sinks.db.schema`): the same columns and
the same content-derived ids, so they join the same way; nested values
(provenance, lists, the `extra` of newer fields) are JSON strings. Each file is
written to a temporary name and renamed, so a reader never sees half of one.
The batch tables (document groups, tracker, merged mentions) hold the batch
view when one is given, and are written empty otherwise, like any empty table.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import sqlalchemy as sa

from ingest.errors import UsageError
from schemas.page import FileRecord, Page
from schemas.records import DocumentRecords
from sinks.db import rows as rowmaker
from sinks.db import schema
from sinks.db.rows import BatchView, Row
from sinks.jsonl import atomic_writer, write_jsonl

FORMATS = frozenset({"csv", "parquet", "jsonl"})
CHUNK = 64  # rows converted at a time


def _arrow_type(column: sa.Column) -> pa.DataType:
    kind = column.type
    if isinstance(kind, sa.JSON):
        return pa.string()
    if isinstance(kind, sa.Boolean):
        return pa.bool_()
    if isinstance(kind, sa.Integer):
        return pa.int64()
    if isinstance(kind, sa.Float):
        return pa.float64()
    if isinstance(kind, sa.Date):
        return pa.date32()
    return pa.string()


def arrow_schema(table: sa.Table) -> pa.Schema:
    """Column types come from the database schema, so an empty file still has them."""
    return pa.schema([pa.field(c.name, _arrow_type(c), nullable=bool(c.nullable))
                      for c in table.columns])


def _flat(table: sa.Table, row: Row) -> Row:
    flat = {}
    for column in table.columns:
        value = row.get(column.name)
        if isinstance(column.type, sa.JSON) and value is not None:
            value = json.dumps(value, ensure_ascii=False)
        flat[column.name] = value
    return flat


def collect_rows(files: Iterable[FileRecord], pages: Iterable[Page], documents: Iterable[DocumentRecords],
                 view: BatchView | None = None) -> dict[str, list[Row]]:
    """Rows per table, one per key: copies of one content share their rows, as in the database."""
    keyed: dict[str, dict[str, Row]] = {table.name: {} for table in schema.ALL}
    for unit in rowmaker.group_units(files, pages, documents):
        if unit.file is not None:
            keyed["files"][unit.path] = rowmaker.file_row(unit)
        if unit.document_id:
            keyed["documents"][unit.document_id] = rowmaker.document_row(unit)
            for name, rows in rowmaker.child_rows(unit).items():
                keyed[name].update((row["id"], row) for row in rows)
    if view is not None:
        for name, rows in rowmaker.view_rows(view).items():
            key = next(iter(schema.metadata.tables[name].primary_key)).name
            keyed[name].update((row[key], row) for row in rows)
    return {name: list(rows.values()) for name, rows in keyed.items()}


def arrow_table(table: sa.Table, rows: list[Row]) -> pa.Table:
    return pa.Table.from_pylist([_flat(table, row) for row in rows], schema=arrow_schema(table))


def _write(table: sa.Table, rows: list[Row], path: Path, fmt: str) -> None:
    """Converted CHUNK rows at a time: a batch's pages, with their words, are large, and each
    conversion (flat rows, Arrow, rows again) would otherwise hold another copy of all of them."""
    chunks = (arrow_table(table, rows[i:i + CHUNK]) for i in range(0, len(rows), CHUNK))
    if fmt == "jsonl":  # nested values stay JSON objects, not strings
        write_jsonl(path, ({k: _unjson(v) for k, v in row.items()} for data in chunks for row in data.to_pylist()))
        return
    schema = arrow_schema(table)
    with atomic_writer(path, "wb") as fh:
        with (pacsv.CSVWriter(fh, schema) if fmt == "csv" else pq.ParquetWriter(fh, schema)) as writer:
            for data in chunks:
                writer.write_table(data)
            if not rows:  # an empty table still gets its header (CSV) or its schema and a row group
                writer.write_table(schema.empty_table())


def _unjson(value):
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value.isoformat() if hasattr(value, "isoformat") else value


def write_tables(out_dir: str | Path, files: Iterable[FileRecord], pages: Iterable[Page],
                 documents: Iterable[DocumentRecords], formats: Iterable[str] = FORMATS,
                 view: BatchView | None = None) -> dict[str, int]:
    """Write `<table>.<format>` under `out_dir` for every table; returns rows per table."""
    formats = set(formats)
    if unknown := formats - FORMATS:
        raise UsageError(f"unknown table formats {sorted(unknown)}; choose from {sorted(FORMATS)}")
    out = Path(out_dir)
    counts = {}
    for name, rows in collect_rows(files, pages, documents, view).items():
        for fmt in sorted(formats):
            _write(schema.metadata.tables[name], rows, out / f"{name}.{fmt}", fmt)
        counts[name] = len(rows)
    return counts
