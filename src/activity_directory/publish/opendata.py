"""Open data: every published activity as JSON and CSV, plus the school holidays.

* ``/activiteiten.json``: every activity (all statuses) with its fields, its
  page and feed URLs, area keys and the occurrences of the next 12 weeks
  (from the occurrence engine, so they match the pages and the feeds);
* ``/activiteiten.schema.json``: JSON Schema (2020-12) of that file;
* ``/activiteiten.csv``: one row per activity for monitoring (UTF-8 with BOM,
  ``;`` between fields, decimal comma, so Dutch Excel opens it directly);
* ``/schoolvakanties.json``: the school holidays used, with their source.

Output is deterministic: same content and ``SOURCE_DATE_EPOCH`` give the same
bytes.
"""

from __future__ import annotations

import datetime as dt
import json

from ..dates import wording
from .csvcells import csv_bytes
from .feeds import FEED_NAME, absolute
from ..content.holidays import public_holidays
from ..pages.listings import AGE_GROUPS, listed_districts
from ..content.loading import Catalog
from ..content.model import ACCESSIBILITY, WEEKDAYS, Activity, Location, TimeSlot
from ..dates.occurrences import TIMEZONE_NAME, occurrences
from ..pages.presentation import activity_url

OCCURRENCE_WEEKS = 12
JSON_NAME = "activiteiten.json"
CSV_NAME = "activiteiten.csv"
SCHEMA_NAME = "activiteiten.schema.json"
HOLIDAYS_NAME = "schoolvakanties.json"
FILE_NAMES = (JSON_NAME, CSV_NAME, SCHEMA_NAME, HOLIDAYS_NAME)
FORMAT_VERSION = 1


def _location(catalog: Catalog, location: Location) -> dict:
    district = catalog.site.areas.district_of(location.area)
    return {
        "naam": location.name,
        "adres": location.address,
        "gebied": location.area,
        "stadsdeel": district.key if district else None,
        "geo": list(location.geo) if location.geo else None,
    }


def _slot(slot: TimeSlot) -> dict:
    data: dict = {}
    if slot.date is not None:
        data["datum"] = slot.date.isoformat()
    else:
        data["dagen"] = [WEEKDAYS[d] for d in slot.weekdays]
    data["van"] = wording.time(slot.start)
    data["tot"] = wording.time(slot.end)
    data["vanaf"] = slot.valid_from.isoformat() if slot.valid_from else None
    data["tot_en_met"] = slot.valid_until.isoformat() if slot.valid_until else None
    data["locatie"] = None
    return data


def area_keys(catalog: Catalog, activity: Activity) -> tuple[str | None, str | None, list[str], list[str]]:
    """wijk and stadsdeel of the main place, the wijken of all places, and the stadsdelen whose
    pages list the activity (all of them when it comes to everyone in the municipality)."""
    areas = catalog.site.areas
    wijken: list[str] = []
    for location in activity.locations:
        area = areas.areas[location.area]
        if area.level == "wijk" and area.key not in wijken:
            wijken.append(area.key)
    districts = listed_districts(catalog, activity)
    main = activity.locations[0]
    main_area = areas.areas[main.area]
    main_district = areas.district_of(main.area)
    return (main_area.key if main_area.level == "wijk" else None,
            main_district.key if main_district else None, wijken, districts)


def occurrence_window(today: dt.date) -> tuple[dt.date, dt.date]:
    return today, today + dt.timedelta(weeks=OCCURRENCE_WEEKS) - dt.timedelta(days=1)


def activity_record(catalog: Catalog, activity: Activity, site_url: str) -> dict:
    """One activity as open data (computed once per build: JSON and CSV share it)."""
    return catalog.cached(("record", activity.slug, site_url), lambda: _activity_record(catalog, activity, site_url))


