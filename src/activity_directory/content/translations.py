"""The gettext catalogues: ``locales/<code>/LC_MESSAGES/site.po`` in the repository.

Dutch is the source language: every msgid is the Dutch sentence itself, so Dutch needs no
catalogue, a translator (in Poedit, Weblate or a text editor) sees what the sentence says, and
a message not yet translated shows the Dutch text rather than a key. ``make vertalingen``
extracts ``locales/site.pot`` with Babel and updates every ``.po`` from it.

A build reads a ``.po`` and compiles it in memory (Babel's ``write_mo``), once per process and
file version: no ``.mo`` is ever committed or written.
"""

from __future__ import annotations

import functools
import gettext
import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# The package is used from the repository (pip install -e), so the catalogues sit beside src/.
LOCALES_DIR = Path(__file__).resolve().parents[3] / "locales"
DOMAIN = "site"
TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"


def catalogue_path(code: str, locales_dir: Path = LOCALES_DIR) -> Path:
    return locales_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations(code: str, locales_dir: Path = LOCALES_DIR) -> gettext.NullTranslations:
    """The messages of ``code``; for the source language (or no catalogue) the msgids themselves."""
    path = catalogue_path(code, locales_dir)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return gettext.NullTranslations()
    return _compiled(path, code, stamp)


@functools.lru_cache(maxsize=32)
def _compiled(path: Path, code: str, stamp: int) -> gettext.GNUTranslations:
    with path.open("rb") as source:
        catalog = read_po(source, locale=code, domain=DOMAIN)
    binary = io.BytesIO()
    write_mo(binary, catalog)  # fuzzy entries are left out, as msgfmt does
    binary.seek(0)
    return gettext.GNUTranslations(binary)


def N_(message: str) -> str:
    """Marks a Dutch text for the catalogue where it is defined (Babel extracts ``N_``); it is
    translated where it is shown, with the reader's language (``Wording._``)."""
    return message
