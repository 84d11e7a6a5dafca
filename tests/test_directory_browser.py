"""The directory in headless Chromium: filters, URL contract, keyboard, Dichtbij, no-JS.

(Search has its own tests: tests/test_search.py.)

Expected sets come from the domain (``directory.matches`` on the catalog, which
the non-browser tests check against ``listings``), never from the script.
"""

from __future__ import annotations

import datetime as dt
import math
import json
import re
from urllib.parse import parse_qs, quote

import pytest

from activity_directory.pages import directory
from activity_directory.pages.listings import is_current
from conftest import wait_until

pytestmark = pytest.mark.browser

QUERIES = [
    "leeftijd=3&stadsdeel=almere-poort&gratis=1",
    "leeftijd=peuter",
    "leeftijd=1.5",
    "leeftijd=senior",
    "stadsdeel=almere-haven",
    "wijk=parkwijk",
    "dag=maandag",
    "dag=maandag&dag=zaterdag",
    "dagdeel=ochtend",
    "dagdeel=avond",
    "inloop=1",
    "soort=sport",
    "gratis=1&inloop=1&dagdeel=middag",
    "stadsdeel=almere-buiten&wijk=regenboogbuurt",
]


def expected(catalog, query: str) -> set[str]:
    params = parse_qs(query)
    return {a.slug for a in catalog.activities if is_current(catalog, a) and directory.matches(catalog, a, params)}


def visible(page) -> set[str]:
    return set(page.eval_on_selector_all("#cards > li", "els => els.filter(e => !e.hidden && e.offsetParent !== null).map(e => e.dataset.slug)"))


def count_number(page) -> int:
    return int(re.match(r"\d+", page.text_content("#count")).group())


def query_of(page) -> str:
    """The query string in the address bar once the page has written it.

    The page writes the address one frame after it shows the new list (so the
    browser can paint first); the frame after that, it is there.
    """
    return page.evaluate("() => new Promise(done => requestAnimationFrame(() => "
                         "setTimeout(() => done(location.search.slice(1)), 0)))")


def open_filters(page):
    """Unfold the filter form ('Filters (n)')."""
    if page.is_hidden("#filters"):
        page.click("#filters-toggle")
    assert page.get_attribute("#filters-toggle", "aria-expanded") == "true"


def only_local(page, site_url):
    return [u for u in page.requested if not u.startswith(site_url) and not u.startswith("data:")]


@pytest.mark.parametrize("query", QUERIES)
def test_query_string_shows_exactly_the_matching_activities(page, site_url, catalog, query):
    page.goto(f"{site_url}?{query}")
    want = expected(catalog, query)
    assert visible(page) == want
    assert count_number(page) == len(want)
    assert page.is_visible("#empty") == (not want)
    assert page.console_errors == []
    assert only_local(page, site_url) == []


def test_clicking_gives_the_same_url_and_list(page, site_url, catalog):
    page.goto(site_url)
    open_filters(page)
    page.select_option("#f-leeftijd", "3")
    page.select_option("#f-stadsdeel", "almere-poort")
    page.check("input[name=gratis]")
    query = "leeftijd=3&stadsdeel=almere-poort&gratis=1"
    assert query_of(page) == query
    assert visible(page) == expected(catalog, query)
    page.check("input[name=dag][value=maandag]", force=True)
    page.check("input[name=dag][value=zaterdag]", force=True)
    query2 = "leeftijd=3&stadsdeel=almere-poort&dag=maandag&dag=zaterdag&gratis=1"
    assert query_of(page) == query2
    assert visible(page) == expected(catalog, query2)
    # Loading that URL gives the same list and sets the controls.
    page.goto(page.url)
    assert visible(page) == expected(catalog, query2)
    assert page.is_checked("input[name=dag][value=zaterdag]") and page.is_checked("input[name=gratis]")
    assert page.input_value("#f-stadsdeel") == "almere-poort"
    assert page.console_errors == []


