"""Find the input files of a run and tell what each one is."""
from __future__ import annotations

import hashlib
from enum import Enum
from pathlib import Path

from ingest.errors import EmptyFileError, UnsupportedFormatError, UsageError

IMAGE_SUFFIXES = {".tif", ".tiff", ".png", ".jpg", ".jpeg"}
DOCUMENT_SUFFIXES = {".pdf"} | IMAGE_SUFFIXES

# Magic bytes decide, not the name: a text file called .pdf is not a PDF.
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


class FileKind(str, Enum):
    PDF = "pdf"
    IMAGE = "image"


def find_inputs(inputs: list[str]) -> tuple[list[Path], list[Path]]:
    """Expand files and folders into (documents, skipped).

    Files named explicitly are always taken; inside folders only document
    suffixes are, so a samples folder may also hold gold files and notes.
    Nothing to read at all is a UsageError.
    """
    found: list[Path] = []
    skipped: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                (found if child.suffix.lower() in DOCUMENT_SUFFIXES else skipped).append(child)
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"no such file or folder: {raw}")
    if not found:
        others = f" ({len(skipped)} other file(s) skipped)" if skipped else ""
        raise UsageError(f"nothing to read in {', '.join(inputs)}: no {' '.join(sorted(DOCUMENT_SUFFIXES))} "
                         f"file{others}")
    return _unique(found), skipped


def _unique(paths: list[Path]) -> list[Path]:
    seen: set[Path] = set()
    out = []
    for p in paths:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


def sniff(path: Path) -> FileKind:
    """Tell a PDF from an image by content; raise a typed error for anything else."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if not head:
        raise EmptyFileError("file is empty (0 bytes)", path=str(path))
    if b"%PDF-" in head:
        return FileKind.PDF
    if head.startswith(_IMAGE_MAGIC):
        return FileKind.IMAGE
    raise UnsupportedFormatError(
        "not a PDF or a supported image (no %PDF- header; PNG, JPEG and TIFF are read)",
        path=str(path))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
