"""Message boards: threads, posts and reports; board posts in the moderation queue.

Written by hand to match peersupport/models/boards.py and moderation.py; a test
compares the migrated schema with the models on SQLite and PostgreSQL. SQLite cannot
change a CHECK constraint in place, so moderation_items is rebuilt there (batch mode,
with the table definition given in full, because SQLite does not report CHECK names).

Revision ID: 0004_boards
Revises: 0003_stories_and_moderation
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0004_boards"
down_revision: str | None = "0003_stories_and_moderation"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
KINDS_BEFORE = "kind IN ('story')"
KINDS_AFTER = "kind IN ('story', 'thread', 'reply')"
# Migration 0003 named its checks twice over (the naming convention added its prefix to a
# full name); this one gives the kind check the name the models give it.
OLD_KIND_CHECK = "ck_moderation_items_ck_moderation_items_kind"
NEW_KIND_CHECK = "ck_moderation_items_kind"


def _moderation_items(kinds: str, kind_check: str, *, with_post: bool) -> sa.Table:
    """moderation_items as migration 0003 made it, with the given kinds (and post_id)."""
    columns: list[sa.Column[object]] = [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=True),
    ]
    if with_post:
        columns.append(sa.Column("post_id", sa.Integer(), nullable=True))
    columns += [
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("queued_at", TIMESTAMP, nullable=False),
        sa.Column("original_title", sa.Text(), nullable=False),
        sa.Column("original_body", sa.Text(), nullable=False),
        sa.Column("findings", sa.Text(), nullable=False),
        sa.Column("flags", sa.Text(), nullable=False),
        sa.Column("escalated", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("claimed_by", sa.Integer(), nullable=True),
        sa.Column("claimed_at", TIMESTAMP, nullable=True),
        sa.Column("decision", sa.String(16), nullable=True),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", TIMESTAMP, nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
    ]
    constraints: list[sa.Constraint] = [
        sa.CheckConstraint(kinds, name=kind_check),
        sa.CheckConstraint(
            "state IN ('pending', 'approved', 'rejected', 'withdrawn')",
            name="ck_moderation_items_ck_moderation_items_state",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["accounts.id"],
            name="fk_moderation_items_author_id_accounts",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["claimed_by"],
            ["accounts.id"],
            name="fk_moderation_items_claimed_by_accounts",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"],
            ["accounts.id"],
            name="fk_moderation_items_decided_by_accounts",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_moderation_items_story_id_stories",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_moderation_items"),
    ]
    if with_post:
        constraints.append(
            sa.ForeignKeyConstraint(
                ["post_id"],
                ["board_posts.id"],
                name="fk_moderation_items_post_id_board_posts",
                ondelete="CASCADE",
            )
        )
    table = sa.Table("moderation_items", sa.MetaData(), *columns, *constraints)
    # Batch mode rebuilds the indexes the copied table names.
    sa.Index("ix_moderation_items_author_id", table.c.author_id)
    sa.Index("ix_moderation_items_queue", table.c.state, table.c.queued_at, table.c.id)
    sa.Index("ix_moderation_items_story_id", table.c.story_id)
    return table


def upgrade() -> None:
    with op.batch_alter_table("accounts", recreate="never") as batch:
        batch.add_column(sa.Column("created_on", sa.Date(), nullable=True))
    op.execute("UPDATE accounts SET created_on = created_month")

    op.create_table(
        "board_threads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("board", sa.String(32), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("listed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("locked", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("last_activity_at", TIMESTAMP, nullable=True),
        sa.Column("reply_count", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["accounts.id"],
            name="fk_board_threads_author_id_accounts",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_board_threads"),
    )
    op.create_index("ix_board_threads_author_id", "board_threads", ["author_id"])
    op.create_index(
        "ix_board_threads_board_activity",
        "board_threads",
        ["board", "listed", "last_activity_at", "id"],
    )

    op.create_table(
        "board_posts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("opening", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("quote_of", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("hidden", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("published_at", TIMESTAMP, nullable=True),
        sa.Column("rejection_template", sa.String(32), nullable=True),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "state IN ('pending', 'published', 'rejected', 'removed', 'deleted')",
            name="ck_board_posts_state",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["accounts.id"],
            name="fk_board_posts_author_id_accounts",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["quote_of"],
            ["board_posts.id"],
            name="fk_board_posts_quote_of_board_posts",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["board_threads.id"],
            name="fk_board_posts_thread_id_board_threads",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_board_posts"),
    )
    op.create_index("ix_board_posts_thread", "board_posts", ["thread_id", "id"])
    op.create_index("ix_board_posts_author_created", "board_posts", ["author_id", "created_at"])

    op.create_table(
        "post_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("reporter_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("open", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "reason IN ('contact_details', 'meeting_up', 'identifying', 'unkind', 'unsafe', "
            "'other')",
            name="ck_post_reports_reason",
        ),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["board_posts.id"],
            name="fk_post_reports_post_id_board_posts",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reporter_id"],
            ["accounts.id"],
            name="fk_post_reports_reporter_id_accounts",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_post_reports"),
        sa.UniqueConstraint("post_id", "reporter_id", name="uq_post_reports_post_reporter"),
    )
    op.create_index("ix_post_reports_open", "post_reports", ["open", "post_id"])
    op.create_index(
        "ix_post_reports_reporter_created", "post_reports", ["reporter_id", "created_at"]
    )

    with op.batch_alter_table(
        "moderation_items", copy_from=_moderation_items(KINDS_BEFORE, OLD_KIND_CHECK, with_post=False)
    ) as batch:
        batch.drop_constraint(op.f(OLD_KIND_CHECK), type_="check")
        batch.create_check_constraint(op.f(NEW_KIND_CHECK), sa.text(KINDS_AFTER))
        batch.add_column(sa.Column("post_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_moderation_items_post_id_board_posts",
            "board_posts",
            ["post_id"],
            ["id"],
            ondelete="CASCADE",
        )
    op.create_index("ix_moderation_items_post_id", "moderation_items", ["post_id"])
    # The queue figures count per day; with every board post an item, a full scan is slow.
    op.create_index("ix_moderation_items_queued_at", "moderation_items", ["queued_at"])
    op.create_index("ix_moderation_items_decided_at", "moderation_items", ["decided_at"])


def downgrade() -> None:
    op.drop_index("ix_moderation_items_decided_at", table_name="moderation_items")
    op.drop_index("ix_moderation_items_queued_at", table_name="moderation_items")
    op.drop_index("ix_moderation_items_post_id", table_name="moderation_items")
    op.execute("DELETE FROM moderation_items WHERE kind IN ('thread', 'reply')")
    with op.batch_alter_table(
        "moderation_items", copy_from=_moderation_items(KINDS_AFTER, NEW_KIND_CHECK, with_post=True)
    ) as batch:
        batch.drop_constraint("fk_moderation_items_post_id_board_posts", type_="foreignkey")
        batch.drop_column("post_id")
        batch.drop_constraint(op.f(NEW_KIND_CHECK), type_="check")
        batch.create_check_constraint(op.f(OLD_KIND_CHECK), sa.text(KINDS_BEFORE))
    op.drop_index("ix_post_reports_reporter_created", table_name="post_reports")
    op.drop_index("ix_post_reports_open", table_name="post_reports")
    op.drop_table("post_reports")
    op.drop_index("ix_board_posts_author_created", table_name="board_posts")
    op.drop_index("ix_board_posts_thread", table_name="board_posts")
    op.drop_table("board_posts")
    op.drop_index("ix_board_threads_board_activity", table_name="board_threads")
    op.drop_index("ix_board_threads_author_id", table_name="board_threads")
    op.drop_table("board_threads")
    # Never rebuild accounts: on SQLite, dropping the old table would cascade to every
    # row that points at an account. SQLite 3.35+ drops a column in place.
    with op.batch_alter_table("accounts", recreate="never") as batch:
        batch.drop_column("created_on")
