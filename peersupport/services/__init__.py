"""Domain rules in plain Python, no Reflex: accounts, notes, and the notes protocol."""
