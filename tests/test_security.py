"""Security gate: XSS and injection payloads in every text field of the content
never produce executable markup in any page, JSON-LD block or search result;
URL fields only take http(s); every page has a CSP that loads without
violations.

A poisoned copy of the project is built once into a temp dir: activity i gets
payload i in ALL its text fields and its Markdown body; organisation and wijk
names get payloads too.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from activity_directory.publish import safety
from activity_directory.content.loading import load_catalog
from conftest import activity_sources, REFERENCE, ROOT, build_site, copy_project, serve
from gates import html_pages, parse, representatives, search_for, url_path

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script><script>alert(1)</script>",
    "javascript:alert(1)",
    "{{ 7*7 }} {% raw %} ${7*7}",
    "' onmouseover='alert(1)' x='",
    "regel\u2028scheiding\u2029</script><b>x</b>",
    "<svg onload=alert(1)>",
    "[x](javascript:alert(1))",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">klik</a>',
    "<style>body{display:none}</style>",
    '<form action="https://evil.example"><input name=q></form>',
    "&lt;script&gt;alert(1)&lt;/script&gt; &amp;",
]
BODY = """{marker} {payload}

Lees [meer](javascript:alert(1)) of [hier](JaVaScRiPt:alert(2)) en <a href="javascript:alert(3)" onclick="alert(4)">klik</a>.

<iframe src="https://evil.example/"></iframe>
<style>body {{ display: none }}</style>
<form action="https://evil.example/"><input name="q"><button>Verstuur</button></form>
<svg onload="alert(5)"><circle r="1"/></svg>
<img src="x" onerror="alert(6)">
<object data="https://evil.example/x.swf"></object>

Een alinea met attributen.
{{: onclick="alert(7)" style="display:none" }}

