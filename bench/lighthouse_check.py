"""Lighthouse's SEO, accessibility and best-practices scores of every kind of page, on
the production build.

    .venv/bin/python bench/lighthouse_check.py [--only /,/hulp] [--keep-json DIR]

How: the production build on a free port (tests/browser/harness.py, web folder
.web-lighthouse) with a throw-away data folder holding the fictional example stories
(`seed-examples`); the newest one is marked as shared with search engines (as its author
would) so that an indexable story page is measured too, and one of the others is
measured as it comes (not shared). Lighthouse 12.2.3 from npm (`npx`) runs each page
with the system Chromium (CHROME_PATH, /usr/bin/chromium by default), mobile form
factor, without throttling (the three categories do not depend on speed).

Prints one table: page, whether it is meant to be found (indexable), and the three
scores, with every failed audit named below it. Targets: SEO >= 95 on indexable pages,
accessibility and best practices 100 on every page; each row is marked OK or MISSED.
Nothing here fails on a missed target.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.harness import PROJECT_ROOT, free_port, start_app, stop_app

LIGHTHOUSE = "lighthouse@12.2.3"
CATEGORIES = ("seo", "accessibility", "best-practices")
SEO_TARGET = 95
OTHER_TARGET = 100


@dataclass(frozen=True)
class Target:
    name: str
    path: str
    indexable: bool


def pages(shared_story: int, unshared_story: int) -> list[Target]:
    return [
        Target("home", "/", True),
        Target("stories list", "/verhalen", True),
        Target("story (shared)", f"/verhalen/{shared_story}", True),
        Target("story (not shared)", f"/verhalen/{unshared_story}", False),
        Target("help", "/hulp", True),
        Target("self-tests", "/zelftest", True),
        Target("self-test 1", "/zelftest/1", True),
        Target("about", "/over", True),
        Target("safe use", "/veilig", True),
        Target("first aid", "/stappen", True),
        Target("first aid (en)", "/stappen?taal=en", True),
        Target("summary", "/kort", False),
        Target("boards", "/prikbord", False),
        Target("a board", "/prikbord/bord?nr=1", False),
        Target("log in", "/inloggen", False),
        Target("sign up", "/aanmelden", False),
        Target("offline", "/offline", False),
    ]


def seed(env: dict[str, str], data_dir: Path) -> tuple[int, int]:
    """Publish the example stories; mark the newest as shared with search engines.
    Returns (shared story id, a story id that is not shared)."""
    subprocess.run(
        [sys.executable, "-m", "peersupport", "seed-examples"],
        env=env,
        cwd=PROJECT_ROOT,
        check=True,
        capture_output=True,
    )
    with sqlite3.connect(data_dir / "peersupport.db") as db:
        ids = [
            row[0]
            for row in db.execute(
                "SELECT id FROM stories WHERE state = 'published' ORDER BY published_at DESC, id"
            )
        ]
        columns = {row[1] for row in db.execute("PRAGMA table_info(stories)")}
        if "indexable" in columns:
            db.execute("UPDATE stories SET indexable = 1 WHERE id = ?", (ids[0],))
    return ids[0], ids[1]


def run_lighthouse(url: str, out: Path) -> dict[str, object]:
    env = dict(os.environ)
    env.setdefault("CHROME_PATH", "/usr/bin/chromium")
    subprocess.run(
        [
            shutil.which("npx") or "npx",
            "-y",
            LIGHTHOUSE,
            url,
            "--quiet",
            f"--only-categories={','.join(CATEGORIES)}",
            "--throttling-method=provided",
            "--output=json",
            f"--output-path={out}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env=env,
        check=True,
        capture_output=True,
    )
    report: dict[str, object] = json.loads(out.read_text())
    return report


def summarize(report: dict[str, object]) -> tuple[dict[str, int], list[str]]:
    categories = report["categories"]
    audits = report["audits"]
    assert isinstance(categories, dict) and isinstance(audits, dict)
    scores = {name: round((categories[name]["score"] or 0) * 100) for name in CATEGORIES}
    failed = []
    for name in CATEGORIES:
        for ref in categories[name]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref.get("weight", 0) > 0 and audit.get("score") not in (None, 1):
                failed.append(f"{name}: {ref['id']}")
    return scores, failed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", default="", help="comma-separated paths to measure")
    parser.add_argument("--keep-json", type=Path, help="folder for the JSON reports")
    args = parser.parse_args()

    port = free_port()
    data_dir = Path(tempfile.mkdtemp(prefix="lighthouse-data-"))
    env = dict(os.environ)
    env.update(
        PEERSUPPORT_PORT=str(port),
        PEERSUPPORT_DATA_DIR=str(data_dir),
        PEERSUPPORT_PUBLIC_URL=f"http://localhost:{port}",
        REFLEX_WEB_WORKDIR=str(PROJECT_ROOT / ".web-lighthouse"),
    )
    env.pop("PEERSUPPORT_DATABASE_URL", None)
    env.pop("PEERSUPPORT_REDIS_URL", None)
    process = start_app(env, data_dir / "app.log")
    try:
        shared, unshared = seed(env, data_dir)
        targets = pages(shared, unshared)
        if args.only:
            wanted = set(args.only.split(","))
            targets = [target for target in targets if target.path in wanted]
        json_dir = args.keep_json or data_dir
        json_dir.mkdir(parents=True, exist_ok=True)
        rows = []
        for number, target in enumerate(targets):
            report = run_lighthouse(
                f"http://localhost:{port}{target.path}", json_dir / f"{number:02d}.json"
            )
            scores, failed = summarize(report)
            met = (
                scores["accessibility"] >= OTHER_TARGET
                and scores["best-practices"] >= OTHER_TARGET
                and (not target.indexable or scores["seo"] >= SEO_TARGET)
            )
            rows.append((target, scores, failed, met))
            print(f"measured {target.path}", file=sys.stderr, flush=True)
    finally:
        stop_app(process)

    print(f"{'page':<20} {'path':<22} {'index':<5} {'SEO':>4} {'a11y':>5} {'BP':>4}  target")
    for target, scores, _, met in rows:
        print(
            f"{target.name:<20} {target.path:<22} {'yes' if target.indexable else 'no':<5} "
            f"{scores['seo']:>4} {scores['accessibility']:>5} {scores['best-practices']:>4}  "
            f"{'OK' if met else 'MISSED'}"
        )
    for target, _, failed, _ in rows:
        if failed:
            print(f"\n{target.path}: " + ", ".join(failed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
