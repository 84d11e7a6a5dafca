"""One source of truth: JSON Schema, editor guide and CMS config all come from model.ACTIVITY."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from activity_directory.content import fieldwalk
from activity_directory.editors import cms, formatdocs
from activity_directory.content.fieldtypes import Either, ListOf, Record
from activity_directory.content.holidays import HolidayCalendar
from activity_directory.content.loading import load_activity
from activity_directory.content.model import ACTIVITY
from activity_directory.content.sitedata import load_site_data

from bad_cases import as_json
from conftest import activity_sources, FIXTURES, ROOT

SAMPLES = activity_sources(ROOT / "content" / "activities") + activity_sources(FIXTURES / "almelo" / "content" / "activities")
KEY_PATHS = [path for path, _ in formatdocs.walk()]


@pytest.fixture(scope="module")
def site():
    data, problems = load_site_data(ROOT / "content")
    assert not problems
    return data


def front_matter(path: Path) -> dict:
    """Front matter as a plain YAML reader sees it, dates as ISO strings (as JSON would carry them)."""
    return as_json(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def validator(built_site):
    schema = json.loads((built_site / "schema" / "activiteit.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_model_has_nested_keys():
    # the walk really reaches into blocks and lists of blocks
    assert {"titel", "locatie.wijk", "tijden.dag", "tijden.locatie.naam", "kosten.bedrag", "aanmelden.url", "leeftijd.tot", "contact.website"} <= set(KEY_PATHS)


def _schema_at(schema: dict, path: str) -> dict | None:
    node = schema
    for part in path.split("."):
        node = _properties(node).get(part)
        if node is None:
            return None
    return node


def _properties(node: dict) -> dict:
    found = dict(node.get("properties", {}))
    more = [node["items"]] if isinstance(node.get("items"), dict) else []
    more += node.get("oneOf", []) + node.get("anyOf", [])
    for option in more:
        for key, value in _properties(option).items():
            found.setdefault(key, value)  # 'properties' wins over extra rules in anyOf
    return found


def test_every_key_is_in_the_schema(validator):
    for path in KEY_PATHS:
        assert _schema_at(validator.schema, path) is not None, path


def test_every_key_is_in_the_editor_guide(built_site):
    page = html.unescape((built_site / "redactie" / "index.html").read_text(encoding="utf-8"))
    cells = re.findall(r"<td><code>([^<]+)</code></td>", page)
    assert set(KEY_PATHS) <= set(cells), set(KEY_PATHS) - set(cells)
    for spec in ACTIVITY.fields:  # the help text of each key is shown
        assert spec.help in page


def _cms_names(fields: list[dict], prefix: str = "") -> set[str]:
    names = set()
    for field in fields:
        path = prefix + field["name"]
        names.add(path)
        if "fields" in field:
            names |= _cms_names(field["fields"], path + ".")
        if field.get("hint") and field["widget"] == "string" and "blok met:" in field["hint"]:
            names |= {f"{path}.{k.strip(' .')}" for k in field["hint"].split("blok met:")[1].split(",")}
    return names


def test_every_key_is_in_the_cms_config(built_site):
    config = yaml.safe_load((built_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    [collection] = config["collections"]
    assert collection["name"] == "activiteiten" and collection["folder"] == "content/activities"
    assert collection["format"] == "activiteit" and collection["delete"] is False  # registered by assets/cms.js
    names = _cms_names(collection["fields"])
    assert set(KEY_PATHS) <= names, set(KEY_PATHS) - names
    by_name = {f["name"]: f for f in collection["fields"]}
    assert by_name["titel"]["label"] == "Titel" and by_name["titel"]["widget"] == "string"
    assert by_name["met_ouder"]["widget"] == "boolean"
    assert by_name["gecontroleerd"]["widget"] == "datetime" and by_name["gecontroleerd"]["time_format"] is False
    assert by_name["tijden"]["widget"] == "list" and by_name["locatie"]["widget"] == "object"
    assert by_name["status"]["options"] == ["actief", "gepauzeerd", "gestopt"]
    assert by_name["soort"]["multiple"] is True
    # references offer exactly the keys of the data files
    _, problems = None, None
    site, problems = load_site_data(ROOT / "content")
    assert [o["value"] for o in by_name["organisatie"]["options"]] == list(site.organisations)
    assert {o["value"] for o in by_name["soort"]["options"]} == set(site.kinds)
    leeftijd = {f["name"]: f for f in by_name["leeftijd"]["fields"]}
    assert leeftijd["van"]["widget"] == "number" and leeftijd["van"]["step"] == 0.5


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_schema_accepts_every_sample(validator, path):
    errors = [e.message for e in validator.iter_errors(front_matter(path))]
    assert errors == []


BROKEN = [
    ("tijden:", "tijd:"),
    ("dag: maandag", "dag: maandg"),
    ('van: "09:30"', 'van: "25:00"'),
    ("{van: 2, tot: 6}", "{van: 1.3, tot: 6}"),
    ("kosten: gratis", "kosten: gratiss"),
    ("contact: {", "contact: {website: 'javascript:alert(1)', "),
    ("organisatie: buurtsportteam-poort", "organisatie: Buurtsportteam Poort"),
    ("gecontroleerd: 2026-11-02", "gecontroleerd: 2 november"),
]


@pytest.mark.parametrize("old,new", BROKEN, ids=[b[1] for b in BROKEN])
def test_schema_rejects_broken_files(validator, tmp_path, old, new):
    source = ROOT / "content" / "activities" / "peuter-en-kleutersport-poort.md"
    text = source.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "broken.md"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert validator.is_valid(front_matter(source))
    assert list(validator.iter_errors(front_matter(broken)))


def test_schema_knows_per_line_locations(validator):
    data = front_matter(ROOT / "content" / "activities" / "peuter-en-kleutersport-poort.md")
    slots = data["tijden"]
    without = {k: v for k, v in data.items() if k != "locatie"}
    assert not validator.is_valid(without)
    with_places = {**without, "tijden": [{**s, "locatie": {"naam": "Zaal", "wijk": "almere-poort"}} for s in slots]}
    assert validator.is_valid(with_places)
    both = {**data, "tijden": [{**slots[0], "datum": "2026-12-07"}]}
    assert not validator.is_valid(both)  # dag and datum together


def test_example_in_the_guide_is_a_valid_file(tmp_path, site):
    text = formatdocs.example_file(site)
    path = tmp_path / "voorbeeld.md"
    path.write_text(text, encoding="utf-8")
    activity, problems = load_activity(path, site, HolidayCalendar(tuple(site.school_holidays)), "voorbeeld.md")
    assert problems == [] and activity is not None
    # every key the example uses is in the model, and every required key is there
    keys = set(yaml.safe_load(text.split("---")[1]))
    assert {f.key for f in ACTIVITY.fields if f.required} <= keys <= {f.key for f in ACTIVITY.fields}


def test_example_uses_this_sites_own_keys():
    almelo, problems = load_site_data(FIXTURES / "almelo" / "content")
    assert not problems
    data = yaml.safe_load(formatdocs.example_file(almelo).split("---")[1])
    assert data["organisatie"] in almelo.organisations
    assert data["locatie"]["wijk"] in almelo.areas.areas
    assert set(data["soort"]) <= set(almelo.kinds)
    assert "Almelo" in formatdocs.editor_guide(almelo)


def test_editor_guide_page(built_site):
    page = (built_site / "redactie" / "index.html").read_text(encoding="utf-8")
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "<h1" in page and "Zo voeg je een activiteit toe" in text
    for words in ("make check", "status: gestopt", "gecontroleerd", "melding", "QR-codes", "Alles in orde"):
        assert words in text, words
    # the error messages shown are real output of the validator on the example
    assert "voorbeeld.md:" in text and "'maandg' is geen weekdag; bedoel je 'maandag'?" in text
    assert "onbekende sleutel 'tijd'. Bedoel je 'tijden'?" in text
    # the complete example file is on the page
    assert "tijden:\n  - dag: maandag" in text
    # reachable from the footer of every page, under "Voor redacteuren" (the menu is for parents)
    home = (built_site / "index.html").read_text(encoding="utf-8")
    footer = home[home.index("<footer"):home.index("</footer>")]
    assert re.search(r'Voor redacteuren</h2>.*href="redactie/"', footer, re.S)
    assert 'href="../schema/activiteit.schema.json"' in page and 'href="../admin/config.yml"' in page


def test_record_types_all_have_docs():
    # every field type in the model can explain itself and describe itself as JSON Schema
    for path, spec in formatdocs.walk():
        assert spec.type.explain() and spec.type.json_schema(), path
        assert spec.label, f"{path} heeft geen Nederlands label voor het CMS"
        if isinstance(spec.type, (Record, Either)) or (isinstance(spec.type, ListOf) and isinstance(spec.type.item, Record)):
            assert fieldwalk.record_of(spec.type) is not None


def _workflow(name: str) -> dict:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key 'on' as true
    return data


def test_the_go_live_guide_names_the_real_workflows_and_checks(built_site):
    """What the guide tells the web team to click and require is what .github/workflows holds."""
    controle, publish, keep_alive = (_workflow(n) for n in ("controle.yml", "publiceren.yml", "wakker-houden.yml"))
    shown = set()  # the names GitHub shows for the checks: a matrix job once per value
    for job in controle["jobs"].values():
        matrix = job.get("strategy", {}).get("matrix", {})
        names = [job["name"]]
        for key, values in matrix.items():
            names = [n.replace("${{ matrix.%s }}" % key, str(v)) for n in names for v in values]
        shown.update(names)
    assert set(formatdocs.CHECK_JOBS) == shown
    assert formatdocs.PUBLISH_WORKFLOW == publish["name"] and "schedule" in publish["on"]
    assert formatdocs.KEEP_ALIVE_WORKFLOW == keep_alive["name"] and "schedule" in keep_alive["on"]
    # only GitHub's own actions: the guide's "Allow actions created by GitHub" is enough
    uses = [s["uses"] for w in (controle, publish, keep_alive) for j in w["jobs"].values() for s in j["steps"] if "uses" in s]
    assert uses and all(u.startswith("actions/") for u in uses), uses
    page = (built_site / "redactie" / "index.html").read_text(encoding="utf-8")
    article = page[page.index('id="de-site-live-zetten-voor-het-webteam"'):page.index("</article>")]
    section = html.unescape(re.sub(r"<[^>]+>", "", article))
    for words in ("GitHub Actions", "SITE_URL", "CNAME", "Enforce HTTPS", "Require status checks to pass", "Write",
                  *formatdocs.CHECK_JOBS, formatdocs.KEEP_ALIVE_WORKFLOW, "60 dagen",
                  *formatdocs.PAGES_A, *formatdocs.PAGES_AAAA):
        assert words in section, words
    # the sign-in routes, with a working anchor: every backend and every variable the editor reads
    assert 'id="inloggen-in-de-webeditor"' in page and 'href="#inloggen-in-de-webeditor"' in page
    sign_in = section[section.index("Inloggen in de webeditor"):]
    assert "Nog niet gekozen." not in sign_in
    for words in ("CMS_AUTH_URL", "CMS_BACKEND", "CMS_APP_ID", "CMS_SERVER_URL", "CMS_REPO", "Redirect URI",
                  *(f"`{name}`" for name in cms.BACKENDS if name != "github"), *(url for name, (url, _) in cms.BACKENDS.items() if name != "github")):
        assert words.strip("`") in sign_in, words
    assert not re.search(r"\b(u|uw)\b", section)
