"""HTTP headers for hosts that can send them, and /admin/ refusing to be framed where they cannot.

* ``site/_headers`` (Netlify, Cloudflare Pages) is written by the build from the same policy as
  the pages' meta CSP (``safety``); the README's copy is that file, and its nginx snippet is what
  ``safety.nginx_snippet`` makes (parsed by crossplane, NGINX's own parser).
* /admin/ framed by another site (a second local server on another port and host name) shows
  nothing: its frame guard runs under the page's own CSP (a hash, no 'unsafe-inline').
"""

from __future__ import annotations

import re
from pathlib import Path

import crossplane
import pytest

from conftest import ROOT, serve, wait_until
from gates import html_pages, parse

from activity_directory.editors import cms
from activity_directory.publish import safety

# CSP Level 3 directive names (W3C), so a typo in a policy is found here, not by a browser later.
CSP_DIRECTIVES = {
    "default-src", "script-src", "script-src-elem", "script-src-attr", "style-src", "style-src-elem",
    "style-src-attr", "img-src", "font-src", "connect-src", "media-src", "object-src", "frame-src",
    "child-src", "worker-src", "manifest-src", "base-uri", "form-action", "frame-ancestors", "sandbox",
    "upgrade-insecure-requests", "report-to", "report-uri",
}
SOURCE = re.compile(r"^('self'|'none'|'unsafe-eval'|'unsafe-inline'|'sha256-[A-Za-z0-9+/]+={0,2}'|\*|data:|blob:|https://[a-z0-9.-]+(:\d+)?|http://127\.0\.0\.1:\d+)$")


def parse_policy(value: str) -> dict[str, list[str]]:
    """A CSP header or meta value: directive -> sources; fails on an unknown directive or source."""
    found: dict[str, list[str]] = {}
    for part in value.split(";"):
        name, *sources = part.split()
        assert name in CSP_DIRECTIVES, name
        assert name not in found, f"{name} twice"
        assert all(SOURCE.match(s) for s in sources), sources
        found[name] = sources
    return found


