"""About: why this place exists, with the facts and their sources."""

import reflex as rx

from peersupport.components.navigation import external_link
from peersupport.components.text import language_pair, t
from peersupport.content import Fact, Source, about_facts
from peersupport.layouts.page_frame import page_frame

ROUTE = "/over"


def _source(source: Source) -> rx.Component:
    if source.url:
        return rx.el.li(external_link(source.name, href=source.url))
    return rx.el.li(source.name)


def _fact(fact: Fact) -> rx.Component:
    return rx.el.li(
        rx.el.p(language_pair(fact.text)),
        rx.el.p(t("about.source"), class_name="label"),
        rx.el.ul(*[_source(source) for source in fact.sources], class_name="sources"),
        class_name="fact",
    )


def about_page() -> rx.Component:
    return page_frame(
        rx.el.p(t("about.intro"), class_name="lead"),
        rx.el.p(t("about.why_silent")),
        rx.el.p(t("about.not_alone")),
        rx.el.h2(t("about.facts.title"), id="feiten"),
        rx.el.ul(*[_fact(fact) for fact in about_facts()], class_name="fact-list"),
        rx.el.h2(t("about.privacy.title"), id="privacy"),
        rx.el.p(t("about.privacy.p1")),
        title_key="about.title",
        current=ROUTE,
    )
