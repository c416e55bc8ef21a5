"""Data generator for load tests: a database the size of a busy server, with member
accounts a load generator can really log in to.

    .venv/bin/python bench/datagen.py --out DIR [--database-url postgresql://...]
        [--stories 10000] [--hidden N] [--threads 50000] [--posts 1000000] [--pending 0]
        [--accounts 500] [--notes-per-account 20]

Without --database-url the data goes into the SQLite file DIR/peersupport.db, the one the
app uses when started with PEERSUPPORT_DATA_DIR=DIR; with it, into that existing, empty
PostgreSQL database (start the app with the same PEERSUPPORT_DATABASE_URL). The schema is
first brought to the newest migration; a database that already holds accounts is refused
with exit code 2.

What is written, with the seeding code of the benchmarks (bulk SQLAlchemy Core inserts):
- the boards of bench/boards_bench.py: --threads threads over the boards of
  peersupport/content/boards.toml holding --posts published posts, each with its
  approved moderation item, --pending items waiting, and their 500 authors and one
  moderator (accounts without a usable login);
- the stories of bench/stories_bench.py: --stories published ones and --hidden (a fifth
  of --stories unless given) drafts, pending, rejected and withdrawn ones;
- --accounts members made as a browser makes them: the registration bundle of the notes
  protocol's Python reference (Argon2id; in a pool of POOL_SIZE processes), registered
  through `accounts.register` on a day 30 to 400 days ago (so none is a "new account"
  for the board posting limits), each with --notes-per-account notes sealed under his
  data key (real envelopes of harmless made-up text). Pseudonyms: Lezer0001, Lezer0002...

DIR/accounts.json (mode 0600) lists for each member his pseudonym, his passphrase and
his auth_key, what the browser sends to `accounts.login` (see
peersupport/state/account.py, finish_login). DIR/datagen.json holds the settings, the
counts and the timings.

Then it counts the rows in the database, logs the first member of accounts.json in
through `accounts.login` with his auth_key and opens all his notes with his passphrase
(rolled back: no session is left behind), and prints a table: each part, the rows asked
and found, the seconds it took, the database size and the total time. Exits 1 when a
count differs or the login fails.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import secrets
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, NoReturn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PROJECT_ROOT = Path(__file__).resolve().parent.parent
POOL_SIZE = 2
PSEUDONYM_PREFIX = "Lezer"
# The pseudonym rules allow at most five digits.
MAX_ACCOUNTS = 99_999
# Days since sign-up: well past the posting limits' new-account days (7 by default).
JOINED_DAYS = (30, 400)
PASSPHRASE_WORDS = 5
REFUSED = 2
EXCEPTION_LINE = re.compile(r"[A-Za-z_][\w.]*(Error|Exception): ")

NOTE_TITLES = (
    "Boodschappen",
    "Huiswerk deze week",
    "Ideeën voor het weekend",
    "Voetbaltraining",
    "Een rustige dag",
    "Films om te kijken",
    "Verjaardag van oma",
    "Planning stage",
    "Wat ik wil leren",
    "Muziek voor onderweg",
)
NOTE_SENTENCES = (
    "Vandaag was een rustige dag.",
    "Na school met een vriend naar de sportschool geweest.",
    "Morgen eerst de wiskunde afmaken.",
    "Brood, melk, appels en pindakaas halen.",
    "Het regende de hele middag, dus ik heb gelezen.",
    "Zaterdag om tien uur training, niet vergeten.",
    "Ik wil proberen vaker te wandelen.",
    "De nieuwe serie was beter dan ik dacht.",
    "Zondag gaan we bij oma eten.",
    "Fiets laten maken, de ketting kraakt.",
    "Een liedje gevonden dat ik steeds opnieuw luister.",
    "Op tijd naar bed gegaan, dat voelde goed.",
)
WORDS = (
    "appel", "boot", "kaars", "duin", "egel", "fluit", "gitaar", "haven", "inkt", "jas",
    "kompas", "lamp", "molen", "noord", "oever", "pier", "regen", "storm", "tulp", "vlag",
    "wolk", "zand", "brug", "dijk", "klok", "mast", "roos", "spoor", "trein", "zee",
)  # fmt: skip


@dataclass(frozen=True)
class AccountTask:
    """One member to make in a worker process."""

    pseudonym: str
    passphrase: str
    joined: datetime
    note_times: tuple[datetime, ...]
    seed: int


@dataclass
class Check:
    """A row of the table: what was asked, what the database holds."""

    label: str
    asked: int
    found: int
    seconds: float | None = None

    @property
    def ok(self) -> bool:
        return self.asked == self.found


# --- the members -------------------------------------------------------------------


def _note_content(rng: random.Random) -> dict[str, object]:
    return {
        "title": rng.choice(NOTE_TITLES),
        "body": " ".join(rng.sample(NOTE_SENTENCES, rng.randint(1, 6))),
    }


def make_account(task: AccountTask) -> dict[str, str]:
    """In a worker: build the registration bundle as the browser would, register it, and
    save the notes; returns what accounts.json lists for this member."""
    from peersupport.database import session_scope
    from peersupport.services import accounts, notes
    from peersupport.services.notes_protocol import build_registration, seal_note

    bundle, dk, _recovery_code = build_registration(task.pseudonym, task.passphrase)
    payload = bundle.to_json()
    rng = random.Random(task.seed)  # noqa: S311 - made-up note text, not secrets
    with session_scope() as session:
        account = accounts.register(session, task.pseudonym, payload, task.joined)
        for at in task.note_times:
            note_id = str(uuid.uuid4())
            envelope = seal_note(dk, note_id, _note_content(rng))
            notes.save_note(session, account, note_id, envelope, at)
    return {
        "pseudonym": task.pseudonym,
        "passphrase": task.passphrase,
        "auth_key": bundle.auth_key,
    }


def _worker_environment(env: dict[str, str]) -> None:
    """Pool initializer: the settings of the parent, before peersupport is imported."""
    for name in [name for name in os.environ if name.startswith("PEERSUPPORT_")]:
        del os.environ[name]
    os.environ.update(env)


def pseudonym(number: int, count: int) -> str:
    """Lezer0001...: letters and at most five digits pass the pseudonym rules."""
    return f"{PSEUDONYM_PREFIX}{number:0{max(4, len(str(count)))}d}"


def account_tasks(count: int, notes_per_account: int, now: datetime) -> list[AccountTask]:
    rng = random.Random(20261128)  # noqa: S311 - sign-up days and note times, not secrets
    tasks = []
    for number in range(1, count + 1):
        joined = now - timedelta(days=rng.randint(*JOINED_DAYS), seconds=rng.uniform(0, 86_400))
        span = (now - joined).total_seconds()
        note_times = sorted(
            joined + timedelta(seconds=rng.uniform(60, span)) for _ in range(notes_per_account)
        )
        tasks.append(
            AccountTask(
                pseudonym=pseudonym(number, count),
                passphrase=" ".join(secrets.choice(WORDS) for _ in range(PASSPHRASE_WORDS))
                + f" {secrets.randbelow(10_000):04d}",
                joined=joined,
                note_times=tuple(note_times),
                seed=rng.getrandbits(64),
            )
        )
    return tasks


def make_accounts(tasks: list[AccountTask], env: dict[str, str]) -> list[dict[str, str]]:
    """Every member through the services, POOL_SIZE at a time (Argon2id dominates)."""
    made: list[dict[str, str]] = []
    step = max(1, len(tasks) // 10)
    started = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with context.Pool(POOL_SIZE, initializer=_worker_environment, initargs=(env,)) as pool:
        for login in pool.imap_unordered(make_account, tasks):
            made.append(login)
            if len(made) % step == 0 and len(made) < len(tasks):
                print(
                    f"  members: {len(made):,} of {len(tasks):,}"
                    f" ({time.perf_counter() - started:.0f} s)",
                    flush=True,
                )
    return sorted(made, key=lambda login: login["pseudonym"])


def write_private_json(path: Path, data: object) -> None:
    """Write JSON readable by its owner only (0600, also when the file was there)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(descriptor, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(data, file, indent=1, ensure_ascii=False)
        file.write("\n")


# --- checking what was written ---------------------------------------------------------


def count_rows(arguments: argparse.Namespace, now: datetime) -> dict[str, tuple[int, int]]:
    """(asked, found) per kind of row, counted in the database."""
    from boards_bench import AUTHORS
    from sqlalchemy import func, select

    from peersupport.database import session_scope
    from peersupport.models import Account, BoardPost, BoardThread, ModerationItem, Note, Story
    from peersupport.services.boards import is_new_account
    from peersupport.settings import load_settings

    limits = load_settings().posting_limits
    with session_scope() as session:

        def count(model: type, *where: Any) -> int:
            return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)

        members = list(session.scalars(select(Account).where(Account.auth_hash != "-")))
        with_login = select(Account.id).where(Account.auth_hash != "-")
        counts = {
            "board threads, listed": (arguments.threads, count(BoardThread, BoardThread.listed)),
            "board posts, published": (
                arguments.posts,
                count(BoardPost, BoardPost.state == "published"),
            ),
            "moderation items, approved": (
                arguments.posts,
                count(ModerationItem, ModerationItem.state == "approved"),
            ),
            "board posts, waiting": (
                arguments.pending,
                count(BoardPost, BoardPost.state == "pending"),
            ),
            "moderation items, waiting": (
                arguments.pending,
                count(ModerationItem, ModerationItem.state == "pending"),
            ),
            "stories, published": (arguments.stories, count(Story, Story.state == "published")),
            "stories, not public": (arguments.hidden, count(Story, Story.state != "published")),
            # The board authors, their moderator and the stories' author.
            "accounts without a login": (AUTHORS + 2, count(Account, Account.auth_hash == "-")),
            "members with a login": (
                arguments.accounts,
                sum(member.auth_hash.startswith("$argon2id$") for member in members),
            ),
            "  of them past the new-account days": (
                arguments.accounts,
                sum(not is_new_account(member, limits, now) for member in members),
            ),
            "notes of the members": (
                arguments.accounts * arguments.notes_per_account,
                count(Note, Note.account_id.in_(with_login)),
            ),
        }
    return counts


