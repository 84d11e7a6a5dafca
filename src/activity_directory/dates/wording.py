"""Plain wording (B1) of dates, times, ages, costs and schedules, in each language of the site.

Used by pages, feeds and open data alike, so an activity reads the same everywhere.

Every sentence is one gettext message with named placeholders (``%(age)s``), so a translator
orders the words as the language needs; nothing is glued together from translated pieces.
Numbers follow CLDR's plural rules (``ngettext``), and names of days and months, date and time
patterns, lists ("a, b en c"), decimals and amounts come from CLDR through Babel, never from
lists of our own. The msgids are the Dutch sentences (``content/translations.py``).

The module's functions (``wording.age(activity)``) speak Dutch, as they always have; other
languages use ``for_language(code)``, a :class:`Wording` with the same methods.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from decimal import Decimal

from babel.dates import format_date, format_interval, format_time, get_day_names, get_month_names, match_skeleton
from babel.lists import format_list
from babel.numbers import format_currency, format_decimal, get_decimal_symbol

from ..content.languages import SOURCE, Language, language
from ..content.model import Activity, Cost, TimeSlot
from ..content.translations import translations

# Ages in halves of years ('1,5') are messages of their own, in the context "halve jaren":
# gettext's plural forms are for whole numbers, and CLDR gives fractions a form of their own
# (Polish '1,5 roku', Ukrainian '1,5 року').


def _whole(value: float) -> bool:
    return float(value).is_integer()


def _capital(text: str) -> str:
    """The first letter a capital, the rest as it is (``str.capitalize`` would lower 'March')."""
    return text[:1].upper() + text[1:]


def _widened(pattern: str, letter: str, width: int) -> str:
    """CLDR's pattern with the field ``letter`` at ``width`` (as ICU adjusts a matched skeleton)."""
    out, i, quoted = [], 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "'":
            quoted = not quoted
        if not quoted and char == letter:
            j = i
            while j < len(pattern) and pattern[j] == letter:
                j += 1
            out.append(letter * width)
            i = j
            continue
        out.append(char)
        i += 1
    return "".join(out)


