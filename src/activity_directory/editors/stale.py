"""``make verouderd [MAANDEN=6]``: what needs an editor's attention.

* entries whose ``gecontroleerd`` is older than that many months (stopped
  activities excepted), with the contact details of their organisation, so the
  editor knows whom to ask;
* active activities whose every date lies in the past: candidates for
  ``status: gestopt``.

Prints plain Dutch; in GitHub Actions (the nightly publishing run) it also
writes the same lists as Markdown to the job summary.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from . import annotations
from ..content.loading import Catalog, load_catalog
from ..content.counting import count, plural
from ..content.model import Activity
from ..dates.occurrences import has_ended

DEFAULT_MONTHS = 6


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (the last day of a shorter month)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


def is_stale(activity: Activity, cutoff: dt.date) -> bool:
    """Not checked since ``cutoff``; a stopped activity needs no checking."""
    return activity.status != "gestopt" and activity.checked < cutoff


def stale_activities(catalog: Catalog, months: int = DEFAULT_MONTHS) -> list[Activity]:
    cutoff = months_before(catalog.today, months)
    return sorted((a for a in catalog.activities if is_stale(a, cutoff)), key=lambda a: (a.checked, a.slug))


def ended_activities(catalog: Catalog) -> list[Activity]:
    """Active, but no line of the schedule gives a date from today on."""
    return [a for a in catalog.activities if a.active and has_ended(a, catalog.today)]


@dataclass(frozen=True)
class Contact:
    organisation: str
    details: tuple[str, ...]  # "telefoon 036 …", "e-mail …", "website …"


def contact_of(catalog: Catalog, activity: Activity) -> Contact:
    """Whom to ask: the activity's own contact first, then its organisation."""
    org = catalog.site.organisations[activity.organisation]
    details: list[str] = []
    own = activity.contact
    if own is not None:
        details += [f"{own.name}" if own.name else "", f"telefoon {own.phone}" if own.phone else "",
                    f"e-mail {own.email}" if own.email else ""]
    details += [f"telefoon {org.phone}" if org.phone else "", f"e-mail {org.email}" if org.email else "",
                f"website {org.website}" if org.website else ""]
    seen: list[str] = []
    for item in details:
        if item and item not in seen:
            seen.append(item)
    return Contact(org.name, tuple(seen))


def _months_ago(checked: dt.date, today: dt.date) -> int:
    return (today.year - checked.year) * 12 + today.month - checked.month - (today.day < checked.day)


def _last_months(months: int) -> str:
    """'de laatste maand', 'de laatste 6 maanden'."""
    return plural(months, "de laatste maand", f"de laatste {months} maanden")


def _activities(n: int) -> str:
    return count(n, "activiteit", "activiteiten")


def report(catalog: Catalog, months: int) -> list[str]:
    """Plain Dutch lines for the terminal."""
    stale = stale_activities(catalog, months)
    ended = ended_activities(catalog)
    out = [f"Niet gecontroleerd in {_last_months(months)}: {len(stale)} van {_activities(len(catalog.activities))}."]
    for activity in stale:
        contact = contact_of(catalog, activity)
        out.append(f"{activity.source}: {activity.title}, gecontroleerd op {activity.checked.isoformat()} "
                   f"({count(_months_ago(activity.checked, catalog.today), 'maand', 'maanden')} geleden).")
        out.append(f"    Vraag het na bij {contact.organisation}" + (f": {', '.join(contact.details)}." if contact.details else "."))
    out += ["", f"Voorbij: {count(len(ended), 'actieve activiteit heeft', 'actieve activiteiten hebben')} geen datum meer vanaf vandaag."]
    for activity in ended:
        out.append(f"{activity.source}: {activity.title}. Gaat het niet meer door? Zet 'status: gestopt' "
                   "en schrijf een 'melding'. Gaat het door? Zet er nieuwe tijden in.")
    if not stale and not ended:
        out += ["", "Alles is actueel."]
    return out


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def markdown(catalog: Catalog, months: int) -> str:
    """The same, as Markdown for the job summary of the nightly run."""
    stale = stale_activities(catalog, months)
    ended = ended_activities(catalog)
    out = [f"## Verouderde gegevens (peildatum {catalog.today.isoformat()})", "",
           f"**{len(stale)}** van {_activities(len(catalog.activities))} {plural(len(stale), 'is', 'zijn')} in {_last_months(months)} "
           "niet gecontroleerd.", ""]
    if stale:
        out += ["| Bestand | Activiteit | Gecontroleerd | Vraag het na bij |", "| --- | --- | --- | --- |"]
        for activity in stale:
            contact = contact_of(catalog, activity)
            who = contact.organisation + (f" ({', '.join(contact.details)})" if contact.details else "")
            out.append(f"| `{_cell(activity.source)}` | {_cell(activity.title)} | {activity.checked.isoformat()} | {_cell(who)} |")
        out.append("")
    out += [f"**{len(ended)}** {plural(len(ended), 'actieve activiteit heeft', 'actieve activiteiten hebben')} geen datum meer "
            f"vanaf vandaag: zet {plural(len(ended), 'het', 'ze')} op `status: gestopt` of geef {plural(len(ended), 'het', 'ze')} nieuwe tijden.", ""]
    out += [f"- `{_cell(a.source)}`: {_cell(a.title)}" for a in ended]
    out.append("")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    content_dir = Path(args[0] if args else "content")
    raw = args[1].strip() if len(args) > 1 and args[1].strip() else str(DEFAULT_MONTHS)
    if not raw.isdigit() or int(raw) < 1:
        print(f"MAANDEN moet een heel getal vanaf 1 zijn, zoals MAANDEN=6 (niet '{raw}').", file=sys.stderr)
        return 2
    months = int(raw)
    catalog, problems = load_catalog(content_dir, Path.cwd())
    if catalog is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1
    for line in report(catalog, months):
        print(line)
    if problems:
        print(f"\nLet op: {count(len(problems), 'probleem', 'problemen')} in de inhoud; die activiteiten tellen hier niet mee. "
              "Draai 'make check'.")
    if annotations.in_github_actions():
        annotations.write_step_summary(markdown(catalog, months))
    return 0


if __name__ == "__main__":
    sys.exit(main())
