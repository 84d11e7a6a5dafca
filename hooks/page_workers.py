"""Render part of the pages in a second process (``mkdocs build`` with more than one CPU).

MkDocs renders its pages one after the other, in one process. With thousands of
activities that loop is most of a build, and it leaves the other CPUs to the
side jobs (``background``). Once every page has been read (``on_env``), this
module forks one child per spare CPU; each child renders a share of the
activity pages with MkDocs' own page builder (the same templates, context and
hooks, so the files are the same byte for byte) and leaves. In the parent those
pages get an empty template, which MkDocs renders in no time and does not
write; its "Page skipped" note for them is not shown. ``on_post_build`` waits
for the children before MkDocs counts warnings: a child's warnings are logged
again in the parent (``--strict`` still refuses them) and a child's failure
fails the build.

Only activity pages go to a child: list pages read the side jobs' announced
feed sizes, which only the parent may wait for. ``mkdocs serve`` (threads, the
fast preview) and ``BUILD_PARALLEL=0`` never fork (``background.parallel_for``).
"""

from __future__ import annotations

import json
import logging
import os

import activity_pages
import background
import engine
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import InclusionLevel

OTHER_PAGE_COST = 2  # a list page costs about two activity pages
EMPTY_TEMPLATE = "rendered-elsewhere.html"  # in overrides/: renders nothing
_build_log = engine.BUILD_LOG
_hooks_log = engine.logger("page_workers")


class _State:
    parallel: bool = False
    nav = None
    skipped: set[str] = set()  # src_uri of the pages MkDocs' loop leaves alone (rendered elsewhere or already)
    elsewhere = 0  # how many of them a child renders
    jobs: list[background.SideJob] = []


state = _State()


class _SkippedNote(logging.Filter):
    """Hide MkDocs' 'Page skipped ... empty output' for the pages a child renders."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        uri = message[len("Page skipped: '"):].split("'", 1)[0] if message.startswith("Page skipped: '") else None
        return uri not in state.skipped


_skipped_note = _SkippedNote()


class _Collect(logging.Handler):
    """In a child: keep its warnings and errors to hand them to the parent."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[list] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append([record.levelno, record.getMessage()])


def startup(command: str) -> None:
    state.parallel = background.parallel_for(command)


def nav(nav) -> None:
    state.nav = nav


def _render(pages, config, doc_files, env, parent: int) -> str:
    """A child's job: build these pages; the report is the warnings it logged (JSON)."""
    if os.getpid() == parent:  # no process to spare: MkDocs builds them itself
        return "[]"
    collect = _Collect()
    for handler in list(engine.LOG.handlers):  # the parent prints; the child only collects
        engine.LOG.removeHandler(handler)
    engine.LOG.addHandler(collect)
    engine.LOG.propagate = False
    for page in pages:
        mkdocs_build._build_page(page, config, doc_files, state.nav, env)
    return json.dumps(collect.messages)


def env(catalog, env, config, files) -> None:
    """Hand a share of the activity pages to each spare CPU (build only)."""
    state.skipped, state.elsewhere, state.jobs = set(), 0, []
    if not state.parallel or state.nav is None:
        return
    doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
    own = [f.page for f in doc_files if f.page is not None and activity_pages.activity_of(catalog, f.page) is not None
           and not f.inclusion.is_excluded()]
    workers = background.cpus()
    if os.environ.get(background.ENV_SWITCH, "").strip() == "1":  # forced (tests): at least one child
        workers = max(workers, 2)
    if workers < 2 or len(own) < 2 * workers:
        return
    # Every process gets about the same work. The parent keeps the other pages (lists, home, …),
    # which take about twice as long as an activity page (their cards; measured at 1,000).
    share = (len(own) + OTHER_PAGE_COST * (len(doc_files) - len(own))) // workers
    share = min(share, len(own) // (workers - 1) - 1)  # the parent keeps at least one activity page
    shares = []
    for _ in range(workers - 1):  # from the end: the parent keeps the first activity pages
        if own:
            shares.append(own[-share:])
            own = own[:-share]
    # The parent renders its first activity page now: the child inherits the compiled templates
    # and the theme's navigation (render_once) instead of making them again.
    if own:
        first = own[0]
        mkdocs_build._build_page(first, config, doc_files, state.nav, env)
        _skip([first])
    parent = os.getpid()
    for pages in shares:
        job = background.SideJob(what="een deel van de activiteitenpagina's")
        job.start(lambda pages=pages: _render(pages, config, doc_files, env, parent), parallel=True)
        if job.pid is None:  # no process to spare: MkDocs renders these pages itself
            job.join()
            continue
        state.jobs.append(job)
        state.elsewhere += len(pages)
        _skip(pages)


def _skip(pages) -> None:
    """MkDocs' loop renders these with an empty template (nothing written) and no note about it."""
    if not state.skipped:
        _build_log.addFilter(_skipped_note)
    for page in pages:
        state.skipped.add(page.file.src_uri)
        page.meta["template"] = EMPTY_TEMPLATE


def elsewhere(page) -> bool:
    """This page is rendered by a child process (or was before the fork): the parent's hooks leave
    it alone in MkDocs' loop."""
    return page.file.src_uri in state.skipped


def _report(job: background.SideJob) -> None:
    report, error = job.join()
    if error:
        raise PluginError(f"De activiteitenpagina's konden niet worden gemaakt: {error}. Meld dit aan het webteam.")
    for level, message in json.loads(report or "[]"):
        _build_log.log(level, message)


def post_build() -> None:
    jobs, state.jobs = state.jobs, []
    try:
        for job in jobs:
            _report(job)
        if jobs:
            where = "een ander proces" if len(jobs) == 1 else f"{len(jobs)} andere processen"
            _hooks_log.info(f"{state.elsewhere} activiteitenpagina's gemaakt in {where}")
    finally:
        for job in jobs:
            job.cancel()
        _build_log.removeFilter(_skipped_note)


def build_error() -> None:
    for job in state.jobs:
        job.cancel()
    state.jobs = []
    _build_log.removeFilter(_skipped_note)
