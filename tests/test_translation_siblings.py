"""Editors' translations of free text (issue 18.4): ``content/activities/<slug>.<code>.md`` holds only the
model's free-text keys and a body. A bad sibling is a Dutch ``path:line`` problem in ``make check`` and in the
strict build alike; a good one is shown on that language's page, in that language (no ``lang="nl"``), and
nowhere else.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import icalendar.parser
import pytest

from activity_directory.content.model import FACTS, TRANSLATABLE

from conftest import FIXTURES, ROOT, build_site, copy_project

SAMPLE = "peuterzwemmen-haven"  # content/activities/peuterzwemmen-haven.en.md is the sample translation
TALEN = {"TALEN": "nl,en,pl"}


class _Marked(HTMLParser):
    """Text of the elements with a class, h1 and the description, each with the lang it is in."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, str | None, str]] = []
        self.found: dict[str, list[tuple[str | None, str]]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        lang = a.get("lang", self.stack[-1][1] if self.stack else None)
        if tag in ("meta",):
            if a.get("name") == "description" or a.get("property") == "og:title":
                self.found.setdefault("meta:" + (a.get("name") or a.get("property")), []).append((None, a.get("content") or ""))
            return
        if tag in ("br", "img", "link", "input", "hr", "source"):
            return
        name = tag if tag == "h1" else (a.get("class") or "").split(" ")[0]
        self.stack.append((tag, lang, name))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if data.strip():
            for _, lang, name in self.stack:
                if name:
                    self.found.setdefault(name, []).append((self.stack[-1][1], data.strip()))


def _page(out: Path, code: str) -> dict:
    parser = _Marked()
    prefix = f"{code}/" if code != "nl" else ""
    parser.feed((out / f"{prefix}activiteiten/{SAMPLE}/index.html").read_text(encoding="utf-8"))
    return parser.found


@pytest.fixture(scope="module")
def languages_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("talen")
    result = build_site(ROOT, out, extra_env=TALEN)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_the_translatable_keys_come_from_the_model():
    assert "titel" in TRANSLATABLE and "samenvatting" in TRANSLATABLE
    assert not set(TRANSLATABLE) & set(FACTS) and "kosten" in FACTS and "tijden" in FACTS


def test_the_english_page_shows_the_translation_without_lang_nl(languages_site):
    english = _page(languages_site, "en")
    sibling = (ROOT / "content" / "activities" / f"{SAMPLE}.en.md").read_text(encoding="utf-8")
    title = next(line.split(": ", 1)[1] for line in sibling.splitlines() if line.startswith("titel: "))
    summary = next(line.split(": ", 1)[1] for line in sibling.splitlines() if line.startswith("samenvatting: "))
    assert english["h1"] == [("en", title)]
    assert english["summary"] == [("en", summary)]
    assert "in-dutch" not in english
    described = english["description"]
    assert any("shallow teaching pool" in text for _, text in described)
    assert all(lang == "en" for lang, _ in described), described  # no lang="nl" on the translated body
    assert any(title in text for _, text in english["meta:og:title"])


def test_other_languages_and_dutch_keep_the_dutch_text(languages_site):
    dutch = _page(languages_site, "nl")
    polish = _page(languages_site, "pl")
    assert [text for _, text in dutch["h1"]] == ["Watergewenning voor peuters"]
    assert [text for _, text in polish["h1"]] == ["Watergewenning voor peuters"]
    assert polish["summary"][0] == ("nl", dutch["summary"][0][1])
    assert "in-dutch" in polish and "in-dutch" not in dutch
    body = [(lang, text) for lang, text in polish["description"] if "ondiepe instructiebad" in text]
    assert body and all(lang == "nl" for lang, _ in body), polish["description"]
    assert not any("shallow" in text for _, text in dutch["description"] + polish["description"])


BAD = {
    f"{SAMPLE}.pl.md": ("---\ntitel: Oswajanie z wodą\nkosten: gratis\n---\nTekst.\n", 3, "'kosten' is een gegeven"),
    f"{SAMPLE}.tr.md": ("---\ntitel: Su\nonbekend: x\n---\n", 3, "onbekende sleutel 'onbekend'"),
    f"{SAMPLE}.xx.md": ("---\ntitel: Water\n---\n", 1, "'xx' in de bestandsnaam"),
    "bestaat-niet.en.md": ("---\ntitel: Water\n---\n", 1, "er is geen activiteit activities/bestaat-niet.md"),
    f"{SAMPLE}.uk.md": ("---\nsamenvatting: " + "x" * 200 + "\n---\n", 2, "maximaal 160"),
}


def test_a_bad_sibling_is_the_same_dutch_problem_in_check_and_build(tmp_path):
    project = copy_project(tmp_path / "project")
    for name, (text, _, _) in BAD.items():
        (project / "content" / "activities" / name).write_text(text, encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "activity_directory.editors.check", "content"], cwd=project,
                           capture_output=True, text=True)
    build = build_site(project, tmp_path / "out", extra_env=TALEN)
    assert check.returncode != 0 and build.returncode != 0
    for name, (_, line, words) in BAD.items():
        expected = f"content/activities/{name}:{line}: "
        for output in (check.stdout + check.stderr, build.stderr):
            hits = [row for row in output.splitlines() if expected in row]
            assert hits and words in hits[0], (name, output[-3000:])
            assert "Traceback" not in output


