"""Use case of the operator at the console: publishing the fictional example stories
(`python -m peersupport seed-examples`; no page and no route can do it)."""

from __future__ import annotations

from collections.abc import Sequence

from peersupport.content import ExampleStory
from peersupport.services.examples import publish_examples
from peersupport.usecases.door import OPERATOR, Call, use_case


@use_case(OPERATOR)
def seed_examples(call: Call, examples: Sequence[ExampleStory]) -> int:
    """Publish the examples not yet there; returns how many were added."""
    return publish_examples(call.session, examples, call.now)
