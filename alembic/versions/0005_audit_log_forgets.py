"""The audit log forgets a deleted account: its one allowed change.

Migration 0003 refused every UPDATE of audit_log. When an account is deleted, the log
keeps every moderator action (who by id, what, when, why) but must let go of what ties
it to that boy: his pseudonym (as actor, or in a subject "account:<pseudonym>") and
his words (an edit's diff in `detail`). So an UPDATE now passes only when it does
nothing else than forget:
- `actor_pseudonym` stays or becomes '' (no pseudonym is empty: the deleted-account
  marker),
- `subject` stays, or "account:<pseudonym>" becomes "account:",
- `detail` stays or becomes '',
- every other column stays as it was,
- and something is forgotten: an UPDATE that changes nothing is refused as before
  (ops/production-check proves the triggers survived a restore with one).
DELETE and TRUNCATE stay refused. The condition lists the columns by name, so a new
column of audit_log must be added to it.

Revision ID: 0005_audit_log_forgets
Revises: 0004_boards
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005_audit_log_forgets"
down_revision: str | None = "0004_boards"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The same expression in SQLite and PostgreSQL.
ONLY_FORGETS = """(
    NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.actor_id = OLD.actor_id
    AND NEW.action = OLD.action AND NEW.reason = OLD.reason
    AND NEW.actor_pseudonym IN (OLD.actor_pseudonym, '')
    AND (NEW.subject = OLD.subject
         OR (substr(OLD.subject, 1, 8) = 'account:' AND NEW.subject = 'account:'))
    AND NEW.detail IN (OLD.detail, '')
    AND (NEW.actor_pseudonym <> OLD.actor_pseudonym OR NEW.subject <> OLD.subject
         OR NEW.detail <> OLD.detail)
)"""

SQLITE_UPGRADE = (
    "DROP TRIGGER audit_log_no_update",
    f"""CREATE TRIGGER audit_log_only_forgets BEFORE UPDATE ON audit_log
        WHEN NOT {ONLY_FORGETS}
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
)
SQLITE_DOWNGRADE = (
    "DROP TRIGGER audit_log_only_forgets",
    """CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
       BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END""",
)
# The triggers of 0003 (UPDATE OR DELETE per row, TRUNCATE per statement) keep calling
# this function; only its body changes.
POSTGRESQL_UPGRADE = (
    f"""CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
        LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                IF {ONLY_FORGETS} THEN
                    RETURN NEW;
                END IF;
            END IF;
            RAISE EXCEPTION 'the audit log is append-only';
        END $$""",
)
POSTGRESQL_DOWNGRADE = (
    """CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger
       LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$""",
)


def upgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRESQL_UPGRADE if postgresql else SQLITE_UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for statement in POSTGRESQL_DOWNGRADE if postgresql else SQLITE_DOWNGRADE:
        op.execute(statement)
