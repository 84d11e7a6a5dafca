"""The directory: cards, the filter index, list pages and the week view, as plain data.

Templates lay these values out. The home page holds only what its first screen
needs (the :data:`PAGE_SIZE` soonest cards); ``overrides/assets/directory.js``
renders everything else from the index file made by :func:`index_script`
(one compact record per current activity, fetched by the page). The
query-string contract (``leeftijd``, ``stadsdeel``, ``wijk``, ``dag``,
``dagdeel``, ``gratis``, ``inloop``, ``soort``, ``toegankelijk``) is
documented in :data:`QUERY_KEYS`, and :func:`matches` is its reference: the
browser tests check the script against it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from typing import NamedTuple, TypedDict

from ..dates import livedates, wording
from ..dates.wording import Wording
from ..content.translations import N_
from .listings import AGE_GROUPS, Listing, all_listings, in_area, is_current, kind_areas
from ..content.loading import Catalog
from ..content.model import ACCESSIBILITY, WEEKDAYS, Activity, TimeSlot
from .presentation import activity_url

# Public contract: the query keys of the home page filters ('dag', 'dagdeel'
# and 'toegankelijk' may repeat). 'Deze week' takes the age and area keys.
QUERY_KEYS = ("leeftijd", "stadsdeel", "wijk", "dag", "dagdeel", "gratis", "inloop", "soort", "toegankelijk")
WEEK_QUERY_KEYS = ("leeftijd", "stadsdeel", "wijk")

# Cards the home page holds up front (and shows per 'Toon meer'); cards per list page; lines per day
# on 'Deze week' (up front, and per 'Toon meer'): pages stay small at any number of activities.
PAGE_SIZE = 60
LIST_PAGE_SIZE = 50
WEEK_DAY_LINES = 50
# The index of every current activity, written next to the pages (site-relative).
INDEX_PATH = "assets/gids/activiteiten.js"
INDEX_VERSION = 1
# Days from the build day the index names (labels, midnights), whether or not it has their dates.
INDEX_DAY_LABELS = 100

# Part of day: (key, label, first minute, last minute) of the start time.
DAY_PARTS = (
    ("ochtend", N_("Ochtend (voor 12 uur)"), 0, 12 * 60 - 1),
    ("middag", N_("Middag (12 tot 18 uur)"), 12 * 60, 18 * 60 - 1),
    ("avond", N_("Avond (vanaf 18 uur)"), 18 * 60, 24 * 60 - 1),
)

LISTING_SECTIONS = {
    "stadsdeel": ("stadsdelen/", N_("Stadsdelen")),
    "leeftijd": ("leeftijd/", N_("Leeftijd")),
    "organisatie": ("organisaties/", N_("Organisaties")),
    "soort": ("soorten/", N_("Soorten")),
}


def day_part(time: dt.time) -> str:
    minutes = time.hour * 60 + time.minute
    return next(key for key, _, low, high in DAY_PARTS if low <= minutes <= high)


def slot_weekdays(slot: TimeSlot) -> tuple[int, ...]:
    """Weekdays (0 = Monday) a line falls on: its weekly days, or its date's weekday."""
    return (slot.date.weekday(),) if slot.date is not None else slot.weekdays


def is_weekly(activity: Activity) -> bool:
    """Whether a line under 'tijden' repeats every week (read after the carried dates, such an
    activity is most likely still on, unlike a one-off date far ahead)."""
    return any(slot.date is None for slot in activity.slots)


def next_occurrence(catalog: Catalog, activity: Activity):
    """The first occurrence from the build day on (memoised per catalog)."""
    def compute():
        found = livedates.live_occurrences(catalog, activity, days=0)
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


def listing_current(catalog: Catalog, listing: Listing) -> list[Activity]:
    """A list's current activities in date order, once per build."""
    return catalog.cached(("current", listing.url), lambda: current_activities(catalog, listing.activities))


def _area_text(catalog: Catalog, activity: Activity, words: Wording = wording.DUTCH) -> str:
    areas = catalog.site.areas
    names = []
    for location in activity.locations:
        area = areas.areas[location.area]
        if area.level == "gemeente":
            text = words._("Overal in %(gemeente)s") % {"gemeente": area.name}
        else:
            district = areas.district_of(area.key)
            text = area.name if area.level == "stadsdeel" or district is None else f"{area.name}, {district.name}"
        if text not in names:
            names.append(text)
    if len(names) > 2:
        return words.ngettext("%(plek)s en %(aantal)s andere plek", "%(plek)s en %(aantal)s andere plekken",
                              len(names) - 1) % {"plek": names[0], "aantal": words.integer(len(names) - 1)}
    return words.join(names)


