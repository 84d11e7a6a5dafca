"""Load and validate all content: site data plus one file per activity.

:func:`load_catalog` never raises on bad content. It returns every problem at
once, as :class:`~.problems.Problem` (``path:line: message`` in Dutch), and a
catalog of the activities that are valid.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .fieldtypes import INVALID, Context
from .clock import reference_date
from .contentfiles import ACTIVITIES_DIR, ACTIVITY_SUFFIXES, unlisted_problems
from .holidays import HolidayCalendar
from .languages import SOURCE
from .model import (ACTIVITY, ACTIVITY_FILE, BODY_MAX_CHARS, FACTS, TRANSLATABLE, TRANSLATION, WEEKDAYS, Activity, Translation,
                    build_activity, in_language)
from .plaintaal import body_problems, field_problems
from .problems import Problem
from .sitedata import SiteData, shown_path, load_site_data
from .yamlsource import Mapping, Sequence, read_front_matter, size_problem

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class Catalog:
    """The validated content of one site."""

    site: SiteData
    activities: list[Activity]
    calendar: HolidayCalendar
    today: dt.date
    translations: dict[tuple[str, str], Translation] = field(default_factory=dict)  # (slug, code) -> the sibling's texts

    def translation(self, slug: str, code: str) -> Translation | None:
        """The editors' translation of activity ``slug`` into language ``code``, if there is one."""
        return self.translations.get((slug, code))

    def in_language(self, activity: Activity, code: str) -> Activity:
        """``activity`` with the free text of its translation into ``code`` (itself when there is none)."""
        translation = self.translations.get((activity.slug, code))
        return activity if translation is None else in_language(activity, translation)

    def title_in(self, activity: Activity, code: str) -> tuple[str, str]:
        """The title a reader of ``code`` sees, and the language it is in: the editors' translation
        where there is one, else the Dutch title (``SOURCE``), which HTML then marks ``lang="nl"``."""
        translation = self.translations.get((activity.slug, code))
        text = translation.text("titel") if translation is not None else None
        return (text, code) if text else (activity.title, SOURCE)

    def __post_init__(self) -> None:
        self.by_slug: dict[str, Activity] = {a.slug: a for a in self.activities}
        self._memo: dict = {}

    def cached(self, key, compute):
        """Compute a value derived from this catalog once per build.

        List pages, feeds and open data ask the same questions about the same
        activities; answering each once keeps the build linear and fast.
        A key ``(name, slug, …)`` must name a value that depends on that one
        activity and the site data only: :meth:`keep_cached` carries such
        values over to a catalog in which the activity did not change.
        """
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def activity(self, slug: str) -> Activity:
        return self.by_slug[slug]

    def keep_cached(self, previous: Catalog) -> None:
        """Take over ``previous``'s per-activity values (keys ``(name, slug, …)``) for every
        activity that is the same object in both catalogs (the preview reloads one file)."""
        for key, value in previous._memo.items():
            if len(key) >= 2 and isinstance(key[1], str) and self.by_slug.get(key[1]) is not None \
                    and self.by_slug[key[1]] is previous.by_slug.get(key[1]):
                self._memo.setdefault(key, value)


def _markdown_files(content_dir: Path) -> list[Path]:
    folder = content_dir / ACTIVITIES_DIR
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in ACTIVITY_SUFFIXES and not p.name.startswith("."))


def is_translation(path: Path) -> bool:
    """``<slug>.<code>.md``: a translation sibling, not an activity of its own."""
    return "." in path.stem


def activity_files(content_dir: Path) -> list[Path]:
    return [p for p in _markdown_files(content_dir) if not is_translation(p)]


def translation_files(content_dir: Path) -> list[Path]:
    return [p for p in _markdown_files(content_dir) if is_translation(p)]


def activity_registry(content_dir: Path) -> dict[str, str]:
    """Every activity slug (file name) under ``content_dir``: what 'alternatief' may name."""
    return {p.stem: p.stem for p in activity_files(content_dir)}


