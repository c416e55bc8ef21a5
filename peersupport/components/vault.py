"""The evidence vault on the notes page: files added to the open note, sealed in the
browser (file_crypto.js) and handled by vault.js, with exifr (a photo's date and place)
and fflate (the export ZIP) from npm, pinned below.

Every sentence the browser shows is rendered here from the catalogs, hidden until
vault.js unhides it; the browser composes none of its own.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import reflex as rx
from reflex_base.utils.imports import ImportDict, ImportVar

from peersupport.components.forms import action_button
from peersupport.components.navigation import app_link
from peersupport.components.text import t
from peersupport.settings import MIB, load_settings
from peersupport.state.language import LanguageState
from peersupport.state.vault import VaultState as V

EXIFR = "exifr@7.1.3"
FFLATE = "fflate@0.8.3"
_HERE = Path(__file__).parent
INSTALL_JS = _HERE / "vault_install.js"
# What the browser shows in the vault, by the key vault.js asks for.
TEXT_KEYS = (
    "vault.text.size",
    "vault.text.added",
    "vault.text.made",
    "vault.text.made_unknown",
    "vault.text.fingerprint",
    "vault.text.name",
    "vault.text.open_pdf",
    "vault.text.overview_title",
    "vault.text.overview_intro",
    "vault.text.overview_made",
    "vault.text.readme",
)
MESSAGE_KEYS = (
    "vault.message.too_large",
    "vault.message.full",
    "vault.message.type",
    "vault.message.unreadable",
    "vault.message.failed",
    "vault.message.added",
    "vault.message.gone",
)
EXPORT_MESSAGE_KEYS = (
    "vault.message.exported",
    "vault.message.empty",
    "vault.message.export_failed",
)


def _last(key: str) -> str:
    return key.rsplit(".", 1)[1]


@cache
def vault_custom_code() -> str:
    return (
        (_HERE / "file_crypto.js").read_text(encoding="utf-8")
        + (_HERE / "vault.js").read_text(encoding="utf-8")
        + INSTALL_JS.read_text(encoding="utf-8")
    )


class VaultCode(rx.Fragment):
    """An empty fragment that brings exifr, fflate and the vault flows into the page."""

    def add_imports(self) -> ImportDict:
        return {
            EXIFR: [ImportVar(tag="exifr", is_default=True)],
            FFLATE: [ImportVar(tag="zipSync"), ImportVar(tag="strToU8")],
        }

    def add_custom_code(self) -> list[str]:
        return [vault_custom_code()]


def _limit_values(key: str) -> dict[str, int]:
    """The limits in the sentences that name them, in MiB, as this server keeps them."""
    limits = load_settings().vault_limits
    mib = {"vault.message.too_large": limits.file_bytes, "vault.message.full": limits.account_bytes}
    return {"mib": mib[key] // MIB} if key in mib else {}


def _messages(keys: tuple[str, ...]) -> rx.Component:
    return rx.el.div(
        *[
            rx.el.p(
                t(key, **_limit_values(key)),
                id=f"ps-vault-msg-{_last(key)}",
                class_name="status status--notice"
                if _last(key) in {"added", "exported"}
                else "status status--error",
                hidden=True,
            )
            for key in keys
        ],
        role="status",
        class_name="status-lines",
    )


def _texts() -> rx.Component:
    return rx.el.div(
        *[rx.el.span(t(key), custom_attrs={"data-text": _last(key)}) for key in TEXT_KEYS],
        id="ps-vault-texts",
        hidden=True,
        custom_attrs={"data-lang": LanguageState.lang},
    )


def _warning() -> rx.Component:
    """Shown before every file he chooses."""
    return rx.el.div(
        rx.el.p(rx.el.strong(t("vault.warning.title"))),
        rx.el.p(t("vault.warning.why")),
        rx.el.p(
            t("vault.warning.instead"),
            " ",
            app_link(t("vault.warning.takedown"), href="/stappen"),
        ),
        rx.el.div(
            rx.el.button(
                t("vault.warning.choose"),
                id="ps-vault-choose",
                type="button",
                class_name="button button--primary",
            ),
            rx.el.button(
                t("vault.cancel"),
                id="ps-vault-cancel-warning",
                type="button",
                class_name="button button--secondary",
            ),
            class_name="actions",
        ),
        id="ps-vault-warning",
        role="alert",
        class_name="callout vault-warning",
        hidden=True,
    )


def _location_choice() -> rx.Component:
    def option(value: str, key: str, checked: bool) -> rx.Component:
        return rx.el.label(
            rx.el.input(
                type="radio",
                name="ps-vault-gps",
                id=f"ps-vault-gps-{value}",
                value=value,
                default_checked=checked,
            ),
            t(key),
            class_name="check",
        )

    return rx.el.fieldset(
        rx.el.legend(t("vault.gps.found")),
        option("remove", "vault.gps.remove", True),
        option("keep", "vault.gps.keep", False),
        rx.el.p(t("vault.gps.explain"), class_name="muted"),
        id="ps-vault-gps",
        class_name="choice-group vault-gps",
        hidden=True,
    )


def _pending() -> rx.Component:
    return rx.el.div(
        rx.el.div(id="ps-vault-pending-details"),
        _location_choice(),
        rx.el.div(
            action_button("vault.add_confirm", V.start_add, V.vault_busy, id="ps-vault-confirm"),
            action_button(
                "vault.cancel", rx.call_script("window.psVault.cancel()"), V.vault_busy, False
            ),
            class_name="actions",
        ),
        rx.el.div(
            rx.el.label(t("vault.uploading"), html_for="ps-vault-progress"),
            rx.el.progress(id="ps-vault-progress", max=100, value=0, class_name="vault-progress"),
            id="ps-vault-progress-row",
            class_name="vault-progress-row",
            hidden=True,
        ),
        id="ps-vault-pending",
        class_name="vault-file vault-pending",
        hidden=True,
    )


def vault_panel() -> rx.Component:
    """The open note's files; in the editor, shown by vault.js for a saved note."""
    return rx.el.section(
        VaultCode.create(),
        _texts(),
        rx.el.h3(t("vault.title"), id="ps-vault-title"),
        rx.el.p(t("vault.intro"), class_name="muted"),
        rx.el.p(t("vault.none"), id="ps-vault-none", class_name="muted"),
        rx.el.ul(id="ps-vault-files", class_name="vault-files", aria_label=t("vault.title")),
        rx.el.div(
            action_button("vault.view", V.start_view, V.vault_busy, False),
            id="ps-vault-view-row",
            class_name="actions",
            hidden=True,
        ),
        rx.el.div(
            action_button("vault.add", V.start_pick, V.vault_busy, id="ps-vault-add"),
            class_name="actions",
        ),
        rx.el.input(
            id="ps-vault-input",
            type="file",
            accept="image/jpeg,image/png,image/webp,image/gif,application/pdf",
            class_name="visually-hidden",
            tab_index=-1,
            aria_hidden="true",
        ),
        _warning(),
        _pending(),
        _messages(MESSAGE_KEYS),
        id="ps-vault",
        class_name="vault",
        hidden=True,
        aria_labelledby="ps-vault-title",
    )


def vault_export() -> rx.Component:
    """One tap: every note with files as a ZIP, made in this browser."""
    return rx.el.section(
        rx.el.h2(t("vault.export.title"), id="ps-vault-export-title"),
        rx.el.p(t("vault.export.explain"), class_name="muted"),
        rx.el.div(
            action_button(
                "vault.export.button", V.start_export, V.vault_busy, False, id="ps-vault-export"
            ),
            class_name="actions",
        ),
        _messages(EXPORT_MESSAGE_KEYS),
        class_name="panel",
        aria_labelledby="ps-vault-export-title",
    )