def check_login(logins: list[dict[str, str]], notes_per_account: int) -> str:
    """Log the first member in as the browser does (his auth_key) and open his notes with
    his passphrase; rolled back. Returns "" or what went wrong."""
    from sqlalchemy.orm import sessionmaker

    from peersupport.database import get_engine
    from peersupport.models import Account
    from peersupport.services import accounts, notes
    from peersupport.services.errors import ServiceError
    from peersupport.services.notes_protocol import (
        KdfParams,
        ProtocolError,
        derive_keys,
        open_note,
        unwrap_dk,
    )
    from peersupport.settings import load_settings, server_secret

    first = logins[0]
    secret = server_secret(load_settings())
    session = sessionmaker(get_engine())()
    try:
        login = accounts.login(
            session, first["pseudonym"], first["auth_key"], False, secret, datetime.now(UTC)
        )
        kdf = accounts.kdf_params_for_login(session, first["pseudonym"], secret)
        kek = derive_keys(first["passphrase"], first["pseudonym"], KdfParams.from_json(kdf)).kek
        data_key = unwrap_dk(kek, login.wrapped_dk)
        account = session.get(Account, login.account_id)
        assert account is not None  # the login just found it
        opened = [
            open_note(data_key, note.id, note.envelope)
            for note in notes.list_notes(session, account)
        ]
    except (ServiceError, ProtocolError) as error:
        return f"{first['pseudonym']} could not log in or open his notes: {type(error).__name__}"
    finally:
        session.rollback()
        session.close()
    if len(opened) != notes_per_account:
        return f"{first['pseudonym']} has {len(opened)} notes, not {notes_per_account}"
    return ""