def _activity_record(catalog: Catalog, activity: Activity, site_url: str) -> dict:
    wijk, stadsdeel, wijken, stadsdelen = area_keys(catalog, activity)
    first, last = occurrence_window(catalog.today)
    cost = activity.cost
    signup = activity.signup
    slots = []
    for slot in activity.slots:
        data = _slot(slot)
        if slot.location is not None:
            data["locatie"] = _location(catalog, slot.location)
        slots.append(data)
    page = activity_url(activity.slug)
    return {
        "slug": activity.slug,
        "url": absolute(site_url, page),
        "ical": absolute(site_url, page + FEED_NAME),
        "status": activity.status,
        "titel": activity.title,
        "samenvatting": activity.summary,
        "organisatie": activity.organisation,
        "organisatie_naam": catalog.site.organisations[activity.organisation].name,
        "soort": list(activity.kinds),
        "leeftijd": {"van": activity.age_from, "tot": activity.age_to},
        "leeftijdsgroepen": [g.key for g in AGE_GROUPS if g.matches(activity)],
        "met_ouder": activity.with_parent,
        "gratis": cost.free,
        "kosten": None if cost.free else {"bedrag": cost.amount, "per": cost.per, "toelichting": cost.note},
        "inloop": signup.walk_in,
        "aanmelden": None if signup.walk_in else {"url": signup.url, "telefoon": signup.phone,
                                                  "email": signup.email, "toelichting": signup.note},
        "locatie": _location(catalog, activity.location) if activity.location else None,
        "wijk": wijk,
        "stadsdeel": stadsdeel,
        "wijken": wijken,
        "stadsdelen": stadsdelen,
        "tijden": slots,
        "schoolvakanties": "vrij" if activity.skip_school_holidays else "gaat door",
        "vervalt": [d.isoformat() for d in activity.cancelled],
        "melding": activity.notice_on(catalog.today),
        "alternatief": activity.alternative,
        "neem_mee": activity.bring,
        "toegankelijk": list(activity.accessibility),
        "bereikbaar": activity.getting_there,
        "bij_slecht_weer": activity.bad_weather,
        "oude_namen": list(activity.aliases),
        "gecontroleerd": activity.checked.isoformat(),
        "occurrences": [
            {"start": o.start.isoformat(), "end": o.end.isoformat(), "location": o.location.name,
             "address": o.location.address}
            for o in occurrences(activity, catalog.calendar, first, last)
        ],
    }


def activities_data(catalog: Catalog, site_url: str) -> dict:
    first, last = occurrence_window(catalog.today)
    return {
        "versie": FORMAT_VERSION,
        "gemeente": catalog.site.name,
        "peildatum": catalog.today.isoformat(),
        "tijdzone": TIMEZONE_NAME,
        "occurrences_van": first.isoformat(),
        "occurrences_tot_en_met": last.isoformat(),
        "schema": absolute(site_url, SCHEMA_NAME),
        "activiteiten": [activity_record(catalog, a, site_url) for a in sorted(catalog.activities, key=lambda a: a.slug)],
    }


def dumps(data) -> bytes:
    """JSON with each top-level key, and each item of a top-level list, on its own line.

    Easy to read and to diff (one activity per line), and written by the C
    encoder: ``indent`` would switch json to its pure-Python encoder, which
    took most of the open-data time at 5,000 activities.
    """
    def compact(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))

    def member(value) -> str:
        if isinstance(value, list) and value:
            return "[\n" + ",\n".join("  " + compact(item) for item in value) + "\n ]"
        return compact(value)

    if not isinstance(data, dict):
        return (compact(data) + "\n").encode("utf-8")
    lines = [f" {compact(key)}: {member(value)}" for key, value in data.items()]
    return ("{\n" + ",\n".join(lines) + "\n}\n").encode("utf-8")


