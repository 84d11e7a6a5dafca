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
from ..dates.wording import Wording
from ..content.translations import N_
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


def rhythm(activity: Activity, words: Wording = wording.DUTCH) -> str:
    """When, in words that stay true: 'elke maandag 09:30–10:15 en elke zaterdag 10:00–10:45'."""
    slots = activity.slots
    _ = words._
    if len(slots) == 1:
        return _lower_first(words.slot(activity, slots[0]))
    if len(slots) == 2:
        return _("%(eerste)s en %(tweede)s") % {"eerste": _lower_first(words.slot(activity, slots[0])),
                                                 "tweede": _lower_first(words.slot(activity, slots[1]))}
    weekly = sorted({d for s in slots if s.date is None for d in s.weekdays})
    if weekly:
        days = words.join([words.pgettext("elke", WEEKDAYS[d]) for d in weekly])
        return _("elke %(dagen)s, op vaste tijden") % {"dagen": days}
    return words.ngettext("%(aantal)s keer, op vaste datums", "%(aantal)s keer, op vaste datums", len(slots)) % {
        "aantal": words.integer(len(slots))}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def where(catalog: Catalog, activity: Activity, words: Wording = wording.DUTCH) -> str:
    areas = catalog.site.areas
    _ = words._
    parts = []
    for location in activity.locations:
        area = areas.areas[location.area]
        if area.level == "gemeente":
            text = _("%(plek)s, overal in %(gemeente)s") % {"plek": location.name, "gemeente": area.name}
        else:
            text = f"{location.name}, {area.name}"
        if text not in parts:
            parts.append(text)
    if len(parts) > 2:
        return words.ngettext("%(plek)s en %(aantal)s andere plek", "%(plek)s en %(aantal)s andere plekken",
                              len(parts) - 1) % {"plek": parts[0], "aantal": words.integer(len(parts) - 1)}
    if len(parts) == 2:
        return _("%(eerste)s en %(tweede)s") % {"eerste": parts[0], "tweede": parts[1]}
    return parts[0] if parts else ""


def for_whom(activity: Activity, words: Wording = wording.DUTCH) -> str:
    text = words.age(activity)
    return words._("%(leeftijd)s, met je ouder of verzorger") % {"leeftijd": text} if activity.with_parent else text


def cost_and_signup(activity: Activity, words: Wording = wording.DUTCH) -> str:
    cost = words.cost(activity.cost)
    if activity.signup.walk_in:
        return words._("%(kosten)s, je hoeft je niet aan te melden") % {"kosten": cost}
    return words._("%(kosten)s, aanmelden nodig") % {"kosten": cost}


def status_text(catalog: Catalog, activity: Activity, words: Wording = wording.DUTCH) -> str | None:
    """For an activity that does not run: what a preview says first."""
    _ = words._
    alternative = catalog.by_slug.get(activity.alternative) if activity.alternative else None
    tip = " " + _("Kijk ook bij %(activiteit)s.") % {"activiteit": catalog.title_in(alternative, words.language.code)[0]} if alternative else ""
    if activity.status == "gepauzeerd":
        return _("Tijdelijk gestopt.") + tip
    if activity.status == "gestopt":
        return _("Gestopt.") + tip
    if has_ended(activity, catalog.today):
        return _("Afgelopen.")
    return None


def _activity_description(catalog: Catalog, activity: Activity, words: Wording = wording.DUTCH) -> str:
    stopped = status_text(catalog, activity, words)
    if stopped:
        return f"{stopped} {where(catalog, activity, words)}{SEPARATOR}{for_whom(activity, words)}."
    return SEPARATOR.join([_capital(rhythm(activity, words)), where(catalog, activity, words), for_whom(activity, words),
                           cost_and_signup(activity, words)]) + "."


