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


def test_a_part_cut_short_is_read_again_and_a_cut_eval_written_again(tmp_path):
    """Records and eval files are not synced one by one: the marker's sizes catch one a crash cut short."""
    first = run_cli(*DIGITAL[:2], "-q", "--no-review", out=tmp_path)
    records = (tmp_path / "records.jsonl").read_bytes()
    evals = {p.name: p.read_bytes() for p in (tmp_path / "eval").iterdir()}
    sorted((tmp_path / "eval").iterdir())[0].write_bytes(b"")
    again = run_cli(*DIGITAL[:2], "--no-review", out=tmp_path)
    assert "2 of 2 files already finished" in again.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "eval").iterdir()} == evals
    part = sorted((tmp_path / ".parts").glob("*.records.json"))[0]
    part.write_bytes(part.read_bytes()[:10])
    third = run_cli(*DIGITAL[:2], "--no-review", out=tmp_path)
    assert first.returncode == again.returncode == third.returncode == 0
    assert "1 of 2 files already finished" in third.stderr
    assert (tmp_path / "records.jsonl").read_bytes() == records
    assert {p.name: p.read_bytes() for p in (tmp_path / "eval").iterdir()} == evals
