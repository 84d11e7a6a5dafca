"""Which files may be in the content folder: an allowlist.

Everything under ``content/`` is editors' material (the site's own CSS and JS are
theme files under ``overrides/``). A file there that is not one of the kinds below,
such as an HTML page, a script, a style sheet, an SVG, a PDF or a Markdown page in
another folder, would be published as it is on the site's own origin, the origin of the
web editor ``/admin/``. So such a file is a problem (line 1) for ``make check`` and the
strict build, and the build leaves it out of the site in every mode.

Dotfiles count when git tracks them (``content/.htaccess``); a dotfile git does not
know (an editor's backup, ``.DS_Store``) is the editor's own and never published.
"""

from __future__ import annotations

import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .fieldtypes import ContentFile
from .fieldwalk import walk
from .problems import Problem
from .sitedata import AREAS_FILE, HOLIDAYS_FILE, KINDS_FILE, ORGANISATIONS_FILE, shown_path

ACTIVITIES_DIR = "activities"
ACTIVITY_SUFFIXES = (".md", ".markdown")  # what the loader reads as an activity


@dataclass(frozen=True)
class Allowed:
    """One kind of file: a path pattern (``*`` and ``?`` never cross a ``/``; the file's extension
    is compared in lower case) and what it is, in Dutch."""

    pattern: str
    what: str

    @property
    def regex(self) -> str:
        return re.escape(self.pattern).replace(r"\*", "[^/]*").replace(r"\?", "[^/]")


def _lower_suffix(relative: str) -> str:
    head, dot, suffix = relative.rpartition(".")
    return f"{head}.{suffix.lower()}" if dot and "/" not in suffix else relative


def _upload_kinds() -> tuple[Allowed, ...]:
    """Every file field of the model (``foto.bestand``): its folder and the types it accepts."""
    kinds = {(spec.type.folder, suffix) for _, spec in walk() if isinstance(spec.type, ContentFile)
             for suffix in spec.type.extensions}
    return tuple(Allowed(f"{folder}/*{suffix}" if folder else f"*{suffix}", "een foto")
                 for folder, suffix in sorted(kinds))


UPLOADS = _upload_kinds()
DATA_FILES = (AREAS_FILE, ORGANISATIONS_FILE, KINDS_FILE, HOLIDAYS_FILE)

# THE allowlist. A language feature adds its translation siblings with one line here, such as
# Allowed(f"{ACTIVITIES_DIR}/*.*.md", "een vertaling") (``*.md`` matches them today as well;
# the loader decides what a name means).
ALLOWED: tuple[Allowed, ...] = (
    *(Allowed(f"{ACTIVITIES_DIR}/*{suffix}", "een activiteit") for suffix in ACTIVITY_SUFFIXES),
    *(Allowed(name, "een gegevensbestand") for name in DATA_FILES),
    Allowed("index.md", "de startpagina"),
    Allowed("open-data.md", "een eigen pagina over open data"),  # replaces the generated one (publish.opendatadocs)
    *UPLOADS,
)


_ALLOWED = re.compile("|".join(f"(?:{kind.regex})" for kind in ALLOWED))  # one match per file: 20,000 in a few ms


def allowed(relative: str) -> bool:
    """True when ``relative`` (a path inside the content folder, with ``/``) may be there; never a dotfile."""
    return not relative.startswith(".") and "/." not in relative and _ALLOWED.fullmatch(_lower_suffix(relative)) is not None


def _tracked(content_dir: Path, candidates: list[str]) -> set[str]:
    """Which of ``candidates`` (dot paths, relative to ``content_dir``) git tracks; none without git."""
    try:
        result = subprocess.run(["git", "--literal-pathspecs", "ls-files", "-z", "--", *candidates], cwd=content_dir,
                                capture_output=True, check=False)
    except OSError:
        return set()
    if result.returncode != 0:
        return set()
    return set(os.fsdecode(result.stdout).split("\0")) - {""}


def unlisted(content_dir: Path) -> list[str]:
    """Every file (and folder link) in ``content_dir`` that is not allowed, relative, sorted."""
    found, dotted = [], []
    for folder, folders, names in os.walk(content_dir):
        base = PurePosixPath(Path(folder).relative_to(content_dir).as_posix())
        for name in list(folders):
            if (Path(folder) / name).is_symlink():
                folders.remove(name)  # a link to a folder elsewhere: never followed
                names.append(name)
            elif name == ".git":
                folders.remove(name)
        for name in names:
            relative = (base / name).as_posix()
            if allowed(relative):
                continue
            (dotted if any(part.startswith(".") for part in relative.split("/")) else found).append(relative)
    if dotted:
        found += sorted(_tracked(content_dir, dotted) & set(dotted))
    return sorted(found)


def _hint(relative: str) -> str:
    folder = relative.rpartition("/")[0]
    photo_folders = {kind.pattern.rpartition("/")[0] for kind in UPLOADS}
    if folder in photo_folders:
        types = ", ".join(sorted({kind.pattern.rpartition("*.")[2] for kind in UPLOADS}))
        return f"in de map {folder} staan alleen foto's ({types}). Sla de foto op als jpg of png, of haal het bestand weg."
    if folder == ACTIVITIES_DIR:
        return (f"in de map {ACTIVITIES_DIR} staan alleen activiteiten, elk in een .md-bestand zoals "
                "'peutergym-poort.md'. Haal het bestand weg, of geef het een naam die eindigt op .md.")
    return (f"in de map content staan alleen activiteiten ({ACTIVITIES_DIR}/<naam>.md), de gegevensbestanden "
            f"({', '.join(DATA_FILES)}), de startpagina (index.md) en foto's ({', '.join(sorted(photo_folders))}/). "
            "Haal het bestand weg. Wil je een pagina, script of document op de site? Vraag het aan het webteam.")


def unlisted_problems(content_dir: Path, project_dir: Path | None = None) -> list[Problem]:
    """A problem (line 1) for every file that may not be in the content folder."""
    return [Problem(shown_path(content_dir / relative, project_dir), 1,
                    f"dit bestand wordt niet gepubliceerd: {_hint(relative)}")
            for relative in unlisted(Path(content_dir))]
