"""`DIR/review/index.html` and its crops: one static page for the people who check the claims.

No server and no network: the page is one file with its CSS and script inline, and the crops are
PNG files beside it, so it opens from file:// on any machine the folder is copied to.
"""
from __future__ import annotations

import json
import logging
import os
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, PackageLoader, StrictUndefined
from PIL import Image

from dedup import TrackerEntry
from ingest.options import RunOptions
from review.crops import PageImages, png
from review.view import DocumentView, document_view
from schemas.page import FileRecord, Page
from schemas.records import DocumentRecords
from sinks.jsonl import atomic_writer, output_errors

log = logging.getLogger(__name__)

REVIEW = "review"
CROPS = "crops"
_CROPS_AHEAD = 32  # crops waiting for the writer threads at most (each at most a few hundred KB)


@dataclass
class ReviewedFile:
    """One input file as the review page sees it: what happened to it, its records and pages."""

    file: FileRecord
    records: DocumentRecords | None
    pages: Iterable[Page]  # in page order; read once, one at a time


@dataclass
class _TrackerRow:
    entry: TrackerEntry
    key: str
    docs: list[str]
    kinds: list[str]


class Review:
    """The review page in the making: each file's view, and its crops, as soon as the file is done
    (`view`, while the workers read the next files), then the page itself, with the tracker (`write`)."""

    def __init__(self, out_dir: Path, options: RunOptions):
        self.out_dir = out_dir
        self.options = options
        self.crops = out_dir / REVIEW / CROPS
        self.written: set[str] = set()
        self._writers: ThreadPoolExecutor | None = None
        self._pending: deque[Future] = deque()

    def _save(self, name: str, crop: Image.Image) -> None:
        """Shrunk, encoded and written by two threads: PIL's resampling and zlib, and the file system,
        let go of the GIL, so the crops (a few milliseconds each, thousands a batch) are made beside
        this process's other work instead of before it."""
        self.written.add(name)
        if self._writers is None:
            self._writers = ThreadPoolExecutor(2, thread_name_prefix="review-crops")
        self._pending.append(self._writers.submit(self._write_crop, name, crop))
        while len(self._pending) > _CROPS_AHEAD or (self._pending and self._pending[0].done()):
            self._pending.popleft().result()  # a failed write stops the run here, as it did unthreaded

    def _write_crop(self, name: str, crop: Image.Image) -> None:
        data = png(crop)
        # Written again even when present: one torn by a crash before the sync in `write` is mended.
        with atomic_writer(self.crops / name, "wb", durable=False) as fh:
            fh.write(data)

    def _wait_for_crops(self) -> None:
        while self._pending:
            self._pending.popleft().result()
        if self._writers is not None:
            self._writers.shutdown()
            self._writers = None

    def view(self, reviewed: ReviewedFile) -> DocumentView:
        """One file's part of the page; its pages are read one at a time: only the current page, and
        its image, are held in memory."""
        review = self.options.review
        images = PageImages(reviewed.file.path, self.options, review.dpi)
        return document_view(reviewed.file, reviewed.records, reviewed.pages, images, review.dpi,
                             review.low_confidence, self._save)

    def write(self, documents: list[DocumentView], tracker: list[TrackerEntry]) -> Path:
        """The page, from every file's view in input order; crops no longer shown are removed."""
        review, out_dir, folder = self.options.review, self.out_dir, self.out_dir / REVIEW
        ids = {d.source: d.id for d in documents}
        rows = [_TrackerRow(entry=e, key=".".join("–" if n is None else str(n)
                                                   for n in (e.commitment, e.milestone, e.activity)),
                            docs=[ids[s] for s in e.sources if s in ids],
                            kinds=sorted({f.split(":", 1)[0] for f in e.flags})) for e in tracker]
        kinds = sorted({f.kind for d in documents for f in d.flags} | {k for r in rows for k in r.kinds})
        labels = _labels()[review.lang]
        html = _template().render(
            lang=review.lang, t=labels, documents=documents, tracker=rows, kinds=kinds, out_dir=out_dir.name,
            low_confidence=review.low_confidence,
            flag_label=lambda kind: labels["flag_kinds"].get(kind, [kind, ""])[0],
            flag_meaning=lambda kind: labels["flag_kinds"].get(kind, [kind, ""])[1])
        self._wait_for_crops()
        os.sync()  # the crops, all at once, before the page that shows them
        page = folder / "index.html"
        with atomic_writer(page) as fh:
            fh.write(html)
        _remove_stale(self.crops, self.written)
        return page


def write_review(out_dir: Path, files: Iterable[ReviewedFile], tracker: list[TrackerEntry],
                 options: RunOptions) -> Path:
    """Write the page and the crops it shows; crops no longer shown are removed. Returns the page's path.

    `files` is consumed one at a time, and each file's pages one at a time.
    """
    review = Review(out_dir, options)
    return review.write([review.view(reviewed) for reviewed in files], tracker)


def _remove_stale(crops: Path, keep: set[str]) -> None:
    if not crops.is_dir():
        return
    for path in crops.iterdir():
        if path.suffix == ".png" and path.name not in keep:
            with output_errors(path):
                path.unlink(missing_ok=True)


@cache
def _labels() -> dict:
    return json.loads((Path(__file__).parent / "data" / "labels.json").read_text(encoding="utf-8"))


@cache
def _template():
    env = Environment(loader=PackageLoader("review", "templates"), autoescape=True, undefined=StrictUndefined)
    return env.get_template("index.html.j2")
