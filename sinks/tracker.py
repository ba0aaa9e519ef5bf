"""The tracker as JSON Lines and as a CSV a spreadsheet opens directly."""
from __future__ import annotations

import csv
from pathlib import Path

from sinks.jsonl import atomic_writer, write_jsonl

_LIST_SEPARATOR = " | "


def write_tracker(out_dir: Path, entries: list) -> None:
    write_jsonl(out_dir / "tracker.jsonl", entries)
    with atomic_writer(out_dir / "tracker.csv") as fh:
        writer = csv.writer(fh)
        if not entries:
            return
        fields = list(type(entries[0]).model_fields)
        writer.writerow(fields)
        for entry in entries:
            row = entry.model_dump(mode="json")
            writer.writerow([_cell(row[f]) for f in fields])


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return _LIST_SEPARATOR.join(f"{v['start']}/{v['end']}" if isinstance(v, dict) else str(v)
                                    for v in value)
    return str(value)
