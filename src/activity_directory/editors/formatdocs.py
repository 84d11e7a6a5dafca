"""Everything editors and tools get to know about the format, derived from :data:`model.ACTIVITY`.

* :func:`activity_schema`: JSON Schema of the front matter (``/schema/activiteit.schema.json``);
* :func:`editor_guide`: the Dutch editor guide (``/redactie/``), with a table of every key;
* :func:`cms_config`: a Decap CMS ``config.yml`` (``/admin/config.yml``).

Nothing here lists keys by hand: add a field to the model and it appears in
all three. Examples use keys from the site's own data (``SiteData``) when
given, so another municipality gets its own wijken and organisaties.
"""

from __future__ import annotations

import html
import json
import re
import yaml

from ..content.fieldtypes import (
    Boolean, Choice, ContentFile, Context, Date, Either, Email, Field, FieldType, Geo, Key, ListOf, MapOf, Number,
    Phone, Record, Slug, Text, TextOr, Time, Url, Weekday,
)
from . import cms, spreadsheet
from .overview import PAGE_PATH as OVERVIEW_PATH
from ..content.fieldwalk import example_value, record_of, site_examples, walk
from ..content.languages import SOURCE, language
from ..content.model import ACTIVITY, ACTIVITY_FILE, BODY_MAX_CHARS, PHOTO, TRANSLATABLE
from ..content.yamlsource import read_front_matter

SCHEMA_PATH = "schema/activiteit.schema.json"
GUIDE_PATH = "redactie.md"
CMS_PATH = "admin/config.yml"
ACTIVITIES_FOLDER = "content/activities"

# Optional keys that the example file shows (the rest are explained in the tables).
_EXAMPLE_OPTIONAL = ("met_ouder", "melding", "contact")


# ---------------------------------------------------------------------------
# JSON Schema
# ---------------------------------------------------------------------------


def activity_schema(base_url: str = "") -> dict:
    """JSON Schema (2020-12) of an activity's front matter, as YAML reads it."""
    schema = ACTIVITY.json_schema()
    # The model's one rule that a schema cannot derive from a field: 'locatie'
    # may be left out when every line under 'tijden' has its own (model._location_optional).
    schema["required"] = [k for k in schema["required"] if k != "locatie"]
    schema["anyOf"] = [
        {"required": ["locatie"]},
        {"properties": {"tijden": {"type": "array", "items": {"required": ["locatie"]}}}},
    ]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **({"$id": base_url.rstrip("/") + "/" + SCHEMA_PATH} if base_url else {}),
        "title": "Activiteit",
        "description": "De gegevens bovenaan een activiteitbestand (YAML tussen twee regels '---'). "
                       "Datums zijn jaar-maand-dag, tijden staan tussen aanhalingstekens.",
        **schema,
    }


