"""Validation an editor understands: every problem at once, `path:line: message` in Dutch.

Each case writes a real activity file (a small valid file with one edit; the cases are in
bad_cases.py, shared with the JSON Schema test and the hostile corpus) and
runs the real loader on it. Line numbers are asserted exactly: they are the
lines of BASE (in bad_cases.py), counted by hand.
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

from bad_cases import BASE, ERRORS, edit  # noqa: F401  (BASE and edit are used by other test files too)
from conftest import activity_sources, REFERENCE_EPOCH, ROOT, build_site, copy_project, engine_command

NAME = "peutersport-poort.md"
SHOWN = f"content/activities/{NAME}"


@pytest.fixture(scope="module")
def site():
    data, problems = load_site_data(ROOT / "content")
    assert not problems, problems
    return data, HolidayCalendar(tuple(data.school_holidays))


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
    count = len(activity_sources(ROOT / "content" / "activities"))
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
