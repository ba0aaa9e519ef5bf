"""The extractors' fingerprint changes with their data, so resumed runs do not keep stale records."""
from __future__ import annotations

import shutil
import subprocess
import sys

from tests.conftest import ROOT

PRINT = "import extractors; print(extractors.fingerprint())"


def _fingerprint(where) -> str:
    return subprocess.run([sys.executable, "-c", PRINT], cwd=where, capture_output=True, text=True,
                          check=True, env={"PYTHONPATH": str(where)}).stdout.strip()


def test_a_changed_data_file_changes_the_fingerprint(tmp_path):
    for package in ("extractors", "schemas", "validation"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    before = _fingerprint(tmp_path)
    assert before == _fingerprint(tmp_path)
    grammar = tmp_path / "extractors" / "data" / "grammar.json"
    grammar.write_text(grammar.read_text("utf-8").replace('"tarea"', '"tareas"'), "utf-8")
    assert _fingerprint(tmp_path) != before



def test_a_changed_claim_check_changes_the_fingerprint(tmp_path):
    """The checks run inside extraction: records resumed from before a change to them would keep old flags."""
    for package in ("extractors", "schemas", "validation"):
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    before = _fingerprint(tmp_path)
    future = tmp_path / "validation" / "patterns" / "future.jsonl"
    future.write_text(future.read_text("utf-8") + "\n", "utf-8")
    assert _fingerprint(tmp_path) != before
