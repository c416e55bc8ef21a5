"""Reflex states, one module per feature: thin adapters that check the shape of an
event's (hostile) arguments, call a use case through the door and show the result."""