def test_choosing_a_wijk_sets_its_stadsdeel(page, site_url, catalog):
    page.goto(site_url)
    open_filters(page)
    page.select_option("#f-wijk", "parkwijk")
    query = "stadsdeel=almere-stad&wijk=parkwijk"
    assert catalog.site.areas.district_of("parkwijk").key == "almere-stad"
    assert query_of(page) == query
    assert visible(page) == expected(catalog, query)


def test_keyboard_only(page, site_url, catalog):
    page.goto(site_url)
    page.focus("#filters-toggle")
    page.keyboard.press("Enter")  # unfolds the filters
    assert page.get_attribute("#filters-toggle", "aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-leeftijd"
    page.focus("#f-wijk")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name + '=' + document.activeElement.value") == "dag=maandag"
    page.keyboard.press("Space")
    assert query_of(page) == "dag=maandag"
    assert visible(page) == expected(catalog, "dag=maandag")
    for _ in range(10):  # on to 'Alleen gratis'
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "gratis":
            break
    page.keyboard.press("Space")
    assert query_of(page) == "dag=maandag&gratis=1"
    assert visible(page) == expected(catalog, "dag=maandag&gratis=1")
    # The age select works from the keyboard too.
    page.focus("#f-leeftijd")
    page.keyboard.press("ArrowDown")
    assert parse_qs(query_of(page))["leeftijd"] == ["0"]
    assert page.console_errors == []


def test_empty_state_offers_to_widen(page, site_url, catalog):
    query = next(q for q in ("leeftijd=senior&dagdeel=avond&soort=zwemmen", "leeftijd=0&dagdeel=avond&soort=wandelen")
                 if not expected(catalog, q))
    page.goto(f"{site_url}?{query}")
    assert visible(page) == set()
    assert page.is_visible("#empty")
    assert page.text_content("#count").strip() == "0 activiteiten"
    buttons = page.locator("#empty-actions button")
    assert buttons.count() == len(parse_qs(query)) + 1
    buttons.first.click()  # drops the first filter
    rest = "&".join(query.split("&")[1:])
    assert query_of(page) == rest
    assert visible(page) == expected(catalog, rest)
    if not expected(catalog, rest):
        page.click("#empty-actions >> text=Wis alle filters")
        assert query_of(page) == ""
        assert visible(page) == expected(catalog, "")


def _km(a, b):
    rad = math.pi / 180
    x = (b[1] - a[1]) * rad * math.cos((a[0] + b[0]) / 2 * rad)
    y = (b[0] - a[0]) * rad
    return math.hypot(x, y) * 6371


def _distance(catalog, activity, point):
    areas = catalog.site.areas
    return min(_km(point, loc.geo or areas.centre_of(loc.area)) for loc in activity.locations)


def _shown_order(page) -> list[str]:
    return page.eval_on_selector_all("#cards > li", "els => els.map(e => e.dataset.slug)")


def _assert_by_distance(catalog, order, point):
    distances = [_distance(catalog, catalog.activity(slug), point) for slug in order]
    assert all(b >= a - 0.05 for a, b in zip(distances, distances[1:])), list(zip(order, distances))


def test_nearby_by_wijk_and_by_geolocation(browser, site_url, catalog):
    """Sorting is its own choice: by distance from the chosen wijk, or from where you are ('Dichtbij mij');
    clearing the filters goes back to date order."""
    point = catalog.site.areas.centre_of("parkwijk")
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844},
                                  geolocation={"latitude": point[0], "longitude": point[1]}, permissions=["geolocation"])
    page = context.new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    try:
        # From the wijk chosen in the filters (the one place to choose a wijk).
        page.goto(site_url + "?wijk=parkwijk")
        assert page.input_value("#sort") == "datum"
        page.select_option("#sort", "afstand")
        wait_until(page, "document.querySelector('.card-dist') !== null")
        order = _shown_order(page)
        assert set(order) == expected(catalog, "wijk=parkwijk")
        _assert_by_distance(catalog, order, point)
        assert "Parkwijk" in page.text_content("#near-status")
        # 'Wis alle filters' resets the sorting too.
        open_filters(page)
        page.click("#clear-all")
        wait_until(page, "document.querySelector('.card-dist') === null")
        assert page.input_value("#sort") == "datum"
        assert set(_shown_order(page)) == expected(catalog, "")
        # 'Dichtbij mij' switches the sorting to distance, from where you are.
        page.click("#near-me")
        wait_until(page, "document.querySelector('.card-dist') !== null")
        assert page.input_value("#sort") == "afstand"
        order = _shown_order(page)
        assert set(order) == expected(catalog, "")
        _assert_by_distance(catalog, order, point)
        # And back to date order by choice.
        page.select_option("#sort", "datum")
        wait_until(page, "document.querySelector('.card-dist') === null")
        assert set(_shown_order(page)) == expected(catalog, "")
        assert all(u.startswith(site_url) for u in requested)  # the location is never sent
    finally:
        context.close()


