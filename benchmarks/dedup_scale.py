"""Time and peak memory of deduplication on 100,000 synthetic activity records.

20,000 synthetic documents of 5 activities each; every document is read twice
(a clean reading and a noisy one, as a digital PDF and its scan would be), so
grouping must pair 40,000 readings without comparing all pairs, and the tracker
must fold 200,000 activity readings into 100,000 entries.

    python benchmarks/dedup_scale.py [--documents N]
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from dedup import Reading, build_tracker, group_readings  # noqa: E402
from schemas.records import Activity, Document, DocumentRecords, Period  # noqa: E402

VOCAB_SIZE = 50_000


def synthetic(documents: int, seed: int = 7) -> list[Reading]:
    rng = random.Random(seed)
    vocab = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 11)))
             for _ in range(VOCAB_SIZE)]
    readings = []
    for d in range(documents):
        words = rng.choices(vocab, k=300)
        text = " ".join(words)
        scan = " ".join(w if rng.random() > 0.05 else w[:-1] + "x" for w in words)
        activities = [Activity(commitment=d, milestone=1 + a // 3, number=a + 1,
                               title=" ".join(words[a * 5:a * 5 + 5]), progress=rng.choice([None, 50, 100]),
                               periods=[Period(start="2019-03", end="2019-06")]) for a in range(5)]
        for k, (body, conf) in enumerate(((text, None), (scan, 85.0))):
            doc = Document(type="progress_report", source=f"doc{d}-{k}.pdf", sha256=f"{d:032x}{k:032x}")
            readings.append(Reading(records=DocumentRecords(document=doc, activities=activities),
                                    text=body, ocr_confidence=conf))
    return readings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    args = parser.parse_args()
    t0 = time.perf_counter()
    readings = synthetic(args.documents)
    t1 = time.perf_counter()
    groups = group_readings(readings)
    t2 = time.perf_counter()
    entries = build_tracker(groups)
    t3 = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    records = sum(len(r.records.activities) for r in readings) // 2
    print(f"{args.documents} documents, {len(readings)} readings, {records} activity records")
    print(f"generate {t1 - t0:.1f} s | group {t2 - t1:.1f} s -> {len(groups)} groups | "
          f"tracker {t3 - t2:.1f} s -> {len(entries)} entries | dedup total {t3 - t1:.1f} s "
          f"(target < 30 s) | peak RSS {peak:.0f} MiB")
    assert len(groups) == args.documents and len(entries) == records


if __name__ == "__main__":
    main()
