"""The language switch, and the effect that keeps <html lang> and the title in step."""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var, VarData

from peersupport.components.text import t
from peersupport.state.language import LanguageState


class LanguageEffects(rx.Fragment):
    """Renders nothing; tells screen readers and the tab title which language is shown,
    and marks the page `data-ready` once the interactive version has taken over."""

    page_title: Var[str]

    def add_hooks(self) -> list[str | Var]:
        lang: Var = LanguageState.lang  # type: ignore[assignment]
        title = self.page_title
        code = (
            "useEffect(() => { "
            f"document.documentElement.lang = {lang!s} === 'en' ? 'en' : 'nl'; "
            f"document.title = {title!s}; "
            "document.documentElement.dataset.ready = 'true'; "
            f"}}, [{lang!s}, {title!s}]);"
        )
        return [
            Var(
                code,
                _var_data=VarData.merge(
                    lang._get_all_var_data(),
                    title._get_all_var_data(),
                    VarData(imports={"react": ["useEffect"]}),
                ),
            )
        ]


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
