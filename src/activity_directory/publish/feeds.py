"""iCalendar feeds (RFC 5545) that every calendar app reads the same way.

Every list page has its feed at ``<page URL>agenda.ics`` (see
:mod:`listings`; a wijk × age group is one of them), every activity page too. Dates come from the occurrence engine only:

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
  and rises with every change, while builds stay stateless;
* no ``METHOD``: a feed is a published snapshot, not a scheduling message
  (RFC 5545 3.7.2: without METHOD "a scheduling transaction MUST NOT be
  assumed"). ``METHOD:PUBLISH`` made it an iTIP message, which requires an
  ``ORGANIZER`` (RFC 5546), so libical flagged every event; an invented
  organizer would make Outlook and Apple show the dates as invitations from
  someone (see the README, "Agenda-feeds").

Each activity's VEVENTs are serialised once and reused in every list feed,
so the build stays linear in the number of activities. One activity puts at
most :data:`EVENTS_PER_ACTIVITY` VEVENTs in a feed (:func:`feed_lines`: of
more, the soonest), so no single activity can make a feed too large.

Size: calendar apps give up on large feeds (Google Calendar at about 1 MB, see
the README). :data:`PARENT_LIMIT` decides which feeds are *offered* to parents
as a subscription; larger ones are still written (the URLs are a public
contract) and listed as data for other websites and apps. :class:`FeedStats`
gives every feed's exact size and how many activities have dates in it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Literal
from urllib.parse import quote, urljoin, urlsplit

from ..dates import wording
from ..pages.aliases import uid_name
from ..pages.listings import AGE_GROUPS, all_listings
from ..content.loading import Catalog
from ..content.model import Activity, TimeSlot
from ..dates.occurrences import (  # noqa: F401 (PAST_WEEKS: for the docs)
    PAST_WEEKS, TIMEZONE_NAME, TZ, SlotSchedule, published_window, slot_schedule,
)
from ..pages.presentation import activity_url

FEED_NAME = "agenda.ics"
SEQUENCE_EPOCH = dt.date(2020, 1, 1)
REFRESH = dt.timedelta(hours=12)
BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
END = b"END:VCALENDAR\r\n"
# The largest feed offered to parents: Google Calendar's 1 MB (README, "Agenda-feeds"),
# in decimal bytes so that it holds whichever way a client counts a megabyte.
PARENT_LIMIT = 1_000_000
# The most VEVENTs one activity puts in any feed: a weekly line is one (with all its weeks), a
# one-off date one each. Beyond it a feed holds the activity's soonest ones (the next build moves
# later ones in); its page lists every date. So one activity adds at most this many events
# (about 1 kB each) to a feed, and never pushes a parents' feed over PARENT_LIMIT by itself.
EVENTS_PER_ACTIVITY = 50


def window(today: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) a feed covers: 8 weeks back, 12 months ahead (the same
    series as the activity page's JSON-LD: :func:`occurrences.published_window`)."""
    return published_window(today)


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


def feed_lines(catalog: Catalog, activity: Activity, first: dt.date, last: dt.date) -> list[SlotSchedule]:
    """The lines under ``tijden`` a feed holds, in their order: every line with a date between
    ``first`` and ``last``, but at most :data:`EVENTS_PER_ACTIVITY`; of more, those whose next
    date (from today on) comes soonest, then those that ended most recently."""
    found = [schedule for schedule in (slot_schedule(activity, slot, catalog.calendar, first, last)
                                       for slot in activity.slots) if schedule.dates]
    if len(found) <= EVENTS_PER_ACTIVITY:
        return found
    today = catalog.today

    def soonest(schedule: SlotSchedule):
        coming = next((day for day in schedule.dates if day >= today), None)
        if coming is not None:
            return 0, coming.toordinal(), schedule.slot.index
        return 1, -schedule.dates[-1].toordinal(), schedule.slot.index

    kept = {s.slot.index for s in sorted(found, key=soonest)[:EVENTS_PER_ACTIVITY]}
    return [s for s in found if s.slot.index in kept]


