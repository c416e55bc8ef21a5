"""Use cases of staff management: admins see who moderates and appoint or dismiss
moderators. The accounts service checks the rules (no change to one's own role or to
an admin's)."""

from __future__ import annotations

from peersupport.services import accounts
from peersupport.usecases.door import ADMINS, Call, use_case


@use_case(ADMINS)
def list_staff(call: Call) -> list[accounts.StaffMember]:
    return accounts.list_staff(call.session, call.member)


@use_case(ADMINS)
def set_role(call: Call, pseudonym: object, role: object) -> None:
    accounts.set_role(call.session, call.member, pseudonym, role)
