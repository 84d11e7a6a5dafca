"""The page not found in every language (issue 18.2): /<code>/404.html in that language, and the
one Dutch /404.html a static host serves for every address helps a reader below /<code>/ (its
script shows that language's page)."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

from activity_directory.content.languages import language

from conftest import _QuietHandler, _Server, wait_until
from test_page_languages import OTHERS


class _NotFound(HTMLParser):
    """The page's lang and dir, its h1, and the links inside its <article>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = self.dir = None
        self.h1: list[str] = []
        self.links: list[str] = []
        self._in_h1 = self._in_article = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "body":
            self.dir = a.get("dir")
        elif tag == "article":
            self._in_article = True
        elif tag == "h1" and self._in_article:
            self._in_h1 = True
        elif tag == "a" and self._in_article:
            self.links.append(a.get("href"))

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False
        elif tag == "article":
            self._in_article = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1.append(data)


def _read(path: Path) -> _NotFound:
    parser = _NotFound()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_every_language_has_its_own_page_not_found(built_site):
    dutch = _read(built_site / "404.html")
    assert dutch.lang == "nl" and dutch.h1 == ["Deze pagina bestaat niet (meer)"]
    headings = {"".join(dutch.h1)}
    for code in OTHERS:
        page = _read(built_site / code / "404.html")
        assert page.lang == code and page.dir == language(code).direction, (code, page.lang, page.dir)
        assert page.h1 and "".join(page.h1) not in headings, (code, page.h1)  # its own words, not Dutch
        headings.add("".join(page.h1))
        # absolute (served at any address below /<code>/), and each to that language's page
        assert page.links and all(link.startswith(f"/{code}/") for link in page.links), (code, page.links)
        for link in page.links:
            assert (built_site / link.strip("/") / "index.html").exists(), link
    assert not list(built_site.glob("*/404.html.*")), "no leftovers"


def test_only_the_dutch_page_not_found_sends_readers_on(built_site):
    def scripts(path):
        return re.findall(r'<script src="[^"]*not-found\.js"[^>]*>', path.read_text(encoding="utf-8"))
    found = scripts(built_site / "404.html")
    assert len(found) == 1 and re.search(r'data-languages="([^"]*)"', found[0]).group(1).split() == list(OTHERS)
    assert not any(scripts(built_site / code / "404.html") for code in OTHERS)


class _StaticHost(_QuietHandler):
    """As a static host: an address it does not have gets /404.html with status 404."""

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.exists():
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None


@pytest.fixture(scope="module")
def static_host(built_site):
    server = _Server(("127.0.0.1", 0), functools.partial(_StaticHost, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _visit(browser, url: str):
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    response = tab.goto(url)
    return context, tab, response, errors


@pytest.mark.browser
@pytest.mark.parametrize("code", ["en", "ar", "uk"])
def test_a_broken_address_below_a_language_shows_that_languages_page_not_found(browser, built_site, static_host, code):
    expected = "".join(_read(built_site / code / "404.html").h1)
    context, tab, response, errors = _visit(browser, f"{static_host}{code}/activiteiten/bestaat-niet/?leeftijd=3")
    try:
        assert response.status == 404
        wait_until(tab, f"document.documentElement.lang === {code!r}")
        assert tab.inner_text("h1") == expected
        assert tab.evaluate("location.pathname") == f"/{code}/404.html"
        assert not errors, errors
        tab.go_back()  # replace(): back goes where the reader came from, not to the Dutch page
        assert tab.evaluate("location.href") == "about:blank"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("address", ["activiteiten/bestaat-niet/", "english/", "enx/bestaat-niet", "404.html"])
def test_other_broken_addresses_stay_on_the_dutch_page_not_found(browser, static_host, address):
    context, tab, response, errors = _visit(browser, static_host + address)
    try:
        tab.wait_for_load_state("load")
        tab.wait_for_timeout(300)  # time for a wrong redirect to happen
        assert tab.evaluate("document.documentElement.lang") == "nl"
        assert tab.inner_text("h1") == "Deze pagina bestaat niet (meer)"
        assert tab.evaluate("location.pathname") == "/" + address
        assert not errors, errors
    finally:
        context.close()
