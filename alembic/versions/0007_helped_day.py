""""Dit hielp me" keeps the day a mark was counted.

So moderators see a story whose count jumps (a script making fresh browser keys) against
its own usual days. Only the day, never a time; marks counted before this revision have none. Written by
hand to match peersupport/models/stories.py; a test compares the migrated schema with
the models on SQLite and PostgreSQL.

Revision ID: 0007_helped_day
Revises: 0006_urgent_items
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0007_helped_day"
down_revision: str | None = "0006_urgent_items"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("story_helps", recreate="never") as batch:
        batch.add_column(sa.Column("counted_on", sa.Date(), nullable=True))
    op.create_index("ix_story_helps_counted_on", "story_helps", ["counted_on"])


def downgrade() -> None:
    op.drop_index("ix_story_helps_counted_on", table_name="story_helps")
    with op.batch_alter_table("story_helps", recreate="never") as batch:
        batch.drop_column("counted_on")
