"""A page's folder is served at the address asked for, without a redirect that would
leave a second row in the browser's history."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.types import Message, Receive, Scope, Send

from peersupport.http.page_paths import PagesWithoutRedirect


@pytest.fixture
def static_dir(tmp_path: Path) -> Path:
    for folder in ("prikbord", "prikbord/bord", "zelftest/1"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "index.html").write_text("<html></html>")
    (tmp_path / "app.css").write_text("")
    return tmp_path


async def path_seen(static_dir: Path, path: str, method: str = "GET", kind: str = "http") -> str:
    seen: list[str] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        seen.append(scope["path"])

    async def receive() -> Message:
        return {"type": "http.request"}

    async def send(message: Message) -> None:
        return None

    scope = {"type": kind, "method": method, "path": path, "raw_path": path.encode()}
    await PagesWithoutRedirect(app, static_dir)(scope, receive, send)
    return seen[0]


@pytest.mark.parametrize(
    ("asked", "served"),
    [
        ("/prikbord", "/prikbord/"),
        ("/prikbord/bord", "/prikbord/bord/"),
        ("/zelftest/1", "/zelftest/1/"),
        ("/prikbord/", "/prikbord/"),  # already a folder's address
        ("/app.css", "/app.css"),  # a file
        ("/", "/"),
        ("/nergens", "/nergens"),  # no such page: the server's own answer
        ("/../prikbord", "/../prikbord"),
        ("/api/health", "/api/health"),
        ("/_event", "/_event"),
    ],
)
async def test_a_page_is_served_where_it_was_asked_for(
    static_dir: Path, asked: str, served: str
) -> None:
    assert await path_seen(static_dir, asked) == served


async def test_only_reading_requests_are_changed(static_dir: Path) -> None:
    assert await path_seen(static_dir, "/prikbord", method="POST") == "/prikbord"
    assert await path_seen(static_dir, "/prikbord", method="HEAD") == "/prikbord/"
