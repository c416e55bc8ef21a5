"""Time to content on an emulated phone: every public read page (home, the stories list,
a story, help, safe use, about, the self-test start page, the boards, a board, a
thread), each held against a static page holding the same text.

    .venv/bin/python bench/ttc_bench.py [--runs 7] [--data-dir DIR] [--database-url URL]

Data: by default a throw-away SQLite data folder, migrated and filled in bulk by the
other benchmarks' seeders (bench/boards_bench.py: SEED_THREADS threads holding
SEED_POSTS published posts; bench/stories_bench.py: SEED_STORIES published stories),
so that every page shows real content. With --data-dir (a data folder holding
peersupport.db) and/or --database-url (a PostgreSQL database) the data already there is
used as it is: nothing is added (the app migrates it on start if it must).

Pages, each with the element whose text is its marker:
- home `/`, the stories list `/verhalen`, help `/hulp`, safe use `/veilig`, about
  `/over`, the self-tests `/zelftest` and the boards `/prikbord`: the page's first
  paragraph (`p.lead`, in the first response: from the server or in Reflex's
  prerendered HTML);
- a story `/verhalen/<id>`: the first paragraph of its text (rendered on the server);
  the newest published story without content warnings;
- a board `/prikbord/bord?nr=<board>`: the title of the first thread in its list; the
  board with the most threads;
- that thread `/prikbord/onderwerp?id=<id>`: the text of its first post.
The board and the thread are read as pages from the server (peersupport/http/
board_pages.py), like the others; writing in them is a Reflex page (not measured).

How: the production build on a free port (tests/browser/harness.py, web folder
.web-ttc) and the system Chromium at 360x740. First, per page, one load without
throttling waits for the marker's element and reads the page's visible text
(`innerText`); the marker is the start of the element's first line of text, and the
visible text becomes the static page (a paragraph a line, the heading an <h1>) with the
app's stylesheet, linked if the real page links its stylesheet and in a <style>
otherwise, served with the app's security headers (stories_bench's static server).
Then --runs rounds after one untimed round, the pages and their static pages taking
turns, each load in a new context (cold cache, service workers blocked) under
DevTools' "Slow 4G" (150 ms, 1.6 Mbit/s down, 750 kbit/s up) and a 4x CPU slowdown,
measured from navigation start:
- marker painted: stories_bench's init script watches the document with a
  MutationObserver. Its callback runs as a microtask right after the DOM changed,
  before the browser can render, so the element holding the marker text gets the
  `elementtiming` attribute the moment it is inserted, whether the HTML parser
  inserted it (every page measured now, and the static pages) or React did after the
  websocket answered (a Reflex page); the Element Timing API then reports when
  its text was painted. An element painted before it could be marked (say, React
  replaced it) gives no entry; then, after FALLBACK_MS without one, the first animation
  frame in which it had a box (the frame before that paint) counts, marked `*`;
- first-contentful-paint; the bytes of the first load (every HTTP response's bytes on
  the wire, from the DevTools protocol's Network events, until the network is idle;
  not the websocket) and of its JavaScript (encoded bodies), and the gzip -6 size of
  that JavaScript plus the scripts written into the document.
DevTools' network emulation slows the websocket's opening handshake but none of its
frames, so an init script sends every frame the page sends WS_DELAY_MS (the emulated
round trip) late; a page whose content comes over the websocket (`over_socket`; none
now that the board and the thread come from the server) is also measured without that
("ws free").
For each app page, where the time goes: the median moment of every phase (the
document's first and last byte, stylesheet and JavaScript arrived, first paint,
DOMContentLoaded = the bundle's modules evaluated, websocket created and open, every
socket.io frame sent and received, described by kind only, `html[data-ready='true']` =
React hydrated, the marker in the DOM and painted), the time since the phase before,
and what the main thread did in that interval (busy, and by kind: GC, compiling,
style/layout/paint, running JavaScript, parsing HTML, loading documents) in a DevTools
trace of one more load (of TRACED_LOADS traced loads, the one closest to the median),
next to the same for the static page; also the DevTools Performance metrics until the
marker, medians. Compile time includes the bench's own scripts (Playwright's and the
init scripts), which every page pays alike.

Prints one table (page, app ms, static ms, ratio, FCP, bytes, JS bytes and their gzip
size) and the phase tables. Targets, for every page: page / its static page <= 1.3, and
its first-load JavaScript under 60 KB gzipped, each marked OK or MISSED. Nothing here
fails on a missed target. `--pages home,help,...` measures only those pages.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import escape
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from boards_bench import seed as seed_boards
from stories_bench import (
    BROWSER_TIMEOUT_MS,
    CPU_SLOWDOWN,
    INIT_SCRIPT,
    INLINE_SCRIPT,
    PAINT_SCRIPT,
    PHONE,
    SLOW_4G,
    NetworkLog,
    gzip_size_of,
    is_js,
    static_server,
)
from stories_bench import seed as seed_stories

from peersupport.content.boards import boards_content
from tests.browser.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT_ROOT,
    free_port,
    start_app,
    stop_app,
)

# (start, end) in ms from navigation start, sorted and not overlapping.
Spans = list[tuple[float, float]]
RATIO_TARGET = 1.3
JS_TARGET_BYTES = 60 * 1024
# Without an Element Timing entry this long after the marker had a box, the frame counts.
FALLBACK_MS = 2_000
MARKER_MAX_CHARS = 100
# The emulated round trip given to every websocket frame the page sends (see PHASES_SCRIPT).
WS_DELAY_MS = int(SLOW_4G["latency"])
TRACED_LOADS = 2
SEED_THREADS = 60
SEED_POSTS = 1_200
SEED_PENDING = 20
SEED_STORIES = 40
SEED_HIDDEN = 8


@dataclass(frozen=True)
class PageSpec:
    key: str
    label: str
    selector: str  # the element whose text is the marker
    # Its content comes over the websocket: also measured with the frames unslowed.
    over_socket: bool


HOME = PageSpec("home", "home /", "main p.lead", over_socket=False)
STORIES = PageSpec("stories", "stories /verhalen", "main p.lead", over_socket=False)
STORY = PageSpec("story", "story /verhalen/<id>", ".story-text p", over_socket=False)
HELP = PageSpec("help", "help /hulp", "main p.lead", over_socket=False)
SAFE_USE = PageSpec("safe", "safe use /veilig", "main p.lead", over_socket=False)
ABOUT = PageSpec("about", "about /over", "main p.lead", over_socket=False)
SELF_TESTS = PageSpec("selftest", "self-tests /zelftest", "main p.lead", over_socket=False)
BOARDS = PageSpec("boards", "boards /prikbord", "main p.lead", over_socket=False)
BOARD = PageSpec("board", "board /prikbord/bord", ".thread-card__title", over_socket=False)
THREAD = PageSpec("thread", "thread /prikbord/onderwerp", ".post__body", over_socket=False)


@dataclass
class Target:
    """A page ready to be measured: its address, marker and static twin."""

    spec: PageSpec
    url: str
    marker: str
    static_document: bytes
    linked_stylesheet: bool
    loads: list[ColdLoad] = field(default_factory=list)
    static_loads: list[ColdLoad] = field(default_factory=list)
    # Websocket frames as DevTools leaves them (not slowed), for pages `over_socket`.
    free_socket_loads: list[ColdLoad] = field(default_factory=list)
    # One more load of the page and of its static twin, traced, for where the time goes.
    traced: ColdLoad | None = None
    static_traced: ColdLoad | None = None
    js_gzip: int = 0


# --- data ----------------------------------------------------------------------------------


def seed_data() -> None:
    """A few boards of threads with published posts, and published stories."""
    now = datetime.now(UTC)
    seed_boards(SEED_THREADS, SEED_POSTS, SEED_PENDING, now, history=True)
    seed_stories(SEED_STORIES, SEED_HIDDEN, now)


def find_content() -> tuple[int | None, str | None]:
    """The newest published story without content warnings (a warning folds the text
    away until "read anyway"), and the board with the most listed threads."""
    from sqlalchemy import func, select

    from peersupport.database import get_engine, session_scope
    from peersupport.models import BoardThread, Story

    with session_scope() as session:
        story_id = session.scalar(
            select(Story.id)
            .where(Story.state == "published", Story.warnings == "")
            .order_by(Story.published_at.desc(), Story.id.desc())
            .limit(1)
        )
        board = session.scalar(
            select(BoardThread.board)
            .where(BoardThread.listed)
            .group_by(BoardThread.board)
            .order_by(func.count().desc(), BoardThread.board)
            .limit(1)
        )
    get_engine().dispose()
    return story_id, board


# --- the static twin -----------------------------------------------------------------------

EXTRACT_SCRIPT = """([selector, linkSelector, maxChars]) => {
  const target = document.querySelector(selector);
  if (!target) return null;
  let marker = "";
  const inTarget = document.createTreeWalker(target, NodeFilter.SHOW_TEXT);
  for (let node = inTarget.nextNode(); node && !marker; node = inTarget.nextNode()) {
    const line = node.data.split("\\n").map((part) => part.trim()).find((part) => part) || "";
    // innerText collapses runs of white space; the marker stops before one.
    marker = line.split(/\\s{2,}|\\t/)[0].slice(0, maxChars).trim();
  }
  let first = null;
  const inBody = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = inBody.nextNode(); node && marker; node = inBody.nextNode()) {
    if (node.data.includes(marker)) { first = node; break; }
  }
  const link = linkSelector ? document.querySelector(linkSelector) : null;
  const heading = document.querySelector("main h1");
  return {
    marker,
    firstInTarget: !!first && target.contains(first),
    text: document.body.innerText,
    heading: heading ? heading.innerText.trim() : "",
    title: document.title,
    lang: document.documentElement.lang || "nl",
    linked: !!document.querySelector('link[rel="stylesheet"]'),
    link: link ? link.getAttribute("href") : null,
  };
}"""


@dataclass
class Extracted:
    marker: str
    document: bytes
    linked: bool
    link: str | None


def static_document(found: dict[str, Any], stylesheet: bytes) -> bytes:
    """The visible text of the loaded page, a paragraph a line (its heading an <h1>),
    with the app's stylesheet linked or in a <style>, as the real page has it."""
    parts, heading_done = [], False
    for raw in str(found["text"]).splitlines():
        line = raw.strip()
        if not line:
            continue
        tag = "p"
        if not heading_done and line == found["heading"]:
            tag, heading_done = "h1", True
        parts.append(f"<{tag}>{escape(line)}</{tag}>")
    css = (
        '<link rel="stylesheet" href="/app.css">'
        if found["linked"]
        else f"<style>{stylesheet.decode()}</style>"
    )
    return (
        f'<!DOCTYPE html><html lang="{escape(str(found["lang"]))}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(str(found['title']))}</title>{css}</head>"
        f'<body><main id="main" class="page">{"".join(parts)}</main></body></html>'
    ).encode()


