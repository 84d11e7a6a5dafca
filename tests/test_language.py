"""Plain Dutch (issue 10.2): one form of address ('je', never 'u'), Dutch names of days and
months from CLDR, and no English anywhere a visitor can see or hear.

The form-of-address rule is checked on real activity files through the real loader (as
`make check` and the strict build run it); the built site is read with an independent HTML
parser, and in Chromium after the theme's scripts ran.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from babel.dates import format_date

from activity_directory.content import plaintaal

from activity_directory.dates import wording
from activity_directory.content.fieldtypes import ListOf, Record, Text, TextOr
from activity_directory.content.loading import load_activity, load_catalog
from activity_directory.content.model import ACTIVITY

from conftest import ROOT, build_site, copy_project
from gates import dutch_pages, html_pages, languages_of, page_type, representatives, url_path
from test_validation import BASE, SHOWN, check, edit, site  # noqa: F401  (site is a fixture)

# ---------------------------------------------------------------------------
# 'je', never 'u': the rule in make check
# ---------------------------------------------------------------------------

# (id, old text of BASE, new text, line, part of the message). BASE's lines: 2 titel,
# 3 samenvatting, 11 locatie.naam, 17 schoolvakanties, 20 the body.
POLITE = [
    ("title", "titel: Peutersport Poort", "titel: Peutersport voor uw peuter", 2, "titel: hier staat 'uw' ('Peutersport voor uw peuter')"),
    ("summary-capital", "samenvatting: Samen bewegen", "samenvatting: U beweegt samen", 3, "samenvatting: hier staat 'U'"),
    ("location-name", "naam: Gymzaal Henry Stanleystraat", "naam: Bij u thuis", 11, "locatie.naam: hier staat 'u' ('Bij u thuis')"),
    ("notice-nested", "schoolvakanties: vrij", "schoolvakanties: vrij\nmelding:\n  tekst: Neemt u een handdoek mee?\n  tot: 2026-12-07", 19, "melding.tekst: hier staat 'u'"),
    ("notice-plain", "schoolvakanties: vrij", "schoolvakanties: vrij\nmelding: Uw kind is welkom.", 18, "melding: hier staat 'Uw'"),
    ("signup-note", "aanmelden: inloop", "aanmelden:\n  telefoon: \"036 123 4567\"\n  toelichting: Meld uzelf aan.", 11, "aanmelden.toelichting: hier staat 'uzelf'"),
    ("slot-location", "    tot: \"10:15\"\n", "    tot: \"10:15\"\n    locatie: {naam: Bij u thuis, wijk: almere}\n", 17, "tijden.locatie.naam: hier staat 'u'"),
    ("search-words", "schoolvakanties: vrij", "schoolvakanties: vrij\nzoekwoorden: [gym, voor u]", 18, "zoekwoorden: hier staat 'u'"),
    ("please", "schoolvakanties: vrij", "schoolvakanties: vrij\nneem_mee: Een handdoek a.u.b.", 18, "neem_mee: hier staat 'a.u.b.'"),
    ("body", "Kom gewoon langs.", "Kom gewoon langs.\nBent u er ook bij?", 21, "de tekst onder de gegevens: hier staat 'u' ('Bent u er ook bij?')"),
]


@pytest.mark.parametrize("old,new,line,message", [c[1:] for c in POLITE], ids=[c[0] for c in POLITE])
def test_polite_form_is_reported_at_its_line(tmp_path, site, old, new, line, message):
    activity, problems = check(tmp_path, site, edit(old, new))
    assert activity is None, "an activity that says 'u' is not published"
    assert [p.line for p in problems] == [line], problems
    assert message in problems[0].message, problems[0].message
    assert "'je'" in problems[0].message and problems[0].path == SHOWN


def _text_keys(spec, prefix=""):
    """Every text key the format declares ('melding', 'locatie.naam', …), read from the model itself."""
    if isinstance(spec, Record):
        for field in spec.fields:
            yield from _text_keys(field.type, f"{prefix}.{field.key}" if prefix else field.key)
    elif isinstance(spec, (Text, TextOr)) or isinstance(spec, ListOf) and isinstance(spec.item, Text):
        yield prefix


def test_every_top_level_text_key_of_the_model_is_checked(tmp_path, site):
    """New text keys are covered without being listed: each text key of ACTIVITY gets a 'u'."""
    keys = [key for key in _text_keys(ACTIVITY) if "." not in key and key not in ("titel", "samenvatting")]
    assert {"neem_mee", "bereikbaar", "bij_slecht_weer", "melding", "zoekwoorden"} <= set(keys), keys
    lines = [f"{key}: Kom u ook" if key != "zoekwoorden" else f"{key}: [kom u ook]" for key in keys]
    text = edit("schoolvakanties: vrij", "schoolvakanties: vrij\n" + "\n".join(lines))
    _, problems = check(tmp_path, site, text)
    found = {p.line: p.message for p in problems}
    for i, key in enumerate(keys):
        assert found.get(18 + i, "").startswith(f"{key}: hier staat 'u'"), (key, problems)


@pytest.mark.parametrize("text", [
    "Neem de u-bocht bij de U-vorm.",                 # a letter in a compound
    'Het project "Kunst & U" begint.',                # a quoted name
    "Het programma 'Samen met U' en “Voor U” en ‘U’.",
    "Mail naar u.jansen@example.org of kijk op https://example.org/u/uw.",
    "Zie [de site](https://example.org/u) of <https://example.org/uw>.",
    "Typ `u` in het vak.",
    "Kom 's ochtends of 's middags, je bent welkom.",  # elisions are not quotation marks
    "Jij en jouw kind, u.s.w. is geen woord.",
    "Uwe Brummer speelt gitaar.",
])
def test_no_false_alarm(text):
    assert plaintaal.find(text) == [], text


def test_every_polite_word_is_found_in_running_text():
    found = [word for _, word in plaintaal.find("Kunt u uw kind brengen? U en uzelf, alstublieft, a.u.b., jij/u.")]
    assert found == ["u", "uw", "U", "uzelf", "alstublieft", "a.u.b.", "u"]


def test_site_data_is_checked_too(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "content" / "organisaties.yml"
    text = path.read_text(encoding="utf-8")
    first = re.search(r"(?m)^  omschrijving: ", text)
    assert first, "organisaties.yml has descriptions"
    text = text[:first.end()] + "Wij helpen u graag. " + text[first.end():]
    path.write_text(text, encoding="utf-8")
    line = text.count("\n", 0, first.start()) + 1
    _, problems = load_catalog(project / "content", project)
    assert [(p.path, p.line) for p in problems] == [("content/organisaties.yml", line)], problems
    assert "omschrijving: hier staat 'u' (" in problems[0].message


def test_make_check_lists_it_like_any_other_problem(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "content" / "activities" / "kleutersport-vogelhorst.md"
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("---", 1) + 2  # the first line of the body
    path.write_text(text.replace("\n---\n", "\n---\nWilt u meedoen?\n", 1), encoding="utf-8")  # the closing fence
    result = subprocess.run([sys.executable, "-m", "activity_directory.editors.check", "content"], cwd=project,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"content/activities/kleutersport-vogelhorst.md:{line}: de tekst onder de gegevens: hier staat 'u' ('Wilt u meedoen?')"), result.stderr
    assert "Traceback" not in result.stderr


def test_an_earlier_version_that_says_u_is_still_compared(tmp_path, site):
    """`make check` compares changed activities with git; the old text may still say 'u'."""
    text = edit("Kom gewoon langs.", "Kom u gewoon langs.")
    activity, problems = check(tmp_path, site, text)
    assert activity is None and problems
    data, calendar = site
    path = tmp_path / "content" / "activities" / "peutersport-poort.md"
    activity, problems = load_activity(path, data, calendar, SHOWN, plain_language=False)
    assert activity is not None and problems == []


def test_sample_content_says_je_throughout(catalog):
    assert catalog.activities
    for activity in catalog.activities:
        for text in (activity.title, activity.summary, activity.body, activity.notice or "", activity.bring or ""):
            assert plaintaal.find(text) == [], (activity.slug, text)


def test_sample_content_uses_the_format_for_what_parents_need(catalog):
    acts = catalog.activities
    for attribute in ("bring", "accessibility", "getting_there", "bad_weather", "keywords", "alternative", "notice_until"):
        assert sum(1 for a in acts if getattr(a, attribute)) >= (1 if attribute in ("alternative", "notice_until") else 3), attribute
    for activity in acts:
        if activity.alternative:
            assert not activity.active and activity.alternative in catalog.by_slug
    # Seasons are data, not prose: a place that changes with the season, hours that do.
    assert any(len(a.locations) > 1 and any(s.valid_from or s.valid_until for s in a.slots) for a in acts)
    assert any(len({(s.start, s.end) for s in a.slots if s.weekdays}) > 1
               and all(s.valid_from or s.valid_until for s in a.slots) for a in acts)


# ---------------------------------------------------------------------------
# Days and months from CLDR
# ---------------------------------------------------------------------------

def test_dates_use_cldr_names():
    day = dt.date(2027, 1, 1)
    while day.year == 2027:
        assert wording.short_date(day) == format_date(day, "EEE d MMM", locale="nl")
        assert wording.date(day) == format_date(day, "EEEE d MMMM y", locale="nl")
        assert wording.date(day, weekday=False, year=False) == format_date(day, "d MMMM", locale="nl")
        day += dt.timedelta(days=1)
    assert wording.short_date(dt.date(2027, 3, 1)) == "ma 1 mrt"  # not 'maa': issue 10
    assert wording.short_date(dt.date(2028, 3, 1), today=dt.date(2027, 12, 1)) == "wo 1 mrt 2028"
    assert [wording.day_name(d) for d in range(7)][:2] == ["maandag", "dinsdag"]


# ---------------------------------------------------------------------------
# No English a visitor can see or hear
# ---------------------------------------------------------------------------

# Words the theme (or a template) writes in English. Whole words, any case.
ENGLISH = re.compile(r"\b(home|made with|not found|header|footer|navigation|skip to|back to top|search|"
                     r"copy to clipboard|table of contents|previous|next|menu button|close|loading|"
                     r"initializing|no matching)\b", re.I)
HEARD = ("aria-label", "title", "alt", "placeholder", "aria-description", "aria-roledescription")


class VisibleText(HTMLParser):
    """Text a visitor sees (outside script/style/hidden templates) and attributes a screen reader reads."""

    # Code a partner copies (the iframe snippet on /delen/) is HTML, not language: its
    # attribute names (loading="lazy") are not words a visitor reads.
    SKIP = {"script", "style", "template", "noscript", "svg", "textarea", "code", "pre"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1
        for name, value in attrs:
            if name in HEARD and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def english_in(text: str) -> list[str]:
    return sorted({m.group(0) for m in ENGLISH.finditer(text)})


def test_no_english_in_any_built_page(built_site):
    found = {}
    for path in dutch_pages(built_site):  # (the pages in English are test_page_languages.py's)
        parser = VisibleText()
        parser.feed(path.read_text(encoding="utf-8"))
        words = english_in(" ".join(parser.parts))
        if words:
            found[url_path(built_site, path) or "/"] = words
    assert not found, found


@pytest.mark.browser
def test_no_english_after_the_scripts_ran(browser, site_url, built_site):
    """What the theme's scripts add (search dialog, buttons, tooltips) is Dutch too."""
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844})
    found = {}
    try:
        others = languages_of(built_site)
        for kind, url in representatives(built_site):
            if kind.split("/", 1)[0] in others:  # a page in another language
                continue
            tab = context.new_page()
            tab.goto(site_url + url, wait_until="networkidle")
            text = tab.evaluate("""(heard) => {
                const parts = [document.title, document.body.innerText];
                for (const el of document.querySelectorAll('*'))
                  for (const name of heard) { const v = el.getAttribute(name); if (v) parts.push(v); }
                return parts.join(' ');
            }""", list(HEARD))
            words = english_in(text)
            if words:
                found[kind] = words
            tab.close()
    finally:
        context.close()
    assert not found, found


