"""Only known kinds of file come from content/ (activity_directory.content.contentfiles).

Measured on main before the allowlist: ``content/evil.html`` and ``content/assets/evil.js`` were
published as they were, on the origin of /admin/. Here each unknown file is a Dutch
``path:1: message`` from ``make check``, the strict build refuses it with the same message, and
neither the strict nor a non-strict build puts it in site/.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REFERENCE_EPOCH, ROOT, build_site, copy_project, engine_command

from activity_directory.content import contentfiles
from activity_directory.content.loading import load_catalog

# Each file an editor (or an attacker with write access to the repository) might add, with its bytes.
UNKNOWN = {
    "evil.html": b"<!doctype html><script>alert(document.domain)</script>",
    "x.js": b"alert(document.domain)",
    "fotos/evil.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "fotos/notes.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
    "activities/readme.txt": b"Lees mij",
    "nested/page.md": b"# Een pagina\n\n<script>alert(1)</script>\n",
    # over the project's own script (a theme file): it must not replace it, and the theme's file stays
    "assets/directory.js": b"alert('vervangen')",
}
PROBLEM = re.compile(r"^(?P<path>\S+):(?P<line>\d+): (?P<message>.+)$")


def _problems(text: str) -> dict[str, list[tuple[int, str]]]:
    """path -> [(line, message)] of every 'path:line: message' line in a log (MkDocs' prefix dropped)."""
    found: dict[str, list[tuple[int, str]]] = {}
    for raw in text.splitlines():
        line = raw.removeprefix("WARNING -  ").strip()
        match = PROBLEM.match(line)
        if match:
            found.setdefault(match["path"], []).append((int(match["line"]), match["message"]))
    return found


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("allowlist"))
    if (ROOT / "node_modules").is_dir():
        (project / "node_modules").symlink_to(ROOT / "node_modules")
    for relative, data in UNKNOWN.items():
        path = project / "content" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return project


def _assert_each_reported(problems: dict, where: str) -> None:
    for relative in UNKNOWN:
        reported = problems.get(f"content/{relative}")
        assert reported, f"{where}: geen melding voor content/{relative}: {sorted(problems)}"
        assert [line for line, _ in reported] == [1], reported
        message = reported[0][1]
        assert "niet gepubliceerd" in message and "haal het bestand weg" in message.lower(), message
        assert not re.search(r"\b(u|uw)\b", message), message  # the site says 'je'


def test_make_check_names_each_unknown_file(project):
    result = subprocess.run([sys.executable, "-m", "activity_directory.editors.check", "content"], cwd=project,
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    problems = _problems(result.stderr)
    _assert_each_reported(problems, "make check")
    # the sample content itself is fine: only the added files are problems
    assert set(problems) == {f"content/{relative}" for relative in UNKNOWN}, sorted(problems)


def _published(site: Path) -> list[str]:
    """Whatever of the unknown files reached the site: at their path (a .md as a page), or their bytes anywhere."""
    found = [r for r in UNKNOWN if r != "assets/directory.js"
             and ((site / r).exists() or (site / Path(r).with_suffix("")).exists())]
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            found += [f"{path.relative_to(site)} bevat {r}" for r, payload in UNKNOWN.items() if payload in data]
    return found


def test_strict_build_refuses_with_the_same_messages(project, tmp_path):
    check = subprocess.run([sys.executable, "-m", "activity_directory.editors.check", "content"], cwd=project,
                           capture_output=True, text=True)
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0, "de strenge build publiceerde onbekende bestanden"
    assert "Traceback" not in result.stderr
    built = _problems(result.stderr)
    _assert_each_reported(built, "mkdocs build --strict")
    checked = _problems(check.stderr)
    assert {p: built[p] for p in checked} == checked
    assert not _published(tmp_path / "site")


def test_non_strict_build_leaves_them_out_and_keeps_the_theme_script(project, tmp_path):
    site = tmp_path / "site"
    # mkdocs.yml says strict: true; a non-strict build (and mkdocs serve) must leave them out just the same
    result = subprocess.run(engine_command("build", "--no-strict", "--clean", "-f",
                                           str(project / "mkdocs.yml"), "-d", str(site)), cwd=project, capture_output=True, text=True,
                            env={**os.environ, "SOURCE_DATE_EPOCH": str(REFERENCE_EPOCH), "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert (site / "index.html").is_file() and (site / "activiteiten").is_dir()
    assert not _published(site), _published(site)
    # the project's own directory.js is published, not the file that tried to replace it
    assert (site / "assets" / "directory.js").read_bytes() == (ROOT / "overrides" / "assets" / "directory.js").read_bytes()


def test_dotfiles_count_when_git_tracks_them(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    (content / ".htaccess").write_text("Header set X-Evil 1\n", encoding="utf-8")
    (content / "fotos" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    git = shutil.which("git")
    if git is None:
        pytest.fail("git ontbreekt")
    subprocess.run([git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([git, "add", "content/.htaccess"], cwd=tmp_path, check=True)
    _, problems = load_catalog(content, tmp_path)
    flagged = {p.path for p in problems}
    assert "content/.htaccess" in flagged, flagged
    assert "content/fotos/.DS_Store" not in flagged, flagged  # the editor's own, not tracked: never published anyway
    assert all(p.line == 1 for p in problems if p.path == "content/.htaccess")


def test_the_rule_is_one_declaration(tmp_path):
    """What the sample content and the second site hold is allowed; the photo types are the model's."""
    for content in (ROOT / "content", ROOT / "tests" / "fixtures" / "almelo" / "content"):
        assert contentfiles.unlisted(content) == [], content
    from activity_directory.content.fieldtypes import ContentFile
    types = set(ContentFile().extensions)
    for suffix in types:
        assert contentfiles.allowed(f"{ContentFile().folder}/foto{suffix}")
        assert contentfiles.allowed(f"{ContentFile().folder}/FOTO{suffix.upper()}")
    from activity_directory.publish import opendatadocs
    assert contentfiles.allowed(opendatadocs.PAGE_PATH)  # a site may replace the generated page
    for relative in ("fotos/a.svg", "fotos/a.gif", "fotos/sub/a.jpg", "activities/sub/a.md", "a.jpg",
                     "index.html", "over.md", "wijken.yaml", "activities/a.md.bak"):
        assert not contentfiles.allowed(relative), relative
