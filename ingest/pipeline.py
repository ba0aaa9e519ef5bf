"""Orchestration: files -> page tasks -> workers -> per-file records -> sinks.

Each file's pages are streamed, in page order, into a part file under
``DIR/.parts`` as they finish; a file whose pages are all back is finished on
the spot (its record, its extraction), so a crash loses at most the files in
flight. The final JSON Lines files are joined from the parts in input order,
so the output does not depend on which worker was faster.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import logging
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from ingest import images, ocr, pdf
from ingest.discover import FileKind, find_inputs, sha256_of, sniff
from dedup import DocumentGroup, Reading, TrackerEntry, build_tracker, group_readings, merge_mentions
from evaluation.export import to_eval
from ingest.errors import (DatabaseError, ExtractionError, ExtractionTimeoutError, FileError, IngestError,
                           MissingDependencyError, UsageError)
from ingest.executor import ProcessExecutor, page_executor
from ingest.options import RunOptions
from ingest.outdir import FINISHED, PAGES, PARTS, RECORDS, output_folder
from ingest.pages import PageTask, process_page
from schemas.extraction import ExtractionOptions
from schemas.page import ErrorRecord, FileRecord, Page
from schemas.records import DocumentRecords, MergedMention
from sinks.db import urls
from sinks.jsonl import JsonlFile, atomic_writer, concat_jsonl, dump_line, output_errors, read_jsonl, write_jsonl
from sinks.tracker import write_tracker

if TYPE_CHECKING:  # imported for real only once the workers are busy
    from review import Review
    from review.view import DocumentView
    from sinks.database import BatchView, Database

log = logging.getLogger(__name__)


class Progress(Protocol):
    def start(self, files: int, pages: int, reused: int) -> None: ...  # reused: pages of finished files
    def page_done(self, path: str, method: str | None) -> None: ...
    def file_done(self, record: FileRecord) -> None: ...


@dataclass
class SourceFile:
    path: str
    sha256: str
    kind: FileKind
    pages: int


@dataclass
class RunResult:
    out_dir: Path
    files: list[FileRecord]
    skipped: list[str]
    seconds: float
    sink_errors: list[str] = field(default_factory=list)

    @property
    def pages_by_method(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for record in self.files:
            for method, n in record.methods.items():
                totals[method] = totals.get(method, 0) + n
        return totals

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)


def inspect(path: Path, options: RunOptions) -> SourceFile:
    """What a file is and how many pages it has; typed errors for anything unreadable."""
    kind = sniff(path)
    name = str(path)
    pages = pdf.count_pages(name, options.password) if kind is FileKind.PDF else images.count_frames(name)
    return SourceFile(path=name, sha256=sha256_of(path), kind=kind, pages=pages)


class _FileState:
    """A file in flight: its pages arrive in any order and are written in order."""

    def __init__(self, source: SourceFile, part: Path):
        self.source = source
        self.part = part
        with output_errors(part):
            self._fh = part.open("w", encoding="utf-8")
        self._waiting: dict[int, Page | IngestError] = {}
        self._next = 0
        self.errors: list[ErrorRecord] = []
        self.methods: dict[str, int] = {}
        self.seconds = 0.0

    def add(self, index: int, outcome: Page | IngestError) -> None:
        self._waiting[index] = outcome
        while self._next in self._waiting:
            item = self._waiting.pop(self._next)
            if isinstance(item, Page):
                with output_errors(self.part):
                    self._fh.write(dump_line(item) + "\n")
                self.methods[item.method] = self.methods.get(item.method, 0) + 1
                self.seconds += item.seconds
            else:
                self.errors.append(_error_record(item))
            self._next += 1

    @property
    def complete(self) -> bool:
        return self._next == self.source.pages

    def finish(self) -> FileRecord:
        with output_errors(self.part):
            self._fh.close()
        ok = sum(self.methods.values())
        status = "ok" if not self.errors else ("partial" if ok else "failed")
        return FileRecord(path=self.source.path, sha256=self.source.sha256, kind=self.source.kind.value,
                          pages=self.source.pages, status=status, pages_ok=ok, methods=self.methods,
                          errors=self.errors, seconds=round(self.seconds, 3))


def warm_up_extraction() -> None:
    """Import the extractors and build their lazy state (spaCy pipeline, lexicons) once per extraction
    worker, before its first document and outside that document's time limit."""
    try:
        extract_records(([Page(source="warm-up", sha256="0" * 64, page=1, method="text",
                               text="Guatemala, 2 de enero de 2020. Compromiso 1. Actividad 1: avance 50%")],
                         None))
    except ExtractionError:  # a broken extractor fails each document, with its own error record
        pass


