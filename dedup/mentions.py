"""One record per mentioned value across the batch, keeping every place it was read.

Repeats within a document, the readings of one document (digital, scans) and
other documents naming the same URL, e-mail, phone, institution, date or
percentage all collapse into one `MergedMention` per (kind, normalised value).
"""
from __future__ import annotations

from collections import defaultdict

from pydantic import BaseModel

from dedup.documents import DocumentGroup
from schemas.records import MergedMention, Provenance
from sinks import ids


def _value(kind: str, field: str, record: BaseModel) -> str:
    if kind in ("url", "email", "phone"):
        return record.key  # as the duplicate checks compare them
    return ids.mention_value(kind, getattr(record, field), record)


def _where(provenance: Provenance) -> tuple:
    return provenance.file, provenance.page, provenance.start, provenance.end, provenance.raw


def merge_mentions(groups: list[DocumentGroup]) -> list[MergedMention]:
    """Sorted by kind and value, each with its files and provenances sorted: input order does not matter."""
    merged: dict[tuple[str, str], list] = defaultdict(list)
    for group in groups:
        for reading in group.readings:
            doc = reading.records.document
            for list_name, (kind, field) in ids.MENTIONS.items():
                for record in getattr(reading.records, list_name):
                    merged[kind, _value(kind, field, record)].append((doc, record.provenance))
    return [MergedMention(id=ids.merged_mention_id(kind, value), kind=kind, value=value, count=len(seen),
                          documents=sorted({doc.sha256 for doc, _ in seen}),
                          sources=sorted({doc.source for doc, _ in seen}),
                          provenances=sorted((p for _, p in seen if p is not None), key=_where))
            for (kind, value), seen in sorted(merged.items())]
