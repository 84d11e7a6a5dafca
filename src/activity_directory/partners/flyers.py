"""Flyers: one A4 sheet per area (and area × age group) for a notice board.

A flyer lists the area's current activities by weekday, with the weekly times
(not dates that run out), age and cost, plus a QR code to the matching list
page and the day it was made. The weekly times are those that apply in the
flyer's weeks (``FLYER_WEEKS`` from the day it is made, asked of the occurrence
engine): each activity once a weekday, a new season in those weeks on the same
line ("vanaf 1 april 10:00–17:00"), later seasons left out. It must fit one sheet, so :func:`flyer_view`
estimates the space every activity needs and picks the largest type that fits
(down to a readable minimum). What still does not fit is counted honestly:
"en nog N activiteiten", with the address where they are.

Which flyers exist (their URLs are public and stay):

* ``wijken/<key>/flyer/`` and ``stadsdelen/<key>/flyer/``;
* ``wijken/<key>/leeftijd/<group>/flyer/`` and
  ``stadsdelen/<key>/leeftijd/<group>/flyer/`` for each age group.

Plain Python: the hooks render the view with a template.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from . import textmetrics

from ..dates import wording
from ..dates.wording import Wording
from ..dates.occurrences import slot_schedule
from ..pages.directory import current_activities
from ..pages.listings import AGE_GROUPS, AgeGroup, all_listings
from ..content.loading import Catalog
from ..content.model import Activity, TimeSlot

FLYER = "flyer/"
# Dates of one-off activities shown per activity; the rest is on the website.
MAX_DATES = 4
# The weeks a flyer is made for (it hangs on a notice board for a while): a weekly line is printed
# when the occurrence engine gives it a date in them, so a schedule for a later season is left out.
FLYER_WEEKS = 8


@dataclass(frozen=True)
class Density:
    """One type size of the printed flyer (overrides/assets/flyer.css has the same names)."""

    name: str
    points: float  # font size of the activities

    @property
    def size(self) -> float:
        return self.points * PT


# Largest first; 'klein' (9 pt) is the smallest type that stays easy to read on paper.
DENSITIES = (Density("groot", 12), Density("normaal", 10.5), Density("klein", 9))

# The printed sheet, as overrides/assets/flyer.css lays it out, in CSS pixels (96 per inch).
# Change the two together; tests/test_flyers.py prints crowded flyers to check.
MM, PT = 96 / 25.4, 96 / 72
LINE_HEIGHT = 1.4
SHEET_INNER = (296 - 12 - 10) * MM  # the sheet less its padding
TEXT_WIDTH = (210 - 12 - 12) * MM
COLUMN_WIDTH = (TEXT_WIDTH - 8 * MM) / 2
WIDTH_MARGIN = 0.97  # text is measured as if lines were 3 % shorter: bold 'Gratis', rounding
HEAD = 14 * PT * LINE_HEIGHT + (2 + 2 + 4) * MM  # the site's name, the rule and the space below it
TITLE_SIZE, TITLE_LINE_HEIGHT = 26 * PT, 1.1
MORE_SIZE, MORE_SPACE = 12 * PT, 2 * MM  # "En nog N activiteiten: zie …" (bold)
NOTE_SIZE, NOTE_SPACE = 9 * PT, 1 * MM
FOOT = (3 + 3 + 0.5 + 32) * MM  # space, rule, space and the QR code (its text takes less)
SAFETY = 4  # px


@dataclass(frozen=True)
class FlyerSpec:
    """One flyer: where it is, which area and which age group (None: every age)."""

    url: str  # site-relative, ends with 'flyer/'
    area: str
    group: AgeGroup | None
    list_url: str  # site-relative URL of the matching list page (the QR code's target)

    @property
    def key(self) -> str:
        return f"{self.area}/{self.group.key}" if self.group else self.area


def area_url(catalog: Catalog, area_key: str) -> str:
    """The list page of a wijk or stadsdeel."""
    level = catalog.site.areas.areas[area_key].level
    return f"{'wijken' if level == 'wijk' else 'stadsdelen'}/{area_key}/"


def folder(catalog: Catalog, area_key: str, group: AgeGroup | None) -> str:
    """Where an area's (or an area × age group's) feed, embed and flyer are."""
    base = area_url(catalog, area_key)
    return base if group is None else f"{base}leeftijd/{group.key}/"


def list_url(catalog: Catalog, area_key: str, group: AgeGroup | None) -> str:
    """The list page of an area, or of an area for one age group: what the flyer's QR code holds
    (a stadsdeel or a wijk for one age group has a list page of its own)."""
    return folder(catalog, area_key, group)


def all_flyers(catalog: Catalog) -> list[FlyerSpec]:
    """Every pre-rendered flyer: each wijk and stadsdeel, for everyone and per age group."""
    def compute():
        areas = catalog.site.areas
        specs = []
        for area in [*areas.districts, *areas.neighbourhoods]:
            for group in (None, *AGE_GROUPS):
                specs.append(FlyerSpec(f"{folder(catalog, area.key, group)}{FLYER}", area.key, group,
                                       list_url(catalog, area.key, group)))
        return specs

    return catalog.cached(("flyers",), compute)


# -- what is on a flyer -----------------------------------------------------------

def _slot_in_area(catalog: Catalog, activity: Activity, slot: TimeSlot, area_key: str) -> bool:
    """The line takes place in the area (or everywhere in the municipality)."""
    areas = catalog.site.areas
    location = activity.location_of(slot)
    if location.area == areas.root.key:
        return True
    return any(a.key == area_key for a in areas.ancestors(location.area))


def _place(catalog: Catalog, activity: Activity, slot: TimeSlot, words: Wording = wording.DUTCH) -> str:
    location = activity.location_of(slot)
    if location.area == catalog.site.areas.root.key and not location.address:
        return words._("%(plek)s (overal in %(gemeente)s)") % {"plek": location.name, "gemeente": catalog.site.name}
    return location.name


def _day(value: dt.date, today: dt.date, words: Wording = wording.DUTCH) -> str:
    return words.date(value, weekday=False, year=value.year != today.year)


def _period(slot: TimeSlot, today: dt.date, last: dt.date, words: Wording = wording.DUTCH) -> str | None:
    """What the flyer's weeks (``today`` to ``last``) need to know of a line's limits:
    'tot en met 14 december' when it ends in them, 'vanaf 5 januari' when it starts after today,
    or None for a line that holds all of them."""
    starts_later = slot.valid_from is not None and slot.valid_from > today
    ends = slot.valid_until is not None and slot.valid_until <= last
    if starts_later and ends:
        return words._("van %(begin)s tot en met %(einde)s") % {"begin": _day(slot.valid_from, today, words),
                                                               "einde": _day(slot.valid_until, today, words)}
    if starts_later:
        return words._("vanaf %(begin)s") % {"begin": _day(slot.valid_from, today, words)}
    if ends:
        return words._("tot en met %(einde)s") % {"einde": _day(slot.valid_until, today, words)}
    return None


@dataclass(frozen=True)
class _Line:
    """One weekly time or a set of dates of one activity, as printed."""

    activity: Activity
    weekday: int | None  # None: one-off dates
    start: dt.time
    time: str
    dates: str | None
    place: str
    period: str | None
    then: str | None = None  # the line that follows it in the flyer's weeks: 'vanaf 1 april 10:00–17:00'


def flyer_weeks(today: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day (inclusive) of the weeks a flyer made today is for."""
    return today, today + dt.timedelta(weeks=FLYER_WEEKS, days=-1)


