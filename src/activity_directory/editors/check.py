"""``python -m activity_directory.editors.check [content_dir]``: validate all content.

Prints every problem as ``path:line: message`` (Dutch) and exits 1 when there
is any, 0 otherwise. Never shows a traceback to an editor.

In a git checkout it also compares every changed activity with its version in
``CHECK_BASE`` (default ``HEAD``, so uncommitted edits; CI for a pull request
sets ``CHECK_BASE=origin/main``): a changed day, time or place needs a newer
``gecontroleerd`` (see :mod:`.changes`).

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
from ..content.loading import ACTIVITIES_DIR, Catalog, load_activity, load_catalog
from ..content.problems import Problem, summary


def _git(args: list[str], cwd: Path) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, encoding="utf-8", errors="replace",
                                check=False)
    except OSError:  # no git on this machine
        return None
    return result.stdout if result.returncode == 0 else None


def history_problems(catalog: Catalog, content_dir: Path, base: str) -> list[Problem]:
    """Changed activities whose ``gecontroleerd`` did not move forward since ``base``."""
    folder = (content_dir / ACTIVITIES_DIR).resolve()
    if not folder.is_dir():
        return []
    root = _git(["rev-parse", "--show-toplevel"], folder)
    if root is None:
        return []  # not a git checkout: nothing to compare with
    root_path = Path(root.strip())
    if base != "HEAD" and _git(["rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"], root_path) is None:
        # CI asked to compare with a revision this checkout lacks (a shallow clone?): say so, never skip silently
        return [Problem((content_dir / ACTIVITIES_DIR).as_posix(), 1, f"kan niet vergelijken met CHECK_BASE '{base}': die versie "
                        "staat niet in deze git-map. Haal de hele geschiedenis op (git fetch, of fetch-depth: 0 in de workflow).")]
    changed = _git(["diff", "--name-only", "--no-renames", base, "--", str(folder.relative_to(root_path))], root_path)
    problems: list[Problem] = []
    for name in (changed or "").splitlines():
        path = root_path / name
        activity = catalog.by_slug.get(path.stem)
        if activity is None or not path.is_file():
            continue  # removed, or invalid now (already reported)
        before_text = _git(["show", f"{base}:{name}"], root_path)
        if before_text is None:
            continue  # a new file
        before, _ = load_activity(path, catalog.site, catalog.calendar, activity.source, text=before_text,
                                  plain_language=False)  # the earlier version may still say 'u'; compare it anyway
        if before is not None:
            problems += sequence_problems(before, activity, path.read_text(encoding="utf-8"))
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
        problems = sorted(problems + history_problems(catalog, content_dir, os.environ.get("CHECK_BASE") or "HEAD"))
    count = len(catalog.activities) if catalog else 0
    _report(problems, count, content_dir)
    if problems:
        return 1
    print(f"Alles in orde: {count} activiteiten gecontroleerd.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
