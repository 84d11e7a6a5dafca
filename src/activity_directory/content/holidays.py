"""Days without activities: Dutch public holidays and school holidays.

Public holidays follow fixed national rules (computed here, the same for every
municipality); school holidays are data (``content/schoolvakanties.yml``),
per region, with their source.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from .sitedata import Holiday


def easter(year: int) -> dt.date:
    """Easter Sunday (Anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@lru_cache(maxsize=None)
def public_holidays(year: int) -> dict[dt.date, str]:
    """Dutch public holidays on which activities usually do not take place.

    Bevrijdingsdag counts in lustrum years only (2025, 2030, …), as in most
    collective agreements; Goede Vrijdag is not a general day off.
    """
    e = easter(year)
    kings_day = dt.date(year, 4, 27)
    if kings_day.weekday() == 6:  # on a Sunday it moves to Saturday
        kings_day = dt.date(year, 4, 26)
    days = {
        dt.date(year, 1, 1): "Nieuwjaarsdag",
        e: "Eerste Paasdag",
        e + dt.timedelta(days=1): "Tweede Paasdag",
        kings_day: "Koningsdag",
        e + dt.timedelta(days=39): "Hemelvaartsdag",
        e + dt.timedelta(days=49): "Eerste Pinksterdag",
        e + dt.timedelta(days=50): "Tweede Pinksterdag",
        dt.date(year, 12, 25): "Eerste Kerstdag",
        dt.date(year, 12, 26): "Tweede Kerstdag",
    }
    if year % 5 == 0:
        days[dt.date(year, 5, 5)] = "Bevrijdingsdag"
    return days


@dataclass(frozen=True)
class HolidayCalendar:
    """School holidays of one region plus the national public holidays."""

    school_holidays: tuple[Holiday, ...]

    def __post_init__(self) -> None:
        by_day: dict[dt.date, Holiday] = {}
        for holiday in self.school_holidays:
            day = holiday.start
            while day <= holiday.end:
                by_day.setdefault(day, holiday)
                day += dt.timedelta(days=1)
        object.__setattr__(self, "_by_day", by_day)  # O(1) look-ups for the engine

    def school_holiday(self, day: dt.date) -> Holiday | None:
        return self._by_day.get(day)

    def public_holiday(self, day: dt.date) -> str | None:
        return public_holidays(day.year).get(day)

    def covers(self, day: dt.date) -> bool:
        """True when the school-holiday data reaches this day (for warnings)."""
        return bool(self.school_holidays) and day <= max(h.end for h in self.school_holidays)
