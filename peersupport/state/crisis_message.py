"""Where the crisis message sits in a page: shared by the states that show it after a
send (boards, writing) and by its component (components/crisis_help.py)."""

from __future__ import annotations

CRISIS_TITLE_ID = "ps-crisis-title"
# Moves focus to the message once it is shown, so a screen reader reads it first.
FOCUS_CRISIS = f"psFocus('{CRISIS_TITLE_ID}')"
