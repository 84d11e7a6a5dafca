"""Posters: an activity page prints as an A4 poster for a notice board, with a QR code to the page.

The page draws the code itself (overrides/assets/poster.js with the vendored
qrcode-generator). The tests read it back with jsQR, an independent decoder
from npm, in Chromium: on the page, and in both downloads (SVG and PNG).
What the poster must say is computed through the domain (wording, the
catalog), never copied from the page.
"""

from __future__ import annotations

import base64
import re

import pytest

from activity_directory.dates import wording
from activity_directory.dates.occurrences import upcoming
from activity_directory.pages.presentation import activity_url

from conftest import ROOT

SITE = "https://activiteiten.almere.nl/"  # mkdocs.yml's default SITE_URL, which the tests build with
JSQR = ROOT / "node_modules" / "jsqr" / "dist" / "jsQR.js"
VENDORED = ROOT / "overrides" / "assets" / "vendor" / "qrcode-generator-2.0.4.js"

DECODE = """async ([data, type]) => {
  const img = new Image();
  img.src = 'data:' + type + ';base64,' + data;
  await img.decode();
  const size = 400;
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext('2d');
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(img, 0, 0, size, size);
  const found = jsQR(ctx.getImageData(0, 0, size, size).data, size, size);
  return found ? found.data : null;
}"""

pytestmark = pytest.mark.browser


def test_vendored_library_is_the_published_package():
    published = ROOT / "node_modules" / "qrcode-generator" / "dist" / "qrcode.js"
    assert published.exists(), "node_modules ontbreekt: draai 'make node'"
    assert VENDORED.read_bytes() == published.read_bytes()


MM = 96 / 25.4  # CSS pixels per millimetre
PT = 96 / 72  # CSS pixels per point


def _decode(browser, image: str | bytes, type: str = "image/svg+xml") -> str | None:
    """The text jsQR reads from an image (SVG text or PNG bytes), drawn on a canvas in a blank page."""
    data = image.encode("utf-8") if isinstance(image, str) else image
    reader = browser.new_page()
    try:
        reader.set_content("<!doctype html><title>qr</title>")
        reader.add_script_tag(content=JSQR.read_text(encoding="utf-8"))
        return reader.evaluate(DECODE, [base64.b64encode(data).decode("ascii"), type])
    finally:
        reader.close()


def read_qr_codes(browser, page, url: str) -> dict:
    """The page's QR code and its two downloads, each read by jsQR."""
    svg = page.evaluate("document.querySelector('.poster-qr svg').outerHTML")
    found = {"page": _decode(browser, svg)}
    for selector, suffix, kind in ((".qr-download", "svg", "image/svg+xml"), (".qr-download-png", "png", "image/png")):
        link = page.locator(f"a{selector}")
        link.wait_for(state="visible")  # the PNG is made asynchronously (canvas.toBlob)
        with page.expect_download() as info:  # as a visitor gets it (CSP rightly stops fetch() of a blob:)
            link.click()
        download = info.value
        found[suffix] = (download.suggested_filename, _decode(browser, open(download.path(), "rb").read(), kind))
    return found


def test_qr_codes_open_the_activity_page(browser, page, site_url, catalog):
    stopped = [a for a in catalog.activities if a.status != "actief"]
    assert stopped, "de voorbeeldinhoud heeft een gestopte of gepauzeerde activiteit nodig"
    for activity in sorted(catalog.activities, key=lambda a: a.slug)[:3] + stopped[:1]:
        page.goto(site_url + activity_url(activity.slug))
        assert f"QR-code naar {activity.title}" in page.get_attribute(".poster-qr svg", "aria-label")
        found = read_qr_codes(browser, page, site_url + activity_url(activity.slug))
        address = SITE + activity_url(activity.slug)
        assert found["page"] == address, activity.slug
        assert found["svg"] == (f"qr-{activity.slug}.svg", address)
        assert found["png"] == (f"qr-{activity.slug}.png", address)
    assert page.console_errors == []
    assert [u for u in page.requested if not u.startswith(site_url) and not u.startswith("blob:")] == []


