"""Deduplication: copies of one document become one group; activities become one tracker entry;
mentioned values become one merged mention."""
from dedup.documents import DocumentGroup, Reading, group_readings
from dedup.mentions import merge_mentions
from dedup.tracker import TrackerEntry, build_tracker

__all__ = ["DocumentGroup", "Reading", "TrackerEntry", "build_tracker", "group_readings", "merge_mentions"]
