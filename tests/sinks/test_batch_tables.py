"""The batch tables (document groups, tracker, merged mentions) on SQLite and PostgreSQL."""
from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sinks import ids
from sinks.database import connect, ensure_schema, row_counts, write_run, write_units
from sinks.db import migrate, schema
from sinks.db.rows import group_units
from tests.sinks.support import Run, batch_view, edited, expected_counts, table_ids, table_rows

BATCH = [table.name for table in schema.BATCH]


def load(url: str, run: Run) -> dict[str, int]:
    return write_run(url, *run.args(), batch_view(run))


def rows(url: str, names: list[str]) -> dict[str, list[dict]]:
    engine = connect(url)
    try:
        return {name: table_rows(engine, name) for name in names}
    finally:
        engine.dispose()


def test_counts_match_the_batch(url, sample_run):
    view = batch_view(sample_run)
    counts = write_run(url, *sample_run.args(), view)
    assert counts == expected_counts(sample_run, view)
    assert counts["tracker"] > 0 and counts["document_groups"] == len(sample_run.documents)
    tracker = {r["id"]: r for r in rows(url, ["tracker"])["tracker"]}
    for entry in view.tracker:
        row = tracker[ids.tracker_id(entry.commitment, entry.milestone, entry.activity)]
        assert (row["title"], row["status"], row["sources"]) == (entry.title, entry.status, entry.sources)
        assert row["planned_periods"] == [p.model_dump() for p in entry.planned_periods]
        assert row["progress_date"] == entry.progress_date


def test_rerun_changes_nothing(url, sample_run):
    first = load(url, sample_run)
    before = rows(url, list(schema.metadata.tables))
    assert load(url, sample_run) == first
    assert rows(url, list(schema.metadata.tables)) == before


def test_changed_file_replaces_its_rows(url, sample_run, tmp_path):
    """After an edit the batch tables hold what a fresh load of the edited run holds."""
    load(url, sample_run)
    report = next(d for d in sample_run.documents if d.document.type == "progress_report")
    path, old = report.document.source, ids.document_id(report.document.sha256)
    changed = edited(sample_run, path, "f" * 64)  # keeps one of its activities
    assert load(url, changed) == expected_counts(changed, batch_view(changed))

    fresh = str(tmp_path / "fresh.db")
    load(fresh, changed)
    assert rows(url, BATCH) == rows(fresh, BATCH)
    groups = table_ids(connect(url))["document_groups"]
    assert old not in groups and ids.document_id("f" * 64) in groups
    dropped = {(a.commitment, a.milestone, a.number) for a in report.activities[1:]}
    kept = {(e.commitment, e.milestone, e.activity) for e in batch_view(changed).tracker}
    assert dropped - kept  # the edit did drop tracker entries...
    tracker = table_ids(connect(url))["tracker"]
    assert not {ids.tracker_id(*key) for key in dropped - kept} & tracker  # ...and their rows went


def test_a_document_no_longer_grouped_loses_its_group_row(url, sample_run):
    load(url, sample_run)
    lost = sample_run.documents[1]
    unextracted = Run(sample_run.files, sample_run.pages,
                      [d for d in sample_run.documents if d is not lost])  # its extraction failed
    load(url, unextracted)
    found = table_ids(connect(url))
    lost_id = ids.document_id(lost.document.sha256)
    assert lost_id in found["documents"] and lost_id not in found["document_groups"]


def test_rows_of_other_runs_stay(url, sample_run):
    """Two runs over overlapping folders: neither deletes what the other's files made."""
    paths = sample_run.paths
    first, second = sample_run.only(set(paths[:3])), sample_run.only(set(paths[2:]))
    load(url, first)
    load(url, second)
    everything = table_ids(connect(url))
    for run in (first, second):
        produced = {ids.tracker_id(e.commitment, e.milestone, e.activity) for e in batch_view(run).tracker}
        assert produced <= everything["tracker"]
        assert {m.id for m in batch_view(run).merged} <= everything["merged_mentions"]
    load(url, first)  # again: still nothing of the second run goes
    assert table_ids(connect(url)) == everything


def test_group_rows_go_with_their_document(url, sample_run):
    load(url, sample_run)
    victim = ids.document_id(sample_run.documents[0].document.sha256)
    engine = connect(url)
    with engine.begin() as conn:
        conn.execute(schema.documents.delete().where(schema.documents.c.id == victim))
    assert victim not in table_ids(engine)["document_groups"]
    assert row_counts(engine)["document_groups"] == len(sample_run.documents) - 1


def test_a_database_at_0001_upgrades_and_keeps_its_rows(url, sample_run):
    engine = connect(url)
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0001")
    write_units(engine, group_units(*sample_run.args()))  # as the previous release loaded it
    old = [t.name for t in (schema.files, schema.documents, *schema.CHILDREN)]
    before = rows(url, old)

    assert ensure_schema(engine) == migrate.head_revision()
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []
    assert rows(url, old) == before
    assert load(url, sample_run) == expected_counts(sample_run, batch_view(sample_run))