class Wording:
    """Every text the site composes from facts, in one language."""

    def __init__(self, lang: Language, messages: gettext.NullTranslations):
        self.language = lang
        self.locale = lang.locale
        self._ = messages.gettext
        self.ngettext = messages.ngettext
        self.pgettext = messages.pgettext
        locale = self.locale
        self._days = {width: tuple(get_day_names(width, "format", locale)[d] for d in range(7))
                      for width in ("wide", "abbreviated")}
        self._months = {width: tuple(get_month_names(width, "format", locale)[m] for m in range(1, 13))
                        for width in ("wide", "abbreviated")}
        skeletons = locale.datetime_skeletons
        # (weekday, year) -> CLDR pattern: 'EEEE d MMMM y' in Dutch, 'EEEE, MMMM d, y' in English
        self._date_patterns = {
            (True, True): locale.date_formats["full"].pattern,
            (False, True): locale.date_formats["long"].pattern,
            (True, False): _widened(skeletons[match_skeleton("MMMMEd", skeletons)].pattern, "E", 4),
            (False, False): skeletons[match_skeleton("MMMMd", skeletons)].pattern,
        }
        self._short_patterns = {year: skeletons[match_skeleton("yMMMEd" if year else "MMMEd", skeletons)].pattern
                                for year in (True, False)}
        self._hours = "hm" if "h" in locale.time_formats["short"].pattern else "Hm"
        self._decimal = get_decimal_symbol(locale)
        # CLDR has only the weekday's name itself; the schedule may need another form.
        # Translators: the weekday as it stands in "Elke %(days)s %(times)s" (every Monday); give
        # the form your sentence needs there (Polish 'w środy', Ukrainian 'щосереди').
        self._every = (self.pgettext("elke", "maandag"), self.pgettext("elke", "dinsdag"),
                       self.pgettext("elke", "woensdag"), self.pgettext("elke", "donderdag"),
                       self.pgettext("elke", "vrijdag"), self.pgettext("elke", "zaterdag"),
                       self.pgettext("elke", "zondag"))
        self._per = {"les": self._("%(amount)s per les"), "keer": self._("%(amount)s per keer"),
                     "week": self._("%(amount)s per week"), "maand": self._("%(amount)s per maand"),
                     "jaar": self._("%(amount)s per jaar"), "cursus": self._("%(amount)s per cursus"),
                     "seizoen": self._("%(amount)s per seizoen"), "dag": self._("%(amount)s per dag")}
        # A build formats the same few hundred days and times thousands of times.
        self._cache: dict = {}

    def _cached(self, key, compute):
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = compute()
            return value

    # -- names, numbers, amounts -------------------------------------------------------------

    def day_name(self, weekday: int, short: bool = False) -> str:
        """0 → 'maandag' ('ma' when ``short``); 0 is Monday, like ``date.weekday()``."""
        return self._days["abbreviated" if short else "wide"][weekday]

    def month_name(self, month: int, short: bool = False) -> str:
        """3 → 'maart' ('mrt' when ``short``); 1 is January."""
        return self._months["abbreviated" if short else "wide"][month - 1]

    def number(self, value: float) -> str:
        """1.5 → '1,5'; 2.0 → '2' (the language's decimal sign, no grouping)."""
        return str(int(value)) if _whole(value) else f"{value:g}".replace(".", self._decimal)

    def integer(self, value: int) -> str:
        return format_decimal(value, locale=self.locale, group_separator=False)

    def money(self, amount: float) -> str:
        """3.0 → '€ 3,00' (CLDR's place of the sign; the plain space the site has always written)."""
        return self._cached(("money", amount), lambda: format_currency(
            Decimal(f"{amount:.2f}"), "EUR", locale=self.locale, group_separator=False).replace("\xa0", " "))

    def distance(self, km: float) -> str:
        """1.24 → '1,2 km'."""
        return self._("%(distance)s km") % {"distance": format_decimal(km, "0.0", locale=self.locale)}

    def count(self, count: int) -> str:
        """'1 activiteit', '3 activiteiten'."""
        return self.ngettext("%(count)s activiteit", "%(count)s activiteiten", count) % {"count": self.integer(count)}

    def join(self, words: list[str]) -> str:
        """['a', 'b', 'c'] → 'a, b en c'."""
        return format_list(list(words), locale=self.locale) if words else ""

    def join_or(self, words: list[str]) -> str:
        """['a', 'b', 'c'] → 'a, b of c'."""
        return format_list(list(words), style="or", locale=self.locale) if words else ""

    # -- dates and times ---------------------------------------------------------------------

    def time(self, value: dt.time) -> str:
        return self._cached(("time", value), lambda: format_time(value, self.locale.time_formats["short"], locale=self.locale))

    def time_range(self, start: dt.time, end: dt.time) -> str:
        """'09:30–10:15' (CLDR's interval: '9:30 – 10:15 AM' in English)."""
        return self._cached(("range", start, end), lambda: format_interval(start, end, self._hours, locale=self.locale))

    def date(self, value: dt.date, weekday: bool = True, year: bool = True) -> str:
        """'maandag 5 januari 2026'."""
        return self._cached(("date", value, weekday, year), lambda: format_date(
            value, self._date_patterns[weekday, year], locale=self.locale))

    def short_date(self, value: dt.date, today: dt.date | None = None, relative: bool = True) -> str:
        """'ma 5 jan', with 'Vandaag' and 'Morgen' where they apply (when ``relative``).

        Pages that stay online between builds should not say 'Vandaag': by the
        next day it is wrong.
        """
        return self._cached(("short", value, today, relative), lambda: self._short_date(value, today, relative))

    def _short_date(self, value: dt.date, today: dt.date | None, relative: bool) -> str:
        if today is not None and relative:
            if value == today:
                return self._("Vandaag")
            if value == today + dt.timedelta(days=1):
                return self._("Morgen")
        year = today is not None and value.year != today.year
        return format_date(value, self._short_patterns[year], locale=self.locale)

    # -- facts of an activity ----------------------------------------------------------------

    def age(self, activity: Activity) -> str:
        """'2 tot en met 6 jaar', 'Vanaf 65 jaar', 'Tot en met 1 jaar'; the noun agrees with the last number."""
        low, high = activity.age_from, activity.age_to
        if high is None:
            if low == 0:
                return self._("Iedereen")
            text = (self.ngettext("Vanaf %(age)s jaar", "Vanaf %(age)s jaar", int(low)) if _whole(low)
                    else self.pgettext("halve jaren", "Vanaf %(age)s jaar"))
            return text % {"age": self.number(low)}
        if low == high:
            # Translators: an age; the "halve jaren" versions hold a half year, like '1,5'.
            text = (self.ngettext("%(age)s jaar", "%(age)s jaar", int(high)) if _whole(high)
                    else self.pgettext("halve jaren", "%(age)s jaar"))
            return text % {"age": self.number(high)}
        if low == 0:
            text = (self.ngettext("Tot en met %(age)s jaar", "Tot en met %(age)s jaar", int(high)) if _whole(high)
                    else self.pgettext("halve jaren", "Tot en met %(age)s jaar"))
            return text % {"age": self.number(high)}
        text = (self.ngettext("%(from)s tot en met %(to)s jaar", "%(from)s tot en met %(to)s jaar", int(high))
                if _whole(high) else self.pgettext("halve jaren", "%(from)s tot en met %(to)s jaar"))
        return text % {"from": self.number(low), "to": self.number(high)}

    def cost(self, value: Cost) -> str:
        if value.free:
            return self._("Gratis")
        return self._per[value.per] % {"amount": self.money(value.amount)}

    def free(self) -> str:
        """The label of a free activity."""
        return self._("Gratis")

    def walk_in(self) -> str:
        """The label of an activity you just walk in to."""
        return self._("Inloop")

    def with_parent(self) -> str:
        """The label of an activity for a child with a parent."""
        return self._("Met ouder")

    def walk_in_sentence(self) -> str:
        return self._("Kom gewoon langs. Je hoeft je niet aan te melden.")

    def sign_up_sentence(self, ways: list[str]) -> str:
        """'Meld je eerst aan: bel 036 123 4567 of mail a@example.org.' (``ways`` from the methods below)."""
        return self._("Meld je eerst aan: %(ways)s.") % {"ways": self.join_or(ways)}

    def sign_up_phone(self, phone: str) -> str:
        return self._("bel %(phone)s") % {"phone": phone}

    def sign_up_email(self, email: str) -> str:
        return self._("mail %(email)s") % {"email": email}

    def sign_up_website(self) -> str:
        return self._("via de website (scan de QR-code)")

    def status(self, status: str) -> str | None:
        """The label of an activity that does not run ('gepauzeerd', 'gestopt', 'afgelopen'), else None."""
        labels = {"gepauzeerd": self._("Tijdelijk gestopt"), "gestopt": self._("Gestopt"),
                  "afgelopen": self._("Afgelopen")}
        return labels.get(status)

    def status_notice(self, status: str) -> str | None:
        """What the page of an activity that does not run says about it, else None."""
        notices = {"gepauzeerd": self._("Deze activiteit is tijdelijk gestopt. Er zijn nu geen datums."),
                   "gestopt": self._("Deze activiteit is gestopt. Er zijn geen nieuwe datums meer."),
                   "afgelopen": self._("Deze activiteit is afgelopen. Er zijn geen nieuwe datums.")}
        return notices.get(status)

    def skipped(self, day: dt.date, reason: str) -> str:
        """A date the schedule names but the activity leaves out ('vervalt', or a holiday's name)."""
        when = self.date(day, year=False)
        if reason == "vervalt":
            return self._("Gaat niet door op %(date)s.") % {"date": when}
        return self._("Niet op %(date)s (%(holiday)s).") % {"date": when, "holiday": reason}

    def slot(self, activity: Activity, value: TimeSlot) -> str:
        """'Elke maandag 09:30–10:15', 'Zaterdag 16 mei 2026, 10:00–12:00'."""
        times = self.time_range(value.start, value.end)
        if value.date is not None:
            # Translators: one date, such as 'Saturday 16 May 2026', and its times.
            return self._("%(date)s, %(times)s") % {"date": _capital(self.date(value.date)), "times": times}
        values = {"days": self.join([self._every[d] for d in value.weekdays]), "times": times}
        if value.valid_from:
            values["from"] = self.date(value.valid_from, weekday=False)
        if value.valid_until:
            values["until"] = self.date(value.valid_until, weekday=False)
        if value.valid_from and value.valid_until:
            text = self._("Elke %(days)s %(times)s, van %(from)s tot en met %(until)s")
        elif value.valid_from:
            text = self._("Elke %(days)s %(times)s, vanaf %(from)s")
        elif value.valid_until:
            text = self._("Elke %(days)s %(times)s, tot en met %(until)s")
        else:
            text = self._("Elke %(days)s %(times)s")
        return _capital(text % values)

    def holidays_rule(self, activity: Activity) -> str:
        if activity.skip_school_holidays:
            return self._("Niet in de schoolvakanties en niet op feestdagen.")
        return self._("Gaat ook door in de schoolvakanties.")

    def schedule(self, activity: Activity) -> str:
        """The whole schedule in one sentence per line, holidays included."""
        lines = ". ".join(self.slot(activity, s) for s in activity.slots)
        if not any(s.date is None for s in activity.slots):
            return self._("%(schedule)s.") % {"schedule": lines}
        if activity.skip_school_holidays:
            return self._("%(schedule)s, niet in de schoolvakanties.") % {"schedule": lines}
        return self._("%(schedule)s, ook in de schoolvakanties.") % {"schedule": lines}


