"""Checks that must pass before the app serves anyone: valid settings, migrated database,
and the word lists moderators edit by hand (crisis and grooming phrases, help sites never
flagged)."""

from __future__ import annotations

import sys

from sqlalchemy.exc import SQLAlchemyError

from peersupport.content import ContentError
from peersupport.content.crisis_words import crisis_words
from peersupport.content.grooming_words import grooming_words
from peersupport.database import DatabaseNotMigratedError, ensure_migrated, get_engine
from peersupport.services.scrubber_lists import never_flag_sites
from peersupport.settings import Settings, SettingsError, load_settings


def check_ready_or_exit() -> Settings:
    """Return the settings, or stop the process with one clear line on stderr."""
    try:
        settings = load_settings()
        ensure_migrated(get_engine(), settings.database_url)
        crisis_words()
        grooming_words()
        never_flag_sites()
    except ContentError as error:
        print(f"peersupport: cannot start: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    except SettingsError as error:
        print(f"peersupport: configuration error: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    except DatabaseNotMigratedError as error:
        print(f"peersupport: cannot start: {error}", file=sys.stderr)
        raise SystemExit(3) from None
    except SQLAlchemyError as error:
        reason = str(error.__cause__ or error).splitlines()[0]
        print(f"peersupport: cannot reach the database: {reason}", file=sys.stderr)
        raise SystemExit(3) from None
    return settings
