"""Benchmark of the public story pages: server time with 10,000 stories, and how fast a
story's text shows on an emulated phone compared to a plain static page.

    .venv/bin/python bench/stories_bench.py [--stories 10000] [--hidden 2000] [--runs 7]
        [--requests 200] [--skip-browser] [--static-without-headers]
        [--database-url postgresql://...]

Seeds a throw-away database with --stories published stories and --hidden stories that
are not public (drafts, pending, rejected, withdrawn), written in bulk with SQLAlchemy
Core: one author, published over the last two years, 1-3 themes each, 80% Dutch and 20%
English, about 600 words in a few paragraphs. With --database-url (a PostgreSQL server)
the data goes into a new database created next to the one named, dropped at the end;
by default it is SQLite in a temporary folder.

1. Server: `public_routes()` driven in-process with Starlette's TestClient. For the
   list (`/verhalen`, `?thema=6`, `?taal=en`, and 100 pages deep by following the
   "next" links) and the story page (a different published story every request):
   median and 95th percentile over --requests after a warm-up, the number of SQL
   statements per request (counted on the app's engine; it must not vary), and the
   time spent in SQL. Also checks that no hidden story is listed or opens.
   Target: every page under 50 ms, a constant number of statements.
2. Browser (unless --skip-browser): the production build on a free port (like the
   browser tests) on the same data, the system Chromium at 360x740, a new context for
   every run (cold cache, service workers blocked), Chrome DevTools' "Slow 4G" (150 ms
   latency, 1.6 Mbps down, 750 kbps up) and a 4x CPU slowdown. Measured from
   navigation start, the pages taking turns:
   - story page: until its first paragraph is painted (an init script marks the
     paragraph for the Element Timing API the moment it is parsed; also shown: when it
     was parsed, the first animation frame with it laid out, first-contentful-paint,
     and when the document's first and last byte arrived);
   - the same title and text as static pages from a tiny local server (gzip, and the
     app's security headers unless --static-without-headers): bare,
     with the app's stylesheet in a <style>, and with it linked. The one that gets the
     stylesheet the way the story page does is the floor it is held against;
   - the Reflex page /over until `html[data-ready='true']` (set after hydration): the
     earliest moment a story loaded by a Reflex on_load event could even be asked for.
   Medians over --runs; target: story page / static page <= 1.3. Also the bytes of
   each first load (encoded bodies, from the DevTools protocol) and its JavaScript.
Prints one table; nothing here fails on a missed target.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import math
import os
import random
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, ViewportSize, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT_ROOT,
    free_port,
    start_app,
    stop_app,
)

LIST_ROUTE = "/verhalen"
SERVER_TARGET_MS = 50.0
# Above this much SQL time per request (median), the slowest statement is printed.
SQL_NOTE_MS = 2.0
RATIO_TARGET = 1.3
DEEP_PAGES = 100
WARM_UP = 20
PHONE: ViewportSize = {"width": 360, "height": 740}
# Chrome DevTools' "Slow 4G" preset.
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 200_000,
    "uploadThroughput": 93_750,
}
CPU_SLOWDOWN = 4
BROWSER_TIMEOUT_MS = 120_000
AUTHOR = "Verhalenmeter"
HIDDEN_STATES = ("draft", "pending", "rejected", "withdrawn")
# The first sentence of the measured story: in no other text, so finding it means its
# first paragraph is there.
MARKER = "Op de avond dat ik zestien werd, las ik voor het eerst het verhaal van een andere jongen."

# --- seeding -------------------------------------------------------------------------

DUTCH_SENTENCES = (
    "Ik was veertien toen ik hem online leerde kennen.",
    "Hij leek aardig en hij luisterde naar alles wat ik vertelde.",
    "Thuis ging het niet zo goed, en hij begreep dat beter dan wie ook.",
    "Na een paar weken vroeg hij om foto's, en ik dacht dat dat normaal was.",
    "Ik schaamde me zo erg dat ik niemand iets durfde te zeggen.",
    "Elke keer als mijn telefoon trilde, kreeg ik buikpijn.",
    "Hij zei dat hij de foto's aan mijn vrienden zou sturen als ik niet deed wat hij wilde.",
    "Op school deed ik alsof er niets aan de hand was.",
    "Mijn cijfers gingen omlaag en ik sliep bijna niet meer.",
    "Mijn moeder vroeg een paar keer of alles goed was, maar ik zei steeds ja.",
    "Ik dacht dat jongens zoiets niet overkwam.",
    "Later hoorde ik dat het heel veel jongens overkomt.",
    "Het was niet mijn schuld, ook al voelde het wel zo.",
    "Op een dag heb ik alles aan mijn mentor verteld.",
    "Ze bleef rustig en zei dat ze blij was dat ik het vertelde.",
    "Samen hebben we de Kindertelefoon gebeld.",
    "Daar praatte ik met iemand die niet schrok van mijn verhaal.",
    "De eerste keer praten was het moeilijkst, daarna werd het iets makkelijker.",
    "Ik kreeg hulp van een vrouw bij het Centrum Seksueel Geweld.",
    "Ze legde uit wat er gebeurd was en dat het een misdrijf is.",
    "We hebben samen besloten wat ik met de berichten zou doen.",
    "Sommige dagen gaat het goed, andere dagen komt alles weer terug.",
    "Sporten helpt me om mijn hoofd leeg te maken.",
    "Ik heb nu een paar vrienden die weten wat er is gebeurd.",
    "Ze kijken niet anders naar me, en dat had ik niet verwacht.",
    "Soms droom ik er nog over, maar minder vaak dan vroeger.",
    "Ik heb geleerd dat je grenzen mag aangeven, ook online.",
    "Wie jou onder druk zet, is geen vriend.",
    "Het duurde lang voordat ik mezelf niet meer de schuld gaf.",
    "Mijn vader was eerst boos, maar niet op mij.",
    "Hij zei dat hij trots op me was omdat ik hulp had gezocht.",
    "Ik schrijf dit op voor jongens die nu zitten waar ik toen zat.",
    "Je hoeft het niet alleen te doen.",
    "Er zijn mensen die je willen helpen, zonder te oordelen.",
    "Het was een oudere jongen uit de buurt die me cadeautjes gaf.",
    "Eerst was het leuk om aandacht en geld te krijgen.",
    "Later moest ik dingen doen die ik niet wilde.",
    "Hij wist precies wat hij moest zeggen om me te laten blijven.",
    "Ik voelde me gevangen, maar ik zag geen uitweg.",
    "Toen de politie belde, was ik eerst bang dat ik in de problemen zat.",
    "Een rechercheur legde uit dat ik niets fout had gedaan.",
    "Het gesprek duurde lang, maar ik mocht pauzes nemen wanneer ik wilde.",
    "Ik ben nu zeventien en ik ga naar het mbo.",
    "Ik wil later zelf jongeren helpen die dit meemaken.",
    "Het litteken blijft, maar het bepaalt niet wie ik ben.",
    "Praten met een psycholoog heeft me geholpen om mijn gedachten te ordenen.",
    "We oefenden wat ik kon doen als de herinneringen opkwamen.",
    "Ademhalen, tellen, iets kouds vasthouden: het klinkt simpel, maar het werkt.",
    "Ik heb mijn accounts opgeschoond en mijn nummer veranderd.",
    "Het voelt nog steeds raar om hier over te schrijven.",
    "Maar elke keer dat ik het vertel, wordt het een beetje lichter.",
    "Als je dit leest en je herkent jezelf, weet dan dat het niet aan jou ligt.",
)
ENGLISH_SENTENCES = (
    "I was fifteen when I met him in an online game.",
    "He seemed kind and he always had time for me.",
    "After a while he asked for pictures, and I thought that was normal.",
    "I was so ashamed that I did not tell anyone for months.",
    "Every time my phone buzzed, my stomach turned.",
    "He said he would send the pictures to my friends if I stopped.",
    "At school I pretended everything was fine.",
    "I thought this did not happen to boys.",
    "Later I learned that it happens to a lot of boys.",
    "It was not my fault, even though it felt that way.",
    "One day I told my coach everything.",
    "He stayed calm and said he was glad I told him.",
    "Talking the first time was the hardest part.",
    "Some days are good, other days it all comes back.",
    "Playing football helps me clear my head.",
    "A few friends know now, and they do not look at me differently.",
    "I learned that you are allowed to set limits, online too.",
    "Someone who pressures you is not a friend.",
    "I am writing this for boys who are where I was.",
    "You do not have to do this alone.",
    "There are people who want to help without judging you.",
    "A therapist helped me to sort out my thoughts.",
    "The scar stays, but it does not decide who I am.",
    "If you recognise yourself in this, know that it is not on you.",
)
DUTCH_TITLES = (
    "Wat ik niemand durfde te vertellen",
    "Het begon met een berichtje",
    "Hoe ik weer ging slapen",
    "Mijn mentor luisterde",
    "Niet mijn schuld",
    "De dag dat ik belde",
    "Hij was geen vriend",
    "Langzaam beter",
    "Wat sporten voor me deed",
    "Ik dacht dat het jongens niet overkwam",
    "Een brief aan mezelf van toen",
    "Na de aangifte",
    "Mijn vader was trots",
    "Over schaamte",
    "Toen ik uit de groep stapte",
)
ENGLISH_TITLES = (
    "What I could not tell anyone",
    "It started with a message",
    "Not my fault",
    "The day I called",
    "He was not a friend",
    "Slowly better",
)


@dataclass
class Seeded:
    """What the measurements need to know about the seeded data."""

    published_ids: list[int]
    hidden_ids: set[int]
    marker_story_id: int
    marker_title: str
    marker_body: str
    words_per_story: float


def _body(rng: random.Random, sentences: tuple[str, ...], words: int) -> str:
    """About `words` words in 4-7 paragraphs of 3-9 sentences each."""
    paragraphs: list[str] = []
    count = 0
    while count < words:
        picked = rng.sample(sentences, rng.randint(3, 9))
        paragraph = " ".join(picked)
        paragraphs.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(paragraphs)


def seed(story_count: int, hidden_count: int, now: datetime) -> Seeded:
    """Bulk-insert the stories, their theme rows and one author into the configured DB."""
    from sqlalchemy import insert, text

    from peersupport.database import get_engine, session_scope
    from peersupport.models import Account, Story, StoryTheme
    from peersupport.services.notes_protocol import normalize_pseudonym
    from peersupport.services.stories import THEMES, WARNINGS

    rng = random.Random(20261127)  # noqa: S311 - reproducible data, not secrets
    total = story_count + hidden_count
    states = ["published"] * story_count + [
        HIDDEN_STATES[index % len(HIDDEN_STATES)] for index in range(hidden_count)
    ]
    # The one author may have one open draft (a unique index): the other hidden stories
    # that would be drafts are withdrawn ones, hidden all the same.
    drafts = [index for index, state in enumerate(states) if state == "draft"]
    for index in drafts[1:]:
        states[index] = "withdrawn"
    rng.shuffle(states)
    two_years = timedelta(days=730).total_seconds()
    # The measured story: the newest published Dutch one, without a content warning (a
    # warning keeps the text folded until "read anyway").
    marker_index = states.index("published")
    with session_scope() as session:
        author = Account(
            pseudonym=AUTHOR,
            pseudonym_key=normalize_pseudonym(AUTHOR),
            role="member",
            kdf_params="{}",
            auth_hash="-",
            wrapped_dk="-",
            recovery_auth_hash="-",
            wrapped_dk_rc="-",
            created_month=date(now.year, now.month, 1),
        )
        session.add(author)
        session.flush()
        author_id = author.id
    marker_title, marker_body = "", ""
    published_ids: list[int] = []
    hidden_ids: set[int] = set()
    word_counts: list[int] = []
    batch_size = 1000
    for start in range(0, total, batch_size):
        story_rows: list[dict[str, Any]] = []
        theme_rows: list[dict[str, Any]] = []
        for index in range(start, min(start + batch_size, total)):
            story_id = index + 1
            state = states[index]
            english = rng.random() < 0.2 and index != marker_index
            sentences = ENGLISH_SENTENCES if english else DUTCH_SENTENCES
            title = rng.choice(ENGLISH_TITLES if english else DUTCH_TITLES)
            body = _body(rng, sentences, rng.randint(540, 660))
            chosen = set(rng.sample(THEMES, rng.randint(1, 3)))
            chosen |= set(rng.sample(WARNINGS, rng.choice((0, 0, 0, 1, 1, 2))))
            # In the fixed order the services store them in.
            themes = [code for code in THEMES if code in chosen]
            warnings = [code for code in WARNINGS if code in chosen]
            if index == marker_index:
                body = f"{MARKER} {body}"
                warnings = []
                marker_title, marker_body = title, body
            words = len(body.split())
            word_counts.append(words)
            created = now - timedelta(seconds=rng.uniform(0, two_years))
            published_at = None
            if state == "published":
                published_at = now - timedelta(minutes=1) if index == marker_index else created
                published_ids.append(story_id)
            else:
                hidden_ids.add(story_id)
            story_rows.append(
                {
                    "id": story_id,
                    "author_id": author_id,
                    "state": state,
                    "language": "en" if english else "nl",
                    "title": title,
                    "body": body,
                    "themes": ",".join(themes),
                    "warnings": ",".join(warnings),
                    "reading_minutes": max(1, math.ceil(words / 200)),
                    "helped_count": rng.randint(0, 40) if published_at else 0,
                    "created_at": created,
                    "updated_at": published_at or created,
                    "submitted_at": created if state != "draft" else None,
                    "published_at": published_at,
                }
            )
            if published_at is not None:
                theme_rows += [
                    {
                        "story_id": story_id,
                        "theme": theme,
                        "language": "en" if english else "nl",
                        "published_at": published_at,
                    }
                    for theme in themes
                ]
        with session_scope() as session:
            session.execute(insert(Story), story_rows)
            if theme_rows:
                session.execute(insert(StoryTheme), theme_rows)
    engine = get_engine()
    with engine.begin() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(
                text("SELECT setval(pg_get_serial_sequence('stories', 'id'), :last)"),
                {"last": total},
            )
        connection.execute(text("ANALYZE"))  # planner statistics, as a live database has
    return Seeded(
        published_ids=published_ids,
        hidden_ids=hidden_ids,
        marker_story_id=marker_index + 1,
        marker_title=marker_title,
        marker_body=marker_body,
        words_per_story=statistics.mean(word_counts),
    )


@contextmanager
def throw_away_postgres(server_url: str) -> Iterator[str]:
    """A new, empty database on the server of `server_url`; dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from peersupport.settings import load_settings

    normalised = load_settings(env={"PEERSUPPORT_DATABASE_URL": server_url}).database_url
    base = make_url(normalised)
    name = f"peersupport_bench_{secrets.token_hex(4)}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        from peersupport.database import get_engine

        if get_engine.cache_info().currsize:
            get_engine().dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --- 1. server time, in-process --------------------------------------------------------


