"""After an account is deleted the audit log still says who did what, when and why, but
holds neither the boy's pseudonym nor anything he wrote: no diff of an edit to his
story or posts, so no contact details a moderator edited out of them either."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from peersupport.models import Account, AuditEntry, BoardPost
from peersupport.services import audit, board_moderation, boards, moderation
from peersupport.services.account_deletion import delete_account
from peersupport.settings import PostingLimits
from peersupport.state.audit_log import _audit_row

from .conftest import NOW, SERVER_SECRET, add_account, queue_story, sign_up
from .test_boards_service import item_of

pytestmark = pytest.mark.usefixtures("cheap_password_hashing")

LIMITS = PostingLimits()
# A reply comes some minutes after its thread (new members wait between posts).
LATER = NOW + timedelta(minutes=10)
BOY = "StilleVos42"
OTHER = "RustigeUil7"
PHONE = "06-12345678"
HIS_STORY = (
    "Ik was vijftien toen het begon bij de sportschool. Eerst was hij aardig, later "
    f"moest ik dingen doen die ik niet wilde. Bel me op {PHONE}."
)
HIS_STORY_EDITED = HIS_STORY.replace(f" Bel me op {PHONE}.", "")
HIS_THREAD_TITLE = "Wie kent de trainer van de sportschool"
HIS_THREAD_BODY = "Bij mij begon het met berichtjes op de trainingsavond. Herkent iemand dat?"
HIS_THREAD_EDITED = "Bij mij begon het met berichtjes. Herkent iemand dat?"
HIS_REPLY = "Ik woon vlak bij het station van Zwolle, wie wil praten?"
OTHER_STORY = (
    "Het duurde lang voor ik durfde te praten. Mijn oom zei dat niemand me zou geloven, "
    "maar mijn mentor geloofde me wel."
)
# Words only he wrote (and what was edited out of them): none may stay in the log.
HIS_WORDS = (BOY, PHONE, "sportschool", "trainingsavond", "Zwolle")


@dataclass(frozen=True)
class Row:
    id: int
    at: object
    actor_id: int
    actor_pseudonym: str
    action: str
    subject: str
    reason: str
    detail: str


def log(db: Session) -> list[Row]:
    return [
        Row(e.id, e.at, e.actor_id, e.actor_pseudonym, e.action, e.subject, e.reason, e.detail)
        for e in db.scalars(select(AuditEntry).order_by(AuditEntry.id))
    ]


def log_text(rows: list[Row]) -> str:
    return "\n".join(str(row) for row in rows)


def moderate_everything_he_wrote(db: Session, boy: Account, mod: Account) -> set[str]:
    """Every kind of moderator action on his story, thread and reply and on his account;
    returns the subjects of his items."""
    story = queue_story(db, boy, "Mijn verhaal", HIS_STORY)
    moderation.edit_and_approve_item(
        db,
        mod,
        story.id,
        title="Mijn verhaal",
        body=HIS_STORY_EDITED,
        reason="Telefoonnummer weggehaald",
        now=NOW,
    )
    rejected = queue_story(db, boy, "Nog een verhaal", HIS_STORY)
    moderation.reject_item(
        db, mod, rejected.id, template="contact_details", text="Je nummer stond erin", now=NOW
    )
    thread = boards.start_thread(
        db,
        boy,
        "vragen",
        title=HIS_THREAD_TITLE,
        body=HIS_THREAD_BODY,
        keep_findings=True,
        limits=LIMITS,
        now=NOW,
    )
    opening = db.scalar(select(BoardPost.id).where(BoardPost.thread_id == thread.id))
    assert opening is not None
    moderation.edit_and_approve_item(
        db,
        mod,
        item_of(db, opening).id,
        title="Een vraag over vroeger",
        body=HIS_THREAD_EDITED,
        reason="Plaats weggehaald",
        now=NOW,
    )
    reply = boards.reply(
        db,
        boy,
        thread.id,
        body=HIS_REPLY,
        quote_of=None,
        keep_findings=True,
        limits=LIMITS,
        now=LATER,
    )
    moderation.edit_and_approve_item(
        db,
        mod,
        item_of(db, reply.id).id,
        title="",
        body="Wie wil praten?",
        reason="Woonplaats weggehaald",
        now=LATER,
    )
    board_moderation.remove_post(db, mod, reply.id, reason="Te herkenbaar", now=LATER)
    board_moderation.set_locked(db, mod, thread.id, True, LATER)
    moderation.suspend_account(db, mod, BOY, reason="Deelde zijn nummer", now=LATER)
    moderation.unsuspend_account(db, mod, BOY, reason="Afgesproken", now=LATER)
    return {
        f"story:{story.story_id}",
        f"story:{rejected.story_id}",
        f"thread:{opening}",
        f"reply:{reply.id}",
        f"post:{reply.id}",
    }


def test_the_log_keeps_every_action_on_his_items_without_his_words_or_his_name(
    db: Session,
) -> None:
    boy, keys = sign_up(db, BOY)
    other, _ = sign_up(db, OTHER)
    mod = add_account(db, "Moderator", role="moderator")
    his_subjects = moderate_everything_he_wrote(db, boy, mod)
    others_story = queue_story(db, other, "Hoe ik hulp vond", OTHER_STORY)
    moderation.edit_and_approve_item(
        db,
        mod,
        others_story.id,
        title="Hoe ik hulp vond",
        body=OTHER_STORY.replace("oom", "familielid"),
        reason="Te herkenbaar",
        now=NOW,
    )
    db.commit()
    before = log(db)
    # The log did hold his words and name: what follows could find them.
    assert [word for word in HIS_WORDS if word in log_text(before)] == list(HIS_WORDS)

    delete_account(db, boy, keys.auth_key, NOW, secret=SERVER_SECRET)
    db.commit()
    after = log(db)

    assert [row.id for row in after] == [row.id for row in before]
    for old, new in zip(before, after, strict=True):
        # Who (the moderator), what, when and why stay, for every entry.
        kept = (old.at, old.actor_id, old.actor_pseudonym, old.action, old.reason)
        assert (new.at, new.actor_id, new.actor_pseudonym, new.action, new.reason) == kept
        if old.subject in his_subjects:
            assert (new.subject, new.detail) == (old.subject, "")
        elif old.subject == f"account:{BOY}":
            assert (new.subject, new.detail) == ("account:", old.detail)
        else:
            assert new == old  # the other member's edit keeps its diff
    assert [word for word in HIS_WORDS if word in log_text(after)] == []
    # ("thread:<id>" also names a locked thread when its id is his opening post's.)
    actions = [row.action for row in after if row.subject in his_subjects and row.action != "lock"]
    assert actions == ["edit_approve", "reject", "edit_approve", "edit_approve", "remove"]
    reasons = {row.action: row.reason for row in after}
    assert reasons["suspend"] == "Deelde zijn nummer"
    others_edit = next(row for row in after if row.reason == "Te herkenbaar" and row.detail)
    assert "familielid" in others_edit.detail


def test_a_deleted_moderators_actions_stay_under_his_id_without_his_pseudonym(
    db: Session,
) -> None:
    mod, keys = sign_up(db, "OudModerator")
    mod.role = "moderator"
    other, _ = sign_up(db, OTHER)
    story = queue_story(db, other, "Hoe ik hulp vond", OTHER_STORY)
    moderation.approve_item(db, mod, story.id, NOW)
    moderation.set_watched_word(db, mod, "kik", "flag", NOW)
    db.commit()
    before = log(db)
    mod_id = mod.id

    delete_account(db, mod, keys.auth_key, NOW, secret=SERVER_SECRET)
    db.commit()

    after = log(db)
    assert [(row.actor_id, row.actor_pseudonym, row.action, row.subject) for row in after] == [
        (mod_id, audit.DELETED_ACCOUNT, row.action, row.subject) for row in before
    ]
    assert "OudModerator" not in log_text(after)


def test_the_log_page_shows_a_deleted_account_in_neutral_words() -> None:
    forgotten = audit.AuditRecord(
        id=7,
        at=NOW,
        actor=audit.DELETED_ACCOUNT,
        action="suspend",
        subject="account:",
        reason="Spam",
        detail="",
    )
    named = audit.AuditRecord(
        id=8,
        at=NOW,
        actor="Moderator",
        action="suspend",
        subject="account:Bram",
        reason="",
        detail="",
    )

    row, other = _audit_row(forgotten), _audit_row(named)

    assert (row.actor_deleted, row.subject_deleted, row.subject_kind, row.subject) == (
        True,
        True,
        "",
        "",
    )
    assert (other.actor_deleted, other.subject_deleted, other.subject_kind, other.subject) == (
        False,
        False,
        "account",
        "Bram",
    )
