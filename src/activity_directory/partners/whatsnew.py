"""What's new: ``/nieuw.xml``, an Atom feed (RFC 4287) of activities added or changed.

Newest first, at most :data:`MAX_ENTRIES`. Each entry links to the activity's
page and says what it is and when.

The date of an entry is the activity's ``gecontroleerd``. The build is
stateless and reproducible, so the date must come from the content itself:

* the build date would move every entry every night;
* a content hash tells *that* something changed, not *when*, unless the
  build keeps state between runs (it does not);
* git history is missing in a tarball or a shallow CI checkout (every file
  would get the date of the last commit), and a commit that only reformats a
  file would count as a change;
* ``gecontroleerd`` is in the file, so it changes only when an editor
  changes it. Editors set it when they change or check an activity (the
  editor guide asks for it; ``make check`` refuses a changed day, time, place
  or status without a newer date, because the calendar feeds' SEQUENCE comes
  from it too). An activity whose file did not change keeps its date in every
  build, with or without git. The cost: an activity that an editor only
  checked, without changing it, also comes up as changed.

Only the content goes into an entry (not the build date or the next date), so
an unchanged activity gives the same entry, byte for byte, in every build.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from ..dates import wording
from ..publish.feeds import absolute
from ..content.loading import Catalog
from ..content.model import Activity
from ..dates.occurrences import TZ
from ..pages.presentation import activity_url, place

FEED_PATH = "nieuw.xml"
FEED_TITLE = "Nieuw en veranderd"
MAX_ENTRIES = 50
ATOM = "http://www.w3.org/2005/Atom"
STATUS_PREFIX = {"gepauzeerd": "Tijdelijk gestopt: ", "gestopt": "Gestopt: "}
# Characters XML 1.0 does not allow (YAML's "\x01" escapes could put them in a text).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def updated(activity: Activity) -> dt.datetime:
    """The entry's date: the start of ``gecontroleerd`` in the municipality's time zone."""
    return dt.datetime.combine(activity.checked, dt.time(0, 0), tzinfo=TZ)


def entries(catalog: Catalog) -> list[Activity]:
    """The activities in the feed: most recently changed first (then by file name), at most 50."""
    return sorted(catalog.activities, key=lambda a: (-a.checked.toordinal(), a.slug))[:MAX_ENTRIES]


def summary(catalog: Catalog, activity: Activity) -> str:
    """What it is, when, where, for whom and what it costs: from the content only."""
    places = []
    for location in activity.locations:
        shown = place(catalog, location)
        area = shown["area"] if shown["area_level"] != "gemeente" else shown["area"][:1].lower() + shown["area"][1:]
        text = f"{shown['name']}, {area}"
        if text not in places:
            places.append(text)
    lines = [activity.summary]
    if activity.status == "gepauzeerd":
        lines.append("Deze activiteit is tijdelijk gestopt.")
    elif activity.status == "gestopt":
        lines.append("Deze activiteit is gestopt.")
    else:
        lines.append(f"Wanneer: {wording.schedule(activity)}")
    lines += [f"Waar: {wording.join(places)}.",
              f"Voor wie: {wording.age(activity)}{', samen met een ouder' if activity.with_parent else ''}.",
              f"Kosten: {wording.cost(activity.cost)}."]
    return "\n".join(lines)


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _add(parent: ET.Element, name: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}", {k: _text(v) for k, v in attributes.items()})
    if text is not None:
        element.text = _text(text)
    return element


def atom(catalog: Catalog, site_url: str, site_name: str) -> bytes:
    """The feed as bytes (UTF-8): the same content gives the same bytes. ``site_name``: mkdocs.yml's site_name."""
    site = catalog.site
    chosen = entries(catalog)
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "nl"})
    _add(feed, "id", absolute(site_url, FEED_PATH))
    _add(feed, "title", f"{FEED_TITLE} – {site_name}")
    _add(feed, "subtitle", f"Activiteiten die nieuw zijn op {absolute(site_url, '')} of veranderd, de nieuwste eerst.")
    newest = max((updated(a) for a in chosen), default=dt.datetime(2020, 1, 1, tzinfo=TZ))
    _add(feed, "updated", newest.isoformat())
    _add(feed, "link", rel="self", type="application/atom+xml", href=absolute(site_url, FEED_PATH))
    _add(feed, "link", rel="alternate", type="text/html", href=absolute(site_url, ""))
    author = _add(feed, "author")
    _add(author, "name", site_name)
    _add(author, "uri", absolute(site_url, ""))
    for activity in chosen:
        page = absolute(site_url, activity_url(activity.slug))
        entry = _add(feed, "entry")
        _add(entry, "id", page)
        _add(entry, "title", STATUS_PREFIX.get(activity.status, "") + activity.title)
        _add(entry, "updated", updated(activity).isoformat())
        _add(entry, "link", rel="alternate", type="text/html", href=page)
        for kind in activity.kinds:
            _add(entry, "category", term=kind, label=site.kinds[kind].name)
        _add(entry, "summary", summary(catalog, activity), type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"
