"""Field types of the content format.

Each type knows three things, so that one model can drive everything:

* ``check``: turn a YAML node into a Python value, or report Dutch problems;
* ``json_schema``: its JSON Schema fragment (published for tools and the CMS);
* ``explain``: a short Dutch phrase for the editor documentation.

The activity format itself is declared with these types in :mod:`model`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .problems import Problem
from .yamlsource import Mapping, Node, Scalar, Sequence

INVALID = object()  # a value that failed validation (the problem is reported)

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_MAX_LENGTH = 80  # keys and file names: a web address stays readable


def did_you_mean(word: str, options) -> str:
    """`` bedoel je 'x'?`` when a close option exists, else an empty string."""
    options = [str(o) for o in options]
    lowered = {o.lower(): o for o in options}
    if str(word).lower() in lowered:
        return f" Bedoel je '{lowered[str(word).lower()]}'?"
    match = difflib.get_close_matches(str(word).lower(), list(lowered), n=1, cutoff=0.6)
    return f" Bedoel je '{lowered[match[0]]}'?" if match else ""


@dataclass
class Context:
    """What a check needs: where we are, what exists, where problems go."""

    path: str
    registries: dict[str, dict[str, str]]  # registry name -> key -> display name
    problems: list[Problem] = field(default_factory=list)
    content_dir: Path | None = None  # where files named in the content live (photos); None: not checked

    def report(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))


def _kind_of(node: Node) -> str:
    if isinstance(node, Mapping):
        return "een blok met sleutels"
    if isinstance(node, Sequence):
        return "een lijst"
    if node.value is None:
        return "leeg"
    return f"'{node.raw}'"


class FieldType:
    """Base class: subclasses implement check, json_schema and explain."""

    def check(self, node: Node, ctx: Context, label: str) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def json_schema(self) -> dict:  # pragma: no cover - abstract
        raise NotImplementedError

    def explain(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def literals(self) -> tuple[str, ...]:
        """Fixed words this type accepts (used by Either)."""
        return ()


def _scalar(node: Node, ctx: Context, label: str, expected: str) -> Scalar | None:
    if isinstance(node, Scalar) and node.value is not None:
        return node
    ctx.report(node.line, f"{label}: verwacht {expected}, maar dit is {_kind_of(node)}.")
    return None


@dataclass(frozen=True)
class Text(FieldType):
    max_length: int = 1000  # every text has a bound (the JSON Schema's maxLength)
    min_length: int = 1
    single_line: bool = True

    def check(self, node, ctx, label):
        scalar = _scalar(node, ctx, label, "tekst")
        if scalar is None:
            return INVALID
        if isinstance(scalar.value, (dict, list)):
            ctx.report(node.line, f"{label}: verwacht tekst.")
            return INVALID
        value = scalar.raw if not isinstance(scalar.value, str) else scalar.value
        value = value.strip()
        if len(value) < self.min_length:
            ctx.report(node.line, f"{label}: mag niet leeg zijn.")
            return INVALID
        if self.single_line and "\n" in value:
            ctx.report(node.line, f"{label}: schrijf dit op één regel.")
            return INVALID
        if len(value) > self.max_length:
            ctx.report(node.line, f"{label}: is {len(value)} tekens; maximaal {self.max_length}. Maak het korter.")
            return INVALID
        return value

    def json_schema(self):
        # maxLength counts the text as written; the check strips spaces first, so it may allow a bit more
        return {"type": "string", "minLength": self.min_length, "maxLength": self.max_length,
                "pattern": r"^\s*[^\n]*\S[^\n]*\s*$" if self.single_line else r"\S"}

    def explain(self):
        return f"tekst, hoogstens {self.max_length} tekens"


@dataclass(frozen=True)
class Key(FieldType):
    """A key of one of the registries (organisaties, soorten, gebieden)."""

    registry: str
    noun: str  # Dutch noun for messages, e.g. "organisatie"
    source: str  # file that defines the keys, for messages
    max_length: int = KEY_MAX_LENGTH

    def check(self, node, ctx, label):
        scalar = _scalar(node, ctx, label, f"de sleutel van een {self.noun}")
        if scalar is None:
            return INVALID
        value = str(scalar.raw if not isinstance(scalar.value, str) else scalar.value).strip()
        known = ctx.registries.get(self.registry, {})
        if value in known:
            return value
        hint = did_you_mean(value, known)
        if not hint:
            # editors often type the display name instead of the key
            by_name = {name.lower(): key for key, name in known.items()}
            if value.lower() in by_name:
                hint = f" Bedoel je '{by_name[value.lower()]}'?"
        ctx.report(node.line, f"{label}: '{value}' is geen bekende {self.noun} (zie {self.source}).{hint}")
        return INVALID

    def json_schema(self):
        return {"type": "string", "pattern": KEY_PATTERN.pattern, "maxLength": self.max_length}

    def explain(self):
        return f"een sleutel uit `{self.source}`"


@dataclass(frozen=True)
class Choice(FieldType):
    options: tuple[str, ...]

    def check(self, node, ctx, label):
        scalar = _scalar(node, ctx, label, "één van " + ", ".join(f"'{o}'" for o in self.options))
        if scalar is None:
            return INVALID
        value = scalar.raw.strip() if not isinstance(scalar.value, str) else scalar.value.strip()
        if value in self.options:
            return value
        hint = did_you_mean(value, self.options)
        ctx.report(node.line, f"{label}: '{value}' kan niet; kies uit " + ", ".join(f"'{o}'" for o in self.options) + f".{hint}")
        return INVALID

    def json_schema(self):
        return {"type": "string", "enum": list(self.options)}

    def explain(self):
        return " of ".join(f"`{o}`" for o in self.options)

    def literals(self):
        return self.options


@dataclass(frozen=True)
class Weekday(Choice):
    options: tuple[str, ...] = WEEKDAYS

    def check(self, node, ctx, label):
        scalar = _scalar(node, ctx, label, "een weekdag, zoals 'maandag'")
        if scalar is None:
            return INVALID
        value = str(scalar.raw).strip()
        if value in WEEKDAYS:
            return value
        if value.lower() in WEEKDAYS:
            return value.lower()
        hint = did_you_mean(value, WEEKDAYS)
        ctx.report(node.line, f"'{value}' is geen weekdag;{hint.replace(' Bedoel', ' bedoel') if hint else ' schrijf maandag, dinsdag, woensdag, donderdag, vrijdag, zaterdag of zondag.'}")
        return INVALID

    def explain(self):
        return "een weekdag: `maandag` … `zondag`"


@dataclass(frozen=True)
class Date(FieldType):
    """A date written as year-month-day, the one form a file takes (YAML reads ``2026-11-02`` and ``2026-11-2``
    as dates); ``DATE_HINT`` says exactly that. A day-month-year date, as Dutch people write it, gets the
    date in the right form as a suggestion."""

    earliest: dt.date = dt.date(2000, 1, 1)
    latest: dt.date = dt.date(2100, 12, 31)

    def check(self, node, ctx, label):
        scalar = _scalar(node, ctx, label, "een datum als 2026-05-16")
        if scalar is None:
            return INVALID
        value = scalar.value
        if isinstance(value, dt.datetime):
            value = value.date()
        if not isinstance(value, dt.date):
            raw = scalar.raw.strip()
            value = _ymd(raw)
            if value is None:
                ctx.report(node.line, f"{label}: {_not_a_date(raw)}")
                return INVALID
        if not self.earliest <= value <= self.latest:
            ctx.report(node.line, f"{label}: {value.isoformat()} ligt niet tussen {self.earliest.year} en {self.latest.year}.")
            return INVALID
        return value

    def json_schema(self):
        return {"type": "string", "format": "date", "pattern": r"^" + year_pattern(self.earliest.year, self.latest.year) + r"-\d{2}-\d{2}$"}

    def explain(self):
        return "een datum: `2026-05-16` (jaar-maand-dag)"


DATE_HINT = "schrijf jaar-maand-dag, bijvoorbeeld 2026-05-16"  # what Date accepts, and nothing else
_YMD = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def _day(year: str, month: str, day: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _ymd(raw: str) -> dt.date | None:
    """'2026-11-02' or '2026-11-2' (quoted, so YAML left it text) as a date; None for anything else."""
    match = _YMD.match(raw)
    return _day(*match.groups()) if match else None


def day_month_year(raw: str) -> dt.date | None:
    """'2-11-2026', '02/11/2026' or '2.11.2026' (as Dutch people and Excel write dates) as a date, else None."""
    match = _DMY.match(raw)
    return _day(match[3], match[2], match[1]) if match else None


def _not_a_date(raw: str) -> str:
    if _YMD.match(raw) or (_DMY.match(raw) and day_month_year(raw) is None):
        return f"'{raw}' bestaat niet als datum."
    turned = day_month_year(raw)
    if turned is not None:
        return f"'{raw}' staat als dag-maand-jaar; schrijf jaar-maand-dag: {turned.isoformat()}."
    return f"'{raw}' is geen datum; {DATE_HINT}."


_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


@dataclass(frozen=True)
class Time(FieldType):
    def check(self, node, ctx, label):
        scalar = _scalar(node, ctx, label, "een tijd als \"09:30\"")
        if scalar is None:
            return INVALID
        raw = scalar.raw.strip()
        match = _TIME.match(raw)
        if not match:
            ctx.report(node.line, f"{label}: '{raw}' is geen tijd; schrijf uren en minuten tussen aanhalingstekens, bijvoorbeeld \"09:30\".")
            return INVALID
        hours, minutes = int(match.group(1)), int(match.group(2))
        if hours > 23 or minutes > 59:
            ctx.report(node.line, f"{label}: '{raw}' bestaat niet; een tijd loopt van 00:00 tot en met 23:59.")
            return INVALID
        return dt.time(hours, minutes)

    def json_schema(self):
        return {"type": "string", "pattern": r"^([01]?\d|2[0-3])[:.][0-5]\d$"}

    def explain(self):
        return "een tijd tussen aanhalingstekens: `\"09:30\"`"


@dataclass(frozen=True)
class Number(FieldType):
    minimum: float
    maximum: float
    step: float | None = None
    unit: str = ""

    def check(self, node, ctx, label):
        scalar = _scalar(node, ctx, label, "een getal")
        if scalar is None:
            return INVALID
        value = scalar.value
        if isinstance(value, str):
            try:
                value = float(value.replace(",", "."))
            except ValueError:
                value = None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ctx.report(node.line, f"{label}: '{scalar.raw}' is geen getal.")
            return INVALID
        if not self.minimum <= value <= self.maximum:
            unit = f" {self.unit}" if self.unit else ""
            ctx.report(node.line, f"{label}: {scalar.raw}{unit} kan niet; kies een getal van {_num(self.minimum)} tot en met {_num(self.maximum)}{unit}.")
            return INVALID
        if self.step and abs(value / self.step - round(value / self.step)) > 1e-9:
            ctx.report(node.line, f"{label}: {scalar.raw} kan niet; gebruik hele of halve jaren, zoals 1.5.")
            return INVALID
        return float(value) if isinstance(value, float) and not value.is_integer() else (int(value) if float(value).is_integer() else value)

    def json_schema(self):
        schema = {"type": "number", "minimum": self.minimum, "maximum": self.maximum}
        if self.step:
            schema["multipleOf"] = self.step
        return schema

    def explain(self):
        unit = f" {self.unit}" if self.unit else ""
        return f"een getal van {_num(self.minimum)} tot en met {_num(self.maximum)}{unit}"


def year_pattern(first: int, last: int) -> str:
    """A regular expression for the four-digit years ``first`` … ``last`` (a date's range in JSON Schema)."""
    parts: list[str] = []
    year = first
    while year <= last:
        if year % 10 == 0 and year + 9 <= last:
            parts.append(f"{year // 10}[0-9]")
            year += 10
        else:
            parts.append(str(year))
            year += 1
    return "(?:" + "|".join(parts) + ")"


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@dataclass(frozen=True)
class Boolean(FieldType):
    def check(self, node, ctx, label):
        scalar = _scalar(node, ctx, label, "true of false")
        if scalar is None:
            return INVALID
        if isinstance(scalar.value, bool):
            return scalar.value
        raw = scalar.raw.strip().lower()
        if raw in ("ja", "j"):
            return True
        if raw in ("nee", "n"):
            return False
        ctx.report(node.line, f"{label}: '{scalar.raw}' kan niet; schrijf true (ja) of false (nee).")
        return INVALID

    def json_schema(self):
        return {"type": "boolean"}

    def explain(self):
        return "`true` (ja) of `false` (nee)"


_URL = re.compile(r"^(https?)://[^\s/$.?#][^\s<>\"']*$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s<>\"'()]+@[^@\s<>\"'()]+\.[a-z]{2,}$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,18}[0-9]$")


class _Pattern(FieldType):
    """A one-line text that must match a pattern (web address, e-mail, phone)."""

    pattern: re.Pattern
    expected: str  # Dutch noun phrase, e.g. "een webadres"
    problem: str  # Dutch message after "'value' ", e.g. "is geen geldig e-mailadres."
    explanation: str
    schema: dict
    prefix: str = ""  # an optional prefix editors may type, e.g. "mailto:"
    max_length: int = 500

    def check(self, node, ctx, label):
        scalar = _scalar(node, ctx, label, self.expected)
        if scalar is None:
            return INVALID
        value = str(scalar.raw).strip()
        if self.prefix and value.lower().startswith(self.prefix):
            value = value[len(self.prefix):]
        if len(value) > self.max_length:
            ctx.report(node.line, f"{label}: is {len(value)} tekens; maximaal {self.max_length}. Maak het korter.")
            return INVALID
        if not self.pattern.match(value):
            ctx.report(node.line, f"{label}: '{value}' {self.problem}")
            return INVALID
        return value

    def json_schema(self):
        return {**self.schema, "maxLength": self.max_length + len(self.prefix)}

    def explain(self):
        return self.explanation


@dataclass(frozen=True)
class Url(_Pattern):
    """Only http(s): no javascript:, data: or other schemes reach a page."""

    pattern = _URL
    expected = "een webadres"
    problem = "is geen geldig webadres; het begint met https:// (of http://)."
    explanation = "een webadres dat begint met `https://`"
    schema = {"type": "string", "format": "uri", "pattern": "^[Hh][Tt][Tt][Pp][Ss]?://" + _URL.pattern.split("://", 1)[1]}


@dataclass(frozen=True)
class Email(_Pattern):
    pattern = _EMAIL
    expected = "een e-mailadres"
    problem = "is geen geldig e-mailadres."
    explanation = "een e-mailadres"
    schema = {"type": "string", "format": "email", "pattern": "^(?:mailto:)?" + _EMAIL.pattern[1:].replace("[a-z]", "[A-Za-z]")}
    prefix = "mailto:"
    max_length = 254  # RFC 5321


@dataclass(frozen=True)
class Phone(_Pattern):
    pattern = _PHONE
    expected = "een telefoonnummer"
    problem = "is geen geldig telefoonnummer; schrijf het tussen aanhalingstekens, zoals \"036 123 4567\"."
    explanation = "een telefoonnummer tussen aanhalingstekens: `\"036 123 4567\"`"
    schema = {"type": "string", "pattern": _PHONE.pattern}
    max_length = 21  # the pattern's own bound


@dataclass(frozen=True)
class Slug(_Pattern):
    """A web-address name like a file name without '.md' (old names in 'aliases')."""

    pattern = KEY_PATTERN
    expected = "een naam als 'peutergym-poort'"
    problem = "kan niet in een webadres; gebruik kleine letters, cijfers en '-', zonder '.md', zoals 'peutergym-poort'."
    explanation = "een naam van kleine letters, cijfers en `-`, zoals `peutergym-poort` (zonder `.md`)"
    schema = {"type": "string", "pattern": KEY_PATTERN.pattern}
    max_length = KEY_MAX_LENGTH


# First bytes of the image formats a browser shows everywhere.
IMAGE_SIGNATURES = {".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",), ".png": (b"\x89PNG\r\n\x1a\n",),
                    ".webp": (b"RIFF",)}