<script>alert(8)</script>
"""
EXECUTABLE_SCHEMES = ("javascript:", "vbscript:", "data:text/html")
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "data", "xlink:href", "poster")


def marker(i: int) -> str:
    return f"Gifpakket{i:02d}"


def _poison_front_matter(values: dict, text: str) -> dict:
    values["titel"] = text[:80]
    values["samenvatting"] = text[:160]
    values["melding"] = text[:200]
    values["zoekwoorden"] = [text[:40], PAYLOADS[-1][:40]]
    location = values.get("locatie")
    if isinstance(location, dict):
        location["naam"] = text[:100]
        location["adres"] = text[:120]
    values["kosten"] = {"bedrag": 2.5, "per": "les", "toelichting": text[:200]}
    values["aanmelden"] = {"telefoon": "036 123 4567", "toelichting": text[:200]}
    values["contact"] = {"naam": text[:100], "telefoon": "036 123 4568"}
    values.pop("status", None)
    values.pop("alternatief", None)  # only allowed while paused or stopped
    return values


def poison_content(dest: Path) -> dict[str, str]:
    """A copy of content/ with payloads everywhere; returns slug → marker."""
    shutil.copytree(ROOT / "content", dest)
    poisoned = {}
    for i, path in enumerate(activity_sources(dest / "activities")):
        if i >= len(PAYLOADS):
            break
        _, front, _ = path.read_text(encoding="utf-8").split("---\n", 2)
        values = yaml.safe_load(front)
        text = f"{marker(i)} {PAYLOADS[i]}"
        values = _poison_front_matter(values, text)
        body = BODY.format(marker=marker(i), payload=PAYLOADS[i])
        dumped = yaml.safe_dump(values, sort_keys=False, allow_unicode=False, width=1000)
        path.write_text(f"---\n{dumped}---\n{body}", encoding="utf-8")
        poisoned[path.stem] = marker(i)
    organisations = yaml.safe_load((dest / "organisaties.yml").read_text(encoding="utf-8"))
    for i, org in enumerate(organisations.values()):
        org["naam"] = f"Org{i} {PAYLOADS[i % len(PAYLOADS)]}"[:100]
        if "omschrijving" in org:
            org["omschrijving"] = f"Org{i} {PAYLOADS[(i + 3) % len(PAYLOADS)]}"
    (dest / "organisaties.yml").write_text(yaml.safe_dump(organisations, sort_keys=False, allow_unicode=False, width=1000), encoding="utf-8")
    areas = yaml.safe_load((dest / "wijken.yml").read_text(encoding="utf-8"))
    count = 0
    for district in areas["stadsdelen"].values():
        district["naam"] = f"Stadsdeel{count} {PAYLOADS[count % len(PAYLOADS)]}"[:60]
        count += 1
        for wijk in district.get("wijken", {}).values():
            wijk["naam"] = f"Wijk{count} {PAYLOADS[count % len(PAYLOADS)]}"[:60]
            count += 1
    (dest / "wijken.yml").write_text(yaml.safe_dump(areas, sort_keys=False, allow_unicode=False, width=1000), encoding="utf-8")
    return poisoned


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("poisoned")
    slugs = poison_content(base / "content-src")
    project = copy_project(base / "project", content=base / "content-src")
    out = base / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr[-4000:]
    return out, slugs


# -- static checks on every page ------------------------------------------------

def _csp_hashes(collector) -> set[str]:
    for tag, attrs in collector.tags:
        if tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy":
            return set(re.findall(r"'sha256-[^']+'", attrs.get("content") or ""))
    return set()


def dangerous_markup(site: Path, path: Path) -> list[str]:
    """Everything on a page that could execute or leak: the gate's definition."""
    collector = parse(path)
    problems = []
    allowed = _csp_hashes(collector)
    for tag, attrs in collector.tags:
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and value:
                squashed = "".join(ch for ch in value if ch > " ").lower()
                if squashed.startswith(EXECUTABLE_SCHEMES):
                    problems.append(f"<{tag} {name}={value!r}>")
        if tag in ("iframe", "object", "embed", "frame", "style", "base", "meta") and not (
                tag == "meta" and "http-equiv" not in attrs or
                tag == "meta" and (attrs.get("http-equiv") or "").lower() == "content-security-policy"):
            problems.append(f"<{tag}> {attrs}")
        if tag == "form":
            action = attrs.get("action") or ""
            if urlsplit(action).netloc:
                problems.append(f"<form action={action!r}>")
    for attrs, text in collector.scripts:
        kind = (attrs.get("type") or "").lower()
        if attrs.get("src"):
            if urlsplit(attrs["src"]).netloc or not attrs["src"].split("/")[-2:][0] in ("assets", "javascripts", "vendor"):
                problems.append(f"<script src={attrs['src']!r}>")
        elif kind in ("application/json", "application/ld+json"):
            if "</script" in text.lower() or "<!--" in text:
                problems.append(f"{kind} bevat </script of <!--")
            try:
                json.loads(text)
            except ValueError as error:
                problems.append(f"{kind} is geen JSON: {error}")
        elif safety.script_hash(text) not in allowed or "alert(" in text:
            problems.append(f"inline <script> {text[:60]!r}")
    return problems


def test_poisoned_site_contains_no_executable_markup(poisoned_site):
    site, slugs = poisoned_site
    pages = html_pages(site)
    found = {}
    for path in pages:
        problems = dangerous_markup(site, path)
        if problems:
            found[str(path.relative_to(site))] = problems[:5]
    assert not found, json.dumps(dict(list(found.items())[:15]), indent=1, ensure_ascii=False)
    # The payloads did reach the pages (as text): otherwise the test proves nothing.
    for slug, mark in slugs.items():
        page = site / "activiteiten" / slug / "index.html"
        assert mark in page.read_text(encoding="utf-8"), slug


