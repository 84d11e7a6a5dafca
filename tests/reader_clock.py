"""A reader on another day than the build's: a phone-sized page with the browser's clock set, and
the occurrences the open data holds for a stretch of days (the independent answer to compare with)."""

from __future__ import annotations

import datetime as dt

from activity_directory.dates.occurrences import TZ


def reader_page(browser, moment: dt.datetime, **options):
    """A 390 × 844 page whose clock stands at ``moment``; it records console errors."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844}, **options)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.clock.set_fixed_time(moment)
    return context, page


def occurrences_between(open_data, first: dt.date, last: dt.date, after: dt.datetime) -> set[tuple[str, str]]:
    """(slug, start) of every occurrence in the open data on ``first``…``last`` that ends after ``after``."""
    found = set()
    for record in open_data["activiteiten"]:
        for o in record["occurrences"]:
            start, end = dt.datetime.fromisoformat(o["start"]), dt.datetime.fromisoformat(o["end"])
            if first <= start.astimezone(TZ).date() <= last and end > after:
                found.add((record["slug"], start.isoformat()))
    return found