def extract(browser: Browser, url: str, spec: PageSpec, link_selector: str = "") -> Extracted:
    """Load `url` without throttling until the marker's element is there; its marker
    text, the static twin of its visible text, and the first `link_selector` href."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    try:
        page = context.new_page()
        page.goto(url, wait_until="load", timeout=BROWSER_TIMEOUT_MS)
        page.wait_for_selector(spec.selector, state="visible", timeout=BROWSER_TIMEOUT_MS)
        found = page.evaluate(EXTRACT_SCRIPT, [spec.selector, link_selector, MARKER_MAX_CHARS])
    finally:
        context.close()
    if not found or len(found["marker"]) < 8:
        raise SystemExit(f"{url}: no usable text in '{spec.selector}' to wait for")
    if not found["firstInTarget"]:
        raise SystemExit(f"{url}: the text of '{spec.selector}' also appears earlier on the page")
    stylesheet = (PROJECT_ROOT / "assets" / "app.css").read_bytes()
    document = static_document(found, stylesheet)
    if escape(found["marker"]) not in document.decode():
        raise SystemExit(f"{url}: the marker is not in the page's visible text")
    return Extracted(found["marker"], document, bool(found["linked"]), found["link"])


# --- one cold load -------------------------------------------------------------------------

# What happens on the way to the marker, on the page's clock: the websocket created,
# open, and each socket.io CONNECT/EVENT frame sent and received (kept raw and described
# only when read, so the measured page does no extra parsing).
# DevTools' network emulation slows the websocket's opening handshake (an HTTP request)
# but none of its frames. So that the whole page travels over the same Slow 4G, every
# frame the page sends leaves `wsDelay` ms late (the emulated round trip: its answer
# then comes that much later too); with 0 the frames go as DevTools leaves them.
PHASES_SCRIPT = """(() => {
  const wsDelay = %(ws_delay)d;
  const p = window.__phases = { wsCreated: null, wsOpen: null, wsChars: 0, frames: [] };
  const Native = window.WebSocket;
  if (typeof Native !== "function") return;
  class Watched extends Native {
    constructor(...args) {
      super(...args);
      if (p.wsCreated === null) p.wsCreated = performance.now();
      this.addEventListener("open", () => {
        if (p.wsOpen === null) p.wsOpen = performance.now();
      });
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") return;
        p.wsChars += event.data.length;
        if (/^4[02]/.test(event.data)) p.frames.push([performance.now(), "received", event.data]);
      });
    }
    send(data) {
      if (typeof data === "string" && /^4[02]/.test(data)) {
        p.frames.push([performance.now(), "sent", data]);
      }
      if (wsDelay <= 0) return super.send(data);
      setTimeout(() => {
        if (this.readyState === Native.OPEN) super.send(data);
      }, wsDelay);
    }
  }
  window.WebSocket = Watched;
})();"""

# Reads the phases; frames become a description without any of their content.
READ_PHASES_SCRIPT = """() => {
  const p = window.__phases;
  const parse = (text) => {
    try {
      const value = JSON.parse(text);
      return typeof value === "string" ? JSON.parse(value) : value;
    } catch (error) { return null; }
  };
  const short = (name) => typeof name === "string" ? name.split(".").pop() : "?";
  const describe = ([at, direction, data]) => {
    // "40" CONNECT or "42" EVENT, then the namespace ("/_event,"), then JSON.
    const rest = data.slice(2);
    const body = parse(rest.startsWith("/") ? rest.slice(rest.indexOf(",") + 1) : rest);
    if (data.startsWith("40")) {
      if (direction === "received") return [at, "in: connect acknowledged"];
      return [at, "out: connect + " + short(body && body.event && body.event.name)];
    }
    const payload = Array.isArray(body) ? body[1] : null;
    const event = typeof payload === "string" ? parse(payload) : payload;
    if (direction === "sent") return [at, "out: event " + short(event && event.name)];
    if (!event) return [at, "in: a frame"];
    const states = event.delta ? Object.keys(event.delta).length : 0;
    const events = (event.events || []).map((item) => short(item.name));
    return [at, `in: update, ${states} state(s)` +
      (events.length ? `, runs ${events.join(" ")}` : "")];
  };
  const navigation = performance.getEntriesByType("navigation")[0];
  const dcl = navigation ? navigation.domContentLoadedEventStart : null;
  let css = null, js = null;
  for (const entry of performance.getEntriesByType("resource")) {
    const path = entry.name.split("?")[0];
    if (path.endsWith(".css")) css = Math.max(css || 0, entry.responseEnd);
    if (path.endsWith(".js") && (dcl === null || entry.startTime < dcl)) {
      js = Math.max(js || 0, entry.responseEnd);
    }
  }
  return {
    dcl, css, js,
    wsCreated: p.wsCreated, wsOpen: p.wsOpen, wsChars: p.wsChars,
    frames: p.frames.map(describe),
  };
}"""

WAIT_SCRIPT = """(fallbackMs) => {
  const r = window.__bench;
  return !!r && (r.painted !== null ||
    (r.frame !== null && performance.now() - r.frame > fallbackMs));
}"""


@dataclass
class ColdLoad:
    """One cold load under the emulation; times in ms from navigation start."""

    marker_ms: float
    element_timing: bool  # False: the frame fallback
    fcp_ms: float | None
    transfer_bytes: int
    js_bytes: int
    js_urls: list[str]
    # (phase, ms) in the order they happened.
    phases: list[tuple[str, float]]
    ws_chars: int
    # Main thread time until the marker, in ms, from the DevTools Performance metrics.
    main_thread: dict[str, float]
    # Traced loads only: the main thread's work by kind, as (start, end) spans.
    work: dict[str, Spans] = field(default_factory=dict)


MAIN_THREAD_METRICS = {
    "ScriptDuration": "script",
    "V8CompileDuration": "compile",
    "RecalcStyleDuration": "style",
    "LayoutDuration": "layout",
    "TaskDuration": "all tasks",
}


def _phases(paint: dict[str, Any], read: dict[str, Any], bench: dict[str, Any]) -> list[Any]:
    named: list[tuple[str, Any]] = [
        ("document: first byte", paint["first_byte"]),
        ("document: last byte", paint["last_byte"]),
        ("stylesheets arrived", read["css"]),
        ("first-contentful-paint", paint["fcp"]),
        ("JS of the first render arrived", read["js"]),
        ("DOMContentLoaded (modules evaluated)", read["dcl"]),
        ("websocket created", read["wsCreated"]),
        ("websocket open", read["wsOpen"]),
        ("html[data-ready='true'] (hydrated)", bench["ready"]),
        ("marker text in the DOM", bench["dom"]),
    ]
    named += [(f"ws {number} {label}", at) for number, (at, label) in enumerate(read["frames"], 1)]
    present = [(name, float(value)) for name, value in named if value is not None]
    return sorted(present, key=lambda item: item[1])


def cold_load(
    browser: Browser, url: str, marker: str, ws_delay: int, *, trace: bool = False
) -> ColdLoad:
    """Open `url` in a fresh context under Slow 4G and 4x CPU slowdown until the marker
    is painted; the websocket's frames sent `ws_delay` ms late. With `trace`, a DevTools
    trace of the load gives the main thread's work (the tracing slows the page a little)."""
    work: dict[str, Spans] = {}
    context = browser.new_context(viewport=PHONE, service_workers="block")
    try:
        context.add_init_script(INIT_SCRIPT % {"marker": json.dumps(marker)})
        context.add_init_script(PHASES_SCRIPT % {"ws_delay": ws_delay})
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        network = NetworkLog()
        cdp.on("Network.responseReceived", network.response)
        cdp.on("Network.loadingFinished", network.finished)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        cdp.send("Performance.enable")
        if trace:
            browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
        page.goto(url, wait_until="commit", timeout=BROWSER_TIMEOUT_MS)
        page.wait_for_function(
            WAIT_SCRIPT, arg=FALLBACK_MS, polling=100, timeout=BROWSER_TIMEOUT_MS
        )
        metrics = {
            item["name"]: float(item["value"])
            for item in cdp.send("Performance.getMetrics")["metrics"]
        }
        if trace:
            work = main_thread_work(browser.stop_tracing())
        with suppress(Exception):  # a page that keeps loading still has its figures
            page.wait_for_load_state("networkidle", timeout=20_000)
        paint = page.evaluate(PAINT_SCRIPT)
        read = page.evaluate(READ_PHASES_SCRIPT)
    finally:
        context.close()
    bench = paint["bench"]
    element_timing = bench["painted"] is not None
    marker_ms = float(bench["painted"] if element_timing else bench["frame"])
    phases = _phases(paint, read, bench)
    phases.append(("marker painted" if element_timing else "marker laid out (frame)", marker_ms))
    resources = network.resources()
    return ColdLoad(
        marker_ms=marker_ms,
        element_timing=element_timing,
        fcp_ms=paint["fcp"],
        transfer_bytes=sum(int(item["transfer"]) for item in resources),
        js_bytes=sum(int(item["body"]) for item in resources if is_js(item)),
        js_urls=[str(item["url"]) for item in resources if is_js(item)],
        phases=phases,
        ws_chars=int(read["wsChars"]),
        main_thread={
            label: metrics.get(name, 0.0) * 1000 for name, label in MAIN_THREAD_METRICS.items()
        },
        work=work,
    )