# Pillow's name of the format each extension must really be.
IMAGE_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


@dataclass(frozen=True)
class ContentFile(FieldType):
    """A file under the content folder, such as a photo: ``fotos/peutergym.jpg``."""

    extensions: tuple[str, ...] = (".jpg", ".jpeg", ".png", ".webp")
    max_bytes: int = 15_000_000
    example: str = "fotos/peutergym-poort.jpg"
    max_length: int = 200  # characters of the path
    max_pixels: int = 50_000_000  # a 15 MB upload may not unpack into more than a 50-megapixel photo

    @property
    def folder(self) -> str:
        """The folder under content/ these files go in (from the example): 'fotos'."""
        return self.example.rsplit("/", 1)[0] if "/" in self.example else ""

    def check(self, node, ctx, label):
        scalar = _scalar(node, ctx, label, f"een bestand, zoals '{self.example}'")
        if scalar is None:
            return INVALID
        value = str(scalar.raw).strip().replace("\\", "/").lstrip("/")
        if value.startswith("content/"):
            value = value[len("content/"):]
        kinds = ", ".join(e.lstrip(".") for e in self.extensions)
        if len(value) > self.max_length:
            ctx.report(node.line, f"{label}: de naam is {len(value)} tekens; maximaal {self.max_length}. Kies een kortere naam.")
            return INVALID
        parts = value.split("/")
        if any(part in ("", ".", "..") for part in parts) or ":" in value:
            ctx.report(node.line, f"{label}: '{value}' is geen bestand in de map content; schrijf het zoals '{self.example}'.")
            return INVALID
        suffix = Path(value).suffix.lower()
        if suffix not in self.extensions:
            ctx.report(node.line, f"{label}: '{value}' is geen foto die een browser kan tonen; gebruik een bestand met {kinds}.")
            return INVALID
        if ctx.content_dir is not None:
            path = Path(ctx.content_dir) / value
            if not path.is_file():
                ctx.report(node.line, f"{label}: het bestand 'content/{value}' bestaat niet; zet de foto in die map of verbeter de naam.")
                return INVALID
            size = path.stat().st_size
            if size > self.max_bytes:
                ctx.report(node.line, f"{label}: 'content/{value}' is {size // 1_000_000} MB; maximaal {self.max_bytes // 1_000_000} MB. Maak de foto kleiner.")
                return INVALID
            with path.open("rb") as handle:
                head = handle.read(12)
            signatures = IMAGE_SIGNATURES.get(suffix, ())
            if signatures and not any(head.startswith(sig) for sig in signatures) or suffix == ".webp" and head[8:12] != b"WEBP":
                ctx.report(node.line, f"{label}: 'content/{value}' is geen echte {suffix.lstrip('.')}-foto; sla de foto opnieuw op als {kinds}.")
                return INVALID
            problem = self.header_problem(path, suffix)
            if problem:
                ctx.report(node.line, f"{label}: 'content/{value}' {problem}")
                return INVALID
        return value

    def header_problem(self, path: Path, suffix: str) -> str | None:
        """Read only the image's header (Pillow opens lazily): its real format and its size in pixels.

        The build makes its copies from the same file; what passes here, it can decode.
        """
        from PIL import Image, UnidentifiedImageError  # only when a photo is checked

        kind = suffix.lstrip(".")
        try:
            with Image.open(path, formats=[IMAGE_FORMATS[suffix]]) as image:
                width, height = image.size
        except Image.DecompressionBombError:
            width, height = None, None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
            return (f"kan niet als {kind}-foto worden gelezen; het bestand is misschien beschadigd, of een ander soort "
                    "bestand. Sla de foto opnieuw op als jpg of png.")
        most = f"{self.max_pixels // 1_000_000} megapixel"
        if width is None:  # Pillow refuses to open it: many times the limit (a decompression bomb)
            return f"heeft veel meer dan {most}. Maak de foto kleiner (bijvoorbeeld 2000 pixels breed)."
        if width * height > self.max_pixels:
            return f"is {width} × {height} pixels; maximaal {most}. Maak de foto kleiner (bijvoorbeeld 2000 pixels breed)."
        return None

    def json_schema(self):
        return {"type": "string", "maxLength": self.max_length,
                # like the check: no empty part, '.' or '..' (also between backslashes), no ':'
                "pattern": r"^(?![/\\])(?!.*[/\\][/\\])(?!(?:.*[/\\])?\.\.?(?:[/\\]|$))[^:]*\.("
                           + "|".join(e.lstrip(".") for e in self.extensions) + ")$"}

    def explain(self):
        return f"een bestand in de map `content`, zoals `{self.example}`"


