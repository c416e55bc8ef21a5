"""The browser code behind every form that handles a secret (passphrase, recovery code,
note text): the notes protocol plus the form flows of secure_forms.js.

Pages that include `secure_forms()` can call `psf().<flow>(...)` through
`rx.call_script`; the flows return only what the server may see.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import reflex as rx

from peersupport.components.notes_crypto import notes_crypto

_SOURCE = Path(__file__).with_name("secure_forms.js")


@cache
def _flows_code() -> str:
    return _SOURCE.read_text(encoding="utf-8") + (
        "\nif (typeof window !== 'undefined') {"
        " window.psf = function () {"
        " if (!window.__psForms) { window.__psForms = createSecureForms(window.peersupportNotes); }"
        " return window.__psForms; }; }\n"
    )


class SecureForms(rx.Fragment):
    """Renders nothing; puts the form flows into the page's code."""

    def add_custom_code(self) -> list[str]:
        return [_flows_code()]


def secure_forms() -> rx.Component:
    return rx.fragment(notes_crypto(), SecureForms.create())


def flow_call(name: str, *arguments: object) -> str:
    """JavaScript that runs one flow with JSON-encoded arguments (never raw strings)."""
    encoded = ", ".join(json.dumps(argument, default=str) for argument in arguments)
    return f"psf().{name}({encoded})"
