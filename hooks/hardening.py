"""Hardening: sanitising, escaping and output guarantees (thin: rules live in
``activity_directory.publish.safety``).

* page titles are escaped once, because the theme prints them unescaped in the
  header and the nav (``<title>`` is in overrides/main.html);
* the rendered description of an activity is sanitised by an allowlist;
* every page gets a Content-Security-Policy; the theme's own inline scripts
  are allowed by their sha256 hash, nothing else inline runs;
* only the files the content allowlist names (``activity_directory.content.contentfiles``)
  come from the content folder; any other file there (HTML, JS, SVG, …) never reaches the
  site, in every mode (``make check`` and the strict build report it);
* ``/_headers`` (Netlify, Cloudflare Pages): the HTTP headers for hosts that can send them, from
  the same policy (``safety.headers_file``): embeds may be framed by any site, /admin/ by none;
* the theme's ``autocomplete="off"`` on checkboxes (invalid HTML) is removed;
* while serving, MkDocs' live-reload script (injected into each page as it is
  served, with that moment's numbers in it) is allowed by its own hash, so the
  editor's browser reloads on save; nothing else inline is allowed.

(The search index holds plain text only, which ``search.js`` writes as text.)
"""

from __future__ import annotations

import re
from pathlib import Path

import activity_pages
import languages

from mkdocs.structure.files import File

from activity_directory.content import contentfiles
from activity_directory.content.languages import localized_path
from activity_directory.editors import cms
from activity_directory.partners import embeds
from activity_directory.publish import safety

_TOGGLE = re.compile(r'(<input class="md-toggle"[^>]*?) autocomplete="off"')
_THEME_LABEL = re.compile(r'(<label class="md-nav__title") for="(__[\w-]+)"')
_TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'
_BODY_TOGGLE = re.compile(r'<input class="md-toggle" data-md-toggle="(\w+)" type="checkbox" id="(__[\w-]+)">')
_TOGGLE_NAMES = {"drawer": "Menu", "search": "Zoeken"}
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
HEADERS_FILE = "_headers"  # read by Netlify and Cloudflare Pages from the site's root
_CHARSET = re.compile(r'<meta charset="utf-8">', re.I)


class _State:
    patterns: list[re.Pattern] | None = None  # read once per build (templates may change while serving)
    hashes: dict[str, str | None] = {}
    config = None  # the build they were read for


state = _State()


def only_listed(files, config) -> None:
    """Leave out of the site every file of the content folder that the allowlist does not name.
    A theme file it hid (``content/assets/directory.js`` over the project's own) comes back."""
    docs = Path(config.docs_dir).resolve()
    dropped = [f for f in files if f.src_dir and Path(f.src_dir).resolve() == docs
               and not contentfiles.allowed(f.src_uri)]
    for file in dropped:
        files.remove(file)
    if dropped:
        files.add_files_from_theme(config.theme.get_env(), config)


def files(catalog, files, config) -> None:
    # A full build has a new config (MkDocs reads mkdocs.yml again; a template change while serving
    # makes a full build). The preview's quick step calls this with the last build's config: the
    # templates are the same, and reading them all again took a quarter of a second per save.
    if state.config is not config:
        state.patterns, state.hashes, state.config = None, {}, config
    # Every embed may be framed by any site, in every language (/<code>/… has the same embeds).
    framed = [localized_path(lang.code, spec.url) for spec in embeds.all_embeds(catalog)
              for lang in catalog.site.languages]  # Dutch first: its paths as they were
    headers = safety.headers_file(framed, [cms.PAGE_PATH.rpartition("/")[0]])
    existing = files.get_file_from_path(HEADERS_FILE)
    if existing is not None:
        files.remove(existing)
    files.append(File.generated(config, HEADERS_FILE, content=headers))


def _known_scripts(config) -> list[re.Pattern]:
    """Patterns of the inline scripts the theme's templates (and ours) can emit."""
    if state.patterns is None:
        state.patterns = [pattern for directory in config.theme.dirs
                          for template in sorted(Path(directory).rglob("*.html"))
                          for pattern in safety.template_script_patterns(template.read_text(encoding="utf-8"))]
    return state.patterns


def _script_hash(script: str, config) -> str | None:
    """The CSP hash of an inline script the templates emit, else None (memoized: pages repeat them)."""
    patterns = _known_scripts(config)
    try:
        return state.hashes[script]
    except KeyError:
        known = any(p.fullmatch(script) for p in patterns)
        value = state.hashes[script] = safety.script_hash(script) if known else None
        return value


