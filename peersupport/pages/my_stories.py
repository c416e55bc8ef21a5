"""His own stories: the state of each in words, why one was not placed, what a moderator
changed, and what he can do with it (go on writing, withdraw, delete, read it)."""

from typing import Any

import reflex as rx

from peersupport.components.forms import loading_status
from peersupport.components.navigation import account_buttons, app_link
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame
from peersupport.models.statuses import StoryState
from peersupport.pages.story_search_choice import search_line
from peersupport.pages.write_story import writing_status_lines
from peersupport.services.moderation import REJECT_TEMPLATE_KEYS
from peersupport.state.language import LanguageState
from peersupport.state.my_stories import MyStoriesState as S

ROUTE = "/mijn-verhalen"

STATE_KEYS: dict[str, str] = {
    StoryState.DRAFT: "writing.state.draft",
    StoryState.PENDING: "writing.state.pending",
    StoryState.PUBLISHED: "writing.state.published",
    StoryState.REJECTED: "writing.state.rejected",
    StoryState.WITHDRAWN: "writing.state.withdrawn",
}
ERRORS: dict[str, str] = {
    "not_withdrawable": "writing.error.not_withdrawable",
    "not_deletable": "writing.error.not_deletable",
    "story_not_found": "writing.error.story_not_found",
    "not_authorized": "error.not_authorized",
    "invalid_choice": "writing.error.invalid_choice",
}
NOTICES: dict[str, str] = {
    "story_withdrawn": "writing.notice.withdrawn",
    "story_deleted": "writing.notice.deleted",
    "search_shared": "writing.notice.search_shared",
    "search_hidden": "writing.notice.search_hidden",
}


def for_story(handler: Any, story: Any) -> Any:
    """`handler` called with this story's id when the button is pressed."""
    return handler(story.id)


def _button(label_key: str, on_click: Any, style: str = "secondary", **props: Any) -> rx.Component:
    return rx.el.button(
        t(label_key),
        type="button",
        on_click=on_click,
        disabled=S.busy,
        class_name=f"button button--{style}",
        **props,
    )


def _confirm(story: Any) -> rx.Component:
    withdrawing = S.confirm_action == "withdraw"
    return rx.el.div(
        rx.el.p(
            rx.cond(
                withdrawing, t("writing.mine.confirm_withdraw"), t("writing.mine.confirm_delete")
            ),
            class_name="my-story__question",
        ),
        rx.el.div(
            rx.cond(
                withdrawing,
                _button(
                    "writing.mine.withdraw_yes",
                    for_story(S.withdraw, story),
                    "danger",
                    id="ps-confirm-yes",
                ),
                _button(
                    "writing.mine.delete_yes",
                    for_story(S.delete, story),
                    "danger",
                    id="ps-confirm-yes",
                ),
            ),
            _button("writing.mine.keep", S.cancel),
            class_name="actions",
        ),
        class_name="my-story__confirm",
        role="group",
        aria_label=t("writing.mine.confirm_label"),
    )


def _change(change: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(
            rx.el.span(t("writing.mine.change_before"), class_name="label"),
            " ",
            rx.cond(change.before != "", change.before, t("writing.mine.change_nothing")),
        ),
        rx.el.p(
            rx.el.span(t("writing.mine.change_after"), class_name="label"),
            " ",
            rx.cond(change.after != "", change.after, t("writing.mine.change_removed")),
        ),
        class_name="my-story__change",
    )


def _rejected(story: Any) -> rx.Component:
    return rx.el.div(
        rx.el.p(rx.el.strong(t("writing.mine.rejected_why"))),
        rx.el.p(
            rx.match(
                story.rejection_template,
                *[(code, t(key)) for code, key in REJECT_TEMPLATE_KEYS.items()],
                "",
            )
        ),
        rx.cond(
            story.rejection_reason != "",
            rx.el.div(
                rx.el.p(t("writing.mine.moderator_wrote"), class_name="label"),
                rx.el.blockquote(story.rejection_reason, class_name="my-story__reason"),
            ),
            rx.fragment(),
        ),
        rx.el.p(t("writing.mine.rejected_next")),
        class_name="my-story__note",
    )


def _edited(story: Any) -> rx.Component:
    return rx.el.div(
        rx.el.p(rx.el.strong(t("writing.mine.edited"))),
        rx.el.p(t("writing.mine.edited_explain")),
        rx.el.ul(rx.foreach(story.changes, _change), class_name="my-story__changes"),
        class_name="my-story__note",
    )


