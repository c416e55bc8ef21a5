"""Reflex's command line, with backend workers that are replaced when they die.

`python -m peersupport run` starts this module as `reflex run --env prod --single-port`.
Reflex's production server is Granian, which by default stops the whole server (every
worker, the port) when one worker process dies: one crash would take the app down for
every boy reading. Here the supervisor starts a new worker in its place instead; the
other workers keep serving meanwhile. Granian still stops when a worker dies again
within a few seconds of being replaced (a crash loop), so a broken build does not spin.
"""

from __future__ import annotations

import sys
from typing import Any


def respawning_server() -> type:
    """Granian's server class for this build, replacing workers that die."""
    import granian.server

    base: type = granian.server.Server

    class RespawningServer(base):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("respawn_failed_workers", True)
            # Granian's access log writes the client's address on every line.
            kwargs["log_access"] = False
            super().__init__(*args, **kwargs)

    return RespawningServer


def main(argv: list[str]) -> int:
    import granian.server

    # Reflex imports the class from this module when it starts the backend.
    granian.server.Server = respawning_server()  # type: ignore[assignment]
    from reflex.reflex import cli

    sys.argv = ["reflex", *argv]
    return int(cli() or 0)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
