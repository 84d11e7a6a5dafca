"""Editors' translations of free text (issue 18.4): ``content/activities/<slug>.<code>.md`` holds only the
model's free-text keys and a body. A bad sibling is a Dutch ``path:line`` problem in ``make check`` and in the
strict build alike; a good one is shown on that language's page, in that language (no ``lang="nl"``), and
nowhere else.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import icalendar
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
