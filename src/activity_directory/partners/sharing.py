"""``/delen/``: "Op je eigen website of in je nieuwsbrief", for partners.

A KDV manager, a school's communications person or a wijkteam chooses an area
and an age group and gets, for that choice: the list for her own website
(with a live preview and the code to paste), the link, the flyer and the
calendar feed. Every address follows one pattern, which the page's script
(``overrides/assets/delen.js``) builds the same way as :func:`choice`:

    <area prefix><age prefix>   +   '' | 'embed/' | 'flyer/' | 'agenda.ics'

with area prefix '' (the whole municipality), ``stadsdelen/<key>/`` or
``wijken/<key>/`` and age prefix '' or ``leeftijd/<group>/``.
The whole municipality has no flyer (too much for one sheet).

A soort instead of an age group (:func:`kind_choice`): ``soorten/<soort>/`` for the whole
municipality, ``<area prefix>soorten/<soort>/`` where the area has that list, and where it has
not, the list that holds exactly the same activities (the area's, or the soort's), or nothing
when the soort has no activity there. A soort has no flyer of its own.
"""

from __future__ import annotations

import json

from urllib.parse import urlsplit

from . import embeds, flyers, whatsnew
from ..content.languages import localized_path
from ..dates import wording
from ..dates.wording import Wording
from ..publish.feeds import FEED_NAME, absolute, special_feeds
from ..pages.directory import listing_title
from ..pages.listings import AGE_GROUPS, Listing, all_listings
from ..content.loading import Catalog

PAGE_URL = "delen/"
PAGE_TITLE = "Op je eigen website of in je nieuwsbrief"
FRAME_HEIGHT = 600  # px: about four activities on a phone, six on a computer; the list scrolls inside
RESIZE_MESSAGE = "activiteiten-hoogte"  # the type of the message an embed sends with its height (embed.js)


def iframe_snippet(src: str, title: str, height: int = FRAME_HEIGHT) -> str:
    """The code a partner pastes into her website (text: the page shows it, never runs it)."""
    return (f'<iframe src="{_attr(src)}" title="{_attr(title)}" height="{height}" loading="lazy" '
            f'style="width: 100%; border: 0;"></iframe>')


def resize_snippet(site_url: str) -> str:
    """Optional code for the partner's page: the list gets exactly the height it needs.

    It only listens to messages from this site's own lists (their origin and
    their frame), and only changes their height.
    """
    parts = urlsplit(absolute(site_url, ""))
    origin = f"{parts.scheme}://{parts.netloc}"
    return ("<script>\n"
            "window.addEventListener(\"message\", function (event) {\n"
            f"  if (event.origin !== \"{origin}\" || !event.data || event.data.type !== \"{RESIZE_MESSAGE}\") return;\n"
            "  document.querySelectorAll(\"iframe\").forEach(function (frame) {\n"
            "    if (frame.contentWindow === event.source) frame.style.height = event.data.height + \"px\";\n"
            "  });\n"
            "});\n"
            "</script>")


def _attr(value: str) -> str:
    return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")


def _areas(catalog: Catalog, words: Wording = wording.DUTCH) -> list[dict]:
    site = catalog.site
    label = words._("Heel %(gemeente)s") % {"gemeente": site.name}
    result = [{"key": site.areas.root.key, "name": site.name, "label": label, "level": "gemeente",
               "prefix": "", "flyer": False}]
    for district in site.areas.districts:
        result.append({"key": district.key, "name": district.name, "label": district.name, "level": "stadsdeel",
                       "prefix": f"stadsdelen/{district.key}/", "flyer": True})
        for wijk in site.areas.children(district.key):
            result.append({"key": wijk.key, "name": wijk.name, "label": wijk.name, "level": "wijk",
                           "prefix": f"wijken/{wijk.key}/", "flyer": True})
    return result


def _groups(words: Wording = wording.DUTCH) -> list[dict]:
    result = [{"key": "", "name": words._("Alle leeftijden"), "phrase": "", "prefix": ""}]
    for g in AGE_GROUPS:
        name = words._(g.name)
        result.append({"key": g.key, "name": name, "phrase": name[:1].lower() + name[1:], "prefix": f"leeftijd/{g.key}/"})
    return result


def kind_choice(catalog: Catalog, area: dict, kind_key: str) -> Listing | None:
    """The list that holds the activities of soort ``kind_key`` in ``area`` (one of :func:`_areas`):
    its own list, or the area's or the soort's list where that holds exactly the same activities;
    None when the soort has no activity there."""
    return _kind_lists(catalog).get((area["prefix"], kind_key))


