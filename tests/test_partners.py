"""Partners (issue 11): embeddable lists, /delen/, flyers and /nieuw.xml.

Expectations come from the domain (listings, the occurrence engine, the
filter reference ``directory.matches``); pages are read with the standard
library's HTML parser, in real Chromium (also in a cross-origin frame, with
JavaScript off and printed to PDF), the QR codes with jsQR and the feed with
feedparser.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import http.server
import json
import re
import shutil
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from activity_directory.pages import directory

from activity_directory.partners import embeds, flyers, sharing, whatsnew
from activity_directory.pages.listings import AGE_GROUPS, all_listings, is_current
from activity_directory.content.loading import load_catalog
from activity_directory.content.model import WEEKDAYS
from activity_directory.dates.occurrences import occurrences
from activity_directory.pages.presentation import activity_url
from conftest import activity_sources, REFERENCE, ROOT, build_site, copy_project, serve, wait_until
from gates import html_pages

SITE = "https://activiteiten.almere.nl/"  # mkdocs.yml's default SITE_URL, which the tests build with
JSQR = ROOT / "node_modules" / "jsqr" / "dist" / "jsQR.js"


class Page(HTMLParser):
    """Start tags with attributes, and the text of elements by class."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def slugs(self, tag: str = "li") -> list[str]:
        return [a["data-slug"] for t, a in self.tags if t == tag and "data-slug" in a]


def read(site: Path, url: str) -> Page:
    return Page((site / url / "index.html").read_text(encoding="utf-8"))


def current_slugs(catalog, activities) -> list[str]:
    return [a.slug for a in directory.current_activities(catalog, activities)]


# -- embeddable lists ------------------------------------------------------------------

def test_every_list_page_has_an_embed_with_its_current_activities(built_site, catalog):
    listings = all_listings(catalog)
    assert {f"{l.url}embed/" for l in listings} <= {s.url for s in embeds.all_embeds(catalog)}
    for listing in listings:
        page = read(built_site, f"{listing.url}embed/")
        assert page.slugs() == current_slugs(catalog, listing.activities)[:embeds.EMBED_LIMIT], listing.url
    for item in embeds.wijk_age_lists(catalog):
        page = read(built_site, f"{item.url}embed/")
        want = [a.slug for a in catalog.activities if is_current(catalog, a)
                and directory.matches(catalog, a, {"wijk": [item.area], "leeftijd": [item.group.key]})]
        assert set(page.slugs()) == set(want), item.url


def test_embed_links_open_in_a_new_tab_and_load_nothing_from_elsewhere(built_site):
    for path in [built_site / "embed" / "index.html", *sorted((built_site / "wijken").glob("*/embed/index.html"))[:5]]:
        page = Page(path.read_text(encoding="utf-8"))
        links = [a for t, a in page.tags if t == "a"]
        assert links, path
        for attrs in links:
            assert attrs.get("target") == "_blank" and "noopener" in attrs.get("rel", "").split(), (path, attrs)
        for tag, attrs in page.tags:
            for name in ("src", "href"):
                assert not urlsplit(attrs.get(name, "")).netloc or tag == "a", (path, tag, attrs)
        # no site chrome: no theme script, header or search
        text = path.read_text(encoding="utf-8")
        assert "md-header" not in text and "javascripts/bundle" not in text


@pytest.mark.browser
def test_wijk_embed_lists_its_activities_without_javascript(browser, site_url, catalog):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        for listing in [l for l in all_listings(catalog) if l.kind == "wijk"][:6]:
            tab.goto(f"{site_url}{listing.url}embed/")
            shown = tab.eval_on_selector_all(".embed-card", "els => els.filter(e => e.offsetParent !== null)"
                                                            ".map(e => e.dataset.slug)")
            assert shown == current_slugs(catalog, listing.activities), listing.url
            for slug in shown:
                assert tab.is_visible(f".embed-card[data-slug='{slug}'] h2 a")
    finally:
        context.close()


