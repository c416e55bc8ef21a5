"""Write a story, or go on with one of his drafts: one calm page with short help texts.

The fields are plain inputs that React never controls: a small script
(components/story_writer.js) keeps them, saves them as a draft a few seconds after the
last change and when a field loses focus, and hands them to the server as one dict when
he previews or sends.
"""

from functools import cache
from pathlib import Path
from typing import Any

import reflex as rx

from peersupport.components.crisis_help import crisis_help
from peersupport.components.expected_wait import expected_wait_line
from peersupport.components.forms import action_button, loading_status, message_for
from peersupport.components.forms import status_lines as form_status_lines
from peersupport.components.messages import message_line
from peersupport.components.navigation import account_buttons, app_link
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame
from peersupport.pages.story_fields import LANGUAGE_KEYS, body_field, choices, intro, title_field
from peersupport.pages.story_search_choice import search_question
from peersupport.services.stories import THEME_KEYS, WARNING_KEYS
from peersupport.state.language import LanguageState
from peersupport.state.writing import WritingState as S
from peersupport.state.writing import writer_call

ROUTE = "/schrijven"

# Every code the stories service (or this page) can answer with, and its sentence.
ERRORS: dict[str, str] = {
    "suspended": "writing.error.suspended",
    "title_missing": "writing.error.title_missing",
    "body_too_short": "writing.error.body_too_short",
    "theme_missing": "writing.error.theme_missing",
    "contact_details": "writing.error.contact_details",
    "blocked_word": "writing.error.blocked_word",
    "too_many_submissions": "writing.error.too_many_submissions",
    "not_editable": "writing.error.not_editable",
    "title_too_long": "writing.error.title_too_long",
    "body_too_long": "writing.error.body_too_long",
    "invalid_language": "writing.error.invalid_language",
    "invalid_theme": "writing.error.invalid_choice",
    "invalid_warning": "writing.error.invalid_choice",
    "too_many_drafts": "writing.error.too_many_drafts",
    "draft_open": "writing.error.draft_open",
    "invalid_draft": "writing.error.invalid_draft",
    "story_not_found": "writing.error.story_not_found",
    "not_authorized": "writing.error.signed_out",
}
NOTICES: dict[str, str] = {"findings_removed": "writing.notice.details_removed"}
FINDING_KINDS: dict[str, str] = {
    "phone": "writing.finding.phone",
    "email": "writing.finding.email",
    "url": "writing.finding.url",
    "handle": "writing.finding.handle",
    "platform": "writing.finding.platform",
    "postcode": "writing.finding.postcode",
    "address": "writing.finding.address",
    "school": "writing.finding.school",
    "club": "writing.finding.club",
    "workplace": "writing.finding.workplace",
    "name": "writing.finding.name",
}

# psw(): the page's writer (story_writer.js).
WRITER_SOURCE = Path(__file__).parents[1] / "components" / "story_writer.js"


@cache
def writer_code() -> str:
    """story_writer.js, for the page's code."""
    return WRITER_SOURCE.read_text(encoding="utf-8")


class StoryWriter(rx.Fragment):
    """Renders nothing; puts the writer script into the page's code."""

    def add_custom_code(self) -> list[str]:
        return [writer_code()]


def collect_then(handler: Any) -> Any:
    """Read the fields in the browser, then call `handler` with them."""
    return rx.call_script(writer_call("collect"), callback=handler)


def save_status() -> rx.Component:
    """The autosave's own quiet line ("saving…", "saved at 14:02"): it is no answer to a
    pressed button, so it is not a `message_line` that scrolls into view while he types;
    a failed save is one."""
    return rx.el.div(
        rx.el.p(
            rx.match(
                S.save_status,
                ("saving", rx.fragment(t("writing.autosave.saving"))),
                ("saved", rx.fragment(t("writing.autosave.saved_at"), " ", S.saved_time)),
                rx.fragment(),
            ),
            role="status",
            class_name="status writing-saved",
        ),
        message_line(
            "error",
            S.save_status == "failed",
            rx.fragment(
                message_for(S.save_error, ERRORS, "writing.error.unexpected"),
                " ",
                t("writing.autosave.kept"),
            ),
        ),
        class_name="status-lines",
    )


def writing_status_lines(
    state: Any, errors: dict[str, str], notices: dict[str, str]
) -> rx.Component:
    """Progress, error and notice of a writing page (this one and Mijn verhalen)."""
    return form_status_lines(
        state.error,
        state.notice,
        state.busy,
        errors=errors,
        notices=notices,
        error_fallback="writing.error.unexpected",
        notice_fallback="writing.notice.saved",
        busy_key="writing.busy",
    )


def status_lines() -> rx.Component:
    """Progress of a preview or sending, its error, and notices."""
    return writing_status_lines(S, ERRORS, NOTICES)


def _finding(finding: Any) -> rx.Component:
    return rx.el.li(
        rx.el.strong(finding.text, class_name="finding__text"),
        " (",
        rx.match(
            finding.kind,
            *[(kind, t(key)) for kind, key in FINDING_KINDS.items()],
            t("writing.finding.other"),
        ),
        ")",
    )


