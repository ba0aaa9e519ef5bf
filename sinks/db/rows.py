"""Pipeline records -> table rows, mapped by field name so new fields are not lost.

A field with a column of its name goes there (as JSON if the column is JSON);
any other field goes to the row's `extra`. Provenance is kept whole as JSON and
its page and span are copied to columns for querying.

A `BatchView` is what only the whole batch knows (document groups, tracker,
merged mentions); its rows come from `view_rows`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from pydantic import BaseModel

from schemas.page import FileRecord, Page
from schemas.records import DocumentRecords, MergedMention
from sinks import ids
from sinks.db import schema

if TYPE_CHECKING:  # annotations only: the sink needs no dedup code to write its results
    from dedup import DocumentGroup, TrackerEntry

Row = dict[str, Any]


@dataclass
class Unit:
    """All that one input path contributes to a load; written in one transaction."""

    path: str
    file: FileRecord | None = None
    # A list, or, with a file record, a re-iterable stream of them read as the unit is written
    # (`Database.write_file`: a long scan's pages are not all held at once); its file record then
    # tells whether it has any.
    pages: Iterable[Page] = field(default_factory=list)
    records: DocumentRecords | None = None

    @property
    def _streamed(self) -> bool:
        return not isinstance(self.pages, list)

    @property
    def sha256(self) -> str | None:
        if self.records is not None:
            return self.records.document.sha256
        if self.pages and not self._streamed:
            return self.pages[0].sha256
        return self.file.sha256 if self.file else None

    @property
    def document_id(self) -> str | None:
        """None when the path yielded no content to keep (a failed file)."""
        has_pages = self.file.pages_ok > 0 if self._streamed else bool(self.pages)
        has_content = self.records is not None or has_pages
        return ids.document_id(self.sha256) if has_content and self.sha256 else None


def group_units(files: Iterable[FileRecord], pages: Iterable[Page],
                documents: Iterable[DocumentRecords]) -> list[Unit]:
    """One unit per path, in the order paths first appear (files first)."""
    units: dict[str, Unit] = {}

    def unit(path: str) -> Unit:
        return units.setdefault(path, Unit(path))

    for record in files:
        unit(record.path).file = record
    # Whole pages are kept in memory: a document's pages must go in its one transaction.
    for page in pages:
        unit(page.source).pages.append(page)
    for records in documents:
        unit(records.document.source).records = records
    return list(units.values())


def model_row(table: sa.Table, record: BaseModel, fixed: Row, skip: Iterable[str] = ()) -> Row:
    """`fixed` columns, then every other field by name; unknown fields go to `extra`."""
    python = record.model_dump()
    json_ready = record.model_dump(mode="json")
    row, extra = dict(fixed), {}
    for name, value in json_ready.items():
        column = table.c.get(name)
        if name in skip:
            continue
        if column is None or name in fixed or name == "extra":
            extra[name] = value
        else:
            row[name] = value if isinstance(column.type, sa.JSON) else python[name]
    if "extra" in table.c:
        row["extra"] = extra or None
    return row


def _located(doc_id: str, record_id: str, record: BaseModel) -> Row:
    provenance = getattr(record, "provenance", None)
    return {
        "id": record_id,
        "document_id": doc_id,
        "page": provenance.page if provenance else None,
        "span_start": provenance.start if provenance else None,
        "span_end": provenance.end if provenance else None,
        "provenance": provenance.model_dump(mode="json") if provenance else None,
    }


def mention_rows(doc_id: str, list_name: str, records: list[BaseModel]) -> list[Row]:
    kind, value_field = ids.MENTIONS[list_name]
    rows = []
    for record_id, record in zip(ids.record_ids(doc_id, list_name, records), records):
        detail = record.model_dump(mode="json", exclude={"provenance"})
        value = ids.mention_value(kind, getattr(record, value_field, None), record)
        rows.append(_located(doc_id, record_id, record) | {"kind": kind, "value": value,
                                                           "detail": detail, "extra": None})
    return rows


def record_rows(doc_id: str, list_name: str, records: list[BaseModel]) -> list[Row]:
    if list_name in ids.MENTIONS:
        return mention_rows(doc_id, list_name, records)
    table = schema.metadata.tables[list_name]
    return [model_row(table, record, _located(doc_id, record_id, record), skip=("provenance",))
            for record_id, record in zip(ids.record_ids(doc_id, list_name, records), records)]


def document_row(unit: Unit) -> Row:
    doc_id = unit.document_id
    if unit.records is None:  # read but not extracted: the content still owns its pages
        return {"id": doc_id, "sha256": unit.sha256, "source": unit.path}
    row = model_row(schema.documents, unit.records.document, {"id": doc_id})
    unplaced = {name: [r.model_dump(mode="json") for r in records]
                for name, records in unit.records if isinstance(records, list) and not _has_table(name)}
    if unplaced:  # lists DocumentRecords gained after this schema: kept, not dropped
        row["extra"] = (row["extra"] or {}) | {"records": unplaced}
    return row


def _has_table(list_name: str) -> bool:
    return list_name in ids.MENTIONS or list_name in schema.metadata.tables


def page_rows(doc_id: str, pages: Iterable[Page]) -> list[Row]:
    return [model_row(schema.pages, page, {"id": ids.page_id(doc_id, page.page), "document_id": doc_id},
                      skip=("sha256",))
            for page in pages]


def file_row(unit: Unit) -> Row:
    return model_row(schema.files, unit.file, {"document_id": unit.document_id})


def child_rows(unit: Unit) -> dict[str, list[Row]]:
    """Rows of every child table for the unit's document; every table present, maybe empty."""
    return {"pages": page_rows(unit.document_id, unit.pages)} | record_child_rows(unit)


