"""The site in its other languages: every page for parents and partners again under ``/<code>/``.

Dutch is the source and keeps every address it has; each other language of ``talen`` (or of the
``TALEN`` subset) gets the same paths below its code: ``/en/activiteiten/<slug>/``,
``/pl/deze-week/``. After every feature registered its pages (``files``), each page a parent or
partner reads is registered once more per language, with the same source; the features find
their own state for it with :func:`source_uri` and compose its texts with :func:`words_of`.
The editors' pages and the pages for re-users of the data stay Dutch (:data:`DUTCH_ONLY`).

Per page this module adds to the template context:

* ``page_language``: the code the templates' ``_()`` translates to (``templating.with_messages``);
* ``language``: the :class:`~activity_directory.content.languages.Language` (name, direction);
* ``translations``: every language version of the page, for ``<link rel="alternate"
  hreflang>`` (absolute, with ``x-default`` to Dutch) and the language menu in the header;
* ``nav``: the menu in the page's language (the same items, their pages in that language).

The page not found (``overrides/404.html``, a theme template without a page) is written once more
per language as ``/<code>/404.html`` (:func:`post_build`); the Dutch one gets the codes
(``not_found_languages``) for its script, which shows a reader below ``/<code>/`` that language's.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import engine
from mkdocs.commands.build import get_context
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.utils import get_relative_url

from activity_directory.content.languages import SOURCE, language, localized_path
from activity_directory.content.translations import script_messages, translations
from activity_directory.pages.directory import compact_json
from activity_directory.dates import wording

log = engine.logger("languages")

# Pages that stay Dutch: for editors (/redactie/, /overzicht/, /admin/) and for re-users of the data.
DUTCH_ONLY = ("redactie", "overzicht", "admin", "open-data")


class _State:
    codes: tuple[str, ...] = ()  # the languages besides Dutch that this build makes
    navs: dict = {}  # code -> Navigation of that language's pages
    script_json: dict = {}  # code -> the scripts' messages as JSON (#site-messages)
    bodies: dict = {}  # Dutch src_uri -> (its Markdown, what Page.render made of it), this build
    env = None  # this build's Jinja environment and files (for the page not found per language)
    files = None


state = _State()


def split(uri: str) -> tuple[str, str]:
    """``('en', 'deze-week/index.md')`` for ``'en/deze-week/index.md'``; Dutch pages give ``('nl', uri)``."""
    head, _, rest = uri.partition("/")
    if rest and head in state.codes:
        return head, rest
    return SOURCE, uri


def code_of(page) -> str:
    return split(page.file.src_uri)[0]


def source_uri(page) -> str:
    """The page's Dutch source: what every feature keys its pages by."""
    return split(page.file.src_uri)[1]


def source_url(page) -> str:
    """The page's Dutch URL (site-relative, '' for the home page)."""
    code = code_of(page)
    return page.url if code == SOURCE else page.url[len(code) + 1:]


def words_of(page) -> wording.Wording:
    """The wording of the page's language (dates, ages, costs, … in that language)."""
    return wording.for_language(code_of(page))


def url_in(code: str, url: str) -> str:
    """Site-relative URL of ``url`` (a Dutch page's) in language ``code``."""
    return localized_path(code, url)


def translated(uri: str) -> bool:
    """A Dutch page that also exists in the other languages."""
    return uri.endswith(".md") and uri.split("/", 1)[0].removesuffix(".md") not in DUTCH_ONLY


def files(catalog, files, config) -> None:
    """Register every translated page once more per language (same source, own address)."""
    state.codes = tuple(lang.code for lang in catalog.site.languages if lang.code != SOURCE)
    state.script_json = {}  # (the menus stay: the fast preview calls files() again, not nav())
    if not state.codes:
        return
    for file in list(files.documentation_pages()):
        if not translated(file.src_uri) or split(file.src_uri)[0] != SOURCE:
            continue
        content = file.content_string
        for code in state.codes:
            existing = files.get_file_from_path(f"{code}/{file.src_uri}")
            if existing is not None:
                files.remove(existing)
            clone = File.generated(config, f"{code}/{file.src_uri}", content=content)
            clone.inclusion = InclusionLevel.NOT_IN_NAV  # the menu is made per language below (nav)
            files.append(clone)


def _shareable(markdown: str) -> bool:
    """Markdown whose HTML cannot depend on the page's address: no link, image, reference or raw
    HTML (MkDocs rewrites those relative to the page's file, which differs per language)."""
    return "](" not in markdown and "]:" not in markdown and "<" not in markdown


