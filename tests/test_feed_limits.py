"""Load limits per feed: one activity with very many dates pushes no parents' feed over the offer limit.

A real build of the sample content plus one activity with EXTRA_DATES one-off
dates, compared with the sample's own build: every feed offered before (on
/agenda/, on the list pages, and by feeds.feed_stats) is still offered; the
feeds are read back with recurring_ical_events and hold the activity's
soonest dates (computed here from the dates this test wrote), and its page
still lists every date.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
import recurring_ical_events
import yaml

from conftest import REFERENCE, ROOT, build_site, copy_project
from activity_directory.content.loading import load_catalog
from activity_directory.content.model import MAX_TIMES
from activity_directory.pages.presentation import activity_url
from activity_directory.publish import feeds

# The number of one-off dates of the one large activity: as many lines under 'tijden' as the model allows.
EXTRA_DATES = MAX_TIMES
SLUG = "veel-losse-datums-poort"
TEMPLATE = "peuter-en-kleutersport-poort.md"
STEP = dt.timedelta(minutes=20)


def written_dates() -> list[tuple[dt.date, dt.time, dt.time]]:
    """EXTRA_DATES different (day, start, end): every day of the feed's coming year, then later in the day."""
    first = dt.datetime.combine(REFERENCE, dt.time(8, 0))
    out = []
    for n in range(EXTRA_DATES):
        start = first + dt.timedelta(days=n % 365) + STEP * (n // 365)
        out.append((start.date(), start.time(), (start + dt.timedelta(minutes=15)).time()))
    return out


def _large_project(base: Path) -> Path:
    project = copy_project(base / "project")
    source = (project / "content" / "activities" / TEMPLATE).read_text(encoding="utf-8")
    front, body = source.split("---\n")[1:3]
    data = yaml.safe_load(front)
    for key in ("foto", "aliases", "melding"):
        data.pop(key, None)
    data["titel"] = "Veel losse datums Poort"
    data["schoolvakanties"] = "gaat door"  # every written date takes place
    data["tijden"] = [{"datum": day, "van": start.strftime("%H:%M"), "tot": end.strftime("%H:%M")}
                      for day, start, end in written_dates()]
    (project / "content" / "activities" / f"{SLUG}.md").write_text(
        "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    base = tmp_path_factory.mktemp("many-dates")
    project = _large_project(base)
    out = base / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    catalog, problems = load_catalog(project / "content", project, today=REFERENCE)
    assert not problems and SLUG in catalog.by_slug
    return out, catalog


class _FeedLinks(HTMLParser):
    """Every link to an agenda.ics that is not marked as data (data-agenda="gegevens")."""

    def __init__(self):
        super().__init__()
        self.offered: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        href = attrs.get("href") or ""
        if tag == "a" and href.split("?")[0].endswith(feeds.FEED_NAME) and attrs.get("data-agenda") != "gegevens":
            self.offered.add(href)


def offered_links(site: Path) -> set[tuple[str, str]]:
    """(page, feed link) on /agenda/ and on every list page (the home page, areas, ages, organisations, kinds)."""
    pages = [site / "index.html", site / "agenda" / "index.html"]
    for folder in ("stadsdelen", "wijken", "leeftijd", "organisaties", "soorten"):
        pages += [p for p in (site / folder).rglob("index.html") if not {"embed", "flyer"} & set(p.parts)]
    found = set()
    for page in pages:
        parser = _FeedLinks()
        parser.feed(page.read_text(encoding="utf-8"))
        found |= {(page.relative_to(site).as_posix(), href) for href in parser.offered}
    return found


def test_every_feed_offered_before_is_still_offered(built_site, catalog, large):
    site, large_catalog = large
    before, after = offered_links(built_site), offered_links(site)
    assert before, "the sample offers feeds"
    assert after == before
    url = "https://example.org/"
    old = {p for p, s in feeds.compute_stats(catalog, url).items() if s.offered}
    new = {p for p, s in feeds.compute_stats(large_catalog, url).items() if s.offered}
    assert old <= new, sorted(old - new)[:10]
    whole = site / feeds.FEED_NAME
    assert whole.stat().st_size <= feeds.PARENT_LIMIT


def _events_of(path: Path, first: dt.date, last: dt.date) -> list:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return recurring_ical_events.of(calendar).between(first, last + dt.timedelta(days=1))


def test_feeds_hold_the_soonest_dates_and_read_back(large):
    site, large_catalog = large
    first, last = feeds.window(large_catalog.today)
    zone = feeds.TZ
    coming = sorted((dt.datetime.combine(d, s, zone), dt.datetime.combine(d, e, zone))
                    for d, s, e in written_dates() if first <= d <= last)
    expected = coming[:feeds.EVENTS_PER_ACTIVITY]
    holding = [p for p in site.rglob(feeds.FEED_NAME) if f"UID:{SLUG}-".encode() in p.read_bytes()]
    assert site / feeds.FEED_NAME in holding and site / activity_url(SLUG) / feeds.FEED_NAME in holding
    assert len(holding) > 5, "its lists: the city, Poort, its wijk, age groups, organisation, kinds"
    for path in holding:
        mine = sorted((e["DTSTART"].dt, e["DTEND"].dt) for e in _events_of(path, first, last)
                      if str(e["UID"]).startswith(f"{SLUG}-"))
        assert mine == expected, path
        assert path.stat().st_size <= feeds.PARENT_LIMIT, path


def test_the_activity_page_lists_every_date(large):
    site, _ = large
    html = (site / activity_url(SLUG) / "index.html").read_text(encoding="utf-8")
    when = re.search(r"<dt>Wanneer</dt><dd><ul[^>]*>(.*?)</ul>", html, re.S).group(1)
    lines = re.findall(r"<li>(.*?)</li>", when, re.S)
    assert len(lines) == EXTRA_DATES
    times = sorted(re.search(r"(\d{1,2}[:.]\d\d)", line).group(1).replace(".", ":").zfill(5) for line in lines)
    assert times == sorted(start.strftime("%H:%M") for _, start, _ in written_dates())
