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

from .fieldtypes import (
    Boolean, Choice, ContentFile, Context, Date, Either, Email, Field, FieldType, Geo, Key, ListOf, MapOf, Number,
    Phone, Record, Slug, Text, TextOr, Time, Url, Weekday,
)
from .model import ACTIVITY
from .yamlsource import read_front_matter

SCHEMA_PATH = "schema/activiteit.schema.json"
GUIDE_PATH = "redactie.md"
CMS_PATH = "admin/config.yml"
ACTIVITIES_FOLDER = "content/activities"

# Optional keys that the example file shows (the rest are explained in the tables).
_EXAMPLE_OPTIONAL = ("met_ouder", "melding", "contact")


def walk(record: Record = ACTIVITY, prefix: str = ""):
    """Every key of the format as (dotted path, Field), nested blocks included."""
    for spec in record.fields:
        path = f"{prefix}{spec.key}"
        yield path, spec
        inner = _record_of(spec.type)
        if inner is not None:
            yield from walk(inner, f"{path}.")


def _record_of(kind: FieldType) -> Record | None:
    if isinstance(kind, Record):
        return kind
    if isinstance(kind, (Either, TextOr)):
        return kind.record
    if isinstance(kind, ListOf) and isinstance(kind.item, Record):
        return kind.item
    return None


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


def _site_examples(site) -> dict[str, str]:
    """Registry -> an existing key of this site (for examples)."""
    if site is None:
        return {}
    examples = {}
    for registry, keys in site.registries().items():
        if registry == "gebieden":
            keys = {a.key: a.name for a in site.areas.neighbourhoods} or keys
        if keys:
            examples[registry] = next(iter(keys))
    return examples


def _example_value(spec: Field, site_keys: dict[str, str]) -> str:
    kind = spec.type
    if isinstance(kind, Key) and kind.registry in site_keys:
        return site_keys[kind.registry]
    if isinstance(kind, ListOf) and isinstance(kind.item, Key) and kind.item.registry in site_keys:
        return f"[{site_keys[kind.item.registry]}]"
    return spec.example


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
            lines.append(f"{indent}{spec.key}: {_example_value(spec, site_keys)}")
    return lines


def example_file(site=None) -> str:
    """A complete, valid activity file built from the model's examples."""
    keys = _site_examples(site)
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
            f"<td><code>{html.escape(_example_value(spec, site_keys), quote=False)}</code></td></tr>")
    label = html.escape(caption)
    return [
        f'<div class="key-table" role="region" aria-label="{label}" tabindex="0">',
        f'<table class="key-table__table"><caption>{label}</caption>',
        "<thead><tr><th scope=\"col\">Sleutel</th><th scope=\"col\">Verplicht?</th><th scope=\"col\">Wat is het?</th>"
        "<th scope=\"col\">Zo schrijf je het</th><th scope=\"col\">Voorbeeld</th></tr></thead>",
        "<tbody>", *rows, "</tbody></table>", "</div>",
    ]


def editor_guide(site=None) -> str:
    """The editor documentation page, in plain Dutch (Markdown)."""
    keys = _site_examples(site)
    name = f" in {site.name}" if site is not None else ""
    out = [
        "# Zo voeg je een activiteit toe",
        "",
        f"Deze pagina is voor redacteuren van de activiteitengids{name}. "
        "Elke activiteit is één bestand in de map `content/activities/`. "
        "Bovenaan staan de gegevens, tussen twee regels `---`. Daaronder staat de uitleg in gewone zinnen.",
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
        inner = _record_of(spec.type)
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
        "## Voor computers",
        "",
        f"Het formaat staat ook als JSON Schema op [`/{SCHEMA_PATH}`]({SCHEMA_PATH}). "
        f"Het beheersysteem (Decap CMS) gebruikt [`/{CMS_PATH}`]({CMS_PATH}). "
        "Beide worden gemaakt uit dezelfde beschrijving als deze pagina en de controle.",
        "",
    ]
    return "\n".join(out)


# ---------------------------------------------------------------------------
# Decap CMS
# ---------------------------------------------------------------------------


def _options(kind: Key, site) -> list[dict] | None:
    if site is None:
        return None
    return [{"label": name, "value": key} for key, name in site.registries().get(kind.registry, {}).items()]


