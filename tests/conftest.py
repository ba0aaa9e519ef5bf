"""Shared fixtures: real runs of the real CLI over real files, once per session.

Once per session means once for all of pytest-xdist's workers too: the first worker that needs a
run makes it in the session's shared temporary folder, under a file lock, and the others read
what it left there (pytest-xdist's "making session-scoped fixtures execute only once").

Markers: every test is `e2e` (runs the real command, itself or through one of the session runs)
or `unit` (calls the code directly); `-m unit` runs the quick half.
"""
from __future__ import annotations

import dataclasses
import fcntl
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
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


def run_cli(*args: str, out: Path, timeout: float = 900, env: dict[str, str] | None = None) -> Run:
    cmd = [sys.executable, "-m", "ingest", "run", *args, "--out", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          env=None if env is None else {**os.environ, **env})
    return Run(proc.returncode, proc.stdout, proc.stderr, out)


def kill_mid_batch(*args: str, out: Path, finished: int) -> int:
    """Start `ingest run ARGS --out OUT`, kill -9 its whole process group (workers included) once
    `finished` files are finished (or after 300 s); how many files were finished then."""
    cmd = [sys.executable, "-m", "ingest", "run", *args, "--out", str(out)]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    parts = out / ".parts"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len(list(parts.glob("*.finished.json"))) < finished:
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    return len(list(parts.glob("*.finished.json")))


def once_per_session(tmp_path_factory, name: str, make: Callable[[Path], Run]) -> Run:
    """make(out) run once for the whole session, whichever xdist worker asks first; the same Run for all."""
    if "PYTEST_XDIST_WORKER" not in os.environ:  # one process: nothing to share
        return make(tmp_path_factory.mktemp(name))
    shared = tmp_path_factory.getbasetemp().parent  # this session's folder, common to its workers
    saved = shared / f"{name}.run.json"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # the others wait here while the first one runs it
        if saved.exists():
            fields = json.loads(saved.read_text(encoding="utf-8"))
            return Run(**{**fields, "out": Path(fields["out"])})
        run = make(shared / name)
        saved.write_text(json.dumps({**dataclasses.asdict(run), "out": str(run.out)}), encoding="utf-8")
        return run


@pytest.fixture(scope="session")
def external_run(tmp_path_factory) -> Run:
    """The whole external corpus in one batch, as a user would run it."""
    return once_per_session(tmp_path_factory, "external",
                            lambda out: run_cli(str(EXTERNAL), "--page-timeout", "120", "-q", out=out))


@pytest.fixture(scope="session")
def samples_run(tmp_path_factory) -> Run:
    """Every sample in every form: digital, light and heavy scans, TIFF, PNG, mixed, rotated."""
    names = [p.name for p in sorted(SAMPLES.glob("*.scan-*.*"))] + [
        p.name for p in sorted(SAMPLES.glob("*.digital.pdf"))] + ["rotated.pdf", "mixed.pdf"]
    return once_per_session(tmp_path_factory, "samples",
                            lambda out: run_cli(*[str(SAMPLES / n) for n in names], out=out))


@pytest.fixture(scope="session")
def postgres():
    """A real PostgreSQL server on a private port (tests/sinks/support.py), for every test that loads one."""
    from tests.sinks.support import PostgresServer

    server = PostgresServer().start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    """A fresh empty database of each kind."""
    if request.param == "sqlite":
        return str(tmp_path / "ingest.db")
    return request.getfixturevalue("postgres").new_database()


SESSION_RUNS = {"external_run", "samples_run", "sample_run"}  # fixtures that run the real command


def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("e2e") is None:
            item.add_marker(pytest.mark.e2e if SESSION_RUNS & set(item.fixturenames) else pytest.mark.unit)


# --- extraction helpers (shared by tests/extractors and tests/validation) ---

from extractors import extract_document  # noqa: E402
from schemas.page import Page  # noqa: E402


def make_pages(text: str, method: str = "text") -> list[Page]:
    return [Page(source="doc.pdf", sha256="0" * 64, page=i + 1, method=method, text=t)
            for i, t in enumerate(text.split("\f"))]


def scanned_pages(text: str) -> list[Page]:
    """OCR pages whose every word has a box and a confidence, as Tesseract gives them."""
    from schemas.page import Box, Word
    pages = make_pages(text, "ocr")
    for p in pages:
        p.words = [Word(text=m.group(0), start=m.start(), end=m.end(), confidence=90.0,
                        box=Box(x0=10 * m.start(), y0=0, x1=10 * m.end(), y1=20))
                   for m in re.finditer(r"\S+", p.text)]
    return pages


@pytest.fixture
def extract():
    return lambda text, method="text": extract_document(make_pages(text, method))