def _story(story: Any) -> rx.Component:
    return rx.el.li(
        rx.el.article(
            rx.el.h2(
                rx.cond(story.title != "", story.title, t("writing.untitled")),
                id=story.anchor,
                class_name="my-story__title",
            ),
            rx.el.p(
                rx.el.span(
                    rx.match(story.state, *[(s, t(key)) for s, key in STATE_KEYS.items()], ""),
                    class_name="state-badge",
                    custom_attrs={"data-state": story.state},
                ),
                " ",
                rx.el.span(
                    t("writing.mine.updated"),
                    " ",
                    rx.cond(LanguageState.lang == "en", story.updated_en, story.updated_nl),
                    class_name="muted",
                ),
                class_name="my-story__meta",
            ),
            rx.match(
                story.state,
                (StoryState.DRAFT, rx.el.p(t("writing.mine.draft_explain"), class_name="muted")),
                (
                    StoryState.PENDING,
                    rx.el.p(t("writing.mine.pending_explain"), class_name="muted"),
                ),
                (
                    StoryState.WITHDRAWN,
                    rx.el.p(t("writing.mine.withdrawn_explain"), class_name="muted"),
                ),
                (StoryState.REJECTED, _rejected(story)),
                (
                    StoryState.PUBLISHED,
                    rx.cond(story.changes.length() > 0, _edited(story), rx.fragment()),
                ),
                rx.fragment(),
            ),
            # A draft answers the question in the write form; a sent story here.
            rx.cond(
                (story.state == StoryState.PENDING) | (story.state == StoryState.PUBLISHED),
                search_line(story),
            ),
            rx.el.div(
                rx.cond(
                    story.can_edit,
                    app_link(
                        t("writing.mine.edit"),
                        href=story.edit_href,
                        class_name="button button--secondary",
                        aria_describedby=story.anchor,
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    story.state == StoryState.PUBLISHED,
                    rx.el.a(
                        t("writing.mine.read"),
                        href=story.public_href,
                        class_name="button button--secondary",
                        custom_attrs={"data-replace": ""},
                        aria_describedby=story.anchor,
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    story.can_withdraw,
                    _button(
                        "writing.mine.withdraw",
                        for_story(S.ask_withdraw, story),
                        id="ps-ask-withdraw-" + story.id.to_string(),
                        aria_describedby=story.anchor,
                    ),
                    rx.fragment(),
                ),
                rx.cond(
                    story.can_edit,
                    _button(
                        "writing.mine.delete",
                        for_story(S.ask_delete, story),
                        "danger",
                        id="ps-ask-delete-" + story.id.to_string(),
                        aria_describedby=story.anchor,
                    ),
                    rx.fragment(),
                ),
                class_name="actions",
            ),
            rx.cond(S.confirm_id == story.id, _confirm(story), rx.fragment()),
            class_name="my-story",
        ),
    )


def status_lines() -> rx.Component:
    return writing_status_lines(S, ERRORS, NOTICES)


def visitor() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("writing.mine.visitor"), class_name="lead"),
        account_buttons(),
        hidden=S.view != "visitor",
    )


def empty() -> rx.Component:
    return rx.el.div(
        rx.el.p(t("writing.mine.empty"), class_name="lead"),
        rx.el.p(t("writing.mine.empty_invite")),
        rx.el.div(
            app_link(t("writing.title"), href="/schrijven", class_name="button button--primary"),
            class_name="actions",
        ),
        hidden=(S.view != "list") | (S.stories.length() > 0),  # type: ignore[attr-defined]
    )


def story_list() -> rx.Component:
    return rx.el.div(
        rx.el.div(
            app_link(t("writing.new"), href="/schrijven", class_name="button button--primary"),
            class_name="actions",
        ),
        rx.el.ul(
            rx.foreach(S.stories, _story),
            class_name="my-stories",
            aria_label=t("writing.mine.title"),
        ),
        hidden=(S.view != "list") | (S.stories.length() == 0),  # type: ignore[attr-defined]
    )


def my_stories_page() -> rx.Component:
    return page_frame(
        loading_status(S.view == "loading", "writing.loading"),
        visitor(),
        status_lines(),
        empty(),
        story_list(),
        title_key="writing.mine.title",
        current=ROUTE,
        back_to="/account",
    )
