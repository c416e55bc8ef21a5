"""Crisis first: a queued item can be urgent, with the reasons the crisis rules found.

Written by hand to match peersupport/models/moderation.py; a test compares the migrated
schema with the models on SQLite and PostgreSQL. Both columns have server defaults, so
the items already queued become "not urgent" without a rewrite.

Revision ID: 0006_urgent_items
Revises: 0005_audit_log_forgets
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa

from alembic import op

revision: str = "0006_urgent_items"
down_revision: str | None = "0005_audit_log_forgets"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("moderation_items", recreate="never") as batch:
        batch.add_column(
            sa.Column("urgent", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch.add_column(
            sa.Column("urgent_reasons", sa.String(120), server_default=sa.text("''"), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("moderation_items", recreate="never") as batch:
        batch.drop_column("urgent_reasons")
        batch.drop_column("urgent")