def extract_records(task: tuple[list[Page] | Path, ExtractionOptions | None]) -> DocumentRecords:
    """Run in the extraction worker: a file's pages, or its part file to read them from, -> its records."""
    from extractors import extract_document  # imported by the worker's warm-up

    pages, options = task
    try:
        if isinstance(pages, Path):  # read here: the main process need not hold a long file's pages
            pages = list(read_jsonl(pages, Page))
        return extract_document(pages, options)
    except MemoryError:
        raise ExtractionError("ran out of memory (worker memory cap)") from None
    except Exception as exc:  # an extractor bug must cost one file's records, not the batch
        log.debug("extraction failed", exc_info=True)
        raise ExtractionError(f"{type(exc).__name__}: {exc}") from None


def save_records(source: SourceFile, records: DocumentRecords, part: Path, out_dir: Path) -> None:
    """A file's records, saved beside its pages, plus its evaluation export.

    Not synced to disk one by one (an fsync each was milliseconds, three per input): the finished
    marker, written after them and synced, keeps their sizes, so one a crash cut short is not reused."""
    with atomic_writer(records_path(part), durable=False) as fh:
        fh.write(records.model_dump_json() + "\n")
    write_eval(source, records, out_dir, durable=False)


def eval_path(out_dir: Path, source: SourceFile) -> Path:
    """`eval/<file name>.<hash of its path>.json`: two inputs of one name in different folders get
    two files, and the name still starts with the input's stem (the scorer matches gold files by it)."""
    where = hashlib.sha256(str(Path(source.path).resolve()).encode()).hexdigest()[:8]
    return out_dir / "eval" / f"{Path(source.path).name}.{where}.json"


def write_eval(source: SourceFile, records: DocumentRecords, out_dir: Path, durable: bool = True) -> None:
    name = Path(source.path).name
    with atomic_writer(eval_path(out_dir, source), durable=durable) as fh:
        # One write: json.dump's indented output is a write call per token.
        fh.write(json.dumps(to_eval(records, name), ensure_ascii=False, indent=1))
    with output_errors(out_dir / "eval"):  # the name earlier versions gave it, shared by same-named inputs
        (out_dir / "eval" / f"{name}.json").unlink(missing_ok=True)


def finished_path(part: Path) -> Path:
    return part.with_name(part.name.replace(PAGES, FINISHED))


def _mark_finished(part: Path, options: RunOptions, record: FileRecord, loaded: str | None,
                   earlier: list[str] = (), evaluation: Path | None = None) -> None:
    """Written last and atomically: its presence means the file's parts are whole."""
    marker = {"reading": options.reading_fingerprint(), "record": record.model_dump(mode="json"),
              "loaded_into": sorted({urls.redact(url) for url in earlier} | ({loaded} if loaded else set())),
              "sizes": _sizes(part), "eval_size": _size(evaluation)}
    with atomic_writer(finished_path(part)) as fh:
        json.dump(marker, fh)


def _sizes(part: Path) -> dict[str, int]:
    """The bytes of a file's pages and records: what its marker vouches for, none of it synced alone."""
    return {path.name: path.stat().st_size for path in (part, records_path(part)) if path.exists()}


def _size(path: Path | None) -> int | None:
    return path.stat().st_size if path is not None and path.exists() else None


