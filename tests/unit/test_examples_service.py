"""The fictional example stories: published only on request, once, by an account nobody
can log in to."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from peersupport.content import load_example_stories
from peersupport.models import Account, AuditEntry, Story
from peersupport.services import accounts, stories
from peersupport.services.errors import LoginFailed
from peersupport.services.examples import EXAMPLES_PSEUDONYM, publish_examples

from .conftest import NOW, SERVER_SECRET, RunPython


def test_examples_are_published_once_and_readable(db: Session) -> None:
    examples = load_example_stories()

    added = publish_examples(db, examples, NOW)
    again = publish_examples(db, examples, NOW)

    assert (added, again) == (len(examples), 0)
    dutch, _ = stories.list_published(db, language="nl")
    assert len(dutch) == sum(1 for example in examples if example.language == "nl")
    page = stories.get_published(db, dutch[0].id)
    assert page is not None and page.body_html.startswith("<p><em>")
    assert db.scalar(select(func.count()).select_from(AuditEntry)) == len(examples)


def test_a_fresh_database_has_no_stories_until_the_command_runs(db: Session) -> None:
    assert db.scalar(select(func.count()).select_from(Story)) == 0


@pytest.mark.usefixtures("cheap_password_hashing")
def test_nobody_can_log_in_as_the_examples_account(db: Session) -> None:
    publish_examples(db, load_example_stories()[:1], NOW)
    account = db.scalar(select(Account).where(Account.pseudonym == EXAMPLES_PSEUDONYM))

    assert account is not None and account.role == "member"
    with pytest.raises(LoginFailed):
        accounts.login(db, EXAMPLES_PSEUDONYM, "A" * 43, False, SERVER_SECRET, NOW)


def test_the_seed_examples_command_publishes_them_and_says_how_many(
    run_python: RunPython, tmp_path: Path
) -> None:
    data = str(tmp_path)
    assert run_python("-m", "peersupport", "migrate", PEERSUPPORT_DATA_DIR=data).returncode == 0

    first = run_python("-m", "peersupport", "seed-examples", PEERSUPPORT_DATA_DIR=data)
    second = run_python("-m", "peersupport", "seed-examples", PEERSUPPORT_DATA_DIR=data)

    total = len(load_example_stories())
    assert first.returncode == 0, first.stderr
    assert f"{total} fictional example stories published ({total} in all)" in first.stdout
    assert f"0 fictional example stories published ({total} in all)" in second.stdout
