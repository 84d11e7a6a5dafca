"""The fast preview (hooks/serve_loop.py): a real ``mkdocs serve`` on a copy of the project.

An editor saves an activity: its page, its feed and the list pages that hold it
(before and after the edit) change, and only a few pages are rendered again.
The result must be exactly what a full build gives: the test makes the server
build everything afterwards (by touching a data file, which must trigger a full
build) and compares every page. A visible change in a data file shows up too.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import icalendar
import pytest

from conftest import REFERENCE, REFERENCE_EPOCH, copy_project, engine_command
from activity_directory.pages.aliases import uid_name
from activity_directory.content.loading import load_catalog
from activity_directory.pages.listings import all_listings
from activity_directory.publish.safety import script_hash

LIVERELOAD = re.compile(r"<script>(\s*var livereload = function.*?)</script>", re.S)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, project: Path):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log: list[str] = []
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(REFERENCE_EPOCH), "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            engine_command("serve", "-f", str(project / "mkdocs.yml"),
                           "--dev-addr", f"127.0.0.1:{self.port}", "--livereload"),
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for(lambda: any("Serving on" in line for line in self.log), 180, "the server did not start")

    def _read(self):
        for line in self.process.stdout:
            self.log.append(line.rstrip("\n"))

    def get(self, path: str) -> str:
        """The page as built: without the live-reload script the server adds to each response (and
        without that script's hash, which hooks/hardening.py adds to the page's policy)."""
        with urllib.request.urlopen(self.base + path, timeout=120) as response:
            text = response.read().decode("utf-8")
        for script in LIVERELOAD.findall(text):
            text = text.replace(script_hash(script) + " ", "")
        return LIVERELOAD.sub("", text)

    def wait_for(self, condition, timeout: float, message: str):
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise AssertionError(f"mkdocs serve stopped:\n" + "\n".join(self.log[-40:]))
            try:
                if condition():
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise AssertionError(message + "\n" + "\n".join(self.log[-40:]))
            time.sleep(0.2)

    def count(self, text: str) -> int:
        return sum(text in line for line in self.log)

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


@contextmanager
def serving(project: Path):
    server = Server(project)
    try:
        yield server
    finally:
        server.stop()


def _pages(server: Server) -> list[str]:
    sitemap = server.get("sitemap.xml")
    paths = [re.sub(r"^https?://[^/]+/", "", loc) for loc in re.findall(r"<loc>(.*?)</loc>", sitemap)]
    assert len(paths) > 100, paths[:5]
    return sorted(paths)  # a list: the test adds files that are not pages


def _events(server: Server, path: str) -> list:
    return icalendar.Calendar.from_ical(server.get(path)).walk("VEVENT")


def _slug(event) -> str:
    return re.sub(r"-\d+@.*$", "", str(event["UID"]))


def _moved(text: str, old_wijk: str, new_wijk: str) -> tuple[str, int]:
    return re.subn(rf"\bwijk: {re.escape(old_wijk)}\b", f"wijk: {new_wijk}", text, count=1)


def _movable(catalog, project: Path):
    """An activity in one wijk (no per-line places), and a wijk in another stadsdeel to move it to
    where the move keeps the same lists (a soort × wijk list comes only where the soort is: one that
    comes or goes is a change of pages, which the preview rightly answers with a full build)."""
    areas = catalog.site.areas
    before = {listing.url for listing in all_listings(catalog)}
    for activity in catalog.activities:
        if (activity.active and activity.location is not None and all(s.location is None for s in activity.slots)
                and areas.areas[activity.location.area].level == "wijk"):
            source = project / "content" / "activities" / f"{activity.slug}.md"
            text = source.read_text(encoding="utf-8")
            for other in areas.neighbourhoods:
                if other.key == activity.location.area or areas.district_of(other.key) == areas.district_of(activity.location.area):
                    continue
                source.write_text(_moved(text, activity.location.area, other.key)[0], encoding="utf-8")
                try:
                    moved, problems = load_catalog(project / "content", project, today=REFERENCE)
                finally:
                    source.write_text(text, encoding="utf-8")
                if not problems and {listing.url for listing in all_listings(moved)} == before:
                    return activity, other
    raise AssertionError("no activity to move in the sample")


def test_an_edit_renders_only_what_shows_it_and_equals_a_full_build(tmp_path):
    project = copy_project(tmp_path / "project")
    catalog, problems = load_catalog(project / "content", project, today=REFERENCE)
    assert not problems
    activity, target = _movable(catalog, project)
    old_wijk = activity.location.area
    source = project / "content" / "activities" / f"{activity.slug}.md"
    text = source.read_text(encoding="utf-8")
    new_title = f"{activity.title} nu in {target.name}"
    edited = re.sub(r"^titel:.*$", f'titel: "{new_title}"', text, count=1, flags=re.M)
    edited, moved = _moved(edited, old_wijk, target.key)
    assert moved == 1 and edited != text
    sentence = "Nieuw: neem een handdoek mee."
    edited = edited.rstrip("\n") + f"\n\n{sentence}\n"  # the body, below the data

    with serving(project) as server:
        pages = _pages(server)
        assert f"data-slug=\"{activity.slug}\"" in server.get(f"wijken/{old_wijk}/")
        assert f"data-slug=\"{activity.slug}\"" not in server.get(f"wijken/{target.key}/")
        full_builds = server.count("Building documentation")

        source.write_text(edited, encoding="utf-8")
        server.wait_for(lambda: new_title in server.get(f"activiteiten/{activity.slug}/"), 120,
                        "the activity page did not change")
        assert sentence in server.get(f"activiteiten/{activity.slug}/")
        # The search index follows the pages in a thread of its own.
        server.wait_for(lambda: server.count("Zoekindex bijgewerkt") >= 1, 60, "the search index was not updated")
        assert server.count("Building documentation") == full_builds, "\n".join(server.log[-30:])
        report = [line for line in server.log if "Snelle preview" in line]
        assert report, server.log[-20:]
        rendered = int(re.search(r"(\d+) pagina's opnieuw gemaakt", report[-1]).group(1))
        assert 0 < rendered < len(pages) / 3, report[-1]

        # Its lists follow it: the new wijk (and stadsdeel) hold it, the old wijk not any more.
        assert f"data-slug=\"{activity.slug}\"" in server.get(f"wijken/{target.key}/")
        assert f"data-slug=\"{activity.slug}\"" not in server.get(f"wijken/{old_wijk}/")
        assert new_title in server.get("")
        events = _events(server, f"activiteiten/{activity.slug}/agenda.ics")
        assert events and all(str(e["SUMMARY"]) == new_title for e in events)
        assert any(_slug(e) == uid_name(activity) for e in _events(server, f"wijken/{target.key}/agenda.ics"))
        assert not any(_slug(e) == uid_name(activity) for e in _events(server, f"wijken/{old_wijk}/agenda.ics"))
        assert new_title in server.get("activiteiten.json")
        assert new_title in server.get(f"wijken/{target.key}/embed/")  # partner pages too
        assert activity.slug not in server.get(f"wijken/{old_wijk}/embed/")
        # Besides the pages: the files an edit rewrites (feeds, open data, partner pages).
        pages += [f"{area}{part}" for area in (f"wijken/{old_wijk}/", f"wijken/{target.key}/", "")
                  for part in ("agenda.ics", "embed/")]
        pages += [f"wijken/{w}/flyer/" for w in (old_wijk, target.key)]
        pages += ["activiteiten.json", "activiteiten.csv", "nieuw.xml", f"activiteiten/{activity.slug}/agenda.ics",
                  "zoekindex/meta.json"]
        incremental = {path: server.get(path) for path in pages}

        # A data file changes (here only a comment): everything is built again, and gives the same pages.
        data_file = project / "content" / "wijken.yml"
        data_file.write_text(data_file.read_text(encoding="utf-8") + "\n# opmerking van de redactie\n", encoding="utf-8")
        server.wait_for(lambda: server.count("Building documentation") > full_builds, 120, "no full build")
        server.wait_for(lambda: server.count("Documentation built") > full_builds, 300, "the full build did not finish")
        full = {path: server.get(path) for path in pages}
        different = [path for path in pages if incremental[path] != full[path]]
        assert not different, f"{len(different)} pages differ from a full build, e.g. {different[:5]}"

        # A visible change in a data file shows everywhere.
        areas_text = data_file.read_text(encoding="utf-8")
        renamed = f"{target.name} Noord"
        assert f"naam: {target.name}\n" in areas_text
        data_file.write_text(areas_text.replace(f"naam: {target.name}\n", f"naam: {renamed}\n", 1), encoding="utf-8")
        server.wait_for(lambda: renamed in server.get(f"wijken/{target.key}/"), 300, "the data-file change did not show")
        assert renamed in server.get(f"activiteiten/{activity.slug}/")


def test_a_new_problem_rebuilds_everything_and_shows_on_every_page(tmp_path):
    project = copy_project(tmp_path / "project")
    catalog, _ = load_catalog(project / "content", project, today=REFERENCE)
    activity = catalog.activities[0]
    source = project / "content" / "activities" / f"{activity.slug}.md"
    with serving(project) as server:
        full_builds = server.count("Building documentation")
        source.write_text(source.read_text(encoding="utf-8").replace("titel:", "titl:", 1), encoding="utf-8")
        server.wait_for(lambda: "content-problems" in server.get("deze-week/"), 300, "the problem is not shown")
        assert server.count("Building documentation") > full_builds
        assert "titl" in server.get("")


def test_a_save_by_rename_and_a_new_file_are_seen(tmp_path):
    """The content folder is watched by file events (serve_loop.watch_by_events), not by MkDocs'
    poll. Editors that save by writing a temporary file and renaming it over the old one, and a new
    activity file (as the CMS writes one), must still reach the preview; reading files must not
    (the build reads every content file: that would start build after build)."""
    project = copy_project(tmp_path / "project")
    catalog, _ = load_catalog(project / "content", project, today=REFERENCE)
    activity = catalog.activities[0]
    folder = project / "content" / "activities"
    source = folder / f"{activity.slug}.md"
    with serving(project) as server:
        assert "Wijzigingen worden elke halve seconde opgezocht" not in "\n".join(server.log)
        builds = server.count("Detected file changes")
        temporary = folder / f".{activity.slug}.md.swp"
        temporary.write_text(source.read_text(encoding="utf-8").replace(
            f"titel: {activity.title}", "titel: Opgeslagen met een nieuwe naam", 1), encoding="utf-8")
        os.replace(temporary, source)
        server.wait_for(lambda: "Opgeslagen met een nieuwe naam" in server.get(f"activiteiten/{activity.slug}/"), 120,
                        "a save by rename did not reach the preview")
        copy = source.read_text(encoding="utf-8").replace("titel: Opgeslagen met een nieuwe naam", "titel: Een nieuwe activiteit", 1)
        (folder / "een-nieuwe-activiteit.md").write_text(copy, encoding="utf-8")
        server.wait_for(lambda: "Een nieuwe activiteit" in server.get("activiteiten/een-nieuwe-activiteit/"), 300,
                        "a new activity file did not reach the preview")
        settled = server.count("Detected file changes")
        time.sleep(3)  # the builds read every file: no build may follow by itself
        assert server.count("Detected file changes") == settled > builds