def _weekly_days(catalog: Catalog, activity: Activity, slots: list[TimeSlot]) -> dict[int, set[int]]:
    """For each weekly line (by its index in ``slots``), the weekdays on which the occurrence engine
    gives it a date in the flyer's weeks. An activity with none there (it starts later) keeps the
    lines that start first, so it is on the flyer once, with 'vanaf'."""
    first, last = flyer_weeks(catalog.today)
    found: dict[int, set[int]] = {}
    for i, slot in enumerate(slots):
        if slot.date is None:
            days = slot_schedule(activity, slot, catalog.calendar, first, last).dates
            if days:
                found[i] = {d.weekday() for d in days}
    if found:
        return found
    later = [(slot.valid_from, i) for i, slot in enumerate(slots) if slot.date is None and slot.valid_from
             and slot.valid_from > last and (slot.valid_until is None or slot.valid_until >= slot.valid_from)]
    if not later:
        return {}
    start = min(later)[0]
    return {i: set(slots[i].weekdays) for day, i in later if day == start}


def _successive(earlier: TimeSlot, later: TimeSlot) -> bool:
    """``later`` takes over from ``earlier`` (a new season), rather than running beside it."""
    return (earlier.valid_until is not None and later.valid_from is not None
            and later.valid_from > earlier.valid_until)


