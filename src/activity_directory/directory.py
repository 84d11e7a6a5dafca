"""The directory: cards, filter data, list pages and the week view, as plain data.

Templates lay these values out and ``content/assets/directory.js`` filters the
cards in the browser with the compact data from :func:`filter_data`. The
query-string contract (``leeftijd``, ``stadsdeel``, ``wijk``, ``dag``,
``dagdeel``, ``gratis``, ``inloop``, ``soort``) is documented in
:data:`QUERY_KEYS`; the browser tests check the script against the domain.
"""

from __future__ import annotations

import datetime as dt
import json

from . import wording
from .listings import AGE_GROUPS, Listing, all_listings, in_area, is_current
from .loading import Catalog
from .model import WEEKDAYS, Activity, TimeSlot
from .occurrences import occurrences, upcoming
from .presentation import activity_url

# Public contract: the query keys of the home page filters.
QUERY_KEYS = ("leeftijd", "stadsdeel", "wijk", "dag", "dagdeel", "gratis", "inloop", "soort")

# Part of day: (key, label, first minute, last minute) of the start time.
DAY_PARTS = (
    ("ochtend", "Ochtend (voor 12 uur)", 0, 12 * 60 - 1),
    ("middag", "Middag (12 tot 18 uur)", 12 * 60, 18 * 60 - 1),
    ("avond", "Avond (vanaf 18 uur)", 18 * 60, 24 * 60 - 1),
)

LISTING_SECTIONS = {
    "stadsdeel": ("stadsdelen/", "Stadsdelen"),
    "leeftijd": ("leeftijd/", "Leeftijd"),
    "organisatie": ("organisaties/", "Organisaties"),
    "soort": ("soorten/", "Soorten"),
}


def day_part(time: dt.time) -> str:
    minutes = time.hour * 60 + time.minute
    return next(key for key, _, low, high in DAY_PARTS if low <= minutes <= high)


def slot_weekdays(slot: TimeSlot) -> tuple[int, ...]:
    """Weekdays (0 = Monday) a line falls on: its weekly days, or its date's weekday."""
    return (slot.date.weekday(),) if slot.date is not None else slot.weekdays


def next_occurrence(catalog: Catalog, activity: Activity):
    # Memoised per catalog: every list page asks again for the same activities
    # (the benchmark showed this as most of the build time at 1,000 activities).
    def compute():
        found = upcoming(activity, catalog.calendar, catalog.today, count=1)
        return found[0] if found else None

    return catalog.cached(("next", activity.slug), compute)


def current_activities(catalog: Catalog, activities=None) -> list[Activity]:
    """Current activities (active, not ended), sorted by next date, then title."""
    chosen = [a for a in (catalog.activities if activities is None else activities) if is_current(catalog, a)]
    far = dt.datetime.max.replace(tzinfo=dt.timezone.utc)

    def key(activity: Activity):
        nxt = next_occurrence(catalog, activity)
        return (nxt.start if nxt else far, activity.title.lower(), activity.slug)

    return sorted(chosen, key=key)


def _area_text(catalog: Catalog, activity: Activity) -> str:
    areas = catalog.site.areas
    names = []
    for location in activity.locations:
        area = areas.areas[location.area]
        if area.level == "gemeente":
            text = f"Overal in {area.name}"
        else:
            district = areas.district_of(area.key)
            text = area.name if area.level == "stadsdeel" or district is None else f"{area.name}, {district.name}"
        if text not in names:
            names.append(text)
    if len(names) > 2:
        return f"{names[0]} en {len(names) - 1} andere plekken"
    return wording.join(names)


def card_view(catalog: Catalog, activity: Activity) -> dict:
    """What a card shows: lean, so a page with 1,000 cards stays small (made once per build; read-only)."""
    return catalog.cached(("card", activity.slug), lambda: _card_view(catalog, activity))


def _card_view(catalog: Catalog, activity: Activity) -> dict:
    nxt = next_occurrence(catalog, activity)
    locations = activity.locations
    return {
        "slug": activity.slug,
        "url": activity_url(activity.slug),
        "title": activity.title,
        "status": activity.status,
        "next": (f"{wording.short_date(nxt.date, catalog.today, relative=False)}, {wording.time_range(nxt.start.time(), nxt.end.time())}"
                 if nxt else None),
        "next_iso": nxt.start.isoformat() if nxt else None,
        "place": locations[0].name if len(locations) == 1 else f"{len(locations)} plekken",
        "area": _area_text(catalog, activity),
        "age": wording.age(activity),
        "free": activity.cost.free,
        "cost": None if activity.cost.free else wording.cost(activity.cost),
        "walk_in": activity.signup.walk_in,
    }


