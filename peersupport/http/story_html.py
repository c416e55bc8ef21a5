"""The public reading pages as HTML: the story list, a story, and short message pages.

Built on the server (peersupport/http/story_pages.py serves them) inside the shared
frame of peersupport/http/html_frame.py. Every text is escaped; the only HTML inserted
as is, besides what these functions build, is a story's body from the stories service,
which made it safe.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from peersupport.content import help_routes
from peersupport.http.html_frame import (
    Bilingual,
    app_href,
    attr,
    back_link,
    html_page,
    join,
    rendering_in,
    text,
    tr,
    tr_html,
)
from peersupport.http.html_pieces import help_route_html, marks_html
from peersupport.services import stories
from peersupport.services.stories import PublishedStory, StoryCard

ROUTE = "/verhalen"
THEME_PARAM, LANGUAGE_PARAM, CURSOR_PARAM = "thema", "taal", "na"
# Help shown under every story: anonymous talk first; 113 joins for stories about self-harm.
STORY_HELP_ROUTE_IDS = ("fier", "kindertelefoon", "helpwanted")
SELF_HARM_HELP_ROUTE_ID = "113"
HELP_ROUTE = "/hulp"
# The members' page to report a story (peersupport/pages/story_report.py).
REPORT_ROUTE = "/verhalen/melden"
LANGUAGE_KEYS = {"nl": "stories.language.nl", "en": "stories.language.en"}


# --- pieces --------------------------------------------------------------------------------


def theme_names(codes: Iterable[str]) -> list[Bilingual]:
    return [text(stories.THEME_KEYS[code]) for code in codes if code in stories.THEME_KEYS]


def warning_names(codes: Iterable[str]) -> Bilingual:
    keys = stories.WARNING_KEYS
    return join([text(keys[code]) for code in codes if code in keys])


def _story_meta(card: StoryCard) -> str:
    return (
        '<p class="story-meta">'
        f"{tr(text('stories.reading_time', minutes=card.reading_minutes))}"
        '<span aria-hidden="true"> · </span>'
        f'<span class="visually-hidden">, </span>{tr(text(LANGUAGE_KEYS[card.language]))}'
        "</p>"
    )


def story_card_html(card: StoryCard) -> str:
    """A story in a list: title (the link), reading time, themes and content warnings."""
    heading_id = f"story-{card.id}"
    warning = ""
    if card.warnings:
        warning = (
            '<p class="story-card__warning"><span aria-hidden="true">⚠ </span>'
            f"{tr(text('stories.card.warning', warnings=warning_names(card.warnings)))}</p>"
        )
    return (
        f'<article class="story-card" aria-labelledby="{heading_id}">'
        f'<h3 class="story-card__title" id="{heading_id}">'
        f'<a href="{ROUTE}/{card.id}" data-replace lang="{attr(card.language)}">'
        f"{escape(card.title)}</a></h3>"
        f"{_story_meta(card)}"
        f"{marks_html(theme_names(card.themes), text('stories.card.themes_label'))}"
        f"{warning}"
        "</article>"
    )


def _story_list(cards: Iterable[StoryCard]) -> str:
    items = "".join(f"<li>{story_card_html(card)}</li>" for card in cards)
    return f'<ul class="story-list">{items}</ul>'


def _button_link(href: str, label: Bilingual, kind: str = "secondary") -> str:
    return f'<a class="button button--{kind}" href="{attr(href)}" data-replace>{tr(label)}</a>'


# --- the list --------------------------------------------------------------------------------


def theme_number(code: str) -> str:
    """The number a theme has in addresses ("3" for "sextortion"): the browser's history
    shows addresses, so they never name a topic."""
    return str(stories.THEMES.index(code) + 1) if code in stories.THEMES else code


def theme_of_number(number: str) -> str:
    """The theme an address's number stands for; anything else is passed on as it came,
    for the stories service to refuse."""
    if number.isascii() and number.isdecimal() and 1 <= int(number) <= len(stories.THEMES):
        return stories.THEMES[int(number) - 1]
    return f"#{number}"


@dataclass(frozen=True)
class ListQuery:
    """The list's query parameters; the stories service validates them. `theme` is a
    theme's code here and its number in the address."""

    theme: str | None = None
    language: str | None = None
    cursor: str | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, str]) -> ListQuery:
        def value(name: str) -> str | None:
            return params.get(name) or None

        number = value(THEME_PARAM)
        theme = theme_of_number(number) if number is not None else None
        return cls(theme, value(LANGUAGE_PARAM), value(CURSOR_PARAM))

    @property
    def filtered(self) -> bool:
        return self.theme is not None or self.language is not None

    def url(self, cursor: str | None = None) -> str:
        """The list with these filters, at `cursor` (None: the newest stories)."""
        params = {
            name: value
            for name, value in (
                (THEME_PARAM, theme_number(self.theme) if self.theme else None),
                (LANGUAGE_PARAM, self.language),
                (CURSOR_PARAM, cursor),
            )
            if value
        }
        return f"{ROUTE}?{urlencode(params)}" if params else ROUTE


