"""Staff management for admins: who moderates. The service decides who may do this."""

from __future__ import annotations

import reflex as rx

from peersupport.models.statuses import AccountRole
from peersupport.services.errors import ServiceError
from peersupport.state.account import AccountState
from peersupport.usecases import door
from peersupport.usecases import staff as cases


class StaffState(AccountState):
    """The list of moderators and admins, and the pseudonym field to appoint one."""

    staff: list[dict[str, str]] = []
    target_pseudonym: str = ""

    async def _reload(self) -> None:
        try:
            members = await door.call(cases.list_staff, self._token)
            self.staff = [
                {"pseudonym": member.pseudonym, "role": member.role} for member in members
            ]
        except ServiceError as error:
            self.staff = []
            self._fail(error)

    @rx.event
    async def load(self) -> None:
        self.error, self.notice, self.busy = "", "", False
        if self.signed_in:
            await self._reload()

    @rx.event
    def set_target_pseudonym(self, value: str) -> None:
        self.target_pseudonym = value[:64] if isinstance(value, str) else ""

    @rx.event
    async def set_role(self, pseudonym: str, role: str) -> None:
        """Give `pseudonym` the role `role` (moderator or member); admins only."""
        await self._change_role(pseudonym, role)

    @rx.event
    async def appoint(self) -> None:
        await self._change_role(self.target_pseudonym, AccountRole.MODERATOR)

    async def _change_role(self, pseudonym: object, role: object) -> None:
        self.error, self.notice = "", ""
        try:
            await door.call(cases.set_role, self._token, pseudonym, role)
        except ServiceError as error:
            self._fail(error)
            return
        self.target_pseudonym, self.notice = "", "role_changed"
        await self._reload()
