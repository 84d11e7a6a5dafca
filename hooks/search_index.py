"""Search (thin: ``activity_directory.publish.searchindex`` builds the index).

* ``files``: adds the page ``/zoeken/``;
* ``outputs``: starts a side job (:mod:`background`) that writes the index files
  under ``zoekindex/`` (another language's under ``zoekindex/<code>/``) while MkDocs renders pages;
* ``update``: the fast preview (``serve_loop``) changed activities: the index is
  written again in a thread, after the pages;
* ``page_markdown``: the page's title in its language;
* ``page_context``: what ``/zoeken/`` offers besides the box (the list pages);
* ``post_build``: waits for the side job; a failure fails the build.

The box itself is in every page's header (``overrides/partials/search.html``);
``overrides/assets/search.js`` reads the index.
"""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import background
import engine
import languages
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from activity_directory.content.languages import SOURCE
from activity_directory.content.translations import N_
from activity_directory.publish import searchindex

log = engine.logger("search_index")
PAGE = searchindex.SEARCH_PAGE + "index.md"
TITLE = N_("Zoeken")
RELOAD_FIRST = 0.4  # seconds: the server tells the browser to reload and serves the page first


class _State:
    parallel = False
    lock = threading.Lock()  # one writer of zoekindex/ at a time (the preview writes it in a thread)
    generation = 0  # bumped by every build and every preview step: an older pending write is skipped
    pending: threading.Thread | None = None  # the preview step's write, started by ``updated``


state = _State()
job = background.SideJob(what="de zoekindex")


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
    state.generation += 1

    def write() -> str:
        with state.lock:  # a preview step's write still running finishes first
            return write_index(catalog, site_dir)

    job.start(write, parallel=state.parallel)


def update(old, new, slugs: set[str], config) -> None:
    """The preview changed ``slugs``: the index is written again, in a thread that starts once the
    pages are written (``updated``) and lets the browser reload first; the index follows (it takes
    about half as long as the pages at 1,000 activities, and computing it while they render made the
    preview slower). A newer step or build supersedes a write that has not started; only files that
    changed are written."""
    state.generation += 1
    generation, site_dir = state.generation, Path(config.site_dir)

    def write() -> None:
        time.sleep(RELOAD_FIRST)
        with state.lock:
            if generation != state.generation:
                return
            try:
                log.info(f"{UPDATED}: {write_index(new, site_dir, only_changed=True)}")
            except Exception as error:  # noqa: BLE001 - the preview goes on; the next full build writes it
                log.warning(f"De zoekindex kon niet worden bijgewerkt ({error}); de volgende volledige build "
                            "schrijft hem opnieuw.")

    state.pending = threading.Thread(target=write, name="zoekindex", daemon=True)


def updated(config) -> None:
    pending, state.pending = state.pending, None
    if pending is not None:
        pending.start()


UPDATED = "Zoekindex bijgewerkt na de snelle preview"


def write_index(catalog, site_dir: Path, only_changed: bool = False) -> str:
    """Every language's index: Dutch in ``zoekindex/``, another language in ``zoekindex/<code>/``."""
    indexes = searchindex.build_indexes(catalog)
    written = 0
    for index in indexes:
        for name, data in index.files.items():
            path = site_dir / name
            if only_changed and path.is_file() and path.read_bytes() == data:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            written += 1
    if only_changed:  # the preview: earlier versions go (a page that still names one reads meta.json again)
        keep = {index.code: index.version for index in indexes}
        for index in indexes:
            top = site_dir / searchindex.INDEX_DIR / ("" if index.code == SOURCE else index.code)
            for folder in top.iterdir():
                if folder.is_dir() and folder.name != index.version and folder.name not in keep:
                    shutil.rmtree(folder, ignore_errors=True)
    dutch = indexes[0]
    changed = f", {written} geschreven" if only_changed else ""
    files = sum(len(index.files) for index in indexes)
    languages_ = f" in {len(indexes)} talen" if len(indexes) > 1 else ""
    return f"zoekindex: {dutch.documents} activiteiten, {dutch.words} woorden, {files} bestanden{languages_}{changed}"


def page_markdown(catalog, markdown, page, config):
    if languages.source_uri(page) == PAGE and languages.code_of(page) != SOURCE:
        page.meta["title"] = languages.words_of(page)._(TITLE)
    return markdown


def page_context(catalog, context, page, config) -> None:
    if languages.source_uri(page) == PAGE:
        context["search_page"] = searchindex.search_page_view(catalog, languages.words_of(page))


def post_build(catalog, config) -> None:
    report, error = job.join()
    if error:
        raise PluginError(f"De zoekindex kon niet worden geschreven: {error}. Meld dit aan het webteam.")
    log.info(report)


def build_error() -> None:
    job.cancel()
