"""The directory in headless Chromium: filters, URL contract, keyboard, Dichtbij, no-JS.

(Search has its own tests: tests/test_search.py.)

Expected sets come from the domain (``directory.matches`` on the catalog, which
the non-browser tests check against ``listings``), never from the script.
"""

from __future__ import annotations

import math
import re
from urllib.parse import parse_qs

import pytest

from activity_directory import directory
from activity_directory.listings import is_current
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
    page.select_option("#f-leeftijd", "3")
    page.select_option("#f-stadsdeel", "almere-poort")
    page.click("#more-filters > summary")
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
    page.select_option("#f-wijk", "parkwijk")
    query = "stadsdeel=almere-stad&wijk=parkwijk"
    assert catalog.site.areas.district_of("parkwijk").key == "almere-stad"
    assert query_of(page) == query
    assert visible(page) == expected(catalog, query)


def test_keyboard_only(page, site_url, catalog):
    page.goto(site_url)
    page.focus("#f-wijk")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
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


def test_nearby_by_wijk_and_by_geolocation(browser, site_url, catalog):
    point = catalog.site.areas.centre_of("parkwijk")
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844},
                                  geolocation={"latitude": point[0], "longitude": point[1]}, permissions=["geolocation"])
    page = context.new_page()
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    try:
        page.goto(site_url)
        for action in (lambda: page.select_option("#near-wijk", "parkwijk"), lambda: page.click("#near-me")):
            page.select_option("#near-wijk", "")
            action()
            wait_until(page, "document.querySelector('.card-dist') !== null")
            order = page.eval_on_selector_all("#cards > li", "els => els.map(e => e.dataset.slug)")
            distances = [_distance(catalog, catalog.activity(slug), point) for slug in order]
            assert all(b >= a - 0.05 for a, b in zip(distances, distances[1:]))
            assert set(order) == expected(catalog, "")
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


def test_many_matches_are_shown_a_page_at_a_time(browser, tmp_path):
    """With more matches than fit a page, 60 show and 'Toon meer' reveals the rest in order.

    (Laying out thousands of cards on every filter change is what made filtering slow.)
    """
    from conftest import ROOT, build_site, copy_project, serve

    project = copy_project(tmp_path / "project")
    source = (ROOT / "content" / "activities" / "peuter-en-kleutersport-poort.md").read_text(encoding="utf-8")
    for i in range(90):
        (project / "content" / "activities" / f"extra-peutersport-{i:02d}.md").write_text(
            source.replace("titel: Peuter- en kleutersport Poort", f"titel: Extra peutersport {i:02d}"), encoding="utf-8")
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    server = serve(out)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/?stadsdeel=almere-poort")
        cards = page.eval_on_selector_all("#cards > li", "els => els.map(e => [e.dataset.slug, !e.hidden])")
        in_poort = count_number(page)
        shown = [slug for slug, on in cards if on]
        assert in_poort > 90 and len(shown) == 60
        more = page.locator("#more-cards")
        assert more.is_visible() and f"nog {in_poort - 60}" in more.text_content()
        more.click()
        shown_after = [slug for slug, on in page.eval_on_selector_all("#cards > li", "els => els.map(e => [e.dataset.slug, !e.hidden])") if on]
        assert shown_after[:60] == shown and len(shown_after) == min(120, in_poort)
        # Keyboard users land on the first newly shown card.
        assert page.evaluate("document.activeElement.closest('li').dataset.slug") == shown_after[60]
        if in_poort <= 120:
            assert not more.is_visible()
        # A new filter starts again at the first page.
        page.select_option("#f-wijk", "olympiakwartier")
        assert len(visible(page)) == min(60, count_number(page))
        assert count_number(page) > 60
    finally:
        context.close()
        server.shutdown()
