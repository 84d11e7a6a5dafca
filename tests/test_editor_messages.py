"""What editors read at the end of their commands: Dutch, with the right plural, and date hints that say
what is accepted.

Every command runs as an editor runs it: `make <target>` in a copy of the project (the Makefile with its
inputs, the installed tools linked), or `python -m …` where only the message is under test. Expected
last lines come from the tool itself (run without make) or from the Makefile's own recipe text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import yaml

from activity_directory.content.fieldtypes import DATE_HINT
from activity_directory.content.loading import load_catalog
from activity_directory.editors import spreadsheet
from activity_directory.editors.newactivity import slugify
from activity_directory.editors.stale import months_before

from conftest import activity_sources, REFERENCE, REFERENCE_EPOCH, ROOT, make_project

MAKE_OWN = re.compile(r"^make(\[\d+\])?: ", re.M)  # GNU make's own lines ("make: *** [Makefile:NN: check] Error 1")
# a sample activity with a weekly line on Monday (so 'dag: maandag' can be broken)
SAMPLE = next(p.name for p in activity_sources(ROOT / "content" / "activities")
              if "dag: maandag" in p.read_text(encoding="utf-8") and "\ntijden:" in p.read_text(encoding="utf-8"))


def _env(**extra) -> dict:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_") and k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    return {**clean, "SOURCE_DATE_EPOCH": str(REFERENCE_EPOCH), **extra}


def _make(project: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """`make …` as an editor types it; stdout and stderr in one stream, in the order a terminal shows them."""
    return subprocess.run(["make", *args], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                          env=_env(), timeout=timeout)


def _tool(project: Path, module: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", f"activity_directory.editors.{module}", "content", *args], cwd=project,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=_env(), timeout=300)


def _last(output: str) -> str:
    return [line for line in output.splitlines() if line.strip()][-1]


def _recipe_line(target: str) -> str:
    """The Dutch line the Makefile's recipe of ``target`` prints when its command fails."""
    recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)
    return re.search(r'echo "([^"]+)" >&2', recipe[1])[1]


def _break(project: Path, *edits: tuple[str, str]) -> Path:
    path = project / "content" / "activities" / SAMPLE
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """One copy for the make targets below; each test puts the sample file back as it found it."""
    return make_project(tmp_path_factory.mktemp("make") / "project")


@pytest.fixture()
def sample(project):
    folder = project / "content" / "activities"
    original = (folder / SAMPLE).read_bytes()
    before = set(folder.iterdir())
    yield project
    (folder / SAMPLE).write_bytes(original)
    for path in set(folder.iterdir()) - before:  # a file a command made after all
        path.unlink()


# -- every failing make target ends with a Dutch line, never with make's English one ------------------

def _assert_dutch_end(result: subprocess.CompletedProcess, expected_last: str) -> None:
    assert result.returncode != 0, result.stdout[-2000:]
    assert not MAKE_OWN.search(result.stdout), result.stdout[-2000:]
    assert _last(result.stdout) == expected_last, result.stdout[-2000:]
    assert "Traceback" not in result.stdout


def test_make_check_fails_with_the_tools_own_dutch_summary(sample):
    _break(sample, ("dag: maandag", "dag: maandg"))
    expected = _last(_tool(sample, "check").stdout)
    assert expected == "1 probleem gevonden in 1 bestand. Pas het aan en probeer het opnieuw."
    _assert_dutch_end(_make(sample, "check"), expected)


def test_make_nieuw_verouderd_and_import_fail_in_dutch(sample, tmp_path):
    _assert_dutch_end(_make(sample, "nieuw"), _last(_tool(sample, "newactivity", "").stdout))
    existing = Path(SAMPLE).stem.replace("-", " ")  # a title whose file is there already
    _assert_dutch_end(_make(sample, "nieuw", f"TITEL={existing}"), _last(_tool(sample, "newactivity", existing).stdout))
    _assert_dutch_end(_make(sample, "verouderd", "MAANDEN=zes"), _last(_tool(sample, "stale", "zes").stdout))
    missing = str(tmp_path / "lijst.csv")
    _assert_dutch_end(_make(sample, "import", f"CSV={missing}"), _last(_tool(sample, "spreadsheet", missing).stdout))
    _assert_dutch_end(_make(sample, "import"), _last(_tool(sample, "spreadsheet", "").stdout))


