"""The database sink on SQLite (the default, `DIR/ingest.db`), on real sample records."""
from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sinks import ids
from sinks.database import DatabaseError, connect, ensure_schema, row_counts, write_run
from sinks.db import engine as dbengine
from sinks.db import migrate, schema, writer
from tests.sinks.support import (edited, expected_counts, relocate, table_ids, table_rows,
                                 write_rounds, write_then_crash, writer_processes)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "out" / "ingest.db")


def test_counts_match_the_records(db, sample_run):
    assert write_run(db, *sample_run.args()) == expected_counts(sample_run)


def test_rerun_changes_nothing(db, sample_run):
    first = write_run(db, *sample_run.args())
    engine = connect(db)
    ids_before = table_ids(engine)
    rows_before = {name: table_rows(engine, name) for name in schema.metadata.tables}
    second = write_run(db, *sample_run.args())
    assert second == first
    assert table_ids(engine) == ids_before
    assert {name: table_rows(engine, name) for name in schema.metadata.tables} == rows_before


def test_pages_may_be_a_one_shot_iterator(db, sample_run):
    counts = write_run(db, sample_run.files, iter(sample_run.pages), sample_run.documents)
    assert counts["pages"] == len(sample_run.pages)


def test_changed_file_replaces_its_records(db, sample_run):
    write_run(db, *sample_run.args())
    engine = connect(db)
    path = sample_run.documents[2].document.source
    old_doc = ids.document_id(sample_run.documents[2].document.sha256)
    others = {n: [r for r in table_rows(engine, n) if r.get("document_id") != old_doc]
              for n in ("pages", "activities", "mentions")}

    changed = edited(sample_run, path, "e" * 64)
    counts = write_run(db, *changed.args())

    assert counts == expected_counts(changed)
    new_doc = ids.document_id("e" * 64)
    assert old_doc not in table_ids(engine)["documents"]
    with engine.connect() as conn:
        assert conn.scalar(sa.select(schema.files.c.document_id)
                           .where(schema.files.c.path == path)) == new_doc
        for table in schema.CHILDREN:
            left = conn.scalar(sa.select(sa.func.count()).select_from(table)
                               .where(table.c.document_id == old_doc))
            assert left == 0, table.name
    for name, rows in others.items():  # the other documents are untouched
        assert [r for r in table_rows(engine, name) if r["document_id"] != new_doc] == rows


def test_content_shared_by_two_paths_survives_one_changing(db, sample_run):
    path = sample_run.paths[0]
    copy = relocate(sample_run.only({path}), path, "elsewhere/copy.pdf")
    write_run(db, *sample_run.args())
    counts = write_run(db, *copy.args())
    assert counts["files"] == len(sample_run.files) + 1
    assert counts["documents"] == len(sample_run.documents)  # one content, one document

    changed = edited(sample_run, path, "d" * 64).only({path})
    counts = write_run(db, *changed.args())
    shared = ids.document_id(sample_run.files[0].sha256)
    assert shared in table_ids(connect(db))["documents"]  # still held by the copy
    assert counts["documents"] == len(sample_run.documents) + 1
    assert counts["pages"] == expected_counts(sample_run)["pages"] + len(changed.pages)


def test_failure_mid_document_leaves_nothing_of_it(db, sample_run, monkeypatch):
    victim = sample_run.documents[3]
    victim_id = ids.document_id(victim.document.sha256)
    replace = writer.replace_children

    def failing(connection, table, document_id, rows):
        replace(connection, table, document_id, rows)
        if document_id == victim_id and table.name == "activities":  # after pages, before mentions
            raise sa.exc.OperationalError("INSERT", {}, RuntimeError("disk I/O error"))

    monkeypatch.setattr(writer, "replace_children", failing)
    with pytest.raises(DatabaseError) as caught:
        write_run(db, *sample_run.args())
    assert caught.value.path == victim.document.source

    engine = connect(db)
    with engine.connect() as conn:
        for table in schema.CHILDREN:
            assert conn.scalar(sa.select(sa.func.count()).select_from(table)
                               .where(table.c.document_id == victim_id)) == 0, table.name
        assert conn.scalar(sa.select(sa.func.count()).select_from(schema.documents)
                           .where(schema.documents.c.id == victim_id)) == 0
    before = sample_run.only(set(sample_run.paths[:3]))
    assert row_counts(engine) == expected_counts(before)  # the files before it are whole