# One row per activity: the columns, in order, with what they mean (the /open-data/ page lists them).
CSV_COLUMN_HELP = {
    "slug": "de naam in het webadres",
    "titel": "de naam van de activiteit",
    "status": "`actief`, `gepauzeerd` of `gestopt`",
    "organisatie": "de sleutel van de organisatie",
    "soort": "de soorten, gescheiden door een komma",
    "stadsdeel": "het stadsdeel van de eerste plek (leeg: overal in de stad)",
    "wijk": "de wijk van de eerste plek (leeg: het hele stadsdeel of de hele stad)",
    "leeftijd_van": "vanaf welke leeftijd (jaren)",
    "leeftijd_tot": "tot welke leeftijd (leeg: geen grens)",
    "leeftijdsgroepen": "de leeftijdsgroepen, gescheiden door een komma",
    "gratis": "`ja` of `nee`",
    "kosten_euro": "het bedrag (leeg als het gratis is)",
    "kosten_per": "waarvoor het bedrag is, zoals `keer`",
    "inloop": "`ja`: aanmelden is niet nodig",
    "met_ouder": "`ja`: een ouder of verzorger doet mee",
    "schoolvakanties": "`vrij` of `gaat door`",
    "toegankelijk": "wat de plek biedt, gescheiden door een komma: " + ", ".join(f"`{k}`" for k in ACCESSIBILITY),
    "keren_komende_12_weken": "hoe vaak de activiteit de komende 12 weken is",
    "url": "de pagina van de activiteit",
    "ical": "de agenda van alleen deze activiteit",
    "gecontroleerd": "de datum waarop de redactie de gegevens het laatst heeft gecontroleerd",
}
CSV_COLUMNS = tuple(CSV_COLUMN_HELP)


def _yes(value: bool) -> str:
    return "ja" if value else "nee"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return wording.number(value)


def activities_csv(catalog: Catalog, site_url: str) -> bytes:
    """One row per activity; UTF-8 with BOM, ';' separated, decimal comma, no cell a formula."""
    def rows():
        yield CSV_COLUMNS
        for activity in sorted(catalog.activities, key=lambda a: a.slug):
            record = activity_record(catalog, activity, site_url)
            cost = activity.cost
            yield [
                activity.slug, activity.title, activity.status, activity.organisation, ",".join(activity.kinds),
                record["stadsdeel"] or "", record["wijk"] or "", _number(activity.age_from), _number(activity.age_to),
                ",".join(record["leeftijdsgroepen"]), _yes(cost.free),
                "" if cost.free else f"{cost.amount:.2f}".replace(".", ","), "" if cost.free else cost.per,
                _yes(activity.signup.walk_in), _yes(activity.with_parent), record["schoolvakanties"],
                ",".join(record["toegankelijk"]), len(record["occurrences"]), record["url"], record["ical"], record["gecontroleerd"],
            ]

    return csv_bytes(rows())


def holidays_data(catalog: Catalog) -> dict:
    site = catalog.site
    years = sorted({h.start.year for h in site.school_holidays} | {h.end.year for h in site.school_holidays})
    return {
        "gemeente": site.name,
        "regio": site.region,
        "bron": site.holidays_source,
        "toelichting": "Alleen de zomervakantie is verplicht; de andere datums zijn een advies. "
                       "Datums zijn de eerste en laatste vakantiedag (zaterdag tot en met zondag).",
        "schoolvakanties": [{"naam": h.name, "van": h.start.isoformat(), "tot_en_met": h.end.isoformat()}
                            for h in site.school_holidays],
        "feestdagen": [{"naam": name, "datum": day.isoformat()}
                       for year in years for day, name in sorted(public_holidays(year).items())],
    }


# ---------------------------------------------------------------------------
# JSON Schema of activiteiten.json
# ---------------------------------------------------------------------------