@dataclass(frozen=True)
class Geo(FieldType):
    def check(self, node, ctx, label):
        if not isinstance(node, Sequence) or len(node.items) != 2:
            ctx.report(node.line, f"{label}: schrijf twee getallen: [breedtegraad, lengtegraad], zoals [52.3745, 5.1438].")
            return INVALID
        values = [item.value if isinstance(item, Scalar) else None for item in node.items]
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            ctx.report(node.line, f"{label}: schrijf twee getallen: [breedtegraad, lengtegraad], zoals [52.3745, 5.1438].")
            return INVALID
        lat, lon = float(values[0]), float(values[1])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            ctx.report(node.line, f"{label}: [{lat}, {lon}] is geen plek op aarde; eerst de breedtegraad (52…), dan de lengtegraad (5…).")
            return INVALID
        return (lat, lon)

    def json_schema(self):
        return {"type": "array", "minItems": 2, "maxItems": 2, "items": False,
                "prefixItems": [{"type": "number", "minimum": -90, "maximum": 90},
                                {"type": "number", "minimum": -180, "maximum": 180}]}

    def explain(self):
        return "`[breedtegraad, lengtegraad]`, zoals `[52.3745, 5.1438]`"


@dataclass(frozen=True)
class ListOf(FieldType):
    item: FieldType
    min_items: int = 1
    allow_single: bool = True  # `soort: sport` is read as `soort: [sport]`
    max_items: int = 100  # every list has a bound that no real activity reaches (the JSON Schema's maxItems)

    def check(self, node, ctx, label):
        if isinstance(node, Scalar) and node.value is not None and self.allow_single:
            items = [node]
        elif isinstance(node, Sequence):
            items = node.items
        else:
            ctx.report(node.line, f"{label}: verwacht een lijst, zoals [a, b], maar dit is {_kind_of(node)}.")
            return INVALID
        if len(items) < self.min_items:
            ctx.report(node.line, f"{label}: de lijst is leeg; zet er minstens {self.min_items} in.")
            return INVALID
        if len(items) > self.max_items:
            ctx.report(node.line, f"{label}: de lijst heeft {len(items)} regels; maximaal {self.max_items}. Maak hem korter.")
            return INVALID
        values = [self.item.check(item, ctx, label) for item in items]
        if any(v is INVALID for v in values):
            return INVALID
        seen: list = []
        for value, item in zip(values, items):
            if value in seen:
                ctx.report(item.line, f"{label}: '{item.raw if isinstance(item, Scalar) else value}' staat twee keer in de lijst.")
                return INVALID
            seen.append(value)  # a list, not a set: values may be blocks (dicts)
        return tuple(values)

    def json_schema(self):
        array = {"type": "array", "items": self.item.json_schema(), "minItems": self.min_items,
                 "maxItems": self.max_items, "uniqueItems": True}
        return {"anyOf": [array, self.item.json_schema()]} if self.allow_single else array

    def explain(self):
        return f"een lijst (hoogstens {self.max_items}) van: {self.item.explain()}"