def _place_text(activity: Activity, words: Wording = wording.DUTCH) -> str:
    locations = activity.locations
    if len(locations) == 1:
        return locations[0].name
    return words.ngettext("%(aantal)s plek", "%(aantal)s plekken", len(locations)) % {"aantal": words.integer(len(locations))}


def _week_area(catalog: Catalog, area_key: str, words: Wording = wording.DUTCH) -> str:
    area = catalog.site.areas.areas[area_key]
    return words._("Overal in %(gemeente)s") % {"gemeente": area.name} if area.level == "gemeente" else area.name


def paused_link(catalog: Catalog, activity: Activity, words: Wording = wording.DUTCH) -> dict:
    """A paused activity named under a list: its title as the reader sees it (``title_dutch``: the
    editors' Dutch one on another language's page, marked lang="nl")."""
    title, language = catalog.title_in(activity, words.language.code)
    return {"url": activity_url(activity.slug), "title": title, "title_dutch": language != words.language.code}


def card_view(catalog: Catalog, activity: Activity, words: Wording = wording.DUTCH) -> dict:
    """What a card shows: lean, so a page of cards stays small (made once per build; read-only).

    ``when`` holds every occurrence of the live window (see :mod:`livedates`):
    the first is shown, the others wait for the reader's clock.
    """
    return catalog.cached(("card", words.language.code, activity.slug), lambda: _card_view(catalog, activity, words))


def _card_view(catalog: Catalog, activity: Activity, words: Wording) -> dict:
    when = [livedates.occurrence_item(catalog, o, words)
            for o in livedates.live_occurrences(catalog, activity, days=livedates.PAGE_DAYS)]
    return {
        "slug": activity.slug,
        "url": activity_url(activity.slug),
        "title": catalog.in_language(activity, words.language.code).title,
        # An editor's Dutch title on a page in another language (WCAG 3.1.2: marked lang="nl").
        "title_dutch": not words.language.source and catalog.in_language(activity, words.language.code).title == activity.title,
        "status": activity.status,
        "when": when,
        # The first of them alone (for views that show one date; with livedates.js prefer 'when').
        "next": when[0]["text"] if when else None,
        "next_iso": when[0]["start"] if when else None,
        "next_end": when[0]["end"] if when else None,
        "place": _place_text(activity, words),
        "area": _area_text(catalog, activity, words),
        "age": words.age(activity),
        "free": activity.cost.free,
        "cost": None if activity.cost.free else words.cost(activity.cost),
        "walk_in": activity.signup.walk_in,
        "weekly": is_weekly(activity),
    }


def _coordinates(catalog: Catalog, activity: Activity) -> list[float]:
    """Flat [lat, lon, lat, lon, …] of every place (its geo, else its area's centre)."""
    flat: list[float] = []
    for location in activity.locations:
        point = location.geo or catalog.site.areas.centre_of(location.area)
        if point:
            flat += [round(point[0], 3), round(point[1], 3)]  # about 100 m: enough to sort
    return flat


def area_keys_of(catalog: Catalog, activity: Activity) -> list[str] | None:
    """Keys of every area (wijk and stadsdeel) of every place; ``None`` when it comes everywhere."""
    areas = catalog.site.areas
    keys: list[str] = []
    for location in activity.locations:
        if location.area == areas.root.key:
            return None
        for area in areas.ancestors(location.area):
            if area.key != areas.root.key and area.key not in keys:
                keys.append(area.key)
    return keys


def filter_bits(activity: Activity) -> tuple[int, int]:
    """Weekday bits (bit 0 = Monday) and part-of-day bits (1 ochtend, 2 middag, 4 avond)."""
    days = parts = 0
    for slot in activity.slots:
        for day in slot_weekdays(slot):
            days |= 1 << day
        parts |= 1 << [p[0] for p in DAY_PARTS].index(day_part(slot.start))
    return days, parts


def _num(value):
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


# --- the index the script renders from -------------------------------------------------

# The browser's data contract. These declarations are the shape of what the build writes and
# overrides/assets/*.js reads: tests/browser_types.py renders them as types/contracts.d.ts (for
# tsc) and checks every built index and page config against them, key for key.


class IndexVariant(NamedTuple):
    """One distinct time and place of an activity's occurrences (texts: indices into ``x``)."""
    start: int  # local start minute of the day
    end: int  # local end minute (smaller than start: ends the next day)
    duration: int  # minutes
    time: int  # the time text
    place: int  # place name
    area: int  # the place's area on 'Deze week'


