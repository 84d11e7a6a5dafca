"""The published JSON Schema and the loader give the same verdict on every bad case.

Every bad activity of the test suite (``bad_cases.ERRORS`` and the hostile cases whose front matter
is ordinary data) goes through both the real loader and ``jsonschema`` with
``/schema/activiteit.schema.json`` from a real build. The loader refuses each. The schema must
refuse it too (or no YAML reader can read it into data at all), except the cases in
``bad_cases.SCHEMA_CANNOT``: rules that need the site's data, the calendar or two values at once.
For those the schema must really accept the case, so that list names exactly what the schema
misses, and it must stay small.
"""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from activity_directory.content.fieldtypes import ListOf, Text
from activity_directory.content.fieldwalk import walk

from bad_cases import BASE, ERRORS, HOSTILE, SCHEMA_CANNOT, as_json, edit
from test_validation import check, site  # noqa: F401  (fixture)

CASES = [(case[0], edit(case[1], case[2])) for case in ERRORS] + [
    (case.id, case.activity_text) for case in HOSTILE if case.layer == "data"]


@pytest.fixture(scope="module")
def validator(built_site):
    schema = json.loads((built_site / "schema" / "activiteit.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("case_id,text", CASES, ids=[c[0] for c in CASES])
def test_schema_and_loader_give_the_same_verdict(validator, tmp_path, site, case_id, text):
    activity, problems = check(tmp_path, site, text)
    assert activity is None and problems  # the loader refuses every case
    data = as_json(text)
    refused = data is None or not validator.is_valid(data)
    if case_id in SCHEMA_CANNOT:
        assert not refused, f"the schema refuses {case_id} now: take it out of SCHEMA_CANNOT"
    else:
        assert refused, f"the schema accepts {case_id}, which `make check` refuses: {[str(p) for p in problems]}"


def test_what_a_schema_cannot_say_is_a_short_list_of_real_cases():
    ids = [c[0] for c in CASES]
    assert set(SCHEMA_CANNOT) <= set(ids)
    assert len(SCHEMA_CANNOT) <= 15 and len(SCHEMA_CANNOT) * 4 < len(ids)
    assert all(reason for reason in SCHEMA_CANNOT.values())


def test_schema_accepts_the_base_file(validator):
    assert validator.is_valid(as_json(BASE))


def _cms_fields(fields: list[dict], prefix: str = "") -> dict[str, dict]:
    found = {}
    for entry in fields:
        path = prefix + entry["name"]
        found[path] = entry
        found.update(_cms_fields(entry.get("fields", []), path + "."))
    return found


def test_every_list_bound_is_declared_once_and_shown_everywhere(validator, built_site):
    """The bound of each list and text comes from its field type: the check, the published schema,
    the editor guide and the CMS config say the same number."""
    config = yaml.safe_load((built_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    cms = _cms_fields(config["collections"][0]["fields"])
    guide = (built_site / "redactie" / "index.html").read_text(encoding="utf-8")
    lists = 0
    for path, spec in walk():
        schema = _schema_at(validator.schema, path)
        if isinstance(spec.type, ListOf):
            lists += 1
            array = next(s for s in [schema, *schema.get("anyOf", [])] if s.get("type") == "array")
            assert array["maxItems"] == spec.type.max_items, path
            assert cms[path]["max"] == spec.type.max_items, path
            assert f"een lijst (hoogstens {spec.type.max_items}) van" in guide, path
        if isinstance(spec.type, Text):
            assert schema["maxLength"] == spec.type.max_length, path
            assert f"tekst, hoogstens {spec.type.max_length} tekens" in guide, path
    assert lists >= 7
    assert "## Grenzen" not in guide and "Grenzen</h2>" in guide


def _schema_at(schema: dict, path: str) -> dict:
    node = schema
    for part in path.split("."):
        options = [node, *node.get("oneOf", []), *node.get("anyOf", [])]
        if isinstance(node.get("items"), dict):
            options.append(node["items"])
        node = next(o["properties"][part] for o in options if part in o.get("properties", {}))
    return node