# ---------------------------------------------------------------------------
# Rules across the keys of one record, as data
# ---------------------------------------------------------------------------
# A record's ``rules`` are declarations, not functions: :meth:`Record.check` interprets them here,
# and the web editor gets the same declarations (``as_data``, in ``/admin/config.yml``) for its small
# interpreter (overrides/assets/cms-rules.js), so both refuse the same entries with the same words.
# A rule sees only keys whose values are right (a wrong value is reported on its own). In ``message``,
# ``{key}`` stands for that key's value as make check writes it (a time as 09:30, a date as 2026-12-07).

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def shown(value: Any) -> str:
    """A checked value as messages write it."""
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    return str(value)


def fill(message: str, values: dict) -> str:
    """``message`` with each ``{key}`` replaced by the shown value of that key."""
    return _PLACEHOLDER.sub(lambda m: shown(values[m.group(1)]), message)


@dataclass(frozen=True)
class Compare:
    """A problem at ``key`` when ``key`` and ``other`` are both right and ``key <op> other`` holds."""

    key: str
    op: str  # '<' or '<=': what is wrong
    other: str
    message: str

    def __post_init__(self):
        assert self.op in ("<", "<="), self.op

    def check(self, values: dict, lines: dict, ctx: Context) -> None:
        if self.key in values and self.other in values:
            a, b = values[self.key], values[self.other]
            if a < b or (self.op == "<=" and a == b):
                ctx.report(lines[self.key], fill(self.message, values))

    def as_data(self) -> dict:
        return {"regel": "vergelijk", "sleutel": self.key, "teken": self.op, "andere": self.other, "melding": self.message}


