"""The site's languages: data of the municipality, with their names and direction from CLDR.

A municipality lists its languages under ``talen`` in ``content/wijken.yml``, next to its name
and holiday region (the file that already holds what is the municipality's own): Dutch first,
because Dutch is the source of every text and keeps every address the site has. Without
``talen`` a site is Dutch only. The ``TALEN`` environment variable builds a subset
(``TALEN=nl``, ``TALEN=nl,en``); a code that is not configured is a Dutch problem on the line
of ``talen``.

A language's own name ("Polski", "العربية") and its direction come from CLDR through Babel,
never from a list of our own. Its messages are a gettext catalogue
(:mod:`.translations`); a configured language needs one.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass

from babel.core import Locale, UnknownLocaleError, get_global

from .fieldtypes import INVALID, FieldType, ListOf, Text
from .translations import LOCALES_DIR, SOURCE_LANGUAGE, catalogue_path

SOURCE = SOURCE_LANGUAGE  # the language of every msgid, of content/ and of today's URLs
ENVIRONMENT = "TALEN"
CODE = Text(max_length=12)


def localized_path(code: str, path: str) -> str:
    """Site-relative path of a Dutch page's ``path`` in language ``code``: Dutch keeps every address,
    another language has the same paths below ``<code>/`` (a public contract, issue 18)."""
    return path if code == SOURCE else f"{code}/{path}"


@dataclass(frozen=True)
class Language:
    """One language of the site."""

    code: str  # as configured and in future URLs: 'nl', 'en', 'ar'
    locale: Locale
    name: str  # its own name in itself, as it stands alone in a menu: 'Polski', 'Українська'
    direction: str  # 'ltr' or 'rtl'

    @property
    def source(self) -> bool:
        return self.code == SOURCE

    @property
    def open_graph(self) -> str:
        """Open Graph's ``og:locale`` (language_TERRITORY), the territory CLDR finds likeliest: 'nl_NL', 'uk_UA'."""
        likely = Locale.parse(get_global("likely_subtags").get(self.code, self.code))
        return f"{self.code}_{likely.territory}" if likely.territory else self.code


@functools.lru_cache(maxsize=None)
def language(code: str) -> Language:
    """The language ``code`` with CLDR's data (raises ``UnknownLocaleError`` for an unknown one)."""
    locale = Locale.parse(code)
    own = locale.get_display_name(locale) or code
    # CLDR writes Polish and Ukrainian names in lower case, as they are used within a sentence;
    # alone (a menu, a heading) a name starts with a capital, as CLDR's own 'uiListOrMenu' says.
    return Language(code, locale, own[:1].upper() + own[1:], locale.text_direction)


def known(code: str) -> bool:
    try:
        language(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def selection(configured: tuple[str, ...], environ: dict | None = None) -> tuple[tuple[str, ...], str | None]:
    """The codes to build (``TALEN`` or all configured) and a Dutch problem, or None."""
    environ = os.environ if environ is None else environ
    wanted = environ.get(ENVIRONMENT, "").strip()
    if not wanted:
        return configured, None
    codes = tuple(dict.fromkeys(c.strip() for c in wanted.split(",") if c.strip()))
    unknown = [c for c in codes if c not in configured]
    if unknown:
        return configured, (f"{ENVIRONMENT}={wanted}: " + ", ".join(f"'{c}'" for c in unknown)
                            + (" staat" if len(unknown) == 1 else " staan") + " niet bij 'talen'; kies uit "
                            + ", ".join(configured) + ".")
    if SOURCE not in codes:
        return configured, (f"{ENVIRONMENT}={wanted}: '{SOURCE}' ontbreekt. Nederlands is de brontaal en komt er "
                            f"altijd bij; schrijf bijvoorbeeld {ENVIRONMENT}={','.join((SOURCE, *codes))}.")
    return tuple(c for c in configured if c in codes), None


@dataclass(frozen=True)
class Languages(FieldType):
    """``talen``: codes of the site's languages, Dutch first, each known to CLDR and with a catalogue."""

    def check(self, node, ctx, label):
        codes = ListOf(CODE, allow_single=False).check(node, ctx, label)
        if codes is INVALID:
            return INVALID
        before = len(ctx.problems)
        items = node.items
        for code, item in zip(codes, items):
            if not known(code):
                ctx.report(item.line, f"{label}: '{code}' is geen taalcode; gebruik de code van twee letters, zoals 'en' of 'pl'.")
            elif code != SOURCE and not catalogue_path(code).exists():
                ctx.report(item.line, f"{label}: voor '{code}' is er geen vertaling "
                                      f"({catalogue_path(code).relative_to(LOCALES_DIR.parent).as_posix()}); "
                                      "maak die eerst met 'make vertalingen'.")
        if codes[0] != SOURCE:
            ctx.report(items[0].line, f"{label}: zet '{SOURCE}' als eerste; Nederlands is de brontaal van de site.")
        problem = selection(codes)[1]
        if problem:
            ctx.report(node.line, problem)
        return codes if len(ctx.problems) == before else INVALID

    def json_schema(self):
        return {"type": "array", "items": CODE.json_schema(), "minItems": 1, "uniqueItems": True}

    def explain(self):
        return f"een lijst van taalcodes, '{SOURCE}' eerst, zoals [nl, en]"