def _activity_text(path: Path, shown: str, text: str | None) -> tuple[str, Problem | None]:
    """The text of an activity file (or of its translation), or the one problem that stops reading it.
    The size comes before reading: a file of gigabytes costs a stat, not memory."""
    try:
        too_big = size_problem(shown, path.stat().st_size if text is None else len(text), ACTIVITY_FILE)
        if too_big:
            return "", too_big
        return (path.read_text(encoding="utf-8") if text is None else text), None
    except UnicodeDecodeError:
        return "", Problem(shown, 1, "het bestand is niet opgeslagen als UTF-8; sla het op als UTF-8.")
    except OSError:  # no permission, or gone since the folder was listed
        return "", Problem(shown, 1, "het bestand kan niet worden gelezen; controleer of je het mag lezen.")


def load_activity(path: Path, site: SiteData, calendar: HolidayCalendar, shown: str,
                  text: str | None = None, slugs: dict[str, str] | None = None,
                  content_dir: Path | None = None, plain_language: bool = True) -> tuple[Activity | None, list[Problem]]:
    """Validate one activity file (or ``text`` as if it were that file); the activity or its problems.

    ``slugs`` are the activities that exist (for 'alternatief'; default: the
    files next to ``path``) and ``content_dir`` the folder files such as photos
    are looked up in (default: the folder above ``activities/``).
    ``plain_language=False`` skips the form-of-address rule (:mod:`.plaintaal`):
    for reading an earlier version from git, which may still say 'u'.
    """
    problems: list[Problem] = []
    slug = path.stem
    if not SLUG.match(slug):
        suggestion = re.sub(r"[^a-z0-9]+", "-", slug.lower()).strip("-")
        problems.append(Problem(shown, 1, f"de bestandsnaam '{path.name}' kan niet in een webadres; gebruik kleine letters, cijfers en '-', zoals '{suggestion}.md'."))
    text, unreadable = _activity_text(path, shown, text)
    if unreadable is not None:
        return None, problems + [unreadable]
    document, found = read_front_matter(shown, text, ACTIVITY_FILE)
    problems.extend(found)
    if document is not None and len(document.body) > BODY_MAX_CHARS:
        problems.append(Problem(shown, document.body_line, f"de tekst onder de gegevens is {len(document.body)} tekens; "
                                                           f"maximaal {BODY_MAX_CHARS}. Maak hem korter: ouders lezen op hun telefoon."))
    if document is None or found:
        return None, problems
    if document.data is None:
        return None, problems + [Problem(shown, 2, "er staan geen gegevens tussen de regels '---'; vul minstens titel, samenvatting, organisatie, soort, leeftijd, kosten, aanmelden, locatie, tijden, schoolvakanties en gecontroleerd in.")]
    if not isinstance(document.data, Mapping):
        return None, problems + [Problem(shown, document.data.line, "de gegevens bovenaan moeten sleutels met waarden zijn, zoals 'titel: ...'.")]
    if content_dir is None:
        content_dir = path.parent.parent
    if slugs is None:
        slugs = activity_registry(content_dir)
    ctx = Context(shown, {**site.registries(), "activiteiten": slugs}, content_dir=content_dir)
    values = ACTIVITY.check(document.data, ctx, "")
    problems.extend(ctx.problems)
    if plain_language:  # one form of address ('je', never 'u'), in every text field and the body
        problems.extend(field_problems(shown, ACTIVITY, document.data))
        problems.extend(body_problems(shown, document.body, document.body_line))
    if values is INVALID or problems:
        return None, problems
    slot_nodes = document.data.entries["tijden"][1]
    assert isinstance(slot_nodes, Sequence)
    activity = build_activity(slug, shown, values, [n.line for n in slot_nodes.items], document.body, document.body_line,
                              _key_lines(document.data))
    problems.extend(_check_dates(activity, document.data, calendar))
    if activity.alternative == slug:
        problems.append(Problem(shown, activity.key_lines["alternatief"], "'alternatief' noemt deze activiteit zelf; kies een andere activiteit, of laat 'alternatief' weg."))
    if slug in activity.aliases:
        problems.append(Problem(shown, activity.key_lines[f"aliases[{activity.aliases.index(slug)}]"], f"'{slug}' is de naam van dit bestand zelf; zet onder 'aliases' alleen oude namen."))
    return (None if problems else activity), problems


