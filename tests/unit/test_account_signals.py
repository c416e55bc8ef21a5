"""Account signals and the account view for moderators: replies mostly to one member,
replies to many young-sounding members, repeated text signals; the rule that says who
sounds young; one account's history of signals and decisions; staff only; bounded
queries (no query per item)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from peersupport.models import Account, BoardThread
from peersupport.services import (
    account_review,
    account_signals,
    board_moderation,
    boards,
    moderation,
)
from peersupport.services.age_statements import says_he_is_young
from peersupport.services.errors import InvalidInput, NotAuthorized

from .conftest import NOW, add_account
from .test_boards_service import (
    LIMITS,
    answer,
    approve,
    item_of,
    open_thread,
    opening_of,
    start,
)

HOUR = timedelta(hours=1)


def replies(db: Session, author: Account, thread: BoardThread, count: int, first: int) -> None:
    """`count` calm replies by `author` in `thread`, an hour apart from hour `first`."""
    for n in range(count):
        answer(db, author, thread.id, now=NOW + (first + n) * HOUR)


def signals_of(db: Session, mod: Account, account: Account, hours: int = 48) -> dict[str, object]:
    found = account_signals.account_signals(db, mod, [account.id], NOW + hours * HOUR)
    return {signal.code: signal for signal in found.get(account.id, ())}


@pytest.mark.parametrize(
    ("text", "young"),
    [
        ("Ik ben 15 en ik weet niet wat ik moet doen.", True),
        ("ik ben pas veertien", True),
        ("im 16 and scared", True),
        ("Ik ben een jongen van 16.", True),
        ("16 jaar oud, uit het oosten", True),
        ("Toen ik 14 was begon het.", False),  # the past
        ("When I was 13 he found me online.", False),
        ("Ik ben 15 minuten te laat.", False),  # an amount
        ("Ik ben 19 en het gaat beter.", False),
        ("Mijn broertje is 12.", False),  # not about himself
    ],
)
def test_a_member_sounds_young_when_he_says_he_is_under_18_now(text: str, young: bool) -> None:
    assert says_he_is_young(text) is young


def test_replies_mostly_to_one_member_are_a_signal_with_the_figures(db: Session) -> None:
    mod = add_account(db, "Mod", role="moderator")
    boy, other, man = add_account(db, "Sem"), add_account(db, "Daan"), add_account(db, "Kees")
    his_thread = open_thread(db, boy, mod)
    other_thread = open_thread(db, other, mod)
    replies(db, man, his_thread, 4, first=1)
    assert "one_member" not in signals_of(db, mod, man)  # 4 replies: below the minimum

    replies(db, man, his_thread, 1, first=5)
    replies(db, man, other_thread, 2, first=6)
    signal = signals_of(db, mod, man)["one_member"]
    assert signal == account_signals.AccountSignal("one_member", 5, 7, 30, "Sem")

    replies(db, man, other_thread, 2, first=8)  # 5 of 9: below the share
    assert "one_member" not in signals_of(db, mod, man)


def test_replies_older_than_the_window_do_not_count(db: Session) -> None:
    mod = add_account(db, "Mod", role="moderator")
    boy, man = add_account(db, "Sem"), add_account(db, "Kees")
    thread = open_thread(db, boy, mod)
    replies(db, man, thread, 6, first=1)
    assert "one_member" in signals_of(db, mod, man)
    assert "one_member" not in signals_of(db, mod, man, hours=31 * 24)


def test_replies_to_many_young_sounding_members_are_a_signal(db: Session) -> None:
    mod = add_account(db, "Mod", role="moderator")
    man = add_account(db, "Kees")
    boys = [add_account(db, f"Jongen{n}") for n in range(4)]
    threads = []
    for n, boy in enumerate(boys):
        body = f"Ik ben {14 + n % 3} en ik weet niet of dit normaal is wat hij doet."
        threads.append(open_thread(db, boy, mod, body=body))
    for n, thread in enumerate(threads[:3]):
        replies(db, man, thread, 1, first=n + 1)
    assert "young_members" not in signals_of(db, mod, man)  # 3 members: below the minimum

    replies(db, man, threads[3], 1, first=5)
    assert signals_of(db, mod, man)["young_members"] == account_signals.AccountSignal(
        "young_members", 4, 4, 30
    )


def test_a_member_who_told_of_his_age_in_the_past_does_not_sound_young(db: Session) -> None:
    mod = add_account(db, "Mod", role="moderator")
    man = add_account(db, "Kees")
    for n in range(4):
        boy = add_account(db, f"Man{n}")
        body = "Toen ik 15 was gebeurde het. Nu ben ik ouder en gaat het beter."
        replies(db, man, open_thread(db, boy, mod, body=body), 1, first=n + 1)
    assert "young_members" not in signals_of(db, mod, man)


def test_repeated_text_signals_over_time_are_a_signal(db: Session) -> None:
    mod = add_account(db, "Mod", role="moderator")
    boy, man = add_account(db, "Sem"), add_account(db, "Kees")
    thread = open_thread(db, boy, mod)
    answer(db, man, thread.id, now=NOW + HOUR, body="Hoe oud ben je eigenlijk?")
    answer(db, man, thread.id, now=NOW + 2 * HOUR, body="Sterkte, je staat er niet alleen voor.")
    assert "repeated" not in signals_of(db, mod, man)

    answer(
        db,
        man,
        thread.id,
        now=NOW + 3 * HOUR,
        body="Zullen we een keer afspreken? Dat praat makkelijker.",
    )
    assert signals_of(db, mod, man)["repeated"] == account_signals.AccountSignal(
        "repeated", 2, 3, 30
    )


def test_the_queue_shows_each_item_its_text_signals_and_its_authors_signals(db: Session) -> None:
    mod = add_account(db, "Mod", role="moderator")
    boy, man = add_account(db, "Sem"), add_account(db, "Kees")
    thread = open_thread(db, boy, mod)
    replies(db, man, thread, 5, first=1)
    post = answer(db, man, thread.id, now=NOW + 7 * HOUR, body="Zeg het tegen niemand, oké?")
    calm = answer(db, boy, thread.id, now=NOW + 8 * HOUR, body="Dank je, het helpt echt.")
    item, calm_item = item_of(db, post.id), item_of(db, calm.id)

    found = account_signals.queue_signals(db, mod, [item.id, calm_item.id], NOW + 9 * HOUR)

    assert found[item.id].account_id == man.id
    assert [sign.signal for sign in found[item.id].text] == ["secrecy"]
    assert [signal.code for signal in found[item.id].account] == ["one_member"]
    assert found[calm_item.id].text == () and found[calm_item.id].account == ()
    assert item.state == "pending"  # a signal decides nothing


def test_reading_the_signals_of_a_whole_queue_takes_a_fixed_number_of_queries(db: Session) -> None:
    mod = add_account(db, "Mod", role="moderator")
    boy = add_account(db, "Sem")
    thread = open_thread(db, boy, mod)

    def queries_for(writers: int) -> int:
        ids = []
        for n in range(writers):
            writer = add_account(db, f"Schrijver{writers}x{n}")
            ids.append(item_of(db, answer(db, writer, thread.id, now=NOW + HOUR).id).id)
        db.flush()
        statements: list[str] = []
        listen = lambda *args: statements.append(args[2])  # noqa: E731
        engine = db.get_bind()
        event.listen(engine, "before_cursor_execute", listen)
        try:
            account_signals.queue_signals(db, mod, ids, NOW + 2 * HOUR)
        finally:
            event.remove(engine, "before_cursor_execute", listen)
        return len(statements)

    assert queries_for(2) == queries_for(12) <= 6


def test_only_active_moderators_and_admins_read_signals_and_accounts(db: Session) -> None:
    member, mod = add_account(db, "Sem"), add_account(db, "Mod", role="moderator")
    admin = add_account(db, "Baas", role="admin")
    suspended = add_account(db, "Oud", role="moderator")
    suspended.suspended = True
    for actor in (member, suspended):
        with pytest.raises(NotAuthorized):
            account_signals.queue_signals(db, actor, [1], NOW)
        with pytest.raises(NotAuthorized):
            account_signals.account_signals(db, actor, [member.id], NOW)
        with pytest.raises(NotAuthorized):
            account_review.review_account(db, actor, member.id, NOW)
    for actor in (mod, admin):
        assert account_review.review_account(db, actor, member.id, NOW).pseudonym == "Sem"


@pytest.mark.parametrize("hostile", [None, "3", 0, -1, True, 2**40, 3.0, [1], {"id": 1}])
def test_a_hostile_account_id_is_refused(db: Session, hostile: object) -> None:
    mod = add_account(db, "Mod", role="moderator")
    with pytest.raises(InvalidInput) as raised:
        account_review.review_account(db, mod, hostile, NOW)
    assert raised.value.code == "unknown_account"


def test_the_account_view_holds_his_signals_decisions_reports_and_suspensions(
    db: Session,
) -> None:
    mod = add_account(db, "Mod", role="moderator")
    boy, man = add_account(db, "Sem"), add_account(db, "Kees")
    reporters = [add_account(db, f"Melder{n}") for n in range(2)]
    thread = open_thread(db, boy, mod)
    asked = answer(db, man, thread.id, now=NOW + HOUR, body="Hoe oud ben je? Stuur eens een foto.")
    moderation.reject_item(
        db, mod, item_of(db, asked.id).id, template="unsafe", text="", now=NOW + 2 * HOUR
    )
    kept = answer(db, man, thread.id, now=NOW + 3 * HOUR, body="Sterkte, echt.")
    approve(db, mod, kept.id, NOW + 4 * HOUR)
    for reporter in reporters:
        boards.report_post(
            db, reporter, kept.id, reason="meeting_up", text="", limits=LIMITS, now=NOW + 5 * HOUR
        )
    board_moderation.remove_post(db, mod, kept.id, reason="Wilde afspreken.", now=NOW + 6 * HOUR)
    waiting = start(db, man, now=NOW + 6.5 * HOUR, title="Vraag", body="Alleen ik snap jou echt.")
    moderation.suspend_account(
        db, mod, "Kees", reason="Vroeg naar leeftijd en foto's.", now=NOW + 7 * HOUR
    )

    review = account_review.review_account(db, mod, man.id, NOW + 9 * HOUR)

    assert (review.pseudonym, review.role, review.suspended) == ("Kees", "member", True)
    assert [(item.kind, item.state, item.signals) for item in review.items] == [
        ("thread", "pending", ("isolating_flattery",)),
        ("reply", "approved", ()),
        ("reply", "rejected", ("asks_age", "asks_photos")),
    ]
    assert review.items[0].id == item_of(db, opening_of(db, waiting).id).id
    assert review.items[2].reason == "unsafe"
    assert dict(review.states) == {"pending": 1, "approved": 1, "rejected": 1, "withdrawn": 0}
    assert review.removed_posts == 1
    assert review.reports == (("meeting_up", 2),)
    assert [(entry.action, entry.subject_kind) for entry in review.history] == [
        ("suspend", "account"),
        ("remove", "post"),
        ("approve", "reply"),
        ("reject", "reply"),
    ]
    assert review.history[0].reason == "Vroeg naar leeftijd en foto's."
    assert [signal.code for signal in review.signals] == ["repeated"]
