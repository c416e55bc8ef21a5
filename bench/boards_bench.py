"""Benchmark of the message boards and the moderation queue: server time with a million
published posts.

    .venv/bin/python bench/boards_bench.py [--threads 50000] [--posts 1000000]
        [--pending 5000] [--no-history] [--runs 11] [--explain]
        [--keep PATH | --database-url postgresql://...]

Seeds a throw-away database (SQLite in a temporary folder, or with --database-url a new
database on that PostgreSQL server, dropped at the end), migrated with Alembic and
written in bulk with SQLAlchemy Core (executemany in chunks of CHUNK rows):
- AUTHORS members and one moderator;
- --threads listed threads over the boards of `peersupport/content/boards.toml`
  (uneven: the first board gets the most), created over the last two years, holding
  --posts published posts in all: about 20 a thread, a long tail, and LONG_THREADS
  threads of 2,000-4,000 posts; ids in the order the posts were written, so a thread's
  posts lie scattered over the table as they do on a live server; 5% of the replies
  quote an earlier post. Each thread's reply count and latest activity agree with its
  posts;
- unless --no-history, the approved moderation item of every published post (every
  post went through the queue, so a live database has one for each);
- --pending moderation items waiting, a fifth of them new threads and the rest replies,
  each with its pending post. One member, the viewer, waits for a thread of his own on
  the biggest board and for replies at the end of the longest thread.
With --keep PATH the SQLite file at PATH is made once and used again by later runs.

Measured in-process, each call in its own session as the app's states run them: the
board page (first page as a visitor and as the viewer, and BOARD_PAGES pages in by
following the cursors), the thread page (first page of the longest thread, a page
DEEP_POSTS posts in, the same two as the viewer, and the first page of a different
ordinary thread every run), and the moderator's queue page and queue figures. For each:
median and 95th percentile over --runs after a warm-up, the time spent in SQL, and the
number of SQL statements (counted on the app's engine; it must not vary). Also checks
that nobody sees another member's waiting post. Target: every median under 50 ms.
A missed target (or --explain) prints the plan of the call's slowest statement.
Nothing here fails on a missed target.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stories_bench import throw_away_postgres

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from peersupport.models import Account

PROJECT_ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50.0
WARM_UP = 3
CHUNK = 10_000
COMMIT_EVERY = 100_000
AUTHORS = 500
VIEWER = "Meelezer"
MODERATOR = "Moderator"
LONG_THREADS = (4_000, 3_500, 3_000, 2_500, 2_000)
BOARD_WEIGHTS = (4, 3, 2, 1)
BOARD_PAGES = 100
DEEP_POSTS = 2_000
VIEWER_PENDING_REPLIES = 5
QUOTE_SHARE = 0.05
LOCKED_SHARE = 0.005
# Published posts are written in these two years up to PENDING_DAYS ago; what waits in
# the queue came in after that.
HISTORY_DAYS = 730
PENDING_DAYS = 3
PENDING_THREAD_SHARE = 0.2
# Above this much SQL time per call (median), the slowest statement is printed.
SQL_NOTE_MS = 10.0

SENTENCES = (
    "Ik herken dit zo erg, bij mij begon het ook met een berichtje.",
    "Dank je dat je dit deelt, je bent niet de enige.",
    "Het was niet jouw schuld, echt niet.",
    "Wat mij hielp was het vertellen aan mijn mentor.",
    "Ik heb lang gedacht dat dit jongens niet overkwam.",
    "Bij de Kindertelefoon schrokken ze niet van mijn verhaal.",
    "Sporten helpt mij om mijn hoofd leeg te maken.",
    "Soms gaat het goed en soms komt alles ineens terug.",
    "Heeft iemand ervaring met aangifte doen?",
    "De rechercheur was rustig en ik mocht pauzes nemen.",
    "Ik slaap nog steeds slecht, hebben jullie tips?",
    "Mijn ouders weten het nu en dat lucht op.",
    "Ademhalen en tellen klinkt simpel, maar het werkt echt.",
    "Je mag grenzen aangeven, ook online.",
    "Wie jou onder druk zet is geen vriend.",
    "Ik ben blij dat dit prikbord er is.",
    "Praten met een psycholoog was eerst eng, nu ben ik blij dat ik het doe.",
    "Ik durfde het pas na een jaar aan iemand te vertellen.",
    "Hoe vertel je dit aan je beste vriend?",
    "Het helpt om te lezen dat anderen hetzelfde voelen.",
    "Ik schaam me nog vaak, maar minder dan eerst.",
    "Bij het CSG legden ze alles rustig uit.",
    "Neem je tijd, er is geen haast.",
    "Ik wou dat ik dit eerder had gelezen.",
)
TITLES = (
    "Hoe vertel ik het mijn ouders?",
    "Slecht slapen sinds het gebeurd is",
    "Ervaring met aangifte?",
    "Wat hielp jullie in het begin?",
    "Ik dacht dat ik de enige was",
    "Tips voor op school",
    "Mijn eerste keer praten met iemand",
    "Boos op mezelf",
    "Hoe ga je om met herinneringen?",
    "Wat als hij de foto's deelt?",
    "Een goede dag vandaag",
    "Helpwanted gebeld",
    "Niet weten of ik op jongens val",
    "Vertrouwenspersoon op school",
    "Een jaar later",
)


# --- seeding ---------------------------------------------------------------------------


@dataclass
class ThreadPlan:
    """The listed threads before their posts are written: index i gets id i + 1."""

    boards: list[str]
    authors: list[int]
    created: list[float]  # POSIX seconds, oldest first
    lengths: list[int]  # posts, the opening post included
    latest: list[float] = field(default_factory=list)  # latest approval, from the posts


@dataclass
class SeedFigures:
    seconds: dict[str, float]
    rows: dict[str, int]


def _bodies(rng: random.Random) -> list[str]:
    """A thousand post texts of one to six sentences, picked from for every post."""
    return [" ".join(rng.sample(SENTENCES, rng.randint(1, 6))) for _ in range(1_000)]


def _thread_lengths(rng: random.Random, threads: int, posts: int) -> tuple[list[int], list[int]]:
    """Posts per thread: the LONG_THREADS that fit in a fifth of the posts beyond one a
    thread, and a long tail (Pareto) for the others; `posts` in all."""
    if posts < threads:
        raise SystemExit(f"--posts ({posts}) must be at least --threads ({threads})")
    long: list[int] = []
    for length in LONG_THREADS:
        if sum(long) + length <= (posts - threads) // 5 and len(long) < threads // 2:
            long.append(length)
    rest = threads - len(long)
    weights = [min(rng.paretovariate(1.3), 400.0) for _ in range(rest)]
    scale = (posts - sum(long) - rest) / sum(weights)
    lengths = [1 + int(weight * scale) for weight in weights]
    for index in rng.choices(range(rest), k=posts - sum(long) - sum(lengths)):
        lengths[index] += 1
    return long, lengths


def _plan_threads(
    rng: random.Random, threads: int, posts: int, boards: Sequence[str], end: float
) -> ThreadPlan:
    """Threads oldest first; the long ones among the older half (they had time to grow)."""
    long, others = _thread_lengths(rng, threads, posts)
    chosen = set(rng.sample(range(threads // 2), len(long)))
    rng.shuffle(others)
    long_lengths, other_lengths = iter(long), iter(others)
    start = end - HISTORY_DAYS * 86_400
    weights = [BOARD_WEIGHTS[i % len(BOARD_WEIGHTS)] for i in range(len(boards))]
    return ThreadPlan(
        boards=rng.choices(list(boards), weights=weights, k=threads),
        authors=[rng.randint(1, AUTHORS) for _ in range(threads)],
        created=sorted(rng.uniform(start, end - 86_400) for _ in range(threads)),
        lengths=[next(long_lengths if i in chosen else other_lengths) for i in range(threads)],
    )


def _schedule(rng: random.Random, plan: ThreadPlan, end: float) -> list[tuple[float, float, int]]:
    """(written, approved, thread index) of every post, in the order they were written.

    A thread's opening post is its first; replies come in over a span that is short
    for most threads and the thread's whole life for the long ones. Also fills in each
    thread's latest approval.
    """
    posts: list[tuple[float, float, int]] = []
    for index, (created, length) in enumerate(zip(plan.created, plan.lengths, strict=True)):
        life = end - created
        span = life if length >= LONG_THREADS[-1] else life * rng.random() ** 3
        latest = created + rng.uniform(60, 7_200)
        posts.append((created, latest, index))
        for _ in range(length - 1):
            written = created + 1 + span * rng.random()
            approved = written + rng.uniform(60, 7_200)
            latest = max(latest, approved)
            posts.append((written, approved, index))
        plan.latest.append(latest)
    posts.sort()
    return posts


def _account_rows(rng: random.Random, today: date) -> list[dict[str, Any]]:
    """AUTHORS members (the first is the viewer) and the moderator, last; no usable login."""
    from peersupport.services.notes_protocol import normalize_pseudonym

    rows = []
    for number in range(1, AUTHORS + 2):
        name = VIEWER if number == 1 else f"Schrijver{number:03d}"
        role = "member"
        if number == AUTHORS + 1:
            name, role = MODERATOR, "moderator"
        joined = today - timedelta(days=rng.randint(30, 1_000))
        rows.append(
            {
                "id": number,
                "pseudonym": name,
                "pseudonym_key": normalize_pseudonym(name),
                "role": role,
                "kdf_params": "{}",
                "auth_hash": "-",
                "wrapped_dk": "-",
                "recovery_auth_hash": "-",
                "wrapped_dk_rc": "-",
                "created_month": joined.replace(day=1),
                "created_on": joined,
                "suspended": False,
            }
        )
    return rows


def _item_row(
    item_id: int, post: dict[str, Any], title: str, decided_by: int | None
) -> dict[str, Any]:
    """The moderation item of a post: approved by `decided_by`, or waiting when None."""
    waiting = decided_by is None
    return {
        "id": item_id,
        "kind": "thread" if post["opening"] else "reply",
        "story_id": None,
        "post_id": post["id"],
        "author_id": post["author_id"],
        "state": "pending" if waiting else "approved",
        "queued_at": post["created_at"],
        "original_title": title if post["opening"] else "",
        "original_body": post["body"],
        "findings": "[]",
        "flags": "[]",
        "escalated": False,
        "claimed_by": None,
        "claimed_at": None,
        "decision": None if waiting else "approved",
        "decided_by": decided_by,
        "decided_at": None if waiting else post["published_at"],
        "reason": None,
    }


def _post_row(
    post_id: int, thread_id: int, author: int, opening: bool, body: str, written: object
) -> dict[str, Any]:
    return {
        "id": post_id,
        "thread_id": thread_id,
        "author_id": author,
        "opening": opening,
        "body": body,
        "quote_of": None,
        "state": "pending",
        "hidden": False,
        "created_at": written,
        "published_at": None,
        "rejection_template": None,
        "rejection_reason": None,
    }


class Loader:
    """Inserts rows with Core executemany, CHUNK rows a statement, on one connection.

    The rows go to a lightweight `table()` with untyped columns, so SQLAlchemy hands
    the values to the driver as they are; timestamps are therefore given as UtcDateTime
    stores them (`stamp`). Converting each one in SQLAlchemy's types doubled the time.
    """

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        self.sqlite = connection.dialect.name == "sqlite"
        self.rows: dict[str, int] = {}
        self.uncommitted = 0

    def stamp(self, seconds: float) -> datetime | str:
        """SQLite: naive UTC text in SQLAlchemy's DATETIME format; PostgreSQL: aware UTC."""
        at = datetime.fromtimestamp(seconds, UTC)
        return at.replace(tzinfo=None).isoformat(" ", "microseconds") if self.sqlite else at

    def insert(self, model: type, rows: list[dict[str, Any]], *, typed: bool = False) -> None:
        """`typed`: through the model's column types (for the few rows with dates)."""
        from sqlalchemy import column, insert, table

        if not rows:
            return
        name: str = model.__tablename__  # type: ignore[attr-defined]
        target = model if typed else table(name, *(column(key) for key in rows[0]))
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            self.connection.execute(insert(target), chunk)
            self.uncommitted += len(chunk)
            if self.uncommitted >= COMMIT_EVERY:
                self.commit()
        self.rows[name] = self.rows.get(name, 0) + len(rows)

    def commit(self) -> None:
        self.connection.commit()
        self.uncommitted = 0


