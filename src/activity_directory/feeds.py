"""iCalendar feeds (RFC 5545) that every calendar app reads the same way.

Every list page has its feed at ``<page URL>agenda.ics`` (see
:mod:`listings`), every activity page too, and so does every wijk × age group
(for the subscribe page). Dates come from the occurrence engine only:

* one VEVENT per line under ``tijden`` with a stable UID
  ``<first name>-<line index>@<site host>`` (the first name is the file name,
  or after a rename the oldest name under ``aliases``: see :mod:`aliases`);
* a weekly line becomes ``RRULE:FREQ=WEEKLY;BYDAY=..;UNTIL=<last occurrence
  in UTC>`` whose DTSTART is the first occurrence in the window; every date
  the engine skips (holidays, ``vervalt``) between them is an EXDATE with the
  same TZID and local time; a one-off ``datum`` line is a single VEVENT;
* all local times carry ``TZID=Europe/Amsterdam``, defined once by a
  hand-written VTIMEZONE with RRULE-based STANDARD and DAYLIGHT parts (the
  RDATE-list form is mis-mapped by Outlook);
* SEQUENCE is the number of days between 2020-01-01 and ``gecontroleerd``:
  editors set that date whenever they change an entry, so it never goes down
  and rises with every change, while builds stay stateless.

Each activity's VEVENTs are serialised once and reused in every list feed,
so the build stays linear in the number of activities.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from . import wording
from .aliases import uid_name
from .listings import AGE_GROUPS, all_listings, in_area
from .loading import Catalog
from .model import Activity, TimeSlot
from .occurrences import TIMEZONE_NAME, TZ, slot_schedule
from .presentation import activity_url

FEED_NAME = "agenda.ics"
PAST_WEEKS = 8  # subscribers keep the recent weeks
SEQUENCE_EPOCH = dt.date(2020, 1, 1)
REFRESH = dt.timedelta(hours=12)
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
END = b"END:VCALENDAR\r\n"


def window(today: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) a feed covers: 8 weeks back, 12 months ahead."""
    first = today - dt.timedelta(weeks=PAST_WEEKS)
    try:
        last = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        last = today.replace(year=today.year + 1, day=28)
    return first, last


def sequence(activity: Activity) -> int:
    """Never decreases: editors move ``gecontroleerd`` forward when they change an entry."""
    return max(0, (activity.checked - SEQUENCE_EPOCH).days)


def uid(activity: Activity, slot: TimeSlot, host: str) -> str:
    return f"{uid_name(activity)}-{slot.index}@{host}"


def feed_path(page_url: str) -> str:
    """Site-relative feed path of a page URL ('' or ending in '/')."""
    return f"{page_url}{FEED_NAME}"


def absolute(site_url: str, path: str) -> str:
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", path)


def subscribe_links(site_url: str, path: str, name: str) -> dict:
    """Download URL and one-tap subscribe links for a feed (links only, nothing is loaded)."""
    https = absolute(site_url, path)
    webcal = "webcal://" + https.split("://", 1)[1]
    return {
        "name": name,
        "path": path,
        "url": https,
        "webcal": webcal,
        "google": "https://calendar.google.com/calendar/r?cid=" + quote(webcal, safe=""),
        "outlook": "https://outlook.live.com/calendar/0/addfromweb?url=" + quote(https, safe="")
                   + "&name=" + quote(name, safe=""),
    }


