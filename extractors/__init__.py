"""Extraction stage: a document's pages -> validated, traceable records.

`extract_document` is pure apart from calling `validation.check`, which turns
what the records show into `Flag` records.
"""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from pydantic import ValidationError

from extractors import counts, dates, header, mentions, ocrfix, organizations, plan, settings, structure
from extractors.text import DocText, build
from extractors.version import VERSION, fingerprint
from schemas.extraction import ExtractionOptions
from schemas.page import Page
from schemas.records import (Activity, Commitment, CountClaim, DateMention, Document,
                             DocumentRecords, Email, Milestone, Organization, Percentage,
                             Period, Person, Phone, PlanPeriod, Provenance, Repair, Url)

__all__ = ["VERSION", "extract_document", "fingerprint"]


def _prov(doc: DocText, start: int, end: int):
    return doc.locate(start, end)


def _periods(doc: DocText, unit: structure.Item) -> list[Period]:
    return _valid(lambda p: Period(start=p.start, end=p.end,
                                   provenance=_prov(doc, unit.period_start + p.offset,
                                                    unit.period_start + p.offset + len(p.raw))),
                  unit.periods)


def _activities(doc: DocText, parsed: structure.Structure) -> list[Activity]:
    out = []
    for a in parsed.activities:
        value, stated, evidence = structure.progress(a, doc.has_ocr)
        periods = _periods(doc, a)
        out.append(Activity(commitment=a.commitment,
                            milestone=a.milestone_number if a.milestone_number is not None else
                            a.milestone.number if a.milestone else None,
                            number=a.number if a.number is not None else 0,
                            printed_number=a.printed, title=a.title, progress=value,
                            stated_progress=stated, periods=periods, product=a.product,
                            verification=a.verification,
                            evidence=evidence, provenance=_prov(doc, a.start, a.end)))
    return out


def _number_units(parsed: structure.Structure) -> None:
    """A repeated number of a hito or activity takes the value its list's order gives it."""
    hitos: dict[int | None, list[structure.Item]] = {}
    for m in parsed.milestones:
        hitos.setdefault(m.commitment, []).append(m)
    for items in hitos.values():
        for m in structure.renumber(items):
            for a in parsed.activities:  # its activities' dotted numbers printed the hito's number too
                if a.milestone is m and a.milestone_number == m.printed:
                    a.milestone_number = m.number
    groups: dict[tuple, list[structure.Item]] = {}
    for a in parsed.activities:
        groups.setdefault(structure.activity_list(a), []).append(a)
    for items in groups.values():
        for bad in structure.renumber(items):
            bad.label = f"numbering_error|{bad.label}"
    last: dict[tuple, int] = {}
    for a in parsed.activities:
        key = structure.activity_list(a)
        if a.number is None:  # unreadable number: the next in order within its list,
            token = a.label.split()[-1] if a.label else ""  # or, opening one, a digit's look-alike
            symbol = ocrfix.forms()["symbol_digits"].get(token)
            a.number = int(symbol) if symbol and key not in last else last.get(key, 0) + 1
            a.printed = a.number  # a number was printed there, only not legibly: no gap in the list
        last[key] = a.number


def _dates(doc: DocText, year: int | None, votes: Counter | None) -> list[DateMention]:
    """`votes`: the years an OCR document writes (None on text layers), against misread ones."""
    out = []
    for d in dates.find_dates(doc.text, year):
        if d.value is None and d.has_year and doc.page_of(d.start).method == "ocr" and not dates.calendar_slip(d.raw):
            continue  # a misread on a scanned page, not an impossible date the document writes
        if votes and d.value:
            fixed = ocrfix.fix_year(ocrfix.plausible_year(d.value.year, votes), votes)
            if year:
                fixed = ocrfix.fix_future_year(fixed, year, votes)
            if fixed != d.value.year:
                try:
                    d.value = d.value.replace(year=fixed)
                except ValueError:  # 29 February
                    pass
        out.append(DateMention(value=d.value, weekday=None if d.weekday is None else
                               ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado",
                                "domingo"][d.weekday],
                               provenance=_prov(doc, d.start, d.end)))
    return out


def _valid(make, items) -> list:
    """Build each record; one the model rejects (a garbled URL, a period with a day that does not
    exist) is dropped, not the document."""
    out = []
    for item in items:
        try:
            out.append(make(item))
        except ValidationError:
            continue
    return out


def _repaired(doc: DocText, found, rule: str, as_written) -> Provenance | None:
    """The provenance of a mention, with the repair when its value is not what the page says."""
    prov = _prov(doc, found.start, found.end)
    written = " ".join(found.raw.split())
    if prov is None or as_written(written.rstrip(".,;")) == found.value:
        return prov
    return prov.model_copy(update={"repairs": prov.repairs + (Repair(rule=rule, before=written,
                                                                         after=str(found.value)),)})


def _domain_labels(addresses: list[str]) -> tuple[str, ...]:
    out = []
    for a in addresses:
        host = a.split("@")[-1] if "@" in a else a.split("//")[-1].split("/")[0]
        out.extend(host.split(".")[:-1])
    return tuple(out)


