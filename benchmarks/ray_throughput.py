"""Pages per minute of `ingest run --executor ray` against the local pool, in the same run, on the same pages.

Each round runs the whole command (start-up, extraction and database load included) into a
fresh folder, local pool first, then Ray; the median of the rounds is printed side by side.
Without --ray-address the Ray run starts a Ray on this machine with as many CPUs as the pool
has workers (and that start-up is part of its time); with it, the pages run on that cluster.

    python benchmarks/ray_throughput.py [--rounds 3] [--ray-address HOST:PORT] [INPUT ...]

Default inputs: the samples' light scans (PDF, TIFF, PNG; 27 pages of OCR).
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SAMPLES, ingest_cmd, timed  # noqa: E402


def pages_of(out: Path) -> int:
    return sum(json.loads(line)["pages"] for line in (out / "files.jsonl").read_text().splitlines())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("inputs", nargs="*")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ray-address", default=None)
    args = parser.parse_args()
    inputs = args.inputs or [str(p) for p in sorted(SAMPLES.glob("*.scan-light.*"))]
    ray = ["--executor", "ray"] + (["--ray-address", args.ray_address] if args.ray_address else [])
    rates: dict[str, list[float]] = {"local": [], "ray": []}
    pages = 0
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            for name, extra in (("local", []), ("ray", ray)):
                out = Path(tmp) / f"{name}-{round_}"
                wall, _, code = timed(ingest_cmd(*inputs, "--out", str(out), *extra))
                if code not in (0, 1):
                    sys.exit(f"{name} run exited {code}")
                pages = pages_of(out)
                rates[name].append(pages / wall * 60)
    local, ray_rate = statistics.median(rates["local"]), statistics.median(rates["ray"])
    print(f"{pages} pages, {len(inputs)} files, median of {args.rounds} rounds, {os.cpu_count()} cores; "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} (a shared machine)")
    print(f"{'executor':<10}{'pages/min':>10}   rounds")
    for name, rate in (("local", local), ("ray", ray_rate)):
        print(f"{name:<10}{rate:>10.1f}   {', '.join(f'{r:.1f}' for r in rates[name])}")
    print(f"ray / local: {ray_rate / local:.2f}")


if __name__ == "__main__":
    main()
