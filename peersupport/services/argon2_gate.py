"""A bound on the server's Argon2 work, so that a flood of logins cannot starve pages.

Each passphrase or recovery-code check takes a slot; a worker process has
ARGON2_SLOTS of them (one Argon2id verification keeps about one core busy), so the
verifications per second stay at what the machine can carry, whatever arrives. An
attempt waits a short while for a slot; when none frees up, the gate counts as
saturated for a moment and every attempt meanwhile must carry a proof of work.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from peersupport.services.errors import ServiceError

# At most this many Argon2 checks at once per worker process: half the cores, at least one.
ARGON2_SLOTS = max(1, (os.cpu_count() or 2) // 2)
# How long an attempt waits for a slot before it is turned into a proof-of-work request;
# one that already paid a proof waits longer.
WAIT_S = 2.0
PROVEN_WAIT_S = 8.0
# After a full wait, every attempt needs a proof this long (seconds).
SATURATED_FOR_S = 10.0
# The proof level everyone needs while the gate is saturated.
SATURATED_LEVEL = 3


class GateBusy(ServiceError):
    """No Argon2 slot freed up in time; the caller asks for a proof instead."""

    code = "busy"

    def __init__(self) -> None:
        super().__init__("no Argon2 slot within the wait")


class Argon2Gate:
    """Slots around Argon2 verifications, and whether they were recently saturated."""

    def __init__(
        self,
        slots: int,
        wait_s: float = WAIT_S,
        proven_wait_s: float = PROVEN_WAIT_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._slots = threading.BoundedSemaphore(slots)
        self._waits = (wait_s, proven_wait_s)
        self._clock = clock
        self._saturated_until = 0.0

    def required_level(self) -> int:
        """SATURATED_LEVEL while the gate was recently full, else 0."""
        return SATURATED_LEVEL if self._clock() < self._saturated_until else 0

    @contextmanager
    def slot(self, *, longer: bool = False) -> Iterator[None]:
        """Hold a slot for one verification; GateBusy after waiting in vain (longer for
        an attempt that carried a proof)."""
        if not self._slots.acquire(timeout=self._waits[1 if longer else 0]):
            self._saturated_until = self._clock() + SATURATED_FOR_S
            raise GateBusy()
        try:
            yield
        finally:
            self._slots.release()


GATE = Argon2Gate(ARGON2_SLOTS)
