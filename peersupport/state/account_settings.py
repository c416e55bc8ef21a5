"""The account page's forms for a signed-in member: log out everywhere, change the
passphrase, export everything and delete the account. The answers show in the shared
AccountState fields (error, notice, place) beside the form that acted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from peersupport.components.flows import flow_call
from peersupport.components.navigation import leave_for_home
from peersupport.services.errors import ServiceError
from peersupport.state.account import (
    CURRENT_PASSPHRASE_WRONG,
    FOCUS_DELETED,
    PASSPHRASE_WRONG,
    AccountState,
    as_result,
    flow_code,
)
from peersupport.usecases import accounts as cases
from peersupport.usecases import door


class AccountSettingsState(AccountState):
    """The handlers of the account page's forms (its fields live on AccountState)."""

    # ---- log out everywhere ----

    @rx.event
    async def logout_everywhere(self) -> list[EventSpec] | None:
        self.error, self.notice, self.place = "", "", "logout"
        try:
            await door.call(cases.log_out_everywhere, self._token)
        except ServiceError as error:
            self._fail(error)
            return None
        self._signed_out()
        return [rx.call_script(flow_call("signOut")), rx.call_script(leave_for_home())]

    # ---- change passphrase ----

    async def _flow_with_keys(
        self, place: str, flow: Callable[[Any], str], callback: Any
    ) -> EventSpec | None:
        """Start the browser flow `flow(keys)` with his current keys; its answer goes to
        `callback`. The form at `place` shows what went wrong."""
        self._start(place)
        try:
            keys = await door.call(cases.current_keys, self._token)
        except ServiceError as error:
            self._fail(error)
            return None
        return rx.call_script(flow(keys), callback=callback)

    @rx.event
    async def start_change_passphrase(self) -> EventSpec | None:
        return await self._flow_with_keys(
            "change",
            lambda keys: flow_call(
                "changePassphrase", keys.pseudonym, keys.params, keys.wrapped_dk
            ),
            AccountSettingsState.finish_change_passphrase,
        )

    @rx.event
    async def finish_change_passphrase(self, result: dict[str, Any]) -> None:
        answer = as_result(result)
        if not answer.get("ok"):
            # The browser could not open the data key with the current passphrase.
            code = flow_code(answer)
            self._fail(CURRENT_PASSPHRASE_WRONG if code == "decrypt_failed" else code)
            return
        try:
            await door.call(
                cases.change_passphrase,
                self._token,
                answer.get("current_auth_key"),
                answer.get("bundle"),
            )
        except ServiceError as error:
            self._fail(error, wrong=CURRENT_PASSPHRASE_WRONG)
            return
        self.busy, self.notice = False, "passphrase_changed"

    # ---- delete and export ----

    @rx.event
    async def start_delete(self) -> EventSpec | None:
        return await self._flow_with_keys(
            "delete",
            lambda keys: flow_call("confirmProof", keys.pseudonym, keys.params),
            AccountSettingsState.finish_delete,
        )

    @rx.event
    async def finish_delete(self, result: dict[str, Any]) -> list[EventSpec] | None:
        answer = as_result(result)
        if not answer.get("ok"):
            self._fail(flow_code(answer))
            return None
        try:
            await door.call(cases.delete_account, self._token, answer.get("auth_key"))
        except ServiceError as error:
            self._fail(error, wrong=PASSPHRASE_WRONG)
            return None
        self._signed_out()
        self.busy, self.place, self.account_deleted = False, "", True
        return [rx.call_script(flow_call("signOut")), rx.call_script(FOCUS_DELETED)]

    @rx.event
    async def export(self) -> EventSpec | None:
        self.error, self.notice, self.place = "", "", "export"
        try:
            data = await door.call(cases.export, self._token)
        except ServiceError as error:
            self._fail(error)
            return None
        return rx.call_script(flow_call("exportFile", data), callback=AccountSettingsState.exported)

    @rx.event
    def exported(self, result: dict[str, Any]) -> None:
        answer = as_result(result)
        if answer.get("ok"):
            self.notice = "exported"
        else:
            self.error = flow_code(answer)
