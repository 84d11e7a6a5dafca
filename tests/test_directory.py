"""The directory: home page, list pages, 'Deze week' and filter data (search: tests/test_search.py).

Expectations come from the domain (``listings``, the occurrence engine) and the
built HTML is read with the standard library's HTML parser.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from html.parser import HTMLParser

import pytest

from activity_directory.pages import directory

from activity_directory.dates import wording
from activity_directory.pages.listings import AGE_GROUPS, all_listings, in_area, is_current
from activity_directory.content.model import WEEKDAYS
from activity_directory.dates.occurrences import occurrences, upcoming
from activity_directory.pages.presentation import activity_url


class Elements(HTMLParser):
    """Every start tag with its attributes, in document order, plus text per id."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: dict[str, str] = {}
        self._script = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script" and attributes.get("id"):
            self._script = attributes["id"]
            self.scripts[self._script] = ""

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script:
            self.scripts[self._script] += data

    def slugs(self) -> list[str]:
        return [a["data-slug"] for t, a in self.tags if t == "li" and "data-slug" in a]

    def hrefs(self, cls: str | None = None) -> list[str]:
        return [a["href"] for t, a in self.tags if t == "a" and "href" in a and (cls is None or cls in a.get("class", "").split())]


def read(site, url: str) -> Elements:
    return Elements((site / url / "index.html").read_text(encoding="utf-8"))


def current(catalog, activities=None):
    return [a for a in (activities if activities is not None else catalog.activities) if is_current(catalog, a)]


# --- domain ---------------------------------------------------------------------------


@pytest.mark.parametrize("time, part", [("00:00", "ochtend"), ("11:59", "ochtend"), ("12:00", "middag"),
                                        ("17:59", "middag"), ("18:00", "avond"), ("23:30", "avond")])
def test_day_part_boundaries(time, part):
    assert directory.day_part(dt.time.fromisoformat(time)) == part


def test_reference_matcher_agrees_with_every_listing(catalog):
    """The filter rules give the same sets as the list pages (area and age group, soort)."""
    query_key = {"stadsdeel": "stadsdeel", "wijk": "wijk", "leeftijd": "leeftijd", "soort": "soort"}
    checked = 0
    for listing in all_listings(catalog):
        if listing.kind not in query_key:
            continue
        expected = {a.slug for a in current(catalog, listing.activities)}
        got = {a.slug for a in current(catalog) if directory.matches(catalog, a, {query_key[listing.kind]: [listing.key]})}
        assert got == expected, listing.url
        checked += 1
    assert checked > 10