@pytest.mark.parametrize("path, area", [("", None), ("stadsdelen/almere-poort/", "almere-poort"), ("wijken/parkwijk/", "parkwijk")])
def test_without_javascript_pages_list_the_activities(browser, site_url, catalog, path, area):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(site_url + path)
        shown = set(page.eval_on_selector_all("li[data-slug]", "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.slug)"))
        assert shown == expected(catalog, f"wijk={area}" if area else "")
        assert shown
    finally:
        context.close()


# --- the filter panel, sorting and the feed (issues 10.1 and 9.3) ---------------------------


@pytest.mark.parametrize("query, feed", [
    ("stadsdeel=almere-poort&leeftijd=peuter", "stadsdelen/almere-poort/leeftijd/peuter/agenda.ics"),
    ("leeftijd=peuter&wijk=parkwijk", "wijken/parkwijk/leeftijd/peuter/agenda.ics"),
    ("stadsdeel=almere-stad&wijk=parkwijk", "wijken/parkwijk/agenda.ics"),
    ("leeftijd=senior", "leeftijd/senior/agenda.ics"),
    ("stadsdeel=almere-haven", "stadsdelen/almere-haven/agenda.ics"),
    ("leeftijd=3&stadsdeel=almere-poort&gratis=1", "stadsdelen/almere-poort/leeftijd/peuter/agenda.ics"),
    ("dag=maandag", "agenda.ics"),
    ("soort=zwemmen", "soorten/zwemmen/agenda.ics"),
    ("soort=zwemmen&dag=zaterdag", "soorten/zwemmen/agenda.ics"),
    # no swimming in Parkwijk: the soort's feed (1 activity) is narrower than the wijk's (3)
    ("soort=zwemmen&wijk=parkwijk", "soorten/zwemmen/agenda.ics"),
    ("soort=spel&wijk=parkwijk", "wijken/parkwijk/soorten/spel/agenda.ics"),  # a soort × wijk feed (issue 20.3)
    ("", "agenda.ics"),
])
def test_subscribe_link_follows_the_filters(page, site_url, built_site, query, feed):
    page.goto(f"{site_url}?{query}")
    wait_until(page, "document.getElementById('results').dataset.ready === 'true'")
    # Subscribe means subscribe (issue 20.3): the link is webcal:, the download is a link of its own.
    href = page.get_attribute("#feed-download", "href")
    assert href == feed
    assert (built_site / href).is_file()
    base = page.get_attribute("#subscribe", "data-feed-base")
    webcal = "webcal://" + base.split("://", 1)[1] + feed
    assert page.get_attribute("#feed-link", "href") == webcal
    assert page.get_attribute("#feed-google", "href").endswith(quote(webcal, safe=""))
    assert quote(base + feed, safe="") in page.get_attribute("#feed-outlook", "href")
    note = page.text_content("#feed-note")
    params = parse_qs(query)
    narrower = {k for k in params if k in ("dag", "dagdeel", "gratis", "inloop", "soort", "toegankelijk")}
    if feed.startswith("soorten/") or "/soorten/" in feed:  # the soort's feed, or a soort × area feed
        narrower.discard("soort")
    if params.get("leeftijd", [""])[0].isdigit():
        narrower.add("leeftijd")
    # When the feed holds more than the filter, the page says so plainly.
    assert ("niet passen bij je" in note) == bool(narrower), note
    # The link is a sentence: "Abonneer op in Kruidenwijk" missed a word (issue 20.3).
    text = " ".join(page.text_content("#feed-link").split())
    assert text.startswith("Abonneer op ") and not re.match(r"Abonneer op (in|voor) ", text), text
    if href != "agenda.ics":
        assert text.startswith("Abonneer op de activiteiten "), text


