"""``make import CSV=<path>``: activity files from a spreadsheet.

Communications staff keep lists in Excel. Saved as CSV (``;``-separated, as
Dutch Excel does; UTF-8, with or without BOM), each row becomes one activity
file. The columns come from :data:`model.ACTIVITY` (:func:`columns`), so a new
key gets its column by itself:

* a plain key is one column (``titel``, ``soort`` with ``sport, spel``);
* a block gets a column per key (``leeftijd.van``, ``locatie.wijk``);
* a key that is a word or a block has both (``kosten`` = ``gratis``, or
  ``kosten.bedrag`` + ``kosten.per``); a text or a block too (``melding``,
  ``melding.tot``);
* a list of blocks gets numbered groups (``tijden.1.dag`` … ``tijden.3.tot``);
* ``uitleg`` is the text below the data.

Every row is written as the activity file it would become and checked by the
same loader as hand-written files, together with all existing content (so a
clash of names or an 'alternatief' that does not exist is found too).
Problems read ``<file.csv>:<row>: message`` (row 1 is the header). When any
row has a problem, nothing is written.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import yamlwrite
from ..content.fieldtypes import (
    Boolean, ContentFile, Date, Either, Field, FieldType, Geo, Key, ListOf, Number, Record, TextOr, Time,
    DATE_HINT, day_month_year, did_you_mean,
)
from ..content.loading import ACTIVITIES_DIR, SLUG, load_catalog
from ..content.fieldwalk import example_value, site_examples
from ..content.model import ACTIVITY
from .newactivity import slugify
from ..content.problems import Problem
from ..content.counting import count, plural
from ..publish.csvcells import csv_bytes, restore

BODY_COLUMN = "uitleg"
LIST_GROUPS = 3  # numbered groups for a list of blocks: tijden.1 … tijden.3
TEMPLATE_PATH = "redactie/import-voorbeeld.csv"
EXAMPLE_PREFIX = "Voorbeeld: "


@dataclass(frozen=True)
class Column:
    name: str  # the header: 'titel', 'leeftijd.van', 'tijden.2.dag'
    key: str  # top-level key
    spec: Field  # the field this column fills
    group: int | None = None  # 1-based item of a list of blocks
    inner: str | None = None  # key inside the block
    word: bool = False  # the word/text part of an Either / TextOr

    @property
    def required(self) -> str:
        """'ja', 'nee' or when: for the column table in the editor guide."""
        top = ACTIVITY._by_key.get(self.key)
        if top is None or not top.required:
            return "nee"
        kind = top.type
        if isinstance(kind, Either):
            if self.word:
                return f"ja, of vul de kolommen `{self.key}.…` in"
            return f"ja, als `{self.key}` leeg is" if self.spec.required else "nee"
        if self.key == "locatie" and self.spec.required:
            return "ja, tenzij elke tijd een eigen locatie heeft"
        if self.group is not None:
            one_of = kind.item.exactly_one_of
            if self.inner in one_of:
                return "één van " + ", ".join(f"`{self.key}.{self.group}.{k}`" for k in one_of) if self.group == 1 else "nee"
            return "ja" if self.group == 1 and self.spec.required else "nee"
        return "ja" if self.inner is None or self.spec.required else "nee"

    @property
    def help(self) -> str:
        if self.word and isinstance(self.spec.type, Either):
            words = " of ".join(f"`{w}`" for w in self.spec.type.word.options)
            return f"{words}; laat leeg als je de kolommen `{self.key}.…` invult."
        return self.spec.help


def _simple(kind: FieldType) -> bool:
    """One cell can hold it (not a block, not a list of blocks)."""
    return not isinstance(kind, (Record, Either, TextOr)) and not (isinstance(kind, ListOf) and isinstance(kind.item, Record))


def columns() -> list[Column]:
    """Every column of the spreadsheet, in the model's order, then 'uitleg'."""
    out: list[Column] = []
    for spec in ACTIVITY.fields:
        kind = spec.type
        if _simple(kind):
            out.append(Column(spec.key, spec.key, spec))
        elif isinstance(kind, Either):
            out.append(Column(spec.key, spec.key, spec, word=True))
            out += [Column(f"{spec.key}.{f.key}", spec.key, f, inner=f.key) for f in kind.record.fields if _simple(f.type)]
        elif isinstance(kind, TextOr):
            text, *rest = kind.record.fields
            out.append(Column(spec.key, spec.key, text, word=True))
            out += [Column(f"{spec.key}.{f.key}", spec.key, f, inner=f.key) for f in rest if _simple(f.type)]
        elif isinstance(kind, Record):
            out += [Column(f"{spec.key}.{f.key}", spec.key, f, inner=f.key) for f in kind.fields if _simple(f.type)]
        else:  # a list of blocks
            item = kind.item
            for group in range(1, LIST_GROUPS + 1):
                out += [Column(f"{spec.key}.{group}.{f.key}", spec.key, f, group=group, inner=f.key)
                        for f in item.fields if _simple(f.type)]
    body = Field(BODY_COLUMN, ACTIVITY.fields[0].type, False,
                 "De tekst onder de gegevens: in gewone zinnen wat je doet en voor wie. Een nieuwe alinea: een lege regel in de cel.",
                 "", "Uitleg")
    return out + [Column(BODY_COLUMN, BODY_COLUMN, body)]


