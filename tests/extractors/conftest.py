import pytest

from extractors import extract_document
from schemas.page import Page


def make_pages(text: str, method: str = "text") -> list[Page]:
    return [Page(source="doc.pdf", sha256="0" * 64, page=i + 1, method=method, text=t)
            for i, t in enumerate(text.split("\f"))]


@pytest.fixture
def extract():
    return lambda text, method="text": extract_document(make_pages(text, method))
