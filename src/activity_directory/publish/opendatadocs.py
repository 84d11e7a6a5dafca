"""The page ``/open-data/``: what the open-data files and feeds hold, in plain Dutch.

Generated, like the editor guide, so it cannot drift from the files: the list
of JSON keys comes from the JSON Schema (with its descriptions), the CSV
columns from :data:`opendata.CSV_COLUMN_HELP`, the windows and the SEQUENCE rule
from :mod:`feeds` and :mod:`opendata`. A site may replace the page with its own
``open-data.md``.
"""

from __future__ import annotations

import html

from . import csvcells, feeds, opendata

from ..dates import wording
from ..content.loading import Catalog

PAGE_PATH = "open-data.md"
TITLE = "Open data"


def _cell(text: str) -> str:
    """Plain text for a Markdown table cell: no HTML (a description may say '<slug>'), no cell breaks."""
    return html.escape(text, quote=False).replace("|", "\\|").replace("\n", " ")


def page_markdown(catalog: Catalog) -> str:
    site = catalog.site
    example = min((a.slug for a in catalog.activities), default="naam-van-de-activiteit")
    schema = opendata.schema("")
    keys = schema["$defs"]["activiteit"]["properties"]
    weeks = opendata.OCCURRENCE_WEEKS
    files = [
        (opendata.JSON_NAME, f"Alle activiteiten, met alle gegevens en de datums van de komende {weeks} weken."),
        (opendata.SCHEMA_NAME, f"De beschrijving (JSON Schema) van `{opendata.JSON_NAME}`."),
        (opendata.CSV_NAME, "Eén regel per activiteit. Handig in Excel."),
        (opendata.HOLIDAYS_NAME, "De schoolvakanties en feestdagen die we gebruiken, met de bron."),
    ]
    lines = [
        f"# {TITLE}",
        "",
        f"Alle activiteiten op deze site zijn ook open data. Je mag de gegevens vrij gebruiken.",
        "Bijvoorbeeld in een eigen app, op een scherm in het buurthuis of om te tellen wat er is per stadsdeel.",
        "",
        "## De bestanden",
        "",
        "| Bestand | Wat staat erin |",
        "| --- | --- |",
        *[f"| [{name}]({name}) | {text} |" for name, text in files],
        f"| `{feeds.FEED_NAME}` | Alle activiteiten als agenda. Zie [In je agenda](agenda/index.md). |",
        "",
        "De bestanden worden opnieuw gemaakt als de site wordt bijgewerkt.",
        "Dezelfde inhoud geeft altijd precies dezelfde bestanden.",
        "",
        f"## {opendata.JSON_NAME}",
        "",
        f"Bovenaan staan de gemeente ({site.name}), de `peildatum` (de dag waarop het bestand is gemaakt) "
        "en de tijdzone. Daarna volgt de lijst `activiteiten`. Ook gestopte en gepauzeerde activiteiten staan erin.",
        "Elke activiteit heeft deze gegevens:",
        "",
        "| Sleutel | Betekenis |",
        "| --- | --- |",
        *[f"| `{key}` | {_cell(spec.get('description', ''))} |" for key, spec in keys.items()],
        "",
        "De datums komen uit dezelfde berekening als de pagina's en de agenda's.",
        "Schoolvakanties, feestdagen en dagen waarop een activiteit vervalt, zijn er al uitgehaald.",
        "",
        f"## {opendata.CSV_NAME}",
        "",
        "Voor wie wil tellen, bijvoorbeeld per stadsdeel, per leeftijdsgroep of hoeveel activiteiten gratis zijn.",
        "",
        "- Eén regel per activiteit; de eerste regel heeft de namen van de kolommen.",
        "- Tekenset UTF-8 met BOM, zodat Excel de letters goed laat zien.",
        "- Tussen de velden staat een puntkomma (`;`). Bedragen en leeftijden hebben een komma: `2,50`.",
        "- Begint een veld met " + ", ".join(f"`{c}`" for c in csvcells.FORMULA_STARTS if c.isprintable())
        + ", een tab of een regeleinde? Dan staat er een `'` voor. Zo maakt een spreadsheet er nooit een formule van.",
        "  Je ziet die `'` dan vooraan in de cel, ook bij een telefoonnummer (`'+31 36 …`) of een getal onder nul (`'-1`).",
        "  Haal hem weg als je de waarde zelf nodig hebt.",
        "",
        "| Kolom | Betekenis |",
        "| --- | --- |",
        *[f"| `{column}` | {_cell(help_text)} |" for column, help_text in opendata.CSV_COLUMN_HELP.items()],
        "",
        "## Agenda's (iCalendar)",
        "",
        f"Elke pagina met activiteiten heeft een agenda op hetzelfde adres met `{feeds.FEED_NAME}` erachter.",
        f"Bijvoorbeeld `/{feeds.FEED_NAME}` (alles), `/stadsdelen/<sleutel>/{feeds.FEED_NAME}`, "
        f"`/wijken/<sleutel>/{feeds.FEED_NAME}`, `/leeftijd/<groep>/{feeds.FEED_NAME}`, "
        f"`/stadsdelen/<sleutel>/leeftijd/<groep>/{feeds.FEED_NAME}`, `/organisaties/<sleutel>/{feeds.FEED_NAME}`, "
        f"`/soorten/<sleutel>/{feeds.FEED_NAME}` en `/activiteiten/{example}/{feeds.FEED_NAME}`.",
        "",
        f"- Een agenda loopt van {feeds.PAST_WEEKS} weken terug tot 12 maanden vooruit.",
        "- Alle tijden zijn in de tijdzone Europe/Amsterdam.",
        "- Elke regel onder `tijden` is één afspraak die elke week terugkomt, of één losse afspraak.",
        "  Vakanties en vervallen dagen zijn uitzonderingen (EXDATE).",
        f"- Per activiteit staan er hoogstens {feeds.EVENTS_PER_ACTIVITY} afspraken in een agenda. Heeft een activiteit",
        f"  meer losse datums, dan staan de {feeds.EVENTS_PER_ACTIVITY} eerstvolgende erin. Alle datums staan op de pagina van de activiteit.",
        "- De code van een afspraak (UID) blijft altijd hetzelfde: `<slug>-<nummer van de regel>@<website>`.",
        "  Heeft een activiteit een nieuwe bestandsnaam gekregen, dan blijft de eerste naam in de UID staan",
        "  (de eerste van `oude_namen`), en blijft ook de agenda op het oude adres werken.",
        "",
        "## Voor redacteuren: zet altijd `gecontroleerd`",
        "",
        "Verander je de dag, de tijd of de plek van een activiteit? Zet dan `gecontroleerd` op de datum van vandaag.",
        "Agenda-apps zien aan die datum dat de afspraak veranderd is (het volgnummer SEQUENCE is het aantal dagen",
        f"sinds {wording.date(feeds.SEQUENCE_EPOCH, weekday=False)} tot `gecontroleerd`). "
        "Zet `gecontroleerd` nooit terug naar een eerdere datum.",
        "",
        "Verandert een activiteit midden in het seizoen van dag of plek? Laat de oude regel dan stoppen met",
        "`tot_en_met` en begin een nieuwe regel met `vanaf`. Wie de agenda heeft, ziet dan de oude reeks stoppen",
        "en de nieuwe beginnen.",
        "",
        "## Schoolvakanties",
        "",
        f"`{opendata.HOLIDAYS_NAME}` noemt de regio (hier: {site.region}), de `bron` en per vakantie de eerste "
        "en de laatste dag. Alleen de zomervakantie is verplicht. De andere datums zijn een advies; scholen mogen afwijken.",
        "",
    ]
    return "\n".join(lines)
