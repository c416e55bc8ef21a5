"""Load generator: many real websocket clients speaking Reflex's protocol, as the browser
does, against the production setup (PostgreSQL, Redis, N backend workers on one port).

    .venv/bin/python bench/load.py SCENARIO --data DIR --database-url postgresql://...
        --redis-url redis://... [--workers 2] [--clients 500] [--duration 300] ...

DIR is a folder made by bench/datagen.py on the same database (its accounts.json holds
the throw-away members the posting clients log in as). Every scenario starts the
production build itself (tests/browser/harness.py, on a free port, Reflex's web folder
`.web-load`), runs, stops it and prints one table. Scenarios:

- readers:    --clients readers for --duration seconds, each doing one thing every
              --think seconds on average (open a board, open a thread, next page of a
              board, the story list, a story; stories are plain HTTP pages, boards are
              Reflex events), plus --posters members who log in and every --post-every
              seconds reply in a thread (moderation queue) or save an encrypted note.
              Target: p95 event latency < 100 ms and 0 errors.
- throughput: --clients clients reading boards and threads with no pause, for
              --duration seconds, per worker count in --workers-list (default 1,2),
              the counts taking turns --rounds times (default 2): events per second of
              each run and over all rounds. Target: 2 workers >= 1.7x 1 worker.
- idle:       --clients connected, hydrated, idle clients on a board page: the backend
              workers' memory (RSS) and Redis' used memory before and after, per client.
- kill:       the readers scenario with --workers 2 (or more); after --kill-after
              seconds one backend worker gets SIGKILL. Its clients see their socket close
              and reconnect with the same tab token (as the browser does); afterwards every
              accepted reply and note must be in the database.

How a client speaks, recorded once from the system Chromium on the app's own page at the
start of every run: engine.io v4 over one websocket at /_event/ with the tab's token in
the query, Reflex's version as the websocket subprotocol, the app's origin, permessage-
deflate; the socket.io CONNECT packet of namespace /_event carries the hydrate event with
the state hashes and state schema of the build (copied from the browser's own packet);
events go as `42/_event,["event",{name,payload,router_data}]`; the server's pings are
answered; `_call_script` events the app sends are answered the way the page's script
would (no device token is stored, the notes open, the login key unwraps). An in-app link
is one `on_load_internal` event on the open socket, as React Router navigation sends it.

Event latency: from sending an event until the update that answers it arrives (the first
frame with a delta or events for a state below the root). A page of boards is two events
for a visitor (on_load, then the device-token callback that loads the list). Errors: an
event unanswered within --timeout, a refused or dropped connection (outside the kill), an
HTTP status other than 200, a failed login, or a post or note refused for another reason
than the posting limits or a thread the moderators locked. Nothing here fails on a missed target.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import websockets
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT_ROOT,
    free_port,
    start_app,
    stop_app,
)

# What the clients do next and when: a load pattern, not a secret.
RNG = random.Random()  # noqa: S311
LATENCY_TARGET_MS = 100.0
SCALE_TARGET = 1.7
# The boards by the number their address carries (boards.toml).
BOARDS = ("1", "2", "3", "4")
STORY_LINK = re.compile(r'href="/verhalen/(\d+)"')
CALLBACK_EVENT = re.compile(r'ReflexEvent\(\\?"([\w.]+)\\?", \{(\w+):_result\}\)')


# --- what the browser sends ---------------------------------------------------------------


@dataclass(frozen=True)
class Protocol:
    """The parts of the browser's handshake that depend on the build."""

    subprotocol: str
    hashes: list[str]
    state_schema: str
    hydrate: str
    names: dict[str, str]

    def event(self, name: str, payload: dict[str, Any], path: str, query: str = "") -> str:
        query_map = dict(part.split("=", 1) for part in query.split("&") if "=" in part)
        router: dict[str, Any] = {"pathname": path, "asPath": path + (f"?{query}" if query else "")}
        if query_map:
            router["query"] = query_map
        body = {"name": name, "payload": payload, "router_data": router}
        return "42/_event," + json.dumps(["event", body], separators=(",", ":"))

    def connect_packet(self, path: str, query: str = "") -> str:
        router: dict[str, Any] = {"pathname": path, "asPath": path + (f"?{query}" if query else "")}
        if query:
            router["query"] = dict(part.split("=", 1) for part in query.split("&"))
        auth = {
            "event": {
                "name": self.hydrate,
                "payload": {"hashes": self.hashes},
                "router_data": router,
            },
            "state_schema": self.state_schema,
        }
        return "40/_event," + json.dumps(auth, separators=(",", ":"))


