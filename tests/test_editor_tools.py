"""Editor commands: make nieuw, make verouderd, make import; and /overzicht/.

Each command runs as the editor runs it (`python -m …` in a copy of the
project); expectations come from the domain (the model, the loader, the
occurrence engine) or, for /overzicht/, from /activiteiten.json read as
plain JSON.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from activity_directory.content import fieldwalk
from activity_directory.editors import formatdocs, spreadsheet
from activity_directory.content.fieldtypes import Either, ListOf, Record, TextOr
from activity_directory.pages.listings import AGE_GROUPS
from activity_directory.content.loading import load_catalog
from activity_directory.content.model import ACTIVITY
from activity_directory.editors.stale import months_before

from conftest import REFERENCE, REFERENCE_EPOCH, ROOT


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    return project


def _run(project: Path, module: str, *args: str, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    return subprocess.run([sys.executable, "-m", f"activity_directory.editors.{module}", "content", *args], cwd=project,
                          capture_output=True, text=True, timeout=300,
                          env={**clean, "SOURCE_DATE_EPOCH": str(REFERENCE_EPOCH), **env})


# -- make nieuw ----------------------------------------------------------------------

def _fill(text: str, site) -> str:
    """Fill every empty value of the template the way an editor would: with the guide's examples."""
    keys = fieldwalk.site_examples(site)
    specs = {path: spec for path, spec in formatdocs.walk()}
    out, stack = [], []
    for line in text.splitlines():
        match = re.match(r"^(\s*)(- )?([a-z_]+):\s*$", line)
        if not match or line.lstrip().startswith("#"):
            out.append(line)
            continue
        indent = len(match.group(1)) + (2 if match.group(2) else 0)
        stack = [(i, k) for i, k in stack if i < indent]
        path = ".".join([k for _, k in stack] + [match.group(3)])
        spec = specs[path]
        kind = spec.type
        if isinstance(kind, (Record,)) or isinstance(kind, ListOf) and isinstance(kind.item, Record):
            stack.append((indent, match.group(3)))
            out.append(line)
            continue
        value = kind.word.options[0] if isinstance(kind, Either) else fieldwalk.example_value(spec, keys)
        out.append(f"{line} {value}")
    return "\n".join(out) + "\n"


def test_nieuw_makes_a_commented_template_that_passes_check_once_filled(tmp_path):
    project = _project(tmp_path)
    result = _run(project, "newactivity", "Peutergym Noorderplassen")
    assert result.returncode == 0, result.stderr
    path = project / "content" / "activities" / "peutergym-noorderplassen.md"
    text = path.read_text(encoding="utf-8")
    front = text.split("---")[1]
    # every key of the model, in its order, with its help text as a comment
    keys = [m.group(1) for m in re.finditer(r"^(?:# )?([a-z_]+):", front, re.M)]
    assert keys == [f.key for f in ACTIVITY.fields]
    for spec in ACTIVITY.fields:
        assert spec.help in front, spec.key
    assert "titel: Peutergym Noorderplassen" in front
    assert f"gecontroleerd: {REFERENCE.isoformat()}" in front
    # as it is, make check points at every empty required key
    check = _run(project, "check")
    assert check.returncode == 1
    flagged = {int(m.group(1)) for m in re.finditer(r"peutergym-noorderplassen\.md:(\d+):", check.stderr)}
    lines = text.splitlines()
    for number in flagged:
        assert re.match(r"^\s*(- )?[a-z_]+:\s*$", lines[number - 1]), lines[number - 1]
    assert any(lines[n - 1].strip() == "- dag:" for n in flagged)  # an empty one-of key is not 'given'
    # filled in, it passes
    catalog, _ = load_catalog(ROOT / "content", ROOT)
    path.write_text(_fill(text, catalog.site), encoding="utf-8")
    check = _run(project, "check")
    assert check.returncode == 0, check.stderr


