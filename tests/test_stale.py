"""Issue 20, parts 1 and 2, in real Chromium at 390 x 844 with the reader's clock moved (`page.clock`):

1. A page read after the dates it carries never claims there is nothing on: it says from which day its
   dates are and links to the agenda and the feeds, still lists every activity, keeps weekly activities
   above far one-off dates, and 'Deze week' says it does not know rather than "0" or "Geen activiteiten".
2. With a day or part-of-day filter, each card shows the next session that matches it.

Expectations come from the content model (which activities repeat weekly) and /activiteiten.json (the
open data, written by the occurrence engine), never from the page's own script."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from activity_directory.dates import livedates, wording
from activity_directory.dates.occurrences import TZ
from activity_directory.pages import directory
from conftest import REFERENCE, wait_until
from reader_clock import occurrences_between, reader_page

pytestmark = pytest.mark.browser

VISIBLE = "els => els.filter(e => e.getClientRects().length > 0)"
READY = "document.getElementById('results').dataset.ready === 'true'"


def moment(days: int, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(REFERENCE + dt.timedelta(days=days), dt.time(hour, 0), tzinfo=TZ)


@pytest.fixture(scope="module")
def open_data(built_site):
    return json.loads((built_site / "activiteiten.json").read_text(encoding="utf-8"))


def visible_text(page) -> str:
    return page.evaluate("() => document.querySelector('.md-content').innerText")


def assert_stale_notice(page):
    notices = page.eval_on_selector_all(".stale-notice", VISIBLE + ".map(e => e.innerText)")
    assert len(notices) == 1, notices
    # The build day in words, from the wording module (not from the page's script).
    assert wording.date(REFERENCE) in notices[0]
    links = page.eval_on_selector_all(".stale-notice a", "els => els.map(a => a.getAttribute('href'))")
    assert any(h.endswith("agenda/") for h in links) and any(h.endswith("agenda.ics") for h in links), links


@pytest.mark.parametrize("days", [30, 60])
@pytest.mark.parametrize("path", ["", "deze-week/", "stadsdelen/almere-stad/", "activiteiten/peuter-en-kleutersport-poort/"])
def test_a_page_read_after_its_dates_says_so_and_never_says_nothing_is_on(browser, site_url, path, days):
    context, page = reader_page(browser, moment(days))
    try:
        page.goto(site_url + path)
        if path == "":
            wait_until(page, READY)
        if path == "deze-week/":
            wait_until(page, "document.getElementById('week-days').querySelector('.week-day[data-day=\\'%s\\']') !== null"
                       % moment(days).date().isoformat())
        if days >= livedates.STALE_DAYS:
            assert_stale_notice(page)
        else:  # the page still holds the dates: no notice
            assert page.eval_on_selector_all(".stale-notice", VISIBLE + ".length") == 0
        text = visible_text(page)
        if path != "deze-week/" or days >= livedates.LIVE_DAYS:  # a day the index holds may be empty (checked below)
            assert "Geen activiteiten" not in text
        assert "0 activiteiten" not in text
        assert page.console_errors == []
    finally:
        context.close()


@pytest.mark.parametrize("days", [0, 9, livedates.STALE_DAYS - 1])
def test_no_stale_notice_while_the_page_holds_the_dates(browser, site_url, days):
    context, page = reader_page(browser, moment(days))
    try:
        for path in ("", "deze-week/", "stadsdelen/almere-stad/", "activiteiten/peuter-en-kleutersport-poort/"):
            page.goto(site_url + path)
            assert page.eval_on_selector_all(".stale-notice", VISIBLE + ".length") == 0, path
    finally:
        context.close()


@pytest.mark.parametrize("days", [30, 60])
def test_week_page_is_right_or_says_it_does_not_know(browser, site_url, open_data, days):
    at = moment(days)
    context, page = reader_page(browser, at)
    try:
        page.goto(site_url + "deze-week/")
        today = at.date()
        wait_until(page, "document.querySelector('.week-day[data-day=\\'%s\\']') !== null" % today.isoformat())
        sections = page.eval_on_selector_all("#week-days .week-day", VISIBLE + """.map(s => ({
            day: s.dataset.day, unknown: !!s.querySelector('.week-unknown:not([hidden])'),
            none: !!s.querySelector('.week-none:not([hidden])'),
            lines: [...s.querySelectorAll('li[data-start]')].map(li => [li.dataset.slug, li.dataset.start])}))""")
        assert [s["day"] for s in sections] == [(today + dt.timedelta(days=n)).isoformat() for n in range(7)]
        count = page.text_content("#count")
        known = [s for s in sections if (dt.date.fromisoformat(s["day"]) - REFERENCE).days < livedates.LIVE_DAYS]
        unknown = [s for s in sections if s not in known]
        # Days the index holds: exactly the engine's sessions of that day (from the open data).
        for s in known:
            day = dt.date.fromisoformat(s["day"])
            want = occurrences_between(open_data, day, day, at)
            assert {(slug, dt.datetime.fromisoformat(start).isoformat()) for slug, start in s["lines"]} == want, s["day"]
            assert not s["unknown"] and s["none"] == (not want)
        # Days past it say "we weten het niet", none says there is nothing.
        for s in unknown:
            assert s["unknown"] and not s["none"] and not s["lines"], s
        if unknown:
            assert "weten" in count and "0" not in count
        else:
            assert count.startswith(f"{len({slug for s in known for slug, _ in s['lines']})} activiteit")
        assert days < livedates.LIVE_DAYS - 6 or unknown  # at +60 the week is past the index
        assert str(today.day) in page.text_content("h1")
    finally:
        context.close()


@pytest.mark.parametrize("days", [30, 60])
def test_home_lists_every_activity_with_weekly_ones_above_far_one_offs(browser, site_url, catalog, days):
    at = moment(days)
    context, page = reader_page(browser, at)
    try:
        page.goto(site_url)
        wait_until(page, READY)
        while page.is_visible("#more-cards"):
            page.click("#more-cards")
        cards = page.eval_on_selector_all("#cards > li", """els => els.map(li => {
            const t = [...li.querySelectorAll('[data-start]')].find(e => e.getClientRects().length > 0);
            return [li.dataset.slug, t ? t.dataset.start : null]; })""")
        current = {a.slug for a in directory.current_activities(catalog)}
        assert {slug for slug, _ in cards} == current and len(cards) == len(current)
        weekly = {a.slug for a in catalog.activities if any(s.date is None for s in a.slots)}
        # Weekly activities without a carried date now (most likely on this week) come before one-off dates
        # far ahead; weekly ones whose next date is known stay in date order among the others.
        undated = [i for i, (slug, start) in enumerate(cards) if slug in weekly and start is None]
        if days >= livedates.LIVE_DAYS:
            assert undated, "the sample content has weekly activities past the carried dates"
        last_weekly = max(undated, default=-1)
        far = [(i, slug, start) for i, (slug, start) in enumerate(cards)
               if slug not in weekly and start and dt.datetime.fromisoformat(start) > at + dt.timedelta(days=7)]
        assert all(i > last_weekly for i, _, _ in far), (last_weekly, far)
        assert page.console_errors == []
    finally:
        context.close()


def first_matching(open_data, slug: str, after: dt.datetime, weekday: int | None, part: str | None) -> str | None:
    record = next(r for r in open_data["activiteiten"] if r["slug"] == slug)
    for o in sorted(record["occurrences"], key=lambda o: o["start"]):
        start, end = dt.datetime.fromisoformat(o["start"]).astimezone(TZ), dt.datetime.fromisoformat(o["end"])
        if end <= after:
            continue
        if weekday is not None and start.weekday() != weekday:
            continue
        if part is not None and directory.day_part(start.time()) != part:
            continue
        return o["start"]
    return None


@pytest.mark.parametrize("days", [0, 9])
@pytest.mark.parametrize("query, weekday, part", [("dag=zaterdag", 5, None), ("dag=woensdag&dagdeel=middag", 2, "middag"),
                                                  ("dagdeel=ochtend", None, "ochtend")])
def test_each_card_shows_the_next_session_that_matches_the_filter(browser, site_url, open_data, days, query, weekday, part):
    at = moment(days, hour=9)
    context, page = reader_page(browser, at)
    try:
        page.goto(site_url + "?" + query)
        wait_until(page, READY)
        cards = page.eval_on_selector_all("#cards > li", """els => els.map(li => {
            const t = [...li.querySelectorAll('[data-start]')].find(e => e.getClientRects().length > 0);
            return [li.dataset.slug, t ? t.dataset.start : null, t ? t.textContent : null]; })""")
        assert cards, "the sample content has activities for this filter"
        dated = 0
        for slug, start, text in cards:
            want = first_matching(open_data, slug, at, weekday, part)
            if start is None:
                # Only when the carried dates hold no matching session.
                assert want is None or dt.datetime.fromisoformat(want) > at + dt.timedelta(days=livedates.LIVE_DAYS), (slug, want)
                continue
            dated += 1
            if want is None:  # beyond the open data's 12 weeks: the weekday and part are checked below
                assert dt.datetime.fromisoformat(start).date() > dt.date.fromisoformat(open_data["occurrences_tot_en_met"])
            else:
                assert start == want, (slug, start, text, want)
            shown = dt.datetime.fromisoformat(start).astimezone(TZ)
            if weekday is not None:
                assert shown.weekday() == weekday
            if part is not None:
                assert directory.day_part(shown.time()) == part
        assert dated
        assert page.console_errors == []
    finally:
        context.close()
