"""Batch-level tables: document groups, the tracker, merged mentions.

Revision ID: 0002
Revises: 0001
Create Date: 2025-02-01

Written out in full rather than built from `sinks.db.schema`, so that this
revision keeps creating what it created even after the metadata moves on.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")
Id = sa.String(32)


def upgrade() -> None:
    op.create_table(
        "document_groups",
        sa.Column("document_id", Id, nullable=False),
        sa.Column("group_id", Id, nullable=False),
        sa.Column("best", sa.Boolean, nullable=False),
        sa.Column("extra", JSON),
        sa.PrimaryKeyConstraint("document_id", name="pk_document_groups"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name="fk_document_groups_document_id_documents"),
    )
    op.create_index("ix_document_groups_group_id", "document_groups", ["group_id"])

    op.create_table(
        "tracker",
        sa.Column("id", Id, nullable=False),
        sa.Column("commitment", sa.Integer),
        sa.Column("milestone", sa.Integer),
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
        sa.PrimaryKeyConstraint("id", name="pk_tracker"),
    )

    op.create_table(
        "merged_mentions",
        sa.Column("id", Id, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("count", sa.Integer, nullable=False),
        sa.Column("documents", JSON),
        sa.Column("sources", JSON),
        sa.Column("provenances", JSON),
        sa.Column("extra", JSON),
        sa.PrimaryKeyConstraint("id", name="pk_merged_mentions"),
    )
    op.create_index("ix_merged_mentions_kind_value", "merged_mentions", ["kind", "value"])


def downgrade() -> None:
    for table in ["merged_mentions", "tracker", "document_groups"]:
        op.drop_table(table)
