"""View models: what a page shows about an activity, as plain data.

Templates only lay these values out; every decision (which badge, which
words, which dates) is made here, in plain Python, so that another site
generator could render the same pages.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import quote, urljoin

from ..dates import livedates, wording
from ..dates.wording import Wording

from . import previews
from ..content.languages import localized_path
from ..content.loading import Catalog
from ..content.model import ACCESSIBILITY, Activity, Location, in_language
from ..dates.occurrences import TIMEZONE_NAME, Occurrence, has_ended, local, published_window, slot_schedule



# How wide the photo is on the page (see .activity-photo in overrides/assets/activity.css):
# beside the introduction from 60em on, else the width of the screen minus the page margins.
PHOTO_SIZES = "(min-width: 60em) 15rem, calc(100vw - 1.6rem)"

STATUS_BADGES = {"gepauzeerd": "badge--paused", "gestopt": "badge--stopped", "afgelopen": "badge--stopped"}  # words: wording.status


def activity_url(slug: str) -> str:
    """Site-relative URL of an activity page (a public contract)."""
    return f"activiteiten/{slug}/"


def absolute(site_url: str, path: str) -> str:
    """An absolute address on the site (``site_url`` with or without its last '/')."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    if "://" not in path and not path.startswith(("/", ".", "?", "#")):
        return base + path  # the usual case, without urljoin's parsing (once per page)
    return urljoin(base, path)


def route_url(location: Location) -> str | None:
    """A route link on OpenStreetMap (a link only: nothing is loaded from it)."""
    if location.geo:
        lat, lon = location.geo
        return f"https://www.openstreetmap.org/directions?to={lat}%2C{lon}#map=17/{lat}/{lon}"
    if location.address:
        return "https://www.openstreetmap.org/search?query=" + quote(location.address)
    return None


def map_url(location: Location) -> str | None:
    if location.geo:
        lat, lon = location.geo
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"
    return None


def place(catalog: Catalog, location: Location, words: Wording = wording.DUTCH) -> dict:
    areas = catalog.site.areas
    area = areas.areas[location.area]
    district = areas.district_of(location.area)
    if area.level == "gemeente":
        area_text = words._("Overal in %(gemeente)s") % {"gemeente": area.name}
    elif area.level == "stadsdeel":
        area_text = area.name
    else:
        area_text = f"{area.name}, {district.name}" if district else area.name
    return {
        "name": location.name,
        "address": location.address,
        "area": area_text,
        "area_key": area.key,
        "area_level": area.level,
        "district_key": district.key if district else None,
        "route_url": route_url(location),
        "map_url": map_url(location),
        "at_home": location.address is None,
    }


def poster_view(page_address: str) -> dict:
    """What a printed poster needs: the address its QR code holds, and that address to type
    (in parts that may go on separate lines: a line breaks only after a '/')."""
    short = page_address.split("://", 1)[-1].rstrip("/")
    parts = [p + "/" for p in short.split("/")]
    parts[-1] = parts[-1].rstrip("/")
    return {"url": page_address, "short_url": short, "short_parts": parts}


def back_link(catalog: Catalog, activity: Activity, words: Wording = wording.DUTCH) -> dict:
    """Where 'back' goes without a script: the list of the activity's own wijk (or stadsdeel, or all).

    The page's script replaces it by the list the parent came from, when that
    was a page of this site (``document.referrer``; nothing is stored or sent).
    """
    areas = catalog.site.areas
    area = areas.areas[activity.locations[0].area]
    _ = words._
    if area.level == "wijk":
        return {"url": f"wijken/{area.key}/", "text": _("Alle activiteiten in %(gebied)s") % {"gebied": area.name}}
    if area.level == "stadsdeel":
        return {"url": f"stadsdelen/{area.key}/", "text": _("Alle activiteiten in %(gebied)s") % {"gebied": area.name}}
    return {"url": "", "text": _("Alle activiteiten")}


def badges(activity: Activity, ended: bool, words: Wording = wording.DUTCH) -> list[dict]:
    """The short labels under the title. An activity that does not run says so instead of 'Gratis' or 'Inloop'."""
    status = "afgelopen" if ended else activity.status
    result = []
    if status in STATUS_BADGES:
        result.append({"text": words.status(status), "class": STATUS_BADGES[status]})
    else:
        if activity.cost.free:
            result.append({"text": words.free(), "class": "badge--free"})
        if activity.signup.walk_in:
            result.append({"text": words.walk_in(), "class": "badge--walkin"})
        if activity.with_parent:
            result.append({"text": words.with_parent(), "class": ""})
    result.append({"text": words.age(activity), "class": ""})
    return result