@dataclass(frozen=True)
class Excludes:
    """A problem at ``key`` when ``key`` and ``other`` are both there and right."""

    key: str
    other: str
    message: str

    def check(self, values: dict, lines: dict, ctx: Context) -> None:
        if self.key in values and self.other in values:
            ctx.report(lines[self.key], fill(self.message, values))

    def as_data(self) -> dict:
        return {"regel": "niet-samen", "sleutel": self.key, "andere": self.other, "melding": self.message}


@dataclass(frozen=True)
class Equals:
    """A problem at ``key`` when it is right and the value of ``other`` (``key`` itself when empty;
    ``default`` when absent) is ``value``. When ``other`` is there but wrong, the rule waits."""

    key: str
    value: Any
    message: str
    other: str = ""
    default: Any = None

    def check(self, values: dict, lines: dict, ctx: Context) -> None:
        other = self.other or self.key
        if self.key not in values or (other in lines and other not in values):
            return
        if values.get(other, self.default) == self.value:
            ctx.report(lines[self.key], fill(self.message, values))

    def as_data(self) -> dict:
        return {"regel": "gelijk", "sleutel": self.key, "waarde": self.value, "andere": self.other or self.key,
                "standaard": self.default, "melding": self.message}


Rule = Compare | Excludes | Equals


