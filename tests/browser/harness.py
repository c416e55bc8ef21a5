"""Starting the production build on a free port and launching the system Chromium, the
same way for the browser tests and for the benchmarks in bench/."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("PEERSUPPORT_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
START_TIMEOUT_S = 600


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"the app exited with {process.returncode}; see {log_path}:\n"
                + log_path.read_text()[-3000:]
            )
        try:
            with (
                urllib.request.urlopen(f"{url}/api/health", timeout=5) as health,
                urllib.request.urlopen(f"{url}/", timeout=5) as home,
            ):
                if health.status == 200 and home.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    raise RuntimeError(f"the app did not start within {START_TIMEOUT_S}s; see {log_path}")


def start_app(env: dict[str, str], log_path: Path) -> subprocess.Popen[bytes]:
    """Migrate, then serve the production build on env's PEERSUPPORT_PORT until it
    answers; its output goes to `log_path`."""
    subprocess.run(
        [sys.executable, "-m", "peersupport", "migrate"],
        env=env,
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "peersupport", "run"],
            env=env,
            cwd=PROJECT_ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_up(f"http://localhost:{env['PEERSUPPORT_PORT']}", process, log_path)
    except BaseException:
        stop_app(process)
        raise
    return process


def stop_app(process: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)
