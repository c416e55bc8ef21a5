"""Keep what a page made (a self-test's result, a summary) as an encrypted note.

The text is sealed in the browser by the page's own script (see
peersupport/state/checklists.py); only the sealed envelope reaches the server. Members
only; a visitor reads that he could, and that he does not have to.
"""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx

from peersupport.components.forms import action_button, message_for, secret_field
from peersupport.components.messages import message_line
from peersupport.components.navigation import app_link
from peersupport.components.text import t
from peersupport.state.checklists import ChecklistState


@dataclass(frozen=True)
class SaveTexts:
    """The catalog keys that differ per page; the rest is the same everywhere."""

    text: str
    button: str
    members: str
    sign_in_first: str
    note_empty: str


def save_note_section(state: type[ChecklistState], texts: SaveTexts) -> rx.Component:
    S = state
    errors = {
        "sign_in_first": texts.sign_in_first,
        "passphrase_missing": "checklists.error.passphrase_missing",
        "decrypt_failed": "checklists.error.wrong_passphrase",
        "note_empty": texts.note_empty,
        "not_authorized": "error.not_authorized",
    }
    return rx.el.section(
        rx.el.h3(t("checklists.save.title")),
        rx.cond(
            S.signed_in,
            rx.fragment(
                rx.el.p(t(texts.text), class_name="muted"),
                rx.cond(
                    S.locked,
                    rx.el.div(
                        rx.el.p(t("checklists.save.locked")),
                        secret_field("ps-passphrase", "account.passphrase", "current-password"),
                        action_button("checklists.save.unlock", S.start_unlock, S.busy),
                    ),
                    action_button(texts.button, S.start_save, S.busy | S.saved, False),
                ),
            ),
            rx.el.p(
                t(texts.members),
                " ",
                app_link(t("checklists.save.log_in"), href="/inloggen"),
                class_name="muted",
            ),
        ),
        message_line("busy", S.busy, t("checklists.save.busy")),
        message_line("error", S.error != "", message_for(S.error, errors, "error.unexpected")),
        message_line("notice", S.saved, t("checklists.save.done")),
        class_name="checklist-save",
    )
