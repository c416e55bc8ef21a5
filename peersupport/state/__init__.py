"""Reflex states, one module per feature: thin adapters that validate and call services."""
