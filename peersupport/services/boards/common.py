"""What every part of the boards service shares: which board a hostile key names, and
the rule that a suspended account posts and reports nothing."""

from __future__ import annotations

from peersupport.content.boards import boards_content
from peersupport.models import Account
from peersupport.services.errors import InvalidInput, NotAuthorized


def refuse_suspended(account: Account) -> None:
    """Raises: NotAuthorized "suspended"."""
    if account.suspended:
        raise NotAuthorized("a suspended account cannot post", code="suspended")


def board_key(raw: object) -> str:
    """The key of the board `raw` names. Raises: InvalidInput "unknown_board"."""
    board = boards_content().board(raw)
    if board is None:
        raise InvalidInput("unknown_board", "no board has this key")
    return board.key
