"""Bad activity files, in one place: the validation tests, the JSON Schema's differential test and
the hostile corpus use them, and so can later work (the web editor's validation).

* :data:`ERRORS`: one edit of :data:`BASE` each, with the line and (part of) the Dutch message the
  loader gives. These are ordinary mistakes of editors.
* :data:`HOSTILE`: files made to hurt: an alias bomb, lists nested 100,000 deep, 10,000 dates, a
  5 MB body, every form of YAML tag, NUL bytes, a decompression-bomb PNG, an SVG as photo, a file
  of a gigabyte. Each names the file (under ``content/``), the line and the message.
* ``layer`` says where a case is refused. ``"data"``: the front matter is ordinary YAML that any
  reader turns into data, so the published JSON Schema must refuse it as well.
  ``"file"``: refused before there is data at all (size, invisible characters, YAML features such
  as anchors and tags, depth); a JSON Schema cannot see those.
* :data:`SCHEMA_CANNOT` lists the data cases a JSON Schema cannot express, with the reason. The
  differential test checks that the schema really accepts each of them, so the list stays exact.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

NAME = "peutersport-poort.md"

# Line numbers (1-based, in the file):      line
BASE = """\
---
titel: Peutersport Poort
samenvatting: Samen bewegen en spelen, voor peuters met hun ouder.
organisatie: buurtsportteam-poort
soort: [sport]
leeftijd: {van: 2, tot: 4}
met_ouder: true
kosten: gratis
aanmelden: inloop
locatie:
  naam: Gymzaal Henry Stanleystraat
  wijk: olympiakwartier
tijden:
  - dag: maandag
    van: "09:30"
    tot: "10:15"
