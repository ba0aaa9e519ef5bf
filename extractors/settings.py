"""The `ExtractionOptions` in force while one document is extracted.

`extract_document` takes the options explicitly and sets them here for the extent of one call;
the matchers deep inside the extractors read them with `current()`. Threading the tree through
every helper (a month matcher is called from dates, periods, tables and headers) would put an
options argument on some forty functions that only pass it on.
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from schemas.extraction import ExtractionOptions

_DEFAULT = ExtractionOptions()
_current: ContextVar[ExtractionOptions] = ContextVar("extraction_options", default=_DEFAULT)


def current() -> ExtractionOptions:
    return _current.get()


@contextmanager
def using(options: ExtractionOptions | None) -> Iterator[ExtractionOptions]:
    token = _current.set(options or _DEFAULT)
    try:
        yield _current.get()
    finally:
        _current.reset(token)
