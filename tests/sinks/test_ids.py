"""Content-derived ids and the mapping of records to rows."""
from __future__ import annotations

import json
from datetime import date

from schemas.records import Activity, DateMention, Percentage, Provenance, Url
from sinks import ids
from sinks.db import schema
from sinks.db.rows import model_row, record_rows

AT = Provenance(file="a.pdf", page=2, start=10, end=14, raw="20 %")


def test_document_id_is_the_content_not_the_path():
    assert ids.document_id("a" * 64) == ids.document_id("a" * 64) != ids.document_id("b" * 64)
    assert len(ids.document_id("a" * 64)) == ids.ID_LENGTH


def test_numbered_records_keep_their_ids_when_text_moves():
    moved = AT.model_copy(update={"start": 500, "end": 510})
    a = [Activity(commitment=1, milestone=2, number=3, provenance=AT)]
    b = [Activity(commitment=1, milestone=2, number=3, title="changed", provenance=moved)]
    assert ids.record_ids("d", "activities", a) == ids.record_ids("d", "activities", b)
    assert ids.record_ids("d", "activities", a) != ids.record_ids("e", "activities", a)


def test_repeated_natural_keys_get_distinct_stable_ids():
    twice = [Activity(commitment=1, milestone=1, number=1), Activity(commitment=1, milestone=1, number=1)]
    first = ids.record_ids("d", "activities", twice)
    assert len(set(first)) == 2 and ids.record_ids("d", "activities", twice) == first


def test_mentions_are_keyed_by_normalised_value_and_place():
    assert ids.mention_value("percentage", 20.0, Percentage(value=20)) == "20"
    url = Url(url="https://x.org")
    assert ids.mention_value("url", "HTTPS://Example.org/A", url) == "https://example.org/a"
    impossible = DateMention(value=None, provenance=AT.model_copy(update={"raw": "31 de  Febrero"}))
    assert ids.mention_value("date", None, impossible) == "31 de febrero"
    assert ids.mention_value("date", date(2020, 1, 24), DateMention()) == "2020-01-24"
    here = Percentage(value=20, provenance=AT)
    there = Percentage(value=20, provenance=AT.model_copy(update={"page": 3}))
    assert ids.record_ids("d", "percentages", [here]) != ids.record_ids("d", "percentages", [there])


def test_rows_keep_provenance_whole_and_unknown_fields_in_extra():
    class NewActivity(Activity):  # as if schemas.records gained a field
        confidence: float = 0.5

    record = NewActivity(commitment=1, number=2, progress=40, provenance=AT)
    [row] = record_rows("d", "activities", [record])
    assert row["extra"]["confidence"] == 0.5
    assert not set(row["extra"]) & set(schema.activities.c.keys())
    assert row["provenance"] == AT.model_dump(mode="json")
    assert (row["page"], row["span_start"], row["span_end"]) == (2, 10, 14)
    assert row["progress"] == 40 and row["document_id"] == "d"
    assert set(row) <= set(schema.activities.c.keys())


def test_rows_lose_no_field_of_real_records(sample_run):
    """Whatever schemas.records holds, columns plus `extra` (or `detail`) give it all back."""
    for records in sample_run.documents:
        for list_name, items in records:
            if not isinstance(items, list):
                continue
            for item, row in zip(items, record_rows("d", list_name, items)):
                wanted = item.model_dump(mode="json", exclude={"provenance"})
                if list_name in ids.MENTIONS:
                    assert row["detail"] == wanted
                    continue
                back = {k: v for k, v in row.items() if k in wanted} | (row["extra"] or {})
                assert json.loads(json.dumps(back, default=str)) == wanted, list_name
                assert row["provenance"] == (item.provenance.model_dump(mode="json")
                                             if item.provenance else None)


def test_model_row_dates_stay_dates():
    from schemas.records import Document
    doc = Document(type="letter", issued=date(2020, 1, 24), source="a.pdf", sha256="a" * 64)
    row = model_row(schema.documents, doc, {"id": "x"})
    assert row["issued"] == date(2020, 1, 24) and "issued" not in (row["extra"] or {})
