"""Open data: /activiteiten.json (+ schema), /activiteiten.csv, /schoolvakanties.json, /open-data/."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections import Counter
from urllib.parse import urlsplit

import jsonschema
import pytest

from activity_directory.pages.listings import AGE_GROUPS, all_listings, is_current
from activity_directory.dates.occurrences import occurrences
from activity_directory.pages.presentation import activity_url


@pytest.fixture(scope="module")
def data(built_site):
    return json.loads((built_site / "activiteiten.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def schema(built_site):
    return json.loads((built_site / "activiteiten.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rows(built_site):
    raw = (built_site / "activiteiten.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, so Excel reads it"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))


def test_json_validates_against_its_schema(data, schema):
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_schema_rejects_wrong_data(data, schema):
    """The schema is strict enough to catch a broken file."""
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    broken = json.loads(json.dumps(data))
    record = broken["activiteiten"][0]
    record["status"] = "misschien"
    del record["slug"]
    record["occurrences"].append({"start": "2026-12-01 09:30", "end": "x", "location": "y", "address": None})
    messages = [e.message for e in validator.iter_errors(broken)]
    assert len(messages) >= 3


def test_every_published_activity_with_links_and_areas(data, catalog, built_site):
    assert [a["slug"] for a in data["activiteiten"]] == sorted(a.slug for a in catalog.activities)
    statuses = {a["status"] for a in data["activiteiten"]}
    assert statuses == {a.status for a in catalog.activities}
    areas = catalog.site.areas
    for record in data["activiteiten"]:
        activity = catalog.activity(record["slug"])
        assert record["titel"] == activity.title and record["gecontroleerd"] == activity.checked.isoformat()
        for key in ("url", "ical"):
            parts = urlsplit(record[key])
            assert parts.scheme == "https" and parts.netloc
            assert (built_site / parts.path.lstrip("/")).exists() or (built_site / parts.path.lstrip("/") / "index.html").exists()
        assert urlsplit(record["url"]).path == "/" + activity_url(activity.slug)
        assert record["ical"] == record["url"] + "agenda.ics"
        main = activity.locations[0]
        if record["wijk"] is not None:
            assert areas.areas[record["wijk"]].level == "wijk" and record["wijk"] == main.area
        if record["stadsdeel"] is not None:
            assert areas.areas[record["stadsdeel"]].level == "stadsdeel"
            assert record["stadsdeel"] == areas.district_of(main.area).key
        assert set(record["wijken"]) == {l.area for l in activity.locations if areas.areas[l.area].level == "wijk"}


def test_occurrences_come_from_the_engine(data, catalog):
    today = catalog.today
    assert data["peildatum"] == today.isoformat()
    last = dt.date.fromisoformat(data["occurrences_tot_en_met"])
    assert (last - today).days + 1 == 12 * 7
    for record in data["activiteiten"]:
        activity = catalog.activity(record["slug"])
        expected = [(o.start, o.end, o.location.name) for o in occurrences(activity, catalog.calendar, today, last)]
        got = [(dt.datetime.fromisoformat(o["start"]), dt.datetime.fromisoformat(o["end"]), o["location"])
               for o in record["occurrences"]]
        assert got == expected, record["slug"]
        for o in record["occurrences"]:
            assert o["start"][-6] in "+-" and o["start"][-3] == ":", "ISO 8601 with offset"
        if not activity.active:
            assert record["occurrences"] == []


def test_csv_one_row_per_activity_for_monitoring(rows, data, catalog):
    assert [r["slug"] for r in rows] == [a["slug"] for a in data["activiteiten"]]
    by_slug = {a["slug"]: a for a in data["activiteiten"]}
    for row in rows:
        record = by_slug[row["slug"]]
        assert row["gratis"] == ("ja" if record["gratis"] else "nee")
        assert row["stadsdeel"] == (record["stadsdeel"] or "")
        assert row["status"] == record["status"]
        assert set(filter(None, row["leeftijdsgroepen"].split(","))) == set(record["leeftijdsgroepen"])
        assert int(row["keren_komende_12_weken"]) == len(record["occurrences"])
        assert row["titel"] == catalog.activity(row["slug"]).title  # non-ASCII survives
    # The counts the municipality makes: per stadsdeel, per age group, free.
    per_district = Counter(r["stadsdeel"] for r in rows)
    assert sum(per_district.values()) == len(catalog.activities)
    free = sum(r["gratis"] == "ja" for r in rows)
    assert free == sum(a.cost.free for a in catalog.activities)
    for group in AGE_GROUPS:
        assert sum(group.key in r["leeftijdsgroepen"].split(",") for r in rows) == sum(group.matches(a) for a in catalog.activities)


def test_school_holidays_with_source(built_site, catalog):
    holidays = json.loads((built_site / "schoolvakanties.json").read_text(encoding="utf-8"))
    assert holidays["bron"] == catalog.site.holidays_source
    assert holidays["regio"] == catalog.site.region
    assert [(h["naam"], h["van"], h["tot_en_met"]) for h in holidays["schoolvakanties"]] == [
        (h.name, h.start.isoformat(), h.end.isoformat()) for h in catalog.site.school_holidays]
    for day in holidays["feestdagen"]:
        assert catalog.calendar.public_holiday(dt.date.fromisoformat(day["datum"])) == day["naam"]


def test_open_data_page_documents_the_files(built_site):
    html = (built_site / "open-data" / "index.html").read_text(encoding="utf-8")
    for name in ("activiteiten.json", "activiteiten.schema.json", "activiteiten.csv", "schoolvakanties.json",
                 "gecontroleerd", "SEQUENCE", "BOM", "puntkomma"):
        assert name in html, name
    for name in ("activiteiten.json", "activiteiten.csv", "activiteiten.schema.json", "schoolvakanties.json"):
        assert f'href="../{name}"' in html, name


def test_open_data_page_is_derived_from_the_files(built_site):
    """Every key of the JSON Schema and every CSV column is explained, with the schema's own words."""
    import html as html_lib

    from activity_directory.publish import opendata

    text = html_lib.unescape((built_site / "open-data" / "index.html").read_text(encoding="utf-8"))
    properties = opendata.schema("")["$defs"]["activiteit"]["properties"]
    for key, spec in properties.items():
        assert f"<code>{key}</code>" in text, key
        assert spec["description"] and spec["description"] in text, key
    published = json.loads((built_site / "activiteiten.schema.json").read_text(encoding="utf-8"))
    assert published["$defs"]["activiteit"]["properties"]["gratis"]["description"] == properties["gratis"]["description"]
    for column in opendata.CSV_COLUMNS:
        assert f"<code>{column}</code>" in text, column
    header = (built_site / "activiteiten.csv").read_text(encoding="utf-8-sig").splitlines()[0].split(";")
    assert header == list(opendata.CSV_COLUMNS)
    assert 'href="open-data/"' in (built_site / "index.html").read_text(encoding="utf-8")  # in the footer


