"""Domain rules in plain Python, no Reflex: every rule about accounts and sessions,
notes and their files, stories, boards, moderation and its signals, screening (the privacy
scrubber, crisis and grooming words), throttles and the audit log. Authorization is
checked here; the use cases in `peersupport/usecases/` call these through the door."""