def _coordinates(catalog: Catalog, activity: Activity) -> list[float]:
    """Flat [lat, lon, lat, lon, …] of every place (its geo, else its area's centre)."""
    flat: list[float] = []
    for location in activity.locations:
        point = location.geo or catalog.site.areas.centre_of(location.area)
        if point:
            flat += [round(point[0], 3), round(point[1], 3)]  # about 100 m: enough to sort
    return flat


def filter_record(catalog: Catalog, activity: Activity) -> dict:
    """Compact, short-keyed facts the filter script matches on.

    Records are in the order of the cards (no slug: it is in the card's
    ``data-slug``). a [from, to] age (to null: no limit); w area keys (wijk and
    stadsdeel of every place) or 1 when it comes everywhere; d weekday bits
    (bit 0 = Monday); p part-of-day bits (1 ochtend, 2 middag, 4 avond);
    f free; i walk-in; k kinds; g flat coordinates.
    """
    areas = catalog.site.areas
    keys: list[str] = []
    everywhere = False
    for location in activity.locations:
        if location.area == areas.root.key:
            everywhere = True
        for area in areas.ancestors(location.area):
            if area.key != areas.root.key and area.key not in keys:
                keys.append(area.key)
    days = parts = 0
    for slot in activity.slots:
        for day in slot_weekdays(slot):
            days |= 1 << day
        parts |= 1 << [p[0] for p in DAY_PARTS].index(day_part(slot.start))
    record: dict = {"a": [_num(activity.age_from), _num(activity.age_to)],
                    "w": 1 if everywhere else keys, "d": days, "p": parts, "k": list(activity.kinds),
                    "g": _coordinates(catalog, activity)}
    if activity.cost.free:
        record["f"] = 1
    if activity.signup.walk_in:
        record["i"] = 1
    return record


def _num(value):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def filter_data(catalog: Catalog, activities: list[Activity]) -> dict:
    """The one JSON blob the home page embeds."""
    areas = catalog.site.areas
    return {
        "r": [filter_record(catalog, a) for a in activities],
        # Age groups: key → [low, high]; high null: no limit.
        "ag": {g.key: [g.low, g.high] for g in AGE_GROUPS},
        # Area centres for 'Dichtbij' by wijk, and each wijk's stadsdeel.
        "c": {a.key: [round(c[0], 4), round(c[1], 4)] for a in areas.areas.values()
              if a.key != areas.root.key and (c := areas.centre_of(a.key))},
        "pa": {a.key: a.parent for a in areas.neighbourhoods},
    }


def compact_json(data) -> str:
    """Minified JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def filter_form(catalog: Catalog) -> dict:
    """Choices for the filter controls, in order of prominence."""
    site = catalog.site
    return {
        "ages": [{"value": g.key, "label": g.name} for g in AGE_GROUPS],
        "years": [{"value": str(n), "label": f"{n} jaar"} for n in range(0, 18)],
        "districts": [{"value": d.key, "label": d.name,
                       "wijken": [{"value": w.key, "label": w.name} for w in site.areas.children(d.key)]}
                      for d in site.areas.districts],
        "days": [{"value": day, "label": day.capitalize()} for day in WEEKDAYS],
        "parts": [{"value": key, "label": label} for key, label, _, _ in DAY_PARTS],
        "kinds": [{"value": k.key, "label": k.name} for k in site.kinds.values()],
    }


def home_view(catalog: Catalog) -> dict:
    """The home page: every current activity as a card, the filter form and the filters' data (as script-safe JSON)."""
    activities = current_activities(catalog)
    cards = [card_view(catalog, a) for a in activities]
    return {
        "cards": cards,
        "count": count_text(len(cards)),
        "filters_json": compact_json(filter_data(catalog, activities)),
        "form": filter_form(catalog),
        "feed_url": all_listings(catalog)[0].feed_url,
    }


