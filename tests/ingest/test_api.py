"""The README's Python example runs as written."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLES

pytestmark = pytest.mark.e2e  # every test here runs the real command

def _readme_examples() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", readme, flags=re.S)


def _run_example(example: str, tmp_path) -> str:
    (tmp_path / "samples").mkdir()
    shutil.copy(SAMPLES / "003.digital.pdf", tmp_path / "samples")
    proc = subprocess.run([sys.executable, "-c", example], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout


def test_readme_has_its_two_examples():
    assert len(_readme_examples()) == 2


def test_readme_python_example_runs(tmp_path):
    first, second = _run_example(_readme_examples()[0], tmp_path).splitlines()
    assert first == "1 {'text': 5}"
    assert second.startswith("progress_report [(5, 100.0)")


def test_readme_options_example_runs(tmp_path):
    """The example of a run with other extraction thresholds reads its file too."""
    assert _run_example(_readme_examples()[1], tmp_path).split() == ["1"]
    assert (tmp_path / "out-strict" / "records.jsonl").stat().st_size > 0
