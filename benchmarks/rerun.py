"""Time of a second run over an unchanged folder, against the first, in one run (target < 5 %).

    python benchmarks/rerun.py [INPUT ...]     (default: samples/)
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SAMPLES, ingest_cmd, timed  # noqa: E402


def main() -> None:
    inputs = sys.argv[1:] or [str(SAMPLES)]
    with tempfile.TemporaryDirectory() as tmp:
        first, _, _ = timed(ingest_cmd(*inputs, "--out", tmp))
        second, _, _ = timed(ingest_cmd(*inputs, "--out", tmp))
    print(f"first run {first:.1f} s, second run {second:.1f} s, ratio {second / first:.1%} (target < 5%)")


if __name__ == "__main__":
    main()
