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
from ..dates import wording
from ..content.languages import SOURCE, localized_path
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
    language: str = SOURCE  # the page's language; another language's page is under '<code>/'


def pages(catalog: Catalog, site_url: str, site_name: str, only: set[str] | None = None,
          codes: tuple[str, ...] = ()) -> Iterator[Page]:
    """Every page; ``site_name`` is the site's name as the pages show it (mkdocs.yml's site_name).
    ``only``: just the pages at these (Dutch) paths (the preview's incremental step, :func:`showing`);
    ``codes``: the other languages this build makes: every embed and flyer again under ``<code>/``,
    in that language, its links and QR code to that language's pages."""

    def wanted(path: str) -> bool:
        return only is None or path in only

    for code in (SOURCE, *codes):
        words = wording.for_language(code)
        name = site_name if code == SOURCE else words._("Activiteiten in %(gemeente)s") % {"gemeente": catalog.site.name}
        files_root = "" if code == SOURCE else "../"  # from the language's root to the site's

        def full(path: str, code: str = code) -> str:
            return absolute(site_url, localized_path(code, path))

        for spec in embeds.all_embeds(catalog):
            if wanted(f"{spec.url}index.html"):
                yield Page(localized_path(code, f"{spec.url}index.html"), "lijsten voor op een website",
                           "partners/embed.html",
                           {"e": embeds.embed_view(catalog, spec, words, files_root), "site_name": name}, language=code)
        for spec in flyers.all_flyers(catalog):
            if wanted(f"{spec.url}index.html"):
                yield Page(localized_path(code, f"{spec.url}index.html"), "flyers", "partners/flyer.html",
                           {"f": flyers.flyer_view(catalog, spec, full, words), "site_name": name}, language=code)
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
