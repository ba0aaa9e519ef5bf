"""Initial schema: files, documents, pages and the record tables.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written out in full rather than built from `sinks.db.schema`, so that this
revision keeps creating what it created even after the metadata moves on.
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

JSON = sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql")
Id = sa.String(32)

RECORD_TABLES = {
    "commitments": [("number", sa.Integer), ("title", sa.Text)],
    "milestones": [("commitment", sa.Integer), ("number", sa.Integer), ("printed_number", sa.Integer),
                   ("description", sa.Text), ("text", sa.Text)],
    "activities": [("commitment", sa.Integer), ("milestone", sa.Integer), ("number", sa.Integer),
                   ("printed_number", sa.Integer), ("title", sa.Text), ("progress", sa.Float),
                   ("periods", JSON), ("product", sa.Text), ("verification", sa.Text),
                   ("evidence", sa.Text)],
    "mentions": [("kind", sa.String(16), False), ("value", sa.Text, False), ("detail", JSON)],
    "count_claims": [("subject", sa.Text), ("claimed", sa.Integer), ("listed", sa.Integer),
                     ("items", JSON)],
    "flags": [("kind", sa.String(32)), ("value", sa.Text), ("explanation", sa.Text)],
}


def _document_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                   name=f"fk_{table}_document_id_documents")


def _index_document(table: str) -> None:
    op.create_index(f"ix_{table}_document_id", table, ["document_id"])


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", Id, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("type", sa.String(32)),
        sa.Column("reference", sa.Text),
        sa.Column("issued", sa.Date),
        sa.Column("place", sa.Text),
        sa.Column("recipients", JSON),
        sa.Column("signatories", JSON),
        sa.Column("provenance", JSON),
        sa.Column("extra", JSON),
        sa.PrimaryKeyConstraint("id", name="pk_documents"),
    )
    op.create_index("ix_documents_sha256", "documents", ["sha256"])

    op.create_table(
        "files",
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64)),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("pages", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("pages_ok", sa.Integer, nullable=False),
        sa.Column("methods", JSON),
        sa.Column("errors", JSON),
        sa.Column("seconds", sa.Float),
        sa.Column("document_id", Id),
        sa.Column("extra", JSON),
        sa.PrimaryKeyConstraint("path", name="pk_files"),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="SET NULL",
                                name="fk_files_document_id_documents"),
    )
    op.create_index("ix_files_sha256", "files", ["sha256"])
    _index_document("files")

    op.create_table(
        "pages",
        sa.Column("id", Id, nullable=False),
        sa.Column("document_id", Id, nullable=False),
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
        sa.PrimaryKeyConstraint("id", name="pk_pages"),
        _document_fk("pages"),
    )
    _index_document("pages")

    for table, columns in RECORD_TABLES.items():
        op.create_table(
            table,
            sa.Column("id", Id, nullable=False),
            sa.Column("document_id", Id, nullable=False),
            sa.Column("page", sa.Integer),
            sa.Column("span_start", sa.Integer),
            sa.Column("span_end", sa.Integer),
            *[sa.Column(name, type_, nullable=rest[0] if rest else True) for name, type_, *rest in columns],
            sa.Column("provenance", JSON),
            sa.Column("extra", JSON),
            sa.PrimaryKeyConstraint("id", name=f"pk_{table}"),
            _document_fk(table),
        )
        _index_document(table)
    op.create_index("ix_mentions_kind_value", "mentions", ["kind", "value"])


def downgrade() -> None:
    for table in ["flags", "count_claims", "mentions", "activities", "milestones", "commitments",
                  "pages", "files", "documents"]:
        op.drop_table(table)