def test_payloads_show_as_plain_text(poisoned_site):
    """Escaped once: the heading and <title> show exactly what the editor typed."""
    from html.parser import HTMLParser

    class Texts(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack, self.h1, self.title = [], "", ""

        def handle_starttag(self, tag, attrs):
            self.stack.append(tag)

        def handle_endtag(self, tag):
            while self.stack and self.stack.pop() != tag:
                pass

        def handle_data(self, data):
            if "h1" in self.stack:
                self.h1 += data
            if self.stack and self.stack[-1] == "title":
                self.title += data

    site, slugs = poisoned_site
    for i, (slug, mark) in enumerate(sorted(slugs.items())):
        expected = f"{mark} {PAYLOADS[int(mark[-2:])]}"[:80].strip()
        texts = Texts()
        texts.feed((site / "activiteiten" / slug / "index.html").read_text(encoding="utf-8"))
        assert texts.h1.strip() == expected, (slug, texts.h1)
        # The theme's <title> collapses whitespace (U+2028 included).
        assert texts.title.startswith(" ".join(expected.split())), (slug, texts.title)


def test_jsonld_is_data_with_the_payload_as_text(poisoned_site):
    site, slugs = poisoned_site
    for slug, mark in slugs.items():
        collector = parse(site / "activiteiten" / slug / "index.html")
        blocks = [json.loads(t) for a, t in collector.scripts if a.get("type") == "application/ld+json"]
        assert blocks, slug
        assert mark in json.dumps(blocks, ensure_ascii=False), slug


def test_search_index_is_plain_text_that_the_script_writes_as_text(poisoned_site):
    """The index holds the payloads as text; search.js only ever writes text
    (no innerHTML or the like), so no entry can become markup."""
    site, slugs = poisoned_site
    texts = [p.read_text(encoding="utf-8") for p in (site / "zoekindex").rglob("*.json")]
    assert any(marker(1) in t for t in texts), "de payloads staan niet in de zoekindex: de test ziet niets"
    for text in texts:
        json.loads(text)
    # search.js and the modules it imports (search-*.js, common.js)
    script = "".join(p.read_text(encoding="utf-8") for p in [*(site / "assets").glob("search*.js"), site / "assets" / "common.js"])
    assert "import " in script and "window.siteSearchNormalise" in script
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "Function(", "setAttribute(\"on", "srcdoc"):
        assert sink not in script, sink


# -- in Chromium -----------------------------------------------------------------

@pytest.mark.browser
def test_poisoned_pages_and_search_run_no_script(browser, poisoned_site):
    site, slugs = poisoned_site
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    dialogs, errors = [], []
    try:
        tab = context.new_page()
        tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        tab.on("pageerror", lambda e: errors.append(str(e)))
        urls = [f"activiteiten/{slug}/" for slug in sorted(slugs)] + [u for _, u in representatives(site)]
        for url in urls:
            tab.goto(base + url, wait_until="networkidle")
            tab.mouse.move(200, 200)
            tab.mouse.move(600, 400)
        # Search for the payloads: every result shows the poisoned title as text.
        tab.goto(base, wait_until="networkidle")
        results = 0
        for query in ("alert", "onerror", "script", "org1", marker(1).lower(), *[marker(i) for i in range(len(PAYLOADS))]):
            assert search_for(tab, query)
            hits = tab.locator("#site-search-panel .search-hit")
            results += hits.count()
            inside = tab.eval_on_selector_all("#site-search-panel .site-search__results *", "els => els.map(e => e.tagName.toLowerCase())")
            assert set(inside) <= {"p", "ul", "li", "a", "span", "time"}, set(inside)
            for item in hits.all()[:5]:
                item.hover()
        for slug, mark in slugs.items():
            assert search_for(tab, mark)
            title = tab.eval_on_selector(f"#site-search-panel .search-hit[data-slug='{slug}'] a", "e => e.textContent")
            expected = f"{mark} {PAYLOADS[int(mark[-2:])]}"[:80]
            assert title == expected, (slug, title)
    finally:
        context.close()
        server.shutdown()
    assert results > 0, "zoeken vond de payloads niet: de test ziet niets"
    assert not dialogs, dialogs


@pytest.mark.browser
def test_every_page_type_loads_without_csp_violations(browser, site_url, built_site):
    context = browser.new_context(locale="nl-NL")
    context.add_init_script("""window.__csp = [];
      document.addEventListener('securitypolicyviolation',
        e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')));""")
    found = {}
    try:
        for kind, url in representatives(built_site):
            tab = context.new_page()
            messages = []
            tab.on("console", lambda m, seen=messages: seen.append(m.text)
                   if "Content Security Policy" in m.text else None)
            tab.goto(site_url + url, wait_until="networkidle")
            search_for(tab, "peuter sport")
            violations = tab.evaluate("window.__csp") + messages
            has_csp = tab.evaluate("""!!document.querySelector('meta[http-equiv="Content-Security-Policy"]')""")
            if violations or not has_csp:
                found[kind] = violations or ["geen CSP"]
            tab.close()
    finally:
        context.close()
    assert not found, found


