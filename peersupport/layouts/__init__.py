"""Page frames shared by every page."""
