"""SEQUENCE guard: a changed day, time or place needs a newer `gecontroleerd`
(feeds derive SEQUENCE from it), and `make check` finds it in git."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shutil
import subprocess
import sys

import pytest

from activity_directory.editors.changes import calendar_facts, checked_line, sequence_problems
from activity_directory.publish.feeds import sequence

from conftest import activity_sources, ROOT


def _first_weekly(catalog):
    return next(a for a in catalog.activities if a.active and any(s.date is None for s in a.slots))


def test_a_changed_time_needs_a_newer_date(catalog):
    before = _first_weekly(catalog)
    slot = before.slots[0]
    moved = dataclasses.replace(before, slots=(dataclasses.replace(slot, start=dt.time(8, 5)),) + before.slots[1:])
    text = "---\ntitel: x\ngecontroleerd: 2026-11-02\n---\n"
    [problem] = sequence_problems(before, moved, text)
    assert problem.line == 3 and "Zet 'gecontroleerd' op de datum van vandaag" in problem.message
    later = dataclasses.replace(moved, checked=before.checked + dt.timedelta(days=1))
    assert sequence_problems(before, later, text) == []
    assert sequence(later) > sequence(before)  # what subscribers' calendars see


def test_other_changes_and_going_back(catalog):
    before = _first_weekly(catalog)
    assert sequence_problems(before, dataclasses.replace(before, summary="Nieuwe zin."), "") == []
    for change in ({"cancelled": before.cancelled + (dt.date(2031, 1, 6),)}, {"status": "gepauzeerd"},
                   {"skip_school_holidays": not before.skip_school_holidays}):
        assert calendar_facts(dataclasses.replace(before, **change)) != calendar_facts(before), change
    back = dataclasses.replace(before, checked=before.checked - dt.timedelta(days=3))
    [problem] = sequence_problems(before, back, "gecontroleerd: 2020-01-01\n")
    assert problem.line == 1 and "ging terug" in problem.message


def test_checked_line():
    assert checked_line("---\ntitel: a\ntijden: []\ngecontroleerd: 2026-01-01\n---\n") == 4
    assert checked_line("---\ntitel: a\n---\n") == 1


@pytest.fixture()
def repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git ontbreekt")
    shutil.copytree(ROOT / "content", tmp_path / "content")
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "inhoud"], cwd=tmp_path, check=True)
    return tmp_path


def _check(repo, **env):
    return subprocess.run([sys.executable, "-m", "activity_directory.editors.check", "content"], cwd=repo,
                          capture_output=True, text=True, env={**os.environ, **env})


def test_make_check_compares_with_git(repo):
    path = activity_sources(repo / "content" / "activities")[0]
    original = path.read_text(encoding="utf-8")
    assert _check(repo).returncode == 0
    time_changed = re.sub(r'(van: ")(\d\d):(\d\d)"', lambda m: f'{m[1]}{m[2]}:{"50" if m[3] != "50" else "55"}"',
                          original, count=1)
    assert time_changed != original
    path.write_text(time_changed, encoding="utf-8")
    result = _check(repo)
    line = checked_line(time_changed)
    assert result.returncode == 1
    assert f"content/activities/{path.name}:{line}: de dag, tijd, plek" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    # with a newer date it passes; committed, the next check compares with that commit
    dated = re.sub(r"gecontroleerd: \S+", "gecontroleerd: 2026-11-23", time_changed)
    path.write_text(dated, encoding="utf-8")
    assert _check(repo).returncode == 0
    # a base given by CI (a pull request against main) sees the same change
    assert _check(repo, CHECK_BASE="HEAD").returncode == 0
    back = re.sub(r"gecontroleerd: \S+", "gecontroleerd: 2020-01-02", original)
    path.write_text(back, encoding="utf-8")
    result = _check(repo)
    assert result.returncode == 1 and "ging terug" in result.stderr


def test_outside_git_the_check_still_works(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    result = _check(tmp_path, GIT_CEILING_DIRECTORIES=str(tmp_path.parent))
    assert result.returncode == 0, result.stderr


def _commit(repo, message):
    git = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"]
    subprocess.run([*git, "commit", "-q", "-a", "-m", message], cwd=repo, check=True)
    return subprocess.run(["git", "log", "-1", "--format=%H"], cwd=repo, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_after_committing_make_check_compares_with_the_commit_before(repo):
    """Locally (no CHECK_BASE) a committed time change without a newer date is still found, and the message
    names the commit it compared with; once the date moves forward in a next commit, all is well."""
    path = activity_sources(repo / "content" / "activities")[0]
    original = path.read_text(encoding="utf-8")
    moved = re.sub(r'(van: ")(\d\d):(\d\d)"', lambda m: f'{m[1]}{m[2]}:{"50" if m[3] != "50" else "55"}"', original, count=1)
    path.write_text(moved, encoding="utf-8")
    commit = _commit(repo, "tijd aangepast")
    # another file changed later does not hide it: the rule looks at the last commit of *this* file
    other = activity_sources(repo / "content" / "activities")[1]
    other.write_text(other.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    _commit(repo, "tekst")
    result = _check(repo)
    assert result.returncode == 1, result.stderr
    line = checked_line(moved)
    assert f"content/activities/{path.name}:{line}: de dag, tijd, plek" in result.stderr, result.stderr
    assert f"Vergeleken met de versie vóór commit {commit[:7]}, de laatste commit die dit bestand veranderde." in result.stderr
    # an uncommitted edit of the description does not hide the committed change either
    path.write_text(moved + "\nEen nieuwe zin.\n", encoding="utf-8")
    assert _check(repo).returncode == 1
    # the date moved forward: fine uncommitted, and fine committed
    dated = re.sub(r"gecontroleerd: \S+", "gecontroleerd: 2026-11-23", moved)
    path.write_text(dated, encoding="utf-8")
    assert _check(repo).returncode == 0, _check(repo).stderr
    _commit(repo, "datum")
    assert _check(repo).returncode == 0
    # an uncommitted time change on top is compared with the last commit, and says so
    path.write_text(re.sub(r'(tot: ")(\d\d):(\d\d)"', lambda m: f'{m[1]}{m[2]}:{"59" if m[3] != "59" else "58"}"', dated, count=1),
                    encoding="utf-8")
    result = _check(repo)
    assert result.returncode == 1 and "(Vergeleken met de laatste commit.)" in result.stderr, result.stderr
