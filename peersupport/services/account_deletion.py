"""Deleting an account with all that is his (after the passphrase checks out) and
exporting everything stored about it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from peersupport.models import (
    Account,
    AccountSession,
    ModerationItem,
    Note,
    NoteFile,
    Story,
    StoryHelp,
    StoryReport,
    StoryTheme,
)
from peersupport.services import audit, boards, throttle
from peersupport.services.credentials import checked_auth_key, verify_or_fail
from peersupport.services.throttle import Purpose


def delete_account(
    session: Session, account: Account, auth_key: object, now: datetime, *, secret: bytes
) -> None:
    """Delete the account with its notes, sessions and stories (published ones too, with
    their queue items), after checking the passphrase. The audit log keeps what
    moderators did (who, what, when, why), without his pseudonym or his words.

    Raises:
        InvalidInput: "invalid_input".
        Throttled, LoginFailed: as for change_passphrase.
    """
    candidate = checked_auth_key(auth_key, "invalid_input")
    key = account.pseudonym_key
    bucket = throttle.bucket_for(secret, Purpose.SIGNED_IN, key)
    verify_or_fail(session, account.auth_hash, candidate, bucket, now, secret=secret, public=False)
    for purpose in Purpose:
        throttle.reset(session, throttle.bucket_for(secret, purpose, key))
    # Explicit, not left to ON DELETE CASCADE alone: deletion must not depend on the
    # database enforcing foreign keys (SQLite only does when asked).
    audit.forget_account(session, account)
    boards.forget_author(session, account)
    story_ids = select(Story.id).where(Story.author_id == account.id)
    session.execute(delete(StoryTheme).where(StoryTheme.story_id.in_(story_ids)))
    session.execute(delete(StoryHelp).where(StoryHelp.story_id.in_(story_ids)))
    session.execute(
        delete(StoryReport).where(
            (StoryReport.story_id.in_(story_ids)) | (StoryReport.reporter_id == account.id)
        )
    )
    session.execute(delete(ModerationItem).where(ModerationItem.author_id == account.id))
    session.execute(delete(Story).where(Story.author_id == account.id))
    session.execute(delete(NoteFile).where(NoteFile.account_id == account.id))
    session.execute(delete(Note).where(Note.account_id == account.id))
    session.execute(delete(AccountSession).where(AccountSession.account_id == account.id))
    session.delete(account)
    session.flush()


def export_account(session: Session, account: Account) -> dict[str, Any]:
    """Everything stored about the account, as JSON-ready data. The notes are envelopes:
    the browser decrypts them before offering the file."""
    notes = session.scalars(
        select(Note).where(Note.account_id == account.id).order_by(Note.updated_at.desc(), Note.id)
    )
    account_sessions = session.scalars(
        select(AccountSession)
        .where(AccountSession.account_id == account.id)
        .order_by(AccountSession.created_at)
    )
    own_stories = session.scalars(
        select(Story).where(Story.author_id == account.id).order_by(Story.created_at, Story.id)
    )
    return {
        "pseudonym": account.pseudonym,
        "role": account.role,
        "created_month": account.created_month.strftime("%Y-%m"),
        "suspended": account.suspended,
        "notes": [
            {"id": note.id, "envelope": note.envelope, "updated_at": note.updated_at.isoformat()}
            for note in notes
        ],
        "sessions": [
            {
                "created_at": row.created_at.isoformat(),
                "last_seen_at": row.last_seen_at.isoformat(),
                "expires_at": row.expires_at.isoformat(),
                "remember": row.remember,
            }
            for row in account_sessions
        ],
        "stories": [
            {
                "title": story.title,
                "body": story.body,
                "state": story.state,
                "language": story.language,
                "themes": story.themes.split(",") if story.themes else [],
                "warnings": story.warnings.split(",") if story.warnings else [],
                "created_at": story.created_at.isoformat(),
                "published_at": story.published_at.isoformat() if story.published_at else None,
                "rejection_reason": story.rejection_reason,
            }
            for story in own_stories
        ],
        "board_posts": boards.export_posts(session, account),
    }
