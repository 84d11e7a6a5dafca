"""Which lists of activities the site has, and what is on each.

Every list is a page *and* a feed (``<url>agenda.ics``): the home page, each
stadsdeel and wijk, each age group, organisation and soort, and each
stadsdeel × age group. Pages and feeds both come from :func:`all_listings`,
so a list and its feed always hold the same activities.
"""

from __future__ import annotations

from dataclasses import dataclass

from .loading import Catalog
from .model import Activity
from .occurrences import has_ended


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
    AgeGroup("baby", "Baby's (0–1 jaar)", 0, 1),
    AgeGroup("peuter", "Peuters (2–3 jaar)", 2, 3),
    AgeGroup("kleuter", "Kleuters (4–5 jaar)", 4, 5),
    AgeGroup("kind", "Kinderen (6–11 jaar)", 6, 11),
    AgeGroup("tiener", "Tieners (12–17 jaar)", 12, 17),
    AgeGroup("volwassene", "Volwassenen (18+)", 18, None),
    AgeGroup("senior", "Senioren (65+)", 65, None),
)


@dataclass(frozen=True)
class Listing:
    """A list page and its feed."""

    url: str  # site-relative, ends with '/', '' for the home page
    title: str
    kind: str  # 'home' | 'stadsdeel' | 'wijk' | 'leeftijd' | 'organisatie' | 'soort' | 'stadsdeel-leeftijd'
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


def in_area(catalog: Catalog, activity: Activity, area_key: str) -> bool:
    """The activity takes place in the area, or comes to everyone in the municipality."""
    keys = area_keys(catalog, activity)
    return keys is None or area_key in keys


def is_current(catalog: Catalog, activity: Activity) -> bool:
    """Listed on overview pages: active and not ended."""
    return activity.active and not has_ended(activity, catalog.today)


def all_listings(catalog: Catalog) -> list[Listing]:
    """Every list, computed once per catalog."""
    return catalog.cached(("listings",), lambda: _all_listings(catalog))


def _all_listings(catalog: Catalog) -> list[Listing]:
    site = catalog.site
    everything = tuple(catalog.activities)
    result = [Listing("", f"Activiteiten in {site.name}", "home", site.areas.root.key, everything)]
    for area in site.areas.districts:
        result.append(Listing(f"stadsdelen/{area.key}/", area.name, "stadsdeel", area.key,
                              tuple(a for a in everything if in_area(catalog, a, area.key))))
    for area in site.areas.neighbourhoods:
        result.append(Listing(f"wijken/{area.key}/", area.name, "wijk", area.key,
                              tuple(a for a in everything if in_area(catalog, a, area.key))))
    for group in AGE_GROUPS:
        result.append(Listing(f"leeftijd/{group.key}/", group.name, "leeftijd", group.key,
                              tuple(a for a in everything if group.matches(a))))
    for org in site.organisations.values():
        result.append(Listing(f"organisaties/{org.key}/", org.name, "organisatie", org.key,
                              tuple(a for a in everything if a.organisation == org.key)))
    for kind in site.kinds.values():
        result.append(Listing(f"soorten/{kind.key}/", kind.name, "soort", kind.key,
                              tuple(a for a in everything if kind.key in a.kinds)))
    for area in site.areas.districts:
        for group in AGE_GROUPS:
            result.append(Listing(f"stadsdelen/{area.key}/leeftijd/{group.key}/", f"{group.name} in {area.name}",
                                  "stadsdeel-leeftijd", f"{area.key}/{group.key}",
                                  tuple(a for a in everything if in_area(catalog, a, area.key) and group.matches(a))))
    return result
