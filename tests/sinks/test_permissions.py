"""Every file a run writes gets the permissions any file the user creates gets: 0666 less the umask."""
from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from sinks.jsonl import atomic_writer
from tests.sinks.support import ROOT


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_atomic_writes_follow_the_umask(tmp_path):
    for umask, wanted in ((0o002, 0o664), (0o077, 0o600), (0o022, 0o644)):
        old = os.umask(umask)
        try:
            with atomic_writer(tmp_path / "out.jsonl") as fh:
                fh.write("{}\n")
        finally:
            os.umask(old)
        assert mode(tmp_path / "out.jsonl") == wanted, oct(umask)


@pytest.mark.e2e
def test_every_output_of_a_run_follows_the_umask(tmp_path):
    """umask 002 (a shared group folder): mkstemp would give 0600, SQLite alone 0644."""
    out = tmp_path / "out"
    inputs = [ROOT / "samples" / name for name in ("000.digital.pdf", "003.digital.pdf")]
    cmd = [sys.executable, "-m", "ingest", "run", *map(str, inputs), "--out", str(out),
           "--tables", "csv,parquet", "-q"]
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300, umask=0o002)
    assert proc.returncode == 0, proc.stderr

    written = {path.relative_to(out).as_posix(): mode(path) for path in out.rglob("*") if path.is_file()}
    assert {"files.jsonl", "pages.jsonl", "records.jsonl", "groups.jsonl", "tracker.jsonl", "tracker.csv",
            "ingest.db", "tables/tracker.jsonl", "tables/tracker.csv",
            "tables/tracker.parquet", ".parts/outputs.json", ".parts/lock", "review/index.html"} <= set(written)
    assert [name for name in written if name.startswith("review/crops/")]
    assert [name for name in written if name.startswith("eval/003.digital.pdf.")]
    assert {name: oct(m) for name, m in written.items() if m != 0o664} == {}
