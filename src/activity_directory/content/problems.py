"""Problems found in content: always ``path:line: message`` in plain Dutch."""

from __future__ import annotations

from dataclasses import dataclass

from .counting import count, plural


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
    found = count(len(problems), "probleem", "problemen")
    return (f"{found} gevonden in {count(files, 'bestand', 'bestanden')}. "
            f"Pas {plural(len(problems), 'het', 'ze')} aan en probeer het opnieuw.")
