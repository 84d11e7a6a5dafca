"""Counts in plain Dutch by the CLDR plural rules (through Babel): '1 maand', '2 maanden', '0 maanden'.

Every count the editors' tools print goes through :func:`count` (or :func:`plural` for a word that
follows the count, such as 'Pas het aan' / 'Pas ze aan'), so no message says '1 maanden'.
"""

from __future__ import annotations

from babel.core import Locale

LOCALE = Locale.parse("nl")


def plural(n: int, one: str, other: str) -> str:
    """``one`` when CLDR's Dutch rule calls ``n`` 'one' (only the whole number 1), else ``other``."""
    return one if LOCALE.plural_form(n) == "one" else other


def count(n: int, one: str, other: str) -> str:
    """'1 probleem', '2 problemen': the number, then the word in the form that fits it."""
    return f"{n} {plural(n, one, other)}"
