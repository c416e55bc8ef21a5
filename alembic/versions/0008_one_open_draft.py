"""One open draft per author: a unique index on the author's drafts.

Opening the write page again reopens his draft, and a second tab or two requests at
once cannot add another.

An author who already has several drafts keeps the newest as his draft; the older ones
become "withdrawn" (their text stays, he can still edit or delete each from his list).
Written by hand to match peersupport/models/stories.py; a test compares the migrated
schema with the models on SQLite and PostgreSQL.

Revision ID: 0008_one_open_draft
Revises: 0007_helped_day
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0008_one_open_draft"
down_revision: str | None = "0007_helped_day"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ONLY_DRAFTS = sa.text("state = 'draft'")


def upgrade() -> None:
    # Every draft but the author's newest (latest change, then highest id) steps aside.
    op.execute(
        "UPDATE stories SET state = 'withdrawn' WHERE state = 'draft' AND EXISTS ("
        " SELECT 1 FROM stories AS newer WHERE newer.author_id = stories.author_id"
        " AND newer.state = 'draft' AND (newer.updated_at > stories.updated_at"
        " OR (newer.updated_at = stories.updated_at AND newer.id > stories.id)))"
    )
    op.create_index(
        "ux_stories_one_draft",
        "stories",
        ["author_id"],
        unique=True,
        sqlite_where=ONLY_DRAFTS,
        postgresql_where=ONLY_DRAFTS,
    )


def downgrade() -> None:
    op.drop_index("ux_stories_one_draft", table_name="stories")