# --- the main thread's work, from a DevTools trace ----------------------------------

TRACE_CATEGORIES = [
    "devtools.timeline",
    "disabled-by-default-devtools.timeline",
    "v8.execute",
    "disabled-by-default-v8.compile",
    "disabled-by-default-v8.gc",
    "blink.user_timing",
    "loading",
    "v8",
]
RENDER_EVENTS = frozenset(
    (
        "UpdateLayoutTree",
        "ParseAuthorStyleSheet",
        "Layout",
        "PrePaint",
        "Paint",
        "PaintImage",
        "Layerize",
        "UpdateLayer",
        "Commit",
        "HitTest",
    )
)
SCRIPT_EVENTS = frozenset(
    (
        "EvaluateScript",
        "v8.evaluateModule",
        "v8.run",
        "v8.callFunction",
        "v8.newInstance",
        "FunctionCall",
        "RunMicrotasks",
        "EventDispatch",
        "TimerFire",
        "FireAnimationFrame",
        "FireIdleCallback",
    )
)
LOADING_PREFIXES = (
    "DocumentLoader::",
    "HTMLDocumentParser::",
    "DecodedDataDocumentParser::",
    "NavigationBodyLoader::",
    "LocalWindowProxy::",
    "V8.DeserializeContext",
    "ContextCreatedNotification",
    "InstallConditionalFeatures",
    "ResourceReceivedData",
)
COMPILE_PREFIXES = ("V8.Compile", "V8.Parse", "V8.PreParse", "V8.CollectSourcePositions")


