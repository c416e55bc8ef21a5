"""The frame of the pages the server renders as plain HTML (the stories): the same head,
header, bottom navigation, stylesheet and quick exit as the Reflex pages, and no
JavaScript bundle.

Speed on a slow mobile connection: the stylesheet (assets/app.css, without the rules
that cannot match the page: peersupport/http/stylesheet.py) and the quick-exit script
(assets/quick-exit.js) are copied into the page instead of linked, because each linked
file in the head costs a round trip before the text can show. They are the same files
the Reflex pages load; /shell.js is deferred and does not hold up the text.

Both languages of every interface text are in the document; an inline script in the
head reads the visitor's choice (localStorage "ps-lang", the raw value Reflex's
`rx.LocalStorage` writes) and sets `<html lang>` before the first paint, and the
stylesheet hides the other language (assets/app.css, section "Server-rendered pages").
Attributes cannot hold two languages: they carry both in `data-i18n` and the page script
sets the chosen one.

Every text is escaped here; only HTML built by these functions (and story HTML the
stories service made safe) is inserted as is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from html import escape

from peersupport.components.bottom_nav import NAV_ITEMS, NavItem
from peersupport.http.stylesheet import stylesheet_for
from peersupport.settings import PROJECT_ROOT
from peersupport.translations import translate

ASSETS_DIR = PROJECT_ROOT / "assets"

LANGUAGE_STORAGE_KEY = "ps-lang"


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


def same(value: str) -> Bilingual:
    """A text that is the same in both languages (a story title, a name)."""
    return Bilingual(value, value)


def join(texts: list[Bilingual], separator: str = ", ") -> Bilingual:
    return Bilingual(
        separator.join(item.nl for item in texts), separator.join(item.en for item in texts)
    )


def tr(value: Bilingual) -> str:
    """HTML showing `value` in the visitor's language (both are in the page)."""
    if value.nl == value.en:
        return escape(value.nl)
    return f'<span data-l="nl">{escape(value.nl)}</span><span data-l="en">{escape(value.en)}</span>'


def tr_html(value: Bilingual, marker: str, replacement_html: str) -> str:
    """Like `tr`, with `marker` in both texts replaced by HTML we built (a live count)."""
    nl, en = (
        escape(half).replace(escape(marker), replacement_html) for half in (value.nl, value.en)
    )
    return f'<span data-l="nl">{nl}</span><span data-l="en">{en}</span>'


def attr(value: str) -> str:
    return escape(value, quote=True)


def i18n_attrs(**attributes: Bilingual) -> str:
    """Attributes in Dutch, with both languages in `data-i18n` for the page script.

    Keyword names use `_` for `-` (aria_label -> aria-label).
    """
    named = {name.replace("_", "-"): value for name, value in attributes.items()}
    plain = " ".join(f'{name}="{attr(value.nl)}"' for name, value in named.items())
    pairs = json.dumps(
        {name: [value.nl, value.en] for name, value in named.items()}, ensure_ascii=False
    )
    return f'{plain} data-i18n="{attr(pairs)}"'


def tab_title(page: Bilingual) -> Bilingual:
    """The tab title: the page's name after the app's neutral name, as on every page."""
    app = text("app.name")
    return Bilingual(f"{app.nl} · {page.nl}", f"{app.en} · {page.en}")


# Classes the scripts set (the head script marks <html> with `js`).
SCRIPT_CLASSES = frozenset({"js"})

# Sets the language before the first paint; runs before the stylesheet is requested so
# that it never waits for it. `js` on <html> lets the stylesheet hide what needs a script.
_HEAD_SCRIPT = (
    "(function(){var d=document.documentElement,l='nl';"
    f"try{{l=localStorage.getItem('{LANGUAGE_STORAGE_KEY}')==='en'?'en':'nl'}}catch(e){{}}"
    "d.lang=l;d.className+=' js';var t=d.getAttribute('data-title-'+l);"
    "if(t)document.title=t})();"
)

# The page's behaviour: the language switch, "read anyway", and "this helped me".
PAGE_SCRIPT = """(function () {
  "use strict";
  var root = document.documentElement;
  var LANGUAGE_KEY = "__LANGUAGE_KEY__", BROWSER_KEY = "ps-browser";

  function language() { return root.lang === "en" ? "en" : "nl"; }
  function apply(lang) {
    root.lang = lang;
    var title = root.getAttribute("data-title-" + lang);
    if (title) document.title = title;
    var marked = document.querySelectorAll("[data-i18n]");
    for (var i = 0; i < marked.length; i++) {
      var pairs = JSON.parse(marked[i].getAttribute("data-i18n"));
      for (var name in pairs) marked[i].setAttribute(name, pairs[name][lang === "en" ? 1 : 0]);
    }
  }
  apply(language());
  window.addEventListener("storage", function (event) {
    if (event.key === LANGUAGE_KEY) apply(event.newValue === "en" ? "en" : "nl");
  });

  function browserKey() {
    var key = null;
    try { key = localStorage.getItem(BROWSER_KEY); } catch (ignored) {}
    if (key && /^[A-Za-z0-9_-]{43}$/.test(key)) return key;
    var bytes = new Uint8Array(32), binary = "";
    crypto.getRandomValues(bytes);
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    key = btoa(binary).replace(/\\+/g, "-").replace(/\\//g, "_").replace(/=+$/, "");
    try { localStorage.setItem(BROWSER_KEY, key); } catch (ignored) {}
    return key;
  }

  function say(box, message) {
    var template = box.querySelector("template[data-message='" + message + "']");
    box.querySelector("[data-helped-status]").innerHTML = template ? template.innerHTML : "";
  }

  function markHelped(button) {
    if (button.getAttribute("aria-disabled") === "true") return;
    var box = button.closest("[data-helped-box]");
    button.setAttribute("aria-disabled", "true");
    say(box, "sending");
    fetch(button.getAttribute("data-helped"), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key: browserKey() }),
      credentials: "same-origin",
      cache: "no-store",
      // The page's policy (no-referrer) would send "Origin: null"; the server checks it.
      referrerPolicy: "same-origin"
    }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (answer) {
      var counts = box.querySelectorAll("[data-helped-count]");
      for (var i = 0; i < counts.length; i++) counts[i].textContent = String(answer.count);
      say(box, answer.counted ? "thanks" : "already");
    }).catch(function () {
      say(box, "failed");
      button.removeAttribute("aria-disabled");
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target || !target.closest) return;
    if (target.closest("[data-language-switch]")) {
      var next = language() === "en" ? "nl" : "en";
      try { localStorage.setItem(LANGUAGE_KEY, next); } catch (ignored) {}
      apply(next);
      return;
    }
    var read = target.closest("[data-read-anyway]");
    if (read) {
      var text = document.getElementById(read.getAttribute("aria-controls"));
      read.setAttribute("aria-expanded", "true");
      text.setAttribute("data-open", "");
      read.closest("[data-read-choice]").hidden = true;
      text.focus();
      return;
    }
    var helped = target.closest("[data-helped]");
    if (helped) markHelped(helped);
  });
})();""".replace("__LANGUAGE_KEY__", LANGUAGE_STORAGE_KEY)


