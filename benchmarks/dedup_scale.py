"""Time and peak memory of deduplication on 100,000 synthetic activity records, beside a baseline.

20,000 synthetic documents of 5 activities each; every document is read twice
(a clean reading and a noisy one, as a digital PDF and its scan would be), so
grouping must pair 40,000 readings without comparing all pairs, and the tracker
must fold 200,000 activity readings into 100,000 entries.

The baseline is the `dedup` package of an earlier commit (`--baseline`, default the
one before grouping got its numpy shingle hashes and its LCS bound), taken with
`git archive` and run on the same records in a process of its own; rounds alternate
between the two, and the results of both must be the same groups and entries.

    python benchmarks/dedup_scale.py [--documents N] [--rounds R] [--baseline REF]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, tree_at  # noqa: E402

VOCAB_SIZE = 50_000
BASELINE = "65b4a16"  # main before the dedup speed-ups of issue 13


def synthetic(documents: int, seed: int = 7) -> list:
    from dedup import Reading
    from schemas.records import Activity, Document, DocumentRecords, Period

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


def measure(documents: int) -> dict:
    """One process, one code version: generate, group, build the tracker."""
    from dedup import build_tracker, group_readings

    t0 = time.perf_counter()
    readings = synthetic(documents)
    t1 = time.perf_counter()
    groups = group_readings(readings)
    t2 = time.perf_counter()
    entries = build_tracker(groups)
    t3 = time.perf_counter()
    digest = hashlib.sha256()
    for group in groups:
        digest.update(json.dumps([group.id, group.sources]).encode())
    for entry in entries:
        digest.update(entry.model_dump_json().encode())
    return {"generate": t1 - t0, "group": t2 - t1, "tracker": t3 - t2, "dedup": t3 - t1,
            "groups": len(groups), "entries": len(entries), "digest": digest.hexdigest()[:16],
            "records": sum(len(r.records.activities) for r in readings) // 2,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}



def run_child(documents: int, code: Path | None) -> dict:
    cmd = [sys.executable, __file__, "--documents", str(documents), "--measure"]
    if code is not None:
        cmd += ["--code", str(code)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=1, help="rounds, baseline and this tree taking turns")
    parser.add_argument("--baseline", default=BASELINE, help="git commit whose dedup/ is the baseline")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.code:
        sys.path.insert(0, str(args.code))  # its dedup package before this tree's
    if args.measure:
        print(json.dumps(measure(args.documents)))
        return

    results: dict[str, list[dict]] = {"baseline": [], "this tree": []}
    with tempfile.TemporaryDirectory() as tmp:
        old = tree_at(args.baseline, Path(tmp), "dedup")
        for r in range(args.rounds):
            results["baseline"].append(run_child(args.documents, old))
            results["this tree"].append(run_child(args.documents, None))
            print(f"round {r + 1}: baseline {results['baseline'][-1]['dedup']:.1f} s, "
                  f"this tree {results['this tree'][-1]['dedup']:.1f} s", flush=True)
    first = results["this tree"][0]
    print(f"{args.documents} documents, {2 * args.documents} readings, {first['records']} activity records; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} (shared machine)")
    print(f"{'median of ' + str(args.rounds) + ' rounds':26}{'group s':>9}{'tracker s':>11}{'dedup s':>9}"
          f"{'peak MiB':>10}  groups, entries, digest")
    for name, rows in results.items():
        med = {k: statistics.median(row[k] for row in rows) for k in ("group", "tracker", "dedup", "peak_mib")}
        label = f"{name} ({args.baseline})" if name == "baseline" else name
        print(f"{label:26}{med['group']:9.1f}{med['tracker']:11.1f}{med['dedup']:9.1f}{med['peak_mib']:10.0f}"
              f"  {rows[0]['groups']}, {rows[0]['entries']}, {rows[0]['digest']}")
    same = len({row["digest"] for rows in results.values() for row in rows}) == 1
    print(f"same groups and tracker entries as the baseline: {'yes' if same else 'NO'}; target: dedup <= 10 s")
    assert first["groups"] == args.documents and first["entries"] == first["records"]


if __name__ == "__main__":
    main()
