"""Subscribe means subscribe, in the reader's language (issues 18.8 and 20.3), in real Chromium.

A parent on /pl/ filters for a 3-year-old in a wijk on Saturday and subscribes: the link is a
webcal: address of a Polish feed that the build wrote, holding only activities of that wijk for
that age, and every activity the page lists. Every combination of the home page's filters (area,
age, soort, another filter) gives a sentence that reads well, in Dutch and in English, and a feed
that holds what is listed: the narrowest one the build wrote (soort × area too)."""

from __future__ import annotations

import itertools
import re
from urllib.parse import urlencode

import icalendar
import pytest

from conftest import wait_until
from activity_directory.pages.listings import AGE_GROUPS, in_area

READY = "document.getElementById('results').dataset.ready === 'true'"


def feed_slugs(path) -> set[str]:
    """The activities in a feed, by the page each event links (independent of the writer)."""
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {re.search(r"/activiteiten/([^/]+)/$", str(e["URL"])).group(1) for e in calendar.walk("VEVENT")}


def listed(page) -> set[str]:
    return set(page.eval_on_selector_all("#cards [data-slug]", "els => els.map(e => e.getAttribute('data-slug'))"))


def local_path(page, built_site, code: str) -> str:
    """The feed the page offers, checked as a parent's calendar app would see it: a webcal: link
    and a download link to the same file of the page's language."""
    download = page.get_attribute("#feed-download", "href")
    webcal = page.get_attribute("#feed-link", "href")
    base = page.get_attribute("#subscribe", "data-feed-base")
    assert webcal.startswith("webcal://"), webcal
    prefix = "" if code == "nl" else f"{code}/"
    site_path = webcal.removeprefix("webcal://" + base.split("://", 1)[1])
    assert site_path.startswith(prefix) and site_path.endswith("agenda.ics"), webcal
    assert download.endswith(site_path.removeprefix(prefix)), (download, webcal)
    assert (built_site / site_path).is_file(), site_path
    return site_path


def test_a_parent_on_pl_filters_for_a_three_year_old_in_a_wijk_on_saturday_and_subscribes(page, site_url, built_site, catalog):
    peuter = next(g for g in AGE_GROUPS if g.key == "peuter")
    wijk = next(w for w in catalog.site.areas.neighbourhoods
                if any(in_area(catalog, a, w.key) and peuter.matches(a) and any(5 in s.weekdays for s in a.slots)
                       for a in catalog.activities))
    page.goto(f"{site_url}pl/")
    wait_until(page, "document.getElementById('subscribe') !== null")
    page.click("#filters-toggle")
    page.select_option("#f-leeftijd", "3")
    page.select_option("#f-wijk", wijk.key)
    page.check("input[name=dag][value=zaterdag]")
    wait_until(page, READY)
    wait_until(page, f"document.getElementById('feed-link').getAttribute('href').includes('/pl/wijken/{wijk.key}/leeftijd/peuter/')")
    path = local_path(page, built_site, "pl")
    assert path == f"pl/wijken/{wijk.key}/leeftijd/peuter/agenda.ics"
    slugs = feed_slugs(built_site / path)
    assert slugs, path
    for slug in slugs:  # only matching activities: this wijk, for a 3-year-old
        activity = catalog.by_slug[slug]
        assert in_area(catalog, activity, wijk.key) and activity.age_from <= 3 <= (activity.age_to or 99), slug
    shown = listed(page)
    assert shown and shown <= slugs  # everything the page lists is in the calendar
    # in Polish, and it says Saturday is not a filter of the calendar
    text = page.text_content("#feed-link")
    note = " ".join(page.text_content("#feed-note").split())
    assert "Abonneer" not in text and "Subskrybuj" in text, text
    assert "sobota" in note.lower() and "agenda" not in note, note
    # the calendar's text is Polish: its facts, not the Dutch ones
    data = (built_site / path).read_bytes().decode("utf-8").replace("\r\n ", "")
    assert "Wanneer:" not in data and "Kiedy:" in data


AREAS = {"": {}, "stadsdeel": {"stadsdeel": "almere-stad"}, "wijk": {"wijk": "parkwijk"},
         "beide": {"stadsdeel": "almere-stad", "wijk": "parkwijk"}}