def test_a_feed_too_large_for_calendar_apps_is_never_offered_as_a_subscription(page, site_url, built_site):
    """The home page names the filter feeds that are no plain subscription (feeds.special_feeds).
    At scale the whole city or a stadsdeel is over 1 MB: here the page is given such states."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    states = json.loads(re.search(r'<script type="application/json" id="feed-states">(.*?)</script>', home).group(1))
    assert states and set(states.values()) <= {"leeg", "gegevens"}
    empty = next(path for path, state in states.items() if state == "leeg" and path.startswith("stadsdelen/"))
    states.update({"stadsdelen/almere-poort/agenda.ics": "gegevens"})
    changed = re.sub(r'(<script type="application/json" id="feed-states">).*?(</script>)',
                     lambda m: m.group(1) + json.dumps(states) + m.group(2), home)
    page.route(re.compile(r".*/(\?.*)?$"), lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8",
                                                                         body=changed))
    page.goto(f"{site_url}?stadsdeel=almere-poort")
    wait_until(page, "document.getElementById('results').dataset.ready === 'true'")
    assert page.get_attribute("#feed-link", "href") == "agenda/"
    assert "te groot voor agenda-apps" in page.text_content("#feed-note")
    assert not page.query_selector("a[href$='stadsdelen/almere-poort/agenda.ics']")
    assert not page.query_selector("a[href*='almere-poort%2Fagenda.ics']")  # no Google or Outlook route either
    assert page.is_hidden("#feed-routes")
    page.click("#filters-toggle")
    page.select_option("#f-leeftijd", "peuter")  # a smaller feed of that stadsdeel is offered again
    wait_until(page, "document.getElementById('feed-link').getAttribute('href').endsWith('leeftijd/peuter/agenda.ics')")
    district, _, group = re.match(r"stadsdelen/([^/]+)/(leeftijd/([^/]+)/)?", empty).groups()
    page.goto(f"{site_url}?stadsdeel={district}" + (f"&leeftijd={group}" if group else ""))
    wait_until(page, "document.getElementById('results').dataset.ready === 'true'")
    assert page.get_attribute("#feed-download", "href") == empty
    assert page.get_attribute("#feed-link", "href").startswith("webcal://")
    assert "nu geen activiteiten" in page.text_content("#feed-note")


def test_filters_fold_behind_a_control_that_counts_them(page, site_url):
    page.goto(site_url + "?leeftijd=3&stadsdeel=almere-poort&dag=maandag&dag=zaterdag")
    toggle = page.locator("#filters-toggle")
    assert re.sub(r"\s+", " ", toggle.text_content()).strip() == "Filters (4)"
    assert toggle.get_attribute("aria-expanded") == "false" and page.is_hidden("#filters")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true" and page.is_visible("#filters")
    page.select_option("#f-wijk", "homeruskwartier")  # a wijk in the chosen stadsdeel: its stadsdeel is not counted again
    assert re.sub(r"\s+", " ", toggle.text_content()).strip() == "Filters (4)"
    page.uncheck("input[name=dag][value=zaterdag]", force=True)
    assert re.sub(r"\s+", " ", toggle.text_content()).strip() == "Filters (3)"
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false"


def test_empty_result_suggestions_name_each_choice(page, site_url, catalog):
    query = next(q for q in ("dag=zondag&leeftijd=senior&dagdeel=avond", "dag=zondag&leeftijd=0&dagdeel=avond&soort=wandelen")
                 if not expected(catalog, q))
    page.goto(f"{site_url}?{query}")
    labels = page.eval_on_selector_all("#empty-actions button", "els => els.map(e => e.textContent)")
    assert "Zonder “Zondag”" in labels
    assert all(not re.search(r"“[a-z]{2}[A-Z]", label) for label in labels), labels


def _box(page, selector):
    return page.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, height: r.height}; }")


def test_phone_first_screen_shows_the_count_and_a_card(page, site_url):
    page.goto(site_url)
    assert _box(page, "#count")["bottom"] <= 844
    assert _box(page, "#cards > li")["top"] < 844
    # 'Toon activiteiten' folds the filters and brings the results into view.
    page.click("#filters-toggle")
    page.select_option("#f-leeftijd", "peuter")
    page.click("#filters button[type=submit]")
    assert page.is_hidden("#filters")
    wait_until(page, "Math.abs(document.getElementById('results').getBoundingClientRect().top) < 120")
    assert page.evaluate("document.activeElement.id") == "count"


@pytest.mark.parametrize("width, height", [(1280, 900), (390, 844), (320, 640), (1440, 900)])
def test_panel_with_every_option_open_reads_well(browser, site_url, width, height):
    context = browser.new_context(locale="nl-NL", viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        page.goto(site_url)
        page.click("#filters-toggle")
        heights = page.eval_on_selector_all("#filters button, #filters .md-button, #finder > .md-button",
                                            "els => els.map(e => e.getBoundingClientRect().height)")
        assert heights and max(heights) <= 80, heights
        # Day chips: no chip alone on the last line.
        tops = page.eval_on_selector_all(".chips--days .chip", "els => els.map(e => Math.round(e.getBoundingClientRect().top))")
        assert tops.count(max(tops)) >= 2, tops
        # Checkbox and its text share one line, centred on each other.
        rows = page.eval_on_selector_all(".check", """els => els.map(l => {
            const box = l.querySelector('input').getBoundingClientRect(), text = l.querySelector('span').getBoundingClientRect();
            return Math.abs((box.top + box.bottom) / 2 - (text.top + text.bottom) / 2); })""")
        assert max(rows) <= 12, rows
        # Nothing sticks out sideways.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


def test_week_page_filters_by_age_and_area(page, site_url, catalog):
    from activity_directory.dates.occurrences import TZ, occurrences

    page.clock.set_fixed_time(dt.datetime.combine(catalog.today, dt.time(0, 5), tzinfo=TZ))
    query = "leeftijd=peuter&stadsdeel=almere-stad"
    page.goto(f"{site_url}deze-week/?{query}")
    wait_until(page, "document.querySelectorAll('#week-days section').length === 7")
    assert re.sub(r"\s+", " ", page.text_content("#filters-toggle")).strip() == "Filters (2)"
    page.click("#filters-toggle")
    lines = page.eval_on_selector_all("#week-days li[data-slug]", "els => els.filter(e => e.getClientRects().length > 0).map(e => [e.dataset.slug, e.dataset.start])")
    want = set()
    for activity in catalog.activities:
        if is_current(catalog, activity) and directory.week_matches(catalog, activity, parse_qs(query)):
            for o in occurrences(activity, catalog.calendar, catalog.today, catalog.today + dt.timedelta(days=6)):
                want.add((activity.slug, o.start.isoformat()))
    assert {(slug, dt.datetime.fromisoformat(start).isoformat()) for slug, start in lines} == want
    assert want
    assert page.input_value("#f-leeftijd") == "peuter" and page.input_value("#f-stadsdeel") == "almere-stad"
    # Changing a filter writes the address, like on the home page.
    page.select_option("#f-leeftijd", "")
    assert query_of(page) == "stadsdeel=almere-stad"
