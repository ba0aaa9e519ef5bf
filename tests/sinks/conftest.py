"""Fixtures of the sink tests: one real pipeline run, one real PostgreSQL server."""
from __future__ import annotations

import pytest

from tests.sinks.support import ROOT, PostgresServer, Run, pipeline_run


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> Run:
    """The digital samples through the real CLI (text layers only: a few seconds)."""
    inputs = sorted((ROOT / "samples").glob("*.digital.pdf"))
    return pipeline_run(inputs, tmp_path_factory.mktemp("sinks-run"))


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    """A fresh empty database of each kind."""
    if request.param == "sqlite":
        return str(tmp_path / "ingest.db")
    return request.getfixturevalue("postgres").new_database()


@pytest.fixture(scope="session")
def postgres():
    server = PostgresServer().start()
    yield server
    server.stop()