def database_size(out: Path) -> int:
    from sqlalchemy import text

    from peersupport.database import get_engine

    engine = get_engine()
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:
            return int(connection.scalar(text("SELECT pg_database_size(current_database())")) or 0)
    database = out / "peersupport.db"
    return sum(
        path.stat().st_size
        for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm"))
        if path.exists()
    )


def finish(out: Path) -> None:
    """Planner statistics for the tables written last; SQLite: the WAL into the file."""
    from peersupport.database import get_engine

    engine = get_engine()
    with engine.connect() as connection:
        for table in ("accounts", "notes"):
            connection.exec_driver_sql(f"ANALYZE {table}")
        connection.commit()
        if engine.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def write_summary(
    path: Path,
    arguments: argparse.Namespace,
    counts: dict[str, tuple[int, int]],
    seconds: dict[str, float],
    size: int,
    login: str,
) -> None:
    """DIR/datagen.json: the settings, the rows asked and found, the timings."""
    from sqlalchemy.engine import make_url

    from peersupport.database import get_engine

    engine = get_engine()
    summary = {
        "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": {
            "dialect": engine.dialect.name,
            "url": make_url(engine.url).render_as_string(hide_password=True),
            "size_bytes": size,
        },
        "settings": {
            "stories": arguments.stories,
            "hidden_stories": arguments.hidden,
            "threads": arguments.threads,
            "posts": arguments.posts,
            "pending": arguments.pending,
            "accounts": arguments.accounts,
            "notes_per_account": arguments.notes_per_account,
            "pseudonyms": f"{pseudonym(1, arguments.accounts)}.."
            f"{pseudonym(arguments.accounts, arguments.accounts)}"
            if arguments.accounts
            else "",
        },
        "rows": {
            label.strip(): {"asked": asked, "found": found}
            for label, (asked, found) in counts.items()
        },
        "seconds": {part: round(value, 2) for part, value in seconds.items()},
        "login_check": login or "ok",
        "ok": all(asked == found for asked, found in counts.values()) and not login,
    }
    path.write_text(json.dumps(summary, indent=1) + "\n", encoding="utf-8")


