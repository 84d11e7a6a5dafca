"""``make nieuw TITEL="…"``: a new activity file from a commented template.

The template is made from :data:`model.ACTIVITY`, so a new key appears in it
by itself: every key in the model's order, with its help text as a comment.
Required keys are there with an empty value (``make check`` points at each one
until it is filled in); optional keys are commented out with an example.
``titel`` is the given title and ``gecontroleerd`` today. An existing file is
never overwritten.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path

from . import yamlwrite
from ..content.fieldtypes import Either, Field, ListOf, Record
from ..content.loading import ACTIVITIES_DIR, SLUG, load_catalog
from ..content.model import ACTIVITY
from ..dates.occurrences import reference_date

BODY = ("Schrijf hier in gewone zinnen wat je doet en voor wie. Korte zinnen, en spreek ouders aan met 'je'.\n"
        "\n"
        "- Wat is fijn om te weten? Een lift, een toilet, een plek voor de kinderwagen?\n")


def slugify(title: str) -> str:
    """The file name (without .md) for a title: 'Peutergym Noord' -> 'peutergym-noord'."""
    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")


def _comment(spec: Field, indent: str) -> str:
    need = "Verplicht." if spec.required else "Mag weg."
    if spec.key == "locatie" and not indent:
        need = "Verplicht, tenzij elke tijd een eigen locatie heeft."
    return f"{indent}# {spec.label or spec.key} ({need.rstrip('.').lower()}): {spec.help}"


def _example(spec: Field) -> str:
    kind = spec.type
    if isinstance(kind, Either):
        return kind.word.options[0]
    return spec.example


def _lines(record: Record, indent: str, values: dict[str, str], in_list: bool = False) -> list[str]:
    out: list[str] = []
    chosen_one = False
    for spec in record.fields:
        one_of = spec.key in record.exactly_one_of
        if one_of and chosen_one:
            continue
        required = spec.required or (one_of and not chosen_one)
        chosen_one = chosen_one or one_of
        if one_of:
            options = ", ".join(f"'{k}'" for k in record.exactly_one_of)
            out.append(f"{indent}# Eén van {options}: {spec.help}")
        else:
            out.append(_comment(spec, indent))
        kind = spec.type
        if spec.key in values:
            out.append(f"{indent}{spec.key}: {values[spec.key]}")
        elif not required:
            out.append(f"{indent}# {spec.key}: {_example(spec)}")
        elif isinstance(kind, Record):
            out.append(f"{indent}{spec.key}:")
            out += _lines(kind, indent + "  ", {})
        elif isinstance(kind, ListOf) and isinstance(kind.item, Record):
            out.append(f"{indent}{spec.key}:")
            item = _lines(kind.item, indent + "    ", {}, in_list=True)
            first = next(i for i, line in enumerate(item) if not line.lstrip().startswith("#"))
            out += [f"{indent}  {line.lstrip()}" for line in item[:first]]
            out.append(f"{indent}  - {item[first].lstrip()}")
            out += item[first + 1:]
        else:
            out.append(f"{indent}{spec.key}:")
    return out


def template(title: str, today: dt.date) -> str:
    """The text of a new activity file (needs filling in before it passes ``make check``)."""
    head = ["---",
            "# Nieuwe activiteit. Vul alles in achter de dubbele punten en draai dan 'make check'.",
            "# Regels die beginnen met # zijn uitleg; haal het # weg als je een sleutel wilt gebruiken.",
            "# Alle sleutels staan op /redactie/ van de site."]
    body = _lines(ACTIVITY, "", {"titel": yamlwrite.scalar(title), "gecontroleerd": today.isoformat()})
    return "\n".join(head + body + ["---", BODY])


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    content_dir = Path(args[0] if args else "content")
    title = " ".join(args[1:]).strip()
    if not title:
        print('Geef een titel: make nieuw TITEL="Peutergym Noord"', file=sys.stderr)
        return 2
    slug = slugify(title)
    if not SLUG.match(slug):
        print(f"Van de titel '{title}' kan geen bestandsnaam gemaakt worden; gebruik letters of cijfers.", file=sys.stderr)
        return 2
    path = content_dir / ACTIVITIES_DIR / f"{slug}.md"
    if path.exists():
        print(f"{path}:1: dit bestand bestaat al; ik overschrijf het niet. Pas het aan, of kies een andere titel.", file=sys.stderr)
        return 1
    catalog, _ = load_catalog(content_dir, Path.cwd())
    owner = next((a for a in (catalog.activities if catalog else []) if slug in a.aliases), None)
    if owner is not None:
        print(f"{owner.source}:{owner.key_lines.get('aliases', 1)}: '{slug}' is een oude naam van deze activiteit "
              "(onder 'aliases'); kies een andere titel.", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template(title, reference_date()), encoding="utf-8")
    print(f"Nieuw bestand: {path}")
    print("Vul de gegevens in en draai daarna 'make check'.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