@dataclass(frozen=True)
class FeedStats:
    """What a parent needs to know about a feed before subscribing."""

    size: int  # bytes
    count: int  # activities with at least one date in the feed

    @property
    def offered(self) -> bool:
        """Small enough for every calendar app: offered to parents as a subscription."""
        return self.size <= PARENT_LIMIT

    @property
    def empty(self) -> bool:
        return self.count == 0

    @property
    def size_class(self) -> SizeClass:
        """'leeg' (no dates: offered, but say so), 'abonnement' (offered) or 'gegevens' (too large:
        data for other websites and apps, not offered as a subscription)."""
        if not self.offered:
            return "gegevens"
        return "leeg" if self.empty else "abonnement"


# The browser's data contract (tests/browser_types.py renders these for tsc and checks the pages):
SizeClass = Literal["abonnement", "leeg", "gegevens"]
# #feed-states (home page) and #share-feed-states (/delen/): special_feeds.
FeedStates = dict[str, Literal["leeg", "gegevens"]]
# #agenda-data (the subscribe page's chooser): area prefix → per age group [count, bytes, size class].
FeedChoices = dict[str, list[tuple[int, int, SizeClass]]]


@dataclass(frozen=True)
class Feed:
    """One .ics file: where it goes, its calendar name and its activities."""

    path: str  # site-relative
    name: str
    activities: tuple[Activity, ...]
    description: str = ""


def _listing_name(catalog: Catalog, listing) -> str:
    site = catalog.site
    if listing.kind == "home":
        return listing.title
    if listing.kind == "organisatie":  # an organisation may share its name with an activity
        return f"Activiteiten van {listing.title} – {site.name}"
    return f"{listing.title} – {site.name}"


def all_feeds(catalog: Catalog) -> list[Feed]:
    """Every feed the site publishes: lists, activities, and wijk × age group."""
    site = catalog.site
    feeds: list[Feed] = []
    for listing in all_listings(catalog):
        feeds.append(Feed(listing.feed_url, _listing_name(catalog, listing), listing.activities, listing.description))
    for activity in catalog.activities:
        feeds.append(Feed(feed_path(activity_url(activity.slug)), f"{activity.title} – {site.name}", (activity,),
                          activity.summary))
        for alias in activity.aliases:  # an old address keeps its subscribers (calendar apps follow no redirect)
            feeds.append(Feed(feed_path(activity_url(alias)), f"{activity.title} – {site.name}", (activity,),
                              activity.summary))
    return feeds


def feeds_holding(catalog: Catalog, slugs: set[str]) -> dict[str, Feed]:
    """The feeds (by path) that hold one of ``slugs``: each activity's own feed, its lists and
    its wijk × age feeds. Matches only those activities, not the whole catalog."""
    site = catalog.site
    found: dict[str, Feed] = {}
    for listing in all_listings(catalog):
        if any(a.slug in slugs for a in listing.activities):
            found[listing.feed_url] = Feed(listing.feed_url, _listing_name(catalog, listing), listing.activities,
                                           listing.description)
    wanted = [catalog.by_slug[s] for s in slugs if s in catalog.by_slug]
    for activity in wanted:
        for name in (activity.slug, *activity.aliases):  # an old address keeps its feed
            path = feed_path(activity_url(name))
            found[path] = Feed(path, f"{activity.title} – {site.name}", (activity,), activity.summary)
    return found


def feed_for(catalog: Catalog, path: str) -> Feed:
    """The one feed at ``path`` (as :func:`all_feeds` makes it)."""
    for listing in all_listings(catalog):
        if listing.feed_url == path:
            return Feed(path, _listing_name(catalog, listing), listing.activities, listing.description)
    for activity in catalog.activities:
        if path in {feed_path(activity_url(name)) for name in (activity.slug, *activity.aliases)}:
            return Feed(path, f"{activity.title} – {catalog.site.name}", (activity,), activity.summary)
    raise KeyError(path)


