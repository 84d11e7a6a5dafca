"""Calendar feeds, open data and the subscribe page (thin: the domain does the work).

* ``files``: adds the generated pages ``/agenda/`` ("Activiteiten in je eigen agenda")
  and ``/open-data/`` (unless the content has its own), and registers the
  open-data files (JSON, CSV, schema, school holidays) so pages may link to
  them; then starts the side job (:mod:`background`) that writes them and
  every ``agenda.ics`` while MkDocs renders the pages. The job first works out
  every feed's size and activity count and hands them over early, so pages can
  say what a feed holds and offer only feeds a calendar app accepts
  (``feeds.PARENT_LIMIT``) without serialising the events a second time;
* ``page_context``: the subscribe page; subscribe links on every activity page;
  ``page_feed`` (``feeds.feed_offer``: links, count, size, ``offered``) on every
  other page that has a feed at ``<page URL>agenda.ics`` (home and list pages);
* ``post_build``: waits for the side job; a failure fails the build.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import background
import engine
import languages
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from activity_directory.publish import feeds, opendata, opendatadocs, safety
from activity_directory.dates.occurrences import reference_datetime
from activity_directory.pages.presentation import activity_url, poster_view
from activity_directory.content.problems import Problem

log = engine.logger("feed_files")
AGENDA_PAGE = "agenda/index.md"
SIZES_SHOWN = {"delen/index.md"}
_PAGE_NUMBER = re.compile(r"pagina/\d+/$")
AGENDA_TITLE = "Activiteiten in je eigen agenda"


def _site_url(config) -> str:
    return config.get("site_url") or "http://localhost:8000/"


class _State:
    parallel = False  # set by startup(): fork only for a one-shot build
    stats_ready = False  # the side job's feed sizes are in the catalog (per build)
    taken: set[str] = set()  # feed and open-data names a content file already uses (per build)
    writer = None  # the last FeedWriter run in this process (the preview reuses its events)


state = _State()
job = background.SideJob()


class WrittenFile(File):
    """A file of the site that the side job writes (MkDocs knows it, for links, but does not copy it)."""

    def copy_file(self, dirty: bool = False) -> None:
        pass


def startup(command: str) -> None:
    state.parallel = background.parallel_for(command)


def files(catalog, files, config) -> None:
    if files.get_file_from_path(AGENDA_PAGE) is None:
        source = f"---\ntemplate: agenda.html\ntitle: {AGENDA_TITLE}\n---\n"
        files.append(File.generated(config, AGENDA_PAGE, content=source))
    if files.get_file_from_path(opendatadocs.PAGE_PATH) is None:  # a site may write its own
        files.append(File.generated(config, opendatadocs.PAGE_PATH, content=opendatadocs.page_markdown(catalog)))
    # A content file where the build writes a feed or open data would make the
    # result depend on timing: it is refused (strict), and the content file kept.
    taken = set()
    for file in files:
        reserved = _reserved(file.dest_uri)
        if reserved:
            taken.add(reserved)
            log.warning(str(Problem(f"{Path(config.docs_dir).name}/{file.src_uri}", 1, (
                f"de naam '{reserved}' is gereserveerd voor de agenda-feeds en open data die de site zelf "
                "maakt; geef dit bestand of deze map een andere naam."))))
    names = [name for name in opendata.FILE_NAMES if name not in taken]
    for name in names:  # known to MkDocs, so pages may link to them; written by the side job
        files.append(WrittenFile.generated(config, name, content=b""))
    state.taken = taken


def outputs(catalog, config) -> None:
    """Start the side job that writes every feed and the open data."""
    site_dir, site_url, taken = Path(config.site_dir), _site_url(config), state.taken
    state.stats_ready = False
    job.start(lambda: write_outputs(catalog, site_dir, site_url, taken, announce=job.announce), parallel=state.parallel)


def _reserved(dest_uri: str) -> str | None:
    """The feed or open-data path a site file would take, if any (also as a folder name)."""
    parts = dest_uri.split("/")
    for i, part in enumerate(parts):
        if part == feeds.FEED_NAME or (i == 0 and part in opendata.FILE_NAMES):
            return "/".join(parts[: i + 1])
    return None


def write_outputs(catalog, site_dir: Path, site_url: str, taken: set[str] = frozenset(), announce=None) -> str:
    """Every feed and open-data file (but not over a content file); a line for the build log.

    ``announce`` (if given) receives every feed's size and count first, as JSON.
    """
    dutch = state.writer = feeds.FeedWriter(catalog, site_url, reference_datetime())
    # Every language has the same feeds below /<code>/: its writer shares the occurrences and
    # every property that does not depend on the language with the Dutch one.
    work = [(writer, feeds.all_feeds(catalog, writer.words))
            for writer in (dutch.in_language(words) for words in feeds.languages_of(catalog))]
    if announce is not None:
        stats = {}
        for writer, every in work:
            stats.update(feeds.compute_stats(catalog, site_url, writer, every))
        announce(feeds.stats_to_json(stats))
    count = 0
    for writer, every in work:
        for feed in every:
            if feed.path not in taken:
                _write(site_dir / feed.path, writer.render(feed))
                count += 1
    written = 0
    for name, data in opendata.files(catalog, site_url).items():
        if name not in taken:
            _write(site_dir / name, data)
            written += 1
    return f"{count} agenda-feeds en {written} open-databestanden geschreven"


def update(old, new, slugs: set[str], config) -> None:
    """The preview changed ``slugs``: write again every feed that holds one of them (before or
    after) and the open data, reusing the events and sizes of everything else."""
    site_dir, site_url = Path(config.site_dir), _site_url(config)
    # The preview keeps the first build's DTSTAMP: with the clock's own moment (no
    # SOURCE_DATE_EPOCH) no serialised event could be reused, and every save wrote all again.
    stamp = state.writer.stamp if state.writer is not None else reference_datetime()
    dutch = feeds.FeedWriter(new, site_url, stamp)
    if state.writer is not None:
        dutch.reuse(state.writer)
    state.writer = dutch
    stats = dict(feeds.feed_stats(old, site_url))
    for words in feeds.languages_of(new):
        writer = dutch.in_language(words)
        changed = feeds.feeds_holding(new, slugs, words)
        for path in feeds.feeds_holding(old, slugs, words).keys() - changed.keys():  # the edit took it out of these
            changed[path] = feeds.feed_for(new, path, words)
        for path, feed in changed.items():
            stats[path] = writer.stats(feed)
            if path not in state.taken:
                _write(site_dir / path, writer.render(feed))
    feeds.use_stats(new, site_url, stats)
    for name, data in opendata.files(new, site_url).items():
        if name not in state.taken:
            _write(site_dir / name, data)
    state.stats_ready = True


def _use_job_stats(catalog, site_url: str) -> None:
    """Take the feed sizes the side job announced (else feeds.feed_stats computes them here)."""
    if not state.stats_ready:
        state.stats_ready = True
        data = job.announced()
        if data is not None:
            feeds.use_stats(catalog, site_url, feeds.stats_from_json(data))


def page_context(catalog, context, page, config) -> None:
    site_url = _site_url(config)
    if languages.source_uri(page) in SIZES_SHOWN:  # pages of other features that say which feeds are offered
        _use_job_stats(catalog, site_url)
    if languages.source_uri(page) == AGENDA_PAGE:
        _use_job_stats(catalog, site_url)
        words = languages.words_of(page)
        context["agenda"] = view = feeds.subscribe_view(catalog, site_url, words)
        if not words.language.source:  # the title in the header and <title>: the page's front matter is Dutch
            page.meta["title"] = safety.escape_text(words._(AGENDA_TITLE))  # not page.title: the menu keeps its own
        # the chooser's download links: the feeds of the page's language
        root = languages.url_in(languages.code_of(page), "")
        view["root"] = "" if page.url == root else get_relative_url(root or ".", page.url).rstrip("/") + "/"
    elif not languages.source_uri(page).startswith("activiteiten/"):
        path = feeds.feed_path(_PAGE_NUMBER.sub("", languages.source_url(page)))  # a list's further pages offer the list's feed
        if path in feeds.feed_names(catalog):
            _use_job_stats(catalog, site_url)
            words = languages.words_of(page)
            context["page_feed"] = feeds.feed_offer(catalog, site_url, path, words=words)
            if not languages.source_url(page):  # the home page's script offers the feed of what was filtered
                context["special_feeds_json"] = json.dumps(feeds.special_feeds(catalog, site_url, words), separators=(",", ":"))
    activity = context.get("activity")
    if isinstance(activity, dict) and activity.get("slug") in catalog.by_slug:
        a = catalog.by_slug[activity["slug"]]
        # the feed in the page's language (the same events, its facts in that language)
        activity["feed"] = feeds.subscribe_links(
            site_url, languages.url_in(languages.code_of(page), feeds.feed_path(activity_url(a.slug))), a.title)
        # the poster's QR code opens the page in the language it was printed from
        page_path = languages.url_in(languages.code_of(page), activity_url(a.slug))
        activity["poster"] = poster_view(feeds.absolute(site_url, page_path))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def post_build(catalog, config) -> None:
    report, error = job.join()
    if error:
        raise PluginError(f"Feeds en open data konden niet worden geschreven: {error}. Meld dit aan het webteam.")
    log.info(report)


def build_error() -> None:
    job.cancel()
