"""DocumentRecords -> an `ingest-eval/1` dict (see the evaluation format)."""
from __future__ import annotations

from schemas.records import DocumentRecords

FORMAT_ID = "ingest-eval/1"
# The flag kinds the format defines; the others are ours, and a scorer would count them as false.
EVAL_FLAG_KINDS = frozenset({"duplicate_url", "invalid_date", "date_range_inverted", "count_mismatch",
                             "weekday_mismatch", "progress_without_evidence",
                             "milestone_without_progress", "numbering_error"})


def _once(values) -> list:
    seen, out = set(), []
    for v in values:
        key = v.casefold() if isinstance(v, str) else v
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out


def _number(x: float) -> int | float:
    return int(x) if float(x).is_integer() else x


def to_eval(records: DocumentRecords, source: str) -> dict:
    d = records.document
    return {
        "format": FORMAT_ID,
        "source": source,
        "doc_type": d.type,
        "reference": d.reference,
        "issued": d.issued.isoformat() if d.issued else None,
        "place": d.place,
        "signatories": _once(p.name for p in d.signatories),
        "recipients": _once(p.name for p in d.recipients),
        "commitments": [{"number": c.number, "title": c.title} for c in records.commitments],
        "milestones": [{"commitment": m.commitment, "number": m.number,
                        "description": m.description} for m in records.milestones],
        "activities": [{"commitment": a.commitment, "milestone": a.milestone, "number": a.number,
                        "title": a.title,
                        "progress": None if a.progress is None else _number(a.progress),
                        "periods": [{"start": p.start, "end": p.end} for p in a.periods]}
                       for a in records.activities],
        "percentages": [_number(p.value) for p in records.percentages],
        "dates": _once(x.value.isoformat() for x in records.dates if x.value),
        "urls": _once(u.url for u in records.urls),
        "emails": _once(e.email for e in records.emails),
        "phones": _once(p.digits for p in records.phones),
        "organizations": _once(o.name for o in records.organizations),
        "count_claims": [{"subject": c.subject, "claimed": c.claimed, "listed": c.listed}
                         for c in records.count_claims],
        "flags": [{"kind": f.kind, "value": f.value} for f in records.flags if f.kind in EVAL_FLAG_KINDS],
    }