def seed(threads: int, posts: int, pending: int, now: datetime, *, history: bool) -> SeedFigures:
    """Write the accounts, threads, posts and moderation items into the configured DB:
    `threads` listed threads holding `posts` published posts (with their approved items
    when `history`) and `pending` waiting items. Also used by bench/datagen.py."""
    from peersupport.content.boards import boards_content
    from peersupport.database import get_engine
    from peersupport.models import Account, BoardThread

    rng = random.Random(20261204)  # noqa: S311 - reproducible data, not secrets
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    end = now.timestamp() - PENDING_DAYS * 86_400
    boards = boards_content().keys
    plan = _plan_threads(rng, threads, posts, boards, end)
    schedule = _schedule(rng, plan, end)
    titles = [rng.choice(TITLES) for _ in range(threads)]
    seconds["planning in Python"] = time.perf_counter() - started
    engine = get_engine()
    with engine.connect() as connection:
        _prepare_for_load(connection)
        loader = Loader(connection)
        step = time.perf_counter()
        loader.insert(Account, _account_rows(rng, now.date()), typed=True)
        loader.insert(
            BoardThread,
            [
                {
                    "id": index + 1,
                    "board": plan.boards[index],
                    "author_id": plan.authors[index],
                    "title": titles[index],
                    "listed": True,
                    "locked": rng.random() < LOCKED_SHARE,
                    "created_at": loader.stamp(plan.created[index]),
                    "last_activity_at": loader.stamp(plan.latest[index]),
                    "reply_count": plan.lengths[index] - 1,
                }
                for index in range(threads)
            ],
        )
        seconds["accounts and threads"] = time.perf_counter() - step
        step = time.perf_counter()
        _load_posts(loader, rng, plan, schedule, titles, history=history)
        seconds["posts" + (" and their items" if history else "")] = time.perf_counter() - step
        del schedule
        step = time.perf_counter()
        _load_pending(loader, rng, plan, pending, boards[0], now, history=history)
        seconds["waiting items"] = time.perf_counter() - step
        step = time.perf_counter()
        _finish_load(connection, loader.rows)
        seconds["statistics, checkpoint"] = time.perf_counter() - step
    engine.dispose()  # the measurements get connections as the app opens them
    seconds["total"] = time.perf_counter() - started
    return SeedFigures(seconds=seconds, rows=loader.rows)


