"""The data around activities: area tree, organisations, kinds, school holidays.

All of it lives in YAML files next to the activities (``content/*.yml``), so
a second municipality is a matter of data, never of code. Each file is
declared with the same field types as activities and validated the same way.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from .fieldtypes import INVALID, Choice, Context, Date, Email, Field, Geo, ListOf, MapOf, Phone, Record, Text, Url
from .languages import SOURCE, Language, Languages, language, selection
from .plaintaal import field_problems
from .problems import Problem
from .yamlsource import Limits, parse_yaml, size_problem

AREAS_FILE = "wijken.yml"
ORGANISATIONS_FILE = "organisaties.yml"
KINDS_FILE = "soorten.yml"
HOLIDAYS_FILE = "schoolvakanties.yml"
# A data file may hold thousands of organisations, never millions of values (see yamlsource.Limits).
DATA_FILE = Limits(max_bytes=2_000_000, max_depth=8, max_nodes=200_000, max_keys=10_000, max_chars=5_000)

WIJK = Record(noun="een wijk", fields=(
    Field("naam", Text(max_length=60), True, "Naam van de wijk."),
    Field("centrum", Geo(), False, "Midden van de wijk: [breedtegraad, lengtegraad]."),
))
STADSDEEL = Record(noun="een stadsdeel", fields=(
    Field("naam", Text(max_length=60), True, "Naam van het stadsdeel."),
    Field("centrum", Geo(), False, "Midden van het stadsdeel."),
    Field("wijken", MapOf(WIJK, "wijk", max_items=500), False, "De wijken van dit stadsdeel."),
))
AREAS = Record(noun="de gebieden", fields=(
    Field("gemeente", Text(max_length=40), True, "Sleutel van de gemeente in kleine letters, zoals 'zwolle'."),
    Field("naam", Text(max_length=60), True, "Naam van de gemeente."),
    Field("schoolvakantieregio", Choice(("noord", "midden", "zuid")), True, "Regio voor de schoolvakanties."),
    Field("centrum", Geo(), False, "Midden van de gemeente."),
    Field("talen", Languages(), False, "Talen van de site, Nederlands eerst, zoals [nl, en]. Zonder 'talen' alleen Nederlands."),
    Field("stadsdelen", MapOf(STADSDEEL, "stadsdeel", min_items=1, max_items=100), True, "De stadsdelen met hun wijken."),
))
ORGANISATION = Record(noun="een organisatie", fields=(
    Field("naam", Text(max_length=100), True, "Naam van de organisatie."),
    Field("omschrijving", Text(max_length=300), False, "Eén of twee zinnen over de organisatie."),
    Field("website", Url(), False, "Website."),
    Field("telefoon", Phone(), False, "Telefoonnummer."),
    Field("email", Email(), False, "E-mailadres."),
))
KIND_TRANSLATION = Record(noun="een vertaling", fields=(
    Field("naam", Text(max_length=60), True, "Naam van de soort in deze taal."),
    Field("omschrijving", Text(max_length=200), False, "Korte uitleg in deze taal."),
    Field("zoekwoorden", ListOf(Text(max_length=40), max_items=30), False,
          "Woorden waarop ouders in deze taal zoeken, zoals [swimming, swim]."),
))
KIND = Record(noun="een soort", fields=(
    Field("naam", Text(max_length=60), True, "Naam van de soort activiteit."),
    Field("omschrijving", Text(max_length=200), False, "Korte uitleg."),
    Field("zoekwoorden", ListOf(Text(max_length=40), max_items=30), False,
          "Andere woorden waarop ouders deze soort zoeken, zoals [peutergym, peuterdans]."),
    Field("verwant", ListOf(Text(max_length=200), max_items=30), False,
          "Groepen woorden die voor ouders hetzelfde zijn, met komma's: wie er één zoekt, vindt ook activiteiten "
          "met een van de andere, zoals [\"peutersport, peutergym, peuterdans\"]."),
    Field("vertalingen", MapOf(KIND_TRANSLATION, "taalcode", max_items=50), False,
          "Naam en uitleg in de andere talen van de site, per taalcode: en: {naam: Swimming}."),
))
HOLIDAY = Record(noun="een vakantie", rules=(), fields=(
    Field("naam", Text(max_length=60), True, "Naam, zoals 'Herfstvakantie'."),
    Field("van", Date(), True, "Eerste vakantiedag (zaterdag)."),
    Field("tot_en_met", Date(), True, "Laatste vakantiedag (zondag)."),
))
HOLIDAYS = Record(noun="de schoolvakanties", fields=(
    Field("bron", Text(max_length=300), True, "Waar de datums vandaan komen."),
    Field("regios", MapOf(ListOf(HOLIDAY, allow_single=False, max_items=200), "regio", max_items=10), True, "Per regio de vakanties."),
))


@dataclass(frozen=True)
class Area:
    key: str
    name: str
    level: str  # 'gemeente' | 'stadsdeel' | 'wijk'
    parent: str | None
    centre: tuple[float, float] | None


@dataclass
class AreaTree:
    """Municipality → stadsdelen → wijken, by key."""

    root: Area
    areas: dict[str, Area] = field(default_factory=dict)

    @property
    def districts(self) -> list[Area]:
        return [a for a in self.areas.values() if a.level == "stadsdeel"]

    @property
    def neighbourhoods(self) -> list[Area]:
        return [a for a in self.areas.values() if a.level == "wijk"]

    def children(self, key: str) -> list[Area]:
        return [a for a in self.areas.values() if a.parent == key]

    def ancestors(self, key: str) -> list[Area]:
        """The area itself and everything above it, nearest first."""
        chain = []
        area = self.areas.get(key)
        while area is not None:
            chain.append(area)
            area = self.areas.get(area.parent) if area.parent else None
        return chain

    def district_of(self, key: str) -> Area | None:
        return next((a for a in self.ancestors(key) if a.level == "stadsdeel"), None)

    def centre_of(self, key: str) -> tuple[float, float] | None:
        return next((a.centre for a in self.ancestors(key) if a.centre), None)


@dataclass(frozen=True)
class Organisation:
    key: str
    name: str
    description: str | None = None
    website: str | None = None
    phone: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Kind:
    key: str
    name: str
    description: str | None = None
    translations: tuple = ()  # ((code, name, description or None), …) from 'vertalingen'
    keywords: tuple[str, ...] = ()  # 'zoekwoorden': other Dutch words search finds the kind by
    translated_keywords: tuple = ()  # ((code, (word, …)), …): 'zoekwoorden' per language
    related: tuple[str, ...] = ()  # 'verwant': groups of words search treats as one ("peutersport, peutergym")

    def name_in(self, code: str) -> str:
        """The name in language ``code`` (Dutch when it has none there)."""
        return next((name for c, name, _ in self.translations if c == code), self.name)

    def description_in(self, code: str) -> str | None:
        return next((text for c, name, text in self.translations if c == code), self.description)

    def keywords_in(self, code: str) -> tuple[str, ...]:
        """The words search finds the kind by in language ``code`` (none where it has none)."""
        return next((words for c, words in self.translated_keywords if c == code), ())

    def translated(self, code: str) -> bool:
        return any(c == code for c, _, _ in self.translations)


@dataclass(frozen=True)
class Holiday:
    name: str
    start: dt.date
    end: dt.date  # inclusive


@dataclass
class SiteData:
    """Everything but the activities themselves."""

    name: str
    region: str
    areas: AreaTree
    organisations: dict[str, Organisation]
    kinds: dict[str, Kind]
    school_holidays: list[Holiday]
    holidays_source: str
    # the languages this build makes (``talen``, or the subset in ``TALEN``), Dutch first
    languages: tuple[Language, ...] = (language(SOURCE),)
    configured_languages: tuple[str, ...] = (SOURCE,)  # every code of ``talen`` (translations may be in any)

    def registries(self) -> dict[str, dict[str, str]]:
        """Keys activities may refer to, with display names (for validation)."""
        return {
            "organisaties": {k: o.name for k, o in self.organisations.items()},
            "soorten": {k: s.name for k, s in self.kinds.items()},
            "gebieden": {k: a.name for k, a in self.areas.areas.items()},
        }


def _read(content_dir: Path, name: str, spec: Record, problems: list[Problem], project_dir: Path | None):
    path = content_dir / name
    shown = shown_path(path, project_dir)
    if not path.exists():
        problems.append(Problem(shown, 1, f"het bestand {name} ontbreekt; het is nodig om activiteiten te controleren."))
        return None
    too_big = size_problem(shown, path.stat().st_size, DATA_FILE)
    if too_big:
        problems.append(too_big)
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        problems.append(Problem(shown, 1, "het bestand is niet opgeslagen als UTF-8; sla het op als UTF-8."))
        return None
    node, found = parse_yaml(text, shown, limits=DATA_FILE)
    problems.extend(found)
    if found:
        return None
    if node is None:
        problems.append(Problem(shown, 1, "het bestand is leeg."))
        return None
    ctx = Context(shown, {})
    if isinstance(spec, MapOf):
        value = spec.check(node, ctx, "")
    else:
        value = spec.check(node, ctx, "")
    problems.extend(ctx.problems)
    problems.extend(field_problems(shown, spec, node))  # 'je', never 'u', in names and descriptions too
    return None if value is INVALID else value


def shown_path(path: Path, project_dir: Path | None) -> str:
    """The path as editors see it in messages: relative to the project when inside it."""
    if project_dir is not None:
        shown_dir = _shown_dir(path.parent, project_dir)
        if shown_dir is not None:
            return f"{shown_dir}/{path.name}" if shown_dir != "." else path.name
    return path.as_posix()


@functools.lru_cache(maxsize=64)
def _shown_dir(folder: Path, project_dir: Path) -> str | None:
    """Resolved once per folder: resolving every file's path was a noticeable part of loading."""
    try:
        return folder.resolve().relative_to(project_dir.resolve()).as_posix()
    except ValueError:
        return None


