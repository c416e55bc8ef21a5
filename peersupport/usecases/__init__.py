"""Use cases: every action a boy, a moderator, an admin or the operator can take, each
one function registered with the door (door.py) that checks who may call it. The
modules here are grouped by area (accounts, boards, stories, notes, moderation, staff);
states, HTTP routes and the command line call them only through the door."""