def _prepare_for_load(connection: Connection) -> None:
    """SQLite: no fsync, a big page cache, foreign keys unchecked while loading (the
    rows are made consistent here), and the WAL copied into the database once at the
    end rather than every 1,000 pages (half the load time). PostgreSQL: no waiting for
    the WAL flush."""
    if connection.dialect.name == "sqlite":
        for pragma in (
            "foreign_keys=OFF",
            "synchronous=OFF",
            "journal_mode=WAL",
            "wal_autocheckpoint=0",
            "cache_size=-262144",
            "temp_store=MEMORY",
        ):
            connection.exec_driver_sql(f"PRAGMA {pragma}")
    else:
        connection.exec_driver_sql("SET synchronous_commit = off")
    connection.commit()


def _load_posts(
    loader: Loader,
    rng: random.Random,
    plan: ThreadPlan,
    schedule: list[tuple[float, float, int]],
    titles: list[str],
    *,
    history: bool,
) -> None:
    from peersupport.models import BoardPost, ModerationItem

    bodies = _bodies(rng)
    moderator = AUTHORS + 1
    last_post = [0] * len(plan.lengths)
    for start in range(0, len(schedule), CHUNK):
        posts, items = [], []
        for offset, (written, approved, index) in enumerate(schedule[start : start + CHUNK]):
            post_id = start + offset + 1
            opening = last_post[index] == 0
            author = plan.authors[index] if opening else rng.randint(1, AUTHORS)
            body = rng.choice(bodies)
            post = _post_row(post_id, index + 1, author, opening, body, loader.stamp(written))
            post["state"], post["published_at"] = "published", loader.stamp(approved)
            if not opening and rng.random() < QUOTE_SHARE:
                post["quote_of"] = last_post[index]
            last_post[index] = post_id
            posts.append(post)
            if history:
                items.append(_item_row(post_id, post, titles[index], moderator))
        loader.insert(BoardPost, posts)
        if items:
            loader.insert(ModerationItem, items)