def _option(value: str, label: Bilingual, chosen: str | None) -> str:
    selected = " selected" if value == (chosen or "") else ""
    return f'<option value="{attr(value)}"{selected}>{tr(label)}</option>'


def _filter_form(query: ListQuery) -> str:
    themes = [_option("", text("stories.filter.theme_all"), query.theme)] + [
        _option(theme_number(code), text(key), query.theme and theme_number(query.theme))
        for code, key in stories.THEME_KEYS.items()
    ]
    languages = [_option("", text("stories.filter.language_all"), query.language)] + [
        _option(code, text(key), query.language) for code, key in LANGUAGE_KEYS.items()
    ]
    return (
        f'<form class="story-filter" method="get" action="{ROUTE}" data-replace '
        'aria-labelledby="filter-title">'
        f'<h2 id="filter-title" class="visually-hidden">{tr(text("stories.filter.title"))}</h2>'
        '<div class="story-filter__fields">'
        '<div class="field"><label class="field__label" for="filter-theme">'
        f"{tr(text('stories.filter.theme'))}</label>"
        f'<select class="field__input" id="filter-theme" name="{THEME_PARAM}">'
        f"{''.join(themes)}</select></div>"
        '<div class="field"><label class="field__label" for="filter-language">'
        f"{tr(text('stories.filter.language'))}</label>"
        f'<select class="field__input" id="filter-language" name="{LANGUAGE_PARAM}">'
        f"{''.join(languages)}</select></div>"
        "</div>"
        '<button type="submit" class="button button--secondary">'
        f"{tr(text('stories.filter.submit'))}</button>"
        "</form>"
    )


def list_main_html(cards: list[StoryCard], next_cursor: str | None, query: ListQuery) -> str:
    """The list page's content: intro, filter, stories (or why there are none), paging."""
    parts = [
        back_link("/"),
        f"<h1>{tr(text('stories.title'))}</h1>",
        f'<p class="lead">{tr(text("stories.intro"))}</p>',
    ]
    if not cards and not query.filtered and query.cursor is None:
        parts += [
            f"<h2>{tr(text('stories.empty.title'))}</h2>",
            f"<p>{tr(text('stories.empty.text'))}</p>",
            f"<p>{_button_link(HELP_ROUTE, text('stories.empty.help'), 'primary')}</p>",
        ]
        return "".join(parts)
    parts.append(_filter_form(query))
    if not cards:
        parts += [
            f"<h2>{tr(text('stories.no_match.title'))}</h2>",
            f"<p>{tr(text('stories.no_match.text'))}</p>",
            f"<p>{_button_link(ROUTE, text('stories.no_match.clear'))}</p>",
        ]
        return "".join(parts)
    parts += [
        f'<h2 id="story-list-title">{tr(text("stories.list.title"))}</h2>',
        _story_list(cards),
    ]
    paging = []
    if next_cursor:
        paging.append(_button_link(query.url(next_cursor), text("stories.more"), "primary"))
    if query.cursor:
        paging.append(_button_link(query.url(), text("stories.back_to_newest")))
    if paging:
        parts.append(f'<div class="actions story-paging">{"".join(paging)}</div>')
    return "".join(parts)


# --- one story -------------------------------------------------------------------------------


def _caution(card: StoryCard) -> str:
    return (
        '<section class="story-caution" aria-labelledby="caution-title">'
        '<h2 id="caution-title"><span aria-hidden="true">⚠ </span>'
        f"{tr(text('stories.caution.title'))}</h2>"
        f"<p>{tr(text('stories.caution.about', warnings=warning_names(card.warnings)))}</p>"
        f"<p>{tr(text('stories.caution.choice'))}</p>"
        '<div class="actions" data-read-choice>'
        '<button type="button" class="button button--primary" data-read-anyway '
        'aria-controls="story-reading" aria-expanded="false">'
        f"{tr(text('stories.caution.read_anyway'))}</button>"
        f"{_button_link(ROUTE, text('stories.caution.not_now'))}"
        "</div></section>"
    )


