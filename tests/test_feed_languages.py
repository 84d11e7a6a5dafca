"""Feeds in the language subscribed from (issue 18.8): every feed also exists below /<code>/,
with the same events (UIDs, dates) as the Dutch one, its generated text in that language, and
``LANGUAGE=nl`` on the Dutch free text (titles, places) inside it. Read back with icalendar and
recurring-ical-events, independent of the writer."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest
import recurring_ical_events

from activity_directory.publish import feeds
from activity_directory.pages.listings import all_listings

LANGUAGES = ("en", "pl", "tr", "ar", "uk")


def read(path):
    return icalendar.Calendar.from_ical(path.read_bytes())


def expanded(calendar, first, last) -> set[tuple[str, str, str]]:
    """(UID, start, end) of every occurrence between ``first`` and ``last``, as UTC text."""
    found = set()
    for event in recurring_ical_events.of(calendar).between(first, last + dt.timedelta(days=1)):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        found.add((str(event["UID"]), start.astimezone(dt.timezone.utc).isoformat(),
                   end.astimezone(dt.timezone.utc).isoformat()))
    return found


def paths(catalog):
    """Some feeds of each kind: the whole city, a stadsdeel × age, a wijk × age, an activity."""
    listings = all_listings(catalog)
    chosen = ["agenda.ics", next(l.feed_url for l in listings if l.kind == "stadsdeel-leeftijd" and l.activities),
              next(l.feed_url for l in listings if l.kind == "soort" and l.activities)]
    every = feeds.all_feeds(catalog)
    chosen.append(next(f.path for f in every if f.path.startswith("wijken/") and "/leeftijd/" in f.path and f.activities))
    chosen.append(next(f.path for f in every if f.path.startswith("activiteiten/")))
    return chosen


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_feed_exists_in_every_language_with_the_same_activities(built_site, catalog, code):
    words = next(w for w in feeds.languages_of(catalog) if w.language.code == code)
    dutch = {f.path: f for f in feeds.all_feeds(catalog)}
    other = feeds.all_feeds(catalog, words)
    assert len(other) == len(dutch)
    for feed in other:
        source = dutch[feed.path.removeprefix(f"{code}/")]
        assert feed.activities == source.activities
        assert (built_site / feed.path).is_file(), feed.path


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_feed_in_another_language_has_the_dutch_occurrences_and_uids(built_site, catalog, code):
    first, last = feeds.window(catalog.today)
    for path in paths(catalog):
        dutch, other = read(built_site / path), read(built_site / code / path)
        theirs = expanded(other, first, last)
        assert theirs == expanded(dutch, first, last), path
        assert theirs or path.startswith("activiteiten/")
        assert ({str(e["UID"]) for e in other.walk("VEVENT")} == {str(e["UID"]) for e in dutch.walk("VEVENT")})


def test_the_english_feed_says_its_facts_in_english_and_marks_the_dutch_text(built_site, catalog):
    text = (built_site / "en" / "agenda.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    dutch = (built_site / "agenda.ics").read_bytes().decode("utf-8").replace("\r\n ", "")
    calendar = icalendar.Calendar.from_ical(text)
    events = list(calendar.walk("VEVENT"))
    assert events
    for event in events:
        # Dutch free text in an English feed says it is Dutch (RFC 5545 3.2.10); an editor's English title says en
        slug = re.search(r"/en/activiteiten/([^/]+)/$", str(event["URL"])).group(1)
        translation = catalog.translation(slug, "en")
        assert event["SUMMARY"].params.get("LANGUAGE") == ("en" if translation and translation.text("titel") else "nl")
        assert event["LOCATION"].params.get("LANGUAGE") == "nl"
        description = str(event["DESCRIPTION"])
        assert "Wanneer:" not in description and "Kosten:" not in description, description
        assert "When:" in description and "Cost:" in description, description
        assert re.search(r"https://[^/\s]+/en/activiteiten/[^/]+/", description), description
        assert re.search(r"/en/activiteiten/[^/]+/$", str(event["URL"]))
    assert "When: Every " in text and "Wanneer: Elke " in dutch
    # the Dutch feed stays as it was: no LANGUAGE parameter, Dutch facts
    assert "LANGUAGE=" not in dutch and "Wanneer: " in dutch
    assert calendar["X-WR-CALNAME"] == f"Activities in {catalog.site.name}"


def test_the_polish_feed_names_the_calendar_in_polish(built_site, catalog):
    listing = next(l for l in all_listings(catalog) if l.kind == "stadsdeel-leeftijd" and l.activities)
    calendar = read(built_site / "pl" / listing.feed_url)
    name = str(calendar["X-WR-CALNAME"])
    dutch = str(read(built_site / listing.feed_url)["X-WR-CALNAME"])
    assert name != dutch and catalog.site.name in name
    assert " in " not in name.replace(catalog.site.name, ""), name


def test_the_writers_share_the_occurrences(catalog, monkeypatch):
    """Another language renders text only: the lines and their dates come from the Dutch writer."""
    calls = []
    real = feeds.feed_lines
    monkeypatch.setattr(feeds, "feed_lines", lambda *args: calls.append(args[1].slug) or real(*args))
    dutch = feeds.FeedWriter(catalog, "https://example.org/", dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    activity = next(a for a in catalog.activities if dutch.events(a))
    assert calls and calls[-1] == activity.slug
    calls.clear()
    english = dutch.in_language(next(w for w in feeds.languages_of(catalog) if w.language.code == "en"))
    assert english.events(activity) != dutch.events(activity)
    assert calls == []  # no second run of the occurrence engine for English