# ---------------------------------------------------------------------------
# Cells to YAML
# ---------------------------------------------------------------------------

# A cell takes both forms (Excel shows Dutch dates as day-month-year); its hint says so.
CELL_DATE_HINT = "schrijf dag-maand-jaar of jaar-maand-dag, bijvoorbeeld 16-5-2026 of 2026-05-16"
_TRUE = {"ja", "j", "true", "waar", "yes", "1", "x"}
_FALSE = {"nee", "n", "false", "onwaar", "no", "0"}


def _date(text: str) -> str:
    """2-11-2026 or 02/11/2026 (as Dutch Excel shows dates) -> 2026-11-02; anything else unchanged."""
    day = day_month_year(text)
    return day.isoformat() if day else text


def _split(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;,]", text) if part.strip()]


def cell_yaml(kind: FieldType, text: str) -> str:
    """One cell as the YAML value it stands for (the validator judges it afterwards)."""
    if isinstance(kind, Geo):
        numbers = re.findall(r"-?\d+(?:[.,]\d+)?", text)
        return f"[{numbers[0].replace(',', '.')}, {numbers[1].replace(',', '.')}]" if len(numbers) == 2 else yamlwrite.scalar(text)
    if isinstance(kind, ListOf):
        items = _split(text)
        if isinstance(kind.item, Date):
            items = [_date(item) for item in items]
        return yamlwrite.flow_list(items)
    if isinstance(kind, Date):
        return yamlwrite.scalar(_date(text))
    if isinstance(kind, Boolean):
        lowered = text.lower()
        return "true" if lowered in _TRUE else "false" if lowered in _FALSE else yamlwrite.scalar(text)
    if isinstance(kind, Number):
        number = text.replace(",", ".")
        return number if re.fullmatch(r"-?\d+(?:\.\d+)?", number) else yamlwrite.scalar(text)
    if isinstance(kind, Time):
        return yamlwrite.scalar(text.replace(".", ":"))
    return yamlwrite.scalar(text)


@dataclass
class Draft:
    """One row as an activity file, with the spreadsheet column of each written line."""

    row: int
    slug: str
    text: str
    columns_by_line: dict[int, str]


def row_to_file(values: dict[str, str], cols: list[Column]) -> tuple[str, dict[int, str]]:
    """The text of the activity file for one row; file line -> column name."""
    lines: list[str] = ["---"]
    where: dict[int, str] = {}

    def add(text: str, column: str | None = None) -> None:
        lines.append(text)
        if column:
            where[len(lines)] = column

    by_key: dict[str, list[Column]] = {}
    for col in cols:
        by_key.setdefault(col.key, []).append(col)
    for spec in ACTIVITY.fields:
        mine = [c for c in by_key.get(spec.key, []) if values.get(c.name, "")]
        if not mine:
            continue
        kind = spec.type
        words = [c for c in mine if c.word]
        inner = [c for c in mine if not c.word and c.inner]
        if _simple(kind):
            add(f"{spec.key}: {cell_yaml(kind, values[mine[0].name])}", mine[0].name)
        elif isinstance(kind, (Either, TextOr)) and not inner:
            word_kind = kind.record.fields[0].type if isinstance(kind, TextOr) else kind.word
            add(f"{spec.key}: {cell_yaml(word_kind, values[words[0].name])}", words[0].name)
        elif isinstance(kind, (Either, Record, TextOr)):
            add(f"{spec.key}:", inner[0].name)
            if isinstance(kind, TextOr) and words:
                first = kind.record.fields[0]
                add(f"  {first.key}: {cell_yaml(first.type, values[words[0].name])}", words[0].name)
            for col in inner:
                add(f"  {col.inner}: {cell_yaml(col.spec.type, values[col.name])}", col.name)
        else:  # a list of blocks, by group
            add(f"{spec.key}:", mine[0].name)
            for group in sorted({c.group for c in mine}):
                for i, col in enumerate(c for c in mine if c.group == group):
                    prefix = "  - " if i == 0 else "    "
                    add(f"{prefix}{col.inner}: {cell_yaml(col.spec.type, values[col.name])}", col.name)
    lines.append("---")
    body = values.get(BODY_COLUMN, "").replace("\r\n", "\n").strip()
    return "\n".join(lines) + "\n" + (body + "\n" if body else ""), where


