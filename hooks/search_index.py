"""Search (thin: ``activity_directory.searchindex`` builds the index).

* ``files``: adds the page ``/zoeken/``;
* ``outputs``: starts a side job (:mod:`background`) that writes the index files
  under ``zoekindex/`` while MkDocs renders pages;
* ``update``: the fast preview (``serve_loop``) changed activities: the index is
  written again;
* ``page_context``: what ``/zoeken/`` offers besides the box (the list pages);
* ``post_build``: waits for the side job; a failure fails the build.

The box itself is in every page's header (``overrides/partials/search.html``);
``content/assets/search.js`` reads the index.
"""

from __future__ import annotations

import logging
from pathlib import Path

import background
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from activity_directory import searchindex

log = logging.getLogger("mkdocs.hooks.search_index")
PAGE = searchindex.SEARCH_PAGE + "index.md"
TITLE = "Zoeken"


class _State:
    parallel = False


state = _State()
job = background.SideJob()


def startup(command: str) -> None:
    state.parallel = background.parallel_for(command)


def files(catalog, files, config) -> None:
    if files.get_file_from_path(PAGE) is None:
        page = File.generated(config, PAGE, content=f"---\ntemplate: zoeken.html\ntitle: {TITLE}\n---\n")
        page.inclusion = InclusionLevel.NOT_IN_NAV
        files.append(page)


def outputs(catalog, config) -> None:
    """Start the side job that writes the index."""
    site_dir = Path(config.site_dir)
    job.start(lambda: write_index(catalog, site_dir), parallel=state.parallel)


def update(old, new, slugs: set[str], config) -> None:
    """The preview changed ``slugs``: the index is written again (one pass, no pages)."""
    log.info(write_index(new, Path(config.site_dir)))


def write_index(catalog, site_dir: Path) -> str:
    index = searchindex.build_index(catalog)
    for name, data in index.files.items():
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return f"zoekindex: {index.documents} activiteiten, {index.words} woorden, {len(index.files)} bestanden"


def page_context(catalog, context, page, config) -> None:
    if page.file.src_uri == PAGE:
        context["search_page"] = searchindex.search_page_view(catalog)


def post_build(catalog, config) -> None:
    report, error = job.join()
    if error:
        raise PluginError(f"De zoekindex kon niet worden geschreven: {error}. Meld dit aan het webteam.")
    log.info(report)


def build_error() -> None:
    job.cancel()
