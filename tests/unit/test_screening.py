"""The one screening step: a single call per send finds the contact details, the
watched words and the crisis reasons; its refusals carry what it found; a service given
the use case's screening of the same texts does not screen them again."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.orm import Session

from peersupport.models import Account
from peersupport.services import boards, crisis, screening, watched_words
from peersupport.services.errors import InvalidInput
from peersupport.services.screening import RefusedSend, ScreeningRefusal

from .conftest import NOW
from .test_boards_service import BODY, LIMITS, PHONE, TITLE, item_of, opening_of, start

CRISIS = " Ik wil dood."


@pytest.fixture
def watched(db: Session) -> None:
    watched_words.add_word(db, "verboden", "block", NOW)
    watched_words.add_word(db, "kik", "review", NOW)
    watched_words.add_word(db, "snapchat streak", "flag", NOW)


def counted(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[object]:
    """Count the calls of `module.name` (still calling it)."""
    calls: list[object] = []
    real: Callable[..., Any] = getattr(module, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


def test_one_call_finds_contact_details_watched_words_and_crisis_reasons(
    db: Session, watched: None
) -> None:
    found = screening.screen(db, "Mijn kik", BODY + PHONE + CRISIS + " Mijn snapchat streak.")

    assert [(f.kind, f.text) for f in found.findings] == [("phone", "06 12 34 56 78")]
    assert [(hit.phrase, hit.action) for hit in found.watched] == [
        ("snapchat streak", "flag"),
        ("kik", "review"),
    ]
    assert found.crisis_reasons == ("suicide",)
    assert (found.urgent, found.escalated, found.blocked) == (True, True, False)
    fields = found.queue_fields()
    assert json.loads(fields["findings"]) == [{"kind": "phone", "text": "06 12 34 56 78"}]
    assert fields["urgent_reasons"] == "suicide" and fields["escalated"] is True


def test_a_calm_text_is_found_clean(db: Session, watched: None) -> None:
    found = screening.screen(db, TITLE, BODY)
    assert (found.findings, found.watched, found.crisis_reasons) == ((), (), ())
    assert not (found.urgent or found.escalated or found.blocked)
    found.refuse_unless_allowed(False)


def test_contact_details_stop_the_send_until_confirmed_and_the_refusal_carries_them(
    db: Session,
) -> None:
    found = screening.screen(db, TITLE, BODY + PHONE + CRISIS)

    with pytest.raises(ScreeningRefusal) as refused:
        found.refuse_unless_allowed(False)

    assert isinstance(refused.value, InvalidInput)
    assert refused.value.code == "contact_details"
    assert refused.value.screening is found and refused.value.screening.urgent
    found.refuse_unless_allowed(True)


def test_a_blocked_word_stops_the_send_even_when_contact_details_are_confirmed(
    db: Session, watched: None
) -> None:
    found = screening.screen(db, TITLE, BODY + PHONE + " Dat is verboden.")
    with pytest.raises(ScreeningRefusal) as refused:
        found.refuse_unless_allowed(True)
    assert refused.value.code == "blocked_word"


def test_a_refused_send_keeps_its_code_and_carries_the_screening(db: Session) -> None:
    found = screening.screen(db, "", BODY + CRISIS)
    refusal = InvalidInput("too_soon", "wait")

    wrapped = RefusedSend(refusal, found)

    assert (wrapped.code, wrapped.refusal, wrapped.screening.urgent) == ("too_soon", refusal, True)


def test_a_thread_given_its_screening_is_not_screened_again(
    db: Session, author: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = boards.screen_send(db, f"  {TITLE} ", BODY + PHONE + CRISIS + "\r\n")
    scrubbed = counted(monkeypatch, screening, "find_contact_details")
    crisis_checks = counted(monkeypatch, crisis, "crisis_reasons")
    watched_reads = counted(monkeypatch, watched_words, "find")

    thread = start(
        db,
        author,
        title=f"  {TITLE} ",
        body=BODY + PHONE + CRISIS + "\r\n",
        keep_findings=True,
        screening=found,
    )

    assert (scrubbed, crisis_checks, watched_reads) == ([], [], [])
    item = item_of(db, opening_of(db, thread).id)
    assert (item.urgent, item.urgent_reasons, item.original_title) == (True, "suicide", TITLE)
    assert json.loads(item.findings) == [{"kind": "phone", "text": "06 12 34 56 78"}]


def test_a_screening_of_other_texts_is_not_trusted(
    db: Session, author: Account, monkeypatch: pytest.MonkeyPatch
) -> None:
    calm = boards.screen_send(db, TITLE, BODY)
    scrubbed = counted(monkeypatch, screening, "find_contact_details")

    with pytest.raises(InvalidInput) as refused:
        boards.start_thread(
            db,
            author,
            "vragen",
            title=TITLE,
            body=BODY + PHONE,
            keep_findings=False,
            limits=LIMITS,
            now=NOW,
            screening=calm,
        )

    assert refused.value.code == "contact_details" and len(scrubbed) == 2


def test_a_hostile_send_is_screened_as_nothing_rather_than_scrubbed(db: Session) -> None:
    found = boards.screen_send(db, ["Ik wil dood"], "x" * 100_000 + CRISIS)
    assert (found.title, found.body, found.crisis_reasons) == ("", "", ())
