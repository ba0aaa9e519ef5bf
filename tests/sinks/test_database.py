"""The database sink on both databases (SQLite by default, PostgreSQL with `--db`), on real sample records.

Behaviour one kind of database has and the other has not (SQLite's pragmas, PostgreSQL
row locks) is tested in test_database_sqlite.py and test_database_postgres.py.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from sinks import ids
from sinks.database import connect, ensure_schema, row_counts, write_run
from sinks.db import migrate, schema
from tests.sinks.support import edited, expected_counts, race, table_ids, table_rows


def test_counts_match_the_records(url, sample_run):
    assert write_run(url, *sample_run.args()) == expected_counts(sample_run)


def test_rerun_changes_nothing(url, sample_run):
    first = write_run(url, *sample_run.args())
    engine = connect(url)
    ids_before = table_ids(engine)
    rows_before = {name: table_rows(engine, name) for name in schema.metadata.tables}
    assert write_run(url, *sample_run.args()) == first
    assert table_ids(engine) == ids_before
    assert {name: table_rows(engine, name) for name in schema.metadata.tables} == rows_before


def test_same_ids_in_both_databases(postgres, sample_run, tmp_path):
    pg = postgres.new_database()
    write_run(pg, *sample_run.args())
    write_run(str(tmp_path / "ingest.db"), *sample_run.args())
    assert table_ids(connect(pg)) == table_ids(connect(str(tmp_path / "ingest.db")))


def test_changed_file_replaces_its_records(url, sample_run):
    write_run(url, *sample_run.args())
    engine = connect(url)
    path = sample_run.documents[2].document.source
    old_doc = ids.document_id(sample_run.documents[2].document.sha256)
    others = {n: [r for r in table_rows(engine, n) if r.get("document_id") != old_doc]
              for n in ("pages", "activities", "mentions")}

    changed = edited(sample_run, path, "e" * 64)
    assert write_run(url, *changed.args()) == expected_counts(changed)

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


def test_migrations_reach_the_metadata_with_cascading_keys(url):
    engine = connect(url)
    assert ensure_schema(engine) == migrate.head_revision()
    assert ensure_schema(engine) == migrate.head_revision()  # a second call is a no-op
    with engine.connect() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
        assert compare_metadata(MigrationContext.configure(conn), schema.metadata) == []
    inspector = sa.inspect(engine)
    for table in schema.CHILDREN:
        assert inspector.get_pk_constraint(table.name)["constrained_columns"] == ["id"]
        [fk] = inspector.get_foreign_keys(table.name)
        assert (fk["referred_table"], fk["constrained_columns"], fk["options"].get("ondelete")) == \
            ("documents", ["document_id"], "CASCADE")
    [fk] = inspector.get_foreign_keys("files")
    assert fk["referred_table"] == "documents" and fk["options"].get("ondelete") == "SET NULL"


def test_two_concurrent_writers_lose_and_double_nothing(url, sample_run):
    paths = sample_run.paths
    first, second = sample_run.only(set(paths[:4])), sample_run.only(set(paths[1:]))
    assert race(url, [first, second], rounds=3) == [0, 0]

    engine = connect(url)
    assert row_counts(engine) == expected_counts(sample_run)
    with engine.connect() as conn:  # no natural key twice, whatever the ids say
        mentions = schema.mentions.c
        key = (mentions.document_id, mentions.kind, mentions.value, mentions.span_start)
        doubled = conn.execute(sa.select(*key).group_by(*key).having(sa.func.count() > 1)).fetchall()
    assert doubled == []
