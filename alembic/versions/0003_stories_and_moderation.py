"""Stories, the moderation queue, watched words and the append-only audit log.

Written by hand to match peersupport/models/stories.py and moderation.py; a test
compares the migrated schema with the models on SQLite and PostgreSQL. Triggers make
the audit log append-only in the database itself.

Revision ID: 0003_stories_and_moderation
Revises: 0002_accounts_and_notes
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0003_stories_and_moderation"
down_revision: str | None = "0002_accounts_and_notes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)

SQLITE_TRIGGERS = (
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
    """CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
)
POSTGRESQL_TRIGGERS = (
    """CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$""",
    """CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
       FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()""",
    """CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()""",
)


def upgrade() -> None:
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("title", sa.String(120), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("themes", sa.String(200), nullable=False),
        sa.Column("warnings", sa.String(200), nullable=False),
        sa.Column("reading_minutes", sa.Integer(), nullable=False),
        sa.Column("helped_count", sa.Integer(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.Column("submitted_at", TIMESTAMP, nullable=True),
        sa.Column("published_at", TIMESTAMP, nullable=True),
        sa.Column("rejection_template", sa.String(32), nullable=True),
        sa.Column("rejection_reason", sa.Text(), nullable=True),
        sa.CheckConstraint("language IN ('nl', 'en')", name="ck_stories_language"),
        sa.CheckConstraint(
            "state IN ('draft', 'pending', 'published', 'rejected', 'withdrawn')",
            name="ck_stories_state",
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["accounts.id"],
            name="fk_stories_author_id_accounts",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
    )
    op.create_index("ix_stories_author_id", "stories", ["author_id"])
    op.create_index(
        "ix_stories_language_published", "stories", ["language", "state", "published_at", "id"]
    )
    op.create_index("ix_stories_published", "stories", ["state", "published_at", "id"])

    op.create_table(
        "story_themes",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("theme", sa.String(32), nullable=False),
        sa.Column("language", sa.String(2), nullable=False),
        sa.Column("published_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_story_themes_story_id_stories",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("story_id", "theme", name="pk_story_themes"),
    )
    op.create_index(
        "ix_story_themes_theme_published", "story_themes", ["theme", "published_at", "story_id"]
    )
    op.create_index(
        "ix_story_themes_theme_language_published",
        "story_themes",
        ["theme", "language", "published_at", "story_id"],
    )

    op.create_table(
        "story_helps",
        sa.Column("story_id", sa.Integer(), nullable=False),
        sa.Column("marker", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_story_helps_story_id_stories",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("story_id", "marker", name="pk_story_helps"),
    )

    op.create_table(
        "moderation_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("story_id", sa.Integer(), nullable=True),
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
        sa.CheckConstraint("kind IN ('story')", name="ck_moderation_items_kind"),
        sa.CheckConstraint(
            "state IN ('pending', 'approved', 'rejected', 'withdrawn')",
            name="ck_moderation_items_state",
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
    )
    op.create_index("ix_moderation_items_author_id", "moderation_items", ["author_id"])
    op.create_index("ix_moderation_items_queue", "moderation_items", ["state", "queued_at", "id"])
    op.create_index("ix_moderation_items_story_id", "moderation_items", ["story_id"])

    op.create_table(
        "watched_words",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("phrase", sa.String(64), nullable=False),
        sa.Column("action", sa.String(8), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.CheckConstraint(
            "action IN ('block', 'flag', 'review')", name="ck_watched_words_action"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_watched_words"),
        sa.UniqueConstraint("phrase", name="uq_watched_words_phrase"),
    )

    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", TIMESTAMP, nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("actor_pseudonym", sa.String(32), nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("subject", sa.String(120), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    dialect = op.get_bind().dialect.name
    for statement in POSTGRESQL_TRIGGERS if dialect == "postgresql" else SQLITE_TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER audit_log_no_truncate ON audit_log")
        op.execute("DROP TRIGGER audit_log_no_change ON audit_log")
        op.execute("DROP FUNCTION audit_log_append_only()")
    else:
        op.execute("DROP TRIGGER audit_log_no_delete")
        op.execute("DROP TRIGGER audit_log_no_update")
    op.drop_index("ix_audit_log_at", table_name="audit_log")
    op.drop_table("audit_log")
    op.drop_table("watched_words")
    op.drop_index("ix_moderation_items_story_id", table_name="moderation_items")
    op.drop_index("ix_moderation_items_queue", table_name="moderation_items")
    op.drop_index("ix_moderation_items_author_id", table_name="moderation_items")
    op.drop_table("moderation_items")
    op.drop_table("story_helps")
    op.drop_index("ix_story_themes_theme_language_published", table_name="story_themes")
    op.drop_index("ix_story_themes_theme_published", table_name="story_themes")
    op.drop_table("story_themes")
    op.drop_index("ix_stories_published", table_name="stories")
    op.drop_index("ix_stories_language_published", table_name="stories")
    op.drop_index("ix_stories_author_id", table_name="stories")
    op.drop_table("stories")
