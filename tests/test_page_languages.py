"""Pages in the site's languages (issue 18.1, 18.2, 18.5): each language of `talen` under /<code>/
with the same paths, in its `lang` and direction, linked both ways with hreflang and through the
language menu; Dutch pages keep their addresses and their bytes.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from activity_directory.content.languages import language
from activity_directory.pages.menu import MENU_TITLES

from conftest import FIXTURES, ROOT, build_site, copy_project


OTHERS = ("en", "pl", "tr", "ar", "uk")
DUTCH_ONLY = ("redactie", "overzicht", "admin", "open-data")
# What the other languages add to a Dutch page: its hreflang links and the language menu.
_ALTERNATES = re.compile(r'\n<link rel="alternate" hreflang="[^"]+" href="[^"]*">')
_MENU = re.compile(r'<div class="md-header__option site-languages">.*?</details>\n</div>\n', re.S)
# ...and to the page not found: the script that shows a reader below /<code>/ that language's page.
_NOT_FOUND_SCRIPT = re.compile(r'\n<script src="[^"]*not-found\.js" data-languages="[^"]*" data-root="[^"]*"></script>')


class _Head(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = self.body_dir = None
        self.alternates: dict[str, str] = {}
        self.menu: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "body":
            self.body_dir = a.get("dir")
        elif tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "a" and "data-language-link" in a:
            self.menu.append((a["hreflang"], a["href"]))


def _read(path: Path) -> _Head:
    head = _Head()
    head.feed(path.read_text(encoding="utf-8"))
    return head


@pytest.fixture(scope="module")
def dutch_only(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("nl")
    result = build_site(ROOT, out, extra_env={"TALEN": "nl"})
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_every_language_of_talen_has_the_parents_pages_under_its_code(built_site):
    talen = yaml.safe_load((ROOT / "content" / "wijken.yml").read_text(encoding="utf-8"))["talen"]
    assert tuple(c for c in talen if c != "nl") == OTHERS
    dutch = sorted(p.relative_to(built_site).as_posix() for p in built_site.glob("**/index.html")
                   if p.relative_to(built_site).parts[0] not in (*OTHERS, *DUTCH_ONLY))
    assert "index.html" in dutch and "deze-week/index.html" in dutch
    assert any(p.startswith("activiteiten/") for p in dutch) and any(p.startswith("stadsdelen/") for p in dutch)
    for code in OTHERS:
        missing = [p for p in dutch if not (built_site / code / p).exists()]
        assert not missing, (code, missing[:5])
        for folder in DUTCH_ONLY:  # editors' pages and the data pages stay Dutch
            assert not (built_site / code / folder).exists(), (code, folder)


def _header_rules(path: Path) -> dict[str, list[str]]:
    """``_headers`` as {path pattern: its header lines}."""
    rules: dict[str, list[str]] = {}
    pattern = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        if line[0].isspace():
            rules[pattern].append(line.strip())
        else:
            pattern = line
            rules[pattern] = []
    return rules


def test_dutch_pages_are_the_same_bytes_with_and_without_the_other_languages(built_site, dutch_only):
    compared = 0
    for path in sorted(dutch_only.rglob("*")):
        if path.is_dir() or path.name.startswith("sitemap.xml"):  # the sitemap lists every language's pages
            continue
        relative = path.relative_to(dutch_only)
        other = built_site / relative
        assert other.exists(), relative
        if path.suffix == ".html":
            with_languages = _MENU.sub("", _ALTERNATES.sub("", other.read_text(encoding="utf-8")))
            if relative.as_posix() == "404.html":
                with_languages = _NOT_FOUND_SCRIPT.sub("", with_languages, count=1)
            assert with_languages == path.read_text(encoding="utf-8"), relative
        elif path.name == "_headers":  # the site's headers: every Dutch rule as it was, plus the other languages' embeds
            dutch_rules, all_rules = _header_rules(path), _header_rules(other)
            assert all(all_rules.get(pattern) == lines for pattern, lines in dutch_rules.items()), relative
            assert set(all_rules) - set(dutch_rules), "the embeds in other languages have rules of their own"
        else:
            assert other.read_bytes() == path.read_bytes(), relative
        compared += 1
    assert compared > 500
    assert not list(dutch_only.glob("en")), "TALEN=nl makes Dutch only"


@pytest.mark.parametrize("page", ["index.html", "deze-week/index.html", "activiteiten/peuterzwemmen-haven/index.html",
                                  "stadsdelen/almere-haven/index.html", "leeftijd/peuter/index.html", "zoeken/index.html",
                                  "agenda/index.html", "delen/index.html"])
def test_each_version_has_its_language_and_direction_and_links_all_versions(built_site, page):
    versions = {"nl": built_site / page, **{code: built_site / code / page for code in OTHERS}}
    expected = None
    for code, path in versions.items():
        head = _read(path)
        assert head.lang == code, (path, head.lang)
        assert head.body_dir == language(code).direction, (path, head.body_dir)
        # reciprocal: every version names the same set of versions, itself included, and Dutch as the default
        assert set(head.alternates) == {"nl", *OTHERS, "x-default"}, path
        assert head.alternates["x-default"] == head.alternates["nl"]
        if expected is None:
            expected = head.alternates
        assert head.alternates == expected, path
        assert head.alternates[code].endswith("/" + (f"{code}/" if code != "nl" else "")
                                              + page.removesuffix("index.html"))
        # the language menu: every language, each link to this page in that language
        assert [c for c, _ in head.menu] == ["nl", *OTHERS]
        for other, href in head.menu:
            target = (path.parent / href / "index.html").resolve() if href != "./" else path.resolve()
            assert target == versions[other].resolve(), (path, other, href)


def test_the_arabic_pages_are_right_to_left(built_site):
    assert _read(built_site / "ar" / "index.html").body_dir == "rtl"
    assert _read(built_site / "index.html").body_dir == "ltr"


def test_the_menu_of_another_language_is_its_own_pages_with_translated_titles(built_site):
    html = (built_site / "en" / "deze-week" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index("</nav>")]
    links = re.findall(r'<a href="([^"]+)" class="md-nav__link', nav)
    assert links and all(not href.startswith("../../") for href in links), links  # inside /en/


def test_cards_link_to_the_activity_pages_of_the_same_language(built_site):
    html = (built_site / "pl" / "index.html").read_text(encoding="utf-8")
    cards = re.findall(r'<li class="card" data-slug="[^"]+"><h3><a href="([^"]+)"', html)
    assert cards and all(href.startswith("activiteiten/") for href in cards), cards[:3]
    assert (built_site / "pl" / cards[0] / "index.html").exists()
    config = re.search(r'id="directory-data">([^<]+)<', html).group(1)
    assert '"index":"../assets/gids/activiteiten.pl.js?v=' in config and '"pages":""' in config and '"root":"../"' in config


def test_facts_are_written_in_the_language_of_the_page(built_site):
    page = "activiteiten/peuterzwemmen-haven/index.html"
    dutch = (built_site / page).read_text(encoding="utf-8")
    polish = (built_site / "pl" / page).read_text(encoding="utf-8")
    body = polish[polish.index("<body"):]  # (the meta description is still Dutch: issue 18 stays open for it)
    assert ">2 tot en met 4 jaar<" in dutch
    assert ">Od 2 do 4 lat<" in body and "2 tot en met 4 jaar" not in body


def test_menu_titles_for_the_catalogue_are_the_menu_of_mkdocs_yml():
    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    assert tuple(next(iter(item)) for item in config["nav"]) == MENU_TITLES


def test_a_municipality_with_dutch_and_english_gets_only_english(tmp_path):
    project = copy_project(tmp_path / "almelo", FIXTURES / "almelo" / "content")
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    assert (out / "en" / "index.html").exists()
    assert not any((out / code).exists() for code in ("pl", "tr", "ar", "uk"))
    assert set(_read(out / "index.html").alternates) == {"nl", "en", "x-default"}
