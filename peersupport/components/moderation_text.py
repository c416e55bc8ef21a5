"""Words on the moderators' pages: the catalog key for every code the moderation
service and its states use (refusals, notices, findings, templates, decisions), and
the Vars that show them in the language chosen."""

from __future__ import annotations

from typing import Any

import reflex as rx

from peersupport.components.forms import ERROR_MESSAGES, message_for
from peersupport.components.text import t
from peersupport.models.boards import POST_MAX_CHARS
from peersupport.models.moderation import Decision, ItemKind, WatchAction
from peersupport.models.stories import BODY_MAX_CHARS, TITLE_MAX_CHARS
from peersupport.services.boards import TITLE_MIN_CHARS
from peersupport.services.moderation import REASON_MAX_CHARS, UNDO_MINUTES
from peersupport.services.stories import MIN_BODY_CHARS
from peersupport.services.watched_words import MAX_WATCHED_WORDS, PHRASE_MAX_CHARS
from peersupport.state.language import LanguageState

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
    "title_too_short": "moderation.error.title_too_short",
    "body_too_short": "moderation.error.body_too_short",
    "body_too_long": "moderation.error.body_too_long",
    "body_missing": "moderation.error.body_missing",
    "post_too_long": "moderation.error.post_too_long",
    "invalid_template": "moderation.error.invalid_template",
    "not_decided": "moderation.error.not_decided",
    "undo_expired": "moderation.error.undo_expired",
    "cannot_suspend_staff": "moderation.error.cannot_suspend_staff",
    "cannot_suspend_self": "moderation.error.cannot_suspend_self",
    "invalid_phrase": "moderation.error.invalid_phrase",
    "invalid_action": "moderation.error.invalid_action",
    "too_many_words": "moderation.error.too_many_words",
    "unknown_word": "moderation.error.unknown_word",
    "unknown_post": "moderation.error.unknown_post",
    "no_reports": "moderation.error.no_reports",
    "unknown_story": "story_report.error.unknown_story",
    "paused": "queue.pause.error",
}
# The numbers some of those sentences name, taken from the rules themselves.
ERROR_VALUES: dict[str, dict[str, object]] = {
    "invalid_reason": {"n": REASON_MAX_CHARS},
    "title_too_long": {"n": TITLE_MAX_CHARS},
    "title_too_short": {"n": TITLE_MIN_CHARS},
    "body_too_short": {"n": MIN_BODY_CHARS},
    "body_too_long": {"n": BODY_MAX_CHARS},
    "post_too_long": {"n": POST_MAX_CHARS},
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
    "reports_dismissed": "moderation.notice.reports_dismissed",
    "post_removed": "moderation.notice.post_removed",
    "story_kept": "story_report.mod.kept",
    "story_removed": "story_report.mod.removed",
    "paused": "queue.pause.paused",
    "resumed": "queue.pause.resumed",
}
FINDING_KEYS = {
    "phone": "moderation.finding.phone",
    "email": "moderation.finding.email",
    "url": "moderation.finding.url",
    "handle": "moderation.finding.handle",
    "platform": "moderation.finding.platform",
    "postcode": "moderation.finding.postcode",
    "address": "moderation.finding.address",
    "school": "moderation.finding.school",
    "club": "moderation.finding.club",
    "workplace": "moderation.finding.workplace",
    "name": "moderation.finding.name",
}
WORD_ACTION_KEYS: dict[str, tuple[str, str]] = {
    WatchAction.BLOCK: ("moderation.words.action.block", "moderation.words.action.block_explain"),
    WatchAction.FLAG: ("moderation.words.action.flag", "moderation.words.action.flag_explain"),
    WatchAction.REVIEW: (
        "moderation.words.action.review",
        "moderation.words.action.review_explain",
    ),
}
TEMPLATE_NAME_KEYS = {
    "contact_details": "moderation.template.contact_details",
    "identifying": "moderation.template.identifying",
    "unsafe": "moderation.template.unsafe",
    "not_a_story": "moderation.template.not_a_story",
    "other": "moderation.template.other",
}
DECISION_KEYS: dict[str, str] = {
    Decision.APPROVED: "moderation.decision.approved",
    Decision.EDITED: "moderation.decision.edited",
    Decision.REJECTED: "moderation.decision.rejected",
}
# What a queue item is: a story, the opening post of a new thread, or a reply.
KIND_KEYS: dict[str, str] = {
    ItemKind.STORY: "moderation.kind.story",
    ItemKind.THREAD: "moderation.kind.thread",
    ItemKind.REPLY: "moderation.kind.reply",
}
LANGUAGE_KEYS = {"nl": "moderation.language.nl", "en": "moderation.language.en"}
# Why the crisis rules marked an item urgent (peersupport/content/crisis_words.py REASONS).
URGENT_REASON_KEYS = {
    "suicide": "moderation.urgent.suicide",
    "self_harm": "moderation.urgent.self_harm",
    "danger_now": "moderation.urgent.danger_now",
    "forced_tonight": "moderation.urgent.forced_tonight",
    "nowhere_to_sleep": "moderation.urgent.nowhere_to_sleep",
}


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
    return message_for(code, MODERATION_NOTICES, "notice.unexpected")
