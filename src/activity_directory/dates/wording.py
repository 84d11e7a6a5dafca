"""Plain-Dutch wording (B1) for dates, times, ages, costs and schedules.

Used by pages, feeds and open data alike, so an activity reads the same
everywhere.
"""

from __future__ import annotations

import datetime as dt

from babel.core import Locale
from babel.dates import get_day_names, get_month_names

from ..content.model import Activity, Cost, TimeSlot

# Names of days and months come from CLDR (the Unicode locale data, through
# Babel), not from lists of our own: 'mrt' for March, 'ma' for Monday. They
# are read once; formatting thousands of dates per build stays cheap.
LOCALE = Locale.parse("nl")
_DAYS = {width: tuple(get_day_names(width, "format", LOCALE)[d] for d in range(7))
         for width in ("wide", "abbreviated")}
_MONTHS = {width: tuple(get_month_names(width, "format", LOCALE)[m] for m in range(1, 13))
           for width in ("wide", "abbreviated")}


def day_name(weekday: int, short: bool = False) -> str:
    """0 → 'maandag' ('ma' when ``short``); 0 is Monday, like ``date.weekday()``."""
    return _DAYS["abbreviated" if short else "wide"][weekday]


def month_name(month: int, short: bool = False) -> str:
    """3 → 'maart' ('mrt' when ``short``); 1 is January."""
    return _MONTHS["abbreviated" if short else "wide"][month - 1]


def number(value: float) -> str:
    """1.5 → '1,5'; 2.0 → '2'."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}".replace(".", ",")


def money(amount: float) -> str:
    """3.0 → '€ 3,00'."""
    return "€ " + f"{amount:.2f}".replace(".", ",")


def time(value: dt.time) -> str:
    return f"{value:%H:%M}"


def time_range(start: dt.time, end: dt.time) -> str:
    return f"{time(start)}–{time(end)}"


def date(value: dt.date, weekday: bool = True, year: bool = True) -> str:
    """'maandag 5 januari 2026'."""
    text = f"{value.day} {month_name(value.month)}"
    if year:
        text += f" {value.year}"
    return f"{day_name(value.weekday())} {text}" if weekday else text


def short_date(value: dt.date, today: dt.date | None = None, relative: bool = True) -> str:
    """'ma 5 jan', with 'Vandaag' and 'Morgen' where they apply (when ``relative``).

    Pages that stay online between builds should not say 'Vandaag': by the
    next day it is wrong.
    """
    if today is not None and relative:
        if value == today:
            return "Vandaag"
        if value == today + dt.timedelta(days=1):
            return "Morgen"
    text = f"{day_name(value.weekday(), short=True)} {value.day} {month_name(value.month, short=True)}"
    if today is not None and value.year != today.year:
        text += f" {value.year}"
    return text


def join(words: list[str]) -> str:
    """['a', 'b', 'c'] → 'a, b en c'."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " en " + words[-1]


def age(activity: Activity) -> str:
    """'2 tot en met 6 jaar', 'vanaf 65 jaar', '0 tot en met 1 jaar'."""
    low, high = activity.age_from, activity.age_to
    if high is None:
        return "Iedereen" if low == 0 else f"Vanaf {number(low)} jaar"
    if low == high:
        return f"{number(low)} jaar"
    if low == 0:
        return f"Tot en met {number(high)} jaar"
    return f"{number(low)} tot en met {number(high)} jaar"


def cost(value: Cost) -> str:
    if value.free:
        return "Gratis"
    text = f"{money(value.amount)} per {value.per}"
    return text


def slot(activity: Activity, value: TimeSlot) -> str:
    """'Elke maandag 09:30–10:15', 'Zaterdag 16 mei 2026, 10:00–12:00'."""
    times = time_range(value.start, value.end)
    if value.date is not None:
        return f"{date(value.date).capitalize()}, {times}"
    days = [day_name(d) for d in value.weekdays]
    text = f"Elke {join(days)} {times}"
    if value.valid_from and value.valid_until:
        text += f", van {date(value.valid_from, weekday=False)} tot en met {date(value.valid_until, weekday=False)}"
    elif value.valid_from:
        text += f", vanaf {date(value.valid_from, weekday=False)}"
    elif value.valid_until:
        text += f", tot en met {date(value.valid_until, weekday=False)}"
    return text


def holidays_rule(activity: Activity) -> str:
    if activity.skip_school_holidays:
        return "Niet in de schoolvakanties en niet op feestdagen."
    return "Gaat ook door in de schoolvakanties."


def schedule(activity: Activity) -> str:
    """The whole schedule in one sentence per line, holidays included."""
    lines = [slot(activity, s) for s in activity.slots]
    weekly = any(s.date is None for s in activity.slots)
    text = ". ".join(lines)
    if weekly:
        text += ", " + ("niet in de schoolvakanties" if activity.skip_school_holidays else "ook in de schoolvakanties")
    return text + "."
