"""Command line: `python -m peersupport migrate | check | run | create-admin | seed-examples`.

- migrate:      bring the configured database to the newest schema.
- check:        validate settings and the database, print one line, exit non-zero on a
                problem.
- run:          check, then serve the production build on PEERSUPPORT_PORT (one port for
                pages, websocket and API).
- create-admin: create an admin account; asks for the pseudonym and the passphrase
                (twice), prints the recovery code once. `--pseudonym NAME` skips the
                question; without a terminal the passphrase is the first line of stdin.
- seed-examples: publish the fictional example stories (for demos and trying the app
                out; never done by any other command).

The commands that change data (create-admin, seed-examples) call their use cases through
the door as the operator: no page, route or session token can call those.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Mapping

from peersupport.settings import PROJECT_ROOT, Settings, SettingsError, load_settings

BUN_DIR = PROJECT_ROOT / ".tools" / "node_modules" / ".bin"


def _settings_or_exit() -> Settings:
    try:
        return load_settings()
    except SettingsError as error:
        print(f"peersupport: configuration error: {error}", file=sys.stderr)
        raise SystemExit(2) from None


def migrate() -> int:
    from peersupport.database import upgrade_to_head

    settings = _settings_or_exit()
    upgrade_to_head(settings.database_url)
    print("peersupport: database is at the newest migration")
    return 0


def check() -> int:
    from peersupport.startup import check_ready_or_exit

    check_ready_or_exit()
    print("peersupport: settings and database are ready")
    return 0


def server_environment(settings: Settings, base: Mapping[str, str]) -> dict[str, str]:
    """The environment the production server runs in: `base` and what Reflex and
    Granian need from the settings (an operator's own REFLEX_* values stay)."""
    env = dict(base)
    env["PATH"] = f"{BUN_DIR}{os.pathsep}{env.get('PATH', '')}"
    env["REFLEX_USE_SYSTEM_BUN"] = "true"
    env["GRANIAN_WORKERS"] = str(settings.workers)
    if settings.redis_url:
        # A tab's websocket stays on one worker, so that worker may keep the tab's state
        # in memory for a few seconds instead of locking, reading and writing it in Redis
        # for every event: the events of a page load (the navigation, the data, the
        # hydration mark) and of the next pages then cost one round of Redis. Another
        # worker that needs the state asks for it and gets it at once; a worker that dies
        # loses at most those seconds of a tab's state, never a post or a note (those
        # are in the database before the answer leaves).
        env.setdefault("REFLEX_OPLOCK_ENABLED", "true")
        env.setdefault("REFLEX_OPLOCK_HOLD_TIME", "5s")
    return env


def run() -> int:
    from peersupport.startup import check_ready_or_exit

    settings = check_ready_or_exit()
    if not (BUN_DIR / "bun").exists():
        print(f"peersupport: bun is missing in {BUN_DIR}; run `make run`", file=sys.stderr)
        return 2
    env = server_environment(settings, os.environ)
    port = str(settings.port)
    # Reflex's own command line, through peersupport.serve: a backend worker that dies
    # is replaced instead of stopping the server.
    command = [
        sys.executable,
        "-m",
        "peersupport.serve",
        "run",
        "--env",
        "prod",
        "--single-port",
        "--frontend-port",
        port,
        "--backend-port",
        port,
        "--backend-host",
        settings.host,
    ]
    os.chdir(PROJECT_ROOT)
    os.execve(sys.executable, command, env)  # noqa: S606 - replaces this process with the server


def _read_passphrase() -> str | None:
    """The new passphrase: asked twice on a terminal, else the first line of stdin."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Passphrase (at least 12 characters): ")
    if getpass.getpass("Passphrase again: ") != first:
        print("peersupport: the two passphrases differ; nothing was created", file=sys.stderr)
        return None
    return first


def create_admin(pseudonym: str | None) -> int:
    from peersupport.services.errors import InvalidInput
    from peersupport.startup import check_ready_or_exit
    from peersupport.usecases import accounts, door

    check_ready_or_exit()
    if pseudonym is None:
        pseudonym = input("Pseudonym of the new admin: ")
    passphrase = _read_passphrase()
    if passphrase is None:
        return 2
    try:
        name, recovery_code = door.call_as_operator(accounts.create_admin, pseudonym, passphrase)
    except InvalidInput as error:
        print(f"peersupport: nothing was created ({error.code}): {error}", file=sys.stderr)
        return 2
    print(f"peersupport: admin {name!r} created")
    print()
    print(f"Recovery code: {recovery_code}")
    print()
    print("Write the recovery code down now and keep it somewhere safe: it is shown only")
    print("this once and cannot be shown again. With the passphrase and this code both")
    print("lost, the account's private notes are gone for good.")
    return 0


def seed_examples() -> int:
    from peersupport.content import ContentError, load_example_stories
    from peersupport.startup import check_ready_or_exit
    from peersupport.usecases import door, examples

    check_ready_or_exit()
    try:
        stories = load_example_stories()
    except ContentError as error:
        print(f"peersupport: {error}", file=sys.stderr)
        return 2
    added = door.call_as_operator(examples.seed_examples, stories)
    print(f"peersupport: {added} fictional example stories published ({len(stories)} in all)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m peersupport",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "command", choices=("migrate", "check", "run", "create-admin", "seed-examples")
    )
    parser.add_argument(
        "--pseudonym", metavar="NAME", help="create-admin: the new admin's pseudonym"
    )
    arguments = parser.parse_args(argv)
    if arguments.command == "create-admin":
        return create_admin(arguments.pseudonym)
    if arguments.pseudonym is not None:
        parser.error("--pseudonym belongs to create-admin")
    commands = {"migrate": migrate, "check": check, "run": run, "seed-examples": seed_examples}
    return commands[arguments.command]()


if __name__ == "__main__":
    raise SystemExit(main())
