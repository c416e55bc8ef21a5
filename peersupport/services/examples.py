"""Fictional example stories for demos and tests, published by an explicit command only.

`python -m peersupport seed-examples` calls `publish_examples`; nothing else does, so a
production database never gets them by accident. They belong to one account that
nobody can log in to (its credentials are random and thrown away) and are published
without the queue, with an audit entry saying so.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.content import ExampleStory
from peersupport.models import Account, Story
from peersupport.models.statuses import AccountRole, StoryState
from peersupport.services import audit, stories
from peersupport.services.credentials import PASSWORD_HASHER
from peersupport.services.notes_protocol import b64u_encode, new_kdf_params, normalize_pseudonym

EXAMPLES_PSEUDONYM = "Voorbeeldverhalen"


def publish_examples(session: Session, examples: Iterable[ExampleStory], now: datetime) -> int:
    """Publish every example that is not there yet (by title); returns how many were added."""
    author = _examples_account(session, now)
    existing = set(session.scalars(select(Story.title).where(Story.author_id == author.id)))
    added = 0
    for example in examples:
        if example.title in existing:
            continue
        story = Story(
            author_id=author.id,
            state=StoryState.PENDING.value,
            language=example.language,
            title=example.title,
            body=example.body,
            themes=",".join(code for code in stories.THEMES if code in example.themes),
            warnings=",".join(code for code in stories.WARNINGS if code in example.warnings),
            created_at=now,
            updated_at=now,
            submitted_at=now,
        )
        session.add(story)
        session.flush()
        stories.publish(session, story, now)
        audit.record(session, author, "seed_example", f"story:{story.id}", now)
        added += 1
    return added


def _examples_account(session: Session, now: datetime) -> Account:
    key = normalize_pseudonym(EXAMPLES_PSEUDONYM)
    account = session.scalar(select(Account).where(Account.pseudonym_key == key))
    if account is not None:
        return account
    unusable = PASSWORD_HASHER.hash(secrets.token_urlsafe(32))
    account = Account(
        pseudonym=EXAMPLES_PSEUDONYM,
        pseudonym_key=key,
        role=AccountRole.MEMBER.value,
        kdf_params=json.dumps(new_kdf_params().to_json()),
        auth_hash=unusable,
        wrapped_dk=b64u_encode(secrets.token_bytes(60)),
        recovery_auth_hash=unusable,
        wrapped_dk_rc=b64u_encode(secrets.token_bytes(60)),
        created_month=date(now.year, now.month, 1),
    )
    session.add(account)
    session.flush()
    return account
