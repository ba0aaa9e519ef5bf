"""The review page: every flag and value of a run, with the page region it was read from."""
from review.writer import Review, ReviewedFile, write_review

__all__ = ["Review", "ReviewedFile", "write_review"]