def _load_pending(
    loader: Loader,
    rng: random.Random,
    plan: ThreadPlan,
    count: int,
    viewer_board: str,
    now: datetime,
    *,
    history: bool,
) -> None:
    """Waiting threads and replies with their items, oldest first, ids after the rest.

    The viewer's: the first waiting thread, and the last VIEWER_PENDING_REPLIES replies
    (to the longest thread).
    """
    from peersupport.models import BoardPost, BoardThread, ModerationItem

    bodies = _bodies(rng)
    queued = sorted(now.timestamp() - rng.uniform(60, PENDING_DAYS * 86_400) for _ in range(count))
    new_threads = set(rng.sample(range(count), int(count * PENDING_THREAD_SHARE)))
    viewer_thread = min(new_threads, default=-1)
    longest = max(range(len(plan.lengths)), key=plan.lengths.__getitem__) + 1
    replies = sorted(set(range(count)) - new_threads)
    viewer_replies = set(replies[-VIEWER_PENDING_REPLIES:])
    thread_rows, posts, items = [], [], []
    post_id = sum(plan.lengths)
    item_id = post_id if history else 0
    thread_id = len(plan.lengths)
    for number, written in enumerate(queued):
        post_id, item_id = post_id + 1, item_id + 1
        mine = number == viewer_thread or number in viewer_replies
        author = 1 if mine else rng.randint(2, AUTHORS)
        title = ""
        if number in new_threads:
            thread_id += 1
            title = rng.choice(TITLES)
            thread_rows.append(
                {
                    "id": thread_id,
                    "board": viewer_board if mine else rng.choice(plan.boards),
                    "author_id": author,
                    "title": title,
                    "listed": False,
                    "locked": False,
                    "created_at": loader.stamp(written),
                    "last_activity_at": None,
                    "reply_count": 0,
                }
            )
            target = thread_id
        else:
            target = longest if mine else rng.randint(1, len(plan.lengths))
        body = rng.choice(bodies)
        at = loader.stamp(written)
        post = _post_row(post_id, target, author, number in new_threads, body, at)
        posts.append(post)
        item = _item_row(item_id, post, title, None)
        item["escalated"] = rng.random() < 0.02
        if rng.random() < 0.05:
            item["findings"] = '[{"kind": "phone", "text": "06 12345678"}]'
        if number < 3:
            item["claimed_by"] = AUTHORS + 1
            item["claimed_at"] = loader.stamp(now.timestamp() - 300)
        items.append(item)
    loader.insert(BoardThread, thread_rows)
    loader.insert(BoardPost, posts)
    loader.insert(ModerationItem, items)
    loader.commit()


