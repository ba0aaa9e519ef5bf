"""What the writer does when a page image cannot be made, and when the page is not wanted."""
from __future__ import annotations

import json
import shutil

from ingest.options import ReviewOptions, RunOptions
from review import ReviewedFile, write_review
from schemas.page import FileRecord, Page
from schemas.records import DocumentRecords
from sinks.jsonl import read_jsonl
from tests.conftest import SAMPLES, run_cli

LABELS = json.loads((SAMPLES.parent / "review" / "data" / "labels.json").read_text(encoding="utf-8"))


def _reviewed(out) -> list[ReviewedFile]:
    files = list(read_jsonl(out / "files.jsonl", FileRecord))
    records = {r.document.source: r for r in read_jsonl(out / "records.jsonl", DocumentRecords)}
    pages = list(read_jsonl(out / "pages.jsonl", Page))
    return [ReviewedFile(f, records.get(f.path), [p for p in pages if p.source == f.path]) for f in files]


def test_no_review_writes_no_page_and_a_vanished_file_gives_notes_not_a_failure(tmp_path):
    source = tmp_path / "letter.pdf"
    shutil.copy(SAMPLES / "000.digital.pdf", source)
    out = tmp_path / "out"
    run = run_cli(str(source), "--no-review", "-q", out=out)
    assert run.returncode == 0, run.stderr
    assert not (out / "review").exists()

    reviewed = _reviewed(out)
    source.unlink()  # moved away after the run: no page image to cut crops from
    page = write_review(out, reviewed, [], RunOptions(review=ReviewOptions(lang="en")))
    html = page.read_text(encoding="utf-8")
    assert LABELS["en"]["no_image"] in html
    assert "No such file or directory" in html
    assert not any((out / "review").rglob("*.png"))
    assert all(f.kind in html for f in reviewed[0].records.flags)


def test_a_changed_file_gives_no_crops_of_other_pages(tmp_path):
    source = tmp_path / "letter.pdf"
    shutil.copy(SAMPLES / "000.digital.pdf", source)
    out = tmp_path / "out"
    assert run_cli(str(source), "-q", out=out).returncode == 0
    crops = out / "review" / "crops"
    assert list(crops.glob("*.png")), "the run itself cut crops"

    shutil.copy(SAMPLES / "001.digital.pdf", source)  # another document under the same name
    html = write_review(out, _reviewed(out), [], RunOptions()).read_text(encoding="utf-8")
    assert LABELS["es"]["no_image"] in html
    assert not list(crops.glob("*.png")), "crops of the old file are not shown, so they are removed"
