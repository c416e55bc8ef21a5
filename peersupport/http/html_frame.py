"""The frame of the pages the server renders as plain HTML (home, help, safe use, about,
the lists of self-tests and boards, the stories, the first aid): the same head, header,
bottom navigation, stylesheet and quick exit as the Reflex pages, and no JavaScript
bundle. Shared pieces of those pages (card links, the back arrow) live here too.

Speed on a slow mobile connection: the stylesheet (assets/app.css, without the rules
that cannot match the page: peersupport/http/stylesheet.py) and the quick-exit script
(assets/quick-exit.js) are copied into the page instead of linked, because each linked
file in the head costs a round trip before the text can show. They are the same files
the Reflex pages load. The page's own behaviour (assets/story-page.js) and /shell.js
are deferred and do not hold up the text.

One language per page: the visitor's choice is kept in the cookie `ps-lang` (read
here) and in localStorage "ps-lang" (the raw value Reflex's `rx.LocalStorage` writes,
read by the app's other pages). Both are written by the language switch of every page.
A page is rendered in English only when the cookie says so. When the page came in
another language than the cookie says (the cookie is SameSite=Strict, so it is not sent
on arrival from another site), the head script loads it once more before anything is
painted. A browser that has the choice only in localStorage (from before the cookie)
gets it carried over by assets/story-page.js after the text is shown: the head script
does not touch localStorage, whose first read can hold up the first paint on a slow
phone.
`tr` and `i18n_attrs` are the only places where a language is chosen: documents are
built inside `rendering_in(language)`.

Every text is escaped here; only HTML built by these functions (and story HTML the
stories service made safe) is inserted as is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from html import escape

from peersupport.components.bottom_nav import MORE_ICON, NAV_ITEMS, REMOVE_TRACES_ROUTE, NavItem
from peersupport.components.navigation import is_server_page
from peersupport.components.page_meta import ROBOTS_NOINDEX, PageMeta, page_meta
from peersupport.components.tab_titles import tab_for
from peersupport.http.stylesheet import stylesheet_for
from peersupport.settings import PROJECT_ROOT
from peersupport.translations import translate

ASSETS_DIR = PROJECT_ROOT / "assets"

LANGUAGE_STORAGE_KEY = "ps-lang"
# The cookie holding the same choice, for the server: "en" or "nl"; anything else is Dutch.
LANGUAGE_COOKIE = "ps-lang"

_language: ContextVar[str] = ContextVar("server_page_language", default="nl")


def language_of(cookies: Mapping[str, str]) -> str:
    """The language a request asks for: English only when its cookie says "en"."""
    return "en" if cookies.get(LANGUAGE_COOKIE) == "en" else "nl"


@contextmanager
def rendering_in(language: str) -> Iterator[str]:
    """Render what is built inside in `language` (anything but "en" is Dutch)."""
    chosen = "en" if language == "en" else "nl"
    token = _language.set(chosen)
    try:
        yield chosen
    finally:
        _language.reset(token)


def current_language() -> str:
    return _language.get()


@dataclass(frozen=True)
class Bilingual:
    """One text in both languages."""

    nl: str
    en: str


def text(key: str, **values: object) -> Bilingual:
    """The catalog text for `key` in both languages.

    A `Bilingual` value fills each language with its own half (a list of themes).
    """

    def filled(language: str) -> str:
        return translate(
            language,
            key,
            **{
                name: getattr(value, language) if isinstance(value, Bilingual) else value
                for name, value in values.items()
            },
        )

    return Bilingual(filled("nl"), filled("en"))


def join(texts: list[Bilingual], separator: str = ", ") -> Bilingual:
    return Bilingual(
        separator.join(item.nl for item in texts), separator.join(item.en for item in texts)
    )


def chosen(value: Bilingual) -> str:
    """`value` in the language the page is rendered in."""
    return value.en if _language.get() == "en" else value.nl


def tr(value: Bilingual) -> str:
    """HTML showing `value` in the page's language."""
    return escape(chosen(value))


def tr_html(value: Bilingual, marker: str, replacement_html: str) -> str:
    """Like `tr`, with `marker` in the text replaced by HTML we built (a live count)."""
    return escape(chosen(value)).replace(escape(marker), replacement_html)


def attr(value: str) -> str:
    return escape(value, quote=True)


def i18n_attrs(**attributes: Bilingual) -> str:
    """Attributes in the page's language. Keyword names use `_` for `-` (aria_label ->
    aria-label)."""
    return " ".join(
        f'{name.replace("_", "-")}="{attr(chosen(value))}"' for name, value in attributes.items()
    )


def tab_title(path: str) -> Bilingual:
    """The tab title of the page at `path`, from the neutral vocabulary shared with the
    Reflex pages (components/tab_titles.py): never a story's title."""
    return text(tab_for(path).value)


# Classes the scripts set (the head script marks <html> with `js`).
SCRIPT_CLASSES = frozenset({"js"})

# Cookie attributes: a year, every path, never sent from another site's page.
COOKIE_ATTRIBUTES = "; Max-Age=31536000; path=/; SameSite=Strict"

