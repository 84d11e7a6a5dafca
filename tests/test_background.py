"""The side job of a build (hooks/background.py): feeds and open data are written
in a forked child during ``mkdocs build``; a failure there must fail the build
with a Dutch message, and a name clash with content must be refused."""

from __future__ import annotations

import os
import sys

import pytest

from conftest import ROOT, build_site, copy_project

sys.path.insert(0, str(ROOT / "hooks"))
import background  # noqa: E402


def _write_marker(path):
    path.write_text("klaar", encoding="utf-8")
    return "1 bestand geschreven"


@pytest.mark.parametrize("parallel", [True, False], ids=["fork", "in-process"])
def test_job_result_and_files(tmp_path, parallel):
    job = background.SideJob()
    marker = tmp_path / "marker.txt"
    job.start(lambda: _write_marker(marker), parallel=parallel)
    assert (job.pid is not None) == parallel
    report, error = job.join()
    assert (report, error) == ("1 bestand geschreven", None)
    assert marker.read_text(encoding="utf-8") == "klaar"


@pytest.mark.parametrize("parallel", [True, False], ids=["fork", "in-process"])
def test_an_early_result_comes_before_the_job_ends(tmp_path, parallel):
    """The feeds' sizes reach the pages while the job still writes the files."""
    import time

    job = background.SideJob()
    gate = tmp_path / "gate"
    data = b"x" * 300_000  # more than a pipe holds

    def work():
        job.announce(data)
        if parallel:  # the child waits until the parent has read the early result
            while not gate.exists():
                time.sleep(0.01)
        return "klaar"

    job.start(work, parallel=parallel)
    assert job.announced() == data
    gate.write_text("")
    assert job.join() == ("klaar", None)
    assert job.announced() == data  # read once, kept


@pytest.mark.parametrize("parallel", [True, False], ids=["fork", "in-process"])
def test_a_job_that_announces_nothing_gives_none(parallel):
    def broken():
        raise OSError("schijf vol")

    job = background.SideJob()
    job.start(broken, parallel=parallel)
    assert job.announced() is None
    report, error = job.join()
    assert report is None and "schijf vol" in error


@pytest.mark.parametrize("parallel", [True, False], ids=["fork", "in-process"])
def test_job_failure_comes_back_as_a_message(parallel):
    def broken():
        raise OSError("schijf vol")

    job = background.SideJob()
    job.start(broken, parallel=parallel)
    report, error = job.join()
    assert report is None
    assert "OSError: schijf vol" in error and "test_background.py" in error


def test_a_child_that_dies_is_reported():
    job = background.SideJob()
    job.start(lambda: os._exit(3), parallel=True)
    report, error = job.join()
    assert report is None and "stopte onverwacht" in error


def test_cancel_reaps_the_child():
    import time

    job = background.SideJob()
    job.start(lambda: time.sleep(30) or "", parallel=True)
    pid = job.pid
    job.cancel()
    assert job.pid is None
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


def test_serve_never_forks(monkeypatch):
    monkeypatch.setenv("BUILD_PARALLEL", "1")
    assert background.parallel_for("build") is True
    assert background.parallel_for("serve") is False
    assert background.parallel_for(None) is False
    monkeypatch.setenv("BUILD_PARALLEL", "0")
    assert background.parallel_for("build") is False


@pytest.mark.parametrize("name", ["activiteiten.csv", "wijken/agenda.ics", "agenda.ics/leesmij.txt"])
def test_content_file_on_a_reserved_name_is_refused(tmp_path, name):
    project = copy_project(tmp_path / "project")
    target = project / "content" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("iets\n", encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    # Such a file is not one the content folder may hold at all (content.contentfiles): refused
    # before the build could write a feed over it (or it over a feed).
    assert f"content/{name}:1: dit bestand wordt niet gepubliceerd" in result.stderr, result.stderr[-2000:]
    assert not (tmp_path / "site" / name).is_file() or (tmp_path / "site" / name).read_text(encoding="utf-8") != "iets\n"


def test_when_fork_fails_the_job_runs_here(tmp_path, monkeypatch):
    def no_fork():
        raise OSError("te veel processen")

    monkeypatch.setattr(background.os, "fork", no_fork)
    job = background.SideJob()
    marker = tmp_path / "marker.txt"
    job.start(lambda: _write_marker(marker), parallel=True)
    assert job.pid is None and job.join() == ("1 bestand geschreven", None)
    assert marker.exists()


def test_a_page_that_fails_in_another_process_fails_the_build(tmp_path):
    """A share of the activity pages is rendered by a forked process (hooks/page_workers.py): its
    failure must stop the build with a message, not leave a site without those pages."""
    project = copy_project(tmp_path / "project")
    last = sorted(p.stem for p in (project / "content" / "activities").glob("*.md"))[-1]  # in the forked share
    template = project / "overrides" / "activity.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{% block content %}", "{% block content %}{% if activity.slug == '"
                                     + last + "' %}{{ bestaat_niet.ook_niet() }}{% endif %}", 1), encoding="utf-8")
    result = build_site(project, tmp_path / "site", extra_env={"BUILD_PARALLEL": "1"})
    assert result.returncode != 0
    assert "De activiteitenpagina's konden niet worden gemaakt" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
