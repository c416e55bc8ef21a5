"""Reporting a published story (/verhalen/melden?nr=<id>), for signed-in members.

The story pages are plain HTML from the server; their "Melden" link opens this page,
where the member's own signed-in tab sends the report over the app's websocket (which
only the app's own origin may open), so no token ever sits in the story page and no
cross-site form can send a report in his name. The stories' report service checks him
and every rule.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from peersupport.services.errors import ServiceError
from peersupport.services.ids import address_id
from peersupport.state.account import AccountState
from peersupport.state.boards import form_text
from peersupport.usecases import door
from peersupport.usecases import story_reports as cases


class StoryReportState(AccountState):
    story_id: int = 0
    story_title: str = ""
    # "loading", "ready", "not_found", "sent" or "hidden" (sent, and the story is now hidden).
    view: str = "loading"

    @rx.event
    async def load(self) -> EventSpec | None:
        self.error, self.notice, self.busy = "", "", False
        self.view, self.story_title = "loading", ""
        self.story_id = address_id(self.router.url.query_parameters.get("nr")) or 0
        return await self._read_or_ask_device(self._read_story, StoryReportState.resume_and_load)

    @rx.event
    async def resume_and_load(self, token: str) -> None:
        await self._resume(token)
        await self._read_story()

    async def _read_story(self) -> None:
        title = await door.call(cases.published_title, "", self.story_id)
        if title is None:
            self.view = "not_found"
            return
        self.story_title, self.view = title, "ready"

    @rx.event
    async def report(self, form: dict[str, Any]) -> None:
        self.busy, self.error, self.notice = True, "", ""
        try:
            hidden = await door.call(
                cases.report_story,
                self._token,
                self.story_id,
                form_text(form, "reason"),
                form_text(form, "text"),
            )
        except ServiceError as error:
            self._fail(error)
            return
        self.busy = False
        self.view = "hidden" if hidden else "sent"
