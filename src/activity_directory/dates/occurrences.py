"""The occurrence engine: the only place where dates are computed.

A pure function from an activity, the holiday calendar and a date window to
concrete occurrences with aware start and end times in Europe/Amsterdam.
Pages, the weekly view, feeds and open data all ask this module, so they can
never disagree.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from ..content.clock import TIMEZONE_NAME, TZ, reference_date, reference_datetime
from ..content.holidays import HolidayCalendar
from ..content.model import Activity, Location, TimeSlot



@dataclass(frozen=True)
class Occurrence:
    start: dt.datetime  # aware, Europe/Amsterdam
    end: dt.datetime
    location: Location
    slot: TimeSlot

    @property
    def date(self) -> dt.date:
        return self.start.date()


@dataclass(frozen=True)
class Skip:
    """A date a weekly line would fall on, but that is left out, and why."""

    date: dt.date
    slot: TimeSlot
    reason: str  # Dutch, e.g. "Kerstvakantie", "Tweede Paasdag", "vervalt"


@dataclass(frozen=True)
class SlotSchedule:
    """Everything about one line in a window: its dates and its skipped dates."""

    activity: Activity
    slot: TimeSlot
    dates: tuple[dt.date, ...]  # the days it takes place, in order
    skipped: tuple[Skip, ...]

    @functools.cached_property
    def occurrences(self) -> tuple[Occurrence, ...]:
        """The dates with aware start and end (made on demand: feeds need only the dates)."""
        slot, location = self.slot, self.activity.location_of(self.slot)
        return tuple(Occurrence(local(day, slot.start), local(day, slot.end), location, slot) for day in self.dates)


def local(day: dt.date, time: dt.time) -> dt.datetime:
    """A wall-clock time on a day in Amsterdam, as an aware datetime."""
    return dt.datetime.combine(day, time, tzinfo=TZ)


def _candidate_days(slot: TimeSlot, first: dt.date, last: dt.date):
    if slot.date is not None:
        if first <= slot.date <= last:
            yield slot.date
        return
    start = max(first, slot.valid_from or first)
    end = min(last, slot.valid_until or last)
    week = dt.timedelta(days=7)
    days = []
    for weekday in slot.weekdays:  # step a week at a time from each weekday's first date
        day = start + dt.timedelta(days=(weekday - start.weekday()) % 7)
        while day <= end:
            days.append(day)
            day += week
    yield from sorted(days)


def skip_reason(activity: Activity, day: dt.date, calendar: HolidayCalendar) -> str | None:
    """Why the activity does not take place on a day its schedule names."""
    if day in activity.cancelled:
        return "vervalt"
    if activity.skip_school_holidays:
        public = calendar.public_holiday(day)
        if public:
            return public
        school = calendar.school_holiday(day)
        if school:
            return school.name
    return None


def slot_schedule(activity: Activity, slot: TimeSlot, calendar: HolidayCalendar,
                  first: dt.date, last: dt.date) -> SlotSchedule:
    """Dates and skipped dates of one line between two dates (inclusive)."""
    if not activity.active:
        return SlotSchedule(activity, slot, (), ())
    found: list[dt.date] = []
    skipped: list[Skip] = []
    for day in _candidate_days(slot, first, last):
        reason = skip_reason(activity, day, calendar)
        if reason:
            skipped.append(Skip(day, slot, reason))
        else:
            found.append(day)
    return SlotSchedule(activity, slot, tuple(found), tuple(skipped))


def occurrences(activity: Activity, calendar: HolidayCalendar,
                first: dt.date, last: dt.date) -> list[Occurrence]:
    """Every occurrence between two dates (inclusive), in time order.

    Paused and stopped activities have none.
    """
    result: list[Occurrence] = []
    for slot in activity.slots:
        result.extend(slot_schedule(activity, slot, calendar, first, last).occurrences)
    return sorted(result, key=lambda o: (o.start, o.end, o.slot.index))


def upcoming(activity: Activity, calendar: HolidayCalendar, today: dt.date,
             count: int = 5, horizon_days: int = 366) -> list[Occurrence]:
    """The next ``count`` occurrences from ``today`` on."""
    # Most activities are weekly: a short look-ahead usually suffices.
    for days in (min(42, horizon_days), horizon_days):
        found = occurrences(activity, calendar, today, today + dt.timedelta(days=days))
        if len(found) >= count or days == horizon_days:
            return found[:count]
    return []


PAST_WEEKS = 8  # a published series keeps the recent weeks (subscribers see what they went to)


def published_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) of the series the site publishes (feeds, JSON-LD):
    8 weeks back, 12 months ahead."""
    first = today - dt.timedelta(weeks=PAST_WEEKS)
    try:
        last = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        last = today.replace(year=today.year + 1, day=28)
    return first, last


def has_ended(activity: Activity, today: dt.date) -> bool:
    """True when no line of the schedule can produce a date from today on."""
    for slot in activity.slots:
        last = slot.date if slot.date is not None else slot.valid_until
        if last is None or last >= today:
            return False
    return True