def record_protocol(url: str) -> Protocol:
    """Open the app's board list in the system Chromium and keep its CONNECT packet."""
    frames: list[str] = []
    protocols: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()

        def on_socket(socket: Any) -> None:
            socket.on("framesent", lambda frame: frames.append(frame))

        page.on("websocket", on_socket)
        page.on(
            "request",
            lambda request: (
                protocols.append(request.headers.get("sec-websocket-protocol", ""))
                if "/_event/" in request.url
                else None
            ),
        )
        page.goto(url + "/prikbord")
        page.wait_for_selector("html[data-ready='true']", state="attached", timeout=60_000)
        page.wait_for_timeout(500)
        browser.close()
    connect = next(frame for frame in frames if frame.startswith("40/_event,"))
    auth = json.loads(connect.split(",", 1)[1])
    from reflex import constants

    from peersupport.state.account import AccountState
    from peersupport.state.boards import BoardState, ThreadState
    from peersupport.state.notes import NotesState

    root = auth["event"]["name"].rsplit(".", 1)[0]
    names = {
        "on_load": f"{root}.reflex___state____on_load_internal_state.on_load_internal",
        "account": AccountState.get_full_name(),
        "board": BoardState.get_full_name(),
        "thread": ThreadState.get_full_name(),
        "notes": NotesState.get_full_name(),
    }
    return Protocol(
        subprotocol=next((p for p in protocols if p), constants.Reflex.VERSION),
        hashes=auth["event"]["payload"]["hashes"],
        state_schema=auth["state_schema"],
        hydrate=auth["event"]["name"],
        names=names,
    )


# --- figures ---------------------------------------------------------------------------


@dataclass
class Figures:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    error_examples: dict[str, str] = field(default_factory=dict)
    refused: Counter[str] = field(default_factory=Counter)
    reconnects: int = 0
    drops_expected: bool = False
    other_frames: Counter[str] = field(default_factory=Counter)
    interrupted: int = 0
    events: int = 0
    accepted_replies: Counter[str] = field(default_factory=Counter)
    accepted_notes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    timeline: list[tuple[float, float]] = field(default_factory=list)

    def error(self, kind: str, detail: str) -> None:
        self.errors[kind] += 1
        self.error_examples.setdefault(kind, detail[:200])


class Dropped(Exception):
    """The socket closed under a client (a worker died, or the server refused it)."""


class Unanswered(Exception):
    """No answer to an event within the timeout."""


# --- one tab ------------------------------------------------------------------------------


