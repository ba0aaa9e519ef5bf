"""A database password given to a run is used, and never written into the output folder."""
from __future__ import annotations

import json

import pytest

from sinks.database import connect, row_counts
from tests.conftest import SAMPLES, run_cli

pytestmark = pytest.mark.e2e  # every test here runs the real command

PASSWORD = "S3cr3t-pw"


def holding_the_password(out) -> list:
    return [p.relative_to(out) for p in out.rglob("*") if p.is_file() and PASSWORD.encode() in p.read_bytes()]


def test_the_database_password_is_not_kept_in_the_output_folder(postgres, tmp_path):
    plain = postgres.new_database()  # the test server trusts local users: any password is accepted
    url = plain.replace("postgresql://postgres@", f"postgresql://postgres:{PASSWORD}@")
    inputs = [str(SAMPLES / "000.digital.pdf"), str(SAMPLES / "003.digital.pdf")]
    out = tmp_path / "out"
    first = run_cli(*inputs, "--db", url, "-q", out=out)
    assert first.returncode == 0, first.stderr
    assert holding_the_password(out) == []
    again = run_cli(*inputs, "-v", out=out, env={"INGEST_DB": url})  # the same database, from the environment
    assert again.returncode == 0, again.stderr
    assert "2 of 2 files already finished" in again.stderr

    assert row_counts(connect(plain))["files"] == 2  # loaded, with the password
    redacted = plain.replace("postgresql://postgres@", "postgresql://postgres:***@")
    assert json.loads((out / ".parts" / "outputs.json").read_text())["database"] == redacted
    for marker in (out / ".parts").glob("*.finished.json"):
        assert json.loads(marker.read_text())["loaded_into"] == [redacted]
    assert holding_the_password(out) == []
    assert PASSWORD not in first.stderr + again.stderr
