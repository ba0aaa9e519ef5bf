"""The database sink on a real PostgreSQL server, started for the session.

These tests fail, never skip, when the server cannot be started.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sinks import ids
from sinks.database import connect, ensure_schema, row_counts, write_run
from sinks.db import migrate, schema
from tests.sinks.support import (edited, expected_counts, table_ids, table_rows, write_rounds,
                                 writer_processes)


def test_rerun_changes_nothing(postgres, sample_run):
    url = postgres.new_database()
    first = write_run(url, *sample_run.args())
    assert first == expected_counts(sample_run)
    engine = connect(url)
    rows = {name: table_rows(engine, name) for name in schema.metadata.tables}
    assert write_run(url, *sample_run.args()) == first
    assert {name: table_rows(engine, name) for name in schema.metadata.tables} == rows


def test_same_ids_as_sqlite(postgres, sample_run, tmp_path):
    url = postgres.new_database()
    write_run(url, *sample_run.args())
    write_run(str(tmp_path / "ingest.db"), *sample_run.args())
    assert table_ids(connect(url)) == table_ids(connect(str(tmp_path / "ingest.db")))


def test_changed_file_replaces_its_records(postgres, sample_run):
    url = postgres.new_database()
    write_run(url, *sample_run.args())
    path = sample_run.documents[0].document.source
    old_doc = ids.document_id(sample_run.documents[0].document.sha256)
    changed = edited(sample_run, path, "a" * 64)
    assert write_run(url, *changed.args()) == expected_counts(changed)
    engine = connect(url)
    found = table_ids(engine)
    assert old_doc not in found["documents"]
    with engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(schema.pages)
                           .where(schema.pages.c.document_id == old_doc)) == 0
        assert conn.scalar(sa.select(schema.files.c.document_id)
                           .where(schema.files.c.path == path)) == ids.document_id("a" * 64)


def test_migrations_reach_the_metadata(postgres):
    engine = connect(postgres.new_database())
    ensure_schema(engine)
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []
    inspector = sa.inspect(engine)
    for table in schema.CHILDREN:
        [fk] = inspector.get_foreign_keys(table.name)
        assert fk["referred_table"] == "documents" and fk["options"]["ondelete"] == "CASCADE"


def _race(url: str, runs: list, rounds: int) -> list[int]:
    """Start writers together, on a fresh database, so migrations race too."""
    ctx = writer_processes()
    barrier = ctx.Barrier(len(runs))
    processes = [ctx.Process(target=write_rounds, args=(url, run, barrier, rounds)) for run in runs]
    for p in processes:
        p.start()
    for p in processes:
        p.join(180)
    return [p.exitcode for p in processes]


def test_two_concurrent_writers_lose_and_double_nothing(postgres, sample_run, tmp_path):
    url = postgres.new_database()
    paths = sample_run.paths
    first, second = sample_run.only(set(paths[:4])), sample_run.only(set(paths[1:]))
    assert _race(url, [first, second], rounds=3) == [0, 0]

    engine = connect(url)
    assert row_counts(engine) == expected_counts(sample_run)
    reference = str(tmp_path / "reference.db")
    write_run(reference, *sample_run.args())
    assert table_ids(engine) == table_ids(connect(reference))
    with engine.connect() as conn:  # no natural key twice, whatever the ids say
        doubled = conn.execute(sa.select(schema.mentions.c.document_id, schema.mentions.c.kind,
                                         schema.mentions.c.value, schema.mentions.c.span_start)
                               .group_by(schema.mentions.c.document_id, schema.mentions.c.kind,
                                         schema.mentions.c.value, schema.mentions.c.span_start)
                               .having(sa.func.count() > 1)).fetchall()
    assert doubled == []


def test_concurrent_writers_of_one_path_leave_one_whole_version(postgres, sample_run):
    url = postgres.new_database()
    path = sample_run.paths[2]
    one = sample_run.only({path})
    other = edited(sample_run, path, "b" * 64).only({path})
    assert _race(url, [one, other], rounds=4) == [0, 0]

    engine = connect(url)
    with engine.connect() as conn:
        held = conn.scalar(sa.select(schema.files.c.document_id).where(schema.files.c.path == path))
    winner = one if held == ids.document_id(one.files[0].sha256) else other
    assert table_ids(engine)["documents"] == {held}  # the loser's content is gone
    assert row_counts(engine) == expected_counts(winner)
