"""Problems the way GitHub Actions shows them: on the line in a pull request.

With ``GITHUB_ACTIONS=true``, ``make check`` prints every problem as a
workflow command (``::error file=…,line=…,title=…::message``), so GitHub puts
it on that line of the changed file, and writes a Dutch summary in Markdown to
``$GITHUB_STEP_SUMMARY``. Plain Python, no GitHub library: the format is three
escaping rules (see :func:`escape_data` and :func:`escape_property`).
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

from ..content.counting import count
from ..content.problems import Problem, summary

# GitHub truncates a job summary above 1 MiB; a table this long is unreadable anyway.
MAX_SUMMARY_ROWS = 200


def in_github_actions(environ=None) -> bool:
    environ = os.environ if environ is None else environ
    return environ.get("GITHUB_ACTIONS") == "true"


def escape_data(text: str) -> str:
    """The message part of a workflow command: '%', CR and LF are escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value (file, title): also ':' and ',' are escaped."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def repository_path(path: str, cwd: Path, root: Path | None) -> str:
    """``path`` (as a problem names it, relative to ``cwd``) relative to the repository root."""
    absolute = (cwd / path).resolve()
    if root is not None:
        try:
            return absolute.relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return PurePosixPath(path).as_posix()


def title(problem: Problem) -> str:
    """A short Dutch title for the annotation: which file has a problem."""
    return f"Probleem in {PurePosixPath(problem.path).name}"


def workflow_command(problem: Problem, path: str) -> str:
    """``::error file=<path>,line=<n>,title=<title>::<message>`` for one problem."""
    return (f"::error file={escape_property(path)},line={max(problem.line, 1)},"
            f"title={escape_property(title(problem))}::{escape_data(problem.message)}")


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("\\", "\\\\").replace("|", "\\|")


def step_summary(problems: list[Problem], paths: dict[str, str], checked: int) -> str:
    """The job summary in Dutch Markdown: a verdict, then a table of every problem."""
    out = ["## Controle van de inhoud", ""]
    if not problems:
        out += [f"✅ Alles in orde: {count(checked, 'activiteit', 'activiteiten')} gecontroleerd.", ""]
        return "\n".join(out)
    out += [f"❌ {summary(problems)}", "",
            "Elk probleem staat ook bij het bestand zelf, op de regel waar het om gaat "
            "(tabblad *Files changed* van de pull request).", "",
            "| Bestand | Regel | Wat is er mis? |", "| --- | ---: | --- |"]
    for problem in problems[:MAX_SUMMARY_ROWS]:
        shown = _cell(paths.get(problem.path, problem.path)).replace("`", "")
        out.append(f"| `{shown}` | {problem.line} | {_cell(problem.message)} |")
    if len(problems) > MAX_SUMMARY_ROWS:
        out += ["", f"En nog {count(len(problems) - MAX_SUMMARY_ROWS, 'probleem', 'problemen')}: draai `make check` om ze allemaal te zien."]
    out.append("")
    return "\n".join(out)


def write_step_summary(text: str, environ=None) -> None:
    """Append to ``$GITHUB_STEP_SUMMARY`` (when GitHub gives one)."""
    environ = os.environ if environ is None else environ
    target = environ.get("GITHUB_STEP_SUMMARY")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(text + "\n")
