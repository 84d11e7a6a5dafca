"""Dates that are right on the day a page is *read*, not the day it was built.

A static page stays online between builds (and a nightly build may fail for a
few days). So every occurrence a page shows is rendered with its start and
end (``data-start`` / ``data-end``, ISO 8601 local time with offset), and
enough of them (:data:`LIVE_DAYS` from the build day) that the script
``content/assets/livedates.js`` can hide what has ended by the reader's clock
and show the next one instead. This module decides which occurrences a page
carries and how they are written; the dates themselves come from the
occurrence engine, the words from :mod:`wording`.
"""

from __future__ import annotations

import datetime as dt

from . import wording
from .loading import Catalog
from .model import Activity
from .occurrences import TIMEZONE_NAME, TZ, Occurrence, occurrences, upcoming

# Days from the build day that pages carry occurrences for: a site that was not
# rebuilt for two weeks still shows the right next 7 days ('Deze week') and the
# right next date on every card.
LIVE_DAYS = 28
# 'Volgende keren' on an activity page shows this many dates.
NEXT_SHOWN = 5


def window(catalog: Catalog) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) pages carry occurrences for."""
    return catalog.today, catalog.today + dt.timedelta(days=LIVE_DAYS - 1)


def live_occurrences(catalog: Catalog, activity: Activity, after: int = 1) -> list[Occurrence]:
    """The occurrences a page carries for an activity: every one in the window, and the
    ``after`` that follow it (so a page read at the end of the window still knows what comes
    next; rare activities look up to a year ahead). Computed once per build and ``after``."""
    def compute():
        first, last = window(catalog)
        found = occurrences(activity, catalog.calendar, first, last + dt.timedelta(days=42))
        inside = [o for o in found if o.date <= last]
        beyond = found[len(inside):]
        if len(beyond) < after:
            beyond = [o for o in upcoming(activity, catalog.calendar, last + dt.timedelta(days=1), count=after)]
        return inside + beyond[:after]

    return catalog.cached(("live", activity.slug, after), compute)


def iso(moment: dt.datetime) -> str:
    """'2026-11-30T09:30:00+01:00': the contract's format (local time with offset)."""
    return moment.astimezone(TZ).isoformat(timespec="seconds")


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=TZ)


def day_bounds(day: dt.date) -> tuple[str, str]:
    """data-start and data-end of a whole day (midnight to midnight, Amsterdam)."""
    return iso(day_start(day)), iso(day_start(day + dt.timedelta(days=1)))


def notice_end(activity: Activity) -> str | None:
    """data-end of a notice with 'tot': the end of its last day (it is shown up to and including it)."""
    if activity.notice_until is None:
        return None
    return day_bounds(activity.notice_until)[1]


def day_label(catalog: Catalog, day: dt.date) -> str:
    """'ma 23 nov' (with the year outside the build's year): never 'vandaag', which the reader's day decides."""
    return catalog.cached(("day-label", day), lambda: wording.short_date(day, catalog.today, relative=False))


def day_long(catalog: Catalog, day: dt.date) -> str:
    """'maandag 23 november' (with the year outside the build's year)."""
    return catalog.cached(("day-long", day), lambda: wording.date(day, year=day.year != catalog.today.year))


def day_month(catalog: Catalog, day: dt.date) -> str:
    """'23 november' (with the year outside the build's year)."""
    return catalog.cached(("day-month", day), lambda: wording.date(day, weekday=False, year=day.year != catalog.today.year))


def when_text(catalog: Catalog, occurrence: Occurrence) -> str:
    """'ma 23 nov, 09:30–10:15'."""
    return WHEN_FORMAT.format(day=day_label(catalog, occurrence.date),
                              time=wording.time_range(occurrence.start.time(), occurrence.end.time()))


# How a card writes an occurrence; the script composes the same from the parts.
WHEN_FORMAT = "{day}, {time}"


def occurrence_item(catalog: Catalog, occurrence: Occurrence) -> dict:
    """One occurrence as a page shows it: its text and its contract attributes."""
    return {"start": iso(occurrence.start), "end": iso(occurrence.end), "text": when_text(catalog, occurrence)}


def relative_words(today: dt.date) -> dict[str, str]:
    """What the script needs from the build: the words for the reader's today and tomorrow (from
    :mod:`wording`) and the time zone the site's dates are in."""
    return {"today": wording.short_date(today, today).lower(),
            "tomorrow": wording.short_date(today + dt.timedelta(days=1), today).lower(),
            "zone": TIMEZONE_NAME}


def made_on(catalog: Catalog) -> str:
    """'maandag 23 november 2026': the day a page was made, for readers without the script."""
    return wording.date(catalog.today)
