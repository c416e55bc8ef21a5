"""Who is signed in on a tab, and signing up, logging in and out, picking up a
remembered device and recovery (the account page's forms are in account_settings.py).
Thin: every handler hands its (hostile) arguments to its use case through the door,
which runs it in a worker thread because Argon2 hashing is slow.

The session token lives only in the backend-only `_token`; passphrases and recovery
codes never reach this state (the browser flows send only proofs and wrapped keys).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import reflex as rx
from reflex.event import EventSpec

from peersupport.components.flows import flow_call
from peersupport.components.navigation import leave_for_home
from peersupport.models.statuses import AccountRole
from peersupport.services import pseudonyms
from peersupport.services.errors import LoginFailed, ProofRequired, ServiceError
from peersupport.usecases import accounts as cases
from peersupport.usecases import door
from peersupport.usecases import notes as note_cases

MAX_PSEUDONYM_INPUT = 64
# What a browser flow's error code looks like (assets/flows.js reports these).
FLOW_CODE = re.compile(r"[a-z_]{1,40}")
# Where a remembered device keeps its session token (only when he chose "remember").
DEVICE_TOKEN_KEY = "ps-device"  # noqa: S105 - a storage key, not a secret
READ_DEVICE_TOKEN = f"localStorage.getItem('{DEVICE_TOKEN_KEY}')"
# A remembered device whose session ended forgets it (as the account pages do on sign-out).
FORGET_DEVICE = f"localStorage.removeItem('{DEVICE_TOKEN_KEY}')"
# Signing out in the browser: the remembered device and the unlocked keys are forgotten.
SIGN_OUT = flow_call("signOut")
# Proofs of work asked for in a row before the form gives up (the cost has a ceiling,
# so an honest browser needs one or two).
MAX_PROOF_ROUNDS = 4
# The codes of a secret that did not verify, each naming the field it was typed in (at
# login it may be the pseudonym or the passphrase: "login_failed" says both).
PASSPHRASE_WRONG = "passphrase_wrong"  # noqa: S105 - a message code
CURRENT_PASSPHRASE_WRONG = "current_passphrase_wrong"  # noqa: S105 - a message code
RECOVERY_WRONG = "recovery_wrong"
RECOVERY_MALFORMED = "recovery_malformed"
# Once the account is deleted, the focus goes to the heading that says so.
FOCUS_DELETED = "psFocus('account-deleted', {scroll: 'center'})"


Read = TypeVar("Read")


def as_result(value: object) -> dict[str, Any]:
    """A browser flow's answer as a dict; anything else counts as a failed flow."""
    return value if isinstance(value, dict) else {"ok": False, "code": "unexpected"}


def flow_code(answer: dict[str, Any]) -> str:
    """The code a failed browser flow reported, if it looks like one (a forged answer
    may send anything); else "unexpected"."""
    code = answer.get("code")
    return code if isinstance(code, str) and FLOW_CODE.fullmatch(code) else "unexpected"


