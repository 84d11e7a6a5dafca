"""Helpers shared by the quality gates: every generated page, grouped by type.

Nothing here lists today's pages: pages added later are covered automatically.
"""

from __future__ import annotations

from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

from babel.core import Locale

# The home page with filters applied, as a parent would share it.
HOME_FILTERED = "?leeftijd=3&stadsdeel=almere-poort&gratis=1"
# Material's own files: not pages.
THEME_DIRS = ("assets/", "search/")


def html_pages(site: Path) -> list[Path]:
    """Every generated HTML page of a built site."""
    return sorted(p for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith(THEME_DIRS))


# Folder names that mark a kind of page wherever they are ('wijken/*/embed' and 'wijken/*/flyer' differ).
KIND_FOLDERS = ("embed", "flyer", "leeftijd")


def languages_of(site: Path) -> frozenset[str]:
    """The codes of the site's other languages: the folders at the root with a home page of their own
    and a language code for a name ('en', 'ar'; hooks/languages.py)."""
    return frozenset(d.name for d in site.iterdir()
                     if d.is_dir() and d.name.isalpha() and len(d.name) in (2, 3) and (d / "index.html").exists())


def checked_languages(site: Path) -> frozenset[str]:
    """The other languages whose page types the page-by-page gates (axe, HTML_CodeSniffer, …) check:
    English (left to right) and every language written right to left (Arabic). The others share
    their templates; checking six times each type would add minutes and find nothing new."""
    others = languages_of(site)
    return frozenset(code for code in others if code == "en" or Locale.parse(code).text_direction == "rtl")


def dutch_pages(site: Path) -> list[Path]:
    """Every generated HTML page in Dutch (not below a language's folder)."""
    others = languages_of(site)
    return [p for p in html_pages(site) if p.relative_to(site).parts[0] not in others]


def page_type(site: Path, path: Path) -> str:
    """'home', '404', 'agenda', 'activiteiten/*', 'stadsdelen/*/leeftijd/*', 'wijken/*/embed' …;
    a page in another language: its code before its type ('en/home', 'ar/activiteiten/*')."""
    parts = path.relative_to(site).parts
    if len(parts) > 1 and parts[0] in languages_of(site):
        return parts[0] + "/" + page_type(site / parts[0], path)
    if parts == ("index.html",):
        return "home"
    if len(parts) == 1:
        return parts[0].removesuffix(".html")
    return "/".join([parts[0], *[p if p in KIND_FOLDERS else "*" for p in parts[1:-1]]])


def pages_by_type(site: Path) -> dict[str, list[Path]]:
    groups: dict[str, list[Path]] = defaultdict(list)
    for path in html_pages(site):
        groups[page_type(site, path)].append(path)
    return dict(sorted(groups.items()))


def url_path(site: Path, path: Path) -> str:
    """Site-relative URL of a page ('' for the home page, 'a/b/' for a/b/index.html)."""
    rel = path.relative_to(site).as_posix()
    return rel.removesuffix("index.html")


def representatives(site: Path) -> list[tuple[str, str]]:
    """(type, relative URL) of one page per type, plus the filtered home page.

    For each type the page with the most HTML is picked: it has the most to check.
    """
    chosen = []
    checked = checked_languages(site)
    for kind, paths in pages_by_type(site).items():
        code = kind.split("/", 1)[0]
        if code in languages_of(site) and code not in checked:
            continue
        biggest = max(paths, key=lambda p: (p.stat().st_size, p.as_posix()))
        chosen.append((kind, url_path(site, biggest)))
        if kind.endswith("home"):
            chosen.append((kind + "+filters", url_path(site, biggest) + HOME_FILTERED))
    return chosen


class TagCollector(HTMLParser):
    """All start tags with their attributes, and the text of every <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script":
            self._script, self._text = attributes, []

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None


def parse(path_or_text) -> TagCollector:
    text = path_or_text.read_text(encoding="utf-8") if isinstance(path_or_text, Path) else path_or_text
    collector = TagCollector()
    collector.feed(text)
    collector.close()
    return collector


SEARCH_INPUT = "#site-search-q"
SEARCH_RESULTS = "#site-search-panel .site-search__results"


def search_for(page, text: str) -> bool:
    """Use the header search as a visitor would (on a phone it opens first) and wait for
    the results of the whole text. False when the page has no search box to use."""
    import json

    from conftest import wait_until

    box = page.locator(SEARCH_INPUT)
    if not box.count():
        return False
    if not box.is_visible():
        toggle = page.locator(".site-search__toggle")
        if not toggle.is_visible():
            return False
        toggle.click()
    box.fill(text)
    # Rendered results or the box's failure message both set data-query. The box gives a request
    # 8 s and retries once, so on a loaded test machine this may take longer than the usual 15 s.
    wait_until(page, f"document.querySelector({json.dumps(SEARCH_RESULTS)}).dataset.query === {json.dumps(text)}",
               timeout=40.0)
    return True
