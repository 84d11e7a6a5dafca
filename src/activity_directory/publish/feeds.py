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
from typing import Callable, Literal
from urllib.parse import quote, urljoin, urlsplit

from babel.numbers import format_decimal

from ..dates import wording
from ..dates.wording import Wording
from ..content.languages import SOURCE, localized_path
from ..pages.aliases import uid_name
from ..pages.directory import listing_title
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


def _signup_text(activity: Activity, words: Wording = wording.DUTCH) -> str:
    _ = words._
    signup = activity.signup
    if signup.walk_in:
        return _("Aanmelden: niet nodig. Kom gewoon langs.")
    ways = []
    if signup.url:
        ways.append(_("via %(adres)s") % {"adres": signup.url})
    if signup.phone:
        ways.append(words.sign_up_phone(signup.phone))
    if signup.email:
        ways.append(words.sign_up_email(signup.email))
    text = _("Aanmelden: %(manieren)s.") % {"manieren": words.join(ways)}
    if signup.note:
        text += " " + signup.note
    return text


def description(activity: Activity, slot: TimeSlot, page: str, today: dt.date,
                words: Wording = wording.DUTCH) -> str:
    """Plain text (no HTML); icalendar escapes it. A notice that has expired by ``today`` is left out.
    The facts (when, cost, signing up) are in ``words``' language; the editors' text stays Dutch."""
    _ = words._
    cost = words.cost(activity.cost) + (f" ({activity.cost.note})" if activity.cost.note else "")
    lines = [activity.summary]
    notice = activity.notice_on(today)
    if notice:
        lines.append(notice)
    when = _("Wanneer: %(wanneer)s.") % {"wanneer": words.slot(activity, slot)}
    if slot.date is None:
        when += " " + words.holidays_rule(activity)
    lines += ["", when, _("Kosten: %(kosten)s") % {"kosten": cost}, _signup_text(activity, words), "",
              _("Meer informatie: %(adres)s") % {"adres": page}]
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

    path: str  # site-relative (below /<code>/ in another language)
    name: str
    activities: tuple[Activity, ...]
    description: str = ""
    description_language: str = SOURCE  # the language of ``description`` (an editor's translation, or Dutch)


@dataclass(frozen=True)
class _Source:
    """A feed before its language: the Dutch path, its activities and how to name it."""

    path: str
    name: Callable[[Wording], str]
    activities: tuple[Activity, ...]
    description: str = ""
    # the description in a language and the language it is in, where the editors may have translated it
    translated: Callable[[Wording], tuple[str, str]] | None = None

    def feed(self, words: Wording) -> Feed:
        text, language = self.translated(words) if self.translated is not None else (self.description, SOURCE)
        return Feed(localized_path(words.language.code, self.path), self.name(words), self.activities, text, language)


def _listing_name(catalog: Catalog, listing, words: Wording = wording.DUTCH) -> str:
    site = catalog.site
    if listing.kind == "home":
        return listing_title(catalog, listing, words)
    if listing.kind == "organisatie":  # an organisation may share its name with an activity
        return words._("Activiteiten van %(organisatie)s – %(gemeente)s") % {"organisatie": listing.title,
                                                                             "gemeente": site.name}
    return f"{listing_title(catalog, listing, words)} – {site.name}"


def _listing_source(catalog: Catalog, listing) -> _Source:
    return _Source(listing.feed_url, lambda words: _listing_name(catalog, listing, words), listing.activities,
                   listing.description)


def _activity_sources(catalog: Catalog, activity: Activity) -> list[_Source]:
    """The activity's own feed, and one at every old address (calendar apps follow no redirect)."""
    def name(words: Wording) -> str:  # an editor's translated title in the feed of that language
        return f"{catalog.in_language(activity, words.language.code).title} – {catalog.site.name}"

    def description(words: Wording) -> tuple[str, str]:  # and its translated summary, where there is one
        code = words.language.code
        translation = catalog.translation(activity.slug, code)
        summary = translation.text("samenvatting") if translation is not None else None
        return (summary, code) if summary else (activity.summary, SOURCE)

    return [_Source(feed_path(activity_url(n)), name, (activity,), activity.summary, description)
            for n in (activity.slug, *activity.aliases)]