def feed_names(catalog: Catalog) -> dict[str, str]:
    """Calendar name of every list and wijk × age feed by path (cheap: no activities are matched)."""
    def compute():
        names = {listing.feed_url: _listing_name(catalog, listing) for listing in all_listings(catalog)}
        return names

    return catalog.cached(("feed-names",), compute)


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

    def slot_event(self, activity: Activity, schedule: SlotSchedule) -> bytes:
        """The VEVENT of one line with dates in the window, serialised.

        Written directly (escaping and folding below) rather than through
        icalendar's Event: the build makes one per schedule line, and the
        library's generic machinery was most of the feed time. The tests parse
        every feed with two independent parsers.
        """
        slot = schedule.slot
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

    def reuse(self, previous: FeedWriter) -> None:
        """Take over ``previous``'s serialised events of every activity that did not change
        (the same object in both catalogs), when both write for the same site and moment."""
        if (previous.site_url, previous.stamp, previous.first, previous.last) != (self.site_url, self.stamp, self.first, self.last):
            return
        for slug, data in previous._events.items():
            activity = self.catalog.by_slug.get(slug)
            if activity is not None and activity is previous.catalog.by_slug.get(slug):
                self._events.setdefault(slug, data)

    def events(self, activity: Activity) -> bytes:
        cached = self._events.get(activity.slug)
        if cached is None:
            lines = feed_lines(self.catalog, activity, self.first, self.last)
            cached = self._events[activity.slug] = b"".join(self.slot_event(activity, s) for s in lines)
        return cached

    def header(self, name: str, text: str = "") -> bytes:
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            _line("PRODID", f"-//{self.catalog.site.name}//Activiteiten//NL"),
            "CALSCALE:GREGORIAN",
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

    def stats(self, feed: Feed) -> FeedStats:
        """The exact size of :meth:`render`'s result, without joining the bytes."""
        size, count = len(self.header(feed.name, feed.description)) + len(END), 0
        for activity in feed.activities:
            events = self.events(activity)
            if events:
                size += len(events)
                count += 1
        return FeedStats(size, count)


# -- sizes, and what is offered to parents ---------------------------------------------

STATS_STAMP = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)  # DTSTAMP has a fixed length: any moment gives the same sizes


def compute_stats(catalog: Catalog, site_url: str, writer: FeedWriter | None = None,
                  every: list[Feed] | None = None) -> dict[str, FeedStats]:
    """Size and activity count of every feed :func:`all_feeds` lists, by path."""
    writer = writer or FeedWriter(catalog, site_url, STATS_STAMP)
    return {feed.path: writer.stats(feed) for feed in (every if every is not None else all_feeds(catalog))}


def feed_stats(catalog: Catalog, site_url: str) -> dict[str, FeedStats]:
    """Every feed's :class:`FeedStats`, once per catalog.

    The build computes them in the process that writes the feeds and hands
    them over with :func:`use_stats`, so pages need not serialise every event
    a second time; without that they are computed here.
    """
    return catalog.cached(("feed-stats", site_url), lambda: compute_stats(catalog, site_url))


def use_stats(catalog: Catalog, site_url: str, stats: dict[str, FeedStats]) -> None:
    """Stats computed elsewhere (by the writer of the files) for this very catalog and site URL."""
    catalog.cached(("feed-stats", site_url), lambda: stats)


def stats_to_json(stats: dict[str, FeedStats]) -> bytes:
    return json.dumps({path: [s.size, s.count] for path, s in stats.items()}, separators=(",", ":")).encode("utf-8")


def stats_from_json(data: bytes) -> dict[str, FeedStats]:
    return {path: FeedStats(size, count) for path, (size, count) in json.loads(data).items()}