def _mentions(doc: DocText) -> dict:
    text = doc.text
    found_urls = mentions.urls(text, doc.has_ocr, doc.confidence)
    found_emails = mentions.emails(text, doc.has_ocr)
    if doc.has_ocr:  # an address's domain misread where a URL of the document spells it
        hosts = [str(f.value).split("//")[-1].split("/")[0].lower().removeprefix("www.") for f in found_urls]
        for f, value in zip(found_emails, ocrfix.agree_domains([str(f.value) for f in found_emails], hosts, text)):
            f.value = value
    domains = _domain_labels([str(f.value) for f in found_urls + found_emails])
    orgs = organizations.organizations(text, domains, doc.confidence if doc.has_ocr else None)
    if doc.has_ocr:  # a domain label a slip from an institution's acronym the document names (`itel` for ITEI)
        acronyms = {o.name for o in orgs if o.name.isupper()}
        for f in found_urls + found_emails:
            f.value = ocrfix.acronym_labels(str(f.value), acronyms, text)
    urls = _valid(lambda f: Url(url=f.value, provenance=_repaired(doc, f, "ocr_url", mentions.normalise_url)),
                  found_urls)
    emails = _valid(lambda f: Email(email=f.value, provenance=_repaired(doc, f, "ocr_email", str.lower)),
                    found_emails)
    return {
        "percentages": [Percentage(value=f.value, provenance=_prov(doc, f.start, f.end))
                        for f in mentions.percentages(text, doc.has_ocr)],
        "urls": urls,
        "emails": emails,
        "phones": [Phone(digits=f.value, provenance=_prov(doc, f.start, f.end))
                   for f in mentions.phones(text, doc.has_ocr)],
        "organizations": [Organization(name=f.name, full_name=f.full_name,
                                       provenance=_prov(doc, f.start, f.end)) for f in orgs],
        "count_claims": [CountClaim(subject=c.subject, claimed=c.claimed, listed=len(c.items),
                                    items=c.items, provenance=_prov(doc, c.start, c.end))
                         for c in counts.claims(doc.content(), doc.has_ocr)],
    }


def _plan_period(doc: DocText) -> PlanPeriod | None:
    found = plan.own_plan(doc.text)
    return found and PlanPeriod(first_year=found.first_year, last_year=found.last_year,
                                provenance=_prov(doc, found.start, found.end))


def _structural_type(kind: str, parsed: structure.Structure) -> str:
    """A document no cue types, but that lists activities, is a plan, or a report when most
    of its activities state progress."""
    acts = parsed.activities
    stated = sum(1 for a in acts if a.progress_text or structure.progress(a, False)[1] is not None)
    if kind != header.UNTYPED:
        return kind
    if len(acts) < 2:
        return "other"
    return "progress_report" if stated * 2 > len(acts) else "work_plan"


def extract_document(pages: Sequence[Page], options: ExtractionOptions | None = None) -> DocumentRecords:
    """`options`: the matchers' thresholds and the spaCy model of the progress check's morphology
    (see `validation.check`); default `ExtractionOptions()`."""
    with settings.using(options) as current:
        return _extract(list(pages), current)


def _extract(pages: list[Page], options: ExtractionOptions) -> DocumentRecords:
    from validation import check

    doc = build(pages)
    head = header.read(doc)
    years = ocrfix.year_votes(doc.text) if doc.has_ocr else None
    if years and head.issued and head.issued.value:
        fixed = ocrfix.plausible_year(head.issued.value.year, years)
        if fixed != head.issued.value.year:
            head.issued.value = head.issued.value.replace(year=fixed)
    year = head.issued.value.year if head.issued and head.issued.value else None
    if year is None and years:  # the date line did not survive the scan: the usual year
        usual, count = years.most_common(1)[0]
        year = int(usual) if count >= 2 else None
    parsed = structure.parse(doc.lines, doc.text, doc.has_ocr)
    if years is not None:
        structure.fix_impossible_years([*parsed.milestones, *parsed.activities], years)
        structure.fix_ocr_years(parsed.activities, years)
    _number_units(parsed)
    first = pages[0] if pages else None
    document = Document(
        type=_structural_type(head.doc_type, parsed),
        reference=head.reference[1] if head.reference else None,
        issued=head.issued.value if head.issued else None, place=head.place,
        recipients=[Person(name=n, provenance=_prov(doc, s, s + len(n))) for s, n in head.recipients],
        signatories=[Person(name=n, provenance=_prov(doc, s, s + len(n))) for s, n in head.signatories],
        plan_period=_plan_period(doc),
        source=first.source if first else "", sha256=first.sha256 if first else "",
        provenance=_prov(doc, head.reference[0].start, head.reference[0].end) if head.reference else None)
    records = DocumentRecords(
        document=document,
        commitments=[Commitment(number=c.number, title=c.title, provenance=_prov(doc, c.start, c.end))
                     for c in parsed.commitments],
        milestones=[Milestone(commitment=m.commitment, number=m.number or 0,
                              printed_number=m.printed, description=m.title,
                              text=" ".join(m.text), periods=_periods(doc, m),
                              provenance=_prov(doc, m.start, m.end))
                    for m in parsed.milestones],
        activities=_activities(doc, parsed),
        dates=_dates(doc, year, years),
        **_mentions(doc))
    records.flags = check(records, options.nlp_model)
    return records
