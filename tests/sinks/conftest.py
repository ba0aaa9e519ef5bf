"""Fixtures of the sink tests: one real pipeline run (the databases, `url` and `postgres`, are in tests/conftest.py)."""
from __future__ import annotations

import pytest

from tests.conftest import once_per_session, run_cli
from tests.sinks.support import ROOT, Run, load_run


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory) -> Run:
    """The digital samples through the real CLI (text layers only: a few seconds)."""
    inputs = sorted((ROOT / "samples").glob("*.digital.pdf"))
    run = once_per_session(tmp_path_factory, "sinks-run", lambda out: run_cli(*map(str, inputs), "-q", out=out))
    assert run.returncode == 0, run.stderr
    return load_run(run.out)

