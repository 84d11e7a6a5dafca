"""Hostile content: every file of ``bad_cases.HOSTILE`` gets a Dutch ``path:line`` from `make check`
within 10 s and 500 MB of address space, the strict build refuses it with the same lines, and
nothing of it reaches the site.

`make check` runs as editors run it (``python -m activity_directory.editors.check content``), in a
subprocess with ``RLIMIT_AS`` and a timeout, one project per case so that each case is measured on
its own. The builds take all hostile activity files at once (one build), and all four hostile data
files at once (a second one: without valid data files no activity is checked).
"""

from __future__ import annotations

import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bad_cases import BASE, HOSTILE, HOSTILE_DATA_FILES, Hostile
from conftest import ROOT, build_site, copy_project

MEMORY = 500 * 1024 * 1024  # bytes of address space for `make check`
SECONDS = 10
PROBLEM = re.compile(r"(content/\S+:\d+: .*)$")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def _content(folder: Path, cases: list[Hostile]) -> Path:
    """The site's data files, and the cases' files (with one ordinary activity for data-file cases)."""
    content = folder / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("activities", "fotos"))
    (content / "activities").mkdir()
    if any(not case.where.startswith("activities/") for case in cases):
        (content / "activities" / "gewoon.md").write_text(BASE, encoding="utf-8")
    for case in cases:
        case.write(content)
    return content


def make_check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "activity_directory.editors.check", "content"], cwd=project,
                          capture_output=True, text=True, timeout=SECONDS, preexec_fn=_limit_memory)


def expected(case: Hostile) -> tuple[str, str]:
    return f"content/{case.where}:{case.line}: ", case.message


def found_in(case: Hostile, lines: list[str]) -> bool:
    start, message = expected(case)
    return any(line.startswith(start) and message in line for line in lines)


def problems_of(output: str) -> set[str]:
    return {m.group(1) for line in output.splitlines() if (m := PROBLEM.search(line))}


@pytest.mark.parametrize("case", HOSTILE + HOSTILE_DATA_FILES, ids=[c.id for c in HOSTILE + HOSTILE_DATA_FILES])
def test_make_check_answers_in_dutch_within_seconds_and_memory(tmp_path, case):
    _content(tmp_path, [case])
    started = time.monotonic()
    result = make_check(tmp_path)  # raises TimeoutExpired after 10 s
    seconds = time.monotonic() - started
    output = result.stdout + result.stderr
    assert result.returncode == 1, (seconds, output[-2000:])
    assert found_in(case, result.stderr.splitlines()), result.stderr[-2000:]
    for word in ("Traceback", "interne fout", "Error", "MemoryError"):
        assert word not in output, output[-2000:]
    assert seconds < SECONDS


def test_the_limits_are_real(tmp_path):
    """The limit of the test itself bites: a child that wants 600 MB fails under it."""
    result = subprocess.run([sys.executable, "-c", "x = bytearray(600 * 1024 * 1024)"], capture_output=True, text=True,
                            timeout=SECONDS, preexec_fn=_limit_memory)
    assert result.returncode != 0 and "MemoryError" in result.stderr


def _site_files(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file()]


def _assert_refused_the_same_way(tmp_path: Path, cases: list[Hostile]) -> tuple[subprocess.CompletedProcess, Path]:
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / "content")
    _content(project, cases)
    if not any(not c.where.startswith("activities/") for c in cases):
        # the sample activities as well: a hostile file must not take the good ones down
        shutil.copytree(ROOT / "content" / "activities", project / "content" / "activities", dirs_exist_ok=True)
        shutil.copytree(ROOT / "content" / "fotos", project / "content" / "fotos", dirs_exist_ok=True)
    check = subprocess.run([sys.executable, "-m", "activity_directory.editors.check", "content"], cwd=project,
                           capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory)
    out = tmp_path / "site"
    build = build_site(project, out)
    assert check.returncode == 1 and build.returncode != 0
    for case in cases:
        assert found_in(case, check.stderr.splitlines()), (case.id, check.stderr[-3000:])
    # the same rules: every problem `make check` names, the build names (and no other)
    assert problems_of(check.stderr) == problems_of(build.stderr), problems_of(check.stderr) ^ problems_of(build.stderr)
    assert "Traceback" not in build.stdout + build.stderr and "interne fout" not in build.stderr
    return build, out


def test_strict_build_refuses_every_hostile_activity_and_publishes_none(tmp_path):
    build, out = _assert_refused_the_same_way(tmp_path, HOSTILE)
    assert (out / "index.html").is_file()  # the good activities were built: what is absent was kept out
    names = {p.relative_to(out).as_posix() for p in _site_files(out)}
    for case in HOSTILE:
        assert not any(case.id in name for name in names), case.id
    hostile_photos = {Path(n).stem for c in HOSTILE for n in c.files if n.startswith("fotos/")}
    assert not any(Path(n).name.split("-")[0] in hostile_photos or n.endswith(".svg") and n.startswith("fotos/")
                   for n in names), sorted(names)[:20]
    for path in _site_files(out):
        if path.suffix in (".html", ".json", ".ics", ".xml", ".csv", ".txt"):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "gehackt" not in text and '"lol"' not in text and "\0" not in text, path


def test_strict_build_refuses_hostile_data_files(tmp_path):
    _, out = _assert_refused_the_same_way(tmp_path, HOSTILE_DATA_FILES)
    for path in _site_files(out) if out.exists() else []:
        if path.suffix in (".html", ".json", ".ics", ".xml"):
            assert "gehackt" not in path.read_text(encoding="utf-8", errors="replace"), path
