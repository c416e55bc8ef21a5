"""Moderators' own safety: which queued items are hidden until the moderator chooses
to read them, and a moderator's pause.

Hidden (blurred) until "Toon tekst": an item with crisis words (it is urgent), a story
whose writer marked the content warning "sexual_abuse" or "self_harm", and an item
whose title or text has a word of peersupport/content/sensitive_words.toml (sexual
content; the rule is written at the top of that file). The queue then sends no title
and no text to the browser until he asks, so neither a glance nor a screen reader
meets them by surprise.

A paused moderator sees no queue and takes no item: claiming or deciding is refused
(services/moderation.py asks `refuse_paused`), and pausing hands back the items he had
claimed, so other moderators pick them up. The pause is kept on his account, so it
holds on every device until he resumes. Both are in the audit log.
"""

from __future__ import annotations

import functools
import re
import tomllib
from datetime import datetime
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session

from peersupport.models import Account, ModerationItem
from peersupport.models.moderation import ItemState
from peersupport.services import audit
from peersupport.services.errors import InvalidInput
from peersupport.services.phrases import normalise

WORDS_FILE = Path(__file__).resolve().parent.parent / "content" / "sensitive_words.toml"
SENSITIVE_WARNINGS = {"sexual_abuse": "sexual", "self_harm": "crisis"}
_WORD = re.compile(r"[a-z0-9]+")
_LIST_ENTRY = re.compile(r"^[a-z0-9]+\*?$")


@functools.cache
def sensitive_words(path: Path = WORDS_FILE) -> tuple[frozenset[str], tuple[str, ...]]:
    """(whole words, prefixes) of the sensitive words file, every language together.

    Raises: ValueError naming the file and the entry that is malformed.
    """
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    whole: set[str] = set()
    prefixes: list[str] = []
    for language, section in data.items():
        entries = section.get("words") if isinstance(section, dict) else None
        if not isinstance(entries, list) or not entries:
            raise ValueError(f"{path}: [{language}] needs a list 'words'")
        for entry in entries:
            if not isinstance(entry, str) or not _LIST_ENTRY.match(entry):
                raise ValueError(f"{path}: [{language}] word {entry!r} is not one lower-case word")
            if entry.endswith("*"):
                prefixes.append(entry[:-1])
            else:
                whole.add(entry)
    return frozenset(whole), tuple(prefixes)


def has_sexual_words(text: str) -> bool:
    whole, prefixes = sensitive_words()
    return any(
        word in whole or word.startswith(prefixes) for word in _WORD.findall(normalise(text))
    )


def sensitive_reasons(
    *, urgent: bool, warnings: tuple[str, ...], title: str, body: str
) -> tuple[str, ...]:
    """Why an item is hidden until asked: "crisis" and/or "sexual"; () when it is not."""
    reasons = {"crisis"} if urgent else set()
    reasons.update(SENSITIVE_WARNINGS[code] for code in warnings if code in SENSITIVE_WARNINGS)
    if "sexual" not in reasons and has_sexual_words(f"{title}\n{body}"):
        reasons.add("sexual")
    return tuple(sorted(reasons))


def refuse_paused(actor: Account) -> None:
    """A paused moderator takes no item."""
    if actor.moderation_paused:
        raise InvalidInput("paused", "this moderator has paused taking items")


def set_paused(session: Session, actor: Account, paused: object, now: datetime) -> None:
    """Pause (or resume) taking items; pausing hands back his claimed items.

    Raises: NotAuthorized (not an active moderator); InvalidInput "invalid_value".
    """
    from peersupport.services.moderation import require_staff

    require_staff(actor)
    if not isinstance(paused, bool):
        raise InvalidInput("invalid_value", "paused is true or false")
    if paused == actor.moderation_paused:
        return
    actor.moderation_paused = paused
    if paused:
        session.execute(
            update(ModerationItem)
            .where(ModerationItem.claimed_by == actor.id, ModerationItem.state == ItemState.PENDING)
            .values(claimed_by=None, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
    audit.record(session, actor, "pause" if paused else "resume", f"account:{actor.pseudonym}", now)
    session.flush()
