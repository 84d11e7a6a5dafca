"""Builds of the real site: the sample content (Almere) and a second municipality (Almelo).

Expectations come from the content files and the occurrence engine; the HTML
is read with the standard library's HTML parser, JSON-LD with ``json``.
"""

from __future__ import annotations

import ast
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import PIL.Image
import pytest

import gates
from activity_directory.editors import cms
from activity_directory.content.loading import load_catalog
from activity_directory.dates.occurrences import has_ended, upcoming
from conftest import activity_sources, FIXTURES, REFERENCE, ROOT, build_site, copy_project

ALMELO_ICON = "assets/images/almelo.png"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict, parent: "Node | None"):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs) -> list["Node"]:
        found = []
        for child in self.children:
            if isinstance(child, Node):
                if (tag is None or child.tag == tag) and (cls is None or cls in child.classes) and \
                        all(child.attrs.get(k) == v for k, v in attrs.items()):
                    found.append(child)
                found += child.find_all(tag, cls, **attrs)
        return found

    def find(self, tag: str | None = None, cls: str | None = None, **attrs) -> "Node | None":
        found = self.find_all(tag, cls, **attrs)
        return found[0] if found else None


class Tree(HTMLParser):
    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#document", {}, None)
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(path: Path) -> Node:
    return Tree(path.read_text(encoding="utf-8")).root


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


ACTIVITY_FILES = activity_sources(ROOT / "content" / "activities")


@pytest.fixture(scope="module")
def pages(built_site):
    return {p.stem: parse(built_site / "activiteiten" / p.stem / "index.html") for p in ACTIVITY_FILES
            if (built_site / "activiteiten" / p.stem / "index.html").exists()}


def test_catalog_matches_build_date(catalog):
    assert catalog.today == REFERENCE


def test_every_activity_file_has_its_page(built_site, catalog, pages):
    assert ACTIVITY_FILES
    missing = [p.stem for p in ACTIVITY_FILES if p.stem not in pages]
    assert missing == []
    for path in ACTIVITY_FILES:
        activity = catalog.activity(path.stem)
        assert squash(pages[path.stem].find("h1").text()) == activity.title
        assert activity.title in squash(pages[path.stem].find("title").text())


@pytest.mark.parametrize("path", ACTIVITY_FILES, ids=[p.stem for p in ACTIVITY_FILES])
def test_activity_page(path, catalog, pages):
    activity = catalog.activity(path.stem)
    page = pages[path.stem]
    article = page.find("article", "activity")
    assert article is not None and article.attrs["data-status"] == activity.status

    # next dates: exactly what the occurrence engine says
    section = article.find("section", "next-dates")
    engine = upcoming(activity, catalog.calendar, catalog.today, count=50)
    if activity.active:
        assert section is not None
        shown = [t.attrs["datetime"] for t in section.find_all("time")]
        assert (len(shown) > 0) == (len(engine) > 0)
        assert shown == [o.start.isoformat() for o in engine[:len(shown)]]
    else:
        assert engine == []
        assert section is None
        notice = article.find(cls="status-notice")
        assert notice is not None and ("gestopt" in notice.text() or "tijdelijk" in notice.text())

    # badges: 'Gratis' and 'Inloop' only while it runs; a paused or stopped activity says so instead
    badges = article.find("ul", "badges")
    running = activity.active and not has_ended(activity, catalog.today)
    assert (badges.find(cls="badge--free") is not None) == (activity.cost.free and running)
    assert (badges.find(cls="badge--walkin") is not None) == (activity.signup.walk_in and running)
    if not activity.active:
        status_badge = badges.find(cls="badge--paused" if activity.status == "gepauzeerd" else "badge--stopped")
        assert status_badge is not None and ("gestopt" in status_badge.text().lower())

    # melding
    notice = activity.notice_on(REFERENCE)
    if notice:
        banners = article.find_all(cls="notice") + article.find_all(cls="status-notice")
        assert any(notice in squash(b.text()) for b in banners)

    # a route link on OpenStreetMap for every place with coordinates or an address
    links = [a.attrs["href"] for a in article.find_all("a") if a.attrs.get("href", "").startswith("https://www.openstreetmap.org/")]
    for location in activity.locations:
        if location.geo:
            lat, lon = location.geo
            assert any(parse_qs(urlsplit(h).query).get("to") == [f"{lat},{lon}"] for h in links), (location, links)
        elif location.address:
            assert any(parse_qs(urlsplit(h).query).get("query") == [location.address] for h in links), (location, links)

    # checked date
    checked = article.find(cls="checked")
    assert "Gecontroleerd op" in checked.text()
    assert checked.find("time").attrs["datetime"] == activity.checked.isoformat()

    # JSON-LD
    [script] = page.find_all("script", type="application/ld+json")
    data = json.loads(script.text())
    assert data["@type"] == "Event" and data["@context"] == "https://schema.org"
    assert data["name"] == activity.title
    if engine:
        assert data["startDate"] == engine[0].start.isoformat()
    else:
        assert "startDate" not in data or not activity.active


def test_some_pages_have_each_feature(catalog):
    # the sample content exercises every branch checked above
    acts = catalog.activities
    assert any(a.notice and a.active for a in acts) and any(not a.active for a in acts)
    assert any(a.cost.free for a in acts) and any(not a.cost.free for a in acts)
    assert any(a.signup.walk_in for a in acts) and any(not a.signup.walk_in for a in acts)
    assert any(len(a.locations) > 1 for a in acts) and any(l.address is None for a in acts for l in a.locations)


