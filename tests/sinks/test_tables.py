"""CSV and Parquet tables: written whole, one per table, readable by pyarrow."""
from __future__ import annotations

import json

import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import pytest

from ingest.errors import UsageError
from sinks.database import write_run
from sinks.db import schema
from sinks.tables import arrow_schema, write_tables
from tests.sinks.support import batch_view, expected_counts, table_ids


def test_both_formats_hold_every_row(sample_run, tmp_path):
    view = batch_view(sample_run)
    counts = write_tables(tmp_path, *sample_run.args(), view=view)
    assert counts == expected_counts(sample_run, view)
    assert counts["tracker"] and counts["document_groups"] and counts["merged_mentions"]
    for name, table in schema.metadata.tables.items():
        parquet = pq.read_table(tmp_path / f"{name}.parquet")
        csv = pacsv.read_csv(tmp_path / f"{name}.csv")
        assert parquet.num_rows == csv.num_rows == counts[name], name
        assert parquet.schema == arrow_schema(table)
        assert csv.column_names == [c.name for c in table.columns]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp files left


def test_nested_values_are_json_strings(sample_run, tmp_path):
    write_tables(tmp_path, *sample_run.args(), formats={"parquet"})
    rows = pq.read_table(tmp_path / "mentions.parquet").to_pylist()
    first = rows[0]
    provenance = json.loads(first["provenance"])
    assert (provenance["page"], provenance["start"]) == (first["page"], first["span_start"])
    assert {r["kind"] for r in rows} >= {"date", "organization", "url"}
    periods = [json.loads(r["periods"]) for r in pq.read_table(tmp_path / "activities.parquet").to_pylist()]
    assert any(p and p[0]["start"] for p in periods)


def test_ids_join_with_the_database(sample_run, tmp_path):
    view = batch_view(sample_run)
    write_tables(tmp_path, *sample_run.args(), formats={"parquet"}, view=view)
    write_run(str(tmp_path / "ingest.db"), *sample_run.args(), view)
    from sinks.database import connect
    in_db = table_ids(connect(str(tmp_path / "ingest.db")))
    for name in ("documents", "pages", "activities", "mentions", "tracker", "merged_mentions"):
        assert set(pq.read_table(tmp_path / f"{name}.parquet")["id"].to_pylist()) == in_db[name]
    groups = pq.read_table(tmp_path / "document_groups.parquet").to_pylist()
    assert {r["document_id"] for r in groups} == in_db["document_groups"]
    assert sum(r["best"] for r in groups) == len(view.groups)


def test_one_format_only_and_unknown_formats(sample_run, tmp_path):
    write_tables(tmp_path, *sample_run.args(), formats=["csv"])
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".csv"] * len(schema.ALL)
    with pytest.raises(UsageError):
        write_tables(tmp_path, *sample_run.args(), formats={"xlsx"})


def test_empty_run_writes_typed_empty_tables(tmp_path):
    assert set(write_tables(tmp_path, [], [], []).values()) == {0}
    assert pq.read_table(tmp_path / "activities.parquet").schema == arrow_schema(schema.activities)