def _lines(catalog: Catalog, activity: Activity, area_key: str, words: Wording = wording.DUTCH) -> list[_Line]:
    """What the flyer prints for one activity: a line per weekday it takes place in the flyer's weeks
    (a new season that starts in them is said on the same line), and its coming dates."""
    today = catalog.today
    last = flyer_weeks(today)[1]
    slots = [s for s in activity.slots if _slot_in_area(catalog, activity, s, area_key)] or list(activity.slots)
    result: list[_Line] = []
    one_offs: dict[tuple, list[dt.date]] = {}
    for slot in slots:
        if slot.date is not None and slot.date >= today:
            one_offs.setdefault((slot.start, slot.end, _place(catalog, activity, slot, words)), []).append(slot.date)
    weekly = _weekly_days(catalog, activity, slots)
    by_day: dict[tuple[int, str], list[TimeSlot]] = {}
    for i, slot in enumerate(slots):
        for weekday in slot.weekdays:
            if weekday in weekly.get(i, ()):
                by_day.setdefault((weekday, _place(catalog, activity, slot, words)), []).append(slot)
    for (weekday, place), day_slots in by_day.items():
        day_slots.sort(key=lambda s: (s.valid_from or dt.date.min, s.start, s.index))
        following: set[int] = set()
        for n, slot in enumerate(day_slots):
            if slot.index in following:
                continue
            successor = next((s for s in day_slots[n + 1:] if s.index not in following and _successive(slot, s)), None)
            then = None
            if successor is not None:
                following.add(successor.index)
                then = words._("vanaf %(begin)s %(tijden)s") % {
                    "begin": _day(successor.valid_from, today, words),
                    "tijden": words.time_range(successor.start, successor.end)}
            period = _period(slot, today, last, words)
            only_end = not (slot.valid_from is not None and slot.valid_from > today)
            if then and period and only_end:
                period = None  # 'vanaf …' says when it changes
            result.append(_Line(activity, weekday, slot.start, words.time_range(slot.start, slot.end), None,
                                place, period, then))
    for (start, end, place), days in one_offs.items():
        days.sort()
        shown = words.join([words.short_date(d, today, relative=False) for d in days[:MAX_DATES]])
        text = words._("%(datums)s en later") % {"datums": shown} if len(days) > MAX_DATES else shown
        result.append(_Line(activity, None, start, words.time_range(start, end), text, place, None))
    return result


def _notes(line: _Line, words: Wording = wording.DUTCH) -> list[str]:
    notes = [line.period] if line.period else []
    if line.then:
        notes.append(line.then)
    if line.weekday is not None and not line.activity.skip_school_holidays:
        notes.append(words._("ook in de vakanties"))
    return notes


def _entry(catalog: Catalog, activity: Activity, line: _Line, words: Wording = wording.DUTCH) -> dict:
    title, language = catalog.title_in(activity, words.language.code)
    return {
        "slug": activity.slug,
        "start": line.start,
        "time": line.time,
        "dates": line.dates,
        "title": title,
        "title_dutch": language != words.language.code,  # the template marks it lang="nl" (WCAG 3.1.2)
        "place": line.place,
        "age": words.age(activity),
        "free": activity.cost.free,
        "free_text": words.free(),
        "cost": None if activity.cost.free else words.cost(activity.cost),
        "notes": _notes(line, words),
    }