def poster_text_expected(catalog, activity) -> list[str]:
    """What a notice-board poster must say, from the domain."""
    organisation = catalog.site.organisations[activity.organisation]
    contact = activity.contact
    phone = contact.phone if contact and contact.phone else organisation.phone
    expected = [activity.title, wording.age(activity), organisation.name]
    if activity.active:
        expected += [wording.slot(activity, slot) for slot in activity.slots]
    expected += [location.name for location in activity.locations]
    expected.append("Gratis!" if activity.cost.free else wording.cost(activity.cost))
    if activity.signup.walk_in:
        expected.append("Je hoeft je niet aan te melden")
    else:
        expected += [w for w in (activity.signup.phone, activity.signup.email) if w]
    if phone:
        expected.append(phone)
    return expected


def test_activity_page_prints_as_a_poster(page, site_url, catalog):
    for activity in [next(a for a in catalog.activities if a.active and a.signup.walk_in),
                     next(a for a in catalog.activities if a.active and not a.signup.walk_in),
                     next(a for a in catalog.activities if not a.active)]:
        page.emulate_media(media="screen")
        page.goto(site_url + activity_url(activity.slug))
        # on screen: the button and the downloads; the poster is for paper only
        assert page.is_visible(".print-button") and page.is_visible("a.qr-download")
        assert not page.is_visible(".poster")
        page.evaluate("window.__printed = 0; window.print = () => { window.__printed += 1; }; 0")  # (a function value would be called)
        page.click(".print-button")
        assert page.evaluate("window.__printed") == 1
        page.emulate_media(media="print")
        assert page.is_visible(".poster .poster-qr svg") and page.is_visible(".poster__title")
        for hidden in (".md-header", ".activity h1", ".next-dates", ".calendar-links", ".share", ".description", ".contact"):
            assert not page.is_visible(hidden), hidden
        # readable from two metres: the title is 48 pt or more; the code at least 4 cm
        title_px = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.poster__title')).fontSize)")
        assert title_px >= 48 * PT, title_px
        box = page.locator(".poster-qr svg").bounding_box()
        assert box and box["width"] >= 40 * MM and abs(box["width"] - box["height"]) < 1
        text = re.sub(r"\s+", " ", page.text_content(".poster"))
        for expected in poster_text_expected(catalog, activity):
            assert expected in text, (activity.slug, expected)
        assert page.text_content(".poster__site").strip() == "Activiteiten in Almere"  # mkdocs.yml site_name
        # weekly times, never the dates of "Volgende keren" (they would expire on the board)
        for occurrence in upcoming(activity, catalog.calendar, catalog.today, count=5):
            if not any(slot.date == occurrence.date for slot in activity.slots):
                assert wording.date(occurrence.date, year=False) not in text, occurrence
        assert activity_url(activity.slug).rstrip("/") in page.text_content(".poster-qr figcaption")
    assert page.console_errors == []


def test_without_javascript_the_poster_still_has_the_address(browser, site_url, catalog):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        activity = next(a for a in catalog.activities if a.active)
        page.goto(site_url + activity_url(activity.slug))
        assert not page.is_visible(".print-button") and not page.is_visible("a.qr-download")
        page.emulate_media(media="print")
        assert "activiteiten.almere.nl/" + activity_url(activity.slug).rstrip("/") in page.text_content(".poster-qr")
    finally:
        context.close()


def test_every_poster_fits_one_a4_sheet(browser, site_url, catalog):
    """A poster on two sheets is no poster; one that leaves half the sheet empty is a data sheet.

    Every sample activity prints on exactly one A4 page (Chromium's print to
    PDF), and its poster fills most of the printable height.
    """
    printable = (297 - 2 * 12) * MM  # @page margins in activity.css
    context = browser.new_context(viewport={"width": round((210 - 2 * 12) * MM), "height": round(printable)})
    page = context.new_page()
    wrong = []
    try:
        for activity in catalog.activities:
            page.goto(site_url + activity_url(activity.slug))
            page.emulate_media(media="print")
            pdf = page.pdf(format="A4")
            sheets = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
            height = page.locator(".poster").bounding_box()["height"]
            if sheets != 1 or not 0.6 * printable <= height <= printable:
                wrong.append((activity.slug, sheets, round(height / printable, 2)))
    finally:
        context.close()
    assert wrong == []
