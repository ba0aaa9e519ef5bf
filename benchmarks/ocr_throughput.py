"""OCR throughput of `ingest run` against plain tesseract, in the same run, on the same pages.

Baseline: page images rendered beforehand (pypdfium2, 300 dpi, PGM), then plain
`tesseract IMG OUT -l spa` with OMP_THREAD_LIMIT=1, one process per core.
Pipeline: `python -m ingest run` on the same PDFs, start-up, rendering,
orientation checks and extraction included; once with the default engine (Tesseract's
API kept loaded per worker) and once with `--ocr-engine cli` (a tesseract process per page).
Timed runs run alone, as the baseline does; the batch's memory is sampled in a run of its own.

    python benchmarks/ocr_throughput.py [--rounds 3] [--long-pdf SCAN.pdf] [--skip-long]

Without --long-pdf, a 200-page scan is assembled from the samples' light-scan pages; plain
tesseract and the pipeline are timed on it too, where start-up weighs little.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2 as pdfium

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SAMPLES, ingest_cmd, load, timed, wall_seconds  # noqa: E402


def render_pages(pdfs: list[Path], folder: Path) -> list[Path]:
    images = []
    folder.mkdir(parents=True, exist_ok=True)
    for path in pdfs:
        doc = pdfium.PdfDocument(str(path))
        for i in range(len(doc)):
            target = folder / f"{path.stem}-{i + 1}.pgm"
            doc[i].render(scale=300 / 72, grayscale=True).to_pil().save(target)
            images.append(target)
    return images


def plain_tesseract(images: list[Path], workers: int) -> float:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def one(image: Path) -> None:
        subprocess.run(["tesseract", str(image), str(image.with_suffix("")), "-l", "spa"],
                       env=env, check=True, capture_output=True)

    started = time.perf_counter()
    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - started


def long_scan(folder: Path, pages: int) -> Path:
    """A long scanned PDF made of real scan pages, repeated."""
    target = folder / f"long-{pages}.pdf"
    out = pdfium.PdfDocument.new()
    sources = [pdfium.PdfDocument(str(p)) for p in sorted(SAMPLES.glob("*.scan-light.pdf"))]
    while len(out) < pages:
        for src in sources:
            take = min(len(src), pages - len(out))
            out.import_pages(src, list(range(take)))
            if len(out) >= pages:
                break
    out.save(str(target))
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--long-pdf", type=Path, help="a long scanned PDF (e.g. 200 pages from make_scan.py)")
    parser.add_argument("--skip-long", action="store_true", help="skip the long-PDF memory run")
    parser.add_argument("--rounds", type=int, default=3,
                        help="timed rounds, baseline and pipeline taking turns; medians are compared")
    args = parser.parse_args()
    workers = os.cpu_count() or 1
    light = sorted(SAMPLES.glob("*.scan-light.pdf"))
    digital = sorted(SAMPLES.glob("*.digital.pdf"))

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        images = render_pages(light, tmp)
        n = len(images)
        rounds = []
        for r in range(args.rounds):  # this machine's speed drifts: each round times all three
            base = plain_tesseract(images, workers)
            pipe = wall_seconds(ingest_cmd(*map(str, light), "--out", str(tmp / f"light{r}")))
            pipe_cli = wall_seconds(ingest_cmd(*map(str, light), "--ocr-engine", "cli", "--out", str(tmp / f"cli{r}")))
            rounds.append((base, pipe, pipe_cli))
            print(f"round {r + 1}: plain {base:.1f} s, ingest {pipe:.1f} s, ingest --ocr-engine cli {pipe_cli:.1f} s, "
                  f"ratio {base / pipe:.3f}", flush=True)
        base, pipe, pipe_cli = (statistics.median(column) for column in zip(*rounds))
        _, pipe_mem, _ = timed(ingest_cmd(*map(str, light), "--out", str(tmp / "light-memory")))  # untimed
        digital_pages = sum(len(pdfium.PdfDocument(str(p))) for p in digital)
        dig, dig_mem, _ = timed(ingest_cmd(*map(str, digital), "--out", str(tmp / "digital")))
        longest = max(light, key=lambda p: len(pdfium.PdfDocument(str(p))))
        _, longest_mem, _ = timed(ingest_cmd(str(longest), "--out", str(tmp / "longest")))

        print(f"machine: {workers} cores, {load()}; {n} light-scan pages from {len(light)} files")
        print(f"{'median of ' + str(args.rounds) + ' rounds':38}{'seconds':>9}{'pages/min':>11}")
        print(f"{'plain tesseract (' + str(workers) + ' procs, pre-rendered)':38}{base:9.1f}{n / base * 60:11.1f}")
        print(f"{'ingest run (start-up included)':38}{pipe:9.1f}{n / pipe * 60:11.1f}")
        print(f"{'ingest run --ocr-engine cli':38}{pipe_cli:9.1f}{n / pipe_cli * 60:11.1f}")
        print(f"ratio ingest/plain: {base / pipe:.3f}  (target >= 1.1); with --ocr-engine cli: {base / pipe_cli:.3f}")
        print(f"digital: {digital_pages} pages in {dig:.1f} s = {digital_pages / dig:.1f} pages/s "
              f"(start-up included), peak RSS {dig_mem:.0f} MiB")
        print(f"peak RSS, process tree: light batch {pipe_mem:.0f} MiB; "
              f"longest sample {longest.name} {longest_mem:.0f} MiB")
        if not args.skip_long:
            # A long run is where throughput is steady: the start-up (imports, spaCy's model, the
            # engines' loading) weighs on 18 pages and not on 200.
            long_pdf = args.long_pdf or long_scan(tmp, 200)
            pages = len(pdfium.PdfDocument(str(long_pdf)))
            long_images = render_pages([long_pdf], tmp / "long-pages")
            long_base = plain_tesseract(long_images, workers)
            for image in long_images:
                image.unlink()
            wall, mem, _ = timed(ingest_cmd(str(long_pdf), "--out", str(tmp / "long")))
            print(f"long scan {long_pdf.name}: {pages} pages; plain tesseract {long_base:.0f} s "
                  f"({pages / long_base * 60:.1f} pages/min), ingest run {wall:.0f} s "
                  f"({pages / wall * 60:.1f} pages/min), ratio {long_base / wall:.3f}; "
                  f"peak RSS {mem:.0f} MiB")


if __name__ == "__main__":
    main()