schoolvakanties: vrij
gecontroleerd: 2026-11-02
---
Kom gewoon langs.
"""
# 1 ---, 2 titel, 3 samenvatting, 4 organisatie, 5 soort, 6 leeftijd, 7 met_ouder,
# 8 kosten, 9 aanmelden, 10 locatie, 11 naam, 12 wijk, 13 tijden, 14 - dag, 15 van,
# 16 tot, 17 schoolvakanties, 18 gecontroleerd, 19 ---




def edit(old: str, new: str, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)



# (id, old text, new text, expected line, expected part of the message)
ERRORS = [
    # typos in keys and values, with did-you-mean
    ("weekday-typo", "dag: maandag", "dag: maandg", 14, "'maandg' is geen weekdag; bedoel je 'maandag'?"),
    ("key-typo-tijden", "tijden:", "tijd:", 13, "onbekende sleutel 'tijd'. Bedoel je 'tijden'?"),
    ("nested-key-typo", "  wijk: olympiakwartier", "  wjik: olympiakwartier", 12, "onbekende sleutel 'wjik' in locatie. Bedoel je 'wijk'?"),
    ("unknown-key", "met_ouder: true", "kleur: rood", 7, "onbekende sleutel 'kleur'. Toegestaan: titel,"),
    ("kind-typo", "soort: [sport]", "soort: [sprot]", 5, "'sprot' is geen bekende soort (zie content/soorten.yml). Bedoel je 'sport'?"),
    ("kind-display-name", "soort: [sport]", "soort: [Sport en bewegen]", 5, "Bedoel je 'sport'?"),
    ("unknown-organisation", "organisatie: buurtsportteam-poort", "organisatie: buurtsportteam-port", 4, "'buurtsportteam-port' is geen bekende organisatie (zie content/organisaties.yml). Bedoel je 'buurtsportteam-poort'?"),
    ("unknown-wijk", "wijk: olympiakwartier", "wijk: olympia", 12, "locatie.wijk: 'olympia' is geen bekende wijk of stadsdeel (zie content/wijken.yml). Bedoel je 'olympiakwartier'?"),
    ("status-typo", "schoolvakanties: vrij", "schoolvakanties: vrij\nstatus: gepauzerd", 18, "Bedoel je 'gepauzeerd'?"),
    ("holidays-word", "schoolvakanties: vrij", "schoolvakanties: ja", 17, "schoolvakanties: 'ja' kan niet; kies uit 'vrij', 'gaat door'."),
    ("boolean", "met_ouder: true", "met_ouder: misschien", 7, "schrijf true (ja) of false (nee)"),
    # times
    ("end-before-start", 'tot: "10:15"', 'tot: "09:00"', 16, "de eindtijd 09:00 ligt niet na de begintijd 09:30."),
    ("hour-25", 'van: "09:30"', 'van: "25:00"', 15, "'25:00' bestaat niet; een tijd loopt van 00:00 tot en met 23:59."),
    ("unquoted-24", 'van: "09:30"', "van: 24:00", 15, "'24:00' bestaat niet"),
    ("time-words", 'van: "09:30"', "van: half tien", 15, "'half tien' is geen tijd"),
    # dates
    ("feb-30", "gecontroleerd: 2026-11-02", "gecontroleerd: 2026-02-30", 18, "gecontroleerd: '2026-02-30' bestaat niet als datum."),
    ("date-words", "gecontroleerd: 2026-11-02", "gecontroleerd: 2 november", 18, "'2 november' is geen datum; schrijf jaar-maand-dag"),
    ("one-off-bad-date", "- dag: maandag", "- datum: 2026-13-01", 14, "'2026-13-01' bestaat niet als datum."),
    ("until-before-from", '    tot: "10:15"\n', '    tot: "10:15"\n    vanaf: 2026-12-01\n    tot_en_met: 2026-11-01\n', 18, "'tot_en_met' (2026-11-01) ligt vóór 'vanaf' (2026-12-01)."),
    ("window-without-weekday", '    tot: "10:15"\n', '    tot: "10:15"\n    vanaf: 2026-12-01\n    tot_en_met: 2026-12-02\n', 14, "tussen 2026-12-01 en 2026-12-02 valt geen maandag"),
    ("one-off-in-holiday", "- dag: maandag", "- datum: 2026-12-28", 14, "datum 2026-12-28 valt in de Kerstvakantie, maar 'schoolvakanties' is 'vrij'"),
    ("one-off-on-public-holiday", "- dag: maandag", "- datum: 2026-05-14", 14, "datum 2026-05-14 valt op Hemelvaartsdag"),
    ("one-off-on-kings-day-in-may-holiday", "- dag: maandag", "- datum: 2026-04-27", 14, "datum 2026-04-27 valt op Koningsdag"),
    ("cancelled-not-on-schedule", "schoolvakanties: vrij", "schoolvakanties: vrij\nvervalt: [2026-12-08]", 18, "vervalt: op 2026-12-08 (dinsdag) is de activiteit er volgens 'tijden' niet"),
    # ages
    ("age-300", "{van: 2, tot: 4}", "{van: 2, tot: 300}", 6, "leeftijd.tot: 300 jaar kan niet; kies een getal van 0 tot en met 120 jaar."),
    ("age-to-before-from", "{van: 2, tot: 4}", "{van: 4, tot: 2}", 6, "leeftijd: 'tot' (2) ligt vóór 'van' (4)"),
    ("age-1.3", "{van: 2, tot: 4}", "{van: 1.3, tot: 4}", 6, "leeftijd.van: 1.3 kan niet; gebruik hele of halve jaren, zoals 1.5."),
    ("age-not-a-map", "leeftijd: {van: 2, tot: 4}", "leeftijd: 2", 6, "leeftijd: verwacht een leeftijd met sleutels"),
    # kosten and aanmelden forms
    ("cost-word", "kosten: gratis", "kosten: gratiss", 8, "kosten: 'gratiss' kan niet; schrijf 'gratis', of een blok met bedrag, per, toelichting. Bedoel je 'gratis'?"),
    ("cost-zero", "kosten: gratis", "kosten: {bedrag: 0, per: les}", 8, "een bedrag van 0 is gratis"),
    ("cost-without-per", "kosten: gratis", "kosten: {bedrag: 3}", 8, "'per' ontbreekt in kosten; dit is verplicht"),
    ("cost-bad-per", "kosten: gratis", "kosten: {bedrag: 3, per: lesje}", 8, "kosten.per: 'lesje' kan niet"),
    ("cost-not-a-number", "kosten: gratis", "kosten: {bedrag: drie, per: les}", 8, "kosten.bedrag: 'drie' is geen getal."),
    ("signup-word", "aanmelden: inloop", "aanmelden: inlop", 9, "Bedoel je 'inloop'?"),
    ("signup-without-way", "aanmelden: inloop", "aanmelden: {toelichting: Bel ons.}", 9, "aanmelden: vul minstens één van 'url', 'telefoon', 'email' in."),
    ("signup-javascript-url", "aanmelden: inloop", "aanmelden: {url: 'javascript:alert(1)'}", 9, "aanmelden.url: 'javascript:alert(1)' is geen geldig webadres"),
    # contact: URLs only http(s), emails, phones (contact block on lines 18-19)
    ("website-javascript", "schoolvakanties: vrij", "schoolvakanties: vrij\ncontact:\n  website: javascript:alert(1)", 19, "contact.website: 'javascript:alert(1)' is geen geldig webadres; het begint met https://"),
    ("website-ftp", "schoolvakanties: vrij", "schoolvakanties: vrij\ncontact:\n  website: ftp://example.org/", 19, "is geen geldig webadres"),
    ("email", "schoolvakanties: vrij", "schoolvakanties: vrij\ncontact:\n  email: info-at-example.org", 19, "contact.email: 'info-at-example.org' is geen geldig e-mailadres."),
    ("phone", "schoolvakanties: vrij", "schoolvakanties: vrij\ncontact:\n  telefoon: bel ons", 19, "contact.telefoon: 'bel ons' is geen geldig telefoonnummer"),
    # locatie and dag/dagen/datum
    ("no-location", "locatie:\n  naam: Gymzaal Henry Stanleystraat\n  wijk: olympiakwartier\n", "", 2, "'locatie' ontbreekt; dit is verplicht"),
    ("dag-and-datum", "  - dag: maandag\n", "  - dag: maandag\n    datum: 2026-12-07\n", 15, "gebruik maar één van 'dag', 'dagen', 'datum', niet 'dag' en 'datum' samen."),
    ("dag-and-dagen", "  - dag: maandag\n", "  - dag: maandag\n    dagen: [dinsdag]\n", 15, "niet 'dag' en 'dagen' samen"),
    ("no-day", "  - dag: maandag\n    van", "  - van", 14, "geef een van 'dag', 'dagen', 'datum'."),
    ("datum-with-vanaf", "- dag: maandag\n    van: \"09:30\"\n", "- datum: 2026-12-07\n    vanaf: 2026-12-01\n    van: \"09:30\"\n", 15, "'vanaf' hoort niet bij een losse 'datum'"),
    ("dagen-typo", "- dag: maandag", "- dagen: [maandag, woensdg]", 14, "'woensdg' is geen weekdag; bedoel je 'woensdag'?"),
    ("empty-schedule", "tijden:\n  - dag: maandag\n    van: \"09:30\"\n    tot: \"10:15\"\n", "tijden: []\n", 13, "tijden: de lijst is leeg"),
    ("schedule-line-not-a-map", "  - dag: maandag\n    van: \"09:30\"\n    tot: \"10:15\"\n", "  - maandag\n", 14, "tijden: verwacht een tijd met sleutels op aparte regels, maar dit is 'maandag'."),
    # missing and empty required keys
    ("missing-title", "titel: Peutersport Poort\n", "", 2, "'titel' ontbreekt; dit is verplicht"),
    ("empty-title", "titel: Peutersport Poort", "titel:", 2, "titel: verwacht tekst, maar dit is leeg."),
    ("title-too-long", "titel: Peutersport Poort", "titel: " + "Peutersport " * 8, 2, "maximaal 80. Maak het korter."),
    ("missing-in-location", "  wijk: olympiakwartier\n", "", 11, "'wijk' ontbreekt in locatie"),
    # YAML itself
    ("yaml-unclosed-bracket", "soort: [sport]", "soort: [sport", 5, "dit is geen geldige YAML: een lijst tussen [ ] wordt niet goed gesloten."),
    ("yaml-colon-in-text", "titel: Peutersport Poort", "titel: Peutersport: Poort", 2, "dit is geen geldige YAML: hier staat een dubbele punt"),
    ("yaml-tab", "  naam: Gymzaal", "\tnaam: Gymzaal", 11, "gebruik spaties om in te springen, geen tabs."),
    ("yaml-alias", "kosten: gratis", "kosten: *gratis", 8, "er staat een '*' die YAML als verwijzing leest"),
    ("duplicate-key", "kosten: gratis", "kosten: gratis\nkosten: gratis", 9, "'kosten' staat hier twee keer (ook op regel 8); laat er één staan."),
    ("list-where-map", "locatie:\n  naam: Gymzaal Henry Stanleystraat\n  wijk: olympiakwartier\n",
     "locatie:\n  - naam: Gymzaal Henry Stanleystraat\n  - wijk: olympiakwartier\n", 11, "locatie: verwacht een locatie met sleutels op aparte regels, maar dit is een lijst."),
]




# The model's rules across keys (model.py: AGE_RULES, SLOT_RULES, COST_RULES, ACTIVITY_RULES), each
# message in full: make check and the web editor (overrides/assets/cms-rules.js) must give exactly it.
# (id, old text, new text, expected line, the whole message); the ERRORS above that break a rule count too.
RULE_CASES = [
    ("age-half-below", "{van: 2, tot: 4}", "{van: 4, tot: 1.5}", 6, "leeftijd: 'tot' (1.5) ligt vóór 'van' (4); 'tot' moet gelijk aan of groter dan 'van' zijn."),
    ("age-below-half", "{van: 2, tot: 4}", "{van: 2.5, tot: 2}", 6, "leeftijd: 'tot' (2) ligt vóór 'van' (2.5); 'tot' moet gelijk aan of groter dan 'van' zijn."),
    ("age-text-numbers", "{van: 2, tot: 4}", "{van: '3', tot: '2,5'}", 6, "leeftijd: 'tot' (2.5) ligt vóór 'van' (3); 'tot' moet gelijk aan of groter dan 'van' zijn."),
    ("end-equals-start", 'tot: "10:15"', 'tot: "09:30"', 16, "de eindtijd 09:30 ligt niet na de begintijd 09:30."),
    ("end-short-hour", 'tot: "10:15"', 'tot: "9.00"', 16, "de eindtijd 09:00 ligt niet na de begintijd 09:30."),
    ("one-off-until-before-from", "- dag: maandag\n    van: \"09:30\"\n", "- datum: 2026-12-07\n    vanaf: 2026-12-01\n    tot_en_met: '2026-11-1'\n    van: \"09:30\"\n",
     16, "'tot_en_met' (2026-11-01) ligt vóór 'vanaf' (2026-12-01)."),
    ("datum-with-tot-en-met", "- dag: maandag\n    van: \"09:30\"\n", "- datum: 2026-12-07\n    tot_en_met: 2026-12-31\n    van: \"09:30\"\n",
     15, "'tot_en_met' hoort niet bij een losse 'datum'; laat 'tot_en_met' weg."),
    ("cost-zero-float", "kosten: gratis", "kosten: {bedrag: 0.0, per: les}", 8, "kosten: een bedrag van 0 is gratis; schrijf dan 'kosten: gratis'."),
    ("cost-zero-comma", "kosten: gratis", "kosten: {bedrag: '0,00', per: les}", 8, "kosten: een bedrag van 0 is gratis; schrijf dan 'kosten: gratis'."),
    ("alternative-while-active", "schoolvakanties: vrij", "schoolvakanties: vrij\nalternatief: peutersport-poort", 18,
     "'alternatief' is voor een activiteit die gepauzeerd of gestopt is; zet 'status' op 'gepauzeerd' of 'gestopt', of laat 'alternatief' weg."),
    ("alternative-status-actief", "schoolvakanties: vrij", "schoolvakanties: vrij\nstatus: actief\nalternatief: peutersport-poort", 19,
     "'alternatief' is voor een activiteit die gepauzeerd of gestopt is; zet 'status' op 'gepauzeerd' of 'gestopt', of laat 'alternatief' weg."),
]

# Right files the rules must let through (a wrong value elsewhere is reported on its own, never by a rule).
RULE_PASSES = [
    ("age-equal", "{van: 2, tot: 4}", "{van: 3, tot: 3}"),
    ("age-open", "{van: 2, tot: 4}", "{van: 2}"),
    ("one-day-window", '    tot: "10:15"\n', '    tot: "10:15"\n    vanaf: 2026-12-07\n    tot_en_met: 2026-12-07\n'),
    ("paid", "kosten: gratis", "kosten: {bedrag: 0.5, per: les}"),
    ("alternative-when-stopped", "schoolvakanties: vrij", "schoolvakanties: vrij\nstatus: gestopt\nmelding: Gestopt.\nalternatief: peutersport-poort"),
    ("status-wrong-alternative-waits", "schoolvakanties: vrij", "schoolvakanties: vrij\nstatus: actif\nalternatief: peutersport-poort"),
    ("age-out-of-range-waits", "{van: 2, tot: 4}", "{van: 200, tot: 4}"),
    ("age-step-waits", "{van: 2, tot: 4}", "{van: 2, tot: 1.3}"),
    ("date-out-of-range-waits", '    tot: "10:15"\n', '    tot: "10:15"\n    vanaf: 2026-12-01\n    tot_en_met: 1999-12-31\n'),
]



def as_json(text: str):
    """The front matter as a plain YAML reader gives it, dates as ISO strings (as JSON carries them);
    ``None`` when no YAML reader reads it."""
    try:
        data = yaml.safe_load(text.split("---", 2)[1])
    except (yaml.YAMLError, ValueError):  # ValueError: a date such as 2026-02-30
        return None

    def iso(value):
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, dict):
            return {str(k): iso(v) for k, v in value.items()}
        if isinstance(value, list):
            return [iso(v) for v in value]
        return value

    return iso(data)


# ---------------------------------------------------------------------------
# Hostile files
# ---------------------------------------------------------------------------

AFTER = "schoolvakanties: vrij"  # line 17: keys added after it start on line 18
BODY_LINE = 20  # the body of BASE starts on line 20


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """A PNG of a few hundred bytes whose header says ``width`` × ``height`` (8-bit grey). Its
    data is a little zlib-compressed zeros: a decoder would unpack gigabytes before it noticed."""
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + _chunk(b"IDAT", zlib.compress(b"\0" * 100_000, 9)) + _chunk(b"IEND", b""))


def real_jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


@dataclass(frozen=True)
class Hostile:
    """One hostile case: the files it writes under ``content/``, and what `make check` must say."""

    id: str
    files: dict[str, bytes]  # path under content/ -> bytes
    where: str  # the file the problem names, under content/
    line: int
    message: str  # part of the Dutch message
    layer: str = "file"
    sparse: dict[str, int] = field(default_factory=dict)  # path -> size: made a sparse file that large

    def write(self, content: Path) -> None:
        for name, data in self.files.items():
            path = content / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for name, size in self.sparse.items():
            with (content / name).open("r+b") as handle:
                handle.truncate(size)  # a hole: costs no disk, but stat() says gigabytes

    @property
    def activity_text(self) -> str | None:
        """The front matter file as text, for data cases."""
        data = self.files.get(self.where)
        return data.decode("utf-8") if data is not None and self.where.startswith("activities/") else None


def _activity(case_id: str, text: str | bytes, line: int, message: str, layer: str = "file",
              extra: dict[str, bytes] | None = None, sparse: int = 0) -> Hostile:
    name = f"activities/{case_id}.md"
    data = text.encode("utf-8") if isinstance(text, str) else text
    return Hostile(case_id, {name: data, **(extra or {})}, name, line, message, layer, {name: sparse} if sparse else {})


def _with(*lines: str) -> str:
    return edit(AFTER, AFTER + "\n" + "\n".join(lines))


def _photo(case_id: str, name: str, data: bytes, message: str, sparse: int = 0) -> Hostile:
    case = _activity(case_id, _with(f"foto: {{bestand: fotos/{name}, alt: Peuters in de gymzaal.}}"), 18, message,
                     extra={f"fotos/{name}": data})
    return Hostile(case.id, case.files, case.where, case.line, case.message, case.layer,
                   {f"fotos/{name}": sparse} if sparse else {})


_LAUGHS = ['lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'] + [
    f"lol{i}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
_ANCHORS = "'&' en '*' (verwijzingen in YAML) worden niet ondersteund; schrijf de gegevens uit"
_TAG = "(een YAML-label met '!') wordt niet ondersteund"
_DEPTH = "blokken of lijsten in elkaar"
_SIZE = "maximaal 256 kB"
_DIRTY = "hier staat een onzichtbaar teken (U+0000)"
_DATES = [f"2027-{1 + i // 28 % 12:02d}-{1 + i % 28:02d}" for i in range(336)]  # distinct, not all needed

HOSTILE = [
    # YAML features: anchors, aliases, merge keys, tags
    _activity("alias-bomb", "---\n" + "\n".join(_LAUGHS) + BASE[3:], 2, _ANCHORS),
    _activity("alias-in-a-value", edit("aanmelden: inloop", "aanmelden: *k", edit("kosten: gratis", "kosten: &k gratis")), 8, _ANCHORS),
    _activity("merge-key", edit("  naam: Gymzaal Henry Stanleystraat\n", "  <<: {naam: Gymzaal Henry Stanleystraat}\n"), 11,
              "'<<' (samenvoegen) wordt niet ondersteund"),
    *[_activity(f"tag-{name}", edit("titel: Peutersport Poort", f"titel: {value}"), 2, _TAG) for name, value in (
        ("custom", "!foo Peutersport Poort"),
        ("python-object", '!!python/object/apply:os.system ["echo gehackt"]'),
        ("python-name", "!!python/name:os.system ''"),
        ("binary", "!!binary UGV1dGVyc3BvcnQgUG9vcnQ="),
        ("str", "!!str Peutersport Poort"),
        ("verbatim", "!<tag:yaml.org,2002:str> Peutersport Poort"),
        ("non-specific", "! Peutersport Poort"),
        ("local-prefix", "!!peuter Peutersport Poort"),
    )],
    _activity("tag-on-a-block", edit("leeftijd: {van: 2, tot: 4}", "leeftijd: !!map {van: 2, tot: 4}"), 6, _TAG),
    _activity("tag-set", edit("soort: [sport]", "soort: !!set {sport}"), 5, _TAG),
    _activity("tag-timestamp", edit("gecontroleerd: 2026-11-02", "gecontroleerd: !!timestamp 2026-11-02"), 18, _TAG),
    # depth, size, counts
    _activity("depth-100000", edit("titel: Peutersport Poort", "titel: " + "[" * 100_000 + "]" * 100_000), 2, _DEPTH),
    _activity("depth-100000-unclosed", edit("titel: Peutersport Poort", "titel: " + "[" * 100_000), 2, _DEPTH),
    _activity("depth-1000", edit("titel: Peutersport Poort", "titel: " + "[" * 1000 + "]" * 1000), 2, _DEPTH),
    _activity("depth-1000-blocks", edit("titel: Peutersport Poort", "titel: " + "{a: " * 1000 + "b" + "}" * 1000), 2, _DEPTH),
    _activity("list-10000-dates", _with("vervalt: [" + ", ".join(_DATES[i % 336] for i in range(10_000)) + "]"), 18,
              "vervalt: de lijst heeft 10000 regels; maximaal 200", layer="data"),
    _activity("one-off-dates-10000", edit('  - dag: maandag\n    van: "09:30"\n    tot: "10:15"\n', "".join(
        f'  - {{datum: {_DATES[i % 336]}, van: "09:30", tot: "10:15"}}\n' for i in range(10_000))), 1, _SIZE),
    _activity("one-off-dates-201", edit('  - dag: maandag\n    van: "09:30"\n    tot: "10:15"\n', "".join(
        f'  - {{datum: {_DATES[i]}, van: "09:30", tot: "10:15"}}\n' for i in range(201))), 14,  # a block list starts at its first line
              "tijden: de lijst heeft 201 regels; maximaal 200", layer="data"),
    _activity("keywords-30000", _with("zoekwoorden: [" + ", ".join(["gym"] * 30_000) + "]"), 18, "meer dan 20000 waarden"),
    _activity("keys-70", _with(*[f"kleur{i}: rood" for i in range(70)]), 18 + 49, "dit blok heeft meer dan 60 sleutels"),  # 11 keys above, so the 61st is the 50th added
    _activity("string-100000", edit("titel: Peutersport Poort", 'titel: "' + "x" * 100_000 + '"'), 2,
              "deze waarde is 100000 tekens; maximaal 5000"),
    _activity("body-5-mb", BASE + "Kom gewoon langs. " * 300_000, 1, _SIZE),
    _activity("body-25000", BASE + "Kom gewoon langs. " * 1400, BODY_LINE, "de tekst onder de gegevens is 25218 tekens; maximaal 20000"),
    _activity("file-1-gb", BASE, 1, "het bestand is 1073,7 MB; " + _SIZE, sparse=1 << 30),
    # invisible characters
    _activity("nul-in-front-matter", edit("titel: Peutersport Poort", "titel: Peuter\0sport Poort"), 2, _DIRTY),
    _activity("nul-in-body", BASE + "Neem\0 water mee.\n", BODY_LINE + 1, _DIRTY),
    _activity("vertical-tab", edit("samenvatting: Samen", "samenvatting: Samen\x0b"), 3, "onzichtbaar teken (U+000B)"),
    # data any YAML reader reads, that the format refuses (the JSON Schema must too)
    _activity("geo-out-of-range", edit("  wijk: olympiakwartier\n", "  wijk: olympiakwartier\n  geo: [152.0, 5.1]\n"), 13,
              "locatie.geo: [152.0, 5.1] is geen plek op aarde", layer="data"),
    _activity("keywords-31", _with("zoekwoorden: [" + ", ".join(f"woord{i}" for i in range(31)) + "]"), 18,
              "zoekwoorden: de lijst heeft 31 regels; maximaal 30", layer="data"),
    _activity("url-600", _with("contact: {website: 'https://example.org/" + "a" * 600 + "'}"), 18,
              "contact.website: is 620 tekens; maximaal 500", layer="data"),
    # photos: checked by reading only the header, in `make check` as in the build
    _photo("photo-decompression-bomb", "bom.png", png_header(40_000, 40_000), "heeft veel meer dan 50 megapixel"),
    _photo("photo-60-megapixel", "groot.png", png_header(10_000, 6_000), "is 10000 × 6000 pixels; maximaal 50 megapixel"),
    _photo("photo-svg", "tekening.svg", SVG, "is geen foto die een browser kan tonen"),
    _photo("photo-svg-named-png", "tekening.png", SVG, "is geen echte png-foto"),
    _photo("photo-jpeg-named-png", "nep.png", b"", "is geen echte png-foto"),  # bytes filled in below
    _photo("photo-broken-jpeg", "kapot.jpg", b"\xff\xd8\xff\xe0" + b"kapot" * 200, "kan niet als jpg-foto worden gelezen"),
    _photo("photo-html-as-webp", "pagina.webp", b"RIFF\0\0\0\0WEBP<html><script>alert(1)</script></html>", "kan niet als webp-foto worden gelezen"),
    _photo("photo-1-gb", "enorm.jpg", b"\xff\xd8\xff\xe0", "is 1073 MB; maximaal 15 MB", sparse=1 << 30),
]


def _fill(cases: list[Hostile]) -> list[Hostile]:
    """Cases whose bytes need Pillow (imported only when the corpus is used)."""
    out = []
    for case in cases:
        if case.id == "photo-jpeg-named-png":
            case = Hostile(case.id, {**case.files, "fotos/nep.png": real_jpeg()}, case.where, case.line, case.message)
        out.append(case)
    return out


HOSTILE = _fill(HOSTILE)

# Data files: each of the four is attacked at once (they are read before any activity).
HOSTILE_DATA_FILES = [
    Hostile("organisaties-alias-bomb", {"organisaties.yml": ("\n".join(_LAUGHS) + "\n").encode()}, "organisaties.yml", 1, _ANCHORS),
    Hostile("wijken-depth-100000", {"wijken.yml": ("gemeente: " + "[" * 100_000 + "]" * 100_000 + "\n").encode()}, "wijken.yml", 1, _DEPTH),
    Hostile("soorten-python-tag", {"soorten.yml": b'sport: !!python/object/apply:os.system ["echo gehackt"]\n'}, "soorten.yml", 1, _TAG),
    Hostile("schoolvakanties-1-gb", {"schoolvakanties.yml": b"bron: x\n"}, "schoolvakanties.yml", 1, "maximaal 2,0 MB",
            sparse={"schoolvakanties.yml": 1 << 30}),
]


# ---------------------------------------------------------------------------
# What a JSON Schema cannot say
# ---------------------------------------------------------------------------

_SITE = "needs the site data: a JSON Schema only knows the form of a key, not the keys in content/*.yml"
_CROSS = "cross-field: a rule between two values of one block"
_CALENDAR = "needs the holiday calendar and the weekday of a date"
SCHEMA_CANNOT = {
    "kind-typo": _SITE,
    "unknown-organisation": _SITE,
    "unknown-wijk": _SITE,
    "end-before-start": _CROSS,
    "until-before-from": _CROSS,
    "age-to-before-from": _CROSS,
    "datum-with-vanaf": _CROSS,
    "cost-zero": _CROSS + " (an amount of 0 is written 'gratis'; the rule gives that advice)",
    "window-without-weekday": _CALENDAR,
    "one-off-in-holiday": _CALENDAR,
    "one-off-on-public-holiday": _CALENDAR,
    "one-off-on-kings-day-in-may-holiday": _CALENDAR,
    "cancelled-not-on-schedule": _CALENDAR,
    "duplicate-key": "YAML, not data: a YAML reader keeps the last of two equal keys, so the schema never sees the first",
}