@dataclass
class ServerRow:
    name: str
    times_ms: list[float]
    queries: list[int]
    sql_ms: list[float]
    html_bytes: int
    wire_bytes: int
    slowest_sql: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]

    @property
    def constant_queries(self) -> bool:
        return len(set(self.queries)) == 1

    @property
    def ok(self) -> bool:
        return self.median < SERVER_TARGET_MS and self.p95 < SERVER_TARGET_MS


@dataclass
class SqlCounter:
    """Counts statements and their time on the app's engine."""

    count: int = 0
    seconds: float = 0.0
    started: float = 0.0
    statements: list[tuple[float, str]] = field(default_factory=list)

    def reset(self) -> None:
        self.count, self.seconds, self.statements = 0, 0.0, []

    def before(self, *_args: object) -> None:
        self.count += 1
        self.started = time.perf_counter()

    def after(self, _conn: object, _cursor: object, statement: str, *_args: object) -> None:
        elapsed = time.perf_counter() - self.started
        self.seconds += elapsed
        self.statements.append((elapsed, statement))


NEXT_LINK = re.compile(r"""href="[^"]*[?&](?:amp;)?na=([A-Za-z0-9_-]+)""")
STORY_LINK = re.compile(r"""href="/verhalen/(\d+)""")


def server_times(seeded: Seeded, requests: int) -> tuple[list[ServerRow], list[str]]:
    """Drive public_routes() in-process; returns the rows and any problems found."""
    from sqlalchemy import event

    with warnings.catch_warnings():  # Starlette prefers another HTTP client package
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    from peersupport.database import get_engine
    from peersupport.http.public_routes import public_routes

    counter = SqlCounter()
    engine = get_engine()
    event.listen(engine, "before_cursor_execute", counter.before)
    event.listen(engine, "after_cursor_execute", counter.after)
    problems: list[str] = []
    listed: set[int] = set()
    rng = random.Random(7)  # noqa: S311 - which stories to open, not secrets

    with TestClient(public_routes()) as client:

        def get(url: str) -> str:
            response = client.get(url)
            if response.status_code != 200:
                problems.append(f"GET {url} answered {response.status_code}")
            return response.text

        # Follow the "next" links DEEP_PAGES pages in (this also warms everything up).
        url, deep_url = LIST_ROUTE, ""
        for _ in range(DEEP_PAGES):
            page = get(url)
            listed.update(int(found) for found in STORY_LINK.findall(page))
            cursor = NEXT_LINK.search(page)
            if cursor is None:
                problems.append(f"no link to a next page on {url} (fewer stories than pages?)")
                break
            url = deep_url = f"{LIST_ROUTE}?na={cursor.group(1)}"

        def measure(name: str, urls: Callable[[int], str]) -> ServerRow:
            for number in range(WARM_UP):
                get(urls(number))
            times, queries, sql = [], [], []
            by_statement: dict[str, list[float]] = {}
            html_bytes = wire_bytes = 0
            for number in range(requests):
                counter.reset()
                start = time.perf_counter()
                response = client.get(urls(number))
                times.append((time.perf_counter() - start) * 1000)
                if response.status_code != 200:
                    problems.append(f"GET {urls(number)} answered {response.status_code}")
                listed.update(int(found) for found in STORY_LINK.findall(response.text))
                html_bytes = len(response.content)
                wire_bytes = response.num_bytes_downloaded
                queries.append(counter.count)
                sql.append(counter.seconds * 1000)
                for seconds, statement in counter.statements:
                    by_statement.setdefault(statement, []).append(seconds * 1000)
            slowest = max(by_statement.items(), key=lambda item: statistics.median(item[1]))
            # The column list says nothing; the joins, filters and order do.
            statement = re.sub(r"^SELECT .*? FROM", "SELECT ... FROM", " ".join(slowest[0].split()))
            return ServerRow(
                name,
                times,
                queries,
                sql,
                html_bytes,
                wire_bytes,
                f"median {statistics.median(slowest[1]):.1f} ms, max {max(slowest[1]):.1f} ms:"
                f" {statement}",
            )

        rows = [
            measure(f"GET {LIST_ROUTE}", lambda _n: LIST_ROUTE),
            measure(f"GET {LIST_ROUTE}?thema=6", lambda _n: f"{LIST_ROUTE}?thema=6"),
            measure(f"GET {LIST_ROUTE}?taal=en", lambda _n: f"{LIST_ROUTE}?taal=en"),
        ]
        if deep_url:
            rows.append(measure(f"GET {LIST_ROUTE}, {DEEP_PAGES} pages in", lambda _n: deep_url))
        story_ids = rng.sample(seeded.published_ids, min(len(seeded.published_ids), requests))
        rows.append(
            measure(
                f"GET {LIST_ROUTE}/<id> (story page)",
                lambda n: f"{LIST_ROUTE}/{story_ids[n % len(story_ids)]}",
            )
        )
        # Nothing that is not public may be listed or open.
        leaked = sorted(listed & seeded.hidden_ids)
        if leaked:
            problems.append(f"hidden stories listed: {leaked[:10]}")
        for hidden_id in rng.sample(sorted(seeded.hidden_ids), min(20, len(seeded.hidden_ids))):
            status = client.get(f"{LIST_ROUTE}/{hidden_id}").status_code
            if status != 404:
                problems.append(f"hidden story {hidden_id} answered {status}, not 404")
    event.remove(engine, "before_cursor_execute", counter.before)
    event.remove(engine, "after_cursor_execute", counter.after)
    return rows, problems


