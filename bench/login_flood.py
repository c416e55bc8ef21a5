"""A login flood against the production build: does a member still get in, how much
Argon2 work does the server do, and do the pages stay quick?

    .venv/bin/python bench/login_flood.py [--attackers 16] [--duration 60] [--solve]
        [--project DIR] [--web-dir DIR]

The production build on a free port with a throw-away SQLite data folder
(tests/browser/harness.py; Reflex's web folder --web-dir, default .web-flood). One
member is registered (his keys from the protocol's Python reference). Then, for
--duration seconds, at the same time:

- --attackers script clients, each on its own websocket speaking Reflex's protocol as
  the browser does (bench/load.py's Tab), send wrong logins on random pseudonyms as
  fast as they get answers. When the server asks for a proof of work they give up on
  that attempt, unless --solve: then they solve it (ALTCHA, in Python) and send it.
- the member logs in with the right passphrase every MEMBER_EVERY_S seconds on a new
  tab, solving a proof when asked (ALTCHA's Python solver, one core: slower than a
  phone's Web Workers); his latency runs from start_login to signed in.
- a reader fetches the story list and the home page every PAGE_EVERY_S seconds.

Argon2 verifications per second are counted from the answers: every "wrong pseudonym
or passphrase" and every successful login ran exactly one verification; an attempt
asked for a proof, or refused, ran none. --project runs another checkout of the
project (for a figure before a change); the bench's own code stays this one's.
Prints one table. Nothing here fails on a missed figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import string
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.load import Figures, Protocol, Tab, _field, _touches, record_protocol
from tests.browser.harness import PROJECT_ROOT, free_port, start_app, stop_app

MEMBER_EVERY_S = 5.0
PAGE_EVERY_S = 0.5
TIMEOUT_S = 120.0
PASSPHRASE = "wolk regen zon wind"


@dataclass
class Tally:
    outcomes: Counter[str] = field(default_factory=Counter)
    member_ms: list[float] = field(default_factory=list)
    member_proofs: list[int] = field(default_factory=list)
    member_failures: Counter[str] = field(default_factory=Counter)
    page_ms: dict[str, list[float]] = field(default_factory=lambda: {"/verhalen": [], "/": []})


class FloodTab(Tab):
    """A tab that answers the login page's scripts: its auth key for the login proof,
    and for a proof of work a solution (or a refusal, when it does not solve)."""

    def __init__(self, *arguments: Any, solve: bool) -> None:
        super().__init__(*arguments)
        self.solve = solve
        self.proofs = 0

    async def _script(self, event: dict[str, Any]) -> None:
        code = str(event.get("payload", {}).get("javascript_code", ""))
        if event.get("name") != "_call_script" or not code.startswith("psf().solveProof("):
            await super()._script(event)
            return
        from bench.load import CALLBACK_EVENT

        match = CALLBACK_EVENT.search(str(event["payload"].get("callback") or ""))
        if match is None:
            return
        name, argument = match.groups()
        result: dict[str, Any] = {"ok": False, "code": "proof_failed"}
        if self.solve:
            challenge = json.loads(code[len("psf().solveProof(") : -1])
            proof = await asyncio.to_thread(solve_proof, challenge)
            result = {**self.login_result, "proof": proof}
            self.proofs += 1
        self.pending.append((name.rsplit(".", 1)[1], time.perf_counter()))
        await self.socket.send(self.protocol.event(name, {argument: result}, self.path, self.query))


def solve_proof(challenge: dict[str, Any]) -> str:
    import base64

    import altcha

    solution = altcha.solve_challenge(altcha.Challenge.from_dict(challenge))
    assert solution is not None
    payload = {"challenge": challenge, "solution": solution.to_dict()}
    return base64.b64encode(json.dumps(payload).encode()).decode()


async def log_in(tab: FloodTab, pseudonym: str, auth_key: str) -> str:
    """One login as the page does it; returns "in" or the error code shown."""
    account = tab.protocol.names["account"]
    tab.login_result = {"ok": True, "auth_key": auth_key, "remember": False}
    await tab.send(
        "pseudonym", f"{account}.set_form_pseudonym", {"value": pseudonym}, _touches_account(tab)
    )
    update = await tab.send(
        "login",
        f"{account}.start_login",
        {},
        lambda u: _field(u, account, "signed_in") is True or bool(_field(u, account, "error")),
    )
    return (
        "in"
        if _field(update, account, "signed_in") is True
        else str(_field(update, account, "error"))
    )


def _touches_account(tab: Tab) -> Any:
    account = tab.protocol.names["account"]
    return lambda update: _touches(update, account)


def random_pseudonym() -> str:
    return "gok" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(8))


def wrong_key() -> str:
    from peersupport.services.notes_protocol import b64u_encode

    return b64u_encode(secrets.token_bytes(32))


async def attacker(base: str, protocol: Protocol, tally: Tally, stop: float, solve: bool) -> None:
    tab = FloodTab(base, protocol, Figures(), TIMEOUT_S, solve=solve)
    await tab.open("/inloggen")
    try:
        while time.monotonic() < stop:
            try:
                tally.outcomes[await log_in(tab, random_pseudonym(), wrong_key())] += 1
            except Exception as error:  # a dropped or unanswered attempt is a figure too
                tally.outcomes[type(error).__name__] += 1
                await tab.close()
                tab = FloodTab(base, protocol, Figures(), TIMEOUT_S, solve=solve)
                await tab.open("/inloggen")
    finally:
        await tab.close()


async def member(
    base: str, protocol: Protocol, tally: Tally, stop: float, pseudonym: str, auth_key: str
) -> None:
    await asyncio.sleep(2.0)  # let the flood build up first
    while time.monotonic() < stop:
        tab = FloodTab(base, protocol, Figures(), TIMEOUT_S, solve=True)
        started = time.perf_counter()
        try:
            await tab.open("/inloggen")
            started = time.perf_counter()
            outcome = await log_in(tab, pseudonym, auth_key)
        except Exception as error:
            outcome = type(error).__name__
        finally:
            await tab.close()
        if outcome == "in":
            tally.member_ms.append((time.perf_counter() - started) * 1000)
            tally.member_proofs.append(tab.proofs)
        else:
            tally.member_failures[outcome] += 1
        await asyncio.sleep(MEMBER_EVERY_S)


async def reader(base: str, tally: Tally, stop: float) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=TIMEOUT_S) as http:
        while time.monotonic() < stop:
            for path, times in tally.page_ms.items():
                started = time.perf_counter()
                response = await http.get(path)
                if response.status_code == 200:
                    times.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(PAGE_EVERY_S)


def register_member(env: dict[str, str]) -> tuple[str, str]:
    from datetime import UTC, datetime

    from sqlalchemy.orm import Session

    from peersupport.database import make_engine
    from peersupport.services import accounts
    from peersupport.services.notes_protocol import build_registration
    from peersupport.settings import load_settings

    pseudonym = "StilleVos" + "".join(secrets.choice("bcdfghjk") for _ in range(4))
    bundle, _dk, _rc = build_registration(pseudonym, PASSPHRASE)
    engine = make_engine(load_settings(env).database_url)
    with Session(engine) as session:
        accounts.register(session, pseudonym, bundle.to_json(), datetime.now(UTC))
        session.commit()
    engine.dispose()
    return pseudonym, bundle.auth_key


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def report(tally: Tally, duration: float, arguments: argparse.Namespace) -> None:
    verified = tally.outcomes["login_failed"] + tally.outcomes["in"] + len(tally.member_ms)
    print(
        f"\nLogin flood: {arguments.attackers} script clients, {duration:.0f} s,"
        f" attackers {'solve' if arguments.solve else 'do not solve'} proofs of work"
    )
    print(f"  attacker answers: {dict(tally.outcomes)}")
    print(f"  Argon2 verifications: {verified} = {verified / duration:.1f}/s")
    if tally.member_ms:
        print(
            f"  member logins: {len(tally.member_ms)} in, {dict(tally.member_failures)} not;"
            f" latency median {statistics.median(tally.member_ms):.0f} ms,"
            f" max {max(tally.member_ms):.0f} ms; proofs solved {tally.member_proofs}"
        )
    else:
        print(f"  member logins: none got in ({dict(tally.member_failures)})")
    for path, times in tally.page_ms.items():
        print(
            f"  page {path}: {len(times)} loads, median {statistics.median(times):.0f} ms,"
            f" p95 {percentile(times, 0.95):.0f} ms, max {max(times):.0f} ms"
        )


async def flood(
    base: str, protocol: Protocol, arguments: argparse.Namespace, who: tuple[str, str]
) -> None:
    tally = Tally()
    started = time.monotonic()
    stop = started + arguments.duration
    tasks = [
        attacker(base, protocol, tally, stop, arguments.solve) for _ in range(arguments.attackers)
    ]
    tasks += [member(base, protocol, tally, stop, *who), reader(base, tally, stop)]
    await asyncio.gather(*tasks)
    report(tally, time.monotonic() - started, arguments)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attackers", type=int, default=16)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--solve", action="store_true", help="attackers solve proofs of work")
    parser.add_argument("--project", type=Path, default=PROJECT_ROOT)
    parser.add_argument("--web-dir", type=Path, default=PROJECT_ROOT / ".web-flood")
    arguments = parser.parse_args()
    port = free_port()
    data = Path(tempfile.mkdtemp(prefix="login-flood-"))
    env = {name: value for name, value in os.environ.items() if not name.startswith("PEERSUPPORT_")}
    env.update(
        PEERSUPPORT_PORT=str(port),
        PEERSUPPORT_PUBLIC_URL=f"http://localhost:{port}",
        PEERSUPPORT_DATA_DIR=str(data),
        REFLEX_WEB_WORKDIR=str(arguments.web_dir.resolve()),
    )
    import tests.browser.harness as harness

    harness.PROJECT_ROOT = arguments.project.resolve()  # start_app runs from there
    process = start_app(env, data / "app.log")
    try:
        base = f"http://localhost:{port}"
        who = register_member(env)
        protocol = record_protocol(base)
        asyncio.run(flood(base, protocol, arguments, who))
    finally:
        stop_app(process)


if __name__ == "__main__":
    main()