_DATE = {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
_DATETIME = {"type": "string", "format": "date-time",
             "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$"}
_TIME = {"type": "string", "pattern": r"^\d{2}:\d{2}$"}
_URL = {"type": "string", "format": "uri", "pattern": "^https?://"}
_KEY = {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _object(properties: dict, description: str = "") -> dict:
    data = {"type": "object", "additionalProperties": False, "required": list(properties), "properties": properties}
    if description:
        data["description"] = description
    return data


ACTIVITY_KEY_HELP = {
    "slug": "De naam in het webadres, zoals in /activiteiten/<slug>/.",
    "url": "De pagina van de activiteit.",
    "ical": "De agenda (iCalendar) van alleen deze activiteit.",
    "status": "actief, gepauzeerd of gestopt. Gepauzeerde en gestopte activiteiten hebben geen datums.",
    "titel": "De naam van de activiteit.",
    "samenvatting": "Eén of twee zinnen over de activiteit.",
    "organisatie": "De sleutel van de organisatie.",
    "organisatie_naam": "De naam van de organisatie.",
    "soort": "De sleutels van de soorten, zoals sport of voorlezen.",
    "leeftijd": "Vanaf (van) en tot (tot) welke leeftijd in jaren; tot is null als er geen grens is.",
    "leeftijdsgroepen": "De leeftijdsgroepen waar de activiteit bij hoort.",
    "met_ouder": "true: een ouder of verzorger doet mee.",
    "gratis": "true: de activiteit is gratis.",
    "kosten": "Bedrag, waarvoor (per) en toelichting; null als het gratis is.",
    "inloop": "true: aanmelden is niet nodig.",
    "aanmelden": "Hoe je je aanmeldt (url, telefoon, email, toelichting); null bij inloop.",
    "locatie": "De vaste plek: naam, adres, gebied (wijk of stadsdeel), stadsdeel en geo; null als elke tijd een eigen plek heeft.",
    "wijk": "De wijk van de eerste plek; null als die het hele stadsdeel of de hele stad is.",
    "stadsdeel": "Het stadsdeel van de eerste plek; null als de activiteit overal in de stad komt.",
    "wijken": "De wijken van alle plekken.",
    "stadsdelen": "De stadsdelen die de activiteit op hun pagina tonen (zolang ze actief is): de stadsdelen van alle plekken, of alle stadsdelen als de activiteit overal in de stad komt.",
    "tijden": "Elke regel van het rooster: dagen of één datum, van en tot, vanaf en tot_en_met, en soms een eigen locatie.",
    "schoolvakanties": "vrij: niet in schoolvakanties en op feestdagen; gaat door: ook dan.",
    "vervalt": "Losse datums waarop de activiteit niet doorgaat.",
    "melding": "Een korte melding van de redactie, zoals een verandering; null als er geen is of als hij op de peildatum verlopen is.",
    "alternatief": "Bij een gepauzeerde of gestopte activiteit: de slug van een activiteit waar je nu terechtkunt; anders null.",
    "neem_mee": "Wat je meeneemt, zoals sportschoenen of een flesje water; null als de redactie niets heeft ingevuld.",
    "toegankelijk": "Wat de plek biedt: " + ", ".join(f"{k} ({v[0].lower()})" for k, v in ACCESSIBILITY.items()) + ". Een lege lijst betekent: niet bekend.",
    "bereikbaar": "Hoe je er komt: bushalte, parkeren, fietsenrek; null als de redactie niets heeft ingevuld.",
    "bij_slecht_weer": "Wat er gebeurt als het regent of stormt (bij buitenactiviteiten); null als de redactie niets heeft ingevuld.",
    "oude_namen": "Eerdere slugs van deze activiteit. Hun adressen en agenda's blijven werken; de UID's van de afspraken komen van de eerste naam.",
    "gecontroleerd": "De datum waarop de redactie de gegevens het laatst heeft gecontroleerd.",
    "occurrences": "Elke keer in de komende 12 weken: start en end (ISO 8601 met UTC-verschil), location en address.",
}


def schema(site_url: str) -> dict:
    location = _object({
        "naam": {"type": "string"},
        "adres": _nullable({"type": "string"}),
        "gebied": {**_KEY, "description": "Sleutel van de wijk, het stadsdeel of de gemeente."},
        "stadsdeel": _nullable(_KEY),
        "geo": _nullable({"type": "array", "items": {"type": "number"}, "minItems": 2, "maxItems": 2,
                          "description": "[breedtegraad, lengtegraad]"}),
    }, "Een plek.")
    slot = {
        "type": "object", "additionalProperties": False,
        "required": ["van", "tot", "vanaf", "tot_en_met", "locatie"],
        "oneOf": [{"required": ["dagen"]}, {"required": ["datum"]}],
        "properties": {
            "dagen": {"type": "array", "minItems": 1, "items": {"enum": list(WEEKDAYS)}},
            "datum": _DATE,
            "van": _TIME, "tot": _TIME,
            "vanaf": _nullable(_DATE), "tot_en_met": _nullable(_DATE),
            "locatie": _nullable(location),
        },
    }
    occurrence = _object({
        "start": _DATETIME, "end": _DATETIME,
        "location": {"type": "string"}, "address": _nullable({"type": "string"}),
    }, "Eén keer dat de activiteit is, in Europe/Amsterdam met UTC-verschil.")
    activity = _object({
        "slug": _KEY,
        "url": _URL,
        "ical": {**_URL, "pattern": "agenda\\.ics$"},
        "status": {"enum": ["actief", "gepauzeerd", "gestopt"]},
        "titel": {"type": "string", "minLength": 1},
        "samenvatting": {"type": "string"},
        "organisatie": _KEY,
        "organisatie_naam": {"type": "string"},
        "soort": {"type": "array", "items": _KEY, "minItems": 1},
        "leeftijd": _object({"van": {"type": "number", "minimum": 0},
                             "tot": _nullable({"type": "number", "minimum": 0})}),
        "leeftijdsgroepen": {"type": "array", "items": {"enum": [g.key for g in AGE_GROUPS]}},
        "met_ouder": {"type": "boolean"},
        "gratis": {"type": "boolean"},
        "kosten": _nullable(_object({"bedrag": {"type": "number", "minimum": 0}, "per": {"type": "string"},
                                     "toelichting": _nullable({"type": "string"})})),
        "inloop": {"type": "boolean"},
        "aanmelden": _nullable(_object({"url": _nullable(_URL), "telefoon": _nullable({"type": "string"}),
                                        "email": _nullable({"type": "string"}),
                                        "toelichting": _nullable({"type": "string"})})),
        "locatie": _nullable(location),
        "wijk": _nullable(_KEY),
        "stadsdeel": _nullable(_KEY),
        "wijken": {"type": "array", "items": _KEY},
        "stadsdelen": {"type": "array", "items": _KEY},
        "tijden": {"type": "array", "minItems": 1, "items": slot},
        "schoolvakanties": {"enum": ["vrij", "gaat door"]},
        "vervalt": {"type": "array", "items": _DATE},
        "melding": _nullable({"type": "string"}),
        "alternatief": _nullable(_KEY),
        "neem_mee": _nullable({"type": "string"}),
        "toegankelijk": {"type": "array", "uniqueItems": True, "items": {"enum": list(ACCESSIBILITY)}},
        "bereikbaar": _nullable({"type": "string"}),
        "bij_slecht_weer": _nullable({"type": "string"}),
        "oude_namen": {"type": "array", "items": _KEY},
        "gecontroleerd": _DATE,
        "occurrences": {"type": "array", "items": occurrence},
    }, "Eén activiteit.")
    activity["properties"] = {key: {**spec, "description": ACTIVITY_KEY_HELP[key]}  # copies: specs are shared
                              for key, spec in activity["properties"].items()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": absolute(site_url, SCHEMA_NAME),
        "title": "Activiteiten (open data)",
        "description": "Alle gepubliceerde activiteiten, met de keren van de komende 12 weken.",
        **_object({
            "versie": {"const": FORMAT_VERSION},
            "gemeente": {"type": "string"},
            "peildatum": _DATE,
            "tijdzone": {"const": TIMEZONE_NAME},
            "occurrences_van": _DATE,
            "occurrences_tot_en_met": _DATE,
            "schema": _URL,
            "activiteiten": {"type": "array", "items": {"$ref": "#/$defs/activiteit"}},
        }),
        "$defs": {"activiteit": activity},
    }


def files(catalog: Catalog, site_url: str) -> dict[str, bytes]:
    """Every open-data file: site-relative path → bytes."""
    return {
        JSON_NAME: dumps(activities_data(catalog, site_url)),
        SCHEMA_NAME: (json.dumps(schema(site_url), ensure_ascii=False, indent=1) + "\n").encode("utf-8"),
        CSV_NAME: activities_csv(catalog, site_url),
        HOLIDAYS_NAME: dumps(holidays_data(catalog)),
    }
