"""Dev script: run extraction on sample text and write `ingest-eval/1` predictions.

    python benchmarks/eval_samples.py OUT_DIR [--gt samples/gt] [TEXT_FILE ...]
    python benchmarks/eval_samples.py OUT_DIR --pages RUN/pages.jsonl [--only GLOB]

Ground-truth text files (`NNN.gt.txt`) become `NNN.digital.pdf` documents with
method 'text'; other text files given (`NNN.scan-light.txt`, pages split on form
feeds) become `NNN.scan-light.pdf` documents with method 'ocr'.

`--pages` reads the pipeline's own `pages.jsonl` (one `schemas.page.Page` per
line), groups the pages by `source` and writes `<file name>.json` for each
source, exactly as `ingest run` would (`extract_document` then `to_eval`).
`--only` keeps the sources whose file name matches a glob (repeatable), e.g.
`--only '*.scan-light.pdf'`. Score the output directory with the reference
scorer against samples/gold.
"""
from __future__ import annotations

import argparse
import fnmatch
import hashlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from evaluation.export import to_eval  # noqa: E402
from extractors import extract_document  # noqa: E402
from schemas.page import Page  # noqa: E402


def pages_of(path: Path, source: str, method: str) -> list[Page]:
    text = path.read_text("utf-8")
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    parts = [p for p in text.split("\f")]
    while len(parts) > 1 and not parts[-1].strip():
        parts.pop()
    return [Page(source=source, sha256=sha, page=i + 1, method=method, text=p)
            for i, p in enumerate(parts)]


def write(records, name: str, out_dir: Path) -> Path:
    target = out_dir / f"{name}.json"
    target.write_text(json.dumps(to_eval(records, name), ensure_ascii=False, indent=2), "utf-8")
    return target


def run(path: Path, out_dir: Path) -> Path:
    stem = path.name.split(".")[0]
    if path.name.endswith(".gt.txt"):
        source, method = f"{stem}.digital.pdf", "text"
    else:
        source, method = path.name.rsplit(".", 1)[0] + ".pdf", "ocr"
    return write(extract_document(pages_of(path, source, method)), source, out_dir)


def read_pages(path: Path) -> dict[str, list[Page]]:
    """Pages of a pages.jsonl grouped by source, in page order."""
    groups: dict[str, list[Page]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                page = Page.model_validate_json(line)
                groups.setdefault(page.source, []).append(page)
    return {s: sorted(ps, key=lambda p: p.page) for s, ps in groups.items()}


def run_pages(path: Path, out_dir: Path, only: list[str] | None = None) -> list[Path]:
    written = []
    for source, pages in read_pages(path).items():
        name = Path(source).name
        if only and not any(fnmatch.fnmatch(name, g) for g in only):
            continue
        written.append(write(extract_document(pages), name, out_dir))
    return written


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--gt", help="directory of NNN.gt.txt files")
    ap.add_argument("--pages", help="a pipeline pages.jsonl")
    ap.add_argument("--only", action="append", help="glob on source file names (with --pages)")
    ap.add_argument("texts", nargs="*", help="OCR text files (pages split on form feeds)")
    args = ap.parse_args(argv)
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    files = sorted(Path(args.gt).glob("*.gt.txt")) if args.gt else []
    for f in files + [Path(t) for t in args.texts]:
        print(run(f, out))
    if args.pages:
        for target in run_pages(Path(args.pages), out, args.only):
            print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