def findings() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("writing.findings.title"), id="ps-story-findings-title", tab_index=-1),
        rx.el.p(t("writing.findings.found")),
        rx.el.ul(rx.foreach(S.findings, _finding), class_name="findings"),
        rx.el.p(t("writing.findings.why")),
        rx.el.div(
            action_button("writing.findings.remove", collect_then(S.remove_findings), S.busy),
            action_button(
                "writing.findings.send_anyway", collect_then(S.submit_anyway), S.busy, False
            ),
            class_name="actions",
        ),
        rx.el.p(t("writing.findings.anyway_note"), class_name="muted"),
        class_name="panel writing-findings",
        hidden=S.findings.length() == 0,  # type: ignore[attr-defined]
        aria_labelledby="ps-story-findings-title",
    )


def form() -> rx.Component:
    return rx.el.div(
        intro(),
        title_field(),
        body_field(),
        choices(
            "language",
            "radio",
            "writing.field.language",
            "writing.field.language_hint",
            LANGUAGE_KEYS,
        ),
        choices(
            "theme", "checkbox", "writing.field.themes", "writing.field.themes_hint", THEME_KEYS
        ),
        choices(
            "warning",
            "checkbox",
            "writing.field.warnings",
            "writing.field.warnings_hint",
            WARNING_KEYS,
        ),
        search_question(),
        save_status(),
        findings(),
        status_lines(),
        rx.el.div(
            action_button(
                "writing.preview.open",
                collect_then(S.show_preview),
                S.busy,
                False,
                id="ps-story-preview-open",
            ),
            action_button("writing.submit", collect_then(S.submit), S.busy),
            class_name="actions",
        ),
        rx.el.p(t("writing.submit_hint"), class_name="muted writing-submit-hint"),
        # Clicked by the writer script when it is time to save; never shown.
        rx.el.button(
            id="ps-story-autosave",
            type="button",
            hidden=True,
            tab_index=-1,
            aria_hidden="true",
            on_click=collect_then(S.autosave),
        ),
        id="ps-story-form",
        class_name="writing-form",
        hidden=(S.view != "form") | S.previewing,
        on_mount=rx.call_script(writer_call("attach")),
    )


def _theme_mark(code: Any) -> rx.Component:
    return rx.el.li(
        rx.match(code, *[(theme, t(key)) for theme, key in THEME_KEYS.items()], code),
        class_name="mark",
    )


def preview() -> rx.Component:
    caution = rx.cond(LanguageState.lang == "en", S.preview_caution[1], S.preview_caution[0])
    return rx.el.section(
        rx.el.h2(t("writing.preview.title"), id="ps-story-preview-title", tab_index=-1),
        rx.el.p(t("writing.preview.explain"), class_name="muted"),
        rx.el.article(
            rx.el.div(
                rx.el.p(rx.el.strong(t("stories.caution.title"))),
                rx.el.p(caution),
                class_name="story-caution",
                hidden=S.preview_caution.length() == 0,  # type: ignore[attr-defined]
            ),
            rx.el.h3(
                rx.cond(S.preview_title != "", S.preview_title, t("writing.untitled")),
                class_name="story-preview__title",
            ),
            rx.el.ul(
                rx.foreach(S.preview_themes, _theme_mark),
                class_name="marks",
                aria_label=t("stories.card.themes_label"),
            ),
            rx.html(S.preview_html, class_name="story-text"),
            class_name="story-preview",
        ),
        status_lines(),
        rx.el.div(
            action_button("writing.preview.close", S.close_preview, S.busy, False),
            action_button("writing.submit", collect_then(S.submit), S.busy),
            class_name="actions",
        ),
        class_name="writing-preview",
        hidden=(S.view != "form") | ~S.previewing,
        aria_labelledby="ps-story-preview-title",
    )


def visitor() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("writing.visitor.intro"), class_name="lead"),
        rx.el.p(t("writing.visitor.account")),
        account_buttons(),
        rx.el.p(t("writing.visitor.after_login"), class_name="muted writing-after-login"),
        hidden=S.view != "visitor",
    )


def unavailable() -> rx.Component:
    return rx.el.div(
        rx.el.p(
            rx.cond(
                S.view == "not_editable",
                t("writing.open.not_editable"),
                t("writing.open.not_found"),
            )
        ),
        rx.el.div(
            app_link(
                t("writing.mine.title"), href="/mijn-verhalen", class_name="button button--primary"
            ),
            app_link(t("writing.new"), href=ROUTE, class_name="button button--secondary"),
            class_name="actions",
        ),
        hidden=(S.view != "not_found") & (S.view != "not_editable"),
    )


def sent() -> rx.Component:
    return rx.el.section(
        rx.el.h2(t("writing.sent.title"), id="ps-story-sent", tab_index=-1),
        rx.el.p(t("writing.sent.text")),
        expected_wait_line(S.wait_nl, S.wait_en),
        rx.el.div(
            app_link(
                t("writing.mine.title"), href="/mijn-verhalen", class_name="button button--primary"
            ),
            class_name="actions",
        ),
        class_name="panel",
        hidden=S.view != "sent",
        aria_labelledby="ps-story-sent",
    )


def write_story_page() -> rx.Component:
    return page_frame(
        StoryWriter.create(),
        crisis_help(S.crisis_shown, S.crisis_sent, S.close_crisis),
        loading_status(S.view == "loading", "writing.loading"),
        visitor(),
        unavailable(),
        sent(),
        form(),
        preview(),
        title_key="writing.title",
        current=ROUTE,
        back_to="/mijn-verhalen",
    )