def _is_gc(name: str) -> bool:
    return name in ("MinorGC", "MajorGC") or name.startswith(("V8.GC", "BlinkGC"))


# The kinds of work by trace event name. Where events nest, the first kind listed wins:
# a collection inside a script counts as GC, compiling a function it calls as compile,
# a script run by the HTML parser as script.
WORK_KINDS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("GC", _is_gc),
    ("compile", lambda name: name.startswith(COMPILE_PREFIXES) or name.startswith("v8.compile")),
    ("render", RENDER_EVENTS.__contains__),
    ("JS", SCRIPT_EVENTS.__contains__),
    ("HTML", lambda name: name == "ParseHTML"),
    ("loading", lambda name: name.startswith(LOADING_PREFIXES)),
)


def main_thread_work(raw: bytes) -> dict[str, Spans]:
    """The page's main thread: its tasks ("busy") and each kind of work, as merged
    (start, end) spans in ms from navigation start (the trace's navigationStart of the
    page, whose thread is the main thread)."""
    loaded = json.loads(raw)
    events: list[dict[str, Any]] = loaded["traceEvents"] if isinstance(loaded, dict) else loaded
    starts = [
        event
        for event in events
        if event.get("name") == "navigationStart"
        and str(event.get("args", {}).get("data", {}).get("documentLoaderURL", "")).startswith(
            "http"
        )
    ]
    if not starts:
        return {}
    thread, origin = (starts[-1]["pid"], starts[-1]["tid"]), float(starts[-1]["ts"])
    spans: dict[str, Spans] = {"busy": [], **{k: [] for k, _ in WORK_KINDS}}
    for event in events:
        if event.get("ph") != "X" or (event.get("pid"), event.get("tid")) != thread:
            continue
        start = (float(event["ts"]) - origin) / 1000
        span = (start, start + float(event.get("dur", 0)) / 1000)
        if event["name"] == "RunTask":
            spans["busy"].append(span)
            continue
        kind = next((kind for kind, test in WORK_KINDS if test(event["name"])), None)
        if kind is not None:
            spans[kind].append(span)
    return {kind: _union(found) for kind, found in spans.items()}


