"""Private notes: only ciphertext envelopes, sealed in the browser under the data key."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from peersupport.models import Base
from peersupport.models.accounts import Account
from peersupport.models.types import UtcDateTime


class Note(Base):
    """One encrypted note; its id is the UUID the browser chose and bound into the AAD."""

    __tablename__ = "notes"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey(Account.id, ondelete="CASCADE"), index=True)
    # "v1.<nonce>.<ciphertext>": the server can neither read nor forge it.
    envelope: Mapped[str] = mapped_column(Text)
    # Rounded down to the minute: enough to sort, less to learn from.
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
