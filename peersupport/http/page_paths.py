"""Pages at the address a boy typed or followed, without a redirect.

The built pages are folders (`prikbord/index.html`), and the static file server answers
`/prikbord` with a redirect to `/prikbord/`. Each address a tab shows becomes a row in
the browser's history list, so that redirect left two rows for one page, and it cost a
round trip on a slow line. This wrapper serves the folder's page at the address asked
for instead: `/prikbord` and `/prikbord/` are the same page, and the app's own links
(`/prikbord`) need no redirect.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from reflex.constants import Dirs
from reflex.utils.prerequisites import get_web_dir
from starlette.types import ASGIApp, Receive, Scope, Send


@lru_cache(maxsize=256)
def _is_page_folder(static_dir: Path, path: str) -> bool:
    relative = path.strip("/")
    if not relative or ".." in relative.split("/"):
        return False
    return (static_dir / relative / "index.html").is_file()


class PagesWithoutRedirect:
    """Adds the "/" the static file server would redirect to, inside the request."""

    def __init__(self, app: ASGIApp, static_dir: Path | None = None) -> None:
        self.app = app
        self.static_dir = static_dir

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            path: str = scope["path"]
            last = path.rsplit("/", 1)[-1]
            if last and "." not in last and not path.startswith(("/api/", "/_")):
                static_dir = self.static_dir or (get_web_dir() / Dirs.STATIC).resolve()
                if _is_page_folder(static_dir, path):
                    scope = dict(scope, path=path + "/", raw_path=(path + "/").encode())
        await self.app(scope, receive, send)