# --- 2. the emulated phone ---------------------------------------------------------------

# Records, relative to navigation start:
# - `dom`: the marker text is in the document (a MutationObserver);
# - `frame`: the first animation frame in which its element has a box (frames do not
#   run while rendering is blocked);
# - `painted`: when that element was first painted, from the Element Timing API (the
#   observer marks the element with `elementtiming` as soon as it is inserted, before
#   any paint); this is the figure compared, on the same clock as first-contentful-paint;
# - `ready`: <html data-ready="true"> appears (Reflex pages after hydration).
# Set from --static-without-headers.
STATIC_WITHOUT_HEADERS = False

INIT_SCRIPT = """(() => {
  const marker = %(marker)s;
  const r = window.__bench = { dom: null, frame: null, painted: null, ready: null };
  function holder() {
    if (!marker || !document.body) return null;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.data.includes(marker)) return node.parentElement;
    }
    return null;
  }
  function isReady() {
    const root = document.documentElement;
    return !!root && root.getAttribute("data-ready") === "true";
  }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.identifier === "bench-marker" && r.painted === null) {
        r.painted = entry.renderTime || entry.startTime;
      }
    }
  }).observe({ type: "element", buffered: true });
  new MutationObserver(() => {
    const now = performance.now();
    if (r.dom === null) {
      const element = holder();
      if (element) {
        r.dom = now;
        element.setAttribute("elementtiming", "bench-marker");
      }
    }
    if (r.ready === null && isReady()) r.ready = now;
  }).observe(document, {
    childList: true, subtree: true, characterData: true,
    attributes: true, attributeFilter: ["data-ready"]
  });
  function frame() {
    const now = performance.now();
    if (r.ready === null && isReady()) r.ready = now;
    if (marker && r.frame === null) {
      const element = holder();
      if (element) {
        const box = element.getBoundingClientRect();
        if (box.width > 0 && box.height > 0) r.frame = now;
      }
    }
    if ((marker && r.frame === null) || (!marker && r.ready === null)) {
      requestAnimationFrame(frame);
    }
  }
  requestAnimationFrame(frame);
})();"""

