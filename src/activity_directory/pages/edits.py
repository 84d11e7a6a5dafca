"""What an edit changes: the domain side of the fast preview (``mkdocs serve``).

When an editor saves one activity file, the preview reloads only that file
(:func:`reload`) and re-renders only the pages and feeds that show the
activity before or after the edit (:func:`changed_listings`,
:func:`referencing`). Everything else an edit can touch (the data files, the
templates, a new or removed activity, a problem that appears or goes away)
makes the preview build the whole site again; the MkDocs adapter
(``hooks/serve_loop.py``) decides that.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from .listings import all_listings
from ..content.loading import Catalog, load_activity
from ..content.problems import Problem
from ..content.sitedata import shown_path


def reload(catalog: Catalog, problems: list[Problem], paths: list[Path],
           project_dir: Path | None = None) -> tuple[Catalog, list[Problem]]:
    """``catalog`` with the activity files at ``paths`` read again (same files, new contents).

    Problems of the other files are kept; those of these files are replaced.
    Values the old catalog computed for unchanged activities are kept too
    (:meth:`Catalog.keep_cached`). Checks across files (old names under
    ``aliases``) are not made again: the caller builds everything when those
    change.
    """
    shown = {path: shown_path(path, project_dir) for path in paths}
    kept = [p for p in problems if p.path not in shown.values()]
    by_slug = dict(catalog.by_slug)
    for path in paths:
        activity, found = load_activity(path, catalog.site, catalog.calendar, shown[path])
        kept.extend(found)
        by_slug.pop(path.stem, None)
        if activity is not None:
            by_slug[activity.slug] = activity
    activities = sorted(by_slug.values(), key=lambda a: a.slug)
    fresh = Catalog(catalog.site, activities, catalog.calendar, catalog.today, catalog.translations)
    fresh.keep_cached(catalog)
    return fresh, sorted(kept)


def changed_listings(old: Catalog, new: Catalog, slugs: set[str]) -> set[str]:
    """URLs of the lists (pages and feeds) that hold one of ``slugs`` before or after the edit."""
    urls = set()
    for catalog in (old, new):
        for listing in all_listings(catalog):
            if any(a.slug in slugs for a in listing.activities):
                urls.add(listing.url)
    return urls


def referencing(catalog: Catalog, slugs: set[str]) -> set[str]:
    """Other activities whose data name one of ``slugs`` (say, as their alternative): their pages
    show its title, so they change with it.

    Looks for the slug as a quoted string anywhere in the activity's data (its
    dataclass ``repr``, kept per activity): cheap, and a rare false match only
    renders a page more.
    """
    quoted = [repr(slug) for slug in slugs]
    found = set()
    for activity in catalog.activities:
        if activity.slug in slugs:
            continue
        text = catalog.cached(("repr", activity.slug), lambda a=activity: repr(dataclasses.replace(a, body="", source="")))
        if any(q in text for q in quoted):
            found.add(activity.slug)
    return found
