"""Sign up: a pseudonym (a suggestion on tap), a passphrase, and the recovery code shown once."""

import reflex as rx

from peersupport.components.forms import action_button, labelled_field, secret_field, status_lines
from peersupport.components.navigation import app_link
from peersupport.components.secure_forms import secure_forms
from peersupport.components.strength import strength_meter
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame
from peersupport.state.account import AccountState as S

ROUTE = "/aanmelden"


def pseudonym_field() -> rx.Component:
    return labelled_field(
        "ps-pseudonym",
        "account.pseudonym",
        rx.el.input(
            id="ps-pseudonym",
            type="text",
            value=S.form_pseudonym,
            on_change=S.set_form_pseudonym,
            auto_complete="username",
            auto_capitalize="off",
            spell_check=False,
            max_length=32,
            read_only=S.busy,
            class_name="field__input",
            aria_describedby="ps-pseudonym-hint",
        ),
        rx.el.p(t("account.pseudonym_hint"), id="ps-pseudonym-hint", class_name="field__hint"),
    )


def recovery_panel() -> rx.Component:
    """Always in the page (the browser writes the code into it); shown only after sign-up."""
    return rx.el.section(
        rx.el.h2(t("account.recovery.title"), id="recovery-title"),
        rx.el.p(t("account.recovery.explain")),
        rx.el.p(id="ps-recovery-code", class_name="recovery-code", aria_live="polite"),
        rx.el.p(t("account.recovery.warning"), class_name="callout"),
        action_button("account.recovery.saved", S.confirm_recovery_saved, S.busy),
        class_name="panel",
        hidden=~S.recovery_shown,
        aria_labelledby="recovery-title",
    )


def signup_form() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("account.signup.intro"), class_name="lead"),
        pseudonym_field(),
        action_button("account.suggest", S.suggest_pseudonym, S.busy, False),
        secret_field(
            "ps-new-passphrase", "account.passphrase_new", "new-password", "account.passphrase_hint"
        ),
        strength_meter("ps-new-passphrase"),
        secret_field("ps-new-passphrase-repeat", "account.passphrase_repeat", "new-password"),
        rx.el.p(t("account.signup.lose_both"), class_name="callout"),
        action_button("account.signup.submit", S.start_signup, S.busy),
        rx.el.p(
            t("account.signup.have_account"),
            " ",
            app_link(t("account.login.title"), href="/inloggen"),
        ),
        hidden=S.recovery_shown,
    )


def signup_page() -> rx.Component:
    return page_frame(
        secure_forms(),
        signup_form(),
        recovery_panel(),
        status_lines(S.error, S.notice, S.busy, proving=S.proving),
        title_key="account.signup.title",
        current=ROUTE,
        back_to="/notities",
    )
