"""A preview that keeps up: ``mkdocs serve`` re-renders only what a save changed.

MkDocs rebuilds the whole site on every change, and its ``--dirty`` mode does
not help here: every page of this site is generated, and a generated file
always counts as modified. This module replaces the server's builder
(``on_serve``) with one that compares the inputs with the last build:

* when only existing activity files changed (the usual edit), it reloads
  those files (``activity_directory.pages.edits.reload``) and renders again only
  the pages that show those activities, before or after the edit: their own
  pages, the pages of activities that name them, the list pages that hold
  them (with every ``pagina/N/`` of such a list), and the pages that are
  not activity or list pages (home, 'Deze week', the indexes, /agenda/, …);
  every feed that holds them and the open data are written again
  (``feed_files.update``). It uses the objects of the last full build
  (config, files, navigation, template environment) and MkDocs' own page
  steps, so every hook and plugin runs as in a full build for those pages;
* anything else (a data file such as ``wijken.yml``, a template, the
  configuration, a new or removed activity, a content problem appearing or
  going away, another day) runs the normal full build.

The partner pages that show the changed activities (embeds, flyers,
``/nieuw.xml``: ``partner_pages.update``) and the search index
(``search_index.update``, in a thread once the pages are written) are written
again too. Not updated by an incremental
step (until the next full build): ``sitemap.xml`` (an edit does not change
which pages exist).

The page steps are MkDocs' internal ``_populate_page`` and ``_build_page``
(MkDocs 1.6, pinned); tests/test_serve_loop.py edits files under a real
``mkdocs serve`` and compares the result with a fresh full build.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path

import activity_pages
import engine
import languages
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.structure.files import Files, InclusionLevel

from activity_directory.pages import edits
from activity_directory.pages.listings import all_listings
from activity_directory.content.counting import count
from activity_directory.content.loading import ACTIVITIES_DIR, ACTIVITY_SUFFIXES, is_translation
from activity_directory.dates.occurrences import reference_date

log = engine.logger("serve_loop")
# Context keys features set on every page that do not come from the activities: the relative root
# (listing_pages) and the link preview (previews: from the page and the site, except on activity,
# list and home pages, which the preview renders by their own rules).
# The page's language and its versions (languages) are not views of the content either.
CONTEXT_WITHOUT_CONTENT = {"root_prefix", "files_root", "preview", "page_language", "page_folder", "language",
                           "translations", "script_messages", "nav"}


def _ignored(name: str) -> bool:
    """Editor swap and backup files, which the build ignores too."""
    return name.startswith(".") or name.endswith("~")


def snapshot(roots: list[Path]) -> dict[str, tuple[int, int]]:
    """(mtime in ns, size) of every file under ``roots`` (files or folders)."""
    found: dict[str, tuple[int, int]] = {}
    for root in roots:
        if root.is_file():
            stat = root.stat()
            found[str(root)] = (stat.st_mtime_ns, stat.st_size)
            continue
        for folder, dirs, names in os.walk(root):
            dirs[:] = [d for d in dirs if not _ignored(d)]
            for name in names:
                if _ignored(name):
                    continue
                path = os.path.join(folder, name)
                try:
                    stat = os.stat(path)
                except FileNotFoundError:  # removed while we looked
                    continue
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


@dataclass
class Build:
    """What the last full build left behind, for the next incremental step."""

    config: object = None
    files: object = None
    nav: object = None
    env: object = None
    base_files: list = field(default_factory=list)  # the files before the features added theirs
    inputs: dict = field(default_factory=dict)  # snapshot() at the start of that build
    complete: bool = False
    with_views: set = field(default_factory=set)  # pages that got views of the content in their context


class Preview:
    """``host`` is the hook module (hooks/directory.py): its ``state`` holds the catalog, and it
    knows the features (``feature_hooks``, ``each_feature``) and ``project_dir``."""

    def __init__(self, host) -> None:
        self.host = host
        self.build = Build()
        self.pending_inputs: dict = {}
        self.changed_sources: set[str] = set()
        self.last_report = ""

    # -- called by hooks/directory.py during every (full) build ---------------------------

    def roots(self, config) -> list[Path]:
        roots = [Path(config.docs_dir)]
        if config.config_file_path:
            roots.append(Path(config.config_file_path))
        if config.theme.custom_dir:
            roots.append(Path(config.theme.custom_dir))
        roots += [Path(p) for p in config.watch]
        return [r for r in roots if r.exists()]

    def started(self, config) -> None:
        self.build = Build(config=config)
        self.pending_inputs = snapshot(self.roots(config))

    def note_context(self, src_uri: str, added: set[str]) -> None:
        """The features put ``added`` into this page's context: views of the content, unless the
        key is one that every page gets (the relative root)."""
        if added - CONTEXT_WITHOUT_CONTENT:
            self.build.with_views.add(src_uri)

    def finished(self) -> None:
        self.build.inputs = self.pending_inputs
        self.build.complete = True

    # -- the server's builder ---------------------------------------------------------------

    def install(self, server, builder, config) -> None:
        if config.theme.custom_dir:  # templates: a change rebuilds everything
            server.watch(config.theme.custom_dir)
        watch_by_events(server, config.docs_dir)

        def build() -> None:
            started = time.monotonic()
            try:
                done = self.incremental()
            except Exception as error:  # never leave the preview stale: do a full build instead
                log.warning(f"Snelle preview lukte niet ({type(error).__name__}: {error}); alles wordt opnieuw gebouwd.")
                done = False
            if done:
                log.info(f"{self.last_report} in {time.monotonic() - started:.2f} s")
                return
            if self.last_report:
                log.info(f"Alles opnieuw bouwen: {self.last_report}")
            builder()

        server.builder = build

    def incremental(self) -> bool:
        """Render again what the changed activity files show; False: a full build is needed."""
        directory = self.host
        last = self.build
        self.last_report = ""
        if not last.complete or directory.state.catalog is None:
            self.last_report = "de vorige build is niet af"
            return False
        config = last.config
        now = snapshot(self.roots(config))
        before = last.inputs
        changed = [p for p in now.keys() & before.keys() if now[p] != before[p]]
        if now.keys() != before.keys():
            self.last_report = "bestanden toegevoegd of verwijderd"
            return False
        if not changed:
            self.last_report = "niets veranderd"
            return True
        folder = Path(config.docs_dir) / ACTIVITIES_DIR
        paths = [Path(p) for p in changed]
        # a translation sibling (<slug>.<code>.md) is not an activity of its own: the whole site is built again
        others = [p for p in paths if not (p.parent == folder and p.suffix.lower() in ACTIVITY_SUFFIXES) or is_translation(p)]
        if others:
            self.last_report = f"{others[0].name} veranderde"
            return False
        old, problems = directory.state.catalog, directory.state.problems
        if reference_date() != old.today:
            self.last_report = "het is een andere dag"
            return False
        new, new_problems = edits.reload(old, problems, paths, directory.project_dir(config))
        if new_problems != problems or set(new.by_slug) != set(old.by_slug):
            self.last_report = "de problemen met de inhoud veranderden"
            return False
        slugs = {p.stem for p in paths}
        if any(new.by_slug[s].aliases != old.by_slug[s].aliases for s in slugs):  # checked across all files
            self.last_report = "oude namen (aliases) veranderden"
            return False
        pages = self._refresh(new, config)
        if pages is None:
            self.last_report = "er komen pagina's bij of gaan er af"
            return False
        directory.state.catalog = new
        directory.each_feature("update", old, new, slugs, config)  # feeds first: pages show their sizes
        shown = slugs | edits.referencing(new, slugs) | edits.referencing(old, slugs)
        lists = edits.changed_listings(old, new, slugs)
        rendered = self._render(new, pages, shown, lists)
        directory.each_feature("updated", config)  # the pages are written: work that can wait starts
        last.inputs = now
        pages_made = count(rendered, "pagina", "pagina's")
        self.last_report = f"Snelle preview: {count(len(slugs), 'activiteit', 'activiteiten')} bijgewerkt, {pages_made} opnieuw gemaakt"
        return True

    def _refresh(self, catalog, config):
        """Let the features register their pages for ``catalog`` on a scratch copy of the files.

        Their state now follows ``catalog``. None when the set of pages differs
        from the last build's (a list got a page more, say): a full build is needed.
        Otherwise the documentation pages by source path, with the new sources put
        into the last build's files.
        """
        directory = self.host
        live = self.build.files
        scratch = Files(list(self.build.base_files))
        for handler in directory.feature_hooks("files"):
            handler(catalog, scratch, config)
        live_files = {f.src_uri: f for f in live if f.inclusion.is_in_serve()}
        new_files = {f.src_uri: f for f in scratch if f.inclusion.is_in_serve()}
        if live_files.keys() != new_files.keys():
            return None
        self.changed_sources = set()
        for uri, file in new_files.items():
            target = live_files[uri]
            if not (file.generated_by and target.generated_by):
                continue
            if file.abs_src_path is not None and file.abs_src_path == target.abs_src_path:
                continue  # a copy of the same file on disk (unchanged: only activity files changed)
            if file.content_bytes == target.content_bytes:
                continue
            if file.is_documentation_page():  # rendered below
                target.content_bytes = file.content_bytes
                self.changed_sources.add(uri)
            else:  # a generated file of its own (such as the directory's index): written now
                target.content_bytes = file.content_bytes
                target.copy_file()
        return {uri: f for uri, f in live_files.items() if f.is_documentation_page()}

    def _render(self, catalog, pages, slugs: set[str], lists: set[str]) -> int:
        """Render the pages that may show ``slugs``; the number rendered.

        Activity pages: those of ``slugs``. List pages (and their further
        pages): those of ``lists``. Any other page: when its source changed or
        a feature gave it views of the content in the last full build.
        """
        listing_urls = {listing.url for listing in all_listings(catalog)}
        build = self.build
        config, nav, env, files = build.config, build.nav, build.env, build.files
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        count = 0
        for uri, file in pages.items():
            page = file.page
            if page is None:
                continue
            dutch = languages.split(uri)[1]  # a page in another language is its Dutch page's
            if dutch.startswith(activity_pages.PREFIX) and dutch.count("/") == 1:
                if dutch[len(activity_pages.PREFIX):-3] not in slugs and uri not in self.changed_sources:
                    continue
            else:
                listing = _listing_of(languages.source_url(page), listing_urls)
                if listing is not None and listing not in lists:
                    continue
                if listing is None and uri not in build.with_views and uri not in self.changed_sources:
                    continue
            started = time.perf_counter()
            _populate_page(page, config, files)
            _build_page(page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
            log.debug(f"{uri}: {time.perf_counter() - started:.3f} s")
            count += 1
        return count


def _listing_of(url: str, listing_urls: set[str]) -> str | None:
    """The list a page belongs to: its own URL, or the list it is a further page of (``<list>pagina/N/``)."""
    if url in listing_urls and url != "":
        return url
    if "pagina/" in url:
        base = url[: url.index("pagina/")]
        if base in listing_urls:
            return base
    return None


def watch_by_events(server, path: str) -> bool:
    """Let the kernel say when a content file changed, instead of MkDocs' poll every 0.5 s.

    MkDocs' server looks at every file under ``docs_dir`` twice a second: on average a save waits
    a quarter of a second before the preview starts (and the look costs time with thousands of
    files). Where the platform has file events (inotify on Linux) the content folder is watched
    that way, by the same handler; elsewhere, or when that fails (a watch limit), MkDocs keeps
    polling. The configuration and the templates are still polled: a change there rebuilds
    everything anyway. Uses the server's ``_watch_refs`` (MkDocs 1.6, pinned)."""
    try:
        from watchdog.events import (DirMovedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent,
                                     FileModifiedEvent, FileMovedEvent)
        from watchdog.observers.inotify import InotifyObserver
    except ImportError:  # not Linux
        return False
    # What a save, a new file or a removal looks like. Not "opened" or "closed without writing":
    # the build itself reads every content file, and would start the next build.
    changes = [FileModifiedEvent, FileCreatedEvent, FileDeletedEvent, FileMovedEvent, FileClosedEvent, DirMovedEvent]
    path = os.path.abspath(path)
    refs = getattr(server, "_watch_refs", {})
    polled = refs.get(path)
    handlers = getattr(server.observer, "_handlers", {}).get(polled) if polled is not None else None
    if not handlers:
        return False
    observer = InotifyObserver()
    observer.daemon = True
    try:
        for handler in handlers:
            observer.schedule(handler, path, recursive=True, event_filter=changes)
        observer.start()
    except OSError as error:  # e.g. the system's limit of watches: keep polling
        log.info(f"Wijzigingen worden elke halve seconde opgezocht (geen bestandsmeldingen: {error})")
        return False
    server.observer.unschedule(polled)  # (MkDocs never stops watching docs_dir while serving)
    server.watch_events = observer  # kept alive with the server
    return True
