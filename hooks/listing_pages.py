"""List pages: the home page with filters, 'Deze week', and one page per listing.

Thin adapter: the lists come from ``listings.all_listings`` and what they show
from ``activity_directory.directory``; templates ``home.html``,
``listing.html`` and ``week.html`` lay them out.
"""

from __future__ import annotations

import json

from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_relative_url

from activity_directory import directory
from activity_directory.listings import all_listings

HOME = "index.md"
WEEK = "deze-week/index.md"


class _State:
    """Per build: which generated page shows which listing (reset in ``files``)."""

    pages: dict[str, tuple[str, object]] = {}


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
    state.pages = {}
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


def page_markdown(catalog, markdown, page, config):
    if page.file.src_uri == HOME:
        page.meta["template"] = "home.html"
    return markdown


def page_context(catalog, context, page, config) -> None:
    # Cards link with a prefix computed once per page (the `url` filter per card was a
    # noticeable part of the build with thousands of cards).
    base = get_relative_url(".", page.url)
    context["root_prefix"] = "" if base == "." else base + "/"
    uri = page.file.src_uri
    if uri == HOME:
        context["home"] = directory.home_view(catalog)
        return
    kind, item = state.pages.get(uri, (None, None))
    if kind == "week":
        context["week"] = directory.week_view(catalog)
    elif kind == "index":
        context["index"] = item
    elif kind == "listing":
        context["listing"] = directory.listing_view(catalog, item)
