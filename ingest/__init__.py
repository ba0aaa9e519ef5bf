"""Document-ingestion pipeline for open-government letters and progress reports.

    from ingest import ingest, documents
    result = ingest(["samples/"], "out")
    for doc in documents("out"):
        print(doc.document.type, len(doc.activities))
"""
from ingest.api import documents, ingest, pages, write_schemas
from ingest.options import RunOptions
from ingest.pipeline import RunResult

__all__ = ["RunOptions", "RunResult", "documents", "ingest", "pages", "write_schemas"]