def _printed(catalog: Catalog, activity: Activity, area_key: str,
             words: Wording = wording.DUTCH) -> tuple[tuple[int | None, dict], ...]:
    """What the flyers of an area print for one activity: its entries, each with the weekday it
    goes under (None: one-off dates). Once per build and area: the activity is on the flyer of
    every age group there, and every try of :func:`_fit` reads them. Read-only."""
    def compute():
        return tuple((line.weekday, _entry(catalog, activity, line, words))
                     for line in _lines(catalog, activity, area_key, words))

    return catalog.cached(("flyer-entries", words.language.code, activity.slug, area_key), compute)


def _sections(shown: list[tuple[Activity, tuple[tuple[int | None, dict], ...]]],
              words: Wording = wording.DUTCH) -> list[dict]:
    """The entries by weekday (Monday first, one-off dates last), each day by time."""
    days: dict[int | None, list[dict]] = {}
    for _activity, printed in shown:
        for weekday, entry in printed:
            days.setdefault(weekday, []).append(entry)
    order = [d for d in range(7) if d in days] + ([None] if None in days else [])
    return [{"name": _capital(words.day_name(day)) if day is not None else words._("Op deze datums"),
             "entries": sorted(days[day], key=lambda e: (e["start"], e["title"].lower(), e["slug"]))}
            for day in order]


# -- what fits on one sheet ------------------------------------------------------------

def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _entry_height(entry: dict, size: float) -> float:
    """An entry as the template prints it: 'dates, time title' in bold, then 'place · age · cost · notes'."""
    first = f"{entry['dates'] + ', ' if entry['dates'] else ''}{entry['time']} {entry['title']}"
    facts = " · ".join([entry["place"], entry["age"], entry["cost"] or entry["free_text"], *entry["notes"]])
    return (_lines_of(first, size, True) + _lines_of(facts, size, False)) * size * LINE_HEIGHT


@functools.lru_cache(maxsize=65536)
def _lines_of(text: str, size: float, bold: bool) -> int:
    """Lines a text takes in a column (the same texts come back on many flyers and in every try)."""
    return textmetrics.line_count(text, size, COLUMN_WIDTH * WIDTH_MARGIN, bold=bold)


def _columns_hold(sections: list[dict], density: Density, height: float) -> bool:
    """The sections fill two columns of ``height`` from the top, as the browser does (column-fill: auto):
    an entry never splits, a weekday heading stays with its first entry."""
    size = density.size
    heading = size * 1.15 * (LINE_HEIGHT + 0.3) + size * 1.15 * 0.3  # h2: line, padding, margin below
    column, used = 0, 0.0
    for section in sections:
        for i, entry in enumerate(section["entries"]):
            block = _entry_height(entry, size) + (heading if i == 0 else 0)
            if used and used + block > height:
                column, used = column + 1, 0.0
                if column == 2:
                    return False
            if block > height:
                return False
            last = i == len(section["entries"]) - 1
            used += block + size * (0.6 if last else 0.35)  # space below an entry, more below a day
    return True


def _days_height(title: str, more: str | None, note: str | None) -> float:
    """The height the weekdays get: the sheet less its head, the lines below and the foot."""
    title_lines = textmetrics.line_count(title, TITLE_SIZE, TEXT_WIDTH * WIDTH_MARGIN, bold=True)
    height = SHEET_INNER - HEAD - title_lines * TITLE_SIZE * TITLE_LINE_HEIGHT - FOOT - SAFETY
    if more:
        lines = textmetrics.line_count(more, MORE_SIZE, TEXT_WIDTH * WIDTH_MARGIN, bold=True)
        height -= MORE_SPACE + lines * MORE_SIZE * LINE_HEIGHT
    if note:
        lines = textmetrics.line_count(note, NOTE_SIZE, TEXT_WIDTH * WIDTH_MARGIN)
        height -= NOTE_SPACE + lines * NOTE_SIZE * LINE_HEIGHT
    return height


def _more_text(count: int, short: str, words: Wording = wording.DUTCH) -> str:
    return words.ngettext("En nog %(aantal)s activiteit: zie %(adres)s", "En nog %(aantal)s activiteiten: zie %(adres)s",
                          count) % {"aantal": words.integer(count), "adres": short}


def _holidays_note(shown, words: Wording = wording.DUTCH) -> str | None:
    if any(a.skip_school_holidays and any(weekday is not None for weekday, _ in printed) for a, printed in shown):
        return words._("Niet in de schoolvakanties en niet op feestdagen, tenzij er 'ook in de vakanties' staat.")
    return None


