"""The strength of a new passphrase, in words and colour, as he types: zxcvbn-ts (npm,
pinned) estimates it in the browser with its common and Dutch dictionaries; the words
are ours, from the catalogs (`strength.*`), in the page's language. The packages are
installed into the build but imported only when he first types (strength.js), so the
dictionaries load on the pages with a new passphrase alone."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import reflex as rx
from reflex_base.utils.imports import ImportDict, ImportVar

from peersupport.components.text import bilingual, t
from peersupport.translations import translate

_SOURCE = Path(__file__).with_name("strength.js")
ZXCVBN_PACKAGES = (
    "@zxcvbn-ts/core@3.0.4",
    "@zxcvbn-ts/language-common@3.0.4",
    "@zxcvbn-ts/language-nl-be@3.0.2",
)
# zxcvbn's score 0-4, each in words.
SCORE_KEYS = (
    "strength.score.0",
    "strength.score.1",
    "strength.score.2",
    "strength.score.3",
    "strength.score.4",
)
# Our groups of zxcvbn's warnings (strength.js maps each warning to a group).
WARNING_KEYS = {
    "keyboard": "strength.warning.keyboard",
    "repeat": "strength.warning.repeat",
    "sequence": "strength.warning.sequence",
    "dates": "strength.warning.dates",
    "common": "strength.warning.common",
    "one_word": "strength.warning.one_word",
    "names": "strength.warning.names",
    "pseudonym": "strength.warning.pseudonym",
}


def strength_texts(language: str) -> str:
    """The sentences strength.js puts together, as JSON, in one language."""
    texts = {
        "level": translate(language, "strength.level"),
        "too_short": translate(language, "strength.too_short"),
        "tip_more_words": translate(language, "strength.tip_more_words"),
    }
    texts.update({f"score_{n}": translate(language, key) for n, key in enumerate(SCORE_KEYS)})
    texts.update(
        {f"warning_{name}": translate(language, key) for name, key in WARNING_KEYS.items()}
    )
    return json.dumps(texts, ensure_ascii=False)


@cache
def _code() -> str:
    return _SOURCE.read_text(encoding="utf-8")


class PassphraseStrength(rx.Fragment):
    """Renders nothing; installs zxcvbn-ts and puts strength.js into the page's code."""

    def add_imports(self) -> ImportDict:
        return {package: [ImportVar(tag=None, render=False)] for package in ZXCVBN_PACKAGES}

    def add_custom_code(self) -> list[str]:
        return [_code()]


def strength_meter(input_id: str) -> rx.Component:
    """A live meter and a line of words under a new-passphrase field."""
    meter_id, words_id = f"{input_id}-meter", f"{input_id}-strength"
    return rx.el.div(
        PassphraseStrength.create(),
        rx.el.label(t("account.strength"), html_for=meter_id, class_name="field__hint"),
        rx.el.meter(
            id=meter_id,
            min=0,
            max=4,
            low=2,
            high=3,
            optimum=4,
            value=0,
            class_name="strength",
            aria_describedby=words_id,
            custom_attrs={"data-texts": bilingual(strength_texts("nl"), strength_texts("en"))},
        ),
        rx.el.p(id=words_id, class_name="strength-words", aria_live="polite"),
        class_name="strength-row",
        on_mount=rx.call_script(f"psAttachStrength('{input_id}', '{meter_id}', '{words_id}')"),
    )
