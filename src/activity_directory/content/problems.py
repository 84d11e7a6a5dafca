"""Problems found in content: always ``path:line: message`` in plain Dutch."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem an editor has to fix, pointing at a file and a line."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """Raised when content has problems; carries every problem at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def summary(problems: list[Problem]) -> str:
    """A Dutch one-line summary to print after the list of problems."""
    files = len({p.path for p in problems})
    word = "probleem" if len(problems) == 1 else "problemen"
    in_files = "1 bestand" if files == 1 else f"{files} bestanden"
    return f"{len(problems)} {word} gevonden in {in_files}. Pas ze aan en probeer het opnieuw."