# ---------------------------------------------------------------------------
# Reading the file
# ---------------------------------------------------------------------------


def read_rows(path: Path, shown: str) -> tuple[list[str], list[tuple[int, list[str]]], list[Problem]]:
    """Header, (row number, cells) of every non-empty row, and problems with the file itself."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")  # older Excel: 'CSV (gescheiden door lijstscheidingsteken)'
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    if not rows or not any(cell.strip() for cell in rows[0]):
        return [], [], [Problem(shown, 1, "het bestand is leeg; de eerste rij moet de kolomnamen hebben, zoals in /redactie/import-voorbeeld.csv.")]
    header = [cell.strip() for cell in rows[0]]
    body = [(number, cells) for number, cells in enumerate(rows[1:], start=2) if any(cell.strip() for cell in cells)]
    return header, body, []


def header_problems(header: list[str], cols: list[Column], shown: str) -> list[Problem]:
    known = {c.name for c in cols}
    problems = []
    seen: set[str] = set()
    for name in header:
        if not name:
            continue
        if name not in known:
            hint = did_you_mean(name, sorted(known))
            problems.append(Problem(shown, 1, f"onbekende kolom '{name}'.{hint or ' De kolommen staan op /redactie/ van de site.'}"))
        elif name in seen:
            problems.append(Problem(shown, 1, f"de kolom '{name}' staat er twee keer; laat er één staan."))
        seen.add(name)
    if "titel" not in header:
        problems.append(Problem(shown, 1, "de kolom 'titel' ontbreekt; van de titel maak ik de bestandsnaam."))
    return problems


def drafts(header: list[str], rows: list[tuple[int, list[str]]], cols: list[Column], shown: str,
           content_dir: Path) -> tuple[list[Draft], list[Problem]]:
    folder = content_dir / ACTIVITIES_DIR
    existing = {p.stem for p in folder.glob("*.md")}
    problems: list[Problem] = []
    found: list[Draft] = []
    taken: dict[str, int] = {}
    for number, cells in rows:
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            problems.append(Problem(shown, number, f"deze rij heeft {count(len(cells), 'cel', 'cellen')}, maar er {plural(len(header), 'is', 'zijn')} {count(len(header), 'kolom', 'kolommen')}; "
                                                   "staat er een ';' in een cel zonder aanhalingstekens?"))
            continue
        # a cell written as '=… (by our own template, or by an editor stopping Excel's formula) is the text after the quote
        values = {name: restore(cells[i].strip()) for i, name in enumerate(header) if name and i < len(cells)}
        title = values.get("titel", "")
        slug = slugify(title)
        if not title or not SLUG.match(slug):
            problems.append(Problem(shown, number, "de titel is leeg; van de titel maak ik de bestandsnaam."))
            continue
        if slug in existing:
            problems.append(Problem(shown, number, f"{(folder / f'{slug}.md').as_posix()} bestaat al; pas dat bestand zelf aan, "
                                                   "of geef deze rij een andere titel."))
            continue
        if slug in taken:
            problems.append(Problem(shown, number, f"rij {taken[slug]} krijgt dezelfde bestandsnaam ({slug}.md); geef een van beide een andere titel."))
            continue
        taken[slug] = number
        text, where = row_to_file(values, cols)
        found.append(Draft(number, slug, text, where))
    return found, problems


def check_drafts(content_dir: Path, found: list[Draft], shown: str) -> list[Problem]:
    """Validate the drafts as files among all existing content, with the real loader."""
    problems: list[Problem] = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "content"
        shutil.copytree(content_dir, copy)
        _, before = load_catalog(copy, Path(tmp))
        folder = copy / ACTIVITIES_DIR
        folder.mkdir(parents=True, exist_ok=True)
        for draft in found:
            (folder / f"{draft.slug}.md").write_text(draft.text, encoding="utf-8")
        _, after = load_catalog(copy, Path(tmp))
    rows = {f"content/{ACTIVITIES_DIR}/{d.slug}.md": d for d in found}
    old = set(before)
    for problem in after:
        draft = rows.get(problem.path)
        if draft is not None:
            column = draft.columns_by_line.get(problem.line)
            message = problem.message.replace(DATE_HINT, CELL_DATE_HINT)  # a cell takes more forms than a file
            problems.append(Problem(shown, draft.row, message + (f" (kolom {column})" if column else "")))
        elif problem not in old:  # an existing file clashes with a new row (aliases, names)
            problems.append(Problem(shown, 1, f"door de import: {problem}"))
    return problems


def import_csv(csv_path: Path, content_dir: Path, shown: str | None = None) -> tuple[list[Path], list[Problem]]:
    """Write one file per row, or nothing and every problem."""
    shown = shown or csv_path.as_posix()
    cols = columns()
    header, rows, problems = read_rows(csv_path, shown)
    if problems:
        return [], problems
    problems = header_problems(header, cols, shown)
    if problems:
        return [], problems
    if not rows:
        return [], [Problem(shown, 2, "er staan geen activiteiten in; vul vanaf rij 2 één activiteit per rij in.")]
    found, problems = drafts(header, rows, cols, shown, content_dir)
    problems += check_drafts(content_dir, found, shown)
    if problems:
        return [], sorted(problems, key=lambda p: (p.line, p.message))
    written = []
    for draft in found:
        path = content_dir / ACTIVITIES_DIR / f"{draft.slug}.md"
        path.write_text(draft.text, encoding="utf-8")
        written.append(path)
    return written, []


# ---------------------------------------------------------------------------
# The template: header and one example row (/redactie/import-voorbeeld.csv)
# ---------------------------------------------------------------------------


def _strip_example(text: str) -> str:
    text = text.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    return text.strip().strip('"')


def example_row(site=None) -> dict[str, str]:
    """A valid example row: every required column (and the first of an 'exactly one of' group), from the model's examples."""
    keys = site_examples(site)
    row: dict[str, str] = {BODY_COLUMN: "Samen bewegen en spelen. Neem makkelijke kleren mee."}
    for col in columns():
        top = ACTIVITY.field(col.key) if col.key != BODY_COLUMN else None
        if top is None or not top.required or col.group not in (None, 1):
            continue
        kind = top.type
        if isinstance(kind, Either):
            if col.word:
                row[col.name] = kind.word.options[0]
            continue
        if col.inner is None or col.spec.required or (
                isinstance(kind, ListOf) and col.inner == (kind.item.exactly_one_of or (None,))[0]):
            row[col.name] = _strip_example(example_value(col.spec, keys))
    # The model's example title is an activity of the sample site: marked as an example, the row imports
    # as it is downloaded, and the editor sees at once which file came from it.
    row["titel"] = f"{EXAMPLE_PREFIX}{row['titel']}"
    return row


