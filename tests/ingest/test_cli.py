"""The command's contract: exit codes, progress and summary on stderr, limits as error records."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import EXTERNAL, ROOT, SAMPLES, run_cli
from tests.pdfs import endless_page_pdf

pytestmark = pytest.mark.e2e  # every test here runs the real command

def test_all_ok_exits_zero_with_progress_and_summary(tmp_path):
    run = run_cli(str(SAMPLES / "001.digital.pdf"), out=tmp_path)
    assert run.returncode == 0
    assert "pages" in run.stderr and "1 files: 1 ok, 0 partial, 0 failed" in run.stderr
    assert (tmp_path / "files.jsonl").exists() and (tmp_path / "pages.jsonl").exists()


def test_folder_skips_non_documents_but_says_so(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "notes.txt").write_text("not a document")
    (folder / "a.pdf").write_bytes((SAMPLES / "001.digital.pdf").read_bytes())
    run = run_cli(str(folder), "-v", out=tmp_path / "out")
    assert run.returncode == 0
    assert "skipped" in run.stderr and "notes.txt" in run.stderr
    assert list(run.files()) == ["a.pdf"]


def test_bad_usage_has_its_own_exit_code(tmp_path):
    missing = run_cli(str(tmp_path / "nope.pdf"), out=tmp_path / "o")
    assert missing.returncode == 2 and "no such file" in missing.stderr
    proc = subprocess.run([sys.executable, "-m", "ingest", "run", str(SAMPLES)], capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.returncode == 2 and "--out" in proc.stderr


def test_page_timeout_stops_the_worker_and_the_batch_goes_on(tmp_path):
    """Independent of the machine's load: the stuck page takes minutes on any machine (its text layer
    is 40 million operators), the text pages a fraction of a second, the limit is 5 s between them."""
    endless = endless_page_pdf(tmp_path / "endless.pdf", operators=40_000_000)
    run = run_cli(str(endless), str(SAMPLES / "000.digital.pdf"), "--page-timeout", "5", "-q", out=tmp_path / "out")
    assert run.returncode == 1
    files = run.files()
    (error,) = files["endless.pdf"]["errors"]
    assert error["type"] == "PageTimeoutError" and error["page"] == 1
    assert files["000.digital.pdf"]["status"] == "ok"


def test_worker_memory_cap_gives_an_error_record(tmp_path):
    run = run_cli(str(EXTERNAL / "ocrmypdf-hugemono.pdf"), str(SAMPLES / "000.digital.pdf"),
                  "--worker-memory-mb", "300", "-q", out=tmp_path)
    assert run.returncode == 1
    files = run.files()
    (error,) = files["ocrmypdf-hugemono.pdf"]["errors"]
    assert error["type"] in {"PageMemoryError", "WorkerCrashedError", "OcrError"}
    assert error["page"] == 1
    assert files["000.digital.pdf"]["status"] == "ok"


def test_rerun_updates_the_database_instead_of_doubling(tmp_path):
    import sqlite3

    inputs = [str(SAMPLES / "001.digital.pdf"), str(SAMPLES / "003.digital.pdf")]

    def counts() -> dict[str, int]:
        with sqlite3.connect(tmp_path / "ingest.db") as db:
            names = [r[0] for r in db.execute("select name from sqlite_master where type='table' "
                                              "and name not like 'alembic%'")]
            return {n: db.execute(f"select count(*) from {n}").fetchone()[0] for n in names}

    assert run_cli(*inputs, "-q", "--tables", "csv", out=tmp_path).returncode == 0
    first = counts()
    assert first["files"] == 2 and first["activities"] > 0
    assert (tmp_path / "tables" / "activities.csv").exists() and (tmp_path / "tables" / "flags.jsonl").exists()
    assert run_cli(*inputs, "-q", out=tmp_path).returncode == 0
    assert counts() == first


def test_schema_command_writes_a_json_schema_per_record_type(tmp_path):
    import json

    proc = subprocess.run([sys.executable, "-m", "ingest", "schema", "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    written = {p.name: json.loads(p.read_text()) for p in tmp_path.glob("*.schema.json")}
    assert set(written) == {"FileRecord.schema.json", "Page.schema.json", "DocumentRecords.schema.json"}
    records = written["DocumentRecords.schema.json"]
    assert {"Activity", "Milestone", "Provenance", "Flag"} <= set(records["$defs"])
    assert "progress" in records["$defs"]["Activity"]["properties"]
