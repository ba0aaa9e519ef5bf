"""The pipeline loads the batch tables at the end of a run; a failure there costs no output."""
from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest

from sinks.database import connect, ensure_schema
from tests.conftest import SAMPLES, run_cli

pytestmark = pytest.mark.e2e  # every test here runs the real command

INPUTS = [str(SAMPLES / "000.digital.pdf"), str(SAMPLES / "003.digital.pdf")]


def count(db, table: str) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(f"select count(*) from {table}").fetchone()[0]


def lines(path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_a_failed_batch_load_is_a_sink_error_and_the_next_run_loads_it(tmp_path):
    db = tmp_path / "ingest.db"
    engine = connect(str(db))
    ensure_schema(engine)
    engine.dispose()
    with closing(sqlite3.connect(db)) as conn, conn:  # a real database error, on the batch tables only
        conn.execute("create trigger refuse before insert on tracker "
                     "begin select raise(abort, 'tracker refused'); end")

    first = run_cli(*INPUTS, "-q", out=tmp_path)
    assert first.returncode == 1 and "tracker refused" in first.stderr
    assert lines(tmp_path / "tracker.jsonl") > 0 and lines(tmp_path / "mentions.jsonl") > 0
    assert count(db, "files") == 2  # the files loaded; the batch tables, one transaction, did not
    assert count(db, "tracker") == count(db, "document_groups") == count(db, "merged_mentions") == 0

    with closing(sqlite3.connect(db)) as conn, conn:
        conn.execute("drop trigger refuse")
    again = run_cli(*INPUTS, out=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "2 of 2 files already finished" in again.stderr  # nothing read again, only loaded
    assert count(db, "tracker") == lines(tmp_path / "tracker.jsonl")
    assert count(db, "merged_mentions") == lines(tmp_path / "mentions.jsonl")
    assert count(db, "document_groups") == 2
