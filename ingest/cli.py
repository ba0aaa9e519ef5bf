"""Command line: `ingest run`, `ingest evaluate`, `ingest schema`.

The only place where errors become exit codes.
"""
from __future__ import annotations

import logging
import sys
from datetime import timedelta
from enum import IntEnum
from typing import get_args

import annotated_types
import click
import pydantic
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn

from ingest.errors import IngestError, MissingDependencyError, OutputError, UsageError
from ingest.ocr import EngineName
from ingest.options import LimitOptions, OcrOptions, ReviewOptions, RunOptions, SinkOptions
from schemas.extraction import ExtractionOptions

log = logging.getLogger("ingest")


class ExitCode(IntEnum):
    OK = 0
    SOME_FILES_FAILED = 1  # the batch finished; files.jsonl says which and why
    USAGE = 2  # bad options or inputs (nothing to read included), refused before any work
    MISSING_DEPENDENCY = 3
    INTERNAL = 70
    CANNOT_WRITE = 73  # the output folder or a file in it cannot be written (sysexits' EX_CANTCREAT)


def _pages_per_second(task) -> float | None:
    """This run's pages over this run's time: pages of files reused from an earlier run are in the
    bar's count but not in the rate (nor, through it, in the time left)."""
    done = task.completed - task.fields.get("reused", 0)
    elapsed = task.finished_time if task.finished else task.elapsed
    return done / elapsed if done > 0 and elapsed else None


class _RateColumn(ProgressColumn):
    def render(self, task):
        rate = _pages_per_second(task)
        return f"{rate * 60:5.1f} pages/min" if rate else "    - pages/min"


class _RemainingColumn(ProgressColumn):
    def render(self, task):
        rate = _pages_per_second(task)
        if task.finished or task.remaining == 0:
            return "eta 0:00:00"
        return f"eta {timedelta(seconds=round(task.remaining / rate))}" if rate else "eta -:--:--"


class BatchProgress:
    """Rich progress bar on stderr, fed by the pipeline."""

    def __init__(self, console: Console, enabled: bool):
        self._bar = Progress(TextColumn("[bold]pages"), BarColumn(), MofNCompleteColumn(),
                             TextColumn("{task.fields[note]}"), _RateColumn(), TimeElapsedColumn(),
                             _RemainingColumn(), console=console, disable=not enabled, transient=False)
        self._task = None

    def __enter__(self):
        return self

    def __exit__(self, *_):
        if self._task is not None:
            self._bar.stop()

    def start(self, files: int, pages: int, reused: int = 0) -> None:
        """Called once the run's checks have passed: a refused run shows no bar."""
        self._bar.start()
        self._task = self._bar.add_task("pages", total=pages, completed=reused, reused=reused,
                                        note=f"({reused} reused)" if reused else "")
        log.info("%d files, %d pages (%d reused)", files, pages, reused)

    def page_done(self, path: str, method: str | None) -> None:
        self._bar.advance(self._task)

    def file_done(self, record) -> None:
        if record.status == "ok":
            log.debug("%s: ok (%d pages)", record.path, record.pages)
        else:
            log.warning("%s: %s (%d errors)", record.path, record.status, len(record.errors))


def _setup_logging(console: Console, verbose: int, quiet: bool) -> None:
    level = logging.ERROR if quiet else (logging.DEBUG if verbose > 1 else
                                         logging.INFO if verbose == 1 else logging.WARNING)
    # Rich wraps long lines for people; logs read by programs keep one record per line.
    handler = (RichHandler(console=console, show_path=False, markup=False) if console.is_terminal
               else logging.StreamHandler(sys.stderr))
    if not console.is_terminal:
        handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)


def _range(model: type[pydantic.BaseModel], name: str) -> click.ParamType:
    """A click range with the bounds of the option's field, so both refuse the same values."""
    field = model.model_fields[name]
    bounds: dict = {}
    for rule in field.metadata:
        if isinstance(rule, annotated_types.Ge):
            bounds["min"] = rule.ge
        elif isinstance(rule, annotated_types.Gt):
            bounds.update(min=rule.gt, min_open=True)
        elif isinstance(rule, annotated_types.Le):
            bounds["max"] = rule.le
        elif isinstance(rule, annotated_types.Lt):
            bounds.update(max=rule.lt, max_open=True)
    return click.IntRange(**bounds) if field.annotation is int else click.FloatRange(**bounds)


