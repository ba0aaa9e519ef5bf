"""What deskewing (or smoothing, despeckling, reading inverted lines, a lower render resolution) does: CER and time on the scans, with and without it, in one run.

    python benchmarks/deskew_cer.py [--level heavy|light] [--compare deskew|smooth|smooth-all|despeckle|invert|dpi-240]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SAMPLES, ingest_cmd, load, timed  # noqa: E402


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def cer_by_file(out: Path) -> dict[str, tuple[int, int]]:
    pages: dict[str, list[dict]] = {}
    for line in (out / "pages.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        pages.setdefault(Path(record["source"]).name, []).append(record)
    result = {}
    for name, found in sorted(pages.items()):
        truth = (SAMPLES / "gt" / f"{name[:3]}.gt.txt").read_text(encoding="utf-8").split("\f")
        errors = sum(Levenshtein.distance(fold(t), fold(p["text"])) for t, p in zip(truth, found))
        result[name] = (errors, sum(len(fold(t)) for t in truth))
    return result


VARIANTS = {
    "deskew": {"deskew": ["--deskew"], "no-deskew": ["--no-deskew"]},
    "smooth": {"smooth if speckled": [], "no smooth": ["--smooth", "0"]},
    "smooth-all": {"smooth every page": ["--smooth-above-speckle", "0"], "smooth if speckled": []},
    "despeckle": {"despeckle 350": ["--despeckle-above", "350", "--smooth", "0"],
                  "as scanned": ["--smooth", "0"]},
    "invert": {"upright only": [], "inverted too": ["--detect-inverted"]},
    "dpi-240": {"300 dpi": [], "240 dpi": ["--dpi", "240"]},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--level", default="heavy", choices=["heavy", "light"])
    parser.add_argument("--compare", default="deskew", choices=sorted(VARIANTS))
    args = parser.parse_args()
    files = [str(p) for p in sorted(SAMPLES.glob(f"*.scan-{args.level}.pdf"))]
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, (label, flags) in enumerate(VARIANTS[args.compare].items()):
            out = Path(tmp) / str(i)
            wall, _, _ = timed(ingest_cmd(*files, *flags, "--out", str(out)))
            rows[label] = (wall, cer_by_file(out))
    first, second = rows
    print(f"{'file':24}{'CER ' + first:>16}{'CER ' + second:>16}")
    for name in rows[first][1]:
        a, b = rows[first][1][name], rows[second][1][name]
        print(f"{name:24}{a[0] / a[1]:16.2%}{b[0] / b[1]:16.2%}")
    totals = {k: [sum(v[i] for v in r[1].values()) for i in (0, 1)] for k, r in rows.items()}
    print(f"{'all':24}{totals[first][0] / totals[first][1]:16.2%}{totals[second][0] / totals[second][1]:16.2%}")
    print(f"{'wall seconds':24}{rows[first][0]:16.1f}{rows[second][0]:16.1f}   ({load()})")


if __name__ == "__main__":
    main()
