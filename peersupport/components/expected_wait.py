"""The line an author reads after sending: how quickly the last days' items were read,
or that there is too little to say so honestly (state/expected_wait.py writes it)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.state.language import LanguageState


def expected_wait_line(wait_nl: Any, wait_en: Any, shown: Any = True) -> rx.Component:
    """Announced politely with the confirmation it follows; empty until something is sent."""
    return rx.el.p(
        rx.cond(shown & (wait_nl != ""), rx.cond(LanguageState.lang == "en", wait_en, wait_nl), ""),
        role="status",
        class_name=rx.cond(shown & (wait_nl != ""), "status expected-wait", "status"),
        custom_attrs={"data-expected-wait": ""},
    )