def _finish_load(connection: Connection, rows: dict[str, int]) -> None:
    """Sequences past the written ids (PostgreSQL), then planner statistics, as a live
    database has them (and, on PostgreSQL, the visibility map autovacuum keeps)."""
    from sqlalchemy import func, select, text

    from peersupport.models import Account, BoardPost, BoardThread, ModerationItem

    if connection.dialect.name == "postgresql":
        for model in (Account, BoardThread, BoardPost, ModerationItem):
            table = model.__tablename__
            if rows.get(table):
                last = connection.scalar(select(func.max(model.id)))
                connection.execute(
                    text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), :last)"),
                    {"last": last},
                )
        connection.commit()
        connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    else:
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


# --- what is measured ----------------------------------------------------------------


@dataclass
class Targets:
    """The threads and accounts the calls use, found in the database (seeded or kept)."""

    board: str
    longest: int
    longest_posts: int
    ordinary: list[int]
    viewer: Account
    moderator: Account
    waiting: int
    own_threads: int  # the viewer's waiting threads on the board
    counts: dict[str, int]


def find_targets() -> Targets:
    from sqlalchemy import func, select

    from peersupport.database import session_scope
    from peersupport.models import Account, BoardPost, BoardThread, ModerationItem

    with session_scope() as session:
        board = session.execute(
            select(BoardThread.board)
            .where(BoardThread.listed)
            .group_by(BoardThread.board)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
        longest, replies = session.execute(
            select(BoardThread.id, BoardThread.reply_count)
            .where(BoardThread.listed)
            .order_by(BoardThread.reply_count.desc(), BoardThread.id)
            .limit(1)
        ).one()
        ordinary = list(
            session.scalars(
                select(BoardThread.id)
                .where(BoardThread.listed, BoardThread.reply_count.between(10, 40))
                .order_by(BoardThread.id)
                .limit(5_000)
            )
        )
        viewer = session.execute(select(Account).where(Account.pseudonym == VIEWER)).scalar_one()
        moderator = session.execute(
            select(Account).where(Account.role == "moderator").limit(1)
        ).scalar_one()
        waiting = session.execute(
            select(func.count()).where(ModerationItem.state == "pending")
        ).scalar_one()
        own_threads = session.execute(
            select(func.count()).where(
                BoardThread.board == board,
                BoardThread.author_id == viewer.id,
                ~BoardThread.listed,
            )
        ).scalar_one()
        counts = {
            "threads": session.execute(select(func.count(BoardThread.id))).scalar_one(),
            "posts": session.execute(select(func.count(BoardPost.id))).scalar_one(),
            "moderation items": session.execute(select(func.count(ModerationItem.id))).scalar_one(),
        }
    rng = random.Random(11)  # noqa: S311 - which threads to open, not secrets
    rng.shuffle(ordinary)
    return Targets(
        board, longest, replies + 1, ordinary, viewer, moderator, waiting, own_threads, counts
    )


@dataclass
class Row:
    name: str
    times_ms: list[float]
    queries: list[int]
    sql_ms: list[float]
    shown: int
    slowest: tuple[float, str, Any] = (0.0, "", None)

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


@dataclass
class SqlCounter:
    """Counts statements and their time on the app's engine, keeping their parameters."""

    count: int = 0
    seconds: float = 0.0
    started: float = 0.0
    statements: list[tuple[float, str, Any]] = field(default_factory=list)

    def reset(self) -> None:
        self.count, self.seconds, self.statements = 0, 0.0, []

    def before(self, *_args: object) -> None:
        self.count += 1
        self.started = time.perf_counter()

    def after(
        self, _conn: object, _cursor: object, statement: str, parameters: Any, *_args: object
    ) -> None:
        elapsed = time.perf_counter() - self.started
        self.seconds += elapsed
        self.statements.append((elapsed, statement, parameters))


def _size(result: object) -> int:
    """How many threads, posts or items a call returned (days for the queue figures)."""
    for name in ("threads", "posts", "days"):
        if hasattr(result, name):
            return len(getattr(result, name))
    return len(result) if isinstance(result, list) else 0


def measure(
    name: str, call: Callable[[Session, int], object], runs: int, counter: SqlCounter
) -> Row:
    """`call(session, run number)` WARM_UP times, then `runs` times timed, each in its own
    session (opened and committed inside the timing, as the app's states do)."""
    from peersupport.database import session_scope

    for number in range(WARM_UP):
        with session_scope() as session:
            call(session, -1 - number)
    row = Row(name, [], [], [], 0)
    by_statement: dict[str, list[tuple[float, Any]]] = {}
    for number in range(runs):
        counter.reset()
        started = time.perf_counter()
        with session_scope() as session:
            result = call(session, number)
        row.times_ms.append((time.perf_counter() - started) * 1000)
        row.queries.append(counter.count)
        row.sql_ms.append(counter.seconds * 1000)
        row.shown = _size(result)
        for seconds, statement, parameters in counter.statements:
            by_statement.setdefault(statement, []).append((seconds * 1000, parameters))
    statement, timings = max(
        by_statement.items(), key=lambda item: statistics.median(t for t, _ in item[1])
    )
    row.slowest = (statistics.median(t for t, _ in timings), statement, timings[-1][1])
    return row


def _follow(pages: int, page: Callable[[str], tuple[str, object]]) -> tuple[str, int]:
    """Follow next-cursors `pages` pages in (or up to the last page): (cursor, depth)."""
    cursor, depth = "", 1
    while depth < pages:
        following, _ = page(cursor)
        if not following:
            break
        cursor, depth = following, depth + 1
    return cursor, depth


def server_times(targets: Targets, runs: int) -> tuple[list[Row], list[str]]:
    from sqlalchemy import event

    from peersupport.database import get_engine, session_scope
    from peersupport.services import boards, moderation
    from peersupport.services.boards import POSTS_PAGE, THREADS_PAGE
    from peersupport.services.moderation import CHART_DAYS, QUEUE_PAGE

    viewer, moderator = targets.viewer, targets.moderator
    problems: list[str] = []

    def board_page(cursor: str) -> tuple[str, object]:
        with session_scope() as session:
            found = boards.list_threads(session, targets.board, None, cursor or None)
        return found.next_cursor, found

    def thread_page(who: Account | None, cursor: str) -> boards.ThreadView:
        with session_scope() as session:
            found = boards.get_thread(session, targets.longest, who, cursor or None)
        if found is None:
            raise SystemExit(f"thread {targets.longest} did not open")
        return found

    board_cursor, board_depth = _follow(BOARD_PAGES, board_page)
    post_cursor, post_depth = _follow(
        DEEP_POSTS // POSTS_PAGE + 1,
        lambda cursor: (thread_page(None, cursor).next_cursor, None),
    )
    problems += _check_visibility(targets, post_cursor, thread_page)

    def ordinary(session: Session, number: int) -> object:
        thread_id = targets.ordinary[number % len(targets.ordinary)] if targets.ordinary else 1
        return boards.get_thread(session, thread_id, None)

    board, longest = targets.board, targets.longest
    cases: list[tuple[str, Callable[[Session, int], object]]] = [
        (
            f"board '{board}', page 1, visitor",
            lambda s, _n: boards.list_threads(s, board, None),
        ),
        (
            f"board '{board}', page 1, signed in",
            lambda s, _n: boards.list_threads(s, board, viewer),
        ),
        (
            f"board '{board}', page {board_depth} (cursor)",
            lambda s, _n: boards.list_threads(s, board, None, board_cursor or None),
        ),
        (
            f"thread of {targets.longest_posts} posts, page 1",
            lambda s, _n: boards.get_thread(s, longest, None),
        ),
        (
            f"  same, page {post_depth} (cursor)",
            lambda s, _n: boards.get_thread(s, longest, None, post_cursor or None),
        ),
        ("  same, page 1, signed in", lambda s, _n: boards.get_thread(s, longest, viewer)),
        (
            f"  same, page {post_depth}, signed in",
            lambda s, _n: boards.get_thread(s, longest, viewer, post_cursor or None),
        ),
        ("ordinary thread, another each run", ordinary),
        (
            "moderation queue page (list_queue)",
            lambda s, _n: moderation.list_queue(s, moderator, datetime.now(UTC)),
        ),
        (
            "queue figures (queue_stats)",
            lambda s, _n: moderation.queue_stats(s, moderator, datetime.now(UTC)),
        ),
    ]
    counter = SqlCounter()
    engine = get_engine()
    event.listen(engine, "before_cursor_execute", counter.before)
    event.listen(engine, "after_cursor_execute", counter.after)
    try:
        rows = [measure(name, call, runs, counter) for name, call in cases]
    finally:
        event.remove(engine, "before_cursor_execute", counter.before)
        event.remove(engine, "after_cursor_execute", counter.after)
    # The deep pages are full unless the board or thread ends before them.
    full_board = THREADS_PAGE if board_depth == BOARD_PAGES else None
    expected = [THREADS_PAGE, THREADS_PAGE + targets.own_threads, full_board]
    expected += [POSTS_PAGE] * 4 + [None, min(QUEUE_PAGE, targets.waiting), CHART_DAYS]
    problems += [
        f"'{row.name.strip()}' showed {row.shown}, expected {want}"
        for row, want in zip(rows, expected, strict=True)
        if want is not None and row.shown != want
    ]
    return rows, problems


def _check_visibility(
    targets: Targets, cursor: str, thread_page: Callable[[Account | None, str], Any]
) -> list[str]:
    """From the deep page to the end of the longest thread: a visitor sees no waiting
    post, the viewer sees his own waiting replies and nobody else's."""
    problems = []
    waiting: dict[str, int] = {"visitor": 0, "viewer": 0}
    for who, label in ((None, "visitor"), (targets.viewer, "viewer")):
        page_cursor = cursor
        while True:
            found = thread_page(who, page_cursor)
            for post in found.posts:
                if post.status in ("waiting", "rejected"):
                    waiting[label] += 1
                    if not post.own:
                        problems.append(f"{label} sees someone else's waiting post {post.id}")
            if not found.next_cursor:
                break
            page_cursor = found.next_cursor
    if waiting["visitor"]:
        problems.append(f"a visitor sees {waiting['visitor']} waiting posts")
    if waiting["viewer"] != VIEWER_PENDING_REPLIES and targets.waiting:
        problems.append(
            f"the viewer sees {waiting['viewer']} of his {VIEWER_PENDING_REPLIES} waiting replies"
        )
    return problems


# --- the table ---------------------------------------------------------------------------


def print_table(rows: list[Row], problems: list[str], runs: int, explain: bool) -> None:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"Server time in-process, {runs} calls each after {WARM_UP} warm-up, in ms"
        f" (load average now {load} on {os.cpu_count()} cores)"
    )
    print(
        f"{'call':<42} {'median':>7} {'p95':>7} {'SQL':>7} {'queries':>7} {'shown':>5}"
        f" {'target':>7}  ok"
    )
    for row in rows:
        queries = (
            str(row.queries[0])
            if row.constant_queries
            else f"{min(row.queries)}-{max(row.queries)}!"
        )
        ok = row.median < TARGET_MS and row.constant_queries
        print(
            f"{row.name:<42} {row.median:>7.1f} {row.p95:>7.1f}"
            f" {statistics.median(row.sql_ms):>7.1f} {queries:>7} {row.shown:>5}"
            f" {'<' + str(int(TARGET_MS)):>7}  {'yes' if ok else 'NO'}"
        )
    print(
        "(ok: median under the target and the same number of statements every call; SQL: "
        "time in the driver's execute, which on SQLite leaves out fetching all but the first "
        "row; shown: threads, posts, items or days returned)"
    )
    print("visibility and page sizes: " + ("as expected" if not problems else "NO, see below"))
    for problem in problems:
        print(f"  PROBLEM: {problem}")
    for row in rows:
        if explain or row.median >= TARGET_MS or statistics.median(row.sql_ms) > SQL_NOTE_MS:
            _print_slowest(row)