PAINT_SCRIPT = """() => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const navigation = performance.getEntriesByType("navigation")[0];
  return {
    bench: window.__bench,
    fcp: paint ? paint.startTime : null,
    first_byte: navigation ? navigation.responseStart : null,
    last_byte: navigation ? navigation.responseEnd : null,
  };
}"""


@dataclass
class Load:
    """One cold load of one page under the emulation; times in ms from navigation start.

    `value_ms` is the figure compared: the marker's paint, or the Reflex page's
    readiness. `resources`: every HTTP response (not the websocket) with its `url`,
    `mime`, `body` (encoded body bytes) and `transfer` (bytes on the wire, headers too).
    """

    value_ms: float
    first_byte_ms: float | None
    last_byte_ms: float | None
    dom_ms: float | None
    frame_ms: float | None
    fcp_ms: float | None
    resources: list[dict[str, Any]]

    def bytes_of(self, predicate: Callable[[dict[str, Any]], bool] = lambda _r: True) -> int:
        return sum(int(item["body"]) for item in self.resources if predicate(item))


def is_js(resource: dict[str, Any]) -> bool:
    return "javascript" in str(resource["mime"]) or str(resource["url"]).split("?")[0].endswith(
        (".js", ".mjs")
    )


class NetworkLog:
    """Bytes per response, from the DevTools protocol's Network events: all bytes received
    when it finished, minus its headers (the same figures as the resource timings, which
    the document itself could clear)."""

    def __init__(self) -> None:
        self.responses: dict[str, dict[str, Any]] = {}

    def response(self, event: dict[str, Any]) -> None:
        response = event["response"]
        self.responses[event["requestId"]] = {
            "url": response["url"],
            "mime": response.get("mimeType", ""),
            "headers": int(response.get("encodedDataLength", 0)),
        }

    def finished(self, event: dict[str, Any]) -> None:
        entry = self.responses.get(event["requestId"])
        if entry is not None:
            entry["transfer"] = int(event.get("encodedDataLength", 0))
            entry["body"] = max(0, entry["transfer"] - entry["headers"])

    def resources(self) -> list[dict[str, Any]]:
        return [entry for entry in self.responses.values() if "body" in entry]


