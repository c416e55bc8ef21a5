"""The database tables: SQLAlchemy 2.0 typed declarative models, one module per feature.

Every model derives from `Base`; Alembic (top-level `alembic/`) reads `Base.metadata`.
"""

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

# Stable constraint names, so that migrations behave the same on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base of every table in the app."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


# Every table module is imported here, so that `Base.metadata` (Alembic, Reflex's model
# registry) knows all tables whichever module is imported first.
from peersupport.models.accounts import Account, AccountSession, LoginThrottle  # noqa: E402
from peersupport.models.boards import BoardPost, BoardThread, PostReport  # noqa: E402
from peersupport.models.moderation import AuditEntry, ModerationItem, WatchedWord  # noqa: E402
from peersupport.models.note_files import NoteFile  # noqa: E402
from peersupport.models.notes import Note  # noqa: E402
from peersupport.models.stories import Story, StoryHelp, StoryTheme  # noqa: E402
from peersupport.models.story_reports import StoryReport  # noqa: E402

__all__ = [
    "Account",
    "AccountSession",
    "AuditEntry",
    "Base",
    "BoardPost",
    "BoardThread",
    "LoginThrottle",
    "ModerationItem",
    "Note",
    "NoteFile",
    "PostReport",
    "Story",
    "StoryHelp",
    "StoryReport",
    "StoryTheme",
    "WatchedWord",
]
