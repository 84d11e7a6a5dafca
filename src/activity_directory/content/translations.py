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

from babel.core import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

# The package is used from the repository (pip install -e), so the catalogues sit beside src/.
LOCALES_DIR = Path(__file__).resolve().parents[3] / "locales"
DOMAIN = "site"
TEMPLATE = LOCALES_DIR / f"{DOMAIN}.pot"
SOURCE_LANGUAGE = "nl"  # (content.languages.SOURCE, which imports this module)


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


def script_messages(code: str, template: Path = TEMPLATE, locales_dir: Path = LOCALES_DIR) -> dict:
    """The messages the page's scripts write (those of ``locales/site.pot`` found in a ``.js``), in
    ``code``: ``{msgid: text}``, and for a plural message ``{singular msgid: {CLDR category: text}}``
    (the script picks the category with the browser's ``Intl.PluralRules``). Empty for Dutch: the
    scripts' msgids are their Dutch text."""
    if code == SOURCE_LANGUAGE:
        return {}
    return _script_messages(code, template, locales_dir, template.stat().st_mtime_ns if template.exists() else 0)


@functools.lru_cache(maxsize=32)
def _script_messages(code: str, template: Path, locales_dir: Path, stamp: int) -> dict:
    if not stamp:
        return {}
    with template.open("rb") as source:
        catalog = read_po(source)
    messages = translations(code, locales_dir)
    rule = Locale.parse(code).plural_form
    samples: dict[str, int] = {}
    for n in range(0, 1000):  # the first whole number of each of the language's CLDR categories
        samples.setdefault(rule(n), n)
    result: dict = {}
    for message in catalog:
        if not message.id or not any(path.endswith(".js") for path, _ in message.locations):
            continue
        if isinstance(message.id, (list, tuple)):
            singular, plural = message.id[0], message.id[1]
            result[singular] = {category: messages.ngettext(singular, plural, n) for category, n in samples.items()}
            # CLDR's 'other' is for fractions in some languages (Polish); a whole number never picks it
            result[singular].setdefault("other", messages.ngettext(singular, plural, samples.get("many", 5)))
        elif message.context:
            result[f"{message.context}\x04{message.id}"] = messages.pgettext(message.context, message.id)
        else:
            result[message.id] = messages.gettext(message.id)
    return result


def N_(message: str) -> str:
    """Marks a Dutch text for the catalogue where it is defined (Babel extracts ``N_``); it is
    translated where it is shown, with the reader's language (``Wording._``)."""
    return message
