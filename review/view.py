"""What the review page shows of one document: its flags and values, each with where it was read."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from PIL import Image

from review.crops import PageImages, crop_name, lowest_confidence, piece, region
from schemas.page import FileRecord, Page
from schemas.records import Activity, DateMention, DocumentRecords, Provenance, Record
from sinks.ids import make_id, record_ids


@dataclass
class Where:
    """Where a value was read: page, crop (a file name under crops/) or why there is none, confidence."""

    page: int | None = None
    crop: str | None = None
    missing: str | None = None  # "no_box" or "no_image", a label key
    reason: str = ""  # why the page image could not be made
    confidence: float | None = None
    low: bool = False


@dataclass
class FlagRow:
    id: str
    kind: str
    value: str
    explanation: str
    where: Where


@dataclass
class ValueRow:
    field: str  # a label key
    name: str  # the number or key after the label, e.g. "1.2"
    value: str
    details: list[tuple[str, str]]  # (label key, text)
    where: Where


@dataclass
class DocumentView:
    id: str
    source: str
    type: str | None
    status: str
    errors: list[str]
    flags: list[FlagRow] = field(default_factory=list)
    values: list[ValueRow] = field(default_factory=list)


Crops = Callable[[str, Image.Image], None]  # (file name, the crop): the writer encodes and saves it


class _Locator:
    """Where each provenance lies on its page. Values are located first, then their pages come by in
    page order (`resolve`), one at a time: each page image is made once, and neither all the pages
    (a long scan's OCR words) nor all their images are held at once."""

    def __init__(self, images: PageImages, dpi: int, low_confidence: float, save: Crops):
        self.images = images
        self.dpi = dpi
        self.low_confidence = low_confidence
        self.save = save
        self.saved: set[str] = set()
        self._pending: dict[int, list[tuple[Where, Provenance]]] = {}  # by page, in the order located

    def __call__(self, record: Record | None) -> Where:
        provenance = record.provenance if record is not None else None
        if provenance is None:
            return Where(missing="no_box")
        where = Where(page=provenance.page)
        self._pending.setdefault(provenance.page, []).append((where, provenance))
        return where

    def resolve(self, pages: Iterable[Page]) -> None:
        for page in pages:
            for where, provenance in self._pending.pop(page.page, []):
                self._place(where, provenance, page)
        for waiting in self._pending.values():  # on a page that was not read
            for where, _ in waiting:
                where.missing = "no_box"
        self._pending.clear()

    def _place(self, where: Where, provenance: Provenance, page: Page) -> None:
        where.confidence = confidence = lowest_confidence(provenance, page)
        where.low = confidence is not None and confidence < self.low_confidence
        box = region(provenance, page)
        if box is None:
            where.missing = "no_box"
            return
        made = self.images.get(page)
        if isinstance(made, str):
            where.missing, where.reason = "no_image", made
            return
        name = crop_name(page, box, self.dpi)
        if name not in self.saved:
            try:
                self.save(name, piece(made, box, self.dpi))
            except ValueError as exc:
                where.missing, where.reason = "no_image", str(exc)
                return
            self.saved.add(name)
        where.crop = name


def document_view(file: FileRecord, records: DocumentRecords | None, pages: Iterable[Page], images: PageImages,
                  dpi: int, low_confidence: float, save: Crops) -> DocumentView:
    # By path, not content: one file given twice, under two paths, is two sections.
    view = DocumentView(id=make_id("review", file.path), source=file.path,
                        type=records.document.type if records else None, status=file.status,
                        errors=[f"{e.type}: {e.message}" + (f" (p. {e.page})" if e.page else "") for e in file.errors])
    if records is None:
        return view
    locate = _Locator(images, dpi, low_confidence, save)
    for flag_id, flag in zip(record_ids(view.id, "flags", records.flags), records.flags):
        view.flags.append(FlagRow(id=flag_id, kind=flag.kind, value=flag.value, explanation=flag.explanation,
                                  where=locate(flag)))
    view.values = [ValueRow(f, name, value, details, locate(record))
                   for f, name, value, details, record in _values(records)]
    locate.resolve(pages)  # in page order, as the part file holds them
    return view


def _values(r: DocumentRecords) -> Iterator[tuple[str, str, str, list[tuple[str, str]], Record | None]]:
    """(label key, name, value, details, record whose provenance it has), letter fields first."""
    doc = r.document
    if doc.reference:
        yield "reference", "", doc.reference, [], doc
    if doc.issued:
        yield "issued", "", doc.issued.isoformat(), [], None
    if doc.place:
        yield "place", "", doc.place, [], None
    for person in doc.recipients:
        yield "recipient", "", person.name, [], person
    for person in doc.signatories:
        yield "signatory", "", person.name, [], person
    if doc.plan_period:
        yield "plan_period", "", f"{doc.plan_period.first_year}–{doc.plan_period.last_year}", [], doc.plan_period
    for c in r.commitments:
        yield "commitment", _number(c.number), c.title or "", [], c
    for m in r.milestones:
        yield "milestone", _number(m.commitment, m.number), m.description or "", [], m
    for a in r.activities:
        yield "activity", _number(a.commitment, a.milestone, a.number), a.title or "", _activity_details(a), a
    for claim in r.count_claims:
        yield "count_claim", "", claim.subject, [("claimed", str(claim.claimed)), ("listed", str(claim.listed))], claim
    for field_name, items, text in (("percentage", r.percentages, lambda m: f"{m.value:g} %"),
                                    ("date", r.dates, _date),
                                    ("url", r.urls, lambda m: m.url), ("email", r.emails, lambda m: m.email),
                                    ("phone", r.phones, lambda m: m.digits),
                                    ("organization", r.organizations,
                                     lambda m: m.name + (f" ({m.full_name})" if m.full_name else ""))):
        for mention in items:
            yield field_name, "", text(mention), [], mention


def _date(mention: DateMention) -> str:
    """The date, or as written when it does not exist (its flag says so)."""
    if mention.value is not None:
        return mention.value.isoformat()
    return mention.provenance.raw if mention.provenance else ""


def _activity_details(a: Activity) -> list[tuple[str, str]]:
    details = []
    if a.progress is not None:
        details.append(("progress", f"{a.progress:g} %"))
    elif a.stated_progress is not None:
        details.append(("stated_progress", f"{a.stated_progress:g} %"))
    if a.periods:
        details.append(("periods", ", ".join(f"{p.start} – {p.end}" for p in a.periods)))
    if a.product:
        details.append(("product", a.product))
    if a.verification:
        details.append(("verification", a.verification))
    return details


def _number(*parts: int | None) -> str:
    return ".".join("?" if p is None else str(p) for p in parts)