def test_nieuw_never_overwrites(tmp_path):
    project = _project(tmp_path)
    existing = project / "content" / "activities" / "peuter-en-kleutersport-poort.md"
    before = existing.read_text(encoding="utf-8")
    result = _run(project, "newactivity", "Peuter- en kleutersport Poort")
    assert result.returncode == 1 and "bestaat al" in result.stderr
    assert existing.read_text(encoding="utf-8") == before
    assert _run(project, "newactivity").returncode == 2  # no title: a Dutch hint, nothing written


# -- make verouderd ------------------------------------------------------------------------

def test_verouderd_lists_stale_entries_with_contacts_and_ended_activities(tmp_path, catalog):
    project = _project(tmp_path)
    activities = project / "content" / "activities"
    # one activity whose every date lies in the past (a one-off date last month)
    ended = activities / "peutergym-bloemenbuurt.md"
    text = ended.read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---")[1])
    past = REFERENCE - dt.timedelta(days=30)
    while past.weekday() != 2:
        past -= dt.timedelta(days=1)
    data["tijden"] = [{"datum": past, "van": "09:30", "tot": "10:15"}]
    data["schoolvakanties"] = "gaat door"
    data.pop("vervalt", None)
    ended.write_text("---\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True) + "---\n" + text.split("---", 2)[2],
                     encoding="utf-8")
    months = 1
    cutoff = months_before(REFERENCE, months)
    expected_stale = {a.source.replace(str(ROOT) + "/", "") for a in catalog.activities
                      if a.status != "gestopt" and a.checked < cutoff}
    summary = tmp_path / "summary.md"
    result = _run(project, "stale", str(months), GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 0, result.stderr
    listed = set(re.findall(r"^(content/activities/[^:]+\.md): .*gecontroleerd op", result.stdout, re.M))
    assert listed == expected_stale and listed
    # with whom to ask: the organisation's telephone or e-mail is right below each
    for activity in catalog.activities:
        if activity.source in listed:
            org = catalog.site.organisations[activity.organisation]
            block = result.stdout.split(activity.source, 1)[1].split("\n")[1]
            assert org.name in block and any(x and x in block for x in (org.phone, org.email, org.website)), block
    assert re.search(r"^content/activities/peutergym-bloemenbuurt\.md: .*status: gestopt", result.stdout, re.M)
    assert "1 actieve activiteit heeft geen datum meer" in result.stdout
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Verouderde gegevens") and "peutergym-bloemenbuurt.md" in text
    assert all(f"`{source}`" in text for source in listed)
    # the default is six months; a bad number gets a Dutch answer
    assert "laatste 6 maanden" in _run(project, "stale").stdout
    assert _run(project, "stale", "zes").returncode == 2


# -- make import ---------------------------------------------------------------------------

def _template_rows(site) -> tuple[list[str], dict[str, str]]:
    data = spreadsheet.template_csv(site)
    assert data.startswith("\ufeff".encode("utf-8"))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2
    return rows[0], dict(zip(rows[0], rows[1]))


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))
    return path


def test_import_columns_come_from_the_model():
    names = [c.name for c in spreadsheet.columns()]
    assert len(names) == len(set(names))
    for path, spec in formatdocs.walk():
        parts = path.split(".")
        top = ACTIVITY.field(parts[0])
        if len(parts) == 1 and not isinstance(top.type, (Record, ListOf)) or isinstance(top.type, (Either, TextOr)):
            assert parts[0] in names, path
        elif isinstance(top.type, ListOf) and isinstance(top.type.item, Record):
            if len(parts) == 2 and not isinstance(spec.type, Record):
                assert f"{parts[0]}.1.{parts[1]}" in names, path
        elif len(parts) == 2 and not isinstance(spec.type, Record):
            assert path in names, path


