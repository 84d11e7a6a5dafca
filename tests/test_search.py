"""Search for parents: the index (plain Python) and the box in Chromium.

Expectations come from the domain (catalog, occurrence engine, listings) and
from reading the written index with a decoder of its own, never from the
script. Browser tests wait for the results of the WHOLE query: the results
container carries ``data-query`` with the text its results belong to.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from activity_directory.publish import searchindex
from activity_directory.pages.listings import AGE_GROUPS, all_listings, area_keys, is_current
from activity_directory.content.loading import load_catalog
from activity_directory.dates.occurrences import TZ, occurrences, upcoming
from activity_directory.pages.presentation import activity_url
from conftest import FIXTURES, REFERENCE, REFERENCE_EPOCH, ROOT, build_site, copy_project, serve, wait_until

# -- the normaliser and the decompounder (plain Python) -------------------------------


@pytest.mark.parametrize("text, expected", [
    ("Peutersport", "peutersport"),
    ("CAFÉ Één", "cafe een"),
    ("Baby's en auto’s", "babys en autos"),
    ("ĳsbaan ﬁets", "ijsbaan fiets"),
    ("Zwemmen 3-jarigen", "zwemmen 3-jarigen"),
    ("naïef, crème brûlée, Ærø", "naief, creme brulee, ærø"),
    # Turkish: dotted İ, dotless ı, I and i are one letter for a parent typing
    ("İstanbul YÜZME ılık Işık", "istanbul yuzme ilik isik"),
    ("Pływanie ŁÓDŹ źródło", "plywanie lodz zrodlo"),
    # Arabic: tashkeel gone, alef with hamza or madda is alef, teh marbuta heh, alef maksura yeh, no tatweel
    ("السِّبَاحَة", "السباحه"), ("أطفال إلى آخر", "اطفال الي اخر"), ("مستشفى عـــربي", "مستشفي عربي"),
    # Cyrillic: ё is е, ї is і, й is и (the breve is a mark)
    ("Ёлка ЇЖАК йога", "елка іжак иога"),
])
def test_normalise_removes_accents_and_case(text, expected):
    assert searchindex.normalise(text) == expected


def words(text, vocabulary=None, whole=None):
    return {w for w, is_whole in searchindex.words_of(text, vocabulary) if whole is None or is_whole == whole}


def test_elided_compounds_are_completed():
    vocabulary = searchindex.Vocabulary(["sport", "kleuter", "peuter", "school", "zwemmen"])
    assert {"peuter", "peutersport", "kleutersport"} <= words("Peuter- en kleutersport Poort", vocabulary, whole=True)
    assert "sport" in words("Peuter- en kleutersport Poort", vocabulary, whole=False)
    # a list of elided words, and 'of'
    found = words("Peuter-, kleuter- en schoolsport", vocabulary)
    assert {"peutersport", "kleutersport", "schoolsport"} <= found
    assert "peuterzwemmen" in words("peuter- of kleuterzwemmen", vocabulary)
    # the completing word written with a hyphen: its last part is the shared one
    assert "peutergym" in words("peuter- en kleuter-gym", vocabulary)
    # no conjunction, or a sentence in between: nothing is made up
    assert "peutersport" not in words("peuter- kleutersport", vocabulary)
    assert "peutersport" not in words("Alleen peuter-. En kleutersport", vocabulary)
    # without a vocabulary nothing is split or completed
    assert words("Peuter- en kleutersport", None) == {"peuter", "kleutersport"}


def test_compounds_yield_the_words_the_site_uses():
    vocabulary = searchindex.Vocabulary(["zwemmen", "gym", "speel", "dag", "speeldag", "de", "ter"])
    assert words("Peuterzwemmen", vocabulary, whole=False) == {"zwemmen"}
    assert words("Peutergym", vocabulary, whole=False) == {"gym"}
    assert words("Buitenspeeldag", vocabulary, whole=False) == {"speeldag", "dag"}
    # function words are never parts ("peuter" does not end in the word "ter")
    assert words("peuter", vocabulary, whole=False) == set()
    # hyphenated words: each part and the whole
    assert {"koffie", "ochtend", "koffieochtend"} <= words("Koffie-ochtend", vocabulary)
    # numbers and function words are not words of the index; names with a digit are
    assert words("De 3 peuters en 12 kleuters", vocabulary) == {"peuters", "kleuters"}
    assert words("Sport4Kids 65-plus activiteit-00012", vocabulary) == {"sport4kids", "plus", "activiteit"}


def test_markdown_links_and_tags_are_not_words():
    text = searchindex.plain_text("Lees [de folder](https://example.org/folder.pdf) of mail info@example.org. <b>Vet</b> {: .klein }")
    assert words(text) == {"lees", "folder", "mail", "vet"}


# -- the index of the sample site --------------------------------------------------------


def decode(flat: list[int]) -> dict[int, int]:
    """[weight, count, first, gaps…]… → {document: weight} (independent of search.js)."""
    result, i = {}, 0
    while i < len(flat):
        weight, count = flat[i], flat[i + 1]
        doc = 0
        for n in range(count):
            doc = flat[i + 2 + n] if n == 0 else doc + flat[i + 2 + n]
            result[doc] = weight
        i += 2 + count
    return result


def read_index(site: Path):
    meta = json.loads((site / searchindex.META_FILE).read_text(encoding="utf-8"))
    base = site / meta["v"]
    index: dict[str, dict[int, int]] = {}
    for key in meta["shards"]:
        shard = json.loads((base / "w" / f"{key}.json").read_text(encoding="utf-8"))
        assert shard["w"] == sorted(shard["w"]) and len(shard["w"]) == len(shard["p"])
        for word, flat in zip(shard["w"], shard["p"]):
            assert word.startswith(key) and word not in index
            index[word] = decode(flat)
    per = meta["per"]
    files = [json.loads((base / "a" / f"{n}.json").read_text(encoding="utf-8")) for n in range(-(-meta["n"] // per))]
    docs = [files[i // per][i % per] for i in range(meta["n"])]
    return meta, index, docs


@pytest.fixture(scope="module")
def written(built_site):
    return read_index(built_site)


def test_every_activity_is_a_document_and_nothing_else(written, catalog, built_site):
    meta, _, docs = written
    assert sorted(d["u"] for d in docs) == sorted(a.slug for a in catalog.activities)
    current = [d["u"] for d in docs[:meta["current"]]]
    assert set(current) == {a.slug for a in catalog.activities if is_current(catalog, a)}
    # the only pages the index points to besides activities are list pages (in their own group)
    listing_urls = {listing.url for listing in all_listings(catalog)}
    assert {url for url, *_ in meta["lists"]} <= listing_urls
    assert meta["url"] == activity_url("{}")


def test_each_word_of_an_activity_finds_it_with_the_weight_of_its_field(written, catalog):
    meta, index, docs = written
    slugs = [d["u"] for d in docs]
    site = catalog.site
    for activity in catalog.activities:
        doc = slugs.index(activity.slug)
        title = words(activity.title)
        for word in title:
            assert index[word].get(doc) == searchindex.WEIGHTS["title"], (activity.slug, word)
        checks = {
            "organisation": words(site.organisations[activity.organisation].name),
            "kind": set().union(*(words(site.kinds[k].name) for k in activity.kinds)),
            "place": set().union(*(words(a.name) for loc in activity.locations for a in site.areas.ancestors(loc.area))),
            "keywords": set().union(set(), *(words(k) for k in activity.keywords)),
            "summary": words(activity.summary),
        }
        if activity.cost.free:
            checks["cost"] = {"gratis"}
        if activity.signup.walk_in:
            checks["signup"] = {"inloop"}
        for field, expected in checks.items():
            for word in expected:
                assert index[word].get(doc, 0) >= searchindex.WEIGHTS[field], (activity.slug, field, word)


def test_the_sample_compounds_are_found(written, catalog):
    _, index, docs = written
    slugs = [d["u"] for d in docs]
    target = next(a for a in catalog.activities if a.title == "Peuter- en kleutersport Poort")
    doc = slugs.index(target.slug)
    for word in ("peutersport", "kleutersport", "peuter", "sport"):
        assert doc in index[word], word
    assert index["peutersport"][doc] == searchindex.WEIGHTS["title"]  # completed from the title itself


def test_words_the_site_gives_a_meaning_come_from_its_data(written, catalog):
    meta, _, _ = written
    areas = catalog.site.areas
    keys = [a.key for a in areas.areas.values() if a.key != areas.root.key]
    root_words = words(areas.root.name)
    for index, key in enumerate(keys):
        for word in words(areas.areas[key].name) - root_words:
            if len(word) >= searchindex.MIN_PART:
                assert index in meta["places"][word], (key, word)
    for group in AGE_GROUPS:
        assert meta["ages"][group.key] == [group.low, -1 if group.high is None else group.high]
    assert meta["flags"] == {"gratis": searchindex.FLAG_FREE, "inloop": searchindex.FLAG_WALK_IN}
    # per document: ages, flags and areas as the domain has them
    for i, slug in enumerate(d["u"] for d in written[2]):
        activity = catalog.activity(slug)
        assert meta["age"][2 * i] == activity.age_from
        assert meta["age"][2 * i + 1] == (-1 if activity.age_to is None else activity.age_to)
        assert bool(meta["flag"][i] & searchindex.FLAG_FREE) == activity.cost.free
        found = area_keys(catalog, activity)
        assert bool(meta["flag"][i] & searchindex.FLAG_EVERYWHERE) == (found is None)
        assert {keys[k] for k in meta["area"][i]} == (set(found) - {areas.root.key} if found else set())


def test_list_links_are_real_list_pages(written, catalog, built_site):
    meta, _, _ = written
    urls = {listing.url for listing in all_listings(catalog)}
    assert meta["lists"]
    for url, label, count, needed in meta["lists"]:
        assert url in urls and (built_site / url / "index.html").is_file()
        listing = next(item for item in all_listings(catalog) if item.url == url)
        assert count == sum(1 for a in listing.activities if is_current(catalog, a))
        assert needed and all(needed)


def test_results_store_the_coming_weeks_with_start_and_end(written, catalog):
    _, _, docs = written
    for doc in docs:
        activity = catalog.activity(doc["u"])
        # the next four weeks, the first one after them, and at least three
        later = catalog.today + dt.timedelta(days=searchindex.OCCURRENCE_DAYS)
        window = occurrences(activity, catalog.calendar, catalog.today, later - dt.timedelta(days=1))
        after = upcoming(activity, catalog.calendar, later, count=1)
        soon = upcoming(activity, catalog.calendar, catalog.today, count=searchindex.MIN_OCCURRENCES)
        expected = sorted(set(window) | set(after) | set(soon), key=lambda o: (o.start, o.slot.index))
        assert [o[:2] for o in doc["o"]] == [[o.start.isoformat(), o.end.isoformat()] for o in expected], doc["u"]
        for start, end, *_ in doc["o"]:
            assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", start)
            assert dt.datetime.fromisoformat(end) > dt.datetime.fromisoformat(start)
        if is_current(catalog, activity) and any(s.date is None and not s.valid_until for s in activity.slots):
            last = dt.datetime.fromisoformat(doc["o"][-1][0]).astimezone(TZ).date()
            assert last >= later, doc["u"]  # a weekly activity: a next date for a reader four weeks late
        assert ("s" in doc) == (not is_current(catalog, activity))


def test_every_word_is_in_the_shard_the_script_looks_in(written):
    meta, index, _ = written
    for word in index:
        holders = [k for k in meta["shards"] if word.startswith(k)]
        assert holders, word
    # a two-letter query reaches every word that starts with it
    for prefix in {w[:2] for w in index}:
        keys = [k for k in meta["shards"] if prefix.startswith(k) or k.startswith(prefix)]
        assert keys


def test_every_long_word_is_in_the_list_of_its_length_and_nothing_else(built_site, written):
    """t/<length>.json (issue 20.4, a typo in any letter): each word of the index from TYPO_MIN letters
    is in the list of its length (counted as the script counts, in UTF-16 units), each once, in order."""
    meta, index, _ = written
    base = built_site / meta["v"]
    listed: dict[str, int] = {}
    for length in meta["typo"]:
        words = json.loads((base / "t" / f"{length}.json").read_text(encoding="utf-8"))["w"]
        assert words == sorted(words) and words
        for word in words:
            assert word not in listed and len(word.encode("utf-16-le")) // 2 == length, (word, length)
            listed[word] = length
    assert set(listed) == {w for w in index if len(w) >= searchindex.TYPO_MIN}
    assert sorted(p.name for p in (base / "t").iterdir()) == sorted(f"{n}.json" for n in meta["typo"])


def test_keywords_and_old_names_are_found(tmp_path, catalog):
    content = tmp_path / "content"
    import shutil

    shutil.copytree(ROOT / "content", content)
    path = content / "activities" / "kleutersport-vogelhorst.md"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\nzoekwoorden:.*", "", text)  # the sample's own words make way for the test's
    text = text.replace("\nsoort:", "\nzoekwoorden: [dreumesgym, Trampoline]\naliases: [kleuterturnen-vogelhorst]\nsoort:", 1)
    path.write_text(text, encoding="utf-8")
    changed, problems = load_catalog(content, tmp_path, today=REFERENCE)
    assert not problems, problems
    index = searchindex.build_index(changed)
    meta = json.loads(index.files[searchindex.META_FILE])
    posted = {}
    for name, data in index.files.items():
        if "/w/" in name:
            shard = json.loads(data)
            posted.update({w: decode(p) for w, p in zip(shard["w"], shard["p"])})
    docs = _records(index, meta)
    doc = docs.index("kleutersport-vogelhorst")
    assert posted["dreumesgym"][doc] == searchindex.WEIGHTS["keywords"]
    assert posted["trampoline"][doc] == searchindex.WEIGHTS["keywords"]
    assert posted["kleuterturnen"][doc] == searchindex.WEIGHTS["slug"]


def _records(index, meta) -> list[str]:
    """The result records in result order ('u' of each), read from the files as search.js reads them."""
    return [json.loads(index.files[f"{meta['v']}a/{i // meta['per']}.json"])[i % meta["per"]]["u"] for i in range(meta["n"])]


def test_results_come_in_few_files_each_result_once(catalog):
    index = searchindex.build_index(catalog)
    meta = json.loads(index.files[searchindex.META_FILE])
    files = sorted(name for name in index.files if name.startswith(meta["v"] + "a/"))
    assert meta["per"] > 1 and len(files) == -(-meta["n"] // meta["per"]) > 1
    records = _records(index, meta)
    assert sorted(records) == sorted(set(records)) and len(records) == meta["n"]
    assert all(len(json.loads(index.files[name])) <= meta["per"] for name in files)


def test_another_municipality_gets_its_own_places(tmp_path):
    almelo, problems = load_catalog(FIXTURES / "almelo" / "content", FIXTURES / "almelo", today=REFERENCE)
    assert not problems
    index = searchindex.build_index(almelo)
    meta = json.loads(index.files[searchindex.META_FILE])
    areas = almelo.site.areas
    expected = set().union(*(words(a.name) for a in areas.areas.values() if a.key != areas.root.key)) - words(areas.root.name)
    assert {w for w in expected if len(w) >= searchindex.MIN_PART} == set(meta["places"])
    assert all("almere" not in data.decode("utf-8").lower() for data in index.files.values())


# -- in Chromium -----------------------------------------------------------------------

BOX = "#site-search-panel"


def query_results(page, text: str, where: str = BOX, typed: bool = False) -> list[str]:
    """Type ``text`` and return the slugs shown once the results are those of the whole text."""
    box = page.locator(f"{where} input[type=search]")
    if not box.is_visible():
        page.click(".site-search__toggle")
    if typed:
        box.fill("")
        box.press_sequentially(text)
    else:
        box.fill(text)
    wait_until(page, f"document.querySelector('{where} .site-search__results').dataset.query === {json.dumps(text)}")
    return page.eval_on_selector_all(f"{where} .search-hit", "els => els.map(e => e.dataset.slug)")


def all_results(page, site_url: str, text: str) -> list[str]:
    """Every result of the page /zoeken/ ('Toon meer' until all are shown)."""
    from urllib.parse import quote

    page.goto(f"{site_url}zoeken/?q={quote(text)}")
    where = ".search-page"
    wait_until(page, f"document.querySelector('{where} .site-search__results').dataset.query === {json.dumps(text)}")
    for _ in range(100):
        more = page.locator(f"{where} .search-more")
        if not more.count():
            break
        shown = page.locator(f"{where} .search-hit").count()
        more.click()
        wait_until(page, f"document.querySelectorAll('{where} .search-hit').length > {shown}")
    return page.eval_on_selector_all(f"{where} .search-hit", "els => els.map(e => e.dataset.slug)")


@pytest.fixture
def desktop(browser, site_url):
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []
    tab.requested = []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("request", lambda r: tab.requested.append(r.url))
    yield tab
    context.close()


def _the(catalog, title: str):
    found = [a for a in catalog.activities if a.title == title]
    assert found, f"de voorbeeldinhoud heeft geen '{title}' meer"
    return found[0].slug


@pytest.mark.browser
@pytest.mark.parametrize("text", ["peutersport", "kleutersport", "peuter sport", "peut", "Peuter- en kleutersport"])
def test_parents_words_find_peuter_en_kleutersport(page, site_url, catalog, text):
    page.goto(site_url)
    slugs = query_results(page, text)
    assert _the(catalog, "Peuter- en kleutersport Poort") in slugs[:3], slugs
    assert page.console_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("text", ["zwemmen", "peuterzwemmen", "zwem"])
def test_a_word_inside_a_compound_or_a_kind_finds_swimming(page, site_url, catalog, text):
    swimming = {a.slug for a in catalog.activities if "zwemmen" in a.kinds}
    assert swimming
    page.goto(site_url)
    slugs = query_results(page, text)
    assert slugs and slugs[0] in swimming and set(slugs[:3]) & swimming, slugs


@pytest.mark.browser
def test_results_are_activities_only_with_lists_in_their_own_group(desktop, site_url, catalog):
    desktop.goto(site_url)
    for text in ("peuter", "redacteur", "open data", "poort", "3 jaar", "gratis", "zoeken"):
        query_results(desktop, text)
        hits = desktop.eval_on_selector_all(f"{BOX} .search-hit", "els => els.map(e => [e.dataset.slug, e.querySelector('a').href])")
        for slug, href in hits:
            assert slug in catalog.by_slug and href.endswith(activity_url(slug)), (text, href)
        text_shown = desktop.text_content(f"{BOX} .site-search__results")
        assert "document" not in text_shown.lower()
        links = desktop.eval_on_selector_all(f"{BOX} .search-lists a", "els => els.map(e => e.getAttribute('href'))")
        if links:  # a separate group, after the activities, with its own label
            label = desktop.eval_on_selector(f"{BOX} .search-lists", "e => document.getElementById(e.getAttribute('aria-labelledby')).textContent")
            assert label == "Lijsten"
            order = desktop.eval_on_selector_all(f"{BOX} .search-hits, {BOX} .search-lists", "els => els.map(e => e.className)")
            assert order[-1] == "search-lists"
    assert desktop.errors == []


@pytest.mark.browser
def test_accents_and_capitals_never_matter(desktop, site_url):
    desktop.goto(site_url)
    plain = query_results(desktop, "peutersport")
    assert plain
    for text in ("PEUTERSPORT", "Péutersport", "peutersport ", "Peutérsport"):
        assert query_results(desktop, text) == plain, text
    assert query_results(desktop, "cafe") == query_results(desktop, "Café")


@pytest.mark.browser
def test_the_script_normalises_as_the_index_does(desktop, site_url):
    desktop.goto(site_url)
    samples = ["Peuter- en kleutersport", "CAFÉ Één", "Baby's en auto’s", "ĳsbaan ﬁets", "naïef crème brûlée Ærø",
               "Ångström Łódź İstanbul straße", "3½ jaar", "YÜZME ılık Işık", "السِّبَاحَة أطفال إلى آخر مستشفى عـــربي",
               "Ёлка ЇЖАК йога Плавання", "PŁYWANIE"]
    for text in samples:
        assert desktop.evaluate("t => window.siteSearchNormalise(t)", text) == searchindex.normalise(text), text


@pytest.mark.browser
def test_typing_letter_by_letter_ends_with_the_results_of_the_whole_word(desktop, site_url):
    desktop.goto(site_url)
    typed = query_results(desktop, "peutersport", typed=True)
    assert typed == query_results(desktop, "peutersport")


def _current(catalog, slugs):
    return [s for s in slugs if is_current(catalog, catalog.activity(s))]


@pytest.mark.browser
def test_an_age_ranks_the_activities_for_that_age_first(desktop, site_url, catalog):
    for text, years in (("3 jaar", 3), ("3-jarige", 3), ("kind van 1,5 jaar", 1.5), ("drie jaar", 3)):
        slugs = all_results(desktop, site_url, text)
        fits = {a.slug for a in catalog.activities if a.age_from <= years <= (a.age_to if a.age_to is not None else 200)}
        assert fits and fits <= set(slugs), text
        ranked = _current(catalog, slugs)
        first = ranked[: len(fits & {s for s in ranked})]
        assert set(first) <= fits, (text, first)
        # the narrowest ranges first: no activity for everyone before one for toddlers
        spans = [(catalog.activity(s).age_to or 100) - catalog.activity(s).age_from for s in first]
        assert all(not (a > 4 and b <= 4) for a, b in zip(spans, spans[1:])), (text, spans)
    # 65+ courses and the editor guide never come first for a child's age
    slugs = all_results(desktop, site_url, "3 jaar")
    assert all(catalog.activity(s).age_from < 18 for s in slugs[:5])


@pytest.mark.browser
def test_gratis_ranks_free_activities_first(desktop, site_url, catalog):
    slugs = _current(catalog, all_results(desktop, site_url, "gratis"))
    free = [catalog.activity(s).cost.free for s in slugs]
    assert any(free) and free == sorted(free, reverse=True), slugs
    assert {a.slug for a in catalog.activities if a.cost.free and is_current(catalog, a)} <= set(slugs)


@pytest.mark.browser
@pytest.mark.parametrize("word", ["poort", "haven"])
def test_a_place_ranks_the_activities_there_first(desktop, site_url, catalog, word):
    areas = catalog.site.areas
    district = next(a for a in areas.districts if word in words(a.name))
    slugs = _current(catalog, all_results(desktop, site_url, word))
    there = [area_keys(catalog, catalog.activity(s)) is not None and district.key in area_keys(catalog, catalog.activity(s)) for s in slugs]
    assert any(there) and there == sorted(there, reverse=True), slugs
    expected = {a.slug for a in catalog.activities if is_current(catalog, a) and (area_keys(catalog, a) or set()) & {district.key}}
    assert expected <= set(slugs)
    # and the list page of the place, in the group of lists
    lists = desktop.eval_on_selector_all(".search-page .search-lists a", "els => els.map(e => [e.getAttribute('href'), e.textContent])")
    assert any(href.endswith(f"stadsdelen/{district.key}/") and text == f"Alles in {district.name}" for href, text in lists), lists


@pytest.mark.browser
def test_result_shows_next_date_place_and_age(desktop, site_url, catalog):
    desktop.goto(site_url)
    slug = _the(catalog, "Peuter- en kleutersport Poort")
    query_results(desktop, "peutersport")
    item = desktop.locator(f"{BOX} .search-hit[data-slug='{slug}']")
    activity = catalog.activity(slug)
    from activity_directory.dates import wording

    assert wording.age(activity) in item.text_content()
    assert activity.locations[0].name in item.text_content()
    start = item.locator("time").get_attribute("data-start")
    assert start == item.locator("time").get_attribute("datetime")
    assert "documenten" not in desktop.text_content(BOX)


@pytest.mark.browser
def test_next_date_is_right_on_the_day_it_is_read(browser, site_url, catalog):
    """Nine days after the build, the date shown is the first occurrence that has not ended by then."""
    later = dt.datetime.fromtimestamp(REFERENCE_EPOCH, dt.timezone.utc) + dt.timedelta(days=9, hours=-3)
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900}, timezone_id="Europe/Amsterdam")
    page = context.new_page()
    try:
        page.clock.install(time=later)
        page.goto(site_url)
        slugs = query_results(page, "gratis")
        assert slugs
        for slug in slugs:
            item = page.locator(f"{BOX} .search-hit[data-slug='{slug}'] time")
            activity = catalog.activity(slug)
            remaining = [o for o in occurrences(activity, catalog.calendar, catalog.today, catalog.today + dt.timedelta(days=40))
                         if o.end > later]
            if not remaining:
                assert item.count() == 0
                continue
            assert item.get_attribute("data-start") == remaining[0].start.isoformat(), slug
            assert dt.datetime.fromisoformat(item.get_attribute("data-end")) > later
    finally:
        context.close()


@pytest.mark.browser
def test_keyboard_only_on_a_wide_screen(desktop, site_url, catalog):
    desktop.goto(site_url)
    for _ in range(15):
        desktop.keyboard.press("Tab")
        if desktop.evaluate("document.activeElement.id") == "site-search-q":
            break
    assert desktop.evaluate("document.activeElement.id") == "site-search-q"
    desktop.keyboard.type("kleutersport")
    wait_until(desktop, f"document.querySelector('{BOX} .site-search__results').dataset.query === 'kleutersport'")
    assert desktop.is_visible(f"{BOX} .site-search__results")
    desktop.keyboard.press("ArrowDown")
    first = desktop.eval_on_selector(f"{BOX} .search-hit", "e => e.dataset.slug")
    assert desktop.evaluate("document.activeElement.closest('.search-hit').dataset.slug") == first
    # the focused result is visible and announced: the status says how many were found
    wait_until(desktop, f"/gevonden/.test(document.querySelector('{BOX} .site-search__status').textContent)")
    assert desktop.get_attribute(f"{BOX} .site-search__status", "role") == "status"
    desktop.keyboard.press("Escape")
    assert desktop.evaluate("document.activeElement.id") == "site-search-q"
    assert not desktop.is_visible(f"{BOX} .site-search__results")
    # Enter submits: the page /zoeken/ shows the results of the same words
    desktop.keyboard.press("Enter")
    desktop.wait_for_url(re.compile(r"/zoeken/\?q=kleutersport$"))
    wait_until(desktop, "document.querySelector('.search-page .site-search__results').dataset.query === 'kleutersport'")
    assert desktop.eval_on_selector(".search-page .search-hit", "e => e.dataset.slug") == first
    desktop.keyboard.press("Tab")  # from the page's box on to its own button
    desktop.focus(".search-page .search-hit a")
    desktop.keyboard.press("Enter")
    desktop.wait_for_url(re.compile(re.escape(activity_url(first)) + "$"))
    assert desktop.errors == []


@pytest.mark.browser
def test_keyboard_only_on_a_phone(page, site_url):
    page.goto(site_url)
    assert not page.is_visible("#site-search-q")
    toggle = page.locator(".site-search__toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert toggle.evaluate("e => e.tagName") == "BUTTON" and "Zoeken" in toggle.text_content()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('site-search__toggle')"):
            break
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert page.evaluate("document.activeElement.id") == "site-search-q"
    page.keyboard.type("zwemmen")
    wait_until(page, f"document.querySelector('{BOX} .site-search__results').dataset.query === 'zwemmen'")
    assert page.is_visible(f"{BOX} .search-hit")
    page.keyboard.press("Escape")
    assert toggle.get_attribute("aria-expanded") == "false" and not page.is_visible("#site-search-q")
    assert page.evaluate("document.activeElement.classList.contains('site-search__toggle')")
    assert page.console_errors == []


@pytest.mark.browser
def test_nothing_found_says_so_in_dutch(desktop, site_url):
    desktop.goto(site_url)
    assert query_results(desktop, "qqqxyzzy") == []
    text = desktop.text_content(f"{BOX} .site-search__results")
    assert "Geen activiteiten gevonden voor ‘qqqxyzzy’" in text
    query_results(desktop, "p")
    wait_until(desktop, f"document.querySelector('{BOX} .site-search__status').textContent === 'Typ minstens 2 letters.'")


@pytest.mark.browser
def test_a_search_only_asks_this_site_for_small_files(desktop, site_url):
    desktop.goto(site_url, wait_until="networkidle")
    start = desktop.evaluate("performance.now()")
    query_results(desktop, "peuter sport gratis")
    after = desktop.evaluate("t => performance.getEntriesByType('resource').filter(e => e.startTime >= t).map(e => e.name)", start)
    assert after and all(u.startswith(site_url + "zoekindex/") for u in after), after
    assert all(u.startswith(site_url) for u in desktop.requested)


@pytest.mark.browser
def test_without_javascript_the_header_links_to_an_honest_page(browser, site_url, catalog):
    for viewport in ({"width": 390, "height": 844}, {"width": 1280, "height": 900}):
        context = browser.new_context(java_script_enabled=False, viewport=viewport, locale="nl-NL")
        page = context.new_page()
        try:
            page.goto(site_url)
            assert not page.is_visible("#site-search-q") and not page.is_visible(".site-search__toggle")
            link = page.locator(".site-search__nojs")
            assert link.is_visible() and link.text_content().strip() == "Zoeken"
            link.click()
            page.wait_for_url(re.compile(r"/zoeken/$"))
            assert page.is_visible(".search-page__nojs") and "JavaScript" in page.text_content(".search-page__nojs")
            assert not page.is_visible("#search-page-q")
            hrefs = page.eval_on_selector_all(".search-page__lists a", "els => els.map(e => e.getAttribute('href'))")
            for listing in all_listings(catalog):
                if listing.kind in ("stadsdeel", "leeftijd", "soort"):
                    assert any(h.endswith(listing.url) for h in hrefs), listing.url
        finally:
            context.close()


@pytest.mark.browser
def test_search_page_works_from_its_address(desktop, site_url, catalog):
    slugs = all_results(desktop, site_url, "kleutersport")
    assert _the(catalog, "Peuter- en kleutersport Poort") in slugs[:3]
    assert desktop.input_value("#search-page-q") == "kleutersport"
    wait_until(desktop, "/gevonden/.test(document.querySelector('.search-page .site-search__status').textContent)")
    status = desktop.text_content(".search-page .site-search__status")
    assert re.match(rf"^{len(slugs)} activiteit(en)? gevonden voor ‘kleutersport’\.$", status), status


@pytest.mark.browser
def test_a_word_from_a_description_finds_its_activity(desktop, site_url, catalog):
    # A word that occurs in exactly one activity's description and in no title or summary.
    found: dict[str, set[str]] = {}
    for activity in catalog.activities:
        for word in set(re.findall(r"[a-z]{9,}", activity.body.lower())):
            found.setdefault(word, set()).add(activity.slug)
    word, slug = next((w, next(iter(s))) for w, s in sorted(found.items()) if len(s) == 1
                      and not any(w in a.title.lower() or w in a.summary.lower() for a in catalog.activities))
    desktop.goto(site_url)
    for typed in (word, word.capitalize(), word[:6]):
        assert slug in query_results(desktop, typed), typed


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [{"width": 390, "height": 844}, {"width": 1280, "height": 900}])
def test_open_search_with_results_has_no_axe_violations(browser, site_url, viewport):
    from test_accessibility import axe_violations

    context = browser.new_context(locale="nl-NL", bypass_csp=True, viewport=viewport)
    page = context.new_page()
    try:
        page.goto(site_url)
        query_results(page, "peuter poort")
        assert page.locator(f"{BOX} .search-hit").count() and page.locator(f"{BOX} .search-lists").count()
        assert axe_violations(page) == []
        page.goto(site_url + "zoeken/?q=gratis")
        wait_until(page, "document.querySelector('.search-page .site-search__results').dataset.query === 'gratis'")
        assert axe_violations(page) == []
    finally:
        context.close()


@pytest.mark.browser
def test_a_failing_index_is_said_plainly_not_silently(desktop, site_url):
    desktop.route(re.compile(r".*/zoekindex/[0-9a-f]+/w/.*"), lambda route: route.abort())
    desktop.goto(site_url)
    assert query_results(desktop, "peutersport") == []
    text = desktop.text_content(f"{BOX} .site-search__results")
    assert "Zoeken lukt nu niet" in text
    link = desktop.get_attribute(f"{BOX} .site-search__results a", "href")
    assert link.endswith("/zoeken/")
    wait_until(desktop, f"document.querySelector('{BOX} .site-search__status').textContent === 'Zoeken lukt nu niet.'")
