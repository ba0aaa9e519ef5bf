"""Cost of the review page: reruns over finished files, with it and without it, taking turns.

A first run reads the inputs (OCR included). Each later run reuses every file and only writes the
batch outputs again (files, pages and records joined, dedup, tracker, tables, the database's batch
tables), because switching `--no-review` changes what they were made from; the runs with the page
start without `review/`, so every crop is rendered and cut again. Medians of three rounds each.

    python benchmarks/review.py [INPUT ...]     (default: samples/)
"""
from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SAMPLES, ingest_cmd, timed  # noqa: E402

ROUNDS = 3


def main() -> None:
    inputs = sys.argv[1:] or [str(SAMPLES)]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        first, first_mb, _ = timed(ingest_cmd(*inputs, "--out", tmp))
        without, with_page = [], []
        for _ in range(ROUNDS):
            without.append(timed(ingest_cmd(*inputs, "--out", tmp, "--no-review")))
            shutil.rmtree(out / "review", ignore_errors=True)
            with_page.append(timed(ingest_cmd(*inputs, "--out", tmp)))
        crops = list((out / "review" / "crops").glob("*.png"))
        size = sum(p.stat().st_size for p in crops) + (out / "review" / "index.html").stat().st_size
    base, review = (statistics.median(r[0] for r in runs) for runs in (without, with_page))
    base_mb, review_mb = (max(r[1] for r in runs) for runs in (without, with_page))
    print(f"first run (OCR included) {first:.1f} s, peak {first_mb:.0f} MiB")
    print(f"rerun writing the batch outputs: without the review page {base:.1f} s (peak {base_mb:.0f} MiB), "
          f"with it {review:.1f} s (peak {review_mb:.0f} MiB): the page costs {review - base:.1f} s, "
          f"{(review - base) / first:.1%} of the first run")
    print(f"review/: {len(crops)} crops, {size / 2**20:.1f} MiB in all ({size / max(1, len(crops)) / 1024:.1f} KiB "
          f"a crop with the page)")


if __name__ == "__main__":
    main()
