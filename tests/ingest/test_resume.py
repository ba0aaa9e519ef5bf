"""Finished files are reused; a killed batch resumes with nothing lost or doubled."""
from __future__ import annotations

import pytest

from tests.conftest import SAMPLES, kill_mid_batch, run_cli

pytestmark = pytest.mark.e2e  # every test here runs the real command

DIGITAL = [str(SAMPLES / f"00{i}.digital.pdf") for i in range(5)]


def untimed(pages: dict[str, list[dict]]) -> dict:
    return {name: [{k: v for k, v in p.items() if k != "seconds"} for p in found] for name, found in pages.items()}


def test_second_run_reuses_finished_files(tmp_path):
    first = run_cli(*DIGITAL, "-q", out=tmp_path)
    pages = (tmp_path / "pages.jsonl").read_text()
    again = run_cli(*DIGITAL, out=tmp_path)
    assert first.returncode == again.returncode == 0
    assert "5 of 5 files already finished" in again.stderr
    assert (tmp_path / "pages.jsonl").read_text() == pages
    fresh = run_cli(*DIGITAL, "--fresh", out=tmp_path)
    assert "already finished" not in fresh.stderr
    assert untimed(fresh.pages()) == untimed(again.pages())


def test_killed_batch_resumes_without_loss_or_doubling(tmp_path):
    scans = [str(SAMPLES / n) for n in ("001.scan-light.pdf", "000.scan-light.pdf", "004.scan-light.pdf")]
    finished = kill_mid_batch(*DIGITAL, *scans, "-q", out=tmp_path, finished=6)
    assert 6 <= finished < 8, "kill did not land mid-batch"
    resumed = run_cli(*DIGITAL, *scans, out=tmp_path)
    assert resumed.returncode == 0, resumed.stderr
    assert "files already finished" in resumed.stderr
    pages = resumed.pages()
    files = resumed.files()
    assert len(files) == 8
    for name, record in files.items():
        assert [p["page"] for p in pages[name]] == list(range(1, record["pages"] + 1))
    import sqlite3
    with sqlite3.connect(tmp_path / "ingest.db") as db:
        assert db.execute("select count(*) from files").fetchone()[0] == 8
        assert db.execute("select count(*) from pages").fetchone()[0] == sum(r["pages"] for r in files.values())
