"""The JSON-LD on an activity page tells search engines the same sessions as its feed.

The JSON-LD is expanded here by its schema.org meaning, written out in this
file (Schedule: byDay, repeatFrequency, startDate/endDate, startTime/endTime,
scheduleTimezone, exceptDate; an Event's own startDate/endDate; a subEvent's
location), without the occurrence engine. The activity's agenda.ics is
expanded by recurring_ical_events. Both must give the same sessions, with the
same place, over the feed's window, for every activity of the sample.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from activity_directory.pages.presentation import activity_url
from activity_directory.publish import feeds

DAYS = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5, "Sunday": 6}


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script" and dict(attrs).get("type") == "application/ld+json"
        if self._in:
            self.found.append("")

    def handle_data(self, data):
        if self._in:
            self.found[-1] += data

    def handle_endtag(self, tag):
        self._in = False


def jsonld_of(site, slug: str) -> dict:
    parser = _Scripts()
    parser.feed((site / activity_url(slug) / "index.html").read_text(encoding="utf-8"))
    [text] = parser.found
    return json.loads(text)


def place_text(place: dict) -> str:
    street = (place.get("address") or {}).get("streetAddress")
    return ", ".join(p for p in (place["name"], street) if p)


def expand_schedule(schedule: dict, first: dt.date, last: dt.date):
    """Start and end of every session a schema.org Schedule describes between two dates."""
    assert schedule["@type"] == "Schedule"
    assert schedule["repeatFrequency"] == "P1W", "every week"
    zone = ZoneInfo(schedule["scheduleTimezone"])
    days = {DAYS[url.rsplit("/", 1)[1]] for url in schedule["byDay"]}
    start = max(first, dt.date.fromisoformat(schedule["startDate"])) if "startDate" in schedule else first
    end = min(last, dt.date.fromisoformat(schedule["endDate"])) if "endDate" in schedule else last
    skip = {dt.date.fromisoformat(d[:10]) for d in schedule.get("exceptDate", [])}
    begin, finish = dt.time.fromisoformat(schedule["startTime"]), dt.time.fromisoformat(schedule["endTime"])
    day = start
    while day <= end:
        if day.weekday() in days and day not in skip:
            yield dt.datetime.combine(day, begin, zone), dt.datetime.combine(day, finish, zone)
        day += dt.timedelta(days=1)


def as_list(value) -> list:
    return value if isinstance(value, list) else [value]


def jsonld_sessions(data: dict, first: dt.date, last: dt.date) -> Counter:
    """(start UTC, end UTC, place) of every session the Event and its subEvents name in the window."""
    found: Counter = Counter()

    def add(start: dt.datetime, end: dt.datetime, place: dict):
        if first <= start.date() <= last:
            found[(int(start.timestamp()), int(end.timestamp()), place_text(place))] += 1

    def event(item: dict, place) -> None:
        if isinstance(place, list):
            assert "eventSchedule" not in item, "a Schedule needs one place: its Event's"
        for schedule in as_list(item.get("eventSchedule", [])):
            for start, end in expand_schedule(schedule, first, last):
                add(start, end, place)
        if "eventSchedule" not in item and item is not data and "startDate" in item:
            add(dt.datetime.fromisoformat(item["startDate"]), dt.datetime.fromisoformat(item["endDate"]), place)
        for sub in item.get("subEvent", []):
            event(sub, sub.get("location", place))

    event(data, data["location"])
    return found


def feed_sessions(path, first: dt.date, last: dt.date) -> Counter:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    found: Counter = Counter()
    for e in recurring_ical_events.of(calendar).between(first, last + dt.timedelta(days=1)):
        start, end = e["DTSTART"].dt, e["DTEND"].dt
        found[(int(start.timestamp()), int(end.timestamp()), str(e.get("LOCATION", "")))] += 1
    return found


def test_jsonld_names_the_feeds_sessions_for_every_activity(built_site, catalog):
    first, last = feeds.window(catalog.today)
    compared = 0
    for activity in catalog.activities:
        data = jsonld_of(built_site, activity.slug)
        expected = feed_sessions(built_site / activity_url(activity.slug) / feeds.FEED_NAME, first, last)
        got = jsonld_sessions(data, first, last)
        assert got == expected, (activity.slug, sorted(got - expected)[:5], sorted(expected - got)[:5])
        compared += 1
    assert compared == len(catalog.activities) == len(list((built_site / "activiteiten").glob("*/agenda.ics"))) - sum(
        len(a.aliases) for a in catalog.activities)


def test_the_sample_exercises_every_shape(built_site, catalog):
    """Holidays in exceptDate, one-off subEvents and a Schedule per place all occur in the sample."""
    shapes = Counter()
    for activity in catalog.activities:
        data = jsonld_of(built_site, activity.slug)
        schedules = as_list(data.get("eventSchedule", []))
        subs = data.get("subEvent", [])
        excepted = {d for s in schedules + [x["eventSchedule"] for x in subs if "eventSchedule" in x]
                    for d in s.get("exceptDate", [])}
        shapes["christmas excepted"] += any(d.endswith("-12-25") for d in excepted)
        shapes["one-off"] += any("eventSchedule" not in s for s in subs)
        shapes["schedule per place"] += any("eventSchedule" in s for s in subs)
        shapes["own schedule"] += bool(schedules)
    assert all(shapes[k] for k in ("christmas excepted", "one-off", "schedule per place", "own schedule")), shapes