def test_index_records_are_compact_and_faithful(catalog):
    from activity_directory.dates import livedates
    from activity_directory.content.model import ACCESSIBILITY

    activities = directory.current_activities(catalog)
    data = json.loads(directory.compact_json(directory.index_data(catalog, activities)))
    f = {name: i for i, name in enumerate(data["fields"])}
    assert len(data["records"]) == len(activities)
    root = catalog.site.areas.root.key
    base = dt.datetime.fromtimestamp(data["base"] * 60, dt.timezone.utc)
    for record, activity in zip(data["records"], activities):
        assert record[f["slug"]] == activity.slug and record[f["title"]] == activity.title
        assert record[f["age_from"]] == activity.age_from and record[f["age_to"]] == activity.age_to
        assert bool(record[f["flags"]] & 1) == activity.cost.free
        assert bool(record[f["flags"]] & 2) == activity.signup.walk_in
        assert [data["kinds"][k] for k in record[f["kinds"]]] == list(activity.kinds)
        assert {key for i, key in enumerate(data["access"]) if record[f["access"]] >> i & 1} == set(activity.accessibility)
        assert data["access"] == list(ACCESSIBILITY)
        days = {WEEKDAYS[d] for d in range(7) if record[f["days"]] >> d & 1}
        assert days == {WEEKDAYS[(s.date.weekday() if s.date else d)] for s in activity.slots for d in (s.weekdays or (0,))}
        keys = None if record[f["areas"]] is None else {data["areas"][i] for i in record[f["areas"]]}
        for area in catalog.site.areas.areas.values():
            if area.key != root:
                assert (keys is None or area.key in keys) == in_area(catalog, activity, area.key)
        assert len(record[f["geo"]]) == 2 * len(activity.locations)  # every place has coordinates (geo or area centre)
        # Occurrences: the live window's, as minutes after 'base' with their variant (times, duration, place).
        live = livedates.live_occurrences(catalog, activity)
        flat = record[f["occurrences"]]
        assert len(flat) == 2 * len(live)
        for (start, variant), o in zip(zip(flat[::2], flat[1::2]), live):
            local_start, local_end, minutes, time_text, place, _ = record[f["variants"]][variant]
            assert base + dt.timedelta(minutes=start) == o.start
            assert base + dt.timedelta(minutes=start + minutes) == o.end
            assert (local_start, local_end) == (o.start.hour * 60 + o.start.minute, o.end.hour * 60 + o.end.minute)
            assert data["x"][time_text] == wording.time_range(o.start.time(), o.end.time())
            assert data["x"][place] == o.location.name
            day = (o.date - catalog.today).days
            assert data["days"][day][1] == wording.short_date(o.date, catalog.today, relative=False)
            midnight = base + dt.timedelta(minutes=data["days"][day][0])
            assert midnight.astimezone(livedates.TZ).time() == dt.time(0) and midnight.astimezone(livedates.TZ).date() == o.date
    # Card texts come from the same words as the pages.
    record, activity = data["records"][0], activities[0]
    assert data["x"][record[f["age"]]] == wording.age(activity)
    assert data["x"][record[f["area"]]] == directory.card_view(catalog, activity)["area"]


def test_age_number_and_halves(catalog):
    for activity in current(catalog):
        high = activity.age_to if activity.age_to is not None else 999
        for years in (0, 1.5, 3, 12, 70):
            assert directory.matches(catalog, activity, {"leeftijd": [str(years)]}) == (activity.age_from <= years <= high)


def test_everywhere_activity_matches_every_area(catalog):
    root = catalog.site.areas.root.key
    everywhere = [a for a in current(catalog) if any(loc.area == root for loc in a.locations)]
    assert everywhere, "sample content has a home-visit activity"
    for area in catalog.site.areas.areas.values():
        for activity in everywhere:
            assert directory.matches(catalog, activity, {"wijk": [area.key]})


# --- home page --------------------------------------------------------------------------


def test_home_lists_the_soonest_activities_and_points_at_the_index(built_site, catalog):
    page = read(built_site, ".")
    expected = directory.current_activities(catalog)
    assert page.slugs() == [a.slug for a in expected][:directory.PAGE_SIZE]
    far = dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    starts = []
    for a in expected:
        nxt = upcoming(a, catalog.calendar, catalog.today, count=1)
        starts.append(nxt[0].start if nxt else far)
    assert starts == sorted(starts)
    for slug in page.slugs():
        assert activity_url(slug) in page.hrefs()
        assert (built_site / activity_url(slug) / "index.html").exists()
    # Paused or stopped activities are not on the home page.
    assert not {a.slug for a in catalog.activities if not a.active} & set(page.slugs())
    # The page's config names the index (with its hash), which exists.
    config = json.loads(page.scripts["directory-data"])
    assert config["index"] == directory.index_url(catalog) and config["today"] == catalog.today.isoformat()
    assert (built_site / config["index"].split("?")[0]).is_file()


