"""The activity page with every feature in use: a real build of a copy of the sample content
(tests/demo_content.py) with ``SITE_URL`` set to an address under a sub-path.

* what to know before you go, in fixed places; accessibility also in JSON-LD,
  /activiteiten.json and /activiteiten.csv;
* the photo: sizes in srcset that exist, width and height, no metadata, the
  upload itself not published; it is the page's preview picture;
* paused and stopped: their badges say so, the alternative is a link;
* old names: the old page sends you on (also without JavaScript), the old feed
  has the same events with the UIDs subscribers already have;
* the QR code holds the page's address under SITE_URL;
* the new pieces pass the Nu Html Checker and axe-core.
"""

from __future__ import annotations

import csv
import io
import json
import re
from urllib.parse import urljoin

import icalendar
import jsonschema
import pytest
from PIL import Image

from activity_directory.content.loading import load_catalog
from activity_directory.content.model import ACCESSIBILITY
from activity_directory.pages.presentation import activity_url

from conftest import REFERENCE, build_site, serve
from demo_content import (BEFORE_YOU_GO, EXIF_MARKERS, EXIF_PHOTO, PAUSED, PAUSED_ALTERNATIVE, RENAMED_FROM,
                          RENAMED_TO, RICH, STOPPED, STOPPED_ALTERNATIVE, make_demo_project)
from gates import parse
from test_build import Tree, squash

