"""Suspending accounts on /moderatie: suspend one by pseudonym with a reason, the list
of suspended accounts, and lifting a suspension (a suspended account cannot post)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.moderation_widgets import (
    area_status,
    section,
    submit_button,
    text_area,
    text_field,
)
from peersupport.components.text import t
from peersupport.state.moderation import ModerationState as S


def _account_form(
    title_key: str, field_prefix: str, submit: rx.Component, on_submit: Any
) -> rx.Component:
    """A pseudonym and a reason; emptied after it succeeded."""
    return rx.el.form(
        rx.el.h3(t(title_key)),
        text_field(f"{field_prefix}-pseudonym", "pseudonym", "moderation.accounts.field_pseudonym"),
        text_area(
            f"{field_prefix}-reason",
            "reason",
            "moderation.accounts.field_reason",
            rows=2,
            aria_required="true",
        ),
        submit,
        key=S.accounts_round,
        on_submit=on_submit,
        class_name="mod-form",
    )


def suspensions() -> rx.Component:
    return section(
        "accounts",
        "moderation.accounts.title",
        rx.el.p(t("moderation.accounts.explain")),
        _account_form(
            "moderation.accounts.suspend_title",
            "mod-suspend",
            submit_button("moderation.accounts.suspend", danger=True),
            S.suspend,
        ),
        area_status("accounts"),
        rx.el.h3(t("moderation.accounts.suspended_title")),
        rx.cond(
            S.suspended.length() > 0,  # type: ignore[attr-defined]
            rx.el.ul(
                rx.foreach(S.suspended, lambda name: rx.el.li(name)), class_name="mod-suspended"
            ),
            rx.el.p(t("moderation.accounts.none_suspended")),
        ),
        _account_form(
            "moderation.accounts.unsuspend_title",
            "mod-unsuspend",
            submit_button("moderation.accounts.unsuspend"),
            S.unsuspend,
        ),
    )
