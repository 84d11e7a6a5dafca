"""The optional keys for parents and editors: what they accept, what they refuse, and where.

Real files in a temp folder, read by the real loader (``load_activity`` /
``load_catalog``); line numbers refer to the lines of ``test_validation.BASE``
with the edit applied.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from PIL import Image

from activity_directory.content.loading import load_catalog
from activity_directory.content.model import ACCESSIBILITY

from conftest import ROOT
from test_validation import BASE, SHOWN, check, edit, site  # noqa: F401  (fixture)

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32  # the right first bytes, but no image: `make check` reads the header


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (20, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


JPEG = _jpeg()
EXTRA_AT = "schoolvakanties: vrij"  # line 17; added keys start on line 18


def with_keys(*lines: str) -> str:
    return edit(EXTRA_AT, EXTRA_AT + "\n" + "\n".join(lines))


def test_all_new_keys_are_read(tmp_path, site):
    (tmp_path / "content" / "fotos").mkdir(parents=True)
    (tmp_path / "content" / "fotos" / "gym.jpg").write_bytes(JPEG)
    text = with_keys(
        "melding: {tekst: Op 7 december geen les., tot: 2026-12-07}",
        "neem_mee: Sportschoenen en water.",
        "toegankelijk: [verschoontafel, kinderwagen]",
        "bereikbaar: Bus M5, halte Olympiaplein.",
        "bij_slecht_weer: We gaan naar binnen.",
        "foto: {bestand: fotos/gym.jpg, alt: Peuters in de gymzaal.}",
        "zoekwoorden: [gym, dreumes]",
        "aliases: [peutersport-nederlandstraat]",
    )
    activity, problems = check(tmp_path, site, text)
    assert problems == []
    assert activity.notice == "Op 7 december geen les." and activity.notice_until == dt.date(2026, 12, 7)
    assert activity.bring == "Sportschoenen en water."
    assert activity.accessibility == ("kinderwagen", "verschoontafel")  # in the model's order
    assert activity.getting_there.startswith("Bus M5") and activity.bad_weather.startswith("We gaan")
    assert activity.photo.path == "fotos/gym.jpg" and activity.photo.alt == "Peuters in de gymzaal."
    assert activity.keywords == ("gym", "dreumes")
    assert activity.aliases == ("peutersport-nederlandstraat",)
    assert activity.key_lines["aliases"] == 25 and activity.key_lines["aliases[0]"] == 25


def test_notice_expires_after_its_last_day(tmp_path, site):
    activity, _ = check(tmp_path, site, with_keys("melding:", "  tekst: Op 7 december geen les.", "  tot: 2026-12-07"))
    assert activity.notice_on(dt.date(2026, 12, 7)) == "Op 7 december geen les."
    assert activity.notice_on(dt.date(2026, 12, 8)) is None


def test_plain_notice_never_expires(tmp_path, site):
    activity, problems = check(tmp_path, site, with_keys("melding: Vanaf januari op maandag."))
    assert problems == [] and activity.notice_until is None
    assert activity.notice_on(dt.date(2099, 1, 1)) == "Vanaf januari op maandag."


ERRORS = [
    ("notice-without-text", ["melding: {tot: 2026-12-07}"], 18, "'tekst' ontbreekt in melding"),
    ("notice-bad-date", ["melding: {tekst: Geen les., tot: 7 december}"], 18, "melding.tot: '7 december' is geen datum"),
    ("notice-typo", ["melding:", "  tekst: Geen les.", "  tt: 2026-12-07"], 20, "onbekende sleutel 'tt' in melding. Bedoel je 'tot'?"),
    ("accessibility-typo", ["toegankelijk: [kinderwagn]"], 18, "toegankelijk: 'kinderwagn' kan niet; kies uit 'kinderwagen'"),
    ("accessibility-twice", ["toegankelijk: [rolstoel, rolstoel]"], 18, "'rolstoel' staat twee keer in de lijst"),
    ("photo-missing-file", ["foto: {bestand: fotos/weg.jpg, alt: Peuters.}"], 18, "foto.bestand: het bestand 'content/fotos/weg.jpg' bestaat niet"),
    ("photo-without-alt", ["foto: {bestand: fotos/gym.jpg}"], 18, "'alt' ontbreekt in foto"),
    ("photo-pdf", ["foto: {bestand: fotos/folder.pdf, alt: Folder.}"], 18, "is geen foto die een browser kan tonen; gebruik een bestand met jpg, jpeg, png, webp"),
    ("photo-outside-content", ["foto: {bestand: ../geheim.jpg, alt: Peuters.}"], 18, "is geen bestand in de map content"),
    ("photo-not-really-a-jpeg", ["foto: {bestand: fotos/nep.jpg, alt: Peuters.}"], 18, "is geen echte jpg-foto"),
    ("alternative-while-active", ["alternatief: peutergym-bloemenbuurt"], 18, "'alternatief' is voor een activiteit die gepauzeerd of gestopt is"),
    ("alternative-unknown", ["status: gestopt", "alternatief: peutergym-bloemenbuur"], 19, "alternatief: 'peutergym-bloemenbuur' is geen bekende activiteit (zie content/activities/). Bedoel je 'peutergym-bloemenbuurt'?"),
    ("alternative-itself", ["status: gestopt", "alternatief: peutersport-poort"], 19, "'alternatief' noemt deze activiteit zelf"),
    ("alias-not-a-slug", ["aliases: [Peutersport Oud.md]"], 18, "aliases: 'Peutersport Oud.md' kan niet in een webadres"),
    ("alias-itself", ["aliases:", "  - oud", "  - peutersport-poort"], 20, "'peutersport-poort' is de naam van dit bestand zelf"),
    ("keyword-too-long", ["zoekwoorden: [" + "x" * 41 + "]"], 18, "zoekwoorden: is 41 tekens; maximaal 40"),
]


@pytest.mark.parametrize("lines,line,message", [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_new_key_problem_is_reported_at_its_line(tmp_path, site, lines, line, message):
    folder = tmp_path / "content"
    (folder / "fotos").mkdir(parents=True)
    (folder / "fotos" / "gym.jpg").write_bytes(JPEG)
    (folder / "fotos" / "nep.jpg").write_bytes(PNG)  # a PNG named .jpg
    (folder / "fotos" / "folder.pdf").write_bytes(b"%PDF-1.4")
    (folder / "activities").mkdir()
    (folder / "activities" / "peutergym-bloemenbuurt.md").write_text(BASE, encoding="utf-8")
    activity, problems = check(tmp_path, site, with_keys(*lines))
    assert activity is None
    shown = [str(p) for p in problems]
    assert any(s.startswith(f"{SHOWN}:{line}: ") and message in s for s in shown), shown


def test_every_accessibility_key_has_a_label_and_a_sentence():
    for key, (label, sentence) in ACCESSIBILITY.items():
        assert label and sentence.endswith(".") and key.isalpha()


def _site_with(tmp_path: Path, files: dict[str, str]) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("activities"))
    (content / "activities").mkdir()
    for name, text in files.items():
        (content / "activities" / name).write_text(text, encoding="utf-8")
    return content


def test_alias_may_not_be_an_existing_file(tmp_path):
    content = _site_with(tmp_path, {
        "a.md": with_keys("aliases: [b]"),
        "b.md": BASE,
    })
    catalog, problems = load_catalog(content, tmp_path)
    assert [str(p) for p in problems] == [
        "content/activities/a.md:18: aliases: 'b' is de naam van een bestaande activiteit (activities/b.md); "
        "een oude naam mag niet ook een bestand zijn."]
    assert [a.slug for a in catalog.activities] == ["b"]  # refused, like every activity with a problem


def test_alias_may_lead_to_one_activity_only(tmp_path):
    content = _site_with(tmp_path, {
        "a.md": with_keys("aliases: [oud]"),
        "b.md": with_keys("aliases:", "  - ouder", "  - oud"),
    })
    _, problems = load_catalog(content, tmp_path)
    assert [str(p) for p in problems] == [
        "content/activities/b.md:20: aliases: 'oud' staat ook bij content/activities/a.md; "
        "een oude naam kan maar naar één activiteit leiden."]


def test_alternative_names_an_activity_of_the_site(tmp_path):
    content = _site_with(tmp_path, {
        "a.md": with_keys("status: gestopt", "alternatief: b"),
        "b.md": BASE,
    })
    catalog, problems = load_catalog(content, tmp_path)
    assert problems == []
    assert catalog.by_slug["a"].alternative == "b"