def work_between(work: dict[str, Spans], start: float, end: float) -> dict[str, float]:
    """Milliseconds of main-thread work between `start` and `end`: "busy" in all, each
    kind (an instant counted once, for the first kind that claims it), and "other"."""
    busy = _clip(work.get("busy", []), start, end)
    result = {"busy": _length(busy)}
    claimed: Spans = []
    for kind, _ in WORK_KINDS:
        mine = _intersect(_clip(work.get(kind, []), start, end), busy)
        result[kind] = _length(mine) - _length(_intersect(mine, claimed))
        claimed = _union(claimed + mine)
    result["other"] = result["busy"] - _length(claimed)
    return result


def _union(spans: Spans) -> Spans:
    merged: Spans = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _clip(spans: Spans, start: float, end: float) -> Spans:
    return [(max(a, start), min(b, end)) for a, b in spans if b > start and a < end]


def _intersect(first: Spans, second: Spans) -> Spans:
    """Both merged and sorted: the spans in both."""
    found, i, j = [], 0, 0
    while i < len(first) and j < len(second):
        start, end = max(first[i][0], second[j][0]), min(first[i][1], second[j][1])
        if start < end:
            found.append((start, end))
        if first[i][1] < second[j][1]:
            i += 1
        else:
            j += 1
    return found


