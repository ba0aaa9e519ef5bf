"""One tracker entry per real activity, across plans, reports and their copies.

Keyed by (commitment, milestone, activity). Plans give the planned periods;
reports give progress, the latest report winning. A plan and a report agree on
an activity when the keys match and the titles are alike; where they do not
(titles, periods, or a printed number other than the one it is linked by), the
entry carries a flag instead of silently picking one.
"""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field
from rapidfuzz import fuzz

from dedup.documents import DocumentGroup
from dedup.fingerprint import normalise
from schemas.records import Activity, Flag, Url

Status = Literal["not_started", "in_progress", "completed"]
TITLES_AGREE = 70.0


class TrackedPeriod(BaseModel):
    start: str
    end: str


class TrackerEntry(BaseModel):
    commitment: int | None
    milestone: int | None
    activity: int
    title: str | None
    planned_periods: list[TrackedPeriod] = Field(default_factory=list)
    progress: float | None = None
    progress_date: date | None = None
    status: Status = "not_started"
    evidence_urls: list[str] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)


def status_of(progress: float | None) -> Status:
    if progress is None or progress <= 0:
        return "not_started"
    return "completed" if progress >= 100 else "in_progress"


def build_tracker(groups: list[DocumentGroup]) -> list[TrackerEntry]:
    entries: dict[tuple, TrackerEntry] = {}
    # Oldest first, so the latest report's progress is the one left standing.
    for group in sorted(groups, key=lambda g: (g.best.records.document.issued or date.min, g.id)):
        best = group.best.records
        urls, flags = best.urls, best.flags
        for activity in best.activities:
            key = (activity.commitment, activity.milestone, activity.number)
            entry = entries.get(key)
            if entry is None:
                entry = entries[key] = TrackerEntry(commitment=key[0], milestone=key[1], activity=key[2],
                                                    title=activity.title)
            _merge(entry, activity, group, urls, flags)
    return [entries[k] for k in sorted(entries, key=lambda k: tuple(-1 if v is None else v for v in k))]


def _merge(entry: TrackerEntry, activity: Activity, group: DocumentGroup, urls: list[Url],
           flags: list[Flag]) -> None:
    doc = group.best.records.document
    if entry.title and activity.title and fuzz.token_set_ratio(
            normalise(entry.title), normalise(activity.title)) < TITLES_AGREE:
        entry.flags.append(f"title_mismatch: {entry.title!r} vs {activity.title!r} ({doc.source})")
    if activity.printed_number is not None and activity.printed_number != activity.number:
        entry.flags.append(f"number_mismatch: printed {activity.printed_number}, linked as "
                           f"activity {activity.number} ({doc.source})")
    periods = [TrackedPeriod(start=p.start, end=p.end) for p in activity.periods]
    if doc.type == "work_plan" or (periods and not entry.planned_periods):
        if entry.planned_periods and periods and periods != entry.planned_periods:
            entry.flags.append(f"period_mismatch: {doc.source}")
        entry.planned_periods = periods or entry.planned_periods
    if activity.progress is not None:
        entry.progress, entry.progress_date = activity.progress, doc.issued
        entry.status = status_of(activity.progress)
    entry.evidence_urls = sorted(set(entry.evidence_urls) | set(_evidence(activity, urls)))
    entry.flags = sorted(set(entry.flags) | {f"{f.kind}: {f.value}" for f in flags if _about(f, activity)})
    entry.sources = sorted(set(entry.sources) | set(group.sources))


def _evidence(activity: Activity, urls: list[Url]) -> list[str]:
    """URLs written inside the activity's own block, or quoted in its progress statement."""
    own, text = activity.provenance, activity.evidence or ""
    found = []
    for url in urls:
        where = url.provenance
        inside = (own is not None and where is not None and where.file == own.file
                  and where.page == own.page and own.start <= where.start < own.end)
        if inside or url.url in text:
            found.append(url.url)
    return found


def _about(flag: Flag, activity: Activity) -> bool:
    """Read at the activity or at one of its periods, or quoting its title."""
    own = {activity.provenance, *(p.provenance for p in activity.periods)} - {None}
    if flag.provenance in own:
        return True
    text = f"{flag.kind}: {flag.value}"
    return bool(activity.title) and fuzz.partial_ratio(normalise(activity.title), normalise(text)) >= 90
