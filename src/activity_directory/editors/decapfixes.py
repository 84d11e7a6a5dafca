"""Fixes to Decap CMS's own bundle, made when the build copies it into the site.

Decap 3.x has a bug that loses an editor's draft: after a reload (or a tab closed and opened again)
it asks "Je browser heeft nog een versie die je niet hebt bewaard. Wil je die terugzetten?" as soon
as it has read the backup from the browser, which is before the entry itself has come from the
repository. Saying yes puts the backup in the form, and a moment later the entry arrives and
replaces it: the draft is gone, and the question comes back at every reload (decap-cms issues
#5470 and #5055, open). The fix asks the question only once the form holds the entry it belongs
to (the new, empty entry, or the entry with this slug), so the backup is put in last and stays.

The patch is an exact text replacement in the pinned bundle (``package.json``): a newer Decap whose
code differs is copied as it is, and ``tests/test_cms.py`` fails until the patch is looked at again.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fix:
    file: str  # the bundle's file name in decap-cms/dist
    old: str  # exactly once in that file
    new: str
    why: str


ASK = '(window.confirm(this.props.t("editor.editor.confirmLoadBackup"))?this.props.loadLocalBackup():this.deleteBackup())'

BACKUP_AFTER_ENTRY = Fix(
    file="decap-cms.js",
    old=f"if(!e.localBackup&&this.props.localBackup&&{ASK},",
    new=("if(this.props.localBackup&&!this.askedForBackup&&this.props.entryDraft.get(\"entry\")"
         "&&(this.props.newEntry?this.props.entryDraft.getIn([\"entry\",\"newRecord\"])"
         ":this.props.entryDraft.getIn([\"entry\",\"slug\"])===this.props.slug)"
         f"&&(this.askedForBackup=!0,{ASK[1:-1]}),"),
    why="the draft a browser kept is put in the form after the entry, not before it (decap-cms #5470)",
)

FIXES = (BACKUP_AFTER_ENTRY,)


def fixes_for(name: str) -> tuple[Fix, ...]:
    return tuple(fix for fix in FIXES if fix.file == name)


def applies(fix: Fix, text: str) -> bool:
    return text.count(fix.old) == 1


def fixed(name: str, data: bytes) -> bytes:
    """``data`` (the bundle file ``name``) with every fix for that file that applies to it."""
    fixes = fixes_for(name)
    if not fixes:
        return data
    text = data.decode("utf-8")
    for fix in fixes:
        if applies(fix, text):
            text = text.replace(fix.old, fix.new)
    return text.encode("utf-8")
