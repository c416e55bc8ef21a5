"""Moderation (moderators and admins): the queue at a glance, one item to decide,
recent decisions to undo, watched words and suspended accounts. Others see one line."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.forms import ERROR_MESSAGES
from peersupport.components.navigation import app_link
from peersupport.components.secure_forms import secure_forms
from peersupport.components.text import t
from peersupport.layouts.page_frame import page_frame
from peersupport.models.stories import BODY_MAX_CHARS, TITLE_MAX_CHARS
from peersupport.services.moderation import (
    CHART_DAYS,
    QUEUE_PAGE,
    REASON_MAX_CHARS,
    REJECT_TEMPLATE_KEYS,
    REJECT_TEMPLATES,
    UNDO_MINUTES,
)
from peersupport.services.stories import MIN_BODY_CHARS, THEME_KEYS, WARNING_KEYS
from peersupport.services.watched_words import MAX_WATCHED_WORDS, PHRASE_MAX_CHARS
from peersupport.state.language import LanguageState
from peersupport.state.moderation import ModerationState as S

ROUTE = "/moderatie"
LOG_ROUTE = "/moderatie/logboek"

# Every code the moderation service (or this page's state) can refuse with.
MODERATION_ERRORS: dict[str, str] = {
    **ERROR_MESSAGES,
    "staff_only": "moderation.error.staff_only",
    "not_allowed": "moderation.error.not_allowed",
    "not_yours": "moderation.error.not_allowed",
    "unknown_item": "moderation.error.unknown_item",
    "not_pending": "moderation.error.not_pending",
    "claimed_by_other": "moderation.error.claimed_by_other",
    "own_item": "moderation.error.own_item",
    "escalated": "moderation.error.escalated",
    "already_escalated": "moderation.error.already_escalated",
    "reason_missing": "moderation.error.reason_missing",
    "invalid_reason": "moderation.error.invalid_reason",
    "no_change": "moderation.error.no_change",
    "contact_details": "moderation.error.contact_details",
    "title_missing": "moderation.error.title_missing",
    "title_too_long": "moderation.error.title_too_long",
    "body_too_short": "moderation.error.body_too_short",
    "body_too_long": "moderation.error.body_too_long",
    "invalid_template": "moderation.error.invalid_template",
    "not_decided": "moderation.error.not_decided",
    "undo_expired": "moderation.error.undo_expired",
    "cannot_suspend_staff": "moderation.error.cannot_suspend_staff",
    "cannot_suspend_self": "moderation.error.cannot_suspend_self",
    "invalid_phrase": "moderation.error.invalid_phrase",
    "invalid_action": "moderation.error.invalid_action",
    "too_many_words": "moderation.error.too_many_words",
    "unknown_word": "moderation.error.unknown_word",
}
# The numbers some of those sentences name, taken from the rules themselves.
ERROR_VALUES: dict[str, dict[str, object]] = {
    "invalid_reason": {"n": REASON_MAX_CHARS},
    "title_too_long": {"n": TITLE_MAX_CHARS},
    "body_too_short": {"n": MIN_BODY_CHARS},
    "body_too_long": {"n": BODY_MAX_CHARS},
    "undo_expired": {"minutes": UNDO_MINUTES},
    "invalid_phrase": {"n": PHRASE_MAX_CHARS},
    "too_many_words": {"n": MAX_WATCHED_WORDS},
}
MODERATION_NOTICES: dict[str, str] = {
    "claimed": "moderation.notice.claimed",
    "released": "moderation.notice.released",
    "approved": "moderation.notice.approved",
    "edited": "moderation.notice.edited",
    "rejected": "moderation.notice.rejected",
    "escalated": "moderation.notice.escalated",
    "undone": "moderation.notice.undone",
    "word_saved": "moderation.notice.word_saved",
    "word_removed": "moderation.notice.word_removed",
    "suspended": "moderation.notice.suspended",
    "unsuspended": "moderation.notice.unsuspended",
}
FINDING_KEYS = {
    "phone": "moderation.finding.phone",
    "email": "moderation.finding.email",
    "url": "moderation.finding.url",
    "handle": "moderation.finding.handle",
    "platform": "moderation.finding.platform",
    "postcode": "moderation.finding.postcode",
    "address": "moderation.finding.address",
}
WORD_ACTION_KEYS = {
    "block": ("moderation.words.action.block", "moderation.words.action.block_explain"),
    "flag": ("moderation.words.action.flag", "moderation.words.action.flag_explain"),
    "review": ("moderation.words.action.review", "moderation.words.action.review_explain"),
}
TEMPLATE_NAME_KEYS = {
    "contact_details": "moderation.template.contact_details",
    "identifying": "moderation.template.identifying",
    "unsafe": "moderation.template.unsafe",
    "not_a_story": "moderation.template.not_a_story",
    "other": "moderation.template.other",
}
DECISION_KEYS = {
    "approved": "moderation.decision.approved",
    "edited": "moderation.decision.edited",
    "rejected": "moderation.decision.rejected",
}
LANGUAGE_KEYS = {"nl": "moderation.language.nl", "en": "moderation.language.en"}


# --- small pieces --------------------------------------------------------------------------


def pick(nl: Any, en: Any) -> rx.Var:
    """A text the state wrote in both languages, in the one shown."""
    return rx.cond(LanguageState.lang == "en", en, nl)


def label_for(code: Any, keys: dict[str, str]) -> rx.Var:
    """The words for a code; an unknown code is shown as it is."""
    return rx.match(code, *[(known, t(key)) for known, key in keys.items()], code)


def word_action_label(code: Any) -> rx.Var:
    return label_for(code, {action: keys[0] for action, keys in WORD_ACTION_KEYS.items()})


def error_text(code: Any) -> rx.Var:
    """The sentence for a refusal code; an unknown code gets the general one."""
    return rx.match(
        code,
        *[
            (known, t(key, **ERROR_VALUES.get(known, {})))
            for known, key in MODERATION_ERRORS.items()
        ],
        t("error.unexpected"),
    )


def notice_text(code: Any) -> rx.Var:
    return rx.match(
        code,
        *[(known, t(key)) for known, key in MODERATION_NOTICES.items()],
        t("notice.unexpected"),
    )


def area_status(area: str) -> rx.Component:
    """Busy, error and notice lines for one part of the page, announced where they appear."""
    here = S.message_area == area
    error = rx.cond(here, S.error, "")
    notice = rx.cond(here, S.notice, "")
    busy = S.busy & here
    return rx.el.div(
        rx.el.p(
            rx.cond(busy, t("moderation.busy"), ""),
            role="status",
            class_name=rx.cond(busy, "status status--busy", "status"),
        ),
        rx.el.p(
            rx.cond(error != "", error_text(error), ""),
            role="alert",
            class_name=rx.cond(error != "", "status status--error", "status"),
        ),
        rx.el.p(
            rx.cond(notice != "", notice_text(notice), ""),
            role="status",
            class_name=rx.cond(notice != "", "status status--notice", "status"),
        ),
        id=f"mod-{area}-status",
        class_name="status-lines",
    )


def section(slug: str, title_key: str, *children: rx.Component) -> rx.Component:
    return rx.el.section(
        rx.el.h2(t(title_key), id=f"mod-{slug}-title", tab_index=-1),
        *children,
        class_name=f"panel mod-section mod-section--{slug}",
        aria_labelledby=f"mod-{slug}-title",
    )


def text_field(
    field_id: str, name: str, label_key: str, *, hint_key: str | None = None, **props: Any
) -> rx.Component:
    hint_id = f"{field_id}-hint"
    return rx.el.div(
        rx.el.label(t(label_key), html_for=field_id, class_name="field__label"),
        rx.el.input(
            id=field_id,
            name=name,
            type="text",
            auto_complete="off",
            class_name="field__input",
            aria_describedby=hint_id if hint_key else None,
            **props,
        ),
        rx.el.p(t(hint_key), id=hint_id, class_name="field__hint") if hint_key else rx.fragment(),
        class_name="field",
    )


def text_area(
    field_id: str, name: str, label_key: str, *, hint_key: str | None = None, **props: Any
) -> rx.Component:
    hint_id = f"{field_id}-hint"
    return rx.el.div(
        rx.el.label(t(label_key), html_for=field_id, class_name="field__label"),
        rx.el.textarea(
            id=field_id,
            name=name,
            class_name="field__input mod-textarea",
            aria_describedby=hint_id if hint_key else None,
            **props,
        ),
        rx.el.p(t(hint_key), id=hint_id, class_name="field__hint") if hint_key else rx.fragment(),
        class_name="field",
    )


def submit_button(label_key: str, danger: bool = False) -> rx.Component:
    return rx.el.button(
        t(label_key),
        type="submit",
        disabled=S.busy,
        class_name="button " + ("button--danger" if danger else "button--primary"),
    )


# --- at a glance -----------------------------------------------------------------------------


def _bar_day(day: Any) -> rx.Component:
    return rx.el.div(
        rx.el.div(
            rx.el.div(
                class_name="mod-chart__bar mod-chart__bar--in",
                style={"height": day.submitted_height},
            ),
            rx.el.div(
                class_name="mod-chart__bar mod-chart__bar--out",
                style={"height": day.decided_height},
            ),
            class_name="mod-chart__pair",
        ),
        rx.el.span(day.day, class_name="mod-chart__day"),
        class_name="mod-chart__column",
    )


def _table_row(day: Any) -> rx.Component:
    return rx.el.tr(rx.el.th(day.date, scope="row"), rx.el.td(day.submitted), rx.el.td(day.decided))


def at_a_glance() -> rx.Component:
    return section(
        "glance",
        "moderation.glance.title",
        rx.el.div(
            rx.el.p(
                rx.el.span(S.queue_size, class_name="mod-stat__number"),
                rx.el.span(t("moderation.stats.in_queue"), class_name="mod-stat__label"),
                class_name="mod-stat",
            ),
            rx.el.p(
                rx.cond(
                    S.queue_size > 0,
                    pick(S.oldest_nl, S.oldest_en),
                    t("moderation.stats.nothing_waiting"),
                ),
                class_name="mod-stat mod-stat--oldest",
            ),
            class_name="mod-stats",
        ),
        rx.el.h3(t("moderation.chart.title", n=CHART_DAYS)),
        rx.el.ul(
            rx.el.li(
                rx.el.span(class_name="mod-chart__swatch mod-chart__bar--in"),
                t("moderation.chart.submitted"),
                ": ",
                rx.el.strong(S.submitted_total),
            ),
            rx.el.li(
                rx.el.span(class_name="mod-chart__swatch mod-chart__bar--out"),
                t("moderation.chart.decided"),
                ": ",
                rx.el.strong(S.decided_total),
            ),
            class_name="mod-chart__legend",
        ),
        rx.el.div(
            rx.foreach(S.days, _bar_day),
            class_name="mod-chart",
            aria_hidden="true",
        ),
        rx.el.table(
            rx.el.caption(t("moderation.chart.table_caption")),
            rx.el.thead(
                rx.el.tr(
                    rx.el.th(t("moderation.chart.date"), scope="col"),
                    rx.el.th(t("moderation.chart.submitted"), scope="col"),
                    rx.el.th(t("moderation.chart.decided"), scope="col"),
                )
            ),
            rx.el.tbody(rx.foreach(S.days, _table_row)),
            class_name="visually-hidden",
        ),
    )


# --- the queue -------------------------------------------------------------------------------


def _marks(row: Any) -> rx.Component:
    return rx.el.ul(
        rx.el.li(t("moderation.kind.story"), class_name="mark"),
        rx.el.li(label_for(row.language, LANGUAGE_KEYS), class_name="mark"),
        rx.cond(
            row.escalated,
            rx.el.li(t("moderation.item.escalated"), class_name="mark mod-mark--escalated"),
        ),
        rx.cond(row.own, rx.el.li(t("moderation.item.own"), class_name="mark")),
        class_name="marks",
    )


def _tag_line(codes: Any, label_key: str, keys: dict[str, str]) -> rx.Component:
    return rx.cond(
        codes.length() > 0,
        rx.el.p(
            rx.el.span(t(label_key), class_name="label"),
            " ",
            rx.foreach(codes, lambda code: rx.el.span(label_for(code, keys), class_name="mod-tag")),
            class_name="mod-line",
        ),
    )


def _alert(entries: Any, icon: str, title_key: str, entry: Any) -> rx.Component:
    return rx.cond(
        entries.length() > 0,
        rx.el.div(
            rx.el.p(
                rx.el.span(icon, aria_hidden="true", class_name="mod-alert__icon"),
                t(title_key),
                class_name="mod-alert__title",
            ),
            rx.el.ul(rx.foreach(entries, entry)),
            class_name="mod-alert",
        ),
    )


def _details(row: Any) -> rx.Component:
    """Themes, warnings, and (marked as warnings) what the privacy scrubber found and
    the watched words."""
    return rx.fragment(
        _tag_line(row.themes, "moderation.item.themes", THEME_KEYS),
        _tag_line(row.warnings, "moderation.item.warnings", WARNING_KEYS),
        _alert(
            row.findings,
            "⚠",
            "moderation.item.findings",
            lambda found: rx.el.li(
                rx.el.span(label_for(found.kind, FINDING_KEYS), class_name="label"),
                ": ",
                rx.el.mark(found.text),
            ),
        ),
        _alert(
            row.flags,
            "⚑",
            "moderation.item.flags",
            lambda flag: rx.el.li(rx.el.mark(flag.word), " (", word_action_label(flag.action), ")"),
        ),
    )


def _claim_line(row: Any) -> rx.Component:
    return rx.cond(
        row.claimed_by_me,
        rx.el.p(t("moderation.item.claimed_by_you"), class_name="mod-claim"),
        rx.cond(
            row.claimed_by_other,
            rx.el.p(
                t("moderation.item.claimed_by"),
                " ",
                rx.el.strong(row.claimed_by),
                class_name="mod-claim",
            ),
        ),
    )


def _queue_card(row: Any) -> rx.Component:
    return rx.el.li(
        _marks(row),
        rx.el.h3(
            rx.el.button(
                row.title,
                type="button",
                on_click=S.open_item(row.id),  # type: ignore[operator]
                disabled=S.busy,
                class_name="mod-card__open",
            )
        ),
        rx.el.p(
            t("moderation.item.by"),
            " ",
            rx.el.strong(row.author),
            " · ",
            pick(row.waiting_nl, row.waiting_en),
            class_name="muted",
        ),
        _details(row),
        _claim_line(row),
        class_name=rx.cond(
            (row.findings.length() > 0) | (row.flags.length() > 0),
            "mod-card mod-card--flagged",
            "mod-card",
        ),
    )


def queue() -> rx.Component:
    return section(
        "queue",
        "moderation.queue.title",
        rx.cond(
            S.queue.length() > 0,  # type: ignore[attr-defined]
            rx.fragment(
                rx.el.p(t("moderation.queue.explain"), class_name="muted"),
                rx.el.ul(rx.foreach(S.queue, _queue_card), class_name="mod-queue"),
                rx.cond(
                    S.queue_size > S.queue.length(),  # type: ignore[attr-defined]
                    rx.el.p(t("moderation.queue.more", n=QUEUE_PAGE), class_name="muted"),
                    rx.fragment(),
                ),
            ),
            rx.el.p(t("moderation.queue.empty"), class_name="mod-empty"),
        ),
    )


# --- one item ------------------------------------------------------------------------------


def _edit_form() -> rx.Component:
    return rx.el.details(
        rx.el.summary(t("moderation.edit.title"), class_name="mod-summary"),
        rx.el.form(
            rx.el.p(t("moderation.edit.explain"), class_name="field__hint"),
            text_field(
                "mod-edit-title",
                "title",
                "moderation.edit.field_title",
                default_value=S.current.title,
            ),
            text_area(
                "mod-edit-body",
                "body",
                "moderation.edit.field_body",
                default_value=S.current_body,
                rows=12,
            ),
            text_area(
                "mod-edit-reason",
                "reason",
                "moderation.edit.field_reason",
                hint_key="moderation.edit.reason_hint",
                rows=3,
                aria_required="true",
            ),
            submit_button("moderation.edit.submit"),
            key=S.current.id,
            on_submit=lambda form: S.edit_and_approve(S.current.id, form),  # type: ignore[operator]
            class_name="mod-form",
        ),
        class_name="mod-details",
    )


def _template_choice(code: str) -> rx.Component:
    choice_id = f"mod-template-{code}"
    return rx.el.div(
        rx.el.input(
            id=choice_id,
            type="radio",
            name="template",
            value=code,
            class_name="check__input",
            aria_describedby=f"{choice_id}-hint",
        ),
        rx.el.label(t(TEMPLATE_NAME_KEYS[code]), html_for=choice_id, class_name="field__label"),
        rx.el.p(t(REJECT_TEMPLATE_KEYS[code]), id=f"{choice_id}-hint", class_name="field__hint"),
        class_name="check",
    )


def _reject_form() -> rx.Component:
    return rx.el.details(
        rx.el.summary(t("moderation.rejecting.title"), class_name="mod-summary"),
        rx.el.form(
            rx.el.fieldset(
                rx.el.legend(t("moderation.rejecting.choose"), class_name="field__label"),
                *[_template_choice(code) for code in REJECT_TEMPLATES],
                class_name="mod-fieldset",
            ),
            text_area(
                "mod-reject-text",
                "text",
                "moderation.rejecting.field_text",
                hint_key="moderation.rejecting.text_hint",
                rows=3,
            ),
            submit_button("moderation.rejecting.submit", danger=True),
            key=S.current.id,
            on_submit=lambda form: S.reject(S.current.id, form),  # type: ignore[operator]
            class_name="mod-form",
        ),
        class_name="mod-details",
    )


def _escalate_form() -> rx.Component:
    return rx.el.details(
        rx.el.summary(t("moderation.escalate.title"), class_name="mod-summary"),
        rx.el.form(
            rx.el.p(t("moderation.escalate.explain"), class_name="field__hint"),
            text_area(
                "mod-escalate-reason",
                "reason",
                "moderation.escalate.field_reason",
                rows=3,
                aria_required="true",
            ),
            submit_button("moderation.escalate.submit"),
            key=S.current.id,
            on_submit=lambda form: S.escalate(S.current.id, form),  # type: ignore[operator]
            class_name="mod-form",
        ),
        class_name="mod-details",
    )


def _item_actions() -> rx.Component:
    row = S.current
    can_decide = ~row.own & (~row.escalated | (S.role == "admin")) & ~row.claimed_by_other
    return rx.fragment(
        rx.cond(row.own, rx.el.p(t("moderation.item.own_explain"), class_name="callout")),
        rx.cond(
            row.escalated & (S.role != "admin"),
            rx.el.p(t("moderation.item.escalated_explain"), class_name="callout"),
        ),
        rx.cond(
            row.claimed_by_other,
            rx.el.p(t("moderation.item.claimed_explain"), class_name="callout"),
        ),
        rx.cond(
            ~row.claimed_by_other,
            rx.el.div(
                rx.cond(
                    row.claimed_by_me,
                    rx.el.button(
                        t("moderation.release"),
                        type="button",
                        on_click=S.release(row.id),  # type: ignore[operator]
                        disabled=S.busy,
                        class_name="button button--secondary",
                    ),
                    rx.el.button(
                        t("moderation.claim"),
                        type="button",
                        on_click=S.claim(row.id),  # type: ignore[operator]
                        disabled=S.busy,
                        class_name="button button--secondary",
                    ),
                ),
                class_name="actions",
            ),
        ),
        rx.el.article(
            rx.el.h3(t("moderation.item.text")),
            rx.html(S.current_body_html, class_name="story-text mod-story"),
            class_name="mod-story-box",
        ),
        rx.cond(
            can_decide,
            rx.el.div(
                rx.el.h3(t("moderation.item.decide")),
                rx.el.div(
                    rx.el.button(
                        t("moderation.approve"),
                        type="button",
                        on_click=S.approve(row.id),  # type: ignore[operator]
                        disabled=S.busy,
                        class_name="button button--primary",
                    ),
                    class_name="actions",
                ),
                _edit_form(),
                _reject_form(),
                class_name="mod-decide",
            ),
        ),
        rx.cond(~row.escalated & ~row.own & ~row.claimed_by_other, _escalate_form()),
    )


def item_detail() -> rx.Component:
    row = S.current
    return rx.el.section(
        rx.el.button(
            rx.el.span("←", aria_hidden="true"),
            " ",
            t("moderation.item.back"),
            type="button",
            on_click=S.close_item,
            class_name="back-link mod-back",
        ),
        rx.el.h2(row.title, id="mod-detail-title", tab_index=-1),
        _marks(row),
        rx.el.p(
            t("moderation.item.by"),
            " ",
            rx.el.strong(row.author),
            " · ",
            pick(row.waiting_nl, row.waiting_en),
            class_name="muted",
        ),
        _details(row),
        _claim_line(row),
        area_status("item"),
        _item_actions(),
        class_name="panel mod-section mod-detail",
        aria_labelledby="mod-detail-title",
    )


# --- recent decisions, watched words, accounts ---------------------------------------------


def _recent_row(decision: Any) -> rx.Component:
    return rx.el.li(
        rx.el.p(rx.el.strong(decision.title), class_name="mod-recent__title"),
        rx.el.p(
            label_for(decision.decision, DECISION_KEYS),
            " · ",
            decision.decided_at,
            " · ",
            t("moderation.recent.undo_until"),
            " ",
            decision.undo_until,
            class_name="muted",
        ),
        rx.el.button(
            t("moderation.recent.undo"),
            rx.el.span(": ", decision.title, class_name="visually-hidden"),
            type="button",
            on_click=S.undo(decision.item_id),  # type: ignore[operator]
            disabled=S.busy,
            class_name="button button--secondary",
        ),
        class_name="mod-recent",
    )


def recent() -> rx.Component:
    return section(
        "recent",
        "moderation.recent.title",
        rx.el.p(t("moderation.recent.explain", minutes=UNDO_MINUTES), class_name="muted"),
        area_status("recent"),
        rx.cond(
            S.recent.length() > 0,  # type: ignore[attr-defined]
            rx.el.ul(rx.foreach(S.recent, _recent_row), class_name="mod-list"),
            rx.el.p(t("moderation.recent.empty", minutes=UNDO_MINUTES)),
        ),
    )


def _word_choice(action: str) -> rx.Component:
    choice_id = f"mod-word-{action}"
    name_key, explain_key = WORD_ACTION_KEYS[action]
    return rx.el.div(
        rx.el.input(
            id=choice_id,
            type="radio",
            name="action",
            value=action,
            default_checked=action == "flag",
            class_name="check__input",
            aria_describedby=f"{choice_id}-hint",
        ),
        rx.el.label(t(name_key), html_for=choice_id, class_name="field__label"),
        rx.el.p(t(explain_key), id=f"{choice_id}-hint", class_name="field__hint"),
        class_name="check",
    )


def _word_row(word: Any) -> rx.Component:
    return rx.el.li(
        rx.el.span(word.phrase, class_name="mod-word"),
        rx.el.span(word_action_label(word.action), class_name="mark"),
        rx.el.button(
            t("moderation.words.remove"),
            rx.el.span(": ", word.phrase, class_name="visually-hidden"),
            type="button",
            on_click=S.remove_watched_word(word.id),  # type: ignore[operator]
            disabled=S.busy,
            class_name="button button--secondary",
        ),
        class_name="mod-word-row",
    )


def watched_words() -> rx.Component:
    return section(
        "words",
        "moderation.words.title",
        rx.el.p(t("moderation.words.explain")),
        rx.el.form(
            text_field("mod-word-phrase", "phrase", "moderation.words.field_phrase"),
            rx.el.fieldset(
                rx.el.legend(t("moderation.words.field_action"), class_name="field__label"),
                *[_word_choice(action) for action in WORD_ACTION_KEYS],
                class_name="mod-fieldset",
            ),
            submit_button("moderation.words.submit"),
            key=S.words_round,
            on_submit=S.add_watched_word,
            class_name="mod-form",
        ),
        area_status("words"),
        rx.cond(
            S.words.length() > 0,  # type: ignore[attr-defined]
            rx.el.ul(rx.foreach(S.words, _word_row), class_name="mod-list"),
            rx.el.p(t("moderation.words.empty")),
        ),
    )


def accounts() -> rx.Component:
    return section(
        "accounts",
        "moderation.accounts.title",
        rx.el.p(t("moderation.accounts.explain")),
        rx.el.form(
            rx.el.h3(t("moderation.accounts.suspend_title")),
            text_field("mod-suspend-pseudonym", "pseudonym", "moderation.accounts.field_pseudonym"),
            text_area(
                "mod-suspend-reason",
                "reason",
                "moderation.accounts.field_reason",
                rows=2,
                aria_required="true",
            ),
            submit_button("moderation.accounts.suspend", danger=True),
            key=S.accounts_round,
            on_submit=S.suspend,
            class_name="mod-form",
        ),
        area_status("accounts"),
        rx.el.h3(t("moderation.accounts.suspended_title")),
        rx.cond(
            S.suspended.length() > 0,  # type: ignore[attr-defined]
            rx.el.ul(
                rx.foreach(S.suspended, lambda name: rx.el.li(name)), class_name="mod-suspended"
            ),
            rx.el.p(t("moderation.accounts.none_suspended")),
        ),
        rx.el.form(
            rx.el.h3(t("moderation.accounts.unsuspend_title")),
            text_field(
                "mod-unsuspend-pseudonym", "pseudonym", "moderation.accounts.field_pseudonym"
            ),
            text_area(
                "mod-unsuspend-reason",
                "reason",
                "moderation.accounts.field_reason",
                rows=2,
                aria_required="true",
            ),
            submit_button("moderation.accounts.unsuspend"),
            key=S.accounts_round,
            on_submit=S.unsuspend,
            class_name="mod-form",
        ),
    )


# --- the page --------------------------------------------------------------------------------


def staff_view() -> rx.Component:
    return rx.el.div(
        rx.cond(
            S.role == "admin",
            rx.el.p(app_link(t("moderation.log_link"), href=LOG_ROUTE)),
        ),
        area_status("page"),
        at_a_glance(),
        rx.el.div(
            queue(),
            rx.cond(S.current.id != 0, item_detail()),
            class_name=rx.cond(
                S.current.id != 0, "mod-workspace mod-workspace--open", "mod-workspace"
            ),
        ),
        recent(),
        watched_words(),
        accounts(),
        class_name="moderation",
    )


def moderation_page() -> rx.Component:
    return page_frame(
        secure_forms(),
        rx.cond(
            S.allowed,
            staff_view(),
            rx.cond(
                S.loaded,
                rx.el.p(t("moderation.not_for_you"), class_name="lead"),
                rx.el.p(t("moderation.loading"), role="status", class_name="status status--busy"),
            ),
        ),
        title_key="moderation.title",
        current=ROUTE,
        back_to="/account",
    )
