"""Every tab state built on a list or staff-page mixin reads its own page: the mixins'
hooks (`PagedListState._load_page`, `StaffPageState._reload`) only name a state that
forgot to, so none may reach them."""

from __future__ import annotations

import pytest

from peersupport.state import account_review, audit_log, boards, moderation
from peersupport.state.board_posting import PagedListState
from peersupport.state.staff_page import StaffPageState


def _built_on(mixin: type) -> set[type]:
    found: set[type] = set()
    waiting: list[type] = list(mixin.__subclasses__())
    while waiting:
        state = waiting.pop()
        found.add(state)
        waiting.extend(state.__subclasses__())
    return found


@pytest.mark.parametrize(
    ("mixin", "hook", "expected"),
    [
        (PagedListState, "_load_page", {boards.BoardState, boards.ThreadState}),
        (
            StaffPageState,
            "_reload",
            {
                moderation.ModerationState,
                audit_log.AuditLogState,
                account_review.AccountReviewState,
            },
        ),
    ],
)
def test_every_state_on_a_mixin_reads_its_own_page(
    mixin: type, hook: str, expected: set[type]
) -> None:
    states = _built_on(mixin)
    assert expected <= states
    for state in states:
        assert getattr(state, hook) is not getattr(mixin, hook), state.__name__
