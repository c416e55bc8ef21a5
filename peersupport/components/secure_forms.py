"""The browser code behind every form that handles a secret (passphrase, recovery code,
note text): the notes protocol plus the form flows of secure_forms.js.

Pages that include `secure_forms()` can call `psf().<flow>(...)` through
`rx.call_script` (see `flows.flow_call`); the flows return only what the server may see.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import reflex as rx
from reflex.vars.base import Var, VarData
from reflex_base.utils.imports import ImportDict, ImportVar

from peersupport.components.notes_crypto import notes_crypto
from peersupport.state.account import AccountState

_SOURCE = Path(__file__).with_name("secure_forms.js")
# ALTCHA's widget package, pinned: its solver (altcha/lib) and its stand-alone PBKDF2
# worker script, which the build copies to /assets/ and the page starts as Web Workers.
ALTCHA = "altcha@3.2.2"
INSTALL_JS = Path(__file__).with_name("secure_forms_install.js")


@cache
def _flows_code() -> str:
    return _SOURCE.read_text(encoding="utf-8") + "\n" + INSTALL_JS.read_text(encoding="utf-8")


class SecureForms(rx.Fragment):
    """Renders nothing; puts the form flows into the page's code, and forgets the data
    key and every decrypted text the moment this tab is signed out (logout, expiry,
    deletion), whichever handler noticed it."""

    def add_imports(self) -> ImportDict:
        """ALTCHA's solver and the URL of its PBKDF2 worker script."""
        return {
            ALTCHA: [
                ImportVar(tag="solveChallengeWorkers", package_path="/lib"),
                ImportVar(
                    tag="altchaPbkdf2WorkerUrl", is_default=True, package_path="/workers/pbkdf2?url"
                ),
            ]
        }

    def add_custom_code(self) -> list[str]:
        return [_flows_code()]

    def add_hooks(self) -> list[str | Var]:
        signed_in: Var = AccountState.signed_in  # type: ignore[assignment]
        # psSignedIn: secure_forms_install.js.
        code = f"useEffect(() => psSignedIn({signed_in!s}), [{signed_in!s}]);"
        return [
            Var(
                code,
                _var_data=VarData.merge(
                    signed_in._get_all_var_data(),
                    VarData(imports={"react": ["useEffect"]}),
                ),
            )
        ]


def secure_forms() -> rx.Component:
    return rx.fragment(notes_crypto(), SecureForms.create())
