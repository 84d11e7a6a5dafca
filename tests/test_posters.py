"""Posters: every activity page prints as a poster with a QR code to the page.

The QR codes are read back by jsQR (an independent decoder, from npm) in
Chromium, from the SVG files the build wrote.
"""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

import pytest

from activity_directory.presentation import activity_url

from conftest import ROOT

SITE = "https://activiteiten.almere.nl/"  # mkdocs.yml's default SITE_URL, which the tests build with
JSQR = ROOT / "node_modules" / "jsqr" / "dist" / "jsQR.js"
SVG = "{http://www.w3.org/2000/svg}"

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


def test_every_activity_has_a_qr_code(built_site, catalog):
    for activity in catalog.activities:  # stopped and paused ones too: posters may still hang somewhere
        path = built_site / activity_url(activity.slug) / "qr.svg"
        root = ET.fromstring(path.read_bytes())
        assert root.tag == f"{SVG}svg" and root.get("viewBox")
        assert root.find(f"{SVG}title").text == f"QR-code naar {activity.title}"
        html = (built_site / activity_url(activity.slug) / "index.html").read_text(encoding="utf-8")
        assert 'src="qr.svg"' in html and 'href="qr.svg"' in html


@pytest.mark.browser
def test_qr_codes_open_the_activity_page(browser, built_site, catalog):
    if not JSQR.exists():
        pytest.fail("node_modules/jsqr ontbreekt: draai 'make node'")
    stopped = [a for a in catalog.activities if a.status != "actief"]
    chosen = sorted(catalog.activities, key=lambda a: a.slug)[:4] + stopped[:2]
    assert stopped, "de voorbeeldinhoud heeft een gestopte of gepauzeerde activiteit nodig"
    page = browser.new_page()
    try:
        page.set_content("<!doctype html><title>qr</title>")
        page.add_script_tag(content=JSQR.read_text(encoding="utf-8"))
        for activity in chosen:
            svg = (built_site / activity_url(activity.slug) / "qr.svg").read_bytes()
            text = page.evaluate(DECODE, base64.b64encode(svg).decode("ascii"))
            assert text == SITE + activity_url(activity.slug), activity.slug
    finally:
        page.close()


@pytest.mark.browser
def test_activity_page_prints_as_a_poster(page, site_url, catalog):
    activity = next(a for a in catalog.activities if a.active)
    page.goto(site_url + activity_url(activity.slug))
    # on screen: the button (JavaScript) and the download link; the poster's QR block is print-only
    assert page.is_visible(".print-button") and page.is_visible("a[download$='.svg']")
    assert not page.is_visible(".poster-qr")
    page.evaluate("window.__printed = 0; window.print = () => { window.__printed += 1; }; 0")  # (a function value would be called)
    page.click(".print-button")
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert page.is_visible(".poster-qr img") and page.is_visible(".activity h1")
    assert page.evaluate("document.querySelector('.poster-qr img').naturalWidth") > 0
    for hidden in (".md-header", ".next-dates", ".calendar-links", ".share"):
        assert not page.is_visible(hidden), hidden
    assert activity_url(activity.slug).rstrip("/") in page.text_content(".poster-qr figcaption")
    assert page.console_errors == []


@pytest.mark.browser
def test_without_javascript_there_is_no_dead_print_button(browser, site_url, catalog):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        activity = next(a for a in catalog.activities if a.active)
        page.goto(site_url + activity_url(activity.slug))
        assert not page.is_visible(".print-button")
        assert page.is_visible("a[download$='.svg']")
    finally:
        context.close()
