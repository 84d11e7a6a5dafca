"""Posters: an activity page prints as a poster with a QR code to the page.

The page draws the code itself (content/assets/poster.js with the vendored
qrcode-generator). The tests read it back with jsQR, an independent decoder
from npm, in Chromium.
"""

from __future__ import annotations

import base64

import pytest

from activity_directory.presentation import activity_url

from conftest import ROOT

SITE = "https://activiteiten.almere.nl/"  # mkdocs.yml's default SITE_URL, which the tests build with
JSQR = ROOT / "node_modules" / "jsqr" / "dist" / "jsQR.js"
VENDORED = ROOT / "content" / "assets" / "vendor" / "qrcode-generator-2.0.4.js"

DECODE = """async (svg) => {
  const img = new Image();
  img.src = 'data:image/svg+xml;base64,' + svg;
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


def _decode(browser, svg: str) -> str | None:
    reader = browser.new_page()
    try:
        reader.set_content("<!doctype html><title>qr</title>")
        reader.add_script_tag(content=JSQR.read_text(encoding="utf-8"))
        return reader.evaluate(DECODE, base64.b64encode(svg.encode("utf-8")).decode("ascii"))
    finally:
        reader.close()


def test_qr_codes_open_the_activity_page(browser, page, site_url, catalog):
    stopped = [a for a in catalog.activities if a.status != "actief"]
    assert stopped, "de voorbeeldinhoud heeft een gestopte of gepauzeerde activiteit nodig"
    for activity in sorted(catalog.activities, key=lambda a: a.slug)[:3] + stopped[:1]:
        page.goto(site_url + activity_url(activity.slug))
        svg = page.evaluate("document.querySelector('.poster-qr svg').outerHTML")
        assert f"QR-code naar {activity.title}" in page.get_attribute(".poster-qr svg", "aria-label")
        assert _decode(browser, svg) == SITE + activity_url(activity.slug), activity.slug
        # the download is the same code, as a file
        href = page.get_attribute("a.qr-download", "href")
        assert href.startswith("blob:") and page.get_attribute("a.qr-download", "download") == f"qr-{activity.slug}.svg"
        with page.expect_download() as info:  # as a visitor gets it (CSP rightly stops fetch() of a blob:)
            page.click("a.qr-download")
        download = info.value
        assert download.suggested_filename == f"qr-{activity.slug}.svg"
        downloaded = open(download.path(), encoding="utf-8").read()
        assert _decode(browser, downloaded) == SITE + activity_url(activity.slug)
    assert page.console_errors == []
    assert [u for u in page.requested if not u.startswith(site_url) and not u.startswith("blob:")] == []


def test_activity_page_prints_as_a_poster(page, site_url, catalog):
    activity = next(a for a in catalog.activities if a.active)
    page.goto(site_url + activity_url(activity.slug))
    # on screen: the button and the download; the poster's QR block is for print only
    assert page.is_visible(".print-button") and page.is_visible("a.qr-download")
    assert not page.is_visible(".poster-qr")
    page.evaluate("window.__printed = 0; window.print = () => { window.__printed += 1; }; 0")  # (a function value would be called)
    page.click(".print-button")
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert page.is_visible(".poster-qr svg") and page.is_visible(".activity h1")
    box = page.locator(".poster-qr svg").bounding_box()
    assert box and box["width"] > 100 and abs(box["width"] - box["height"]) < 1  # 45 mm, square
    for hidden in (".md-header", ".next-dates", ".calendar-links", ".share"):
        assert not page.is_visible(hidden), hidden
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


def test_every_poster_fits_one_a4_sheet(page, site_url, catalog):
    """A poster on two sheets is no poster: the print style keeps every sample activity on one."""
    too_long = []
    for activity in catalog.activities:
        page.goto(site_url + activity_url(activity.slug))
        pdf = page.pdf(format="A4")  # uses the print style sheet
        sheets = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        if sheets != 1:
            too_long.append((activity.slug, sheets))
    assert too_long == []