def cold_load(browser: Browser, url: str, marker: str | None) -> Load:
    """Open `url` in a fresh context under Slow 4G and 4x CPU slowdown.

    With a marker: until its element is painted; without: until html[data-ready='true'].
    """
    context = browser.new_context(viewport=PHONE, service_workers="block")
    try:
        context.add_init_script(INIT_SCRIPT % {"marker": json.dumps(marker)})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        network = NetworkLog()
        cdp.on("Network.responseReceived", network.response)
        cdp.on("Network.loadingFinished", network.finished)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load", timeout=BROWSER_TIMEOUT_MS)
        key = "painted" if marker else "ready"
        page.wait_for_function(
            f"() => window.__bench && window.__bench.{key} !== null", timeout=BROWSER_TIMEOUT_MS
        )
        with suppress(Exception):  # a page that keeps loading still has its figures
            page.wait_for_load_state("networkidle", timeout=20_000)
        result = page.evaluate(PAINT_SCRIPT)
        bench = result["bench"]
        return Load(
            value_ms=float(bench[key]),
            first_byte_ms=result["first_byte"],
            last_byte_ms=result["last_byte"],
            dom_ms=bench["dom"],
            frame_ms=bench["frame"],
            fcp_ms=result["fcp"],
            resources=network.resources(),
        )
    finally:
        context.close()


