"""The words a browser tab, the history list and the app switcher may show: a small,
neutral vocabulary, the same for the Reflex pages and the pages the server renders.

Why: a phone a boy shares or that someone checks shows every page he opened as a line
in the browser's history, under the page's title. Chromium even renames every line of
a chain of replaced addresses to the newest title. So a title never holds a story's,
thread's or checklist's title, nor a word about abuse, exploitation, sextortion,
grooming or sex: only "Kompas" and, for the app's main parts, one plain word after it.
Help, safe use and about go under plain "Kompas": a line saying "Hulp" is already a hint.
Each page still has its own visible <h1>, and assets/shell.js tells screen readers
the new page's heading when the app moves to another page.
"""

from __future__ import annotations

from enum import Enum


class Tab(Enum):
    """A title of the vocabulary; the value is its catalog key (traces.po)."""

    HOME = "tab.home"  # "Kompas"
    READING = "tab.reading"  # "Kompas · Lezen"
    BOARD = "tab.board"  # "Kompas · Prikbord"
    TEST = "tab.test"  # "Kompas · Test"
    NOTES = "tab.notes"  # "Kompas · Notities"
    WRITING = "tab.writing"  # "Kompas · Schrijven"
    STAFF = "tab.staff"  # "Kompas · Beheer"


# The first part of a page's address decides its title; anything not listed is HOME.
_TAB_OF_SECTION: dict[str, Tab] = {
    "verhalen": Tab.READING,
    "prikbord": Tab.BOARD,
    "zelftest": Tab.TEST,
    "notities": Tab.NOTES,
    "account": Tab.NOTES,
    "inloggen": Tab.NOTES,
    "aanmelden": Tab.NOTES,
    "herstellen": Tab.NOTES,
    "schrijven": Tab.WRITING,
    "mijn-verhalen": Tab.WRITING,
    "moderatie": Tab.STAFF,
    "beheer": Tab.STAFF,
}


def tab_for(path: str) -> Tab:
    """The title of the page at `path` ("/prikbord/onderwerp" -> Tab.BOARD)."""
    section = path.strip("/").split("/", 1)[0]
    return _TAB_OF_SECTION.get(section, Tab.HOME)