def test_failed_rewrite_keeps_the_old_version(db, sample_run, monkeypatch):
    write_run(db, *sample_run.args())
    engine = connect(db)
    before = {name: table_rows(engine, name) for name in schema.metadata.tables}
    path = sample_run.documents[1].document.source
    changed = edited(sample_run, path, "c" * 64).only({path})

    def failing(connection, document_id):
        raise sa.exc.OperationalError("DELETE", {}, RuntimeError("simulated crash"))

    monkeypatch.setattr(writer, "drop_if_orphan", failing)  # the very last step
    with pytest.raises(DatabaseError):
        write_run(db, *changed.args())
    assert {name: table_rows(engine, name) for name in schema.metadata.tables} == before


def test_killed_process_leaves_whole_documents_only(db, sample_run):
    victim = sample_run.documents[2]
    victim_id = ids.document_id(victim.document.sha256)
    ensure_schema(connect(db))
    process = writer_processes().Process(
        target=write_then_crash, args=(db, sample_run, victim_id))
    process.start()
    process.join(120)
    assert process.exitcode == 7

    engine = connect(db)
    assert victim_id not in table_ids(engine)["documents"]
    assert row_counts(engine) == expected_counts(sample_run.only(set(sample_run.paths[:2])))
    # the database is usable, and a re-run completes the load
    assert write_run(db, *sample_run.args()) == expected_counts(sample_run)


def test_schema_has_keys_and_cascading_foreign_keys(db, sample_run):
    write_run(db, *sample_run.args())
    engine = connect(db)
    inspector = sa.inspect(engine)
    for table in schema.CHILDREN:
        assert inspector.get_pk_constraint(table.name)["constrained_columns"] == ["id"]
        [fk] = inspector.get_foreign_keys(table.name)
        assert (fk["referred_table"], fk["constrained_columns"], fk["options"].get("ondelete")) == \
            ("documents", ["document_id"], "CASCADE")
    [fk] = inspector.get_foreign_keys("files")
    assert fk["referred_table"] == "documents" and fk["options"].get("ondelete") == "SET NULL"
    with engine.begin() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        conn.execute(schema.documents.delete())
    counts = row_counts(engine)
    assert counts["files"] == len(sample_run.files)
    assert sum(counts.values()) == counts["files"]  # everything else went with the documents
    with engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(schema.files)
                           .where(schema.files.c.document_id.is_not(None))) == 0


def test_migrations_reach_the_metadata(db):
    engine = connect(db)
    assert ensure_schema(engine) == migrate.head_revision()
    assert ensure_schema(engine) == migrate.head_revision()  # a second call is a no-op
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []


def test_urls():
    assert dbengine.database_url("postgresql://u@h:5/db").drivername == "postgresql+psycopg"
    assert dbengine.database_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert dbengine.database_url("sqlite:///x.db").drivername == "sqlite"
    assert dbengine.database_url("rel/ingest.db").database.endswith("/rel/ingest.db")


def test_a_failed_file_has_a_row_and_no_document(db, sample_run):
    failed = sample_run.files[0].model_copy(update={"path": "broken.pdf", "status": "failed",
                                                    "pages": 0, "pages_ok": 0, "methods": {}})
    counts = write_run(db, [failed], [], [])
    assert counts["files"] == 1 and counts["documents"] == 0


def test_two_concurrent_writers_lose_and_double_nothing(db, sample_run):
    paths = sample_run.paths
    runs = [sample_run.only(set(paths[:4])), sample_run.only(set(paths[1:]))]
    ctx = writer_processes()
    barrier = ctx.Barrier(len(runs))
    processes = [ctx.Process(target=write_rounds, args=(db, run, barrier, 2)) for run in runs]
    for p in processes:
        p.start()
    for p in processes:
        p.join(120)
    assert [p.exitcode for p in processes] == [0, 0]
    assert row_counts(connect(db)) == expected_counts(sample_run)


@pytest.mark.parametrize("url", ["postgresql://nobody@127.0.0.1:1/none", "nosuchdb://x/y"])
def test_unusable_databases_raise_typed_errors(url):
    with pytest.raises(DatabaseError):
        write_run(url, [], [], [])
