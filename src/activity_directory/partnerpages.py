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
from .feeds import absolute
from .loading import Catalog


@dataclass(frozen=True)
class Page:
    path: str  # file path in the site, e.g. 'wijken/x/flyer/index.html'
    kind: str  # for the build log: 'lijsten', 'flyers', …
    template: str | None = None  # under overrides/, e.g. 'partners/flyer.html'
    context: dict = field(default_factory=dict)
    data: bytes = b""  # when there is no template


def pages(catalog: Catalog, site_url: str, site_name: str) -> Iterator[Page]:
    """Every page; ``site_name`` is the site's name as the pages show it (mkdocs.yml's site_name)."""

    def full(path: str) -> str:
        return absolute(site_url, path)

    for spec in embeds.all_embeds(catalog):
        yield Page(f"{spec.url}index.html", "lijsten voor op een website", "partners/embed.html",
                   {"e": embeds.embed_view(catalog, spec), "site_name": site_name})
    for spec in flyers.all_flyers(catalog):
        yield Page(f"{spec.url}index.html", "flyers", "partners/flyer.html",
                   {"f": flyers.flyer_view(catalog, spec, full), "site_name": site_name})
    yield Page(whatsnew.FEED_PATH, "nieuwsfeed", data=whatsnew.atom(catalog, site_url, site_name))