class IndexRecord(NamedTuple):
    """One current activity in the index; the script reads the fields by position (``fields``)."""
    slug: str
    title: str
    occurrences: list[int]  # flat [start, variant, …]: start in minutes after 'base', variant an index into 'variants'
    variants: list[IndexVariant]
    place: int  # card texts: indices into 'x'
    area: int
    age: int
    cost: int  # -1 when free
    flags: int  # 1 free, 2 walk-in, 4 weekly (it has a line under 'tijden' that repeats every week),
    #             8 the title is the editor's Dutch on a page in another language (marked lang="nl")
    age_from: float
    age_to: float | None  # None: no upper limit
    areas: list[int] | None  # indices into 'areas' (wijk and stadsdeel of every place), None: everywhere
    days: int  # bits, as filter_bits
    parts: int
    kinds: list[int]  # indices into 'kinds'
    geo: list[float]  # flat [lat, lon, …] of every place
    access: int  # bits over 'access' (model.ACCESSIBILITY)


# Per day from the build day: [local midnight in minutes after 'base', 'ma 23 nov', 'maandag 23 november', '23 november'].
IndexDay = tuple[int, str, str, str]


class IndexData(TypedDict):
    """The index of every current activity (:func:`index_script`)."""
    version: int
    fields: list[str]  # IndexRecord's fields, in order
    today: str  # the build day, ISO
    base: int  # local midnight of the build day, in minutes since 1970
    offset: int  # offset from UTC (minutes) at 'base'
    day0: int  # days since 1970-01-01 of the build day
    days: list[IndexDay]
    when: str  # '{day} {time}'
    x: list[str]  # the distinct texts
    areas: list[str]
    kinds: list[str]
    access: list[str]
    groups: dict[str, tuple[float, float | None]]  # age group key → [low, high]; high None: no limit
    centres: dict[str, tuple[float, float]]  # area key → [lat, lon] ('Dichtbij' from a wijk or stadsdeel)
    parents: dict[str, str]  # wijk → its stadsdeel
    kind_feeds: dict[str, list[int]]  # soort → the areas (indices in 'areas') with a soort × area feed
    records: list[IndexRecord]


class PageConfig(TypedDict):
    """What every page with the directory script embeds (#directory-data): :func:`page_config`."""
    index: str  # URL of the index script
    root: str  # the way up to the site's root from this page (files: the index, feeds)
    pages: str  # the way to the pages in this page's language (Dutch: the site's root; else its /<code>/)
    today: str  # the day the page was made, ISO


class HomeConfig(PageConfig):
    """#directory-data of the home page."""
    page: int  # cards up front and per 'Toon meer'


class WeekConfig(PageConfig):
    """#directory-data of 'Deze week'."""
    week: int  # days
    range: str  # WEEK_RANGE
    weekCount: str  # WEEK_COUNT
    dayLines: int  # lines per day up front and per 'Toon meer'
    known: int  # days from the build day the index holds every occurrence of (livedates.LIVE_DAYS)
    unknownDay: str  # WEEK_UNKNOWN_DAY: a day after them
    unknownCount: str  # WEEK_UNKNOWN_COUNT: the count when the week reaches past them


class EmbedConfig(TypedDict):
    """The JSON of an embed with filters (#embed-data)."""
    index: str
    limit: int


class ListPageKeys(TypedDict):
    """The filter values that have a list page of their own (data-lists of list-page.js on /embed/)."""
    wijk: dict[str, str]  # wijk -> its stadsdeel
    stadsdeel: list[str]
    leeftijd: list[str]  # the age groups (years have no page)
    soort: list[str]
    soort_gebied: dict[str, list[str]]  # soort -> the areas with a list of that soort (listings.kind_areas)


INDEX_FIELDS = IndexRecord._fields


class _Strings:
    """A table of distinct strings, referred to by index."""

    def __init__(self):
        self.items: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        try:
            return self._index[text]
        except KeyError:
            self._index[text] = len(self.items)
            self.items.append(text)
            return self._index[text]


def _minutes(moment: dt.datetime) -> int:
    return int(moment.timestamp()) // 60


