"""``python -m activity_directory.check [content_dir]``: validate all content.

Prints every problem as ``path:line: message`` (Dutch) and exits 1 when there
is any, 0 otherwise. Never shows a traceback to an editor.

In a git checkout it also compares every changed activity with its version in
``CHECK_BASE`` (default ``HEAD``, so uncommitted edits; CI for a pull request
sets ``CHECK_BASE=origin/main``): a changed day, time or place needs a newer
``gecontroleerd`` (see :mod:`.changes`).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .changes import sequence_problems
from .loading import ACTIVITIES_DIR, Catalog, load_activity, load_catalog
from .problems import Problem, summary


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


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    content_dir = Path(args[0] if args else "content")
    try:
        catalog, problems = load_catalog(content_dir, Path.cwd())
    except Exception as error:  # a bug of ours must still not show a traceback to an editor
        print(f"{content_dir}:1: interne fout bij het controleren ({type(error).__name__}: {error}). Meld dit aan het webteam.", file=sys.stderr)
        return 2
    if catalog is not None:
        problems = sorted(problems + history_problems(catalog, content_dir, os.environ.get("CHECK_BASE") or "HEAD"))
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(summary(problems), file=sys.stderr)
        return 1
    count = len(catalog.activities) if catalog else 0
    print(f"Alles in orde: {count} activiteiten gecontroleerd.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
