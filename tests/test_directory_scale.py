"""The directory with more activities than the home page holds up front (issue 13.1), and the
'toegankelijk' filter (issue 10.1), on a test-only copy of the content.

The copy adds 90 weekly activities in Almere Poort and one 'late' activity: a single date three
weeks on, in a wijk nobody else uses, with `toegankelijk: [kinderwagen]`. Expected sets come from
the domain (`directory.matches`, `listings`) on the copy's catalog.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
from urllib.parse import parse_qs, urljoin

import pytest
import yaml

from activity_directory.pages import directory
from activity_directory.pages.listings import all_listings, is_current
from activity_directory.content.loading import load_catalog
from activity_directory.dates.occurrences import TZ
from conftest import REFERENCE, ROOT, build_site, copy_project, serve, wait_until
from gates import parse

EXTRA = 90
LATE = "late-activiteit-kinderwagen"
# The reader's clock at the start of the build day: pages are in the order they were built in.
BUILD_MORNING = dt.datetime.combine(REFERENCE, dt.time(0, 5), tzinfo=TZ)


def _write(path, values: dict, body: str) -> None:
    path.write_text(f"---\n{yaml.safe_dump(values, sort_keys=False, allow_unicode=True)}---\n{body}", encoding="utf-8")


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """(site dir, catalog, late wijk) of the enlarged copy, built once for this module."""
    tmp = tmp_path_factory.mktemp("big")
    project = copy_project(tmp / "project")
    activities = project / "content" / "activities"
    source = (activities / "peuter-en-kleutersport-poort.md").read_text(encoding="utf-8")
    _, front, body = source.split("---\n", 2)
    values = yaml.safe_load(front)
    # The copies have no 'toegankelijk', so the late activity is the only one with it beyond the first cards.
    plain = {key: value for key, value in values.items() if key != "toegankelijk"}
    for i in range(EXTRA):
        _write(activities / f"extra-peutersport-{i:02d}.md", {**plain, "titel": f"Extra peutersport {i:02d}"}, body)
    catalog, problems = load_catalog(ROOT / "content", ROOT, today=REFERENCE)
    used = {loc.area for a in catalog.activities for loc in a.locations}
    wijk = next(w.key for w in catalog.site.areas.neighbourhoods if w.key not in used)
    late = {**values, "titel": "Late activiteit met kinderwagen", "toegankelijk": ["kinderwagen"],
            "melding": {"tekst": "Let op: de eerste keer begint een kwartier later.", "tot": REFERENCE + dt.timedelta(days=3)},
            "locatie": {"naam": "Buurthuis De Late", "adres": "Laan 1, Almere", "wijk": wijk},
            "tijden": [{"datum": REFERENCE + dt.timedelta(days=20), "van": "10:00", "tot": "11:00"}]}
    _write(activities / f"{LATE}.md", late, body)
    out = tmp / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    big_catalog, problems = load_catalog(project / "content", project, today=REFERENCE)
    assert not problems, problems
    return out, big_catalog, wijk


@pytest.fixture(scope="module")
def big_url(big):
    server = serve(big[0])
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def expected(catalog, query: str) -> set[str]:
    params = parse_qs(query)
    return {a.slug for a in catalog.activities if is_current(catalog, a) and directory.matches(catalog, a, params)}


def home_slugs(site) -> list[str]:
    return [a["data-slug"] for t, a in parse(site / "index.html").tags if t == "li" and "data-slug" in a]


# --- without a browser ------------------------------------------------------------------


def test_home_html_holds_only_the_soonest_cards(big):
    site, catalog, _ = big
    ordered = [a.slug for a in directory.current_activities(catalog)]
    assert len(ordered) > directory.PAGE_SIZE + EXTRA // 2
    assert home_slugs(site) == ordered[:directory.PAGE_SIZE]
    assert LATE not in (site / "index.html").read_text(encoding="utf-8")
    # The rest is in the index the page fetches: every current activity, in date order.
    data = read_index(site)
    slugs = [r[data["fields"].index("slug")] for r in data["records"]]
    assert slugs == ordered and LATE in slugs


def read_index(site) -> dict:
    """The index file as the browser reads it: a script that passes a JSON string to JSON.parse."""
    import json
    import subprocess

    text = (site / directory.INDEX_PATH).read_text(encoding="utf-8")
    out = subprocess.run(["node", "-e", "let d; globalThis.window = {ActivityIndex: {push: x => d = x}};"
                          "eval(require('fs').readFileSync(0, 'utf8')); process.stdout.write(JSON.stringify(d));"],
                         input=text, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_home_html_size_does_not_grow_with_the_activities(big, built_site):
    small = len(gzip.compress((built_site / "index.html").read_bytes()))
    large = len(gzip.compress((big[0] / "index.html").read_bytes()))
    # 90 more activities: a few more cards up front (up to PAGE_SIZE), not 90 cards and records more.
    assert large < small * 2.2, (small, large)
    assert large < 100_000


def _pages_of(site, url: str) -> list[str]:
    """Follow rel=next from a list page; the URLs of all its pages."""
    seen = [url]
    while True:
        tags = parse(site / seen[-1] / "index.html").tags
        nexts = [a["href"] for t, a in tags if t == "a" and a.get("rel") == "next"]
        if not nexts:
            return seen
        target = urljoin("https://x.invalid/" + seen[-1], nexts[0]).removeprefix("https://x.invalid/")
        prevs = [a["href"] for t, a in parse(site / target / "index.html").tags if t == "a" and a.get("rel") == "prev"]
        assert prevs and urljoin("https://x.invalid/" + target, prevs[0]).removeprefix("https://x.invalid/") == seen[-1]
        assert target not in seen
        seen.append(target)


def test_long_lists_are_paginated_and_complete(big):
    site, catalog, _ = big
    paginated = 0
    for listing in all_listings(catalog):
        if listing.kind == "home":
            continue
        want = [a.slug for a in directory.current_activities(catalog, listing.activities)]
        pages = _pages_of(site, listing.url)
        got = []
        for url in pages:
            slugs = [a["data-slug"] for t, a in parse(site / url / "index.html").tags if t == "li" and "data-slug" in a]
            assert len(slugs) <= directory.LIST_PAGE_SIZE, url
            got += slugs
        assert got == want, listing.url
        if len(pages) > 1:
            paginated += 1
            assert pages[1] == f"{listing.url}pagina/2/"
    assert paginated >= 2


def test_pagination_pages_pass_the_html_and_link_gates(big):
    from test_html_validity import run_vnu
    from test_links import BASE, collect, target_file

    site = big[0]
    pages = sorted(site.glob("**/pagina/*/index.html"))
    assert pages
    report = run_vnu(pages + [site / "index.html"])
    errors = [m for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    assert not errors, errors[:5]
    broken = [f"{rel}: {url}" for rel, _, _, tag, url in collect(site)
              if url.startswith(BASE) and "/pagina/" in rel and target_file(site, url) is None]
    assert not broken, broken[:10]
    for page in pages:
        policies = [a.get("content", "") for t, a in parse(page).tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert len(policies) == 1 and "'unsafe-inline'" not in policies[0], page


def test_toegankelijk_in_the_reference_matcher(big):
    _, catalog, _ = big
    with_pram = expected(catalog, "toegankelijk=kinderwagen")
    assert LATE in with_pram
    assert all("kinderwagen" in catalog.activity(s).accessibility for s in with_pram)
    assert expected(catalog, "toegankelijk=onbekend") == expected(catalog, "")  # unknown values are ignored
    assert LATE not in expected(catalog, "toegankelijk=kinderwagen&toegankelijk=rolstoel")  # all are needed


# --- in the browser -----------------------------------------------------------------------


@pytest.fixture
def tab(browser):
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    yield page
    context.close()


def shown(page) -> list[str]:
    return page.eval_on_selector_all("#cards > li", "els => els.filter(e => e.offsetParent !== null).map(e => e.dataset.slug)")


def count_number(page) -> int:
    return int(re.match(r"\d+", page.text_content("#count")).group())


@pytest.mark.browser
@pytest.mark.parametrize("query", ["toegankelijk=kinderwagen", "wijk={wijk}", "stadsdeel=almere-poort&dag=zaterdag",
                                   "toegankelijk=kinderwagen&gratis=1", "toegankelijk=rolstoel"])
def test_filters_find_activities_beyond_the_first_cards(tab, big, big_url, query):
    _, catalog, wijk = big
    query = query.format(wijk=wijk)
    tab.clock.set_fixed_time(BUILD_MORNING)
    tab.goto(f"{big_url}?{query}")
    want = expected(catalog, query)
    in_order = [a.slug for a in directory.current_activities(catalog) if a.slug in want]
    assert count_number(tab) == len(want)
    assert shown(tab) == in_order[:directory.PAGE_SIZE]
    if query.startswith("toegankelijk=kinderwagen") or query.startswith("wijk="):
        assert LATE in shown(tab)
    assert tab.is_visible("#empty") == (not want)
    assert tab.console_errors == []


@pytest.mark.browser
def test_toon_meer_reaches_the_last_activity(tab, big, big_url):
    _, catalog, _ = big
    ordered = [a.slug for a in directory.current_activities(catalog)]
    tab.clock.set_fixed_time(BUILD_MORNING)
    tab.goto(big_url)
    wait_until(tab, "document.getElementById('results').dataset.ready === 'true'")  # the index is in (after load)
    assert shown(tab) == ordered[:directory.PAGE_SIZE]
    more = tab.locator("#more-cards")
    assert f"nog {len(ordered) - directory.PAGE_SIZE}" in more.text_content()
    clicks = 0
    while more.is_visible():
        before = len(shown(tab))
        more.click()
        clicks += 1
        assert len(shown(tab)) == min(before + directory.PAGE_SIZE, len(ordered))
        # Keyboard users land on the first newly shown card.
        assert tab.evaluate("document.activeElement.closest('li').dataset.slug") == shown(tab)[before]
    assert shown(tab) == ordered and LATE in shown(tab) and clicks >= 1
    # A new filter starts again at the first page.
    tab.click("#filters-toggle")
    tab.select_option("#f-stadsdeel", "almere-poort")
    assert count_number(tab) == len(expected(catalog, "stadsdeel=almere-poort")) > directory.PAGE_SIZE
    assert len(shown(tab)) == directory.PAGE_SIZE
    assert tab.console_errors == []


@pytest.mark.browser
def test_without_javascript_the_home_page_offers_the_list_pages(browser, big, big_url):
    site, catalog, _ = big
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(big_url)
        assert shown(page) == [a.slug for a in directory.current_activities(catalog)][:directory.PAGE_SIZE]
        assert not page.is_visible("#filters") and not page.is_visible("#filters-toggle") and not page.is_visible("#sort")
        hrefs = set(page.eval_on_selector_all(".browse-links a", "els => els.map(e => e.getAttribute('href'))"))
        areas = catalog.site.areas
        assert {f"stadsdelen/{d.key}/" for d in areas.districts} <= hrefs
        assert {f"wijken/{w.key}/" for w in areas.neighbourhoods} <= hrefs
        assert {f"leeftijd/{g}/" for g in ("baby", "peuter", "kleuter", "kind", "tiener", "volwassene", "senior")} <= hrefs
        assert page.is_visible(".browse-links")
    finally:
        context.close()


@pytest.mark.browser
def test_a_notice_with_an_end_is_hidden_once_it_is_over(browser, big, big_url):
    """'melding: {tekst, tot}': shown up to and including 'tot'; a page read later hides it (the build
    leaves it out of pages built after 'tot': Activity.notice_on)."""
    site, catalog, _ = big
    activity = catalog.activity(LATE)
    assert activity.notice_until == REFERENCE + dt.timedelta(days=3)
    html = (site / "activiteiten" / LATE / "index.html").read_text(encoding="utf-8")
    assert activity.notice in html
    for days, visible in ((0, True), (3, True), (4, False), (9, False)):
        context = browser.new_context(locale="nl-NL")
        page = context.new_page()
        try:
            page.clock.set_fixed_time(dt.datetime.combine(REFERENCE + dt.timedelta(days=days), dt.time(23, 59) if days == 3 else dt.time(8, 0), tzinfo=TZ))
            page.goto(f"{big_url}activiteiten/{LATE}/")
            assert page.get_by_text(activity.notice).is_visible() == visible, days
        finally:
            context.close()


@pytest.mark.browser
def test_axe_on_a_pagination_page_and_the_home_page_with_many_activities(browser, big, big_url):
    from test_accessibility import axe_violations

    site = big[0]
    page_two = sorted(p.relative_to(site).parent.as_posix() + "/" for p in site.glob("stadsdelen/*/pagina/2/index.html"))[0]
    context = browser.new_context(locale="nl-NL", bypass_csp=True, viewport={"width": 390, "height": 844})
    failures = {}
    try:
        for url in (page_two, "?toegankelijk=kinderwagen", ""):
            tab = context.new_page()
            tab.goto(big_url + url, wait_until="networkidle")
            if url == "":
                tab.click("#filters-toggle")
                tab.click("#more-cards")
            violations = axe_violations(tab)
            if violations:
                failures[url] = violations
            tab.close()
    finally:
        context.close()
    assert not failures, failures


def _week_occurrences(catalog, day):
    from activity_directory.dates.occurrences import occurrences

    return {(a.slug, o.start.isoformat()) for a in catalog.activities if is_current(catalog, a)
            for o in occurrences(a, catalog.calendar, day, day)}


def test_week_page_holds_a_bounded_number_of_lines_per_day(big):
    site, catalog, _ = big
    text = (site / "deze-week" / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section class="week-day" data-day="([\d-]+)".*?</section>', text, re.S)
    assert len(sections) == 7
    busy = 0
    for iso, body in zip(sections, re.findall(r'<section class="week-day".*?</section>', text, re.S)):
        want = _week_occurrences(catalog, dt.date.fromisoformat(iso))
        lines = re.findall(r'<li data-slug="([^"]+)" data-start="([^"]+)"', body)
        assert len(lines) == min(len(want), directory.WEEK_DAY_LINES)
        assert {(s, dt.datetime.fromisoformat(t).isoformat()) for s, t in lines} <= want
        if len(want) > directory.WEEK_DAY_LINES:
            busy += 1
            assert f"En nog {len(want) - directory.WEEK_DAY_LINES} keer op deze dag" in body
    assert busy >= 2


@pytest.mark.browser
def test_week_page_shows_more_of_a_busy_day(tab, big, big_url):
    site, catalog, _ = big
    tab.clock.set_fixed_time(BUILD_MORNING)
    tab.goto(big_url + "deze-week/")
    day = next(REFERENCE + dt.timedelta(days=n) for n in range(7)
               if len(_week_occurrences(catalog, REFERENCE + dt.timedelta(days=n))) > directory.WEEK_DAY_LINES)
    want = _week_occurrences(catalog, day)
    section = f".week-day[data-day='{day.isoformat()}']"
    while tab.locator(f"{section} .week-more").is_visible():
        before = tab.locator(f"{section} li").count()
        tab.click(f"{section} .week-more")
        wait_until(tab, f"document.querySelectorAll(\"{section} li\").length > {before}")
        assert tab.evaluate("document.activeElement.closest('li') !== null")
    lines = tab.eval_on_selector_all(f"{section} li", "els => els.map(e => [e.dataset.slug, e.dataset.start])")
    assert {(s, dt.datetime.fromisoformat(t).isoformat()) for s, t in lines} == want
    assert tab.console_errors == []
