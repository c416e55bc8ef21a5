"""Baseline: the schema every later migration builds on.

The foundation stores nothing yet: no account, story or post exists before the features
that own them. This revision marks a database as managed by Alembic, so that start-up
can tell a migrated database from an unmigrated one.

Revision ID: 0001_baseline
Revises:
Create Date: 2026-11-27
"""

from collections.abc import Sequence

revision: str = "0001_baseline"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Nothing to create: the first tables arrive with the features that own them."""


def downgrade() -> None:
    """Nothing to drop."""
