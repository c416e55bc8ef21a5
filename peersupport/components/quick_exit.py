"""The quick-exit button, first in tab order on every page.

It is a plain link to the neutral site, so it works even before the page's scripts
have loaded; /quick-exit.js turns a tap (and Shift x3 or Escape x2) into an exit
that hides the page, clears the tab's storage and replaces the history entry.
"""

from __future__ import annotations

import reflex as rx

from peersupport.components.text import t
from peersupport.settings import load_settings
from peersupport.translations import translate


def quick_exit_script() -> rx.Component:
    """The script that handles every quick-exit trigger; loaded in every page's head."""
    return rx.el.script(
        src="/quick-exit.js", custom_attrs={"data-exit-url": load_settings().exit_url}
    )


def quick_exit_button() -> rx.Component:
    return rx.el.a(
        rx.el.span("✕", aria_hidden="true", class_name="quick-exit__icon"),
        # Both languages, the one <html lang> names shown (app.css): right from the first
        # paint, while the page's own words wait for the chosen language.
        *[
            rx.el.span(
                translate(language, "quick_exit.label"),
                lang=language,
                class_name="quick-exit__label",
            )
            for language in ("nl", "en")
        ],
        href=load_settings().exit_url,
        class_name="quick-exit",
        custom_attrs={"data-quick-exit": "true"},
        title=t("quick_exit.hint"),
        rel="noreferrer",
    )
