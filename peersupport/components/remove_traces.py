""" "Remove all traces": one button that clears everything the app put in this browser,
after one plain confirmation, then leaves like the quick exit.

The behaviour is in assets/shell.js (it works on every page, also on the pages the
server renders); this is the markup: the button, and the confirmation it opens in place,
next to it, so the boy sees it where he tapped.
"""

from __future__ import annotations

import reflex as rx

from peersupport.components.text import t


def remove_traces_panel(panel_id: str = "remove-traces") -> rx.Component:
    confirm_id = f"{panel_id}-confirm"
    return rx.el.section(
        rx.el.h2(t("traces.remove.title"), id=f"{panel_id}-title"),
        rx.el.p(t("traces.remove.text")),
        rx.el.button(
            t("traces.remove.button"),
            type="button",
            class_name="button button--secondary",
            aria_expanded="false",
            aria_controls=confirm_id,
            custom_attrs={"data-remove-traces": ""},
        ),
        rx.el.div(
            rx.el.h3(t("traces.confirm.title"), id=f"{confirm_id}-title", tab_index=-1),
            rx.el.p(t("traces.confirm.text")),
            rx.el.div(
                rx.el.button(
                    t("traces.confirm.yes"),
                    type="button",
                    class_name="button button--primary",
                    custom_attrs={"data-remove-traces-yes": ""},
                ),
                rx.el.button(
                    t("traces.confirm.no"),
                    type="button",
                    class_name="button button--secondary",
                    custom_attrs={"data-remove-traces-no": ""},
                ),
                class_name="actions",
            ),
            id=confirm_id,
            role="group",
            aria_labelledby=f"{confirm_id}-title",
            class_name="callout remove-traces__confirm",
            hidden=True,
        ),
        id=panel_id,
        class_name="panel",
        aria_labelledby=f"{panel_id}-title",
    )
