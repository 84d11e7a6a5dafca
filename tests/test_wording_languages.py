"""Facts in the reader's language (issue 18, the foundation): every wording function in every
language of the site, over a range of values.

Expectations come from elsewhere than the code under test: the language list from the YAML file
itself, plural forms from the ``.po`` file read by Babel's parser and chosen by Babel's own
plural rule for the language (compiled by the standard library's ``gettext.c2py``), names of
days and months from CLDR, and the Dutch from the format the site has always written.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gettext
import re

import pytest
import yaml
from babel.core import Locale
from babel.dates import get_day_names, get_month_names
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from activity_directory.content.model import COST_PERIODS, Cost
from activity_directory.content.translations import catalogue_path
from activity_directory.dates import wording

from conftest import ROOT

LANGUAGES = yaml.safe_load((ROOT / "content" / "wijken.yml").read_text(encoding="utf-8"))["talen"]
OTHERS = [code for code in LANGUAGES if code != "nl"]
COUNTS = (0, 1, 2, 3, 5, 11, 21, 22, 101)
AGES = [n / 2 for n in range(0, 37)]  # 0 to 18, with every half year
AMOUNTS = (0.5, 1, 2.5, 12.75, 1000, 9999.99)
DAYS = [dt.date(2026, 11, 30) + dt.timedelta(days=n) for n in range(7)]  # Monday to Sunday
MONTHS = [dt.date(2027, month, 15) for month in range(1, 13)]
TODAY = dt.date(2026, 11, 23)

# Words that are not a leak: the unit and the QR code everywhere, and words that a language
# spells as Dutch does (English 'in', 'is', 'do', 'per week', 'scan', 'website', 'code';
# Polish 'do' "until", 'za' "for", 'ma' "has"; Turkish 'de' "also").
SHARED = {"km", "QR"}
SAME_SPELLING = {"en": {"in", "is", "do", "per", "week", "scan", "website", "code"},
                 "pl": {"do", "za", "ma"}, "tr": {"de"}}
# what the samples put in: an e-mail address and the name of a holiday (data, not wording)
DATA = {"info", "example", "org", "Kerstvakantie"}


def _catalogue(code):
    with catalogue_path(code).open("rb") as handle:
        return read_po(handle, locale=code)


def _rule(code):
    """Babel's gettext plural rule of the language as a function of n."""
    return gettext.c2py(get_plural(Locale.parse(code)).plural_expr)


@pytest.fixture(scope="module")
def sample(catalog):
    """A real activity of the sample content, with a weekly line and a one-off date line."""
    activity = next(a for a in catalog.activities if a.slots and not a.slots[0].one_off)
    return activity


def _ages(activity):
    for low in AGES:
        yield dataclasses.replace(activity, age_from=low, age_to=None)
        for high in AGES:
            if high >= low:
                yield dataclasses.replace(activity, age_from=low, age_to=high)


def _slots(activity):
    weekly = activity.slots[0]
    for days in ((0,), (0, 2), (1, 3, 5), tuple(range(7))):
        for valid in ((None, None), (MONTHS[0], None), (None, MONTHS[5]), (MONTHS[0], MONTHS[5])):
            yield dataclasses.replace(weekly, weekdays=days, date=None, valid_from=valid[0], valid_until=valid[1])
    for day in DAYS + MONTHS:
        yield dataclasses.replace(weekly, weekdays=(), date=day)


def outputs(code, activity):
    """Every text the wording composes in ``code``, over the sample values."""
    w = wording.for_language(code)
    texts = [w.count(n) for n in COUNTS] + [w.age(a) for a in _ages(activity)]
    texts += [w.cost(Cost(True))] + [w.cost(Cost(False, amount, per)) for amount in AMOUNTS for per in COST_PERIODS]
    for day in DAYS + MONTHS:
        texts += [w.date(day), w.date(day, weekday=False), w.date(day, year=False), w.date(day, weekday=False, year=False),
                  w.short_date(day), w.short_date(day, TODAY), w.skipped(day, "vervalt"), w.skipped(day, "Kerstvakantie")]
    texts += [w.short_date(TODAY, TODAY), w.short_date(TODAY + dt.timedelta(days=1), TODAY)]
    texts += [w.slot(activity, s) for s in _slots(activity)]
    for skip in (True, False):
        changed = dataclasses.replace(activity, skip_school_holidays=skip)
        texts += [w.holidays_rule(changed), w.schedule(changed),
                  w.schedule(dataclasses.replace(changed, slots=tuple(_slots(activity))[-2:]))]
    texts += [w.free(), w.walk_in(), w.with_parent(), w.walk_in_sentence(), w.distance(0.35), w.distance(12.04),
              w.sign_up_sentence([w.sign_up_phone("036 123 4567"), w.sign_up_email("info@example.org"), w.sign_up_website()])]
    texts += [w.status(s) for s in ("gepauzeerd", "gestopt", "afgelopen")]
    texts += [w.status_notice(s) for s in ("gepauzeerd", "gestopt", "afgelopen")]
    return texts