def _card_titles(out: Path, code: str) -> set[str]:
    """The title of the sample's card on every list page of language ``code`` (Dutch: the pages outside /<code>/)."""
    card = re.compile(rf'<li class="card" data-slug="{SAMPLE}"[^>]*><h3><a [^>]*>([^<]*)</a>')
    titles = set()
    for path in out.glob("**/index.html"):
        folder = path.relative_to(out).parts[0]
        if (folder == code) if code != "nl" else folder not in ("en", "pl"):
            titles.update(card.findall(path.read_text(encoding="utf-8")))
    return titles


def test_cards_and_the_directory_index_use_the_translated_title(languages_site):
    assert _card_titles(languages_site, "en") == {"Water confidence for toddlers"}
    assert _card_titles(languages_site, "pl") == _card_titles(languages_site, "nl") == {"Watergewenning voor peuters"}
    index = {code: (languages_site / "assets" / "gids" / f"activiteiten.{code}.js").read_text(encoding="utf-8")
             for code in ("en", "pl")}
    index["nl"] = (languages_site / "assets" / "gids" / "activiteiten.js").read_text(encoding="utf-8")
    assert "Water confidence for toddlers" in index["en"]
    assert "Water confidence for toddlers" not in index["pl"] + index["nl"] and "Watergewenning voor peuters" in index["pl"]


def test_a_sibling_with_only_some_texts_keeps_the_rest_dutch(tmp_path):
    """The fixture's voorlezen-thuis.en.md translates title and summary only: the body stays Dutch, marked so."""
    project = copy_project(tmp_path / "almelo", FIXTURES / "almelo" / "content")
    out = tmp_path / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    parser = _Marked()
    parser.feed((out / "en" / "activiteiten" / "voorlezen-thuis" / "index.html").read_text(encoding="utf-8"))
    page = parser.found
    assert page["h1"] == [("en", "Reading aloud in your home")]
    assert page["summary"] == [("en", "A volunteer comes to your home to read aloud to your child.")]
    assert "in-dutch" in page
    assert {lang for lang, _ in page["description"][2:]} == {"nl"}, page["description"]


