"""Embeddable lists: every list page has a version for another website.

A KDV, a school or a wijkteam shows "the activities in our wijk" on its own
site with an ``<iframe>`` of ``<list URL>embed/``: a compact list without the
site's chrome, rendered at build time (it works without JavaScript), links
opening in a new tab, nothing loaded from another host.

Which embeds exist (public URLs, they stay):

* ``embed/`` for the whole municipality (it also takes the home page's filters
  in the query string);
* ``<list URL>embed/`` for every list in :func:`listings.all_listings`, among them
  ``wijken/<key>/leeftijd/<group>/embed/`` for every wijk × age group, the
  same lists as the feeds at ``wijken/<key>/leeftijd/<group>/agenda.ics``.

A wijk × age group has a list page of its own (``wijken/<key>/leeftijd/<group>/``); the
home page with the filters ``?wijk=<key>&leeftijd=<group>`` shows the same activities
(a public contract too, held by flyers printed before the page existed).

``embed/`` with filters that are exactly one list's (:func:`query_embed`: a wijk or a
stadsdeel, each with or without an age group, an age group, a soort) sends the reader on
to that list's own embed (``assets/list-page.js``, in the page's head, before the list is
drawn), in every language; other filters stay on ``embed/``, which filters them itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from ..dates import livedates, wording
from ..dates.wording import Wording
from ..pages.directory import QUERY_KEYS, EmbedConfig, ListPageKeys, card_view, compact_json, count_text, current_activities, index_url, listing_title
from ..pages.listings import AGE_GROUPS, AgeGroup, Listing, all_listings, kind_areas
from ..content.loading import Catalog
from ..content.model import Activity

EMBED = "embed/"
# Activities an embedded list shows (the soonest); it links to the list page for the rest.
# A frame on someone else's page is no place for hundreds, and pages stay small at any scale.
EMBED_LIMIT = 100


@dataclass(frozen=True)
class WijkAge:
    """A wijk for one age group: a list page with its feed, embed and flyer."""

    area: str
    group: AgeGroup
    title: str
    activities: tuple[Activity, ...]

    @property
    def url(self) -> str:
        """Its list page, the folder of its feed, embed and flyer."""
        return f"wijken/{self.area}/leeftijd/{self.group.key}/"

    @property
    def home_query(self) -> str:
        return home_query(self.area, self.group.key)


def home_query(wijk: str, group: str) -> str:
    """The home page with a wijk and an age group chosen (public query-string contract)."""
    return "?" + urlencode({"wijk": wijk, "leeftijd": group})


def wijk_age_lists(catalog: Catalog) -> list[WijkAge]:
    """Every wijk × age group (the same activities as its feed)."""
    def compute():
        groups = {group.key: group for group in AGE_GROUPS}
        return [WijkAge(listing.key.split("/")[0], groups[listing.key.split("/")[1]], listing.title, listing.activities)
                for listing in all_listings(catalog) if listing.kind == "wijk-leeftijd"]

    return catalog.cached(("wijk-age",), compute)


@dataclass(frozen=True)
class EmbedSpec:
    url: str  # site-relative, ends with 'embed/'
    title: str
    page_url: str  # where "everything on the site" leads, site-relative ('' is the home page)
    activities: tuple[Activity, ...]
    filters: bool = False  # the whole-city embed: filters from the query string
    source: Listing | WijkAge | None = None  # what it lists: for its title in another language


def embed_title(catalog: Catalog, spec: EmbedSpec, words: Wording = wording.DUTCH) -> str:
    """The embed's title in the reader's language (in Dutch :attr:`EmbedSpec.title`)."""
    source = spec.source
    if words.language.source or source is None:
        return spec.title
    _ = words._
    if isinstance(source, WijkAge):
        return _("%(leeftijdsgroep)s in %(gebied)s") % {"leeftijdsgroep": _(source.group.name),
                                                       "gebied": catalog.site.areas.areas[source.area].name}
    title = listing_title(catalog, source, words)
    if source.kind in ("wijk", "stadsdeel"):
        return _("Activiteiten in %(gebied)s") % {"gebied": title}
    return title


def all_embeds(catalog: Catalog) -> list[EmbedSpec]:
    """Every embeddable list."""
    def compute():
        specs = [EmbedSpec(f"{listing.url}{EMBED}",
                           f"Activiteiten in {listing.title}" if listing.kind in ("wijk", "stadsdeel") else listing.title,
                           listing.url, listing.activities, filters=listing.kind == "home", source=listing)
                 for listing in all_listings(catalog)]
        return specs

    return catalog.cached(("embeds",), compute)


def embed_view(catalog: Catalog, spec: EmbedSpec, words: Wording = wording.DUTCH, files_root: str = "") -> dict:
    """What an embedded list shows: its current activities as compact cards, soonest first (at most
    :data:`EMBED_LIMIT`; ``more`` says how many the list page has besides), in the reader's language.
    ``files_root``: the way from the language's root to the site's (the index is one file per language)."""
    activities = current_activities(catalog, spec.activities)
    shown = activities[:EMBED_LIMIT]
    view = {
        "title": embed_title(catalog, spec, words),
        "cards": [card_view(catalog, a, words) for a in shown],
        "count": count_text(len(activities), words),
        "more": len(activities) - len(shown),
        "page_url": spec.page_url,
        "filters": spec.filters,
        "words": catalog.cached(("livedates-words", words.language.code),
                                lambda: livedates.relative_words(catalog.today, words)),
    }
    if spec.filters:  # the whole city takes the home page's filters: the script reads the same index
        config: EmbedConfig = {"index": files_root + index_url(catalog, words), "limit": EMBED_LIMIT}
        view["config"] = compact_json(config)
        view["lists"] = compact_json(list_page_keys(catalog))
    return view


# The kinds of list a query string can name (query_embed), by the filters that name them.
_QUERY_LISTS = {("wijk",): "wijk", ("stadsdeel",): "stadsdeel", ("leeftijd",): "leeftijd", ("soort",): "soort",
                ("leeftijd", "wijk"): "wijk-leeftijd", ("leeftijd", "stadsdeel"): "stadsdeel-leeftijd",
                ("soort", "wijk"): "wijk-soort", ("soort", "stadsdeel"): "stadsdeel-soort"}


def query_embed(catalog: Catalog, query: dict[str, list[str]]) -> EmbedSpec | None:
    """The embed whose list is what the home page's filters ``query`` pick, when there is one (the
    reference for ``assets/list-page.js``): each filter once, and only a wijk, a stadsdeel, an age
    group (not years), a soort, or a wijk or stadsdeel with an age group or with a soort (where that
    soort has a list there, see listings.kind_areas). A stadsdeel next to its own wijk is the wijk (the
    home page's form sets both)."""
    values = {key: [v for v in query.get(key, []) if v] for key in QUERY_KEYS}
    values = {key: v for key, v in values.items() if v}
    if any(len(v) > 1 for v in values.values()):
        return None
    chosen = {key: v[0] for key, v in values.items()}
    areas = catalog.site.areas.areas
    if "wijk" in chosen and "stadsdeel" in chosen:
        wijk = areas.get(chosen["wijk"])
        if wijk is None or wijk.parent != chosen.pop("stadsdeel"):
            return None
    kind = _QUERY_LISTS.get(tuple(sorted(chosen)))
    if kind is None:
        return None
    key = "/".join(chosen[k] for k in ("wijk", "stadsdeel", "soort", "leeftijd") if k in chosen)
    return next((spec for spec in all_embeds(catalog)
                 if isinstance(spec.source, Listing) and spec.source.kind == kind and spec.source.key == key), None)


def list_page_keys(catalog: Catalog) -> ListPageKeys:
    """What ``assets/list-page.js`` needs to know on ``embed/``: the values with a list of their own."""
    def compute() -> ListPageKeys:
        sources = [spec.source for spec in all_embeds(catalog) if isinstance(spec.source, Listing)]
        areas = catalog.site.areas.areas
        return {"wijk": {s.key: areas[s.key].parent or "" for s in sources if s.kind == "wijk"},
                "stadsdeel": [s.key for s in sources if s.kind == "stadsdeel"],
                "leeftijd": [s.key for s in sources if s.kind == "leeftijd"],
                "soort": [s.key for s in sources if s.kind == "soort"],
                "soort_gebied": {kind: areas for kind, areas in kind_areas(catalog).items() if areas}}

    return catalog.cached(("list-page-keys",), compute)
