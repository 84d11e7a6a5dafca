"""CSV files are safe to open in a spreadsheet (OWASP "CSV Injection"), and export → import is lossless.

A real build of the sample content with formula-looking texts in an activity
(title, summary) and in an area name; every CSV the site publishes is read back
with the csv module and every cell is checked. ``make import`` is run as the
editor runs it.
"""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import REFERENCE_EPOCH, ROOT, build_site, copy_project
from activity_directory.content.loading import load_catalog
from activity_directory.editors import spreadsheet
from activity_directory.editors.overview import CSV_PATH as OVERVIEW_CSV
from activity_directory.publish import csvcells, opendata

# What OWASP lists as the start of a formula: =, +, -, @, tab and carriage return.
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
TITLE = '=HYPERLINK("https://example.org/x","klik")'
SUMMARY = "-5 graden buiten? Dan gaan we naar binnen. Voor peuters met hun ouder."
AREA_NAME = "+31 Centrum Haven"
SLUG = "formule-test"


def _rows(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))


def _unsafe_cells(rows: list[list[str]]) -> list[str]:
    """Cells a spreadsheet would read as a formula (OWASP: also after leading spaces)."""
    return [cell for row in rows for cell in row if cell.lstrip(" ").startswith(DANGEROUS)]


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory):
    base = tmp_path_factory.mktemp("csv")
    project = copy_project(base / "project")
    source = (project / "content" / "activities" / "peuter-en-kleutersport-poort.md").read_text(encoding="utf-8")
    front, body = source.split("---\n")[1:3]
    data = yaml.safe_load(front)
    data.update(titel=TITLE, samenvatting=SUMMARY)
    for key in ("foto", "aliases"):
        data.pop(key, None)
    (project / "content" / "activities" / f"{SLUG}.md").write_text(
        "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n" + body, encoding="utf-8")
    areas = project / "content" / "wijken.yml"
    text = areas.read_text(encoding="utf-8")
    assert "naam: Centrum Haven\n" in text
    areas.write_text(text.replace("naam: Centrum Haven\n", f'naam: "{AREA_NAME}"\n', 1), encoding="utf-8")
    out = base / "site"
    result = build_site(project, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_open_data_csv_has_no_formula_and_keeps_the_text(poisoned_site):
    rows = _rows((poisoned_site / opendata.CSV_NAME).read_bytes())
    assert not _unsafe_cells(rows)
    header = rows[0]
    record = next(dict(zip(header, r)) for r in rows[1:] if r[0] == SLUG)
    assert record["titel"] == "'" + TITLE
    assert csvcells.restore(record["titel"]) == TITLE


def test_overview_csv_has_no_formula(poisoned_site):
    rows = _rows((poisoned_site / OVERVIEW_CSV).read_bytes())
    assert not _unsafe_cells(rows)
    assert ["'" + AREA_NAME] in [r[:1] for r in rows], "the area name is there, as text"


def test_import_template_has_no_formula(poisoned_site):
    rows = _rows((poisoned_site / spreadsheet.TEMPLATE_PATH).read_bytes())
    assert len(rows) == 2 and not _unsafe_cells(rows)


def test_neutralise_and_restore_are_exact_inverses():
    values = [TITLE, SUMMARY, AREA_NAME, "+31 36 123 4567", "-1", "@home", "\t=1", "\r=1", " =1+2", "'t Kabouterhuis",
              "'=al met een quote", "''+twee", "gewoon", "", "3,50", "a=b"]
    for value in values:
        cell = csvcells.neutralise(value)
        assert csvcells.restore(cell) == value, value
        assert not cell.lstrip(" ").startswith(DANGEROUS), cell
        if not value.lstrip(" '").startswith(DANGEROUS):
            assert cell == value, "only cells that would be a formula change"


def _run_import(project: Path, csv_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    return subprocess.run([sys.executable, "-m", "activity_directory.editors.spreadsheet", "content", str(csv_path)],
                          cwd=project, capture_output=True, text=True, timeout=300,
                          env={**env, "SOURCE_DATE_EPOCH": str(REFERENCE_EPOCH)})


def test_export_then_import_is_lossless_and_never_a_formula(tmp_path, catalog):
    """A row exported the way the template is (csvcells), imported with make import: the same texts."""
    project = tmp_path / "project"
    copy_project(project)
    example = spreadsheet.example_row(catalog.site)
    header = [c.name for c in spreadsheet.columns()]
    phone = "+31 36 123 4567"
    row = {**example, "titel": TITLE, "samenvatting": SUMMARY, "aanmelden": "", "aanmelden.telefoon": phone,
           "aanmelden.toelichting": "@Buurthuis: bel even van tevoren."}
    data = csvcells.csv_bytes([header, [row.get(name, "") for name in header]])
    written = _rows(data)
    assert not _unsafe_cells(written), "the file we write never holds a formula"
    path = tmp_path / "lijst.csv"
    path.write_bytes(data)
    result = _run_import(project, path)
    assert result.returncode == 0, result.stderr
    [new] = re.findall(r"^Nieuw bestand: (.+)$", result.stdout, re.M)
    loaded, problems = load_catalog(project / "content", project)
    assert not problems, problems
    activity = loaded.activity(Path(new).stem)
    assert activity.title == TITLE
    assert activity.summary == SUMMARY
    assert activity.signup.phone == phone
    assert activity.signup.note == "@Buurthuis: bel even van tevoren."


def test_a_formula_typed_in_the_sheet_is_imported_as_text(tmp_path, catalog):
    """An editor's own cell '=1+2' (not from our export) is the text '=1+2'; a quote typed before it goes."""
    project = tmp_path / "project"
    copy_project(project)
    header = [c.name for c in spreadsheet.columns()]
    example = spreadsheet.example_row(catalog.site)
    rows = [{**example, "titel": "=1+2"}, {**example, "titel": "'=3+4"}]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")  # as a spreadsheet saves it: no neutralising
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    path = tmp_path / "getypt.csv"
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))
    result = _run_import(project, path)
    assert result.returncode == 0, result.stderr
    loaded, problems = load_catalog(project / "content", project)
    assert not problems, problems
    titles = {a.title for a in loaded.activities}
    assert {"=1+2", "=3+4"} <= titles
