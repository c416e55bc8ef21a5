"""Files in the evidence vault: encrypted blobs that belong to one note each.

Written by hand to match peersupport/models/note_files.py; a test compares the migrated
schema with the models on SQLite and PostgreSQL.

Revision ID: 0011_note_files
Revises: 0010_story_reports
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0011_note_files"
down_revision: str | None = "0010_story_reports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "note_files",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("note_id", sa.String(36), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("blob", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_note_files"),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name="fk_note_files_account_id_accounts",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["note_id"],
            ["notes.id"],
            name="fk_note_files_note_id_notes",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_note_files_account_id", "note_files", ["account_id"])
    op.create_index("ix_note_files_note_id", "note_files", ["note_id"])


def downgrade() -> None:
    op.drop_index("ix_note_files_note_id", table_name="note_files")
    op.drop_index("ix_note_files_account_id", table_name="note_files")
    op.drop_table("note_files")
