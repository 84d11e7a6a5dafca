"""Pages for partners (KDV's, schools, JGZ, wijkteams): thin adapter.

* ``files``: adds ``/delen/`` ("Op je eigen website of in je nieuwsbrief");
* ``outputs``: starts a side job (:mod:`background`) that writes the pages without
  the site's chrome while MkDocs renders the rest: every embeddable list
  (``<list URL>embed/``), every flyer (``…/flyer/``), the wijk × age group
  pages, and ``/nieuw.xml``. They need only the catalog and a lean template
  each, so they stay out of MkDocs' page pipeline (thousands of pages at scale);
* ``page_context``: the view of ``/delen/``;
* ``post_build``: waits for the side job; a failure fails the build;
* ``update``: the fast preview (``serve_loop``) changed some activities: only
  the partner pages that show them are written again.

Which pages exist and what they show is decided in ``activity_directory``
(:mod:`~activity_directory.partners.partnerpages`); the templates are under
``overrides/partners/``.
"""

from __future__ import annotations

from pathlib import Path

import background
import engine
import languages
import jinja2
import templating
from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

from activity_directory.content.languages import SOURCE, language
from activity_directory.content.translations import script_messages
from activity_directory.pages.directory import compact_json
from activity_directory.partners import partnerpages, sharing, textmetrics

from activity_directory.publish import safety

log = engine.logger("partner_pages")
SHARE_PAGE = "delen/index.md"


def _site_url(config) -> str:
    return config.get("site_url") or "http://localhost:8000/"


class _State:
    parallel = False  # set by startup(): fork only for a one-shot build
    cards: dict = {}  # rendered embed cards, kept between the preview's incremental steps


state = _State()
job = background.SideJob(what="de pagina's voor partners")


def startup(command: str) -> None:
    state.parallel = background.parallel_for(command)


def files(catalog, files, config) -> None:
    for uri, source in textmetrics.FONT_FILES.items():  # the flyers' typeface, from its pinned package
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(source)))
    if files.get_file_from_path(SHARE_PAGE) is None:
        source = f"---\ntemplate: delen.html\ntitle: {sharing.PAGE_TITLE}\nframes: self\n---\n"
        files.append(File.generated(config, SHARE_PAGE, content=source))


def outputs(catalog, config) -> None:
    """Start the side job that writes every partner page."""
    state.cards = {}
    site_dir, site_url = Path(config.site_dir), _site_url(config)
    template_dirs = [str(d) for d in config.theme.dirs]
    site_name, icon = config.site_name, config.theme["favicon"]
    cards = state.cards  # filled here when the job runs in this process (mkdocs serve): the preview reuses them
    codes = languages.state.codes
    job.start(lambda: write_pages(catalog, site_dir, site_url, site_name, template_dirs, cards=cards, icon=icon,
                                  codes=codes),
              parallel=state.parallel)


def update(old, new, slugs: set[str], config) -> None:
    """The preview changed ``slugs``: write again the partner pages that show them, before or after."""
    only = partnerpages.showing(old, slugs) | partnerpages.showing(new, slugs)
    state.cards = {key: card for key, card in state.cards.items() if key[0] not in slugs}
    write_pages(new, Path(config.site_dir), _site_url(config), config.site_name, [str(d) for d in config.theme.dirs], only,
                state.cards, icon=config.theme["favicon"], codes=languages.state.codes)


def _environment(template_dirs: list[str]) -> jinja2.Environment:
    return templating.with_messages(templating.prefer_keys_of_plain_dicts(jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dirs), autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined)))


def write_pages(catalog, site_dir: Path, site_url: str, site_name: str, template_dirs: list[str],
                only: set[str] | None = None, cards: dict | None = None, icon: str = "assets/images/favicon.png",
                codes: tuple[str, ...] = ()) -> str:
    """Render and write every partner page (or ``only`` those paths); a line for the build log.
    ``cards``: embed cards rendered before (for activities that did not change); ``icon``: the
    theme's favicon (relative to the site's root); ``codes``: the other languages of the build.
    A page's ``root`` leads to the site's root (styles, scripts), its ``page_root`` to its
    language's root (links to pages)."""
    env = _environment(template_dirs)
    env.globals["icon"] = icon
    # An activity is on many lists: its card is rendered once per depth of page (its links are relative).
    card_template = env.get_template("partners/embed-card.html")
    cards = {} if cards is None else cards

    def embed_card(card: dict, root: str, code: str = SOURCE) -> Markup:
        key = (card["slug"], root, code)
        if key not in cards:
            cards[key] = Markup(card_template.render(c=card, root=root, page_language=code))
        return cards[key]

    env.globals["embed_card"] = embed_card
    templates: dict[str, jinja2.Template] = {}
    csp = safety.content_security_policy()
    counts: dict[str, int] = {}
    messages: dict[str, str | None] = {SOURCE: None}  # the scripts' texts in a language (#site-messages)
    for page in partnerpages.pages(catalog, site_url, site_name, only, codes):
        path = site_dir / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        if page.template is None:
            path.write_bytes(page.data)
        else:
            template = templates.get(page.template) or templates.setdefault(page.template, env.get_template(page.template))
            code = page.language
            if code not in messages:
                messages[code] = compact_json(script_messages(code))
            root = "../" * page.path.count("/")
            path.write_text(template.render(csp=csp, root=root, page_root=root + ("" if code == SOURCE else f"{code}/"),
                                            page_language=code, language=language(code),
                                            script_messages=messages[code], **page.context),
                            encoding="utf-8")
        counts[page.kind] = counts.get(page.kind, 0) + 1
    return ", ".join(f"{n} {kind}" for kind, n in counts.items()) + " geschreven"


def page_context(catalog, context, page, config) -> None:
    if languages.source_uri(page) == SHARE_PAGE:
        words = languages.words_of(page)
        context["share"] = sharing.share_view(catalog, _site_url(config), words)
        if not words.language.source:  # the title in the header and <title>: the page's front matter is Dutch
            page.meta["title"] = safety.escape_text(words._(sharing.PAGE_TITLE))  # not page.title: the menu keeps its own


def post_build(catalog, config) -> None:
    report, error = job.join()
    if error:
        raise PluginError(f"De pagina's voor partners (lijsten voor op een website, flyers) konden niet worden "
                          f"geschreven: {error}. Meld dit aan het webteam.")
    log.info(report)


def build_error() -> None:
    job.cancel()
