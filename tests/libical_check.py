"""Reads feeds with libical (the C library of Evolution and many servers), for tests/test_feeds.py.

Runs in the SYSTEM Python (``/usr/bin/python3``: Debian's ``python3-gi`` and
``gir1.2-ical-3.0``, installed by ``make test``), not in the project's venv;
the tests call it in a subprocess. Input on stdin (JSON): ``files`` and the
window ``start``/``end`` (UTC, ``YYYYMMDDTHHMMSSZ``). Output on stdout (JSON),
per file:

* ``errors``: every ``X-LIC-ERROR`` libical attached while parsing and while
  checking the iTIP restrictions (``icalrestriction_check``);
* ``restrictions_ok``: the result of that check;
* ``events``: ``[uid, start, end]`` (UTC epoch seconds) of every occurrence in
  the window, expanded by libical itself (RRULE and EXDATE,
  ``icalcomponent_foreach_recurrence``).
"""

import json
import sys

import gi

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as ICal  # noqa: E402


def errors_of(component) -> list[str]:
    text = component.as_ical_string().replace("\r\n ", "")
    return [line for line in text.split("\r\n") if line.startswith("X-LIC-ERROR")]


def check(path: str, start, end) -> dict:
    with open(path, encoding="utf-8") as handle:
        calendar = ICal.Component.new_from_string(handle.read())
    if calendar is None:
        return {"errors": ["libical kon het bestand niet lezen"], "restrictions_ok": False, "events": []}
    restrictions_ok = bool(ICal.restriction_check(calendar))
    events = []
    event = calendar.get_first_component(ICal.ComponentKind.VEVENT_COMPONENT)
    while event is not None:
        uid = event.get_uid()

        def collect(component, span, _data, uid=uid):
            events.append([uid, span.get_start(), span.get_end()])

        event.foreach_recurrence(start, end, collect, None)
        event = calendar.get_next_component(ICal.ComponentKind.VEVENT_COMPONENT)
    return {"errors": errors_of(calendar), "restrictions_ok": restrictions_ok, "events": events}


def main() -> None:
    request = json.load(sys.stdin)
    start = ICal.Time.new_from_string(request["start"])
    end = ICal.Time.new_from_string(request["end"])
    json.dump({path: check(path, start, end) for path in request["files"]}, sys.stdout)


if __name__ == "__main__":
    main()
