"""JSON Lines files, written atomically: a reader never sees half a file."""
from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def dump_line(record: BaseModel | dict[str, Any]) -> str:
    if isinstance(record, BaseModel):
        return record.model_dump_json()
    return json.dumps(record, ensure_ascii=False, sort_keys=False)


@contextmanager
def atomic_writer(path: Path, mode: str = "w"):
    """Write to a temporary file beside `path`, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_jsonl(path: Path, records: Iterable[BaseModel | dict[str, Any]]) -> int:
    count = 0
    with atomic_writer(path) as fh:
        for record in records:
            fh.write(dump_line(record) + "\n")
            count += 1
    return count


def read_jsonl(path: Path, model: type[M] | None = None) -> Iterator[M | dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield model.model_validate_json(line) if model else json.loads(line)


def concat_jsonl(path: Path, parts: Iterable[Path]) -> int:
    """Join finished part files into one file, streaming line by line."""
    count = 0
    with atomic_writer(path) as out:
        for part in parts:
            with part.open(encoding="utf-8") as fh:
                for line in fh:
                    out.write(line)
                    count += 1
    return count
