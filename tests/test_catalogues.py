"""The translators' catalogues (issue 18.9): `make vertalingen` and what `make check` says.

Each check breaks a copy of a shipped catalogue in a temporary folder and expects a Dutch
``path:line`` problem on the line of the message's ``msgid`` (found in the file's text here,
not through Babel's parser).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest
from babel.core import Locale
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from activity_directory.editors import catalogues

from conftest import ROOT

SHIPPED = sorted(p.parent.parent.name for p in (ROOT / "locales").glob("*/LC_MESSAGES/site.po"))


@pytest.fixture
def locales(tmp_path):
    folder = tmp_path / "locales"
    shutil.copytree(ROOT / "locales", folder)
    return folder


def _po(locales, code="pl"):
    return locales / code / "LC_MESSAGES" / "site.po"


def _line(path, text):
    """The 1-based line of ``text`` in the file."""
    return path.read_text(encoding="utf-8").splitlines().index(text) + 1


def _problems(locales, code="pl"):
    shown = f"locales/{code}/LC_MESSAGES/site.po"
    return [(p.line, p.message) for p in catalogues.problems(("nl", code), ROOT, locales) if p.path == shown]


def _edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_every_shipped_language_is_complete_and_marked():
    assert SHIPPED == ["ar", "en", "pl", "tr", "uk"]
    assert catalogues.problems(tuple(SHIPPED)) == []
    for code in SHIPPED:
        text = (ROOT / "locales" / code / "LC_MESSAGES" / "site.po").read_text(encoding="utf-8")
        assert re.search(r'^"X-Reviewed-By-Native-Speaker: no\\n"$', text, re.M), code
        assert f"nplurals={get_plural(Locale.parse(code)).num_plurals};" in text.replace("\n", "")


def test_the_template_is_what_babel_extracts_now():
    """locales/site.pot is up to date: `make vertalingen` was run after the last change of a message."""
    with (ROOT / "locales" / "site.pot").open("rb") as handle:
        shipped = {(m.id, m.context) for m in read_po(handle) if m.id}
    assert shipped == {(m.id, m.context) for m in catalogues.template() if m.id}


def test_untranslated_message(locales):
    po = _po(locales)
    _edit(po, 'msgstr "Bezpłatne"', 'msgstr ""')
    assert _problems(locales) == [(_line(po, 'msgid "Gratis"'), "'Gratis': de vertaling ontbreekt.")]


def test_empty_plural_form(locales):
    po = _po(locales)
    _edit(po, 'msgstr[1] "%(count)s oferty"', 'msgstr[1] ""')
    assert _problems(locales) == [(_line(po, 'msgid "%(count)s activiteit"'), "'%(count)s activiteit': een meervoudsvorm is leeg.")]


def test_missing_message(locales):
    po = _po(locales)
    _edit(po, '#: src/activity_directory/dates/wording.py', '#: gone', 1)
    text = po.read_text(encoding="utf-8")
    start = text.index("#: gone")
    po.write_text(text[:start] + text[text.index("\n\n", start) + 2:], encoding="utf-8")
    found = _problems(locales)
    assert found == [(1, "'maandag' (elke) ontbreekt in dit bestand; draai 'make vertalingen' en vertaal het.")]


def test_obsolete_messages(locales):
    po = _po(locales)
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "Zwembad dicht"\nmsgstr "Basen zamknięty"\n\n'
                  '#~ msgid "Oude zin"\n#~ msgstr "Stare zdanie"\n', encoding="utf-8")
    assert _problems(locales) == [
        (_line(po, 'msgid "Zwembad dicht"'), "'Zwembad dicht' staat niet meer in de bron; draai 'make vertalingen' of haal het weg."),
        (_line(po, '#~ msgid "Oude zin"'), "'Oude zin' is verouderd (#~); haal het weg."),
    ]


@pytest.mark.parametrize("broken, message", [
    ('msgstr "Od %(leeftijd)s roku"', "%(leeftijd)s staat niet in het Nederlands; gebruik %(age)s."),
    ('msgstr "Od roku"', "%(age)s ontbreekt in de vertaling."),
    ('msgstr "Od %s roku"', "'%s' kan niet; gebruik alleen de plaatshouders uit het Nederlands (%(age)s) en schrijf '%%' voor een procentteken."),
    ('msgstr "Od %(age)d roku"', "'%(age)d' kan niet; gebruik alleen de plaatshouders uit het Nederlands (%(age)s) en schrijf '%%' voor een procentteken."),
])
def test_placeholders_that_differ_from_the_dutch(locales, broken, message):
    po = _po(locales)
    _edit(po, 'msgstr "Od %(age)s roku"', broken)  # the first: the half-year message
    line = po.read_text(encoding="utf-8").splitlines().index(broken)  # its msgid is the line before
    assert _problems(locales) == [(line, f"'Vanaf %(age)s jaar' (halve jaren): {message}")]


def test_a_plural_form_may_leave_the_number_out_but_not_every_form(locales):
    po = _po(locales, "ar")
    assert _problems(locales, "ar") == []  # 'نشاط واحد' (one activity) has no number, rightly
    text = po.read_text(encoding="utf-8")
    start = text.index('msgid "%(count)s activiteit"')
    end = text.index("\n\n", start)
    forms = re.sub(r'(msgstr\[\d\] ")%\(count\)s ', r"\1", text[start:end])
    po.write_text(text[:start] + forms + text[end:], encoding="utf-8")
    assert _problems(locales, "ar") == [(_line(po, 'msgid "%(count)s activiteit"'), "'%(count)s activiteit': %(count)s ontbreekt in de vertaling.")]


def test_plural_forms_must_follow_cldr(locales):
    po = _po(locales)
    text = po.read_text(encoding="utf-8")
    header = re.search(r'"Plural-Forms: .*?;\\n"\n', text, re.S).group(0)
    po.write_text(text.replace(header, '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n'), encoding="utf-8")
    found = _problems(locales)
    rule = get_plural(Locale.parse("pl"))
    assert found[0] == (1, f"Plural-Forms zegt nplurals=2; volgens CLDR heeft deze taal er 3: schrijf '{rule.plural_forms}'.")
    # and the first message with a third form is where the file stops making sense
    assert found[1:] == [(_line(po, 'msgid "%(count)s activiteit"'), found[1][1])]
    assert found[1][1].startswith("deze regel is geen geldige .po-regel")


def test_a_message_with_forms_missing(locales):
    po = _po(locales, "uk")
    _edit(po, 'msgstr[2] "%(count)s заходів"\n', "")
    assert _problems(locales, "uk") == [
        (_line(po, 'msgid "%(count)s activiteit"'), "'%(count)s activiteit': een meervoudsvorm is leeg.")]


def test_fuzzy_and_review_header(locales):
    po = _po(locales, "tr")
    _edit(po, 'msgid "Gratis"', '#, fuzzy\nmsgid "Gratis"')
    _edit(po, '"X-Reviewed-By-Native-Speaker: no\\n"\n', "")
    assert _problems(locales, "tr") == [
        (1, "de kop mist 'X-Reviewed-By-Native-Speaker: yes' of 'X-Reviewed-By-Native-Speaker: no' (heeft iemand met deze moedertaal het nagekeken?)."),
        (_line(po, 'msgid "Gratis"'), "'Gratis' is als 'fuzzy' (onzeker) gemarkeerd; kijk de vertaling na en haal 'fuzzy' weg."),
    ]


def test_a_broken_file_is_a_message_not_a_traceback(locales):
    po = _po(locales, "uk")
    po.write_bytes(b'msgid "Gratis"\nmsgstr "\xff\xfe\n')
    found = _problems(locales, "uk")
    assert len(found) == 1 and "sla het op als UTF-8" in found[0][1], found


def test_make_vertalingen_adds_a_new_message_everywhere_and_keeps_the_rest(tmp_path):
    """A new sentence in the code reaches every catalogue, empty; `make check` then asks for it."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "src", root / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "overrides", root / "overrides")
    shutil.copytree(ROOT / "hooks", root / "hooks", ignore=shutil.ignore_patterns("__pycache__"))  # babel.cfg reads it too
    shutil.copytree(ROOT / "locales", root / "locales")
    shutil.copy(ROOT / "babel.cfg", root / "babel.cfg")
    wording = root / "src" / "activity_directory" / "dates" / "wording.py"
    _edit(wording, 'return self._("Met ouder")', 'return self._("Met ouder") + self._("Neem een handdoek mee.")')
    before = {code: (root / "locales" / code / "LC_MESSAGES" / "site.po").read_text(encoding="utf-8") for code in SHIPPED}
    written = catalogues.update(["nl", "en", "de"], root, root / "locales")
    assert written == ["site.pot"] + [f"{code}/LC_MESSAGES/site.po" for code in ["en", "de", *[c for c in SHIPPED if c != "en"]]]
    found = catalogues.problems(("nl", "en", "de"), root, root / "locales")
    for code in SHIPPED:
        po = root / "locales" / code / "LC_MESSAGES" / "site.po"
        assert [(p.line, p.message) for p in found if p.path == f"locales/{code}/LC_MESSAGES/site.po"] == [
            (_line(po, 'msgid "Neem een handdoek mee."'), "'Neem een handdoek mee.': de vertaling ontbreekt.")]
        assert len(po.read_text(encoding="utf-8")) > len(before[code])
    assert 'msgstr "Bezpłatne"' in (root / "locales" / "pl" / "LC_MESSAGES" / "site.po").read_text(encoding="utf-8")  # kept
    # a language in 'talen' without a catalogue got one: every message in it, none translated
    german = [p for p in found if p.path == "locales/de/LC_MESSAGES/site.po"]
    assert len(german) == len([m for m in catalogues.template(root) if m.id])
    assert all(p.message.endswith("de vertaling ontbreekt.") for p in german)
    # a second run changes nothing
    snapshot = {p: p.read_bytes() for p in (root / "locales").rglob("*.po*")}
    catalogues.update(["nl", "en", "de"], root, root / "locales")
    assert snapshot == {p: p.read_bytes() for p in (root / "locales").rglob("*.po*")}


def test_make_check_reports_catalogue_problems(tmp_path):
    """The real `make check` entry point, on a project copy with one broken catalogue."""
    project = tmp_path / "project"
    for name in ("src", "hooks", "overrides", "locales"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copy(ROOT / "babel.cfg", project / "babel.cfg")
    po = _po(project / "locales", "en")
    _edit(po, 'msgstr "Free"', 'msgstr ""')
    env = {**os.environ, "PYTHONPATH": str(project / "src"), "CHECK_BASE": "", "GITHUB_ACTIONS": ""}
    result = subprocess.run([sys.executable, "-m", "activity_directory.editors.check", "content"], cwd=project,
                            env=env, capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    line = _line(po, 'msgid "Gratis"')
    assert f"locales/en/LC_MESSAGES/site.po:{line}: 'Gratis': de vertaling ontbreekt." in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