def record_child_rows(unit: Unit) -> dict[str, list[Row]]:
    """Rows of every child table but `pages` for the unit's document; every one present, maybe empty."""
    doc_id = unit.document_id
    rows: dict[str, list[Row]] = {table.name: [] for table in schema.CHILDREN if table.name != "pages"}
    if unit.records is not None:
        for list_name, records in unit.records:
            if list_name in ids.MENTIONS:
                rows["mentions"] += record_rows(doc_id, list_name, records)
            elif list_name in rows and list_name != "pages":
                rows[list_name] = record_rows(doc_id, list_name, records)
    return rows


@dataclass
class BatchView:
    """The batch as a whole, after its files: written in one transaction."""

    files: list[FileRecord]  # every input of the run, read or failed: the paths it speaks for
    groups: list[DocumentGroup] = field(default_factory=list)
    tracker: list[TrackerEntry] = field(default_factory=list)
    merged: list[MergedMention] = field(default_factory=list)

    @property
    def paths(self) -> set[str]:
        return {f.path for f in self.files}

    @property
    def document_ids(self) -> set[str]:
        """The contents the run read (as `Unit.document_id`: a file with a page read has one)."""
        return {ids.document_id(f.sha256) for f in self.files if f.sha256 and f.pages_ok}


def group_rows(groups: Iterable[DocumentGroup]) -> list[Row]:
    """One row per document; two paths with one content are one document, one row."""
    rows: dict[str, Row] = {}
    for group in groups:
        best = group.best.records.document.sha256
        for reading in group.readings:
            sha256 = reading.records.document.sha256
            rows[ids.document_id(sha256)] = {"document_id": ids.document_id(sha256), "group_id": group.id,
                                             "best": sha256 == best, "extra": None}
    return list(rows.values())


def tracker_rows(entries: Iterable[TrackerEntry]) -> list[Row]:
    return [model_row(schema.tracker, entry,
                      {"id": ids.tracker_id(entry.commitment, entry.milestone, entry.activity)})
            for entry in entries]


def merged_rows(merged: Iterable[MergedMention]) -> list[Row]:
    return [model_row(schema.merged_mentions, mention, {}) for mention in merged]


def view_rows(view: BatchView) -> dict[str, list[Row]]:
    return {"document_groups": group_rows(view.groups), "tracker": tracker_rows(view.tracker),
            "merged_mentions": merged_rows(view.merged)}
