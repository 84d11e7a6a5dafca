"""Link previews: each page's meta description and Open Graph tags (thin: the words come from
``activity_directory.pages.previews``, the cards are drawn by ``activity_directory.publish.images``).

* ``files``: draws the preview cards (one per soort and one for the site; cached)
  and adds them to the site;
* ``page_context``: the page's own meta description (``page.meta.description``,
  which the theme prints) and ``preview`` for the tags in ``overrides/main.html``.
"""

from __future__ import annotations

import html

import activity_pages
import feed_files
import languages
import listing_pages
from activity_directory.editors import formatdocs
from activity_directory.publish import opendatadocs
from activity_directory.pages import directory, previews
from activity_directory.pages.listings import all_listings
from activity_directory.pages.presentation import absolute


class _State:
    cards: dict = {}  # key -> (previews.Card, images.Variant)


state = _State()

INDEX_KINDS = {"stadsdelen/index.md": "stadsdelen", "leeftijd/index.md": "leeftijd",
               "soorten/index.md": "soorten", "organisaties/index.md": "organisaties"}


def files(catalog, files, config) -> None:
    cache = activity_pages.image_cache(config)
    state.cards = {}
    for key, card in previews.cards(catalog, config.site_name, config.site_description or config.site_name).items():
        variant = cache.card(card.name, config.site_name, card.text, card.colour)
        state.cards[key] = (card, variant)
        activity_pages.publish(files, config, variant)


def _image(site_url: str, variant, alt: str) -> dict:
    return {"url": absolute(site_url, variant.path), "width": variant.width, "height": variant.height,
            "type": variant.mime, "alt": alt}


def page_context(catalog, context, page, config) -> None:
    site_url = activity_pages.site_url(config)
    uri = languages.source_uri(page)
    title = html.unescape(page.title) if isinstance(page.title, str) else config.site_name  # escaped by hardening
    card_key = "site"
    words = languages.words_of(page)
    activity = activity_pages.activity_of(catalog, page)
    if activity is not None:
        description = previews.activity_description(catalog, activity, words)
        card_key = previews.card_key(activity)
    elif uri == listing_pages.HOME:
        description = previews.listing_description(catalog, _listing(catalog, ""), words)
        title = config.site_name if words.language.source else directory.listing_title(catalog, _listing(catalog, ""), words)
    else:
        kind, item = listing_pages.state.pages.get(uri, (None, None))
        if kind == "listing":
            description = previews.listing_description(catalog, item, words)
            if item.kind == "soort":
                card_key = previews.card_key(soort=item.key)
        elif kind == "week":
            description = previews.page_description(catalog, "week", words=words)
        elif uri in INDEX_KINDS:
            description = previews.page_description(catalog, INDEX_KINDS[uri], words=words)
        elif uri == feed_files.AGENDA_PAGE:
            description = previews.page_description(catalog, "agenda", words=words)
        elif uri == opendatadocs.PAGE_PATH:
            description = previews.page_description(catalog, "open-data")
        elif uri == formatdocs.GUIDE_PATH:
            description = previews.page_description(catalog, "redactie")
        else:
            description = previews.page_description(catalog, "", title, config.site_description or "")
    own = page.meta.get("description")
    if isinstance(own, str) and own.strip():  # an editor's own description wins
        description = own
    page.meta["description"] = html.escape(description)  # the theme prints it as it is
    image = None
    photo = activity_pages.state.photos.get(activity.slug) if activity is not None else None
    if photo is not None and photo.card is not None:
        image = _image(site_url, photo.card, photo.alt)
    elif card_key in state.cards or "site" in state.cards:
        card, variant = state.cards.get(card_key) or state.cards["site"]
        image = _image(site_url, variant, card.alt)
    context["preview"] = {
        "title": title,
        "description": description,
        "url": page.canonical_url or absolute(site_url, page.url),
        "type": "article" if activity is not None else "website",
        "image": image,
    }


def _listing(catalog, url):
    return next(item for item in all_listings(catalog) if item.url == url)
