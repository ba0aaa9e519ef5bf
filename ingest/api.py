"""The Python API: run the pipeline on paths and get the records back."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from pydantic import BaseModel

from ingest.options import RunOptions
from ingest.pipeline import RunResult, run
from schemas.page import FileRecord, Page
from schemas.records import DocumentRecords
from sinks.jsonl import atomic_writer, read_jsonl

RECORD_TYPES: list[type[BaseModel]] = [FileRecord, Page, DocumentRecords]


def ingest(paths: list[str | Path], out_dir: str | Path, options: RunOptions | None = None) -> RunResult:
    """Run the whole pipeline; the outputs are in `out_dir` and summarised in the result."""
    return run([str(p) for p in paths], out_dir, options)


def pages(out_dir: str | Path) -> Iterator[Page]:
    return read_jsonl(Path(out_dir) / "pages.jsonl", Page)


def documents(out_dir: str | Path) -> Iterator[DocumentRecords]:
    return read_jsonl(Path(out_dir) / "records.jsonl", DocumentRecords)


def write_schemas(out_dir: str | Path) -> list[Path]:
    written = []
    for model in RECORD_TYPES:
        path = Path(out_dir) / f"{model.__name__}.schema.json"
        with atomic_writer(path) as fh:
            json.dump(model.model_json_schema(), fh, ensure_ascii=False, indent=1)
        written.append(path)
    return written