def _length(spans: Spans) -> float:
    return sum(end - start for start, end in spans)


# --- running the measurements --------------------------------------------------------------


def inline_script_gzip(url: str) -> int:
    """The gzip -6 size of the scripts written into the document at `url`."""
    request = urllib.request.Request(url, headers={"accept-encoding": "identity"})
    with urllib.request.urlopen(request, timeout=30) as response:
        document = response.read().decode("utf-8")
    scripts = "".join(INLINE_SCRIPT.findall(document)).encode()
    return len(gzip.compress(scripts, compresslevel=6)) if scripts else 0


def board_number(key: str) -> int:
    """The number in a board's address (its key is never in an address)."""
    board = boards_content().board(key)
    if board is None:
        raise SystemExit(f"bench/ttc_bench.py: no board {key!r} in boards.toml")
    return board.number


def prepare_targets(
    browser: Browser, app_url: str, story_id: int | None, board: str | None, wanted: set[str]
) -> list[Target]:
    """Every page there is content for (of `wanted`, when given), with its marker and
    static twin."""
    targets = _all_targets(browser, app_url, story_id, board)
    return [item for item in targets if not wanted or item.spec.key in wanted]


def _all_targets(
    browser: Browser, app_url: str, story_id: int | None, board: str | None
) -> list[Target]:
    def target(spec: PageSpec, url: str, link_selector: str = "") -> tuple[Target, str | None]:
        found = extract(browser, url, spec, link_selector)
        return Target(spec, url, found.marker, found.document, found.linked), found.link

    targets = [target(HOME, f"{app_url}/")[0], target(STORIES, f"{app_url}/verhalen")[0]]
    if story_id is None:
        print("No published story without content warnings: the story page is left out.")
    else:
        targets.append(target(STORY, f"{app_url}/verhalen/{story_id}")[0])
    for spec, path in (
        (HELP, "/hulp"),
        (SAFE_USE, "/veilig"),
        (ABOUT, "/over"),
        (SELF_TESTS, "/zelftest"),
        (BOARDS, "/prikbord"),
    ):
        targets.append(target(spec, f"{app_url}{path}")[0])
    if board is None:
        print("No board has a listed thread: the board and thread pages are left out.")
        return targets
    board_target, thread_href = target(
        BOARD, f"{app_url}/prikbord/bord?nr={board_number(board)}", "a.thread-card"
    )
    targets.append(board_target)
    if thread_href:
        targets.append(target(THREAD, f"{app_url}{thread_href}")[0])
    return targets


def traced_load(browser: Browser, url: str, marker: str, loads: list[ColdLoad]) -> ColdLoad:
    """Of TRACED_LOADS traced loads, the one closest to the median of `loads` (tracing
    slows a load down, some more than others)."""
    median = _median([load.marker_ms for load in loads])
    return min(
        (cold_load(browser, url, marker, WS_DELAY_MS, trace=True) for _ in range(TRACED_LOADS)),
        key=lambda load: abs(load.marker_ms - median),
    )


def browser_figures(
    runs: int,
    env: dict[str, str],
    log: Path,
    content: tuple[int | None, str | None],
    wanted: set[str],
) -> list[Target]:
    story_id, board = content
    app_url = f"http://localhost:{env['PEERSUPPORT_PORT']}"
    process = start_app(env, log)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            targets = prepare_targets(browser, app_url, story_id, board, wanted)
            files = {f"/{item.spec.key}.html": item.static_document for item in targets}
            files["/app.css"] = (PROJECT_ROOT / "assets" / "app.css").read_bytes()
            with static_server(files) as static_url:
                # One untimed round first (the app's first answers warm its caches); the
                # pages and their static twins take turns, so that anything else slowing
                # the machine down touches all of them alike.
                for number in range(runs + 1):
                    for item in targets:
                        static_page = f"{static_url}/{item.spec.key}.html"
                        load = cold_load(browser, item.url, item.marker, WS_DELAY_MS)
                        twin = cold_load(browser, static_page, item.marker, WS_DELAY_MS)
                        free = (
                            cold_load(browser, item.url, item.marker, 0)
                            if item.spec.over_socket
                            else None
                        )
                        if number:
                            item.loads.append(load)
                            item.static_loads.append(twin)
                            if free is not None:
                                item.free_socket_loads.append(free)
                for item in targets:
                    static_page = f"{static_url}/{item.spec.key}.html"
                    item.traced = traced_load(browser, item.url, item.marker, item.loads)
                    item.static_traced = traced_load(
                        browser, static_page, item.marker, item.static_loads
                    )
            browser.close()
        for item in targets:
            item.js_gzip = gzip_size_of(item.loads[0].js_urls) + inline_script_gzip(item.url)
    finally:
        stop_app(process)
    return targets