def test_feeds_in_the_language_carry_the_translated_title_and_summary(languages_site):
    """The English feed of the sample says the editor's English title (LANGUAGE=en) and summary; the Polish
    one keeps the Dutch title marked LANGUAGE=nl; the UIDs are the same in every language."""
    translation = (ROOT / "content" / "activities" / f"{SAMPLE}.en.md").read_text(encoding="utf-8")
    english_title = re.search(r"^titel: (.+)$", translation, re.M).group(1)
    english_summary = re.search(r"^samenvatting: (.+)$", translation, re.M).group(1)
    dutch = (ROOT / "content" / "activities" / f"{SAMPLE}.md").read_text(encoding="utf-8")
    dutch_title = re.search(r"^titel: (.+)$", dutch, re.M).group(1)

    names = {}

    def events(code):
        prefix = f"{code}/" if code != "nl" else ""
        calendar = icalendar.Calendar.from_ical((languages_site / f"{prefix}activiteiten/{SAMPLE}/agenda.ics").read_bytes())
        names[code] = str(calendar["X-WR-CALNAME"])
        return [e for e in calendar.walk("VEVENT")]

    english, polish, nl = events("en"), events("pl"), events("nl")
    assert english and len(english) == len(polish) == len(nl)
    for event in english:
        assert str(event["SUMMARY"]) == english_title and event["SUMMARY"].params.get("LANGUAGE") == "en"
        assert str(event["DESCRIPTION"]).startswith(english_summary)
    for event in polish:
        assert str(event["SUMMARY"]) == dutch_title and event["SUMMARY"].params.get("LANGUAGE") == "nl"
    for event in nl:
        assert str(event["SUMMARY"]) == dutch_title and "LANGUAGE" not in event["SUMMARY"].params
    assert [str(e["UID"]) for e in english] == [str(e["UID"]) for e in polish] == [str(e["UID"]) for e in nl]
    # the calendar's own name: the title as the parent reads it
    assert names["en"].startswith(english_title + " – ") and names["pl"].startswith(dutch_title + " – ")
    assert names["nl"] == names["pl"]


# -- every place that shows a title (issue 18.4) ----------------------------------------------------------
# In a copy of the project: kinderwerk-molenbuurt gets an English sibling and kinderwerk-eilandenbuurt (paused,
# alternatief: kinderwerk-molenbuurt) a Polish one with its title only. So on /en/ the alternative's title is
# translated and the paused one's is Dutch, on /pl/ the other way round; seniorengym-hout-noord (paused too,
# alternatief seniorensport-buiten) has no translation at all.
ALTERNATIVE, PAUSED = "kinderwerk-molenbuurt", "kinderwerk-eilandenbuurt"
SIBLINGS = {
    f"{ALTERNATIVE}.en.md": {"titel": "Play afternoon Molenbuurt",
                             "samenvatting": "Play and crafts every Monday and Wednesday in the community centre."},
    f"{PAUSED}.pl.md": {"titel": "Klub dziecięcy Eilandenbuurt"},
}


def _dutch_text(slug: str, key: str) -> str:
    source = (ROOT / "content" / "activities" / f"{slug}.md").read_text(encoding="utf-8")
    return re.search(rf"^{key}: (.+)$", source, re.M).group(1)


def _sample_text(key: str) -> str:
    source = (ROOT / "content" / "activities" / f"{SAMPLE}.en.md").read_text(encoding="utf-8")
    return re.search(rf"^{key}: (.+)$", source, re.M).group(1)


