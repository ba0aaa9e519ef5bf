"""Stable ids derived from content, so that loading the same inputs twice is a no-op.

A document is its content: its id comes from the file's sha256, whatever the
path. A record's id comes from its document's id plus its natural key, the
fields a reader would use to name it ("activity 2 of milestone 3 of commitment
1"; "the URL x on page 2 at offset 140"). Numbered records are keyed by their
numbers, not their offsets, so that a re-extraction which shifts text around
keeps their ids. Two records with one natural key in one document (a numbering
error in the source, say) are told apart by their order of appearance.

The batch-level rows span documents, so no document is part of their ids: a
tracker entry is its activity's key, a merged mention its kind and value.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import BaseModel

ID_LENGTH = 32  # hex digits: 128 bits, ample for collisions, short enough to read

# The DocumentRecords lists that go to the one `mentions` table, as
# list name -> (kind, field holding the value).
MENTIONS: dict[str, tuple[str, str]] = {
    "percentages": ("percentage", "value"),
    "dates": ("date", "value"),
    "urls": ("url", "url"),
    "emails": ("email", "email"),
    "phones": ("phone", "digits"),
    "organizations": ("organization", "name"),
}


def make_id(*parts: Any) -> str:
    """A hex digest of the parts; a separator-free encoding could make ("ab","c") == ("a","bc")."""
    text = json.dumps(parts, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:ID_LENGTH]


def document_id(sha256: str) -> str:
    return make_id("document", sha256)


def page_id(doc_id: str, page: int) -> str:
    return make_id("page", doc_id, page)


def tracker_id(commitment: int | None, milestone: int | None, activity: int) -> str:
    return make_id("tracker", commitment, milestone, activity)


def merged_mention_id(kind: str, value: str) -> str:
    """For `MergedMention.id`: the `merged_mentions` table keeps ids of this length."""
    return make_id("merged_mention", kind, value)


def mention_value(kind: str, raw_value: Any, record: BaseModel) -> str:
    """The value a mention is known by: normalised, so trivial variants share an id."""
    if raw_value is None:  # an impossible date: fall back to what was written
        provenance = getattr(record, "provenance", None)
        return " ".join((provenance.raw if provenance else "").split()).casefold()
    if kind == "percentage":
        return f"{float(raw_value):g}"
    if kind in ("email", "url"):
        return str(raw_value).strip().casefold()
    if hasattr(raw_value, "isoformat"):
        return raw_value.isoformat()
    return " ".join(str(raw_value).split())


def _position(record: BaseModel) -> tuple[int | None, int | None]:
    provenance = getattr(record, "provenance", None)
    return (provenance.page, provenance.start) if provenance else (None, None)


def _fields(*names: str) -> Callable[[BaseModel], tuple]:
    return lambda record: tuple(getattr(record, name, None) for name in names)


def _fields_at(*names: str) -> Callable[[BaseModel], tuple]:
    return lambda record: _fields(*names)(record) + _position(record)


NATURAL_KEYS: dict[str, Callable[[BaseModel], tuple]] = {
    "commitments": _fields("number"),
    "milestones": _fields("commitment", "number"),
    "activities": _fields("commitment", "milestone", "number"),
    "count_claims": _fields_at("subject"),
    "flags": _fields_at("kind", "value"),
}


def mention_key(list_name: str, record: BaseModel) -> tuple:
    kind, field = MENTIONS[list_name]
    return (kind, mention_value(kind, getattr(record, field, None), record)) + _position(record)


def natural_key(list_name: str, record: BaseModel) -> tuple:
    if list_name in MENTIONS:
        return mention_key(list_name, record)
    key = NATURAL_KEYS.get(list_name)
    # A list this module does not know yet: its content is its identity.
    return key(record) if key else (record.model_dump_json(),)


def record_ids(doc_id: str, list_name: str, records: Iterable[BaseModel]) -> list[str]:
    """Ids of a document's records of one kind, in order; repeated keys get an ordinal."""
    table = "mentions" if list_name in MENTIONS else list_name
    seen: dict[tuple, int] = {}
    ids = []
    for record in records:
        key = natural_key(list_name, record)
        ordinal = seen.get(key, 0)
        seen[key] = ordinal + 1
        ids.append(make_id(table, doc_id, *key, *((ordinal,) if ordinal else ())))
    return ids
