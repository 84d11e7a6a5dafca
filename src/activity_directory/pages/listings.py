"""Which lists of activities the site has, and what is on each.

Every list is a page *and* a feed (``<url>agenda.ics``): the home page, each
stadsdeel and wijk, each age group, organisation and soort, each stadsdeel and
wijk × age group, and each stadsdeel and wijk × soort that holds an activity. Pages and feeds both come from :func:`all_listings`,
so a list and its feed always hold the same activities.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.loading import Catalog
from ..content.model import Activity
from ..content.translations import N_
from ..dates.occurrences import has_ended


@dataclass(frozen=True)
class AgeGroup:
    key: str
    name: str
    low: float
    high: float | None  # inclusive; None: no upper bound

    def matches(self, activity: Activity) -> bool:
        """The activity's age range overlaps this group."""
        high = activity.age_to if activity.age_to is not None else float("inf")
        group_high = self.high if self.high is not None else float("inf")
        return activity.age_from <= group_high and high >= self.low


# Public contract (query string `leeftijd=<key>`, URLs /leeftijd/<key>/).
AGE_GROUPS: tuple[AgeGroup, ...] = (
    AgeGroup("baby", N_("Baby's (0–1 jaar)"), 0, 1),
    AgeGroup("peuter", N_("Peuters (2–3 jaar)"), 2, 3),
    AgeGroup("kleuter", N_("Kleuters (4–5 jaar)"), 4, 5),
    AgeGroup("kind", N_("Kinderen (6–11 jaar)"), 6, 11),
    AgeGroup("tiener", N_("Tieners (12–17 jaar)"), 12, 17),
    AgeGroup("volwassene", N_("Volwassenen (18+)"), 18, None),
    AgeGroup("senior", N_("Senioren (65+)"), 65, None),
)


@dataclass(frozen=True)
class Listing:
    """A list page and its feed."""

    url: str  # site-relative, ends with '/', '' for the home page
    title: str
    kind: str  # 'home' | 'stadsdeel' | 'wijk' | 'leeftijd' | 'organisatie' | 'soort' | 'stadsdeel-leeftijd' | 'wijk-leeftijd'
    #            | 'stadsdeel-soort' | 'wijk-soort' (key '<area>/<soort>')
    key: str
    activities: tuple[Activity, ...]  # published (every status), sorted by slug
    description: str = ""

    @property
    def feed_url(self) -> str:
        return f"{self.url}agenda.ics"


def area_keys(catalog: Catalog, activity: Activity) -> frozenset[str] | None:
    """Every area the activity is in (its places and all areas above them);
    ``None`` when it comes to everyone in the municipality."""
    def compute():
        areas = catalog.site.areas
        keys: set[str] = set()
        for location in activity.locations:
            if location.area == areas.root.key:
                return None
            keys.update(a.key for a in areas.ancestors(location.area))
        return frozenset(keys)

    return catalog.cached(("areas", activity.slug), compute)


def listed_areas(catalog: Catalog, activity: Activity):
    """The keys of every area whose list page lists the activity (the one rule for list pages,
    feeds and open data): its places and the areas above them, or every area when it comes to
    everyone in the municipality."""
    keys = area_keys(catalog, activity)
    return catalog.site.areas.areas.keys() if keys is None else keys


def listed_districts(catalog: Catalog, activity: Activity) -> list[str]:
    """The stadsdelen whose pages list the activity, in the order of the area tree."""
    listed = listed_areas(catalog, activity)
    return [district.key for district in catalog.site.areas.districts if district.key in listed]


def in_area(catalog: Catalog, activity: Activity, area_key: str) -> bool:
    """The activity takes place in the area, or comes to everyone in the municipality."""
    return area_key in listed_areas(catalog, activity)


def is_current(catalog: Catalog, activity: Activity) -> bool:
    """Listed on overview pages: active and not ended."""
    return activity.active and not has_ended(activity, catalog.today)


def all_listings(catalog: Catalog) -> list[Listing]:
    """Every list, computed once per catalog."""
    return catalog.cached(("listings",), lambda: _all_listings(catalog))