def schema_json(base_url: str = "") -> str:
    return json.dumps(activity_schema(base_url), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------
# Example file
# ---------------------------------------------------------------------------


def _example_lines(record: Record, site_keys: dict[str, str], indent: str, optional: tuple[str, ...]) -> list[str]:
    lines: list[str] = []
    chosen_one = False
    for spec in record.fields:
        if spec.key in record.exactly_one_of:
            if chosen_one:
                continue
            chosen_one = True
        elif not spec.required and spec.key not in optional:
            continue
        inner = spec.type.record if isinstance(spec.type, Either) else None
        if isinstance(spec.type, Record):
            lines.append(f"{indent}{spec.key}:")
            lines += _example_lines(spec.type, site_keys, indent + "  ", tuple(f.key for f in spec.type.fields if f.key != "geo"))
        elif isinstance(spec.type, ListOf) and isinstance(spec.type.item, Record):
            item = _example_lines(spec.type.item, site_keys, indent + "    ", ())
            lines.append(f"{indent}{spec.key}:")
            lines.append(f"{indent}  - {item[0].strip()}")
            lines += item[1:]
        elif inner is not None:
            lines.append(f"{indent}{spec.key}: {spec.type.word.options[0]}")
        else:
            lines.append(f"{indent}{spec.key}: {example_value(spec, site_keys)}")
    return lines


def example_file(site=None) -> str:
    """A complete, valid activity file built from the model's examples."""
    keys = site_examples(site)
    lines = _example_lines(ACTIVITY, keys, "", _EXAMPLE_OPTIONAL)
    body = ("Schrijf hier in gewone zinnen wat je doet en voor wie. Korte zinnen.\n\n"
            "- Wat neem je mee?\n- Is er een lift of een toilet?\n")
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def example_problems(site) -> list[str]:
    """Real messages of the validator for two typical mistakes in the example file."""
    if site is None:
        return []
    text = example_file(site)
    broken = text.replace("dag: maandag", "dag: maandg", 1).replace("tijden:", "tijd:", 1)
    path = f"{ACTIVITIES_FOLDER}/voorbeeld.md"
    document, problems = read_front_matter(path, broken)
    if document is None or problems:
        return [str(p) for p in problems]
    ctx = Context(path, site.registries())
    ACTIVITY.check(document.data, ctx, "")
    # the schedule check with 'tijd' removes 'dag'; show the weekday typo on its own as well
    document, _ = read_front_matter(path, text.replace("dag: maandag", "dag: maandg", 1))
    ctx2 = Context(path, site.registries())
    ACTIVITY.check(document.data, ctx2, "")
    return [str(p) for p in sorted(set(ctx.problems) | set(ctx2.problems))]


# ---------------------------------------------------------------------------
# Editor guide (Markdown)
# ---------------------------------------------------------------------------


def _inline(text: str) -> str:
    """Escaped HTML of a help text, with `code` spans."""
    escaped = html.escape(str(text), quote=False)
    return re.sub(r"``\s?(.+?)\s?``|`([^`]+)`", lambda m: f"<code>{m.group(1) or m.group(2)}</code>", escaped)


def _table(record: Record, prefix: str, site_keys: dict[str, str], caption: str) -> list[str]:
    """An HTML table of the keys of one block, in a keyboard-scrollable region.

    Written as HTML (not Markdown) so that the narrow-screen scroll container
    is focusable (WCAG 2.1.1) and has a name.
    """
    rows = []
    for spec in record.fields:
        required = "ja" if spec.required else "nee"
        if spec.key in record.exactly_one_of:
            required = "één van " + ", ".join(f"`{k}`" for k in record.exactly_one_of)
        elif spec.key == "locatie" and record is ACTIVITY:
            required = "ja, tenzij elke tijd een eigen locatie heeft"
        rows.append(
            f"<tr><td><code>{html.escape(prefix + spec.key)}</code></td><td>{_inline(required)}</td>"
            f"<td>{_inline(spec.help)}</td><td>{_inline(spec.type.explain())}</td>"
            f"<td><code>{html.escape(example_value(spec, site_keys), quote=False)}</code></td></tr>")
    label = html.escape(caption)
    return [
        f'<div class="key-table" role="region" aria-label="{label}" tabindex="0">',
        f'<table class="key-table__table"><caption>{label}</caption>',
        "<thead><tr><th scope=\"col\">Sleutel</th><th scope=\"col\">Verplicht?</th><th scope=\"col\">Wat is het?</th>"
        "<th scope=\"col\">Zo schrijf je het</th><th scope=\"col\">Voorbeeld</th></tr></thead>",
        "<tbody>", *rows, "</tbody></table>", "</div>",
    ]


def _limits_section() -> list[str]:
    """The bounds of a file, from the declarations the check uses (model, field types)."""
    photo = PHOTO.field("bestand").type
    return [
        "## Grenzen",
        "",
        f"- Een activiteitbestand is hoogstens {ACTIVITY_FILE.max_bytes // 1000} kB. De tekst onder de gegevens "
        f"is hoogstens {BODY_MAX_CHARS:,} tekens.".replace(",", "."),
        f"- Elke lijst en elke tekst heeft een grens, zoals hoogstens {ACTIVITY.field('tijden').type.max_items} regels "
        "onder `tijden`. De tabellen hierboven noemen ze (*hoogstens …*).",
        f"- Een foto is een echte {', '.join(e.lstrip('.') for e in photo.extensions)}, geen svg. Hij is hoogstens "
        f"{photo.max_bytes // 1_000_000} MB en {photo.max_pixels // 1_000_000} megapixel.",
        "- Schrijf alles uit. Verwijzingen in YAML (`&`, `*`, `<<`) en labels met `!` kunnen niet.",
        "",
    ]


def _translation_section(site) -> list[str]:
    """How an editor adds a translation sibling: the keys from the model, the codes from 'talen'."""
    codes = [c for c in (site.configured_languages if site is not None else ()) if c != SOURCE]
    names = ", ".join(f"`{c}` ({language(c).name})" for c in codes) if codes else "nog geen: zet ze eerst bij `talen` in `content/wijken.yml`"
    return [
        "## Een vertaling toevoegen",
        "",
        "De site staat ook in andere talen. Daar zijn de vaste gegevens (tijden, kosten, leeftijd) al vertaald. "
        "Je eigen teksten blijven Nederlands, tot je ze vertaalt.",
        "",
        "1. Maak naast het bestand van de activiteit een bestand met de taalcode erin: bij `peutergym-centrum.md` "
        "is de Engelse vertaling `peutergym-centrum.en.md`.",
        f"2. Talen van de site: {names}.",
        "3. Zet bovenaan alleen de teksten die je vertaalt, tussen twee regels `---`: "
        + ", ".join(f"`{key}`" for key in TRANSLATABLE) + ". Daaronder staat de vertaalde uitleg.",
        "4. Laat gegevens zoals `tijden`, `kosten` of `locatie` weg: die staan alleen in het Nederlandse bestand "
        "en gelden voor elke taal. `make check` meldt het als ze er toch in staan.",
        "",
        "Wat je niet vertaalt, blijft op de pagina in het Nederlands staan.",
        "",
    ]


def editor_guide(site=None) -> str:
    """The editor documentation page, in plain Dutch (Markdown)."""
    keys = site_examples(site)
    name = f" in {site.name}" if site is not None else ""
    out = [
        "# Zo voeg je een activiteit toe",
        "",
        f"Deze pagina is voor redacteuren van de activiteitengids{name}. "
        "Elke activiteit is één bestand in de map `content/activities/`. "
        "Bovenaan staan de gegevens, tussen twee regels `---`. Daaronder staat de uitleg in gewone zinnen.",
        "",
        "Je kunt op drie manieren werken: in [het beheer](#het-beheer-admin) in je browser, "
        "[in de webeditor van GitHub](#zonder-iets-te-installeren-de-webeditor-van-github) zonder iets te installeren, "
        "of [op je eigen computer](#opdrachten-op-je-eigen-computer) met `make`. "
        "Elke wijziging wordt een *pull request*: de controle kijkt hem na en pas daarna komt hij op de site.",
        "",
        "## Stap voor stap",
        "",
        "1. Maak een nieuw bestand in `content/activities/`. De naam wordt het webadres: "
        "kleine letters, cijfers en `-`, bijvoorbeeld `peutergym-centrum.md` wordt `/activiteiten/peutergym-centrum/`.",
        "2. Kopieer het voorbeeld hieronder en pas het aan.",
        "3. Controleer het bestand met `make check` (zie hieronder).",
        "4. Zijn er geen problemen? Sla het op en publiceer het.",
        "",
        "## Een voorbeeld",
        "",
        "Dit is een compleet bestand. Het klopt: `make check` vindt er geen problemen in.",
        "",
        "```yaml",
        example_file(site).rstrip("\n"),
        "```",
        "",
        "Let op:",
        "",
        "- Zet tijden tussen aanhalingstekens: `van: \"09:30\"`.",
        "- Schrijf datums als jaar-maand-dag: `2026-05-16`.",
        "- Springen in doe je met spaties, niet met tabs.",
        "- Staat er een `:` in een tekst? Zet de tekst dan tussen aanhalingstekens.",
        "",
        "## Alle sleutels",
        "",
        *_table(ACTIVITY, "", keys, "Alle sleutels van een activiteit"),
        "",
    ]
    for path, spec in walk():
        inner = record_of(spec.type)
        if inner is None:
            continue
        out += [f"### {spec.label or spec.key}: `{path}`", ""]
        if isinstance(spec.type, Either):
            words = " of ".join(f"`{w}`" for w in spec.type.word.options)
            out += [f"Schrijf {words}, of een blok met deze sleutels:", ""]
        elif isinstance(spec.type, TextOr):
            out += ["Schrijf gewoon een tekst, of een blok met deze sleutels:", ""]
        elif isinstance(spec.type, ListOf):
            out += ["Een lijst. Elke regel begint met `- ` en heeft deze sleutels:", ""]
            if inner.exactly_one_of:
                out += ["Gebruik per regel precies één van " + ", ".join(f"`{k}`" for k in inner.exactly_one_of)
                        + ": `dag` voor elke week, `dagen` voor meer dagen per week, `datum` voor één keer.", ""]
        out += [*_table(inner, f"{path}.", keys, f"Sleutels in {path}"), ""]
    out += [
        "## Schrijven voor ouders",
        "",
        "- Schrijf 'je' en 'jouw', tegen iedereen, ook tegen ouderen: \"Je kunt gewoon binnenlopen\", "
        "niet \"U kunt gewoon binnenlopen\". `make check` meldt elke 'u', 'uw', 'uzelf' en 'alstublieft'. "
        "Hoort het woord bij een naam, zoals \"Kunst & U\"? Zet de naam dan tussen aanhalingstekens.",
        "- Schrijf korte zinnen met gewone woorden (taalniveau B1).",
        "- Wat ouders moeten weten voordat ze gaan, heeft een eigen sleutel: `neem_mee`, `toegankelijk`, "
        "`bereikbaar` en `bij_slecht_weer`. Dan staat het op elke pagina op dezelfde plek.",
        "- Verandert de plek of de tijd met het seizoen? Zet dat in `tijden`, met `vanaf` en `tot_en_met` "
        "(en zo nodig een eigen `locatie`), niet alleen in de tekst.",
        "",
        "## Controleren met `make check`",
        "",
        "Open een terminal in de map van de gids en typ:",
        "",
        "```sh",
        "make check",
        "```",
        "",
        "Zo controleer je alle bestanden tegelijk. Is alles goed? Dan zie je `Alles in orde`. "
        "Is er iets mis? Dan zie je elk probleem op een eigen regel: eerst het bestand, dan het regelnummer, "
        "dan wat er mis is. Bijvoorbeeld:",
        "",
        "```text",
        *(example_problems(site) or [f"{ACTIVITIES_FOLDER}/voorbeeld.md:14: 'maandg' is geen weekdag; bedoel je 'maandag'?"]),
        "```",
        "",
        "Ga naar dat regelnummer en pas het aan. Staat er *bedoel je*? Dan is dat meestal de oplossing. "
        "Draai daarna `make check` opnieuw.",
        "",
        "Met `make serve` zie je de site op je eigen computer. Problemen staan dan bovenaan elke pagina. "
        "De echte site wordt pas gemaakt als er geen problemen meer zijn.",
        "",
        *_translation_section(site),
        *_limits_section(),
        "## Als er iets verandert",
        "",
        "- **Andere dag, tijd of plek?** Pas `tijden` of `locatie` aan. Zet bij `melding` een korte zin, "
        "bijvoorbeeld *Vanaf 5 januari op maandag*. Die staat bovenaan de pagina. Haal de melding later weer weg.",
        "- **Gaat het een keer niet door?** Zet de datum bij `vervalt`, bijvoorbeeld `vervalt: [2026-02-16]`.",
        "- **Even geen activiteit?** Zet `status: gepauzeerd` en schrijf bij `melding` wanneer het weer begint.",
        "- **Gestopt?** Verwijder het bestand niet. Zet `status: gestopt`. De pagina blijft bestaan, "
        "zodat links en QR-codes op posters blijven werken.",
        "- **Heb je alles nagekeken?** Zet de datum van vandaag bij `gecontroleerd`. "
        "Bezoekers zien zo hoe actueel de gegevens zijn.",
        "- **Dag, tijd, plek, status of `vervalt` veranderd?** Zet dan ook `gecontroleerd` op vandaag, en nooit "
        "terug naar een eerdere datum. Daaraan zien agenda-apps van abonnees dat de afspraak veranderd is. "
        "`make check` waarschuwt als je het vergeet.",
        "",
        "## Posters",
        "",
        "Elke activiteitenpagina heeft de knop *Print als poster*. De poster toont de gegevens en een QR-code "
        "naar de pagina. Met *Download de QR-code* krijg je de code los, voor een nieuwsbrief of flyer. "
        "Datums staan niet op de poster, want die verouderen. Omdat pagina's nooit verdwijnen, blijft een "
        "opgehangen poster werken.",
        "",
        *_workflow_sections(site),
        "## Voor computers",
        "",
        f"Het formaat staat ook als JSON Schema op [`/{SCHEMA_PATH}`]({SCHEMA_PATH}). "
        f"Het beheersysteem (Decap CMS) gebruikt [`/{CMS_PATH}`]({CMS_PATH}). "
        "Beide worden gemaakt uit dezelfde beschrijving als deze pagina en de controle.",
        "",
    ]
    return "\n".join(out)


def _import_table() -> list[str]:
    """The spreadsheet columns, from the model (spreadsheet.columns)."""
    rows = [f"<tr><td><code>{html.escape(col.name)}</code></td><td>{_inline(col.required)}</td><td>{_inline(col.help)}</td></tr>"
            for col in spreadsheet.columns() if col.group in (None, 1)]
    label = "Kolommen van het importbestand"
    return [
        f'<div class="key-table" role="region" aria-label="{label}" tabindex="0">',
        f'<table class="key-table__table"><caption>{label}</caption>',
        '<thead><tr><th scope="col">Kolom</th><th scope="col">Verplicht?</th><th scope="col">Wat zet je erin?</th></tr></thead>',
        "<tbody>", *rows, "</tbody></table>", "</div>",
    ]


def _workflow_sections(site) -> list[str]:
    """Working without Git, with the web editor, and with make: for editors and the web team."""
    name = site.name if site is not None else "je gemeente"
    groups = spreadsheet.LIST_GROUPS
    return [
        "## Het beheer (`/admin/`)",
        "",
        "In <a href=\"../admin/\">het beheer</a> pas je activiteiten aan in een formulier, zonder bestanden of `make`. "
        "Je logt in met je GitHub-account. Als je opslaat, maakt het beheer een pull request: een voorstel "
        "voor de site. De controle kijkt het voorstel na. Daarna zet een collega het op de site.",
        "",
        "1. Ga naar `/admin/` op de site en log in.",
        "2. Kies een activiteit, of maak een nieuwe.",
        "3. Vul het formulier in. Bij *Kosten*, *Aanmelden* en *Melding* kies je eerst een soort antwoord, "
        "bijvoorbeeld *gratis*, of *Anders* voor een bedrag.",
        "4. Veranderen de dag, de tijd of de plek? Zet dan *Gecontroleerd op* op vandaag (knop *Nu*).",
        "5. Sla op. Wat je niet hebt veranderd, blijft in het bestand precies zoals het was.",
        "",
        "Hoe je inlogt, regelt het webteam één keer: zie [Inloggen in de webeditor](#inloggen-in-de-webeditor).",
        "",
        "Het beheer staat op de site zelf. Het laadt geen scripts van andere websites. "
        "Het praat alleen met GitHub, en pas nadat je bent ingelogd.",
        "",
        "## Zonder iets te installeren: de webeditor van GitHub",
        "",
        "Je kunt een bestand ook op de website van GitHub aanpassen. De knoppen van GitHub zijn Engels; "
        "hieronder staat wat ze betekenen.",
        "",
        "1. Open de repository op GitHub en ga naar de map `content/activities/`.",
        "2. Klik op het bestand van de activiteit en dan op het potlood (*Edit this file*).",
        "3. Pas de gegevens aan, zoals in het voorbeeld hierboven.",
        "4. Klik op *Commit changes…*. Kies *Create a new branch for this commit and start a pull request* "
        "en klik op *Propose changes*. Klik daarna op *Create pull request*.",
        "5. De controle draait vanzelf. Een rood kruis? Open *Files changed*: het probleem staat op de regel zelf, "
        "in gewone woorden. Pas het aan in dezelfde pull request; de controle draait dan opnieuw.",
        "6. Een groen vinkje? Dan kan een collega de pull request samenvoegen. De site wordt daarna vanzelf bijgewerkt.",
        "",
        "Een nieuwe activiteit? Kies in de map `content/activities/` *Add file* en *Create new file*. "
        "Geef het bestand een naam zoals `peutergym-noord.md` en plak het voorbeeld van deze pagina erin.",
        "",
        "## Opdrachten op je eigen computer",
        "",
        "Heb je de gids op je eigen computer staan? Open een terminal in de map van de gids. "
        "De eerste keer installeert `make` zelf wat nodig is.",
        "",
        "- `make serve`: de site op je eigen computer, op `http://127.0.0.1:8000`. "
        "Sla je een bestand op, dan laadt de pagina vanzelf opnieuw.",
        "- `make check`: controleer alle activiteiten (zie hierboven).",
        "- `make nieuw TITEL=\"Peutergym Noord\"`: maakt `content/activities/peutergym-noord.md` met alle sleutels "
        "en uitleg erbij. De datum van vandaag staat al bij `gecontroleerd`. Vul de rest in en draai `make check`. "
        "Een bestaand bestand wordt nooit overschreven.",
        "- `make verouderd`: welke activiteiten al 6 maanden niet zijn gecontroleerd, met wie je kunt bellen of mailen. "
        "En welke activiteiten geen datum meer hebben: die zijn misschien gestopt. "
        "Een andere termijn? `make verouderd MAANDEN=3`.",
        "- `make cms`: het beheer op je eigen computer, op `http://127.0.0.1:8000/admin/`. "
        "Het slaat op in de map op je computer, zonder GitHub.",
        "- `make import CSV=lijst.csv`: maakt activiteiten van een lijst uit Excel (zie hieronder).",
        "",
        "### Een lijst uit Excel importeren",
        "",
        "Houd je activiteiten bij in Excel? Zet elke activiteit op een eigen rij en sla de lijst op als "
        "*CSV (gescheiden door lijstscheidingsteken)*. Begin met [het voorbeeldbestand](redactie/import-voorbeeld.csv): "
        "de eerste rij heeft de kolomnamen, de tweede rij is een voorbeeld. Geef het voorbeeld een nieuwe titel, "
        "of vervang het door je eigen rijen.",
        "",
        "- Elke rij wordt een bestand. De naam komt van de titel.",
        "- Elke rij wordt gecontroleerd zoals een bestand met de hand. Een probleem staat er zo: "
        "`lijst.csv:3: …`. Rij 1 is de rij met kolomnamen.",
        "- Is er één rij fout, dan maakt `make import` niets. Verbeter de rij en probeer het opnieuw.",
        "- Meer waarden in één cel, zoals bij `soort`? Zet er een komma tussen: `sport, spel`.",
        "- Datums mogen als `2026-11-02` of als `2-11-2026`. Ja of nee schrijf je als `ja` of `nee`.",
        f"- Tijden: `tijden.1.dag`, `tijden.1.van` en `tijden.1.tot` voor de eerste tijd, `tijden.2.…` voor de "
        f"tweede, tot en met {groups}. Een tijd op een andere plek zet je daarna in het bestand zelf.",
        "- Lege kolommen mag je weglaten.",
        "",
        *_import_table(),
        "",
        "## Overzicht voor de werkgroep",
        "",
        f"Het [overzicht van het aanbod]({OVERVIEW_PATH}) laat per stadsdeel, wijk en leeftijd zien hoeveel "
        "activiteiten er nu zijn, hoeveel gratis en hoeveel inloop. Een 0 betekent: daar is niets voor die leeftijd. "
        "De tabel is ook te downloaden voor Excel.",
        "",
        *_go_live_section(name),
    ]


# What the go-live guide names of .github/workflows (tests/test_format_docs.py checks them against the files)
CHECK_JOBS = ("Inhoud en site", "Tests (mkdocs)", "Tests (properdocs)")  # controle.yml: the checks a pull request must pass (the tests once per engine)
PUBLISH_WORKFLOW = "Publiceren"
KEEP_ALIVE_WORKFLOW = "Wakker houden"
# GitHub Pages' addresses for a domain without subdomain (GitHub's documentation, "Managing a custom domain")
PAGES_A = ("185.199.108.153", "185.199.109.153", "185.199.110.153", "185.199.111.153")
PAGES_AAAA = ("2606:50c0:8000::153", "2606:50c0:8001::153", "2606:50c0:8002::153", "2606:50c0:8003::153")


def _go_live_section(name: str) -> list[str]:
    """Going live on GitHub Pages, step by step, for the web team (not developers)."""
    checks = ", ".join(f"*{job}*" for job in CHECK_JOBS[:-1]) + f" en *{CHECK_JOBS[-1]}*"
    return [
        "## De site live zetten (voor het webteam)",
        "",
        f"Dit doe je één keer, als de gids van {html.escape(name)} online gaat. Je hebt daarvoor de rol *Admin* "
        "op de repository nodig. De knoppen van GitHub zijn Engels; hier staat hun naam schuin.",
        "",
        "### 1. De repository instellen",
        "",
        "1. Open de repository op GitHub en ga naar *Settings*, *Actions*, *General*.",
        "2. Kies bij *Actions permissions* de optie die alleen acties van GitHub zelf toestaat "
        "(*Allow … and select non-… actions*, met een vinkje bij *Allow actions created by GitHub*). "
        "De workflows van de gids gebruiken alleen die.",
        "3. Kies bij *Workflow permissions*: *Read repository contents and packages permissions*. "
        "Elke workflow vraagt zelf de rechten die hij nodig heeft, en niet meer.",
        "",
        "### 2. GitHub Pages aanzetten",
        "",
        "1. Ga naar *Settings*, *Pages*.",
        "2. Kies bij *Build and deployment*, *Source*: **GitHub Actions**.",
        f"3. Ga naar *Actions*, kies *{PUBLISH_WORKFLOW}* en klik op *Run workflow*. Na een paar minuten staat de site "
        "online, op een adres zoals `https://jullie-organisatie.github.io/naam-van-de-repository/`.",
        "",
        "### 3. Het adres van de site: `SITE_URL`",
        "",
        "De agenda's, de open data en de QR-codes op posters hebben het volledige adres van de site nodig.",
        "",
        "1. Ga naar *Settings*, *Secrets and variables*, *Actions*, tabblad *Variables*, en klik op "
        "*New repository variable*.",
        "2. Naam: `SITE_URL`. Waarde: het adres van de site, met een `/` aan het eind, zoals "
        "`https://activiteiten.voorbeeld.nl/`.",
        f"3. Publiceer opnieuw (*Actions*, *{PUBLISH_WORKFLOW}*, *Run workflow*). Is `SITE_URL` leeg, dan gebruikt "
        "de site het adres bij `site_url` in `mkdocs.yml`.",
        "",
        "### 4. Een eigen domein",
        "",
        "Wil je een eigen adres, zoals `activiteiten.voorbeeld.nl`? Vraag wie jullie domeinnaam beheert "
        "(vaak de afdeling ICT) om deze DNS-records:",
        "",
        "- Een adres met iets ervoor (een subdomein, zoals `activiteiten.voorbeeld.nl`): één **CNAME**-record "
        "naar `jullie-organisatie.github.io` (zonder de naam van de repository).",
        "- Een adres zonder iets ervoor (zoals `voorbeeld.nl`): vier **A**-records naar "
        + ", ".join(f"`{ip}`" for ip in PAGES_A) + ", en vier **AAAA**-records naar "
        + ", ".join(f"`{ip}`" for ip in PAGES_AAAA) + ".",
        "",
        "Daarna:",
        "",
        "1. Ga naar *Settings*, *Pages*. Vul bij *Custom domain* het adres in en klik op *Save*. "
        "GitHub controleert de DNS; dat kan tot een dag duren.",
        "2. Zet een vinkje bij *Enforce HTTPS* zodra dat kan. Dan komt iedereen via een beveiligde verbinding op de site.",
        "3. Laat het domein ook bevestigen bij de instellingen van jullie organisatie op GitHub (*Settings*, *Pages*, "
        "*Add a domain*). Dan kan niemand anders het gebruiken.",
        "4. Zet `SITE_URL` op het nieuwe adres (stap 3) en publiceer opnieuw.",
        "",
        "### 5. Wie mag wat",
        "",
        "- **Redacteuren** krijgen de rol *Write* op de repository (*Settings*, *Collaborators and teams*). "
        "Daarmee maken ze pull requests. Op de site zetten doet een ander.",
        "- **Een of twee mensen van het webteam** krijgen de rol *Admin*. Zij beheren deze instellingen.",
        "- Zet een regel op `main` (*Settings*, *Rules*, *Rulesets*, of *Settings*, *Branches*): "
        "alles gaat via een pull request (*Require a pull request before merging*), een collega moet hem goedkeuren "
        f"(*Require approvals*: 1), en de controles {checks} moeten groen zijn "
        "(*Require status checks to pass*). Zet ook *Block force pushes* aan.",
        "- Spreek af wie pull requests nakijkt: een redacteur keurt het werk van een andere redacteur goed.",
        "",
        "### 6. De nachtelijke publicatie blijft draaien",
        "",
        f"Elke nacht zet *{PUBLISH_WORKFLOW}* de site opnieuw online. Zo kloppen *Deze week* en de volgende data. "
        "GitHub zet zo'n geplande workflow vanzelf uit als er 60 dagen niets in de repository is gebeurd. "
        f"Daarom zet de workflow *{KEEP_ALIVE_WORKFLOW}* hem elke maand opnieuw aan. Je hoeft daar niets voor te doen.",
        "",
        f"1. Kijk na het live zetten bij *Actions* of *{KEEP_ALIVE_WORKFLOW}* er staat, en klik één keer op *Run workflow*. "
        "Een groen vinkje betekent: het werkt.",
        f"2. Zie je bij *{PUBLISH_WORKFLOW}* toch *This scheduled workflow is disabled*? Klik dan op *Enable workflow*.",
        "",
        "### Inloggen in de webeditor",
        "",
        "Redacteuren loggen in op `/admin/` met hun account bij GitHub, GitLab, Gitea of Forgejo: "
        "daar staat de repository. Kies hieronder de manier die bij jullie repository past. "
        "Je stelt alles in met *Variables*, net als `SITE_URL` in stap 3. Laat je een variabele leeg, "
        "dan geldt wat er tussen haakjes staat.",
        "",
        "**De repository staat op GitHub.** Dan is een kleine inlogdienst nodig, op een server van jullie organisatie.",
        "",
        "1. Maak op GitHub een OAuth-app: *Settings*, *Developer settings*, *OAuth Apps*, *New OAuth App*. "
        "Vul bij *Homepage URL* het adres van de site in.",
        "2. Het inloggen loopt via een kleine inlogdienst (een *OAuth-client* voor Decap CMS) op een server van "
        "jullie eigen organisatie. Geef die dienst de *Client ID* en het *Client secret* van de OAuth-app. "
        "Zet het geheim nooit in de repository. Bij *Authorization callback URL* vul je het terugbeladres "
        "van die dienst in (meestal het adres van de dienst met `/callback` erachter).",
        "3. Zet bij *Variables* `CMS_AUTH_URL` = het adres van de inlogdienst. Laat `CMS_BACKEND` leeg.",
        f"4. Publiceer opnieuw (*Actions*, *{PUBLISH_WORKFLOW}*, *Run workflow*). Daarna werkt inloggen op `/admin/`.",
        "",
        "**De repository staat op GitLab.** Er is geen eigen server nodig.",
        "",
        "1. Ga in GitLab naar *Edit profile*, *Applications* (of bij de groep naar *Settings*, *Applications*) "
        "en klik op *Add new application*.",
        "2. Vul bij *Redirect URI* het adres van het beheer in, bijvoorbeeld `https://activiteiten.voorbeeld.nl/admin/`. "
        "Haal het vinkje bij *Confidential* weg. Zet een vinkje bij `api`. Klik op *Save application*.",
        "3. Zet bij *Variables*: `CMS_BACKEND` = `gitlab`, `CMS_APP_ID` = de *Application ID*, "
        "`CMS_REPO` = de groep en het project, zoals `gemeente/activiteiten`. "
        f"Hebben jullie een eigen GitLab? Zet dan ook `CMS_SERVER_URL` = het adres daarvan (leeg: `{cms.BACKENDS['gitlab'][0]}`).",
        f"4. Publiceer opnieuw (*Actions*, *{PUBLISH_WORKFLOW}*, *Run workflow*).",
        "",
        "**De repository staat op Gitea of Forgejo** (bijvoorbeeld Codeberg). Er is geen eigen server nodig.",
        "",
        "1. Ga naar *Settings*, *Applications* en maak een *OAuth2-applicatie*.",
        "2. Vul bij *Redirect URI* het adres van het beheer in. Haal het vinkje bij *Confidential client* weg. "
        "Maak de applicatie en kopieer de *Client ID*.",
        "3. Zet bij *Variables*: `CMS_BACKEND` = `gitea` of `forgejo`, `CMS_APP_ID` = de *Client ID*, "
        "`CMS_REPO` = de eigenaar en de repository, zoals `gemeente/activiteiten`, en `CMS_SERVER_URL` = het adres "
        f"van de server (leeg: `{cms.BACKENDS['gitea'][0]}` of `{cms.BACKENDS['forgejo'][0]}`).",
        f"4. Publiceer opnieuw (*Actions*, *{PUBLISH_WORKFLOW}*, *Run workflow*).",
        "",
        "Log daarna zelf één keer in op `/admin/` en sla een kleine wijziging op. Die wordt een pull request "
        "(bij GitLab een *merge request*), en de controle kijkt hem na. "
        "Redacteuren hebben schrijfrechten op de repository nodig (stap 5).",
        "",
        "Lukt inloggen nog niet? Dan kunnen redacteuren werken [in de webeditor van GitHub](#zonder-iets-te-installeren-de-webeditor-van-github) "
        "of [op hun eigen computer](#opdrachten-op-je-eigen-computer).",
        "",
    ]


# ---------------------------------------------------------------------------
# Decap CMS (the configuration itself lives in .cms)
# ---------------------------------------------------------------------------


def cms_config_data(site=None, settings=None) -> dict:
    return cms.config_data(site, settings)


def cms_config(site=None, settings=None) -> str:
    return cms.config_yaml(site, settings)
