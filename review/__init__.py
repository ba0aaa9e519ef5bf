"""The review page: every flag and value of a run, with the page region it was read from."""
from review.writer import ReviewedFile, write_review

__all__ = ["ReviewedFile", "write_review"]
