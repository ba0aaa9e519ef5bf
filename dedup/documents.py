"""The same document read several times (digital, scans, TIFF) becomes one group.

Recognised by content, not by file hash: candidates share a blocking key, and
a candidate pair joins when its normalised texts agree closely.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

from dedup.fingerprint import blocking_keys, normalise
from schemas.records import DocumentRecords

SAME_DOCUMENT = 85.0  # rapidfuzz ratio of normalised texts; two scans of one page score 90+
PART_OF_DOCUMENT = 90.0  # partial ratio: some pages scanned on their own (a PNG of page 1)
_MIN_PART_CHARS = 500  # shorter texts are too generic to place inside another
_PART_NEEDLE = 1500
_COMPARED_CHARS = 6000
_MAX_BUCKET = 64  # a key shared by more documents than this says nothing about any two of them


@dataclass
class Reading:
    """One file's reading of a document: its records and how it was read."""

    records: DocumentRecords
    text: str
    ocr_confidence: float | None  # None: read from a text layer

    @property
    def source(self) -> str:
        return self.records.document.source

    @property
    def quality(self) -> tuple:
        # A text layer beats any OCR; then the more confident OCR; then the name, for determinism.
        conf = 101.0 if self.ocr_confidence is None else self.ocr_confidence
        return (-conf, self.source)


@dataclass
class DocumentGroup:
    id: str
    readings: list[Reading] = field(default_factory=list)

    @property
    def best(self) -> Reading:
        return self.readings[0]

    @property
    def sources(self) -> list[str]:
        return sorted(r.source for r in self.readings)


def group_readings(readings: list[Reading]) -> list[DocumentGroup]:
    """Union-find over candidate pairs; output sorted, so input order does not matter."""
    readings = sorted(readings, key=lambda r: (r.records.document.sha256, r.source))
    texts = [normalise(r.text)[:_COMPARED_CHARS] for r in readings]
    parent = list(range(len(readings)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in _candidate_pairs(texts):
        same_file = readings[i].records.document.sha256 == readings[j].records.document.sha256
        if same_file or _same_document(texts[i], texts[j]):
            parent[find(i)] = find(j)
    members: dict[int, list[Reading]] = defaultdict(list)
    for i, reading in enumerate(readings):
        members[find(i)].append(reading)
    groups = [_group(sorted(m, key=lambda r: r.quality)) for m in members.values()]
    return sorted(groups, key=lambda g: g.id)


def _same_document(a: str, b: str) -> bool:
    if fuzz.ratio(a, b, score_cutoff=SAME_DOCUMENT):
        return True
    shorter, longer = sorted((a, b), key=len)
    if len(shorter) < _MIN_PART_CHARS:
        return False
    # The part's opening is distinctive enough, and partial_ratio grows with the needle's length.
    needle = shorter[:_PART_NEEDLE]
    # partial_ratio is the best 2 * LCS / (len(needle) + len(window)) over windows of `longer` no longer
    # than the needle; a window's LCS is at most the whole text's, L, which bounds it by 2L / (n + L).
    # That bound costs one LCS instead of one per window, and rules out nearly every pair that fails.
    common = LCSseq.similarity(needle, longer)
    if 200 * common < PART_OF_DOCUMENT * (len(needle) + common):
        return False
    return bool(fuzz.partial_ratio(needle, longer, score_cutoff=PART_OF_DOCUMENT))


def _candidate_pairs(texts: list[str]) -> set[tuple[int, int]]:
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, text in enumerate(texts):
        for key in blocking_keys(text):
            buckets[key].append(i)
    pairs = set()
    for bucket in buckets.values():
        if len(bucket) > _MAX_BUCKET:
            continue
        for a in range(len(bucket)):
            for b in range(a + 1, len(bucket)):
                pairs.add((bucket[a], bucket[b]))
    return pairs


def _group(readings: list[Reading]) -> DocumentGroup:
    # The group id is the best reading's content hash: stable while that reading is in the batch.
    digest = hashlib.sha256(readings[0].records.document.sha256.encode()).hexdigest()[:16]
    return DocumentGroup(id=f"doc-{digest}", readings=readings)