def photo_view(photo) -> dict | None:
    """``<img>`` attributes of a published photo (an ``images.PhotoSet``): srcset, sizes, width and height."""
    if photo is None:
        return None
    variants = photo.variants
    fallback = next((v for v in variants if v.width >= 800), variants[-1])
    return {
        "src": fallback.path,
        "srcset": [{"path": v.path, "width": v.width} for v in variants],
        "sizes": PHOTO_SIZES,
        "width": fallback.width,
        "height": fallback.height,
        "alt": photo.alt,
    }


# The poster's type sizes in points and its QR code in mm; overrides/assets/activity.css has the
# same numbers (.poster--<size>). The largest size whose estimated height fits the sheet is used.
POSTER_SIZES = {
    "large": {"title": 60, "summary": 19, "facts": 17, "qr": 50},
    "medium": {"title": 54, "summary": 17, "facts": 15, "qr": 45},
    "small": {"title": 48, "summary": 15, "facts": 13, "qr": 42},
    "smallest": {"title": 48, "summary": 13, "facts": 11, "qr": 40},
}
POSTER_HEIGHT_MM = 273 - 7  # A4 (297 mm) minus the page margins (2 × 12 mm), with room for a wrong guess
POSTER_WIDTH_MM = 186
_PT_MM = 25.4 / 72


def _words(text: str) -> tuple[int, int]:
    """What the estimate needs of a text: its length and its longest piece (lines break at spaces and hyphens)."""
    return len(text), max((len(w) for w in text.replace("-", " ").split()), default=0)


