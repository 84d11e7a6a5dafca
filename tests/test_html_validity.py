"""Valid HTML gate: the Nu Html Checker (vnu-jar) on EVERY generated page, in
one Java run (it is slow to start). Zero errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict

import pytest

from conftest import ROOT
from gates import html_pages, page_type

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def run_vnu(files) -> dict:
    java = shutil.which("java")
    if java is None or not VNU.exists():
        pytest.fail("Java of vnu-jar ontbreekt: 'make test' installeert ze.")
    result = subprocess.run([java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json",
                             *map(str, files)], capture_output=True, text=True, timeout=600)
    # vnu prints its JSON report on stderr; exit status 1 means errors were found.
    report = result.stderr.strip() or result.stdout.strip()
    return json.loads(report)


def test_every_generated_page_is_valid_html(built_site):
    pages = html_pages(built_site)
    assert len(pages) > 50, "te weinig pagina's gebouwd"
    report = run_vnu(pages)
    errors = defaultdict(list)
    for message in report["messages"]:
        if message.get("type") in ("error", "non-document-error"):
            path = message.get("url", "").removeprefix("file:")
            errors[path].append(f"{message.get('lastLine')}: {message.get('message')} "
                                f"[{message.get('extract', '').strip()[:80]}]")
    by_type = defaultdict(int)
    for page in pages:
        by_type[page_type(built_site, page)] += 1
    assert not errors, f"{len(errors)} van {len(pages)} pagina's ongeldig " + json.dumps(
        {k: v[:5] for k, v in list(errors.items())[:10]}, indent=1, ensure_ascii=False)
    assert "404" in by_type and "activiteiten/*" in by_type, by_type
