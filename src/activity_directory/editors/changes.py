"""What changed between two versions of an activity, for subscribers' calendars.

Feeds number every event with SEQUENCE, the days from 2020-01-01 to
``gecontroleerd`` (:func:`feeds.sequence`). Calendar apps, Outlook above all,
only take over a changed day, time or place when SEQUENCE went up. So when the
schedule, a place, the cancelled dates or the status change, ``gecontroleerd``
must move forward, and it may never move back. :func:`sequence_problems`
checks that; ``make check`` runs it against the previous version in git.
"""

from __future__ import annotations

import re

from ..content.model import Activity
from ..content.problems import Problem

_CHECKED_KEY = re.compile(r"^gecontroleerd\s*:", re.M)


def calendar_facts(activity: Activity) -> tuple:
    """Everything a subscribed calendar shows as date, time or place (locations compare by value)."""
    slots = tuple((s.weekdays, s.date, s.start, s.end, s.valid_from, s.valid_until, s.location)
                  for s in activity.slots)
    return (activity.status, slots, activity.location, activity.cancelled, activity.skip_school_holidays)


def checked_line(text: str) -> int:
    """The file line of ``gecontroleerd`` (1 when it cannot be found)."""
    match = _CHECKED_KEY.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def sequence_problems(before: Activity, after: Activity, text: str) -> list[Problem]:
    """Problems with ``gecontroleerd`` in ``after`` (whose file text is ``text``) compared to ``before``."""
    line = checked_line(text)
    old, new = before.checked.isoformat(), after.checked.isoformat()
    if after.checked < before.checked:
        return [Problem(after.source, line, f"'gecontroleerd' ging terug van {old} naar {new}. Zet het nooit terug: "
                                            "agenda's van abonnees nemen wijzigingen dan niet meer over.")]
    if after.checked == before.checked and calendar_facts(after) != calendar_facts(before):
        return [Problem(after.source, line, f"de dag, tijd, plek, status of 'vervalt' is veranderd, maar 'gecontroleerd' "
                                            f"staat nog op {old}. Zet 'gecontroleerd' op de datum van vandaag, zodat "
                                            "agenda's van abonnees de wijziging overnemen.")]
    return []
