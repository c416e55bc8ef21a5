"""The evidence vault's HTTP routes: encrypted file blobs in and out, beside the websocket.

A blob is up to 10 MiB of ciphertext: as a websocket event it would pass through Reflex's
state machinery as one giant string (base64, a third larger) and block the tab's other
events meanwhile. Plain HTTP carries the raw bytes, and the browser can show upload
progress. Every request names the member by his session token in the
`x-kompas-session` header (never a cookie, so another site cannot make his browser send
it) and must come from the app's own pages (Origin, or Sec-Fetch-Site where the browser
sends no Origin). The services check the owner; every answer carries
`Cache-Control: no-store`, so neither the browser nor the service worker keeps a blob.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from peersupport.services import note_files
from peersupport.services.errors import InvalidInput, NotAuthorized
from peersupport.settings import load_settings
from peersupport.usecases import door
from peersupport.usecases import vault as cases

ROUTE = "/api/bestanden"
SESSION_HEADER = "x-kompas-session"
NO_STORE = {"cache-control": "no-store", "x-content-type-options": "nosniff"}
BLOB_TYPE = "application/octet-stream"

log = logging.getLogger(__name__)


def _error(status: int, code: str) -> JSONResponse:
    return JSONResponse({"error": code}, status_code=status, headers=NO_STORE)


def _same_origin(request: Request, public_origin: str) -> bool:
    origin = request.headers.get("origin")
    if origin is not None:
        return origin == public_origin
    return request.headers.get("sec-fetch-site") == "same-origin"


async def _body_within(request: Request, limit: int) -> bytes | None:
    """The request body, or None as soon as it is longer than `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def vault_routes() -> list[BaseRoute]:
    """List, upload, download and delete a member's own blobs, each through the door
    (members only) in a worker thread."""

    async def answer(request: Request, work: Callable[[str], Response]) -> Response:
        if not _same_origin(request, load_settings().public_origin):
            return _error(403, "origin")
        token = request.headers.get(SESSION_HEADER, "")
        try:
            return await asyncio.to_thread(work, token)
        except NotAuthorized:
            # No session, another member's file or none at all: one answer for all.
            return _error(404, "not_found")
        except InvalidInput as error:
            status = 413 if error.code in {"file_too_large", "vault_full"} else 400
            return _error(status, error.code)
        except SQLAlchemyError as error:
            log.warning("vault: the database did not answer (%s)", type(error).__name__)
            return _error(503, "unavailable")

    async def listing(request: Request) -> Response:
        def work(token: str) -> Response:
            found = door.call_now(cases.list_files, token)
            body = {
                "files": [{"id": f.id, "note": f.note_id, "size": f.size} for f in found.files],
                "used": found.usage.used,
                "limit": found.usage.limit,
                "file_limit": found.usage.file_limit,
            }
            return JSONResponse(body, headers=NO_STORE)

        return await answer(request, work)

    async def upload(request: Request) -> Response:
        limits = load_settings().vault_limits
        if not _same_origin(request, load_settings().public_origin):
            return _error(403, "origin")
        if request.headers.get("content-type", "").split(";")[0].strip().lower() != BLOB_TYPE:
            return _error(415, "content_type")
        blob = await _body_within(request, note_files.blob_limit(limits))
        if blob is None:
            return _error(413, "file_too_large")
        note_id, file_id = request.path_params["note_id"], request.path_params["file_id"]

        def work(token: str) -> Response:
            record = door.call_now(cases.store_file, token, note_id, file_id, blob)
            return JSONResponse(
                {"id": record.id, "size": record.size}, status_code=201, headers=NO_STORE
            )

        return await answer(request, work)

    async def download(request: Request) -> Response:
        file_id = request.path_params["file_id"]

        def work(token: str) -> Response:
            blob = door.call_now(cases.read_file, token, file_id)
            return Response(blob, media_type=BLOB_TYPE, headers=NO_STORE)

        return await answer(request, work)

    async def remove(request: Request) -> Response:
        file_id = request.path_params["file_id"]

        def work(token: str) -> Response:
            door.call_now(cases.delete_file, token, file_id)
            return Response(status_code=204, headers=NO_STORE)

        return await answer(request, work)

    return [
        Route(ROUTE, listing, methods=["GET"]),
        Route(ROUTE + "/{note_id}/{file_id}", upload, methods=["PUT"]),
        Route(ROUTE + "/{file_id}", download, methods=["GET"]),
        Route(ROUTE + "/{file_id}", remove, methods=["DELETE"]),
    ]
