"""Link previews and sharing on the sample site.

* every page the theme renders has its own meta description and Open Graph
  tags with an absolute og:url and an og:image that exists in site/ (≥ 600 px);
* activity pages: the description comes from the domain, names when, where,
  for whom and the cost, and no two are the same; a plain wa.me link holds
  the page's address;
* in Chromium: the WhatsApp text names the next date by the reader's clock
  (a week and more after the build), "Kopieer link" copies the address, the
  Web Share API is offered where the browser has it, and the way back leads to
  the list the parent came from.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from PIL import Image

from activity_directory.pages import previews

from activity_directory.dates import wording
from activity_directory.pages.listings import is_current
from activity_directory.content.model import WEEKDAYS
from activity_directory.dates.occurrences import TZ, occurrences, upcoming
from activity_directory.pages.presentation import activity_url

from conftest import REFERENCE, wait_until
from gates import html_pages, parse, url_path

SITE = "https://activiteiten.almere.nl/"  # mkdocs.yml's default SITE_URL, which the sample build uses


def head_of(path) -> dict[str, list[str]]:
    """meta name/property → contents, and link rel → hrefs, of one page."""
    found: dict[str, list[str]] = {}
    for tag, attrs in parse(path).tags:
        if tag == "meta" and (attrs.get("name") or attrs.get("property")):
            found.setdefault(attrs.get("name") or attrs.get("property"), []).append(attrs.get("content") or "")
        elif tag == "link" and attrs.get("rel"):
            found.setdefault("link:" + attrs["rel"], []).append(attrs.get("href") or "")
    return found


@pytest.fixture(scope="module")
def heads(built_site) -> dict[str, dict]:
    return {url_path(built_site, p): head_of(p) for p in html_pages(built_site)}


def site_file(built_site, url: str):
    assert url.startswith(SITE), url
    path = built_site / unquote(url[len(SITE):])
    return path / "index.html" if url.endswith("/") else path


def test_every_theme_page_has_its_own_preview(built_site, heads):
    checked = 0
    for url, head in heads.items():
        if "link:canonical" not in head:
            continue  # 404 (served anywhere) and pages outside the theme
        checked += 1
        assert len(head.get("description", [])) == 1, url
        for key in ("og:title", "og:description", "og:url", "og:image", "og:image:alt", "og:site_name", "twitter:card"):
            assert len(head.get(key, [])) == 1 and head[key][0].strip(), (url, key)
        assert head["og:description"] == head["description"]
        assert head["og:url"] == head["link:canonical"] == [SITE + url]
        image = site_file(built_site, head["og:image"][0])
        assert image.is_file(), (url, head["og:image"])
        with Image.open(image) as picture:
            assert picture.width >= 600
            assert [str(picture.width), str(picture.height)] == head["og:image:width"] + head["og:image:height"]
    assert checked > 50


def test_page_types_say_different_things(heads):
    """The home page, the week, the agenda page and a list page each have their own description."""
    chosen = ["", "deze-week/", "agenda/", "open-data/", "stadsdelen/"]
    chosen.append(next(u for u in heads if u.startswith("wijken/") and u.count("/") == 2))
    descriptions = [heads[u]["description"][0] for u in chosen]
    assert len(set(descriptions)) == len(descriptions), descriptions


def test_list_pages_count_what_they_list(built_site, heads, catalog):
    from activity_directory.pages.listings import all_listings

    for listing in all_listings(catalog):
        current = [a for a in listing.activities if is_current(catalog, a)]
        description = html.unescape(heads[listing.url]["description"][0])
        if current:
            count = "1 activiteit" if len(current) == 1 else f"{len(current)} activiteiten"
            assert description.startswith(count), (listing.url, description)
        else:
            assert description.startswith("Nu geen activiteiten"), (listing.url, description)


def test_activity_descriptions_say_when_where_who_and_cost(heads, catalog):
    seen = {}
    for activity in catalog.activities:
        head = heads[activity_url(activity.slug)]
        description = head["description"][0]
        assert description == previews.activity_description(catalog, activity)
        assert head["og:title"] == [activity.title]
        assert description not in seen, (activity.slug, seen.get(description))
        seen[description] = activity.slug
        assert activity.locations[0].name in description
        assert wording.age(activity) in description
        if activity.active and is_current(catalog, activity):
            assert wording.cost(activity.cost) in description
            weekdays = {WEEKDAYS[d] for s in activity.slots for d in s.weekdays}
            assert all(day in description for day in weekdays), (activity.slug, description)
        else:
            assert any(word in description for word in ("gestopt", "Gestopt", "Afgelopen")), description
    assert len(seen) == len(catalog.activities)


def test_descriptions_stay_unique_when_two_activities_read_the_same(catalog):
    """Two activities with the same days, place, ages and cost: the title tells them apart."""
    import dataclasses

    from activity_directory.content.loading import Catalog

    first = catalog.activities[0]
    twin = dataclasses.replace(first, slug=first.slug + "-twee", title=first.title + " (groep 2)")
    same = Catalog(catalog.site, [first, twin], catalog.calendar, catalog.today)
    texts = previews.activity_descriptions(same)
    assert texts[first.slug] != texts[twin.slug]
    assert texts[twin.slug].startswith(twin.title)


def test_activity_preview_image_is_its_photo_or_its_soort(heads, catalog):
    for activity in catalog.activities:
        image = heads[activity_url(activity.slug)]["og:image"][0]
        if activity.photo is not None:
            assert image.startswith(SITE + "fotos/") and image.endswith(".jpg"), image
            assert heads[activity_url(activity.slug)]["og:image:alt"] == [activity.photo.alt]
        else:
            assert image.startswith(SITE + f"afbeeldingen/soort-{activity.kinds[0]}-"), image
    assert any(a.photo for a in catalog.activities), "de voorbeeldinhoud heeft foto's"


def whatsapp_links(path) -> list[str]:
    return [a.get("href") or "" for t, a in parse(path).tags if t == "a" and (a.get("href") or "").startswith("https://wa.me/")]


def test_every_activity_page_has_a_plain_whatsapp_link_with_its_address(built_site, catalog):
    for activity in catalog.activities:
        [link] = whatsapp_links(built_site / activity_url(activity.slug) / "index.html")
        text = parse_qs(urlsplit(link).query)["text"][0]
        assert text == previews.share_text(catalog, activity) + "\n" + SITE + activity_url(activity.slug)
        assert text.startswith(activity.title)
        # written without a next date: a page read weeks after the build must not share one that has passed
        for occurrence in upcoming(activity, catalog.calendar, catalog.today, count=3):
            if not any(s.date == occurrence.date for s in activity.slots):
                assert wording.date(occurrence.date, year=False) not in text, (activity.slug, text)


# ---------------------------------------------------------------------------
# In the browser
# ---------------------------------------------------------------------------

def _first_running(catalog):
    return sorted((a for a in catalog.activities if is_current(catalog, a)
                   and any(s.date is None for s in a.slots)), key=lambda a: a.slug)[0]


@pytest.mark.browser
@pytest.mark.parametrize("days_later", [0, 9])
def test_whatsapp_names_the_next_date_by_the_readers_clock(browser, site_url, catalog, days_later):
    activity = _first_running(catalog)
    now = dt.datetime.combine(REFERENCE + dt.timedelta(days=days_later), dt.time(12, 0), TZ)
    context = browser.new_context(locale="nl-NL")
    try:
        context.clock.install(time=now)
        page = context.new_page()
        page.goto(site_url + activity_url(activity.slug))
        wait_until(page, "document.querySelector('a.share-whatsapp').href.includes('%0A')")
        text = parse_qs(urlsplit(page.get_attribute("a.share-whatsapp", "href")).query)["text"][0]
        upcoming = [o for o in occurrences(activity, catalog.calendar, now.date(), now.date() + dt.timedelta(days=60))
                    if o.end > now]
        expected = upcoming[0]
        assert text.startswith(f"{activity.title}, {wording.date(expected.date, year=False)}, "
                               f"{wording.time_range(expected.start.time(), expected.end.time())}"), text
        assert text.endswith("\n" + SITE + activity_url(activity.slug))
    finally:
        context.close()


@pytest.mark.browser
def test_copy_link_and_web_share(browser, site_url, catalog):
    activity = _first_running(catalog)
    address = SITE + activity_url(activity.slug)
    context = browser.new_context(locale="nl-NL")
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
        page = context.new_page()
        page.goto(site_url + activity_url(activity.slug))
        has_share = page.evaluate("typeof navigator.share === 'function'")
        assert page.is_visible(".share-native") == has_share
        page.click(".share-copy")
        wait_until(page, "document.querySelector('.share-status').textContent.length > 0")
        assert page.evaluate("navigator.clipboard.readText()") == address
        assert "gekopieerd" in page.text_content(".share-status")
        # a browser with the Web Share API (phones): the button appears and shares title, text and address
        page.add_init_script("navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };")
        page.reload()
        page.click(".share-native")
        shared = wait_until(page, "window.__shared")
        assert shared["url"] == address and shared["title"] == activity.title
        assert shared["text"].startswith(activity.title)
    finally:
        context.close()


@pytest.mark.browser
def test_way_back_to_the_list_the_parent_came_from(browser, site_url, catalog, built_site):
    activity = _first_running(catalog)
    wijk = catalog.site.areas.areas[activity.locations[0].area]
    context = browser.new_context(locale="nl-NL")
    try:
        page = context.new_page()
        # straight in (a shared link): the activity's own wijk
        page.goto(site_url + activity_url(activity.slug))
        assert page.get_attribute("a[data-back-link]", "href").endswith(f"wijken/{wijk.key}/")
        assert wijk.name in page.text_content("a[data-back-link]")
        # from the home page with filters: back to exactly that list
        query = f"leeftijd={int(activity.age_from)}"
        page.goto(site_url + "?" + query)
        page.click(f'li[data-slug="{activity.slug}"] a')
        page.wait_for_url(re.compile(re.escape(activity_url(activity.slug)) + "$"))
        back = page.get_attribute("a[data-back-link]", "href")
        assert urlsplit(back).path == urlsplit(site_url).path and parse_qs(urlsplit(back).query) == parse_qs(query)
        assert "Terug" in page.text_content("a[data-back-link]")
        # from a list page
        listing = next(u for u in (f"soorten/{k}/" for k in activity.kinds))
        page.goto(site_url + listing)
        page.click(f'li[data-slug="{activity.slug}"] a')
        page.wait_for_url(re.compile(re.escape(activity_url(activity.slug)) + "$"))
        assert page.get_attribute("a[data-back-link]", "href") == site_url + listing
        page.click("a[data-back-link]")
        page.wait_for_url(site_url + listing)
    finally:
        context.close()
