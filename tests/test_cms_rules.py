"""The web editor refuses what `make check` refuses, with the same words: the rules across keys.

The model declares its rules across keys as data (fieldtypes.Compare, Excludes, Equals);
Record.check interprets them for `make check`, and config.yml carries the same declarations to
the web editor, where overrides/assets/cms-rules.js interprets them. This differential test runs
every bad case of the suite (bad_cases.ERRORS and RULE_CASES) through both: the real loader that
`make check` uses, and the script in Node with the `regels` of the generated config.yml on the
data a YAML reader gives (what the editor holds). Each rule message must be the same, byte for
byte, on both sides, and the right files of RULE_PASSES pass on both.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from activity_directory.content.holidays import HolidayCalendar
from activity_directory.content.loading import load_activity
from activity_directory.content.model import ACTIVITY
from activity_directory.content.fieldtypes import Either, ListOf, Record
from activity_directory.content.sitedata import load_site_data
from activity_directory.editors.cms import config_data

from bad_cases import BASE, ERRORS, RULE_CASES, RULE_PASSES, as_json, edit
from conftest import ROOT
from test_cms import _check, _open, _publish, _wait_for_file, fill_new_activity, local_cms  # noqa: F401  (local_cms: a fixture)

NAME = "peutersport-poort.md"
SCRIPT = ROOT / "overrides" / "assets" / "cms-rules.js"

RUNNER = """
import { entryProblems } from %s;
let input = "";
for await (const chunk of process.stdin) input += chunk;
const { fields, cases } = JSON.parse(input);
const out = {};
for (const [id, entry] of Object.entries(cases)) out[id] = entryProblems(fields, entry);
process.stdout.write(JSON.stringify(out));
"""


def _records(record: Record):
    """Every record of the model, nested ones included."""
    yield record
    for spec in record.fields:
        kind = spec.type.record if isinstance(spec.type, Either) else spec.type
        kind = kind.item if isinstance(kind, ListOf) else kind
        if isinstance(kind, Record):
            yield from _records(kind)


# A rule's message as a pattern: its placeholders stand for any value. Which of make check's
# messages come from a rule is known from the declarations alone, not from the script.
RULE_MESSAGES = [re.compile("^" + re.sub(r"\\\{[a-z_]+\\\}", ".+?", re.escape(rule.message)) + "$")
                 for record in _records(ACTIVITY) for rule in record.rules]


def _is_rule_message(message: str) -> bool:
    return any(pattern.match(message) for pattern in RULE_MESSAGES)


def _cases() -> dict[str, str]:
    cases = {"base": BASE}
    cases.update({case[0]: edit(case[1], case[2]) for case in ERRORS})
    cases.update({case[0]: edit(case[1], case[2]) for case in RULE_CASES})
    cases.update({case[0]: edit(case[1], case[2]) for case in RULE_PASSES})
    return cases


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    """id -> (make check's problems as (line, message), the editor's messages, the editor's problems)."""
    node = shutil.which("node")
    assert node, "Node.js is needed (make test installs it)"
    data, problems = load_site_data(ROOT / "content")
    assert not problems, problems
    calendar = HolidayCalendar(tuple(data.school_holidays))
    folder = tmp_path_factory.mktemp("rules") / "content" / "activities"
    folder.mkdir(parents=True)
    checked, entries = {}, {}
    for case_id, text in _cases().items():
        path = folder / NAME
        path.write_text(text, encoding="utf-8")
        _, found = load_activity(path, data, calendar, f"content/activities/{NAME}")
        checked[case_id] = [(problem.line, problem.message) for problem in found]
        entry = as_json(text)
        if isinstance(entry, dict):  # not YAML, or no block: the editor never holds such an entry
            entries[case_id] = entry
    fields = config_data(data)["collections"][0]["fields"]
    runner = RUNNER % json.dumps(SCRIPT.as_uri())
    result = subprocess.run([node, "--input-type=module", "-e", runner], input=json.dumps({"fields": fields, "cases": entries}),
                            capture_output=True, text=True, timeout=60, check=True)
    editor = json.loads(result.stdout)
    return {case_id: (checked[case_id], editor.get(case_id)) for case_id in checked}


def test_the_config_carries_every_rule_of_the_model():
    fields = config_data()["collections"][0]["fields"]
    exported = sorted(rule["melding"] for field in fields if "regels" in field for rule in field["regels"]["regels"])
    declared = sorted(rule.message for record in _records(ACTIVITY) for rule in record.rules)
    assert exported == declared and len(declared) >= 6


def test_every_bad_case_gets_the_same_rule_messages_in_make_check_and_the_editor(verdicts):
    compared = 0
    for case_id, (checked, editor) in verdicts.items():
        if editor is None:
            continue
        expected = sorted(message for _, message in checked if _is_rule_message(message))
        assert sorted(problem["melding"] for problem in editor) == expected, case_id
        compared += 1
    assert compared >= len(ERRORS) - 10  # YAML that no reader reads has no entry in the editor


@pytest.mark.parametrize("case_id,line,message", [(c[0], c[3], c[4]) for c in RULE_CASES], ids=[c[0] for c in RULE_CASES])
def test_a_rule_case_is_refused_by_both_with_the_whole_message(verdicts, case_id, line, message):
    checked, editor = verdicts[case_id]
    assert (line, message) in checked
    assert message in [problem["melding"] for problem in editor]


def test_the_suite_has_a_bad_case_for_every_rule(verdicts):
    hit = {pattern.pattern for checked, _ in verdicts.values() for _, message in checked
           for pattern in RULE_MESSAGES if pattern.match(message)}
    assert hit == {pattern.pattern for pattern in RULE_MESSAGES}


@pytest.mark.parametrize("case_id", [c[0] for c in RULE_PASSES])
def test_right_values_pass_the_rules_on_both_sides(verdicts, case_id):
    checked, editor = verdicts[case_id]
    assert not [message for _, message in checked if _is_rule_message(message)], checked
    assert editor == [], editor


def test_the_editor_names_the_field_and_the_line_of_a_list(verdicts):
    _, editor = verdicts["end-before-start"]
    assert editor == [{"sleutel": "tot", "melding": "de eindtijd 09:00 ligt niet na de begintijd 09:30.", "veld": "tijden", "regel": 0}]
    _, editor = verdicts["age-to-before-from"]
    assert [(p["veld"], p["sleutel"]) for p in editor] == [("leeftijd", "tot")]


AGE = "leeftijd: 'tot' (1) ligt vóór 'van' (2); 'tot' moet gelijk aan of groter dan 'van' zijn."
TIME = "de eindtijd 09:00 ligt niet na de begintijd 10:00."
# (case, field label the message is shown at, make check's message, {label: wrong value}, {label: fixed value})
FORM_CASES = [
    ("ages-2-to-1", "Leeftijd", AGE, {"Tot en met (jaar) (optioneel)": "1"}, {"Tot en met (jaar) (optioneel)": "3"}),
    ("time-10-to-9", "Tijden", TIME, {"Van": "10:00", "Tot": "09:00"}, {"Tot": "10:45"}),
]


@pytest.mark.browser
@pytest.mark.parametrize("case, label, message, wrong, fixed", FORM_CASES, ids=[c[0] for c in FORM_CASES])
def test_the_form_refuses_what_make_check_refuses_at_the_field(browser, local_cms, case, label, message, wrong, fixed):
    project, admin = local_cms
    target = project / "content" / "activities" / "peutergym-regels.md"
    if target.exists():
        target.unlink()  # written by the case before
    context, page = _open(browser, admin)
    try:
        page.goto(admin + "#/collections/activiteiten/new")
        fill_new_activity(page, "Peutergym Regels", wrong)
        _publish(page)
        page.get_by_text(message, exact=True).wait_for(timeout=15_000)
        # at its field: the message sits in the same field box as the field's label
        assert page.evaluate("""([label, message]) => {
          const shown = [...document.querySelectorAll('li, p, div')].find(e => e.children.length === 0 && e.textContent === message);
          let box = shown;
          while (box && ![...box.querySelectorAll('label')].some(l => l.textContent.trim().startsWith(label))) box = box.parentElement;
          return Boolean(box) && box.tagName !== 'BODY';
        }""", [label, message]), label
        page.get_by_text(message, exact=True).scroll_into_view_if_needed()
        time.sleep(2)  # a save that was not refused would have written the file by now
        assert not target.exists()
        # fixed, the same form saves, and make check accepts what it wrote
        for field_label, value in fixed.items():
            box = page.get_by_label(field_label, exact=True)
            box.fill("")  # in a list line, one fill() once left the old text in front of the new
            box.fill(value)
            assert box.input_value() == value
        page.get_by_text(message, exact=True).wait_for(state="detached", timeout=15_000)
        _publish(page)
        _wait_for_file(target)
        checked = _check(project)
        assert checked.returncode == 0, checked.stdout
        assert not page.errors, page.errors
    finally:
        context.close()
        if target.exists():
            target.unlink()
