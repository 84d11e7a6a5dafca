"""The web editor's Dutch: Decap's own 'nl' locale, completed by overrides/assets/cms-nl.js.

Node imports Decap's English and Dutch locales from node_modules (decap-cms-locales, the version
the bundle is built with) and the real cms-nl.js, lays the one over the other as cms.js does, and
reports every key of the English locale: missing in the result, still the English text, or with
other %{placeholders}."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

from conftest import ROOT

# Words that are the same in Dutch and English, or only placeholders and formats.
SAME_IN_DUTCH = {"Code", "Link", "Markdown", "Status: %{status}", "＋ %{collectionLabel}", "%{details}", "%{date}"}

SCRIPT = """
const root = process.argv[1];
const en = (await import(root + '/node_modules/decap-cms-locales/dist/esm/en/index.js')).default;
const nl = (await import(root + '/node_modules/decap-cms-locales/dist/esm/nl/index.js')).default;
const { aangevuld } = await import(root + '/overrides/assets/cms-nl.js');
const merged = aangevuld(nl);
const rows = [];
const walk = (a, b, path) => {
  for (const [key, value] of Object.entries(a)) {
    const where = path ? path + '.' + key : key;
    const other = b && typeof b === 'object' ? b[key] : undefined;
    if (value && typeof value === 'object') walk(value, other, where);
    else rows.push([where, value, other === undefined ? null : other]);
  }
};
walk(en, merged, '');
console.log(JSON.stringify({ rows }));
"""


def _rows() -> dict:
    result = subprocess.run([shutil.which("node"), "--input-type=module", "-e", SCRIPT, str(ROOT)],
                            capture_output=True, text=True, timeout=60, check=True)
    return json.loads(result.stdout)


def test_every_english_text_of_decap_has_dutch():
    found = _rows()
    assert len(found["rows"]) > 200  # the whole English locale was read
    missing = [where for where, english, dutch in found["rows"] if dutch is None]
    english = [(where, dutch) for where, text, dutch in found["rows"] if dutch == text and text not in SAME_IN_DUTCH]
    assert not missing, missing
    assert not english, english


def test_the_dutch_keeps_the_placeholders():
    placeholders = re.compile(r"%\{\w+\}")
    wrong = [(where, dutch) for where, english, dutch in _rows()["rows"]
             if isinstance(dutch, str) and sorted(placeholders.findall(english)) != sorted(placeholders.findall(dutch))]
    assert not wrong, wrong


def test_the_dutch_says_je_never_u():
    """Editors are spoken to as everyone on the site is: "je", never "u" or "uw" (Decap's own Dutch
    says "u"; cms-nl.js rewrites those texts)."""
    formal = re.compile(r"\b(u|uw|U|Uw|wilt u|kunt u|alstublieft)\b")
    found = [(where, dutch) for where, english, dutch in _rows()["rows"] if isinstance(dutch, str) and formal.search(dutch)]
    assert not found, found

