"""`make check` in GitHub Actions: every problem as a workflow command on the
right file and line, a Dutch job summary, and the plain output elsewhere.

The annotations are read back with an independent parser of GitHub's
workflow-command syntax (unescaping as the runner does)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import activity_sources, ROOT

COMMAND = re.compile(r"^::(?P<cmd>\w+) (?P<props>[^:]*)::(?P<data>.*)$")
SOURCE = "peuter-en-kleutersport-poort.md"


def _unescape(text: str, prop: bool) -> str:
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else []) + [("%25", "%")]
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def parse_commands(output: str) -> list[dict]:
    found = []
    for line in output.splitlines():
        match = COMMAND.match(line)
        if match:
            props = dict(part.split("=", 1) for part in match["props"].split(","))
            found.append({"command": match["cmd"], **{k: _unescape(v, True) for k, v in props.items()},
                          "message": _unescape(match["data"], False)})
    return found


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")
    return project


def _check(project: Path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    return subprocess.run([sys.executable, "-m", "activity_directory.editors.check", "content"], cwd=project,
                          env={**clean, **env}, capture_output=True, text=True, timeout=120)


def _break(project: Path, old: str, new: str) -> int:
    """Replace ``old`` in the sample activity; the 1-based line it is on."""
    path = project / "content" / "activities" / SOURCE
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, 1) if old in line)
    lines[number - 1] = lines[number - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")
    return number


def test_a_broken_line_becomes_an_annotation_on_that_file_and_line(tmp_path):
    project = _project(tmp_path)
    weekday = _break(project, "dag: maandag", "dag: maandg")
    walk_in = _break(project, "aanmelden: inloop", "aanmelden: inlop, ook 50% korting")
    summary = tmp_path / "summary.md"
    result = _check(project, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 1
    commands = parse_commands(result.stdout)
    assert {c["command"] for c in commands} == {"error"}, result.stdout
    by_line = {int(c["line"]): c for c in commands}
    path = f"content/activities/{SOURCE}"
    assert by_line[weekday]["file"] == path and "'maandg' is geen weekdag" in by_line[weekday]["message"]
    # ':', ',' and '%' in the message survive the runner's unescaping
    assert by_line[walk_in]["file"] == path and "inlop, ook 50% korting" in by_line[walk_in]["message"]
    assert all(c["title"] == f"Probleem in {SOURCE}" for c in commands)
    # nothing but workflow commands and the Dutch verdict: no plain 'path:line:' duplicates
    assert not re.search(rf"^{re.escape(path)}:\d+:", result.stdout + result.stderr, re.M)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Controle van de inhoud") and "2 problemen gevonden in 1 bestand" in text
    rows = [r for r in text.splitlines() if r.startswith(f"| `{path}`")]
    assert sorted(int(r.split("|")[2]) for r in rows) == sorted([weekday, walk_in])
    assert any("50% korting" in r for r in rows)


def test_paths_are_relative_to_the_repository_root(tmp_path):
    """Run from a sub folder of a git checkout: the annotation still names the file from the root."""
    repo = tmp_path / "repo"
    site = repo / "sites" / "almere"
    shutil.copytree(ROOT / "content", site / "content")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    line = _break(site, "tot: \"10:15\"", "tot: \"10:75\"")
    result = _check(site, GITHUB_ACTIONS="true")
    [command] = parse_commands(result.stdout)
    assert command["file"] == f"sites/almere/content/activities/{SOURCE}" and int(command["line"]) == line


def test_outside_github_actions_the_output_stays_plain(tmp_path):
    project = _project(tmp_path)
    line = _break(project, "dag: maandag", "dag: maandg")
    result = _check(project)
    assert result.returncode == 1 and "::error" not in result.stdout + result.stderr
    assert f"content/activities/{SOURCE}:{line}: 'maandg' is geen weekdag" in result.stderr


def test_a_clean_check_writes_a_green_summary(tmp_path):
    project = _project(tmp_path)
    summary = tmp_path / "summary.md"
    result = _check(project, GITHUB_ACTIONS="true", GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 0, result.stdout + result.stderr
    count = len(activity_sources(project / "content" / "activities"))
    assert f"Alles in orde: {count} activiteiten gecontroleerd." in summary.read_text(encoding="utf-8")


def test_a_missing_check_base_is_a_problem_not_silence(tmp_path):
    """CI compares with CHECK_BASE=origin/main: a shallow clone without it must not pass quietly."""
    repo = _project(tmp_path)
    git = ["git", "-c", "user.email=ci@example.org", "-c", "user.name=CI"]
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-qm", "start"], cwd=repo, check=True)
    result = _check(repo, CHECK_BASE="origin/main")
    assert result.returncode == 1 and "CHECK_BASE 'origin/main'" in result.stderr
    assert _check(repo, CHECK_BASE="HEAD").returncode == 0
