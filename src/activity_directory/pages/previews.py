"""Link previews and sharing: what a page says about itself in a chat app or a search engine.

* every page gets its own meta description, made from the domain: an activity
  says when (its weekly rhythm, which does not go stale), where, for whom and
  what it costs; list pages say how many activities they hold and of what kind;
  the other pages say what they are for;
* the picture of a preview (``og:image``) is the activity's photo when it has
  one that is wide enough, else a card for its first soort, else the site's card;
* an activity can be shared through WhatsApp (a plain ``wa.me`` link: nothing is
  loaded from there). The text names the weekly rhythm; the page's script puts
  in the next date as the reader's clock sees it, so a page that was built
  weeks ago never shares a date that has passed.

Plain Python: the hook (``hooks/previews.py``) only passes pages in, and the
template (``overrides/main.html``, block ``extrahead``) lays the tags out.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from ..dates import wording
from .listings import AGE_GROUPS, Listing, is_current
from ..content.loading import Catalog
from ..content.model import WEEKDAYS, Activity
from ..dates.occurrences import has_ended

SEPARATOR = " · "
WHATSAPP = "https://wa.me/"
# Card colours (white text on each has a contrast of at least 6:1), given to the soorten in their file order.
CARD_COLOURS = ("#146c2e", "#a3175a", "#6b3a00", "#5b2a86", "#0e5d66", "#8a1c1c", "#3f5112", "#2d3f8f",
                "#7a2e5a", "#4a4a4a")
SITE_CARD_COLOUR = "#1d4f73"


# ---------------------------------------------------------------------------
# Activities
# ---------------------------------------------------------------------------


def rhythm(activity: Activity) -> str:
    """When, in words that stay true: 'elke maandag 09:30–10:15 en elke zaterdag 10:00–10:45'."""
    slots = activity.slots
    if len(slots) <= 2:
        return " en ".join(_lower_first(wording.slot(activity, s)) for s in slots)
    weekly = sorted({d for s in slots if s.date is None for d in s.weekdays})
    if weekly:
        return "elke " + wording.join([WEEKDAYS[d] for d in weekly]) + ", op vaste tijden"
    return f"{len(slots)} keer, op vaste datums"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def where(catalog: Catalog, activity: Activity) -> str:
    areas = catalog.site.areas
    parts = []
    for location in activity.locations:
        area = areas.areas[location.area]
        if area.level == "gemeente":
            text = f"{location.name}, overal in {area.name}"
        else:
            text = f"{location.name}, {area.name}"
        if text not in parts:
            parts.append(text)
    if len(parts) > 2:
        return f"{parts[0]} en {len(parts) - 1} andere plekken"
    return " en ".join(parts)


def for_whom(activity: Activity) -> str:
    text = wording.age(activity)
    return text + (", met je ouder of verzorger" if activity.with_parent else "")


def cost_and_signup(activity: Activity) -> str:
    cost = wording.cost(activity.cost)
    join = "je hoeft je niet aan te melden" if activity.signup.walk_in else "aanmelden nodig"
    return f"{cost}, {join}"


def status_text(catalog: Catalog, activity: Activity) -> str | None:
    """For an activity that does not run: what a preview says first."""
    alternative = catalog.by_slug.get(activity.alternative) if activity.alternative else None
    tip = f" Kijk ook bij {alternative.title}." if alternative else ""
    if activity.status == "gepauzeerd":
        return "Tijdelijk gestopt." + tip
    if activity.status == "gestopt":
        return "Gestopt." + tip
    if has_ended(activity, catalog.today):
        return "Afgelopen."
    return None


def _activity_description(catalog: Catalog, activity: Activity) -> str:
    stopped = status_text(catalog, activity)
    if stopped:
        return f"{stopped} {where(catalog, activity)}{SEPARATOR}{for_whom(activity)}."
    return SEPARATOR.join([_capital(rhythm(activity)), where(catalog, activity), for_whom(activity),
                           cost_and_signup(activity)]) + "."


def activity_descriptions(catalog: Catalog) -> dict[str, str]:
    """Every activity's meta description, once per build; never two the same.

    Two activities on the same days, at the same place, for the same ages and
    cost would read the same: those get their title in front (and, should the
    titles be equal too, their file name at the end).
    """
    def compute() -> dict[str, str]:
        plain = {a.slug: _activity_description(catalog, a) for a in catalog.activities}
        seen: dict[str, int] = {}
        for text in plain.values():
            seen[text] = seen.get(text, 0) + 1
        result = {}
        for activity in catalog.activities:
            text = plain[activity.slug]
            if seen[text] > 1:
                text = f"{activity.title}: {text}"
            result[activity.slug] = text
        counts: dict[str, int] = {}
        for text in result.values():
            counts[text] = counts.get(text, 0) + 1
        return {slug: (f"{text} ({slug})" if counts[text] > 1 else text) for slug, text in result.items()}

    return catalog.cached(("meta-descriptions",), compute)


def activity_description(catalog: Catalog, activity: Activity) -> str:
    return activity_descriptions(catalog)[activity.slug]


def share_text(catalog: Catalog, activity: Activity) -> str:
    """The words before the link in a shared message (the script may replace the rhythm by the next date)."""
    stopped = status_text(catalog, activity)
    if stopped:
        return f"{activity.title} ({stopped.split('.')[0].lower()})"
    return f"{activity.title}, {rhythm(activity)}"


def whatsapp_url(text: str, page_address: str) -> str:
    """A plain link that opens WhatsApp with the message filled in (text, then the address)."""
    return WHATSAPP + "?text=" + quote(f"{text}\n{page_address}", safe="")


def share_view(catalog: Catalog, activity: Activity, page_address: str) -> dict:
    text = share_text(catalog, activity)
    return {
        "title": activity.title,
        "text": text,
        "url": page_address,
        "whatsapp": whatsapp_url(text, page_address),
    }


# ---------------------------------------------------------------------------
# Other pages
# ---------------------------------------------------------------------------


def _kinds_text(catalog: Catalog, activities: list[Activity], limit: int = 3) -> str:
    """The most common soorten, as 'Spelen · Ontmoeten · Sport en bewegen' (their names may hold 'en')."""
    counts: dict[str, int] = {}
    for activity in activities:
        for kind in activity.kinds:
            counts[kind] = counts.get(kind, 0) + 1
    top = sorted(counts, key=lambda k: (-counts[k], k))[:limit]
    return SEPARATOR.join(catalog.site.kinds[k].name for k in top)


def listing_description(catalog: Catalog, listing: Listing) -> str:
    """A list page: how many activities, of which kinds, how many free."""
    site = catalog.site
    current = [a for a in listing.activities if is_current(catalog, a)]
    free = sum(1 for a in current if a.cost.free)
    if listing.kind == "home":
        subject = f"in {site.name} voor kinderen, ouders en buurtbewoners"
    elif listing.kind in ("stadsdeel", "wijk"):
        district = site.areas.district_of(listing.key) if listing.kind == "wijk" else None
        subject = f"in {listing.title}" + (f" ({district.name})" if district else "")
    elif listing.kind == "leeftijd":
        group = next(g for g in AGE_GROUPS if g.key == listing.key)
        subject = f"voor {_lower_first(group.name)} in {site.name}"
    elif listing.kind == "stadsdeel-leeftijd":
        district_key, group_key = listing.key.split("/")
        group = next(g for g in AGE_GROUPS if g.key == group_key)
        subject = f"voor {_lower_first(group.name)} in {site.areas.areas[district_key].name}"
    elif listing.kind == "organisatie":
        subject = f"van {listing.title} in {site.name}"
    elif listing.kind == "soort":
        subject = f"in {site.name}: {listing.title.lower()}"
    else:
        subject = f"in {site.name}: {listing.title}"
    if not current:
        return f"Nu geen activiteiten {subject}. Kijk ook in de rest van {site.name}."
    text = f"{wording.count(len(current))} {subject}."
    kinds = _kinds_text(catalog, current) if listing.kind != "soort" else ""
    if kinds:
        text += f" {kinds}."
    if free == len(current):
        text += " Allemaal gratis." if len(current) > 1 else " Gratis."
    elif free:
        text += f" {free} {'is' if free == 1 else 'zijn'} gratis."
    return text + " Met dagen, tijden en plek."


PAGE_DESCRIPTIONS = {
    # page kind -> description ({site} is the municipality's name)
    "week": "Wat is er de komende 7 dagen in {site}? Alle activiteiten per dag, met tijd, plek en leeftijd.",
    "agenda": "Zet de activiteiten in {site} in je eigen agenda: kies je wijk en de leeftijd van je kind, "
              "dan komen nieuwe datums en wijzigingen vanzelf in je telefoon.",
    "open-data": "Alle activiteiten in {site} als open data: JSON, CSV en agenda's, vrij te gebruiken.",
    "redactie": "Voor redacteuren: zo zet je een activiteit in {site} op de site en houd je hem goed.",
    "stadsdelen": "De stadsdelen en wijken van {site}, elk met de activiteiten die er zijn.",
    "leeftijd": "Activiteiten in {site} per leeftijd: voor baby's, peuters, kleuters, kinderen, tieners, volwassenen en senioren.",
    "soorten": "Activiteiten in {site} per soort: sport, spelen, muziek, lezen, natuur en meer.",
    "organisaties": "De organisaties achter de activiteiten in {site}, elk met hun activiteiten.",
}


def page_description(catalog: Catalog, kind: str, title: str | None = None, fallback: str = "") -> str:
    """A page that is not an activity or a list: its own sentence (or its title with the site's sentence)."""
    template = PAGE_DESCRIPTIONS.get(kind)
    if template:
        return template.format(site=catalog.site.name)
    if title:
        return f"{title}. {fallback}".strip()
    return fallback


# ---------------------------------------------------------------------------
# Preview pictures
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Card:
    """A designed preview picture: its name in the site, its words and colour."""

    name: str
    text: str
    colour: str
    alt: str


def cards(catalog: Catalog, site_title: str, site_sentence: str) -> dict[str, Card]:
    """The cards to draw: one per soort (key ``soort:<key>``) and one for the site (``site``)."""
    result = {"site": Card("site", site_sentence, SITE_CARD_COLOUR, f"{site_title}: {site_sentence}")}
    for i, kind in enumerate(catalog.site.kinds.values()):
        result[f"soort:{kind.key}"] = Card(f"soort-{kind.key}", kind.name, CARD_COLOURS[i % len(CARD_COLOURS)],
                                           f"{kind.name} – {site_title}")
    return result


def card_key(activity: Activity | None = None, soort: str | None = None) -> str:
    """Which card a page without a photo shows: its (first) soort's, else the site's."""
    if activity is not None and activity.kinds:
        return f"soort:{activity.kinds[0]}"
    if soort:
        return f"soort:{soort}"
    return "site"
