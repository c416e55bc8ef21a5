"""Form pieces for the account and notes pages: secret fields that React never reads,
and the status, error and notice lines that screen readers announce."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.messages import message_line
from peersupport.components.text import t

# The codes a service or a browser flow can report, each with its sentence's catalog key.
ERROR_MESSAGES: dict[str, str] = {
    "login_failed": "error.login_failed",
    "passphrase_wrong": "error.passphrase_wrong",
    "current_passphrase_wrong": "error.current_passphrase_wrong",
    "recovery_wrong": "error.recovery_wrong",
    "recovery_malformed": "error.recovery_malformed",
    "throttled": "error.throttled",
    "proof_failed": "error.proof_failed",
    "busy": "error.busy",
    "pseudonym_taken": "error.pseudonym_taken",
    "pseudonym_contact": "error.pseudonym_contact",
    "pseudonym_length": "error.pseudonym_length",
    "pseudonym_chars": "error.pseudonym_chars",
    "invalid_bundle": "error.invalid_bundle",
    "passphrase_weak": "error.passphrase_weak",
    "passphrase_mismatch": "error.passphrase_mismatch",
    "passphrase_missing": "error.passphrase_missing",
    "recovery_missing": "error.recovery_missing",
    "decrypt_failed": "error.decrypt_failed",
    "weak_params": "error.weak_params",
    "not_authorized": "error.not_authorized",
    "note_empty": "error.note_empty",
    "locked": "error.locked",
    "too_many_notes": "error.too_many_notes",
    "note_too_large": "error.note_too_large",
    "note_gone": "error.note_gone",
    "unknown_pseudonym": "error.unknown_pseudonym",
    "cannot_change_own_role": "error.cannot_change_own_role",
    "cannot_change_admin": "error.cannot_change_admin",
}
NOTICE_MESSAGES: dict[str, str] = {
    "passphrase_changed": "notice.passphrase_changed",
    "exported": "notice.exported",
    "note_saved": "notice.note_saved",
    "note_deleted": "notice.note_deleted",
    "role_changed": "notice.role_changed",
}


def labelled_field(field_id: Any, label_key: str, *children: rx.Component) -> rx.Component:
    """A form field: the label (text `label_key`) of the control with id `field_id`, then
    the control and its hints (`children`, in the order the page shows them)."""
    return rx.el.div(
        rx.el.label(t(label_key), html_for=field_id, class_name="field__label"),
        *children,
        class_name="field",
    )


def secret_field(
    field_id: str, label_key: str, autocomplete: str, hint_key: str | None = None
) -> rx.Component:
    """A password field with no value, no change handler and no form around it: its
    content stays in the browser and is read only by the secure form flows."""
    hint_id = f"{field_id}-hint"
    return labelled_field(
        field_id,
        label_key,
        rx.el.input(
            id=field_id,
            type="password",
            auto_complete=autocomplete,
            spell_check=False,
            auto_capitalize="off",
            class_name="field__input",
            aria_describedby=hint_id if hint_key else None,
        ),
        rx.el.p(t(hint_key), id=hint_id, class_name="field__hint") if hint_key else rx.fragment(),
    )


# Attempts left after a wrong secret (services/throttle.py: 5 free ones a quarter hour).
TRIES_LEFT_COUNTS = (1, 2, 3, 4)


def tries_left_line(tries_left: Any, error: Any) -> rx.Var:
    """What he can do after a wrong secret: how many tries are left now, or, once none
    are, what happens next (signed in: wait; else: the phone works a moment first)."""
    signed_in = (error == "passphrase_wrong") | (error == "current_passphrase_wrong")
    return rx.match(
        tries_left,
        (0, rx.cond(signed_in, t("error.tries_left.none_wait"), t("error.tries_left.none"))),
        (1, t("error.tries_left.one")),
        *[(n, t("error.tries_left.many", n=n)) for n in TRIES_LEFT_COUNTS if n > 1],
        "",
    )


def message_for(code: Any, messages: dict[str, str], fallback_key: str) -> rx.Var:
    """The sentence for `code`; a code without its own sentence gets the fallback."""
    return rx.match(
        code,
        *[(known, t(key)) for known, key in messages.items()],
        t(fallback_key),
    )


def status_lines(
    error: Any,
    notice: Any,
    busy: Any,
    *,
    errors: dict[str, str] = ERROR_MESSAGES,
    notices: dict[str, str] = NOTICE_MESSAGES,
    error_fallback: str = "error.unexpected",
    notice_fallback: str = "notice.unexpected",
    busy_key: str = "account.busy",
    proving: Any = False,
    here: Any = True,
    tries_left: Any = None,
) -> rx.Component:
    """Progress, error and notice, announced politely (errors assertively); a page with
    its own codes passes its own sentences and fallbacks. While `proving`, the progress
    line says that the phone is working on a proof of work. A page with several forms
    puts one set beside each and passes `here`: true for the set of the form that acted
    last, so the answer shows next to the button that was pressed."""

    def at_here(condition: Any) -> Any:
        return condition if here is True else here & condition

    return rx.el.div(
        message_line(
            "busy",
            at_here(busy | proving),
            rx.cond(proving, t("account.proving"), t(busy_key)),
        ),
        message_line(
            "error",
            at_here(error != ""),
            message_for(error, errors, error_fallback)
            if tries_left is None
            else rx.fragment(
                message_for(error, errors, error_fallback),
                " ",
                tries_left_line(tries_left, error),
            ),
        ),
        message_line(
            "notice", at_here(notice != ""), message_for(notice, notices, notice_fallback)
        ),
        class_name="status-lines",
    )


def loading_status(loading: Any, text_key: str) -> rx.Component:
    """A polite "loading" line while a page fetches its data."""
    return message_line("busy", loading, t(text_key))


def action_button(
    label_key: str, on_click: Any, busy: Any, primary: bool = True, **props: Any
) -> rx.Component:
    """A button that acts (`on_click`), not while `busy`; `props` such as its id."""
    return rx.el.button(
        t(label_key),
        type="button",
        on_click=on_click,
        disabled=busy,
        class_name="button " + ("button--primary" if primary else "button--secondary"),
        **props,
    )