def _sources(catalog: Catalog) -> list[_Source]:
    """Every feed the site publishes, before its language (once per catalog)."""
    def compute():
        sources = [_listing_source(catalog, listing) for listing in all_listings(catalog)]  # wijk × age too
        for activity in catalog.activities:
            sources += _activity_sources(catalog, activity)
        return sources

    return catalog.cached(("feed-sources",), compute)


def languages_of(catalog: Catalog) -> list[Wording]:
    """The wording of every language the site's feeds are written in, Dutch first."""
    return [wording.for_language(lang.code) for lang in catalog.site.languages] or [wording.DUTCH]


def all_feeds(catalog: Catalog, words: Wording = wording.DUTCH) -> list[Feed]:
    """Every feed the site publishes in one language: lists, activities, and wijk × age group.
    Another language has the same feeds below ``<code>/``, with the same activities."""
    return [source.feed(words) for source in _sources(catalog)]


def feeds_holding(catalog: Catalog, slugs: set[str], words: Wording = wording.DUTCH) -> dict[str, Feed]:
    """The feeds (by path) that hold one of ``slugs``: each activity's own feed, its lists and
    its wijk × age feeds. Matches only those activities, not the whole catalog."""
    found: dict[str, Feed] = {}
    for listing in all_listings(catalog):
        if any(a.slug in slugs for a in listing.activities):
            feed = _listing_source(catalog, listing).feed(words)
            found[feed.path] = feed
    wanted = [catalog.by_slug[s] for s in slugs if s in catalog.by_slug]
    for activity in wanted:
        for source in _activity_sources(catalog, activity):
            feed = source.feed(words)
            found[feed.path] = feed
    return found


def feed_for(catalog: Catalog, path: str, words: Wording = wording.DUTCH) -> Feed:
    """The one feed at ``path`` (as :func:`all_feeds` makes it in ``words``' language)."""
    for listing in all_listings(catalog):
        if localized_path(words.language.code, listing.feed_url) == path:
            return _listing_source(catalog, listing).feed(words)
    for activity in catalog.activities:
        for source in _activity_sources(catalog, activity):
            if localized_path(words.language.code, source.path) == path:
                return source.feed(words)
    raise KeyError(path)


def feed_names(catalog: Catalog, words: Wording = wording.DUTCH) -> dict[str, str]:
    """Calendar name of every list and wijk × age feed by its Dutch path (cheap: no activities
    are matched)."""
    def compute():
        names = {listing.feed_url: _listing_name(catalog, listing, words) for listing in all_listings(catalog)}
        return names

    return catalog.cached(("feed-names", words.language.code), compute)