def _finished(out: Path, source: SourceFile, options: RunOptions) -> dict | None:
    part = part_path(out, source)
    path = finished_path(part)
    if not options.resume or not path.exists():
        return None
    marker = json.loads(path.read_text(encoding="utf-8"))
    if marker.get("reading") != options.reading_fingerprint():
        return None
    # A part that is not as long as when it was finished (cut short by a crash before the system wrote
    # it out) is read again; so is a file finished by a version that kept no sizes.
    return marker if marker.get("sizes") == _sizes(part) else None


def records_path(part: Path) -> Path:
    return part.with_name(part.name.replace(PAGES, RECORDS))


def part_path(out_dir: Path, source: SourceFile) -> Path:
    """Where a file's pages wait for the final join; two copies of one file get two parts."""
    where = hashlib.sha256(source.path.encode()).hexdigest()[:8]
    return out_dir / PARTS / f"{source.sha256[:32]}-{where}{PAGES}"


def _error_record(exc: IngestError) -> ErrorRecord:
    return ErrorRecord(type=type(exc).__name__, message=exc.message, page=exc.page)


def _failed(path: Path, exc: IngestError) -> FileRecord:
    log.error("%s", exc)
    return FileRecord(path=str(path), sha256=None if not path.is_file() else sha256_of(path),
                      kind="unknown", status="failed", errors=[_error_record(exc)])


@dataclass
class _Extracting:
    """A file whose records are being extracted, and what its finishing needs."""

    state: _FileState
    record: FileRecord
    future: Future | None  # None: no page was read, nothing to extract

    @property
    def done(self) -> bool:
        return self.future is None or self.future.done()