def static_pages(title: str, body_html: str) -> dict[str, bytes]:
    """The story's title and text as plain HTML: bare, and with the app's stylesheet
    copied into the page or linked."""
    from html import escape

    stylesheet = (PROJECT_ROOT / "assets" / "app.css").read_bytes()

    def page(extra_head: str) -> bytes:
        return (
            '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title>{extra_head}</head>"
            f'<body><main id="main" class="page"><h1>{escape(title)}</h1>'
            f"<article>{body_html}</article></main></body></html>"
        ).encode()

    return {
        "/bare.html": page(""),
        "/inline.html": page(f"<style>{stylesheet.decode()}</style>"),
        "/linked.html": page('<link rel="stylesheet" href="/app.css">'),
        "/app.css": stylesheet,
    }


@contextmanager
def static_server(files: dict[str, bytes]) -> Iterator[str]:
    """Serve `files` on loopback (gzip when asked, as any production server would),
    with the security headers the app sends on every page: a static page served by
    this app would carry them too, and they cost time of their own (the
    cross-origin-opener policy puts the page in a fresh browsing context group), so
    the comparison is about the page, not the header policy. --static-without-headers
    leaves them out."""
    from peersupport.http.security_headers import security_headers

    extra_headers = [] if STATIC_WITHOUT_HEADERS else security_headers(https=False)

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body = files.get(self.path.split("?")[0])
            if body is None:
                self.send_response(404)
                self.send_header("content-length", "0")
                self.end_headers()
                return
            kind = "text/css" if self.path.endswith(".css") else "text/html"
            self.send_response(200)
            self.send_header("content-type", f"{kind}; charset=utf-8")
            self.send_header("cache-control", "no-store")
            for name, value in extra_headers:
                self.send_header(name.decode(), value.decode())
            if "gzip" in self.headers.get("accept-encoding", ""):
                body = gzip.compress(body)
                self.send_header("content-encoding", "gzip")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def gzip_size_of(urls: list[str]) -> int:
    """The gzip -6 size of each URL's body, fetched uncompressed (what gzip would send)."""
    total = 0
    for url in urls:
        request = urllib.request.Request(url, headers={"accept-encoding": "identity"})
        with urllib.request.urlopen(request, timeout=30) as response:
            total += len(gzip.compress(response.read(), compresslevel=6))
    return total


INLINE_SCRIPT = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL)


# The pages measured in every round, and how the table names them.
PAGES = {
    "story": "story page: first paragraph painted",
    "bare": "static page, bare: first paragraph painted",
    "inline": "static + app.css in <style>: paragraph painted",
    "linked": "static + app.css linked: paragraph painted",
    "over": "Reflex /over: html[data-ready='true']",
}


@dataclass
class BrowserFigures:
    loads: dict[str, list[Load]]
    # The static page the story page is held against: its stylesheet delivered the same
    # way as the story page's ("inline" or "linked").
    compare_with: str
    story_js_gzip: int
    story_inline_js_gzip: int
    over_js_gzip: int


