"""Evaluation: export records as `ingest-eval/1` and score them against gold files."""
