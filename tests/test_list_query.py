"""Issue 20.6: the old query-string addresses point to the real list pages.

``/embed/?wijk=…&leeftijd=…`` (and every other combination of filters that is one list's
own) sends the reader on to that list's embed; the home page with such filters (printed on
old flyers) keeps its filters and shows the list's heading and ``<title>`` with a link to its
page. Expectations come from the built pages themselves (read with JavaScript off) and from
the domain (listings, ``directory.matches``); the script is checked against the reference
``embeds.query_embed`` in real Chromium at 390 × 844, in Dutch and in English.
"""

from __future__ import annotations

import itertools
import json
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

import browser_types
from activity_directory.pages import directory
from activity_directory.pages.listings import AGE_GROUPS, all_listings, is_current
from activity_directory.partners import embeds
from conftest import wait_until

PHONE = {"width": 390, "height": 844}


def wijk_age(catalog):
    """A wijk × age group with current activities (the example of the issue)."""
    return next(i for i in embeds.wijk_age_lists(catalog) if any(is_current(catalog, a) for a in i.activities))


def kind_area(catalog, kind_name: str):
    """A soort × area list (kind 'wijk-soort' or 'stadsdeel-soort'): (area key, soort key, its URL)."""
    listing = next(l for l in all_listings(catalog) if l.kind == kind_name)
    area, kind = listing.key.split("/")
    return area, kind, listing.url


def prefix(code: str) -> str:
    return "" if code == "nl" else f"{code}/"


def bare_page(browser, url):
    """h1, <title> and the listed slugs of a page as built (JavaScript off)."""
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    try:
        tab = context.new_page()
        assert tab.goto(url).status == 200, url
        slugs = tab.eval_on_selector_all("[data-slug]", "els => els.map(e => e.dataset.slug)")
        return tab.text_content("h1").strip(), tab.title(), slugs
    finally:
        context.close()