# The head script (assets/story-head.js): `js` on <html>, and the one reload into the
# language of the visitor's choice; RELOAD_MARK stops a loop (assets/story-page.js
# removes it).
RELOAD_MARK = "ps-lang-reload"
HEAD_SCRIPT_VALUES = (
    ("__KEY__", LANGUAGE_COOKIE),
    ("__MARK__", RELOAD_MARK),
    ("__ATTRIBUTES__", COOKIE_ATTRIBUTES),
)

# The page's behaviour, loaded deferred: the language switch, "read anyway" and "this
# helped me".
PAGE_SCRIPT_SRC = "/story-page.js"


# Comments of the inlined quick-exit script: whole /* */ blocks and lines that are only
# a // comment (the script has no "/*" or line-leading "//" inside a string).
_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_LINE_COMMENT = re.compile(r"^[ \t]*//.*$", re.M)
_BLANK_LINES = re.compile(r"\n\s*\n+")


# The opening tag of an icon file and the attributes it may carry that an inline,
# decorative copy must not (a name for screen readers, its own size).
_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
_SVG_DROPPED = re.compile(r'\s(?:role|aria-label|aria-hidden|width|height|class)="[^"]*"')


@cache
def _inline_icon(src: str, size: int, class_name: str = "") -> str:
    """The icon file `src` (a path under assets/) as an inline, decorative <svg>.

    An <img> of an SVG file is a document of its own that the phone builds on the main
    thread before it gets on with the page, one for each icon in the header and the
    navigation; inline they are a few elements each. They stay hidden from screen
    readers (as the <img alt=""> of the Reflex pages) and out of the tab order.
    """
    source = (ASSETS_DIR / src.lstrip("/")).read_text(encoding="utf-8").strip()
    opening = _SVG_OPEN.match(source)
    if opening is None or not source.endswith("</svg>"):
        raise ValueError(f"{src} is not a single <svg> element")
    kept = _SVG_DROPPED.sub("", opening.group(0)[len("<svg") : -1])
    classes = f' class="{attr(class_name)}"' if class_name else ""
    return (
        f'<svg{kept}{classes} width="{size}" height="{size}" aria-hidden="true" '
        f'focusable="false">{source[opening.end() :]}'
    )


def _inlined(name: str) -> str:
    """assets/<name> without its comments (less to parse before the text shows), ready
    to sit inside a <script> element."""
    source = (ASSETS_DIR / name).read_text(encoding="utf-8")
    source = _BLOCK_COMMENT.sub("", source)
    source = _LINE_COMMENT.sub("", source)
    return _BLANK_LINES.sub("\n", source).replace("</", "<\\/")


@cache
def _quick_exit_script() -> str:
    """assets/quick-exit.js, to sit inside a <script> element."""
    return _inlined("quick-exit.js")


@cache
def _head_script() -> str:
    """assets/story-head.js with this server's cookie name, mark and attributes."""
    source = _inlined("story-head.js")
    for name, value in HEAD_SCRIPT_VALUES:
        source = source.replace(name, value)
    return source


def _meta_tags(meta: PageMeta) -> str:
    """<meta name="robots"> and, where the page has one, its description
    (components/page_meta.py), in the page's language."""
    tags = f'<meta name="robots" content="{attr(meta.robots)}">'
    if meta.description_key is not None:
        tags += f'<meta name="description" content="{attr(chosen(text(meta.description_key)))}">'
    return tags


def _head(title: Bilingual, meta: PageMeta, exit_url: str, stylesheet: str) -> str:
    # The same head as the Reflex pages (`HEAD` in peersupport/app.py).
    return (
        "<head>"
        '<meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{tr(title)}</title>"
        f"<script>{_head_script()}</script>"
        '<meta name="theme-color" content="#2F5D62">'
        f"{_meta_tags(meta)}"
        '<meta name="referrer" content="no-referrer">'
        '<meta property="og:image" content="/icons/icon-192.png">'
        '<link rel="manifest" href="/manifest.webmanifest">'
        '<link rel="icon" href="/favicon.ico" sizes="48x48">'
        '<link rel="icon" href="/icons/logo.svg" type="image/svg+xml">'
        '<link rel="apple-touch-icon" href="/icons/apple-touch-icon-180.png">'
        f"<style>{stylesheet}</style>"
        f'<script data-exit-url="{attr(exit_url)}">{_quick_exit_script()}</script>'
        '<script defer src="/shell.js"></script>'
        f'<script defer src="{PAGE_SCRIPT_SRC}"></script>'
        "</head>"
    )


def _language_switch() -> str:
    """One button offering the other language, named in that language (as on Reflex pages)."""
    other = "nl" if _language.get() == "en" else "en"
    return (
        f'<button type="button" class="language-switch" data-language-switch="{other}" '
        + i18n_attrs(aria_label=text("language.switch_label"))
        + f' lang="{other}">{tr(text("language.other"))}</button>'
    )


