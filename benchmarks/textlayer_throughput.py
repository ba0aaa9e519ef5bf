"""Text-layer throughput of a whole `ingest run`, start-up included, beside two baselines in the same run.

On the corpus's digital PDFs (`corpus/*/pdf/*.digital.pdf`), rounds taking turns:

- plain pdfplumber: one process opening every file and taking each page's `extract_text()`,
  start-up included: the text layer alone, without anything the pipeline adds;
- the baseline tree: `python -m ingest run` of an earlier commit (`--baseline`, default the one
  before issue 13's speed-ups), taken with `git archive` and run with this tree's environment;
- this tree: `python -m ingest run`.

Medians are compared; the machine's load average is printed with them, as other jobs may share it.
Both pipelines must write the same records.jsonl (and the same eval files).

    python benchmarks/textlayer_throughput.py [--rounds 3] [--baseline REF]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, ingest_cmd, timed, tree_at  # noqa: E402

BASELINE = "65b4a16"  # main before issue 13's speed-ups
PLAIN = "import sys, pdfplumber\nfor path in sys.argv[1:]:\n    with pdfplumber.open(path) as pdf:\n" \
        "        for page in pdf.pages:\n            page.extract_text()\n            page.close()\n"



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", default=BASELINE, help="git commit run as the baseline tree")
    args = parser.parse_args()
    pdfs = [str(p) for p in sorted(ROOT.glob("corpus/*/pdf/*.digital.pdf"))]
    pages = sum(len(pdfium.PdfDocument(p)) for p in pdfs)
    runs: dict[str, list[float]] = {"plain pdfplumber": [], f"ingest run, {args.baseline}": [], "ingest run, this tree": []}
    memory: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        old = tree_at(args.baseline, tmp / "baseline")
        for r in range(args.rounds):
            plain, _, _ = timed([sys.executable, "-c", PLAIN, *pdfs])
            base, memory["baseline"], _ = timed(ingest_cmd(*pdfs, "--out", str(tmp / f"base{r}")), cwd=old)
            mine, memory["this tree"], _ = timed(ingest_cmd(*pdfs, "--out", str(tmp / f"mine{r}")))
            for name, seconds in zip(runs, (plain, base, mine)):
                runs[name].append(seconds)
            print(f"round {r + 1}: plain {plain:.1f} s, baseline {base:.1f} s, this tree {mine:.1f} s, "
                  f"load average {os.getloadavg()[0]:.2f}", flush=True)
        same = all((tmp / f"base{r}" / "records.jsonl").read_bytes() == (tmp / f"mine{r}" / "records.jsonl").read_bytes()
                   for r in range(args.rounds))
    print(f"{len(pdfs)} digital PDFs, {pages} pages; {os.cpu_count()} cores, shared machine "
          f"(load average now {os.getloadavg()[0]:.2f})")
    print(f"{'median of ' + str(args.rounds) + ' rounds':34}{'seconds':>9}{'pages/s':>9}")
    for name, seconds in runs.items():
        med = statistics.median(seconds)
        print(f"{name:34}{med:9.1f}{pages / med:9.1f}")
    print(f"peak RSS of the process tree, last round: baseline {memory['baseline']:.0f} MiB, "
          f"this tree {memory['this tree']:.0f} MiB")
    print(f"records.jsonl byte-identical to the baseline's: {'yes' if same else 'NO'}; target: >= 15 pages/s")


if __name__ == "__main__":
    main()