def size_text(size: int) -> str:
    """'850 kB', '9,1 MB' (decimal units, as file managers and the limits are given)."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def count_text(count: int) -> str:
    """'1 activiteit', '20.000 activiteiten' (agenda.js writes the same)."""
    return "1 activiteit" if count == 1 else f"{count_number(count)} activiteiten"


def count_number(count: int) -> str:
    """'20.000'."""
    return f"{count:,}".replace(",", ".")


def choice_label(name: str, stats: FeedStats) -> str:
    """The text of a choice on the subscribe page, short enough for a phone: the name and, in
    brackets, how many activities (the label says so); 'te groot' when it is not offered
    (agenda.js writes the same)."""
    if not stats.offered:
        return f"{name} ({count_number(stats.count)}, te groot)"
    return f"{name} ({count_number(stats.count)})"


def feed_offer(catalog: Catalog, site_url: str, path: str, name: str | None = None) -> dict:
    """Links and facts of one feed, for a template that offers it.

    ``offered`` is False when the feed is too large for calendar apps: show it
    as data for other websites and apps (mark such a link
    ``data-agenda="gegevens"``), never as a subscription. ``empty`` says it has
    no dates now (a subscription may still make sense, but say so).
    """
    stats = feed_stats(catalog, site_url)[path]
    return {**subscribe_links(site_url, path, name or feed_names(catalog)[path]), "count": stats.count, "count_text": count_text(stats.count),
            "size": stats.size, "size_text": size_text(stats.size), "offered": stats.offered,
            "empty": stats.empty, "size_class": stats.size_class}


# The feeds the home page's filters lead to: an area, an age group, or both (and everything).
_FILTER_FEED = re.compile(r"((stadsdelen|wijken)/[^/]+/)?(leeftijd/[^/]+/)?" + re.escape(FEED_NAME))


def special_feeds(catalog: Catalog, site_url: str) -> FeedStates:
    """Of the feeds the home page's filters lead to, those its script must not offer as a plain
    subscription, by path: 'gegevens' (too large for calendar apps) or 'leeg' (no dates now).
    Every other one is an 'abonnement'."""
    def compute():
        return {path: stats.size_class for path, stats in sorted(feed_stats(catalog, site_url).items())
                if stats.size_class != "abonnement" and _FILTER_FEED.fullmatch(path)}

    return catalog.cached(("special-feeds", site_url), compute)


def subscribe_view(catalog: Catalog, site_url: str) -> dict:
    """What the subscribe page shows: areas, age groups and every feed with its count and size.

    The chooser (JavaScript) builds the same paths as :func:`all_feeds`:
    ``<area prefix>[leeftijd/<group>/]agenda.ics``, and reads counts, sizes
    and states from ``choices`` (area prefix → one ``[count, size, class]``
    per group, in the order of ``groups``).
    """
    site = catalog.site
    groups = [{"key": "", "name": "Alle leeftijden", "prefix": ""}] + [
        {"key": g.key, "name": g.name, "prefix": f"leeftijd/{g.key}/"} for g in AGE_GROUPS]

    def entry(prefix: str, name: str, level: str, key: str) -> dict:
        offers = []
        for group in groups:
            title = name if not group["key"] else f"{group['name']} in {name}"
            offers.append({"group": group["name"], "title": title,
                           **feed_offer(catalog, site_url, f"{prefix}{group['prefix']}{FEED_NAME}", f"{title} – {site.name}")})
        return {"key": key, "name": name, "level": level, "prefix": prefix, "feeds": offers}

    areas = [entry("", f"Heel {site.name}", "gemeente", site.areas.root.key)]
    for district in site.areas.districts:
        areas.append(entry(f"stadsdelen/{district.key}/", district.name, "stadsdeel", district.key))
        for wijk in site.areas.children(district.key):
            areas.append(entry(f"wijken/{wijk.key}/", wijk.name, "wijk", wijk.key))
    choices: FeedChoices = {a["prefix"]: [(f["count"], f["size"], f["size_class"]) for f in a["feeds"]] for a in areas}
    # The chooser starts at the whole municipality, all ages: the labels the script would write then.
    for area in areas:
        first = area["feeds"][0]
        area["label"] = choice_label(("– " if area["level"] == "wijk" else "") + area["name"],
                                     FeedStats(first["size"], first["count"]))
    for group, offer in zip(groups, areas[0]["feeds"]):
        group["label"] = choice_label(group["name"], FeedStats(offer["size"], offer["count"]))
    return {
        "site_url": absolute(site_url, ""),
        "site_name": site.name,
        "groups": groups,
        "areas": areas,
        "city": areas[0],
        "first": areas[0]["feeds"][0],  # what the chooser shows before a choice
        "too_large": [f for a in areas for f in a["feeds"] if not f["offered"]],
        "limit_text": size_text(PARENT_LIMIT),
        "choices_json": json.dumps(choices, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e")
                        .replace("&", "\\u0026"),  # safe inside <script type="application/json">
    }