def _cms_widget(kind: FieldType, site) -> dict:
    if isinstance(kind, Key):
        options = _options(kind, site)
        return {"widget": "select", "options": options} if options else {"widget": "string", "pattern": [kind.json_schema()["pattern"], "Alleen kleine letters, cijfers en '-'."]}
    if isinstance(kind, Choice):  # also Weekday
        return {"widget": "select", "options": list(kind.options)}
    if isinstance(kind, Text):
        widget: dict = {"widget": "string" if kind.single_line and (kind.max_length or 0) <= 160 else "text"}
        return widget
    if isinstance(kind, Date):
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False, "picker_utc": True}
    if isinstance(kind, Time):
        return {"widget": "string", "pattern": [kind.json_schema()["pattern"], "Schrijf een tijd als 09:30."]}
    if isinstance(kind, Number):
        widget = {"widget": "number", "value_type": "float" if kind.step and kind.step % 1 else "float", "min": kind.minimum, "max": kind.maximum}
        if kind.step:
            widget["step"] = kind.step
        return widget
    if isinstance(kind, Boolean):
        return {"widget": "boolean", "default": False}
    if isinstance(kind, (Url, Email, Phone, Slug)):
        return {"widget": "string", "pattern": [kind.json_schema().get("pattern", ".+@.+"), f"Dit moet {kind.explain().replace('`', '')} zijn."]}
    if isinstance(kind, ContentFile):
        return {"widget": "image", "choose_url": False}
    if isinstance(kind, TextOr):
        return {"widget": "object", "collapsed": False, "fields": [_cms_field(spec, site) for spec in kind.record.fields],
                "hint": "Een gewone tekst mag ook; vul dan alleen de tekst in."}
    if isinstance(kind, Geo):
        return {"widget": "list", "field": {"label": "Getal", "name": "getal", "widget": "number", "value_type": "float"}, "min": 2, "max": 2}
    if isinstance(kind, Either):
        words = " of ".join(f"'{w}'" for w in kind.word.options)
        return {"widget": "string", "default": kind.word.options[0],
                "hint": f"Schrijf {words}. Of in de bestandsweergave een blok met: " + ", ".join(f.key for f in kind.record.fields) + "."}
    if isinstance(kind, Record):
        return {"widget": "object", "fields": [_cms_field(spec, site) for spec in kind.fields]}
    if isinstance(kind, ListOf):
        item = kind.item
        if isinstance(item, (Key, Choice)):
            widget = _cms_widget(item, site)
            if widget["widget"] == "select":
                return {**widget, "multiple": True, "min": kind.min_items}
        if isinstance(item, Record):
            return {"widget": "list", "min": kind.min_items, "fields": [_cms_field(spec, site) for spec in item.fields]}
        return {"widget": "list", "min": kind.min_items, "field": {"label": "Waarde", "name": "waarde", **_cms_widget(item, site)}}
    if isinstance(kind, MapOf):
        return {"widget": "text"}
    raise TypeError(f"no CMS widget for {type(kind).__name__}")


def _cms_field(spec: Field, site) -> dict:
    field = {"label": spec.label or spec.key, "name": spec.key, **_cms_widget(spec.type, site)}
    field["required"] = bool(spec.required) and spec.key != "locatie"
    hint = spec.help
    if field.get("hint"):
        hint = f"{hint} {field['hint']}"
    if hint:
        field["hint"] = hint
    return field


def cms_config_data(site=None) -> dict:
    return {
        "backend": {"name": "git-gateway", "branch": "main"},
        "locale": "nl",
        "media_folder": "content/assets/uploads",
        "public_folder": "/assets/uploads",
        "collections": [{
            "name": "activiteiten",
            "label": "Activiteiten",
            "label_singular": "Activiteit",
            "description": "Eén bestand per activiteit. Verwijder niets: zet 'status' op 'gestopt'.",
            "folder": ACTIVITIES_FOLDER,
            "extension": "md",
            "format": "frontmatter",
            "create": True,
            "delete": False,
            "slug": "{{slug}}",
            "identifier_field": "titel",
            "summary": "{{titel}}",
            "fields": [_cms_field(spec, site) for spec in ACTIVITY.fields]
                      + [{"label": "Uitleg", "name": "body", "widget": "markdown", "required": False,
                          "hint": "In gewone zinnen: wat doe je, wat neem je mee, is er een lift."}],
        }],
    }


def cms_config(site=None) -> str:
    header = "# Gemaakt uit het activiteitmodel (activity_directory.formatdocs). Niet met de hand aanpassen.\n"
    return header + yaml.safe_dump(cms_config_data(site), allow_unicode=True, sort_keys=False, width=120)