def index_data(catalog: Catalog, activities: list[Activity], words: Wording = wording.DUTCH) -> IndexData:
    """Everything the script needs to filter, sort and render every current activity.

    Records come in date order (by the build day). Occurrences are the live
    window's (:func:`livedates.live_occurrences`), as minutes after ``base``
    (local midnight of the build day); ``days`` holds, per day after the build
    day, its local midnight in the same minutes and its label (from
    :mod:`wording`), so the script needs no time-zone data and no names.
    """
    site = catalog.site
    areas = site.areas
    strings = _Strings()
    area_list = [a.key for a in areas.areas.values() if a.key != areas.root.key]
    area_index = {key: i for i, key in enumerate(area_list)}
    kind_list = list(site.kinds)
    kind_index = {key: i for i, key in enumerate(kind_list)}
    access_list = list(ACCESSIBILITY)
    base_moment = livedates.day_start(catalog.today)
    base = _minutes(base_moment)
    last_day = 0
    rows = []
    for activity in activities:
        variants: list[IndexVariant] = []
        variant_index: dict[tuple, int] = {}
        flat: list[int] = []
        for o in livedates.live_occurrences(catalog, activity):
            start, end = o.start, o.end
            key = (start.hour * 60 + start.minute, end.hour * 60 + end.minute, (_minutes(end) - _minutes(start)),
                   o.location.name, o.location.area)
            number = variant_index.get(key)
            if number is None:
                number = variant_index[key] = len(variants)
                variants.append(IndexVariant(key[0], key[1], key[2], strings(words.time_range(start.time(), end.time())),
                                             strings(o.location.name), strings(_week_area(catalog, o.location.area, words))))
            flat += [_minutes(start) - base, number]
            last_day = max(last_day, (o.date - catalog.today).days)
        keys = area_keys_of(catalog, activity)
        days, parts = filter_bits(activity)
        title = catalog.in_language(activity, words.language.code).title
        rows.append(IndexRecord(
            activity.slug, title, flat, variants,
            strings(_place_text(activity, words)), strings(_area_text(catalog, activity, words)), strings(words.age(activity)),
            -1 if activity.cost.free else strings(words.cost(activity.cost)),
            (1 if activity.cost.free else 0) | (2 if activity.signup.walk_in else 0) | (4 if is_weekly(activity) else 0)
            | (8 if not words.language.source and title == activity.title else 0),
            _num(activity.age_from), _num(activity.age_to),
            None if keys is None else [area_index[k] for k in keys],
            days, parts, [kind_index[k] for k in activity.kinds], _coordinates(catalog, activity),
            sum(1 << access_list.index(k) for k in activity.accessibility),
        ))
    # Days up to the last occurrence, and at least INDEX_DAY_LABELS: 'Deze week' read long after the build
    # still names its days (and says it does not know what is on them).
    day_list = [catalog.today + dt.timedelta(days=n) for n in range(max(last_day + 2, INDEX_DAY_LABELS))]
    return {
        "version": INDEX_VERSION,
        "fields": list(INDEX_FIELDS),
        "today": catalog.today.isoformat(),
        "base": base,
        "offset": int(base_moment.utcoffset().total_seconds()) // 60,
        "day0": (catalog.today - dt.date(1970, 1, 1)).days,
        "days": [(_minutes(livedates.day_start(d)) - base, livedates.day_label(catalog, d, words),
                  livedates.day_long(catalog, d, words), livedates.day_month(catalog, d, words)) for d in day_list],
        "when": livedates.WHEN_FORMAT,
        "x": strings.items,
        "areas": area_list,
        "kinds": kind_list,
        "access": access_list,
        "groups": {g.key: (g.low, g.high) for g in AGE_GROUPS},
        "centres": {a.key: (round(c[0], 4), round(c[1], 4)) for a in areas.areas.values()
                    if a.key != areas.root.key and (c := areas.centre_of(a.key))},
        "parents": {a.key: a.parent for a in areas.neighbourhoods},
        "kind_feeds": {kind: [area_index[key] for key in keys] for kind, keys in kind_areas(catalog).items() if keys},
        "records": rows,
    }


def index_path(words: Wording = wording.DUTCH) -> str:
    """Where the index of a language is written: :data:`INDEX_PATH` for Dutch, ``activiteiten.<code>.js`` else."""
    return INDEX_PATH if words.language.source else INDEX_PATH.replace(".js", f".{words.language.code}.js")