def _kind_lists(catalog: Catalog) -> dict[tuple[str, str], Listing]:
    """(area prefix, soort) → its list (see :func:`kind_choice`), once per catalog."""
    def compute() -> dict[tuple[str, str], Listing]:
        listings = {listing.url: listing for listing in all_listings(catalog)}
        result: dict[tuple[str, str], Listing] = {}
        for kind_key in catalog.site.kinds:
            result[("", kind_key)] = listings[f"soorten/{kind_key}/"]
        for listing in listings.values():
            if listing.kind not in ("stadsdeel", "wijk"):
                continue
            held: dict[str, int] = {}
            for activity in listing.activities:
                for kind_key in dict.fromkeys(activity.kinds):
                    held[kind_key] = held.get(kind_key, 0) + 1
            for kind_key, count in held.items():
                if f"soorten/{kind_key}/" not in listings:
                    continue
                own = listings.get(f"{listing.url}soorten/{kind_key}/")
                result[(listing.url, kind_key)] = (own if own is not None
                                                   else listing if count == len(listing.activities)
                                                   else listings[f"soorten/{kind_key}/"])  # holds all of the soort's
        return result

    return catalog.cached(("share-kind-lists",), compute)


def _kinds(catalog: Catalog, areas: list[dict], words: Wording = wording.DUTCH) -> list[dict]:
    """The soort choices. For the script, per soort the keys of the areas where it has its own list
    (``own``), where the area's list holds exactly the same (``same``) and where the soort's list does
    (``whole``); in any other area the soort has no activity."""
    result = [{"key": "", "name": words._("Alle soorten"), "prefix": "", "own": "", "same": "", "whole": ""}]
    for kind in catalog.site.kinds.values():
        found: dict[str, list[str]] = {"own": [], "same": [], "whole": []}
        for area in areas[1:]:
            listing = kind_choice(catalog, area, kind.key)
            if listing is None:
                continue
            where = "own" if listing.kind.endswith("-soort") else "same" if listing.url == area["prefix"] else "whole"
            found[where].append(area["key"])
        result.append({"key": kind.key, "name": kind.name_in(words.language.code), "prefix": f"soorten/{kind.key}/",
                       **{where: " ".join(keys) for where, keys in found.items()}})
    return result


def kind_row(catalog: Catalog, site_url: str, kind_key: str, words: Wording = wording.DUTCH) -> dict:
    """A soort's list for the whole municipality, with its addresses (the table without JavaScript)."""
    code = words.language.code
    listing = _kind_lists(catalog)[("", kind_key)]
    return {"label": listing_title(catalog, listing, words), "page": localized_path(code, listing.url),
            "embed": localized_path(code, f"{listing.url}{embeds.EMBED}"), "feed": listing.feed_url,
            "feed_state": special_feeds(catalog, site_url).get(listing.feed_url, "abonnement")}


def choice_title(area: dict, group: dict, words: Wording = wording.DUTCH) -> str:
    """'Activiteiten in Olympiakwartier voor peuters (2–3 jaar)' (delen.js says it the same way)."""
    if group["key"]:
        return words._("Activiteiten in %(gebied)s voor %(groep)s") % {"gebied": area["name"], "groep": group["phrase"]}
    return words._("Activiteiten in %(gebied)s") % {"gebied": area["name"]}


def choice(catalog: Catalog, site_url: str, area: dict, group: dict, words: Wording = wording.DUTCH) -> dict:
    """Every address for one choice of area and age group (site-relative and in full): the pages
    (list, embed, flyer) in the reader's language, the feed the same file in every language.
    ``feed_state``: 'abonnement', 'leeg' or 'gegevens' (too large for calendar apps: never
    offered as a subscription; its link is marked ``data-agenda="gegevens"``)."""
    code = words.language.code
    base = area["prefix"] + group["prefix"]
    page = localized_path(code, base)  # every area × age group has a list page (wijken/<key>/leeftijd/<group>/ too)
    title = choice_title(area, group, words)
    embed = localized_path(code, f"{base}{embeds.EMBED}")
    return {
        "title": title,
        "page": page,
        "page_full": absolute(site_url, page),
        "embed": embed,
        "embed_full": absolute(site_url, embed),
        "flyer": localized_path(code, f"{base}{flyers.FLYER}") if area["flyer"] else None,
        "feed": f"{base}{FEED_NAME}",
        "feed_full": absolute(site_url, f"{base}{FEED_NAME}"),
        "feed_state": special_feeds(catalog, site_url).get(f"{base}{FEED_NAME}", "abonnement"),
        "snippet": iframe_snippet(absolute(site_url, embed), title),
    }


def share_view(catalog: Catalog, site_url: str, words: Wording = wording.DUTCH) -> dict:
    """What ``/delen/`` shows, in the reader's language: the chooser, the first choice worked out,
    and every area's links."""
    areas, groups = _areas(catalog, words), _groups(words)
    everyone = groups[0]
    kinds = _kinds(catalog, areas, words)
    return {
        "site_url": absolute(site_url, ""),
        "site_name": catalog.site.name,
        "areas": areas,
        "groups": groups,
        "kinds": kinds,
        "kind_rows": [kind_row(catalog, site_url, k["key"], words) for k in kinds[1:]],
        "first": choice(catalog, site_url, areas[0], everyone, words),
        "all": [{**area, **choice(catalog, site_url, area, everyone, words)} for area in areas],
        "height": FRAME_HEIGHT,
        "resize_snippet": resize_snippet(site_url),
        "whatsnew": whatsnew.FEED_PATH,
        "snippet_template": iframe_snippet("{src}", "{title}"),
        "feed_states_json": json.dumps(special_feeds(catalog, site_url), separators=(",", ":")),
    }