SITE_URL = "https://voorbeeld.example.nl/almere/"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    base = tmp_path_factory.mktemp("demo")
    project = make_demo_project(base / "project")
    out = base / "site"
    result = build_site(project, out, extra_env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr[-4000:]
    catalog, problems = load_catalog(project / "content", project, today=REFERENCE)
    assert not problems, problems
    return project, out, catalog


@pytest.fixture(scope="module")
def demo_url(demo):
    server = serve(demo[1])
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def page_of(site, slug: str) -> Tree:
    return Tree((site / activity_url(slug) / "index.html").read_text(encoding="utf-8")).root


def facts(article) -> dict[str, str]:
    dl = article.find("dl", "facts")
    return {squash(div.find("dt").text()): squash(div.find("dd").text()) for div in dl.find_all("div") if div.find("dt")}


# ---------------------------------------------------------------------------
# What to know before you go
# ---------------------------------------------------------------------------


def test_before_you_go_in_fixed_places(demo):
    _, site, catalog = demo
    article = page_of(site, RICH).find("article", "activity")
    shown = facts(article)
    order = [label for label in shown if label in ("Voor wie", "Wanneer", "Bij slecht weer", "Waar", "Bereikbaar",
                                                   "Toegankelijk", "Kosten", "Meedoen", "Neem mee")]
    assert order == ["Voor wie", "Wanneer", "Bij slecht weer", "Waar", "Bereikbaar", "Toegankelijk", "Kosten",
                     "Meedoen", "Neem mee"]
    assert shown["Neem mee"] == BEFORE_YOU_GO["neem_mee"]  # '&' arrives as text
    assert shown["Bereikbaar"] == BEFORE_YOU_GO["bereikbaar"]
    assert shown["Bij slecht weer"] == BEFORE_YOU_GO["bij_slecht_weer"]
    items = article.find(cls="fact--accessibility").find_all("li")
    expected = [key for key in ACCESSIBILITY if key in BEFORE_YOU_GO["toegankelijk"]]  # the model's order
    assert [li.attrs["data-toegankelijk"] for li in items] == expected
    assert [squash(li.text()) for li in items] == [ACCESSIBILITY[key][1] for key in expected]
    # an activity without these keys shows none of the rows
    plain = next(a for a in catalog.activities if not (a.bring or a.accessibility or a.getting_there or a.bad_weather))
    assert not {"Neem mee", "Toegankelijk", "Bereikbaar", "Bij slecht weer"} & set(facts(page_of(site, plain.slug)))


def test_accessibility_in_jsonld_json_and_csv(demo):
    _, site, catalog = demo
    activity = catalog.activity(RICH)
    [script] = page_of(site, RICH).find_all("script", type="application/ld+json")
    data = json.loads(script.text())
    places = data["location"] if isinstance(data["location"], list) else [data["location"]]
    for place in places:
        assert [f["name"] for f in place["amenityFeature"]] == [ACCESSIBILITY[k][0] for k in activity.accessibility]
        assert all(f["@type"] == "LocationFeatureSpecification" and f["value"] is True for f in place["amenityFeature"])
    assert data["url"] == SITE_URL + activity_url(RICH)
    assert data["image"] and all(u.startswith(SITE_URL + "fotos/") for u in data["image"])
    records = {r["slug"]: r for r in json.loads((site / "activiteiten.json").read_text(encoding="utf-8"))["activiteiten"]}
    assert records[RICH]["toegankelijk"] == list(activity.accessibility)
    assert records[RICH]["neem_mee"] == BEFORE_YOU_GO["neem_mee"]
    assert records[PAUSED]["alternatief"] == PAUSED_ALTERNATIVE
    assert records[RENAMED_TO]["oude_namen"] == [RENAMED_FROM]
    schema = json.loads((site / "activiteiten.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    data = json.loads((site / "activiteiten.json").read_text(encoding="utf-8"))
    assert not list(validator.iter_errors(data))
    broken = json.loads(json.dumps(data))
    broken["activiteiten"][0]["toegankelijk"] = ["lift"]
    assert list(validator.iter_errors(broken)), "the schema knows the fixed set"
    rows = {r["slug"]: r for r in csv.DictReader(io.StringIO((site / "activiteiten.csv").read_bytes().decode("utf-8-sig"),
                                                               newline=""), delimiter=";")}
    assert rows[RICH]["toegankelijk"].split(",") == list(activity.accessibility)
    docs = (site / "open-data" / "index.html").read_text(encoding="utf-8")
    assert "<code>toegankelijk</code>" in docs and "prikkelarm" in docs


# ---------------------------------------------------------------------------
# The photo
# ---------------------------------------------------------------------------


def test_photo_in_sizes_for_phones_without_metadata(demo):
    project, site, catalog = demo
    activity = catalog.activity(RICH)
    img = page_of(site, RICH).find("figure", "activity-photo").find("img")
    base = site / "activiteiten" / RICH
    assert img.attrs["alt"] == activity.photo.alt
    assert img.attrs["sizes"] and "loading" not in img.attrs  # near the top: not lazy
    candidates = [c.strip().split(" ") for c in img.attrs["srcset"].split(",")]
    assert len(candidates) >= 2
    for url, width in candidates:
        path = (base / url).resolve()
        with Image.open(path) as image:
            assert f"{image.width}w" == width
            assert not image.getexif()
        data = path.read_bytes()
        assert not any(marker in data for marker in EXIF_MARKERS), url
    with Image.open((base / img.attrs["src"]).resolve()) as fallback:
        assert (str(fallback.width), str(fallback.height)) == (img.attrs["width"], img.attrs["height"])
    # the upload (full size, with its location) is nowhere in the site
    upload = (project / "content" / EXIF_PHOTO).read_bytes()
    assert not (site / EXIF_PHOTO).exists()
    assert not any(p.read_bytes() == upload for p in site.rglob("*.jpg"))
    assert not any(marker in p.read_bytes() for p in site.rglob("*.jp*g") for marker in EXIF_MARKERS)
    # the preview picture is the photo's 1200 × 630 crop, under SITE_URL
    head = {a.get("property"): a.get("content") for t, a in parse(base / "index.html").tags if t == "meta" and a.get("property")}
    assert head["og:image"].startswith(SITE_URL + "fotos/") and head["og:image:alt"] == activity.photo.alt
    with Image.open(site / head["og:image"][len(SITE_URL):]) as card:
        assert card.size == (1200, 630)


# ---------------------------------------------------------------------------
# Paused and stopped
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug,alternative,word", [(PAUSED, PAUSED_ALTERNATIVE, "Tijdelijk gestopt"),
                                                    (STOPPED, STOPPED_ALTERNATIVE, "Gestopt")])
def test_paused_and_stopped_say_so_and_link_the_alternative(demo, slug, alternative, word):
    _, site, catalog = demo
    article = page_of(site, slug).find("article", "activity")
    badges = [squash(li.text()) for li in article.find("ul", "badges").find_all("li")]
    assert badges[0] == word and "Gratis" not in badges and "Inloop" not in badges
    assert article.find(cls="badge--free") is None and article.find(cls="badge--walkin") is None
    link = article.find("p", "alternative").find("a")
    target = urljoin(f"{SITE_URL}{activity_url(slug)}", link.attrs["href"])
    assert target == SITE_URL + activity_url(alternative)
    assert squash(link.text()) == catalog.activity(alternative).title
    # no 'Zet in je agenda' button near the top for something that does not run
    assert article.find(cls="calendar-links--top") is None


# ---------------------------------------------------------------------------
# Old names
# ---------------------------------------------------------------------------


def events(path) -> list[tuple]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return sorted((str(e["UID"]), e["DTSTART"].dt.isoformat(), str(e.get("RRULE", "")), str(e["URL"]))
                  for e in calendar.walk("VEVENT"))


def test_old_address_leads_to_the_new_page(demo):
    _, site, _ = demo
    old = site / "activiteiten" / RENAMED_FROM / "index.html"
    tags = parse(old).tags
    refresh = next(a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "refresh")
    delay, target = re.fullmatch(r"(\d+); url=(.+)", refresh).groups()
    assert delay == "0"
    assert urljoin(SITE_URL + activity_url(RENAMED_FROM), target) == SITE_URL + activity_url(RENAMED_TO)
    assert [a["href"] for t, a in tags if t == "link" and a.get("rel") == "canonical"] == [SITE_URL + activity_url(RENAMED_TO)]
    assert [a["href"] for t, a in tags if t == "a"] == [target]
    assert (site / activity_url(RENAMED_TO) / "index.html").is_file()
    # the site's icon: without it the browser asks for /favicon.ico, a 404 in the console while the
    # page waits for the new one (seen on a loaded machine)
    icons = [a["href"] for t, a in tags if t == "link" and a.get("rel") == "icon"]
    assert len(icons) == 1 and (old.parent / icons[0]).resolve().is_file(), icons


def test_old_feed_keeps_the_events_and_their_uids(demo, built_site):
    _, site, catalog = demo
    old, new = site / activity_url(RENAMED_FROM) / "agenda.ics", site / activity_url(RENAMED_TO) / "agenda.ics"
    assert events(old) == events(new) and events(old)
    # the UIDs subscribers have: those of the sample site, built before the rename
    before = {e[0] for e in events(built_site / activity_url(RENAMED_FROM) / "agenda.ics")}
    assert {e[0].replace("voorbeeld.example.nl", "activiteiten.almere.nl") for e in events(new)} == before
    assert all(e[0].startswith(f"{RENAMED_FROM}-") for e in events(new))
    assert all(e[3] == SITE_URL + activity_url(RENAMED_TO) for e in events(new))  # the events point to the new page
    # and in every list feed too (no duplicates for subscribers of a wijk or the whole city)
    city = {e[0] for e in events(site / "agenda.ics")}
    assert before <= {u.replace("voorbeeld.example.nl", "activiteiten.almere.nl") for u in city}


@pytest.mark.browser
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "zonder-js"])
def test_old_address_in_a_browser(browser, demo_url, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    try:
        page = context.new_page()
        page.goto(demo_url + activity_url(RENAMED_FROM))
        page.wait_for_url(demo_url + activity_url(RENAMED_TO))
        assert page.locator("article.activity").count() == 1
    finally:
        context.close()


# ---------------------------------------------------------------------------
# QR code under SITE_URL, and the gates on the new pieces
# ---------------------------------------------------------------------------


@pytest.mark.browser
def test_qr_code_holds_the_address_under_site_url(browser, demo_url):
    from test_posters import read_qr_codes

    context = browser.new_context()
    try:
        page = context.new_page()
        for slug in (RICH,):
            page.goto(demo_url + activity_url(slug))
            found = read_qr_codes(browser, page, demo_url + activity_url(slug))
            assert found["page"] == SITE_URL + activity_url(slug)
            assert found["png"][1] == found["svg"][1] == SITE_URL + activity_url(slug)
    finally:
        context.close()


def test_new_pieces_are_valid_html(demo):
    from test_html_validity import run_vnu

    _, site, _ = demo
    pages = [site / activity_url(s) / "index.html" for s in (RICH, PAUSED, STOPPED, RENAMED_FROM)]
    report = run_vnu(pages)
    errors = [f"{m.get('url')}: {m.get('message')}" for m in report["messages"] if m.get("type") in ("error", "non-document-error")]
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("width,height,slugs", [(390, 844, (RICH, PAUSED, RENAMED_FROM)), (1280, 900, (RICH,))],
                         ids=["telefoon", "desktop"])
def test_new_pieces_pass_axe(browser, demo_url, width, height, slugs):
    from test_accessibility import axe_violations

    context = browser.new_context(locale="nl-NL", bypass_csp=True, viewport={"width": width, "height": height})
    failures = {}
    try:
        for slug in slugs:
            page = context.new_page()
            page.goto(demo_url + activity_url(slug), wait_until="networkidle")
            violations = axe_violations(page)
            if violations:
                failures[slug] = violations
            page.close()
    finally:
        context.close()
    assert not failures, failures


@pytest.mark.browser
def test_no_csp_violation_and_no_other_host(browser, demo_url):
    context = browser.new_context(locale="nl-NL")
    try:
        for slug in (RICH, PAUSED, RENAMED_FROM):
            page = context.new_page()
            errors, requested = [], []
            page.on("console", lambda m, seen=errors: seen.append(m.text) if m.type == "error" else None)
            page.on("request", lambda r, seen=requested: seen.append(r.url))
            page.on("response", lambda r, seen=errors: seen.append(f"{r.status} {r.url}") if r.status >= 400 else None)
            page.goto(demo_url + activity_url(slug), wait_until="networkidle")
            assert errors == [], (slug, errors)
            assert [u for u in requested if not u.startswith(demo_url) and not u.startswith(("blob:", "data:"))] == []
            page.close()
    finally:
        context.close()


def test_a_photo_that_cannot_be_read_stops_the_build_with_a_dutch_message(tmp_path):
    """A damaged upload (right file signature, broken inside) is an editor's problem with file and line."""
    project = make_demo_project(tmp_path / "project")
    catalog, _ = load_catalog(project / "content", project, today=REFERENCE)
    line = catalog.activity(RICH).key_lines["foto"]
    (project / "content" / EXIF_PHOTO).write_bytes(b"\xff\xd8\xff\xe0" + b"kapot" * 200)
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    # refused by the loader already (its header cannot be read), so `make check` says the same
    assert f"content/activities/{RICH}.md:{line}: foto.bestand: 'content/{EXIF_PHOTO}' kan niet als jpg-foto worden gelezen" in result.stderr
    assert "Traceback" not in result.stderr