class _Formats(click.ParamType):
    """Comma-separated table formats, each one of SinkOptions.tables' choices."""

    name = "FORMATS"
    choices = get_args(get_args(SinkOptions.model_fields["tables"].annotation)[0])

    def convert(self, value, param, ctx) -> list[str]:
        if isinstance(value, list):
            return value
        formats = [f.strip().lower() for f in value.split(",") if f.strip()]
        for f in formats:
            if f not in self.choices:
                self.fail(f"{f!r} is not one of {', '.join(map(repr, self.choices))}", param, ctx)
        return formats


_OPTION_OF_FIELD = {"database": "db", "nlp_model": "spacy-model", "engine": "ocr-engine"}


def _first_problem(exc: pydantic.ValidationError) -> str:
    error = exc.errors()[0]
    name = next((str(part) for part in reversed(error["loc"]) if isinstance(part, str)), "option")
    return f"--{_OPTION_OF_FIELD.get(name, name).replace('_', '-')}: {error['msg']}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ingest")
def cli() -> None:
    """Turn scanned letters and progress reports into validated, traceable records."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Output folder (created if missing).")
@click.option("--lang", default=OcrOptions().lang, show_default=True, help="Tesseract language(s).")
@click.option("--dpi", type=_range(OcrOptions, "dpi"), default=OcrOptions().dpi, show_default=True,
              help="Render resolution for OCR.")
@click.option("--password", default=None, envvar="INGEST_PDF_PASSWORD", show_envvar=True,
              help="Password for encrypted PDFs.")
@click.option("--workers", type=_range(RunOptions, "workers"), default=None,
              help="Worker processes [default: one per core].")
@click.option("--executor", type=click.Choice(get_args(RunOptions.model_fields["executor"].annotation)),
              default=RunOptions().executor, show_default=True,
              help="Where pages run: local, a process pool on this machine; ray, Ray tasks (the ray extra).")
@click.option("--ray-address", default=None, metavar="HOST:PORT", envvar="INGEST_RAY_ADDRESS", show_envvar=True,
              help="Ray cluster to run pages on with --executor ray  [default: start a Ray for the run]")
@click.option("--page-timeout", type=_range(LimitOptions, "page_timeout"), default=LimitOptions().page_timeout,
              show_default=True, help="Seconds a page may take before its worker is stopped.")
@click.option("--extract-timeout", type=_range(LimitOptions, "extract_timeout"),
              default=LimitOptions().extract_timeout, show_default=True,
              help="Seconds the extraction of one document's records may take before its worker is stopped.")
@click.option("--worker-memory-mb", type=_range(LimitOptions, "worker_memory_mb"),
              default=LimitOptions().worker_memory_mb, show_default=True,
              help="Address-space cap of each page worker.")
@click.option("--deskew/--no-deskew", default=OcrOptions().deskew, show_default=True,
              help="Undo small skew before OCR.")
@click.option("--smooth", type=click.FloatRange(0, 5), default=OcrOptions().smooth, show_default=True,
              metavar="SIGMA", help="Blur speckled pages before OCR (Gaussian sigma in pixels at 300 dpi); "
                                    "0: never.")
@click.option("--smooth-above-speckle", type=_range(OcrOptions, "smooth_above_speckle"),
              default=OcrOptions().smooth_above_speckle, show_default=True, metavar="SPECKLE",
              help="Which pages are speckled: those with more isolated dark pixels per million; 0: every page.")
@click.option("--despeckle-above", type=_range(OcrOptions, "despeckle_above"), default=OcrOptions().despeckle_above,
              show_default=True, metavar="SPECKLE",
              help="Also paint over the isolated specks of pages with more speckle than this; 0: never.")
@click.option("--detect-inverted/--no-detect-inverted", default=OcrOptions().detect_inverted, show_default=True,
              help="Let Tesseract also read doubtful lines as white on black (slower; for reversed-out banners).")
@click.option("--ocr-engine", "engine", type=click.Choice(get_args(EngineName)), default=OcrOptions().engine,
              show_default=True, help="api: Tesseract kept loaded in each worker (tesserocr); "
                                      "cli: a tesseract process per page (pytesseract).")
@click.option("--db", "database", default=None, envvar="INGEST_DB", show_envvar=True,
              help="SQLite path or postgresql://user@host/db URL  [default: OUT/ingest.db]")
@click.option("--tables", type=_Formats(), default="",
              help="Also write these per record type: csv, parquet (comma-separated).")
@click.option("--fresh", is_flag=True, help="Read every file again, even those already finished in OUT.")
@click.option("--spacy-model", "nlp_model", default=None, metavar="NAME",
              help="Installed spaCy model (e.g. es_core_news_sm) whose morphology tells future and pending "
                   "action in progress statements  [default: a lexicon of such forms]")
@click.option("--review-lang", type=click.Choice(get_args(ReviewOptions.model_fields["lang"].annotation)),
              default=ReviewOptions().lang, show_default=True, help="Language of OUT/review/index.html.")
@click.option("--no-review", is_flag=True, help="Do not write OUT/review/ (the review page and its crops).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors; no progress bar.")
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")
def run(inputs, out_dir, lang, dpi, password, workers, executor, ray_address, page_timeout, extract_timeout,
        worker_memory_mb, deskew, smooth, smooth_above_speckle, despeckle_above, detect_inverted, engine,
        database, tables, fresh, nlp_model, review_lang,
        no_review, quiet, verbose) -> None:
    """Ingest INPUTS (files and folders of PDFs, TIFF, PNG, JPEG) into OUT."""
    from ingest.pipeline import run as run_pipeline

    console = Console(stderr=True)
    _setup_logging(console, verbose, quiet)
    try:
        options = RunOptions(
            ocr=OcrOptions(engine=engine, lang=lang, dpi=dpi, deskew=deskew, smooth=smooth,
                           smooth_above_speckle=smooth_above_speckle, despeckle_above=despeckle_above,
                           detect_inverted=detect_inverted),
            limits=LimitOptions(page_timeout=page_timeout, extract_timeout=extract_timeout,
                                worker_memory_mb=worker_memory_mb),
            sinks=SinkOptions(database=database, tables=tables),
            review=ReviewOptions(enabled=not no_review, lang=review_lang),
            extraction=ExtractionOptions(nlp_model=nlp_model),
            password=password, resume=not fresh, executor=executor, ray_address=ray_address,
            **({"workers": workers} if workers is not None else {}))
    except pydantic.ValidationError as exc:  # what click's types did not already refuse (a NaN)
        raise UsageError(_first_problem(exc)) from None
    with BatchProgress(console, enabled=not quiet) as progress:
        result = run_pipeline(list(inputs), out_dir, options, progress=progress)
    if not quiet:
        _print_summary(console, result, review=options.review.enabled)
    failed = result.count("failed") + result.count("partial") + len(result.sink_errors)
    sys.exit(ExitCode.SOME_FILES_FAILED if failed else ExitCode.OK)


@cli.command()
@click.argument("pred_dir", type=click.Path(exists=True, file_okay=False))
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def evaluate(pred_dir, gold_dir, as_json) -> None:
    """Score ingest-eval/1 predictions (PRED_DIR, e.g. OUT/eval) against gold files."""
    import json

    from evaluation.scoring import evaluate_dirs, format_report

    report = evaluate_dirs(pred_dir, gold_dir)
    click.echo(json.dumps(report, indent=1) if as_json else format_report(report))


@cli.command()
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Folder to write one <Record>.schema.json per record type into.")
def schema(out_dir) -> None:
    """Write the JSON Schema of every record type."""
    from ingest.api import write_schemas

    for path in write_schemas(out_dir):
        click.echo(str(path))


def _print_summary(console: Console, result, review: bool) -> None:
    methods = ", ".join(f"{n} {m}" for m, n in sorted(result.pages_by_method.items())) or "none"
    console.print(
        f"[bold]{len(result.files)} files[/]: {result.count('ok')} ok, {result.count('partial')} partial, "
        f"{result.count('failed')} failed; pages: {methods}; {result.seconds:.1f} s"
        + (f"; {len(result.skipped)} other files skipped" if result.skipped else ""))
    console.print(f"output: {result.out_dir}/ (files, pages, records, mentions, tracker .jsonl; tables/; eval/; "
                  f"{'review/index.html; ' if review else ''}"
                  f"ingest.db unless --db)")


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:  # one line, as for our own errors
        ctx = getattr(exc, "ctx", None)
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        click.echo(f"error: {exc.format_message()}{hint}", err=True)
        sys.exit(ExitCode.USAGE)
    except click.exceptions.Abort:
        sys.exit(ExitCode.INTERNAL)
    except UsageError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.USAGE)
    except MissingDependencyError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.MISSING_DEPENDENCY)
    except OutputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.CANNOT_WRITE)
    except IngestError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.INTERNAL)
    except Exception:  # a bug: say so with the traceback, and never exit 1 ("some files failed")
        log.exception("internal error; please report it with this traceback")
        sys.exit(ExitCode.INTERNAL)