class _Host(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def host_page(tmp_path, site_url):
    """A page of another website (another origin: its own port) with the snippets from /delen/."""
    def make(embed_path: str) -> str:
        catalog_site = site_url  # the embed is served by the site's own server
        origin = catalog_site.rstrip("/")
        title = "Activiteiten"
        html = ("<!doctype html><html lang='nl'><head><meta charset='utf-8'><title>KDV De Vlinder</title></head>"
                "<body><h1>Kinderdagverblijf De Vlinder</h1><p>Activiteiten in onze buurt:</p>"
                + sharing.iframe_snippet(site_url + embed_path, title)
                + sharing.resize_snippet(origin + "/") + "</body></html>")
        (tmp_path / "index.html").write_text(html, encoding="utf-8")
        return f"http://127.0.0.1:{server.server_address[1]}/index.html"

    handler = functools.partial(_Host, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield make
    server.shutdown()


def _frame_slugs(frame) -> list[str]:
    return frame.eval_on_selector_all(".embed-card", "els => els.filter(e => e.offsetParent !== null)"
                                                     ".map(e => e.dataset.slug)")


@pytest.mark.browser
@pytest.mark.parametrize("wijk", ["homeruskwartier", "olympiakwartier"])
def test_wijk_embed_in_a_cross_origin_frame_lists_what_the_home_page_lists(browser, site_url, catalog, host_page,
                                                                          wijk):
    """(/embed/?stadsdeel=… with the home page's filters comes with branch h/partners-embeds, after h/directory.)"""
    query = f"wijk={wijk}"
    want = {a.slug for a in catalog.activities if is_current(catalog, a)
            and directory.matches(catalog, a, parse_qs(query))}
    assert want
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        home = context.new_page()
        home.goto(f"{site_url}?{query}")
        on_home = set(home.eval_on_selector_all("#cards > li", "els => els.filter(e => e.offsetParent !== null)"
                                                               ".map(e => e.dataset.slug)"))
        assert on_home == want
        tab = context.new_page()
        requested = []
        tab.on("request", lambda r: requested.append(r.url))
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        url = host_page(f"wijken/{wijk}/embed/")
        assert urlsplit(url).netloc != urlsplit(site_url).netloc  # another origin
        tab.goto(url, wait_until="networkidle")
        frame = tab.frame_locator("iframe").first
        wait_until(tab, "document.querySelector('iframe').contentWindow !== null")
        inner = next(f for f in tab.frames if f.url.startswith(site_url))
        assert set(_frame_slugs(inner)) == want
        # the resize snippet gave the frame the list's height (it was 600)
        height = wait_until(tab, "(() => { const h = parseFloat(getComputedStyle(document.querySelector('iframe')).height);"
                                 " return h !== 600 ? h : 0; })()")
        content = inner.evaluate("Math.ceil(document.getElementById('embed-root').getBoundingClientRect().height)")
        assert abs(height - content) <= 1
        assert frame.locator(".embed-card a").first.get_attribute("target") == "_blank"
        foreign = [u for u in requested if not u.startswith(site_url) and not u.startswith(url.rsplit("/", 1)[0])]
        assert foreign == [] and errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_embed_dates_are_right_on_the_day_it_is_read(browser, site_url, catalog):
    """Read ten days after the build, every card shows its first date from that day on (livedates.js)."""
    from activity_directory.dates.occurrences import local, occurrences

    listing = max((l for l in all_listings(catalog) if l.kind == "stadsdeel"), key=lambda l: len(l.activities))
    later = local(REFERENCE + dt.timedelta(days=10), dt.time(12, 0))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.clock.install(time=later)
        tab.goto(f"{site_url}{listing.url}embed/")
        shown = tab.eval_on_selector_all(".embed-card", """els => els.map(e => {
            const t = [...e.querySelectorAll('.embed-when time')].find(t => !t.hidden);
            return [e.dataset.slug, t ? t.dataset.start : null]; })""")
        assert shown
        for slug, start in shown:
            activity = catalog.by_slug[slug]
            first = [o for o in occurrences(activity, catalog.calendar, later.date(), later.date() + dt.timedelta(days=60))
                     if o.end > later]
            if start is not None:
                assert dt.datetime.fromisoformat(start) == first[0].start, slug
        starts = [dt.datetime.fromisoformat(s) for _, s in shown if s]
        assert starts == sorted(starts)  # re-sorted by the reader's clock
    finally:
        context.close()


@pytest.mark.browser
def test_embed_scrolls_in_a_fixed_frame_without_the_resize_snippet(browser, site_url, tmp_path):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        tab = context.new_page()
        tab.set_content(sharing.iframe_snippet(site_url + "embed/", "Activiteiten"))
        wait_until(tab, "document.querySelector('iframe').contentDocument === null")  # cross-origin: no access
        inner = next(f for f in tab.frames if f.url.startswith(site_url))
        inner.wait_for_selector(".embed-card")
        assert tab.evaluate("document.querySelector('iframe').getBoundingClientRect().height") == 600
        assert inner.evaluate("document.scrollingElement.scrollHeight > window.innerHeight")
        inner.evaluate("window.scrollTo(0, 400)")
        assert inner.evaluate("window.scrollY") > 0
    finally:
        context.close()


# -- /delen/ -----------------------------------------------------------------------------

def test_share_page_without_javascript_links_every_area(built_site, catalog):
    page = read(built_site, "delen/")
    hrefs = {a["href"] for t, a in page.tags if t == "a" and "href" in a}
    areas = catalog.site.areas
    for area in [*areas.districts, *areas.neighbourhoods]:
        prefix = "stadsdelen" if area.level == "stadsdeel" else "wijken"
        for suffix in ("", "embed/", "flyer/", "agenda.ics"):
            assert f"../{prefix}/{area.key}/{suffix}" in hrefs, (area.key, suffix)
    for kind in catalog.site.kinds:  # a soort's list for the whole municipality, with its embed and feed
        for suffix in ("", "embed/", "agenda.ics"):
            assert f"../soorten/{kind}/{suffix}" in hrefs, (kind, suffix)
    text = (built_site / "delen" / "index.html").read_text(encoding="utf-8")
    assert "&lt;iframe src=&#34;https://activiteiten.almere.nl/embed/&#34;" in text or \
        "&lt;iframe src=&quot;https://activiteiten.almere.nl/embed/&quot;" in text
    assert "<iframe" not in text  # the preview is made by the script; the page itself frames nothing


@pytest.mark.browser
def test_share_page_with_the_keyboard_gives_working_code_links_and_preview(browser, site_url, built_site, catalog):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    try:
        tab = context.new_page()
        errors = []
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(site_url + "delen/", wait_until="networkidle")
        tab.focus("#share-area")
        wijk = catalog.site.areas.neighbourhoods[3]
        # choose with the keyboard: type-ahead on the option's text, then the age group
        while tab.input_value("#share-area") != f"wijken/{wijk.key}/":
            tab.keyboard.press("ArrowDown")
        tab.keyboard.press("Tab")
        assert tab.evaluate("document.activeElement.id") == "share-group"
        while tab.input_value("#share-group") != "leeftijd/peuter/":
            tab.keyboard.press("ArrowDown")
        base = f"wijken/{wijk.key}/leeftijd/peuter/"
        code = tab.input_value("#share-code")
        assert f'src="{SITE}{base}embed/"' in code and 'loading="lazy"' in code and 'title="' in code
        assert tab.input_value("#share-link") == SITE + base  # the list's own page (issue 20.6)
        assert tab.input_value("#share-feed") == SITE + base + "agenda.ics"
        preview = tab.get_attribute("#share-preview iframe", "src")
        assert preview == f"{site_url}{base}embed/"
        inner = wait_until(tab, f"[...document.querySelectorAll('iframe')].some(f => f.contentDocument && "
                                f"f.contentDocument.querySelector('.embed-root') && f.src.endsWith('{base}embed/'))")
        assert inner
        # copy with the keyboard
        tab.focus(".share-copy[data-copy='share-code']")
        tab.keyboard.press("Enter")
        wait_until(tab, "document.querySelector('.share-copied').textContent.length > 0")
        assert tab.evaluate("navigator.clipboard.readText()") == code
        # every address the script builds, for every choice, exists in the site
        built = tab.evaluate("""() => {
          const area = document.getElementById('share-area'), group = document.getElementById('share-group');
          const out = [];
          for (const a of area.options) for (const g of group.options) {
            area.value = a.value; group.value = g.value;
            area.dispatchEvent(new Event('change'));
            const flyer = document.getElementById('share-flyer-text').hidden ? null : document.getElementById('share-flyer').href;
            out.push([document.getElementById('share-embed-link').href, document.getElementById('share-page-link').href,
                      document.getElementById('share-feed').value, flyer]);
          }
          return out;
        }""")
        assert len(built) == (1 + len(catalog.site.areas.districts) + len(catalog.site.areas.neighbourhoods)) * (1 + len(AGE_GROUPS))
        for embed, page_link, feed, flyer in built:
            for url in (embed, page_link, flyer):
                if url:
                    path = urlsplit(url).path.lstrip("/")
                    assert (built_site / path / "index.html").is_file(), url
            assert "?" not in page_link, page_link  # every choice has a page of its own (issue 20.6)
            assert (built_site / feed.removeprefix(SITE)).is_file(), feed
        # a soort instead of an age group: the list sharing.kind_choice picks, or not offered where it has none
        by_kind = tab.evaluate("""() => {
          const area = document.getElementById('share-area'), kind = document.getElementById('share-kind');
          const group = document.getElementById('share-group');
          const out = [];
          for (const a of area.options) {
            area.value = a.value; area.dispatchEvent(new Event('change'));
            for (const k of [...kind.options].slice(1)) {
              if (k.disabled) { out.push([a.value, k.value, null]); continue; }
              group.value = 'leeftijd/peuter/'; group.dispatchEvent(new Event('change'));
              kind.value = k.value; kind.dispatchEvent(new Event('change'));
              out.push([a.value, k.value, {group: group.value, page: document.getElementById('share-link').value,
                        embed: document.getElementById('share-embed-link').href, feed: document.getElementById('share-feed').value,
                        title: document.getElementById('share-title').textContent,
                        same: !document.getElementById('share-same').hidden,
                        flyer: document.getElementById('share-flyer-text').hidden ? null : document.getElementById('share-flyer').href}]);
            }
          }
          return out;
        }""")
        areas = {a["prefix"]: a for a in sharing.share_view(catalog, SITE)["areas"]}
        assert len(by_kind) == len(areas) * len(catalog.site.kinds)
        for area_prefix, kind_prefix, shown in by_kind:
            listing = sharing.kind_choice(catalog, areas[area_prefix], kind_prefix.split("/")[1])
            if listing is None:
                assert shown is None, (area_prefix, kind_prefix)
                continue
            assert shown["group"] == ""  # a soort sets the age group back to all: no list has both
            assert shown["page"] == SITE + listing.url, (area_prefix, kind_prefix, shown)
            assert shown["feed"] == SITE + listing.feed_url
            assert shown["same"] == (listing.url != area_prefix + kind_prefix and bool(area_prefix))
            for url in (shown["embed"], shown["flyer"]):
                if url:
                    assert (built_site / urlsplit(url).path.lstrip("/") / "index.html").is_file(), url
            assert (shown["flyer"] is not None) == (listing.kind in ("stadsdeel", "wijk"))
        assert errors == []
    finally:
        context.close()


def test_a_soort_in_an_area_on_the_share_page_is_the_list_of_exactly_its_activities(catalog):
    """sharing.kind_choice: the list that holds a soort's activities in an area (its own, or the area's
    or the soort's when that holds the same), against the activities counted here from the model."""
    areas = sharing.share_view(catalog, SITE)["areas"]
    whole_city = tuple(catalog.activities)
    seen = set()
    for area in areas:
        for kind in catalog.site.kinds:
            wanted = {a.slug for a in whole_city if kind in a.kinds
                      and (not area["prefix"] or any(area["key"] in {x.key for x in catalog.site.areas.ancestors(loc.area)}
                                                     or loc.area == catalog.site.areas.root.key for loc in a.locations))}
            listing = sharing.kind_choice(catalog, area, kind)
            if not area["prefix"]:
                assert listing is not None and listing.url == f"soorten/{kind}/"
            elif not wanted:
                assert listing is None, (area["key"], kind)
                continue
            assert {a.slug for a in listing.activities} == wanted, (area["key"], kind, listing.url)
            seen.add(listing.kind)
    assert {"stadsdeel-soort", "wijk-soort", "soort", "wijk"} <= seen  # the reference content has each case


# -- flyers ------------------------------------------------------------------------------

def test_flyer_lists_weekly_times_by_weekday(catalog):
    for spec in flyers.all_flyers(catalog):
        view = flyers.flyer_view(catalog, spec, lambda path: SITE + path)
        chosen = flyers.flyer_activities(catalog, spec)
        shown = {e["slug"] for s in view["sections"] for e in s["entries"]}
        assert view["count"] == len(shown) and shown <= {a.slug for a in chosen}
        if view["more"] is None:
            assert shown == {a.slug for a in chosen if flyers._lines(catalog, a, spec.area)}, spec.url
        else:
            assert view["more"]["count"] == len(chosen) - len(shown)
        for section in view["sections"]:
            if section["name"] == "Op deze datums":
                continue
            day = WEEKDAYS.index(section["name"].lower())
            for entry in section["entries"]:
                activity = catalog.by_slug[entry["slug"]]
                times = {f"{s.start:%H:%M}–{s.end:%H:%M}" for s in activity.slots if day in s.weekdays}
                assert entry["time"] in times, (spec.url, entry)
            starts = [e["time"][:5] for e in section["entries"]]
            assert starts == sorted(starts)
        assert view["made"] and "2026" in view["made"]


@pytest.mark.parametrize("days_later", [0, 107, 282])  # 2026-11-23, a month before a new season, in it
def test_flyer_prints_each_activity_once_a_day_with_the_schedule_of_its_weeks(days_later):
    """A weekly line is on the flyer only when the occurrence engine gives it a date in the flyer's
    weeks; a season that starts in them is said on the same line ('vanaf …'), not as another entry."""
    today = REFERENCE + dt.timedelta(days=days_later)
    catalog, _ = load_catalog(ROOT / "content", ROOT, today=today)
    first, last = flyers.flyer_weeks(today)
    assert (last - first).days + 1 == 7 * flyers.FLYER_WEEKS
    seasons = 0
    for spec in flyers.all_flyers(catalog):
        view = flyers.flyer_view(catalog, spec, lambda path: SITE + path)
        for section in view["sections"]:
            if section["name"] == "Op deze datums":
                continue
            day = WEEKDAYS.index(section["name"].lower())
            seen = [(e["slug"], e["place"], e["time"]) for e in section["entries"]]
            assert len(seen) == len(set(seen)), (spec.url, section["name"])
            for entry in section["entries"]:
                activity = catalog.by_slug[entry["slug"]]
                found = {f"{o.start:%H:%M}–{o.end:%H:%M}" for o in occurrences(activity, catalog.calendar, first, last)
                         if o.start.weekday() == day}
                if found:  # else the activity starts after the flyer's weeks and says 'vanaf'
                    assert entry["time"] in found, (spec.url, entry, found)
                else:
                    assert any(n.startswith("vanaf ") for n in entry["notes"]), (spec.url, entry)
                seasons += any(re.match(r"vanaf \d+ \w+( \d{4})? \d\d:\d\d–\d\d:\d\d$", n) for n in entry["notes"])
    haven = next(s for s in flyers.all_flyers(catalog) if s.area == "almere-haven" and s.group is None)
    view = flyers.flyer_view(catalog, haven, lambda path: SITE + path)
    speelhaven = [(s["name"], e["time"]) for s in view["sections"] for e in s["entries"] if e["slug"] == "speeltuin-de-speelhaven"]
    assert sorted(name for name, _ in speelhaven) == ["Woensdag", "Zaterdag", "Zondag"]
    if days_later == 107:
        assert seasons >= 3  # De Speelhaven's summer times, on its three days


def _decode_qr(browser, svg: str) -> str | None:
    reader = browser.new_page()
    try:
        reader.set_content("<!doctype html><title>qr</title>")
        reader.add_script_tag(content=JSQR.read_text(encoding="utf-8"))
        return reader.evaluate("""async (svg) => {
          const img = new Image(); img.src = 'data:image/svg+xml;base64,' + svg; await img.decode();
          const size = 400, canvas = document.createElement('canvas'); canvas.width = canvas.height = size;
          const ctx = canvas.getContext('2d'); ctx.imageSmoothingEnabled = false; ctx.drawImage(img, 0, 0, size, size);
          const found = jsQR(ctx.getImageData(0, 0, size, size).data, size, size);
          return found ? found.data : null; }""", base64.b64encode(svg.encode("utf-8")).decode("ascii"))
    finally:
        reader.close()


FIT = """() => {
  const days = document.querySelector('.sheet-days').getBoundingClientRect();
  const cut = [...document.querySelectorAll('.day li, .day h2, .sheet-more, .sheet-foot')].filter(el => {
    const r = el.getBoundingClientRect(), box = el.closest('.sheet-days') ? days : document.querySelector('.sheet').getBoundingClientRect();
    return r.width < 1 || r.bottom > box.bottom + 0.5 || r.right > box.right + 0.5;
  });
  return cut.map(el => el.textContent.trim().slice(0, 40));
}"""


def _print_check(tab, url: str) -> tuple[int, list[str]]:
    """Sheets in Chromium's print-to-PDF, and what the printed sheet cuts off (the tab stays in print media)."""
    tab.emulate_media(media="print")
    tab.goto(url, wait_until="load")
    tab.wait_for_selector(".poster-qr svg")
    pdf = tab.pdf(format="A4", print_background=True)
    return pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages"), tab.evaluate(FIT)


@pytest.mark.browser
def test_flyers_print_on_one_a4_sheet_with_a_qr_code_to_their_list(browser, site_url, catalog):
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    try:
        tab = context.new_page()
        specs = flyers.all_flyers(catalog)
        fullest = sorted(specs, key=lambda s: -len(flyers.flyer_activities(catalog, s)))[:6]
        for spec in [s for s in specs if s.group is None] + fullest + [s for s in specs if s.group][:3]:
            sheets, cut = _print_check(tab, site_url + spec.url)
            assert sheets == 1 and cut == [], (spec.url, sheets, cut)
            svg = tab.evaluate("document.querySelector('.poster-qr svg').outerHTML")
            assert _decode_qr(browser, svg) == SITE + spec.list_url, spec.url
            assert flyers.short_url(SITE + spec.list_url) in tab.text_content(".poster-qr figcaption").replace("\u200b", "")
        # ?leeftijd=peuter opens the flyer for that age group
        tab.emulate_media(media="screen")
        spec = next(s for s in specs if s.group is None)
        tab.goto(f"{site_url}{spec.url}?leeftijd=peuter")
        wait_until(tab, "location.pathname.endsWith('/leeftijd/peuter/flyer/')")
        assert tab.text_content("h1").startswith(next(g.name for g in AGE_GROUPS if g.key == "peuter"))
    finally:
        context.close()


@pytest.mark.browser
def test_a_wijk_for_one_age_group_has_a_page_of_its_own(browser, page, site_url, catalog):
    """Issue 20.6: the list behind a wijk × age group's feed, embed and flyer is a real page: its own
    heading, <title> and link preview, and its list without JavaScript. The flyer's QR code and the
    link on /delen/ hold it; the home page with the same filters (printed before) shows the same."""
    item = next(i for i in embeds.wijk_age_lists(catalog) if any(is_current(catalog, a) for a in i.activities))
    spec = next(s for s in flyers.all_flyers(catalog) if s.area == item.area and s.group == item.group)
    assert spec.list_url == item.url == f"wijken/{item.area}/leeftijd/{item.group.key}/"
    want = {a.slug for a in item.activities if is_current(catalog, a)}
    # The same activities as the home page's filters pick (an independent rule: directory.matches).
    assert want == {a.slug for a in catalog.activities if is_current(catalog, a)
                    and directory.matches(catalog, a, {"wijk": [item.area], "leeftijd": [item.group.key]})}
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        bare = context.new_page()
        response = bare.goto(site_url + item.url)
        assert response.status == 200
        assert bare.text_content("h1").strip() == item.title
        assert bare.title().startswith(item.title)
        assert item.title in bare.get_attribute('meta[property="og:title"]', "content")
        description = bare.get_attribute('meta[property="og:description"]', "content")
        assert catalog.site.areas.areas[item.area].name in description and "35" not in description
        assert set(bare.eval_on_selector_all("#cards > li, .cards > li", "els => els.map(e => e.dataset.slug)")) == want
        # The wijk's page leads to it, and it back to the wijk.
        bare.goto(site_url + f"wijken/{item.area}/")
        assert bare.locator(f'a[href$="leeftijd/{item.group.key}/"]').count() >= 1
    finally:
        context.close()
    page.goto(site_url + item.home_query)
    wait_until(page, f"document.querySelectorAll('#cards > li').length === {len(want)}")
    shown = set(page.eval_on_selector_all("#cards > li", "els => els.filter(e => e.offsetParent !== null)"
                                                          ".map(e => e.dataset.slug)"))
    assert shown == want
    assert set(read_embed_slugs(page, site_url, f"{item.url}embed/")) == want


def read_embed_slugs(page, site_url, url):
    page.goto(site_url + url)
    return _frame_slugs(page.main_frame)


CROWDED = """---
titel: "{title}"
samenvatting: Een activiteit om te kijken of de flyer op één blad past.
organisatie: {organisation}
soort: [{kind}]
leeftijd: {{van: 2, tot: 4}}
kosten: {cost}
aanmelden: inloop
locatie: {{naam: Buurthuis met een heel lange naam aan de rand van de wijk, adres: "Teststraat {n}, Almere", wijk: {wijk}}}
tijden:
  - {{dag: {day}, van: "{hour:02d}:00", tot: "{hour:02d}:45"}}
  - {{dag: {day2}, van: "{hour:02d}:15", tot: "{hour:02d}:50"}}
schoolvakanties: {holidays}
gecontroleerd: 2026-11-0{check}
---
Tekst.
"""


@pytest.mark.browser
def test_a_crowded_wijk_gets_smaller_type_and_says_how_many_more(browser, tmp_path, catalog):
    """More activities than fit: the smallest type, as many as fit, and 'En nog N activiteiten'."""
    import yaml

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    wijk = catalog.site.areas.neighbourhoods[0].key
    organisation = next(iter(catalog.site.organisations))
    kind = next(iter(catalog.site.kinds))
    for n in range(70):
        title = f"Peutergym met spelletjes, liedjes en een verhaal voor de kleinsten nummer {n}"
        (content / "activities" / f"drukte-{n:02d}.md").write_text(CROWDED.format(
            title=title, organisation=organisation, kind=kind, wijk=wijk, n=n, day=WEEKDAYS[n % 7],
            day2=WEEKDAYS[(n + 3) % 7], hour=8 + n % 11, holidays="vrij" if n % 2 else "gaat door",
            cost="gratis" if n % 3 else "{bedrag: 2.5, per: les}", check=1 + n % 9), encoding="utf-8")
    project = copy_project(tmp_path / "project", content=content)
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    crowded, _ = load_catalog(content, project, today=REFERENCE)
    # an embedded list shows the soonest EMBED_LIMIT and links to the rest
    everything = current_slugs(crowded, crowded.activities)
    assert len(everything) > embeds.EMBED_LIMIT
    city = (out / "embed" / "index.html").read_text(encoding="utf-8")
    assert Page(city).slugs() == everything[:embeds.EMBED_LIMIT]
    assert f"Bekijk de andere {len(everything) - embeds.EMBED_LIMIT} activiteiten" in re.sub(r"<[^>]+>", "", city)
    spec = next(s for s in flyers.all_flyers(crowded) if s.area == wijk and s.group is None)
    total = len(flyers.flyer_activities(crowded, spec))
    server = serve(out)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    context = browser.new_context(viewport={"width": 794, "height": 1123})
    try:
        tab = context.new_page()
        sheets, cut = _print_check(tab, base + spec.url)
        assert sheets == 1 and cut == [], (sheets, cut)
        assert "flyer--klein" in tab.get_attribute(".sheet", "class")
        shown = set(tab.eval_on_selector_all(".day li", "els => els.map(e => e.dataset.slug)"))
        more = int(re.search(r"En nog (\d+) activiteit", tab.text_content(".sheet-more")).group(1))
        assert len(shown) + more == total, (len(shown), more, total)
        # as many as fit: the two columns are mostly full
        used = tab.evaluate("""() => {
          const days = document.querySelector('.sheet-days').getBoundingClientRect();
          const parts = [...document.querySelectorAll('.day li, .day h2')].map(e => e.getBoundingClientRect().height);
          return parts.reduce((a, b) => a + b, 0) / (2 * days.height); }""")
        assert used > 0.7, used
        # the stadsdeel's flyer for peuters too
        district = catalog.site.areas.district_of(wijk).key
        sheets, cut = _print_check(tab, f"{base}stadsdelen/{district}/leeftijd/peuter/flyer/")
        assert sheets == 1 and cut == []
    finally:
        context.close()
        server.shutdown()


# -- /nieuw.xml ------------------------------------------------------------------------

def test_whats_new_is_a_valid_atom_feed_linking_to_activity_pages(built_site, catalog):
    import feedparser

    data = (built_site / "nieuw.xml").read_bytes()
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert 0 < len(parsed.entries) <= whatsnew.MAX_ENTRIES
    newest = sorted(catalog.activities, key=lambda a: a.checked, reverse=True)
    assert len(parsed.entries) == min(whatsnew.MAX_ENTRIES, len(newest))
    dates = [e.updated_parsed for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    for entry in parsed.entries:
        assert entry.link.startswith(SITE + "activiteiten/"), entry.link
        slug = entry.link.removeprefix(SITE + "activiteiten/").strip("/")
        activity = catalog.by_slug[slug]
        assert (built_site / "activiteiten" / slug / "index.html").is_file()
        assert entry.updated.startswith(activity.checked.isoformat())
        assert activity.title in entry.title and activity.summary in entry.summary
        if activity.active:
            assert "Wanneer:" in entry.summary
    assert parsed.feed.links and any(l.rel == "self" and l.href == SITE + "nieuw.xml" for l in parsed.feed.links)


def test_whats_new_dates_do_not_move_when_nothing_changed(catalog, tmp_path):
    """The same content on other days, and without git, gives the same feed; a change moves only that entry."""
    later, _ = load_catalog(ROOT / "content", ROOT, today=REFERENCE + dt.timedelta(days=40))
    assert whatsnew.atom(catalog, SITE, "Activiteiten") == whatsnew.atom(later, SITE, "Activiteiten")
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns(".git"))
    changed = activity_sources(content / "activities")[0]
    text = changed.read_text(encoding="utf-8")
    newest = max(a.checked for a in catalog.activities) + dt.timedelta(days=1)  # checked after every other one
    changed.write_text(re.sub(r"(?m)^gecontroleerd: .*$", f"gecontroleerd: {newest.isoformat()}", text) + "\nNieuwe zin.\n",
                       encoding="utf-8")
    edited, problems = load_catalog(content, tmp_path, today=REFERENCE)
    assert not problems
    before = {a.slug: whatsnew.updated(a) for a in whatsnew.entries(catalog)}
    after = {a.slug: whatsnew.updated(a) for a in whatsnew.entries(edited)}
    assert whatsnew.entries(edited)[0].slug == changed.stem
    assert {s: d for s, d in after.items() if s != changed.stem} == {s: d for s, d in before.items()
                                                                      if s in after and s != changed.stem}


def test_pages_advertise_the_whats_new_feed(built_site):
    checked = 0
    for path in html_pages(built_site):
        rel = path.relative_to(built_site).as_posix()
        text = path.read_text(encoding="utf-8")
        if 'class="md-header' not in text:
            continue  # pages without the site's chrome: embeds, flyers, the web editor
        checked += 1
        assert re.search(r'<link rel="alternate" type="application/atom\+xml" [^>]*href="[./]*nieuw\.xml"', text), rel
    assert checked > 50


MEASURE = """(samples) => {
  const sheet = document.querySelector('.sheet');
  return samples.map(t => [400, 700].map(w => {
    const line = document.createElement('p'), span = document.createElement('span');
    Object.assign(span.style, {fontSize: '100px', fontWeight: String(w), whiteSpace: 'pre'});
    span.textContent = t;
    line.append(span);
    sheet.append(line);
    const width = span.getBoundingClientRect().width;
    line.remove();
    return width;
  }));
}"""


@pytest.mark.browser
def test_text_widths_are_chromiums(page, site_url, catalog):
    """The flyer's fitting counts lines with textmetrics: its widths must be what Chromium shows on a flyer,
    in the typeface the site itself serves (never a font of this computer)."""
    from activity_directory.partners import textmetrics

    page.goto(site_url + flyers.all_flyers(catalog)[0].url, wait_until="load")
    page.evaluate("document.fonts.ready")
    fonts = page.evaluate("""() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family + ' ' + f.weight)""")
    assert sorted(fonts) == ["Atkinson Hyperlegible 400", "Atkinson Hyperlegible 700"]
    loaded = page.evaluate("performance.getEntriesByType('resource').map(e => e.name).filter(n => n.endsWith('.ttf'))")
    assert sorted(loaded) == sorted(site_url + uri for uri in textmetrics.FONT_FILES)
    samples = ["Peuter- en kleutersport Poort", "09:30–10:15 Muziek op schoot", "Buurthuis · 2 tot en met 6 jaar · € 2,50",
               "Ouder-en-kindinloop Poort", "Gratis", "ffi fl Wa To AV", textmetrics.CHARACTERS]
    measured = page.evaluate(MEASURE, samples)
    for text, (regular, bold) in zip(samples, measured):
        assert textmetrics.width(text, 100) == pytest.approx(regular, rel=0.002), text
        assert textmetrics.width(text, 100, bold=True) == pytest.approx(bold, rel=0.002), text
    assert textmetrics.line_count("een twee drie", 100, textmetrics.width("een twee", 100)) == 2


@pytest.mark.browser
def test_share_page_never_offers_a_feed_too_large_for_calendar_apps(page, site_url, built_site):
    """/delen/ marks a feed over 1 MB as data and says so for the chosen feed (states as at scale)."""
    html = (built_site / "delen" / "index.html").read_text(encoding="utf-8")
    states = json.loads(re.search(r'id="share-feed-states">(.*?)</script>', html).group(1))
    states["agenda.ics"] = "gegevens"
    changed = re.sub(r'(id="share-feed-states">).*?(</script>)', lambda m: m.group(1) + json.dumps(states) + m.group(2), html)
    page.route(re.compile(r".*/delen/$"), lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8",
                                                                      body=changed))
    page.goto(site_url + "delen/")
    page.select_option("#share-area", "")  # Heel Almere, all ages
    page.select_option("#share-group", "")
    page.click("#share-chooser button[type=submit]")
    assert page.is_visible("#share-feed-large")
    page.select_option("#share-group", "leeftijd/peuter/")
    assert page.is_hidden("#share-feed-large")


# -- partners' pages on a phone (issue 20, part 7) ------------------------------------------

FITS = """() => {
  const width = document.documentElement.clientWidth;
  const links = [...document.querySelectorAll('.share-table a')];
  return {scroll: document.documentElement.scrollWidth, width,
          wrap: (w => w.scrollWidth - w.clientWidth)(document.querySelector('.share-table-wrap')),
          outside: links.filter(a => { const r = a.getBoundingClientRect(); return r.left < -0.5 || r.right > width + 0.5; })
                        .map(a => a.textContent),
          broken: links.filter(a => [...a.childNodes].some(n => n.nodeType === 3 &&
                     (r => (r.selectNodeContents(n), r.getClientRects().length > 1))(document.createRange())))
                       .map(a => a.textContent),
          hrefs: links.map(a => a.getAttribute('href')),
          agenda: document.querySelectorAll('.share-table [data-agenda="gegevens"]').length};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 375, 390])
def test_share_page_lists_every_area_without_a_cut_off_column_on_a_phone(browser, site_url, built_site, width):
    """Every link of the table of lists and flyers is on the screen, none breaks, and the page does not
    scroll sideways; the links and data-agenda attributes are those of the page without CSS."""
    html_links = [a["href"] for t, a in read(built_site, "delen").tags if t == "a" and "href" in a]
    context = browser.new_context(viewport={"width": width, "height": 844})
    try:
        tab = context.new_page()
        tab.goto(site_url + "delen/", wait_until="load")
        found = tab.evaluate(FITS)
        assert found["scroll"] <= found["width"] and found["wrap"] <= 0, found
        assert found["outside"] == [] and found["broken"] == [], found
        assert found["hrefs"] and all(h in html_links for h in found["hrefs"])
        text = (built_site / "delen" / "index.html").read_text(encoding="utf-8")
        assert found["agenda"] == text.count('data-agenda="gegevens"')
        # each link is a big enough target on a touch screen
        heights = tab.eval_on_selector_all(".share-table a", "els => els.map(a => a.getBoundingClientRect().height)")
        assert min(heights) >= 24, min(heights)
    finally:
        context.close()


@pytest.mark.browser
def test_overview_fits_1280_keeps_the_area_in_view_and_marks_gaps_not_only_by_colour(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        tab = context.new_page()
        tab.goto(site_url + "overzicht/", wait_until="load")
        over = tab.eval_on_selector_all(".key-table", "els => els.map(e => e.scrollWidth - e.clientWidth)")
        assert over and max(over) <= 0, over
        gap = tab.evaluate("""() => { const gap = document.querySelector('td.overzicht__gat'),
              plain = [...document.querySelectorAll('table.overzicht tbody td')].find(td => !td.classList.contains('overzicht__gat'));
              const s = getComputedStyle(gap), p = getComputedStyle(plain);
              return {border: parseFloat(s.borderLeftWidth), plainBorder: parseFloat(p.borderLeftWidth),
                      image: s.backgroundImage, text: gap.innerText}; }""")
        assert gap["border"] >= 2 * gap["plainBorder"] and gap["image"] != "none", gap
        assert "geen aanbod" in gap["text"]
        # on a narrower window the table scrolls sideways and the area's name stays where it was
        tab.set_viewport_size({"width": 390, "height": 844})
        moved = tab.evaluate("""() => { const wrap = [...document.querySelectorAll('.key-table')]
              .find(w => w.scrollWidth > w.clientWidth), th = wrap.querySelector('tbody th[scope=row]');
              th.scrollIntoView({block: 'center'});
              const before = th.getBoundingClientRect().left; wrap.scrollLeft = 200;
              const cell = wrap.querySelector('tbody td').getBoundingClientRect();
              return {th: th.getBoundingClientRect().left - before, scrolled: wrap.scrollLeft,
                      covered: document.elementFromPoint(th.getBoundingClientRect().left + 5,
                                                         th.getBoundingClientRect().top + 5).closest('th') === th}; }""")
        assert moved["scrolled"] > 0 and abs(moved["th"]) < 0.5 and moved["covered"], moved
    finally:
        context.close()
