"""The account view for moderators (/moderatie/account?nr=<id>): one account's signals
and the decisions about it, written out in both languages. Read only, through the
door (peersupport/usecases/moderation.py); moderators and admins may read it."""

from __future__ import annotations

from dataclasses import dataclass, field

import reflex as rx
from babel.dates import format_date
from reflex.event import EventSpec

from peersupport.components.local_time import LOCALES
from peersupport.components.moderation_text import KIND_KEYS
from peersupport.models.moderation import Decision, ItemState
from peersupport.models.statuses import AccountRole
from peersupport.services import account_review, account_signals
from peersupport.services.boards import REPORT_REASON_KEYS
from peersupport.services.errors import InvalidInput, ServiceError
from peersupport.services.ids import address_id
from peersupport.state.account import AccountState
from peersupport.state.moderation_extras import local_time
from peersupport.state.moderation_signals import SignalLine, account_line, text_line
from peersupport.state.staff_page import StaffPageState
from peersupport.translations import LANGUAGES, translate
from peersupport.usecases import door
from peersupport.usecases import moderation as cases

ROLE_KEYS: dict[str, str] = {
    AccountRole.MEMBER: "signals.view.role.member",
    AccountRole.MODERATOR: "signals.view.role.moderator",
    AccountRole.ADMIN: "signals.view.role.admin",
}
# An item's state, or "edited" for one approved with a moderator's changes.
STATE_KEYS: dict[str, str] = {
    ItemState.PENDING: "signals.view.state.pending",
    ItemState.APPROVED: "signals.view.state.approved",
    Decision.EDITED: "signals.view.state.edited",
    ItemState.REJECTED: "signals.view.state.rejected",
    ItemState.WITHDRAWN: "signals.view.state.withdrawn",
}
ACTION_KEYS = {
    "approve": "moderation.log.action.approve",
    "edit_approve": "moderation.log.action.edit_approve",
    "reject": "moderation.log.action.reject",
    "escalate": "moderation.log.action.escalate",
    "undo": "moderation.log.action.undo",
    "remove": "moderation.log.action.remove",
    "keep": "moderation.log.action.keep",
    "suspend": "moderation.log.action.suspend",
    "unsuspend": "moderation.log.action.unsuspend",
}


@dataclass
class ReviewLine:
    """One line of the page, written in both languages; `text` is a member's or a
    moderator's own words (a title, a reason), shown as text."""

    at: str = ""
    nl: str = ""
    en: str = ""
    text: str = ""
    signals_nl: str = ""
    signals_en: str = ""


@dataclass
class Review:
    pseudonym: str = ""
    role_nl: str = ""
    role_en: str = ""
    suspended: bool = False
    joined_nl: str = ""
    joined_en: str = ""
    signals: list[SignalLine] = field(default_factory=list)
    counts_nl: str = ""
    counts_en: str = ""
    posts: list[ReviewLine] = field(default_factory=list)
    reports: list[ReviewLine] = field(default_factory=list)
    history: list[ReviewLine] = field(default_factory=list)


def _words(language: str, key: str | None, fallback: str, **values: object) -> str:
    return translate(language, key, **values) if key else fallback


def _both(keys: dict[str, str], code: str, **values: object) -> dict[str, str]:
    return {lang: _words(lang, keys.get(code), code, **values) for lang in LANGUAGES}


def _item_line(item: account_review.ReviewedItem) -> ReviewLine:
    kind = _both(KIND_KEYS, item.kind)
    state = _both(STATE_KEYS, item.decision if item.decision == Decision.EDITED else item.state)
    signals = {
        lang: ", ".join(
            (text_line(code, "").reason_nl if lang == "nl" else text_line(code, "").reason_en)
            for code in item.signals
        )
        for lang in LANGUAGES
    }
    return ReviewLine(
        at=local_time(item.queued_at),
        nl=f"{kind['nl']} · {state['nl']}",
        en=f"{kind['en']} · {state['en']}",
        text=" · ".join(part for part in (item.title, item.reason) if part),
        signals_nl=signals["nl"],
        signals_en=signals["en"],
    )


def _report_line(reason: str, count: int) -> ReviewLine:
    names = _both(REPORT_REASON_KEYS, reason)
    lines = {
        lang: translate(lang, "signals.view.report_count", reason=names[lang], count=count)
        for lang in LANGUAGES
    }
    return ReviewLine(nl=lines["nl"], en=lines["en"])


def _history_line(entry: account_review.HistoryEntry) -> ReviewLine:
    action = _both(ACTION_KEYS, entry.action)
    by = {
        lang: translate(lang, "signals.view.by", actor=entry.actor) if entry.actor else ""
        for lang in LANGUAGES
    }
    return ReviewLine(
        at=local_time(entry.at),
        nl=" ".join(part for part in (action["nl"], by["nl"]) if part),
        en=" ".join(part for part in (action["en"], by["en"]) if part),
        text=entry.reason,
    )


def review_view(review: account_review.AccountReview) -> Review:
    role = _both(ROLE_KEYS, review.role)
    month = format_date(review.joined, "MM-y", locale=LOCALES["nl"])
    states = dict(review.states)
    counts = {
        lang: translate(
            lang,
            "signals.view.counts",
            pending=states.get(ItemState.PENDING, 0),
            approved=states.get(ItemState.APPROVED, 0),
            rejected=states.get(ItemState.REJECTED, 0),
            withdrawn=states.get(ItemState.WITHDRAWN, 0),
            removed=review.removed_posts,
        )
        for lang in LANGUAGES
    }
    return Review(
        pseudonym=review.pseudonym,
        role_nl=role["nl"],
        role_en=role["en"],
        suspended=review.suspended,
        joined_nl=translate("nl", "signals.view.joined", month=month),
        joined_en=translate("en", "signals.view.joined", month=month),
        signals=[account_line(signal) for signal in review.signals],
        counts_nl=counts["nl"],
        counts_en=counts["en"],
        posts=[_item_line(item) for item in review.items],
        reports=[_report_line(reason, count) for reason, count in review.reports],
        history=[_history_line(entry) for entry in review.history],
    )


def rules_sentence(language: str) -> str:
    """How the account signals work, with the figures the service uses."""
    return translate(
        language,
        "signals.view.rules",
        days=account_signals.WINDOW_DAYS,
        one_member=account_signals.ONE_MEMBER_MIN_REPLIES,
        share=round(100 * account_signals.ONE_MEMBER_SHARE),
        young=account_signals.YOUNG_MIN_MEMBERS,
        repeated=account_signals.REPEAT_MIN_ITEMS,
    )


class AccountReviewState(StaffPageState, AccountState):
    """One account's history for moderators. Nothing here changes anything."""

    missing: bool = False
    review: Review = Review()

    async def _reload(self) -> None:
        wanted = address_id(self.router.url.query_parameters.get("nr"))
        try:
            review = review_view(await door.call(cases.review_account, self._token, wanted))
        except ServiceError as error:
            if isinstance(error, InvalidInput) and error.code == "unknown_account":
                self.loaded, self.allowed, self.missing, self.review = True, True, True, Review()
                return
            self._fail(error)
            self.loaded, self.allowed, self.missing, self.review = True, False, False, Review()
            return
        self.loaded, self.allowed, self.missing, self.review = True, True, False, review

    @rx.event
    async def load(self) -> EventSpec | None:
        self.review, self.missing = Review(), False
        return await self._open()
