"""Calendar feeds: format rules, and every date agrees across independent parsers.

Expectations come from the occurrence engine and the content; the feeds are
read back with `icalendar`, expanded with `recurring-ical-events` (Python),
Mozilla's `ical.js` (Node, one process for all feeds) and libical (the C
library, through the system Python's GObject bindings: tests/libical_check.py).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from babel.messages.pofile import read_po

from conftest import REFERENCE_EPOCH, ROOT, build_site, copy_project, wait_until
from activity_directory.publish import feeds
from activity_directory.pages.listings import AGE_GROUPS, all_listings
from activity_directory.content.loading import load_catalog
from activity_directory.dates.occurrences import TIMEZONE_NAME, occurrences, slot_schedule
from activity_directory.pages.presentation import activity_url

TZ = ZoneInfo(TIMEZONE_NAME)
UTC = dt.timezone.utc
TZID = f"TZID={TIMEZONE_NAME}"


# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

def unfold(data: bytes) -> list[str]:
    return data.decode("utf-8").replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")


def components(lines: list[str], name: str) -> list[list[str]]:
    """Lines of every component `name` (not nested), BEGIN/END excluded."""
    found, current = [], None
    for line in lines:
        if line == f"BEGIN:{name}":
            current = []
        elif line == f"END:{name}":
            found.append(current)
            current = None
        elif current is not None:
            current.append(line)
    return found


def prop(lines: list[str], name: str) -> list[str]:
    return [l for l in lines if re.match(rf"^{name}[;:]", l)]


def window(catalog):
    return feeds.window(catalog.today)


@pytest.fixture(scope="module")
def site_host(built_site):
    data = json.loads((built_site / "activiteiten.json").read_text(encoding="utf-8"))
    return urlsplit(data["activiteiten"][0]["url"]).hostname


@pytest.fixture(scope="module")
def ics_files(built_site) -> list[Path]:
    files = sorted(built_site.rglob("*.ics"))
    assert files
    return files


@pytest.fixture(scope="module")
def feed_activities(built_site, catalog) -> dict[Path, tuple]:
    """Every feed file the build writes (in every language) → the activities it must hold."""
    return {built_site / f.path: f.activities for words in feeds.languages_of(catalog)
            for f in feeds.all_feeds(catalog, words)}


def engine_events(catalog, activities, first, last) -> Counter:
    """(slug, start UTC epoch, end UTC epoch) of every engine occurrence."""
    return Counter((a.slug, int(o.start.timestamp()), int(o.end.timestamp()))
                   for a in activities for o in occurrences(a, catalog.calendar, first, last))


def slug_of(uid: str) -> str:
    return re.sub(r"-\d+@.*$", "", str(uid))


@pytest.fixture(scope="module")
def icaljs(ics_files, catalog) -> dict:
    """All feeds expanded by ical.js in one Node process."""
    _, last = window(catalog)
    until = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), UTC)
    request = json.dumps({"files": [str(p) for p in ics_files], "until": until.strftime("%Y-%m-%dT%H:%M:%SZ")})
    result = subprocess.run(["node", str(ROOT / "tests" / "ical_expand.mjs")], input=request, capture_output=True,
                            text=True, cwd=ROOT, check=True, timeout=300)
    return json.loads(result.stdout)


SYSTEM_PYTHON = "/usr/bin/python3"


@pytest.fixture(scope="module")
def libical(ics_files, catalog) -> dict:
    """Every feed parsed, checked and expanded by libical in one system-Python process."""
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import gi; gi.require_version('ICalGLib', '3.0')"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.fail("libical ontbreekt voor de systeem-Python: 'make test' installeert gir1.2-ical-3.0 en "
                    f"python3-gi met apt-get.\n{probe.stderr[-500:]}")
    first, last = window(catalog)
    start = dt.datetime.combine(first, dt.time(0), TZ).astimezone(UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), TZ).astimezone(UTC)
    request = json.dumps({"files": [str(p) for p in ics_files], "start": start.strftime("%Y%m%dT%H%M%SZ"),
                          "end": end.strftime("%Y%m%dT%H%M%SZ")})
    result = subprocess.run([SYSTEM_PYTHON, str(ROOT / "tests" / "libical_check.py")], input=request,
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def python_expanded(ics_files, catalog) -> dict:
    """All feeds expanded by recurring-ical-events."""
    first, last = window(catalog)
    result = {}
    for path in ics_files:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        events = recurring_ical_events.of(cal).between(first, last + dt.timedelta(days=1))
        result[path] = [e for e in events if str(e.get("STATUS", "")).upper() != "CANCELLED"]
    return result


# ---------------------------------------------------------------------------
# contract: which feeds exist
# ---------------------------------------------------------------------------

def test_every_list_page_and_activity_has_its_feed(built_site, catalog):
    for listing in all_listings(catalog):
        assert (built_site / listing.feed_url).is_file(), listing.feed_url
    for activity in catalog.activities:
        assert (built_site / activity_url(activity.slug) / "agenda.ics").is_file(), activity.slug
    for required in ("agenda.ics", "stadsdelen", "wijken", "leeftijd", "organisaties", "soorten"):
        assert list((built_site / required).rglob("agenda.ics")) if required != "agenda.ics" else (built_site / required).is_file()
    some_district = catalog.site.areas.districts[0].key
    assert (built_site / "stadsdelen" / some_district / "leeftijd" / "peuter" / "agenda.ics").is_file()


def test_no_stray_feeds(ics_files, feed_activities):
    assert set(ics_files) == set(feed_activities)


# ---------------------------------------------------------------------------
# format rules
# ---------------------------------------------------------------------------

def test_crlf_and_folding_within_75_octets_without_splitting_utf8(ics_files):
    for path in ics_files:
        data = path.read_bytes()
        assert data.endswith(b"END:VCALENDAR\r\n"), path
        assert b"\n" not in data.replace(b"\r\n", b""), f"{path}: bare LF"
        assert b"\r" not in data.replace(b"\r\n", b""), f"{path}: bare CR"
        for raw in data.split(b"\r\n")[:-1]:
            assert len(raw) <= 75, f"{path}: {len(raw)} octets: {raw!r}"
            raw.decode("utf-8")  # a character split across a fold would fail here


def test_folding_keeps_multibyte_characters_whole(catalog):
    """A long title full of multi-byte characters still folds on character boundaries."""
    activity = catalog.activities[0]
    from dataclasses import replace
    long = replace(activity, title="Opvoedcafé ë€ " * 12, summary="Ünïcödé 😀 tekst; met, tekens\\ " * 4)
    writer = feeds.FeedWriter(catalog, "https://example.org/", dt.datetime(2026, 1, 1, tzinfo=UTC))
    data = writer.render(feeds.Feed("x/agenda.ics", "ë" * 100, (long,)))
    for raw in data.split(b"\r\n")[:-1]:
        assert len(raw) <= 75
        raw.decode("utf-8")
    cal = icalendar.Calendar.from_ical(data)
    events = cal.walk("VEVENT")
    if events:
        assert str(events[0]["SUMMARY"]) == long.title
        assert long.summary in str(events[0]["DESCRIPTION"])


def test_calendar_properties(ics_files, feed_activities, catalog, built_site):
    names = {}
    for path in ics_files:
        lines = unfold(path.read_bytes())
        top = [l for l in lines if not l.startswith(("BEGIN:", "END:"))][:20]
        assert "VERSION:2.0" in lines
        assert prop(top, "PRODID")
        name = prop(top, "NAME")[0].split(":", 1)[1]
        assert prop(top, "X-WR-CALNAME")[0].split(":", 1)[1] == name and name
        assert f"X-WR-TIMEZONE:{TIMEZONE_NAME}" in lines
        # A published snapshot, not a scheduling message: METHOD:PUBLISH would need an ORGANIZER (RFC 5546).
        assert not prop(top, "METHOD") and not prop(lines, "ORGANIZER"), path
        assert re.search(r"^REFRESH-INTERVAL;VALUE=DURATION:P(T\d+H|\d+D)$", "\n".join(lines), re.M), path
        assert re.search(r"^X-PUBLISHED-TTL:P(T\d+H|\d+D)$", "\n".join(lines), re.M), path
        names[path] = name
    # Within one language every feed has a name of its own (another language may keep a place's name).
    codes = {lang.code for lang in catalog.site.languages}
    by_language: dict[str, list[str]] = {}
    for path, name in names.items():
        head = path.relative_to(built_site).parts[0]
        by_language.setdefault(head if head in codes else "nl", []).append(name)
    for code, found in by_language.items():
        assert len(set(found)) == len(found), f"every feed has its own calendar name ({code})"


def test_one_rrule_based_vtimezone_before_the_events(ics_files):
    for path in ics_files:
        lines = unfold(path.read_bytes())
        assert lines.count("BEGIN:VTIMEZONE") == 1
        start = lines.index("BEGIN:VTIMEZONE")
        if "BEGIN:VEVENT" in lines:
            assert start < lines.index("BEGIN:VEVENT")
        tz = components(lines, "VTIMEZONE")[0]
        assert f"TZID:{TIMEZONE_NAME}" in tz
        assert tz.count("BEGIN:STANDARD") == 1 and tz.count("BEGIN:DAYLIGHT") == 1
        assert not prop(tz, "RDATE")
        for part, month in (("STANDARD", 10), ("DAYLIGHT", 3)):
            rule = prop(components(tz, part)[0], "RRULE")
            assert len(rule) == 1
            assert "FREQ=YEARLY" in rule[0] and "BYDAY=-1SU" in rule[0] and f"BYMONTH={month}" in rule[0]


def test_vtimezone_matches_tzdata(ics_files, catalog):
    """The hand-written rules give the same transitions as the IANA database in the window."""
    cal = icalendar.Calendar.from_ical(ics_files[0].read_bytes())
    tz = cal.walk("VTIMEZONE")[0].to_tz()
    first, last = window(catalog)
    day = first
    while day <= last:
        for hour in (0, 12):
            moment = dt.datetime.combine(day, dt.time(hour), TZ)
            assert moment.utcoffset() == moment.replace(tzinfo=tz).utcoffset(), moment
        day += dt.timedelta(days=1)


def test_no_floating_times_and_utc_stamps(ics_files):
    for path in ics_files:
        for event in components(unfold(path.read_bytes()), "VEVENT"):
            for name in ("DTSTART", "DTEND", "EXDATE", "RECURRENCE-ID"):
                for line in prop(event, name):
                    params, value = line.split(":", 1)
                    assert TZID in params.split(";"), line
                    assert not value.endswith("Z") and re.fullmatch(r"(\d{8}T\d{6},?)+", value), line
            assert prop(event, "DTSTART")
            assert not prop(event, "RDATE"), "no RDATE (Outlook drops RDATE without RRULE)"
            for name in ("DTSTAMP", "LAST-MODIFIED"):
                line = prop(event, name)
                assert len(line) == 1 and re.fullmatch(rf"{name}:\d{{8}}T\d{{6}}Z", line[0]), line
            for rule in prop(event, "RRULE"):
                assert re.search(r"UNTIL=\d{8}T\d{6}Z", rule), rule
                assert "FREQ=WEEKLY" in rule and "BYDAY=" in rule


def test_stamps_come_from_the_build_and_the_content(built_site, catalog):
    build_moment = dt.datetime.fromtimestamp(REFERENCE_EPOCH, UTC)
    for activity in catalog.activities:
        cal = icalendar.Calendar.from_ical((built_site / activity_url(activity.slug) / "agenda.ics").read_bytes())
        for event in cal.walk("VEVENT"):
            assert event["DTSTAMP"].dt == build_moment
            assert event["LAST-MODIFIED"].dt == dt.datetime.combine(activity.checked, dt.time(0), UTC)
            assert int(event["SEQUENCE"]) == (activity.checked - dt.date(2020, 1, 1)).days


def test_recurrence_matches_the_engine_line_by_line(built_site, catalog, site_host):
    """UID per line; DTSTART = first occurrence; UNTIL = last one in UTC; EXDATE = skipped dates."""
    first, last = window(catalog)
    for activity in catalog.activities:
        cal = icalendar.Calendar.from_ical((built_site / activity_url(activity.slug) / "agenda.ics").read_bytes())
        events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
        assert len(events) == len(cal.walk("VEVENT")), "UIDs are unique"
        expected_uids = set()
        for slot in activity.slots:
            schedule = slot_schedule(activity, slot, catalog.calendar, first, last)
            uid = f"{activity.slug}-{slot.index}@{site_host}"
            if not schedule.occurrences:
                assert uid not in events
                continue
            expected_uids.add(uid)
            event = events[uid]
            occ = schedule.occurrences
            assert event["DTSTART"].dt == occ[0].start and str(event["DTSTART"].params["TZID"]) == TIMEZONE_NAME
            assert event["DTEND"].dt == occ[0].end
            if slot.date is not None:
                assert "RRULE" not in event
                continue
            rule = event["RRULE"]
            assert rule["UNTIL"][0] == occ[-1].start.astimezone(UTC)
            exdates = []
            for ex in (event.get("EXDATE") or []) if isinstance(event.get("EXDATE"), list) else [event.get("EXDATE")] if event.get("EXDATE") else []:
                exdates.extend(d.dt for d in ex.dts)
            expected = [dt.datetime.combine(s.date, slot.start, TZ) for s in schedule.skipped
                        if occ[0].date < s.date < occ[-1].date]
            assert sorted(exdates) == expected
            assert all(d.tzinfo is not None and d.time() == slot.start for d in exdates)
        assert set(events) == expected_uids
        if not activity.active:
            assert not events, "a paused or stopped activity has an empty (but valid) feed"


def test_event_texts(built_site, catalog):
    for activity in catalog.activities:
        cal = icalendar.Calendar.from_ical((built_site / activity_url(activity.slug) / "agenda.ics").read_bytes())
        page = json.loads((built_site / "activiteiten.json").read_text(encoding="utf-8"))
        url = next(a["url"] for a in page["activiteiten"] if a["slug"] == activity.slug)
        assert urlsplit(url).scheme == "https"
        for event in cal.walk("VEVENT"):
            slot = activity.slots[int(str(event["UID"]).split("@")[0].rsplit("-", 1)[1])]
            location = activity.location_of(slot)
            text = str(event["DESCRIPTION"])
            assert str(event["SUMMARY"]) == activity.title
            assert activity.summary in text and url in text
            assert "Kosten:" in text and "Aanmelden:" in text
            assert not re.search(r"<[a-zA-Z/]", text), "plain text, no HTML"
            assert location.name in str(event["LOCATION"])
            if location.address:
                assert location.address in str(event["LOCATION"])
            if location.geo:
                assert (event["GEO"].latitude, event["GEO"].longitude) == pytest.approx(location.geo)
            else:
                assert "GEO" not in event
            assert str(event["URL"]) == url


# ---------------------------------------------------------------------------
# every date agrees: engine, recurring-ical-events, ical.js, JSON, pages
# ---------------------------------------------------------------------------

def test_recurring_ical_events_agrees_with_the_engine(python_expanded, feed_activities, catalog):
    first, last = window(catalog)
    for path, events in python_expanded.items():
        got = Counter((slug_of(e["UID"]), int(e["DTSTART"].dt.timestamp()), int(e["DTEND"].dt.timestamp()))
                      for e in events)
        for e in events:
            assert e["DTSTART"].dt.tzinfo is not None, "no floating times"
        assert got == engine_events(catalog, feed_activities[path], first, last), path


def test_icaljs_agrees_with_the_engine(icaljs, feed_activities, catalog):
    first, last = window(catalog)
    for path, activities in feed_activities.items():
        result = icaljs[str(path)]
        assert result["error"] is None, result["error"]
        assert result["tzids"] == [TIMEZONE_NAME]
        got = Counter((slug_of(e["uid"]), e["start"], e["end"]) for e in result["events"])
        assert got == engine_events(catalog, activities, first, last), path
        for e in result["events"]:
            assert e["tzid"] == TIMEZONE_NAME
            local = dt.datetime.fromtimestamp(e["start"], TZ).replace(tzinfo=None).isoformat()
            assert e["local"] == local, "ical.js wall-clock time equals Amsterdam time"


def test_libical_reads_every_feed_without_errors(libical, ics_files):
    """libical flags nothing: no parse errors, and the iTIP restrictions hold (they failed with METHOD:PUBLISH)."""
    assert set(libical) == {str(p) for p in ics_files}
    for path, result in libical.items():
        assert result["errors"] == [], (path, result["errors"][:3])
        assert result["restrictions_ok"], path


def test_libical_agrees_with_the_engine(libical, feed_activities, catalog):
    first, last = window(catalog)
    checked = 0
    for path, activities in feed_activities.items():
        got = Counter((slug_of(uid), start, end) for uid, start, end in libical[str(path)]["events"])
        assert got == engine_events(catalog, activities, first, last), path
        checked += sum(got.values())
    assert checked


def test_local_time_stays_across_dst_switches(icaljs, built_site, catalog):
    """Weekly series keep their wall-clock time on both sides of every switch in the window."""
    first, last = window(catalog)
    switches = [d for d in (first + dt.timedelta(days=i) for i in range((last - first).days))
                if dt.datetime.combine(d, dt.time(12), TZ).utcoffset()
                != dt.datetime.combine(d - dt.timedelta(days=1), dt.time(12), TZ).utcoffset()]
    assert dt.date(2027, 3, 28) in switches and len(switches) >= 2
    spans = Counter()
    for activity in catalog.activities:
        events = icaljs[str(built_site / activity_url(activity.slug) / "agenda.ics")]["events"]
        by_uid: dict[str, list] = {}
        for e in events:
            by_uid.setdefault(e["uid"], []).append(e)
        for uid, series in by_uid.items():
            slot = activity.slots[int(uid.split("@")[0].rsplit("-", 1)[1])]
            for e in series:
                assert e["local"][11:16] == f"{slot.start:%H:%M}"
            starts = [dt.datetime.fromtimestamp(e["start"], TZ) for e in series]
            for switch in switches:
                before = [s for s in starts if s.date() < switch]
                after = [s for s in starts if s.date() >= switch]
                if before and after:
                    assert before[-1].utcoffset() != after[0].utcoffset()
                    assert before[-1].time() == after[0].time()
                    spans[switch] += 1
    assert all(spans[s] for s in switches), f"every switch is crossed by some series: {spans}"


def test_no_occurrence_in_school_holidays(icaljs, built_site, catalog):
    checked = 0
    for activity in catalog.activities:
        if not activity.skip_school_holidays:
            continue
        for e in icaljs[str(built_site / activity_url(activity.slug) / "agenda.ics")]["events"]:
            day = dt.datetime.fromtimestamp(e["start"], TZ).date()
            assert catalog.calendar.school_holiday(day) is None, (activity.slug, day)
            assert catalog.calendar.public_holiday(day) is None, (activity.slug, day)
            assert day not in activity.cancelled
            checked += 1
    assert checked


def test_feeds_agree_with_open_data(icaljs, built_site, catalog):
    data = json.loads((built_site / "activiteiten.json").read_text(encoding="utf-8"))
    start = dt.datetime.combine(catalog.today, dt.time(0), TZ)
    for record in data["activiteiten"]:
        assert record["ical"].endswith(f"/activiteiten/{record['slug']}/agenda.ics")
        events = icaljs[str(built_site / activity_url(record["slug"]) / "agenda.ics")]["events"]
        end = dt.datetime.fromisoformat(data["occurrences_tot_en_met"]) + dt.timedelta(days=1)
        end = end.replace(tzinfo=TZ)
        from_feed = sorted((e["start"], e["end"]) for e in events
                           if start.timestamp() <= e["start"] < end.timestamp())
        from_json = sorted((int(dt.datetime.fromisoformat(o["start"]).timestamp()),
                            int(dt.datetime.fromisoformat(o["end"]).timestamp())) for o in record["occurrences"])
        assert from_feed == from_json, record["slug"]


class _TimeParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_next = False
        self.times: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "next-dates" in (attrs.get("class") or ""):
            self.in_next = True
        elif tag == "section":
            self.in_next = False
        if tag == "time" and self.in_next:
            self.times.append(attrs["datetime"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def test_feeds_agree_with_activity_pages(icaljs, built_site, catalog):
    start = dt.datetime.combine(catalog.today, dt.time(0), TZ).timestamp()
    for activity in catalog.activities:
        parser = _TimeParser()
        parser.feed((built_site / activity_url(activity.slug) / "index.html").read_text(encoding="utf-8"))
        events = sorted(e["start"] for e in icaljs[str(built_site / activity_url(activity.slug) / "agenda.ics")]["events"]
                        if e["start"] >= start)
        shown = [int(dt.datetime.fromisoformat(t).timestamp()) for t in parser.times]
        assert shown == events[:len(shown)], activity.slug
        if activity.active and events:
            assert shown, activity.slug
        # "Zet in je agenda" downloads this feed; "Abonneer" subscribes to it (on every activity page).
        assert "agenda.ics" in parser.links
        assert any(l.startswith("webcal://") and l.endswith(f"/activiteiten/{activity.slug}/agenda.ics")
                   for l in parser.links)


def test_mid_season_change_ends_old_series_and_starts_new_one(icaljs, built_site, catalog):
    activity = catalog.activity("opvoedcafe-oke-punt")
    old, new = activity.slots
    events = icaljs[str(built_site / activity_url(activity.slug) / "agenda.ics")]["events"]
    by_line = {i: [e for e in events if e["uid"].startswith(f"{activity.slug}-{i}@")] for i in (0, 1)}
    assert by_line[0] and by_line[1]
    assert max(dt.datetime.fromtimestamp(e["start"], TZ).date() for e in by_line[0]) <= old.valid_until
    assert min(dt.datetime.fromtimestamp(e["start"], TZ).date() for e in by_line[1]) >= new.valid_from
    days = [dt.datetime.fromtimestamp(e["start"], TZ).date() for e in events]
    assert len(days) == len(set(days)), "nothing duplicated"
    cal = icalendar.Calendar.from_ical((built_site / activity_url(activity.slug) / "agenda.ics").read_bytes())
    places = {str(e["UID"]).split("@")[0]: str(e["LOCATION"]) for e in cal.walk("VEVENT")}
    assert activity.location_of(old).name in places[f"{activity.slug}-0"]
    assert activity.location_of(new).name in places[f"{activity.slug}-1"]
    assert places[f"{activity.slug}-0"] != places[f"{activity.slug}-1"]


# ---------------------------------------------------------------------------
# reproducible builds and stable identities
# ---------------------------------------------------------------------------

def _uids(site: Path) -> dict[str, dict[str, int]]:
    result = {}
    for path in site.rglob("*.ics"):
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        result[str(path.relative_to(site))] = {str(e["UID"]): int(e["SEQUENCE"]) for e in cal.walk("VEVENT")}
    return result


def test_same_epoch_gives_byte_identical_feeds_and_json(built_site, tmp_path):
    out = tmp_path / "again"
    result = build_site(ROOT, out)
    assert result.returncode == 0, result.stderr[-3000:]
    names = sorted(str(p.relative_to(built_site)) for p in built_site.rglob("*") if p.suffix in (".ics", ".json", ".csv"))
    assert names == sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.suffix in (".ics", ".json", ".csv"))
    for name in names:
        assert (built_site / name).read_bytes() == (out / name).read_bytes(), name


def test_other_epoch_keeps_every_uid_and_sequence(built_site, catalog, tmp_path):
    later = REFERENCE_EPOCH + 3 * 86400
    out = tmp_path / "later"
    result = build_site(ROOT, out, epoch=later)
    assert result.returncode == 0, result.stderr[-3000:]
    before, after = _uids(built_site), _uids(out)
    assert set(before) == set(after)
    later_catalog, _ = load_catalog(ROOT / "content", ROOT, today=dt.datetime.fromtimestamp(later, TZ).date())
    first, last = feeds.window(later_catalog.today)
    still = {f"{a.slug}-{s.index}" for a in later_catalog.activities for s in a.slots
             if slot_schedule(a, s, later_catalog.calendar, first, last).occurrences}
    for feed, uids in before.items():
        for uid, seq in uids.items():
            if uid.split("@")[0] in still:
                assert uid in after[feed], (feed, uid)
                assert after[feed][uid] >= seq, "SEQUENCE never decreases"
        assert set(after[feed]) - set(uids) <= {u for u in after[feed] if u.split("@")[0] in still}


def test_sequence_rises_when_day_time_or_place_changes(tmp_path, catalog):
    """An editor changes day, time and place and sets a later 'gecontroleerd' → SEQUENCE rises."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    source = content / "activities" / "opvoedcafe-oke-punt.md"
    text = source.read_text(encoding="utf-8")
    original = catalog.activity("opvoedcafe-oke-punt")
    later = original.checked + dt.timedelta(days=5)
    changed = (text.replace("dag: dinsdag", "dag: woensdag", 1).replace('van: "09:00"\n    tot: "10:30"\n    vanaf',
               'van: "13:00"\n    tot: "14:30"\n    vanaf', 1).replace("naam: IKC Pampushout", "naam: Bibliotheek Pampus", 1)
               .replace("vanaf: 2027-01-05", "vanaf: 2027-01-06")
               .replace(f"gecontroleerd: {original.checked.isoformat()}", f"gecontroleerd: {later.isoformat()}"))
    assert changed != text
    source.write_text(changed, encoding="utf-8")
    new_catalog, problems = load_catalog(content, tmp_path, today=catalog.today)
    assert not problems, problems
    stamp = dt.datetime(2026, 11, 23, tzinfo=UTC)
    seqs = {}
    for cat in (catalog, new_catalog):
        writer = feeds.FeedWriter(cat, "https://example.org/", stamp)
        cal = icalendar.Calendar.from_ical(writer.render(feeds.Feed("a/agenda.ics", "x", (cat.activity(original.slug),))))
        seqs[id(cat)] = {str(e["UID"]): (int(e["SEQUENCE"]), e["DTSTART"].dt, str(e["LOCATION"])) for e in cal.walk("VEVENT")}
    uid = "opvoedcafe-oke-punt-1@example.org"
    old_seq, old_start, old_place = seqs[id(catalog)][uid]
    new_seq, new_start, new_place = seqs[id(new_catalog)][uid]
    assert (new_start.weekday(), new_start.time(), new_place) != (old_start.weekday(), old_start.time(), old_place)
    assert new_seq > old_seq


