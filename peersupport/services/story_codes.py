"""The codes a story is tagged with: its themes and its reader's warnings (stored as
comma-separated codes in a fixed order), and its language. Shared by writing, reading
and moderating stories."""

from __future__ import annotations

from peersupport.services.errors import InvalidInput
from peersupport.translations import LANGUAGES

# The list's address filters by a theme's place here (?thema=3 is "sextortion"), since the
# browser's history shows addresses: add new themes at the end, never reorder.
THEMES = (
    "online_grooming",
    "loverboy",
    "sextortion",
    "coming_out",
    "getting_help",
    "shame",
    "recovery",
)
WARNINGS = ("sexual_abuse", "violence", "self_harm", "blackmail", "drugs")
# Catalog keys, written out so that the catalog test sees each one used.
THEME_KEYS = {
    "online_grooming": "stories.theme.online_grooming",
    "loverboy": "stories.theme.loverboy",
    "sextortion": "stories.theme.sextortion",
    "coming_out": "stories.theme.coming_out",
    "getting_help": "stories.theme.getting_help",
    "shame": "stories.theme.shame",
    "recovery": "stories.theme.recovery",
}
WARNING_KEYS = {
    "sexual_abuse": "stories.warning.sexual_abuse",
    "violence": "stories.warning.violence",
    "self_harm": "stories.warning.self_harm",
    "blackmail": "stories.warning.blackmail",
    "drugs": "stories.warning.drugs",
}


def code_list(raw: object, allowed: tuple[str, ...], code: str) -> str:
    """A hostile list of codes as stored: only codes from `allowed`, in their order.

    Raises:
        InvalidInput: `code` for anything but a list of known codes.
    """
    if not isinstance(raw, list | tuple) or len(raw) > len(allowed):
        raise InvalidInput(code, f"a list of codes from {allowed}")
    if any(not isinstance(value, str) or value not in allowed for value in raw):
        raise InvalidInput(code, f"a list of codes from {allowed}")
    return ",".join(value for value in allowed if value in raw)


def codes(stored: str) -> tuple[str, ...]:
    """The codes of a stored comma-separated list."""
    return tuple(code for code in stored.split(",") if code)


def language_code(raw: object) -> str:
    """A hostile language code, checked.

    Raises:
        InvalidInput: "invalid_language".
    """
    if not isinstance(raw, str) or raw not in LANGUAGES:
        raise InvalidInput("invalid_language", f"language is one of {LANGUAGES}")
    return raw
