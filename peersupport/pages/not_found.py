"""A friendly page for addresses that do not exist, with the quick exit like every page."""

import reflex as rx

from peersupport.components.navigation import app_link
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame


def not_found_page() -> rx.Component:
    return page_frame(
        rx.el.p(t("not_found.text"), class_name="lead"),
        rx.el.p(app_link(t("not_found.home"), href="/", class_name="button button--primary")),
        title_key="not_found.title",
        current="",
    )