@dataclass
class _Batch:
    options: RunOptions
    out_dir: Path
    progress: Progress | None
    records: dict[str, FileRecord] = field(default_factory=dict)
    database: Database | None = None  # opened once the workers are busy
    sink_errors: list[str] = field(default_factory=list)
    extraction: ProcessExecutor | None = None  # one worker, forked as the page workers start
    _extracting: deque[_Extracting] = field(default_factory=deque)  # submitted, oldest first
    review: Review | None = None  # the review page, with the views of the files finished so far
    views: dict[str, DocumentView] = field(default_factory=dict)

    def tasks(self, sources: list[SourceFile]) -> Iterator[PageTask]:
        for source in sources:
            for index in range(source.pages):
                yield PageTask(path=source.path, sha256=source.sha256, kind=source.kind,
                               index=index, options=self.options)

    def run(self, sources: list[SourceFile]) -> None:
        states = {s.path: _FileState(s, part_path(self.out_dir, s)) for s in sources}
        limits = self.options.limits
        readers = page_executor(self.options)
        # Extraction is bounded in time only, as it was in the main process: --worker-memory-mb
        # sizes the page workers (a 300 MB cap fits Tesseract, not spaCy).
        self.extraction = ProcessExecutor(1, limits.extract_timeout, None, timeout_error=ExtractionTimeoutError,
                                          crash_error=ExtractionError, warm_up=warm_up_extraction)
        with self.extraction:
            # Forked before this process imports the later stages, which it alone needs: the worker
            # imports the extractors itself while the page workers read, and stays small.
            self.extraction.start()
            with readers as pool:
                outcomes = pool.map_unordered(process_page, self.tasks(sources),
                                              describe=lambda t: (t.path, t.index + 1))
                for count, (task, outcome) in enumerate(outcomes):
                    if count == 0:
                        self.prepare_later_stages()
                    state = states[task.path]
                    if isinstance(outcome, IngestError):
                        log.error("%s", outcome)
                    state.add(task.index, outcome)
                    if self.progress:
                        self.progress.page_done(task.path, getattr(outcome, "method", None))
                    if state.complete:
                        self._extract(state)
                    self._finish_extracted(wait=len(self._extracting) > _EXTRACTIONS_AHEAD)
            # The tables sink's pyarrow (40 MB) is imported only now: beside the page workers it was the
            # largest part of this process, and Tesseract's workers are gone here.
            importlib.import_module("sinks.tables")
            # The page workers are stopped here, so the last files' extractions (a long scan's one
            # extraction holds all its pages) do not run beside their memory; leaving this block
            # waits for those extractions and stops the extraction worker, so the last files'
            # loads (their pages again, in this process) do not run beside its memory either.
        while self._extracting:
            self._finish_extracted(wait=True)

    def prepare_later_stages(self) -> None:
        """Import the later stages and open the database while the workers read queued pages.

        Called in the main thread once the first page is back, so the workers are
        already forked (forking while another thread imports can deadlock a child).
        """
        for name in _LATER_STAGES:
            importlib.import_module(name)
        self.open_database()
        if self.options.review.enabled:
            from review import Review

            self.review = Review(self.out_dir, self.options)

    def open_database(self) -> None:
        from sinks.database import Database

        try:
            self.database = Database(self.database_url)
        except DatabaseError as exc:
            self._sink_error(exc)

    def _extract(self, state: _FileState) -> None:
        """A file whose pages are all back: its extraction starts in the extraction worker (within
        --extract-timeout) while this process goes on with the pages of the next files."""
        record = state.finish()
        future = self.extraction.submit(extract_records, (state.part, self.options.extraction)) \
            if record.pages_ok else None
        self._extracting.append(_Extracting(state, record, future))

    def _finish_extracted(self, wait: bool) -> None:
        """Finish the files whose extraction is over, in the order they were submitted (the worker
        takes them in that order); with `wait`, the first one at least."""
        while self._extracting and (wait or self._extracting[0].done):
            wait = False
            item = self._extracting.popleft()
            self._finish(item.state, item.record, item.future)

    def _finish(self, state: _FileState, record: FileRecord, future: Future | None) -> None:
        records = None
        if future is not None:
            records = self.extraction.outcome(future, state.source.path)
            if isinstance(records, IngestError):
                records.path = state.source.path
                log.error("%s", records)
                record.errors.append(_error_record(records))
                record.status = "partial"
                records = None
            else:
                save_records(state.source, records, state.part, self.out_dir)
        self.records[record.path] = record
        loaded = self.load(record, JsonlFile(state.part, Page), records)
        if self.review is not None:  # its crops made now, while the workers read the next files
            from review import ReviewedFile

            self.views[record.path] = self.review.view(ReviewedFile(record, records, JsonlFile(state.part, Page)))
        _mark_finished(state.part, self.options, record, loaded, evaluation=eval_path(self.out_dir, state.source))
        if self.progress:
            self.progress.file_done(record)

    def load(self, record: FileRecord, pages, records: DocumentRecords | None) -> str | None:
        """Load one file into the database; returns the database it went into (redacted), if it did."""
        if self.database is None:
            return None
        try:
            self.database.write_file(record, pages, records)
            return self.database_key
        except DatabaseError as exc:
            self._sink_error(exc)
            return None

    @property
    def database_url(self) -> str:
        return self.options.sinks.database or str((self.out_dir / "ingest.db").resolve())

    @property
    def database_key(self) -> str:
        """What the run's files say about the database: its URL without password or other secret."""
        return urls.redact(self.database_url)

    def resume(self, source: SourceFile, finished: dict) -> None:
        """A file finished by an earlier run: reuse it, loading the database only if needed."""
        record = FileRecord.model_validate(finished["record"])
        self.records[record.path] = record
        part = part_path(self.out_dir, source)
        path = records_path(part)
        records = None
        evaluation = eval_path(self.out_dir, source)
        # Removed, named otherwise, or cut short by a crash (it is not synced on its own): written again.
        if path.exists() and _size(evaluation) != finished.get("eval_size", _size(evaluation)):
            records = next(iter(read_jsonl(path, DocumentRecords)))
            write_eval(source, records, self.out_dir)
        if self.database_key not in finished.get("loaded_into", []):
            if self.database is None:
                self.open_database()
            if records is None and path.exists():
                records = next(iter(read_jsonl(path, DocumentRecords)))
            if loaded := self.load(record, JsonlFile(part, Page), records):
                _mark_finished(part, self.options, record, loaded, finished.get("loaded_into", []), evaluation)

    def load_view(self, view: BatchView) -> None:
        """Load the batch-level tables (document groups, tracker, merged mentions)."""
        if self.database is None and not self.sink_errors:
            self.open_database()
        if self.database is None:
            return
        try:
            self.database.write_batch(view)
        except DatabaseError as exc:
            self._sink_error(exc)

    def _sink_error(self, exc: IngestError) -> None:
        log.error("%s", exc)
        self.sink_errors.append(str(exc))


