"""What search engines may do with each page: index it or not, and the description a
search result shows under its title. One table keyed by the page's address, used by the
Reflex pages (peersupport/app.py), the pages the server renders
(peersupport/http/html_frame.py), robots.txt and sitemap.xml
(peersupport/http/findability.py).

Why these pages: a boy who has not found help yet searches first. The pages written for
him (home, the stories list, help, the self-tests, about, safe use, the first aid) can
be found. Everything that holds members' words or accounts (boards, threads, notes,
writing, moderation) is never indexed: a thread found by its words could point to the
boy who wrote it. The summary page (/kort) is not indexed either: it is a tool to use
during a chat with a help route, reached from the help page and the first aid, not a
page to land on from a search. A story page is indexed only when its author said so
when he sent it in (he can change it under Mijn verhalen); the story decides, not
this table.

The descriptions are discreet: they say what the page helps with, without blame and
without graphic words, since a search result can be seen over his shoulder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ROBOTS_INDEX = "index, follow"
ROBOTS_NOINDEX = "noindex, nofollow"

STORY_PAGE = re.compile(r"/verhalen/[1-9][0-9]{0,9}")
CHECKLIST_PAGE = re.compile(r"/zelftest/[1-9][0-9]{0,2}")
STORY_DESCRIPTION = "findable.story"

# The pages meant to be found, with the catalog key (traces.po) of their description.
INDEXABLE_PAGES: dict[str, str] = {
    "/": "findable.home",
    "/verhalen": "findable.stories",
    "/hulp": "findable.help",
    "/zelftest": "findable.self_tests",
    "/over": "findable.about",
    "/veilig": "findable.safe_use",
    "/stappen": "findable.first_aid",
}
CHECKLIST_DESCRIPTION = "findable.self_test"

# Sections of the app that are never indexed; robots.txt asks crawlers to stay out.
# (Pages not listed anywhere, such as the offline page, are not indexed either.)
PRIVATE_SECTIONS = (
    "/prikbord",
    "/notities",
    "/account",
    "/inloggen",
    "/aanmelden",
    "/herstellen",
    "/schrijven",
    "/mijn-verhalen",
    "/moderatie",
    "/beheer",
    "/kort",
    "/offline",
    "/api/",
)


@dataclass(frozen=True)
class PageMeta:
    """What a page tells search engines: `robots` for <meta name="robots">, and the
    catalog key of its description (None: no description)."""

    robots: str
    description_key: str | None

    @property
    def indexable(self) -> bool:
        return self.robots == ROBOTS_INDEX


def normalized(path: str) -> str:
    """`path` without its query and trailing "/" ("/hulp/?x=1" -> "/hulp")."""
    bare = path.split("?", 1)[0].split("#", 1)[0]
    return bare.rstrip("/") or "/"


def page_meta(path: str, *, story_shared: bool = False) -> PageMeta:
    """The meta of the page at `path`. `story_shared`: for a story page, whether its
    author chose to let search engines find it (ignored for every other page)."""
    bare = normalized(path)
    if bare in INDEXABLE_PAGES:
        return PageMeta(ROBOTS_INDEX, INDEXABLE_PAGES[bare])
    if CHECKLIST_PAGE.fullmatch(bare):
        return PageMeta(ROBOTS_INDEX, CHECKLIST_DESCRIPTION)
    if STORY_PAGE.fullmatch(bare):
        return PageMeta(ROBOTS_INDEX if story_shared else ROBOTS_NOINDEX, STORY_DESCRIPTION)
    return PageMeta(ROBOTS_NOINDEX, None)


def is_private(path: str) -> bool:
    """Whether `path` lies in a section robots.txt closes to crawlers."""
    bare = normalized(path)
    return any(
        bare == section.rstrip("/") or bare.startswith(section.rstrip("/") + "/")
        for section in PRIVATE_SECTIONS
    )