# --- the tables ----------------------------------------------------------------------------


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _kb(value: float) -> str:
    return f"{value / 1024:.1f}"


def _load() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def print_table(targets: list[Target], runs: int, load_before: str) -> None:
    print(
        f"Phone 360x740, Slow 4G ({SLOW_4G['latency']} ms, "
        f"{SLOW_4G['downloadThroughput'] * 8 / 1e6:.1f} Mbit/s down, "
        f"{SLOW_4G['uploadThroughput'] * 8 / 1e3:.0f} kbit/s up), CPU {CPU_SLOWDOWN}x slower, "
        f"cold cache; medians of {runs} runs, ms from navigation start"
    )
    print(
        f"(load average at the start {load_before}, at the end {_load()} on {os.cpu_count()} cores)"
    )
    print(
        f"{'page':<28} {'app ms':>7} {'static':>7} {'ratio':>6} {'ws free':>7} {'FCP':>6}"
        f" {'FCP st':>6} {'KB moved':>8} {'JS KB':>7} {'JS gzip':>7}  target"
    )
    for item in targets:
        app = _median([load.marker_ms for load in item.loads])
        static = _median([load.marker_ms for load in item.static_loads])
        ratio = app / static
        fallback = "*" if not all(load.element_timing for load in item.loads) else " "
        free = (
            f"{_median([load.marker_ms for load in item.free_socket_loads]):>7.0f}"
            if item.free_socket_loads
            else f"{'-':>7}"
        )
        fcp = _median([load.fcp_ms for load in item.loads if load.fcp_ms is not None])
        fcp_static = _median([load.fcp_ms for load in item.static_loads if load.fcp_ms is not None])
        moved = _median([float(load.transfer_bytes) for load in item.loads])
        js = _median([float(load.js_bytes) for load in item.loads])
        ratio_ok = "OK" if ratio <= RATIO_TARGET else "MISSED"
        js_ok = "OK" if item.js_gzip < JS_TARGET_BYTES else "MISSED"
        target = (
            f"ratio <= {RATIO_TARGET} {ratio_ok}; JS < {JS_TARGET_BYTES // 1024} KB gzip {js_ok}"
        )
        print(
            f"{item.spec.label:<28} {app:>6.0f}{fallback} {static:>7.0f} {ratio:>6.2f} {free}"
            f" {fcp:>6.0f} {fcp_static:>6.0f} {_kb(moved):>8} {_kb(js):>7}"
            f" {_kb(item.js_gzip):>7}  {target}"
        )
    print(
        "(app/static: the marker text painted, Element Timing; * = in some run only the frame"
        f" it was laid out in; websocket frames sent {WS_DELAY_MS} ms late, the emulated round"
        " trip; ws free: the same page with its websocket frames not slowed, as DevTools"
        " leaves them; FCP st: the static page's; KB moved: all HTTP responses on the wire,"
        " headers included; JS KB: encoded bodies; JS gzip: gzip -6 of that JavaScript plus"
        " the document's own scripts)"
    )
    for item in targets:
        how = "linked" if item.linked_stylesheet else "in a <style>"
        print(
            f"  {item.spec.label}: /{item.url.split('/', 3)[-1]}; its static twin has"
            f" app.css {how}, as the page has its stylesheet"
        )


