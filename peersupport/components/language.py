"""The language switch, and the effect that keeps <html lang> and the title in step."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var, VarData

from peersupport.components.text import t
from peersupport.settings import PROJECT_ROOT
from peersupport.state.language import LanguageState


class LanguageEffects(rx.Fragment):
    """Renders nothing; tells screen readers and the tab title which language is shown,
    and marks the page `data-ready` once the interactive version has taken over.

    A page built in Dutch that the visitor asked in English stays hidden until his
    choice has arrived from the browser's storage (assets/language-wait.js); then it is
    shown, already in English.

    Once the stored choice has arrived (hydrated), it is also written to the cookie
    `ps-lang` that the server-rendered story pages are rendered by
    (peersupport/http/html_frame.py); a visitor who never chose English gets no cookie.
    """

    page_title: Var[str]

    def add_hooks(self) -> list[str | Var]:
        lang: Var = LanguageState.lang  # type: ignore[assignment]
        hydrated: Var = rx.State.is_hydrated  # type: ignore[assignment]
        title = self.page_title
        # psShowLanguage: assets/language-wait.js, inlined in the head before this runs.
        code = (
            f"useEffect(() => psShowLanguage({lang!s}, {title!s}, {hydrated!s}), "
            f"[{lang!s}, {title!s}, {hydrated!s}]);"
        )
        return [
            Var(
                code,
                _var_data=VarData.merge(
                    lang._get_all_var_data(),
                    hydrated._get_all_var_data(),
                    title._get_all_var_data(),
                    VarData(imports={"react": ["useEffect"]}),
                ),
            )
        ]


def language_wait_script() -> str:
    """assets/language-wait.js, inlined first in the head of the app's pages."""
    return (PROJECT_ROOT / "assets" / "language-wait.js").read_text(encoding="utf-8")


def language_switch() -> rx.Component:
    """One button that offers the other language, named in that language."""
    other = rx.cond(LanguageState.lang == "en", "nl", "en")
    return rx.el.button(
        t("language.other"),
        type="button",
        lang=other,
        class_name="language-switch",
        aria_label=t("language.switch_label"),
        on_click=LanguageState.choose_language(other),  # type: ignore[operator]
    )