def test_the_example_row_with_a_new_title_imports_and_passes_check(tmp_path, built_site, catalog):
    published = (built_site / spreadsheet.TEMPLATE_PATH).read_bytes()
    assert published == spreadsheet.template_csv(catalog.site)
    header, example = _template_rows(catalog.site)
    project = _project(tmp_path)
    # (the row as it is downloaded imports too: tests/test_editor_messages.py runs make import on it)
    renamed = {**example, "titel": "Peutersport Noorderplassen"}
    result = _run(project, "spreadsheet", str(_write_csv(tmp_path / "lijst.csv", header, [renamed])))
    assert result.returncode == 0, result.stderr
    written = project / "content" / "activities" / "peutersport-noorderplassen.md"
    data = yaml.safe_load(written.read_text(encoding="utf-8").split("---")[1])
    assert data["titel"] == "Peutersport Noorderplassen" and data["kosten"] == example["kosten"]
    check = _run(project, "check")
    assert check.returncode == 0, check.stderr


def test_one_bad_row_writes_nothing_and_names_the_row(tmp_path, catalog):
    header, example = _template_rows(catalog.site)
    project = _project(tmp_path)
    before = sorted(p.name for p in (project / "content" / "activities").iterdir())
    rows = [
        {**example, "titel": "Goede rij een"},
        {**example, "titel": "Foute rij", "tijden.1.dag": "maandg", "leeftijd.van": "1,3"},
        {**example, "titel": "Goede rij twee", "kosten": "", "kosten.bedrag": "2,50", "kosten.per": "les",
         "gecontroleerd": "2-11-2026", "met_ouder": "ja"},
    ]
    path = _write_csv(tmp_path / "lijst.csv", header, rows)
    result = _run(project, "spreadsheet", str(path))
    assert result.returncode == 1
    problems = re.findall(r"^lijst\.csv:(\d+): (.+)$", result.stderr, re.M) or \
        re.findall(rf"^{re.escape(str(path))}:(\d+): (.+)$", result.stderr, re.M)
    assert {int(row) for row, _ in problems} == {3}  # row 1 is the header, so the second activity is row 3
    messages = " ".join(message for _, message in problems)
    assert "'maandg' is geen weekdag" in messages and "(kolom tijden.1.dag)" in messages and "(kolom leeftijd.van)" in messages
    assert sorted(p.name for p in (project / "content" / "activities").iterdir()) == before
    # without the bad row, both good rows import (decimal comma, Dutch date, 'ja') and pass the check
    path = _write_csv(tmp_path / "lijst.csv", header, [rows[0], rows[2]])
    result = _run(project, "spreadsheet", str(path))
    assert result.returncode == 0, result.stderr
    two = yaml.safe_load((project / "content" / "activities" / "goede-rij-twee.md").read_text(encoding="utf-8").split("---")[1])
    assert two["kosten"] == {"bedrag": 2.5, "per": "les"} and two["gecontroleerd"] == dt.date(2026, 11, 2) and two["met_ouder"] is True
    assert _run(project, "check").returncode == 0


def test_import_refuses_unknown_columns_and_clashing_names(tmp_path, catalog):
    header, example = _template_rows(catalog.site)
    project = _project(tmp_path)
    path = _write_csv(tmp_path / "kolom.csv", [*header, "tijd"], [example])
    result = _run(project, "spreadsheet", str(path))
    assert result.returncode == 1 and re.search(r"kolom\.csv:1: onbekende kolom 'tijd'", result.stderr)
    path = _write_csv(tmp_path / "dubbel.csv", header, [{**example, "titel": "Zelfde naam"}, {**example, "titel": "Zelfde  naam!"}])
    result = _run(project, "spreadsheet", str(path))
    assert result.returncode == 1 and re.search(r"dubbel\.csv:3: rij 2 krijgt dezelfde bestandsnaam", result.stderr)


# -- /overzicht/ ---------------------------------------------------------------------------