def _listed_slugs(page_dir) -> set[str]:
    """data-slug of every activity a list page lists, over all its pages (pagina/N/)."""
    pages = [page_dir / "index.html", *sorted((page_dir / "pagina").glob("*/index.html"))]
    return {slug for page in pages for slug in re.findall(r'data-slug="([^"]+)"', page.read_text(encoding="utf-8"))}


def test_open_data_stadsdelen_are_the_stadsdeel_pages_that_list_it(data, catalog, built_site):
    """Read from the built pages: an activity for the whole municipality is in every stadsdeel. A
    paused, stopped or ended activity is on no page; it keeps the stadsdelen of the lists it is in."""
    on_page = {d.key: _listed_slugs(built_site / "stadsdelen" / d.key) for d in catalog.site.areas.districts}
    assert all(on_page.values())
    in_lists = {l.key: {a.slug for a in l.activities} for l in all_listings(catalog) if l.kind == "stadsdeel"}
    everywhere = hidden = 0
    for record in data["activiteiten"]:
        slug = record["slug"]
        listed = {key for key, slugs in on_page.items() if slug in slugs}
        if is_current(catalog, catalog.activity(slug)):
            assert set(record["stadsdelen"]) == listed, slug
            everywhere += listed == set(on_page)
        else:
            assert not listed, slug
            assert set(record["stadsdelen"]) == {key for key, slugs in in_lists.items() if slug in slugs}, slug
            hidden += 1
    assert everywhere and hidden, "the sample has an activity every stadsdeel page lists, and one none lists now"
