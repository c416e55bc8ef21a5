"""The browser side of the notes protocol, as a component that renders nothing.

A page that includes ``notes_crypto()`` gets ``window.peersupportNotes``: the API of
notes_crypto.js (beside this file) built on hash-wasm's Argon2id, pinned below, and
WebCrypto. Scripts run with ``rx.call_script`` use it; no secret ever goes through a
Reflex state var.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import reflex as rx
from reflex_base.utils.imports import ImportDict, ImportVar

HASH_WASM = "hash-wasm@4.13.0"
NOTES_CRYPTO_JS = Path(__file__).with_name("notes_crypto.js")
INSTALL_JS = Path(__file__).with_name("notes_crypto_install.js")


@cache
def notes_crypto_custom_code() -> str:
    """The module-level code that defines createNotesCrypto and installs the API."""
    return NOTES_CRYPTO_JS.read_text(encoding="utf-8") + INSTALL_JS.read_text(encoding="utf-8")


class NotesCrypto(rx.Fragment):
    """An empty fragment that brings hash-wasm and the notes protocol into the page."""

    def add_imports(self) -> ImportDict:
        """hash-wasm's argon2id, pinned."""
        return {HASH_WASM: [ImportVar(tag="argon2id")]}

    def add_custom_code(self) -> list[str]:
        """The notes protocol and the line that installs window.peersupportNotes."""
        return [notes_crypto_custom_code()]


def notes_crypto() -> rx.Component:
    """Render nothing; make window.peersupportNotes exist on this page."""
    return NotesCrypto.create()
