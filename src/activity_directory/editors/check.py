"""``python -m activity_directory.editors.check [content_dir]``: validate all content.

Prints every problem as ``path:line: message`` (Dutch) and exits 1 when there
is any, 0 otherwise. Never shows a traceback to an editor.

In a git checkout it also compares activities with an earlier version: with
``CHECK_BASE`` when it is set (CI for a pull request sets ``CHECK_BASE=origin/main``),
otherwise each file with its last commit when it has uncommitted edits, and else
with the version before the last commit that changed it (so a committed change
is checked on the editor's computer too). A changed day, time or place needs a
newer ``gecontroleerd`` (see :mod:`.changes`); the problem says what it was
compared with.

With ``GITHUB_ACTIONS=true`` every problem is printed as a workflow command
instead, so GitHub shows it on the line in the pull request, and a Dutch summary
goes to ``$GITHUB_STEP_SUMMARY`` (see :mod:`.annotations`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from . import annotations
from . import catalogues
from .changes import sequence_problems
from ..content.counting import count as counted
from ..content.loading import ACTIVITIES_DIR, Catalog, load_activity, load_catalog
from ..content.problems import Problem, summary


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, encoding="utf-8", errors="replace",
                                check=False)
    except OSError:  # no git on this machine
        return None
    return result.stdout if result.returncode == 0 else None


def _read_blobs(root: Path, specs: list[str]) -> dict[str, str]:
    """``rev:path`` -> text, for every spec git has (one ``git cat-file --batch`` for all of them)."""
    if not specs:
        return {}
    try:
        result = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input="\n".join(specs).encode("utf-8") + b"\n",
                                capture_output=True, check=False)
    except OSError:
        return {}
    out, data, at = {}, result.stdout, 0
    for spec in specs:
        end = data.find(b"\n", at)
        if end < 0:
            break
        header = data[at:end].split()
        at = end + 1
        if len(header) != 3 or header[1] != b"blob":
            continue  # 'missing': the file did not exist in that version
        size = int(header[2])
        out[spec] = data[at:at + size].decode("utf-8", errors="replace")
        at += size + 1
    return out


def _last_commits(root: Path, folder: str) -> dict[str, tuple[str, str]]:
    """path -> (commit, its first parent) of the last commit that changed the file (one ``git log`` for all)."""
    log = _git(["log", "--format=%x00%H %P", "--name-only", "--no-renames", "--", folder], root) or ""
    found: dict[str, tuple[str, str]] = {}
    for entry in log.split("\0")[1:]:
        head, _, names = entry.partition("\n")
        commit, *parents = head.split()
        for name in names.splitlines():
            if name and parents and name not in found:
                found[name] = (commit, parents[0])
    return found


def earlier_versions(root: Path, folder: str, base: str | None) -> dict[str, list[tuple[str, str]]]:
    """path (from the repository root) -> [(earlier text, what it is in Dutch)] for every activity file to compare.

    With a ``base`` (CI: the pull request's base): every file that differs from it, against it. Without (on
    an editor's computer): every file against the version before the last commit that changed it, so a
    committed change is still checked; a file with uncommitted edits first against the last commit.
    """
    wanted: dict[str, list[tuple[str, str]]] = {}
    if base is not None:
        changed = _git(["diff", "--name-only", "--no-renames", base, "--", folder], root) or ""
        wanted = {name: [(f"{base}:{name}", base)] for name in changed.split("\n") if name}
    else:
        changed = _git(["diff", "--name-only", "--no-renames", "HEAD", "--", folder], root)
        if changed is None:
            return {}  # nothing committed yet
        wanted = {name: [("HEAD:" + name, "de laatste commit")] for name in changed.split("\n") if name}
        for name, (commit, parent) in _last_commits(root, folder).items():
            wanted.setdefault(name, []).append(
                (f"{parent}:{name}", f"de versie vóór commit {commit[:7]}, de laatste commit die dit bestand veranderde"))
    texts = _read_blobs(root, [spec for versions in wanted.values() for spec, _ in versions])
    return {name: [(texts[spec], what) for spec, what in versions if spec in texts] for name, versions in wanted.items()}


def history_problems(catalog: Catalog, content_dir: Path, base: str | None) -> list[Problem]:
    """Changed activities whose ``gecontroleerd`` did not move forward (see :func:`earlier_versions`)."""
    folder = (content_dir / ACTIVITIES_DIR).resolve()
    if not folder.is_dir():
        return []
    root = _git(["rev-parse", "--show-toplevel"], folder)
    if root is None:
        return []  # not a git checkout: nothing to compare with
    root_path = Path(root.strip())
    if base is not None and _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], root_path) is None:
        # CI asked to compare with a revision this checkout lacks (a shallow clone?): say so, never skip silently
        return [Problem((content_dir / ACTIVITIES_DIR).as_posix(), 1, f"kan niet vergelijken met CHECK_BASE '{base}': die versie "
                        "staat niet in deze git-map. Haal de hele geschiedenis op (git fetch, of fetch-depth: 0 in de workflow).")]
    problems: list[Problem] = []
    for name, versions in earlier_versions(root_path, folder.relative_to(root_path).as_posix(), base).items():
        path = root_path / name
        activity = catalog.by_slug.get(path.stem)
        if activity is None or not path.is_file() or path.parent != folder:
            continue  # removed, or invalid now (already reported)
        text = path.read_text(encoding="utf-8")
        for before_text, what in versions:  # the first comparison that finds a problem is reported
            before, _ = load_activity(path, catalog.site, catalog.calendar, activity.source, text=before_text,
                                      plain_language=False)  # the earlier version may still say 'u'; compare it anyway
            found = sequence_problems(before, activity, text) if before is not None else []
            if found:
                problems += [Problem(p.path, p.line, f"{p.message} (Vergeleken met {what}.)") for p in found]
                break
    return problems


def _report(problems: list[Problem], checked: int, content_dir: Path) -> None:
    """Print the problems: ``path:line: message`` lines, or workflow commands in GitHub Actions."""
    if not annotations.in_github_actions():
        for problem in problems:
            print(problem, file=sys.stderr)
        if problems:
            print(summary(problems), file=sys.stderr)
        return
    cwd = Path.cwd()
    top = _git(["rev-parse", "--show-toplevel"], content_dir if content_dir.is_dir() else cwd)
    root = Path(top.strip()) if top else None
    paths = {p.path: annotations.repository_path(p.path, cwd, root) for p in problems}
    for problem in problems:
        print(annotations.workflow_command(problem, paths[problem.path]))
    if problems:
        print(summary(problems))
    annotations.write_step_summary(annotations.step_summary(problems, paths, checked))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    content_dir = Path(args[0] if args else "content")
    try:
        catalog, problems = load_catalog(content_dir, Path.cwd())
        # the translators' catalogues: missing, obsolete, placeholders, plural forms (locales/)
        problems += catalogues.problems(tuple(lang.code for lang in catalog.site.languages) if catalog else ())
    except Exception as error:  # a bug of ours must still not show a traceback to an editor
        problem = Problem(str(content_dir), 1, f"interne fout bij het controleren ({type(error).__name__}: {error}). Meld dit aan het webteam.")
        _report([problem], 0, content_dir)
        return 2
    if catalog is not None:
        problems = sorted(problems + history_problems(catalog, content_dir, os.environ.get("CHECK_BASE") or None))
    count = len(catalog.activities) if catalog else 0
    _report(problems, count, content_dir)
    if problems:
        return 1
    print(f"Alles in orde: {counted(count, 'activiteit', 'activiteiten')} gecontroleerd.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
