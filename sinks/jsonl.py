"""JSON Lines files, written atomically: a reader never sees half a file.

Files are created by `new_file`, with the permissions any file the user
creates gets (0666 less the umask), not the 0600 of `tempfile.mkstemp`, which
would hide a shared output folder's files from the user's group.
"""
from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

FILE_MODE = 0o666  # what open() asks for; the umask takes away the rest


def dump_line(record: BaseModel | dict[str, Any]) -> str:
    if isinstance(record, BaseModel):
        return record.model_dump_json()
    return json.dumps(record, ensure_ascii=False, sort_keys=False)


def new_file(path: Path) -> int:
    """Create `path`, which must not exist, as `open(path, "w")` would; returns a write-only fd."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)


_TEMPORARY = re.compile(r"\..+\.[0-9a-f]{12}")  # what _temporary names a file


def _temporary(path: Path) -> tuple[int, Path]:
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
        try:
            return new_file(tmp), tmp
        except FileExistsError:  # 48 random bits: practically never
            continue


@contextmanager
def output_errors(path: Path, temporary: Path | None = None):
    """Failures to write `path` become an OutputError naming it.

    A failed write (full disk, read-only folder, no permission) is not a bug: it stops the run
    with one clear line. Given the `temporary` being written, an OSError naming some other
    file (a part being read into it) passes unchanged.
    """
    from ingest.errors import OutputError  # here: importing `ingest` imports the pipeline, which imports us

    try:
        yield
    except OSError as exc:
        if temporary is not None and exc.filename not in (None, str(path), str(temporary)):
            raise
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=str(path)) from exc


@contextmanager
def atomic_writer(path: Path, mode: str = "w", durable: bool = True):
    """Write to a temporary file beside `path`, then rename it into place.

    `durable=False` leaves out the fsync, for many small files that the caller makes durable all at
    once (`os.sync()`): an fsync each costs milliseconds, which a thousand crops add up to seconds."""
    with output_errors(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temporary(path)
    with output_errors(path, tmp):
        try:
            with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as fh:
                yield fh
                fh.flush()
                if durable:
                    os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise


def is_temporary(path: Path) -> bool:
    """Whether `path` is an atomic writer's temporary (left behind only by a killed process)."""
    return _TEMPORARY.fullmatch(path.name) is not None


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


class JsonlFile:
    """A JSON Lines file's records, read afresh, one at a time, each time it is iterated: a stream
    that a retried database transaction can read again."""

    def __init__(self, path: Path, model: type[M] | None = None):
        self.path = path
        self.model = model

    def __iter__(self) -> Iterator[M | dict[str, Any]]:
        return read_jsonl(self.path, self.model)


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
