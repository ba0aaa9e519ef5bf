"""Peak memory of the whole process tree of `ingest run` on one long scan, at several page counts.

The scans are made of the samples' light-scan pages, repeated (as in ocr_throughput.py);
each count is one run of `python -m ingest run`, and the resident memory of the main
process and all its workers, summed (RSS, and PSS, which counts shared pages once), is
sampled every 0.1 s. Flat means the peak does not
grow with the page count. With `--baseline REF` the same runs are made with the tree of
an earlier commit too (taken with `git archive`, run with this tree's environment).

    python benchmarks/memory_scale.py [--pages 50 100 200] [--baseline REF]
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, ingest_cmd, measure, tree_at  # noqa: E402
from ocr_throughput import long_scan  # noqa: E402



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[50, 100, 200])
    parser.add_argument("--baseline", help="git commit also measured, e.g. 65b4a16")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        trees = {"this tree": ROOT}
        if args.baseline:
            trees[args.baseline] = tree_at(args.baseline, tmp / "baseline")
        rows = []
        for pages in args.pages:
            scan = long_scan(tmp, pages)
            for name, tree in trees.items():
                run = measure(ingest_cmd(str(scan), "--out", str(tmp / f"out-{pages}-{len(rows)}")), cwd=tree)
                rows.append((name, pages, run))
                print(f"{name}: {pages} pages in {run.seconds:.0f} s, peak RSS sum {run.peak_rss_mib:.0f} MiB, "
                      f"PSS sum {run.peak_pss_mib:.0f} MiB (exit {run.exit_code}), "
                      f"load average {os.getloadavg()[0]:.2f}", flush=True)
    print(f"{os.cpu_count()} cores, shared machine (load average now {os.getloadavg()[0]:.2f})")
    print(f"{'tree':14}{'pages':>7}{'seconds':>9}{'peak RSS sum MiB':>18}{'peak PSS sum MiB':>18}")
    for name, pages, run in rows:
        print(f"{name:14}{pages:7}{run.seconds:9.0f}{run.peak_rss_mib:18.0f}{run.peak_pss_mib:18.0f}")
    print("target: peak <= 500 MB (477 MiB) at 200 pages, flat in page count. RSS counts the pages a forked "
          "worker shares with its parent once per process; PSS divides them among the sharers")


if __name__ == "__main__":
    main()