class _Tables(HTMLParser):
    """Rows of every table: [row header, cell texts …]."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.rows, self._row, self._cell = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _expected_from_json(site_dir: Path) -> dict[str, dict[str, tuple[int, int, int]]]:
    """Per wijk key, per age group: (current, free, walk-in), from /activiteiten.json and wijken.yml only."""
    data = json.loads((site_dir / "activiteiten.json").read_text(encoding="utf-8"))
    today = dt.date.fromisoformat(data["peildatum"])
    areas = yaml.safe_load((ROOT / "content" / "wijken.yml").read_text(encoding="utf-8"))
    wijken = {w: d for d, district in areas["stadsdelen"].items() for w in (district.get("wijken") or {})}

    def ended(record) -> bool:
        lasts = [t.get("datum") or t.get("tot_en_met") for t in record["tijden"]]
        return all(last is not None and dt.date.fromisoformat(last) < today for last in lasts)

    def everywhere(record) -> bool:  # one of its places is the whole municipality
        places = [record["locatie"], *(t["locatie"] for t in record["tijden"])]
        return any(place and place["gebied"] == areas["gemeente"] for place in places)

    current = [r for r in data["activiteiten"] if r["status"] == "actief" and not ended(r)]
    expected = {}
    for wijk in wijken:
        here = [r for r in current if wijk in r["wijken"] or everywhere(r)]
        expected[wijk] = {g.key: (sum(g.key in r["leeftijdsgroepen"] for r in here),
                                  sum(g.key in r["leeftijdsgroepen"] and r["gratis"] for r in here),
                                  sum(g.key in r["leeftijdsgroepen"] and r["inloop"] for r in here)) for g in AGE_GROUPS}
    return expected


def test_overview_counts_per_wijk_are_what_the_open_data_implies(built_site):
    expected = _expected_from_json(built_site)
    rows = list(csv.DictReader(io.StringIO((built_site / "overzicht" / "overzicht.csv").read_bytes().decode("utf-8-sig")),
                               delimiter=";"))
    by_key = {row["sleutel"]: row for row in rows if row["soort_gebied"] == "wijk"}
    assert set(by_key) == set(expected)
    for wijk, groups in expected.items():
        for group, (count, free, walk_in) in groups.items():
            row = by_key[wijk]
            assert (int(row[group]), int(row[f"{group}_gratis"]), int(row[f"{group}_inloop"])) == (count, free, walk_in), (wijk, group)
    # the page shows the same numbers, a 0 marked as a gap
    parser = _Tables()
    parser.feed((built_site / "overzicht" / "index.html").read_text(encoding="utf-8"))
    names = {row["gebied"]: row["sleutel"] for row in rows}
    seen = 0
    for cells in parser.rows:
        key = names.get(cells[0])
        if key not in expected:
            continue
        seen += 1
        for group, cell in zip(AGE_GROUPS, cells[1:]):
            count, free, walk_in = expected[key][group.key]
            assert cell == ("0 geen aanbod" if count == 0 else f"{count} {free} gratis, {walk_in} inloop"), (key, group.key, cell)
    assert seen == len(expected)
    assert any(count == 0 for groups in expected.values() for count, _, _ in groups.values())  # gaps exist to be shown


def test_overview_is_for_editors_not_in_the_parents_menu(built_site):
    home = (built_site / "index.html").read_text(encoding="utf-8")
    menu = home[home.index('class="md-nav md-nav--primary"'):]
    assert "overzicht/" not in menu[:menu.index("</nav>")]
    footer = home[home.index("<footer"):home.index("</footer>")]
    assert 'href="overzicht/"' in footer  # with the editors' links in the footer of every page
    guide = (built_site / "redactie" / "index.html").read_text(encoding="utf-8")
    assert 'href="../overzicht/"' in guide
    page = (built_site / "overzicht" / "index.html").read_text(encoding="utf-8")
    assert 'href="overzicht.csv"' in page
    assert (built_site / "overzicht" / "overzicht.csv").read_bytes().startswith("\ufeff".encode("utf-8"))