def _orphan_label(match: re.Match, output: str) -> str:
    target = match.group(2)
    return match.group(0) if f'id="{target}"' in output else match.group(1)


def _without_toc_toggle(output: str) -> str:
    """The page without the theme's toc toggle and the white space before it.

    (A regular expression starting with ``\\s*`` tries every position of the page: half a
    millisecond per page, a noticeable part of a build with thousands of pages.)"""
    at = output.find(_TOC_TOGGLE)
    while at != -1:
        start = at
        while start and output[start - 1].isspace():
            start -= 1
        output = output[:start] + output[at + len(_TOC_TOGGLE):]
        at = output.find(_TOC_TOGGLE, start)
    return output


def harden_html(output: str, config, own_frames: bool = False) -> str:
    output = _TOGGLE.sub(r"\1", output)
    # The theme's toc title is a <label for="__toc"> even when the toggle is absent.
    output = _THEME_LABEL.sub(lambda m: _orphan_label(m, output), output)
    # ...and its toggle (a checkbox without a name, HTML_CodeSniffer H91) when nothing labels it.
    if 'for="__toc"' not in output:
        output = _without_toc_toggle(output)
    # The theme's own script needs its hidden toggles; one that no label names any more (our own
    # menu button or search replaces the label) gets a name of its own (HTML_CodeSniffer H91, F68).
    output = _BODY_TOGGLE.sub(lambda m: m.group(0) if f'for="{m.group(2)}"' in output else
                              f'{m.group(0)[:-1]} aria-label="{_TOGGLE_NAMES.get(m.group(1), m.group(1))}">', output)
    hashes = [h for h in (_script_hash(m.group(1), config) for m in _INLINE_SCRIPT.finditer(output)) if h]
    meta = f'<meta http-equiv="Content-Security-Policy" content="{safety.content_security_policy(hashes, own_frames)}">'
    head = output[: output.find("</head>")]
    if '<meta http-equiv="Content-Security-Policy"' not in head:  # 404.html passes twice while serving
        output = _CHARSET.sub(lambda m: f"{m.group(0)}\n    {meta}", output, count=1)
    return output


def page_markdown(catalog, markdown, page, config):
    # Runs after the other features have set the title. Escape it exactly once.
    # An explicitly set title (by a feature or the nav) hides the meta title.
    explicit = vars(page).get("title")
    if isinstance(explicit, str):
        page.title = safety.escape_text(explicit)
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = safety.escape_text(page.meta["title"])
    return markdown


def page_content(catalog, html, page, config):
    if activity_pages.activity_of(catalog, page) is not None:
        html = safety.sanitize_body(html)
    return html


def post_page(catalog, output, page, config):
    # A page may show frames of the site's own pages (a preview): front matter 'frames: self'.
    return harden_html(output, config, own_frames=page.meta.get("frames") == "self")


_CSP_SCRIPTS = re.compile(rb'(<meta http-equiv="Content-Security-Policy" content="[^"]*?script-src )')


def _injected_script(before: bytes, after: bytes) -> str | None:
    """The script MkDocs' live-reload server put before </body>, or None when it did something else."""
    at = before.rfind(b"</body>")
    at = len(before) if at == -1 else at
    added = after[at:at + len(after) - len(before)]
    if not (added.startswith(b"<script>") and added.endswith(b"</script>")) or after[:at] != before[:at]:
        return None
    return added[len(b"<script>"):-len(b"</script>")].decode("utf-8")


def serve(server, config) -> None:
    """Allow exactly the live-reload script of each page MkDocs serves (by hash, in that page's CSP)."""
    inject = getattr(server, "_inject_js_into_html", None)
    if inject is None:
        return  # this MkDocs injects no script: nothing to allow

    def inject_allowed(content: bytes, epoch: int) -> bytes:
        output = inject(content, epoch)
        script = _injected_script(content, output)
        if script is None:
            return output
        allowed = safety.script_hash(script).encode("ascii") + b" "
        return _CSP_SCRIPTS.sub(lambda m: m.group(1) + allowed, output, count=1)

    server._inject_js_into_html = inject_allowed


def post_build(catalog, config):
    for not_found in languages.not_found_paths(config):  # rendered as a theme template: no post_page
        text = not_found.read_text(encoding="utf-8")
        not_found.write_text(harden_html(text, config), encoding="utf-8")
