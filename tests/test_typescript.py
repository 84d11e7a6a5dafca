"""The browser scripts are type-checked, against types made from what the build writes.

* tsc (TypeScript from npm, package.json) checks overrides/assets/*.js with
  tsconfig.json (checkJs, strict) and must find nothing; shown a script with
  errors it must find them, so a configuration that checks nothing fails here.
* types/contracts.d.ts is rendered from the Python declarations of the index,
  the page configs and the search files (tests/browser_types.py) and must be
  current.
* Every such file of a real build is read back (the index script by Node, the
  configs from the pages, the search files as JSON) and checked against the
  declarations in both directions: a key the build writes that the declaration
  lacks, a key the declaration requires that the build leaves out, and an
  optional key that no built file ever has all fail.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import browser_types
from conftest import ROOT
from activity_directory.pages import directory
from activity_directory.publish import feeds, searchindex

TSC = ROOT / "node_modules" / "typescript" / "bin" / "tsc"


def tsc(project: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    if node is None or not TSC.exists():
        pytest.fail("Node of TypeScript ontbreekt: 'make test' installeert ze (npm ci).")
    return subprocess.run([node, str(TSC), "-p", str(project / "tsconfig.json"), "--pretty", "false"],
                          capture_output=True, text=True, timeout=300, cwd=project)


def test_tsc_finds_nothing_in_the_scripts():
    result = tsc(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_tsc_finds_a_wrong_key_and_an_untyped_parameter(tmp_path):
    """The same configuration, shown a script that reads a key the index does not have and takes a
    parameter without a type, reports both."""
    shutil.copy(ROOT / "tsconfig.json", tmp_path / "tsconfig.json")
    shutil.copytree(ROOT / "types", tmp_path / "types")
    shutil.copytree(ROOT / "overrides" / "assets", tmp_path / "overrides" / "assets")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "overrides" / "assets" / "broken.js").write_text(
        '/** @param {import("../../types/contracts").IndexData} data */\n'
        "export function first(data) { return data.recrods[0]; }\n"
        "export function twice(n) { return n * 2; }\n", encoding="utf-8")
    result = tsc(tmp_path)
    out = result.stdout
    assert result.returncode != 0, out
    assert re.search(r"broken\.js\(2,\d+\): error TS2551: Property 'recrods' does not exist", out), out
    assert re.search(r"broken\.js\(3,\d+\): error TS7006: Parameter 'n' implicitly has an 'any' type", out), out


def test_contract_types_are_current():
    committed = (ROOT / "types" / "contracts.d.ts").read_text(encoding="utf-8")
    assert committed == browser_types.render(), \
        "types/contracts.d.ts is niet bij: draai '.venv/bin/python tests/browser_types.py'"


def test_index_fields_are_the_records_fields():
    assert list(directory.INDEX_FIELDS) == list(directory.IndexRecord._fields)


# -- the built files against the declarations --------------------------------------------------


class _JsonScripts(HTMLParser):
    """The text of <script type="application/json" id="..."> elements, by id."""

    def __init__(self):
        super().__init__()
        self.found: dict[str, str] = {}
        self._id = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("type") == "application/json" and a.get("id"):
            self._id = a["id"]
            self.found[self._id] = ""

    def handle_data(self, data):
        if self._id:
            self.found[self._id] += data

    def handle_endtag(self, tag):
        if tag == "script":
            self._id = None


def json_scripts(path: Path) -> dict[str, object]:
    parser = _JsonScripts()
    parser.feed(path.read_text(encoding="utf-8"))
    return {key: json.loads(text) for key, text in parser.found.items()}


def read_index_script(path: Path) -> object:
    """The index as a browser gets it: Node runs the script and hands over what it pushed."""
    code = ("globalThis.window = globalThis; require(process.argv[1]);"
            "process.stdout.write(JSON.stringify(window.ActivityIndex[0]));")
    result = subprocess.run([shutil.which("node") or "node", "-e", code, str(path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def built_values(site: Path) -> list[tuple[str, object, object]]:
    """(where, value, declaration) of every file of the contract in a built site."""
    values: list[tuple[str, object, object]] = [
        (directory.INDEX_PATH, read_index_script(site / directory.INDEX_PATH), directory.IndexData)]
    configs = {"directory-data": None, "embed-data": directory.EmbedConfig, "feed-states": feeds.FeedStates,
               "share-feed-states": feeds.FeedStates, "agenda-data": feeds.FeedChoices}
    for page in sorted(site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if not any(f'id="{key}"' in text for key in configs):
            continue
        where = page.relative_to(site).as_posix()
        for key, value in json_scripts(page).items():
            if key == "directory-data":
                declared = directory.WeekConfig if 'id="week-days"' in text else directory.HomeConfig
            elif key in configs:
                declared = configs[key]
            else:
                continue
            values.append((f"{where}#{key}", value, declared))
    index = site / searchindex.INDEX_DIR
    values.append((searchindex.META_FILE, json.loads((site / searchindex.META_FILE).read_text("utf-8")),
                   searchindex.SearchMeta))
    for path in sorted(index.glob("**/a/*.json")):  # every language's too (zoekindex/<code>/<hash>/a/)
        values.append((path.relative_to(site).as_posix(), json.loads(path.read_text("utf-8")), list[searchindex.SearchDoc]))
    for path in sorted(index.glob("**/w/*.json")):
        values.append((path.relative_to(site).as_posix(), json.loads(path.read_text("utf-8")), searchindex.SearchShard))
    for path in sorted(index.glob("*/t/*.json")):
        values.append((path.relative_to(site).as_posix(), json.loads(path.read_text("utf-8")), searchindex.SearchWords))
    return values


def test_every_built_file_of_the_contract_has_the_declared_keys_and_types(built_site):
    values = built_values(built_site)
    kinds = [declared for _, _, declared in values]
    for declared in (directory.IndexData, directory.HomeConfig, directory.WeekConfig, directory.EmbedConfig,
                     searchindex.SearchMeta, searchindex.SearchShard, searchindex.SearchWords, list[searchindex.SearchDoc],
                     feeds.FeedStates, feeds.FeedChoices):
        assert declared in kinds, f"de test ziet geen {declared}"
    seen: set = set()
    problems = []
    for where, value, declared in values:
        problems += browser_types.check(value, declared, where, seen)
    assert not problems, "\n".join(problems[:40])
    declared_optional = browser_types.optional_keys(*browser_types.CONTRACTS.values())
    assert declared_optional - seen == set(), "optionele sleutels die geen gebouwd bestand heeft"


def test_the_checker_sees_a_missing_an_extra_and_a_wrong_key():
    """The checker itself, on an index record and a search result that differ from the declarations."""
    doc = {"u": "a", "t": "A", "p": ["x"], "l": "0-4 jaar", "k": "gratis", "o": [["s", "e", "l", "één"]], "extra": 1}
    del doc["k"]
    problems = browser_types.check(doc, searchindex.SearchDoc, "doc")
    assert any("'extra' staat niet in SearchDoc" in p for p in problems), problems
    assert any("'k' van SearchDoc ontbreekt" in p for p in problems), problems
    assert any(p.startswith("doc.o[0]") for p in problems), problems
    short = ["slug", "Titel", [], []]
    assert browser_types.check(short, directory.IndexRecord, "r"), "een te korte record gaat door"
