"""merge_mentions: one record per (kind, value) over the batch, every provenance kept."""
import random
from datetime import date

from dedup import DocumentGroup, Reading, group_readings, merge_mentions
from extractors import extract_document
from schemas.page import Page
from schemas.records import (DateMention, Document, DocumentRecords, Email, Organization, Percentage,
                             Phone, Provenance, Url)
from sinks.ids import merged_mention_id
from tests.conftest import SAMPLES
from tests.noise import noisy


def prov(file: str, start: int, raw: str, page: int = 1) -> Provenance:
    return Provenance(file=file, page=page, start=start, end=start + len(raw), raw=raw)


def reading(source: str, sha: str, **lists) -> Reading:
    doc = Document(type="letter", source=source, sha256=sha)
    return Reading(records=DocumentRecords(document=doc, **lists), text="", ocr_confidence=None)


def letter(source: str, sha: str) -> Reading:
    return reading(
        source, sha,
        urls=[Url(url="https://a.gob.gt/", provenance=prov(source, 10, "https://a.gob.gt/")),
              Url(url="https://A.gob.gt", provenance=prov(source, 90, "https://A.gob.gt", page=2))],
        emails=[Email(email="SSanchez@infom.gob.gt", provenance=prov(source, 40, "SSanchez@infom.gob.gt"))],
        phones=[Phone(digits="24221425", provenance=prov(source, 70, "2422-1425"))],
        organizations=[Organization(name="INFOM", provenance=prov(source, 5, "INFOM"))],
        dates=[DateMention(value=date(2020, 1, 29), provenance=prov(source, 20, "29 de enero de 2020"))],
        percentages=[Percentage(value=20, provenance=prov(source, 30, "20%"))])


def test_repeats_within_a_document_become_one_record_with_every_provenance():
    merged = merge_mentions([DocumentGroup(id="doc-1", readings=[letter("a.pdf", "1" * 64)])])
    url = next(m for m in merged if m.kind == "url")
    assert (url.value, url.count) == ("https://a.gob.gt", 2)
    assert [(p.page, p.raw) for p in url.provenances] == [(1, "https://a.gob.gt/"), (2, "https://A.gob.gt")]
    assert [(m.kind, m.value) for m in merged] == [
        ("date", "2020-01-29"), ("email", "ssanchez@infom.gob.gt"), ("organization", "INFOM"),
        ("percentage", "20"), ("phone", "24221425"), ("url", "https://a.gob.gt")]


def test_readings_of_one_document_and_other_documents_merge_into_the_same_record():
    copy = DocumentGroup(id="doc-1", readings=[letter("a.pdf", "1" * 64), letter("a.scan.pdf", "2" * 64)])
    other = DocumentGroup(id="doc-2", readings=[reading(
        "b.pdf", "3" * 64, phones=[Phone(digits="24221425", provenance=prov("b.pdf", 3, "(2422) 1425"))])])
    phone = next(m for m in merge_mentions([copy, other]) if m.kind == "phone")
    assert phone.count == 3
    assert phone.documents == ["1" * 64, "2" * 64, "3" * 64]
    assert phone.sources == ["a.pdf", "a.scan.pdf", "b.pdf"]
    assert [p.file for p in phone.provenances] == ["a.pdf", "a.scan.pdf", "b.pdf"]


def test_ids_derive_from_kind_and_value_only():
    first = merge_mentions([DocumentGroup(id="doc-1", readings=[letter("a.pdf", "1" * 64)])])
    again = merge_mentions([DocumentGroup(id="doc-9", readings=[letter("z.pdf", "9" * 64)])])
    assert [m.id for m in first] == [m.id for m in again]
    assert [m.id for m in first] == [merged_mention_id(m.kind, m.value) for m in first]
    assert len({m.id for m in first}) == len(first)


def test_the_order_of_groups_and_readings_does_not_matter():
    groups = [DocumentGroup(id=f"doc-{i}", readings=[letter(f"{i}{k}.pdf", f"{i}{k}" * 32) for k in "ab"])
              for i in range(4)]
    first = [m.model_dump() for m in merge_mentions(groups)]
    for seed in range(3):
        rng = random.Random(seed)
        shuffled = [DocumentGroup(id=g.id, readings=rng.sample(g.readings, 2)) for g in groups]
        rng.shuffle(shuffled)
        assert [m.model_dump() for m in merge_mentions(shuffled)] == first


def test_a_sample_read_twice_is_merged_not_doubled():
    text = (SAMPLES / "gt" / "003.gt.txt").read_text(encoding="utf-8")
    readings = []
    scanned = noisy(text, "drop_accents")
    for source, sha, body in (("003.pdf", "a" * 64, text), ("003.scan.pdf", "b" * 64, scanned)):
        pages = [Page(source=source, sha256=sha, page=i + 1, method="text", text=t)
                 for i, t in enumerate(body.split("\f"))]
        readings.append(Reading(records=extract_document(pages), text=body, ocr_confidence=None))
    (group,) = group_readings(readings)
    merged = merge_mentions([group])
    repeated = next(m for m in merged if m.kind == "url" and m.value == "https://munidolorespeten.laip.gt")
    assert repeated.count == 4 and repeated.sources == ["003.pdf", "003.scan.pdf"]
    assert len({(p.file, p.page, p.start) for p in repeated.provenances}) == 4
    per_reading = sum(len(getattr(r.records, n)) for r in readings
                      for n in ("urls", "emails", "phones", "organizations", "dates", "percentages"))
    assert sum(m.count for m in merged) == per_reading  # every mention lands in exactly one record
