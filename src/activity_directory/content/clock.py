"""The build's clock and the municipality's time zone.

Every "today" of a build comes from here: ``SOURCE_DATE_EPOCH`` when it is set (reproducible
builds and the tests), else the real date in the municipality's time zone.
"""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

TIMEZONE_NAME = "Europe/Amsterdam"
TZ = ZoneInfo(TIMEZONE_NAME)


def reference_date(environ: dict | None = None) -> dt.date:
    """'Today' for a build: ``SOURCE_DATE_EPOCH`` when set, else the real date."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), TZ).date()
        except (ValueError, OverflowError, OSError):
            pass
    return dt.datetime.now(TZ).date()


def reference_datetime(environ: dict | None = None) -> dt.datetime:
    """The build moment as an aware UTC datetime (for DTSTAMP and the like)."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            pass
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