def _header(exit_url: str) -> str:
    return (
        '<header class="app-header">'
        f'<a class="quick-exit" data-quick-exit="true" rel="noreferrer" href="{attr(exit_url)}" '
        + i18n_attrs(title=text("quick_exit.hint"))
        + '><span aria-hidden="true" class="quick-exit__icon">✕</span>'
        f'<span class="quick-exit__label">{tr(text("quick_exit.label"))}</span></a>'
        '<a class="skip-link" data-focus-target="main" href="#main">'
        f"{tr(text('skip.to_content'))}</a>"
        '<a class="app-header__name" href="/" data-replace>'
        f"{_inline_icon('/icons/logo.svg', 28)}"
        f"<span>{tr(text('app.name'))}</span></a>"
        f"{_language_switch()}"
        "</header>"
    )


def app_href(route: str) -> str:
    """The address of one of the app's Reflex pages as the server serves it without a
    redirect ("/hulp" answers with a redirect to "/hulp/", a round trip on a slow line)."""
    return route if route.endswith("/") else f"{route}/"


def _nav_link(item: NavItem, current: str) -> str:
    href = item.route if is_server_page(item.route) else app_href(item.route)
    current_attr = ' aria-current="page"' if item.route == current else ""
    return (
        f'<a class="bottom-nav__link" href="{attr(href)}" data-replace{current_attr}>'
        f"{_inline_icon(item.icon, 24, 'bottom-nav__icon')}"
        f'<span class="bottom-nav__label">{tr(text(item.label_key))}</span></a>'
    )


def _more(current: str) -> str:
    """The "Meer" sheet of a phone, as peersupport/components/bottom_nav.py has it."""
    sheet = "".join(f"<li>{_nav_link(item, current)}</li>" for item in NAV_ITEMS if item.in_more)
    return (
        '<li class="bottom-nav__item--phone"><details class="bottom-nav__more">'
        f'<summary class="bottom-nav__link">{_inline_icon(MORE_ICON, 24, "bottom-nav__icon")}'
        f'<span class="bottom-nav__label">{tr(text("nav.more"))}</span></summary>'
        f'<ul class="bottom-nav__sheet">{sheet}</ul></details></li>'
    )


def _bottom_nav(current: str) -> str:
    wide = ' class="bottom-nav__item--wide"'
    items = "".join(
        f"<li{wide if item.in_more else ''}>{_nav_link(item, current)}</li>" for item in NAV_ITEMS
    )
    return (
        f'<nav class="bottom-nav" {i18n_attrs(aria_label=text("nav.label"))}>'
        f'<a class="bottom-nav__traces" href="{REMOVE_TRACES_ROUTE}" data-replace '
        f"data-open-remove-traces>{tr(text('traces.menu'))}</a>"
        f'<ul class="bottom-nav__list">{items}{_more(current)}</ul></nav>'
    )


def card_link(
    href: str, title: Bilingual, line: Bilingual, icon: str = "", modifier: str = ""
) -> str:
    """A card link ([icon,] title, one line), as on the home page; `modifier` is an
    extra class. A full page load that replaces the history entry."""
    classes = f"card-link {modifier}".strip()
    icon_html = _inline_icon(icon, 32, "card-link__icon") if icon else ""
    return (
        f'<a class="{attr(classes)}" href="{attr(href)}" data-replace>{icon_html}'
        '<span class="card-link__body">'
        f'<span class="card-link__title">{tr(title)}</span>'
        f'<span class="card-link__text">{tr(line)}</span></span></a>'
    )


def back_link(href: str) -> str:
    """The page's own back arrow; the browser's Back would leave the app."""
    return (
        f'<a class="back-link" href="{attr(href)}" data-replace>'
        '<span aria-hidden="true" class="back-link__arrow">←</span>'
        f"{tr(text('nav.back'))}</a>"
    )


def html_page(
    *,
    main_html: str,
    current: str,
    exit_url: str,
    path: str | None = None,
    story_shared: bool = False,
    noindex: bool = False,
) -> str:
    """A whole document in the language it is rendered in (`rendering_in`): head,
    header with quick exit first, `main_html`, bottom nav.

    `current` is the route the bottom navigation marks as the current page; it also
    picks the tab title. `path` is the page's own address (`current` when not given),
    which decides whether search engines may index it and its description
    (components/page_meta.py): give it whenever the page is not the one at `current`
    (the first aid is marked as /hulp in the navigation), or it takes that page's meta.
    `story_shared` says so for a story page, and `noindex` keeps any page out (a page
    saying something went wrong).
    """
    body = (
        f"{_header(exit_url)}"
        f'<main id="main" class="page" tabindex="-1">{main_html}</main>'
        f"{_bottom_nav(current)}"
    )
    stylesheet = stylesheet_for(body, added_by_scripts=SCRIPT_CLASSES)
    meta = page_meta(current if path is None else path, story_shared=story_shared)
    if noindex:
        meta = PageMeta(ROBOTS_NOINDEX, None)
    return (
        "<!DOCTYPE html>"
        f'<html lang="{_language.get()}" data-server-page>'
        f"{_head(tab_title(current), meta, exit_url, stylesheet)}"
        f"<body>{body}</body></html>"
    )