@dataclass(frozen=True)
class Field:
    """One key of a record, with its Dutch help text."""

    key: str
    type: FieldType
    required: bool = False
    help: str = ""
    example: str = ""
    label: str = ""  # Dutch label for the CMS; defaults to the key
    when_missing: str = ""  # Dutch hint added when a required key is missing


@dataclass(frozen=True)
class Record(FieldType):
    """A map with known keys. Unknown keys are errors with a did-you-mean hint."""

    fields: tuple[Field, ...]
    noun: str = "dit blok"
    at_least_one_of: tuple[str, ...] = ()
    exactly_one_of: tuple[str, ...] = ()
    # checks across keys, as declarations (see Compare, Excludes, Equals): checked here and in the web editor
    rules: tuple[Rule, ...] = ()
    optional_reason: Callable[[str, dict, Mapping], str | None] | None = None  # why a required key may be absent

    @functools.cached_property
    def _by_key(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}

    def field(self, key: str) -> Field:
        return self._by_key[key]

    def check(self, node, ctx, label):
        if not isinstance(node, Mapping):
            ctx.report(node.line, f"{label}: verwacht {self.noun} met sleutels op aparte regels, maar dit is {_kind_of(node)}.")
            return INVALID
        keys = self._by_key
        values: dict[str, Any] = {}
        lines: dict[str, int] = {"": node.line}
        ok = True
        misspelt: set[str] = set()  # keys an unknown key probably meant
        for key, (key_line, value_node) in node.entries.items():
            if key not in keys:
                hint = did_you_mean(key, keys)
                where = "" if label == "" else f" in {label}"
                ctx.report(key_line, f"onbekende sleutel '{key}'{where}.{hint or ' Toegestaan: ' + ', '.join(keys) + '.'}")
                misspelt.update(k for k in keys if hint == f" Bedoel je '{k}'?")
                ok = False
                continue
            spec = self.field(key)
            lines[key] = key_line
            if isinstance(value_node, Scalar) and value_node.value is None and not spec.required:
                continue  # an optional key left empty counts as absent
            value = spec.type.check(value_node, ctx, f"{label + '.' if label else ''}{key}")
            if value is INVALID:
                ok = False
            else:
                values[key] = value
        for spec in self.fields:
            if spec.required and spec.key not in values and spec.key not in node.entries:
                if self.optional_reason and self.optional_reason(spec.key, values, node):
                    continue
                ok = False
                if spec.key in misspelt:
                    continue  # already reported as a typo, with the right key as hint
                where = f" in {label}" if label else ""
                example = f", bijvoorbeeld: {spec.key}: {spec.example}" if spec.example else ""
                why = f" {spec.when_missing}" if spec.when_missing else ""
                ctx.report(node.line, f"'{spec.key}' ontbreekt{where}; dit is verplicht{example}.{why}")
            elif spec.required and spec.key in node.entries and spec.key not in values and ok:
                entry = node.entries[spec.key][1]
                if isinstance(entry, Scalar) and entry.value is None:
                    ctx.report(node.entries[spec.key][0], f"'{spec.key}' is leeg; dit is verplicht.")
                    ok = False
        if self.at_least_one_of and not any(k in node.entries for k in self.at_least_one_of):
            ctx.report(node.line, f"{label or self.noun}: vul minstens één van " + ", ".join(f"'{k}'" for k in self.at_least_one_of) + " in.")
            ok = False
        if self.exactly_one_of:
            # an empty key ('dag:' with nothing after it) counts as absent, as everywhere else
            present = [k for k in self.exactly_one_of if k in node.entries
                       and not (isinstance(node.entries[k][1], Scalar) and node.entries[k][1].value is None)]
            options = ", ".join(f"'{k}'" for k in self.exactly_one_of)
            if not present:
                ctx.report(node.line, f"{label or self.noun}: geef een van {options}.")
                ok = False
            elif len(present) > 1:
                ctx.report(node.entries[present[1]][0], f"{label or self.noun}: gebruik maar één van {options}, niet '{present[0]}' en '{present[1]}' samen.")
                ok = False
        # The rules see the keys whose values are right, also when another key is wrong: every
        # problem of a block at once. (``lines`` names every key that is there, right or wrong.)
        before = len(ctx.problems)
        for rule in self.rules:
            rule.check(values, lines, ctx)
        ok = ok and len(ctx.problems) == before
        return values if ok else INVALID

    def json_schema(self):
        schema: dict = {
            "type": "object",
            "additionalProperties": False,
            "properties": {},
        }
        for spec in self.fields:
            prop = dict(spec.type.json_schema())
            if spec.help:
                prop["description"] = spec.help
            schema["properties"][spec.key] = prop
        required = [f.key for f in self.fields if f.required]
        if required:
            schema["required"] = required
        if self.at_least_one_of:
            schema["anyOf"] = [{"required": [k]} for k in self.at_least_one_of]
        if self.exactly_one_of:
            schema["oneOf"] = [{"required": [k]} for k in self.exactly_one_of]
        return schema

    def explain(self):
        return "een blok met: " + ", ".join(f"`{f.key}`" for f in self.fields)


