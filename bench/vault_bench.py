"""Benchmark of the evidence vault: adding a 5 MiB screenshot on an emulated mid-range
phone (CPU 4x slower, Chrome DevTools' "Slow 4G": 150 ms, 1.6 Mbit/s down, 750 kbit/s up).

    .venv/bin/python bench/vault_bench.py [--runs 1] [--mib 5]

Starts the production build on a free port with a throw-away data folder (like the
browser tests), makes one member with one note through the services, logs in, opens the
note and adds a PNG of random pixels (it does not compress, like a busy screenshot) of
--mib MiB through the warning and the file chooser. Measures, in the page:
- encrypt: sealing the file (AES-256-GCM, WebCrypto), from vault.js's own timer;
- upload: sending the sealed blob until the server answered, from vault.js's own timer;
- total: from tapping "Versleutelen en toevoegen" until the note listing the file is kept;
and how often the progress bar moved while sending. Prints a table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from stories_bench import CPU_SLOWDOWN, SLOW_4G

from tests.browser.harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    PROJECT_ROOT,
    free_port,
    start_app,
    stop_app,
)
from tests.browser.vault_files import noise_png

PSEUDONYM = "BewijsMeter"
PASSPHRASE = "meet hoe lang een bestand onderweg is"
TITLE = "Screenshots van de chat"
# Samples the progress bar's value while the file is sent.
WATCH_PROGRESS = """() => { window.__progress = [];
  const bar = document.getElementById("ps-vault-progress");
  window.__watch = setInterval(() => window.__progress.push(bar.value), 100); }"""


def seed_account(env: dict[str, str]) -> None:
    os.environ.update(env)
    from peersupport.database import session_scope, upgrade_to_head
    from peersupport.services import accounts, notes
    from peersupport.services.notes_protocol import build_registration, seal_note
    from peersupport.settings import load_settings

    upgrade_to_head(load_settings().database_url)
    bundle, dk, _ = build_registration(PSEUDONYM, PASSPHRASE)
    now = dt.datetime.now(dt.UTC)
    with session_scope() as session:
        account = accounts.register(session, PSEUDONYM, bundle.to_json(), now)
        note_id = str(uuid.uuid4())
        content = {"title": TITLE, "body": "Wat hij stuurde."}
        notes.save_note(session, account, note_id, seal_note(dk, note_id, content), now)


def log_in_and_open_note(page: Page, url: str) -> None:
    page.goto(url + "/inloggen")
    page.wait_for_selector("html[data-ready='true']", state="attached")
    page.fill("#ps-pseudonym", PSEUDONYM)
    page.fill("#ps-passphrase", PASSPHRASE)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(url + "/notities", timeout=120_000)
    page.locator("#ps-note-list").get_by_text(TITLE).click(timeout=120_000)
    expect(page.locator("#ps-vault")).to_be_visible()


def add_once(page: Page, screenshot: bytes, number: int) -> dict[str, float]:
    page.get_by_role("button", name="Bestand toevoegen").click()
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Ik snap het, kies een bestand").click()
    name = f"screenshot-{number}.png"
    chooser.value.set_files(files=[{"name": name, "mimeType": "image/png", "buffer": screenshot}])
    expect(page.locator("#ps-vault-pending")).to_be_visible(timeout=120_000)
    page.evaluate(WATCH_PROGRESS)
    start = time.perf_counter()
    page.get_by_role("button", name="Versleutelen en toevoegen").click()
    expect(page.locator("#ps-vault-msg-added")).to_be_visible(timeout=600_000)
    total = time.perf_counter() - start
    timings = page.evaluate("window.psVault.timings()")
    samples = page.evaluate("() => { clearInterval(window.__watch); return window.__progress; }")
    steps = len({value for value in samples if 0 < value < 100})
    return {
        "encrypt": timings["encrypt_ms"] / 1000,
        "upload": timings["upload_ms"] / 1000,
        "total": total,
        "progress_steps": float(steps),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--mib", type=float, default=5.0)
    arguments = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="peersupport-bench-"))
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PEERSUPPORT_")}
    env.update(
        PEERSUPPORT_PORT=str(port),
        PEERSUPPORT_DATA_DIR=str(data_dir),
        PEERSUPPORT_PUBLIC_URL=f"http://localhost:{port}",
        REFLEX_WEB_WORKDIR=os.environ.get("REFLEX_WEB_WORKDIR", str(PROJECT_ROOT / ".web-bench")),
    )
    seed_account(env)
    width = 1280
    height = int(arguments.mib * 1024 * 1024 / (width * 3 + 1))
    screenshot = noise_png(width, height)
    process = start_app(env, data_dir / "app.log")
    url = f"http://localhost:{port}"
    runs: list[dict[str, float]] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_context(viewport={"width": 360, "height": 740}).new_page()
            log_in_and_open_note(page, url)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
            for number in range(arguments.runs):
                runs.append(add_once(page, screenshot, number))
            browser.close()
    finally:
        stop_app(process)

    print(f"file: PNG {len(screenshot):,} bytes; CPU {CPU_SLOWDOWN}x slower, Slow 4G")
    print(f"{'measure':<34} {'median':>9} {'min':>8} {'max':>8}")
    for key, label in [
        ("encrypt", "encrypt (AES-GCM), s"),
        ("upload", "upload with progress bar, s"),
        ("total", "tap to kept, s"),
        ("progress_steps", "progress bar values seen"),
    ]:
        values = [run[key] for run in runs]
        print(
            f"{label:<34} {statistics.median(values):>9.2f} {min(values):>8.2f} {max(values):>8.2f}"
        )


if __name__ == "__main__":
    main()
