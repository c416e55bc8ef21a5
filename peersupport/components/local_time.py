"""Times as a boy reads them: in his own time zone and language, with Babel's formats
(CLDR), never hand-written month names. The one home for turning a stored UTC moment
into words; states and server pages call these.

His time zone is the one his browser reports (`zone_named` checks it against the IANA
list); until it has, and for pages rendered before any script runs, it is the
Netherlands' own.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from babel.dates import format_date, format_datetime

HOME_ZONE_NAME = "Europe/Amsterdam"
HOME_ZONE = ZoneInfo(HOME_ZONE_NAME)
# Dutch as in the Netherlands; English with the day before the month, as he reads
# Dutch dates (en_GB), not the American order.
LOCALES = {"nl": "nl_NL", "en": "en_GB"}
MAX_ZONE_CHARS = 64


@lru_cache(maxsize=1)
def _zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def zone_name(raw: object) -> str:
    """A time zone name from the browser (hostile): an IANA name, or the home zone."""
    if isinstance(raw, str) and len(raw) <= MAX_ZONE_CHARS and raw in _zone_names():
        return raw
    return HOME_ZONE_NAME


def zone_named(raw: object) -> ZoneInfo:
    """The time zone `raw` names, or the home zone when it names none."""
    return ZoneInfo(zone_name(raw))


def _locale(language: str) -> str:
    return LOCALES.get(language, LOCALES["nl"])


def date_time(moment: dt.datetime, language: str, zone: ZoneInfo = HOME_ZONE) -> str:
    """Day, month and time: "3 mrt 2026 15:05" / "3 Mar 2026 15:05"."""
    return format_datetime(moment, "d MMM y HH:mm", tzinfo=zone, locale=_locale(language))


def day(moment: dt.datetime | dt.date, language: str, zone: ZoneInfo = HOME_ZONE) -> str:
    """The day: "3 mrt 2026" / "3 Mar 2026" (a moment in `zone`, a date as it is)."""
    if isinstance(moment, dt.datetime):
        moment = moment.astimezone(zone).date()
    return format_date(moment, "d MMM y", locale=_locale(language))


def month(moment: dt.date, language: str) -> str:
    """The month and year: "mrt 2026" / "Mar 2026"."""
    return format_date(moment, "MMM y", locale=_locale(language))


def time_of_day(moment: dt.datetime, language: str, zone: ZoneInfo = HOME_ZONE) -> str:
    """Hours and minutes, 24-hour: "15:05"."""
    return format_datetime(moment, "HH:mm", tzinfo=zone, locale=_locale(language))
