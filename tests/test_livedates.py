"""Dates right on the day a page is read (issue 9.2), in real Chromium with the reader's clock set
(`page.clock`) after the build date. Expectations come from /activiteiten.json (the open data,
written by the occurrence engine), never from the page's own script."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from activity_directory.pages import directory

from activity_directory.dates import livedates
from activity_directory.dates.occurrences import TZ
from conftest import REFERENCE, wait_until
import reader_clock
from reader_clock import occurrences_between
from gates import parse

pytestmark = pytest.mark.browser

# The reader: nine days after the build, at noon (so some of today's occurrences are over).
LATER = dt.datetime.combine(REFERENCE + dt.timedelta(days=9), dt.time(12, 0), tzinfo=TZ)

VISIBLE_ENDS = """() => [...document.querySelectorAll('[data-end]')]
  .filter(e => e.getClientRects().length > 0)
  .map(e => ({end: e.dataset.end, start: e.dataset.start || null, text: e.textContent.trim().slice(0, 80)}))"""

LABELS = """() => [...document.querySelectorAll('.live-label')].filter(e => e.getClientRects().length > 0)
  .map(e => { const owner = e.parentElement;
              return {text: e.textContent, day: owner.dataset.day || null, start: owner.dataset.start || null}; })"""


def settle(page):
    """Waits on the home page until its script has drawn the cards from the index (it replaces the
    cards the build wrote, so reading before that compares two different sets of cards)."""
    if page.query_selector("#results") is not None:  # only the home page has it
        wait_until(page, "document.getElementById('results').dataset.ready === 'true'")


@pytest.fixture(scope="module")
def open_data(built_site):
    return json.loads((built_site / "activiteiten.json").read_text(encoding="utf-8"))


def reader_page(browser, moment=LATER, **options):
    return reader_clock.reader_page(browser, moment, **options)


def test_week_page_read_nine_days_later_shows_the_readers_next_seven_days(browser, site_url, open_data):
    context, page = reader_page(browser)
    try:
        page.goto(site_url + "deze-week/")
        today = LATER.date()
        last = today + dt.timedelta(days=6)
        lines = page.eval_on_selector_all(
            "#week-days li[data-start]", "els => els.filter(e => e.getClientRects().length > 0).map(e => [e.dataset.slug, e.dataset.start])")
        shown = {(slug, dt.datetime.fromisoformat(start).isoformat()) for slug, start in lines}
        want = occurrences_between(open_data, today, last, LATER)
        assert want, "the sample content has activities in that week"
        assert shown == want
        assert len(lines) == len(shown)  # none twice
        days = page.eval_on_selector_all("#week-days [data-day]:not(time)", "els => els.filter(e => e.getClientRects().length > 0).map(e => e.dataset.day)")
        assert days == [(today + dt.timedelta(days=n)).isoformat() for n in range(7)]
        # Title and intro say which days.
        title = page.text_content("h1")
        intro = page.text_content("#week-intro")
        assert str(today.day) in title and str(last.day) in title
        assert "woensdag 2 december" in intro and "dinsdag 8 december" in intro
        # Each line shows the age.
        ages = page.eval_on_selector_all("#week-days li .week-place", "els => els.map(e => e.textContent)")
        assert all(re.search(r"jaar|Iedereen", a) for a in ages)
        assert page.console_errors == []
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "deze-week/", "stadsdelen/almere-stad/", "activiteiten/peuter-en-kleutersport-poort/"])
def test_nothing_shown_has_ended_for_a_reader_nine_days_later(browser, site_url, path):
    context, page = reader_page(browser)
    try:
        page.goto(site_url + path)
        settle(page)
        shown = page.evaluate(VISIBLE_ENDS)
        past = [s for s in shown if dt.datetime.fromisoformat(s["end"]) <= LATER]
        assert not past, past[:5]
        assert any(s["start"] for s in shown), "no occurrence shown at all"
        assert page.console_errors == []
    finally:
        context.close()


def test_next_dates_on_an_activity_page_are_the_readers_next_five(browser, site_url, open_data):
    slug = "peuter-en-kleutersport-poort"
    context, page = reader_page(browser)
    try:
        page.goto(site_url + f"activiteiten/{slug}/")
        shown = page.eval_on_selector_all(".next-dates li[data-start]", "els => els.filter(e => e.getClientRects().length > 0).map(e => e.dataset.start)")
        record = next(r for r in open_data["activiteiten"] if r["slug"] == slug)
        future = [o["start"] for o in record["occurrences"] if dt.datetime.fromisoformat(o["end"]) > LATER]
        assert shown == future[:livedates.NEXT_SHOWN]
    finally:
        context.close()


def test_home_cards_are_in_the_readers_date_order(browser, site_url):
    context, page = reader_page(browser)
    try:
        page.goto(site_url)
        wait_until(page, "document.getElementById('results').dataset.ready === 'true'")  # the index, after load
        starts = page.eval_on_selector_all("#cards > li", """els => els.map(li => {
            const t = [...li.querySelectorAll('[data-start]')].find(e => e.getClientRects().length > 0);
            return t ? t.dataset.start : null; })""")
        dated = [dt.datetime.fromisoformat(s) for s in starts if s]
        assert dated == sorted(dated) and dated[0] > LATER - dt.timedelta(hours=12)
        assert all(s is not None for s in starts[:len(dated)])  # undated cards (nothing left) come last
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "deze-week/", "activiteiten/peuter-en-kleutersport-poort/"])
def test_vandaag_and_morgen_label_only_the_readers_today_and_tomorrow(browser, site_url, path):
    context, page = reader_page(browser)
    try:
        page.goto(site_url + path)
        settle(page)
        labels = page.evaluate(LABELS)
        today, tomorrow = LATER.date(), LATER.date() + dt.timedelta(days=1)
        if path == "deze-week/":
            assert [label["day"] for label in labels if "vandaag" in label["text"]] == [today.isoformat()]
        for label in labels:
            day = dt.date.fromisoformat(label["day"]) if label["day"] else dt.datetime.fromisoformat(label["start"]).astimezone(TZ).date()
            word = label["text"].lower()
            assert ("vandaag" in word and day == today) or ("morgen" in word and day == tomorrow), label
        # And no date element says it without a label of the script.
        texts = page.eval_on_selector_all("[data-start], time[data-day]", "els => els.filter(e => e.getClientRects().length > 0).map(e => e.textContent)")
        assert sum("andaag" in t for t in texts) == sum("andaag" in label["text"] for label in labels)
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "deze-week/", "stadsdelen/almere-stad/", "activiteiten/peuter-en-kleutersport-poort/"])
def test_without_javascript_dates_carry_their_weekday_and_the_page_its_day(built_site, catalog, path):
    page = parse(built_site / path / "index.html")
    text = (built_site / path / "index.html").read_text(encoding="utf-8")
    dates = re.findall(r'<(?:time|li)[^>]*data-start="[^"]+"[^>]*>(.*?)</(?:time|li)>', text, re.S)
    assert dates
    weekday = re.compile(r"\b(ma|di|wo|do|vr|za|zo|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b", re.I)
    for shown in dates:
        plain = re.sub(r"<[^>]+>", "", shown)
        assert not re.search(r"vandaag|morgen", plain, re.I), plain
        if re.search(r"\d{1,2} [a-z]", plain):  # a date (not only a time)
            assert weekday.search(plain), plain
    assert "class=\"live-label\"" not in text
    assert f"gemaakt op {livedates.made_on(catalog)}" in text or f"bijgewerkt op {livedates.made_on(catalog)}" in text
    assert any(a.get("data-start") and a.get("data-end") for t, a in page.tags)


def test_occurrence_attributes_are_iso_with_offset(built_site):
    text = (built_site / "index.html").read_text(encoding="utf-8") + (built_site / "deze-week" / "index.html").read_text(encoding="utf-8")
    values = re.findall(r'data-(?:start|end)="([^"]+)"', text)
    assert values
    for value in values:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", value), value
        assert dt.datetime.fromisoformat(value).utcoffset() == dt.datetime.fromisoformat(value).astimezone(TZ).utcoffset()


def test_cards_rendered_by_the_script_equal_the_built_cards(browser, site_url, built_site):
    """The script renders cards from the index; on the build day they show exactly what the built cards show
    (the built cards carry every date of the window, the script's the next few)."""
    normal = lambda html: re.sub(r">\s+<", "><", re.sub(r"\s+", " ", html)).strip()  # noqa: E731
    context = browser.new_context(java_script_enabled=False)
    try:
        static = context.new_page()
        static.goto(site_url)
        built = dict(static.eval_on_selector_all("#cards > li", "els => els.map(e => [e.dataset.slug, e.outerHTML])"))
        visible_part = lambda html: re.sub(r"<time[^>]* hidden[^>]*>.*?</time>", "", html)  # noqa: E731
    finally:
        context.close()
    context, page = reader_page(browser, dt.datetime.combine(REFERENCE, dt.time(0, 5), tzinfo=TZ))
    try:
        page.goto(site_url + "?inloop=1")
        assert page.get_attribute("#results", "data-ready") == "true"
        rendered = page.eval_on_selector_all("#cards > li", """els => els.map(e => {
            const copy = e.cloneNode(true); copy.querySelectorAll('.live-label, [hidden]').forEach(l => l.remove());
            return [e.dataset.slug, copy.outerHTML, e.querySelectorAll('[data-start]').length]; })""")
        assert rendered
        for slug, html, dates in rendered:
            assert normal(html) == normal(visible_part(built[slug])), slug
            assert dates >= min(2, built[slug].count("data-start="))
    finally:
        context.close()