_LATER_STAGES = ("sinks.database", "review")  # sinks.tables waits for the page workers to stop
# Files whose pages are all read may wait this long for the extraction worker; then the pages
# wait instead, so that memory does not grow with the files read ahead.
_EXTRACTIONS_AHEAD = 4


def run(inputs: list[str], out_dir: str | Path, options: RunOptions | None = None,
        progress: Progress | None = None) -> RunResult:
    """Run the pipeline over files and folders; every outcome is in the result.

    Bad inputs, a bad database URL and an output folder that cannot be written are refused
    (UsageError, OutputError) before any work starts.
    """
    options = options or RunOptions()
    out = Path(out_dir)
    started = time.monotonic()
    paths, skipped = find_inputs(inputs)
    for path in skipped:
        log.info("skipped %s: not a PDF or image", path)
    if options.sinks.database:
        try:
            urls.check(options.sinks.database)
        except ValueError as exc:
            raise UsageError(f"--db: {exc}") from None
    with output_folder(out):
        return _run(paths, skipped, out, options, progress, started)


def _run(paths: list[Path], skipped: list[Path], out: Path, options: RunOptions, progress: Progress | None,
         started: float) -> RunResult:
    _warn_if_no_tesseract(options)
    failed: dict[str, FileRecord] = {}
    sources: list[SourceFile] = []
    for path in paths:
        try:
            sources.append(inspect(path, options))
        except FileError as exc:
            failed[str(path)] = _failed(path, exc)
    finished = {s.path: m for s in sources if (m := _finished(out, s, options)) is not None}
    todo = [s for s in sources if s.path not in finished]
    if finished:
        log.warning("%d of %d files already finished in %s: reused (--fresh reads them again)",
                    len(finished), len(sources), out)
    if progress:
        progress.start(len(paths), sum(s.pages for s in sources),
                       reused=sum(s.pages for s in sources if s.path in finished))
        for record in failed.values():
            progress.file_done(record)

    batch = _Batch(options=options, out_dir=out, progress=progress)
    if todo:
        batch.run(todo)
    for source in sources:
        if source.path in finished:
            batch.resume(source, finished[source.path])
    if failed and batch.database is None and not batch.sink_errors:
        batch.open_database()
    for record in failed.values():
        batch.load(record, [], None)

    records = [failed.get(str(p)) or batch.records[str(p)] for p in paths]
    outputs = _outputs_key(options, records, batch.database_key)
    if todo or not _outputs_current(out, outputs):
        write_jsonl(out / "files.jsonl", records)
        concat_jsonl(out / "pages.jsonl", [part_path(out, s) for s in sources])
        concat_jsonl(out / "records.jsonl", [p for p in (records_path(part_path(out, s)) for s in sources)
                                             if p.exists()])
        found = _deduplicate(out, sources)
        view = found.view(records)
        _write_tables(out, options, records, sources, found.documents, view)
        batch.load_view(view)
        if options.review.enabled:
            _write_review(out, options, records, sources, found.tracker, batch)
        if batch.sink_errors:  # something missed the database: the next run loads the batch tables again
            outputs["database"] = None
        with atomic_writer(out / PARTS / "outputs.json") as fh:
            json.dump(outputs, fh)
    if batch.database is not None:
        log.info("database rows: %s", ", ".join(f"{k} {v}" for k, v in batch.database.counts().items()))
        batch.database.close()
    return RunResult(out_dir=out, files=records, skipped=[str(p) for p in skipped],
                     seconds=round(time.monotonic() - started, 3), sink_errors=batch.sink_errors)


def _outputs_key(options: RunOptions, records: list[FileRecord], database: str) -> dict:
    """What the joined outputs were made from; the same key means they are still right.
    `database` is redacted: no password is kept on disk."""
    return {"files": [[r.path, r.sha256, r.status, len(r.errors)] for r in records],
            "reading": options.reading_fingerprint(), "tables": sorted(options.sinks.tables),
            "review": options.review.model_dump(), "database": database}