def vtimezone():
    """Europe/Amsterdam with one STANDARD and one DAYLIGHT rule (EU rules since 1996).

    icalendar is imported here, not at the top: only the process that writes
    feeds needs it (the build's pages do not).
    """
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard
    tz = Timezone()
    tz.add("tzid", TIMEZONE_NAME)
    tz.add("x-lic-location", TIMEZONE_NAME)
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", dt.timedelta(hours=1))
    summer.add("tzoffsetto", dt.timedelta(hours=2))
    summer.add("dtstart", dt.datetime(1970, 3, 29, 2, 0, 0))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", dt.timedelta(hours=2))
    winter.add("tzoffsetto", dt.timedelta(hours=1))
    winter.add("dtstart", dt.datetime(1970, 10, 25, 3, 0, 0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    tz.add_component(summer)
    tz.add_component(winter)
    return tz


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.timezone.utc)


def _duration(value: dt.timedelta) -> str:
    from icalendar import vDuration

    return vDuration(value).to_ical().decode("ascii")


def _utc_text(value: dt.datetime) -> str:
    return _utc(value).strftime("%Y%m%dT%H%M%SZ")


def _local(value: dt.datetime) -> str:
    """Wall-clock time in Amsterdam, for a property with TZID=Europe/Amsterdam."""
    return value.astimezone(TZ).strftime("%Y%m%dT%H%M%S")


def _text(value: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def _line(name: str, value: str) -> str:
    """A content line folded at 75 octets, never inside a UTF-8 character or an escape."""
    line = f"{name}:{value}"
    if len(line) <= 75 and line.isascii():
        return line
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75  # continuation lines start with a space: 74 octets after it
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # never inside a UTF-8 character
            cut -= 1
        if data[cut - 1] == 0x5C and cut - 1 > start:  # keep a backslash escape together
            cut -= 1
        parts.append(data[start:cut])
        start, limit = cut, 74
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode("utf-8")


def _signup_text(activity: Activity) -> str:
    signup = activity.signup
    if signup.walk_in:
        return "Aanmelden: niet nodig. Kom gewoon langs."
    ways = []
    if signup.url:
        ways.append(f"via {signup.url}")
    if signup.phone:
        ways.append(f"bel {signup.phone}")
    if signup.email:
        ways.append(f"mail {signup.email}")
    text = "Aanmelden: " + wording.join(ways) + "."
    if signup.note:
        text += " " + signup.note
    return text


def description(activity: Activity, slot: TimeSlot, page: str, today: dt.date) -> str:
    """Plain text (no HTML); icalendar escapes it. A notice that has expired by ``today`` is left out."""
    cost = wording.cost(activity.cost) + (f" ({activity.cost.note})" if activity.cost.note else "")
    lines = [activity.summary]
    notice = activity.notice_on(today)
    if notice:
        lines.append(notice)
    when = wording.slot(activity, slot) + "."
    if slot.date is None:
        when += " " + wording.holidays_rule(activity)
    lines += ["", f"Wanneer: {when}", f"Kosten: {cost}", _signup_text(activity), "", f"Meer informatie: {page}"]
    return "\n".join(lines)


@dataclass(frozen=True)
class Feed:
    """One .ics file: where it goes, its calendar name and its activities."""

    path: str  # site-relative
    name: str
    activities: tuple[Activity, ...]
    description: str = ""


def all_feeds(catalog: Catalog) -> list[Feed]:
    """Every feed the site publishes: lists, activities, and wijk × age group."""
    site = catalog.site
    feeds: list[Feed] = []
    for listing in all_listings(catalog):
        name = listing.title if listing.kind == "home" else f"{listing.title} – {site.name}"
        if listing.kind == "organisatie":  # an organisation may share its name with an activity
            name = f"Activiteiten van {listing.title} – {site.name}"
        feeds.append(Feed(listing.feed_url, name, listing.activities, listing.description))
    everything = tuple(catalog.activities)
    for area in site.areas.neighbourhoods:
        in_wijk = tuple(a for a in everything if in_area(catalog, a, area.key))
        for group in AGE_GROUPS:
            feeds.append(Feed(f"wijken/{area.key}/leeftijd/{group.key}/{FEED_NAME}",
                              f"{group.name} in {area.name} – {site.name}",
                              tuple(a for a in in_wijk if group.matches(a))))
    for activity in catalog.activities:
        feeds.append(Feed(feed_path(activity_url(activity.slug)), f"{activity.title} – {site.name}", (activity,),
                          activity.summary))
        for alias in activity.aliases:  # an old address keeps its subscribers (calendar apps follow no redirect)
            feeds.append(Feed(feed_path(activity_url(alias)), f"{activity.title} – {site.name}", (activity,),
                              activity.summary))
    return feeds


class FeedWriter:
    """Renders feeds; each activity's VEVENTs are made once and reused."""

    def __init__(self, catalog: Catalog, site_url: str, stamp: dt.datetime):
        self.catalog = catalog
        self.site_url = site_url
        self.host = urlsplit(site_url).hostname or "localhost"
        self.stamp = _utc(stamp).replace(microsecond=0)
        self.first, self.last = window(catalog.today)
        self._events: dict[str, bytes] = {}
        self._timezone = vtimezone().to_ical()  # serialised once, written into every feed

    def slot_event(self, activity: Activity, slot: TimeSlot) -> bytes | None:
        """The VEVENT of one line, serialised, or None when it has no date in the window.

        Written directly (escaping and folding below) rather than through
        icalendar's Event: the build makes one per schedule line, and the
        library's generic machinery was most of the feed time. The tests parse
        every feed with two independent parsers.
        """
        schedule = slot_schedule(activity, slot, self.catalog.calendar, self.first, self.last)
        if not schedule.dates:
            return None
        first_day, last_day = schedule.dates[0], schedule.dates[-1]
        start = dt.datetime.combine(first_day, slot.start, tzinfo=TZ)
        end = dt.datetime.combine(first_day, slot.end, tzinfo=TZ)
        page = absolute(self.site_url, activity_url(activity.slug))
        location = activity.location_of(slot)
        local = f";TZID={TIMEZONE_NAME}"
        lines = [
            "BEGIN:VEVENT",
            _line("SUMMARY", _text(activity.title)),
            _line("DTSTART" + local, _local(start)),
            _line("DTEND" + local, _local(end)),
            _line("DTSTAMP", _utc_text(self.stamp)),
            _line("UID", _text(uid(activity, slot, self.host))),
            _line("SEQUENCE", str(sequence(activity))),
        ]
        if slot.date is None:
            lines.append(_line("RRULE", f"FREQ=WEEKLY;UNTIL={_utc_text(dt.datetime.combine(last_day, slot.start, tzinfo=TZ))};BYDAY="
                                        + ",".join(BYDAY[d] for d in slot.weekdays)))
            skipped = [s.date for s in schedule.skipped if first_day < s.date < last_day]
            if skipped:
                lines.append(_line("EXDATE" + local, ",".join(
                    _local(dt.datetime.combine(d, slot.start, tzinfo=TZ)) for d in skipped)))
        lines.append(_line("DESCRIPTION", _text(description(activity, slot, page, self.catalog.today))))
        if location.geo:
            lines.append(_line("GEO", f"{location.geo[0]};{location.geo[1]}"))
        lines += [
            _line("LAST-MODIFIED", _utc_text(dt.datetime.combine(activity.checked, dt.time(0), dt.timezone.utc))),
            _line("LOCATION", _text(", ".join(p for p in (location.name, location.address) if p))),
            "STATUS:CONFIRMED",
            "TRANSP:OPAQUE",
            _line("URL", page),
            "END:VEVENT",
        ]
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")

    def events(self, activity: Activity) -> bytes:
        cached = self._events.get(activity.slug)
        if cached is None:
            parts = []
            for slot in activity.slots:
                event = self.slot_event(activity, slot)
                if event is not None:
                    parts.append(event)
            cached = self._events[activity.slug] = b"".join(parts)
        return cached

    def header(self, name: str, text: str = "") -> bytes:
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            _line("PRODID", f"-//{self.catalog.site.name}//Activiteiten//NL"),
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
        ]
        if text:
            lines.append(_line("X-WR-CALDESC", _text(text)))
        lines += [
            _line("NAME", _text(name)),
            _line("X-WR-CALNAME", _text(name)),
            f"REFRESH-INTERVAL;VALUE=DURATION:{_duration(REFRESH)}",
            f"X-PUBLISHED-TTL:{_duration(REFRESH)}",
            f"X-WR-TIMEZONE:{TIMEZONE_NAME}",
        ]
        return ("\r\n".join(lines) + "\r\n").encode("utf-8") + self._timezone

    def render(self, feed: Feed) -> bytes:
        body = b"".join(self.events(a) for a in feed.activities)
        return self.header(feed.name, feed.description) + body + END


def subscribe_view(catalog: Catalog, site_url: str) -> dict:
    """What the subscribe page shows: areas, age groups and every feed as a link.

    The chooser (JavaScript) builds the same paths as :func:`all_feeds`:
    ``<area prefix>[leeftijd/<group>/]agenda.ics``.
    """
    site = catalog.site
    groups = [{"key": "", "name": "Alle leeftijden", "prefix": ""}] + [
        {"key": g.key, "name": g.name, "prefix": f"leeftijd/{g.key}/"} for g in AGE_GROUPS]

    def entry(prefix: str, name: str, level: str, key: str) -> dict:
        links = []
        for group in groups:
            title = name if not group["key"] else f"{group['name']} in {name}"
            links.append({"group": group["name"], **subscribe_links(site_url, f"{prefix}{group['prefix']}{FEED_NAME}",
                                                                   f"{title} – {site.name}")})
        return {"key": key, "name": name, "level": level, "prefix": prefix, "feeds": links}

    areas = [entry("", f"Heel {site.name}", "gemeente", site.areas.root.key)]
    for district in site.areas.districts:
        areas.append(entry(f"stadsdelen/{district.key}/", district.name, "stadsdeel", district.key))
        for wijk in site.areas.children(district.key):
            areas.append(entry(f"wijken/{wijk.key}/", wijk.name, "wijk", wijk.key))
    return {
        "site_url": absolute(site_url, ""),
        "site_name": site.name,
        "groups": groups,
        "areas": areas,
        "city": areas[0],
        "whole_city": subscribe_links(site_url, FEED_NAME, f"Activiteiten in {site.name}"),
    }