def browser_figures(seeded: Seeded, runs: int, env: dict[str, str], log: Path) -> BrowserFigures:
    from peersupport.services.story_text import render_story_html

    port = int(env["PEERSUPPORT_PORT"])
    app_url = f"http://localhost:{port}"
    story_url = f"{app_url}{LIST_ROUTE}/{seeded.marker_story_id}"
    process = start_app(env, log)
    try:
        with urllib.request.urlopen(story_url, timeout=30) as response:
            story_document = response.read().decode("utf-8")
        scripts = "".join(INLINE_SCRIPT.findall(story_document)).encode()
        files = static_pages(seeded.marker_title, render_story_html(seeded.marker_body))
        with static_server(files) as static_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            urls = {
                "story": story_url,
                "bare": f"{static_url}/bare.html",
                "inline": f"{static_url}/inline.html",
                "linked": f"{static_url}/linked.html",
                "over": f"{app_url}/over",
            }
            loads: dict[str, list[Load]] = {name: [] for name in PAGES}
            # One untimed round first: the app's first answers (imports, caches) are not
            # what a visitor meets on a running server. The pages take turns, so that
            # anything else slowing the machine down touches all of them alike.
            for number in range(runs + 1):
                for name in PAGES:
                    load = cold_load(browser, urls[name], None if name == "over" else MARKER)
                    if number:
                        loads[name].append(load)
            browser.close()
        story_js = [str(r["url"]) for r in loads["story"][0].resources if is_js(r)]
        over_js = [str(r["url"]) for r in loads["over"][0].resources if is_js(r)]
        return BrowserFigures(
            loads=loads,
            compare_with="linked" if 'href="/app.css"' in story_document else "inline",
            story_js_gzip=gzip_size_of(story_js),
            story_inline_js_gzip=len(gzip.compress(scripts, compresslevel=6)) if scripts else 0,
            over_js_gzip=gzip_size_of(over_js),
        )
    finally:
        stop_app(process)


# --- the table -----------------------------------------------------------------------------


def print_server_table(rows: list[ServerRow], problems: list[str], requests: int) -> None:
    print(f"1. Server time in-process, {requests} requests each after {WARM_UP} warm-up")
    print(
        f"{'page':<34} {'median ms':>9} {'p95 ms':>7} {'SQL ms':>7} {'queries':>8}"
        f" {'HTML KB':>8} {'gzip KB':>8} {'target':>7}  ok"
    )
    for row in rows:
        queries = (
            str(row.queries[0])
            if row.constant_queries
            else f"{min(row.queries)}-{max(row.queries)}!"
        )
        ok = row.ok and row.constant_queries
        print(
            f"{row.name:<34} {row.median:>9.1f} {row.p95:>7.1f}"
            f" {statistics.median(row.sql_ms):>7.1f} {queries:>8} {row.html_bytes / 1024:>8.1f}"
            f" {row.wire_bytes / 1024:>8.1f}"
            f" {'<' + str(int(SERVER_TARGET_MS)) + ' ms':>7}  {'yes' if ok else 'NO'}"
        )
    print("(ok: median and p95 under the target, and the same number of statements every time)")
    print(
        "hidden stories never listed, never opened; every page answered 200: "
        + ("yes" if not problems else "NO, see below")
    )
    for problem in problems:
        print(f"  PROBLEM: {problem}")
    for row in rows:
        if statistics.median(row.sql_ms) > SQL_NOTE_MS or row.median >= SERVER_TARGET_MS:
            print(f"  slowest statement of '{row.name}': {row.slowest_sql[:500]}")


def _median_of(values: list[float | None]) -> str:
    present = [value for value in values if value is not None]
    return f"{statistics.median(present):>6.0f}" if present else f"{'-':>6}"


