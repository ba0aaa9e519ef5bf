"""Command line: `ingest run`, `ingest evaluate`, `ingest schema`.

The only place where errors become exit codes.
"""
from __future__ import annotations

import logging
import sys
from enum import IntEnum
from typing import get_args

import click
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                           TimeRemainingColumn)

from ingest.errors import IngestError, MissingDependencyError, UsageError
from ingest.ocr import EngineName
from ingest.options import LimitOptions, OcrOptions, RunOptions, SinkOptions

log = logging.getLogger("ingest")


class ExitCode(IntEnum):
    OK = 0
    SOME_FILES_FAILED = 1  # the batch finished; files.jsonl says which and why
    USAGE = 2
    MISSING_DEPENDENCY = 3
    INTERNAL = 70


class _RateColumn(TextColumn):
    def __init__(self):
        super().__init__("")

    def render(self, task):
        speed = task.finished_speed or task.speed
        return f"{speed * 60:5.1f} pages/min" if speed else "    - pages/min"


class BatchProgress:
    """Rich progress bar on stderr, fed by the pipeline."""

    def __init__(self, console: Console, enabled: bool):
        self._bar = Progress(TextColumn("[bold]pages"), BarColumn(), MofNCompleteColumn(), _RateColumn(),
                             TimeElapsedColumn(), TextColumn("eta"), TimeRemainingColumn(),
                             console=console, disable=not enabled, transient=False)
        self._task = None

    def __enter__(self):
        self._bar.start()
        return self

    def __exit__(self, *_):
        self._bar.stop()

    def start(self, files: int, pages: int) -> None:
        self._task = self._bar.add_task("pages", total=pages)
        log.info("%d files, %d pages", files, pages)

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ingest")
def cli() -> None:
    """Turn scanned letters and progress reports into validated, traceable records."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False),
              help="Output folder (created if missing).")
@click.option("--lang", default=OcrOptions().lang, show_default=True, help="Tesseract language(s).")
@click.option("--dpi", default=OcrOptions().dpi, show_default=True, help="Render resolution for OCR.")
@click.option("--password", default=None, help="Password for encrypted PDFs.")
@click.option("--workers", type=int, default=None, help="Worker processes [default: one per core].")
@click.option("--page-timeout", type=float, default=LimitOptions().page_timeout, show_default=True,
              help="Seconds a page may take before its worker is stopped.")
@click.option("--worker-memory-mb", type=int, default=LimitOptions().worker_memory_mb, show_default=True,
              help="Address-space cap of each worker.")
@click.option("--deskew/--no-deskew", default=OcrOptions().deskew, show_default=True,
              help="Undo small skew before OCR.")
@click.option("--smooth", type=click.FloatRange(0, 5), default=OcrOptions().smooth, show_default=True,
              metavar="SIGMA", help="Blur speckled scans before OCR (Gaussian sigma in pixels at 300 dpi; "
                                    "1.4 suits heavy noise).")
@click.option("--ocr-engine", "engine", type=click.Choice(get_args(EngineName)), default=OcrOptions().engine,
              show_default=True, help="api: Tesseract kept loaded in each worker (tesserocr); "
                                      "cli: a tesseract process per page (pytesseract).")
@click.option("--db", "database", default=None,
              help="SQLite path or postgresql://user@host/db URL  [default: OUT/ingest.db]")
@click.option("--tables", default="", help="Also write these per record type: csv, parquet (comma-separated).")
@click.option("--fresh", is_flag=True, help="Read every file again, even those already finished in OUT.")
@click.option("--spacy-model", "nlp_model", default=None, metavar="NAME",
              help="Installed spaCy model (e.g. es_core_news_sm) whose morphology tells future and pending "
                   "action in progress statements  [default: a lexicon of such forms]")
@click.option("-q", "--quiet", is_flag=True, help="Only errors; no progress bar.")
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")
def run(inputs, out_dir, lang, dpi, password, workers, page_timeout, worker_memory_mb, deskew,
        smooth, engine, database, tables, fresh, nlp_model, quiet, verbose) -> None:
    """Ingest INPUTS (files and folders of PDFs, TIFF, PNG, JPEG) into OUT."""
    from ingest.pipeline import run as run_pipeline

    console = Console(stderr=True)
    _setup_logging(console, verbose, quiet)
    options = RunOptions(
        ocr=OcrOptions(engine=engine, lang=lang, dpi=dpi, deskew=deskew, smooth=smooth),
        limits=LimitOptions(page_timeout=page_timeout, worker_memory_mb=worker_memory_mb),
        sinks=SinkOptions(database=database, tables=[t.strip() for t in tables.split(",") if t.strip()]),
        password=password, resume=not fresh, nlp_model=nlp_model, **({"workers": workers} if workers else {}))
    with BatchProgress(console, enabled=not quiet) as progress:
        result = run_pipeline(list(inputs), out_dir, options, progress=progress)
    if not quiet:
        _print_summary(console, result)
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


def _print_summary(console: Console, result) -> None:
    methods = ", ".join(f"{n} {m}" for m, n in sorted(result.pages_by_method.items())) or "none"
    console.print(
        f"[bold]{len(result.files)} files[/]: {result.count('ok')} ok, {result.count('partial')} partial, "
        f"{result.count('failed')} failed; pages: {methods}; {result.seconds:.1f} s"
        + (f"; {len(result.skipped)} other files skipped" if result.skipped else ""))
    console.print(f"output: {result.out_dir}/ (files, pages, records, mentions, tracker .jsonl; tables/; eval/; "
                  f"ingest.db unless --db)")


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(ExitCode.USAGE)
    except click.exceptions.Abort:
        sys.exit(ExitCode.INTERNAL)
    except UsageError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.USAGE)
    except MissingDependencyError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.MISSING_DEPENDENCY)
    except IngestError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.INTERNAL)
    except Exception:  # a bug: say so with the traceback, and never exit 1 ("some files failed")
        log.exception("internal error; please report it with this traceback")
        sys.exit(ExitCode.INTERNAL)
