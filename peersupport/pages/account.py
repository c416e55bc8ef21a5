"""Account settings: log out (here or everywhere), change the passphrase, export, delete."""

import reflex as rx

from peersupport.components.forms import action_button, secret_field, status_lines, strength_meter
from peersupport.components.navigation import app_link
from peersupport.components.secure_forms import secure_forms
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame
from peersupport.state.account import AccountState as S

ROUTE = "/account"


def _section(title_key: str, slug: str, *children: rx.Component) -> rx.Component:
    return rx.el.section(
        rx.el.h2(t(title_key), id=f"account-{slug}"),
        *children,
        class_name="panel",
        aria_labelledby=f"account-{slug}",
    )


def settings() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("account.settings.signed_in_as"), " ", rx.el.strong(S.pseudonym)),
        rx.el.p(app_link(t("writing.mine.title"), href="/mijn-verhalen"), class_name="link-line"),
        rx.el.p(app_link(t("writing.title"), href="/schrijven"), class_name="link-line"),
        rx.el.p(
            app_link(t("account.link.moderation"), href="/moderatie"),
            hidden=(S.role != "moderator") & (S.role != "admin"),
        ),
        rx.el.p(app_link(t("staff.title"), href="/beheer"), hidden=~S.is_admin),
        _section(
            "account.logout.title",
            "logout",
            rx.el.div(
                action_button("account.logout", S.logout, S.busy),
                action_button("account.logout_everywhere", S.logout_everywhere, S.busy, False),
                class_name="actions",
            ),
        ),
        _section(
            "account.change.title",
            "change",
            rx.el.p(t("account.change.explain")),
            secret_field("ps-passphrase", "account.passphrase_current", "current-password"),
            secret_field("ps-new-passphrase", "account.passphrase_new", "new-password"),
            strength_meter("ps-new-passphrase"),
            secret_field("ps-new-passphrase-repeat", "account.passphrase_repeat", "new-password"),
            action_button("account.change.submit", S.start_change_passphrase, S.busy),
        ),
        _section(
            "account.export.title",
            "export",
            rx.el.p(t("account.export.explain")),
            action_button("account.export.submit", S.export, S.busy, False),
        ),
        _section(
            "account.delete.title",
            "delete",
            rx.el.p(t("account.delete.explain")),
            secret_field("ps-confirm-passphrase", "account.passphrase", "current-password"),
            rx.el.button(
                t("account.delete.submit"),
                type="button",
                on_click=S.start_delete,
                disabled=S.busy,
                class_name="button button--danger",
            ),
        ),
        hidden=~S.signed_in,
    )


def account_page() -> rx.Component:
    return page_frame(
        secure_forms(),
        rx.el.p(
            t("account.settings.signed_out"),
            " ",
            app_link(t("account.login.title"), href="/inloggen"),
            hidden=S.signed_in,
        ),
        status_lines(S.error, S.notice, S.busy),
        settings(),
        title_key="account.settings.title",
        current=ROUTE,
        back_to="/notities",
    )
