"""What only SQLite shows (the default, `DIR/ingest.db`): its pragmas, its own errors, a killed
writer. The behaviour both databases share is tested on each in test_database.py."""
from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
import sqlalchemy as sa

from sinks import ids
from sinks.database import DatabaseError, connect, ensure_schema, row_counts, write_run
from sinks.db import engine as dbengine
from sinks.db import schema
from tests.sinks.support import (edited, expected_counts, relocate, table_ids, table_rows,
                                 write_then_crash, writer_processes)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "out" / "ingest.db")


def test_pages_may_be_a_one_shot_iterator(db, sample_run):
    counts = write_run(db, sample_run.files, iter(sample_run.pages), sample_run.documents)
    assert counts["pages"] == len(sample_run.pages)


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


def refuse(db: str, sql: str) -> None:
    """A real database error from SQLite itself: a trigger that aborts the statement."""
    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute(sql)


def test_failure_mid_document_leaves_nothing_of_it(db, sample_run):
    victim = sample_run.documents[3]
    victim_id = ids.document_id(victim.document.sha256)
    ensure_schema(connect(db))
    refuse(db, "create trigger full before insert on mentions when new.document_id = "
               f"'{victim_id}' begin select raise(abort, 'database or disk is full'); end")
    with pytest.raises(DatabaseError, match="disk is full") as caught:  # after its pages and activities
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


def test_failed_rewrite_keeps_the_old_version(db, sample_run):
    write_run(db, *sample_run.args())
    engine = connect(db)
    before = {name: table_rows(engine, name) for name in schema.metadata.tables}
    path = sample_run.documents[1].document.source
    changed = edited(sample_run, path, "c" * 64).only({path})
    # the very last step of a rewrite drops the old document
    refuse(db, "create trigger stuck before delete on documents "
               "begin select raise(abort, 'simulated crash'); end")
    with pytest.raises(DatabaseError, match="simulated crash"):
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


def test_foreign_keys_are_enforced_and_cascade(db, sample_run):
    write_run(db, *sample_run.args())
    engine = connect(db)
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


@pytest.mark.parametrize("url", ["postgresql://nobody@127.0.0.1:1/none", "nosuchdb://x/y"])
def test_unusable_databases_raise_typed_errors(url):
    with pytest.raises(DatabaseError):
        write_run(url, [], [], [])