def load_translation(path: Path, site: SiteData, shown: str, slugs: dict[str, str],
                     text: str | None = None) -> tuple[Translation | None, list[Problem]]:
    """Validate one translation sibling ``<slug>.<code>.md``: only the free text keys of the model
    (:data:`~.model.TRANSLATABLE`) and a body, for an activity that exists, in a language of ``talen``."""
    slug, _, code = path.stem.rpartition(".")
    example = f"{ACTIVITIES_DIR}/{slug}.en.md"
    problems: list[Problem] = []
    others = [c for c in site.configured_languages if c != SOURCE]
    if code not in others:
        choice = ("kies uit " + ", ".join(others) + f", zoals '{example}'") if others else \
            "zet eerst de taal bij 'talen' in content/wijken.yml"
        problems.append(Problem(shown, 1, f"'{code}' in de bestandsnaam '{path.name}' is geen taal van de site "
                                          f"('talen' in content/wijken.yml); {choice}."))
    if slug not in slugs:
        problems.append(Problem(shown, 1, f"dit is een vertaling van '{slug}', maar er is geen activiteit "
                                          f"{ACTIVITIES_DIR}/{slug}.md. Geef de vertaling de naam van de activiteit "
                                          f"(zoals '{slug}.{code}.md' bij '{slug}.md'), of haal het bestand weg."))
    text, unreadable = _activity_text(path, shown, text)
    if unreadable is not None:
        return None, problems + [unreadable]
    document, found = read_front_matter(shown, text, ACTIVITY_FILE)
    problems.extend(found)
    if document is None or found:
        return None, problems
    if len(document.body) > BODY_MAX_CHARS:
        problems.append(Problem(shown, document.body_line, f"de tekst onder de gegevens is {len(document.body)} tekens; "
                                                           f"maximaal {BODY_MAX_CHARS}. Maak hem korter: ouders lezen op hun telefoon."))
    data = document.data
    if data is None:
        data = Mapping(line=2)
    if not isinstance(data, Mapping):
        return None, problems + [Problem(shown, data.line, "de gegevens bovenaan moeten sleutels met waarden zijn, zoals 'titel: ...'.")]
    texts = Mapping(line=data.line)
    allowed = ", ".join(f"'{key}'" for key in TRANSLATABLE)
    for key, (line, node) in data.entries.items():
        if key in FACTS:
            problems.append(Problem(shown, line, f"'{key}' is een gegeven, geen tekst: dat staat alleen in {ACTIVITIES_DIR}/{slug}.md "
                                                 f"en geldt voor elke taal. In een vertaling staan alleen {allowed} en de tekst onder de gegevens."))
        else:
            texts.entries[key] = (line, node)
    ctx = Context(shown, {})
    values = TRANSLATION.check(texts, ctx, "")
    problems.extend(ctx.problems)
    if values is INVALID or problems:
        return None, problems
    return Translation(slug, code, shown, dict(values), document.body, document.body_line), []


def _key_lines(data: Mapping) -> dict[str, int]:
    """File line of every top-level key, and of each item under 'aliases' (as 'aliases[i]')."""
    lines = {key: line for key, (line, _) in data.entries.items()}
    aliases = data.entries.get("aliases")
    if aliases is not None:
        node = aliases[1]
        items = node.items if isinstance(node, Sequence) else [node]
        for i, item in enumerate(items):
            lines[f"aliases[{i}]"] = item.line
    return lines