def test_make_site_fails_with_a_dutch_last_line(sample):
    _break(sample, ("dag: maandag", "dag: maandg"))
    result = _make(sample, "site")
    _assert_dutch_end(result, _recipe_line("site"))
    assert "'maandg' is geen weekdag" in result.stdout


def test_make_test_fails_with_a_dutch_last_line(tmp_path):
    project = make_project(tmp_path / "project")
    (project / "tests").mkdir()
    (project / "tests" / "test_fails.py").write_text("def test_fails():\n    assert 1 + 1 == 3\n", encoding="utf-8")
    result = _make(project, "test")
    _assert_dutch_end(result, _recipe_line("test"))
    assert "1 failed" in result.stdout  # pytest really ran, and really failed


def test_a_good_make_check_still_succeeds_quietly(sample):
    result = _make(sample, "check")
    assert result.returncode == 0 and _last(result.stdout).startswith("Alles in orde: "), result.stdout
    assert not MAKE_OWN.search(result.stdout)


# -- counts by CLDR plural rules ----------------------------------------------------------------------

def test_make_check_summary_singular_and_plural(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    _break(project, ("dag: maandag", "dag: maandg"))
    assert _last(_tool(project, "check").stdout) == "1 probleem gevonden in 1 bestand. Pas het aan en probeer het opnieuw."
    _break(project, ("tijden:", "tijd:"))
    (project / "content" / "activities" / "kopie.md").write_text(
        (project / "content" / "activities" / SAMPLE).read_text(encoding="utf-8"), encoding="utf-8")
    found = re.findall(r"^content/activities/[^:]+:\d+: ", _tool(project, "check").stdout, re.M)
    assert _last(_tool(project, "check").stdout) == \
        f"{len(found)} problemen gevonden in 2 bestanden. Pas ze aan en probeer het opnieuw."


def test_make_verouderd_says_1_maand_and_2_maanden(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    path = project / "content" / "activities" / SAMPLE
    text = path.read_text(encoding="utf-8")
    old = re.search(r"^gecontroleerd: (\S+)$", text, re.M)[1]
    for months, words in ((1, "1 maand"), (2, "2 maanden")):
        day = months_before(REFERENCE, months) - dt.timedelta(days=1)  # not checked for that many months
        path.write_text(text.replace(f"gecontroleerd: {old}", f"gecontroleerd: {day.isoformat()}"), encoding="utf-8")
        output = _tool(project, "stale", "1").stdout
        line = next(line for line in output.splitlines() if line.startswith(f"content/activities/{SAMPLE}:"))
        assert line.endswith(f"({words} geleden)."), line
        assert output.startswith("Niet gecontroleerd in de laatste maand: "), output[:200]
        assert not re.search(r"\b1 maanden\b|\b1 activiteiten\b|\b1 problemen\b", output), output


def test_make_import_counts_rows_and_problems(tmp_path, catalog):
    data = spreadsheet.template_csv(catalog.site).decode("utf-8-sig")
    header, example = list(csv.reader(io.StringIO(data), delimiter=";"))
    row = dict(zip(header, example))
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")

    def write(rows):
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([[r.get(name, "") for name in header] for r in rows])
        path = tmp_path / "lijst.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        return str(path)

    one_bad = write([{**row, "titel": "Rij met fout", "tijden.1.dag": "maandg"}])
    assert _last(_tool(project, "spreadsheet", one_bad).stdout) == \
        "1 probleem in 1 rij. Er is niets geschreven; pas de rij aan en probeer het opnieuw."
    two_bad = write([{**row, "titel": "Fout een", "tijden.1.dag": "maandg"}, {**row, "titel": "Fout twee", "tijden.1.dag": "dinsdg"}])
    assert _last(_tool(project, "spreadsheet", two_bad).stdout) == \
        "2 problemen in 2 rijen. Er is niets geschreven; pas de rijen aan en probeer het opnieuw."
    good = write([{**row, "titel": "Eén nieuwe rij"}])
    assert _last(_tool(project, "spreadsheet", good).stdout).startswith("1 activiteit gemaakt. Het is gecontroleerd;")


def test_no_count_in_the_editors_tools_bypasses_the_plural_rules():
    """A number printed right before a Dutch plural noun (f'{n} maanden') would say '1 maanden' one day."""
    nouns = "maanden|problemen|activiteiten|bestanden|rijen|cellen|kolommen|dagen|weken|jaren"
    for path in [*(ROOT / "src" / "activity_directory" / "editors").glob("*.py"),
                 ROOT / "src" / "activity_directory" / "content" / "problems.py"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "plural(" not in line:  # plural(n, 'de laatste maand', f'de laatste {n} maanden') chooses by the rules
                assert not re.search(rf"\{{[^{{}}]+\}}\*{{0,2}} ({nouns})\b", line), (path.name, line)


# -- date hints say what is accepted ------------------------------------------------------------------

def _checked_problems(project: Path, value: str) -> list[str]:
    path = project / "content" / "activities" / SAMPLE
    text = (ROOT / "content" / "activities" / SAMPLE).read_text(encoding="utf-8")
    path.write_text(re.sub(r"^gecontroleerd: \S+$", f"gecontroleerd: {value}", text, count=1, flags=re.M), encoding="utf-8")
    _, problems = load_catalog(project / "content", project, today=REFERENCE)
    return [p.message for p in problems]


def test_a_file_date_hint_names_the_accepted_form_and_it_is_accepted(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    for written in ("2-11-2026", "02/11/2026", "2.11.2026"):
        [message] = _checked_problems(project, written)
        suggested = re.search(r"schrijf jaar-maand-dag: (\S+)\.$", message)
        assert suggested, message
        assert _checked_problems(project, suggested[1]) == []
    for written in ("20261102", "2026-W45-1", "2 november"):
        [message] = _checked_problems(project, written)
        assert message.endswith(f"is geen datum; {DATE_HINT}."), message
    for example in re.findall(r"\d[\d-]+\d", DATE_HINT):
        assert _checked_problems(project, example) == [], example
    assert _checked_problems(project, '"2026-11-2"') == []  # year-month-day without zeros is year-month-day too
    assert _checked_problems(project, "31-2-2026") == ["gecontroleerd: '31-2-2026' bestaat niet als datum."]


def test_a_spreadsheet_date_hint_names_both_forms_and_both_import(tmp_path, catalog):
    data = spreadsheet.template_csv(catalog.site).decode("utf-8-sig")
    header, example = list(csv.reader(io.StringIO(data), delimiter=";"))
    row = dict(zip(header, example))
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")

    def run(value: str):
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        writer.writerow(header)
        writer.writerow([{**row, "titel": f"Datum {value}", "gecontroleerd": value}.get(name, "") for name in header])
        path = tmp_path / "lijst.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        return spreadsheet.import_csv(path, project / "content", "lijst.csv")

    _, problems = run("2 november")
    [message] = [p.message for p in problems]
    assert spreadsheet.CELL_DATE_HINT in message and "(kolom gecontroleerd)" in message, message
    examples = re.findall(r"\d[\d-]+\d", spreadsheet.CELL_DATE_HINT)
    assert len(examples) == 2
    for value in examples:
        written, problems = run(value)
        assert problems == [] and len(written) == 1, (value, problems)


# -- the import template imports as it is downloaded --------------------------------------------------

def test_the_downloaded_import_template_imports_unchanged(tmp_path, site_url):
    with urllib.request.urlopen(site_url + spreadsheet.TEMPLATE_PATH, timeout=30) as response:
        downloaded = response.read()
    path = tmp_path / "import-voorbeeld.csv"
    path.write_bytes(downloaded)
    project = make_project(tmp_path / "project")
    rows = list(csv.reader(io.StringIO(downloaded.decode("utf-8-sig")), delimiter=";"))
    title = dict(zip(rows[0], rows[1]))["titel"]
    result = _make(project, "import", f"CSV={path}")
    assert result.returncode == 0, result.stdout
    written = project / "content" / "activities" / f"{slugify(title)}.md"
    assert written.is_file() and f"Nieuw bestand: {written.relative_to(project).as_posix()}" in result.stdout
    assert yaml.safe_load(written.read_text(encoding="utf-8").split("---")[1])["titel"] == title
    count = len(activity_sources(project / "content" / "activities"))
    check = _make(project, "check")
    assert check.returncode == 0 and _last(check.stdout) == f"Alles in orde: {count} activiteiten gecontroleerd.", check.stdout