# --- running -----------------------------------------------------------------------------


def refuse(message: str) -> NoReturn:
    print(f"datagen: {message}", file=sys.stderr)
    raise SystemExit(REFUSED)


def migrate(database_url: str) -> None:
    """`upgrade_to_head` in a child process: Alembic's logging would fill this output."""
    code = (
        "from peersupport.database import upgrade_to_head\n"
        "from peersupport.settings import load_settings\n"
        "upgrade_to_head(load_settings().database_url)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        env=dict(os.environ),
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        # The exception's own line, not the traceback around it.
        lines = [line for line in done.stderr.splitlines() if EXCEPTION_LINE.match(line)]
        refuse(f"migrating {database_url} failed: {lines[-1] if lines else done.stderr[-500:]}")


def existing_accounts() -> int:
    from sqlalchemy import func, select

    from peersupport.database import session_scope
    from peersupport.models import Account

    with session_scope() as session:
        return int(session.scalar(select(func.count()).select_from(Account)) or 0)


def timed(seconds: dict[str, float], part: str, call: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = call()
    seconds[part] = time.perf_counter() - started
    print(f"{part}: {seconds[part]:.1f} s", flush=True)
    return result


def print_table(
    checks: list[Check], seconds: dict[str, float], size: int, total: float, who: str, login: str
) -> None:
    """`who`: the member whose login was tried ("" for none), `login`: what went wrong."""
    print()
    print(f"{'part':<36} {'asked':>11} {'found':>11} {'seconds':>8}  ok")
    print(f"{'schema at the newest migration':<36} {'':>11} {'':>11} {seconds['schema']:>8.1f}")
    for check in checks:
        spent = "" if check.seconds is None else f"{check.seconds:.1f}"
        print(
            f"{check.label:<36} {check.asked:>11,} {check.found:>11,} {spent:>8}"
            f"  {'yes' if check.ok else 'NO'}"
        )
    print(f"{'statistics, checkpoint':<36} {'':>11} {'':>11} {seconds['statistics']:>8.1f}")
    print(
        f"{'counting, login of ' + who if who else 'counting':<36} {'':>11} {'':>11}"
        f" {seconds['verification']:>8.1f}"
        f"  {'yes' if not login else 'NO'}"
    )
    print(f"database size: {size / 2**20:,.1f} MiB; total time: {total:.1f} s")
    if login:
        print(f"PROBLEM: {login}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", required=True, help="folder for the database and the JSON files")
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database")
    parser.add_argument("--stories", type=int, default=10_000, help="published stories")
    parser.add_argument("--hidden", type=int, default=None, help="stories not public")
    parser.add_argument("--threads", type=int, default=50_000, help="listed board threads")
    parser.add_argument("--posts", type=int, default=1_000_000, help="published board posts")
    parser.add_argument("--pending", type=int, default=0, help="moderation items waiting")
    parser.add_argument("--accounts", type=int, default=500, help="members with a login")
    parser.add_argument("--notes-per-account", type=int, default=20, help="notes per member")
    arguments = parser.parse_args()
    if arguments.hidden is None:
        arguments.hidden = arguments.stories // 5
    from peersupport.services.notes import MAX_NOTES_PER_ACCOUNT

    if arguments.stories < 1 or arguments.threads < 1 or arguments.posts < arguments.threads:
        parser.error("--stories and --threads must be positive, --posts at least --threads")
    if min(arguments.hidden, arguments.pending, arguments.accounts) < 0:
        parser.error("--hidden, --pending and --accounts must not be negative")
    if arguments.accounts > MAX_ACCOUNTS:
        parser.error(f"--accounts must be at most {MAX_ACCOUNTS:,} (pseudonyms take 5 digits)")
    if not 0 <= arguments.notes_per_account <= MAX_NOTES_PER_ACCOUNT:
        parser.error(f"--notes-per-account must be 0-{MAX_NOTES_PER_ACCOUNT}")

    out = Path(arguments.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    # Settings come from the environment: set them before peersupport reads them.
    for name in [name for name in os.environ if name.startswith("PEERSUPPORT_")]:
        del os.environ[name]
    env = {"PEERSUPPORT_DATA_DIR": str(out)}
    if arguments.database_url:
        env["PEERSUPPORT_DATABASE_URL"] = arguments.database_url
    os.environ.update(env)
    run(arguments, out, env)


def run(arguments: argparse.Namespace, out: Path, env: dict[str, str]) -> None:
    import boards_bench
    import stories_bench
    from sqlalchemy.engine import make_url

    from peersupport.database import get_engine
    from peersupport.settings import SettingsError, load_settings

    try:
        database_url = load_settings().database_url
    except SettingsError as error:
        refuse(str(error))
    shown_url = make_url(database_url).render_as_string(hide_password=True)
    started = time.perf_counter()
    seconds: dict[str, float] = {}
    timed(seconds, "schema", lambda: migrate(shown_url))
    held = existing_accounts()
    if held:
        remedy = (
            "give an empty one" if arguments.database_url else "remove it or give another --out"
        )
        refuse(
            f"{shown_url} already holds {held:,} accounts; datagen writes only into a database"
            f" without accounts ({remedy})"
        )
    now = datetime.now(UTC)
    boards = timed(
        seconds,
        "boards",
        lambda: boards_bench.seed(
            arguments.threads, arguments.posts, arguments.pending, now, history=True
        ),
    )
    timed(seconds, "stories", lambda: stories_bench.seed(arguments.stories, arguments.hidden, now))
    get_engine().dispose()  # the workers write next; nothing of ours stays open
    tasks = account_tasks(arguments.accounts, arguments.notes_per_account, now)
    logins = timed(seconds, "members", lambda: make_accounts(tasks, env))
    write_private_json(out / "accounts.json", logins)
    timed(seconds, "statistics", lambda: finish(out))
    step = time.perf_counter()
    counts = count_rows(arguments, datetime.now(UTC))
    # As a load generator reads it.
    listed = json.loads((out / "accounts.json").read_text(encoding="utf-8"))
    login = check_login(listed, arguments.notes_per_account) if listed else ""
    seconds["verification"] = time.perf_counter() - step
    size = database_size(out)
    total = time.perf_counter() - started
    part_of = {
        "board threads, listed": "boards",
        "stories, published": "stories",
        "members with a login": "members",
    }
    checks = [
        Check(label, asked, found, seconds[part_of[label]] if label in part_of else None)
        for label, (asked, found) in counts.items()
    ]
    print_table(checks, seconds, size, total, listed[0]["pseudonym"] if listed else "", login)
    ok = all(check.ok for check in checks) and not login
    write_summary(
        out / "datagen.json",
        arguments,
        counts,
        seconds
        | {f"boards: {name}": value for name, value in boards.seconds.items() if name != "total"}
        | {"total": total},
        size,
        login,
    )
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
