"""Output safety: allowlist sanitising, URL schemes, escaping and the CSP.

Plain Python (no MkDocs). The hooks apply these to what editors write:
activity bodies (Markdown with possible raw HTML) and page titles (which the
theme prints unescaped). The search index holds plain text, which the search
script only ever writes as text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from urllib.parse import urlsplit

import nh3

# Schemes a link in editor content may use. Everything else (javascript:,
# data:, vbscript:, file: …) is dropped.
URL_SCHEMES = frozenset({"https", "http", "mailto", "tel"})

# What a description written in Markdown may produce. No scripts, styles,
# forms, frames, media or event handlers; links only with the schemes above.
BODY_TAGS = frozenset({
    "p", "br", "hr", "strong", "em", "b", "i", "u", "s", "small", "sub", "sup", "mark", "abbr",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "code", "pre", "kbd",
    "h2", "h3", "h4", "h5", "h6", "a", "div", "span",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
})
BODY_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    # Headings keep their id: the table of contents and permalinks point at it.
    **{f"h{n}": {"id"} for n in range(2, 7)},
    # Admonitions (`!!! note`) are divs/paragraphs with classes.
    "div": {"class"}, "p": {"class"}, "span": {"class"},
}
# Content dropped with its tags (not only the tags).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "iframe", "object", "embed",
                                  "noscript", "textarea", "select", "svg", "math"})

def allowed_url(url: str) -> bool:
    """True for relative URLs and absolute ones with an allowed scheme."""
    value = "".join(ch for ch in url if ch > " " and ch != "\x7f")  # browsers ignore these
    try:
        scheme = urlsplit(value).scheme
    except ValueError:
        return False
    if not scheme:
        return True  # relative, root-relative or protocol-relative
    return scheme.lower() in URL_SCHEMES


def safe_url(url: str | None) -> str | None:
    """The URL itself when it is safe to put in an ``href``, else ``None``."""
    if url is None:
        return None
    return url if allowed_url(url) else None


def sanitize_body(fragment: str) -> str:
    """Allowlist-sanitise the rendered HTML of an editor's description."""
    return nh3.clean(
        fragment,
        tags=set(BODY_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={k: set(v) for k, v in BODY_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def escape_text(value: str) -> str:
    """Escape text for HTML (element content and quoted attributes)."""
    return html.escape(value, quote=True)


def script_hash(source: str) -> str:
    """A CSP source expression allowing exactly this inline script."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def content_security_policy(script_hashes: list[str] | tuple[str, ...] = (), own_frames: bool = False) -> str:
    """The policy of every page: only this site's own files, no inline script
    except the theme's own snippets (allowed by hash), no plugins, no frames
    (``own_frames``: frames of this site's own pages, for a preview)."""
    scripts = " ".join(["'self'", *sorted(set(script_hashes))])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "frame-src 'self'" if own_frames else "frame-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def template_script_patterns(template_text: str) -> list[re.Pattern]:
    """Patterns matching the inline scripts a Jinja template can emit.

    Each ``<script>`` without ``src`` or ``type`` in the template becomes a
    pattern in which every ``{{ … }}`` expression may only be a plain value
    (no quotes, angle brackets or backslashes: it cannot leave a JS string).
    """
    patterns = []
    for match in re.finditer(r"<script>(.*?)</script>", template_text, re.S):
        body = match.group(1)
        if "{%" in body:
            continue  # control flow inside a script: not supported, so never allowed
        parts = re.split(r"\{\{.*?\}\}", body)
        patterns.append(re.compile(r"[^\"'<>\\`\n]*".join(re.escape(p) for p in parts)))
    return patterns


# -- HTTP headers, for hosts that can send them ----------------------------------------
#
# Every page carries its own policy in a <meta> (above; /admin/ has its own, editors.cms). A meta
# policy cannot say who may frame a page (frame-ancestors), and GitHub Pages sends no headers of
# our choosing. Where a host can, it sends these as well. The header's policy holds the
# directives that are the same in every page's policy, plus frame-ancestors; a browser enforces
# both policies, so the header never loosens a page and never needs a page's script hashes.

SECURITY_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),  # the same as the embeds' <meta name="referrer">
    ("Strict-Transport-Security", "max-age=31536000"),  # a year; no includeSubDomains: other hosts of the domain are not ours
)
HEADER_DIRECTIVES = ("object-src", "base-uri", "form-action")
ANY_SITE, THIS_SITE, NO_SITE = "*", "'self'", "'none'"  # frame-ancestors: embeds, every other page, the web editor


def directives(policy: str) -> dict[str, str]:
    """``'a x; b y'`` → ``{'a': 'x', 'b': 'y'}``."""
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in policy.split(";") if part.strip())


def header_policy(frame_ancestors: str) -> str:
    """The Content-Security-Policy header: the directives every page shares, and who may frame it."""
    shared = directives(content_security_policy())
    return "; ".join([*(f"{name} {shared[name]}" for name in HEADER_DIRECTIVES), f"frame-ancestors {frame_ancestors}"])


def _placeholders(url: str) -> str:
    """``wijken/haven/embed/`` → ``/:a/:b/embed/*`` (one segment each; hosts differ on ``*`` elsewhere)."""
    *parents, last = url.strip("/").split("/")
    return "/" + "".join(f":{chr(97 + i)}/" for i in range(len(parents))) + f"{last}/*"


def headers_file(framed_anywhere: list[str], closed: list[str]) -> str:
    """``_headers`` for Netlify and Cloudflare Pages.

    ``framed_anywhere``: URL paths of pages any site may frame (the embeds, ``wijken/x/embed/``);
    ``closed``: folders no site may frame (``admin/``). Each becomes a rule after the one for every
    path. Cloudflare joins the values of a header from several matching rules (for CSP: two
    policies, both enforced), so a later rule first detaches the general one (``! Name``);
    Netlify skips that line and lets the later rule's value win.
    """
    lines = ["# Gemaakt door de build (activity_directory.publish.safety). Niet met de hand aanpassen.", "/*"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS]
    lines.append(f"  Content-Security-Policy: {header_policy(THIS_SITE)}")
    rules = [(pattern, ANY_SITE) for pattern in sorted({_placeholders(url) for url in framed_anywhere})]
    rules += [(f"/{folder.strip('/')}/*", NO_SITE) for folder in closed]
    for pattern, ancestors in rules:
        lines += [pattern, "  ! Content-Security-Policy", f"  Content-Security-Policy: {header_policy(ancestors)}"]
        if ancestors == NO_SITE:
            lines.append("  X-Frame-Options: DENY")  # for browsers without frame-ancestors
    return "\n".join(lines) + "\n"


def nginx_snippet(framed_folder: str, closed: list[str]) -> str:
    """The same headers for nginx, inside a ``server { }`` block: pages in a folder named
    ``framed_folder`` (``embed``) may be framed by any site, the ``closed`` folders by none.
    (nginx forgets the server's ``add_header`` lines in a location that has its own, so each
    location repeats them.)"""

    def block(ancestors: str, indent: str) -> list[str]:
        found = [f'{indent}add_header {name} "{value}" always;' for name, value in SECURITY_HEADERS]
        found.append(f'{indent}add_header Content-Security-Policy "{header_policy(ancestors)}" always;')
        if ancestors == NO_SITE:
            found.append(f'{indent}add_header X-Frame-Options "DENY" always;')
        return found

    lines = ["# Gemaakt uit activity_directory.publish.safety (nginx_snippet); in het server-blok van de site.",
             *block(THIS_SITE, "")]
    lines += [f"location ~ /{framed_folder}/ {{", *block(ANY_SITE, "    "), "}"]
    for folder in closed:
        lines += [f"location ^~ /{folder.strip('/')}/ {{", *block(NO_SITE, "    "), "}"]
    return "\n".join(lines) + "\n"
