"""The visitor's language choice, remembered in the browser without an account."""

import reflex as rx

from peersupport.translations import DEFAULT_LANGUAGE, normalize_language


class LanguageState(rx.State):
    """Holds only the chosen language code; texts are compiled into the pages."""

    lang: str = rx.LocalStorage(DEFAULT_LANGUAGE, name="ps-lang", sync=True)

    @rx.event
    def choose_language(self, language: str) -> None:
        """Switch the language; anything but a known code falls back to Dutch."""
        self.lang = normalize_language(language)
