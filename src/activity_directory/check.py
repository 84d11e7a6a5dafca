"""``python -m activity_directory.check [content_dir]``: validate all content.

Prints every problem as ``path:line: message`` (Dutch) and exits 1 when there
is any, 0 otherwise. Never shows a traceback to an editor.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .loading import load_catalog
from .problems import summary


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    content_dir = Path(args[0] if args else "content")
    try:
        catalog, problems = load_catalog(content_dir, Path.cwd())
    except Exception as error:  # a bug of ours must still not show a traceback to an editor
        print(f"{content_dir}:1: interne fout bij het controleren ({type(error).__name__}: {error}). Meld dit aan het webteam.", file=sys.stderr)
        return 2
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
