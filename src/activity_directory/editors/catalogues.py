"""The translators' catalogues: ``make vertalingen`` and what ``make check`` says about them.

``make vertalingen`` extracts every message with Babel, as ``babel.cfg`` says (Python, the
templates in ``overrides/``, the project's scripts), writes ``locales/site.pot`` and updates the
``.po`` of every language: new messages are added empty (or as a fuzzy guess from a similar
old one), messages that left the source are dropped, and a language in ``talen`` without a
catalogue gets one. Translators then fill in the ``.po`` in Poedit, Weblate or a text editor.

``make check`` extracts the same way, in memory, and reports per ``.po`` as ``path:line``
(the line of the ``msgid``): a message that is missing, untranslated or fuzzy; an obsolete one
(``#~``, or no longer in the source); placeholders that differ from the Dutch source; plural
forms that do not match the language's CLDR plural rule; a header without
``X-Reviewed-By-Native-Speaker``.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import yaml
from babel.core import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural
from babel.messages.pofile import PoFileError, read_po, write_po

from ..content.languages import SOURCE, known
from ..content.problems import Problem
from ..content.sitedata import AREAS_FILE
from ..content.translations import DOMAIN, LOCALES_DIR, catalogue_path

ROOT = LOCALES_DIR.parent
CONFIG = "babel.cfg"
REVIEWED = "X-Reviewed-By-Native-Speaker"
PROJECT = "activiteitengids"
HEADER = ("# Messages of the activity directory (activiteitengids).\n"
          "# Dutch is the source language: every msgid is the Dutch sentence. Keep every %(name)s\n"
          "# placeholder; the words around it may go in any order. See README.md, 'Languages'.\n"
          "# Made and updated by `make vertalingen`, checked by `make check`.\n"
          "# " + REVIEWED + " in the header below: 'yes' once a native speaker has reviewed it.")
COMMENTS = "Translators:"  # a comment starting so, just before a message, is shown to translators
# %(name)s, and any other conversion a translator might type ('%s', '%d', a lone '%')
PLACEHOLDER = re.compile(r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*\d*(?:\.\d+)?(?P<kind>[a-zA-Z%]?)")


def template(root: Path = ROOT) -> Catalog:
    """Every message in the source, as ``babel.cfg`` says (what ``pybabel extract -F`` finds)."""
    with (root / CONFIG).open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    catalog = Catalog(project=PROJECT, domain=DOMAIN, locale=None, charset="utf-8", header_comment=HEADER)
    for pattern, method in method_map:
        for path in sorted(root.glob(pattern)):
            if "vendor" in path.parts:
                continue
            shown = path.relative_to(root).as_posix()
            for line, message, comments, context in extract_from_file(method, path, comment_tags=(COMMENTS,), options=options_map[pattern], strip_comment_tags=True):
                catalog.add(message, None, [(shown, line)], auto_comments=comments, context=context)
    return catalog


def _text(catalog: Catalog, reviewed: str | None = None) -> str:
    out = io.BytesIO()
    # file names without line numbers: moving code does not touch every catalogue
    write_po(out, catalog, width=100, sort_output=False, include_previous=True, include_lineno=False)
    text = out.getvalue().decode("utf-8")
    if reviewed is not None:  # Babel keeps only the headers it knows
        text = text.replace('"Generated-By:', f'"{REVIEWED}: {reviewed}\\n"\n"Generated-By:', 1)
    return text


def _reviewed(path: Path) -> str:
    found = re.search(rf'^"{REVIEWED}: *([^\\"]*)', path.read_text(encoding="utf-8"), re.M)
    return found.group(1).strip() if found else "no"


def update(languages: list[str], root: Path = ROOT, locales_dir: Path = LOCALES_DIR) -> list[str]:
    """Write the template and bring every catalogue up to date with it; the paths written."""
    pot = template(root)
    written = []
    locales_dir.mkdir(parents=True, exist_ok=True)
    pot_path = locales_dir / f"{DOMAIN}.pot"
    if pot_path.exists():  # the same messages keep their date: a run without changes changes no file
        with pot_path.open("rb") as source:
            before = read_po(source, domain=DOMAIN)
        undated = re.compile(r'^"POT-Creation-Date: .*$', re.M)
        if undated.sub("", _text(pot)) == undated.sub("", pot_path.read_text(encoding="utf-8")):
            pot.creation_date = before.creation_date
    pot_path.write_text(_text(pot), encoding="utf-8")
    written.append(f"{DOMAIN}.pot")
    present = sorted(p.parent.parent.name for p in locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))
    for code in dict.fromkeys([c for c in languages if c != SOURCE] + present):
        path = catalogue_path(code, locales_dir)
        if path.exists():
            with path.open("rb") as source:
                catalog = read_po(source, locale=code, domain=DOMAIN)
            reviewed = _reviewed(path)
        else:
            catalog = Catalog(locale=code, domain=DOMAIN, project=PROJECT, charset="utf-8", header_comment=HEADER)
            reviewed = "no"
        catalog.update(pot, update_header_comment=False)
        catalog.obsolete.clear()  # gone from the source: a similar new message got it as a fuzzy guess
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_text(catalog, reviewed), encoding="utf-8")
        written.append(path.relative_to(locales_dir).as_posix())
    return written


def _placeholders(text: str) -> tuple[set[str], list[str]]:
    """The named placeholders in ``text`` and any conversions that are not ``%(name)s``."""
    names, wrong = set(), []
    for match in PLACEHOLDER.finditer(text):
        if match.group("kind") == "%" and match.group("name") is None:
            continue  # '%%' is a percent sign
        if match.group("name") is not None and match.group("kind") == "s":
            names.add(match.group("name"))
        else:
            wrong.append(match.group(0))
    return names, wrong


def _label(message) -> str:
    text = message.id[0] if isinstance(message.id, tuple) else message.id
    return f"'{text}'" + (f" ({message.context})" if message.context else "")


def _message_problems(message, shown: str) -> list[Problem]:
    # Babel reads a message with fewer forms than Plural-Forms with empty ones, and refuses more.
    problems = []
    line = message.lineno or 1
    label = _label(message)
    forms = list(message.string) if isinstance(message.string, tuple) else [message.string]
    if message.fuzzy:
        problems.append(Problem(shown, line, f"{label} is als 'fuzzy' (onzeker) gemarkeerd; kijk de vertaling na en haal 'fuzzy' weg."))
        return problems
    if not all(forms):
        empty = "een meervoudsvorm is leeg" if any(forms) else "de vertaling ontbreekt"
        problems.append(Problem(shown, line, f"{label}: {empty}."))
        return problems
    sources = [message.id] if isinstance(message.id, str) else list(message.id)
    wanted = set().union(*(_placeholders(s)[0] for s in sources))
    seen: set[str] = set()
    for form in forms:
        names, wrong = _placeholders(form)
        seen |= names
        if wrong:
            problems.append(Problem(shown, line, f"{label}: " + ", ".join(f"'{w}'" for w in wrong)
                                    + " kan niet; gebruik alleen de plaatshouders uit het Nederlands ("
                                    + ", ".join(f"%({n})s" for n in sorted(wanted)) + ") en schrijf '%%' voor een procentteken."))
        extra = names - wanted
        if extra:
            problems.append(Problem(shown, line, f"{label}: " + ", ".join(f"%({n})s" for n in sorted(extra))
                                    + " staat niet in het Nederlands; gebruik " + (", ".join(f"%({n})s" for n in sorted(wanted)) or "geen plaatshouders") + "."))
        if len(sources) == 1 and names != wanted and not extra and not wrong:
            missing = wanted - names
            problems.append(Problem(shown, line, f"{label}: " + ", ".join(f"%({n})s" for n in sorted(missing)) + " ontbreekt in de vertaling."))
    # A plural form may leave the number out (Arabic 'سنة واحدة', one year), but not every form.
    if len(sources) > 1 and wanted - seen:
        problems.append(Problem(shown, line, f"{label}: " + ", ".join(f"%({n})s" for n in sorted(wanted - seen)) + " ontbreekt in de vertaling."))
    return problems


def catalogue_problems(code: str, source: Catalog, path: Path, shown: str) -> list[Problem]:
    """Everything wrong with one ``.po`` compared with the source messages."""
    try:
        rule = get_plural(Locale.parse(code))
    except (UnknownLocaleError, ValueError):
        return [Problem(shown, 1, f"'{code}' is geen taalcode die CLDR kent; noem de map naar de code van de taal, zoals 'pl'.")]
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return [Problem(shown, 1, f"het bestand is niet te lezen als UTF-8 ({error}); sla het op als UTF-8.")]
    problems = []
    stated = re.search(r"nplurals\s*=\s*(\d+)", text)
    if stated is None or int(stated.group(1)) != rule.num_plurals:
        problems.append(Problem(shown, 1, f"Plural-Forms zegt nplurals={stated.group(1) if stated else '?'}; volgens CLDR heeft "
                                          f"deze taal er {rule.num_plurals}: schrijf '{rule.plural_forms}'."))
    if not re.search(rf'^"{REVIEWED}: *(yes|no)\\n"', text, re.M):
        problems.append(Problem(shown, 1, f"de kop mist '{REVIEWED}: yes' of '{REVIEWED}: no' (heeft iemand met deze moedertaal het nagekeken?)."))
    try:
        catalog = read_po(io.StringIO(text), locale=code, domain=DOMAIN, abort_invalid=True)
    except PoFileError as error:  # a broken file is a message, never a traceback
        detail = re.sub(r" on \d+$", "", str(error.args[0] if error.args else error))  # Babel counts lines from 0
        return problems + [Problem(shown, (error.lineno or 0) + 1, f"deze regel is geen geldige .po-regel ({detail}).")]
    except Exception as error:
        return problems + [Problem(shown, 1, f"dit is geen geldig .po-bestand ({type(error).__name__}: {error}).")]
    for message in catalog:
        if not message.id:
            continue
        if source.get(message.id, message.context) is None:
            problems.append(Problem(shown, message.lineno or 1, f"{_label(message)} staat niet meer in de bron; draai 'make vertalingen' of haal het weg."))
            continue
        problems += _message_problems(message, shown)
    for key, message in catalog.obsolete.items():
        problems.append(Problem(shown, message.lineno or 1, f"{_label(message)} is verouderd (#~); haal het weg."))
    for message in source:
        if message.id and catalog.get(message.id, message.context) is None:
            problems.append(Problem(shown, 1, f"{_label(message)} ontbreekt in dit bestand; draai 'make vertalingen' en vertaal het."))
    return problems


def problems(languages: tuple[str, ...], root: Path = ROOT, locales_dir: Path = LOCALES_DIR) -> list[Problem]:
    """The problems of every catalogue of ``languages`` (and of every other catalogue there is)."""
    source = template(root)
    codes = dict.fromkeys([c for c in languages if c != SOURCE]
                          + sorted(p.parent.parent.name for p in locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))
    found = []
    for code in codes:
        path = catalogue_path(code, locales_dir)
        if path.exists():
            found += catalogue_problems(code, source, path, path.relative_to(locales_dir.parent).as_posix())
    return found


def main(argv: list[str] | None = None) -> int:
    """``make vertalingen``: the template and every catalogue, for the languages in ``talen``."""
    areas = Path(argv[0] if argv else "content") / AREAS_FILE
    try:
        # Read as plain YAML, not validated: a language needs its catalogue before it validates.
        configured = (yaml.safe_load(areas.read_text(encoding="utf-8")) or {}).get("talen") or []
    except (OSError, yaml.YAMLError, AttributeError) as error:
        print(f"{areas}:1: 'talen' kan ik niet lezen ({type(error).__name__}); 'make check' zegt wat er mis is.", file=sys.stderr)
        return 1
    codes = [str(code) for code in configured] if isinstance(configured, list) else []
    unknown = [code for code in codes if not known(code)]
    if unknown:
        print(f"{areas}:1: " + ", ".join(f"'{c}'" for c in unknown) + " in 'talen' is geen taalcode die CLDR kent; "
              "gebruik de code van de taal, zoals 'pl'.", file=sys.stderr)
        return 1
    try:
        written = update(codes)
    except Exception as error:  # a broken .po: a message, never a traceback
        print(f"locales/: bijwerken lukt niet ({type(error).__name__}: {error}); 'make check' zegt welk bestand en welke regel.",
              file=sys.stderr)
        return 1
    for path in written:
        print(f"bijgewerkt: locales/{path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
