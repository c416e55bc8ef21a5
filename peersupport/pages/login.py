"""Log in with pseudonym and passphrase; the session lasts for this tab unless he chooses."""

import reflex as rx

from peersupport.components.forms import action_button, secret_field, status_lines
from peersupport.components.navigation import app_link
from peersupport.components.secure_forms import secure_forms
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame
from peersupport.pages.signup import pseudonym_field
from peersupport.state.account import AccountState as S

ROUTE = "/inloggen"


def login_page() -> rx.Component:
    return page_frame(
        secure_forms(),
        rx.el.p(t("account.login.intro"), class_name="lead"),
        pseudonym_field(),
        secret_field("ps-passphrase", "account.passphrase", "current-password"),
        rx.el.div(
            rx.el.input(
                id="ps-remember",
                type="checkbox",
                class_name="check__input",
                aria_describedby="ps-remember-hint",
            ),
            rx.el.label(t("account.remember"), html_for="ps-remember"),
            rx.el.p(t("account.remember_hint"), id="ps-remember-hint", class_name="field__hint"),
            class_name="check",
        ),
        action_button("account.login.submit", S.start_login, S.busy),
        status_lines(S.error, S.notice, S.busy, proving=S.proving, tries_left=S.tries_left),
        rx.el.p(app_link(t("account.forgot"), href="/herstellen"), class_name="link-line"),
        rx.el.p(
            t("account.login.no_account"),
            " ",
            app_link(t("account.signup.title"), href="/aanmelden"),
        ),
        title_key="account.login.title",
        current=ROUTE,
        back_to="/notities",
    )
