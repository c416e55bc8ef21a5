"""Stories: readers see only published stories; authors only ever touch their own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from peersupport.models import Account, ModerationItem, Story, StoryHelp
from peersupport.services import helped_tokens, moderation, stories, watched_words
from peersupport.services.errors import InvalidInput, NotAuthorized

from .conftest import NOW, SERVER_SECRET, add_account

BODY = (
    "Ik was vijftien toen iemand online heel aardig tegen me deed. Pas veel later "
    "begreep ik dat het niet mijn schuld was. Praten hielp me echt."
)
BROWSER_KEY = "A" * 43


def draft(db: Session, author: Account, **fields: object) -> stories.OwnStory:
    values: dict[str, object] = {
        "title": "Wat er gebeurde",
        "body": BODY,
        "language": "nl",
        "themes": ["online_grooming"],
        "warnings": ["sexual_abuse"],
    }
    values.update(fields)
    return stories.save_draft(db, author, None, now=NOW, **values)


def edit(db: Session, author: Account, story_id: int, **fields: object) -> stories.OwnStory:
    values: dict[str, object] = {
        "title": "Wat er gebeurde",
        "body": BODY,
        "language": "nl",
        "themes": ["online_grooming"],
        "warnings": [],
    }
    values.update(fields)
    return stories.save_draft(db, author, story_id, now=NOW, **values)


def published(
    db: Session, author: Account, moderator: Account, minutes: int = 0, **fields: object
) -> int:
    own = draft(db, author, **fields)
    story = db.get(Story, own.id)
    assert story is not None
    item = ModerationItem(
        kind="story",
        story_id=own.id,
        author_id=author.id,
        queued_at=NOW,
        original_title=story.title,
        original_body=story.body,
        findings="[]",
        flags="[]",
    )
    db.add(item)
    story.state = "pending"
    db.flush()
    moderation.approve_item(db, moderator, item.id, NOW + timedelta(minutes=minutes))
    return own.id


# --- writing ---------------------------------------------------------------------------


def test_a_new_draft_is_saved_with_its_codes_in_a_fixed_order(db: Session, author: Account) -> None:
    own = draft(db, author, themes=["shame", "loverboy"], warnings=[])

    assert own.state == "draft"
    assert own.themes == ("loverboy", "shame")
    assert stories.list_own_stories(db, author)[0].id == own.id


def test_a_member_cannot_read_or_edit_another_members_draft(db: Session, author: Account) -> None:
    other = add_account(db, "Ander")
    own = draft(db, author)

    with pytest.raises(NotAuthorized):
        stories.get_own_story(db, other, own.id)
    with pytest.raises(NotAuthorized):
        stories.save_draft(
            db, other, own.id, title="x", body="y", language="nl", themes=[], warnings=[], now=NOW
        )
    with pytest.raises(NotAuthorized):
        stories.submit_story(db, other, own.id, keep_findings=True, now=NOW)
    with pytest.raises(NotAuthorized):
        stories.delete_story(db, other, own.id)
    assert stories.get_own_story(db, author, own.id).title == "Wat er gebeurde"
    assert stories.list_own_stories(db, other) == []


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"title": "x" * 121}, "title_too_long"),
        ({"title": None}, "title_too_long"),
        ({"body": "x" * 20_001}, "body_too_long"),
        ({"body": ["not", "text"]}, "body_too_long"),
        ({"language": "de"}, "invalid_language"),
        ({"language": None}, "invalid_language"),
        ({"themes": ["drugs"]}, "invalid_theme"),
        ({"themes": "online_grooming"}, "invalid_theme"),
        ({"themes": [{"$ne": 1}]}, "invalid_theme"),
        ({"warnings": ["spoilers"]}, "invalid_warning"),
        ({"warnings": None}, "invalid_warning"),
    ],
)
def test_hostile_draft_fields_are_refused_with_a_code(
    db: Session, author: Account, fields: dict[str, object], code: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        draft(db, author, **fields)

    assert refused.value.code == code
    assert db.scalar(select(func.count()).select_from(Story)) == 0


@pytest.mark.parametrize("story_id", ["1", 1.0, True, -1, 0, 2**70, None, {"id": 1}])
def test_hostile_story_ids_are_refused(db: Session, author: Account, story_id: object) -> None:
    draft(db, author)

    with pytest.raises(NotAuthorized):
        stories.get_own_story(db, author, story_id)


def test_submitting_queues_the_story_and_nothing_becomes_public(
    db: Session, author: Account
) -> None:
    own = draft(db, author)

    item = stories.submit_story(db, author, own.id, keep_findings=False, now=NOW)

    assert stories.get_own_story(db, author, own.id).state == "pending"
    assert item.state == "pending" and item.original_body == BODY
    assert stories.get_published(db, own.id) is None
    assert stories.list_published(db) == ([], None)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"title": "  "}, "title_missing"),
        ({"body": "Te kort."}, "body_too_short"),
        ({"themes": []}, "theme_missing"),
    ],
)
def test_an_incomplete_draft_cannot_be_submitted(
    db: Session, author: Account, fields: dict[str, object], code: str
) -> None:
    own = draft(db, author, **fields)

    with pytest.raises(InvalidInput) as refused:
        stories.submit_story(db, author, own.id, keep_findings=True, now=NOW)

    assert refused.value.code == code
    assert stories.get_own_story(db, author, own.id).state == "draft"


def test_contact_details_must_be_removed_or_kept_knowingly_and_then_are_flagged(
    db: Session, author: Account
) -> None:
    own = draft(db, author, body=BODY + " Snap me: jongen_2009 of bel 06 12 34 56 78.")

    with pytest.raises(InvalidInput) as refused:
        stories.submit_story(db, author, own.id, keep_findings=False, now=NOW)
    assert refused.value.code == "contact_details"
    assert stories.get_own_story(db, author, own.id).state == "draft"

    item = stories.submit_story(db, author, own.id, keep_findings=True, now=NOW)
    assert {kind for kind, _ in _findings(item)} >= {"phone", "platform"}


def _findings(item: ModerationItem) -> list[tuple[str, str]]:
    import json

    return [(f["kind"], f["text"]) for f in json.loads(item.findings)]


def test_a_suspended_member_cannot_submit(db: Session, author: Account) -> None:
    own = draft(db, author)
    author.suspended = True

    with pytest.raises(NotAuthorized) as refused:
        stories.submit_story(db, author, own.id, keep_findings=True, now=NOW)

    assert refused.value.code == "suspended"
    assert db.scalar(select(func.count()).select_from(ModerationItem)) == 0


def test_watched_words_block_flag_or_escalate_a_submission(db: Session, author: Account) -> None:
    watched_words.add_word(db, "Verboden", "block", NOW)
    watched_words.add_word(db, "kik", "review", NOW)
    blocked = draft(db, author, body=BODY + " Dit is VERBODEN.")

    with pytest.raises(InvalidInput) as refused:
        stories.submit_story(db, author, blocked.id, keep_findings=True, now=NOW)
    reviewed = edit(db, author, blocked.id, body=BODY + " Hij vroeg naar mijn k i k.")
    item = stories.submit_story(db, author, reviewed.id, keep_findings=True, now=NOW)

    assert refused.value.code == "blocked_word"
    assert item.escalated is True
    assert '"kik"' in item.flags


def test_at_most_three_submissions_a_day(db: Session, author: Account) -> None:
    for _ in range(3):
        stories.submit_story(db, author, draft(db, author).id, keep_findings=True, now=NOW)
    fourth = draft(db, author).id

    with pytest.raises(InvalidInput) as refused:
        stories.submit_story(db, author, fourth, keep_findings=True, now=NOW)
    later = stories.submit_story(
        db, author, fourth, keep_findings=True, now=NOW + timedelta(days=1, seconds=1)
    )

    assert refused.value.code == "too_many_submissions"
    assert later.state == "pending"


def test_deleting_a_rejected_story_does_not_reset_the_daily_limit(
    db: Session, author: Account, moderator: Account
) -> None:
    for _ in range(3):
        story_id = draft(db, author).id
        item = stories.submit_story(db, author, story_id, keep_findings=True, now=NOW)
        moderation.reject_item(db, moderator, item.id, template="unsafe", text="", now=NOW)
        stories.delete_story(db, author, story_id)

    with pytest.raises(InvalidInput) as refused:
        stories.submit_story(db, author, draft(db, author).id, keep_findings=True, now=NOW)

    assert refused.value.code == "too_many_submissions"
    kept = db.scalars(select(ModerationItem)).all()
    assert [(item.story_id, item.original_body) for item in kept] == [(None, "")] * 3


def test_the_author_cannot_edit_a_pending_or_published_story(
    db: Session, author: Account, moderator: Account
) -> None:
    story_id = published(db, author, moderator)

    with pytest.raises(InvalidInput) as refused:
        stories.save_draft(
            db,
            author,
            story_id,
            title="Nieuw",
            body=BODY,
            language="nl",
            themes=["shame"],
            warnings=[],
            now=NOW,
        )

    assert refused.value.code == "not_editable"
    assert stories.get_published(db, story_id) is not None


def test_withdrawing_a_published_story_takes_it_off_the_list(
    db: Session, author: Account, moderator: Account
) -> None:
    story_id = published(db, author, moderator)

    stories.withdraw_story(db, author, story_id, NOW)

    assert stories.get_published(db, story_id) is None
    assert stories.list_published(db) == ([], None)
    assert stories.list_published(db, theme="online_grooming") == ([], None)


def test_withdrawing_a_pending_story_takes_it_out_of_the_queue(
    db: Session, author: Account, moderator: Account
) -> None:
    own = draft(db, author)
    stories.submit_story(db, author, own.id, keep_findings=True, now=NOW)

    stories.withdraw_story(db, author, own.id, NOW)

    assert moderation.list_queue(db, moderator, NOW) == []


# --- reading ---------------------------------------------------------------------------


def test_the_list_is_newest_first_and_pages_by_cursor(
    db: Session, author: Account, moderator: Account
) -> None:
    ids = [published(db, author, moderator, minutes=n, title=f"Verhaal {n}") for n in range(5)]

    first, cursor = stories.list_published(db, limit=2)
    second, cursor2 = stories.list_published(db, cursor=cursor, limit=2)
    third, cursor3 = stories.list_published(db, cursor=cursor2, limit=2)

    assert [card.id for card in first + second + third] == ids[::-1]
    assert cursor3 is None


def test_the_list_filters_by_theme_and_language(
    db: Session, author: Account, moderator: Account
) -> None:
    grooming_nl = published(db, author, moderator, 1, themes=["online_grooming"])
    shame_en = published(db, author, moderator, 2, language="en", themes=["shame", "recovery"])
    both_nl = published(db, author, moderator, 3, themes=["shame"])

    def ids(**filters: object) -> list[int]:
        return [card.id for card in stories.list_published(db, **filters)[0]]  # type: ignore[arg-type]

    assert ids(theme="shame") == [both_nl, shame_en]
    assert ids(language="nl") == [both_nl, grooming_nl]
    assert ids(theme="shame", language="en") == [shame_en]
    assert ids(theme="sextortion") == []


@pytest.mark.parametrize(
    ("filters", "code"),
    [
        ({"theme": "'; DROP TABLE stories; --"}, "invalid_theme"),
        ({"language": "fr"}, "invalid_language"),
        ({"cursor": "not-a-cursor"}, "invalid_cursor"),
        ({"cursor": "x" * 500}, "invalid_cursor"),
        ({"cursor": ["a"]}, "invalid_cursor"),
    ],
)
def test_hostile_list_filters_are_refused(
    filters: dict[str, object], code: str, db: Session
) -> None:
    with pytest.raises(InvalidInput) as refused:
        stories.list_published(db, **filters)  # type: ignore[arg-type]

    assert refused.value.code == code


def test_a_list_page_costs_one_query_however_many_stories_there_are(
    db: Session, author: Account, moderator: Account
) -> None:
    for n in range(30):
        published(db, author, moderator, minutes=n, themes=["shame"])
    db.expire_all()

    queries: list[str] = []

    def count(*args: object) -> None:
        queries.append(str(args[2]))

    counts = []
    for filters in ({}, {"theme": "shame"}, {"language": "nl"}):
        queries.clear()
        event.listen(db.get_bind(), "before_cursor_execute", count)
        try:
            page, cursor = stories.list_published(db, **filters)  # type: ignore[arg-type]
            stories.list_published(db, cursor=cursor, **filters)  # type: ignore[arg-type]
        finally:
            event.remove(db.get_bind(), "before_cursor_execute", count)
        counts.append(len(queries))
        assert len(page) == stories.PAGE_SIZE

    assert counts == [2, 2, 2]


def test_a_story_page_shows_safe_html_and_related_stories_in_its_language(
    db: Session, author: Account, moderator: Account
) -> None:
    story_id = published(db, author, moderator, 1, body=BODY + "\n\n<script>alert(1)</script>")
    related = published(db, author, moderator, 2)
    published(db, author, moderator, 3, language="en")
    published(db, author, moderator, 4, themes=["sextortion"])

    page = stories.get_published(db, story_id)

    assert page is not None
    assert "<script>" not in page.body_html and "&lt;script&gt;" in page.body_html
    assert [card.id for card in page.related] == [related]


def test_drafts_pending_and_rejected_stories_are_not_readable(db: Session, author: Account) -> None:
    own = draft(db, author)

    assert stories.get_published(db, own.id) is None
    assert stories.get_published(db, "1") is None
    assert stories.get_published(db, 10**12) is None


def test_this_helped_me_counts_once_per_browser_and_stores_no_browser_key(
    db: Session, author: Account, moderator: Account
) -> None:
    story_id = published(db, author, moderator)

    first = helped(db, story_id, BROWSER_KEY)
    again = helped(db, story_id, BROWSER_KEY)
    other = helped(db, story_id, "B" * 43)

    assert (first, again, other) == ((1, True), (1, False), (2, True))
    markers = db.scalars(select(StoryHelp.marker)).all()
    assert len(markers) == 2 and all(BROWSER_KEY not in marker for marker in markers)


def helped(db: Session, story_id: int, key: object, token: object = "") -> tuple[int, bool]:
    """Count as the story page does, with a fresh token from the page unless given one."""
    token = token or helped_tokens.issue(SERVER_SECRET, story_id, NOW)
    return stories.mark_helped(db, story_id, key, SERVER_SECRET, token=token, now=NOW)


def test_fresh_browser_keys_count_only_with_a_fresh_token_from_the_page(
    db: Session, author: Account, moderator: Account
) -> None:
    story_id = published(db, author, moderator)
    other_story = published(db, author, moderator)
    token = helped_tokens.issue(SERVER_SECRET, story_id, NOW)
    expired = helped_tokens.issue(SERVER_SECRET, story_id, NOW - helped_tokens.LIFETIME)
    forged = token[:-1] + ("0" if token[-1] != "0" else "1")
    foreign = helped_tokens.issue(SERVER_SECRET, other_story, NOW)
    other_secret = helped_tokens.issue(b"another secret!!" * 2, story_id, NOW)

    assert helped(db, story_id, "A" * 43, token) == (1, True)
    for reused in (token, expired, forged, foreign, other_secret, None, 7, "1.2.3", "x" * 300):
        with pytest.raises(InvalidInput) as refused:
            helped(db, story_id, "B" * 43, reused or "not a token")
        assert refused.value.code == "invalid_token"
    assert stories.get_published(db, story_id).helped_count == 1  # type: ignore[union-attr]


@pytest.mark.parametrize("key", ["short", "A" * 44, None, 43, "A" * 42 + "!"])
def test_this_helped_me_refuses_a_malformed_browser_key(
    db: Session, author: Account, moderator: Account, key: object
) -> None:
    story_id = published(db, author, moderator)

    with pytest.raises(InvalidInput) as refused:
        helped(db, story_id, key)

    assert refused.value.code == "invalid_key"


def test_this_helped_me_is_not_counted_for_an_unpublished_story(
    db: Session, author: Account
) -> None:
    own = draft(db, author)

    with pytest.raises(InvalidInput) as refused:
        helped(db, own.id, BROWSER_KEY)

    assert refused.value.code == "not_found"


def test_deleting_the_account_deletes_his_stories(
    db: Session, author: Account, moderator: Account
) -> None:
    published(db, author, moderator)
    draft(db, author)

    db.delete(author)
    db.flush()

    assert db.scalar(select(func.count()).select_from(Story)) == 0
    assert db.scalar(select(func.count()).select_from(ModerationItem)) == 0


def test_related_stories_share_any_theme_are_newest_first_and_never_twice(
    db: Session, author: Account, moderator: Account
) -> None:
    story_id = published(db, author, moderator, 0, themes=["shame", "recovery"])
    both = published(db, author, moderator, 1, themes=["shame", "recovery"])
    shame = published(db, author, moderator, 2, themes=["shame"])
    recovery = published(db, author, moderator, 3, themes=["recovery"])
    published(db, author, moderator, 4, themes=["loverboy"])
    newest = published(db, author, moderator, 5, themes=["recovery", "loverboy"])

    page = stories.get_published(db, story_id)

    assert page is not None
    assert [card.id for card in page.related] == [newest, recovery, shame]
    assert both not in [card.id for card in page.related]