AGES = {"": {}, "groep": {"leeftijd": "peuter"}, "jaren": {"leeftijd": "3"}}
KINDS = {"": {}, "soort": {"soort": "sport"}, "spel": {"soort": "spel"}}  # sport has no feed in parkwijk, spel has
OTHER = {"": {}, "dag": {"dag": "zaterdag"}}
COMBINATIONS = [(area, age, kind, other) for area, age, kind, other in itertools.product(AREAS, AGES, KINDS, OTHER)]
NARROWER = {"en": "do not match", "nl": "niet passen"}
GLUE = {"nl": re.compile(r"\b(op|in|voor|van) (in|voor|op|van)\b|\bde soort (in|voor)\b"),
        "en": re.compile(r"\b(to|in|for) (in|for|to)\b|\bthe (in|for|to|the)\b")}


@pytest.mark.parametrize("code", ["nl", "en"])
def test_every_combination_of_filters_offers_a_feed_with_a_sentence_that_reads_well(page, site_url, built_site, code):
    root = site_url if code == "nl" else f"{site_url}{code}/"
    for area, age, kind, other in COMBINATIONS:
        query = {**AREAS[area], **AGES[age], **KINDS[kind], **OTHER[other]}
        page.goto(root + ("?" + urlencode(query) if query else ""))
        wait_until(page, READY)
        combination = (code, area, age, kind, other)
        path = local_path(page, built_site, code)
        text = " ".join(page.text_content("#feed-link").split())
        note = " ".join(page.text_content("#feed-note").split())
        for sentence in (text, note):
            assert "%(" not in sentence and "()" not in sentence and "  " not in sentence, (combination, sentence)
            assert not GLUE[code].search(sentence), (combination, sentence)
        assert note.endswith("."), (combination, note)
        if code == "en":
            assert not re.search(r"\b(Abonneer|agenda|activiteiten|alle)\b", text + " " + note), (combination, text, note)
        # the narrowest feed that holds what is listed: of every feed the build wrote for a part of the
        # filters (the whole city; the area; its age group; the soort; area × age; soort × area), those
        # that hold every listed card, the one with the fewest activities
        shown = listed(page)
        name = path.removeprefix("" if code == "nl" else f"{code}/")
        offered = feed_slugs(built_site / path)
        assert shown <= offered, combination
        holding = {candidate: len(slugs) for candidate in candidates(area, age, KINDS[kind].get("soort"))
                   if (built_site / candidate).is_file() and shown <= (slugs := feed_slugs(built_site / candidate))}
        assert name in holding and holding[name] == min(holding.values()), (combination, name, holding)
        if kind == "spel" and area:  # a soort in an area has its own feed where it holds an activity
            assert name == f"{AREA_FOLDER[area]}soorten/spel/agenda.ics" or age, (combination, name)
        if kind == "soort" and area in ("wijk", "beide"):  # and none where it holds none
            assert not (built_site / "wijken/parkwijk/soorten/sport/agenda.ics").exists()
        # says so when the calendar holds more than the filters ask for
        has_area, has_age, has_kind = name.startswith(("wijken/", "stadsdelen/")), "leeftijd/" in name, "soorten/" in name
        wijk_left = area == "beide" and not name.startswith("wijken/")  # the stadsdeel's feed was narrower
        narrower = (other or age == "jaren" or (kind and not has_kind) or (age and not has_age)
                    or (area and not has_area) or wijk_left)
        assert (NARROWER[code] in note) == bool(narrower), (combination, note)


AREA_FOLDER = {"stadsdeel": "stadsdelen/almere-stad/", "wijk": "wijken/parkwijk/", "beide": "wijken/parkwijk/"}


def candidates(area: str, age: str, kind: str | None) -> set[str]:
    """Every feed path made of a part of the filters (a file may not exist: soort × age, for one)."""
    areas = [""] + ([AREA_FOLDER[area]] + (["stadsdelen/almere-stad/"] if area == "beide" else []) if area else [])
    rests = [""] + (["leeftijd/peuter/"] if age else []) + ([f"soorten/{kind}/"] if kind else [])
    return {f"{a}{r}agenda.ics" for a in areas for r in rests}