class _ScriptTags(HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.lists = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "data-lists" in attrs:
            self.lists.append(attrs)


def test_the_city_embed_names_every_list_a_query_can_name_in_its_head(built_site, catalog):
    """The script on /embed/ (every language) is in the head, before the list, with the keys of the
    contract ListPageKeys, and they are the lists the site has."""
    for page in [built_site / "embed" / "index.html", *sorted(built_site.glob("*/embed/index.html"))]:
        text = page.read_text(encoding="utf-8")
        tags = _ScriptTags(text).lists
        assert len(tags) == 1, page
        assert text.index("data-lists=") < text.index("</head>") < text.index('id="cards"'), page
        keys = json.loads(tags[0]["data-lists"])
        assert browser_types.check(keys, directory.ListPageKeys, str(page), set()) == []
        assert tags[0]["src"].endswith("assets/list-page.js") and "defer" not in tags[0] and "async" not in tags[0]
    kinds = {}
    for listing in all_listings(catalog):
        kinds.setdefault(listing.kind, set()).add(listing.key)
    assert set(keys["wijk"]) == kinds["wijk"] and set(keys["stadsdeel"]) == kinds["stadsdeel"]
    assert set(keys["leeftijd"]) == {g.key for g in AGE_GROUPS} and set(keys["soort"]) == set(catalog.site.kinds)
    assert all(catalog.site.areas.areas[w].parent == d for w, d in keys["wijk"].items())


def test_query_embed_names_the_list_that_the_filters_pick(catalog):
    """The reference: the list it names holds exactly what the home page's filters pick
    (directory.matches, an independent rule); filters no list holds name none."""
    item = wijk_age(catalog)
    district = catalog.site.areas.areas[item.area].parent
    other = next(d.key for d in catalog.site.areas.districts if d.key != district)
    kind = next(iter(catalog.site.kinds))
    named = {
        f"wijk={item.area}&leeftijd={item.group.key}": f"wijken/{item.area}/leeftijd/{item.group.key}/embed/",
        f"wijk={item.area}&stadsdeel={district}&leeftijd={item.group.key}": f"{item.url}embed/",
        f"wijk={item.area}": f"wijken/{item.area}/embed/",
        f"stadsdeel={district}": f"stadsdelen/{district}/embed/",
        f"stadsdeel={district}&leeftijd=baby": f"stadsdelen/{district}/leeftijd/baby/embed/",
        "leeftijd=tiener": "leeftijd/tiener/embed/",
        f"soort={kind}": f"soorten/{kind}/embed/",
        f"wijk=&leeftijd={item.group.key}": f"leeftijd/{item.group.key}/embed/",
    }
    for kind_name, key in (("wijk-soort", "wijk"), ("stadsdeel-soort", "stadsdeel")):
        area, kind_key, url = kind_area(catalog, kind_name)
        named[f"{key}={area}&soort={kind_key}"] = f"{url}embed/"
    for query, url in named.items():
        spec = embeds.query_embed(catalog, parse_qs(query, keep_blank_values=True))
        assert spec is not None and spec.url == url, query
        picked = {a.slug for a in catalog.activities if directory.matches(catalog, a, parse_qs(query))}
        assert {a.slug for a in spec.activities} == picked, query
    for query in ("", "leeftijd=3", f"wijk={item.area}&dag=zaterdag", f"wijk={item.area}&stadsdeel={other}",
                  f"soort={kind}&leeftijd=peuter", f"wijk={item.area}&wijk={item.area}", "wijk=nergens",
                  "leeftijd=peuter&gratis=1", f"soort={kind}&soort={kind}", "stadsdeel=nergens&leeftijd=baby"):
        assert embeds.query_embed(catalog, parse_qs(query)) is None, query


def queries(catalog):
    """Many combinations of the filters, with and without a list of their own."""
    item = wijk_age(catalog)
    areas = catalog.site.areas.areas
    wijken = [item.area, next(w.key for w in catalog.site.areas.neighbourhoods if w.key != item.area), "nergens"]
    districts = [areas[item.area].parent, next(d.key for d in catalog.site.areas.districts
                                               if d.key != areas[item.area].parent)]
    ages = ["peuter", "senior", "3", "2.5"]
    # a soort without a list in the first wijk and one with (where the build made one)
    with_list = [l.key.split("/")[1] for l in all_listings(catalog) if l.kind == "wijk-soort" and l.key.startswith(f"{item.area}/")]
    kinds = list(dict.fromkeys([next(iter(catalog.site.kinds)), *with_list[:1], "nergens"]))
    extras = [{}, {"dag": ["zaterdag"]}, {"gratis": ["1"]}, {"dag": ["maandag", "dinsdag"]}]
    result = []
    for wijk, district, age, kind, extra in itertools.product([None, *wijken], [None, *districts], [None, *ages],
                                                              [None, *kinds], extras):
        query = {k: [v] for k, v in (("wijk", wijk), ("stadsdeel", district), ("leeftijd", age), ("soort", kind)) if v}
        result.append({**query, **extra})
    return result


@pytest.mark.browser
def test_the_script_sends_the_same_queries_on_as_the_reference(browser, site_url, catalog):
    """ListPage.find (what /embed/ and the home page use) against embeds.query_embed, for hundreds
    of combinations (the script runs in the built /embed/ page, with the keys it carries)."""
    cases = queries(catalog)
    want = []
    for query in cases:
        spec = embeds.query_embed(catalog, query)
        want.append(spec.url[:-len("embed/")] if spec else None)
    assert 20 < sum(w is not None for w in want) < len(want)
    context = browser.new_context(viewport=PHONE)
    try:
        tab = context.new_page()
        tab.goto(site_url + "embed/")
        got = tab.evaluate("""cases => {
            const keys = JSON.parse(document.querySelector('script[data-lists]').dataset.lists);
            return cases.map(q => {
                const params = new URLSearchParams();
                Object.entries(q).forEach(([k, vs]) => vs.forEach(v => params.append(k, v)));
                const m = window.ListPage.find(params, keys);
                return m ? m.path : null;
            });
        }""", cases)
    finally:
        context.close()
    wrong = [(urlencode(q, doseq=True), g, w) for q, g, w in zip(cases, got, want) if g != w]
    assert not wrong, wrong[:10]


@pytest.mark.browser
@pytest.mark.parametrize("code", ["nl", "en"])
def test_the_query_string_embed_goes_on_to_the_real_embed(browser, site_url, catalog, code):
    """/embed/?wijk=…&leeftijd=… at 390 × 844: the reader lands on the list's own embed (its heading,
    title and activities, as built), other parameters and the fragment kept, and the back button
    skips the old address (location.replace). A soort alone goes to the soort's embed."""
    item = wijk_age(catalog)
    kind = next(listing for listing in all_listings(catalog)
                if listing.kind == "soort" and any(is_current(catalog, a) for a in listing.activities))
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    try:
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        for query, target in ((f"?wijk={item.area}&leeftijd={item.group.key}&bron=kdv#lijst",
                               f"{item.url}embed/"),
                              (f"?soort={kind.key}", f"{kind.url}embed/")):
            real = site_url + prefix(code) + target
            heading, title, slugs = bare_page(browser, real)
            tab.goto(site_url + prefix(code) + "agenda/")
            tab.goto(site_url + prefix(code) + "embed/" + query)
            wait_until(tab, f"location.pathname === {json.dumps(urlsplit(real).path)}")
            assert tab.text_content("h1").strip() == heading
            assert tab.title() == title
            if "bron" in query:
                assert tab.evaluate("location.search + location.hash") == "?bron=kdv#lijst"
                if code == "nl":
                    assert heading == item.title
            elif code == "nl":
                assert heading == kind.title
            shown = tab.eval_on_selector_all(".embed-card", "els => els.filter(e => e.offsetParent !== null)"
                                                            ".map(e => e.dataset.slug)")
            assert set(shown) == set(slugs) and shown
            tab.go_back()
            wait_until(tab, "location.pathname.endsWith('/agenda/')")
        assert tab.evaluate("document.documentElement.lang") == code
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_filters_without_a_list_of_their_own_stay_on_the_city_embed(page, site_url, catalog):
    """A wijk with a day has no embed of its own: /embed/ stays and filters by itself, as before."""
    current = directory.current_activities(catalog, catalog.activities)
    query, want = next((q, w) for q in (f"wijk={wijk.key}&dag={day}" for wijk in catalog.site.areas.neighbourhoods
                                        for day in ("zaterdag", "woensdag", "maandag"))
                       for w in [[a.slug for a in current if directory.matches(catalog, a, parse_qs(q))]] if w)
    page.goto(f"{site_url}embed/?{query}")
    wait_until(page, "!document.getElementById('cards').hasAttribute('aria-busy')"
                     f" && document.querySelectorAll('.embed-card').length === {min(len(want), embeds.EMBED_LIMIT)}")
    assert urlsplit(page.url).path == "/embed/" and urlsplit(page.url).query == query
    assert set(page.eval_on_selector_all(".embed-card", "els => els.map(e => e.dataset.slug)")) == set(want)
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("code", ["nl", "en"])
def test_the_home_page_with_a_wijk_and_an_age_shows_that_lists_heading_and_title(browser, site_url, catalog, code):
    """The address on old flyers (/?wijk=…&leeftijd=…) at 390 × 844: the home page stays (its filters
    can be changed), with the heading and <title> of the list page as built and a link to it; another
    filter puts the home page's own heading back, and taking it away the list's again."""
    item = wijk_age(catalog)
    real = site_url + prefix(code) + item.url
    heading, title, _ = bare_page(browser, real)
    own_heading, own_title, _ = bare_page(browser, site_url + prefix(code))
    want = {a.slug for a in item.activities if is_current(catalog, a)}
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    try:
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(site_url + prefix(code) + item.home_query)
        wait_until(tab, f"document.querySelectorAll('#cards > li').length === {len(want)}")
        assert urlsplit(tab.url).path == "/" + prefix(code) and urlsplit(tab.url).query == item.home_query[1:]
        assert set(tab.eval_on_selector_all("#cards > li", "els => els.map(e => e.dataset.slug)")) == want
        assert tab.text_content(".md-content h1").strip() == heading
        assert tab.title() == title
        assert tab.is_visible("#list-page-link")
        assert tab.text_content("#list-page-link") == heading
        assert tab.evaluate("document.getElementById('list-page-link').href") == real
        assert tab.locator(".md-content h1").count() == 1
        # another filter: not that list any more
        tab.click("#filters-toggle")
        tab.check("input[name=gratis]")
        wait_until(tab, f"document.title === {json.dumps(own_title)}")
        assert tab.text_content(".md-content h1").strip() == own_heading
        assert not tab.is_visible("#list-page")
        tab.uncheck("input[name=gratis]")
        wait_until(tab, f"document.title === {json.dumps(title)}")
        assert tab.text_content(".md-content h1").strip() == heading
        # following the link opens the list's own page
        tab.click("#list-page-link")
        wait_until(tab, f"location.href === {json.dumps(real)}")
        assert tab.text_content("h1").strip() == heading
        assert errors == []
        if code == "nl":
            assert heading == item.title
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("code", ["nl", "en"])
def test_the_home_page_with_a_soort_in_a_wijk_shows_that_lists_heading(browser, site_url, catalog, code):
    """/?wijk=…&soort=… where the build made that soort's list in the wijk: once the index has come,
    the heading and <title> of that list page as built and a link to it; and /embed/ with the same
    query goes on to its embed."""
    area, kind, url = kind_area(catalog, "wijk-soort")
    real = site_url + prefix(code) + url
    heading, title, _ = bare_page(browser, real)
    query = urlencode({"wijk": area, "soort": kind})
    context = browser.new_context(viewport=PHONE, locale="nl-NL")
    try:
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(site_url + prefix(code) + "?" + query)
        wait_until(tab, f"document.title === {json.dumps(title)}")
        assert tab.text_content(".md-content h1").strip() == heading
        assert tab.evaluate("document.getElementById('list-page-link').href") == real
        tab.goto(site_url + prefix(code) + "embed/?" + query)
        wait_until(tab, f"location.pathname === {json.dumps(urlsplit(real).path + 'embed/')}")
        assert errors == []
    finally:
        context.close()