def print_phases(item: Target) -> None:
    """Until the marker: the median moment of every phase and the time since the one
    before; and what the main thread did in that interval of the traced load."""
    loads, traced = item.loads, item.traced
    marker_at = _median([load.marker_ms for load in loads])
    names: list[str] = []
    for load in loads:
        names += [name for name, _ in load.phases if name not in names]
    by_run = [dict(load.phases) for load in loads]
    rows: list[tuple[str, float]] = []
    for name in names:
        found_at = [found[name] for found in by_run if name in found]
        # In most runs (or a median says little), and before the marker was painted.
        if len(found_at) * 2 > len(loads) and _median(found_at) <= marker_at:
            rows.append((name, _median(found_at)))
    rows.sort(key=lambda row: (row[1], row[0].startswith("marker")))
    columns = ["busy", *[kind for kind, _ in WORK_KINDS], "other"]
    print()
    print(
        f"{item.spec.label}: where the time goes (ms from navigation start; at, +since:"
        f" medians of {len(loads)} runs; then one traced load: its moment of the phase and"
        " the main thread's work since its phase before)"
    )
    print(
        f"{'phase':<46} {'at':>5} {'+since':>6} {'traced':>6}"
        + "".join(f" {column:>7}" for column in columns)
    )
    # Where the traced load's phases came in another order than the medians, an interval
    # is empty rather than counted twice.
    moments = dict(traced.phases) if traced else {}
    previous_at, traced_at = 0.0, 0.0
    for name, at in rows:
        line = f"{name[:46]:<46} {at:>5.0f} {at - previous_at:>6.0f}"
        if traced and traced.work:
            start, traced_at = traced_at, max(traced_at, moments.get(name, traced_at))
            work = work_between(traced.work, start, traced_at)
            line += f" {traced_at:>6.0f}" + "".join(f" {work[column]:>7.0f}" for column in columns)
        print(line)
        previous_at = at
    for label, whole in (
        ("in all, until the marker", traced),
        ("the static page, until the marker", item.static_traced),
    ):
        if whole and whole.work:
            work = work_between(whole.work, 0.0, whole.marker_ms)
            print(
                f"{label:<46} {'':>5} {'':>6} {whole.marker_ms:>6.0f}"
                + "".join(f" {work[column]:>7.0f}" for column in columns)
            )
    main = {
        label: _median([load.main_thread[label] for load in loads])
        for label in MAIN_THREAD_METRICS.values()
    }
    print(
        "(busy: the main thread in tasks, of which GC, compiling JS, render = style, layout"
        " and paint, running JS, parsing HTML, loading = documents (each SVG icon is one),"
        " preload scanning, and other = tasks without a finer trace event; the rest of an"
        " interval it waited, mostly on the network. DevTools Performance metrics until the"
        " marker, medians: "
        + ", ".join(f"{label} {value:.0f} ms" for label, value in main.items())
        + f"; websocket text received: {_median([float(x.ws_chars) for x in loads]):.0f}"
        " characters)"
    )


# --- main ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="cold loads per page")
    parser.add_argument("--data-dir", default="", help="a data folder with data in it")
    parser.add_argument("--database-url", default="", help="a database with data in it")
    parser.add_argument(
        "--pages", default="", help="only these pages, by key (home,stories,story,help,...)"
    )
    arguments = parser.parse_args()
    if arguments.runs < 1:
        parser.error("--runs must be positive")
    web_dir = os.environ.get("PEERSUPPORT_TEST_WEB_DIR", str(PROJECT_ROOT / ".web-ttc"))
    # Settings come from the environment: set them before anything imports peersupport.
    for name in [name for name in os.environ if name.startswith("PEERSUPPORT_")]:
        del os.environ[name]
    work_dir = Path(tempfile.mkdtemp(prefix="peersupport-ttc-bench-"))
    data_dir = work_dir / "data"
    if arguments.data_dir:
        data_dir = Path(arguments.data_dir).resolve()
        if not data_dir.is_dir():
            parser.error(f"--data-dir {data_dir} is not a folder")
    data_dir.mkdir(exist_ok=True)
    os.environ["PEERSUPPORT_DATA_DIR"] = str(data_dir)
    if arguments.database_url:
        os.environ["PEERSUPPORT_DATABASE_URL"] = arguments.database_url
    try:
        run(arguments, web_dir, work_dir)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)


def run(arguments: argparse.Namespace, web_dir: str, work_dir: Path) -> None:
    if not (arguments.data_dir or arguments.database_url):
        # In a child process: Alembic's logging setup would otherwise fill this output.
        subprocess.run(
            [sys.executable, "-m", "peersupport", "migrate"],
            env=dict(os.environ),
            cwd=PROJECT_ROOT,
            check=True,
            capture_output=True,
        )
        seed_data()
        print(
            f"Seeded {SEED_THREADS} threads with {SEED_POSTS} published posts and "
            f"{SEED_STORIES} published stories into a throw-away SQLite database"
        )
    story_id, board = find_content()
    port = free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("PEERSUPPORT_")}
    env.update(
        PEERSUPPORT_PORT=str(port),
        PEERSUPPORT_DATA_DIR=os.environ["PEERSUPPORT_DATA_DIR"],
        PEERSUPPORT_PUBLIC_URL=f"http://localhost:{port}",
        REFLEX_WEB_WORKDIR=web_dir,
    )
    if arguments.database_url:
        env["PEERSUPPORT_DATABASE_URL"] = arguments.database_url
    load_before = _load()
    wanted = {key.strip() for key in arguments.pages.split(",") if key.strip()}
    targets = browser_figures(arguments.runs, env, work_dir / "app.log", (story_id, board), wanted)
    print()
    print_table(targets, arguments.runs, load_before)
    for item in targets:
        print_phases(item)


if __name__ == "__main__":
    main()
