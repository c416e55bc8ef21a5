"""Command line: `python -m peersupport migrate | check | run`.

- migrate: bring the configured database to the newest schema.
- check:   validate settings and the database, print one line, exit non-zero on a problem.
- run:     check, then serve the production build on PEERSUPPORT_PORT (one port for
           pages, websocket and API).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys

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


def run() -> int:
    from peersupport.startup import check_ready_or_exit

    settings = check_ready_or_exit()
    if not (BUN_DIR / "bun").exists():
        print(f"peersupport: bun is missing in {BUN_DIR}; run `make run`", file=sys.stderr)
        return 2
    env = dict(os.environ)
    env["PATH"] = f"{BUN_DIR}{os.pathsep}{env.get('PATH', '')}"
    env["REFLEX_USE_SYSTEM_BUN"] = "true"
    env["GRANIAN_WORKERS"] = str(settings.workers)
    reflex = shutil.which("reflex", path=os.path.dirname(sys.executable)) or "reflex"
    port = str(settings.port)
    command = [
        reflex,
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
    os.execve(reflex, command, env)  # noqa: S606 - replaces this process with the server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m peersupport",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("command", choices=("migrate", "check", "run"))
    arguments = parser.parse_args(argv)
    return {"migrate": migrate, "check": check, "run": run}[arguments.command]()


if __name__ == "__main__":
    raise SystemExit(main())