class AccountState(rx.State):
    """Who is signed in on this tab (by pseudonym and role) and the account forms."""

    _token: str = ""
    _pending_pseudonym: str = ""
    _proof_rounds: int = 0

    signed_in: bool = False
    pseudonym: str = ""
    role: str = ""

    form_pseudonym: str = ""
    busy: bool = False
    proving: bool = False
    error: str = ""
    notice: str = ""
    # Which form of a page with several (the account page) acted last: its answer
    # shows beside it ("change", "export", "delete", "logout"; "" for the page's top).
    place: str = ""
    recovery_shown: bool = False
    # The account was just deleted: the page says so and what is gone.
    account_deleted: bool = False
    # After a wrong passphrase or recovery code: attempts left without a proof of work
    # (signed in: at all) in this quarter hour; -1 when the error is about something else.
    tries_left: int = -1

    @rx.var
    def is_admin(self) -> bool:
        return self.role == AccountRole.ADMIN

    # ---- helpers (not callable from the browser) ----

    def _start(self, place: str = "") -> None:
        self.busy, self.error, self.notice, self.place = True, "", "", place
        self.tries_left = -1
        self.proving, self._proof_rounds = False, 0

    def _fail(self, error: ServiceError | str, *, wrong: str = "") -> None:
        """Show `error`; a secret that did not verify shows as `wrong` (the code that
        names the field he typed it in) with the attempts left."""
        self.busy = self.proving = False
        self.error = error if isinstance(error, str) else error.code
        self.tries_left = -1
        if isinstance(error, LoginFailed):
            self.error, self.tries_left = wrong or error.code, error.free_left
        if self.error == "not_authorized":
            # The forms are hidden once he is signed out: the page's top says it.
            self.place = ""
            self._signed_out()

    def _ask_for_proof(self, asked: ProofRequired, callback: Any) -> EventSpec | None:
        """Have the browser solve the proof of work and send its last answer again."""
        self._proof_rounds += 1
        if self._proof_rounds > MAX_PROOF_ROUNDS:
            self._fail("proof_failed")
            return None
        self.proving = True
        return rx.call_script(flow_call("solveProof", asked.challenge), callback=callback)

    async def _ask_to_unlock(self, unlocked: Any) -> EventSpec | None:
        """Open the data key with the passphrase typed in the page (in the browser): the
        flow gets the session's account, its (or a stable fake) KDF parameters and its
        wrapped key, and sends its answer to `unlocked`."""
        self._start()
        try:
            keys = await door.call(note_cases.unlock_keys, self._token)
        except ServiceError as error:
            self._fail(error)
            return None
        script = flow_call("unlock", keys.pseudonym, keys.params, keys.wrapped_dk)
        return rx.call_script(script, callback=unlocked)

    def _signed_in_as(self, token: str, pseudonym: str, role: str) -> None:
        self._token, self.pseudonym, self.role, self.signed_in = token, pseudonym, role, True

    def _signed_out(self) -> None:
        self._token, self._pending_pseudonym = "", ""
        self.signed_in, self.pseudonym, self.role = False, "", ""
        self.recovery_shown, self.form_pseudonym = False, ""

    # ---- shared fields ----

    @rx.event
    def set_form_pseudonym(self, value: str) -> None:
        self.form_pseudonym = value[:MAX_PSEUDONYM_INPUT] if isinstance(value, str) else ""

    @rx.event
    def suggest_pseudonym(self) -> None:
        self.form_pseudonym = pseudonyms.suggest_pseudonym()

    @rx.event
    def clear_messages(self) -> None:
        """On load of an account form: no message or code panel from an earlier visit."""
        self.error, self.notice, self.busy, self.proving = "", "", False, False
        self.recovery_shown, self.place, self.account_deleted = False, "", False

    # ---- sign up ----

    @rx.event
    def start_signup(self) -> EventSpec | None:
        self._start()
        try:
            pseudonym = pseudonyms.check_pseudonym(self.form_pseudonym)
        except ServiceError as error:
            self._fail(error)
            return None
        self.form_pseudonym = self._pending_pseudonym = pseudonym
        return rx.call_script(flow_call("signUp", pseudonym), callback=AccountState.finish_signup)

    @rx.event
    async def finish_signup(self, result: dict[str, Any]) -> EventSpec | None:
        answer = as_result(result)
        self.proving = False
        if not answer.get("ok"):
            self._fail(flow_code(answer))
            return None
        # The keys were derived for the pseudonym checked at the start; register that one.
        pseudonym, bundle = self._pending_pseudonym, answer.get("bundle")
        if not pseudonym or answer.get("pseudonym") != pseudonym:
            self._fail("unexpected")
            return None
        try:
            signed_in = await door.call(
                cases.sign_up, self._token, pseudonym, bundle, answer.get("proof")
            )
        except ProofRequired as asked:
            return self._ask_for_proof(asked, AccountState.finish_signup)
        except ServiceError as error:
            self._fail(error)
            return None
        self._pending_pseudonym = ""
        self._signed_in_as(signed_in.token, signed_in.pseudonym, signed_in.role)
        self.busy, self.recovery_shown = False, True
        return None

    @rx.event
    def confirm_recovery_saved(self) -> list[EventSpec]:
        self.recovery_shown = False
        return [
            rx.call_script("psClearText('ps-recovery-code')"),
            rx.redirect("/notities", replace=True),
        ]

    # ---- log in and out ----

    @rx.event
    async def start_login(self) -> EventSpec | None:
        self._start()
        pseudonym = self.form_pseudonym
        try:
            params = await door.call(cases.login_params, self._token, pseudonym)
        except ServiceError as error:
            self._fail(error)
            return None
        return rx.call_script(
            flow_call("loginProof", pseudonym, params), callback=AccountState.finish_login
        )

    @rx.event
    async def finish_login(self, result: dict[str, Any]) -> EventSpec | list[EventSpec] | None:
        answer = as_result(result)
        self.proving = False
        if not answer.get("ok"):
            self._fail(flow_code(answer))
            return None
        # "Remember me" is a plain checkbox the browser reads with the proof.
        pseudonym, remember = self.form_pseudonym, answer.get("remember") is True
        try:
            login = await door.call(
                cases.log_in,
                self._token,
                pseudonym,
                answer.get("auth_key"),
                remember,
                answer.get("proof"),
            )
        except ProofRequired as asked:
            return self._ask_for_proof(asked, AccountState.finish_login)
        except ServiceError as error:
            self._fail(error)
            return rx.call_script(flow_call("forget"))
        self._signed_in_as(login.token, login.pseudonym, login.role)
        unwrap = rx.call_script(
            flow_call("loginUnwrap", login.wrapped_dk), callback=AccountState.finish_unlock
        )
        if not remember:
            return unwrap
        store = f"localStorage.setItem('{DEVICE_TOKEN_KEY}', {json.dumps(login.token)})"
        return [rx.call_script(store), unwrap]

    @rx.event
    def finish_unlock(self, result: dict[str, Any]) -> EventSpec | None:
        answer = as_result(result)
        self.busy = False
        if not answer.get("ok"):
            self.error = flow_code(answer)
            return None
        return rx.redirect("/notities", replace=True)

    @rx.event
    async def logout(self) -> list[EventSpec]:
        await door.call(cases.log_out, self._token)
        self._signed_out()
        return [rx.call_script(SIGN_OUT), rx.call_script(leave_for_home())]

    # ---- a remembered device ----

    async def _resume(self, token: object) -> bool:
        """Sign in with a remembered device's token, if it is still valid."""
        if self.signed_in or not isinstance(token, str) or not token:
            return self.signed_in
        try:
            signed_in = await door.call(cases.resume, token)
        except ServiceError:
            return False
        self._signed_in_as(token, signed_in.pseudonym, signed_in.role)
        return True

    async def _read_or_ask_device(
        self, read: Callable[[], Awaitable[Read]], resume: Any
    ) -> Read | EventSpec:
        """On load of a page that reads as him: `read` it now when this tab is signed in,
        else ask the browser for a remembered device's token, which it sends to `resume`
        (the page's own handler, which calls `_resume_and_read`)."""
        if not self.signed_in:
            return rx.call_script(READ_DEVICE_TOKEN, callback=resume)
        return await read()

    async def _resume_and_read(
        self,
        token: object,
        read: Callable[[], Awaitable[Read]],
        refused: Callable[[], None],
        forget: str = SIGN_OUT,
    ) -> Read | EventSpec | None:
        """Sign in with a remembered device's `token` and `read` the page; without a valid
        one the page shows `refused`, and a token that no longer works is forgotten
        (`forget` is the browser's part of that)."""
        if await self._resume(token):
            return await read()
        refused()
        return rx.call_script(forget) if token else None

    @rx.event
    def restore(self) -> EventSpec:
        """On load of a members' page: pick up a remembered device's session."""
        self.error, self.notice, self.busy, self.place = "", "", False, ""
        self.account_deleted = False
        return rx.call_script(READ_DEVICE_TOKEN, callback=AccountState.resume)

    @rx.event
    async def resume(self, token: str) -> EventSpec | None:
        if await self._resume(token) or not token:
            return None
        return rx.call_script(SIGN_OUT)

    # ---- recovery ----

    @rx.event
    def start_recovery(self) -> EventSpec:
        self._start()
        return rx.call_script(flow_call("recoveryProof"), callback=AccountState.recovery_proven)

    @rx.event
    async def recovery_proven(self, result: dict[str, Any]) -> EventSpec | None:
        answer = as_result(result)
        self.proving = False
        if not answer.get("ok"):
            code = flow_code(answer)
            self._fail(RECOVERY_MALFORMED if code == "malformed" else code)
            return None
        pseudonym, recovery_auth = self.form_pseudonym, answer.get("recovery_auth")
        try:
            wrapped_dk_rc = await door.call(
                cases.recovery_key, self._token, pseudonym, recovery_auth, answer.get("proof")
            )
        except ProofRequired as asked:
            return self._ask_for_proof(asked, AccountState.recovery_proven)
        except ServiceError as error:
            self._fail(error, wrong=RECOVERY_WRONG)
            return None
        return rx.call_script(
            flow_call("recover", pseudonym, wrapped_dk_rc), callback=AccountState.finish_recovery
        )

    @rx.event
    async def finish_recovery(self, result: dict[str, Any]) -> EventSpec | None:
        answer = as_result(result)
        self.proving = False
        if not answer.get("ok"):
            self._fail(flow_code(answer))
            return None
        # The browser proves the old code again; nothing of it is kept in this state.
        pseudonym, old_auth = self.form_pseudonym, answer.get("recovery_auth")
        try:
            login = await door.call(
                cases.recover,
                self._token,
                pseudonym,
                old_auth,
                answer.get("bundle"),
                answer.get("proof"),
            )
        except ProofRequired as asked:
            return self._ask_for_proof(asked, AccountState.finish_recovery)
        except ServiceError as error:
            self._fail(error, wrong=RECOVERY_WRONG)
            return None
        self._signed_in_as(login.token, login.pseudonym, login.role)
        self.busy, self.recovery_shown = False, True
        return None
