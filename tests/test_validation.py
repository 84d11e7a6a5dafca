"""Validation an editor understands: every problem at once, `path:line: message` in Dutch.

Each case writes a real activity file (a small valid file with one edit) and
runs the real loader on it. Line numbers are asserted exactly: they are the
lines of BASE below, counted by hand.
"""

from __future__ import annotations

import datetime as dt
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from activity_directory.content.holidays import HolidayCalendar
from activity_directory.content.loading import load_activity, load_catalog
from activity_directory.content.sitedata import load_site_data

from conftest import REFERENCE_EPOCH, ROOT, build_site, copy_project, engine_command

NAME = "peutersport-poort.md"
SHOWN = f"content/activities/{NAME}"

# Line numbers (1-based, in the file):      line
BASE = """\
---
titel: Peutersport Poort
samenvatting: Samen bewegen en spelen, voor peuters met hun ouder.
organisatie: buurtsportteam-poort
soort: [sport]
leeftijd: {van: 2, tot: 4}
met_ouder: true
kosten: gratis
aanmelden: inloop
locatie:
  naam: Gymzaal Henry Stanleystraat
  wijk: olympiakwartier
tijden:
  - dag: maandag
    van: "09:30"
    tot: "10:15"
schoolvakanties: vrij
gecontroleerd: 2026-11-02
---
Kom gewoon langs.
"""
# 1 ---, 2 titel, 3 samenvatting, 4 organisatie, 5 soort, 6 leeftijd, 7 met_ouder,
# 8 kosten, 9 aanmelden, 10 locatie, 11 naam, 12 wijk, 13 tijden, 14 - dag, 15 van,
# 16 tot, 17 schoolvakanties, 18 gecontroleerd, 19 ---


@pytest.fixture(scope="module")
def site():
    data, problems = load_site_data(ROOT / "content")
    assert not problems, problems
    return data, HolidayCalendar(tuple(data.school_holidays))


