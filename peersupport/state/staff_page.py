"""What the moderators' and admins' pages share (moderation, the audit log, an account's
review): whether the page has loaded and whether he may see it, and opening it as him,
first picking up a remembered device when this tab is not signed in."""

from __future__ import annotations

import reflex as rx
from reflex.event import EventSpec

from peersupport.state.account import AccountState


class StaffPageState(AccountState, mixin=True):
    """A Reflex mixin: each page's state, `class X(StaffPageState, AccountState)`, gets
    its own copy of these fields and handlers, and reads its page in `_reload`."""

    loaded: bool = False
    allowed: bool = False

    async def _open(self) -> EventSpec | None:
        """On page load (after the page's own resets): read it, or ask for a device."""
        self.error, self.notice, self.busy, self.loaded = "", "", False, False
        return await self._read_or_ask_device(self._reload, type(self).resume_and_load)

    @rx.event
    async def resume_and_load(self, token: str) -> EventSpec | None:
        return await self._resume_and_read(token, self._reload, self._refuse)

    def _refuse(self) -> None:
        """No valid session: the page says it is for moderators (or admins) only."""
        self.loaded, self.allowed = True, False

    async def _reload(self) -> None:
        """Read the page as him. A hook: every state built on this mixin (moderation, the
        audit log, an account's review) reads its own page."""
        raise NotImplementedError(f"{type(self).__name__} reads no page of its own")