@functools.lru_cache(maxsize=None)
def for_language(code: str) -> Wording:
    """The wording of one of the site's languages ('nl', 'en', …), with its catalogue."""
    return Wording(language(code), translations(code))


DUTCH = for_language(SOURCE)
LOCALE = DUTCH.locale

# The Dutch API every caller has always used: wording.age(activity), wording.date(day), …
day_name = DUTCH.day_name
month_name = DUTCH.month_name
number = DUTCH.number
money = DUTCH.money
time = DUTCH.time
time_range = DUTCH.time_range
date = DUTCH.date
short_date = DUTCH.short_date
join = DUTCH.join
age = DUTCH.age
cost = DUTCH.cost
slot = DUTCH.slot
holidays_rule = DUTCH.holidays_rule
schedule = DUTCH.schedule
count = DUTCH.count
distance = DUTCH.distance
integer = DUTCH.integer
join_or = DUTCH.join_or
free = DUTCH.free
walk_in = DUTCH.walk_in
with_parent = DUTCH.with_parent
walk_in_sentence = DUTCH.walk_in_sentence
sign_up_sentence = DUTCH.sign_up_sentence
sign_up_phone = DUTCH.sign_up_phone
sign_up_email = DUTCH.sign_up_email
sign_up_website = DUTCH.sign_up_website
status = DUTCH.status
status_notice = DUTCH.status_notice
skipped = DUTCH.skipped
