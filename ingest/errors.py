"""One exception hierarchy for the whole pipeline.

Every error names the file it concerns and, where one page is at fault, the page
(1-based). Stages raise these; the orchestrator turns them into error records in
``files.jsonl`` and the CLI maps them to exit codes. Nothing else is allowed to
escape a worker.
"""
from __future__ import annotations


class IngestError(Exception):
    """Base class: a problem with one input (file or page), or with the set-up."""

    def __init__(self, message: str, *, path: str | None = None, page: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.page = page

    def __str__(self) -> str:
        where = self.path or ""
        if self.page is not None:
            where = f"{where} page {self.page}" if where else f"page {self.page}"
        return f"{where}: {self.message}" if where else self.message

    def __reduce__(self):  # keep path/page when crossing process boundaries
        return (_rebuild, (type(self), self.message, self.path, self.page))


def _rebuild(cls, message, path, page):
    return cls(message, path=path, page=page)


class UsageError(IngestError):
    """The command line or options are wrong."""


class MissingDependencyError(IngestError):
    """An external program the pipeline needs (Tesseract, a language) is missing."""


class OutputError(IngestError):
    """The output folder, or a file in it, cannot be written (read-only, full disk, no permission)."""


class ExecutorError(IngestError):
    """Where pages run could not be set up: a Ray for the run did not start."""


# -- whole-file problems: the file yields no pages --------------------------------

class FileError(IngestError):
    """The file as a whole cannot be read."""


class EmptyFileError(FileError):
    """The file has zero bytes."""


class UnsupportedFormatError(FileError):
    """The file is neither a PDF nor an image format we read."""


class CorruptPdfError(FileError):
    """The file claims to be a PDF but cannot be parsed, or has no readable pages."""


class PasswordRequiredError(FileError):
    """The PDF is encrypted and no (or a wrong) password was given."""


class ImageReadError(FileError):
    """The image file cannot be decoded."""


# -- single-page problems: the rest of the file still counts ----------------------

class PageError(IngestError):
    """One page could not be turned into text."""


class PageTooLargeError(PageError):
    """The page cannot be rendered within the pixel budget."""


class RenderError(PageError):
    """The PDF renderer failed on the page."""


class OcrError(PageError):
    """Tesseract failed on the page."""


class PageTimeoutError(PageError):
    """The page exceeded the per-page time limit and its worker was stopped."""


class PageMemoryError(PageError):
    """The page exceeded the per-worker memory cap."""


class WorkerCrashedError(PageError):
    """The worker process died while handling the page."""


# -- after the pages -----------------------------------------------------------------

class ExtractionError(IngestError):
    """The file's pages were read but records could not be extracted from them."""


class ExtractionTimeoutError(ExtractionError):
    """Extraction exceeded the per-document time limit and its worker was stopped."""


class DatabaseError(IngestError):
    """The database could not be reached, migrated, or written; nothing of the file at fault was kept."""
