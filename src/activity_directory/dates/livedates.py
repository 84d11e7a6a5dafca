"""Dates that are right on the day a page is *read*, not the day it was built.

A static page stays online between builds (and a nightly build may fail for a
few days). So every occurrence a page shows is rendered with its start and
end (``data-start`` / ``data-end``, ISO 8601 local time with offset), and
enough of them (:data:`LIVE_DAYS` from the build day) that the script
``overrides/assets/livedates.js`` can hide what has ended by the reader's clock
and show the next one instead. This module decides which occurrences a page
carries and how they are written; the dates themselves come from the
occurrence engine, the words from :mod:`wording`.
"""

from __future__ import annotations

import datetime as dt

from . import wording
from .wording import Wording
from ..content.loading import Catalog
from ..content.model import Activity
from .occurrences import TIMEZONE_NAME, TZ, Occurrence, occurrences, upcoming

# Days from the build day the directory's index carries occurrences for: 'Deze week' read up to
# five weeks after the build still shows the reader's next 7 days. Measured (issue 20): from 4 to 6 weeks
# the index grows 1,061 -> 1,131 KB raw, 154.5 -> 163.4 KB gzipped at 5,000 activities (+6 %).
LIVE_DAYS = 42
# Days pages carry occurrences for (cards, list pages, 'Volgende keren'), and the ones after: a page
# read up to five weeks after its build still shows the right next dates. From 3 to 5 weeks, 50 cards'
# dates grow 39.6 -> 56.3 KB raw, 0.9 -> 1.4 KB gzipped (far inside the home page's 100 KB gzipped).
PAGE_DAYS = 35
# From this many days after the build day a page may no longer hold every date that is on (cards and
# list pages carry PAGE_DAYS, the index LIVE_DAYS): livedates.js then shows the page's notice that its
# dates are from the build day, with links to the agenda and its feeds (which hold the full series).
STALE_DAYS = PAGE_DAYS
# 'Volgende keren' on an activity page shows this many dates.
NEXT_SHOWN = 5


def window(catalog: Catalog, days: int = LIVE_DAYS) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) of a window from the build day."""
    return catalog.today, catalog.today + dt.timedelta(days=days - 1)


def _ahead(catalog: Catalog, activity: Activity) -> tuple[list[Occurrence], int]:
    """Every occurrence in the index's window and at least NEXT_SHOWN after it (one engine call
    per activity and build, whatever the page asks), and how many lie inside the window."""
    def compute():
        first, last = window(catalog)
        found = occurrences(activity, catalog.calendar, first, last + dt.timedelta(days=42))
        inside = sum(1 for o in found if o.date <= last)
        if len(found) - inside < NEXT_SHOWN:  # rare: look up to a year further
            found = found[:inside] + upcoming(activity, catalog.calendar, last + dt.timedelta(days=1), count=NEXT_SHOWN)
        return found, inside

    return catalog.cached(("ahead", activity.slug), compute)


def live_occurrences(catalog: Catalog, activity: Activity, days: int = LIVE_DAYS, after: int = 1) -> list[Occurrence]:
    """The occurrences a page carries for an activity: every one in the first ``days`` days from
    the build day, and the ``after`` that follow (so a page read at the end of the window still
    knows what comes next). ``days=0, after=n``: the next n."""
    assert 0 <= days <= LIVE_DAYS and 0 <= after <= NEXT_SHOWN
    found, inside = _ahead(catalog, activity)
    if days != LIVE_DAYS:
        last = catalog.today + dt.timedelta(days=days - 1)
        inside = sum(1 for o in found[:inside] if o.date <= last)
    return found[:inside + after]


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


def day_label(catalog: Catalog, day: dt.date, words: Wording = wording.DUTCH) -> str:
    """'ma 23 nov' (with the year outside the build's year): never 'vandaag', which the reader's day decides."""
    return catalog.cached(("day-label", words.language.code, day),
                          lambda: words.short_date(day, catalog.today, relative=False))


def day_long(catalog: Catalog, day: dt.date, words: Wording = wording.DUTCH) -> str:
    """'maandag 23 november' (with the year outside the build's year)."""
    return catalog.cached(("day-long", words.language.code, day),
                          lambda: words.date(day, year=day.year != catalog.today.year))


def day_month(catalog: Catalog, day: dt.date, words: Wording = wording.DUTCH) -> str:
    """'23 november' (with the year outside the build's year)."""
    return catalog.cached(("day-month", words.language.code, day),
                          lambda: words.date(day, weekday=False, year=day.year != catalog.today.year))


def when_text(catalog: Catalog, occurrence: Occurrence, words: Wording = wording.DUTCH) -> str:
    """'ma 23 nov, 09:30–10:15'."""
    return WHEN_FORMAT.format(day=day_label(catalog, occurrence.date, words),
                              time=words.time_range(occurrence.start.time(), occurrence.end.time()))


# How a card writes an occurrence; the script composes the same from the parts.
WHEN_FORMAT = "{day}, {time}"


def occurrence_item(catalog: Catalog, occurrence: Occurrence, words: Wording = wording.DUTCH) -> dict:
    """One occurrence as a page shows it: its text and its contract attributes."""
    return {"start": iso(occurrence.start), "end": iso(occurrence.end), "text": when_text(catalog, occurrence, words)}


def relative_words(today: dt.date, words: Wording = wording.DUTCH) -> dict[str, str]:
    """What the script needs from the build: the words for the reader's today and tomorrow (from
    :mod:`wording`) and the time zone the site's dates are in."""
    return {"today": words.short_date(today, today).lower(),
            "tomorrow": words.short_date(today + dt.timedelta(days=1), today).lower(),
            "zone": TIMEZONE_NAME,
            # From then on the page says that its dates are from the build day (data-stale).
            "stale": iso(day_start(today + dt.timedelta(days=STALE_DAYS))),
            "made_on": words.date(today)}


def made_on(catalog: Catalog, words: Wording = wording.DUTCH) -> str:
    """'maandag 23 november 2026': the day a page was made, for readers without the script."""
    return words.date(catalog.today)
