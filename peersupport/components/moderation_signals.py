"""Grooming signals on a queued item: each signal with its reason in plain words, the
words that matched, a reminder that signals decide nothing, and the way to the author's
account history. Shown only when there is a signal."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.moderation_text import pick
from peersupport.components.navigation import app_link
from peersupport.components.text import t

ACCOUNT_ROUTE = "/moderatie/account"


def account_href(account_id: Any) -> Any:
    return ACCOUNT_ROUTE + "?nr=" + account_id.to_string()


def _line(signal: Any) -> rx.Component:
    return rx.el.li(
        pick(signal.reason_nl, signal.reason_en),
        rx.cond(
            signal.words != "",
            rx.el.span(
                " ",
                t("signals.words"),
                " ",
                rx.el.mark(signal.words),
                class_name="mod-signal__words",
            ),
        ),
        class_name=rx.cond(
            signal.kind == "account", "mod-signal mod-signal--account", "mod-signal"
        ),
    )


def signals_block(row: Any) -> rx.Component:
    """The item's signals; nothing at all when it has none."""
    return rx.cond(
        row.signals.length() > 0,
        rx.el.div(
            rx.el.p(
                rx.el.span("◆", aria_hidden="true", class_name="mod-alert__icon"),
                t("signals.title"),
                class_name="mod-alert__title",
            ),
            rx.el.ul(rx.foreach(row.signals, _line), class_name="mod-signals"),
            rx.el.p(t("signals.explain"), class_name="mod-alert__note"),
            rx.cond(
                row.signals_account != 0,
                rx.el.p(
                    app_link(
                        t("signals.open_account"),
                        href=account_href(row.signals_account),
                        class_name="mod-signals__account",
                    )
                ),
            ),
            class_name="mod-alert mod-alert--signals",
        ),
    )
