"""The tables, as SQLAlchemy Core metadata: the target the migrations must reach.

Content is the root: a `documents` row is one distinct file content (its id
comes from the sha256), and pages and records hang off it and go with it.
`files` maps each input path to the content it held at the last load, so a
changed file can find, and drop, what it used to be.

Mentions (percentages, dates, URLs, emails, phones, organizations) share one
table with a `kind` column: they have the same shape (a normalised value read
at one place), a reviewer asks "what is on page 3" or "where does this value
appear" across kinds, and a new kind then needs no migration. The typed value
and any kind-specific fields are kept whole in `detail`.

Every record table has an `extra` JSON column: fields that `schemas.records`
gains after a migration land there instead of being lost, until a later
revision gives them columns of their own.

The batch-level tables hold what only the whole batch knows: which documents
are readings of one real document (`document_groups`), one `tracker` row per
real activity, and `merged_mentions`, one row per value however often read.
Tracker and merged rows span documents, so they hang off no document; their
`sources` (input paths) say which files they came from.
"""
from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

# Deterministic constraint names on both databases, so migrations can refer to them.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")
Id = sa.String(32)
Sha = sa.String(64)

metadata = sa.MetaData(naming_convention=NAMING)


def _document_fk(nullable: bool = False) -> sa.Column:
    return sa.Column("document_id", Id, sa.ForeignKey("documents.id", ondelete="CASCADE"),
                     nullable=nullable, index=True)


def _record_table(name: str, *columns: sa.Column) -> sa.Table:
    """A table of one kind of record: where it was read, plus its own fields."""
    return sa.Table(
        name, metadata,
        sa.Column("id", Id, primary_key=True),
        _document_fk(),
        sa.Column("page", sa.Integer),
        sa.Column("span_start", sa.Integer),
        sa.Column("span_end", sa.Integer),
        *columns,
        sa.Column("provenance", JSON),
        sa.Column("extra", JSON),
    )


documents = sa.Table(
    "documents", metadata,
    sa.Column("id", Id, primary_key=True),
    sa.Column("sha256", Sha, nullable=False, index=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("type", sa.String(32)),  # NULL: pages were read but no records extracted
    sa.Column("reference", sa.Text),
    sa.Column("issued", sa.Date),
    sa.Column("place", sa.Text),
    sa.Column("recipients", JSON),
    sa.Column("signatories", JSON),
    sa.Column("provenance", JSON),
    sa.Column("extra", JSON),
)

files = sa.Table(
    "files", metadata,
    sa.Column("path", sa.Text, primary_key=True),
    sa.Column("sha256", Sha, index=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("pages", sa.Integer, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("pages_ok", sa.Integer, nullable=False),
    sa.Column("methods", JSON),
    sa.Column("errors", JSON),
    sa.Column("seconds", sa.Float),
    sa.Column("document_id", Id, sa.ForeignKey("documents.id", ondelete="SET NULL"), index=True),
    sa.Column("extra", JSON),
)

pages = sa.Table(
    "pages", metadata,
    sa.Column("id", Id, primary_key=True),
    _document_fk(),
    sa.Column("page", sa.Integer, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("method", sa.String(8), nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("rotation", sa.Integer),
    sa.Column("skew", sa.Float),
    sa.Column("dpi", sa.Float),
    sa.Column("image_size", JSON),
    sa.Column("ocr_confidence", sa.Float),
    sa.Column("words", JSON),
    sa.Column("warnings", JSON),
    sa.Column("seconds", sa.Float),
    sa.Column("extra", JSON),
)

commitments = _record_table(
    "commitments",
    sa.Column("number", sa.Integer),
    sa.Column("title", sa.Text),
)

milestones = _record_table(
    "milestones",
    sa.Column("commitment", sa.Integer),
    sa.Column("number", sa.Integer),
    sa.Column("printed_number", sa.Integer),
    sa.Column("description", sa.Text),
    sa.Column("text", sa.Text),
)

activities = _record_table(
    "activities",
    sa.Column("commitment", sa.Integer),
    sa.Column("milestone", sa.Integer),
    sa.Column("number", sa.Integer),
    sa.Column("printed_number", sa.Integer),
    sa.Column("title", sa.Text),
    sa.Column("progress", sa.Float),
    sa.Column("periods", JSON),
    sa.Column("product", sa.Text),
    sa.Column("verification", sa.Text),
    sa.Column("evidence", sa.Text),
)

mentions = _record_table(
    "mentions",
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("detail", JSON),
)
sa.Index("ix_mentions_kind_value", mentions.c.kind, mentions.c.value)

count_claims = _record_table(
    "count_claims",
    sa.Column("subject", sa.Text),
    sa.Column("claimed", sa.Integer),
    sa.Column("listed", sa.Integer),
    sa.Column("items", JSON),
)

flags = _record_table(
    "flags",
    sa.Column("kind", sa.String(32)),
    sa.Column("value", sa.Text),
    sa.Column("explanation", sa.Text),
)

document_groups = sa.Table(
    "document_groups", metadata,
    sa.Column("document_id", Id, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("group_id", Id, nullable=False, index=True),
    sa.Column("best", sa.Boolean, nullable=False),  # the reading the group's records come from
    sa.Column("extra", JSON),
)

tracker = sa.Table(
    "tracker", metadata,
    sa.Column("id", Id, primary_key=True),  # from (commitment, milestone, activity)
    sa.Column("commitment", sa.Integer),
    sa.Column("milestone", sa.Integer),  # NULL: directly under the commitment
    sa.Column("activity", sa.Integer, nullable=False),
    sa.Column("title", sa.Text),
    sa.Column("planned_periods", JSON),
    sa.Column("progress", sa.Float),
    sa.Column("progress_date", sa.Date),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("evidence_urls", JSON),
    sa.Column("flags", JSON),
    sa.Column("sources", JSON),
    sa.Column("extra", JSON),
)

merged_mentions = sa.Table(
    "merged_mentions", metadata,
    sa.Column("id", Id, primary_key=True),  # from kind and value
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("count", sa.Integer, nullable=False),
    sa.Column("documents", JSON),
    sa.Column("sources", JSON),
    sa.Column("provenances", JSON),
    sa.Column("extra", JSON),
)
sa.Index("ix_merged_mentions_kind_value", merged_mentions.c.kind, merged_mentions.c.value)

# Tables whose rows belong to one document, replaced whole when it is reloaded.
CHILDREN: tuple[sa.Table, ...] = (pages, commitments, milestones, activities, mentions,
                                  count_claims, flags)
# Tables loaded once per batch, after its files (see `sinks.db.writer.write_view`).
BATCH: tuple[sa.Table, ...] = (document_groups, tracker, merged_mentions)
ALL: tuple[sa.Table, ...] = (files, documents) + CHILDREN + BATCH
