"""The extractors' fingerprint, with the standard library alone.

`ingest` loads this file by its path (`ingest.options`), without importing the `extractors`
package, whose modules (rapidfuzz, the lexicons, the patterns) only the extraction worker needs:
the main process and the page workers forked from it stay without them.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

VERSION = "2"  # raise when extraction changes in a way its sources and data do not show

ROOT = Path(__file__).resolve().parent
# the claim checks run inside extraction (`extract_document`), so their code and patterns make the records too
_FOLDERS = ("", "data", "data/countries", "patterns", "../validation", "../validation/patterns")
_SUFFIXES = (".py", ".json", ".jsonl", ".txt.gz")


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """The extractors' version and a hash of their code, data files and patterns, and of the claim
    checks' code and patterns: records made under another fingerprint are stale (the resume key
    includes it)."""
    digest = hashlib.sha256(VERSION.encode())
    files = [f for folder in _FOLDERS for f in (ROOT / folder).iterdir()
             if f.is_file() and f.name.endswith(_SUFFIXES)]
    for f in sorted(files, key=str):
        digest.update(f.name.encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:16]