def _render_once(page, render):
    """``page.render`` that makes the HTML of a Dutch body once per build: the Dutch page keeps what
    it made, its clones in the other languages take it when their Markdown is the same (build cost,
    issue 18). Anything else renders as before."""
    code, uri = split(page.file.src_uri)

    def shared_render(config, files) -> None:
        found = state.bodies.get(uri)
        if code != SOURCE and found is not None and found[0] == page.markdown:
            page.content, page.toc, page._title_from_render, page.present_anchor_ids = found[1]
            page.links_to_anchors = {} if found[2] else None
            return
        render(config, files)
        if code == SOURCE and _shareable(page.markdown or ""):
            state.bodies[uri] = (page.markdown, (page.content, page.toc, page._title_from_render,
                                                 set(page.present_anchor_ids or ())),
                                 page.links_to_anchors is not None)

    return shared_render


def _share_bodies(files) -> None:
    state.bodies = {}
    for file in files.documentation_pages():
        page = file.page
        if page is not None and translated(split(file.src_uri)[1]) and "render" not in vars(page):
            page.render = _render_once(page, page.render)


def nav(nav, files) -> None:
    """The menu of each language: the Dutch menu's items, each its page in that language."""
    state.navs = {}
    if not state.codes:
        return
    _share_bodies(files)
    for code in state.codes:
        messages = translations(code)
        items = []
        for item in nav.items:
            if getattr(item, "file", None) is None:
                continue
            other = files.get_file_from_path(url_in(code, item.file.src_uri))
            if other is None or other.page is None:
                continue
            other.page.title = messages.gettext(item.title)  # msgid: the Dutch title in mkdocs.yml
            items.append(other.page)
        for before, after in zip(items, items[1:]):
            before.next_page, after.previous_page = after, before
        state.navs[code] = language_nav = Navigation(items, items)
        home = files.get_file_from_path(url_in(code, "index.md"))
        language_nav.homepage = home.page if home is not None else None


def _absolute(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url


def versions(catalog, page, site_url: str) -> list[dict]:
    """Every language version of the page: code, own name, direction, absolute and relative URL."""
    code, uri = split(page.file.src_uri)
    if not state.codes or not translated(uri):
        return []
    dutch_url = source_url(page)
    result = []
    for lang in catalog.site.languages:
        url = url_in(lang.code, dutch_url)
        result.append({
            "code": lang.code,
            "name": lang.name,
            "direction": lang.direction,
            "href": _absolute(site_url, url),
            "url": get_relative_url(url or ".", page.url or ".") if url != page.url else "./",
            "current": lang.code == code,
        })
    return result


def page_context(catalog, context, page, config) -> None:
    code = code_of(page)
    context["page_language"] = code
    context["page_folder"] = source_url(page).split("/", 1)[0]  # for the chrome's key (overrides/main.html)
    context["language"] = language(code)
    # The site's name as the page says it: mkdocs.yml's site_name in Dutch, a message in the others.
    context["site_title"] = (config.site_name if code == SOURCE else
                             words_of(page)._("Activiteiten in %(gemeente)s") % {"gemeente": catalog.site.name})
    context["translations"] = versions(catalog, page, config.get("site_url") or "http://localhost:8000/")
    # The texts the scripts write, in the page's language (overrides/assets/common.js `gettext`).
    context["script_messages"] = _script_json(code) if code != SOURCE else None
    if code != SOURCE and code in state.navs:
        context["nav"] = state.navs[code]


def _script_json(code: str) -> str:
    found = state.script_json.get(code)
    if found is None:
        found = state.script_json[code] = compact_json(script_messages(code))
    return found


NOT_FOUND = "404.html"


def env(env, files) -> None:
    """Keep the build's environment for :func:`post_build`; the Dutch page not found learns the codes."""
    state.env, state.files = env, files
    env.globals["not_found_languages"] = state.codes


def not_found_page(catalog, config, code: str) -> str:
    """The page not found in language ``code``, as MkDocs renders the Dutch one (absolute links:
    it is served at any address below ``/<code>/``)."""
    context = get_context(state.navs.get(code), state.files, config, base_url=urlsplit(config.site_url or "/").path)
    context.update({
        "page_language": code,
        "language": language(code),
        "site_title": wording.for_language(code)._("Activiteiten in %(gemeente)s") % {"gemeente": catalog.site.name},
        "script_messages": _script_json(code),
    })
    if code in state.navs:
        context["nav"] = state.navs[code]
    return state.env.get_template(NOT_FOUND).render(context)


def not_found_paths(config) -> list[Path]:
    """Every language's page not found that this build wrote, Dutch first."""
    site = Path(config.site_dir)
    return [path for path in [site / NOT_FOUND, *(site / code / NOT_FOUND for code in state.codes)] if path.exists()]


def post_build(catalog, config) -> None:
    if state.env is None or not (Path(config.site_dir) / NOT_FOUND).exists():
        return  # no page not found in this theme: none in the other languages either
    for code in state.codes:
        path = Path(config.site_dir) / code / NOT_FOUND
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(not_found_page(catalog, config, code), encoding="utf-8")
