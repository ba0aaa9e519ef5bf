"""Records of the extraction stage: page text -> validated, traceable records.

Every record carries a `Provenance` so a reviewer can go back to the exact
characters (and, for OCR pages, the pixels) it was read from.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from schemas.page import Box

DocType = Literal["letter", "progress_report", "work_plan", "news", "other"]
FlagKind = Literal["numbering_error", "invalid_date", "date_range_inverted", "duplicate_url",
                   "count_mismatch", "weekday_mismatch", "progress_without_evidence",
                   "milestone_without_progress", "duplicate_email", "duplicate_phone",
                   "period_outside_plan", "progress_out_of_range"]

_MONTH_OR_DAY = re.compile(r"^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$")
_URL = re.compile(r"^(https?://[^\s/]+\.[^\s/]+|www\.[^\s/]+\.[^\s/]+)\S*$", re.I)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.I)


class Repair(BaseModel):
    """A change the extractors made to what the page says before reading it (OCR pages only)."""

    model_config = ConfigDict(frozen=True)

    rule: str = Field(description="the repair, e.g. `structure_keyword`, `ocr_word`, `ocr_email`")
    before: str
    after: str


class Provenance(BaseModel):
    """Where a record was read: page text span, raw text, OCR word box, and the repairs applied."""

    model_config = ConfigDict(frozen=True)

    file: str
    page: int = Field(ge=1)
    start: int = Field(ge=0, description="offset in the page's text")
    end: int = Field(ge=0)
    raw: str = Field(description="the page text the value was normalised from")
    box: Box | None = Field(None, description="union box of the OCR words, OCR pages only")
    repairs: tuple[Repair, ...] = Field((), description="repairs of OCR noise inside the span")


class Record(BaseModel):
    provenance: Provenance | None = None


class Person(Record):
    name: str = Field(min_length=3, description="full name without titles")


class PlanPeriod(Record):
    """The years of the action plan a document belongs to ("... Gobierno Abierto 2018-2020").

    Plans are named by years only, so activity periods (months, days) are compared by year.
    """

    first_year: int = Field(ge=1900, le=2100)
    last_year: int = Field(ge=1900, le=2100)

    @model_validator(mode="after")
    def _ordered(self) -> "PlanPeriod":
        if self.last_year < self.first_year:
            raise ValueError(f"plan ends before it starts: {self.first_year}-{self.last_year}")
        return self

    def contains(self, period: "Period") -> bool:
        """By year: "2020-12-31" is inside a plan "2018-2020" though it sorts after "2020-12"."""
        return self.first_year <= int(period.start[:4]) and int(period.end[:4]) <= self.last_year


class Document(Record):
    type: DocType
    reference: str | None = None
    issued: date | None = None
    place: str | None = None
    recipients: list[Person] = Field(default_factory=list)
    signatories: list[Person] = Field(default_factory=list)
    plan_period: PlanPeriod | None = Field(None, description="the action plan the document names as its own")
    source: str
    sha256: str


class Commitment(Record):
    number: int | None = Field(None, ge=0)
    title: str | None = None


class Milestone(Record):
    commitment: int | None = None
    number: int = Field(ge=0)
    printed_number: int | None = Field(None, description="as printed; None when inferred")
    description: str | None = None
    text: str = Field("", description="everything the hito block says, for checks")
    periods: list["Period"] = Field(default_factory=list,
                                    description="the hito's own planned range (its start and end fields or cells)")


class Period(Record):
    """A Temporalidad range at month (YYYY-MM) or day (YYYY-MM-DD) precision."""

    start: str
    end: str

    @field_validator("start", "end")
    @classmethod
    def _iso(cls, v: str) -> str:
        if not _MONTH_OR_DAY.match(v):
            raise ValueError(f"not YYYY-MM or YYYY-MM-DD: {v!r}")
        if len(v) == 10:
            date.fromisoformat(v)
        return v

    @property
    def inverted(self) -> bool:
        return self.end < self.start


class Activity(Record):
    commitment: int | None = None
    milestone: int | None = None
    number: int = Field(ge=0)
    printed_number: int | None = None
    title: str | None = None
    progress: float | None = Field(None, ge=0, le=100)
    stated_progress: float | None = Field(
        None, description="the progress as written, even outside 0-100 (then `progress` is None)")
    periods: list[Period] = Field(default_factory=list)
    product: str | None = None
    verification: str | None = None
    evidence: str = Field("", description="the progress statement, for checks")


class Percentage(Record):
    value: float = Field(ge=0, le=100)


class DateMention(Record):
    """A day-precision date; `value` is None when the written date is impossible."""

    value: date | None = None
    weekday: str | None = Field(None, description="weekday written before it, normalised")


class Url(Record):
    url: str

    @field_validator("url")
    @classmethod
    def _well_formed(cls, v: str) -> str:
        if not _URL.match(v):
            raise ValueError(f"not a URL: {v!r}")
        return v

    @property
    def key(self) -> str:
        """What two mentions of one URL share: a trailing slash and case are typography."""
        return self.url.rstrip("/").casefold()


class Email(Record):
    email: str

    @field_validator("email")
    @classmethod
    def _well_formed(cls, v: str) -> str:
        if not _EMAIL.match(v):
            raise ValueError(f"not an email: {v!r}")
        return v

    @property
    def key(self) -> str:
        return self.email.casefold()


class Phone(Record):
    digits: str = Field(pattern=r"^\d{7,15}$")

    @property
    def key(self) -> str:
        return self.digits


class Organization(Record):
    name: str = Field(description="acronym where the document gives one, else full name")
    full_name: str | None = None


class CountClaim(Record):
    subject: str
    claimed: int = Field(ge=0)
    listed: int = Field(ge=0)
    items: list[str] = Field(default_factory=list)


class Flag(Record):
    kind: FlagKind
    value: str
    explanation: str


class MergedMention(BaseModel):
    """One value (a URL, email, phone, ...) however many times and places it was read.

    Repeats within a document and copies across the readings of one document
    collapse here; `provenances` keeps every place it was read, in every file.
    """

    id: str = Field(description="stable: derived from kind and normalised value")
    kind: str = Field(description="url, email, phone, organization, date or percentage")
    value: str = Field(description="the normalised value")
    count: int = Field(ge=1, description="how many mentions were merged")
    documents: list[str] = Field(default_factory=list, description="SHA-256 of every file it was read in")
    sources: list[str] = Field(default_factory=list, description="paths of those files")
    provenances: list[Provenance] = Field(default_factory=list)


class DocumentRecords(BaseModel):
    """Everything extracted from one document."""

    document: Document
    commitments: list[Commitment] = Field(default_factory=list)
    milestones: list[Milestone] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    percentages: list[Percentage] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    urls: list[Url] = Field(default_factory=list)
    emails: list[Email] = Field(default_factory=list)
    phones: list[Phone] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    count_claims: list[CountClaim] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
