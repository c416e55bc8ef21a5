"""Home: what this place is, in two sentences, with help one tap away."""

import reflex as rx

from peersupport.components.first_aid_link import card_content, first_aid_link
from peersupport.components.navigation import app_link
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame

ROUTE = "/"


def _card(href: str, title_key: str, text_key: str, icon: str) -> rx.Component:
    return app_link(*card_content(title_key, text_key, icon), href=href, class_name="card-link")


def _stories_card() -> rx.Component:
    return app_link(
        *card_content(
            "stories.home_card.title", "stories.home_card.text", "/icons/nav-stories.svg"
        ),
        href="/verhalen",
        class_name="card-link card-link--stories",
    )


def home_page() -> rx.Component:
    return page_frame(
        rx.el.p(t("home.intro"), class_name="lead"),
        rx.el.p(t("home.not_your_fault"), class_name="callout"),
        rx.el.nav(
            _stories_card(),
            first_aid_link(),
            _card(
                "/zelftest",
                "home.card.checklists.title",
                "home.card.checklists.text",
                "/icons/nav-checklists.svg",
            ),
            _card(
                "/prikbord",
                "home.card.boards.title",
                "home.card.boards.text",
                "/icons/nav-boards.svg",
            ),
            _card("/hulp", "home.card.help.title", "home.card.help.text", "/icons/nav-help.svg"),
            _card("/veilig", "home.card.safe.title", "home.card.safe.text", "/icons/nav-safe.svg"),
            _card("/over", "home.card.about.title", "home.card.about.text", "/icons/nav-about.svg"),
            class_name="card-list",
            aria_label=t("home.cards_label"),
        ),
        rx.el.p(
            t("home.urgent"),
            " ",
            rx.el.a(t("home.urgent_call"), href="tel:112", class_name="inline-tel"),
            class_name="urgent",
        ),
        rx.el.p(t("home.exit_tip"), class_name="muted"),
        title_key="home.title",
        current=ROUTE,
        back_to=None,
    )
