"""Pieces of interface used on several pages."""
