"""Staff (admins only): appoint and remove moderators. Others see that it is not for them."""

from typing import Any

import reflex as rx

from peersupport.components.forms import action_button, labelled_field, status_lines
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame
from peersupport.models.statuses import AccountRole
from peersupport.state.staff import StaffState as S

ROUTE = "/beheer"


def _member_row(member: Any) -> rx.Component:
    return rx.el.li(
        rx.el.span(member["pseudonym"], class_name="staff__name"),
        rx.el.span(
            rx.match(
                member["role"],
                (AccountRole.ADMIN, t("staff.role.admin")),
                (AccountRole.MODERATOR, t("staff.role.moderator")),
                t("staff.role.member"),
            ),
            class_name="mark",
        ),
        rx.cond(
            member["role"] == AccountRole.MODERATOR,
            rx.el.button(
                t("staff.remove"),
                type="button",
                class_name="button button--secondary",
                on_click=S.set_role(member["pseudonym"], AccountRole.MEMBER),  # type: ignore[operator]
            ),
            rx.fragment(),
        ),
        class_name="staff__row",
    )


def staff_page() -> rx.Component:
    return page_frame(
        rx.el.p(t("staff.not_for_you"), hidden=S.is_admin),
        rx.el.div(
            rx.el.p(t("staff.intro"), class_name="lead"),
            status_lines(S.error, S.notice, S.busy),
            rx.el.h2(t("staff.list.title"), id="staff-list"),
            rx.el.ul(
                rx.foreach(S.staff, _member_row), class_name="staff", aria_labelledby="staff-list"
            ),
            rx.el.h2(t("staff.appoint.title"), id="staff-appoint"),
            labelled_field(
                "ps-staff-pseudonym",
                "account.pseudonym",
                rx.el.input(
                    id="ps-staff-pseudonym",
                    type="text",
                    value=S.target_pseudonym,
                    on_change=S.set_target_pseudonym,
                    auto_complete="off",
                    class_name="field__input",
                ),
            ),
            action_button("staff.appoint.submit", S.appoint, S.busy),
            hidden=~S.is_admin,
        ),
        title_key="staff.title",
        current=ROUTE,
        back_to="/account",
    )