def _lines(words: tuple[int, int], width_mm: float, points: float, char_width: float = 0.52) -> int:
    """How many lines a text (its :func:`_words`) takes at ``points`` in a column ``width_mm`` wide.

    A cautious estimate: wrapping wastes about a tenth of a line, and a
    word longer than a line takes several.
    """
    per_line = max(1, int(width_mm / (points * _PT_MM * char_width)))
    length, longest = words
    return max(-(-length * 11 // (per_line * 10)), -(-longest // per_line))


def _poster_height(size: dict, title: tuple, summary: tuple, status: tuple | None, free: bool,
                   rows: list[list[tuple[tuple, float]]]) -> float:
    """Estimated height of the printed poster in mm (see .poster in activity.css); texts as :func:`_words`."""
    height = 15 * _PT_MM * 1.3 + 5 + 6  # the site's name in its band
    height += _lines(title, POSTER_WIDTH_MM, size["title"], 0.58) * size["title"] * _PT_MM * 1.04 + 4
    height += _lines(summary, POSTER_WIDTH_MM, size["summary"]) * size["summary"] * _PT_MM * 1.25 + 5
    if status:
        height += _lines(status, POSTER_WIDTH_MM - 6, 18) * 18 * _PT_MM * 1.3 + 7
    if free:
        height += 30 * _PT_MM * 1.3 + 4
    column = POSTER_WIDTH_MM - 36 - 4
    for row in rows:
        height += sum(_lines(words, column, size["facts"] * scale) * size["facts"] * scale * _PT_MM * 1.3
                      for words, scale in row) + 4.8
    return height + max(size["qr"], 45) + 9


def poster_sheet(activity: Activity, view: dict, running: bool, words: Wording = wording.DUTCH) -> dict:
    """The printed poster: the facts a passer-by needs, in words that do not expire, and how big to print them.

    ``size`` keeps every poster on one A4 sheet: the largest type whose
    estimated height fits (titles stay 48 pt or more, readable from two metres).
    """
    signup = activity.signup
    if signup.walk_in:
        join = words.walk_in_sentence()
    else:
        ways = ([words.sign_up_phone(signup.phone)] if signup.phone else []) + \
               ([words.sign_up_email(signup.email)] if signup.email else []) + \
               ([words.sign_up_website()] if signup.url else [])
        join = words.sign_up_sentence(ways)
    note = signup.note or None  # the editor's words after the facts (Dutch: marked lang="nl" elsewhere)
    _ = words._
    cost = _("Gratis!") if activity.cost.free else words.cost(activity.cost)
    ask = view["ask"]
    rows = [
        [(_("%(leeftijd)s, samen met een ouder of verzorger") % {"leeftijd": view["age"]} if activity.with_parent
          else view["age"], 1)],
        [(line, 1) for line in view["schedule"]] + ([(view["holidays_rule"], .75)] if view["holidays_rule"] else []),
        [(p["name"] + (f", {p['address']}" if p["address"] else ""), 1) for p in view["places"]],
        [(cost, 1)] + ([(activity.cost.note, .75)] if activity.cost.note else []),
        [(join + (" " + note if note else ""), 1)],
        [(view["organisation"]["name"], 1)] + ([(_("Vragen? Bel %(telefoon)s") % {"telefoon": ask["phone"]}, 1)] if ask["phone"] else []),
    ]
    measured = [[(_words(text), scale) for text, scale in row] for row in rows if row]
    status = None if running else (view["status_notice"] or "") + (
        " " + _("Je kunt nu terecht bij %(activiteit)s.") % {"activiteit": view["alternative"]["title"]}
        if view["alternative"] else "")
    title, summary, status_words = _words(activity.title), _words(activity.summary), _words(status) if status else None
    size = "smallest"
    for name, sizes in POSTER_SIZES.items():
        if _poster_height(sizes, title, summary, status_words, activity.cost.free and running, measured) <= POSTER_HEIGHT_MM:
            size = name
            break
    return {"join": join, "join_note": note, "cost": cost, "size": size, "status": status}


def contact_view(activity: Activity, organisation) -> dict:
    """Who to ask: the activity's own contact details, else the organisation's."""
    contact = activity.contact
    return {
        "person": contact.name if contact and contact.name else None,
        "phone": contact.phone if contact and contact.phone else organisation.phone,
        "email": contact.email if contact and contact.email else organisation.email,
        "website": contact.website if contact and contact.website else organisation.website,
    }


def before_you_go(activity: Activity, words: Wording = wording.DUTCH) -> dict:
    """What to know before you go, each in its fixed place on the page."""
    return {
        "bring": activity.bring,
        "accessibility": [{"key": key, "label": words._(ACCESSIBILITY[key][0]), "sentence": words._(ACCESSIBILITY[key][1])}
                          for key in activity.accessibility],
        "getting_there": activity.getting_there,
        "bad_weather": activity.bad_weather,
    }


def occurrence_view(catalog: Catalog, occurrence: Occurrence, activity: Activity, words: Wording = wording.DUTCH) -> dict:
    return {
        "date": words.date(occurrence.date, year=occurrence.date.year != catalog.today.year),
        "short_date": words.short_date(occurrence.date, catalog.today),
        "iso_start": livedates.iso(occurrence.start),
        "iso_end": livedates.iso(occurrence.end),
        "time": words.time_range(occurrence.start.time(), occurrence.end.time()),
        "place": occurrence.location.name if len(activity.locations) > 1 else None,
    }


def activity_view(catalog: Catalog, activity: Activity, count: int = 5, photo=None,
                  site_url: str | None = None, words: Wording = wording.DUTCH) -> dict:
    """Everything the activity page shows, ready to print.

    ``photo`` is the published photo (an ``images.PhotoSet``) if there is one;
    ``site_url`` makes the addresses in JSON-LD absolute. In another language the editors'
    translation (``<slug>.<code>.md``) gives the free text it has; ``translated`` names those keys.
    """
    translation = catalog.translation(activity.slug, words.language.code)
    dutch = activity
    if translation is not None:  # the facts stay the model's
        activity = in_language(activity, translation)
    organisation = catalog.site.organisations[activity.organisation]
    nexts = livedates.live_occurrences(catalog, activity, days=0, after=count)  # = upcoming(count=count), made once
    ended = activity.active and has_ended(activity, catalog.today)
    status_notice = words.status_notice("afgelopen" if ended else activity.status)
    alternative = catalog.by_slug.get(activity.alternative) if activity.alternative else None
    signup = activity.signup
    view = {
        "slug": activity.slug,
        "title": activity.title,
        "summary": activity.summary,
        "notice": activity.notice_on(catalog.today),
        "notice_until": activity.notice_until.isoformat() if activity.notice_until else None,
        "notice_end": livedates.notice_end(activity),  # data-end: livedates.js hides it on a page read later
        "status": activity.status,
        "status_notice": status_notice,
        "running": activity.active and not ended,
        "alternative": alternative_view(catalog, alternative, words) if alternative else None,
        "badges": badges(activity, ended, words),
        "back": back_link(catalog, activity, words),
        "photo": photo_view(photo),
        "before": before_you_go(activity, words),
        "free": activity.cost.free,
        "walk_in": signup.walk_in,
        "with_parent": activity.with_parent,
        "age": words.age(activity),
        "kinds": [{"key": k, "name": catalog.site.kinds[k].name_in(words.language.code)} for k in activity.kinds],
        "schedule": [words.slot(activity, s) + (f" — {s.location.name}" if s.location and len(activity.locations) > 1 else "") for s in activity.slots] if activity.active else [],
        "holidays_rule": words.holidays_rule(activity) if activity.active and any(s.date is None for s in activity.slots) else None,
        # 'Volgende keren': PAGE_DAYS of dates and NEXT_SHOWN after them; the page shows the first
        # NEXT_SHOWN, livedates.js the first NEXT_SHOWN that have not ended by the reader's clock.
        "next": [occurrence_view(catalog, o, activity, words)
                 for o in livedates.live_occurrences(catalog, activity, days=livedates.PAGE_DAYS, after=livedates.NEXT_SHOWN)],
        "next_shown": livedates.NEXT_SHOWN,
        "made_on": livedates.made_on(catalog, words),
        "places": [place(catalog, loc, words) for loc in activity.locations],
        "cost": words.cost(activity.cost),
        "cost_note": activity.cost.note,
        "signup": {
            "url": signup.url, "phone": signup.phone, "email": signup.email, "note": signup.note,
        },
        "contact": vars(activity.contact) if activity.contact else None,
        "organisation": {"key": organisation.key, "name": organisation.name, "website": organisation.website,
                         "phone": organisation.phone, "email": organisation.email},
        "checked": words.date(activity.checked, weekday=False),
        "checked_iso": activity.checked.isoformat(),
        # in the page's language when the editors translated both texts it names (name, description),
        # else the Dutch one, marked inLanguage nl, the same in every language: made once per build
        "jsonld": jsonld(catalog, activity, nexts, photo, site_url, words.language.code) if jsonld_translated(translation) else
        catalog.cached(("jsonld", activity.slug, site_url, photo),
                       lambda: jsonld(catalog, dutch, nexts, photo, site_url)),
    }
    page_path = localized_path(words.language.code, activity_url(activity.slug))
    view["share"] = (previews.share_view(catalog, activity, absolute(site_url, page_path), words)
                     if site_url else None)
    view["ask"] = contact_view(activity, organisation)
    view["translated"] = {key: True for key in translation.texts} if translation is not None else {}
    view["translated_body"] = translation is not None and bool(translation.body.strip())
    view["sheet"] = poster_sheet(activity, view, view["running"], words)
    return view


def _place_ld(location: Location, activity: Activity | None = None) -> dict:
    data: dict = {"@type": "Place", "name": location.name}
    if location.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": location.address, "addressCountry": "NL"}
    if location.geo:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": location.geo[0], "longitude": location.geo[1]}
    if activity is not None and activity.accessibility:
        # 'toegankelijk': what the place offers (schema.org LocationFeatureSpecification)
        data["amenityFeature"] = [{"@type": "LocationFeatureSpecification", "name": ACCESSIBILITY[key][0],
                                   "description": ACCESSIBILITY[key][1], "value": True}
                                  for key in activity.accessibility]
    return data


def alternative_view(catalog: Catalog, alternative: Activity, words: Wording = wording.DUTCH) -> dict:
    """The link to the activity to go to instead, with its title as the reader sees it (``lang``: the
    title's language where it differs from the page's, for WCAG 3.1.2)."""
    title, language = catalog.title_in(alternative, words.language.code)
    return {"title": title, "url": activity_url(alternative.slug),
            "lang": language if language != words.language.code else None}


def jsonld_translated(translation) -> bool:
    """JSON-LD has one ``inLanguage`` for its texts: it takes the editors' translation only when that
    gives both the name and the description, so that name and description are in the one language it names."""
    return translation is not None and bool(translation.text("titel")) and bool(translation.text("samenvatting"))


def jsonld_data(catalog: Catalog, activity: Activity, nexts: list[Occurrence], photo=None,
                site_url: str | None = None, code: str = "nl") -> dict:
    """schema.org Event for an activity (with its weekly schedule); ``code``: the language of its
    name and description (``inLanguage``), and of the page ``url`` names."""
    organisation = catalog.site.organisations[activity.organisation]
    status = {"actief": "https://schema.org/EventScheduled",
              "gepauzeerd": "https://schema.org/EventPostponed",
              "gestopt": "https://schema.org/EventCancelled"}[activity.status]
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": activity.title,
        "description": activity.summary,
        "eventStatus": status,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "isAccessibleForFree": activity.cost.free,
        "typicalAgeRange": f"{wording.number(activity.age_from)}-{wording.number(activity.age_to) if activity.age_to is not None else ''}",
        "organizer": {"@type": "Organization", "name": organisation.name, **({"url": organisation.website} if organisation.website else {})},
        "location": [_place_ld(loc, activity) for loc in activity.locations] if len(activity.locations) > 1 else _place_ld(activity.locations[0], activity),
        "offers": {"@type": "Offer", "price": "0" if activity.cost.free else f"{activity.cost.amount:.2f}", "priceCurrency": "EUR"},
        "inLanguage": code,
    }
    if site_url:
        data["url"] = absolute(site_url, localized_path(code, activity_url(activity.slug)))
        if photo is not None:
            data["image"] = [absolute(site_url, v.path) for v in ((photo.card,) if photo.card else ()) + (photo.largest,)]
    if nexts:
        data["startDate"] = nexts[0].start.isoformat()
        data["endDate"] = nexts[0].end.isoformat()
    data.update(sessions_ld(catalog, activity))
    return data


SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def sessions_ld(catalog: Catalog, activity: Activity) -> dict:
    """When the activity takes place, as schema.org says it, from the occurrence engine.

    The series is the feeds' (:func:`published_window`: 8 weeks back, 12 months ahead; the site
    is rebuilt every night). A weekly line is a ``Schedule`` from its first to its last date in
    that window, with every date the engine skips between them (school and public holidays,
    ``vervalt``) in ``exceptDate``; a one-off date is an ``Event`` in ``subEvent``, every one from
    the window's start on. A Schedule has no place of its own in schema.org, so when the lines
    are not all at one place, each weekly line is a ``subEvent`` with its ``location`` and its
    ``eventSchedule``; otherwise the Schedules are the Event's own ``eventSchedule``.
    """
    first, last = published_window(catalog.today)
    places = {activity.location_of(slot) for slot in activity.slots}
    schedules: list[dict] = []
    sub_events: list[dict] = []
    for slot in activity.slots:
        location = activity.location_of(slot)
        if slot.date is not None:
            for occurrence in slot_schedule(activity, slot, catalog.calendar, first, max(last, slot.date)).occurrences:
                sub_events.append({"@type": "Event", "name": activity.title, "startDate": occurrence.start.isoformat(),
                                   "endDate": occurrence.end.isoformat(), "location": _place_ld(location)})
            continue
        series = slot_schedule(activity, slot, catalog.calendar, first, last)
        if not series.dates:
            continue
        schedule = {
            "@type": "Schedule",
            "repeatFrequency": "P1W",
            "byDay": [f"https://schema.org/{SCHEMA_DAYS[d]}" for d in sorted(slot.weekdays)],
            "startDate": series.dates[0].isoformat(),
            "endDate": series.dates[-1].isoformat(),
            "startTime": wording.time(slot.start),
            "endTime": wording.time(slot.end),
            "scheduleTimezone": TIMEZONE_NAME,
        }
        skipped = [s.date.isoformat() for s in series.skipped if series.dates[0] < s.date < series.dates[-1]]
        if skipped:
            schedule["exceptDate"] = skipped
        if len(places) > 1:
            sub_events.append({"@type": "Event", "name": activity.title, "location": _place_ld(location),
                               "startDate": local(series.dates[0], slot.start).isoformat(),
                               "endDate": local(series.dates[0], slot.end).isoformat(), "eventSchedule": schedule})
        else:
            schedules.append(schedule)
    found: dict = {}
    if schedules:
        found["eventSchedule"] = schedules if len(schedules) > 1 else schedules[0]
    if sub_events:
        found["subEvent"] = sorted(sub_events, key=lambda e: e["startDate"])
    return found


def safe_json(data) -> str:
    """JSON that is safe inside a <script> element (no '<', '>', '&')."""
    text = json.dumps(data, ensure_ascii=False, indent=None, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def jsonld(catalog: Catalog, activity: Activity, nexts: list[Occurrence], photo=None, site_url: str | None = None,
           code: str = "nl") -> str:
    return safe_json(jsonld_data(catalog, activity, nexts, photo, site_url, code))