def template_csv(site=None) -> bytes:
    """Header + example row, ';'-separated, UTF-8 with BOM and CRLF (Excel opens it as is), no cell a formula."""
    cols = columns()
    row = example_row(site)
    return csv_bytes([[c.name for c in cols], [row.get(c.name, "") for c in cols]])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    content_dir = Path(args[0] if args else "content")
    name = args[1].strip() if len(args) > 1 else ""
    if not name:
        print("Geef het CSV-bestand: make import CSV=activiteiten.csv (een voorbeeld staat op /redactie/import-voorbeeld.csv).",
              file=sys.stderr)
        return 2
    path = Path(name)
    if not path.is_file():
        print(f"{name}:1: dit bestand bestaat niet.", file=sys.stderr)
        return 2
    written, problems = import_csv(path, content_dir, name)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        rows = len({p.line for p in problems})
        print(f"{count(len(problems), 'probleem', 'problemen')} in {count(rows, 'rij', 'rijen')}. Er is niets geschreven; "
              f"pas {plural(rows, 'de rij', 'de rijen')} aan en probeer het opnieuw.",
              file=sys.stderr)
        return 1
    for path in written:
        print(f"Nieuw bestand: {path}")
    print(f"{count(len(written), 'activiteit', 'activiteiten')} gemaakt. {plural(len(written), 'Het is', 'Ze zijn')} gecontroleerd; "
          "lees ze nog na en zet ze in een pull request.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