def edit(old: str, new: str, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def check(tmp_path: Path, site, content: str | bytes, name: str = NAME):
    folder = tmp_path / "content" / "activities"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    data, calendar = site
    return load_activity(path, data, calendar, f"content/activities/{name}")


def test_base_file_is_valid(tmp_path, site):
    activity, problems = check(tmp_path, site, BASE)
    assert problems == []
    assert activity.title == "Peutersport Poort"
    assert activity.slots[0].start == dt.time(9, 30) and activity.slots[0].end == dt.time(10, 15)


# (id, old text, new text, expected line, expected part of the message)
ERRORS = [
    # typos in keys and values, with did-you-mean
    ("weekday-typo", "dag: maandag", "dag: maandg", 14, "'maandg' is geen weekdag; bedoel je 'maandag'?"),
    ("key-typo-tijden", "tijden:", "tijd:", 13, "onbekende sleutel 'tijd'. Bedoel je 'tijden'?"),
    ("nested-key-typo", "  wijk: olympiakwartier", "  wjik: olympiakwartier", 12, "onbekende sleutel 'wjik' in locatie. Bedoel je 'wijk'?"),
    ("unknown-key", "met_ouder: true", "kleur: rood", 7, "onbekende sleutel 'kleur'. Toegestaan: titel,"),
    ("kind-typo", "soort: [sport]", "soort: [sprot]", 5, "'sprot' is geen bekende soort (zie content/soorten.yml). Bedoel je 'sport'?"),
    ("kind-display-name", "soort: [sport]", "soort: [Sport en bewegen]", 5, "Bedoel je 'sport'?"),
    ("unknown-organisation", "organisatie: buurtsportteam-poort", "organisatie: buurtsportteam-port", 4, "'buurtsportteam-port' is geen bekende organisatie (zie content/organisaties.yml). Bedoel je 'buurtsportteam-poort'?"),
    ("unknown-wijk", "wijk: olympiakwartier", "wijk: olympia", 12, "locatie.wijk: 'olympia' is geen bekende wijk of stadsdeel (zie content/wijken.yml). Bedoel je 'olympiakwartier'?"),
    ("status-typo", "schoolvakanties: vrij", "schoolvakanties: vrij\nstatus: gepauzerd", 18, "Bedoel je 'gepauzeerd'?"),
    ("holidays-word", "schoolvakanties: vrij", "schoolvakanties: ja", 17, "schoolvakanties: 'ja' kan niet; kies uit 'vrij', 'gaat door'."),
    ("boolean", "met_ouder: true", "met_ouder: misschien", 7, "schrijf true (ja) of false (nee)"),
    # times
    ("end-before-start", 'tot: "10:15"', 'tot: "09:00"', 16, "de eindtijd 09:00 ligt niet na de begintijd 09:30."),
    ("hour-25", 'van: "09:30"', 'van: "25:00"', 15, "'25:00' bestaat niet; een tijd loopt van 00:00 tot en met 23:59."),
    ("unquoted-24", 'van: "09:30"', "van: 24:00", 15, "'24:00' bestaat niet"),
    ("time-words", 'van: "09:30"', "van: half tien", 15, "'half tien' is geen tijd"),
    # dates
    ("feb-30", "gecontroleerd: 2026-11-02", "gecontroleerd: 2026-02-30", 18, "gecontroleerd: '2026-02-30' bestaat niet als datum."),
    ("date-words", "gecontroleerd: 2026-11-02", "gecontroleerd: 2 november", 18, "'2 november' is geen datum; schrijf jaar-maand-dag"),
    ("one-off-bad-date", "- dag: maandag", "- datum: 2026-13-01", 14, "'2026-13-01' bestaat niet als datum."),
    ("until-before-from", '    tot: "10:15"\n', '    tot: "10:15"\n    vanaf: 2026-12-01\n    tot_en_met: 2026-11-01\n', 18, "'tot_en_met' (2026-11-01) ligt vóór 'vanaf' (2026-12-01)."),
    ("window-without-weekday", '    tot: "10:15"\n', '    tot: "10:15"\n    vanaf: 2026-12-01\n    tot_en_met: 2026-12-02\n', 14, "tussen 2026-12-01 en 2026-12-02 valt geen maandag"),
    ("one-off-in-holiday", "- dag: maandag", "- datum: 2026-12-28", 14, "datum 2026-12-28 valt in de Kerstvakantie, maar 'schoolvakanties' is 'vrij'"),
    ("one-off-on-public-holiday", "- dag: maandag", "- datum: 2026-05-14", 14, "datum 2026-05-14 valt op Hemelvaartsdag"),
    ("one-off-on-kings-day-in-may-holiday", "- dag: maandag", "- datum: 2026-04-27", 14, "datum 2026-04-27 valt op Koningsdag"),
    ("cancelled-not-on-schedule", "schoolvakanties: vrij", "schoolvakanties: vrij\nvervalt: [2026-12-08]", 18, "vervalt: op 2026-12-08 (dinsdag) is de activiteit er volgens 'tijden' niet"),
    # ages
    ("age-300", "{van: 2, tot: 4}", "{van: 2, tot: 300}", 6, "leeftijd.tot: 300 jaar kan niet; kies een getal van 0 tot en met 120 jaar."),
    ("age-to-before-from", "{van: 2, tot: 4}", "{van: 4, tot: 2}", 6, "leeftijd: 'tot' (2) ligt vóór 'van' (4)"),
    ("age-1.3", "{van: 2, tot: 4}", "{van: 1.3, tot: 4}", 6, "leeftijd.van: 1.3 kan niet; gebruik hele of halve jaren, zoals 1.5."),
    ("age-not-a-map", "leeftijd: {van: 2, tot: 4}", "leeftijd: 2", 6, "leeftijd: verwacht een leeftijd met sleutels"),
    # kosten and aanmelden forms
    ("cost-word", "kosten: gratis", "kosten: gratiss", 8, "kosten: 'gratiss' kan niet; schrijf 'gratis', of een blok met bedrag, per, toelichting. Bedoel je 'gratis'?"),
    ("cost-zero", "kosten: gratis", "kosten: {bedrag: 0, per: les}", 8, "een bedrag van 0 is gratis"),
    ("cost-without-per", "kosten: gratis", "kosten: {bedrag: 3}", 8, "'per' ontbreekt in kosten; dit is verplicht"),
    ("cost-bad-per", "kosten: gratis", "kosten: {bedrag: 3, per: lesje}", 8, "kosten.per: 'lesje' kan niet"),
    ("cost-not-a-number", "kosten: gratis", "kosten: {bedrag: drie, per: les}", 8, "kosten.bedrag: 'drie' is geen getal."),
    ("signup-word", "aanmelden: inloop", "aanmelden: inlop", 9, "Bedoel je 'inloop'?"),
    ("signup-without-way", "aanmelden: inloop", "aanmelden: {toelichting: Bel ons.}", 9, "aanmelden: vul minstens één van 'url', 'telefoon', 'email' in."),
    ("signup-javascript-url", "aanmelden: inloop", "aanmelden: {url: 'javascript:alert(1)'}", 9, "aanmelden.url: 'javascript:alert(1)' is geen geldig webadres"),
    # contact: URLs only http(s), emails, phones (contact block on lines 18-19)
    ("website-javascript", "schoolvakanties: vrij", "schoolvakanties: vrij\ncontact:\n  website: javascript:alert(1)", 19, "contact.website: 'javascript:alert(1)' is geen geldig webadres; het begint met https://"),
    ("website-ftp", "schoolvakanties: vrij", "schoolvakanties: vrij\ncontact:\n  website: ftp://example.org/", 19, "is geen geldig webadres"),
    ("email", "schoolvakanties: vrij", "schoolvakanties: vrij\ncontact:\n  email: info-at-example.org", 19, "contact.email: 'info-at-example.org' is geen geldig e-mailadres."),
    ("phone", "schoolvakanties: vrij", "schoolvakanties: vrij\ncontact:\n  telefoon: bel ons", 19, "contact.telefoon: 'bel ons' is geen geldig telefoonnummer"),
    # locatie and dag/dagen/datum
    ("no-location", "locatie:\n  naam: Gymzaal Henry Stanleystraat\n  wijk: olympiakwartier\n", "", 2, "'locatie' ontbreekt; dit is verplicht"),
    ("dag-and-datum", "  - dag: maandag\n", "  - dag: maandag\n    datum: 2026-12-07\n", 15, "gebruik maar één van 'dag', 'dagen', 'datum', niet 'dag' en 'datum' samen."),
    ("dag-and-dagen", "  - dag: maandag\n", "  - dag: maandag\n    dagen: [dinsdag]\n", 15, "niet 'dag' en 'dagen' samen"),
    ("no-day", "  - dag: maandag\n    van", "  - van", 14, "geef een van 'dag', 'dagen', 'datum'."),
    ("datum-with-vanaf", "- dag: maandag\n    van: \"09:30\"\n", "- datum: 2026-12-07\n    vanaf: 2026-12-01\n    van: \"09:30\"\n", 15, "'vanaf' hoort niet bij een losse 'datum'"),
    ("dagen-typo", "- dag: maandag", "- dagen: [maandag, woensdg]", 14, "'woensdg' is geen weekdag; bedoel je 'woensdag'?"),
    ("empty-schedule", "tijden:\n  - dag: maandag\n    van: \"09:30\"\n    tot: \"10:15\"\n", "tijden: []\n", 13, "tijden: de lijst is leeg"),
    ("schedule-line-not-a-map", "  - dag: maandag\n    van: \"09:30\"\n    tot: \"10:15\"\n", "  - maandag\n", 14, "tijden: verwacht een tijd met sleutels op aparte regels, maar dit is 'maandag'."),
    # missing and empty required keys
    ("missing-title", "titel: Peutersport Poort\n", "", 2, "'titel' ontbreekt; dit is verplicht"),
    ("empty-title", "titel: Peutersport Poort", "titel:", 2, "titel: verwacht tekst, maar dit is leeg."),
    ("title-too-long", "titel: Peutersport Poort", "titel: " + "Peutersport " * 8, 2, "maximaal 80. Maak het korter."),
    ("missing-in-location", "  wijk: olympiakwartier\n", "", 11, "'wijk' ontbreekt in locatie"),
    # YAML itself
    ("yaml-unclosed-bracket", "soort: [sport]", "soort: [sport", 5, "dit is geen geldige YAML: een lijst tussen [ ] wordt niet goed gesloten."),
    ("yaml-colon-in-text", "titel: Peutersport Poort", "titel: Peutersport: Poort", 2, "dit is geen geldige YAML: hier staat een dubbele punt"),
    ("yaml-tab", "  naam: Gymzaal", "\tnaam: Gymzaal", 11, "gebruik spaties om in te springen, geen tabs."),
    ("yaml-alias", "kosten: gratis", "kosten: *gratis", 8, "er staat een '*' die YAML als verwijzing leest"),
    ("duplicate-key", "kosten: gratis", "kosten: gratis\nkosten: gratis", 9, "'kosten' staat hier twee keer (ook op regel 8); laat er één staan."),
    ("list-where-map", "locatie:\n  naam: Gymzaal Henry Stanleystraat\n  wijk: olympiakwartier\n",
     "locatie:\n  - naam: Gymzaal Henry Stanleystraat\n  - wijk: olympiakwartier\n", 11, "locatie: verwacht een locatie met sleutels op aparte regels, maar dit is een lijst."),
]


@pytest.mark.parametrize("old,new,line,message", [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_error_is_reported_at_its_line(tmp_path, site, old, new, line, message):
    activity, problems = check(tmp_path, site, edit(old, new))
    assert activity is None
    shown = [str(p) for p in problems]
    assert any(s.startswith(f"{SHOWN}:{line}: ") and message in s for s in shown), shown
    assert all(p.path == SHOWN for p in problems)


def test_typo_in_key_is_not_also_reported_missing(tmp_path, site):
    _, problems = check(tmp_path, site, edit("tijden:", "tijd:"))
    assert [str(p) for p in problems] == [f"{SHOWN}:13: onbekende sleutel 'tijd'. Bedoel je 'tijden'?"]


WHOLE_FILE = [
    ("empty", b"", "het bestand is leeg"),
    ("only-spaces", b"  \n\n", "het bestand is leeg"),
    ("no-front-matter", BASE.split("---\n", 2)[2].encode(), "het bestand begint niet met '---'"),
    ("unclosed-front-matter", BASE.replace("---\nKom", "Kom").encode(), "worden niet afgesloten"),
    ("empty-front-matter", b"---\n---\nTekst\n", "er staan geen gegevens tussen de regels '---'"),
    ("front-matter-list", b"---\n- titel\n- soort\n---\n", "moeten sleutels met waarden zijn"),
    ("latin-1", edit("Peutersport Poort", "Peutersport caf\u00e9").encode("latin-1"), "niet opgeslagen als UTF-8"),
]


@pytest.mark.parametrize("content,message", [c[1:] for c in WHOLE_FILE], ids=[c[0] for c in WHOLE_FILE])
def test_broken_file_gets_a_message_not_a_traceback(tmp_path, site, content, message):
    activity, problems = check(tmp_path, site, content)
    assert activity is None
    assert len(problems) == 1
    line = 2 if content.startswith(b"---\n-") or content.startswith(b"---\n---") else 1
    assert str(problems[0]).startswith(f"{SHOWN}:{line}: ") and message in problems[0].message


def test_file_name_must_fit_in_a_url(tmp_path, site):
    _, problems = check(tmp_path, site, BASE, name="Peuter Sport.md")
    assert [str(p) for p in problems] == [
        "content/activities/Peuter Sport.md:1: de bestandsnaam 'Peuter Sport.md' kan niet in een webadres; "
        "gebruik kleine letters, cijfers en '-', zoals 'peuter-sport.md'."]


def test_every_problem_in_a_file_at_once(tmp_path, site):
    text = edit("dag: maandag", "dag: maandg", edit("kosten: gratis", "kosten: gratiss", edit("wijk: olympiakwartier", "wijk: olympia")))
    _, problems = check(tmp_path, site, text)
    assert [(p.line, p.message.split(":")[0]) for p in problems] == [(8, "kosten"), (12, "locatie.wijk"), (14, "'maandg' is geen weekdag; bedoel je 'maandag'?")]


def test_a_rule_of_a_block_is_checked_when_another_key_there_is_wrong(tmp_path, site):
    """A misspelt day must not hide that the same line's end time lies before its start (the
    editor would fix the one and then meet the other)."""
    _, problems = check(tmp_path, site, edit('tot: "10:15"', 'tot: "09:00"', edit("dag: maandag", "dag: maandg")))
    assert [(p.line, p.message) for p in problems] == [
        (14, "'maandg' is geen weekdag; bedoel je 'maandag'?"), (16, "de eindtijd 09:00 ligt niet na de begintijd 09:30.")]


def test_a_rule_is_not_checked_against_a_key_that_is_wrong(tmp_path, site):
    """'alternatief' belongs to a paused activity: a misspelt status is reported once, not also
    as a reason why 'alternatief' would not fit."""
    text = BASE.replace("kosten: gratis", "kosten: gratis\nstatus: gepauseerd\nalternatief: peutersport-poort", 1)
    _, problems = check(tmp_path, site, text)
    messages = [p.message for p in problems]
    assert len(messages) == 1 and messages[0].startswith("status: 'gepauseerd' kan niet"), messages


# Valid files in the format: these must load without a single problem.
VALID = [
    ("unquoted-time", 'van: "09:30"\n    tot: "10:15"', "van: 09:30\n    tot: 10:15"),
    ("dot-time", 'van: "09:30"', "van: 9.30"),
    ("half-years", "{van: 2, tot: 4}", "{van: 1.5, tot: 4.5}"),
    ("open-age", "{van: 2, tot: 4}", "{van: 65}"),
    ("cost-block", "kosten: gratis", "kosten:\n  bedrag: 3.50\n  per: les\n  toelichting: 10 lessen voor 30 euro."),
    ("signup-block", "aanmelden: inloop", "aanmelden:\n  url: https://example.org/aanmelden\n  telefoon: \"036 123 4567\"\n  email: \"mailto:info@example.org\""),
    ("unquoted-phone", "schoolvakanties: vrij", "schoolvakanties: vrij\ncontact: {telefoon: 0361234567, website: \"http://example.org/x?a=1\"}"),
    ("several-days", "- dag: maandag", "- dagen: [maandag, woensdag]"),
    ("single-kind-as-word", "soort: [sport]", "soort: sport"),
    ("cancelled-on-schedule", "schoolvakanties: vrij", "schoolvakanties: vrij\nvervalt: [2026-12-07]"),
    ("holiday-date-when-it-goes-on", "- dag: maandag", "- datum: 2026-12-28", ),
    ("paused", "schoolvakanties: vrij", "schoolvakanties: vrij\nstatus: gepauzeerd\nmelding: Na de zomer weer."),
    ("at-home", "locatie:\n  naam: Gymzaal Henry Stanleystraat\n  wijk: olympiakwartier\n", "locatie: {naam: Bij jou thuis, wijk: almere}\n"),
    ("per-line-locations-and-one-off",
     "locatie:\n  naam: Gymzaal Henry Stanleystraat\n  wijk: olympiakwartier\ntijden:\n  - dag: maandag\n    van: \"09:30\"\n    tot: \"10:15\"\n",
     "tijden:\n  - dag: maandag\n    van: \"09:30\"\n    tot: \"10:15\"\n    locatie: {naam: Zaal A, wijk: olympiakwartier}\n"
     "  - datum: 2026-12-12\n    van: \"10:00\"\n    tot: \"11:00\"\n    locatie: {naam: Zaal B, adres: \"Straat 1, Almere\", wijk: almere-poort, geo: [52.37, 5.15]}\n"),
]


@pytest.mark.parametrize("old,new", [c[1:] for c in VALID], ids=[c[0] for c in VALID])
def test_valid_variants_load(tmp_path, site, old, new):
    text = edit(old, new)
    if new.startswith("- datum: 2026-12-28"):
        text = edit("schoolvakanties: vrij", "schoolvakanties: gaat door", text)
    activity, problems = check(tmp_path, site, text)
    assert problems == [] and activity is not None


def test_unquoted_time_uses_the_written_text(tmp_path, site):
    # YAML 1.1 reads `09:30` as the number 570 (sexagesimal); the validator reads the raw text
    activity, _ = check(tmp_path, site, edit('van: "09:30"\n    tot: "10:15"', "van: 09:30\n    tot: 10:15"))
    assert (activity.slots[0].start, activity.slots[0].end) == (dt.time(9, 30), dt.time(10, 15))


def test_windows_line_endings_and_bom(tmp_path, site):
    activity, problems = check(tmp_path, site, "\ufeff" + BASE.replace("\n", "\r\n"))
    assert problems == [] and activity.title == "Peutersport Poort"
    _, problems = check(tmp_path, site, "\ufeff" + edit("dag: maandag", "dag: maandg").replace("\n", "\r\n"))
    assert [p.line for p in problems] == [14]


def test_per_line_locations_and_home_activity_values(tmp_path, site):
    text = edit("locatie:\n  naam: Gymzaal Henry Stanleystraat\n  wijk: olympiakwartier\n", "")
    text = edit('    tot: "10:15"\n', '    tot: "10:15"\n    locatie: {naam: Zaal A, wijk: olympiakwartier}\n'
                '  - datum: 2026-12-12\n    van: "10:00"\n    tot: "11:00"\n    locatie: {naam: Bij jou thuis, wijk: almere}\n', text)
    activity, problems = check(tmp_path, site, text)
    assert problems == []
    assert activity.location is None
    assert [activity.location_of(s).name for s in activity.slots] == ["Zaal A", "Bij jou thuis"]
    assert activity.slots[1].date == dt.date(2026, 12, 12) and activity.slots[1].location.address is None


def test_missing_location_when_only_some_lines_have_one(tmp_path, site):
    text = edit("locatie:\n  naam: Gymzaal Henry Stanleystraat\n  wijk: olympiakwartier\n", "")
    text = edit('    tot: "10:15"\n', '    tot: "10:15"\n    locatie: {naam: Zaal A, wijk: olympiakwartier}\n'
                '  - datum: 2026-12-12\n    van: "10:00"\n    tot: "11:00"\n', text)
    _, problems = check(tmp_path, site, text)
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [(2, "'locatie' ontbreekt")]
    assert "eigen 'locatie'" in problems[0].message


# ---------------------------------------------------------------------------
# The same problems through `make check`, `mkdocs build --strict` and `mkdocs serve`
# ---------------------------------------------------------------------------


def broken_project(tmp_path: Path) -> Path:
    """A copy of the project with two broken activity files and one broken data file."""
    project = copy_project(tmp_path / "project")
    activities = project / "content" / "activities"
    (activities / NAME).write_text(edit("dag: maandag", "dag: maandg"), encoding="utf-8")
    (activities / "kapot.md").write_bytes(edit("Peutersport Poort", "Peutersport caf\u00e9").encode("latin-1"))
    (activities / "tijd.md").write_text(edit("tijden:", "tijd:"), encoding="utf-8")
    return project


EXPECTED = [
    f"{SHOWN}:14: 'maandg' is geen weekdag; bedoel je 'maandag'?",
    "content/activities/kapot.md:1: het bestand is niet opgeslagen als UTF-8; sla het op als UTF-8.",
    "content/activities/tijd.md:13: onbekende sleutel 'tijd'. Bedoel je 'tijden'?",
]


def test_make_check_reports_every_problem_and_exits_1(tmp_path):
    project = broken_project(tmp_path)
    result = subprocess.run([sys.executable, "-m", "activity_directory.editors.check", "content"], cwd=project,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    for expected in EXPECTED:
        assert expected in lines, result.stderr
    assert lines[-1] == "3 problemen gevonden in 3 bestanden. Pas ze aan en probeer het opnieuw."
    assert "Traceback" not in result.stdout + result.stderr


def test_make_check_passes_on_the_sample_content():
    result = subprocess.run([sys.executable, "-m", "activity_directory.editors.check", "content"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    count = len(list((ROOT / "content" / "activities").glob("*.md")))
    assert result.stdout.strip() == f"Alles in orde: {count} activiteiten gecontroleerd."


def test_broken_data_file_is_reported_too(tmp_path):
    project = copy_project(tmp_path / "project")
    wijken = project / "content" / "wijken.yml"
    text = wijken.read_text(encoding="utf-8")
    wijken.write_text(text.replace("schoolvakantieregio: noord", "schoolvakantieregio: noordd"), encoding="utf-8")
    line = text.splitlines().index("schoolvakantieregio: noord") + 1
    _, problems = load_catalog(project / "content", project)
    assert [str(p) for p in problems][:1] == [
        f"content/wijken.yml:{line}: schoolvakantieregio: 'noordd' kan niet; kies uit 'noord', 'midden', 'zuid'. Bedoel je 'noord'?"]


def test_strict_build_refuses_with_the_same_messages(tmp_path):
    project = broken_project(tmp_path)
    result = build_site(project, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    for expected in EXPECTED:
        assert expected in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in output


def test_quiet_strict_build_still_refuses(tmp_path):
    """`mkdocs build --strict -q` hides and so does not count warnings; content problems still stop it."""
    project = broken_project(tmp_path)
    env = {**__import__("os").environ, "SOURCE_DATE_EPOCH": str(REFERENCE_EPOCH), "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(engine_command("build", "--strict", "-q", "-d", str(tmp_path / "out")),
                            cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode != 0
    for expected in EXPECTED:
        assert expected in result.stderr, result.stderr[-3000:]
    assert "Traceback" not in result.stdout + result.stderr


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_keeps_serving_and_shows_the_problems(tmp_path):
    project = broken_project(tmp_path)
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+")
    process = subprocess.Popen(
        engine_command("serve", "-f", "mkdocs.yml", "--no-livereload", "-a", f"127.0.0.1:{port}"),
        cwd=project, stdout=log, stderr=subprocess.STDOUT,
        env={**__import__("os").environ, "SOURCE_DATE_EPOCH": str(REFERENCE_EPOCH), "NO_MKDOCS_2_WARNING": "1"})
    try:
        html = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    html = response.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.5)
        log.seek(0)
        output = log.read()
        assert process.poll() is None, f"mkdocs serve stopped:\n{output[-3000:]}"
        assert html is not None, output[-3000:]
        assert 'class="content-problems"' in html
        assert "Er zijn 3 problemen met de inhoud." in html
        assert f"{SHOWN}:14: &#39;maandg&#39; is geen weekdag; bedoel je &#39;maandag&#39;?" in html
        assert "Traceback" not in output
        assert EXPECTED[0] in output
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        log.close()
