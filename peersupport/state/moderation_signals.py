"""Grooming signals as the moderation queue shows them: per item, one line a signal with
its reason in plain words (both languages, figures filled in), the words that matched,
and the author's account to open, for the whole queue at once."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol, TypeVar

from peersupport.services import account_signals
from peersupport.translations import translate

TEXT_SIGNAL_KEYS = {
    "move_or_meet": "signals.text.move_or_meet",
    "asks_age": "signals.text.asks_age",
    "asks_school": "signals.text.asks_school",
    "asks_place": "signals.text.asks_place",
    "asks_photos": "signals.text.asks_photos",
    "secrecy": "signals.text.secrecy",
    "gifts_money": "signals.text.gifts_money",
    "isolating_flattery": "signals.text.isolating_flattery",
}
ACCOUNT_SIGNAL_KEYS = {
    "one_member": "signals.account.one_member",
    "young_members": "signals.account.young_members",
    "repeated": "signals.account.repeated",
}


@dataclass
class SignalLine:
    """One signal: `kind` "text" (with the words that matched) or "account"."""

    code: str = ""
    kind: str = ""
    reason_nl: str = ""
    reason_en: str = ""
    words: str = ""


def text_line(code: str, words: str) -> SignalLine:
    key = TEXT_SIGNAL_KEYS.get(code)
    reason = {lang: translate(lang, key) if key else code for lang in ("nl", "en")}
    return SignalLine(code, "text", reason["nl"], reason["en"], words)


def account_line(signal: account_signals.AccountSignal) -> SignalLine:
    key = ACCOUNT_SIGNAL_KEYS.get(signal.code)

    def reason(language: str) -> str:
        if key is None:
            return signal.code
        return translate(
            language,
            key,
            count=signal.count,
            total=signal.total,
            days=signal.days,
            member=signal.member,
        )

    return SignalLine(signal.code, "account", reason("nl"), reason("en"), "")


def signal_lines(found: account_signals.ItemSignals) -> list[SignalLine]:
    return [text_line(sign.signal, sign.words) for sign in found.text] + [
        account_line(signal) for signal in found.account
    ]


class _Row(Protocol):
    id: int


Row = TypeVar("Row", bound=_Row)


def with_signals(rows: list[Row], found: dict[int, account_signals.ItemSignals]) -> list[Row]:
    """`rows` (queue rows) with their signals (`found`, by item id, as the page was read)
    and their author's account id filled in."""
    return [
        replace(  # type: ignore[type-var]
            row,
            signals=signal_lines(found[row.id]),
            signals_account=found[row.id].account_id,
        )
        if row.id in found
        else row
        for row in rows
    ]
