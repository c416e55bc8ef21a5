"""Notes: written, read and searched in the browser; the server only keeps ciphertext."""

import reflex as rx
from reflex.event import EventSpec
from reflex.vars import Var

from peersupport.components.confirm import confirm_step, yes_button
from peersupport.components.flows import flow_call
from peersupport.components.forms import action_button, labelled_field, secret_field, status_lines
from peersupport.components.navigation import account_buttons, app_link
from peersupport.components.secure_forms import secure_forms
from peersupport.components.text import t
from peersupport.components.vault import vault_export, vault_panel
from peersupport.layouts.page_frame import page_frame
from peersupport.state.notes import NotesState as S

ROUTE = "/notities"


def signed_out() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("notes.intro"), class_name="lead"),
        rx.el.p(t("notes.how_private")),
        account_buttons(),
        hidden=S.signed_in | ~S.loaded,
    )


def unlock_form() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("notes.locked.title"), id="unlock-title"),
        rx.el.p(t("notes.locked.explain")),
        secret_field("ps-passphrase", "account.passphrase", "current-password"),
        action_button("notes.unlock", S.start_unlock, S.busy),
        class_name="panel",
        hidden=~(S.signed_in & S.locked),
        aria_labelledby="unlock-title",
    )


def seal_and_save() -> EventSpec:
    """The save button's one event: the browser seals the note in the editor (with the
    key of the account this page is for) and sends only its id and envelope."""
    pseudonym = Var.create(S.pseudonym).to(str).to_string()
    script = Var.create(f"psf().sealCurrentNote({pseudonym})")
    return rx.call_script(script, callback=S.save)


def editor() -> rx.Component:
    """Always in the page and hidden until the browser opens a note in it."""
    return rx.el.section(
        rx.el.h2(t("notes.editor.title"), id="editor-title"),
        labelled_field(
            "ps-note-title",
            "notes.field.title",
            rx.el.input(
                id="ps-note-title", type="text", auto_complete="off", class_name="field__input"
            ),
        ),
        labelled_field(
            "ps-note-body",
            "notes.field.body",
            rx.el.textarea(id="ps-note-body", rows=10, class_name="field__input field__textarea"),
        ),
        rx.el.div(
            # Sealed in the browser at once; only the envelope goes to the server.
            action_button("notes.save", seal_and_save(), S.busy),
            # Opening and closing the editor happen in the browser alone, at once.
            action_button("notes.close", rx.call_script(flow_call("closeEditor")), S.busy, False),
            class_name="actions",
        ),
        confirm_step(
            "ps-note-delete",
            "notes.delete",
            rx.el.p(t("notes.delete.question")),
            yes_button("notes.delete.yes", S.start_delete_note, S.busy),
            disabled=S.busy,
            class_name="note-delete",
        ),
        status_lines(S.error, S.notice, S.busy, here=S.place == "editor"),
        id="ps-note-editor",
        class_name="panel editor",
        hidden=True,
        aria_labelledby="editor-title",
    )


def notes_list() -> rx.Component:
    return rx.el.section(
        rx.el.div(
            action_button("notes.new", rx.call_script(flow_call("newNote")), S.busy),
            class_name="actions",
        ),
        editor(),
        vault_panel(),
        labelled_field(
            "ps-note-search",
            "notes.search",
            rx.el.input(
                id="ps-note-search", type="search", auto_complete="off", class_name="field__input"
            ),
        ),
        rx.el.p(t("notes.empty"), id="ps-notes-empty", class_name="muted", hidden=True),
        rx.el.p(t("notes.search_empty"), id="ps-search-empty", class_name="muted", hidden=True),
        rx.el.ul(id="ps-note-list", class_name="note-list", aria_label=t("notes.list_label")),
        vault_export(),
        hidden=~(S.signed_in & ~S.locked & S.loaded),
        aria_label=t("notes.title"),
    )


def notes_page() -> rx.Component:
    return page_frame(
        secure_forms(),
        signed_out(),
        unlock_form(),
        status_lines(S.error, S.notice, S.busy, here=S.place != "editor"),
        notes_list(),
        rx.el.p(
            app_link(t("account.settings.title"), href="/account"),
            hidden=~S.signed_in,
            class_name="link-line",
        ),
        title_key="notes.title",
        current=ROUTE,
    )
