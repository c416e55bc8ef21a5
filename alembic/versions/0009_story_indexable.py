"""A story's author chooses whether search engines may index it: stories.indexable.

Asked when he sends a story in (default no) and changeable later under Mijn verhalen;
every story that exists stays out of search engines until its author says otherwise.
Written by hand to match peersupport/models/stories.py; a test compares the migrated
schema with the models on SQLite and PostgreSQL.

Revision ID: 0009_story_indexable
Revises: 0008_one_open_draft
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0009_story_indexable"
down_revision: str | None = "0008_one_open_draft"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.add_column(
            sa.Column("indexable", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("indexable")
