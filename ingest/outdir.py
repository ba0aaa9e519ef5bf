"""The output folder of a run: made and proved writable before any work, held by one run at a time,
and cleared of what a killed run left behind (atomic-write temporaries, parts of files in flight)."""
from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ingest.errors import OutputError, UsageError
from sinks.jsonl import FILE_MODE, atomic_writer, is_temporary, output_errors

log = logging.getLogger(__name__)

PARTS = ".parts"
# Suffixes of a file's parts; the marker is written last, so parts without it were in flight.
PAGES, RECORDS, FINISHED = ".pages.jsonl", ".records.json", ".finished.json"
# Where the run writes; nothing else is touched.
_SUBFOLDERS = ("", "eval", "tables", "review", "review/crops", PARTS)


@contextmanager
def output_folder(out: Path) -> Iterator[Path]:
    """`out`, created, checked writable and locked for the run; leftovers of a killed run removed."""
    parts = out / PARTS
    with output_errors(out):
        parts.mkdir(parents=True, exist_ok=True)
        fd = os.open(parts / "lock", os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # released by the kernel, even on kill -9
        except BlockingIOError:
            raise UsageError("another run is writing into this folder; wait for it or choose another --out",
                             path=str(out)) from None
        except OSError as exc:  # a file system without locks (some network mounts): go on unguarded
            log.warning("%s: cannot lock the output folder (%s); make sure no other run writes into it",
                        out, exc.strerror)
        _prove_writable(parts)
        removed = clean_leftovers(out)
        if removed:
            log.info("removed %d file(s) an interrupted run left in %s", removed, out)
        yield out
    finally:
        os.close(fd)


def _prove_writable(parts: Path) -> None:
    """A full disk lets a file be created but not written: write a little, for real, then remove it."""
    probe = parts / "write-check"
    with atomic_writer(probe, "wb") as fh:
        fh.write(b"\0" * 4096)
    with output_errors(probe):
        probe.unlink()


def clean_leftovers(out: Path) -> int:
    """Remove atomic-write temporaries, and the parts of files whose finishing marker is missing.

    Only the folders a run writes are looked at; call it while holding the folder's lock.
    """
    doomed = [p for sub in _SUBFOLDERS if (out / sub).is_dir()
              for p in (out / sub).iterdir() if p.is_file() and is_temporary(p)]
    parts = out / PARTS
    if parts.is_dir():
        for path in parts.iterdir():
            for suffix in (PAGES, RECORDS):
                if path.name.endswith(suffix) and not path.with_name(path.name[:-len(suffix)] + FINISHED).exists():
                    doomed.append(path)
    for path in doomed:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise OutputError(f"cannot remove a leftover of an interrupted run: {exc.strerror}",
                              path=str(path)) from exc
    return len(doomed)