@dataclass(frozen=True)
class Either(FieldType):
    """A fixed word (like 'gratis') or a record (like {bedrag: 3, per: les})."""

    word: Choice
    record: Record

    def check(self, node, ctx, label):
        if isinstance(node, Mapping):
            return self.record.check(node, ctx, label)
        if isinstance(node, Scalar) and node.value is not None:
            raw = str(node.raw).strip()
            if raw in self.word.options:
                return raw
            hint = did_you_mean(raw, self.word.options)
            ctx.report(node.line, f"{label}: '{raw}' kan niet; schrijf " + " of ".join(f"'{o}'" for o in self.word.options) + f", of een blok met {', '.join(f.key for f in self.record.fields)}.{hint}")
            return INVALID
        ctx.report(node.line, f"{label}: schrijf " + " of ".join(f"'{o}'" for o in self.word.options) + f", of een blok met {', '.join(f.key for f in self.record.fields)}.")
        return INVALID

    def json_schema(self):
        return {"oneOf": [self.word.json_schema(), self.record.json_schema()]}

    def explain(self):
        return f"{self.word.explain()}, of {self.record.explain()}"


@dataclass(frozen=True)
class MapOf(FieldType):
    """A map from editor-chosen keys (like wijk keys) to values of one type."""

    value: FieldType
    noun: str = "sleutel"
    min_items: int = 0
    max_items: int = 1000

    def check(self, node, ctx, label):
        if not isinstance(node, Mapping):
            ctx.report(node.line, f"{label}: verwacht een blok met een {self.noun} per regel, maar dit is {_kind_of(node)}.")
            return INVALID
        if len(node.entries) < self.min_items:
            ctx.report(node.line, f"{label}: zet er minstens {self.min_items} in.")
            return INVALID
        if len(node.entries) > self.max_items:
            ctx.report(node.line, f"{label or 'dit bestand'}: {len(node.entries)} keer een {self.noun}; maximaal {self.max_items}.")
            return INVALID
        values = {}
        ok = True
        for key, (key_line, value_node) in node.entries.items():
            if not KEY_PATTERN.match(key) or len(key) > KEY_MAX_LENGTH:
                ctx.report(key_line, f"'{key}' is geen geldige {self.noun}: gebruik kleine letters, cijfers en '-', zoals 'centrum-noord'.")
                ok = False
                continue
            value = self.value.check(value_node, ctx, key)
            if value is INVALID:
                ok = False
            else:
                values[key] = (key_line, value)
        return values if ok else INVALID

    def json_schema(self):
        return {"type": "object", "propertyNames": {"pattern": KEY_PATTERN.pattern, "maxLength": KEY_MAX_LENGTH},
                "minProperties": self.min_items, "maxProperties": self.max_items,
                "additionalProperties": self.value.json_schema()}

    def explain(self):
        return f"een blok met per {self.noun}: {self.value.explain()}"


@dataclass(frozen=True)
class TextOr(FieldType):
    """Plain text, or a record for more detail (``melding: {tekst: ..., tot: ...}``)."""

    text: Text
    record: Record

    def check(self, node, ctx, label):
        if isinstance(node, Mapping):
            return self.record.check(node, ctx, label)
        return self.text.check(node, ctx, label)

    def json_schema(self):
        return {"oneOf": [self.text.json_schema(), self.record.json_schema()]}

    def explain(self):
        return f"{self.text.explain()}, of {self.record.explain()}"
