"""What only PostgreSQL can show: writers of one path racing on row locks.

These tests fail, never skip, when the server cannot be started. The behaviour both
databases share is tested on each in test_database.py.
"""
from __future__ import annotations

import sqlalchemy as sa

from sinks import ids
from sinks.database import connect, row_counts
from sinks.db import schema
from tests.sinks.support import edited, expected_counts, race, table_ids


def test_concurrent_writers_of_one_path_leave_one_whole_version(postgres, sample_run):
    url = postgres.new_database()
    path = sample_run.paths[2]
    one = sample_run.only({path})
    other = edited(sample_run, path, "b" * 64).only({path})
    assert race(url, [one, other], rounds=4) == [0, 0]

    engine = connect(url)
    with engine.connect() as conn:
        held = conn.scalar(sa.select(schema.files.c.document_id).where(schema.files.c.path == path))
    winner = one if held == ids.document_id(one.files[0].sha256) else other
    assert table_ids(engine)["documents"] == {held}  # the loser's content is gone
    assert row_counts(engine) == expected_counts(winner)
