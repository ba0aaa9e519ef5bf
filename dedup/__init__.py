"""Deduplication: copies of one document become one group; activities become one tracker entry."""
from dedup.documents import DocumentGroup, Reading, group_readings
from dedup.tracker import TrackerEntry, build_tracker

__all__ = ["DocumentGroup", "Reading", "TrackerEntry", "build_tracker", "group_readings"]