def test_home_form_is_a_plain_get_form_with_the_contract_keys(built_site):
    page = read(built_site, ".")
    form = next(a for t, a in page.tags if t == "form" and a.get("id") == "filters")
    assert form["method"] == "get"
    names = [a["name"] for t, a in page.tags if t in ("input", "select") and a.get("name") and a.get("name") in directory.QUERY_KEYS]
    assert list(dict.fromkeys(names)) == list(directory.QUERY_KEYS)  # same keys, in contract order
    assert any(t == "button" and a.get("type") == "submit" for t, a in page.tags)
    # Every select and text control has a label.
    ids = {a.get("id") for t, a in page.tags if t == "select"}
    labelled = {a.get("for") for t, a in page.tags if t == "label"}
    assert ids <= labelled
    live = [a for t, a in page.tags if a.get("id") == "count"]
    assert live and live[0].get("aria-live") == "polite"


def test_home_page_size(built_site):
    html = (built_site / "index.html").read_bytes()
    assert len(gzip.compress(html)) < 100_000
    # Lean: the page holds at most PAGE_SIZE cards, whatever the number of activities.
    cards = read(built_site, ".").slugs()
    assert len(cards) <= directory.PAGE_SIZE
    assert len(html) < 60_000 + 4_000 * len(cards)


# --- list pages -------------------------------------------------------------------------


def test_every_listing_has_a_page_with_its_current_activities(built_site, catalog):
    for listing in all_listings(catalog):
        if listing.kind == "home":
            continue
        page = read(built_site, listing.url)
        assert sorted(page.slugs()) == sorted(a.slug for a in current(catalog, listing.activities)), listing.url
        # subscribe (webcal:) to the list's own feed, and download it (issue 20.3)
        assert [h for h in page.hrefs("feed-link") if h.startswith("webcal://") and h.endswith("/" + listing.feed_url)], listing.url
        assert "agenda.ics" in page.hrefs(), listing.url
        for paused in (a for a in listing.activities if a.status == "gepauzeerd"):
            assert f"../../{activity_url(paused.slug)}" in page.hrefs() or any(h.endswith(activity_url(paused.slug)) for h in page.hrefs())


def test_district_page_links_to_its_wijken_and_age_pages(built_site, catalog):
    areas = catalog.site.areas
    for district in areas.districts:
        hrefs = read(built_site, f"stadsdelen/{district.key}/").hrefs()
        for wijk in areas.children(district.key):
            assert f"../../wijken/{wijk.key}/" in hrefs
        for group in AGE_GROUPS:
            assert f"leeftijd/{group.key}/" in hrefs


def test_index_pages_and_nav(built_site, catalog):
    kinds = {"stadsdelen/": "stadsdeel", "leeftijd/": "leeftijd", "organisaties/": "organisatie", "soorten/": "soort"}
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for url, kind in kinds.items():
        hrefs = read(built_site, url).hrefs()
        for listing in (item for item in all_listings(catalog) if item.kind == kind):
            assert any(h.endswith(listing.url[len(url):]) for h in hrefs), listing.url
        assert f'href="{url}"' in home  # in the navigation
    assert 'href="deze-week/"' in home
    assert 'href="activiteiten/' not in home.split('id="filters"')[0]  # activity pages stay out of the nav


# --- Deze week ----------------------------------------------------------------------------


def test_week_page_lists_every_occurrence_of_the_next_seven_days(built_site, catalog):
    text = (built_site / "deze-week" / "index.html").read_text(encoding="utf-8")
    page = Elements(text)
    first, last = catalog.today, catalog.today + dt.timedelta(days=6)
    expected = []
    for activity in current(catalog):
        for o in occurrences(activity, catalog.calendar, first, last):
            expected.append((o.start.isoformat(), activity.slug))
    times = [a["datetime"] for t, a in page.tags if t == "time" and "T" in a.get("datetime", "")]
    assert sorted(zip(times, page.slugs())) == sorted(expected)
    days = [a["datetime"] for t, a in page.tags if t == "time" and "T" not in a.get("datetime", "")]
    assert days == [(first + dt.timedelta(days=n)).isoformat() for n in range(7)]
    assert expected, "the sample content has activities this week"