def test_activity_pages_are_not_in_the_navigation(built_site, catalog):
    home = parse(built_site / "index.html")
    navs = home.find_all("nav", "md-nav")
    assert navs
    links = [a.attrs.get("href", "") for nav in navs for a in nav.find_all("a")]
    in_nav = [h for h in links if re.search(r"activiteiten/[a-z0-9-]+/?$", h)]
    assert in_nav == []
    assert len(links) < len(catalog.activities)


# ---------------------------------------------------------------------------
# A second municipality, from data only
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def almelo_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("almelo"), content=FIXTURES / "almelo" / "content")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^site_name: .*$", "site_name: Activiteiten in Almelo", text)
    text = re.sub(r"(?m)^site_description: .*$", "site_description: Activiteiten voor kinderen, ouders en buurtbewoners in Almelo.", text)
    text = re.sub(r"(?m)^site_url: .*$", 'site_url: "https://activiteiten.almelo.example.nl/"', text)
    # its own icon (the theme's favicon) and an old name, so pages without the site's chrome are made too
    text = text.replace("  custom_dir: overrides\n", "  custom_dir: overrides\n  favicon: assets/images/almelo.png\n", 1)
    config.write_text(text, encoding="utf-8")
    icon = project / "overrides" / ALMELO_ICON  # a theme file, like the project's own assets (content/ is editors' material)
    icon.parent.mkdir(parents=True, exist_ok=True)
    PIL.Image.new("RGB", (48, 48), (200, 30, 40)).save(icon)
    sportdag = project / "content" / "activities" / "sportdag-almelo.md"
    sportdag.write_text(sportdag.read_text(encoding="utf-8").replace("\ntitel:", "\naliases: [sportdag]\ntitel:", 1),
                        encoding="utf-8")
    out = project / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr[-4000:]
    assert "Traceback" not in result.stderr
    return project, out


def test_almelo_builds_with_its_own_data(almelo_site):
    project, out = almelo_site
    catalog, problems = load_catalog(project / "content", project, today=REFERENCE)
    assert problems == [] and catalog.site.name == "Almelo"
    files = activity_sources(project / "content" / "activities")
    assert len(files) == len(catalog.activities) >= 3
    for path in files:
        activity = catalog.activity(path.stem)
        page = parse(out / "activiteiten" / path.stem / "index.html")
        assert squash(page.find("h1").text()) == activity.title
        assert "Activiteiten in Almelo" in page.find("title").text()
        shown = [t.attrs["datetime"] for t in page.find_all("time") if "T" in t.attrs.get("datetime", "")
                 and t.parent.tag == "li" and "dates" in t.parent.parent.classes]
        engine = upcoming(activity, catalog.calendar, catalog.today, count=50)
        assert shown == [o.start.isoformat() for o in engine[:len(shown)]] and (len(shown) > 0) == (len(engine) > 0)
    # pages the hook makes for any municipality, also when its content has none of them
    for page_dir in ("agenda", "open-data", "redactie", "deze-week"):
        assert (out / page_dir / "index.html").is_file(), page_dir
    assert "Almelo" in (out / "open-data" / "index.html").read_text(encoding="utf-8")
    # the per-line places of the Almelo fixture are both shown
    sportdag = parse(out / "activiteiten" / "sportdag-almelo" / "index.html")
    assert {"Sporthal Windmolenbroek", "Sporthal Kerkelanden"} <= {squash(s.text()) for s in sportdag.find_all("strong")}


def test_almelo_pages_all_show_its_own_icon(almelo_site):
    """The theme's favicon is the icon of every page: those of the theme and those without the
    site's chrome (embeds, flyers, the page at an old address)."""
    _, out = almelo_site
    assert (out / "activiteiten" / "sportdag" / "index.html").is_file()
    wrong = {}
    for page in gates.html_pages(out):
        icons = [a["href"] for t, a in gates.parse(page).tags if t == "link" and a.get("rel") == "icon"]
        # 404.html is served at any depth: its links start at the site's root
        resolved = [(out / href[1:] if href.startswith("/") else page.parent / href).resolve() for href in icons]
        if resolved != [(out / ALMELO_ICON).resolve()]:
            wrong[page.relative_to(out).as_posix()] = icons
    assert not wrong, dict(list(wrong.items())[:10])


def test_admin_page_names_the_icon_it_is_given():
    assert '<link rel="icon" href="../assets/images/almelo.png">' in cms.admin_page("Activiteiten in Almelo", icon=ALMELO_ICON)


def test_almelo_output_never_mentions_almere(almelo_site):
    _, out = almelo_site
    offenders = []
    for path in out.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".ics", ".csv", ".xml", ".yml", ".txt", ".js", ".css"):
            if "assets/javascripts" in path.as_posix() or "assets/stylesheets" in path.as_posix():
                continue  # Material's own bundles
            if "almere" in path.read_text(encoding="utf-8", errors="replace").lower():
                offenders.append(path.relative_to(out).as_posix())
    assert offenders == []


def test_no_municipality_in_code():
    offenders = []
    for folder in (ROOT / "src", ROOT / "hooks"):
        for path in folder.rglob("*.py"):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if "almere" in line.lower():
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_domain_never_imports_mkdocs():
    offenders = []
    for path in sorted((ROOT / "src" / "activity_directory").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in ("mkdocs", "material", "jinja2")]
    assert offenders == []
