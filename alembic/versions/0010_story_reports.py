"""Story reports: members report stories, reports hide them, moderators may pause.

A published story gets a `hidden` mark (reports from enough members set it until a
moderator decides), `story_reports` holds one report per member and story (the unique
constraint makes two reports at once count once), and an account gets a
`moderation_paused` mark (a moderator taking a break sees no queue and claims nothing).
Written by hand to match peersupport/models/story_reports.py, stories.py and
accounts.py; a test compares the migrated schema with the models on SQLite and
PostgreSQL. The new columns have server defaults, so existing rows need no rewrite.

Revision ID: 0010_story_reports
Revises: 0009_story_indexable
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0010_story_reports"
down_revision: str | None = "0009_story_indexable"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("stories", recreate="never") as batch:
        batch.add_column(
            sa.Column("hidden", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    with op.batch_alter_table("accounts", recreate="never") as batch:
        batch.add_column(
            sa.Column("moderation_paused", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    op.create_table(
        "story_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "reason IN ('contact_details', 'meeting_up', 'identifying', 'unkind', 'unsafe', "
            "'other')",
            name="ck_story_reports_reason",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_story_reports_story_id_stories",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"],
            ["accounts.id"],
            name="fk_story_reports_reporter_id_accounts",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_story_reports"),
        sa.UniqueConstraint("story_id", "reporter_id", name="uq_story_reports_story_reporter"),
    )
    op.create_index("ix_story_reports_open", "story_reports", ["open", "story_id"])
    op.create_index(
        "ix_story_reports_reporter_created", "story_reports", ["reporter_id", "created_at"]
    )


def downgrade() -> None:
    op.drop_index("ix_story_reports_reporter_created", table_name="story_reports")
    op.drop_index("ix_story_reports_open", table_name="story_reports")
    op.drop_table("story_reports")
    with op.batch_alter_table("accounts", recreate="never") as batch:
        batch.drop_column("moderation_paused")
    with op.batch_alter_table("stories", recreate="never") as batch:
        batch.drop_column("hidden")
