"""The one screening step for everything a member sends to be published (a thread, a
reply, a story): in one pass per send it finds the contact details (the privacy
scrubber), the moderators' watched words and the crisis reasons, and says whether the
send may go on.

- Contact details stop a send until the author removes them or confirms
  (`keep_findings=True`); the item then reaches the moderators flagged with them.
- A blocking watched word stops it; a "review" word escalates the queued item.
- Crisis reasons never stop a send: the queued item is urgent, and the author is shown
  the help routes at once, also when his send was refused for another reason.

The refusals carry the screening (`ScreeningRefusal`, `RefusedSend`), so a form shows
what was found without running the scrubber or the crisis check a second time.
Plain Python, no Reflex.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from peersupport.models import ModerationItem
from peersupport.models.moderation import ItemKind, ItemState, WatchAction
from peersupport.services import crisis, watched_words
from peersupport.services.errors import InvalidInput, ServiceError
from peersupport.services.scrubber import Finding, find_contact_details


@dataclass(frozen=True)
class Screening:
    """What one send's title and text hold. `title` and `body` are the texts screened."""

    title: str
    body: str
    findings: tuple[Finding, ...]
    watched: tuple[watched_words.WatchedHit, ...]
    crisis_reasons: tuple[str, ...]

    @property
    def urgent(self) -> bool:
        """Crisis words: the item tops the queue and the author sees the help routes."""
        return bool(self.crisis_reasons)

    @property
    def blocked(self) -> bool:
        return any(hit.action == WatchAction.BLOCK for hit in self.watched)

    @property
    def escalated(self) -> bool:
        return any(hit.action == WatchAction.REVIEW for hit in self.watched)

    def of(self, title: str, body: str) -> bool:
        """True when this screening is of exactly `title` and `body`."""
        return (self.title, self.body) == (title, body)

    def refuse_unless_allowed(self, keep_findings: object) -> None:
        """Stop the send for unconfirmed contact details or a blocking watched word.

        Raises: ScreeningRefusal "contact_details", "blocked_word".
        """
        if self.findings and keep_findings is not True:
            raise ScreeningRefusal(
                "contact_details", "contact details found; remove or confirm", self
            )
        if self.blocked:
            raise ScreeningRefusal("blocked_word", "the text contains a blocked word", self)

    def queue_fields(self) -> dict[str, Any]:
        """What a queued moderation item keeps of the screening."""
        return {
            "findings": json.dumps([{"kind": f.kind, "text": f.text} for f in self.findings]),
            "flags": json.dumps(
                [{"word": hit.phrase, "action": hit.action} for hit in self.watched]
            ),
            "escalated": self.escalated,
            "urgent": self.urgent,
            "urgent_reasons": ",".join(self.crisis_reasons),
        }

    def queue_item(
        self,
        kind: ItemKind,
        author_id: int,
        now: datetime,
        *,
        title: str,
        body: str,
        story_id: int | None = None,
        post_id: int | None = None,
    ) -> ModerationItem:
        """A new item waiting in the moderation queue for the story or post submitted as
        `title` and `body`, keeping what this screening found in it."""
        return ModerationItem(
            kind=kind.value,
            story_id=story_id,
            post_id=post_id,
            author_id=author_id,
            state=ItemState.PENDING.value,
            queued_at=now,
            original_title=title,
            original_body=body,
            **self.queue_fields(),
        )


class ScreeningRefusal(InvalidInput):
    """The screening stopped a send ("contact_details", "blocked_word")."""

    def __init__(self, code: str, message: str, screening: Screening) -> None:
        super().__init__(code, message)
        self.screening = screening


class RefusedSend(ServiceError):
    """A send refused by any rule (its `code`), with what the screening found in it."""

    def __init__(self, refusal: ServiceError, screening: Screening) -> None:
        super().__init__(str(refusal), code=refusal.code)
        self.refusal = refusal
        self.screening = screening


def contact_details_in(title: object, body: object) -> list[Finding]:
    """What the privacy scrubber finds in a title and text (title first)."""
    found = find_contact_details(title) if isinstance(title, str) and title else []
    if isinstance(body, str) and body:
        found += find_contact_details(body)
    return found


def screen(session: Session, title: str, body: str) -> Screening:
    """Screen a send's `title` ("" for a reply: a thread's title is not his words) and
    `body` once: contact details, watched words and crisis reasons."""
    return Screening(
        title=title,
        body=body,
        findings=tuple(contact_details_in(title, body)),
        watched=tuple(watched_words.find(session, f"{title}\n{body}")),
        crisis_reasons=crisis.crisis_reasons(title, body),
    )


def screened(
    session: Session, title: str, body: str, keep_findings: object, earlier: Screening | None
) -> Screening:
    """The screening of `title` and `body` for a service about to queue them: `earlier`
    when it is of exactly these texts (the use case screened the send already), else a
    new one. Raises what `Screening.refuse_unless_allowed` raises."""
    found = earlier if earlier is not None and earlier.of(title, body) else None
    if found is None:
        found = screen(session, title, body)
    found.refuse_unless_allowed(keep_findings)
    return found
