"""MkDocs adapter for the activity directory: the only hook file in mkdocs.yml.

It loads the content once per build and hands it to the feature modules next
to it, which stay thin (no domain logic: that lives in ``activity_directory``):

* ``activity_pages``: one page per activity at ``activiteiten/<slug>/``;
* ``listing_pages``: home page, filters, districts, age groups, …;
* ``feed_files``: iCalendar feeds and open data;
* ``partner_pages``: /delen/, embeddable lists, flyers and /nieuw.xml;
* ``search_index``: the search index and the page ``/zoeken/``;
* ``previews``: meta descriptions, Open Graph tags and their pictures;
* ``hardening``: sanitising, escaping and other output guarantees.

Each feature module may define ``files(catalog, files, config)``,
``outputs(catalog, config)``,
``page_markdown(catalog, markdown, page, config)``,
``page_content(catalog, html, page, config)``,
``page_context(catalog, context, page, config)``,
``post_page(catalog, output, page, config)`` and
``post_build(catalog, config)``; they are called in the order above. They may
also define ``startup(command)`` (once per ``mkdocs`` command),
``serve(server, config)`` (``mkdocs serve`` started its server) and
``build_error()`` (the build failed: stop side work).

``files`` only registers pages and files and keeps what it derives from the
catalog; work that writes output starts in ``outputs``. The fast preview
(``serve_loop``, ``mkdocs serve``) relies on this: after an editor saves an
activity it calls every feature's ``files`` again on a scratch copy of the
files (with the reloaded catalog), then ``update(old_catalog, new_catalog,
slugs, config)`` where a feature writes output itself, renders only the
pages that show the changed activities, and last calls ``updated(config)``
(the pages are written; work that can wait until the browser reloaded).

Content problems are logged as warnings, so ``mkdocs build --strict`` refuses
to publish while ``mkdocs serve`` keeps serving and shows them on every page.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

# Sibling modules must be imported at the top: MkDocs puts this folder on
# sys.path only while the hook module is first executed.
import activity_pages
import editor_docs
import engine
import feed_files
import hardening
import languages
import listing_pages
import page_workers
import partner_pages
import previews
import serve_loop
import search_index
import templating
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from activity_directory.content.loading import Catalog, load_catalog
from activity_directory.content.problems import Problem, summary

log = engine.logger("directory")
# languages after every feature that registers pages (it registers them again per language)
FEATURES = (activity_pages, listing_pages, feed_files, partner_pages, search_index, editor_docs, languages, previews,
            hardening)


class _State:
    """Module state; reset on every (re)build because MkDocs caches hooks."""

    catalog: Catalog | None = None
    problems: list[Problem] = []
    serving: bool = False  # set once by on_startup; survives rebuilds


state = _State()

# While serving, content problems must not abort the preview (mkdocs.yml says
# strict: true, which counts every WARNING in the engine's logger tree). They are
# printed the same way but through a logger outside that tree, and shown on
# every page (overrides/main.html). `mkdocs build --strict` still refuses.
_serve_log = logging.getLogger("activity_directory.serve")
_serve_log.propagate = False
if not _serve_log.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  %(message)s"))
    _serve_log.addHandler(_handler)


fast = serve_loop.Preview(sys.modules[__name__])  # survives rebuilds, like this module


def on_startup(command, dirty):
    state.serving = command == "serve"
    page_workers.startup(command)
    for handler in _each("startup"):
        handler(command)


def project_dir(config) -> Path:
    return Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()


def feature_hooks(name: str):
    """Every feature's handler called ``name``, in order."""
    for feature in FEATURES:
        handler = getattr(feature, name, None)
        if handler is not None:
            yield handler


_each = feature_hooks


def each_feature(name: str, *args) -> None:
    for handler in feature_hooks(name):
        handler(*args)


def on_config(config):
    state.catalog, state.problems = None, []
    if state.serving:
        fast.started(config)
    try:
        catalog, problems = load_catalog(Path(config.docs_dir), project_dir(config))
    except Exception as error:  # never a traceback for an editor
        problems = [Problem(config.docs_dir, 1, f"interne fout bij het lezen van de inhoud ({type(error).__name__}: {error}). Meld dit aan het webteam.")]
        catalog = None
    state.catalog, state.problems = catalog, problems
    report = _serve_log if state.serving else log
    for problem in problems:
        report.warning(str(problem))
    if problems:
        report.warning(summary(problems))
    return config


def on_files(files, config):
    hardening.only_listed(files, config)  # before anything: content/ holds only the allowlist's kinds of file
    activity_pages.remove_sources(files)
    if state.serving:
        fast.build.base_files = list(files)
        fast.build.files = files
    if state.catalog is not None:
        for handler in _each("files"):
            handler(state.catalog, files, config)
        for handler in _each("outputs"):
            handler(state.catalog, config)
    return files


def on_nav(nav, config, files):
    if state.serving:
        fast.build.nav = nav
    languages.nav(nav, files)
    page_workers.nav(nav)
    return nav


def on_env(env, config, files):
    env.globals["render_once"] = templating.RenderOnce()  # a new one per build: templates or the nav may change
    templating.prefer_keys_of_plain_dicts(env)
    templating.with_messages(env)
    languages.env(env, files)
    if state.serving:
        fast.build.env = env
    if state.catalog is not None:
        page_workers.env(state.catalog, env, config, files)
    return env


def on_page_markdown(markdown, page, config, files):
    if state.catalog is not None:
        for handler in _each("page_markdown"):
            markdown = handler(state.catalog, markdown, page, config)
    return markdown


def on_page_content(html, page, config, files):
    if state.catalog is not None:
        for handler in _each("page_content"):
            html = handler(state.catalog, html, page, config)
    return html


def on_page_context(context, page, config, nav):
    if page_workers.elsewhere(page):
        return context
    context["content_problems"] = [str(p) for p in state.problems]
    if state.catalog is not None:
        before = set(context) if state.serving else None
        for handler in _each("page_context"):
            handler(state.catalog, context, page, config)
        if before is not None:  # the preview renders again the pages that get views of the content
            fast.note_context(page.file.src_uri, set(context) - before)
    return context


@event_priority(-100)  # after other plugins: last word on the HTML
def on_post_page(output, page, config):
    if state.catalog is not None and not page_workers.elsewhere(page):
        for handler in _each("post_page"):
            output = handler(state.catalog, output, page, config)
    return output


def on_post_build(config):
    if state.problems and config.strict and not state.serving and not log.isEnabledFor(logging.WARNING):
        # `mkdocs build --strict -q` hides warnings and so does not count them: the
        # content problems must still stop the publication, and be read.
        raise PluginError("\n".join(str(p) for p in state.problems) + "\n" + summary(state.problems))
    page_workers.post_build()
    if state.catalog is not None:
        for handler in _each("post_build"):
            handler(state.catalog, config)
    if state.serving:
        fast.finished()


def on_serve(server, config, builder):
    for handler in _each("serve"):
        handler(server, config)
    fast.install(server, builder, config)  # the fast preview takes over the server's build step
    return server


def on_build_error(error):
    page_workers.build_error()
    for handler in _each("build_error"):
        handler()
