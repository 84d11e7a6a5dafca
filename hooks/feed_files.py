"""Calendar feeds, open data and the subscribe page (thin: the domain does the work).

* ``files``: adds the generated page ``/agenda/`` ("Activiteiten in je eigen agenda");
* ``page_context``: subscribe links for the agenda page and every activity page;
* ``files``: also adds the open-data files (JSON, CSV, schema, school holidays);
* ``post_build``: writes every ``agenda.ics``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.structure.files import File

from activity_directory import feeds, opendata
from activity_directory.occurrences import reference_datetime
from activity_directory.presentation import activity_url

log = logging.getLogger("mkdocs.hooks.feed_files")
AGENDA_PAGE = "agenda/index.md"
AGENDA_TITLE = "Activiteiten in je eigen agenda"


def _site_url(config) -> str:
    return config.get("site_url") or "http://localhost:8000/"


def files(catalog, files, config) -> None:
    if files.get_file_from_path(AGENDA_PAGE) is None:
        source = f"---\ntemplate: agenda.html\ntitle: {AGENDA_TITLE}\n---\n"
        files.append(File.generated(config, AGENDA_PAGE, content=source))
    # Open data are files of the site (so pages may link to them); feeds are written in post_build.
    for name, data in opendata.files(catalog, _site_url(config)).items():
        if files.get_file_from_path(name) is None:
            files.append(File.generated(config, name, content=data))


def page_context(catalog, context, page, config) -> None:
    site_url = _site_url(config)
    if page.file.src_uri == AGENDA_PAGE:
        context["agenda"] = feeds.subscribe_view(catalog, site_url)
        context["agenda"]["open_data"] = (Path(config.docs_dir) / "open-data.md").is_file()
    activity = context.get("activity")
    if isinstance(activity, dict) and activity.get("slug") in catalog.by_slug:
        a = catalog.by_slug[activity["slug"]]
        activity["feed"] = feeds.subscribe_links(site_url, feeds.feed_path(activity_url(a.slug)), a.title)


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def post_build(catalog, config) -> None:
    site_dir = Path(config.site_dir)
    site_url = _site_url(config)
    writer = feeds.FeedWriter(catalog, site_url, reference_datetime())
    count = 0
    for feed in feeds.all_feeds(catalog):
        _write(site_dir / feed.path, writer.render(feed))
        count += 1
    log.info("%d agenda-feeds geschreven", count)