@cache
def _quick_exit_script() -> str:
    """assets/quick-exit.js, ready to sit inside a <script> element."""
    return (ASSETS_DIR / "quick-exit.js").read_text(encoding="utf-8").replace("</", "<\\/")


def _head(title: Bilingual, exit_url: str, stylesheet: str) -> str:
    # The same head as the Reflex pages (`HEAD` in peersupport/app.py).
    return (
        "<head>"
        '<meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title.nl)}</title>"
        f"<script>{_HEAD_SCRIPT}</script>"
        '<meta name="theme-color" content="#2F5D62">'
        '<meta name="robots" content="noindex, nofollow">'
        '<meta name="referrer" content="no-referrer">'
        '<meta property="og:image" content="/icons/icon-192.png">'
        '<link rel="manifest" href="/manifest.webmanifest">'
        '<link rel="icon" href="/favicon.ico" sizes="48x48">'
        '<link rel="icon" href="/icons/logo.svg" type="image/svg+xml">'
        '<link rel="apple-touch-icon" href="/icons/apple-touch-icon-180.png">'
        f"<style>{stylesheet}</style>"
        f'<script data-exit-url="{attr(exit_url)}">{_quick_exit_script()}</script>'
        '<script defer src="/shell.js"></script>'
        "</head>"
    )


def _language_switch() -> str:
    """One button offering the other language, named in that language (as on Reflex pages)."""
    return (
        '<button type="button" class="language-switch" data-language-switch '
        + i18n_attrs(aria_label=text("language.switch_label"), lang=Bilingual("en", "nl"))
        + ">"
        + f'<span data-l="nl">{escape(translate("nl", "language.other"))}</span>'
        + f'<span data-l="en">{escape(translate("en", "language.other"))}</span>'
        + "</button>"
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
        '<img alt="" src="/icons/logo.svg" width="28" height="28">'
        f"<span>{tr(text('app.name'))}</span></a>"
        f"{_language_switch()}"
        "</header>"
    )


def app_href(route: str) -> str:
    """The address of one of the app's Reflex pages as the server serves it without a
    redirect ("/hulp" answers with a redirect to "/hulp/", a round trip on a slow line)."""
    return route if route.endswith("/") else f"{route}/"


def _nav_item(item: NavItem, current: str) -> str:
    href = item.route if item.server_page else app_href(item.route)
    current_attr = ' aria-current="page"' if item.route == current else ""
    wide = ' class="bottom-nav__item--wide"' if item.wide_only else ""
    return (
        f"<li{wide}>"
        f'<a class="bottom-nav__link" href="{attr(href)}" data-replace{current_attr}>'
        f'<img alt="" class="bottom-nav__icon" src="{attr(item.icon)}" width="24" height="24">'
        f'<span class="bottom-nav__label">{tr(text(item.label_key))}</span></a></li>'
    )


def _bottom_nav(current: str) -> str:
    items = "".join(_nav_item(item, current) for item in NAV_ITEMS)
    return (
        f'<nav class="bottom-nav" {i18n_attrs(aria_label=text("nav.label"))}>'
        f'<ul class="bottom-nav__list">{items}</ul></nav>'
    )


def back_link(href: str) -> str:
    """The page's own back arrow; the browser's Back would leave the app."""
    return (
        f'<a class="back-link" href="{attr(href)}" data-replace>'
        '<span aria-hidden="true" class="back-link__arrow">←</span>'
        f"{tr(text('nav.back'))}</a>"
    )


def html_page(*, title: Bilingual, main_html: str, current: str, exit_url: str) -> str:
    """A whole document: head, header with quick exit first, `main_html`, bottom nav.

    `title` is the tab title in both languages; `current` the route the bottom
    navigation marks as the current page.
    """
    body = (
        f"{_header(exit_url)}"
        f'<main id="main" class="page" tabindex="-1">{main_html}</main>'
        f"{_bottom_nav(current)}"
    )
    stylesheet = stylesheet_for(body, added_by_scripts=SCRIPT_CLASSES)
    return (
        "<!DOCTYPE html>"
        f'<html lang="nl" data-server-page data-title-nl="{attr(title.nl)}" '
        f'data-title-en="{attr(title.en)}">'
        f"{_head(title, exit_url, stylesheet)}"
        f"<body>{body}<script>{PAGE_SCRIPT}</script></body></html>"
    )
