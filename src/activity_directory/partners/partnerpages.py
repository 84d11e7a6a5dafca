"""Every page for partners that the site writes without its chrome, as data.

:func:`pages` lists them: the embeddable lists (:mod:`embeds`), the flyers
(:mod:`flyers`), and the what's-new feed
(:mod:`whatsnew`). Each is a template name with its view, or finished bytes;
an adapter renders and writes them (``hooks/partner_pages.py``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from . import embeds, flyers, whatsnew
from ..publish.feeds import absolute
from ..pages.listings import area_keys
from ..content.loading import Catalog


@dataclass(frozen=True)
class Page:
    path: str  # file path in the site, e.g. 'wijken/x/flyer/index.html'
    kind: str  # for the build log: 'lijsten', 'flyers', …
    template: str | None = None  # under overrides/, e.g. 'partners/flyer.html'
    context: dict = field(default_factory=dict)
    data: bytes = b""  # when there is no template


def pages(catalog: Catalog, site_url: str, site_name: str, only: set[str] | None = None) -> Iterator[Page]:
    """Every page; ``site_name`` is the site's name as the pages show it (mkdocs.yml's site_name).
    ``only``: just the pages at these paths (the preview's incremental step, :func:`showing`)."""

    def full(path: str) -> str:
        return absolute(site_url, path)

    def wanted(path: str) -> bool:
        return only is None or path in only

    for spec in embeds.all_embeds(catalog):
        if wanted(f"{spec.url}index.html"):
            yield Page(f"{spec.url}index.html", "lijsten voor op een website", "partners/embed.html",
                       {"e": embeds.embed_view(catalog, spec), "site_name": site_name})
    for spec in flyers.all_flyers(catalog):
        if wanted(f"{spec.url}index.html"):
            yield Page(f"{spec.url}index.html", "flyers", "partners/flyer.html",
                       {"f": flyers.flyer_view(catalog, spec, full), "site_name": site_name})
    if wanted(whatsnew.FEED_PATH):
        yield Page(whatsnew.FEED_PATH, "nieuwsfeed", data=whatsnew.atom(catalog, site_url, site_name))


def showing(catalog: Catalog, slugs: set[str]) -> set[str]:
    """Paths of the pages that may show one of ``slugs``: the embeds that list them, the flyers of
    every area they are in (all flyers for an activity that comes everywhere), and the what's-new feed."""
    paths = {whatsnew.FEED_PATH}
    for spec in embeds.all_embeds(catalog):
        if any(a.slug in slugs for a in spec.activities):
            paths.add(f"{spec.url}index.html")
    areas: set[str] = set()
    everywhere = False
    for slug in slugs:
        activity = catalog.by_slug.get(slug)
        if activity is not None:
            keys = area_keys(catalog, activity)
            everywhere = everywhere or keys is None
            areas |= keys or set()
    for spec in flyers.all_flyers(catalog):
        if everywhere or spec.area in areas:
            paths.add(f"{spec.url}index.html")
    return paths