def test_no_page_says_u(built_site):
    """Templates and generated pages say 'je' too (the editors' guide quotes the rule: quoted words do not count)."""
    found = {}
    for path in dutch_pages(built_site):  # Polish 'u' is a preposition, not the polite Dutch form
        parser = VisibleText()
        parser.feed(path.read_text(encoding="utf-8"))
        text = "\n".join(parser.parts)
        words = plaintaal.find(text)
        if words:
            found[url_path(built_site, path) or "/"] = [plaintaal._context(text, offset, word) for offset, word in words]
    assert not found, found


def test_parents_menu_holds_parents_pages_and_the_footer_the_rest(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('class="md-nav md-nav--primary"'):]
    nav = nav[:nav.index("</nav>")]
    links = re.findall(r'<a href="([^"]*)" class="md-nav__link', nav)
    assert links and not any(l.rstrip("/").endswith(("redactie", "open-data")) for l in links), links
    footer = home[home.index("<footer"):home.index("</footer>")]
    assert 'href="redactie/"' in footer and 'href="open-data/"' in footer
    assert "Material" not in footer


def test_not_found_page_says_what_happened_and_offers_ways_on(built_site):
    parser = VisibleText()
    parser.feed((built_site / "404.html").read_text(encoding="utf-8"))
    text = " ".join(" ".join(parser.parts).split())
    assert "Deze pagina bestaat niet" in text and "Zoeken" in text
    html = (built_site / "404.html").read_text(encoding="utf-8")
    article = html[html.index("<article"):html.index("</article>")]
    links = set(re.findall(r'href="([^"]+)"', article))
    # Absolute (the page is served at any address), to the home page and the list pages.
    assert {"/deze-week/", "/stadsdelen/", "/leeftijd/", "/soorten/"} <= links, links
    assert any(l in ("/", "/.") for l in links), links
    for link in links:
        folder = link.strip("/").strip(".")
        assert (built_site / folder / "index.html").exists(), link