class _Elements(HTMLParser):
    """Every element as (tag, attributes, the lang it is in, its own text), lang inherited from its ancestors."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self):
        super().__init__()
        self.open: list[list] = []
        self.elements: list[list] = []
        self.scripts: list[tuple[str, str]] = []  # (type, text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        lang = a.get("lang", self.open[-1][2] if self.open else None)
        element = [tag, a, lang, ""]
        self.elements.append(element)
        if tag not in self.VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    def handle_data(self, data):
        for element in self.open:
            element[3] += data
        if self.open and self.open[-1][0] == "script":
            self.scripts.append((self.open[-1][1].get("type", ""), data))


def _parsed(out: Path, code: str, path: str) -> _Elements:
    parser = _Elements()
    parser.feed((out / (f"{code}/" if code != "nl" else "") / path).read_text(encoding="utf-8"))
    return parser


def _meta(page: _Elements) -> dict[str, str]:
    return {a.get("name") or a.get("property"): a.get("content", "") for tag, a, _, _ in page.elements
            if tag == "meta" and (a.get("name") or a.get("property"))}


@pytest.fixture(scope="module")
def titled_site(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("titels")
    project = copy_project(base / "project")
    for name, texts in SIBLINGS.items():
        front = "".join(f"{key}: {text}\n" for key, text in texts.items())
        (project / "content" / "activities" / name).write_text(f"---\n{front}---\n", encoding="utf-8")
    result = build_site(project, base / "site", extra_env=TALEN)
    assert result.returncode == 0, result.stderr[-3000:]
    return base / "site"


def _alternative_link(out: Path, code: str, slug: str) -> tuple[str, str | None]:
    page = _parsed(out, code, f"activiteiten/{slug}/index.html")
    paragraph = next(e for e in page.elements if e[0] == "p" and e[1].get("class") == "alternative")
    start = page.elements.index(paragraph)
    link = next(e for e in page.elements[start:] if e[0] == "a")
    return link[3].strip(), link[2]


def test_the_alternative_link_names_the_alternative_as_the_reader_sees_it(titled_site):
    dutch_title = _dutch_text(ALTERNATIVE, "titel")
    assert _alternative_link(titled_site, "en", PAUSED) == (SIBLINGS[f"{ALTERNATIVE}.en.md"]["titel"], "en")
    assert _alternative_link(titled_site, "pl", PAUSED) == (dutch_title, "nl")  # not translated: marked Dutch
    assert _alternative_link(titled_site, "nl", PAUSED) == (dutch_title, "nl")
    untranslated = _dutch_text("seniorensport-buiten", "titel")
    for code in ("en", "pl"):
        assert _alternative_link(titled_site, code, "seniorengym-hout-noord") == (untranslated, "nl")


def test_paused_links_under_a_list_carry_the_title_in_its_language(titled_site):
    def paused(code):
        page = _parsed(titled_site, code, "wijken/eilandenbuurt/index.html")
        found = [(e[3].strip(), e[2]) for e in page.elements
                 if e[0] == "a" and e[1].get("href", "").endswith(f"activiteiten/{PAUSED}/")
                 and any(u[0] == "ul" and u[1].get("class") == "paused" for u in page.elements)]
        return found

    dutch_title = _dutch_text(PAUSED, "titel")
    assert (SIBLINGS[f"{PAUSED}.pl.md"]["titel"], "pl") in paused("pl")
    assert (dutch_title, "nl") in paused("en") and not any(lang == "en" and text == dutch_title for text, lang in paused("en"))


def test_link_previews_and_the_share_text_use_the_translation(titled_site):
    english, polish, dutch = (_parsed(titled_site, code, f"activiteiten/{SAMPLE}/index.html") for code in ("en", "pl", "nl"))
    title, dutch_title = _sample_text("titel"), _dutch_text(SAMPLE, "titel")
    assert _meta(english)["og:title"].startswith(title) and _meta(polish)["og:title"].startswith(dutch_title)
    assert _meta(english)["og:locale"].startswith("en")
    share = {code: next(e[1] for e in page.elements if e[1].get("class") == "share-whatsapp")
             for code, page in (("en", english), ("pl", polish), ("nl", dutch))}
    assert share["en"]["data-share-title"] == title and share["en"]["data-share-text"].startswith(title + ", ")
    assert share["pl"]["data-share-title"] == share["nl"]["data-share-title"] == dutch_title
    assert title in share["en"]["href"] or title.replace(" ", "%20") in share["en"]["href"]
    # a paused activity's description names its alternative: in English where it is translated
    paused = {code: _meta(_parsed(titled_site, code, f"activiteiten/{PAUSED}/index.html"))["description"]
              for code in ("en", "pl")}
    assert SIBLINGS[f"{ALTERNATIVE}.en.md"]["titel"] in paused["en"] and _dutch_text(ALTERNATIVE, "titel") not in paused["en"]
    assert _dutch_text(ALTERNATIVE, "titel") in paused["pl"]


def _jsonld(out: Path, code: str, slug: str) -> dict:
    page = _parsed(out, code, f"activiteiten/{slug}/index.html")
    [(_, text)] = [s for s in page.scripts if s[0] == "application/ld+json"]
    return json.loads(text)


def test_json_ld_is_in_the_language_it_says(titled_site):
    """Translated name and description: the page's language, its inLanguage and its own address; else the
    Dutch texts with inLanguage nl, the same on every page."""
    english, polish, dutch = (_jsonld(titled_site, code, SAMPLE) for code in ("en", "pl", "nl"))
    assert (english["name"], english["description"], english["inLanguage"]) == (_sample_text("titel"), _sample_text("samenvatting"), "en")
    assert english["url"].endswith(f"/en/activiteiten/{SAMPLE}/")
    assert (dutch["name"], dutch["description"], dutch["inLanguage"]) == (_dutch_text(SAMPLE, "titel"), _dutch_text(SAMPLE, "samenvatting"), "nl")
    assert polish == dutch
    assert {k: v for k, v in english.items() if k not in ("name", "description", "inLanguage", "url", "subEvent")} == \
        {k: v for k, v in dutch.items() if k not in ("name", "description", "inLanguage", "url", "subEvent")}
    # a sibling with only a title leaves JSON-LD Dutch (one inLanguage for name and description)
    only_title = _jsonld(titled_site, "pl", PAUSED)
    assert (only_title["name"], only_title["inLanguage"]) == (_dutch_text(PAUSED, "titel"), "nl")


def _flyer_titles(out: Path, code: str) -> dict[str, set]:
    """slug -> {(title, lang)} of the entries on every flyer in ``code``."""
    found: dict[str, set] = {}
    for path in (out / code).glob("**/flyer/index.html"):
        page = _Elements()
        page.feed(path.read_text(encoding="utf-8"))
        slug = None
        for tag, a, lang, text in page.elements:
            if tag == "li" and "data-slug" in a:
                slug = a["data-slug"]
            elif a.get("class") == "entry-title" and slug:
                found.setdefault(slug, set()).add((text.strip(), lang))
    return found


def test_flyers_print_the_translated_title_and_mark_the_dutch_one(titled_site):
    english, polish = _flyer_titles(titled_site, "en"), _flyer_titles(titled_site, "pl")
    assert english[SAMPLE] == {(_sample_text("titel"), "en")}
    assert english[ALTERNATIVE] == {(SIBLINGS[f"{ALTERNATIVE}.en.md"]["titel"], "en")}
    assert polish[SAMPLE] == {(_dutch_text(SAMPLE, "titel"), "nl")}
    untranslated = [slug for slug in english if slug not in (SAMPLE, ALTERNATIVE)]
    assert untranslated and all(english[slug] == {(_dutch_text(slug, "titel"), "nl")} for slug in untranslated[:5])


def test_embed_cards_mark_only_the_dutch_titles(titled_site):
    titles: dict[str, set] = {}
    for path in (titled_site / "en").glob("**/embed/index.html"):
        page = _Elements()
        page.feed(path.read_text(encoding="utf-8"))
        slug = None
        for tag, a, lang, text in page.elements:
            if tag == "li" and "embed-card" in a.get("class", ""):
                slug = a.get("data-slug")
            elif tag == "a" and slug and a.get("target") == "_blank":
                titles.setdefault(slug, set()).add((text.strip(), lang))
                slug = None
    assert titles[SAMPLE] == {(_sample_text("titel"), "en")}
    other = next(slug for slug in titles if slug not in (SAMPLE, ALTERNATIVE))
    assert titles[other] == {(_dutch_text(other, "titel"), "nl")}


def test_the_feed_description_is_the_translated_summary(titled_site):
    def caldesc(code):
        prefix = f"{code}/" if code != "nl" else ""
        calendar = icalendar.Calendar.from_ical((titled_site / f"{prefix}activiteiten/{SAMPLE}/agenda.ics").read_bytes())
        value = calendar["X-WR-CALDESC"]  # an X- property: icalendar keeps its text escaped (RFC 5545 3.3.11)
        return icalendar.parser.unescape_backslash(str(value)), value.params.get("LANGUAGE")

    assert caldesc("en") == (_sample_text("samenvatting"), None)  # in the feed's own language
    assert caldesc("pl") == (_dutch_text(SAMPLE, "samenvatting"), "nl")
    assert caldesc("nl") == (_dutch_text(SAMPLE, "samenvatting"), None)