def index_script(catalog: Catalog, words: Wording = wording.DUTCH) -> tuple[str, str]:
    """The index file's text (a script: the page can wait for it before its load event) and a short hash of it.

    It hands the data to ``ActivityIndex.receive`` as a JSON string (parsing
    JSON is faster than parsing the same data as script).
    """
    def compute():
        text = json.dumps(index_data(catalog, current_activities(catalog), words), ensure_ascii=False, separators=(",", ":"))
        literal = "'" + (text.replace("\\", "\\\\").replace("'", "\\'")
                         .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")) + "'"
        script = ("/* Generated by activity_directory.pages.directory.index_script: every current activity, "
                  "for overrides/assets/directory.js. */\n"
                  f"(window.ActivityIndex = window.ActivityIndex || []).push(JSON.parse({literal}));\n")
        return script, hashlib.sha256(script.encode("utf-8")).hexdigest()[:12]

    return catalog.cached(("index-script", words.language.code), compute)


def index_url(catalog: Catalog, words: Wording = wording.DUTCH) -> str:
    """Site-relative URL of the index, with its hash (browsers never mix an old index with a new page)."""
    return f"{index_path(words)}?v={index_script(catalog, words)[1]}"


def compact_json(data) -> str:
    """Minified JSON that is safe inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# --- pages -------------------------------------------------------------------------------


def filter_form(catalog: Catalog, words: Wording = wording.DUTCH) -> dict:
    """Choices for the filter controls, in order of prominence."""
    site = catalog.site
    _ = words._
    return {
        "ages": [{"value": g.key, "label": _(g.name)} for g in AGE_GROUPS],
        "years": [{"value": str(n), "label": words.ngettext("%(jaar)s jaar", "%(jaar)s jaar", n) % {"jaar": words.integer(n)}}
                  for n in range(0, 18)],
        "districts": [{"value": d.key, "label": d.name,
                       "wijken": [{"value": w.key, "label": w.name} for w in site.areas.children(d.key)]}
                      for d in site.areas.districts],
        "days": [{"value": day, "label": wording_day(n, words=words), "short": wording_day(n, short=True, words=words)}
                 for n, day in enumerate(WEEKDAYS)],
        "parts": [{"value": key, "label": _(label)} for key, label, _low, _high in DAY_PARTS],
        "kinds": [{"value": k.key, "label": k.name_in(words.language.code)} for k in site.kinds.values()],
        "access": [{"value": key, "label": _(label)} for key, (label, _sentence) in ACCESSIBILITY.items()],
    }


def wording_day(weekday: int, short: bool = False, words: Wording = wording.DUTCH) -> str:
    """'Maandag' / 'ma': CLDR's name of the day (:mod:`wording`), as a filter label."""
    text = words.day_name(weekday, short=short)
    return text if short else text[:1].upper() + text[1:]


def browse_links(catalog: Catalog, words: Wording = wording.DUTCH) -> dict:
    """The list pages that work without a script: per stadsdeel (with its wijken) and per age group."""
    areas = catalog.site.areas
    counts = {listing.url: len(listing_current(catalog, listing)) for listing in all_listings(catalog)}
    return {
        "districts": [{"url": f"stadsdelen/{d.key}/", "label": d.name, "count": counts.get(f"stadsdelen/{d.key}/", 0),
                       "wijken": [{"url": f"wijken/{w.key}/", "label": w.name} for w in areas.children(d.key)]}
                      for d in areas.districts],
        "ages": [{"url": f"leeftijd/{g.key}/", "label": words._(g.name), "count": counts.get(f"leeftijd/{g.key}/", 0)}
                 for g in AGE_GROUPS],
    }


def page_config(catalog: Catalog, root_prefix: str, files_root: str | None = None,
                words: Wording = wording.DUTCH) -> PageConfig:
    """What every page with the directory script embeds: where the index is, and which day the page was made.
    ``root_prefix`` is the way to the pages of the page's language, ``files_root`` to the site's root
    (the same on Dutch pages)."""
    files_root = root_prefix if files_root is None else files_root
    return {"index": files_root + index_url(catalog, words), "root": files_root, "pages": root_prefix,
            "today": catalog.today.isoformat()}


def home_view(catalog: Catalog, root_prefix: str = "", words: Wording = wording.DUTCH,
              files_root: str | None = None) -> dict:
    """The home page: the soonest cards, the filter form, ways to browse without a script, and the page's config."""
    activities = current_activities(catalog)
    home = all_listings(catalog)[0]
    return {
        "cards": [card_view(catalog, a, words) for a in activities[:PAGE_SIZE]],
        "count": count_text(len(activities), words),
        "total": len(activities),
        "more": max(0, len(activities) - PAGE_SIZE),
        "form": filter_form(catalog, words),
        "browse": browse_links(catalog, words),
        "feed_url": home.feed_url,
        "site_name": catalog.site.name,
        "made_on": livedates.made_on(catalog, words),
        "config_json": compact_json(HomeConfig(**page_config(catalog, root_prefix, files_root, words), page=PAGE_SIZE)),
    }


def page_url(listing: Listing, number: int) -> str:
    """Site-relative URL of page ``number`` of a list (page 1 is the list's own URL)."""
    return listing.url if number == 1 else f"{listing.url}pagina/{number}/"


def page_count(catalog: Catalog, listing: Listing) -> int:
    return max(1, math.ceil(len(listing_current(catalog, listing)) / LIST_PAGE_SIZE))


def listing_view(catalog: Catalog, listing: Listing, number: int = 1, words: Wording = wording.DUTCH) -> dict:
    """A list page (page ``number``): current activities as cards, paused ones mentioned below."""
    site = catalog.site
    current = listing_current(catalog, listing)
    pages = page_count(catalog, listing)
    first = (number - 1) * LIST_PAGE_SIZE
    shown = current[first:first + LIST_PAGE_SIZE]
    paused = [a for a in listing.activities if a.status == "gepauzeerd"]
    _ = words._
    title = listing_title(catalog, listing, words)
    view: dict = {
        "title": title,
        "kind": listing.kind,
        "key": listing.key,
        "feed_url": listing.feed_url,
        "cards": [card_view(catalog, a, words) for a in shown],
        "count": count_text(len(current), words),
        "page": number,
        "pages": pages,
        "pagination": None,
        "paused": [paused_link(catalog, a, words) for a in paused] if number == 1 else [],
        "links": [],
        "links_title": None,
        "intro": None,
        "up": None,
        "made_on": livedates.made_on(catalog, words),
    }
    if pages > 1:
        view["pagination"] = {
            "label": _("Pagina %(nummer)s van %(paginas)s") % {"nummer": words.integer(number), "paginas": words.integer(pages)},
            "range": _("%(eerste)s–%(laatste)s van %(totaal)s") % {
                "eerste": words.integer(first + 1), "laatste": words.integer(first + len(shown)),
                "totaal": words.integer(len(current))},
            "prev": page_url(listing, number - 1) if number > 1 else None,
            "next": page_url(listing, number + 1) if number < pages else None,
            "pages": [None if n is None else {"number": n, "url": page_url(listing, n), "current": n == number}
                      for n in page_numbers(number, pages)],
        }
    if number > 1:
        view["up"] = {"url": listing.url, "label": _("%(lijst)s: eerste pagina") % {"lijst": title}}
        return view
    if listing.kind == "stadsdeel":
        view["links_title"] = _("Wijken in %(stadsdeel)s") % {"stadsdeel": title}
        view["links"] = [{"url": f"wijken/{w.key}/", "label": w.name} for w in site.areas.children(listing.key)]
        view["age_links"] = [{"url": f"stadsdelen/{listing.key}/leeftijd/{g.key}/", "label": _(g.name)} for g in AGE_GROUPS]
        view["kind_links"] = _kind_links(catalog, "stadsdelen", listing.key, words)
        view["up"] = {"url": "stadsdelen/", "label": _("Alle stadsdelen")}
    elif listing.kind == "wijk":
        view["age_links"] = [{"url": f"wijken/{listing.key}/leeftijd/{g.key}/", "label": _(g.name)} for g in AGE_GROUPS]
        view["kind_links"] = _kind_links(catalog, "wijken", listing.key, words)
        district = site.areas.district_of(listing.key)
        if district:
            view["up"] = {"url": f"stadsdelen/{district.key}/", "label": district.name}
            view["intro"] = _("Wijk in %(stadsdeel)s. Ook activiteiten die overal in %(gemeente)s komen.") % {
                "stadsdeel": district.name, "gemeente": site.name}
    elif listing.kind == "stadsdeel-leeftijd":
        district_key = listing.key.split("/")[0]
        view["up"] = {"url": f"stadsdelen/{district_key}/", "label": site.areas.areas[district_key].name}
    elif listing.kind == "wijk-leeftijd":
        wijk_key = listing.key.split("/")[0]
        view["up"] = {"url": f"wijken/{wijk_key}/", "label": site.areas.areas[wijk_key].name}
        district = site.areas.district_of(wijk_key)
        if district:
            view["intro"] = _("Wijk in %(stadsdeel)s. Ook activiteiten die overal in %(gemeente)s komen.") % {
                "stadsdeel": district.name, "gemeente": site.name}
    elif listing.kind in ("stadsdeel-soort", "wijk-soort"):
        area_key, kind_key = listing.key.split("/")
        folder = "stadsdelen" if listing.kind == "stadsdeel-soort" else "wijken"
        view["up"] = {"url": f"{folder}/{area_key}/", "label": site.areas.areas[area_key].name}
        view["links_title"] = _("In heel %(gemeente)s") % {"gemeente": site.name}
        view["links"] = [{"url": f"soorten/{kind_key}/", "label": site.kinds[kind_key].name_in(words.language.code)}]
        district = site.areas.district_of(area_key) if listing.kind == "wijk-soort" else None
        if district:
            view["intro"] = _("Wijk in %(stadsdeel)s. Ook activiteiten die overal in %(gemeente)s komen.") % {
                "stadsdeel": district.name, "gemeente": site.name}
    elif listing.kind == "leeftijd":
        view["up"] = {"url": "leeftijd/", "label": _("Alle leeftijden")}
    elif listing.kind == "organisatie":
        organisation = site.organisations[listing.key]
        view["intro"] = organisation.description
        view["intro_dutch"] = not words.language.source  # the editors' text, in Dutch on every page
        view["website"] = organisation.website
        view["up"] = {"url": "organisaties/", "label": _("Alle organisaties")}
    elif listing.kind == "soort":
        kind = site.kinds[listing.key]
        view["intro"] = kind.description_in(words.language.code)
        view["intro_dutch"] = not words.language.source and view["intro"] == kind.description and bool(kind.description)
        view["up"] = {"url": "soorten/", "label": _("Alle soorten")}
    return view


def _kind_links(catalog: Catalog, folder: str, area_key: str, words: Wording) -> list[dict]:
    """The area's soort lists (those that exist: see listings.kind_areas), in the order of soorten.yml."""
    kinds = catalog.site.kinds
    return [{"url": f"{folder}/{area_key}/soorten/{key}/", "label": kinds[key].name_in(words.language.code)}
            for key, areas in kind_areas(catalog).items() if area_key in areas]


def listing_title(catalog: Catalog, listing: Listing, words: Wording = wording.DUTCH) -> str:
    """The list's title in the reader's language (in Dutch the same words as the list's own title)."""
    _ = words._
    if listing.kind == "home":
        return _("Activiteiten in %(gemeente)s") % {"gemeente": catalog.site.name}
    if listing.kind == "leeftijd":
        return _(next(g.name for g in AGE_GROUPS if g.key == listing.key))
    if listing.kind in ("stadsdeel-leeftijd", "wijk-leeftijd"):
        area, group = listing.key.split("/")
        return _("%(leeftijdsgroep)s in %(gebied)s") % {
            "leeftijdsgroep": _(next(g.name for g in AGE_GROUPS if g.key == group)),
            "gebied": catalog.site.areas.areas[area].name}
    if listing.kind == "soort":
        return catalog.site.kinds[listing.key].name_in(words.language.code)
    if listing.kind in ("stadsdeel-soort", "wijk-soort"):
        area, kind = listing.key.split("/")
        return _("%(soort)s in %(gebied)s") % {"soort": catalog.site.kinds[kind].name_in(words.language.code),
                                               "gebied": catalog.site.areas.areas[area].name}
    return listing.title  # a place or an organisation: its own name


def page_numbers(number: int, pages: int, around: int = 2) -> list[int | None]:
    """Page numbers to link: the first, the last and a few around the current one (None: a gap)."""
    wanted = sorted({1, pages, *range(max(1, number - around), min(pages, number + around) + 1)})
    result: list[int | None] = []
    for n in wanted:
        if result and n - result[-1] > 1:
            result.append(None)
        result.append(n)
    return result


def listing_pages(catalog: Catalog) -> list[tuple[str, Listing, int]]:
    """(site-relative URL, list, page number) of every list page after the first."""
    return [(page_url(listing, n), listing, n) for listing in all_listings(catalog) if listing.kind != "home"
            for n in range(2, page_count(catalog, listing) + 1)]


def count_text(count: int, words: Wording = wording.DUTCH) -> str:
    return words.count(count)


def index_views(catalog: Catalog, words: Wording = wording.DUTCH) -> dict[str, dict]:
    """The few index pages that form the navigation, by URL."""
    listings = [item for item in all_listings(catalog) if item.kind in LISTING_SECTIONS]
    result: dict[str, dict] = {}
    for kind, (url, title) in LISTING_SECTIONS.items():
        entries = []
        for listing in listings:
            if listing.kind != kind:
                continue
            entry = {"url": listing.url, "label": listing_title(catalog, listing, words),
                     "count": count_text(len(listing_current(catalog, listing)), words)}
            if kind == "stadsdeel":
                entry["children"] = [{"url": f"wijken/{w.key}/", "label": w.name}
                                     for w in catalog.site.areas.children(listing.key)]
            entries.append(entry)
        result[url] = {"title": words._(title), "entries": entries}
    return result


def week_view(catalog: Catalog, days: int = 7, root_prefix: str = "", words: Wording = wording.DUTCH,
              files_root: str | None = None) -> dict:
    """The next ``days`` days from the build day, each with its occurrences.

    The script shows the reader's next 7 days instead (from the index) when the
    page is read on a later day, or filtered by age or area.
    """
    first = catalog.today
    last = first + dt.timedelta(days=days - 1)
    per_day: dict[dt.date, list] = {first + dt.timedelta(days=n): [] for n in range(days)}
    for activity in catalog.activities:
        if not is_current(catalog, activity):
            continue
        for occurrence in livedates.live_occurrences(catalog, activity, days=days, after=0):  # made once per build
            location = occurrence.location
            per_day[occurrence.date].append({
                "start": occurrence.start,
                "iso_start": livedates.iso(occurrence.start),
                "iso_end": livedates.iso(occurrence.end),
                "time": words.time_range(occurrence.start.time(), occurrence.end.time()),
                "slug": activity.slug,
                "url": activity_url(activity.slug),
                "title": catalog.in_language(activity, words.language.code).title,
                "title_dutch": not words.language.source and catalog.in_language(activity, words.language.code).title == activity.title,
                "place": location.name,
                "area": _week_area(catalog, location.area, words),
                "age": words.age(activity),
                "free": activity.cost.free,
            })
    result = []
    lines, slugs = 0, set()
    for day, items in per_day.items():
        items.sort(key=lambda item: (item["start"], item["title"].lower(), item["slug"]))
        lines += len(items)
        slugs.update(item["slug"] for item in items)
        day_start, day_end = livedates.day_bounds(day)
        result.append({"iso": day.isoformat(), "start": day_start, "end": day_end,
                       "label": _capital(words.date(day, year=day.year != first.year)),
                       "occurrences": items[:WEEK_DAY_LINES], "more": max(0, len(items) - WEEK_DAY_LINES)})
    form = filter_form(catalog, words)
    return {"first": words.date(first, year=first.year != last.year),
            "last": words.date(last),
            "range": week_range(catalog, first, last, words),
            "count": week_count(len(slugs), lines, words),
            "days": result,
            "made_on": livedates.made_on(catalog, words),
            "form": {"ages": form["ages"], "years": form["years"], "districts": form["districts"]},
            "browse": browse_links(catalog, words),
            "config_json": compact_json(WeekConfig(**page_config(catalog, root_prefix, files_root, words), week=days,
                                                   range=week_range_format(words), weekCount=week_count_format(words),
                                                   dayLines=WEEK_DAY_LINES, known=livedates.LIVE_DAYS,
                                                   unknownDay=words._(WEEK_UNKNOWN_DAY) % {
                                                       "gemaakt": livedates.made_on(catalog, words)},
                                                   unknownCount=words._(WEEK_UNKNOWN_COUNT)))}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def week_range(catalog: Catalog, first: dt.date, last: dt.date, words: Wording = wording.DUTCH) -> str:
    """'23 tot en met 29 november', '30 november tot en met 6 december'."""
    start = (str(first.day) if words.language.source and (first.year, first.month) == (last.year, last.month)
             else livedates.day_month(catalog, first, words))
    return week_range_format(words).format(first=start, last=livedates.day_month(catalog, last, words))


# The script composes the same sentences from these (with the reader's days and counts).
WEEK_RANGE = "{first} tot en met {last}"
WEEK_COUNT = "{activities}, {times} keer"
# Read after the dates the index holds, 'Deze week' does not say "0" or "geen activiteiten" for a day it
# cannot know: it says so, and where the current dates are.
WEEK_UNKNOWN_DAY = N_("Voor deze dag weten we het niet: deze pagina is gemaakt op %(gemaakt)s en heeft de tijden niet zo "
                       "ver vooruit. Kijk bij een activiteit of in de agenda.")
WEEK_UNKNOWN_COUNT = N_("We weten niet alles wat er deze week is: deze pagina is te oud. In de agenda staan alle tijden.")


def week_range_format(words: Wording = wording.DUTCH) -> str:
    """``WEEK_RANGE`` in the reader's language (the script fills in the two days)."""
    return words._("%(eerste)s tot en met %(laatste)s") % {"eerste": "{first}", "laatste": "{last}"}


def week_count_format(words: Wording = wording.DUTCH) -> str:
    """``WEEK_COUNT`` in the reader's language: '{activities}, {times} keer'."""
    return words._("%(activiteiten)s, %(keren)s keer") % {"activiteiten": "{activities}", "keren": "{times}"}


def week_count(activities: int, times: int, words: Wording = wording.DUTCH) -> str:
    """'31 activiteiten, 58 keer'."""
    return week_count_format(words).format(activities=count_text(activities, words), times=times)


def matches(catalog: Catalog, activity: Activity, query: dict[str, list[str]]) -> bool:
    """Python reference of the filter contract (the script implements the same rules).

    Different keys must all match. Repeated 'dag' or 'dagdeel' values are
    alternatives (any of them); repeated 'toegankelijk' values are all needed
    (a parent with a wheelchair who needs a changing table needs both).
    Unknown values are ignored.
    """
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
    for value in values("toegankelijk"):
        if value in ACCESSIBILITY and value not in activity.accessibility:
            return False
    return True


def week_matches(catalog: Catalog, activity: Activity, query: dict[str, list[str]]) -> bool:
    """The week page's filters: the home page's age and area keys, same rules."""
    return matches(catalog, activity, {k: v for k, v in query.items() if k in WEEK_QUERY_KEYS})