def listing_view(catalog: Catalog, listing: Listing) -> dict:
    """A list page: current activities as cards, paused ones mentioned below."""
    site = catalog.site
    current = current_activities(catalog, listing.activities)
    paused = [a for a in listing.activities if a.status == "gepauzeerd"]
    view: dict = {
        "title": listing.title,
        "kind": listing.kind,
        "key": listing.key,
        "feed_url": listing.feed_url,
        "cards": [card_view(catalog, a) for a in current],
        "count": count_text(len(current)),
        "paused": [{"url": activity_url(a.slug), "title": a.title} for a in paused],
        "links": [],
        "links_title": None,
        "intro": None,
        "up": None,
    }
    if listing.kind == "stadsdeel":
        view["links_title"] = "Wijken in " + listing.title
        view["links"] = [{"url": f"wijken/{w.key}/", "label": w.name} for w in site.areas.children(listing.key)]
        view["age_links"] = [{"url": f"stadsdelen/{listing.key}/leeftijd/{g.key}/", "label": g.name} for g in AGE_GROUPS]
        view["up"] = {"url": "stadsdelen/", "label": "Alle stadsdelen"}
    elif listing.kind == "wijk":
        district = site.areas.district_of(listing.key)
        if district:
            view["up"] = {"url": f"stadsdelen/{district.key}/", "label": district.name}
            view["intro"] = f"Wijk in {district.name}. Ook activiteiten die overal in {site.name} komen."
    elif listing.kind == "stadsdeel-leeftijd":
        district_key = listing.key.split("/")[0]
        view["up"] = {"url": f"stadsdelen/{district_key}/", "label": site.areas.areas[district_key].name}
    elif listing.kind == "leeftijd":
        view["up"] = {"url": "leeftijd/", "label": "Alle leeftijden"}
    elif listing.kind == "organisatie":
        organisation = site.organisations[listing.key]
        view["intro"] = organisation.description
        view["website"] = organisation.website
        view["up"] = {"url": "organisaties/", "label": "Alle organisaties"}
    elif listing.kind == "soort":
        view["intro"] = site.kinds[listing.key].description
        view["up"] = {"url": "soorten/", "label": "Alle soorten"}
    return view


def count_text(count: int) -> str:
    return "1 activiteit" if count == 1 else f"{count} activiteiten"


def index_views(catalog: Catalog) -> dict[str, dict]:
    """The few index pages that form the navigation, by URL."""
    listings = [item for item in all_listings(catalog) if item.kind in LISTING_SECTIONS]
    result: dict[str, dict] = {}
    for kind, (url, title) in LISTING_SECTIONS.items():
        entries = []
        for listing in listings:
            if listing.kind != kind:
                continue
            count = sum(1 for a in listing.activities if is_current(catalog, a))
            entry = {"url": listing.url, "label": listing.title, "count": count_text(count)}
            if kind == "stadsdeel":
                entry["children"] = [{"url": f"wijken/{w.key}/", "label": w.name}
                                     for w in catalog.site.areas.children(listing.key)]
            entries.append(entry)
        result[url] = {"title": title, "entries": entries}
    return result


def week_view(catalog: Catalog, days: int = 7) -> dict:
    """The next ``days`` days from the reference date, each with its occurrences."""
    first = catalog.today
    last = first + dt.timedelta(days=days - 1)
    per_day: dict[dt.date, list] = {first + dt.timedelta(days=n): [] for n in range(days)}
    for activity in catalog.activities:
        if not is_current(catalog, activity):
            continue
        for occurrence in occurrences(activity, catalog.calendar, first, last):
            location = occurrence.location
            area = catalog.site.areas.areas[location.area]
            per_day[occurrence.date].append({
                "start": occurrence.start,
                "time": wording.time_range(occurrence.start.time(), occurrence.end.time()),
                "iso_start": occurrence.start.isoformat(),
                "slug": activity.slug,
                "url": activity_url(activity.slug),
                "title": activity.title,
                "place": location.name,
                "area": f"Overal in {area.name}" if area.level == "gemeente" else area.name,
                "free": activity.cost.free,
            })
    result = []
    for day, items in per_day.items():
        items.sort(key=lambda item: (item["start"], item["title"].lower()))
        result.append({"iso": day.isoformat(), "label": wording.date(day, year=day.year != first.year).capitalize(),
                       "short": wording.short_date(day, first), "occurrences": items})
    return {"first": wording.date(first, weekday=False), "last": wording.date(last, weekday=False), "days": result}


def matches(catalog: Catalog, activity: Activity, query: dict[str, list[str]]) -> bool:
    """Python reference of the filter contract (the script implements the same rules)."""
    def values(key):
        return [v for v in query.get(key, []) if v]

    for value in values("leeftijd"):
        group = next((g for g in AGE_GROUPS if g.key == value), None)
        if group is not None:
            if not group.matches(activity):
                return False
        else:
            try:
                years = float(value)
            except ValueError:
                continue
            high = activity.age_to if activity.age_to is not None else float("inf")
            if not activity.age_from <= years <= high:
                return False
    for key in ("stadsdeel", "wijk"):
        for value in values(key):
            if not in_area(catalog, activity, value):
                return False
    days = values("dag")
    if days:
        wanted = {WEEKDAYS.index(d) for d in days if d in WEEKDAYS}
        if wanted and not any(set(slot_weekdays(s)) & wanted for s in activity.slots):
            return False
    parts = values("dagdeel")
    if parts and not any(day_part(s.start) in parts for s in activity.slots):
        return False
    if values("gratis") and not activity.cost.free:
        return False
    if values("inloop") and not activity.signup.walk_in:
        return False
    for value in values("soort"):
        if value not in activity.kinds:
            return False
    return True
