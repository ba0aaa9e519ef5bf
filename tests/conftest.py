"""Shared fixtures: real runs of the real CLI over real files, once per session."""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
EXTERNAL = ROOT / "tests" / "resources" / "external"


@dataclass
class Run:
    """The outputs of one `python -m ingest run`."""

    returncode: int
    stdout: str
    stderr: str
    out: Path

    def files(self) -> dict[str, dict]:
        return {Path(r["path"]).name: r for r in _jsonl(self.out / "files.jsonl")}

    def pages(self) -> dict[str, list[dict]]:
        found: dict[str, list[dict]] = {}
        for record in _jsonl(self.out / "pages.jsonl"):
            found.setdefault(Path(record["source"]).name, []).append(record)
        return found


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_cli(*args: str, out: Path, timeout: float = 900) -> Run:
    cmd = [sys.executable, "-m", "ingest", "run", *args, "--out", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    return Run(proc.returncode, proc.stdout, proc.stderr, out)


@pytest.fixture(scope="session")
def external_run(tmp_path_factory) -> Run:
    """The whole external corpus in one batch, as a user would run it."""
    return run_cli(str(EXTERNAL), "--page-timeout", "120", "-q", out=tmp_path_factory.mktemp("external"))


@pytest.fixture(scope="session")
def samples_run(tmp_path_factory) -> Run:
    """Every sample in every form: digital, light and heavy scans, TIFF, PNG, mixed, rotated."""
    names = [p.name for p in sorted(SAMPLES.glob("*.scan-*.*"))] + [
        p.name for p in sorted(SAMPLES.glob("*.digital.pdf"))] + ["rotated.pdf", "mixed.pdf"]
    return run_cli(*[str(SAMPLES / n) for n in names], out=tmp_path_factory.mktemp("samples"))


# --- extraction helpers (shared by tests/extractors and tests/validation) ---

from extractors import extract_document  # noqa: E402
from schemas.page import Page  # noqa: E402


def make_pages(text: str, method: str = "text") -> list[Page]:
    return [Page(source="doc.pdf", sha256="0" * 64, page=i + 1, method=method, text=t)
            for i, t in enumerate(text.split("\f"))]


@pytest.fixture
def extract():
    return lambda text, method="text": extract_document(make_pages(text, method))
