"""Gate (issue 18, the bar): on every page type in English no Dutch interface text outside
elements marked ``lang="nl"``.

Independent of the templates: the built HTML is read with the standard library's parser, and
every visible text (text nodes outside <script>/<style>, and the texts a reader hears or sees
in ``aria-label``, ``title``, ``alt``, ``placeholder``), whose nearest ``lang`` is not ``nl``, is
compared with the Dutch source of the catalogue (``locales/site.pot``) and the English catalogue:

* a text that *is* a Dutch msgid whose English translation differs (or a Dutch sentence with
  placeholders, such as "Activiteiten in %(gebied)s", filled in) is a finding: the page shows the
  Dutch instead of the translation;
* a text of five or more words of which three or more are Dutch function words ("de", "het",
  "je", …) and none English is a finding too: Dutch that never went through the catalogue.

Editors' free text (titles, descriptions) is Dutch by design and must carry ``lang="nl"``; it is
not a finding there. Page types of features still to convert are listed in :data:`KNOWN` with the
reason; they are expected to fail (``xfail(strict=True)``), so a fix there turns this test red
until the entry is removed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from conftest import ROOT
from gates import html_pages, page_type

CODE = "en"
# Dutch words that do not occur in English (or mean something else there): articles, pronouns,
# prepositions and common verbs. 'in', 'is', 'op' alone are left out (English or codes too).
DUTCH_WORDS = frozenset("""de het een en van voor met niet je jij jouw naar er zijn wordt worden deze dit die dat
ook nog maar bij aan uit tot kun kunt kan wil wilt moet heeft hebben staat staan geen meer waar wat hoe
wie om te alle elke hier daar nu dan als of ze we wij jullie ons onze""".split())
ENGLISH_WORDS = frozenset("""the and of to for with not your you is are this that on at from all every here
there now then if or what how who more no can will""".split())
SKIPPED = {"script", "style", "template", "svg", "code", "pre", "textarea"}
ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")

# Page types of other features, not converted yet (issue 18 stays open for them): the reason.
# A page type listed here must still show Dutch (the test says when it no longer does).
KNOWN: dict[str, str] = {
}
# Texts of the chrome on every page, left to its owner: the reason.
KNOWN_TEXTS: dict[str, str] = {
    "Zoeken": "the name of the theme's search toggle (hooks/hardening.py, _TOGGLE_NAMES)",
}


def _catalogue() -> tuple[set[str], list[re.Pattern]]:
    """Dutch msgids whose English differs, and the ones with placeholders as patterns."""
    english = {m.id if isinstance(m.id, str) else m.id[0]: m.string
               for m in read_po(open(ROOT / "locales" / CODE / "LC_MESSAGES" / "site.po", "rb")) if m.id}
    plain, patterns = set(), []
    for message in read_po(open(ROOT / "locales" / "site.pot", "rb")):
        if not message.id:
            continue
        for msgid in ([message.id] if isinstance(message.id, str) else list(message.id)):
            translated = english.get(msgid if isinstance(message.id, str) else message.id[0])
            translated = translated if isinstance(translated, str) else (translated or [""])[0]
            if not translated or translated == msgid:
                continue  # the same in English ('Flyer: …'), or a name
            if "%(" not in msgid:
                plain.add(_norm(msgid))
                continue
            literal = re.sub(r"%\([^)]*\)[sd]", " ", msgid)
            if len(re.findall(r"[^\W\d_]", literal)) < 10:
                continue  # mostly placeholders: would match any text
            parts = re.split(r"%\([^)]*\)[sd]", _norm(msgid))
            patterns.append(re.compile("^" + "(.+?)".join(re.escape(p) for p in parts) + "$"))
    return plain, patterns


def _norm(text: str) -> str:
    return " ".join(text.split())


class _Texts(HTMLParser):
    """Every visible text of a page with the language it is in (the nearest ``lang``)."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []  # (tag, lang)
        self.found: list[tuple[str, str]] = []  # (lang, text)

    def _lang(self) -> str:
        return next((lang for _, lang in reversed(self.stack) if lang), "")

    def _skipping(self) -> bool:
        return any(tag in SKIPPED for tag, _ in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag not in self.VOID:
            self.stack.append((tag, a.get("lang")))
        lang = a.get("lang") or self._lang()
        if not self._skipping() and tag != "meta":
            for name in ATTRIBUTES:
                if a.get(name):
                    self.found.append((lang, a[name]))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if data.strip() and not self._skipping():
            if self.stack and self.stack[-1][0] == "title":
                self.title = data  # no element inside <title> can carry lang: see dutch_findings
                return
            if any(tag == "h1" for tag, _ in self.stack) and self._lang().split("-")[0] == "nl":
                self.dutch_h1 += data
            self.found.append((self._lang(), data))

    title = ""
    dutch_h1 = ""


def dutch_findings(html: str, plain: set[str], patterns: list[re.Pattern]) -> list[str]:
    """The Dutch interface texts of a page outside elements marked lang=nl."""
    parser = _Texts()
    parser.feed(html)
    parser.close()
    # The document's <title> is the page's heading and the site's name; it cannot mark a part as
    # Dutch, so a heading marked lang="nl" (an editor's title) is left out of it, the rest is checked.
    title, heading = parser.title.strip(), _norm(parser.dutch_h1)
    if heading and _norm(title).startswith(heading):
        title = _norm(title)[len(heading):]
    if title.strip(" -–|"):
        parser.found.append(("", title.strip(" -–|")))
    findings = []
    for lang, raw in parser.found:
        if lang.split("-")[0] == "nl":
            continue
        text = _norm(raw)
        words = re.findall(r"[^\W\d_]+", text.lower())
        if text in plain or any(p.match(text) for p in patterns):
            findings.append(text)
        elif len(words) >= 5 and len(set(words) & DUTCH_WORDS) >= 3 and not set(words) & ENGLISH_WORDS:
            findings.append(text)
    return findings


@pytest.fixture(scope="module")
def catalogue():
    return _catalogue()


def _types(site: Path) -> dict[str, list[Path]]:
    groups: dict[str, list[Path]] = {}
    for path in html_pages(site):
        kind = page_type(site, path)
        if kind.startswith(CODE + "/"):
            groups.setdefault(kind, []).append(path)
    return groups


def test_the_gate_finds_dutch_it_is_shown(catalogue):
    """It can fail: Dutch interface text (a msgid, a filled-in sentence, unmarked Dutch prose) is
    found; the same inside lang=nl, and English, are not."""
    plain, patterns = catalogue
    page = ('<html lang="en"><body><p>Print de flyer</p><h1>Activiteiten in Bloemenbuurt</h1>'
            '<p>Zet de lijst op je website en stuur de link naar de ouders.</p>'
            '<p lang="nl">Print de flyer</p><p>Print the flyer</p><button aria-label="Kopieer de link">x</button>'
            '<script>var a = "Print de flyer";</script></body></html>')
    assert dutch_findings(page, plain, patterns) == [
        "Print de flyer", "Activiteiten in Bloemenbuurt", "Zet de lijst op je website en stuur de link naar de ouders.",
        "Kopieer de link"]


def test_every_english_page_type_speaks_english(built_site, catalogue):
    """Every page type in English, each of its pages: no Dutch interface text outside lang=nl."""
    plain, patterns = catalogue
    types = _types(built_site)
    assert any(k.endswith("/embed") for k in types) and any(k.endswith("/flyer") for k in types), sorted(types)
    assert f"{CODE}/delen" in types and f"{CODE}/home" in types and f"{CODE}/404" in types, sorted(types)
    failing, fixed = {}, []
    for kind, paths in sorted(types.items()):
        found: dict[str, list[str]] = {}
        for path in paths:
            for text in dutch_findings(path.read_text(encoding="utf-8"), plain, patterns):
                if text in KNOWN_TEXTS:
                    continue
                found.setdefault(text, []).append(path.relative_to(built_site).as_posix())
        if found and kind not in KNOWN:
            failing[kind] = {text: pages[:2] for text, pages in list(found.items())[:8]}
        elif not found and kind in KNOWN:
            fixed.append(kind)
    assert not failing, failing
    assert not fixed, f"speaks English now, remove from KNOWN: {fixed}"
