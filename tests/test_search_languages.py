"""Search in every language (issue 18 part 6): each language of ``talen`` has its own index under
``zoekindex/<code>/`` whose kinds, age groups and search words are that language's, with the Dutch
words still found; the pages /<code>/zoeken/ and the header box load it, and results link within
the language. The expected activities come from the open data (/activiteiten.json), not from
the index."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from activity_directory.publish import searchindex
from conftest import ROOT, wait_until

from test_search import query_results


def _open_data(site) -> list[dict]:
    data = json.loads((site / "activiteiten.json").read_text(encoding="utf-8"))
    return data["activiteiten"] if isinstance(data, dict) else data


def _of_kind(site, kind: str) -> set[str]:
    found = {a["slug"] for a in _open_data(site) if kind in a.get("soort", [])}
    assert found, f"de voorbeeldinhoud heeft geen activiteit van de soort '{kind}' meer"
    return found


def _meta(site, code: str) -> dict:
    return json.loads((site / searchindex.meta_file(code)).read_text(encoding="utf-8"))


def test_each_language_has_its_own_index_and_the_dutch_one_keeps_its_place(built_site, catalog):
    codes = [lang.code for lang in catalog.site.languages]
    assert codes[0] == "nl" and len(codes) > 1
    dutch = _meta(built_site, "nl")
    assert searchindex.meta_file("nl") == "zoekindex/meta.json"
    assert dutch["url"] == "activiteiten/{}/" and not dutch["v"].startswith("zoekindex/en/")
    for code in codes[1:]:
        meta = _meta(built_site, code)
        assert meta["v"].startswith(f"zoekindex/{code}/")
        assert (built_site / meta["v"]).is_dir()
        assert meta["url"] == f"{code}/activiteiten/{{}}/"
        assert meta["n"] == dutch["n"]
        assert all(link[0].startswith(f"{code}/") for link in meta["lists"])
        assert (built_site / meta["lists"][0][0] / "index.html").is_file()
        # the Dutch meanings stay; the language adds its own
        assert set(dutch["ages"]) < set(meta["ages"]) and set(dutch["flags"]) <= set(meta["flags"])


def test_the_model_rejects_an_unknown_key_in_a_translation(tmp_path):
    import shutil

    from activity_directory.content.loading import load_catalog
    from conftest import ROOT

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    path = content / "soorten.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('      zoekwoorden: ["swimming"', '      zoekwoordn: ["swimming"', 1), encoding="utf-8")
    loaded, problems = load_catalog(content, ROOT)
    assert loaded is None or problems
    assert any("soorten.yml" in str(p.path) and "zoekwoordn" in p.message for p in problems), problems


def _results_page(page, site_url: str, code: str, text: str) -> list[str]:
    page.goto(f"{site_url}{'' if code == '.' else code + '/'}zoeken/?q={quote(text)}")
    wait_until(page, f"document.querySelector('.search-page .site-search__results').dataset.query === {json.dumps(text)}")
    return page.eval_on_selector_all(".search-page .search-hit", "els => els.map(e => e.dataset.slug)")


@pytest.fixture
def reader(browser, site_url):
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    tab = context.new_page()
    tab.errors, tab.requested = [], []
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("request", lambda r: tab.requested.append(r.url))
    yield tab
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("code, text", [("en", "swimming"), ("en", "Swim"), ("pl", "pływanie"), ("pl", "PLYWANIE"),
                                        ("tr", "yüzme"), ("tr", "YÜZME"), ("ar", "سِبَاحَة"), ("uk", "плавання"),
                                        ("en", "zwemmen")])
def test_the_swimming_activities_are_found_in_each_language(reader, site_url, built_site, code, text):
    swimming = _of_kind(built_site, "zwemmen")
    found = _results_page(reader, site_url, code, text)
    assert swimming <= set(found[:len(swimming)]), (text, found)  # the swimming activities first
    links = reader.eval_on_selector_all(".search-page a.search-hit__title", "els => els.map(e => e.href)")
    assert links and all(link.startswith(f"{site_url}{code}/activiteiten/") for link in links), links
    titles = reader.eval_on_selector_all(".search-page .search-hit", "els => els.map(e => [e.dataset.slug, e.querySelector('a.search-hit__title').lang])")
    translated = {p.name.split(".")[0] for p in (ROOT / "content" / "activities").glob(f"*.{code}.md")}
    # the editors' Dutch titles are marked (WCAG 3.1.2); a translated one is in the page's language
    assert titles and all(lang == ("" if slug in translated else "nl") for slug, lang in titles), titles
    assert any(f"/zoekindex/{code}/meta.json" in url for url in reader.requested)
    assert not any(url.endswith("/zoekindex/meta.json") for url in reader.requested)
    assert reader.errors == []


@pytest.mark.browser
def test_the_header_box_on_the_english_home_page_finds_swimming_in_english(reader, site_url, built_site):
    swimming = _of_kind(built_site, "zwemmen")
    reader.goto(f"{site_url}en/")
    found = query_results(reader, "swimming")
    assert swimming <= set(found), found
    wait_until(reader, "document.querySelector('#site-search-panel .site-search__status').textContent !== ''")
    status = reader.locator("#site-search-panel .site-search__status").text_content()
    assert "found for" in status and "gevonden" not in status, status
    group = reader.locator("#site-search-panel .search-group").first.text_content()
    assert group == "Activities"
    first = reader.locator("#site-search-panel a.search-hit__title").first
    assert first.get_attribute("href").startswith(f"{site_url}en/activiteiten/")
    first.click()
    reader.wait_for_url(f"{site_url}en/activiteiten/**")
    assert reader.evaluate("document.documentElement.lang") == "en"
    assert reader.errors == []


@pytest.mark.browser
def test_an_age_group_in_english_ranks_the_activities_for_that_age_first(reader, site_url, catalog):
    toddlers = {a.slug for a in catalog.activities if a.age_from <= 3 and (a.age_to is None or a.age_to >= 2)}
    found = _results_page(reader, site_url, "en", "toddler")
    assert found and set(found[:3]) <= toddlers, found


@pytest.mark.browser
def test_the_english_search_page_speaks_english(reader, site_url):
    reader.goto(f"{site_url}en/zoeken/?q={quote('xqzvw')}")
    wait_until(reader, "document.querySelector('.search-page .site-search__results').dataset.query === 'xqzvw'")
    message = reader.locator(".search-page .search-message").first.text_content()
    assert message.startswith("No activities found for"), message
    assert reader.locator("h1").text_content() == "Search"
    assert reader.evaluate("document.title").startswith("Search")
    lists = reader.eval_on_selector_all(".search-page__lists a", "els => els.map(e => e.href)")
    assert lists and all(link.startswith(f"{site_url}en/") for link in lists)
    assert reader.errors == []


# -- issue 20.4: a typo is forgiven -------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("code, right, wrong", [("nl", "peutersport", "peutrsport"), ("nl", "peutersport", "peuetrsport"),
                                                ("nl", "zwemmen", "zwemmne"), ("en", "swimming", "swimmmig")])
def test_a_typo_in_a_long_word_finds_what_the_word_finds(reader, site_url, code, right, wrong):
    prefix = "" if code == "nl" else f"{code}/"
    reader.goto(f"{site_url}{prefix}zoeken/?q={quote(right)}")
    wait_until(reader, f"document.querySelector('.search-page .site-search__results').dataset.query === {json.dumps(right)}")
    expected = reader.eval_on_selector_all(".search-page .search-hit", "els => els.map(e => e.dataset.slug)")
    assert expected
    reader.goto(f"{site_url}{prefix}zoeken/?q={quote(wrong)}")
    wait_until(reader, f"document.querySelector('.search-page .site-search__results').dataset.query === {json.dumps(wrong)}")
    found = reader.eval_on_selector_all(".search-page .search-hit", "els => els.map(e => e.dataset.slug)")
    assert found and found[0] == expected[0], (wrong, found, expected)
    assert reader.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("code", ["nl", "en"])
@pytest.mark.parametrize("right, wrong", [("peutersport", "eutersport"), ("peutersport", "ppeutersport"),
                                          ("peutersport", "oeutersport"), ("peutersport", "epuetrsport"),
                                          ("peutergym", "eputergym")])
def test_a_typo_in_the_first_letters_is_forgiven_too(reader, site_url, built_site, code, right, wrong):
    """A letter missing, extra, wrong or swapped at the start (the word files are split by first letters):
    the activities with the word in their title (from the open data; 'Peuter- en kleutersport' has
    'peutersport') are found, one of them first, and all that the word itself finds."""
    parts = ("peuter", "sport") if right == "peutersport" else (right,)
    titled = {a["slug"] for a in _open_data(built_site)
              if all(p in a["titel"].lower().replace("-", "") for p in parts)}
    assert titled
    prefix = "" if code == "nl" else f"{code}/"
    expected = _results_page(reader, site_url, prefix.rstrip("/") or ".", right)
    reader.requested.clear()
    found = _results_page(reader, site_url, prefix.rstrip("/") or ".", wrong)
    assert titled <= set(found), (wrong, found, titled)
    assert set(expected) <= set(found) and found[0] in titled, (wrong, found, expected)
    lengths = [u for u in reader.requested if "/t/" in u and "/zoekindex/" in u]
    assert lengths, "geen woordenlijst per lengte gevraagd"
    assert reader.errors == []


@pytest.mark.browser
@pytest.mark.parametrize("code, wrong", [("nl", "swemmen"), ("nl", "wzemmen"), ("en", "wimming"), ("en", "zwimming")])
def test_a_first_letter_typo_in_a_shorter_word_finds_its_kind(reader, site_url, built_site, code, wrong):
    swimming = _of_kind(built_site, "zwemmen")
    found = _results_page(reader, site_url, code if code != "nl" else ".", wrong)
    assert swimming <= set(found[:len(swimming)]), (wrong, found, swimming)
    assert reader.errors == []


@pytest.mark.browser
def test_a_short_word_with_a_typo_is_not_guessed(reader, site_url):
    reader.goto(f"{site_url}zoeken/?q=gyn")  # 'gym' is a word, but three letters are too few to guess from
    wait_until(reader, "document.querySelector('.search-page .site-search__results').dataset.query === 'gyn'")
    assert reader.locator(".search-page .search-hit").count() == 0


@pytest.mark.browser
def test_a_word_that_starts_a_place_name_ranks_its_own_kind_first(reader, site_url, built_site, catalog):
    """'muziek' is the start of the wijk Muziekwijk: music activities come before an activity there."""
    music = _of_kind(built_site, "muziek")
    areas = catalog.site.areas.areas
    assert any(a.name.lower().startswith("muziek") and a.name.lower() != "muziek" for a in areas.values())
    found = _results_page(reader, site_url, ".", "muziek")
    current = [s for s in found if s in music]
    assert current and found[:len(current)] == current, found


# -- issue 20.4: related words of a soort (soorten.yml 'verwant') -------------------------


def _titled(site, word: str) -> set[str]:
    return {a["slug"] for a in _open_data(site) if word in a["titel"].lower().replace("-", "")}


@pytest.mark.browser
def test_related_words_find_each_other_but_not_another_age(reader, site_url, built_site):
    gym, sport = _titled(built_site, "peutergym"), _titled(built_site, "peuter- en kleutersport".replace("-", ""))
    kleuter_only = {a["slug"] for a in _open_data(built_site) if a["titel"].lower().startswith("kleutersport")}
    assert gym and kleuter_only
    found = _results_page(reader, site_url, ".", "peutersport")
    assert gym <= set(found), found  # Peutergym, found by 'peutersport'
    found = _results_page(reader, site_url, ".", "peutergym")
    assert gym <= set(found[:len(gym)])  # its own word still first
    assert not kleuter_only & set(found), found  # 'kleutersport' is another group


SAMPLE = "peuterzwemmen-haven"  # content/activities/peuterzwemmen-haven.en.md: the sample translation


@pytest.mark.browser
def test_an_editors_translated_title_is_found_and_shown_in_its_language_only(reader, site_url, built_site):
    translation = (ROOT / "content" / "activities" / f"{SAMPLE}.en.md").read_text(encoding="utf-8")
    english_title = next(line for line in translation.splitlines() if line.startswith("titel: "))[len("titel: "):]
    found = _results_page(reader, site_url, "en", "confidence")  # a word only the English title has
    assert found[:1] == [SAMPLE], found
    hit = reader.locator(f'.search-page .search-hit[data-slug="{SAMPLE}"] a.search-hit__title')
    assert hit.inner_text() == english_title and hit.get_attribute("lang") is None
    assert SAMPLE not in _results_page(reader, site_url, "pl", "confidence")  # Polish has no such translation
    assert reader.errors == []