def _all_listings(catalog: Catalog) -> list[Listing]:
    site = catalog.site
    everything = tuple(catalog.activities)
    # One pass over the activities per kind of list (not one per list): at 20,000 activities and a
    # hundred wijken, testing every activity against every area was seconds of every build.
    by_area: dict[str, list[Activity]] = {area.key: [] for area in site.areas.areas.values()}
    by_organisation: dict[str, list[Activity]] = {key: [] for key in site.organisations}
    by_kind: dict[str, list[Activity]] = {key: [] for key in site.kinds}
    by_group: dict[str, list[Activity]] = {group.key: [] for group in AGE_GROUPS}
    for activity in everything:  # in catalog order, so every list keeps it
        for key in listed_areas(catalog, activity):
            by_area[key].append(activity)
        by_organisation.setdefault(activity.organisation, []).append(activity)
        for kind in dict.fromkeys(activity.kinds):
            by_kind.setdefault(kind, []).append(activity)
        for group in AGE_GROUPS:
            if group.matches(activity):
                by_group[group.key].append(activity)
    result = [Listing("", f"Activiteiten in {site.name}", "home", site.areas.root.key, everything)]
    for area in site.areas.districts:
        result.append(Listing(f"stadsdelen/{area.key}/", area.name, "stadsdeel", area.key, tuple(by_area[area.key])))
    for area in site.areas.neighbourhoods:
        result.append(Listing(f"wijken/{area.key}/", area.name, "wijk", area.key, tuple(by_area[area.key])))
    for group in AGE_GROUPS:
        result.append(Listing(f"leeftijd/{group.key}/", group.name, "leeftijd", group.key, tuple(by_group[group.key])))
    for org in site.organisations.values():
        result.append(Listing(f"organisaties/{org.key}/", org.name, "organisatie", org.key, tuple(by_organisation[org.key])))
    for kind in site.kinds.values():
        result.append(Listing(f"soorten/{kind.key}/", kind.name, "soort", kind.key, tuple(by_kind[kind.key])))
    # An area for one age group: a stadsdeel's, and a wijk's (the list behind its feed, embed and flyer
    # has a page of its own too: a partner shares it; its preview and its list without JavaScript say
    # what it holds).
    for areas, folder, kind in ((site.areas.districts, "stadsdelen", "stadsdeel-leeftijd"),
                                (site.areas.neighbourhoods, "wijken", "wijk-leeftijd")):
        for area in areas:
            for group in AGE_GROUPS:
                result.append(Listing(f"{folder}/{area.key}/leeftijd/{group.key}/", f"{group.name} in {area.name}",
                                      kind, f"{area.key}/{group.key}",
                                      tuple(a for a in by_area[area.key] if group.matches(a))))
    # A soort in an area (issue 20.3: the narrowest feed for a soort and an area), only where it holds an
    # activity of any status (a stopped activity keeps its file, so such a list does not go away again) and
    # holds less than both the area's list and the soort's (else that list is as narrow: no second copy).
    for areas, folder, kind_name in ((site.areas.districts, "stadsdelen", "stadsdeel-soort"),
                                     (site.areas.neighbourhoods, "wijken", "wijk-soort")):
        for area in areas:
            for kind in site.kinds.values():
                held = tuple(a for a in by_area[area.key] if kind.key in a.kinds)
                if 0 < len(held) < min(len(by_area[area.key]), len(by_kind[kind.key])):
                    result.append(Listing(f"{folder}/{area.key}/soorten/{kind.key}/", f"{kind.name} in {area.name}",
                                          kind_name, f"{area.key}/{kind.key}", held))
    return result


def kind_areas(catalog: Catalog) -> dict[str, list[str]]:
    """Soort key → the keys of the areas (stadsdelen, then wijken) that have a list and feed of that soort."""
    def compute():
        found: dict[str, list[str]] = {key: [] for key in catalog.site.kinds}
        for listing in all_listings(catalog):
            if listing.kind in ("stadsdeel-soort", "wijk-soort"):
                area, kind = listing.key.split("/")
                found[kind].append(area)
        return found

    return catalog.cached(("kind-areas",), compute)
