"""List pages: the home page with filters, 'Deze week', and one page per listing
(long lists on more pages: ``<list>pagina/2/``), plus the directory's index file.

Thin adapter: the lists come from ``listings.all_listings`` and what they show
from ``activity_directory.pages.directory``; templates ``home.html``,
``listing.html`` and ``week.html`` lay them out.
"""

from __future__ import annotations

import json

import languages
import templating
from markupsafe import Markup
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from activity_directory.pages import directory

from activity_directory.content.languages import SOURCE
from activity_directory.dates import livedates, wording
from activity_directory.pages.listings import all_listings

HOME = "index.md"
WEEK = "deze-week/index.md"


class _State:
    """Per build: which generated page shows which listing, and each card's HTML (reset in ``files``)."""

    pages: dict[str, tuple[str, object]] = {}  # src → ('week' | 'index' | 'listing', view or Listing)
    numbers: dict[str, int] = {}  # src → page number of a list page after the first
    cards: dict[str, str] = {}
    card_template = None


state = _State()


def _front_matter(template: str, title: str) -> str:
    lines = ["---", f"template: {template}", f"title: {json.dumps(title, ensure_ascii=False)}"]
    return "\n".join(lines) + "\n---\n"


def _add(files, config, src_uri: str, template: str, title: str, in_nav: bool = False) -> None:
    existing = files.get_file_from_path(src_uri)
    if existing is not None:
        files.remove(existing)
    file = File.generated(config, src_uri, content=_front_matter(template, title))
    if not in_nav:
        file.inclusion = InclusionLevel.NOT_IN_NAV  # thousands of list pages in the nav make builds quadratic
    files.append(file)


def files(catalog, files, config) -> None:
    state.pages, state.numbers, state.cards, state.card_template = {}, {}, {}, None
    _add(files, config, WEEK, "week.html", "Deze week", in_nav=True)
    state.pages[WEEK] = ("week", None)
    for url, view in directory.index_views(catalog).items():
        src = f"{url}index.md"
        _add(files, config, src, "listing.html", view["title"], in_nav=True)
        state.pages[src] = ("index", view)
    for listing in all_listings(catalog):
        if listing.kind == "home":
            continue
        src = f"{listing.url}index.md"
        _add(files, config, src, "listing.html", listing.title)
        state.pages[src] = ("listing", listing)
    for url, listing, number in directory.listing_pages(catalog):
        src = f"{url}index.md"
        _add(files, config, src, "listing.html", f"{listing.title}, pagina {number}")
        state.pages[src] = ("listing", listing)
        state.numbers[src] = number
    for lang in catalog.site.languages:  # the index's texts (times, ages, costs, days) in each language
        words = wording.for_language(lang.code)
        script, _ = directory.index_script(catalog, words)
        path = directory.index_path(words)
        existing = files.get_file_from_path(path)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, path, content=script))


# Where a card's link starts: each card is rendered once, this marker becomes the page's way to the root.
# (YAML cannot hold a NUL, so no content contains it.)
_ROOT = "\x00root\x00"


def _card_html(config, root: str, code: str):
    """``card_html(c)`` for a page: the card's HTML from partials/card.html, rendered once per build
    (a card is on many list pages; rendering it each time was a noticeable part of the build)."""
    if state.card_template is None:
        env = templating.with_messages(templating.prefer_keys_of_plain_dicts(config.theme.get_env()))
        state.card_template = env.get_template("partials/card.html")

    def card_html(card: dict) -> Markup:
        key = (code, card["slug"])
        html = state.cards.get(key)
        if html is None:
            html = state.cards[key] = state.card_template.render(c=card, root_prefix=_ROOT, page_language=code)
        return Markup(html.replace(_ROOT, root))

    return card_html


def page_markdown(catalog, markdown, page, config):
    uri = languages.source_uri(page)
    if uri == HOME:
        page.meta["template"] = "home.html"
    kind, item = state.pages.get(uri, (None, None))
    if kind in ("index", "week") and languages.code_of(page) != SOURCE:  # its title in the page's language
        words = languages.words_of(page)
        page.meta["title"] = (words._("Deze week") if kind == "week"
                              else directory.index_views(catalog, words)[languages.source_url(page)]["title"])
    if kind == "listing" and languages.code_of(page) != SOURCE:
        title = directory.listing_title(catalog, item, languages.words_of(page))
        number = state.numbers.get(uri)
        page.meta["title"] = title if number is None else languages.words_of(page)._(
            "%(lijst)s, pagina %(nummer)s") % {"lijst": title, "nummer": number}
    return markdown


def page_context(catalog, context, page, config) -> None:
    # Cards link with a prefix computed once per page (the `url` filter per card was a
    # noticeable part of the build with thousands of cards).
    # Pages link to the pages of their own language (root_prefix), files are at the site's root (files_root).
    code, words = languages.code_of(page), languages.words_of(page)
    base = get_relative_url(languages.url_in(code, "") or ".", page.url or ".")
    root = context["root_prefix"] = "" if base in (".", "./") else base.rstrip("/") + "/"
    files_base = get_relative_url(".", page.url)
    files_root = context["files_root"] = "" if files_base == "." else files_base + "/"
    # For partials/livedates.html: the words the script writes for the reader's today and tomorrow.
    context["livedates_words"] = catalog.cached(("livedates-words", code),
                                                lambda: livedates.relative_words(catalog.today, words))
    context["card_html"] = _card_html(config, root, code)
    uri = languages.source_uri(page)
    if uri == HOME:
        context["home"] = directory.home_view(catalog, root, words, files_root)
        return
    kind, item = state.pages.get(uri, (None, None))
    if kind == "week":
        context["week"] = directory.week_view(catalog, root_prefix=root, words=words, files_root=files_root)
    elif kind == "index":
        context["index"] = item if code == SOURCE else directory.index_views(catalog, words)[languages.source_url(page)]
    elif kind == "listing":
        context["listing"] = directory.listing_view(catalog, item, state.numbers.get(uri, 1), words)
