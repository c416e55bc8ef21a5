"""How Python asks the browser's secure form flows to do something: `psf().<flow>(...)`."""

from __future__ import annotations

import json


def flow_call(name: str, *arguments: object) -> str:
    """JavaScript that runs one flow with JSON-encoded arguments (never raw strings).

    "<" is escaped as well: Reflex reads markers of the form <reflex.Var>…</reflex.Var>
    in script text, and a typed pseudonym must never look like one.
    """
    encoded = ", ".join(
        json.dumps(argument, default=str).replace("<", "\\u003c") for argument in arguments
    )
    return f"psf().{name}({encoded})"
