"""Accounts, login sessions, login throttling and encrypted notes.

Written by hand to match peersupport/models/accounts.py and notes.py (constraint and
index names follow the naming convention in peersupport/models/__init__.py); a test
compares the migrated schema with the models on SQLite and PostgreSQL.

Revision ID: 0002_accounts_and_notes
Revises: 0001_baseline
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0002_accounts_and_notes"
down_revision: str | None = "0001_baseline"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(32), nullable=False),
        sa.Column("pseudonym_key", sa.String(64), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("kdf_params", sa.Text(), nullable=False),
        sa.Column("auth_hash", sa.String(255), nullable=False),
        sa.Column("wrapped_dk", sa.String(128), nullable=False),
        sa.Column("recovery_auth_hash", sa.String(255), nullable=False),
        sa.Column("wrapped_dk_rc", sa.String(128), nullable=False),
        sa.Column("created_month", sa.Date(), nullable=False),
        sa.Column("suspended", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_accounts"),
        sa.CheckConstraint("role IN ('member', 'moderator', 'admin')", name="ck_accounts_role"),
    )
    op.create_index("ix_accounts_pseudonym_key", "accounts", ["pseudonym_key"], unique=True)

    op.create_table(
        "account_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("remember", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_account_sessions"),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name="fk_account_sessions_account_id_accounts",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_account_sessions_account_id", "account_sessions", ["account_id"])
    op.create_index(
        "ix_account_sessions_token_hash", "account_sessions", ["token_hash"], unique=True
    )
    op.create_index("ix_account_sessions_expires_at", "account_sessions", ["expires_at"])

    op.create_table(
        "login_throttles",
        sa.Column("key", sa.String(80), nullable=False),
        sa.Column("window_start", sa.DateTime(timezone=True), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_login_throttles"),
    )

    op.create_table(
        "notes",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("envelope", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_notes"),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["accounts.id"],
            name="fk_notes_account_id_accounts",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_notes_account_id", "notes", ["account_id"])


def downgrade() -> None:
    op.drop_index("ix_notes_account_id", table_name="notes")
    op.drop_table("notes")
    op.drop_table("login_throttles")
    op.drop_index("ix_account_sessions_expires_at", table_name="account_sessions")
    op.drop_index("ix_account_sessions_token_hash", table_name="account_sessions")
    op.drop_index("ix_account_sessions_account_id", table_name="account_sessions")
    op.drop_table("account_sessions")
    op.drop_index("ix_accounts_pseudonym_key", table_name="accounts")
    op.drop_table("accounts")