def _words(text):
    return set(re.findall(r"[^\W\d_]+", text))


def test_languages_are_the_configured_ones_with_names_and_direction_from_cldr(catalog):
    assert [lang.code for lang in catalog.site.languages] == LANGUAGES == ["nl", "en", "pl", "tr", "ar", "uk"]
    for lang in catalog.site.languages:
        own = Locale.parse(lang.code).get_display_name(lang.code)
        assert lang.name == own[0].upper() + own[1:]
        assert lang.direction == ("rtl" if Locale.parse(lang.code).character_order == "right-to-left" else "ltr")
    assert [lang.name for lang in catalog.site.languages][1:] == ["English", "Polski", "Türkçe", "العربية", "Українська"]
    assert [lang.code for lang in catalog.site.languages if lang.direction == "rtl"] == ["ar"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_placeholder_is_filled(code, sample):
    for text in outputs(code, sample):
        assert text and "%(" not in text and ")s" not in text, (code, text)


@pytest.mark.parametrize("code", OTHERS)
def test_no_dutch_word_leaks_into_another_language(code, sample):
    dutch = set().union(*map(_words, outputs("nl", sample))) - SHARED - SAME_SPELLING.get(code, set()) - DATA
    for text in outputs(code, sample):
        leaked = _words(text) & dutch
        assert not leaked, (code, text, leaked)


@pytest.mark.parametrize("code", OTHERS)
def test_plural_forms_are_chosen_by_the_languages_cldr_rule(code, sample):
    po = _catalogue(code)
    rule = _rule(code)
    w = wording.for_language(code)
    counts = po.get("%(count)s activiteit")
    exact = po.get("%(age)s jaar")
    halves = po.get("%(age)s jaar", context="halve jaren")
    assert len(counts.string) == get_plural(Locale.parse(code)).num_plurals
    for n in COUNTS:
        assert w.count(n) == counts.string[rule(n)] % {"count": str(n)}, (code, n)
    for age in AGES:
        text = w.age(dataclasses.replace(sample, age_from=age, age_to=age))
        number = w.number(age)
        if float(age).is_integer():
            assert text == exact.string[rule(int(age))] % {"age": number}, (code, age)
        else:  # a half year: its own message, as CLDR gives fractions a form of their own
            assert text == halves.string % {"age": number}, (code, age)


@pytest.mark.parametrize("code", LANGUAGES)
def test_names_of_days_and_months_are_cldrs(code):
    w = wording.for_language(code)
    days = get_day_names("wide", "format", code)
    months = get_month_names("wide", "format", code)
    for day in DAYS:
        assert days[day.weekday()] in w.date(day), (code, day)
    for day in MONTHS:
        assert months[day.month] in w.date(day, weekday=False), (code, day)


def test_dutch_reads_as_it_always_did():
    """The Dutch formats the site has written since issue 10: names from CLDR, the order ours."""
    days = get_day_names("wide", "format", "nl")
    short_days = get_day_names("abbreviated", "format", "nl")
    months = get_month_names("wide", "format", "nl")
    short_months = get_month_names("abbreviated", "format", "nl")
    for n in range(800):
        day = dt.date(2026, 1, 1) + dt.timedelta(days=n)
        name, month = days[day.weekday()], months[day.month]
        assert wording.date(day) == f"{name} {day.day} {month} {day.year}"
        assert wording.date(day, year=False) == f"{name} {day.day} {month}"
        assert wording.date(day, weekday=False) == f"{day.day} {month} {day.year}"
        assert wording.date(day, weekday=False, year=False) == f"{day.day} {month}"
        short = f"{short_days[day.weekday()]} {day.day} {short_months[day.month]}"
        assert wording.short_date(day, TODAY, relative=False) == short + ("" if day.year == TODAY.year else f" {day.year}")
    for amount in AMOUNTS + (2.675, 0.005):
        assert wording.money(amount) == "€ " + f"{amount:.2f}".replace(".", ",")
    for start, end in ((dt.time(9, 30), dt.time(10, 15)), (dt.time(9, 0), dt.time(9, 45)), (dt.time(19, 5), dt.time(21, 0))):
        assert wording.time_range(start, end) == f"{start:%H:%M}–{end:%H:%M}"
    assert [wording.count(n) for n in (0, 1, 2)] == ["0 activiteiten", "1 activiteit", "2 activiteiten"]
