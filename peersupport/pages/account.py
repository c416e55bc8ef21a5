"""Account settings: log out (here or everywhere), change the passphrase, export, delete."""

import reflex as rx

from peersupport.components.confirm import confirm_step, yes_button
from peersupport.components.forms import action_button, secret_field, status_lines
from peersupport.components.navigation import app_link
from peersupport.components.secure_forms import secure_forms
from peersupport.components.strength import strength_meter
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame
from peersupport.models.statuses import AccountRole
from peersupport.state.account import AccountState as S
from peersupport.state.account_settings import AccountSettingsState as Forms

ROUTE = "/account"


def _section(title_key: str, slug: str, *children: rx.Component) -> rx.Component:
    return rx.el.section(
        rx.el.h2(t(title_key), id=f"account-{slug}"),
        *children,
        class_name="panel",
        aria_labelledby=f"account-{slug}",
    )


def answer_for(place: str) -> rx.Component:
    """The progress, error and notice of the form in the section `place`, beside it."""
    return status_lines(S.error, S.notice, S.busy, here=S.place == place, tries_left=S.tries_left)


def settings() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("account.settings.signed_in_as"), " ", rx.el.strong(S.pseudonym)),
        rx.el.p(app_link(t("writing.mine.title"), href="/mijn-verhalen"), class_name="link-line"),
        rx.el.p(app_link(t("writing.title"), href="/schrijven"), class_name="link-line"),
        rx.el.p(
            app_link(t("account.link.moderation"), href="/moderatie"),
            hidden=(S.role != AccountRole.MODERATOR) & (S.role != AccountRole.ADMIN),
        ),
        rx.el.p(app_link(t("staff.title"), href="/beheer"), hidden=~S.is_admin),
        _section(
            "account.logout.title",
            "logout",
            rx.el.div(
                action_button("account.logout", S.logout, S.busy),
                action_button("account.logout_everywhere", Forms.logout_everywhere, S.busy, False),
                class_name="actions",
            ),
            answer_for("logout"),
        ),
        _section(
            "account.change.title",
            "change",
            rx.el.p(t("account.change.explain")),
            secret_field("ps-passphrase", "account.passphrase_current", "current-password"),
            secret_field("ps-new-passphrase", "account.passphrase_new", "new-password"),
            strength_meter("ps-new-passphrase"),
            secret_field("ps-new-passphrase-repeat", "account.passphrase_repeat", "new-password"),
            action_button("account.change.submit", Forms.start_change_passphrase, S.busy),
            answer_for("change"),
        ),
        _section(
            "account.export.title",
            "export",
            rx.el.p(t("account.export.explain")),
            action_button("account.export.submit", Forms.export, S.busy, False),
            answer_for("export"),
        ),
        _section(
            "account.delete.title",
            "delete",
            rx.el.p(t("account.delete.explain")),
            secret_field("ps-confirm-passphrase", "account.passphrase", "current-password"),
            confirm_step(
                "ps-account-delete",
                "account.delete.submit",
                rx.el.p(t("account.delete.question")),
                yes_button("account.delete.yes", Forms.start_delete, S.busy),
                disabled=S.busy,
            ),
            answer_for("delete"),
        ),
        hidden=~S.signed_in,
    )


def deleted() -> rx.Component:
    """The last step of deleting the account: it is done, and what is gone."""
    return rx.el.section(
        rx.el.h2(t("account.deleted.title"), id="account-deleted", tab_index=-1),
        rx.el.p(t("account.deleted.gone")),
        rx.el.p(t("account.deleted.kept")),
        rx.el.p(t("account.deleted.device")),
        rx.el.div(
            app_link(
                t("account.deleted.traces"), href="/veilig", class_name="button button--secondary"
            ),
            app_link(t("account.deleted.home"), href="/", class_name="button button--primary"),
            class_name="actions",
        ),
        class_name="panel",
        aria_labelledby="account-deleted",
        hidden=~S.account_deleted,
    )


def account_page() -> rx.Component:
    return page_frame(
        secure_forms(),
        rx.el.p(
            t("account.settings.signed_out"),
            " ",
            app_link(t("account.login.title"), href="/inloggen"),
            hidden=S.signed_in | S.account_deleted,
        ),
        deleted(),
        answer_for(""),
        settings(),
        title_key="account.settings.title",
        current=ROUTE,
        back_to="/notities",
    )
