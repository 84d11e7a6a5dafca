"""The site's languages are data (issue 18.1): `talen` in the municipality's wijken.yml, a subset
with `TALEN`, names and direction from CLDR. Problems are Dutch, on the line of `talen`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml

from activity_directory.content.languages import ENVIRONMENT, selection
from activity_directory.content.sitedata import load_site_data

from conftest import FIXTURES, ROOT, build_site, copy_project

ALMELO = FIXTURES / "almelo" / "content"


def _codes(content):
    site, problems = load_site_data(content)
    assert not problems, problems
    return [lang.code for lang in site.languages]


def _talen_line(content):
    return next(n for n, line in enumerate((content / "wijken.yml").read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith("talen:"))


@pytest.fixture
def almere(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("activities", "fotos"))
    return content


def _set_talen(content, value):
    path = content / "wijken.yml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(f"talen: {value}\n" if line.startswith("talen:") else line for line in lines), encoding="utf-8")


def test_each_municipality_has_its_own_languages(monkeypatch):
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    assert _codes(ROOT / "content") == yaml.safe_load((ROOT / "content" / "wijken.yml").read_text(encoding="utf-8"))["talen"]
    assert _codes(ALMELO) == ["nl", "en"]


def test_without_talen_a_site_is_dutch(almere, monkeypatch):
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    path = almere / "wijken.yml"
    path.write_text("".join(line for line in path.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith("talen:")), encoding="utf-8")
    assert _codes(almere) == ["nl"]


@pytest.mark.parametrize("wanted, expected", [("nl", ["nl"]), ("nl,en", ["nl", "en"]), (" en , nl ", ["nl", "en"]),
                                              ("uk,nl,ar", ["nl", "ar", "uk"]), ("", ["nl", "en", "pl", "tr", "ar", "uk"])])
def test_talen_builds_a_subset_in_the_configured_order(monkeypatch, wanted, expected):
    monkeypatch.setenv(ENVIRONMENT, wanted)
    assert _codes(ROOT / "content") == expected


@pytest.mark.parametrize("wanted, message", [
    ("nl,xx", "TALEN=nl,xx: 'xx' staat niet bij 'talen'; kies uit nl, en, pl, tr, ar, uk."),
    ("nl,fr,de", "TALEN=nl,fr,de: 'fr', 'de' staan niet bij 'talen'; kies uit nl, en, pl, tr, ar, uk."),
    ("en", "TALEN=en: 'nl' ontbreekt. Nederlands is de brontaal en komt er altijd bij; schrijf bijvoorbeeld TALEN=nl,en."),
])
def test_an_unknown_talen_is_a_dutch_problem_on_the_line_of_talen(monkeypatch, wanted, message):
    monkeypatch.setenv(ENVIRONMENT, wanted)
    site, problems = load_site_data(ROOT / "content", ROOT)
    assert site is None
    assert [str(p) for p in problems] == [f"content/wijken.yml:{_talen_line(ROOT / 'content')}: {message}"]


@pytest.mark.parametrize("value, message", [
    ("[en, nl]", "talen: zet 'nl' als eerste; Nederlands is de brontaal van de site."),
    ("[nl, xx]", "talen: 'xx' is geen taalcode; gebruik de code van twee letters, zoals 'en' of 'pl'."),
    ("[nl, fr]", "talen: voor 'fr' is er geen vertaling (locales/fr/LC_MESSAGES/site.po); maak die eerst met 'make vertalingen'."),
    ("[nl, en, en]", "talen: 'en' staat twee keer in de lijst."),
    ("nl", "talen: verwacht een lijst, zoals [a, b], maar dit is 'nl'."),
])
def test_a_wrong_talen_is_a_dutch_problem(almere, monkeypatch, value, message):
    monkeypatch.delenv(ENVIRONMENT, raising=False)
    _set_talen(almere, value)
    site, problems = load_site_data(almere)
    assert site is None
    assert [(p.line, p.message) for p in problems] == [(_talen_line(almere), message)]


def test_selection_reads_the_environment_it_is_given():
    assert selection(("nl", "en", "ar"), {"TALEN": "nl,ar"}) == (("nl", "ar"), None)
    assert selection(("nl", "en"), {})[0] == ("nl", "en")


def test_make_check_and_the_build_refuse_an_unknown_language(tmp_path):
    """The real `make check` entry point and a real strict build, with TALEN=nl,fr."""
    env = {**os.environ, ENVIRONMENT: "nl,fr", "CHECK_BASE": "", "GITHUB_ACTIONS": ""}
    check = subprocess.run([sys.executable, "-m", "activity_directory.editors.check", str(ALMELO)], cwd=ROOT,
                           env=env, capture_output=True, text=True)
    wanted = f"wijken.yml:{_talen_line(ALMELO)}: TALEN=nl,fr: 'fr' staat niet bij 'talen'; kies uit nl, en."
    assert check.returncode == 1 and wanted in check.stdout + check.stderr, check.stdout + check.stderr
    assert "Traceback" not in check.stderr
    project = copy_project(tmp_path / "almelo", ALMELO)
    build = build_site(project, tmp_path / "site", extra_env={ENVIRONMENT: "nl,fr"})
    assert build.returncode != 0 and wanted in build.stderr, build.stderr[-3000:]
    assert "Traceback" not in build.stderr
