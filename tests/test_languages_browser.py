"""The languages in real Chromium (issue 18.5, 18.7): the language menu by keyboard keeps the
filters; a page in another language writes the scripts' texts in that language; Arabic is right
to left; no page asks for sitemap.xml next to its hreflang links."""

from __future__ import annotations

from urllib.parse import urlsplit

from conftest import wait_until


def test_the_language_menu_opens_by_keyboard_and_keeps_the_filters(page, site_url):
    page.goto(site_url + "?leeftijd=peuter&dag=zaterdag")
    wait_until(page, "document.querySelectorAll('#results .card').length > 0")
    summary = page.locator("details[data-site-languages] > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('details[data-site-languages]').open")
    polish = page.locator("a[data-language-link][hreflang=pl]")
    polish.focus()  # reachable: a link in the open menu
    assert page.evaluate("document.activeElement.getAttribute('hreflang')") == "pl"
    page.keyboard.press("Enter")
    page.wait_for_url("**/pl/**")
    url = urlsplit(page.url)
    assert url.path.endswith("/pl/") and "leeftijd=peuter" in url.query and "dag=zaterdag" in url.query
    assert page.evaluate("document.documentElement.lang") == "pl"
    page.keyboard.press("Escape")
    assert not page.console_errors, page.console_errors


def test_escape_closes_the_language_menu(page, site_url):
    page.goto(site_url + "deze-week/")
    summary = page.locator("details[data-site-languages] > summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.querySelector('details[data-site-languages]').open")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.querySelector('details[data-site-languages]').open")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"


def test_scripts_write_in_the_language_of_the_page(page, site_url):
    page.goto(site_url + "en/")
    wait_until(page, "document.querySelectorAll('#results .card').length > 0")
    badges = page.evaluate("[...document.querySelectorAll('#results .badge--free')].map(b => b.textContent)")
    page.goto(site_url)
    wait_until(page, "document.querySelectorAll('#results .card').length > 0")
    dutch = page.evaluate("[...document.querySelectorAll('#results .badge--free')].map(b => b.textContent)")
    assert dutch and set(dutch) == {"Gratis"}
    assert badges and "Gratis" not in badges, badges


def test_arabic_pages_read_right_to_left(page, site_url):
    page.goto(site_url + "ar/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("document.documentElement.lang") == "ar"
    page.goto(site_url + "ar/activiteiten/peuterzwemmen-haven/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # the text of the page's title starts at the right-hand side of its column
    box = page.evaluate("(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('h1'));"
                        " const h = r.getBoundingClientRect();"
                        " const c = document.querySelector('.md-content').getBoundingClientRect();"
                        " return [c.right - h.right, h.left - c.left]; })()")
    assert box[0] < box[1], box


def test_no_page_asks_for_a_sitemap(page, site_url):
    for path in ("", "en/activiteiten/peuterzwemmen-haven/", "ar/deze-week/"):
        page.goto(site_url + path)
        page.wait_for_timeout(300)
    assert not [u for u in page.requested if u.endswith("sitemap.xml")], page.requested
    assert not page.console_errors, page.console_errors


def test_cards_the_script_draws_mark_the_editors_dutch_titles(page, site_url, catalog):
    """WCAG 3.1.2 after the script redrew the cards from the index: on /en/ an editor's Dutch title
    is marked lang="nl", a title translated in <slug>.en.md is not (expected from the catalog)."""
    page.goto(site_url + "en/?leeftijd=peuter")  # a filter, so the script draws every card itself
    wait_until(page, "document.getElementById('results').dataset.ready === 'true'")
    cards = page.eval_on_selector_all("#cards > li", """els => els.map(li => {
        const a = li.querySelector('h3 a'); return [li.dataset.slug, a.getAttribute('lang'), a.textContent]; })""")
    assert cards
    for slug, lang, text in cards:
        activity = catalog.by_slug[slug]
        translated = catalog.in_language(activity, "en").title != activity.title
        assert (lang is None) == translated, (slug, lang, text)
    assert not page.console_errors, page.console_errors