class FeedWriter:
    """Renders feeds in one language; each activity's VEVENTs are made once and reused.

    The writers of a site's languages share what does not depend on the language
    (:meth:`in_language`): the lines under ``tijden`` with their dates from the
    occurrence engine, and every property but SUMMARY, DESCRIPTION, LOCATION and URL.
    """

    def __init__(self, catalog: Catalog, site_url: str, stamp: dt.datetime, words: Wording = wording.DUTCH):
        self.catalog = catalog
        self.site_url = site_url
        self.words = words
        self.code = words.language.code
        self.host = urlsplit(site_url).hostname or "localhost"
        self.stamp = _utc(stamp).replace(microsecond=0)
        self.first, self.last = window(catalog.today)
        self._events: dict[str, bytes] = {}
        self._lines: dict[str, list[SlotSchedule]] = {}  # shared by every language
        self._fixed: dict[tuple[str, int], tuple[str, str]] = {}  # shared by every language
        self._timezone = vtimezone().to_ical()  # serialised once, written into every feed
        # Dutch free text (titles, places) in another language's feed says so (RFC 5545 3.2.10).
        self._dutch = "" if self.code == SOURCE else f";LANGUAGE={SOURCE}"

    def in_language(self, words: Wording) -> FeedWriter:
        """A writer for the same site and moment in ``words``' language, sharing the occurrences
        and every language-independent property already made (itself in its own language)."""
        if words.language.code == self.code:
            return self
        other = FeedWriter.__new__(FeedWriter)
        other.__dict__.update(self.__dict__)
        other.words, other.code, other._events = words, words.language.code, {}
        other._dutch = "" if other.code == SOURCE else f";LANGUAGE={SOURCE}"
        return other

    def _fixed_parts(self, activity: Activity, schedule: SlotSchedule) -> tuple[str, str]:
        """The properties that are the same in every language: from DTSTART to EXDATE, and GEO
        with LAST-MODIFIED."""
        key = (activity.slug, schedule.slot.index)
        cached = self._fixed.get(key)
        if cached is not None:
            return cached
        slot = schedule.slot
        first_day, last_day = schedule.dates[0], schedule.dates[-1]
        start = dt.datetime.combine(first_day, slot.start, tzinfo=TZ)
        end = dt.datetime.combine(first_day, slot.end, tzinfo=TZ)
        local = f";TZID={TIMEZONE_NAME}"
        times = [
            _line("DTSTART" + local, _local(start)),
            _line("DTEND" + local, _local(end)),
            _line("DTSTAMP", _utc_text(self.stamp)),
            _line("UID", _text(uid(activity, slot, self.host))),
            _line("SEQUENCE", str(sequence(activity))),
        ]
        if slot.date is None:
            times.append(_line("RRULE", f"FREQ=WEEKLY;UNTIL={_utc_text(dt.datetime.combine(last_day, slot.start, tzinfo=TZ))};BYDAY="
                                        + ",".join(BYDAY[d] for d in slot.weekdays)))
            skipped = [s.date for s in schedule.skipped if first_day < s.date < last_day]
            if skipped:
                times.append(_line("EXDATE" + local, ",".join(
                    _local(dt.datetime.combine(d, slot.start, tzinfo=TZ)) for d in skipped)))
        location = activity.location_of(slot)
        after = [_line("GEO", f"{location.geo[0]};{location.geo[1]}")] if location.geo else []
        after.append(_line("LAST-MODIFIED", _utc_text(dt.datetime.combine(activity.checked, dt.time(0), dt.timezone.utc))))
        cached = self._fixed[key] = ("\r\n".join(times), "\r\n".join(after))
        return cached

    def slot_event(self, activity: Activity, schedule: SlotSchedule) -> bytes:
        """The VEVENT of one line with dates in the window, serialised.

        Written directly (escaping and folding below) rather than through
        icalendar's Event: the build makes one per schedule line, and the
        library's generic machinery was most of the feed time. The tests parse
        every feed with two independent parsers.
        """
        slot = schedule.slot
        page = absolute(self.site_url, localized_path(self.code, activity_url(activity.slug)))
        location = activity.location_of(slot)
        times, after = self._fixed_parts(activity, schedule)  # UID and dates: the same in every language
        # An editor's translation (<slug>.<code>.md) gives the title and summary in the feed's language.
        translation = None if self.code == SOURCE else self.catalog.translation(activity.slug, self.code)
        shown = activity if translation is None else self.catalog.in_language(activity, self.code)
        title_language = f";LANGUAGE={self.code}" if translation is not None and translation.text("titel") else self._dutch
        lines = [
            "BEGIN:VEVENT",
            _line("SUMMARY" + title_language, _text(shown.title)),
            times,
            _line("DESCRIPTION", _text(description(shown, slot, page, self.catalog.today, self.words))),
            after,
            _line("LOCATION" + self._dutch, _text(", ".join(p for p in (location.name, location.address) if p))),
            "STATUS:CONFIRMED",
            "TRANSP:OPAQUE",
            _line("URL", page),
            "END:VEVENT",
        ]
        return ("\r\n".join(lines) + "\r\n").encode("utf-8")

    def reuse(self, previous: FeedWriter) -> None:
        """Take over ``previous``'s serialised events of every activity that did not change
        (the same object in both catalogs), when both write for the same site and moment."""
        if ((previous.site_url, previous.stamp, previous.first, previous.last, previous.code)
                != (self.site_url, self.stamp, self.first, self.last, self.code)):
            return
        for slug, data in previous._events.items():
            activity = self.catalog.by_slug.get(slug)
            if activity is not None and activity is previous.catalog.by_slug.get(slug):
                self._events.setdefault(slug, data)

    def events(self, activity: Activity) -> bytes:
        cached = self._events.get(activity.slug)
        if cached is None:
            lines = self._lines.get(activity.slug)
            if lines is None:
                lines = self._lines[activity.slug] = feed_lines(self.catalog, activity, self.first, self.last)
            cached = self._events[activity.slug] = b"".join(self.slot_event(activity, s) for s in lines)
        return cached

    def header(self, name: str, text: str = "", language: str = SOURCE) -> bytes:
        lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            _line("PRODID", f"-//{self.catalog.site.name}//Activiteiten//NL"),
            "CALSCALE:GREGORIAN",
        ]
        if text:
            # an activity's summary (or a list's text): LANGUAGE= where it is not the feed's language
            tag = "" if language == self.code else f";LANGUAGE={language}"
            lines.append(_line("X-WR-CALDESC" + tag, _text(text)))
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
        return self.header(feed.name, feed.description, feed.description_language) + body + END

    def stats(self, feed: Feed) -> FeedStats:
        """The exact size of :meth:`render`'s result, without joining the bytes."""
        size, count = len(self.header(feed.name, feed.description, feed.description_language)) + len(END), 0
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
    """Size and activity count of every feed by path: of ``every`` (written by ``writer``), or
    else of every feed :func:`all_feeds` lists in every language of the site."""
    if every is not None:
        writer = writer or FeedWriter(catalog, site_url, STATS_STAMP)
        return {feed.path: writer.stats(feed) for feed in every}
    dutch = writer or FeedWriter(catalog, site_url, STATS_STAMP)
    stats: dict[str, FeedStats] = {}
    for words in languages_of(catalog):
        one = dutch if words.language.code == dutch.code else dutch.in_language(words)
        stats.update((feed.path, one.stats(feed)) for feed in all_feeds(catalog, words))
    return stats


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


