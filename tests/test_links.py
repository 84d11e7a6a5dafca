"""Links gate: every internal link and asset on every generated page resolves in
site/; external addresses only appear as links (never loaded); the feed and
data URLs the pages offer exist."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from gates import html_pages, page_type, parse, url_path

BASE = "https://site.invalid/"
# Attributes that make the browser load something (not just a link to follow).
LOADING = {("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
           ("iframe", "src"), ("embed", "src"), ("object", "data"), ("video", "src"), ("video", "poster"),
           ("audio", "src"), ("track", "src"), ("input", "src"), ("link", "href")}
LINKING = {("a", "href"), ("area", "href"), ("form", "action")}
FEED_SUFFIXES = (".ics", ".json", ".csv", ".xml", ".gz", ".yml")


def target_file(site: Path, url: str) -> Path | None:
    """The file a site-internal URL (absolute on BASE) points to, or None."""
    path = unquote(urlsplit(url).path).removeprefix("/")
    candidate = site / path
    if path == "" or path.endswith("/"):
        candidate = candidate / "index.html"
    if candidate.is_file():
        return candidate
    if (candidate / "index.html").is_file():
        return candidate / "index.html"
    return None


def collect(site: Path):
    """(page, kind, tag, attribute, absolute URL) of every URL on every page."""
    for page in html_pages(site):
        rel = page.relative_to(site).as_posix()
        # 404.html is served at any depth; its links are root-relative to the site.
        base = urljoin(BASE, url_path(site, page))
        for tag, attrs in parse(page).tags:
            for name in ("href", "src", "action", "data", "poster", "srcset"):
                value = attrs.get(name)
                if value is None or (tag, name) not in LOADING | LINKING:
                    continue
                if name == "href" and tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
                    kind = "link"
                else:
                    kind = "load" if (tag, name) in LOADING else "link"
                urls = [u.strip().split(" ")[0] for u in value.split(",")] if name == "srcset" else [value]
                for url in urls:
                    yield rel, page_type(site, page), kind, tag, urljoin(base, url.strip())


def test_every_internal_link_and_asset_resolves(built_site):
    broken, checked = [], 0
    for rel, _, kind, tag, url in collect(built_site):
        parts = urlsplit(url)
        if parts.scheme in ("mailto", "tel") or f"{parts.scheme}://{parts.netloc}/" != BASE:
            continue
        checked += 1
        if target_file(built_site, url) is None:
            broken.append(f"{rel}: <{tag}> {url.removeprefix(BASE)}")
    assert checked > 500, checked
    assert not broken, f"{len(broken)} kapotte links, bijvoorbeeld:\n" + "\n".join(sorted(set(broken))[:40])


def test_every_page_names_the_sites_icon(built_site):
    """Without <link rel="icon"> a browser asks for /favicon.ico, which the site does not have:
    a 404 in the console of embeds, flyers, redirects and the CMS. (The link gate above checks
    that the icon exists.)"""
    pages = html_pages(built_site)
    without = [page.relative_to(built_site).as_posix() for page in pages
               if not any(tag == "link" and attrs.get("rel") == "icon" for tag, attrs in parse(page).tags)]
    assert len(pages) > 100 and not without, without[:20]


def test_external_addresses_are_only_links(built_site):
    loads = []
    for rel, _, kind, tag, url in collect(built_site):
        parts = urlsplit(url)
        if parts.scheme in ("mailto", "tel", "data"):
            continue
        external = f"{parts.scheme}://{parts.netloc}/" != BASE
        if external and kind == "load":
            loads.append(f"{rel}: <{tag}> {url}")
        if external:
            assert parts.scheme in ("https", "http", "webcal"), f"{rel}: {url}"
    assert not loads, "externe bestanden geladen:\n" + "\n".join(sorted(set(loads))[:20])


def test_feeds_and_data_files_offered_on_pages_exist(built_site):
    offered = {url for _, _, _, tag, url in collect(built_site)
               if url.startswith(BASE) and urlsplit(url).path.endswith(FEED_SUFFIXES)}
    assert any(u.endswith(".ics") for u in offered), "geen agenda-links gevonden"
    assert any(u.endswith(".json") for u in offered), "geen JSON-links gevonden"
    missing = sorted(u for u in offered if target_file(built_site, u) is None)
    assert not missing, missing
    for url in offered:
        assert target_file(built_site, url).stat().st_size > 0, url


def test_webcal_links_point_at_existing_feeds(built_site):
    """Subscribe links (webcal://host/path) name a feed that exists in site/."""
    site_host = None
    missing = []
    for page in html_pages(built_site):
        for tag, attrs in parse(page).tags:
            href = attrs.get("href") or ""
            if tag == "a" and href.startswith("webcal://"):
                parts = urlsplit(href)
                site_host = site_host or parts.netloc
                if target_file(built_site, parts.path) is None:
                    missing.append(f"{page.relative_to(built_site)}: {href}")
    assert not missing, missing[:20]