def print_browser_table(figures: BrowserFigures, runs: int) -> None:
    loads = figures.loads
    print()
    print(
        f"2. Phone: 360x740, Slow 4G ({SLOW_4G['latency']} ms, "
        f"{SLOW_4G['downloadThroughput'] * 8 / 1e6:.1f} Mbit/s down), "
        f"CPU {CPU_SLOWDOWN}x slower, cold cache; {runs} runs, ms from navigation start"
    )
    print(
        f"{'measure':<48} {'median':>6} {'min':>6} {'max':>6} {'byte 1':>6} {'last':>6}"
        f" {'in DOM':>6} {'frame':>6} {'FCP':>6}"
    )
    for name, label in PAGES.items():
        values = [load.value_ms for load in loads[name]]
        print(
            f"{label:<48} {statistics.median(values):>6.0f} {min(values):>6.0f}"
            f" {max(values):>6.0f} {_median_of([load.first_byte_ms for load in loads[name]])}"
            f" {_median_of([load.last_byte_ms for load in loads[name]])}"
            f" {_median_of([load.dom_ms for load in loads[name]])}"
            f" {_median_of([load.frame_ms for load in loads[name]])}"
            f" {_median_of([load.fcp_ms for load in loads[name]])}"
        )
    print(
        "(medians; byte 1 / last: the document's first and last byte arrived; in DOM: the "
        "text is parsed; frame: first animation frame with it laid out; FCP: "
        "first-contentful-paint)"
    )

    def median(name: str) -> float:
        return statistics.median([load.value_ms for load in loads[name]])

    story, over = median("story"), median("over")
    ratio = story / median(figures.compare_with)
    how = "linked" if figures.compare_with == "linked" else "in <style>"
    print(
        f"ratio story / static + app.css {how} (as the story page has it): {ratio:.2f}"
        f" (target <= {RATIO_TARGET})  {'yes' if ratio <= RATIO_TARGET else 'NO'}"
    )
    print(
        "  other ratios: story / bare static "
        f"{story / median('bare'):.2f}, story / static + app.css "
        f"{'linked' if figures.compare_with != 'linked' else 'in <style>'} "
        f"{story / median('linked' if figures.compare_with != 'linked' else 'inline'):.2f}"
    )
    print(
        f"A story fetched by a Reflex on_load over the websocket could appear only after "
        f"hydration ({over:.0f} ms here) plus one websocket round trip (>= "
        f"{2 * SLOW_4G['latency']} ms): at least {(over + 2 * SLOW_4G['latency']) / story:.1f}x"
        " the server-rendered story page."
    )
    print()

    def kb(value: float) -> str:
        return f"{value / 1024:.1f} KB"

    def median_bytes(name: str, predicate: Callable[[dict[str, Any]], bool]) -> float:
        return statistics.median([float(load.bytes_of(predicate)) for load in loads[name]])

    def everything(_resource: dict[str, Any]) -> bool:
        return True

    print("Bytes of a first load: encoded bodies as transferred (HTTP responses, no websocket)")
    print(f"{'page':<30} {'all':>10} {'JS':>10} {'JS gzip -6':>11} {'responses':>9}")
    for name, label, js_gzip in (
        ("story", "story page", figures.story_js_gzip),
        ("bare", "static page, bare", 0),
        ("inline", "static + app.css in <style>", 0),
        ("linked", "static + app.css linked", 0),
        ("over", "Reflex /over", figures.over_js_gzip),
    ):
        responses = statistics.median([float(len(load.resources)) for load in loads[name]])
        print(
            f"{label:<30} {kb(median_bytes(name, everything)):>10}"
            f" {kb(median_bytes(name, is_js)):>10} {kb(js_gzip):>11} {responses:>9.0f}"
        )
    print(
        f"story page: {kb(figures.story_inline_js_gzip)} (gzip -6) of its script is written "
        "into the document itself (counted in 'all', not in 'JS')"
    )
    biggest = sorted(loads["story"][0].resources, key=lambda r: -int(r["body"]))[:6]
    print(
        "story page, largest: "
        + ", ".join(f"{str(r['url']).split('/', 3)[-1] or '/'} {kb(r['body'])}" for r in biggest)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000, help="published stories")
    parser.add_argument("--hidden", type=int, default=2_000, help="drafts, pending, ...")
    parser.add_argument("--runs", type=int, default=7, help="cold loads per page")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--skip-browser", action="store_true", help="server times only")
    parser.add_argument(
        "--database-url", default="", help="a PostgreSQL server (a throw-away database is made)"
    )
    parser.add_argument(
        "--static-without-headers",
        action="store_true",
        help="serve the static comparison pages without the app's security headers",
    )
    arguments = parser.parse_args()
    global STATIC_WITHOUT_HEADERS
    STATIC_WITHOUT_HEADERS = arguments.static_without_headers

    data_dir = Path(tempfile.mkdtemp(prefix="peersupport-stories-bench-"))
    # Settings come from the environment: set them before anything imports peersupport.
    for name in [name for name in os.environ if name.startswith("PEERSUPPORT_")]:
        if name != "PEERSUPPORT_TEST_WEB_DIR":
            del os.environ[name]
    os.environ["PEERSUPPORT_DATA_DIR"] = str(data_dir)
    try:
        with (
            throw_away_postgres(arguments.database_url) if arguments.database_url else _no_server()
        ) as database_url:
            if database_url:
                os.environ["PEERSUPPORT_DATABASE_URL"] = database_url
            run(arguments, data_dir, database_url)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


@contextmanager
def _no_server() -> Iterator[str]:
    yield ""


def run(arguments: argparse.Namespace, data_dir: Path, database_url: str) -> None:
    from peersupport.database import get_engine

    # In a child process: Alembic's logging setup would otherwise fill this output.
    subprocess.run(
        [sys.executable, "-m", "peersupport", "migrate"],
        env=dict(os.environ),
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    started = time.perf_counter()
    seeded = seed(arguments.stories, arguments.hidden, datetime.now(UTC))
    print(
        f"Seeded {arguments.stories} published and {arguments.hidden} hidden stories "
        f"(about {seeded.words_per_story:.0f} words each) into "
        f"{get_engine().dialect.name} in {time.perf_counter() - started:.1f} s"
    )
    print()
    rows, problems = server_times(seeded, arguments.requests)
    print_server_table(rows, problems, arguments.requests)
    if arguments.skip_browser:
        return
    get_engine().dispose()
    port = free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("PEERSUPPORT_")}
    env.update(
        PEERSUPPORT_PORT=str(port),
        PEERSUPPORT_DATA_DIR=str(data_dir),
        PEERSUPPORT_PUBLIC_URL=f"http://localhost:{port}",
        REFLEX_WEB_WORKDIR=os.environ.get(
            "PEERSUPPORT_TEST_WEB_DIR", str(PROJECT_ROOT / ".web-bench")
        ),
    )
    if database_url:
        env["PEERSUPPORT_DATABASE_URL"] = database_url
    figures = browser_figures(seeded, arguments.runs, env, data_dir / "app.log")
    print_browser_table(figures, arguments.runs)


if __name__ == "__main__":
    main()