def _outputs_current(out: Path, key: dict) -> bool:
    path = out / PARTS / "outputs.json"
    names = ["files.jsonl", "pages.jsonl", "tracker.jsonl", "mentions.jsonl"]
    if key["review"]["enabled"]:
        names.append("review/index.html")
    present = all((out / name).exists() for name in names)
    return present and path.exists() and json.loads(path.read_text(encoding="utf-8")) == key


def _write_tables(out: Path, options: RunOptions, files: list[FileRecord], sources: list[SourceFile],
                  documents: list[DocumentRecords], view: BatchView) -> None:
    """JSON Lines per table always, CSV/Parquet on request."""
    from sinks.tables import write_tables

    def pages() -> Iterator[Page]:
        for source in sources:
            yield from read_jsonl(part_path(out, source), Page)

    write_tables(out / "tables", files, pages(), documents, formats={"jsonl", *options.sinks.tables},
                 view=view)


def _write_review(out: Path, options: RunOptions, files: list[FileRecord], sources: list[SourceFile],
                  tracker: list[TrackerEntry], batch: _Batch) -> None:
    """DIR/review/: every file in input order; the files this run read have their views already, the
    others' pages are read from their parts now, one page at a time."""
    from review import Review, ReviewedFile

    review = batch.review or Review(out, options)
    parts = {s.path: part_path(out, s) for s in sources}

    def view(record: FileRecord) -> DocumentView:
        if record.path in batch.views:
            return batch.views[record.path]
        part = parts.get(record.path)
        if part is None:  # failed before its pages were read
            return review.view(ReviewedFile(record, None, []))
        saved = records_path(part)
        records = next(iter(read_jsonl(saved, DocumentRecords))) if saved.exists() else None
        return review.view(ReviewedFile(record, records, JsonlFile(part, Page)))

    review.write([view(record) for record in files], tracker)


@dataclass
class Deduplicated:
    """The batch as a whole: every reading's records, the readings grouped by document, the tracker
    and the merged mentions."""

    documents: list[DocumentRecords]
    groups: list[DocumentGroup]
    tracker: list[TrackerEntry]
    merged: list[MergedMention]

    def view(self, files: list[FileRecord]) -> BatchView:
        from sinks.db.rows import BatchView  # a later stage: imported once the workers are busy

        return BatchView(files=files, groups=self.groups, tracker=self.tracker, merged=self.merged)


def _deduplicate(out: Path, sources: list[SourceFile]) -> Deduplicated:
    """Across the batch: group the readings of each document, build the tracker, merge the mentions."""
    readings = [reading for s in sources if (reading := _reading(out, s)) is not None]
    groups = group_readings(readings)
    found = Deduplicated([r.records for r in readings], groups, build_tracker(groups), merge_mentions(groups))
    write_jsonl(out / "groups.jsonl", [
        {"id": g.id, "best": g.best.source, "sources": g.sources,
         "type": g.best.records.document.type} for g in groups])
    write_tracker(out, found.tracker)
    write_jsonl(out / "mentions.jsonl", found.merged)
    return found


def _reading(out: Path, source: SourceFile) -> Reading | None:
    path = records_path(part_path(out, source))
    if not path.exists():
        return None
    records = next(iter(read_jsonl(path, DocumentRecords)))
    texts, confidences = [], []
    for page in read_jsonl(part_path(out, source), Page):  # one page at a time: only the texts are kept
        texts.append(page.text)
        if page.method == "ocr" and page.ocr_confidence is not None:
            confidences.append(page.ocr_confidence)
    return Reading(records=records, text="\n".join(texts),
                   ocr_confidence=sum(confidences) / len(confidences) if confidences else None)


def _warn_if_no_tesseract(options: RunOptions) -> None:
    try:
        ocr.engine(options.ocr.engine).check_available(options.ocr.lang)
    except MissingDependencyError as exc:
        log.warning("%s; pages without a usable text layer will fail", exc)