def parse_headers_file(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Netlify's and Cloudflare's syntax: a path line, then indented 'Name: value' (or '! Name')."""
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("/"):
            assert " " not in line, (number, line)
            rules.append((line, []))
            continue
        assert line.startswith("  ") and rules, (number, line)
        entry = line.strip()
        if entry.startswith("! "):
            rules[-1][1].append(("!", entry[2:]))
            continue
        name, separator, value = entry.partition(": ")
        assert separator and re.fullmatch(r"[A-Za-z-]+", name) and value, (number, line)
        rules[-1][1].append((name, value))
    return rules


def _matches(pattern: str, path: str) -> bool:
    """A rule's path (':name' one segment, a trailing '*' anything) against a URL path."""
    regex = "".join("[^/]+" if part.startswith(":") else re.escape(part)
                    for part in re.split(r"(:[a-z]+)", pattern[:-1] if pattern.endswith("*") else pattern))
    return re.fullmatch(regex + (".*" if pattern.endswith("*") else ""), path) is not None


def headers_for(rules, path: str) -> dict[str, list[str]]:
    """What Cloudflare Pages sends (rules in order; '!' detaches what earlier rules added)."""
    sent: dict[str, list[str]] = {}
    for pattern, entries in rules:
        if _matches(pattern, path):
            for name, value in entries:
                if name == "!":
                    sent.pop(value.lower(), None)
                else:
                    sent.setdefault(name.lower(), []).append(value)
    return sent


def _readme_block(after: str, language: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    at = text.index(after)
    match = re.compile(rf"```{language}\n(.*?)```", re.S).search(text, at)
    assert match, f"geen ```{language} blok na {after!r} in README.md"
    return match.group(1)


def test_headers_file_is_written_and_parses(built_site):
    rules = parse_headers_file((built_site / "_headers").read_text(encoding="utf-8"))
    embeds = [p for p in html_pages(built_site) if "embed" in p.relative_to(built_site).parts]
    assert embeds
    pages = {"/": "'self'", "/activiteiten/" + next((built_site / "activiteiten").iterdir()).name + "/": "'self'",
             "/admin/": "'none'", "/404.html": "'self'", "/agenda.ics": "'self'"}
    pages.update({"/" + p.relative_to(built_site).parent.as_posix() + "/": "*" for p in embeds})
    pages["/embed/"] = "*"
    for path, ancestors in pages.items():
        sent = headers_for(rules, path)
        assert sent["x-content-type-options"] == ["nosniff"], path
        assert sent["strict-transport-security"][0].startswith("max-age="), path
        assert sent["referrer-policy"] == ["strict-origin-when-cross-origin"], path
        [policy] = sent["content-security-policy"]  # one policy, never two joined
        parsed = parse_policy(policy)
        assert parsed["frame-ancestors"] == [ancestors], (path, policy)
        assert "script-src" not in parsed and "default-src" not in parsed, policy  # the pages' meta says those
    assert headers_for(rules, "/admin/")["x-frame-options"] == ["DENY"]


def test_header_policy_is_what_every_page_says(built_site):
    """One source of truth: the header repeats directives that every page's own policy has."""
    header = parse_policy(safety.header_policy(safety.THIS_SITE))
    for path in html_pages(built_site):
        [meta] = [a["content"] for t, a in parse(path).tags
                  if t == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy"]
        page = parse_policy(meta)
        for name, sources in header.items():
            if name != "frame-ancestors":
                assert page[name] == sources, (path, name)


def test_readme_gives_the_generated_files(built_site):
    readme_headers = _readme_block("### `_headers`", "text")
    assert readme_headers == (built_site / "_headers").read_text(encoding="utf-8")
    assert _readme_block("### nginx", "nginx") == safety.nginx_snippet("embed", ["admin"])


def test_nginx_snippet_parses_and_sets_each_header(tmp_path):
    snippet = safety.nginx_snippet("embed", ["admin"])
    config = tmp_path / "nginx.conf"
    config.write_text("events {}\nhttp {\n  server {\n    listen 8080;\n    root /srv/site;\n"
                      + "".join(f"    {line}\n" for line in snippet.splitlines()) + "  }\n}\n", encoding="utf-8")
    payload = crossplane.parse(str(config), strict=True, check_ctx=True, check_args=True)
    assert payload["status"] == "ok", payload["errors"]
    [server] = [d for d in payload["config"][0]["parsed"][1]["block"] if d["directive"] == "server"]

    def headers(block) -> dict[str, str]:
        return {d["args"][0]: d["args"][1] for d in block if d["directive"] == "add_header"}

    top = headers(server["block"])
    locations = {tuple(d["args"]): headers(d["block"]) for d in server["block"] if d["directive"] == "location"}
    assert set(locations) == {("~", "/embed/"), ("^~", "/admin/")}
    for found, ancestors in ((top, "'self'"), (locations["~", "/embed/"], "*"), (locations["^~", "/admin/"], "'none'")):
        assert found["X-Content-Type-Options"] == "nosniff"
        assert parse_policy(found["Content-Security-Policy"])["frame-ancestors"] == [ancestors]
        assert {name for name, _ in safety.SECURITY_HEADERS} <= set(found)
    assert locations["^~", "/admin/"]["X-Frame-Options"] == "DENY"


FRAMING_PAGE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Andere site</title></head>
<body><h1>Een andere site</h1><iframe id="f" src="{admin}" width="1000" height="700"></iframe></body></html>"""


@pytest.mark.browser
def test_admin_does_not_render_in_a_frame_of_another_site(browser, built_site, site_url, tmp_path):
    """A second server on another port (and host name: another site) frames /admin/: nothing shows."""
    (tmp_path / "index.html").write_text(FRAMING_PAGE.format(admin=site_url + "admin/"), encoding="utf-8")
    other = serve(tmp_path)
    other_url = f"http://localhost:{other.server_address[1]}/"
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.add_init_script("""window.__csp = [];
      document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));""")
    try:
        tab = context.new_page()
        tab.goto(other_url, wait_until="load")
        frame = tab.locator("#f").element_handle().content_frame()
        assert frame is not None and frame.url.startswith(site_url + "admin/"), [f.url for f in tab.frames]
        # (the guard stops the page loading: no load event to wait for)
        wait_until(frame, "document.documentElement && document.documentElement.hidden")
        assert tab.url == other_url  # the top stays where it is (Chromium blocks a frame moving it without a click)
        assert frame.evaluate("document.documentElement.hidden") is True
        assert frame.evaluate("window.__csp") == []  # the guard ran under the page's policy (its hash)
        box = frame.evaluate("JSON.stringify(document.documentElement.getBoundingClientRect())")
        assert '"width":0' in box and '"height":0' in box, box  # not rendered at all
        tab.wait_for_timeout(1500)  # time in which Decap would have drawn its login
        assert frame.evaluate("typeof window.CMS") == "undefined"  # Decap was never loaded
        assert frame.get_by_role("button", name="Inloggen met GitHub").count() == 0
        # the same page on its own renders (so the check above is not a page that never renders)
        own = context.new_page()
        own.goto(site_url + "admin/", wait_until="networkidle")
        own.get_by_role("button", name="Inloggen met GitHub").wait_for(timeout=30000)
        assert own.evaluate("document.documentElement.hidden") is False
        assert own.evaluate("window.__csp") == []
    finally:
        context.close()
        other.shutdown()


def test_frame_guard_is_allowed_by_hash_only():
    policy = parse_policy(cms.admin_policy())
    assert safety.script_hash(cms.FRAME_GUARD) in policy["script-src"]
    assert "'unsafe-inline'" not in policy["script-src"]
    page = cms.admin_page("Test")
    assert page.index(f"<script>{cms.FRAME_GUARD}</script>") < page.index("<script src=")


def test_admin_policy_parses():
    parse_policy(cms.admin_policy(cms.Settings(local_backend="http://127.0.0.1:8081/api/v1")))
