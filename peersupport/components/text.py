"""Text in the visitor's language: both translations are compiled into the page, the
chosen one is shown. Only the language code lives in state."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var

from peersupport.state.language import LanguageState
from peersupport.translations import translate


def bilingual(nl: str, en: str) -> Var[str]:
    """A text that follows the language switch; Dutch until English is chosen."""
    if nl == en:
        return Var.create(nl)
    return rx.cond(LanguageState.lang == "en", en, nl)


def t(key: str, **values: object) -> Var[str]:
    """The catalog text for `key` in the visitor's language."""
    return bilingual(translate("nl", key, **values), translate("en", key, **values))


def language_pair(texts: dict[str, str]) -> Var[str]:
    """Text from a content file entry shaped ``{nl = "...", en = "..."}``."""
    return bilingual(texts["nl"], texts["en"])
