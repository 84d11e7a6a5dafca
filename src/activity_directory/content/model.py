"""The activity format: the single source of truth.

:data:`ACTIVITY` declares every key an activity file may have, with its type
and Dutch help text. Validation (:mod:`loading`), the JSON Schema, the editor
documentation and the CMS configuration (:mod:`formatdocs`) are all derived
from it. :func:`build_activity` turns validated values into the typed
:class:`Activity` the rest of the code works with.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from .fieldtypes import (
    Boolean, Choice, Compare, ContentFile, Date, Either, Email, Equals, Excludes, Field, Geo, Key, ListOf, Number,
    Phone, Record, Slug, Text, TextOr, Time, Url, Weekday, WEEKDAYS,
)
from .yamlsource import Limits, Mapping, Sequence
from .translations import N_

STATUSES = ("actief", "gepauzeerd", "gestopt")
COST_PERIODS = ("les", "keer", "week", "maand", "jaar", "cursus", "seizoen", "dag")

# What a place offers, for 'toegankelijk' (a fixed set: it is also a filter,
# `?toegankelijk=<key>`): key -> (short label for filters, sentence for the page).
ACCESSIBILITY = {
    "kinderwagen": (N_("Kinderwagen"), N_("Je kunt met de kinderwagen naar binnen.")),
    "rolstoel": (N_("Rolstoel"), N_("Toegankelijk met een rolstoel.")),
    "verschoontafel": (N_("Verschoontafel"), N_("Er is een verschoontafel.")),
    "invalidentoilet": (N_("Invalidentoilet"), N_("Er is een invalidentoilet.")),
    "prikkelarm": (N_("Prikkelarm"), N_("Prikkelarm: rustig, met weinig geluid en drukte.")),
}

# ---------------------------------------------------------------------------
# Typed model
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Location:
    name: str
    area: str  # key in the area tree: wijk, stadsdeel or municipality
    address: str | None = None
    geo: tuple[float, float] | None = None


@dataclass(frozen=True)
class TimeSlot:
    """One line under ``tijden``: a weekly rule or a one-off date."""

    index: int  # position under 'tijden', part of feed UIDs
    line: int  # file line, for messages
    weekdays: tuple[int, ...]  # 0 = Monday; empty for a one-off
    date: dt.date | None
    start: dt.time
    end: dt.time
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    location: Location | None = None  # None: the activity's own location

    @property
    def one_off(self) -> bool:
        return self.date is not None


@dataclass(frozen=True)
class Cost:
    free: bool
    amount: float | None = None
    per: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class SignUp:
    walk_in: bool
    url: str | None = None
    phone: str | None = None
    email: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Contact:
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    website: str | None = None


@dataclass(frozen=True)
class Photo:
    path: str  # relative to the content folder, e.g. 'fotos/peutergym.jpg'
    alt: str


@dataclass(frozen=True)
class Activity:
    slug: str
    source: str  # path of the file, relative to the project
    title: str
    summary: str
    organisation: str
    kinds: tuple[str, ...]
    age_from: float
    age_to: float | None
    with_parent: bool
    cost: Cost
    signup: SignUp
    location: Location | None
    slots: tuple[TimeSlot, ...]
    skip_school_holidays: bool
    cancelled: tuple[dt.date, ...]
    status: str
    notice: str | None
    contact: Contact | None
    checked: dt.date
    body: str = ""
    body_line: int = 1
    notice_until: dt.date | None = None  # the notice is shown up to and including this day
    keywords: tuple[str, ...] = ()  # 'zoekwoorden': extra words search finds it by
    bring: str | None = None  # 'neem_mee'
    accessibility: tuple[str, ...] = ()  # 'toegankelijk': keys of ACCESSIBILITY
    getting_there: str | None = None  # 'bereikbaar'
    bad_weather: str | None = None  # 'bij_slecht_weer'
    photo: Photo | None = None  # 'foto'
    alternative: str | None = None  # 'alternatief': slug of another activity
    aliases: tuple[str, ...] = ()  # earlier slugs whose addresses keep working
    key_lines: dict[str, int] = field(default_factory=dict)  # file line of each top-level key (and 'aliases[i]')
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return self.status == "actief"

    def notice_on(self, day: dt.date) -> str | None:
        """The notice as shown on ``day``: ``None`` when there is none or it has expired."""
        if self.notice is None or (self.notice_until is not None and day > self.notice_until):
            return None
        return self.notice

    def location_of(self, slot: TimeSlot) -> Location:
        location = slot.location or self.location
        assert location is not None  # guaranteed by validation
        return location

    @cached_property
    def locations(self) -> tuple[Location, ...]:
        """Every distinct place the activity happens, in order of first use."""
        seen: list[Location] = []
        for slot in self.slots:
            location = self.location_of(slot)
            if location not in seen:
                seen.append(location)
        return tuple(seen)


# ---------------------------------------------------------------------------
# The format (declarative)
# ---------------------------------------------------------------------------

AREA = Key("gebieden", "wijk of stadsdeel", "content/wijken.yml")

# Bounds no real activity reaches (a weekly course for two years is about 100 dates), and that keep
# a hostile file from costing more than milliseconds. Lists and texts carry theirs in their field
# types below (so the JSON Schema, the editor guide and the CMS show the same); the file as a whole:
MAX_TIMES = 200  # lines under 'tijden', dates under 'vervalt'
BODY_MAX_CHARS = 20_000  # the Markdown below the front matter (about 3,000 words)
ACTIVITY_FILE = Limits(max_bytes=256_000, max_depth=8, max_nodes=20_000, max_keys=60, max_chars=5_000)


AGE_RULES = (
    Compare("tot", "<", "van", "leeftijd: 'tot' ({tot}) ligt vóór 'van' ({van}); 'tot' moet gelijk aan of groter dan 'van' zijn."),
)

SLOT_RULES = (
    Compare("tot", "<=", "van", "de eindtijd {tot} ligt niet na de begintijd {van}."),
    Compare("tot_en_met", "<", "vanaf", "'tot_en_met' ({tot_en_met}) ligt vóór 'vanaf' ({vanaf})."),
    *(Excludes(key, "datum", f"'{key}' hoort niet bij een losse 'datum'; laat '{key}' weg.") for key in ("vanaf", "tot_en_met")),
)

COST_RULES = (
    Equals("bedrag", 0, "kosten: een bedrag van 0 is gratis; schrijf dan 'kosten: gratis'."),
)


LOCATION = Record(
    noun="een locatie",
    fields=(
        Field("naam", Text(max_length=100), True, "Naam van de plek, zoals 'Gymzaal Henry Stanleystraat' of 'Bij jou thuis'.", "Gymzaal Henry Stanleystraat", "Naam"),
        Field("adres", Text(max_length=120), False, "Straat, huisnummer en plaats. Laat weg als er geen vaste plek is (huisbezoek).", "Henry Stanleystraat 2", "Adres"),
        Field("wijk", AREA, True, "Sleutel van de wijk, het stadsdeel, of de gemeente als de activiteit overal komt.", "olympiakwartier", "Wijk"),
        Field("geo", Geo(), False, "Breedtegraad en lengtegraad, voor de routelink en 'Dichtbij'.", "[52.3745, 5.1438]", "Coördinaten"),
    ),
)

SLOT = Record(
    noun="een tijd",
    exactly_one_of=("dag", "dagen", "datum"),
    rules=SLOT_RULES,
    fields=(
        Field("dag", Weekday(), False, "Elke week op deze dag.", "maandag", "Dag"),
        Field("dagen", ListOf(Weekday(), max_items=len(WEEKDAYS)), False, "Elke week op deze dagen.", "[dinsdag, donderdag]", "Dagen"),
        Field("datum", Date(), False, "Eén keer, op deze datum.", "2026-05-16", "Datum"),
        Field("van", Time(), True, "Begintijd.", '"09:30"', "Van"),
        Field("tot", Time(), True, "Eindtijd.", '"10:15"', "Tot"),
        Field("vanaf", Date(), False, "Eerste dag dat deze tijd geldt.", "2026-01-05", "Vanaf"),
        Field("tot_en_met", Date(), False, "Laatste dag dat deze tijd geldt.", "2026-07-13", "Tot en met"),
        Field("locatie", LOCATION, False, "Alleen als deze tijd op een andere plek is dan de gewone locatie.", "{naam: ..., wijk: ...}", "Andere locatie"),
    ),
)

COST = Either(
    Choice(("gratis",)),
    Record(
        noun="kosten",
        rules=COST_RULES,
        fields=(
            Field("bedrag", Number(0, 10000, unit="euro"), True, "Bedrag in euro, met een punt: 3.00.", "3.00", "Bedrag"),
            Field("per", Choice(COST_PERIODS), True, "Waarvoor het bedrag is.", "les", "Per"),
            Field("toelichting", Text(max_length=200), False, "Korting, strippenkaart, regelingen.", '"10 lessen voor € 25"', "Toelichting"),
        ),
    ),
)

SIGNUP = Either(
    Choice(("inloop",)),
    Record(
        noun="aanmelden",
        at_least_one_of=("url", "telefoon", "email"),
        fields=(
            Field("url", Url(), False, "Webadres van het aanmeldformulier.", "https://www.example.org/aanmelden", "Webadres"),
            Field("telefoon", Phone(), False, "Telefoonnummer om je aan te melden.", '"036 123 4567"', "Telefoon"),
            Field("email", Email(), False, "E-mailadres om je aan te melden.", "info@example.org", "E-mail"),
            Field("toelichting", Text(max_length=200), False, "Wat ouders moeten weten over aanmelden.", '"Bel op werkdagen."', "Toelichting"),
        ),
    ),
)

AGE = Record(
    noun="een leeftijd",
    rules=AGE_RULES,
    fields=(
        Field("van", Number(0, 120, step=0.5, unit="jaar"), True, "Vanaf deze leeftijd, in jaren; halve jaren mogen (1.5).", "2", "Van (jaar)"),
        Field("tot", Number(0, 120, step=0.5, unit="jaar"), False, "Tot en met deze leeftijd. Laat weg als er geen grens is.", "6", "Tot en met (jaar)"),
    ),
)

CONTACT = Record(
    noun="contact",
    fields=(
        Field("naam", Text(max_length=100), False, "Naam van de contactpersoon.", "Fatima", "Naam"),
        Field("telefoon", Phone(), False, "Telefoonnummer.", '"036 123 4567"', "Telefoon"),
        Field("email", Email(), False, "E-mailadres.", "info@example.org", "E-mail"),
        Field("website", Url(), False, "Website.", "https://www.example.org", "Website"),
    ),
)


NOTICE = TextOr(
    Text(max_length=200),
    Record(
        noun="een melding",
        fields=(
            Field("tekst", Text(max_length=200), True, "Het bericht.", '"Op 7 december geen les."', "Tekst"),
            Field("tot", Date(), False, "Laatste dag dat het bericht te zien is. Daarna verdwijnt het vanzelf.", "2026-12-07", "Tot en met"),
        ),
    ),
)

PHOTO = Record(
    noun="een foto",
    fields=(
        Field("bestand", ContentFile(), True, "De foto, in de map content, zoals 'fotos/peutergym-poort.jpg' (jpg, png of webp). Gebruik alleen foto's waarvoor je toestemming hebt.", "fotos/peutergym-poort.jpg", "Bestand"),
        Field("alt", Text(max_length=150), True, "Wat er op de foto te zien is, voor wie de foto niet kan zien.", '"Peuters rennen met hun ouders door de gymzaal."', "Beschrijving"),
    ),
)


# 'alternatief' only for an activity that is not active (a wrong 'status' is reported on its own)
ACTIVITY_RULES = (
    Equals("alternatief", "actief", "'alternatief' is voor een activiteit die gepauzeerd of gestopt is; zet 'status' op 'gepauzeerd' of 'gestopt', of laat 'alternatief' weg.",
           other="status", default="actief"),
)


def _location_optional(key: str, values: dict, node: Mapping) -> str | None:
    """'locatie' may be left out when every line under 'tijden' has its own."""
    if key != "locatie":
        return None
    slots = node.entries.get("tijden")
    if slots is None or not isinstance(slots[1], Sequence) or not slots[1].items:
        return "tijden ontbreekt"  # that problem is reported on its own
    if all(isinstance(item, Mapping) and "locatie" in item.entries for item in slots[1].items):
        return "elke tijd heeft een eigen locatie"
    return None


ACTIVITY = Record(
    noun="de gegevens van de activiteit",
    optional_reason=_location_optional,
    rules=ACTIVITY_RULES,
    fields=(
        Field("titel", Text(max_length=80), True, "Naam van de activiteit, kort en duidelijk.", "Peuter- en kleutersport Poort", "Titel"),
        Field("samenvatting", Text(max_length=160), True, "Eén zin: wat doe je en voor wie. Hoogstens 160 tekens.", "Samen bewegen en spelen, voor peuters en kleuters met hun ouder.", "Samenvatting"),
        Field("organisatie", Key("organisaties", "organisatie", "content/organisaties.yml"), True, "Sleutel van de organisatie.", "buurtsportteam-poort", "Organisatie"),
        Field("soort", ListOf(Key("soorten", "soort", "content/soorten.yml"), max_items=10), True, "Eén of meer soorten activiteit.", "[sport]", "Soort"),
        Field("leeftijd", AGE, True, "Voor welke leeftijd, in jaren.", "{van: 2, tot: 6}", "Leeftijd"),
        Field("met_ouder", Boolean(), False, "Doet een ouder of verzorger mee? In het bestand: true (ja) of false (nee).", "true", "Met ouder"),
        Field("kosten", COST, True, "'gratis', of een bedrag.", "gratis", "Kosten"),
        Field("aanmelden", SIGNUP, True, "'inloop' als je zonder aanmelden kunt komen, anders hoe je je aanmeldt.", "inloop", "Aanmelden"),
        Field("locatie", LOCATION, True, "Waar de activiteit is. Mag weg als elke tijd een eigen locatie heeft.", "{naam: ..., wijk: ...}", "Locatie",
              "Of geef elke regel onder 'tijden' een eigen 'locatie'."),
        Field("tijden", ListOf(SLOT, allow_single=False, max_items=MAX_TIMES), True, "Wanneer: één regel per vaste dag of losse datum.", "[{dag: maandag, van: \"09:30\", tot: \"10:15\"}]", "Tijden"),
        Field("schoolvakanties", Choice(("vrij", "gaat door")), True, "'vrij': niet in de schoolvakanties en niet op feestdagen. 'gaat door': ook in de vakanties.", "vrij", "Schoolvakanties"),
        Field("vervalt", ListOf(Date(), min_items=1, max_items=MAX_TIMES), False, "Losse datums waarop de activiteit niet doorgaat.", "[2026-02-16]", "Vervalt op"),
        Field("status", Choice(STATUSES), False, "'actief' (standaard), 'gepauzeerd' of 'gestopt'. De pagina blijft altijd bestaan.", "actief", "Status"),
        Field("melding", NOTICE, False, "Belangrijk bericht, bovenaan de pagina. Geldt het tot een datum? Schrijf dan {tekst: ..., tot: 2026-12-07}: daarna verdwijnt het vanzelf.", "Vanaf 5 januari op maandagochtend.", "Melding"),
        Field("alternatief", Key("activiteiten", "activiteit", "content/activities/"), False, "Bij een gepauzeerde of gestopte activiteit: de bestandsnaam (zonder .md) van een activiteit waar ouders nu terechtkunnen.", "peutergym-bloemenbuurt", "Alternatief"),
        Field("neem_mee", Text(max_length=300), False, "Wat neem je mee? Zoals: 'Sportschoenen of blote voeten, een flesje water.'", '"Sportschoenen of blote voeten, een flesje water."', "Neem mee"),
        Field("toegankelijk", ListOf(Choice(tuple(ACCESSIBILITY)), max_items=len(ACCESSIBILITY)), False, "Wat de plek biedt: " + ", ".join(ACCESSIBILITY) + ". Ouders kunnen hierop zoeken.", "[kinderwagen, verschoontafel]", "Toegankelijk"),
        Field("bereikbaar", Text(max_length=300), False, "Hoe kom je er: bushalte, parkeren, fietsenrekken.", '"Bushalte Olympiaplein (lijn M5), 3 minuten lopen. Gratis parkeren."', "Bereikbaarheid"),
        Field("bij_slecht_weer", Text(max_length=300), False, "Voor buitenactiviteiten: wat er gebeurt als het regent of stormt.", '"Bij regen gaan we naar binnen, in de gymzaal ernaast."', "Bij slecht weer"),
        Field("foto", PHOTO, False, "Een foto van de activiteit, met een beschrijving.", "{bestand: fotos/peutergym-poort.jpg, alt: ...}", "Foto"),
        Field("zoekwoorden", ListOf(Text(max_length=40), max_items=30), False, "Woorden waarop ouders zoeken maar die niet in de tekst staan, zoals [gym, bewegen, dreumes].", "[gym, bewegen]", "Zoekwoorden"),
        Field("contact", CONTACT, False, "Contactpersoon of -gegevens.", "{naam: ..., telefoon: ...}", "Contact"),
        Field("aliases", ListOf(Slug(), max_items=50), False, "Oude bestandsnamen (zonder .md) van deze activiteit, de oudste eerst; haal er nooit een weg. Heb je het bestand een andere naam gegeven? Zet de oude naam hier: oude links, QR-codes en agenda's blijven dan werken.", "[peutersport-nederlandstraat]", "Oude namen"),
        Field("gecontroleerd", Date(), True, "Datum waarop een redacteur de gegevens het laatst heeft gecontroleerd.", "2026-11-02", "Gecontroleerd op"),
    ),
)


# The free text of an activity: every top-level text field. A translation sibling
# (``activities/<slug>.<code>.md``) may hold these and a body, nothing else.
TRANSLATABLE: tuple[str, ...] = tuple(spec.key for spec in ACTIVITY.fields if isinstance(spec.type, Text))

FACTS: tuple[str, ...] = tuple(spec.key for spec in ACTIVITY.fields if spec.key not in TRANSLATABLE)  # the same in every language

TRANSLATION = Record(
    noun="de vertaalde teksten van de activiteit",
    fields=tuple(Field(spec.key, spec.type, False, spec.help, spec.example, spec.label)
                 for spec in ACTIVITY.fields if spec.key in TRANSLATABLE),
)


@dataclass(frozen=True)
class Translation:
    """An editor's translation of an activity's free text into one language of ``talen``."""

    slug: str
    code: str
    source: str  # path of the sibling file, relative to the project
    texts: dict[str, str]  # key of TRANSLATABLE -> the translated text
    body: str = ""
    body_line: int = 1

    def text(self, key: str) -> str | None:
        return self.texts.get(key)


# Which attribute of :class:`Activity` each free text key fills (as in :func:`build_activity`).
_TEXT_ATTRIBUTES = {"titel": "title", "samenvatting": "summary", "neem_mee": "bring", "bereikbaar": "getting_there",
                    "bij_slecht_weer": "bad_weather"}
assert set(_TEXT_ATTRIBUTES) == set(TRANSLATABLE), "a new text field of ACTIVITY needs its attribute here"


def in_language(activity: Activity, translation: Translation) -> Activity:
    """``activity`` with the texts ``translation`` has; the other texts and every fact stay as they are."""
    return replace(activity, **{_TEXT_ATTRIBUTES[key]: text for key, text in translation.texts.items()})


# ---------------------------------------------------------------------------
# From validated values to the typed model
# ---------------------------------------------------------------------------


def _location(values: dict | None) -> Location | None:
    if not values:
        return None
    return Location(values["naam"], values["wijk"], values.get("adres"), values.get("geo"))


def _slot(index: int, values: dict, line: int) -> TimeSlot:
    if "dag" in values:
        weekdays: tuple[int, ...] = (WEEKDAYS.index(values["dag"]),)
    else:
        weekdays = tuple(sorted(WEEKDAYS.index(d) for d in values.get("dagen", ())))
    return TimeSlot(
        index=index, line=line, weekdays=weekdays, date=values.get("datum"),
        start=values["van"], end=values["tot"],
        valid_from=values.get("vanaf"), valid_until=values.get("tot_en_met"),
        location=_location(values.get("locatie")),
    )


def build_activity(slug: str, source: str, values: dict, slot_lines: list[int], body: str = "", body_line: int = 1,
                   key_lines: dict[str, int] | None = None) -> Activity:
    """The typed :class:`Activity` from values that passed :data:`ACTIVITY`."""
    cost = values["kosten"]
    signup = values["aanmelden"]
    contact = values.get("contact")
    notice = values.get("melding")
    photo = values.get("foto")
    return Activity(
        slug=slug,
        source=source,
        title=values["titel"],
        summary=values["samenvatting"],
        organisation=values["organisatie"],
        kinds=tuple(values["soort"]),
        age_from=values["leeftijd"]["van"],
        age_to=values["leeftijd"].get("tot"),
        with_parent=values.get("met_ouder", False),
        cost=Cost(True) if cost == "gratis" else Cost(False, float(cost["bedrag"]), cost["per"], cost.get("toelichting")),
        signup=SignUp(True) if signup == "inloop" else SignUp(False, signup.get("url"), signup.get("telefoon"), signup.get("email"), signup.get("toelichting")),
        location=_location(values.get("locatie")),
        slots=tuple(_slot(i, v, slot_lines[i]) for i, v in enumerate(values["tijden"])),
        skip_school_holidays=values["schoolvakanties"] == "vrij",
        cancelled=tuple(sorted(values.get("vervalt", ()))),
        status=values.get("status", "actief"),
        notice=notice["tekst"] if isinstance(notice, dict) else notice,
        notice_until=notice.get("tot") if isinstance(notice, dict) else None,
        contact=Contact(contact.get("naam"), contact.get("telefoon"), contact.get("email"), contact.get("website")) if contact else None,
        checked=values["gecontroleerd"],
        body=body,
        body_line=body_line,
        keywords=tuple(values.get("zoekwoorden", ())),
        bring=values.get("neem_mee"),
        accessibility=tuple(k for k in ACCESSIBILITY if k in values.get("toegankelijk", ())),
        getting_there=values.get("bereikbaar"),
        bad_weather=values.get("bij_slecht_weer"),
        photo=Photo(photo["bestand"], photo["alt"]) if photo else None,
        alternative=values.get("alternatief"),
        aliases=tuple(values.get("aliases", ())),
        key_lines=dict(key_lines or {}),
    )