def _fit(chosen: list[tuple[Activity, tuple[tuple[int | None, dict], ...]]], title: str, short: str,
         words: Wording = wording.DUTCH) -> tuple[Density, int]:
    """The largest type that holds every activity; else the smallest type with as many as fit
    (soonest first), and a line that says how many more there are."""
    for density in DENSITIES:
        if _columns_hold(_sections(chosen, words), density, _days_height(title, None, _holidays_note(chosen, words))):
            return density, len(chosen)
    smallest = DENSITIES[-1]
    low, high = 0, len(chosen) - 1  # the most that fit, with the "en nog" line: binary search
    while low < high:
        middle = (low + high + 1) // 2
        shown = chosen[:middle]
        height = _days_height(title, _more_text(len(chosen) - middle, short, words), _holidays_note(shown, words))
        if _columns_hold(_sections(shown, words), smallest, height):
            low = middle
        else:
            high = middle - 1
    return smallest, low


def flyer_activities(catalog: Catalog, spec: FlyerSpec) -> list[Activity]:
    """Current activities of the flyer's area and age group, soonest first (as on the list pages)."""
    def compute():
        by_area = {listing.key: listing.activities for listing in all_listings(catalog)
                   if listing.kind in ("wijk", "stadsdeel")}
        return {key: current_activities(catalog, activities) for key, activities in by_area.items()}

    current = catalog.cached(("flyer-areas",), compute)[spec.area]
    return current if spec.group is None else [a for a in current if spec.group.matches(a)]


def flyer_view(catalog: Catalog, spec: FlyerSpec, absolute, words: Wording = wording.DUTCH) -> dict:
    """Everything the flyer prints, in the reader's language. ``absolute`` turns a site-relative URL
    into a full address (of the language's page: what the QR code holds)."""
    site = catalog.site
    area = site.areas.areas[spec.area]
    activities = flyer_activities(catalog, spec)
    chosen = [(a, _printed(catalog, a, spec.area, words)) for a in activities]
    chosen = [(a, printed) for a, printed in chosen if printed]
    qr = absolute(spec.list_url)
    _ = words._
    title = (_("%(leeftijdsgroep)s in %(gebied)s") % {"leeftijdsgroep": _(spec.group.name), "gebied": area.name}
             if spec.group else _("Activiteiten in %(gebied)s") % {"gebied": area.name})
    density, count = _fit(chosen, title, short_url(qr), words)
    shown, rest = chosen[:count], chosen[count:]
    sections = [{**section, "entries": [{k: v for k, v in entry.items() if k != "start"} for entry in section["entries"]]}
                for section in _sections(shown, words)]
    return {
        "title": title,
        "area": area.name,
        "group": _(spec.group.name) if spec.group else None,
        "density": density.name,
        "sections": sections,
        "count": len(shown),
        "more": {"count": len(rest), "text": _more_text(len(rest), "", words), "url": qr, "short_url": short_url(qr)}
                if rest else None,
        "empty": not chosen,
        "holidays_note": _holidays_note(shown, words),
        "qr_url": qr,
        "qr_short_url": short_url(qr),
        "qr_url_parts": url_parts(short_url(qr)),
        "made": words.date(catalog.today, weekday=False),
        "made_iso": catalog.today.isoformat(),
        "list_url": spec.list_url,
        "other_ages": [{"url": f"{folder(catalog, spec.area, g)}{FLYER}", "label": _(g.name), "key": g.key,
                        "current": g is spec.group} for g in AGE_GROUPS],
        "all_ages_url": f"{area_url(catalog, spec.area)}{FLYER}",
        "group_key": spec.group.key if spec.group else None,
    }


def url_parts(text: str) -> list[str]:
    """An address cut after each '/', so it can wrap there and not in the middle of a word."""
    parts = text.split("/")
    return [p + "/" for p in parts[:-1]] + [parts[-1]]


def short_url(address: str) -> str:
    """An address to type: without 'https://' and the last '/'."""
    return address.split("://", 1)[-1].rstrip("/")
