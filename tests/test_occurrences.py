"""The one occurrence engine (occurrences.py, holidays.py), driven through the real loader.

Activities are written as small YAML files and loaded by ``load_activity``, so
these tests cover the same path as the site. School holidays come from
``content/schoolvakanties.yml``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from activity_directory.content.holidays import HolidayCalendar, easter, public_holidays
from activity_directory.content.loading import load_activity
from activity_directory.dates.occurrences import (
    TZ, has_ended, occurrences, reference_date, reference_datetime, slot_schedule, upcoming,
)
from activity_directory.content.sitedata import load_site_data

from conftest import REFERENCE, REFERENCE_EPOCH, ROOT


@pytest.fixture(scope="module")
def site():
    data, problems = load_site_data(ROOT / "content")
    assert not problems
    return data


@pytest.fixture(scope="module")
def calendar(site):
    return HolidayCalendar(tuple(site.school_holidays))


@pytest.fixture
def load(tmp_path, site, calendar):
    """Write a small activity file (front matter lines given) and load it for real."""
    counter = iter(range(1000))

    def _load(times: str, holidays: str = "vrij", extra: str = "", location: str = "locatie: {naam: Buurthuis De Schakel, wijk: olympiakwartier}\n"):
        text = (
            "---\n"
            "titel: Test\n"
            "samenvatting: Een test.\n"
            "organisatie: buurtsportteam-poort\n"
            "soort: [sport]\n"
            "leeftijd: {van: 2, tot: 4}\n"
            "kosten: gratis\n"
            "aanmelden: inloop\n"
            f"{location}"
            f"tijden:\n{times}"
            f"schoolvakanties: {holidays}\n"
            f"{extra}"
            "gecontroleerd: 2026-11-02\n"
            "---\n"
        )
        path = tmp_path / f"test-{next(counter)}.md"
        path.write_text(text, encoding="utf-8")
        activity, problems = load_activity(path, site, calendar, path.name)
        assert not problems, problems
        return activity

    return _load


def weekly(day: str, start: str = "09:30", end: str = "10:15", more: str = "") -> str:
    return f"  - dag: {day}\n    van: \"{start}\"\n    tot: \"{end}\"\n{more}"


def holiday_named(site, name: str, containing: dt.date):
    matches = [h for h in site.school_holidays if h.name == name and h.start <= containing <= h.end]
    assert len(matches) == 1
    return matches[0]


# ---------------------------------------------------------------------------
# Time zone: wall-clock times stay put across the DST switches
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("switch,before,after", [
    (dt.date(2026, 3, 29), 1, 2),   # summer time starts (Sunday)
    (dt.date(2026, 10, 25), 2, 1),  # summer time ends (Sunday)
])
def test_local_time_stays_across_dst_switch(load, calendar, switch, before, after):
    activity = load(weekly("zondag"), holidays="gaat door")
    found = occurrences(activity, calendar, switch - dt.timedelta(days=7), switch)
    assert [o.date for o in found] == [switch - dt.timedelta(days=7), switch]
    assert all(o.start.tzinfo is TZ and o.start.time() == dt.time(9, 30) and o.end.time() == dt.time(10, 15) for o in found)
    assert [o.start.utcoffset() for o in found] == [dt.timedelta(hours=before), dt.timedelta(hours=after)]
    assert [o.start.isoformat()[-6:] for o in found] == [f"+0{before}:00", f"+0{after}:00"]
    utc = [o.start.astimezone(dt.timezone.utc).time() for o in found]
    assert utc == [dt.time(9 - before, 30), dt.time(9 - after, 30)]
    assert all(o.end - o.start == dt.timedelta(minutes=45) for o in found)


def test_early_morning_on_the_switch_night(load, calendar):
    # 01:30-04:00 on 25 October: the night the clock goes back; duration is real time (3.5 h)
    activity = load(weekly("zondag", "01:30", "04:00"), holidays="gaat door")
    [occurrence] = occurrences(activity, calendar, dt.date(2026, 10, 25), dt.date(2026, 10, 25))
    assert occurrence.start.isoformat() == "2026-10-25T01:30:00+02:00"
    assert occurrence.end.isoformat() == "2026-10-25T04:00:00+01:00"


# ---------------------------------------------------------------------------
# Holidays
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("year,expected", [
    (2000, dt.date(2000, 4, 23)), (2008, dt.date(2008, 3, 23)), (2011, dt.date(2011, 4, 24)),
    (2019, dt.date(2019, 4, 21)), (2024, dt.date(2024, 3, 31)), (2025, dt.date(2025, 4, 20)),
    (2026, dt.date(2026, 4, 5)), (2027, dt.date(2027, 3, 28)), (2028, dt.date(2028, 4, 16)),
    (2038, dt.date(2038, 4, 25)), (2285, dt.date(2285, 3, 22)), (1961, dt.date(1961, 4, 2)),
])
def test_easter_known_dates(year, expected):
    assert easter(year) == expected
    assert easter(year).weekday() == 6


def test_dutch_public_holidays_2026():
    days = public_holidays(2026)
    assert days[dt.date(2026, 4, 5)] == "Eerste Paasdag"
    assert days[dt.date(2026, 4, 6)] == "Tweede Paasdag"
    assert days[dt.date(2026, 4, 27)] == "Koningsdag"
    assert days[dt.date(2026, 5, 14)] == "Hemelvaartsdag"
    assert days[dt.date(2026, 5, 24)] == "Eerste Pinksterdag"
    assert days[dt.date(2026, 5, 25)] == "Tweede Pinksterdag"
    assert days[dt.date(2026, 12, 25)] == "Eerste Kerstdag"
    assert days[dt.date(2026, 12, 26)] == "Tweede Kerstdag"
    assert days[dt.date(2026, 1, 1)] == "Nieuwjaarsdag"
    assert dt.date(2026, 5, 5) not in days  # Bevrijdingsdag only in lustrum years


def test_kings_day_on_sunday_moves_to_saturday():
    assert dt.date(2025, 4, 26) in public_holidays(2025) and dt.date(2025, 4, 27) not in public_holidays(2025)
    assert public_holidays(2025)[dt.date(2025, 5, 5)] == "Bevrijdingsdag"


def test_public_holidays_are_skipped_when_holidays_are_off(load, calendar):
    monday = load(weekly("maandag"))
    thursday = load(weekly("donderdag"))
    first, last = dt.date(2026, 3, 30), dt.date(2026, 6, 30)
    skipped = {s.date: s.reason for s in slot_schedule(monday, monday.slots[0], calendar, first, last).skipped}
    assert skipped[dt.date(2026, 4, 6)] == "Tweede Paasdag"
    assert skipped[dt.date(2026, 4, 27)] == "Koningsdag"  # also Meivakantie: the public holiday is named
    assert skipped[dt.date(2026, 5, 25)] == "Tweede Pinksterdag"
    dates = {o.date for o in occurrences(monday, calendar, first, last)}
    assert dates.isdisjoint(skipped) and dt.date(2026, 4, 13) in dates
    thursdays = {o.date for o in occurrences(thursday, calendar, first, last)}
    assert dt.date(2026, 5, 14) not in thursdays and dt.date(2026, 5, 21) in thursdays


def test_school_holidays_from_the_data_file(load, site, calendar):
    monday = load(weekly("maandag"))
    christmas = holiday_named(site, "Kerstvakantie", dt.date(2026, 12, 25))
    first, last = christmas.start - dt.timedelta(days=14), christmas.end + dt.timedelta(days=14)
    schedule = slot_schedule(monday, monday.slots[0], calendar, first, last)
    all_mondays = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)
                   if (first + dt.timedelta(days=i)).weekday() == 0]
    in_holiday = [d for d in all_mondays if christmas.start <= d <= christmas.end]
    assert in_holiday  # the window really contains Mondays in the holiday
    assert [o.date for o in schedule.occurrences] == [d for d in all_mondays if d not in in_holiday]
    assert [(s.date, s.reason) for s in schedule.skipped] == [(d, "Kerstvakantie") for d in in_holiday]


def test_activity_that_goes_on_in_holidays(load, site, calendar):
    monday = load(weekly("maandag"), holidays="gaat door")
    summer = holiday_named(site, "Zomervakantie", dt.date(2027, 8, 1))
    found = occurrences(monday, calendar, summer.start, summer.end)
    expected = [summer.start + dt.timedelta(days=i) for i in range((summer.end - summer.start).days + 1)]
    assert [o.date for o in found] == [d for d in expected if d.weekday() == 0]


def test_calendar_knows_the_data_range(calendar, site):
    assert calendar.covers(max(h.end for h in site.school_holidays))
    assert not calendar.covers(max(h.end for h in site.school_holidays) + dt.timedelta(days=1))
    assert calendar.school_holiday(dt.date(2026, 10, 14)).name == "Herfstvakantie"
    assert calendar.school_holiday(dt.date(2026, 10, 19)) is None


# ---------------------------------------------------------------------------
# The schedule itself
# ---------------------------------------------------------------------------


def test_cancelled_dates(load, calendar):
    activity = load(weekly("maandag"), extra="vervalt: [2026-12-07]\n")
    schedule = slot_schedule(activity, activity.slots[0], calendar, dt.date(2026, 11, 30), dt.date(2026, 12, 14))
    assert [o.date for o in schedule.occurrences] == [dt.date(2026, 11, 30), dt.date(2026, 12, 14)]
    assert [(s.date, s.reason) for s in schedule.skipped] == [(dt.date(2026, 12, 7), "vervalt")]


def test_cancelled_dates_apply_when_holidays_go_on(load, calendar):
    activity = load(weekly("maandag"), holidays="gaat door", extra="vervalt: [2026-12-28]\n")
    dates = [o.date for o in occurrences(activity, calendar, dt.date(2026, 12, 21), dt.date(2027, 1, 4))]
    assert dates == [dt.date(2026, 12, 21), dt.date(2027, 1, 4)]


def test_valid_from_and_until(load, calendar):
    activity = load(weekly("woensdag", more="    vanaf: 2026-11-25\n    tot_en_met: 2026-12-09\n"))
    dates = [o.date for o in occurrences(activity, calendar, dt.date(2026, 11, 1), dt.date(2027, 3, 1))]
    assert dates == [dt.date(2026, 11, 25), dt.date(2026, 12, 2), dt.date(2026, 12, 9)]
    assert has_ended(activity, dt.date(2026, 12, 10)) and not has_ended(activity, dt.date(2026, 12, 9))


def test_several_days_one_line(load, calendar):
    activity = load("  - dagen: [dinsdag, donderdag]\n    van: \"13:00\"\n    tot: \"14:00\"\n")
    dates = [o.date for o in occurrences(activity, calendar, dt.date(2026, 11, 23), dt.date(2026, 11, 29))]
    assert dates == [dt.date(2026, 11, 24), dt.date(2026, 11, 26)]


def test_one_off_dates_and_per_line_locations(load, calendar):
    times = (
        weekly("maandag", more="    locatie: {naam: Gymzaal Noord, wijk: olympiakwartier}\n")
        + "  - datum: 2026-12-05\n    van: \"14:00\"\n    tot: \"16:00\"\n"
          "    locatie: {naam: Sporthal Zuid, adres: \"Sportlaan 1, Almere\", wijk: almere-poort}\n"
    )
    activity = load(times, location="")
    found = occurrences(activity, calendar, dt.date(2026, 11, 30), dt.date(2026, 12, 8))
    assert [(o.start.isoformat(), o.location.name) for o in found] == [
        ("2026-11-30T09:30:00+01:00", "Gymzaal Noord"),
        ("2026-12-05T14:00:00+01:00", "Sporthal Zuid"),
        ("2026-12-07T09:30:00+01:00", "Gymzaal Noord"),
    ]
    assert [o.slot.index for o in found] == [0, 1, 0]
    # outside its window a one-off date gives nothing
    assert occurrences(activity, calendar, dt.date(2026, 12, 6), dt.date(2026, 12, 6)) == []


def test_line_without_own_location_uses_the_activity_location(load, calendar):
    activity = load(weekly("maandag"))
    [occurrence] = occurrences(activity, calendar, dt.date(2026, 11, 30), dt.date(2026, 11, 30))
    assert occurrence.location == activity.location and occurrence.location.name == "Buurthuis De Schakel"


@pytest.mark.parametrize("status", ["gepauzeerd", "gestopt"])
def test_paused_and_stopped_have_no_occurrences(load, calendar, status):
    activity = load(weekly("maandag") + "  - datum: 2026-12-05\n    van: \"14:00\"\n    tot: \"16:00\"\n", extra=f"status: {status}\n")
    assert activity.status == status and not activity.active
    first, last = dt.date(2026, 11, 23), dt.date(2027, 6, 1)
    assert occurrences(activity, calendar, first, last) == []
    assert upcoming(activity, calendar, first) == []
    for slot in activity.slots:
        schedule = slot_schedule(activity, slot, calendar, first, last)
        assert schedule.occurrences == () and schedule.skipped == ()


def test_upcoming_in_time_order(load, calendar):
    activity = load(weekly("zaterdag", "10:00", "11:00") + weekly("maandag"), holidays="gaat door")
    nexts = upcoming(activity, calendar, REFERENCE, count=4)
    starts = [o.start for o in nexts]
    assert starts == sorted(starts) and len(starts) == 4
    assert nexts[0].date >= REFERENCE
    week = [REFERENCE + dt.timedelta(days=i) for i in range(14)]
    expected = sorted([d for d in week if d.weekday() in (0, 5)])[:4]
    assert [o.date for o in nexts] == expected


# ---------------------------------------------------------------------------
# The build date
# ---------------------------------------------------------------------------


def test_reference_date_honours_source_date_epoch():
    assert reference_date({"SOURCE_DATE_EPOCH": str(REFERENCE_EPOCH)}) == REFERENCE
    # 23:30 UTC on 23 November is already 24 November in Amsterdam
    late = int(dt.datetime(2026, 11, 23, 23, 30, tzinfo=dt.timezone.utc).timestamp())
    assert reference_date({"SOURCE_DATE_EPOCH": str(late)}) == dt.date(2026, 11, 24)
    assert reference_datetime({"SOURCE_DATE_EPOCH": str(REFERENCE_EPOCH)}) == dt.datetime.fromtimestamp(REFERENCE_EPOCH, dt.timezone.utc)


def test_reference_date_from_the_environment(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    assert reference_date() == dt.date(1970, 1, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "geen getal")
    assert reference_date() == dt.datetime.now(TZ).date()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert reference_date() == dt.datetime.now(TZ).date()
