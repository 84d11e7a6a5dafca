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
