"""The kinds of item the moderation queue holds: one implementation of `ModeratedKind`
per kind, in one registry; the queue and the decisions reach every kind through that
registry alone, so a new kind joins by adding one implementation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.models import Account, AuditEntry, ModerationItem
from peersupport.models.moderation import ItemKind
from peersupport.services import moderation, moderation_kinds
from peersupport.services.moderation_kinds import KINDS, ItemText, ModeratedKind

from .conftest import NOW
from .test_boards_service import answer, item_of, open_thread, opening_of, start
from .test_moderation_service import submit

LATER = NOW + timedelta(minutes=5)


def test_the_registry_holds_exactly_one_implementation_for_each_kind() -> None:
    assert set(KINDS) == set(ItemKind) == {"story", "thread", "reply"}
    assert all(implementation.kind == kind for kind, implementation in KINDS.items())
    with pytest.raises(ValueError):
        moderation_kinds.registry([KINDS[ItemKind.STORY], KINDS[ItemKind.THREAD]])


def _one_of_each(db: Session, author: Account, reader: Account, mod: Account) -> dict[str, int]:
    """A pending item of every kind: {kind: item id}."""
    story = submit(db, author)
    thread = open_thread(db, author, mod)
    waiting_thread = start(db, reader, now=NOW + timedelta(minutes=1))
    reply = answer(db, reader, thread.id, now=NOW + timedelta(minutes=2))
    return {
        "story": story.id,
        "thread": item_of(db, opening_of(db, waiting_thread).id).id,
        "reply": item_of(db, reply.id).id,
    }


def test_every_registered_kinds_pending_items_reach_the_queue_and_its_decisions(
    db: Session, author: Account, reader: Account, mod: Account
) -> None:
    items = _one_of_each(db, author, reader, mod)

    queue = moderation.list_queue(db, mod, LATER)

    assert {row.kind: row.id for row in queue} == items
    assert {row.kind for row in queue} == set(KINDS)
    assert all(row.body and row.body_html and row.title for row in queue)
    for item_id in items.values():
        moderation.approve_item(db, mod, item_id, LATER)
    assert moderation.list_queue(db, mod, LATER) == []
    subjects = db.scalars(select(AuditEntry.subject).where(AuditEntry.action == "approve"))
    kinds = {subject.split(":")[0] for subject in subjects}
    assert kinds == set(KINDS)


@dataclass
class RecordingKind:
    """A kind written against the protocol alone: its text and what was done to it."""

    kind: ItemKind = ItemKind.STORY
    has_own_title: bool = True
    done: list[str] = field(default_factory=list)

    def target_id(self, item: ModerationItem) -> int | None:
        return 4242

    def texts(self, session: Session, items: Sequence[ModerationItem]) -> dict[int, ItemText]:
        return {item.id: ItemText(title="Titel van elders", body="Tekst") for item in items}

    def body_html(self, body: str) -> str:
        return f"<p>{body}</p>"

    def publish(self, session: Session, item: ModerationItem, now: datetime) -> None:
        self.done.append("publish")

    def cleaned_edit(
        self, session: Session, item: ModerationItem, title: object, body: object
    ) -> tuple[str, str]:
        return str(title), str(body)

    def publish_edit(
        self, session: Session, item: ModerationItem, title: str, body: str, now: datetime
    ) -> list[tuple[str, str]]:
        self.done.append("edit")
        return [("Tekst", body)]

    def reject(
        self, session: Session, item: ModerationItem, template: str, why: str, now: datetime
    ) -> None:
        self.done.append(f"reject {template}")

    def put_back(self, session: Session, item: ModerationItem, now: datetime) -> None:
        self.done.append("put_back")


def test_a_kind_plugs_into_the_queue_and_the_decisions_through_the_protocol_alone(
    db: Session, author: Account, mod: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    recording = RecordingKind()
    implementation: ModeratedKind = recording
    monkeypatch.setitem(KINDS, ItemKind.STORY, implementation)
    first, second = submit(db, author), submit(db, author, title="Nog een")

    queue = moderation.list_queue(db, mod, LATER)
    moderation.approve_item(db, mod, first.id, LATER)
    moderation.undo_decision(db, mod, first.id, LATER)
    moderation.reject_item(db, mod, second.id, template="unsafe", text="", now=LATER)
    moderation.edit_and_approve_item(
        db, mod, first.id, title="T", body="Nieuw", reason="Korter", now=LATER
    )

    assert [(row.title, row.body_html) for row in queue] == [
        ("Titel van elders", "<p>Tekst</p>")
    ] * 2
    assert recording.done == ["publish", "put_back", "reject unsafe", "edit"]
    rows = db.execute(select(AuditEntry.action, AuditEntry.subject).order_by(AuditEntry.id))
    assert [tuple(row) for row in rows][-4:] == [
        ("approve", "story:4242"),
        ("undo", "story:4242"),
        ("reject", "story:4242"),
        ("edit_approve", "story:4242"),
    ]
