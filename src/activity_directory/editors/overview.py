"""``/overzicht/``: where the offer is thin, for the 0–6 working group.

Per stadsdeel and wijk, and per age group: how many current activities there
are (the same ones the list pages show: ``listings.is_current`` and
``listings.in_area``, so an activity that comes everywhere counts in every
wijk), how many of them are free and how many walk-in, and how many entries in
the area are stale (``stale.is_stale``). A 0 is a gap. The same table is
offered as CSV (``/overzicht/overzicht.csv``, Excel-friendly like
``/activiteiten.csv``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..dates import wording
from ..pages.listings import AGE_GROUPS, in_area, is_current
from ..content.counting import count
from ..content.loading import Catalog
from ..content.sitedata import Area
from ..publish.csvcells import csv_bytes as csv_file
from .stale import DEFAULT_MONTHS, is_stale, months_before

PAGE_PATH = "overzicht.md"
CSV_NAME = "overzicht.csv"
CSV_PATH = f"overzicht/{CSV_NAME}"


@dataclass(frozen=True)
class Cell:
    count: int
    free: int
    walk_in: int

    @property
    def gap(self) -> bool:
        return self.count == 0


@dataclass(frozen=True)
class Row:
    area: Area
    district: Area | None  # the stadsdeel of a wijk
    cells: tuple[Cell, ...]  # in the order of AGE_GROUPS
    current: int  # current activities in the area, any age
    stale: int  # entries in the area not checked in DEFAULT_MONTHS months


def _row(catalog: Catalog, area: Area, district: Area | None, cutoff) -> Row:
    everything = area.level == "gemeente"
    here = [a for a in catalog.activities if everything or in_area(catalog, a, area.key)]
    current = [a for a in here if is_current(catalog, a)]
    cells = []
    for group in AGE_GROUPS:
        chosen = [a for a in current if group.matches(a)]
        cells.append(Cell(len(chosen), sum(a.cost.free for a in chosen), sum(a.signup.walk_in for a in chosen)))
    return Row(area, district, tuple(cells), len(current), sum(is_stale(a, cutoff) for a in here))


def rows(catalog: Catalog) -> list[Row]:
    """The municipality, then each stadsdeel followed by its wijken (computed once per build)."""
    def compute():
        areas = catalog.site.areas
        cutoff = months_before(catalog.today, DEFAULT_MONTHS)
        found = [_row(catalog, areas.root, None, cutoff)]
        for district in areas.districts:
            found.append(_row(catalog, district, None, cutoff))
            found += [_row(catalog, wijk, district, cutoff) for wijk in areas.children(district.key)]
        return found

    return catalog.cached(("overview",), compute)


# ---------------------------------------------------------------------------
# CSV
# ---------------------------------------------------------------------------


def csv_header() -> list[str]:
    out = ["gebied", "sleutel", "soort_gebied", "stadsdeel"]
    for group in AGE_GROUPS:
        out += [group.key, f"{group.key}_gratis", f"{group.key}_inloop"]
    return out + ["actueel_totaal", "verouderd"]


def csv_bytes(catalog: Catalog) -> bytes:
    """The table as CSV: ';'-separated, UTF-8 with BOM, CRLF (opens in Excel as is), no cell a formula."""
    table = [csv_header()]
    for row in rows(catalog):
        cells = [str(n) for cell in row.cells for n in (cell.count, cell.free, cell.walk_in)]
        table.append([row.area.name, row.area.key, row.area.level, row.district.key if row.district else "",
                      *cells, str(row.current), str(row.stale)])
    return csv_file(table)


# ---------------------------------------------------------------------------
# The page (Markdown with HTML tables, like the editor guide)
# ---------------------------------------------------------------------------


_MARKDOWN = re.compile(r"([\\`*_\[\]{}#|!])")


def _text(value: str) -> str:
    """Editor data as plain text inside Markdown: HTML-escaped, Markdown characters backslashed."""
    return _MARKDOWN.sub(r"\\\1", html.escape(value, quote=False))


def _cell_html(cell: Cell) -> str:
    if cell.gap:
        return '<td class="overzicht__gat"><strong>0</strong><br><small>geen aanbod</small></td>'
    return (f"<td>{cell.count}<br><small>{cell.free} gratis, {cell.walk_in} inloop</small></td>")


def _table(caption: str, table_rows: list[Row], first_column: str) -> list[str]:
    label = html.escape(caption)
    head = "".join(f'<th scope="col">{html.escape(g.name)}</th>' for g in AGE_GROUPS)
    body = []
    for row in table_rows:
        name = html.escape(row.area.name if row.district else f"Heel {row.area.name}")
        stale = f"{row.stale}" if row.stale else "0"
        body.append(f'<tr><th scope="row">{name}</th>{"".join(_cell_html(c) for c in row.cells)}'
                    f"<td>{row.current}</td><td>{stale}</td></tr>")
    return [
        f'<div class="key-table" role="region" aria-label="{label}" tabindex="0">',
        f'<table class="key-table__table overzicht"><caption>{label}</caption>',
        f'<thead><tr><th scope="col">{html.escape(first_column)}</th>{head}'
        '<th scope="col">Alle leeftijden</th><th scope="col">Verouderd</th></tr></thead>',
        "<tbody>", *body, "</tbody></table>", "</div>",
    ]


def page(catalog: Catalog) -> str:
    """The Markdown of /overzicht/."""
    found = rows(catalog)
    site = catalog.site
    municipality, rest = found[0], found[1:]
    gaps = sum(c.gap for row in found if row.district is not None for c in row.cells[:3])
    out = [
        "---",
        "search:",
        "  exclude: true",
        "hide:",
        "  - toc",  # the tables need the width (they fit 1280 px); the headings are the stadsdelen
        "---",
        "# Overzicht van het aanbod",
        "",
        f"Voor de werkgroep 0–6 jaar en de redactie: hoeveel activiteiten er nu zijn in {_text(site.name)}, "
        "per stadsdeel, per wijk en per leeftijd. Zo zie je waar het aanbod dun is.",
        "",
        f"- Peildatum: {wording.date(catalog.today, weekday=False)}. De tabel wordt elke nacht opnieuw gemaakt.",
        "- Je ziet alleen activiteiten die nu lopen: niet gestopt, niet gepauzeerd en niet voorbij.",
        "- In elke cel: het aantal activiteiten, en hoeveel daarvan gratis zijn en hoeveel inloop "
        "(zonder aanmelden).",
        "- **0** met *geen aanbod*: voor die leeftijd is er in die wijk niets.",
        f"- Activiteiten die overal in {_text(site.name)} komen, tellen in elke wijk mee.",
        f"- *Verouderd*: activiteiten in het gebied die langer dan {count(DEFAULT_MONTHS, 'maand', 'maanden')} niet zijn gecontroleerd. "
        "Met `make verouderd` zie je welke dat zijn en wie je kunt bellen.",
        f"- Wijken zonder aanbod voor baby's, peuters of kleuters: **{gaps}** keer een 0.",
        "",
        f"[Download deze tabel als CSV-bestand (voor Excel)]({CSV_PATH})",
        "",
        *_table(f"Heel {site.name}", [municipality], "Gebied"),
        "",
    ]
    for row in rest:
        if row.district is None:
            wijken = [r for r in rest if r.district is not None and r.district.key == row.area.key]
            out += [f"## {_text(row.area.name)}", "", *_table(f"Aanbod in {row.area.name}", [row, *wijken], "Wijk"), ""]
    out += ["Terug naar [de uitleg voor redacteuren](redactie.md).", ""]
    return "\n".join(out)