def size_text(size: int, words: Wording = wording.DUTCH) -> str:
    """'850 kB', '9,1 MB' (decimal units, as file managers and the limits are given)."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    if words.language.code != SOURCE:
        return f"{words.number(round(size / 1_000_000, 1))} MB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def count_text(count: int, words: Wording = wording.DUTCH) -> str:
    """'1 activiteit', '20.000 activiteiten' (agenda.js writes the same)."""
    if words.language.code != SOURCE:
        return words.count(count)
    return "1 activiteit" if count == 1 else f"{count_number(count)} activiteiten"


def count_number(count: int) -> str:
    """'20.000'."""
    return f"{count:,}".replace(",", ".")


def choice_label(name: str, stats: FeedStats, words: Wording = wording.DUTCH) -> str:
    """The text of a choice on the subscribe page, short enough for a phone: the name and, in
    brackets, how many activities (the label says so); 'te groot' when it is not offered
    (agenda.js writes the same)."""
    number = count_number(stats.count) if words.language.code == SOURCE else format_decimal(
        stats.count, locale=words.locale, numbering_system="latn")  # grouped, as Intl.NumberFormat in agenda.js
    if not stats.offered:
        return words._("%(naam)s (%(aantal)s, te groot)") % {"naam": name, "aantal": number}
    return words._("%(naam)s (%(aantal)s)") % {"naam": name, "aantal": number}


def feed_offer(catalog: Catalog, site_url: str, path: str, name: str | None = None,
               words: Wording = wording.DUTCH) -> dict:
    """Links and facts of one feed (its Dutch ``path``) in ``words``' language, for a template
    that offers it: the links go to that language's feed (below ``<code>/``).

    ``offered`` is False when the feed is too large for calendar apps: show it
    as data for other websites and apps (mark such a link
    ``data-agenda="gegevens"``), never as a subscription. ``empty`` says it has
    no dates now (a subscription may still make sense, but say so). ``prefix`` is
    the language's folder ('' or 'en/') and ``base`` the absolute address of
    the site, for a script that offers another feed of that language.
    """
    code = words.language.code
    local = localized_path(code, path)
    stats = feed_stats(catalog, site_url)[local]
    return {**subscribe_links(site_url, local, name or feed_names(catalog, words)[path]), "count": stats.count,
            "count_text": count_text(stats.count, words), "size": stats.size, "size_text": size_text(stats.size, words),
            "offered": stats.offered, "empty": stats.empty, "size_class": stats.size_class,
            "prefix": localized_path(code, ""), "base": absolute(site_url, "")}


# The feeds the home page's filters lead to: an area, an age group, or both (and everything), or a soort.
_FILTER_FEED = re.compile(r"(((stadsdelen|wijken)/[^/]+/)?(leeftijd/[^/]+/|soorten/[^/]+/)?|soorten/[^/]+/)"
                          + re.escape(FEED_NAME))


def special_feeds(catalog: Catalog, site_url: str, words: Wording = wording.DUTCH) -> FeedStates:
    """Of the feeds the home page's filters lead to (in ``words``' language), those its script
    must not offer as a plain subscription, by their Dutch path: 'gegevens' (too large for
    calendar apps) or 'leeg' (no dates now). Every other one is an 'abonnement'."""
    prefix = localized_path(words.language.code, "")

    def compute():
        return {path[len(prefix):]: stats.size_class for path, stats in sorted(feed_stats(catalog, site_url).items())
                if stats.size_class != "abonnement" and path.startswith(prefix)
                and _FILTER_FEED.fullmatch(path[len(prefix):])}

    return catalog.cached(("special-feeds", site_url, prefix), compute)


def subscribe_view(catalog: Catalog, site_url: str, words: Wording = wording.DUTCH) -> dict:
    """What the subscribe page shows: areas, age groups and every feed with its count and size.

    The chooser (JavaScript) builds the same paths as :func:`all_feeds`:
    ``<area prefix>[leeftijd/<group>/]agenda.ics``, and reads counts, sizes
    and states from ``choices`` (area prefix → one ``[count, size, class]``
    per group, in the order of ``groups``).
    """
    site = catalog.site
    _ = words._
    groups = [{"key": "", "name": _("Alle leeftijden"), "prefix": ""}] + [
        {"key": g.key, "name": _(g.name), "prefix": f"leeftijd/{g.key}/"} for g in AGE_GROUPS]

    def entry(prefix: str, name: str, level: str, key: str) -> dict:
        offers = []
        for group in groups:
            title = name if not group["key"] else _("%(leeftijdsgroep)s in %(gebied)s") % {
                "leeftijdsgroep": group["name"], "gebied": name}
            offers.append({"group": group["name"], "title": title,
                           **feed_offer(catalog, site_url, f"{prefix}{group['prefix']}{FEED_NAME}", f"{title} – {site.name}",
                                        words)})
        return {"key": key, "name": name, "level": level, "prefix": prefix, "feeds": offers}

    areas = [entry("", _("Heel %(gemeente)s") % {"gemeente": site.name}, "gemeente", site.areas.root.key)]
    for district in site.areas.districts:
        areas.append(entry(f"stadsdelen/{district.key}/", district.name, "stadsdeel", district.key))
        for wijk in site.areas.children(district.key):
            areas.append(entry(f"wijken/{wijk.key}/", wijk.name, "wijk", wijk.key))
    choices: FeedChoices = {a["prefix"]: [(f["count"], f["size"], f["size_class"]) for f in a["feeds"]] for a in areas}
    # The chooser starts at the whole municipality, all ages: the labels the script would write then.
    for area in areas:
        first = area["feeds"][0]
        area["label"] = choice_label(("– " if area["level"] == "wijk" else "") + area["name"],
                                     FeedStats(first["size"], first["count"]), words)
    for group, offer in zip(groups, areas[0]["feeds"]):
        group["label"] = choice_label(group["name"], FeedStats(offer["size"], offer["count"]), words)
    return {
        "site_url": absolute(site_url, localized_path(words.language.code, "")),  # the chooser's feeds: this language's
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