def _print_slowest(row: Row) -> None:
    from peersupport.database import get_engine

    elapsed, statement, parameters = row.slowest
    flat = re.sub(r"^SELECT .*? FROM", "SELECT ... FROM", " ".join(statement.split()))
    print(f"\n  slowest statement of '{row.name.strip()}', median {elapsed:.1f} ms: {flat}")
    engine = get_engine()
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
            lines = [str(line[3]) for line in plan]
        else:
            plan = connection.exec_driver_sql(f"EXPLAIN (ANALYZE, BUFFERS) {statement}", parameters)
            lines = [str(line[0]) for line in plan]
        connection.rollback()
    for line in lines:
        print(f"    {line}")


# --- running --------------------------------------------------------------------------------


@contextmanager
def _database(arguments: argparse.Namespace, data_dir: Path) -> Iterator[tuple[str, bool]]:
    """(database URL, whether it still needs its data) for this run."""
    if arguments.database_url:
        with throw_away_postgres(arguments.database_url) as url:
            yield url, True
    elif arguments.keep:
        path = Path(arguments.keep).resolve()
        fresh = not path.exists()
        try:
            yield f"sqlite:///{path}", fresh
        except BaseException:
            if fresh:  # half-written data must not be used again
                for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    leftover.unlink(missing_ok=True)
            raise
    else:
        yield f"sqlite:///{data_dir / 'boards.db'}", True


