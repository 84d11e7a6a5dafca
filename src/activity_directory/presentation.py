"""View models: what a page shows about an activity, as plain data.

Templates only lay these values out; every decision (which badge, which
words, which dates) is made here, in plain Python, so that another site
generator could render the same pages.
"""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import quote

from . import livedates, wording
from .loading import Catalog
from .model import Activity, Location
from .occurrences import Occurrence, has_ended

STATUS_NOTICES = {
    "gepauzeerd": "Deze activiteit is tijdelijk gestopt. Er zijn nu geen datums.",
    "gestopt": "Deze activiteit is gestopt. Er zijn geen nieuwe datums meer.",
}


def activity_url(slug: str) -> str:
    """Site-relative URL of an activity page (a public contract)."""
    return f"activiteiten/{slug}/"


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


def place(catalog: Catalog, location: Location) -> dict:
    areas = catalog.site.areas
    area = areas.areas[location.area]
    district = areas.district_of(location.area)
    if area.level == "gemeente":
        area_text = f"Overal in {area.name}"
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
    """What a printed poster needs: the address its QR code holds, and that address to type."""
    return {"url": page_address, "short_url": page_address.split("://", 1)[-1].rstrip("/")}


def occurrence_view(catalog: Catalog, occurrence: Occurrence, activity: Activity) -> dict:
    return {
        "date": wording.date(occurrence.date, year=occurrence.date.year != catalog.today.year),
        "short_date": wording.short_date(occurrence.date, catalog.today),
        "iso_start": livedates.iso(occurrence.start),
        "iso_end": livedates.iso(occurrence.end),
        "time": wording.time_range(occurrence.start.time(), occurrence.end.time()),
        "place": occurrence.location.name if len(activity.locations) > 1 else None,
    }


def activity_view(catalog: Catalog, activity: Activity, count: int = 5) -> dict:
    """Everything the activity page shows, ready to print."""
    organisation = catalog.site.organisations[activity.organisation]
    nexts = livedates.live_occurrences(catalog, activity, days=0, after=count)  # = upcoming(count=count), made once
    ended = activity.active and has_ended(activity, catalog.today)
    status_notice = STATUS_NOTICES.get(activity.status)
    if ended:
        status_notice = "Deze activiteit is afgelopen. Er zijn geen nieuwe datums."
    signup = activity.signup
    return {
        "slug": activity.slug,
        "title": activity.title,
        "summary": activity.summary,
        "notice": activity.notice_on(catalog.today),
        "notice_until": activity.notice_until.isoformat() if activity.notice_until else None,
        "notice_end": livedates.notice_end(activity),  # data-end: livedates.js hides it on a page read later
        "status": activity.status,
        "status_notice": status_notice,
        "free": activity.cost.free,
        "walk_in": signup.walk_in,
        "with_parent": activity.with_parent,
        "age": wording.age(activity),
        "kinds": [{"key": k, "name": catalog.site.kinds[k].name} for k in activity.kinds],
        "schedule": [wording.slot(activity, s) + (f" — {s.location.name}" if s.location and len(activity.locations) > 1 else "") for s in activity.slots] if activity.active else [],
        "holidays_rule": wording.holidays_rule(activity) if activity.active and any(s.date is None for s in activity.slots) else None,
        # 'Volgende keren': three weeks of dates and NEXT_SHOWN after them; the page shows the first
        # NEXT_SHOWN, livedates.js the first NEXT_SHOWN that have not ended by the reader's clock.
        "next": [occurrence_view(catalog, o, activity)
                 for o in livedates.live_occurrences(catalog, activity, days=livedates.PAGE_DAYS, after=livedates.NEXT_SHOWN)],
        "next_shown": livedates.NEXT_SHOWN,
        "made_on": livedates.made_on(catalog),
        "places": [place(catalog, loc) for loc in activity.locations],
        "cost": wording.cost(activity.cost),
        "cost_note": activity.cost.note,
        "signup": {
            "url": signup.url, "phone": signup.phone, "email": signup.email, "note": signup.note,
        },
        "contact": vars(activity.contact) if activity.contact else None,
        "organisation": {"key": organisation.key, "name": organisation.name, "website": organisation.website,
                         "phone": organisation.phone, "email": organisation.email},
        "checked": wording.date(activity.checked, weekday=False),
        "checked_iso": activity.checked.isoformat(),
        "jsonld": jsonld(catalog, activity, nexts),
    }


def _place_ld(location: Location) -> dict:
    data: dict = {"@type": "Place", "name": location.name}
    if location.address:
        data["address"] = {"@type": "PostalAddress", "streetAddress": location.address, "addressCountry": "NL"}
    if location.geo:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": location.geo[0], "longitude": location.geo[1]}
    return data


def jsonld_data(catalog: Catalog, activity: Activity, nexts: list[Occurrence]) -> dict:
    """schema.org Event for an activity (with its weekly schedule)."""
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
        "location": [_place_ld(loc) for loc in activity.locations] if len(activity.locations) > 1 else _place_ld(activity.locations[0]),
        "offers": {"@type": "Offer", "price": "0" if activity.cost.free else f"{activity.cost.amount:.2f}", "priceCurrency": "EUR"},
        "inLanguage": "nl",
    }
    if nexts:
        data["startDate"] = nexts[0].start.isoformat()
        data["endDate"] = nexts[0].end.isoformat()
    schedules = []
    for slot in activity.slots:
        if slot.date is not None:
            continue
        schedule = {
            "@type": "Schedule",
            "repeatFrequency": "P1W",
            "byDay": [f"https://schema.org/{d}" for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday") if ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday").index(d) in slot.weekdays],
            "startTime": wording.time(slot.start),
            "endTime": wording.time(slot.end),
            "scheduleTimezone": "Europe/Amsterdam",
        }
        if slot.valid_from:
            schedule["startDate"] = slot.valid_from.isoformat()
        if slot.valid_until:
            schedule["endDate"] = slot.valid_until.isoformat()
        if activity.cancelled:
            schedule["exceptDate"] = [d.isoformat() for d in activity.cancelled]
        schedules.append(schedule)
    if schedules and activity.active:
        data["eventSchedule"] = schedules if len(schedules) > 1 else schedules[0]
    return data


def safe_json(data) -> str:
    """JSON that is safe inside a <script> element (no '<', '>', '&')."""
    text = json.dumps(data, ensure_ascii=False, indent=None, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def jsonld(catalog: Catalog, activity: Activity, nexts: list[Occurrence]) -> str:
    return safe_json(jsonld_data(catalog, activity, nexts))