class Tab:
    """One browser tab: a token, a socket, the page it is on."""

    def __init__(self, base: str, protocol: Protocol, figures: Figures, timeout: float) -> None:
        self.base, self.protocol, self.figures, self.timeout = base, protocol, figures, timeout
        self.token = str(uuid.uuid4())
        self.path, self.query = "/prikbord", ""
        self.socket: Any = None
        self.updates: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self.reader: asyncio.Task[None] | None = None
        self.pending: list[tuple[str, float]] = []
        self.login_result: dict[str, Any] = {}
        self.thread_ids: list[int] = []
        self.cursor = ""
        self.device_result: dict[str, Any] = {}

    async def open(self, path: str = "/prikbord", query: str = "") -> float:
        """Connect and hydrate on `path`, as a page load does; returns its latency."""
        self.path, self.query = path, query
        ws_url = self.base.replace("http", "ws", 1) + "/_event/"
        started = time.perf_counter()
        self.socket = await websockets.connect(
            f"{ws_url}?token={self.token}&EIO=4&transport=websocket",
            subprotocols=[websockets.Subprotocol(self.protocol.subprotocol)],
            origin=websockets.Origin(self.base),
            open_timeout=self.timeout,
            max_size=2**24,
        )
        opening = await asyncio.wait_for(self.socket.recv(), self.timeout)
        if not str(opening).startswith("0"):
            raise Dropped(f"unexpected opening {str(opening)[:80]}")
        self.updates = asyncio.Queue()
        self.pending = [("hydrate_and_load", time.perf_counter())]
        self.reader = asyncio.create_task(self._read())
        await self.socket.send(self.protocol.connect_packet(path, query))
        await self._answer("page load (connect)", lambda u: _touches(u, "reflex___state____state"))
        return (time.perf_counter() - started) * 1000

    async def close(self) -> None:
        if self.reader is not None:
            self.reader.cancel()
        if self.socket is not None:
            await self.socket.close()

    async def _read(self) -> None:
        try:
            async for frame in self.socket:
                text = str(frame)
                if text == "2":
                    await self.socket.send("3")
                elif text.startswith("42/_event,"):
                    name, *rest = json.loads(text.split(",", 1)[1])
                    if name == "event" and rest and isinstance(rest[0], dict):
                        self.updates.put_nowait(rest[0])
                    elif name == "new_token" and rest and isinstance(rest[0], str):
                        # The server gave this tab a new token (its old one still looked
                        # connected elsewhere); the page keeps it for its next connect.
                        self.token = rest[0]
                        self.figures.other_frames[str(name)] += 1
                    else:
                        self.figures.other_frames[str(name)] += 1
                elif text.startswith("44/_event") or text.startswith("41/_event"):
                    break
        except websockets.ConnectionClosed:
            pass
        except Exception as error:
            self.figures.error("reading the socket", repr(error))
        finally:
            self.updates.put_nowait(None)

    async def send(
        self, kind: str, name: str, payload: dict[str, Any], until: Callable[[dict[str, Any]], bool]
    ) -> dict[str, Any]:
        self.pending.append((name.rsplit(".", 1)[1], time.perf_counter()))
        await self.socket.send(self.protocol.event(name, payload, self.path, self.query))
        return await self._answer(kind, until)

    async def _answer(self, kind: str, until: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """Wait for the update `until` accepts, answering the page scripts on the way.

        Every event sent (the first, and the callbacks of the page scripts) gets its
        latency when the next update that answers an event arrives: the server handles
        one tab's events one after the other. The whole wait is recorded as `kind`.
        """
        started = time.perf_counter()
        # One deadline for the whole wait: a wait_for per update would cost the load
        # generator a task per frame, CPU taken from the app it measures on this machine.
        try:
            async with asyncio.timeout(self.timeout):
                while True:
                    update = await self.updates.get()
                    if update is None:
                        raise Dropped(kind)
                    if self.pending and _answers(update):
                        event, sent_at = self.pending.pop(0)
                        self._record(f"event {event}", sent_at)
                    for event in update.get("events", []):
                        await self._script(event)
                    if until(update):
                        self._record(kind, started)
                        return update
        except TimeoutError:
            raise Unanswered(kind) from None

    def _record(self, kind: str, since: float) -> None:
        now = time.perf_counter()
        self.figures.latencies[kind].append((now - since) * 1000)
        if kind.startswith("event "):
            self.figures.events += 1
            self.figures.timeline.append((time.monotonic(), (now - since) * 1000))

    async def _script(self, event: dict[str, Any]) -> None:
        """Do what the page's script would do with a `_call_script` event."""
        if event.get("name") != "_call_script":
            return
        payload = event.get("payload", {})
        match = CALLBACK_EVENT.search(str(payload.get("callback") or ""))
        if match is None:
            return
        code = str(payload.get("javascript_code", ""))
        name, argument = match.groups()
        # Nothing is remembered on this device; the login proof is the member's auth key
        # (derived from his passphrase, as the page does); every other flow succeeds.
        result: object = {"ok": True}
        if "localStorage.getItem" in code:
            result = None
        elif code.startswith("psf().loginProof("):
            result = self.login_result
        self.pending.append((name.rsplit(".", 1)[1], time.perf_counter()))
        await self.socket.send(self.protocol.event(name, {argument: result}, self.path, self.query))

    async def navigate(
        self, kind: str, path: str, query: str, done: Callable[[dict[str, Any]], bool]
    ) -> dict[str, Any]:
        """An in-app link: one on_load event on the open socket."""
        self.path, self.query = path, query
        return await self.send(kind, self.protocol.names["on_load"], {}, done)


def _touches(update: dict[str, Any], state: str) -> bool:
    return state in (update.get("delta") or {})


def _answers(update: dict[str, Any]) -> bool:
    """An update that answers an event: not only the root's hydration flag."""
    delta = update.get("delta") or {}
    return bool(update.get("events")) or any(
        key != "reflex___state____state" or "is_hydrated_rx_state_" not in value or len(value) > 1
        for key, value in delta.items()
    )


def _field(update: dict[str, Any], state: str, name: str) -> Any:
    return ((update.get("delta") or {}).get(state) or {}).get(f"{name}_rx_state_")


# --- what a reader and a poster do ---------------------------------------------------------


class Reader:
    def __init__(self, tab: Tab, http: httpx.AsyncClient, story_ids: list[int]) -> None:
        self.tab, self.http, self.story_ids = tab, http, story_ids
        self.with_stories = True

    async def open_board(self) -> None:
        board_state = self.tab.protocol.names["board"]
        update = await self.tab.navigate(
            "board page",
            "/prikbord/bord",
            f"nr={RNG.choice(BOARDS)}",
            lambda u: (
                _field(u, board_state, "threads") is not None
                and _field(u, self.tab.protocol.names["board"].rsplit(".", 1)[0], "view") == "ready"
            ),
        )
        self._keep_threads(update)

    def _keep_threads(self, update: dict[str, Any]) -> None:
        board_state = self.tab.protocol.names["board"]
        threads = _field(update, board_state, "threads") or []
        if threads:
            self.tab.thread_ids = [int(row["id"]) for row in threads]
        self.tab.cursor = _field(update, board_state, "next_cursor") or ""

    async def more_threads(self) -> None:
        if not self.tab.path.startswith("/prikbord/bord") or not self.tab.cursor:
            await self.open_board()
            return
        board_state = self.tab.protocol.names["board"]
        update = await self.tab.send(
            "board next page",
            f"{board_state}.more",
            {},
            lambda u: _field(u, board_state, "threads") is not None,
        )
        self._keep_threads(update)

    async def open_thread(self) -> None:
        if not self.tab.thread_ids:
            await self.open_board()
            return
        thread_state = self.tab.protocol.names["thread"]
        await self.tab.navigate(
            "thread page",
            "/prikbord/onderwerp",
            f"id={RNG.choice(self.tab.thread_ids)}",
            lambda u: (
                _field(u, thread_state, "posts") is not None
                and _field(u, thread_state.rsplit(".", 1)[0], "view") in ("ready", "not_found")
            ),
        )

    async def story_list(self) -> None:
        await self._get("story list", "/verhalen")

    async def story(self) -> None:
        if self.story_ids:
            await self._get("story page", f"/verhalen/{RNG.choice(self.story_ids)}")

    async def _get(self, kind: str, path: str) -> None:
        started = time.perf_counter()
        response = await self.http.get(path)
        self.tab.figures.latencies[f"{kind} (HTTP)"].append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            self.tab.figures.error(f"{kind} HTTP {response.status_code}", path)
        elif kind == "story list":
            self.story_ids[:] = sorted(
                {*self.story_ids, *map(int, STORY_LINK.findall(response.text))}
            )[-500:]

    async def step(self) -> None:
        # Without stories (the throughput scenario) only the Reflex events are driven.
        roll = RNG.random() * (1.0 if self.with_stories else 0.70)
        if roll < 0.30:
            await self.open_board()
        elif roll < 0.60:
            await self.open_thread()
        elif roll < 0.70:
            await self.more_threads()
        elif roll < 0.85:
            await self.story_list()
        else:
            await self.story()


@dataclass(frozen=True)
class Member:
    pseudonym: str
    auth_key: str
    note_key: bytes


def _note_key(job: tuple[str, str, str, str]) -> bytes:
    """What the browser does after a login: derive the KEK, unwrap the data key."""
    from peersupport.services.notes_protocol import KdfParams, derive_keys, unwrap_dk

    pseudonym, passphrase, kdf_params, wrapped_dk = job
    keys = derive_keys(passphrase, pseudonym, KdfParams.from_json(json.loads(kdf_params)))
    return unwrap_dk(keys.kek, wrapped_dk)


class Poster(Reader):
    def __init__(
        self, tab: Tab, http: httpx.AsyncClient, story_ids: list[int], member: Member
    ) -> None:
        super().__init__(tab, http, story_ids)
        self.member = member

    async def login(self) -> None:
        """As the login page: the pseudonym, then the proof the page computes."""
        account = self.tab.protocol.names["account"]
        self.tab.login_result = {"ok": True, "auth_key": self.member.auth_key, "remember": False}
        await self.tab.send(
            "login",
            f"{account}.set_form_pseudonym",
            {"value": self.member.pseudonym},
            lambda u: _touches(u, account),
        )
        update = await self.tab.send(
            "login",
            f"{account}.start_login",
            {},
            lambda u: (
                _field(u, account, "signed_in") is not None or bool(_field(u, account, "error"))
            ),
        )
        if _field(update, account, "signed_in") is not True:
            raise LoginFailed(str(_field(update, account, "error")))

    async def reply(self) -> None:
        if not self.tab.path.startswith("/prikbord/onderwerp"):
            await self.open_thread()
            if not self.tab.path.startswith("/prikbord/onderwerp"):
                return
        account = self.tab.protocol.names["account"]
        thread_state = self.tab.protocol.names["thread"]
        body = (
            "Dat herken ik. Wat hielp mij was erover praten met iemand die ik vertrouw, "
            + RNG.choice(("vandaag", "gisteren", "vorige week", "toen", "later", "eerst"))
            + "."
        )
        update = await self.tab.send(
            "reply",
            f"{thread_state}.reply",
            {"form": {"body": body}},
            lambda u: bool(_field(u, account, "notice")) or bool(_field(u, account, "error")),
        )
        self._count(
            "reply",
            update,
            lambda: self.tab.figures.accepted_replies.update([self.member.pseudonym]),
        )

    async def save_note(self) -> None:
        from peersupport.services.notes_protocol import seal_note

        account = self.tab.protocol.names["account"]
        note_id = str(uuid.uuid4())
        envelope = seal_note(
            self.member.note_key,
            note_id,
            {"title": "Vandaag", "body": "Wat er vandaag gebeurde. " * 10},
        )
        self.tab.path, self.tab.query = "/notities", ""
        update = await self.tab.send(
            "save note",
            f"{self.tab.protocol.names['notes']}.save",
            {"result": {"ok": True, "id": note_id, "envelope": envelope}},
            lambda u: bool(_field(u, account, "notice")) or bool(_field(u, account, "error")),
        )
        self._count(
            "note",
            update,
            lambda: self.tab.figures.accepted_notes[self.member.pseudonym].append(note_id),
        )

    def _count(self, kind: str, update: dict[str, Any], accepted: Callable[[], None]) -> None:
        account = self.tab.protocol.names["account"]
        error = _field(update, account, "error")
        if not error:
            accepted()
        elif error in ("too_soon", "too_many_replies", "too_many_threads", "locked"):
            # The posting limits, and a thread the moderators locked (the generated data
            # has some): the app's right answer, counted apart from the errors.
            self.tab.figures.refused[f"{kind}: {error}"] += 1
        else:
            self.tab.figures.error(f"{kind} refused", str(error))


class LoginFailed(Exception):
    pass


# --- running clients ---------------------------------------------------------------------


async def run_client(
    reader: Reader,
    stop_at: float,
    think: float,
    post_every: float | None,
    start_delay: float,
) -> None:
    await asyncio.sleep(start_delay)
    tab, figures = reader.tab, reader.tab.figures
    next_post = time.monotonic() + RNG.uniform(0, post_every or 1)
    connected = False
    while time.monotonic() < stop_at:
        try:
            if not connected:
                await tab.open(tab.path, tab.query)
                connected = True
                if isinstance(reader, Poster):
                    await reader.login()
            if isinstance(reader, Poster) and post_every and time.monotonic() >= next_post:
                next_post = time.monotonic() + post_every
                await (reader.reply() if RNG.random() < 0.5 else reader.save_note())
            else:
                await reader.step()
        except (Dropped, websockets.ConnectionClosed, OSError) as error:
            if connected:
                figures.reconnects += 1
                figures.interrupted += 1
                if not figures.drops_expected:
                    figures.error("dropped connection", repr(error))
            else:
                figures.error("connect", repr(error))
            connected = False
            await tab.close()
            await asyncio.sleep(RNG.uniform(0.5, 2.0))
            continue
        except Unanswered as error:
            figures.error(f"unanswered: {error}", str(error))
        except LoginFailed as error:
            figures.error("login", str(error))
            await asyncio.sleep(5)
        except httpx.HTTPError as error:
            figures.error("HTTP", repr(error))
        if think:
            await asyncio.sleep(RNG.expovariate(1 / think))
    await tab.close()


def driver_url(database_url: str) -> str:
    """The URL with the driver the app uses, read the way the app reads it."""
    from peersupport.settings import load_settings

    return load_settings(env={"PEERSUPPORT_DATABASE_URL": database_url}).database_url


def load_members(data: Path, database_url: str, count: int) -> list[Member]:
    """`count` members of DIR/accounts.json with the data keys their notes are sealed with
    (Argon2id per member, as the browser derives it, in two processes)."""
    from sqlalchemy import bindparam, create_engine, text

    rows = json.loads((data / "accounts.json").read_text())
    RNG.shuffle(rows)
    rows = rows[:count]
    if not rows:
        return []
    engine = create_engine(driver_url(database_url))
    with engine.connect() as connection:
        query = text(
            "SELECT pseudonym, kdf_params, wrapped_dk FROM accounts WHERE pseudonym IN :names"
        ).bindparams(bindparam("names", expanding=True))
        names = [row["pseudonym"] for row in rows]
        stored = {
            name: (kdf, wrapped)
            for name, kdf, wrapped in connection.execute(query, {"names": names})
        }
    engine.dispose()
    jobs = [(row["pseudonym"], row["passphrase"], *stored[row["pseudonym"]]) for row in rows]
    with multiprocessing.Pool(2) as pool:
        keys = pool.map(_note_key, jobs)
    return [
        Member(row["pseudonym"], row["auth_key"], key) for row, key in zip(rows, keys, strict=True)
    ]


async def drive(
    base: str,
    protocol: Protocol,
    clients: int,
    posters: list[Member],
    duration: float,
    think: float,
    post_every: float | None,
    ramp: float,
    timeout: float,
    during: Callable[[float], None] | None = None,
    with_stories: bool = True,
    drops_expected: bool = False,
) -> tuple[Figures, float]:
    figures = Figures(drops_expected=drops_expected)
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as http:
        story_ids: list[int] = []
        first = await http.get("/verhalen")
        story_ids.extend(int(found) for found in STORY_LINK.findall(first.text))
        started = time.monotonic()
        stop_at = started + ramp + duration
        tasks = []
        for number in range(clients + len(posters)):
            tab = Tab(base, protocol, figures, timeout)
            reader: Reader = (
                Poster(tab, http, story_ids, posters[number - clients])
                if number >= clients
                else Reader(tab, http, story_ids)
            )
            reader.with_stories = with_stories
            delay = ramp * number / max(1, clients + len(posters))
            tasks.append(asyncio.create_task(run_client(reader, stop_at, think, post_every, delay)))
        if during is not None:
            asyncio.get_running_loop().run_in_executor(None, during, started)
        await asyncio.gather(*tasks)
    return figures, started + ramp


# --- the app and its processes ------------------------------------------------------------


@dataclass
class App:
    process: subprocess.Popen[bytes]
    url: str
    env: dict[str, str]
    log: Path


def start(arguments: argparse.Namespace, workers: int, log_dir: Path) -> App:
    port = free_port()
    env = dict(os.environ)
    for name in list(env):
        if name.startswith("PEERSUPPORT_"):
            del env[name]
    env.update(
        PEERSUPPORT_PORT=str(port),
        PEERSUPPORT_PUBLIC_URL=f"http://localhost:{port}",
        PEERSUPPORT_DATA_DIR=str(arguments.data),
        PEERSUPPORT_DATABASE_URL=arguments.database_url,
        PEERSUPPORT_REDIS_URL=arguments.redis_url,
        PEERSUPPORT_WORKERS=str(workers),
        # The posting clients post far more than boys do; the limits are not under test.
        PEERSUPPORT_ACCOUNT_LIMITS="10000/10000/1",
        REFLEX_WEB_WORKDIR=str(PROJECT_ROOT / ".web-load"),
    )
    flush_redis(arguments.redis_url)
    log = log_dir / f"app-{workers}-workers-{int(time.time())}.log"
    process = start_app(env, log)
    return App(process, f"http://localhost:{port}", env, log)


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def redis_memory(url: str) -> int:
    import redis

    return int(redis.Redis.from_url(url).info("memory")["used_memory"])


def workers_of(app: App) -> list[int]:
    """The backend worker processes: the children of the server process."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == app.process.pid:
            children.append(int(entry.name))
    return sorted(children)


def cpu_seconds(pid: int) -> float:
    """User and system CPU time a process has used so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def processes_named(*names: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() in names:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def cpu_by_part(app: App) -> dict[str, float]:
    """CPU seconds used so far by the app's workers, the load generator, PostgreSQL and
    Redis (every such process on the machine: run nothing else beside a measurement)."""
    return {
        "backend workers": sum(cpu_seconds(pid) for pid in [app.process.pid, *workers_of(app)]),
        "load generator": cpu_seconds(os.getpid()),
        "PostgreSQL": sum(cpu_seconds(pid) for pid in processes_named("postgres")),
        "Redis": sum(cpu_seconds(pid) for pid in processes_named("redis-server")),
        # Everything the cores did, also in processes that ended within the window (a
        # PostgreSQL connection's process, say) and in the kernel: the parts above
        # should add up to nearly this.
        "whole machine": machine_busy_seconds(),
    }


def machine_busy_seconds() -> float:
    """CPU seconds all cores have spent busy since boot (not idle, not waiting on disk)."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle, iowait = fields[3], fields[4]
    return (sum(fields[:8]) - idle - iowait) / os.sysconf("SC_CLK_TCK")


def rss_bytes(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


# --- tables -------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def _latency_row(label: str, values: list[float], seconds: float) -> str:
    return (
        f"{label:<26}{len(values):>8}{len(values) / seconds:>8.1f}"
        f"{statistics.median(values):>9.1f}{percentile(values, 0.95):>9.1f}"
        f"{percentile(values, 0.99):>9.1f}{max(values):>9.1f}"
    )


def print_latencies(title: str, figures: Figures, seconds: float) -> None:
    print(f"\n{title}")
    print(
        f"{'what':<26}{'count':>8}{'per s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}"
    )
    every: list[float] = []
    for kind in sorted(figures.latencies):
        values = figures.latencies[kind]
        if kind.startswith("event "):
            every.extend(values)
        print(_latency_row(kind, values, seconds))
    if every:
        p95 = percentile(every, 0.95)
        verdict = "OK" if p95 < LATENCY_TARGET_MS and not figures.errors else "MISSED"
        print(
            _latency_row("all websocket events", every, seconds)
            + f"   target p95 < {LATENCY_TARGET_MS:.0f} ms, 0 errors: {verdict}"
        )
    print(f"errors: {sum(figures.errors.values())}  reconnects: {figures.reconnects}")
    for name, count in figures.other_frames.most_common():
        print(f"  {count:>6}  other messages from the server: {name}")
    for kind, count in figures.errors.most_common():
        print(f"  {count:>6}  {kind}: {figures.error_examples[kind]}")
    for kind, count in figures.refused.most_common():
        print(f"  {count:>6}  refused by the posting limits or a locked thread: {kind}")


def check_saved(database_url: str, figures: Figures, since: float) -> list[str]:
    """Every reply and note the app accepted is in the database."""
    from sqlalchemy import bindparam, create_engine, text

    problems = []
    engine = create_engine(driver_url(database_url))
    since_at = datetime.fromtimestamp(since, UTC)
    if database_url.startswith("sqlite"):
        since_at = since_at.replace(tzinfo=None)
    with engine.connect() as connection:
        for pseudonym, accepted in figures.accepted_replies.items():
            stored = connection.execute(
                text(
                    "SELECT count(*) FROM board_posts p JOIN accounts a ON a.id = p.author_id"
                    " WHERE a.pseudonym = :name AND p.created_at >= :since"
                ),
                {"name": pseudonym, "since": since_at},
            ).scalar_one()
            if stored < accepted:
                problems.append(f"{pseudonym}: {accepted} replies accepted, {stored} stored")
        note_ids = [note for notes in figures.accepted_notes.values() for note in notes]
        stored_notes = 0
        for start_at in range(0, len(note_ids), 500):
            chunk = note_ids[start_at : start_at + 500]
            stored_notes += connection.execute(
                text("SELECT count(*) FROM notes WHERE id IN :ids").bindparams(
                    bindparam("ids", expanding=True)
                ),
                {"ids": chunk},
            ).scalar_one()
        if stored_notes != len(note_ids):
            problems.append(f"{len(note_ids)} notes accepted, {stored_notes} stored")
    engine.dispose()
    print(
        f"accepted replies: {sum(figures.accepted_replies.values())}, accepted notes: "
        f"{sum(len(n) for n in figures.accepted_notes.values())}; in the database afterwards: "
        + ("all of them" if not problems else "; ".join(problems))
    )
    return problems


# --- scenarios ----------------------------------------------------------------------------


def scenario_readers(
    arguments: argparse.Namespace, log_dir: Path, kill_after: float | None = None
) -> None:
    members = load_members(arguments.data, arguments.database_url, arguments.posters)
    app = start(arguments, arguments.workers, log_dir)
    try:
        protocol = record_protocol(app.url)
        workers = workers_of(app)
        killed: dict[str, Any] = {}

        cpu: list[dict[str, float]] = []

        def killer(started: float) -> None:
            if kill_after is None:
                # Without a kill: where the cores went after the ramp.
                time.sleep(max(0.0, started + arguments.ramp - time.monotonic()))
                cpu.append(cpu_by_part(app))
                time.sleep(arguments.duration)
                cpu.append(cpu_by_part(app))
                return
            time.sleep(max(0.0, started + arguments.ramp + kill_after - time.monotonic()))
            victim = RNG.choice(workers_of(app))
            killed["pid"], killed["at"] = victim, time.monotonic()
            os.kill(victim, signal.SIGKILL)
            print(
                f"[load] SIGKILL to backend worker {victim} after {kill_after:.0f} s of load",
                flush=True,
            )
            time.sleep(10)
            killed["after"] = workers_of(app)
            killed["alive"] = app.process.poll() is None

        wall_start = time.time()
        figures, measured_from = asyncio.run(
            drive(
                app.url,
                protocol,
                arguments.clients,
                members[: arguments.posters],
                arguments.duration,
                arguments.think,
                arguments.post_every,
                arguments.ramp,
                arguments.timeout,
                killer,
                drops_expected=kill_after is not None,
            )
        )
        title = (
            f"{arguments.clients} readers + {arguments.posters} posters, "
            f"{arguments.workers} workers, {arguments.duration:.0f} s after a "
            f"{arguments.ramp:.0f} s ramp, think time {arguments.think} s"
        )
        print_latencies(title, figures, arguments.duration + arguments.ramp)
        if len(cpu) == 2:
            used = {part: cpu[1][part] - cpu[0][part] for part in cpu[0]}
            print(
                f"CPU after the ramp ({arguments.duration:.0f} s, {os.cpu_count()} cores): "
                + ", ".join(
                    f"{part} {seconds / arguments.duration:.0%}" for part, seconds in used.items()
                )
            )
        if kill_after is not None:
            before = [lat for at, lat in figures.timeline if at < killed.get("at", 0)]
            after = [lat for at, lat in figures.timeline if at >= killed.get("at", 0) + 5]
            span_before = killed.get("at", measured_from) - (measured_from - arguments.ramp)
            span_after = (measured_from + arguments.duration) - (killed.get("at", 0) + 5)
            print(
                f"killed worker {killed.get('pid')}; workers before {workers}, 10 s later "
                f"{killed.get('after')}; server still running: {killed.get('alive')}"
            )
            print(
                f"events/s before the kill: {len(before) / max(span_before, 1):.1f}, "
                f"from 5 s after it: {len(after) / max(span_after, 1):.1f}; "
                f"interrupted actions: {figures.interrupted}"
            )
        check_saved(arguments.database_url, figures, wall_start - 5)
    finally:
        stop_app(app.process)


@dataclass
class ThroughputRun:
    round: int
    workers: int
    latencies: list[float]
    errors: int
    cpu: dict[str, float]


def throughput_run(
    arguments: argparse.Namespace, log_dir: Path, workers: int, round_number: int
) -> ThroughputRun:
    """One run of --clients clients without pause against a fresh app with `workers`."""
    app = start(arguments, workers, log_dir)
    try:
        protocol = record_protocol(app.url)
        cpu: list[dict[str, float]] = []

        def measure_cpu(started: float) -> None:
            # The same window as the events counted: after the ramp, for --duration.
            time.sleep(max(0.0, started + 5.0 - time.monotonic()))
            cpu.append(cpu_by_part(app))
            time.sleep(arguments.duration)
            cpu.append(cpu_by_part(app))

        figures, measured_from = asyncio.run(
            drive(
                app.url,
                protocol,
                arguments.clients,
                [],
                arguments.duration,
                0.0,
                None,
                5.0,
                arguments.timeout,
                measure_cpu,
                with_stories=False,
            )
        )
    finally:
        stop_app(app.process)
    print_latencies(
        f"throughput, round {round_number}, {workers} worker(s), "
        f"{arguments.clients} clients without pause",
        figures,
        arguments.duration,
    )
    used = {part: cpu[1][part] - cpu[0][part] for part in cpu[0]} if len(cpu) == 2 else {}
    # Counted after the ramp only: every client busy, no pause.
    steady = [lat for at, lat in figures.timeline if at >= measured_from]
    return ThroughputRun(round_number, workers, steady, sum(figures.errors.values()), used)


def scenario_throughput(arguments: argparse.Namespace, log_dir: Path) -> None:
    counts = [int(part) for part in arguments.workers_list.split(",")]
    seconds = arguments.duration
    # The worker counts take turns, --rounds times: what a worker costs per event drifts
    # by a quarter from minute to minute on this shared machine, and one run of each
    # would compare two different minutes.
    runs = [
        throughput_run(arguments, log_dir, workers, number)
        for number in range(1, arguments.rounds + 1)
        for workers in counts
    ]
    print(f"\n{'round':>6}{'workers':>8}{'events/s':>10}{'p50 ms':>9}{'p95 ms':>9}{'errors':>8}")
    for run in runs:
        print(
            f"{run.round:>6}{run.workers:>8}{len(run.latencies) / seconds:>10.1f}"
            f"{percentile(run.latencies, 0.5):>9.1f}{percentile(run.latencies, 0.95):>9.1f}"
            f"{run.errors:>8}"
        )
    rates = {
        workers: sum(len(run.latencies) for run in runs if run.workers == workers)
        / (seconds * arguments.rounds)
        for workers in counts
    }
    base = rates[counts[0]]
    print(f"\nover all rounds\n{'workers':>8}{'events/s':>10}{f'x {counts[0]} worker(s)':>16}")
    for workers, rate in rates.items():
        print(f"{workers:>8}{rate:>10.1f}{rate / base:>16.2f}")
    if len(counts) > 1 and counts[0] == 1:
        verdict = "OK" if rates[counts[1]] / base >= SCALE_TARGET else "MISSED"
        print(f"target: {counts[1]} workers >= {SCALE_TARGET}x one worker: {verdict}")
    # Where the machine's cores went in each measured window: the load generator and the
    # databases share them with the workers.
    measured = [run for run in runs if run.cpu]
    if measured:
        parts = list(measured[0].cpu)
        print(f"\nCPU in the measured window ({seconds:.0f} s, {os.cpu_count()} cores)")
        print(
            f"{'round':>6}{'workers':>8}"
            + "".join(f"{part:>18}" for part in parts)
            + f"{'ms/event':>18}"
        )
        for run in measured:
            shares = "".join(
                f"{run.cpu[part]:>7.1f} s ({run.cpu[part] / seconds:>4.0%})" for part in parts
            )
            per_event = run.cpu["backend workers"] * 1000 / max(len(run.latencies), 1)
            print(f"{run.round:>6}{run.workers:>8}{shares}{per_event:>12.2f} (workers)")


def scenario_idle(arguments: argparse.Namespace, log_dir: Path) -> None:
    app = start(arguments, arguments.workers, log_dir)
    try:
        protocol = record_protocol(app.url)

        async def hold() -> tuple[int, int, int, int, int]:
            figures = Figures()
            tabs = [
                Tab(app.url, protocol, figures, arguments.timeout) for _ in range(arguments.clients)
            ]
            # Warm every worker up with a few clients first, so the figure is per client.
            warm = tabs[:10]
            for tab in warm:
                await tab.open("/prikbord/bord", "nr=1")
            await asyncio.sleep(2)
            rss_before = sum(rss_bytes(pid) for pid in workers_of(app))
            redis_before = redis_memory(arguments.redis_url)
            for start_at in range(10, len(tabs), 50):
                await asyncio.gather(
                    *(tab.open("/prikbord/bord", "nr=1") for tab in tabs[start_at : start_at + 50])
                )
            # Past the seconds a worker keeps a tab's state in memory after its events.
            await asyncio.sleep(10)
            rss_after = sum(rss_bytes(pid) for pid in workers_of(app))
            redis_after = redis_memory(arguments.redis_url)
            for tab in tabs:
                await tab.close()
            return len(tabs) - len(warm), rss_before, rss_after, redis_before, redis_after

        count, rss_before, rss_after, redis_before, redis_after = asyncio.run(hold())
        print(f"\nidle clients hydrated on a board page, {arguments.workers} workers")
        print(f"{'what':<34}{'before':>12}{'after':>12}{'per client':>12}")
        for label, before, after in (
            ("backend workers RSS", rss_before, rss_after),
            ("Redis used memory", redis_before, redis_after),
        ):
            print(
                f"{label:<34}{before / 2**20:>9.1f} MiB{after / 2**20:>9.1f} MiB"
                f"{(after - before) / count / 1024:>9.1f} KiB"
            )
        print(f"({count} clients added after 10 warm-up clients)")
    finally:
        stop_app(app.process)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("scenario", choices=("readers", "throughput", "idle", "kill"))
    parser.add_argument("--data", type=Path, required=True, help="folder made by bench/datagen.py")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--workers-list", default="1,2")
    parser.add_argument(
        "--rounds", type=int, default=2, help="throughput: times each worker count runs, in turn"
    )
    parser.add_argument("--clients", type=int, help="default: 500, or 40 for throughput (no pause)")
    parser.add_argument("--posters", type=int, default=20)
    parser.add_argument(
        "--duration", type=float, help="seconds; default: 300, 120 for kill, 60 for throughput"
    )
    parser.add_argument("--ramp", type=float, default=30.0)
    parser.add_argument("--think", type=float, default=5.0)
    parser.add_argument("--post-every", type=float, default=20.0)
    parser.add_argument("--kill-after", type=float, default=60.0)
    parser.add_argument("--timeout", type=float, default=10.0)
    arguments = parser.parse_args()
    if arguments.clients is None:
        arguments.clients = 40 if arguments.scenario == "throughput" else 500
    if arguments.duration is None:
        arguments.duration = {"kill": 120.0, "throughput": 60.0}.get(arguments.scenario, 300.0)
    os.environ.setdefault("PEERSUPPORT_DATA_DIR", str(arguments.data))
    os.environ.setdefault("PEERSUPPORT_DATABASE_URL", arguments.database_url)
    # The app's log stays for reading after the run (it holds no personal data).
    log_dir = Path(tempfile.mkdtemp(prefix="peersupport-load-"))
    print(f"[load] the app's log goes to {log_dir}", flush=True)
    if arguments.scenario == "readers":
        scenario_readers(arguments, log_dir)
    elif arguments.scenario == "kill":
        scenario_readers(arguments, log_dir, kill_after=arguments.kill_after)
    elif arguments.scenario == "throughput":
        scenario_throughput(arguments, log_dir)
    else:
        scenario_idle(arguments, log_dir)


if __name__ == "__main__":
    main()