def _check_dates(activity: Activity, data: Mapping, calendar: HolidayCalendar) -> list[Problem]:
    """Checks that need the calendar: dates that could never take effect."""
    problems = []
    for slot in activity.slots:
        if slot.date is not None and activity.skip_school_holidays:
            holiday = calendar.school_holiday(slot.date) or None
            public = calendar.public_holiday(slot.date)
            if holiday or public:
                # same order as occurrences.skip_reason: a public holiday first
                name = f"op {public}" if public else f"in de {holiday.name}"
                problems.append(Problem(activity.source, slot.line, f"datum {slot.date.isoformat()} valt {name}, maar 'schoolvakanties' is 'vrij', dus deze datum zou niet getoond worden. Zet 'schoolvakanties: gaat door' of kies een andere datum."))
        if slot.date is None and slot.valid_from and slot.valid_until:
            day, hit = slot.valid_from, False
            while day <= slot.valid_until and not hit:
                hit = day.weekday() in slot.weekdays
                day += dt.timedelta(days=1)
            if not hit:
                problems.append(Problem(activity.source, slot.line, f"tussen {slot.valid_from.isoformat()} en {slot.valid_until.isoformat()} valt geen {' of '.join(WEEKDAYS[d] for d in slot.weekdays)}; controleer 'vanaf' en 'tot_en_met'."))
    if activity.cancelled:
        line = data.entries["vervalt"][0]
        for day in activity.cancelled:
            if not any(_slot_could_fall_on(slot, day) for slot in activity.slots):
                problems.append(Problem(activity.source, line, f"vervalt: op {day.isoformat()} ({WEEKDAYS[day.weekday()]}) is de activiteit er volgens 'tijden' niet; controleer de datum."))
    return problems


def _slot_could_fall_on(slot, day: dt.date) -> bool:
    if slot.date is not None:
        return slot.date == day
    if slot.valid_from and day < slot.valid_from or slot.valid_until and day > slot.valid_until:
        return False
    return day.weekday() in slot.weekdays


def _alias_problems(activities: list[Activity], slugs: dict[str, str]) -> list[Problem]:
    """An old name may lead to one activity only: not to an existing file, not to two activities."""
    problems = []
    owners: dict[str, Activity] = {}
    for activity in activities:
        for i, alias in enumerate(activity.aliases):
            line = activity.key_lines.get(f"aliases[{i}]", activity.key_lines.get("aliases", 1))
            if alias in slugs and alias != activity.slug:
                problems.append(Problem(activity.source, line, f"aliases: '{alias}' is de naam van een bestaande activiteit ({ACTIVITIES_DIR}/{alias}.md); een oude naam mag niet ook een bestand zijn."))
            elif alias in owners:
                other = owners[alias]
                problems.append(Problem(activity.source, line, f"aliases: '{alias}' staat ook bij {other.source}; een oude naam kan maar naar één activiteit leiden."))
            else:
                owners[alias] = activity
    return problems


def load_catalog(content_dir: Path, project_dir: Path | None = None, today: dt.date | None = None) -> tuple[Catalog | None, list[Problem]]:
    """Everything under ``content_dir``, validated. Problems from all files at once."""
    content_dir = Path(content_dir)
    site, problems = load_site_data(content_dir, project_dir)
    problems = problems + unlisted_problems(content_dir, project_dir)  # files that may not be in content/ at all
    if site is None:
        # Without the registries, activities cannot be checked meaningfully.
        return None, sorted(problems)
    calendar = HolidayCalendar(tuple(site.school_holidays))
    activities: list[Activity] = []
    files = activity_files(content_dir)
    slugs = {p.stem: p.stem for p in files}
    for path in files:
        activity, found = load_activity(path, site, calendar, shown_path(path, project_dir), slugs=slugs, content_dir=content_dir)
        problems.extend(found)
        if activity is not None:
            activities.append(activity)
    if not files:
        problems.append(Problem(shown_path(content_dir / ACTIVITIES_DIR, project_dir), 1, "er staan nog geen activiteiten in deze map."))
    activities.sort(key=lambda a: a.slug)
    translations: dict[tuple[str, str], Translation] = {}
    for path in translation_files(content_dir):
        translation, found = load_translation(path, site, shown_path(path, project_dir), slugs)
        problems.extend(found)
        if translation is not None:
            translations[translation.slug, translation.code] = translation
    alias_problems = _alias_problems(activities, slugs)
    if alias_problems:
        refused = {p.path for p in alias_problems}
        activities = [a for a in activities if a.source not in refused]
        problems.extend(alias_problems)
    return Catalog(site, activities, calendar, today or reference_date(), translations), sorted(problems)