# ---------------------------------------------------------------------------
# the subscribe page
# ---------------------------------------------------------------------------

def test_subscribe_page_lists_every_area_feed_without_javascript(built_site, catalog):
    html = (built_site / "agenda" / "index.html").read_text(encoding="utf-8")
    assert "Activiteiten in je eigen agenda" in html
    parser = _TimeParser()
    parser.feed(html)
    local = [l for l in parser.links if l.endswith("agenda.ics") and "://" not in l]
    for link in local:
        assert (built_site / "agenda" / link).resolve().is_file(), link
    site = catalog.site
    for district in site.areas.districts:
        assert any(l.endswith(f"stadsdelen/{district.key}/agenda.ics") for l in local)
    for wijk in site.areas.neighbourhoods:
        assert any(l.endswith(f"wijken/{wijk.key}/leeftijd/peuter/agenda.ics") for l in local)
    for word in ("Google", "Outlook", "iPhone", "Android", "Thunderbird", "een dag"):
        assert word in html
    nav = (built_site / "index.html").read_text(encoding="utf-8")
    assert "In je agenda" in nav


def test_feed_sizes_and_counts_are_those_of_the_files(built_site, catalog, site_host, feed_activities):
    """feeds.feed_stats (what pages say about a feed) equals the file: its bytes, and the activities
    with a date in it (read back with icalendar)."""
    stats = feeds.compute_stats(catalog, f"https://{site_host}/")
    assert {built_site / path for path in stats} == set(feed_activities)
    for path, stat in stats.items():
        data = (built_site / path).read_bytes()
        assert stat.size == len(data), path
        slugs = {slug_of(e["UID"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
        assert stat.count == len(slugs), path
        assert stat.offered == (len(data) <= feeds.PARENT_LIMIT)


class _AgendaPage(HTMLParser):
    """Options of the chooser, and every feed link with its text and data-agenda mark."""

    def __init__(self):
        super().__init__()
        self.options: dict[str, list[tuple[str, str]]] = {}
        self.links: list[dict] = []
        self._select = self._option = self._link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "select":
            self._select = attrs.get("id")
            self.options[self._select] = []
        elif tag == "option" and self._select:
            self._option = [attrs.get("value"), ""]
        elif tag == "a" and attrs.get("href"):
            self._link = {**attrs, "text": ""}

    def handle_data(self, data):
        if self._option is not None:
            self._option[1] += data
        if self._link is not None:
            self._link["text"] += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self.options[self._select].append(tuple(self._option))
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "a" and self._link is not None:
            self.links.append(self._link)
            self._link = None


def _agenda_page(site: Path) -> _AgendaPage:
    parser = _AgendaPage()
    parser.feed((site / "agenda" / "index.html").read_text(encoding="utf-8"))
    return parser


def _offered_feeds(site: Path, parser: _AgendaPage) -> list[Path]:
    """Every feed the page offers as a subscription or download (not the ones marked as data)."""
    offered = []
    for link in parser.links:
        href = link["href"]
        if link.get("data-agenda") == "gegevens" or not href.split("?")[0].endswith("agenda.ics"):
            continue
        if href.startswith("webcal://"):
            offered.append(site / urlsplit(href).path.lstrip("/"))
        elif "://" not in href:
            offered.append((site / "agenda" / href).resolve())
    return offered


def test_subscribe_page_says_how_many_activities_each_choice_holds(built_site, catalog, site_host):
    stats = feeds.compute_stats(catalog, f"https://{site_host}/")
    page = _agenda_page(built_site)
    areas, groups = page.options["agenda-area"], page.options["agenda-group"]
    assert len(areas) == 1 + len(catalog.site.areas.districts) + len(catalog.site.areas.neighbourhoods)
    for prefix, text in areas:  # the chooser starts at 'all ages'
        assert text.endswith(f" ({stats[f'{prefix}agenda.ics'].count})"), text
    for prefix, text in groups:  # … and at the whole municipality
        assert text.endswith(f" ({stats[f'{prefix}agenda.ics'].count})"), text
    assert "Tussen haakjes staat hoeveel activiteiten" in (built_site / "agenda" / "index.html").read_text(encoding="utf-8")
    html = (built_site / "agenda" / "index.html").read_text(encoding="utf-8")
    assert "(.ics)" not in html and ".ics<" not in html, "say 'agendabestand', not '.ics'"
    assert "Download het agendabestand" in html


def test_an_empty_feed_is_never_offered_without_saying_so(built_site, catalog, site_host):
    stats = feeds.compute_stats(catalog, f"https://{site_host}/")
    empty = [path for path, s in stats.items() if s.empty and "/leeftijd/" in path and path.startswith("wijken/")]
    assert empty, "the sample data has wijk × age choices without activities"
    html = (built_site / "agenda" / "index.html").read_text(encoding="utf-8")
    for path in empty:
        # every link to the empty feed sits in a list item that says it is empty
        for item in re.findall(r"<li>(.*?)</li>", html, re.S):
            if f'/{path}"' in item or f'"{path}"' in item or f"{path}\"" in item:
                assert "nu geen activiteiten" in item, item


def test_the_sample_offers_every_feed_and_lists_none_as_data(built_site):
    page = _agenda_page(built_site)
    offered = _offered_feeds(built_site, page)
    assert offered and all(p.is_file() and p.stat().st_size <= feeds.PARENT_LIMIT for p in offered)
    assert not [l for l in page.links if l.get("data-agenda") == "gegevens"]


LARGE_N = 700  # synthetic activities (bench.run): the whole city's feed is then larger than feeds.PARENT_LIMIT


@pytest.fixture(scope="module")
def large_site(tmp_path_factory):
    """A city of LARGE_N activities (the benchmark's generator), built once for this module."""
    import sys

    sys.path.insert(0, str(ROOT))
    from bench.run import make_project

    base = tmp_path_factory.mktemp("large")
    project = make_project(base / "project", LARGE_N)
    out = base / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_a_feed_too_large_for_calendar_apps_is_data_not_a_subscription(large_site):
    whole = large_site / "agenda.ics"
    assert whole.stat().st_size > feeds.PARENT_LIMIT, "the test needs a feed over the limit"
    page = _agenda_page(large_site)
    offered = _offered_feeds(large_site, page)
    assert offered, "smaller feeds are still offered"
    too_large = [p for p in offered if p.stat().st_size > feeds.PARENT_LIMIT]
    assert not too_large, too_large
    data_links = [l for l in page.links if l.get("data-agenda") == "gegevens"]
    assert any(l["href"].endswith("../agenda.ics") or l["href"] == "../agenda.ics" for l in data_links), data_links
    for link in data_links:  # listed for other websites and apps, with their size
        assert (large_site / "agenda" / link["href"]).resolve().stat().st_size > feeds.PARENT_LIMIT
    # The chooser starts at the whole city: it says so instead of offering it.
    assert page.options["agenda-area"][0][1].endswith(", te groot)")
    html = (large_site / "agenda" / "index.html").read_text(encoding="utf-8")
    assert " hidden" not in re.search(r'<p[^>]*id="agenda-large"[^>]*>', html).group(0)
    assert " hidden" in re.search(r'<div[^>]*id="agenda-offer"[^>]*>', html).group(0)


CLS = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(total), 300);
})"""


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}], ids=["phone", "desktop"])
def test_subscribe_page_does_not_shift_when_the_script_runs(browser, site_url, viewport):
    context = browser.new_context(locale="nl-NL", viewport=viewport)
    page = context.new_page()
    page.goto(site_url + "agenda/", wait_until="load")
    wait_until(page, "document.getElementById('agenda-url').value.endsWith('agenda.ics')")
    page.wait_for_timeout(300)
    shift = page.evaluate(CLS)
    context.close()
    assert shift < 0.1, f"cumulative layout shift {shift:.3f}"


@pytest.mark.browser
def test_subscribe_page_without_javascript_offers_plain_links(browser, site_url, built_site):
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "agenda/")
    assert not page.is_visible("#agenda-chooser"), "a form that does nothing without a script is not shown"
    assert not page.is_visible("#agenda-result")
    assert page.is_visible(".agenda-noscript")
    page.click("#agenda-all + p + ul summary >> nth=1")  # open a stadsdeel
    links = page.locator(".agenda-list details[open] a[type='text/calendar']")
    assert links.count() >= 2
    href = links.nth(0).get_attribute("href")
    assert (built_site / "agenda" / href).resolve().is_file()
    context.close()


@pytest.mark.browser
def test_subscribe_chooser(page, site_url, built_site, catalog):
    page.goto(site_url + "agenda/")
    page.wait_for_selector("#agenda-chooser")
    district = catalog.site.areas.districts[0]
    wijk = catalog.site.areas.children(district.key)[0]
    page.select_option("#agenda-area", f"wijken/{wijk.key}/")
    page.select_option("#agenda-group", "leeftijd/peuter/")
    url = page.input_value("#agenda-url")
    path = urlsplit(url).path.lstrip("/")
    assert path == f"wijken/{wijk.key}/leeftijd/peuter/agenda.ics"
    assert (built_site / path).is_file()
    webcal = page.get_attribute("#agenda-webcal", "href")
    assert webcal == "webcal://" + url.split("://", 1)[1]
    assert page.get_attribute("#agenda-google", "href") == "https://calendar.google.com/calendar/r?cid=" + quote(webcal, safe="")
    outlook = page.get_attribute("#agenda-outlook", "href")
    assert outlook.startswith("https://outlook.live.com/calendar/0/addfromweb?url=" + quote(url, safe="") + "&name=")
    download = page.get_attribute("#agenda-download", "href")
    assert (built_site / "agenda" / download).resolve() == (built_site / path).resolve()
    # The count and the labels follow the choice (counted from the feed file itself).
    count = len({slug_of(e["UID"]) for e in icalendar.Calendar.from_ical((built_site / path).read_bytes()).walk("VEVENT")})
    shown = page.text_content("#agenda-count")
    assert shown == (f"{count} activiteiten" if count != 1 else "1 activiteit"), shown
    assert page.is_visible("#agenda-empty") == (count == 0)
    group_label = page.evaluate("document.getElementById('agenda-group').selectedOptions[0].textContent")
    assert group_label.startswith("Peuters") and group_label.endswith(f" ({count})"), group_label
    page.click("#agenda-copy")  # copied, or (without clipboard permission) selected with a hint
    wait_until(page, "document.getElementById('agenda-copied').textContent.length > 0")
    page.click("#agenda-chooser button[type=submit]")  # the form's submit button shows the chosen agenda
    wait_until(page, "document.activeElement && document.activeElement.id === 'agenda-result'")
    assert not page.console_errors
    host = urlsplit(site_url).netloc
    assert all(urlsplit(u).netloc == host for u in page.requested if u.startswith("http")), page.requested


@pytest.mark.browser
def test_subscribe_chooser_says_when_a_choice_is_empty(page, site_url, built_site, catalog, site_host):
    stats = feeds.compute_stats(catalog, f"https://{site_host}/")
    path = next(p for p, s in stats.items() if s.empty and p.startswith("wijken/") and "/leeftijd/" in p)
    area, group = path.split("leeftijd/")[0], "leeftijd/" + path.split("leeftijd/")[1].replace("agenda.ics", "")
    page.goto(site_url + "agenda/")
    page.select_option("#agenda-area", area)
    page.select_option("#agenda-group", group)
    assert page.is_visible("#agenda-empty")
    assert "geen activiteiten" in page.text_content("#agenda-empty")
    assert page.input_value("#agenda-url").endswith(path)


@pytest.mark.browser
def test_subscribe_chooser_never_links_a_feed_that_is_too_large(browser, large_site):
    from conftest import serve

    server = serve(large_site)
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/agenda/")
        assert page.is_visible("#agenda-large") and not page.is_visible("#agenda-offer")
        assert page.get_attribute("#agenda-webcal", "href") is None
        page.select_option("#agenda-group", "leeftijd/senior/")  # smaller: offered
        webcal = page.get_attribute("#agenda-webcal", "href")
        assert webcal and webcal.endswith("/leeftijd/senior/agenda.ics") and page.is_visible("#agenda-offer")
        size = (large_site / "leeftijd" / "senior" / "agenda.ics").stat().st_size
        assert size <= feeds.PARENT_LIMIT
        # The script labels the choices as feeds.choice_label does (counted here from the files).
        for prefix in ("", "leeftijd/senior/"):
            data = (large_site / f"{prefix}agenda.ics").read_bytes()
            count = len({slug_of(e["UID"]) for e in icalendar.Calendar.from_ical(data).walk("VEVENT")})
            option = "#agenda-area option[value='']" if prefix else "#agenda-group option[value='']"
            name = "Heel " + page.get_attribute(".agenda-page", "data-site-name") if prefix else "Alle leeftijden"
            if not prefix:
                page.select_option("#agenda-area", "")
            assert page.text_content(option) == feeds.choice_label(name, feeds.FeedStats(len(data), count))
        page.select_option("#agenda-group", "")  # back to the whole city: too large again
        assert page.is_visible("#agenda-large") and page.get_attribute("#agenda-webcal", "href") is None
        assert page.input_value("#agenda-url") == ""
        assert feeds.size_text((large_site / "agenda.ics").stat().st_size) in page.text_content("#agenda-large")
    finally:
        context.close()
        server.shutdown()


def test_feeds_holding_and_feed_for_agree_with_all_feeds(catalog):
    """The preview rewrites only feeds_holding(slugs): exactly the feeds all_feeds puts them in."""
    every = {f.path: f for f in feeds.all_feeds(catalog)}
    for activity in catalog.activities[:8]:
        holding = feeds.feeds_holding(catalog, {activity.slug})
        assert set(holding) == {p for p, f in every.items() if activity in f.activities}, activity.slug
        for path, feed in holding.items():
            assert feed == every[path] == feeds.feed_for(catalog, path)


def test_feed_offer_says_what_a_template_needs(catalog, site_host):
    site_url = f"https://{site_host}/"
    stats = feeds.compute_stats(catalog, site_url)
    feeds.use_stats(catalog, site_url, stats)
    for path in ("agenda.ics", f"stadsdelen/{catalog.site.areas.districts[0].key}/agenda.ics"):
        offer = feeds.feed_offer(catalog, site_url, path)
        assert offer["size"] == stats[path].size and offer["count"] == stats[path].count
        assert offer["offered"] == (stats[path].size <= feeds.PARENT_LIMIT)
        assert offer["webcal"] == "webcal://" + offer["url"].split("://", 1)[1] and offer["url"].endswith(path)
        assert offer["name"] == feeds.feed_names(catalog)[path]
    big, empty = feeds.FeedStats(feeds.PARENT_LIMIT + 1, 20000), feeds.FeedStats(900, 0)
    assert (big.size_class, empty.size_class, feeds.FeedStats(5000, 3).size_class) == ("gegevens", "leeg", "abonnement")
    assert feeds.choice_label("Heel Almere", big) == "Heel Almere (20.000, te groot)"
    assert feeds.choice_label("Hoven", empty) == "Hoven (0)"
    assert feeds.count_text(20000) == "20.000 activiteiten" and feeds.count_text(1) == "1 activiteit"
    assert (feeds.size_text(850_400), feeds.size_text(9_140_000)) == ("850 kB", "9,1 MB")


def test_home_page_knows_which_filter_feeds_are_no_subscription(catalog):
    """Sizes as at scale (the whole city and a stadsdeel over 1 MB, an age group empty): exactly those
    of the feeds the filters lead to are named, so the home page never offers them as a subscription."""
    site = "https://example.org/"
    real = feeds.feed_stats(catalog, site)
    big = {"agenda.ics", "stadsdelen/almere-poort/agenda.ics"}
    stats = {path: feeds.FeedStats(size=2_000_000 if path in big else s.size, count=0 if path == "leeftijd/baby/agenda.ics"
                                   else max(1, s.count))
             for path, s in real.items()}
    fresh, _ = load_catalog(ROOT / "content", ROOT, today=catalog.today)
    feeds.use_stats(fresh, site, stats)
    special = feeds.special_feeds(fresh, site)
    assert special == {"agenda.ics": "gegevens", "stadsdelen/almere-poort/agenda.ics": "gegevens",
                       "leeftijd/baby/agenda.ics": "leeg"}
    offer = feeds.feed_offer(fresh, site, "agenda.ics")
    assert not offer["offered"] and offer["size_class"] == "gegevens"


@pytest.mark.browser
@pytest.mark.parametrize("code", ["en", "ar"])
def test_subscribe_chooser_speaks_the_language_of_the_page(browser, site_url, built_site, catalog, code):
    """In another language the script writes what the build wrote (it moves nothing), and the
    name of a choice of age group is the catalogue's sentence of that language, read here from
    the .po file, not from the build."""
    po = {m.id: m.string for m in read_po(open(ROOT / "locales" / code / "LC_MESSAGES" / "site.po", "rb"))
          if m.id and isinstance(m.id, str)}
    html = (built_site / code / "agenda" / "index.html").read_text(encoding="utf-8")
    built = [re.sub(r"\s+", " ", t).strip() for t in re.findall(r'<option value="[^"]*"[^>]*>([^<]*)</option>', html)]
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + f"{code}/agenda/", wait_until="load")
    wait_until(page, "document.getElementById('agenda-url').value.endsWith('agenda.ics')")
    shown = page.evaluate("() => [...document.querySelectorAll('#agenda-chooser option')].map(o => o.textContent)")
    assert shown == built[:len(shown)] and len(shown) > 2
    page.select_option("#agenda-group", index=2)
    group = AGE_GROUPS[1]
    expected = po["%(leeftijdsgroep)s in %(gebied)s"] % {
        "leeftijdsgroep": po[group.name], "gebied": po["Heel %(gemeente)s"] % {"gemeente": catalog.site.name}}
    assert page.text_content("#agenda-name") == expected
    assert "/" + code + "/" in page.input_value("#agenda-url")
    context.close()
