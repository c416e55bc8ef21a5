"""Moderation (moderators and admins): the queue at a glance, one item to decide,
reported board posts, recent decisions to undo, watched words and suspended accounts.
Others see one line.
The parts are in peersupport/components/moderation_*.py."""

from __future__ import annotations

import reflex as rx

from peersupport.components.moderation_health import pause_switch, wait_chart
from peersupport.components.moderation_helped import helped_jumps
from peersupport.components.moderation_overview import at_a_glance
from peersupport.components.moderation_queue import item_detail, queue
from peersupport.components.moderation_recent import recent
from peersupport.components.moderation_reports import reports
from peersupport.components.moderation_story_reports import story_reports
from peersupport.components.moderation_suspensions import suspensions
from peersupport.components.moderation_watched_words import watched_words
from peersupport.components.moderation_widgets import area_status, staff_only
from peersupport.components.navigation import app_link
from peersupport.components.secure_forms import secure_forms
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame
from peersupport.models.statuses import AccountRole
from peersupport.state.moderation import ModerationState as S

ROUTE = "/moderatie"
LOG_ROUTE = "/moderatie/logboek"


def staff_view() -> rx.Component:
    return rx.el.div(
        rx.cond(
            S.role == AccountRole.ADMIN,
            rx.el.p(app_link(t("moderation.log_link"), href=LOG_ROUTE)),
        ),
        area_status("page"),
        at_a_glance(),
        wait_chart(),
        pause_switch(),
        rx.cond(
            ~S.paused,
            rx.el.div(
                queue(),
                rx.cond(S.current.id != 0, item_detail()),
                class_name=rx.cond(
                    S.current.id != 0, "mod-workspace mod-workspace--open", "mod-workspace"
                ),
            ),
        ),
        reports(),
        story_reports(),
        helped_jumps(),
        recent(),
        watched_words(),
        suspensions(),
        class_name="moderation",
    )


def moderation_page() -> rx.Component:
    return page_frame(
        secure_forms(),
        staff_only(S.allowed, S.loaded, staff_view(), "moderation.not_for_you"),
        title_key="moderation.title",
        current=ROUTE,
        back_to="/account",
    )