def load_site_data(content_dir: Path, project_dir: Path | None = None) -> tuple[SiteData | None, list[Problem]]:
    """Read and validate the data files in ``content_dir``."""
    problems: list[Problem] = []
    areas = _read(content_dir, AREAS_FILE, AREAS, problems, project_dir)
    organisations = _read(content_dir, ORGANISATIONS_FILE, MapOf(ORGANISATION, "organisatie", min_items=1, max_items=10_000), problems, project_dir)
    kinds = _read(content_dir, KINDS_FILE, MapOf(KIND, "soort", min_items=1, max_items=500), problems, project_dir)
    holidays = _read(content_dir, HOLIDAYS_FILE, HOLIDAYS, problems, project_dir)
    if areas is None or organisations is None or kinds is None or holidays is None:
        return None, problems

    areas_path = shown_path(content_dir / AREAS_FILE, project_dir)
    root = Area(areas["gemeente"], areas["naam"], "gemeente", None, areas.get("centrum"))
    tree = AreaTree(root, {root.key: root})
    for key, (line, district) in areas["stadsdelen"].items():
        _add_area(tree, Area(key, district["naam"], "stadsdeel", root.key, district.get("centrum")), line, areas_path, problems)
        for wkey, (wline, wijk) in district.get("wijken", {}).items():
            _add_area(tree, Area(wkey, wijk["naam"], "wijk", key, wijk.get("centrum")), wline, areas_path, problems)

    region = areas["schoolvakantieregio"]
    holidays_path = shown_path(content_dir / HOLIDAYS_FILE, project_dir)
    regions = holidays["regios"]
    school: list[Holiday] = []
    if region not in regions:
        problems.append(Problem(areas_path, 1, f"schoolvakantieregio '{region}' staat niet in {HOLIDAYS_FILE}; voeg de vakanties van die regio toe."))
    else:
        line, entries = regions[region]
        for entry in entries:
            if entry["tot_en_met"] < entry["van"]:
                problems.append(Problem(holidays_path, line, f"{entry['naam']}: 'tot_en_met' ligt vóór 'van'."))
            school.append(Holiday(entry["naam"], entry["van"], entry["tot_en_met"]))

    site = SiteData(
        name=areas["naam"],
        region=region,
        areas=tree,
        organisations={k: Organisation(k, v["naam"], v.get("omschrijving"), v.get("website"), v.get("telefoon"), v.get("email")) for k, (_, v) in organisations.items()},
        kinds={k: Kind(k, v["naam"], v.get("omschrijving"),
                       tuple((code, t["naam"], t.get("omschrijving")) for code, (_, t) in (v.get("vertalingen") or {}).items()),
                       tuple(v.get("zoekwoorden") or ()),
                       tuple((code, tuple(t.get("zoekwoorden") or ())) for code, (_, t) in (v.get("vertalingen") or {}).items()),
                       tuple(v.get("verwant") or ()))
               for k, (_, v) in kinds.items()},
        school_holidays=sorted(school, key=lambda h: h.start),
        holidays_source=holidays["bron"],
        languages=tuple(language(code) for code in selection(areas.get("talen", (SOURCE,)))[0]),
        configured_languages=tuple(areas.get("talen", (SOURCE,))),
    )
    return site, problems


def _add_area(tree: AreaTree, area: Area, line: int, path: str, problems: list[Problem]) -> None:
    if area.key in tree.areas:
        problems.append(Problem(path, line, f"de sleutel '{area.key}' komt twee keer voor; elke wijk en elk stadsdeel heeft een eigen sleutel."))
        return
    tree.areas[area.key] = area
