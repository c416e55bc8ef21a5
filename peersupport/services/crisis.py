"""Crisis first: recognise words that show acute risk in a post, reply or story.

When a boy presses send, his text is read against the crisis word lists of every
language (`peersupport/content/crisis/`): thoughts of suicide, self-harm, danger now,
being forced to go somewhere tonight, nowhere to sleep. What is found is a list of named
reasons, never a verdict: the item goes to the top of the moderation queue marked
urgent with those reasons, and the author is shown, at once, the help routes that answer
now. Nothing is sent anywhere and nothing is published without a moderator.

Sayings that use such words for something else ("ik ging dood van het lachen",
"doodmoe", "bored to death") do not count; a sentence that tells of the past ("vroeger",
"when i was 14") does not count unless it also says now ("weer", "again", "tonight"),
nor does one about someone else or a topic ("hoe help ik een vriend die ...").

Plain Python, no Reflex.
"""

from __future__ import annotations

from dataclasses import dataclass

from peersupport.services.phrases import (
    any_phrase,
    blank_phrases,
    first_match_per_kind,
    sentences,
)


@dataclass(frozen=True)
class CrisisSign:
    """One reason found, and the phrase of the word list that found it."""

    reason: str
    language: str
    phrase: str


def find_crisis_signs(text: str) -> list[CrisisSign]:
    """The reasons (at most one sign per reason) in `text`, in the lists' reason order."""
    from peersupport.content.crisis_words import REASONS, crisis_words

    if not isinstance(text, str) or not text.strip():
        return []
    lists = crisis_words()
    # Sayings and past/present words count whatever the language of the phrase found.
    sayings = tuple(phrase for words_list in lists for phrase in words_list.sayings)
    past = tuple(phrase for words_list in lists for phrase in words_list.past)
    present = tuple(phrase for words_list in lists for phrase in words_list.present)
    others = tuple(phrase for words_list in lists for phrase in words_list.others)
    found: dict[str, CrisisSign] = {}
    for words in sentences(text):
        if any_phrase(past, words) and not any_phrase(present, words):
            continue
        if any_phrase(others, words):
            continue
        usable = blank_phrases(words, sayings)
        by_language = ((words_list.language, words_list.reasons) for words_list in lists)
        for match in first_match_per_kind(by_language, usable, found):
            found[match.kind] = CrisisSign(match.kind, match.language, match.phrase.text)
    return [found[reason] for reason in REASONS if reason in found]


def crisis_reasons(*texts: object) -> tuple[str, ...]:
    """The reason codes found in any of `texts` (title, body), in the lists' order."""
    joined = "\n".join(text for text in texts if isinstance(text, str))
    return tuple(sign.reason for sign in find_crisis_signs(joined))