def _helped(story: PublishedStory, token: str) -> str:
    count = f"<span data-helped-count>{story.helped_count}</span>"
    marker = "\x00count\x00"
    messages = "".join(
        f'<template data-message="{name}">{tr(text(key))}</template>'
        for name, key in (
            ("sending", "stories.helped.sending"),
            ("thanks", "stories.helped.thanks"),
            ("already", "stories.helped.already"),
            ("failed", "stories.helped.failed"),
            ("reload", "stories.helped.reload"),
        )
    )
    return (
        '<section class="panel story-helped" data-helped-box aria-labelledby="helped-title">'
        f'<h2 id="helped-title">{tr(text("stories.helped.title"))}</h2>'
        f"<p>{tr(text('stories.helped.text'))}</p>"
        f'<p class="story-helped__count">'
        f"{tr_html(text('stories.helped.count', count=marker), marker, count)}</p>"
        '<button type="button" class="button button--primary" '
        f'data-helped="/api{ROUTE}/{story.card.id}/hielp" data-helped-token="{attr(token)}">'
        f"{tr(text('stories.helped.button'))}</button>"
        '<p class="story-helped__status" data-helped-status role="status" aria-live="polite">'
        f"</p>{messages}</section>"
    )


def _report_link(card: StoryCard) -> str:
    """To the members' report page (a Reflex page: the member's own signed-in tab sends
    the report; see peersupport/state/story_report.py)."""
    return (
        f'<p class="story-report">{tr(text("story_report.link_intro"))} '
        f'<a href="{app_href(REPORT_ROUTE)}?nr={card.id}" data-replace>'
        f"{tr(text('story_report.link'))}</a></p>"
    )


def _story_help(card: StoryCard) -> str:
    wanted = STORY_HELP_ROUTE_IDS + (
        (SELF_HARM_HELP_ROUTE_ID,) if "self_harm" in card.warnings else ()
    )
    routes = [route for route in help_routes().routes if route.id in wanted]
    routes.sort(key=lambda route: wanted.index(route.id))
    items = "".join(f"<li>{help_route_html(route)}</li>" for route in routes)
    return (
        '<section class="story-help" aria-labelledby="story-help-title">'
        f'<h2 id="story-help-title">{tr(text("stories.help.title"))}</h2>'
        f"<p>{tr(text('stories.help.text'))}</p>"
        f'<ul class="route-list">{items}</ul>'
        f'<p class="urgent">{tr(text("home.urgent"))} '
        f'<a class="inline-tel" href="tel:112">{tr(text("home.urgent_call"))}</a></p>'
        f"<p>{_button_link(HELP_ROUTE, text('stories.help.all'))}</p>"
        "</section>"
    )


def story_main_html(story: PublishedStory, helped_token: str) -> str:
    """The story page's content. `body_html` comes from the stories service, which
    builds it from escaped text; it is the only HTML inserted as is. `helped_token`
    lets this page count "this helped me" once."""
    card = story.card
    warned = bool(card.warnings)
    parts = [
        back_link(ROUTE),
        f'<h1 id="story-title" lang="{attr(card.language)}">{escape(card.title)}</h1>',
        _story_meta(card),
        marks_html(theme_names(card.themes), text("stories.card.themes_label")),
        _caution(card) if warned else "",
        f'<div id="story-reading" class="story-reading" tabindex="-1"'
        f"{' data-warned' if warned else ''}>"
        f'<div class="story-text" lang="{attr(card.language)}">{story.body_html}</div>'
        f"{_helped(story, helped_token)}{_report_link(card)}</div>",
    ]
    if story.related:
        parts.append(
            '<section class="story-related" aria-labelledby="related-title">'
            f'<h2 id="related-title">{tr(text("stories.related.title"))}</h2>'
            f"{_story_list(story.related)}</section>"
        )
    parts.append(_story_help(card))
    return "".join(parts)


def message_main_html(title_key: str, text_key: str) -> str:
    """A short page saying what went wrong, with the way back to the stories."""
    return (
        f"{back_link(ROUTE)}"
        f"<h1>{tr(text(title_key))}</h1>"
        f'<p class="lead">{tr(text(text_key))}</p>'
        f"<p>{_button_link(ROUTE, text('stories.all_stories'), 'primary')}</p>"
    )


# --- whole documents -----------------------------------------------------------------------


# Each in `language` ("en" or "nl"; anything else is Dutch).


def list_document(
    cards: list[StoryCard],
    next_cursor: str | None,
    query: ListQuery,
    exit_url: str,
    language: str = "nl",
) -> str:
    with rendering_in(language):
        return html_page(
            main_html=list_main_html(cards, next_cursor, query),
            current=ROUTE,
            exit_url=exit_url,
        )


def story_document(
    story: PublishedStory, exit_url: str, language: str = "nl", *, helped_token: str = ""
) -> str:
    with rendering_in(language):
        return html_page(
            main_html=story_main_html(story, helped_token),
            current=ROUTE,
            exit_url=exit_url,
            path=f"{ROUTE}/{story.card.id}",
            story_shared=story.indexable,
        )


def message_document(title_key: str, text_key: str, exit_url: str, language: str = "nl") -> str:
    with rendering_in(language):
        return html_page(
            main_html=message_main_html(title_key, text_key),
            current=ROUTE,
            exit_url=exit_url,
            noindex=True,
        )
