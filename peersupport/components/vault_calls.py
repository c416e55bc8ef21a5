"""How Python asks the browser's evidence vault to do something: `psVault.<flow>(...)`."""

from __future__ import annotations

from peersupport.components.flows import flow_call


def vault_call(name: str, *arguments: object) -> str:
    """JavaScript that runs one vault flow with JSON-encoded arguments (see flow_call)."""
    return "window.psVault." + flow_call(name, *arguments).removeprefix("psf().")
