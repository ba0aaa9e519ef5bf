"""Pydantic models of every record the pipeline produces."""
from schemas.page import Box, ErrorRecord, FileRecord, Page, Word
from schemas.records import (Activity, Commitment, CountClaim, DateMention, Document,
                             DocumentRecords, Email, Flag, Milestone, Organization,
                             Percentage, Period, Person, Phone, Provenance, Url)

__all__ = ["Box", "ErrorRecord", "FileRecord", "Page", "Word",
           "Activity", "Commitment", "CountClaim", "DateMention", "Document",
           "DocumentRecords", "Email", "Flag", "Milestone", "Organization", "Percentage",
           "Period", "Person", "Phone", "Provenance", "Url"]