def activity_descriptions(catalog: Catalog, words: Wording = wording.DUTCH) -> dict[str, str]:
    """Every activity's meta description, once per build; never two the same.

    Two activities on the same days, at the same place, for the same ages and
    cost would read the same: those get their title in front (and, should the
    titles be equal too, their file name at the end).
    """
    def compute() -> dict[str, str]:
        plain = {a.slug: _activity_description(catalog, a, words) for a in catalog.activities}
        seen: dict[str, int] = {}
        for text in plain.values():
            seen[text] = seen.get(text, 0) + 1
        result = {}
        for activity in catalog.activities:
            text = plain[activity.slug]
            if seen[text] > 1:
                text = f"{catalog.title_in(activity, words.language.code)[0]}: {text}"
            result[activity.slug] = text
        counts: dict[str, int] = {}
        for text in result.values():
            counts[text] = counts.get(text, 0) + 1
        return {slug: (f"{text} ({slug})" if counts[text] > 1 else text) for slug, text in result.items()}

    return catalog.cached(("meta-descriptions", words.language.code), compute)


def activity_description(catalog: Catalog, activity: Activity, words: Wording = wording.DUTCH) -> str:
    return activity_descriptions(catalog, words)[activity.slug]


def share_text(catalog: Catalog, activity: Activity, words: Wording = wording.DUTCH) -> str:
    """The words before the link in a shared message (the script may replace the rhythm by the next date)."""
    stopped = status_text(catalog, activity, words)
    title = catalog.title_in(activity, words.language.code)[0]
    if stopped:
        return f"{title} ({stopped.split('.')[0].lower()})"
    return f"{title}, {rhythm(activity, words)}"


def whatsapp_url(text: str, page_address: str) -> str:
    """A plain link that opens WhatsApp with the message filled in (text, then the address)."""
    return WHATSAPP + "?text=" + quote(f"{text}\n{page_address}", safe="")


def share_view(catalog: Catalog, activity: Activity, page_address: str, words: Wording = wording.DUTCH) -> dict:
    text = share_text(catalog, activity, words)
    return {
        "title": catalog.title_in(activity, words.language.code)[0],
        "text": text,
        "url": page_address,
        "whatsapp": whatsapp_url(text, page_address),
    }


# ---------------------------------------------------------------------------
# Other pages
# ---------------------------------------------------------------------------


def _kinds_text(catalog: Catalog, activities: list[Activity], limit: int = 3, code: str = "nl") -> str:
    """The most common soorten, as 'Spelen · Ontmoeten · Sport en bewegen' (their names may hold 'en')."""
    counts: dict[str, int] = {}
    for activity in activities:
        for kind in activity.kinds:
            counts[kind] = counts.get(kind, 0) + 1
    top = sorted(counts, key=lambda k: (-counts[k], k))[:limit]
    return SEPARATOR.join(catalog.site.kinds[k].name_in(code) for k in top)