def run(arguments: argparse.Namespace, database_url: str, fresh: bool) -> None:
    from peersupport.database import ensure_migrated, get_engine

    if fresh:
        # In a child process: Alembic's logging setup would otherwise fill this output.
        subprocess.run(
            [sys.executable, "-m", "peersupport", "migrate"],
            env=dict(os.environ),
            cwd=PROJECT_ROOT,
            check=True,
            capture_output=True,
        )
        figures = seed(
            arguments.threads,
            arguments.posts,
            arguments.pending,
            datetime.now(UTC),
            history=arguments.history,
        )
        print(f"Data written into {get_engine().dialect.name} in {figures.seconds['total']:.1f} s:")
        for step, seconds in figures.seconds.items():
            if step != "total":
                print(f"  {step:<28} {seconds:>6.1f} s")
        print("  rows: " + ", ".join(f"{name} {count:,}" for name, count in figures.rows.items()))
    else:
        ensure_migrated(get_engine(), database_url)
        print(f"Using the data already in {arguments.keep}")
    targets = find_targets()
    print(
        f"In the database: {targets.counts['threads']:,} threads, {targets.counts['posts']:,}"
        f" posts, {targets.counts['moderation items']:,} moderation items"
        f" ({targets.waiting:,} waiting)"
    )
    print()
    rows, problems = server_times(targets, arguments.runs)
    print_table(rows, problems, arguments.runs, arguments.explain)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--threads", type=int, default=50_000, help="listed threads")
    parser.add_argument("--posts", type=int, default=1_000_000, help="published posts")
    parser.add_argument("--pending", type=int, default=5_000, help="items waiting")
    parser.add_argument(
        "--history",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="an approved moderation item for every published post",
    )
    parser.add_argument("--runs", type=int, default=11, help="timed calls per measure")
    parser.add_argument(
        "--explain", action="store_true", help="print every call's slowest statement and plan"
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--keep", default="", help="a SQLite file: made if missing, used again if present"
    )
    where.add_argument(
        "--database-url", default="", help="a PostgreSQL server (a throw-away database is made)"
    )
    arguments = parser.parse_args()
    if arguments.threads < 1 or arguments.pending < 0 or arguments.runs < 1:
        parser.error("--threads and --runs must be positive, --pending not negative")

    data_dir = Path(tempfile.mkdtemp(prefix="peersupport-boards-bench-"))
    # Settings come from the environment: set them before anything imports peersupport.
    for name in [name for name in os.environ if name.startswith("PEERSUPPORT_")]:
        del os.environ[name]
    os.environ["PEERSUPPORT_DATA_DIR"] = str(data_dir)
    try:
        with _database(arguments, data_dir) as (database_url, fresh):
            os.environ["PEERSUPPORT_DATABASE_URL"] = database_url
            run(arguments, database_url, fresh)
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
