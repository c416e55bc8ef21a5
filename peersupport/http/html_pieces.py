"""Pieces several public pages share: a text from a content file in both languages, a
row of marks (a story's themes, what a help route offers), and a help route's card.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from peersupport.content import HelpRoute
from peersupport.http.html_frame import Bilingual, attr, i18n_attrs, text, tr


def pair(texts: Mapping[str, str]) -> Bilingual:
    """A text from a content file entry shaped ``{nl = "...", en = "..."}``."""
    return Bilingual(texts["nl"], texts["en"])


def marks_html(names: list[Bilingual], label: Bilingual) -> str:
    if not names:
        return ""
    items = "".join(f'<li class="mark">{tr(name)}</li>' for name in names)
    return f'<ul class="marks" {i18n_attrs(aria_label=label)}>{items}</ul>'


def help_route_html(route: HelpRoute) -> str:
    """A help route as on the help page (peersupport/http/info_pages.py) and as the
    Reflex pages show one (peersupport/components/help_route.py)."""
    offers = [
        text(key)
        for key, applies in (
            ("help.mark.free", route.free),
            ("help.mark.anonymous", route.anonymous),
            ("help.mark.always_open", route.always_open),
        )
        if applies
    ]
    parts = [
        f'<h3 id="route-{attr(route.id)}">{escape(route.name)}</h3>',
        f"<p>{tr(pair(route.what))}</p>",
        marks_html(offers, text("help.marks_label")),
    ]
    if route.hours:
        parts.append(
            f'<p><span class="label">{tr(text("help.hours"))}</span> {tr(pair(route.hours))}</p>'
        )
    if route.note:
        parts.append(f'<p class="note">{tr(pair(route.note))}</p>')
    actions = []
    if route.phone and route.tel_href:
        actions.append(
            f'<a class="button button--primary" href="{attr(route.tel_href)}">'
            f"{tr(text('help.call', number=route.phone))}</a>"
        )
    if route.website:
        actions.append(
            f'<a class="button button--secondary" href="{attr(route.website)}" target="_blank" '
            f'rel="noopener noreferrer">{tr(text("help.website"))}'
            f'<span class="visually-hidden">{tr(text("help.opens_new_tab"))}</span></a>'
        )
    parts.append(f'<div class="actions">{"".join(actions)}</div>')
    return (
        f'<article class="route-card" aria-labelledby="route-{attr(route.id)}">'
        f"{''.join(parts)}</article>"
    )
