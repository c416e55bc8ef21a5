"""Pseudonyms: suggest a friendly one, and refuse those that could carry contact details.

A pseudonym is shown next to everything a member posts, so it must never become a way
to reach him: phone numbers, e-mail addresses, web addresses and "add me on ..."
platform names are refused with their own code, so the page can explain why kindly.
It must also not pass for somebody else's: one script per pseudonym (a Cyrillic "а"
among Latin letters looks like a moderator's name), no invisible characters, no runs
of spaces (HTML shows "Stille  Vos" as "Stille Vos").

Only the refusal is done here; the pseudonym itself is never rewritten beyond
stripping, because the browser derives the account's keys from exactly what was typed
(see `notes_protocol.normalize_pseudonym`).
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from itertools import pairwise

from peersupport.services.errors import InvalidInput
from peersupport.services.notes_protocol import PSEUDONYM_STRIP_CHARS, normalize_pseudonym

MIN_LENGTH = 3
MAX_LENGTH = 32
# NFKC can turn one character into many (a ligature into a word); the key is bounded too.
MAX_KEY_LENGTH = 64
# Longer input is refused before any Unicode work is done on it.
MAX_RAW_LENGTH = 1000
MAX_DIGITS = 5
MAX_MARKS_IN_A_ROW = 3
SEPARATORS = frozenset(" _-.")
# Scripts that are written together: Japanese mixes kana and kanji in one name.
SCRIPTS_WRITTEN_TOGETHER = frozenset(
    {"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA", "IDEOGRAPHIC"}
)

ADJECTIVES = (
    "Stille", "Rustige", "Vrolijke", "Dappere", "Slimme", "Sterke", "Heldere", "Kalme",
    "Trouwe", "Vrije", "Blije", "Snelle", "Wijze", "Eerlijke", "Moedige", "Koele",
    "Zonnige", "Frisse", "Groene", "Blauwe", "Gouden", "Zilveren", "Lichte", "Vaste",
    "Geduldige", "Speelse", "Nuchtere", "Stoere", "Wakkere", "Krachtige", "Creatieve",
    "Sportieve", "Attente", "Oprechte",
)  # fmt: skip
ANIMALS = (
    "Vos", "Uil", "Das", "Otter", "Beer", "Wolf", "Haas", "Valk", "Arend", "Reiger",
    "Zwaluw", "Merel", "Egel", "Eekhoorn", "Bever", "Hert", "Lynx", "Panda", "Dolfijn",
    "Walvis", "Zeehond", "Pinguin", "Schildpad", "Vlinder", "Libel", "Kraai", "Ekster",
    "Specht", "Tijger", "Leeuw", "Olifant", "Giraf", "Zebra", "Koala", "Buizerd", "Zwaan",
)  # fmt: skip

# Names of platforms and mail services: refused wherever they appear, even spelled out
# with separators ("w.h.a.t.s.a.p.p"). None of them is part of a Dutch word.
PLATFORM_NAMES = (
    "snapchat", "instagram", "telegram", "whatsapp", "tiktok", "discord", "facebook",
    "onlyfans", "grindr", "skype", "threema", "gmail", "hotmail", "outlook", "icloud",
)  # fmt: skip
# Short names that are also parts of ordinary words ("kikker", "snappen", "installeren"):
# refused as a word of their own ("Snap Vos", "InstaVos", "kik_42", "s n a p") or with a
# request after them ("snapme").
SHORT_PLATFORM_NAMES = frozenset({"snap", "insta", "kik", "signal", "app"})
REQUEST_WORDS = ("me", "mij", "mn", "mijn", "naar", "to")
# Top-level domains longer than two letters that a web address is likely to end in;
# every two-letter ending ("jan.nl", "vos.be") counts as a country domain.
LONG_TLDS = (
    "com", "net", "org", "info", "biz", "app", "dev", "xyz", "online", "site", "shop",
    "live", "link", "club", "top", "chat", "email",
)  # fmt: skip
_TLD = r"(?:[a-z]{2}|" + "|".join(LONG_TLDS) + r")"
_DOMAIN = re.compile(r"[^\W_]\." + _TLD + r"(?![a-z])")
# "jan punt nl", "vos dot com": a web address said in words.
SPOKEN_DOTS = ("dot", "punt")
SPOKEN_TLDS = ("nl", "be", "com", "net", "org", "eu", "de", "info")
_SPOKEN_DOMAINS = frozenset(dot + tld for dot in SPOKEN_DOTS for tld in SPOKEN_TLDS)
_WEB_ADDRESS = re.compile(r"https?|www|://")


def suggest_pseudonym() -> str:
    """A friendly generated pseudonym such as "StilleVos42"."""
    number = 10 + secrets.randbelow(90)
    return f"{secrets.choice(ADJECTIVES)}{secrets.choice(ANIMALS)}{number}"


def check_pseudonym(raw: object) -> str:
    """Return the pseudonym to store (stripped, NFC), or raise InvalidInput.

    Codes: "invalid_input" (not text), "pseudonym_length" (3-32 characters),
    "pseudonym_contact" (looks like contact details), "pseudonym_chars" (anything
    but letters, digits, space, _ - . ; or scripts mixed).
    """
    if not isinstance(raw, str):
        raise InvalidInput("invalid_input", f"a pseudonym must be text, not {type(raw).__name__}")
    if len(raw) > MAX_RAW_LENGTH:
        raise InvalidInput("pseudonym_length", "the pseudonym is far too long")
    pseudonym = unicodedata.normalize("NFC", raw).strip(PSEUDONYM_STRIP_CHARS)
    key = normalize_pseudonym(pseudonym)
    if not MIN_LENGTH <= len(pseudonym) <= MAX_LENGTH or len(key) > MAX_KEY_LENGTH:
        raise InvalidInput(
            "pseudonym_length", f"a pseudonym has {MIN_LENGTH}-{MAX_LENGTH} characters"
        )
    if _looks_like_contact_details(pseudonym):
        raise InvalidInput("pseudonym_contact", "the pseudonym looks like contact details")
    _refuse_unsafe_characters(pseudonym, key)
    return pseudonym


def _looks_like_contact_details(pseudonym: str) -> bool:
    """True for phone numbers, e-mail and web addresses, and messaging platform names."""
    key = normalize_pseudonym(pseudonym)  # NFKC: full-width "＠" and "０６" count too
    if "@" in key or sum(character.isdecimal() for character in key) > MAX_DIGITS:
        return True
    without_separators = "".join(c for c in key if c not in SEPARATORS - {"."})
    if _WEB_ADDRESS.search(key) or _DOMAIN.search(without_separators):
        return True
    letters_only = "".join(c for c in key if c.isalpha())
    if any(name in letters_only for name in PLATFORM_NAMES):
        return True
    words = _words(pseudonym)
    if any(first + second in _SPOKEN_DOMAINS for first, second in pairwise([*words, ""])):
        return True
    return any(_names_a_platform(word) for word in words)


def _names_a_platform(word: str) -> bool:
    return word in SHORT_PLATFORM_NAMES or any(
        word == name + request for name in SHORT_PLATFORM_NAMES for request in REQUEST_WORDS
    )


def _words(pseudonym: str) -> list[str]:
    """Lower-case words: split at separators, digits and camelCase ("InstaVos42" gives
    insta, vos, 42); runs of single letters are joined ("s n a p" gives snap)."""
    text = unicodedata.normalize("NFKC", pseudonym)
    words: list[str] = []
    current = ""
    for index, character in enumerate(text):
        if character in SEPARATORS or not (character.isalnum() or _is_mark(character)):
            words.append(current)
            current = ""
            continue
        if current and _starts_a_word(current[-1], character, text[index + 1 : index + 2]):
            words.append(current)
            current = ""
        current += character
    words.append(current)
    words = [word.lower() for word in words if word]
    return _join_single_letters(words)


def _starts_a_word(previous: str, character: str, following: str) -> bool:
    if previous.isdecimal() != character.isdecimal():
        return True
    if previous.islower() and character.isupper():
        return True
    # "SNAPJan": the last capital of a run starts the next word.
    return previous.isupper() and character.isupper() and following.islower()


def _join_single_letters(words: list[str]) -> list[str]:
    joined: list[str] = []
    run = ""
    for word in words:
        if len(word) == 1:
            run += word
            continue
        if run:
            joined.append(run)
            run = ""
        joined.append(word)
    if run:
        joined.append(run)
    return joined


def _is_mark(character: str) -> bool:
    return len(character) == 1 and unicodedata.category(character).startswith("M")


def _refuse_unsafe_characters(pseudonym: str, key: str) -> None:
    previous = ""
    marks_in_a_row = 0
    for character in pseudonym:
        category = unicodedata.category(character)
        if _is_mark(character):
            marks_in_a_row += 1
            if (
                not (previous.isalpha() or _is_mark(previous))
                or marks_in_a_row > MAX_MARKS_IN_A_ROW
            ):
                raise InvalidInput("pseudonym_chars", "a combining mark without its letter")
        elif category.startswith("L") or category == "Nd":
            marks_in_a_row = 0
        elif character in SEPARATORS:
            if character == previous == " ":  # shown as one space: a lookalike
                raise InvalidInput("pseudonym_chars", "two spaces in a row")
            marks_in_a_row = 0
        else:
            raise InvalidInput("pseudonym_chars", f"character U+{ord(character):04X} not allowed")
        previous = character
    if not any(character.isalpha() for character in pseudonym):
        raise InvalidInput("pseudonym_chars", "a pseudonym needs at least one letter")
    scripts = {_script(character) for character in key if character.isalpha()}
    if len(scripts) > 1 and not scripts <= SCRIPTS_WRITTEN_TOGETHER:
        raise InvalidInput("pseudonym_chars", f"letters from several scripts: {sorted(scripts)}")


def _script(letter: str) -> str:
    """The script of a letter, read from its Unicode name ("CYRILLIC SMALL LETTER A")."""
    return unicodedata.name(letter, "UNKNOWN").split(" ", 1)[0]
