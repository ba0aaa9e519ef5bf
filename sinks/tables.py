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
from sinks import ids
from sinks.db.rows import BatchView, Row, Unit
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
    """Flat rows per table (`_flat`: JSON columns as strings), one per key: copies of one content share
    their rows, as in the database.

    The pages come one at a time and are kept as flat rows only (a page's OCR words as one JSON
    string, not as objects: a long scan's pages would otherwise be held whole, twice); they are put
    in the order grouping them by path would give, each key at its first place with its last row.
    """
    files, documents = list(files), list(documents)
    units: dict[str, Unit] = {}
    places: dict[str, int] = {}  # a path's place among the units

    def unit(path: str) -> Unit:
        places.setdefault(path, len(places))
        return units.setdefault(path, Unit(path))

    for record in files:
        unit(record.path).file = record
    extracted = {records.document.source: records for records in documents}
    placed: dict[str, tuple[tuple[int, int], tuple[int, int], Row]] = {}  # id -> (first place, last, row)
    for arrival, page in enumerate(pages):
        holder = unit(page.source)
        if not holder.pages:
            holder.pages = [page]  # the first page alone: it decides the document, as in `group_units`
        order = (places[page.source], arrival)  # where grouping by path would put the page
        records = extracted.get(page.source)
        doc_id = ids.document_id(records.document.sha256 if records else holder.pages[0].sha256)
        row = _flat(schema.pages, rowmaker.page_rows(doc_id, [page])[0])
        first, last, kept = placed.get(row["id"], (order, order, row))
        placed[row["id"]] = (min(first, order), max(last, order), row if order >= last else kept)
    for records in documents:
        unit(records.document.source).records = records

    keyed: dict[str, dict[str, Row]] = {table.name: {} for table in schema.ALL}
    keyed["pages"] = {key: row for key, (_, _, row) in sorted(placed.items(), key=lambda item: item[1][0])}
    for holder in units.values():
        if holder.file is not None:
            keyed["files"][holder.path] = _flat(schema.files, rowmaker.file_row(holder))
        if holder.document_id:
            keyed["documents"][holder.document_id] = _flat(schema.documents, rowmaker.document_row(holder))
            for name, rows in rowmaker.record_child_rows(holder).items():
                table = schema.metadata.tables[name]
                keyed[name].update((row["id"], _flat(table, row)) for row in rows)
    if view is not None:
        for name, rows in rowmaker.view_rows(view).items():
            table = schema.metadata.tables[name]
            key = next(iter(table.primary_key)).name
            keyed[name].update((row[key], _flat(table, row)) for row in rows)
    return {name: list(rows.values()) for name, rows in keyed.items()}


def arrow_table(table: sa.Table, rows: list[Row]) -> pa.Table:
    """From flat rows."""
    return pa.Table.from_pylist(rows, schema=arrow_schema(table))


def _write(table: sa.Table, rows: list[Row], path: Path, fmt: str) -> None:
    """Converted CHUNK flat rows at a time: a batch's pages, with their words, are large, and each
    conversion (Arrow, rows again) would otherwise hold another copy of all of them."""
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
