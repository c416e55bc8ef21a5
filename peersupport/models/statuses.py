"""The words the database stores for a role, a story's state and a board post's state,
as string enums: each member equals the string stored today (`StoryState.PUBLISHED ==
"published"`), so code that still compares with plain strings keeps working and no
migration is needed."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum


class AccountRole(StrEnum):
    """Each role may do what the one before it may do, and more."""

    MEMBER = "member"
    MODERATOR = "moderator"
    ADMIN = "admin"


class StoryState(StrEnum):
    DRAFT = "draft"
    PENDING = "pending"
    PUBLISHED = "published"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class PostState(StrEnum):
    """A board post: waiting, on the board, rejected by a moderator, taken down by one
    after it was published, or emptied by its author."""

    PENDING = "pending"
    PUBLISHED = "published"
    REJECTED = "rejected"
    REMOVED = "removed"
    DELETED = "deleted"


STAFF_ROLES = (AccountRole.MODERATOR, AccountRole.ADMIN)


def one_of(column: str, words: Iterable[str]) -> str:
    """The database's own check that `column` holds one of `words` (an enum's stored
    words, or a tuple of codes): `state IN ('draft', 'pending')`."""
    return "{} IN ({})".format(column, ", ".join(f"'{word}'" for word in words))
