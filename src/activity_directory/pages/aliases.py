"""Addresses that last: an activity's old names (``aliases``) keep working after a rename.

Printed QR codes, shared links and subscribed calendars all hold an address
with the activity's file name in it. When an editor renames ``x.md`` to
``y.md`` and writes ``aliases: [x]``:

* ``/activiteiten/x/`` becomes a small static page that sends the visitor on
  to ``/activiteiten/y/`` (a meta refresh, which needs no script and passes the
  CSP), names it as canonical, and shows a plain Dutch link for anyone whose
  browser does not follow it;
* ``/activiteiten/x/agenda.ics`` keeps serving the activity's feed, with the
  very same events: calendar apps do not follow an HTML page.

Same events means same UIDs. A subscriber's calendar, and every ``.ics`` a
parent once imported, knows the events by UID, so the UID must not change
with the file name: it is made from the activity's *first* name, which is
the first entry under ``aliases`` (the oldest name; editors add newer old
names after it), or the file name when there are none. See :func:`uid_name`.
"""

from __future__ import annotations

from ..content.loading import Catalog
from ..content.model import Activity
from .presentation import absolute, activity_url


def uid_name(activity: Activity) -> str:
    """The name the activity's calendar events are known by: its first name, forever."""
    return activity.aliases[0] if activity.aliases else activity.slug


def alias_targets(catalog: Catalog) -> dict[str, Activity]:
    """Every old name with the activity it leads to (validation guarantees one each)."""
    return catalog.cached(("aliases",), lambda: {alias: a for a in catalog.activities for alias in a.aliases})


def redirect_path(alias: str) -> str:
    """Where the redirect page for an old name is written in the site."""
    return activity_url(alias) + "index.html"


def redirect_view(activity: Activity, alias: str, site_url: str, site_name: str) -> dict:
    """What the redirect page at the old address says and where it leads."""
    return {
        "title": activity.title,
        "site_name": site_name,
        "target": f"../{activity.slug}/",  # relative: works under any site address
        "root": "../" * redirect_path(alias).count("/"),
        "canonical": absolute(site_url, activity_url(activity.slug)),
        "old": alias,
    }