def listing_description(catalog: Catalog, listing: Listing, words: Wording = wording.DUTCH) -> str:
    """A list page: how many activities, of which kinds, how many free."""
    site = catalog.site
    _, code = words._, words.language.code
    current = [a for a in listing.activities if is_current(catalog, a)]
    free = sum(1 for a in current if a.cost.free)
    n = len(current)
    values = {"aantal": words.integer(n), "gemeente": site.name, "lijst": listing.title}
    if listing.kind == "home":
        one, many, none = (N_("%(aantal)s activiteit in %(gemeente)s voor kinderen, ouders en buurtbewoners."),
                           N_("%(aantal)s activiteiten in %(gemeente)s voor kinderen, ouders en buurtbewoners."),
                           N_("Nu geen activiteiten in %(gemeente)s voor kinderen, ouders en buurtbewoners."))
    elif listing.kind in ("stadsdeel", "wijk"):
        district = site.areas.district_of(listing.key) if listing.kind == "wijk" else None
        if district:
            values["stadsdeel"] = district.name
            one, many, none = (N_("%(aantal)s activiteit in %(lijst)s (%(stadsdeel)s)."),
                               N_("%(aantal)s activiteiten in %(lijst)s (%(stadsdeel)s)."),
                               N_("Nu geen activiteiten in %(lijst)s (%(stadsdeel)s)."))
        else:
            one, many, none = (N_("%(aantal)s activiteit in %(lijst)s."), N_("%(aantal)s activiteiten in %(lijst)s."),
                               N_("Nu geen activiteiten in %(lijst)s."))
    elif listing.kind in ("leeftijd", "stadsdeel-leeftijd", "wijk-leeftijd"):
        group_key = listing.key.split("/")[-1]
        group = next(g for g in AGE_GROUPS if g.key == group_key)
        values["groep"] = _lower_first(_(group.name))
        if listing.kind in ("stadsdeel-leeftijd", "wijk-leeftijd"):
            values["gemeente"] = site.areas.areas[listing.key.split("/")[0]].name
        one, many, none = (N_("%(aantal)s activiteit voor %(groep)s in %(gemeente)s."),
                           N_("%(aantal)s activiteiten voor %(groep)s in %(gemeente)s."),
                           N_("Nu geen activiteiten voor %(groep)s in %(gemeente)s."))
    elif listing.kind in ("stadsdeel-soort", "wijk-soort"):
        area_key, kind_key = listing.key.split("/")
        values["gemeente"] = site.areas.areas[area_key].name
        values["lijst"] = site.kinds[kind_key].name_in(code).lower()
        one, many, none = (N_("%(aantal)s activiteit in %(gemeente)s: %(lijst)s."),
                           N_("%(aantal)s activiteiten in %(gemeente)s: %(lijst)s."),
                           N_("Nu geen activiteiten in %(gemeente)s: %(lijst)s."))
    elif listing.kind == "organisatie":
        one, many, none = (N_("%(aantal)s activiteit van %(lijst)s in %(gemeente)s."),
                           N_("%(aantal)s activiteiten van %(lijst)s in %(gemeente)s."),
                           N_("Nu geen activiteiten van %(lijst)s in %(gemeente)s."))
    else:  # a soort (or another list): its name after a colon
        values["lijst"] = (site.kinds[listing.key].name_in(code) if listing.kind == "soort" else listing.title)
        if listing.kind == "soort":
            values["lijst"] = values["lijst"].lower()
        one, many, none = (N_("%(aantal)s activiteit in %(gemeente)s: %(lijst)s."),
                           N_("%(aantal)s activiteiten in %(gemeente)s: %(lijst)s."),
                           N_("Nu geen activiteiten in %(gemeente)s: %(lijst)s."))
    if not current:
        return _(none) % values + " " + _("Kijk ook in de rest van %(gemeente)s.") % {"gemeente": site.name}
    text = words.ngettext(one, many, n) % values
    kinds = _kinds_text(catalog, current, code=code) if listing.kind not in ("soort", "stadsdeel-soort", "wijk-soort") else ""
    if kinds:
        text += f" {kinds}."
    if free == n:
        text += " " + (_("Allemaal gratis.") if n > 1 else _("Gratis."))
    elif free:
        text += " " + words.ngettext("%(aantal)s is gratis.", "%(aantal)s zijn gratis.", free) % {"aantal": words.integer(free)}
    return text + " " + _("Met dagen, tijden en plek.")


PAGE_DESCRIPTIONS = {
    # page kind -> description (%(site)s is the municipality's name)
    "week": N_("Wat is er de komende 7 dagen in %(site)s? Alle activiteiten per dag, met tijd, plek en leeftijd."),
    "agenda": N_("Zet de activiteiten in %(site)s in je eigen agenda: kies je wijk en de leeftijd van je kind, "
                 "dan komen nieuwe datums en wijzigingen vanzelf in je telefoon."),
    "open-data": N_("Alle activiteiten in %(site)s als open data: JSON, CSV en agenda's, vrij te gebruiken."),
    "redactie": N_("Voor redacteuren: zo zet je een activiteit in %(site)s op de site en houd je hem goed."),
    "stadsdelen": N_("De stadsdelen en wijken van %(site)s, elk met de activiteiten die er zijn."),
    "leeftijd": N_("Activiteiten in %(site)s per leeftijd: voor baby's, peuters, kleuters, kinderen, tieners, "
                   "volwassenen en senioren."),
    "soorten": N_("Activiteiten in %(site)s per soort: sport, spelen, muziek, lezen, natuur en meer."),
    "organisaties": N_("De organisaties achter de activiteiten in %(site)s, elk met hun activiteiten."),
}


def page_description(catalog: Catalog, kind: str, title: str | None = None, fallback: str = "",
                     words: Wording = wording.DUTCH) -> str:
    """A page that is not an activity or a list: its own sentence (or its title with the site's sentence)."""
    template = PAGE_DESCRIPTIONS.get(kind)
    if template:
        return words._(template) % {"site": catalog.site.name}
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
