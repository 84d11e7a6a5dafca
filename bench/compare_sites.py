"""Compare two built sites file by file: ``python -m bench.compare_sites SITE_A SITE_B``.

Prints "N files identical" and every file that differs or exists in one site only (the check that a
change to the build's mechanics left its output as it was). Exit status 1 when anything differs."""

from __future__ import annotations

import sys
from pathlib import Path


def files_of(site: Path) -> dict[str, Path]:
    return {str(p.relative_to(site)): p for p in site.rglob("*") if p.is_file()}


def compare(a: Path, b: Path) -> tuple[int, list[str]]:
    left, right = files_of(a), files_of(b)
    same, problems = 0, []
    for name in sorted(left.keys() | right.keys()):
        if name not in right:
            problems.append(f"only in {a}: {name}")
        elif name not in left:
            problems.append(f"only in {b}: {name}")
        elif left[name].read_bytes() == right[name].read_bytes():
            same += 1
        else:
            problems.append(f"differs: {name}")
    return same, problems


def main(argv: list[str]) -> int:
    a, b = Path(argv[0]), Path(argv[1])
    same, problems = compare(a, b)
    for line in problems[:50]:
        print(line)
    if len(problems) > 50:
        print(f"… and {len(problems) - 50} more")
    print(f"{same} files identical, {len(problems)} not")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