def test_every_page_has_a_strict_csp(built_site):
    """Every .html file of a real build (404, old names, embeds, flyers, generated pages, /admin/ …)
    carries one policy, before anything that could load or run."""
    pages = html_pages(built_site)
    assert (built_site / "admin" / "index.html") in pages and (built_site / "404.html") in pages
    for path in pages:
        collector = parse(path)
        policies = [a.get("content", "") for t, a in collector.tags
                    if t == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy"]
        assert len(policies) == 1, path
        policy = policies[0]
        first = next(t for t, a in collector.tags if t in ("meta", "script", "link", "style", "img")
                     and not (t == "meta" and "charset" in a))
        assert first == "meta", (path, first)
        if path.relative_to(built_site).parts[0] == "admin":
            # the editors' CMS has a policy of its own (test_cms.py): scripts only from the site, plus
            # its frame guard by hash, never inline code otherwise
            assert "'unsafe-inline'" not in safety.directives(policy)["script-src"], path
            assert safety.directives(policy)["object-src"] == "'none'", path
            continue
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy, path
        assert "script-src 'self'" in policy and "object-src 'none'" in policy, path
        assert "https:" not in policy and "*" not in policy, path


# -- URL fields and the sanitiser --------------------------------------------------

BAD_URLS = ["javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,<b>x</b>",
            "vbscript:msgbox(1)", "file:///etc/passwd", "ftp://example.org/"]


@pytest.mark.parametrize("bad", BAD_URLS)
def test_url_fields_refuse_other_schemes(tmp_path, bad):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = activity_sources(content / "activities")[0]
    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    values = yaml.safe_load(front)
    values["aanmelden"] = {"url": bad}
    values["contact"] = {"website": bad}
    path.write_text(f"---\n{yaml.safe_dump(values, sort_keys=False, allow_unicode=True)}---\n{body}", encoding="utf-8")
    catalog, problems = load_catalog(content, ROOT, today=REFERENCE)
    lines = path.read_text(encoding="utf-8").splitlines()
    flagged = {lines[p.line - 1].strip().split(":")[0] for p in problems if Path(p.path).name == path.name}
    assert {"url", "website"} <= flagged, [str(p) for p in problems]


@pytest.mark.parametrize("url,ok", [
    ("https://example.org/a?b=c", True), ("http://example.org", True), ("mailto:a@example.org", True),
    ("tel:+31361234567", True), ("/activiteiten/x/", True), ("../x/", True), ("#top", True),
    ("javascript:alert(1)", False), (" java\tscript:alert(1)", False), ("JaVaScRiPt:alert(1)", False),
    ("data:text/html;base64,PHNjcmlwdD4=", False), ("vbscript:x", False), ("webcal://x/a.ics", False),
])
def test_url_scheme_allowlist(url, ok):
    assert safety.allowed_url(url) is ok
    assert (safety.safe_url(url) == url) is ok


def test_sanitiser_keeps_formatting_and_drops_the_rest():
    dirty = ('<h2 id="x" onclick="a()">Kop</h2><p class="note">Tekst <a href="javascript:alert(1)">a</a> '
             '<a href="https://example.org" target="_blank">b</a></p><script>alert(1)</script>'
             '<iframe src="https://evil.example"></iframe><img src=x onerror=alert(1)><ul><li>punt</li></ul>')
    clean = safety.sanitize_body(dirty)
    collector = parse(clean)
    tags = [t for t, _ in collector.tags]
    assert tags == ["h2", "p", "a", "a", "ul", "li"], tags
    attrs = {t: a for t, a in collector.tags}
    assert attrs["h2"] == {"id": "x"}
    assert "href" not in collector.tags[2][1]
    assert collector.tags[3][1]["href"] == "https://example.org"
    assert "alert" not in clean and "Kop" in clean and "punt" in clean


def test_own_scripts_use_no_html_sinks(built_site):
    """Our own JS builds the DOM with text nodes: no innerHTML, eval and friends
    (Material's bundle under assets/javascripts/ is the theme's)."""
    sinks = re.compile(r"\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\s*\(|new Function\s*\(|"
                       r"setTimeout\s*\(\s*['\"]|setInterval\s*\(\s*['\"]")
    scripts = [p for p in (built_site / "assets").rglob("*.js") if "javascripts" not in p.parts]
    assert scripts, "geen eigen scripts gevonden"
    found = [f"{p.relative_to(built_site)}: {m.group(0)}" for p in scripts
             for m in sinks.finditer(p.read_text(encoding="utf-8"))]
    assert not found, found
