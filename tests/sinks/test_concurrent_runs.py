"""Two `ingest run` processes loading one PostgreSQL database at once lose no rows and double none.

Each run has its own output folder; both share two files and each has one of
its own, as two people feeding one database from overlapping folders would.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from sinks.database import connect, row_counts
from sinks.db import schema
from tests.sinks.support import ROOT, table_ids

pytestmark = pytest.mark.e2e  # every test here runs the real command

SAMPLES = ROOT / "samples"
SHARED = [SAMPLES / "000.digital.pdf", SAMPLES / "001.digital.pdf"]
RUNS = [SHARED + [SAMPLES / "002.digital.pdf"], SHARED + [SAMPLES / "003.digital.pdf"]]

# What names a row besides its id: none of these may appear twice.
NATURAL_KEYS = {
    "files": ["path"],
    "documents": ["sha256"],
    "pages": ["document_id", "page"],
    "document_groups": ["document_id"],
    "tracker": ["commitment", "milestone", "activity"],
    "merged_mentions": ["kind", "value"],
}


def command(inputs: list[Path], out: Path, url: str) -> list[str]:
    return [sys.executable, "-m", "ingest", "run", *map(str, inputs), "--out", str(out), "--db", url,
            "--workers", "1", "-q"]


def run_together(commands: list[list[str]], logs: Path) -> None:
    """Start every command at once, as separate CLI processes, and wait for all of them."""
    logs.mkdir(exist_ok=True)
    processes = []
    for i, cmd in enumerate(commands):
        with (logs / f"{i}.stderr").open("w") as stderr:
            processes.append(subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr))
    codes = [process.wait(timeout=300) for process in processes]
    errors = [(logs / f"{i}.stderr").read_text() for i in range(len(commands))]
    assert codes == [0] * len(commands), errors


def doubled(engine: sa.Engine) -> dict[str, list]:
    found = {}
    with engine.connect() as conn:
        for name, columns in NATURAL_KEYS.items():
            table = schema.metadata.tables[name]
            key = [table.c[c] for c in columns]
            found[name] = conn.execute(sa.select(*key).group_by(*key).having(sa.func.count() > 1)).all()
    return {name: rows for name, rows in found.items() if rows}


def test_two_cli_runs_at_once_equal_the_same_runs_one_after_the_other(postgres, tmp_path):
    together, apart = postgres.new_database(), postgres.new_database()
    outs = [tmp_path / "a", tmp_path / "b"]
    run_together([command(inputs, out, together) for inputs, out in zip(RUNS, outs)], tmp_path / "logs")
    for i, inputs in enumerate(RUNS):
        run_together([command(inputs, tmp_path / f"apart-{i}", apart)], tmp_path / "logs")

    engine, reference = connect(together), connect(apart)
    counts = row_counts(engine)
    assert counts == row_counts(reference)
    assert counts["files"] == 4 and counts["document_groups"] == 4 and counts["tracker"] > 0
    assert table_ids(engine) == table_ids(reference)
    assert doubled(engine) == {}
