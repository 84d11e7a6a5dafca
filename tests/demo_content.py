"""A copy of the sample content that uses every activity-page feature at once.

The sample content is edited by others; these tests must not depend on which
keys it happens to use. The copy adds, through plain text edits of real files:

* the keys of "what to know before you go" on one activity (``RICH``);
* a phone photo with EXIF data, including a GPS position, on that activity;
* ``alternatief`` on the paused and on the stopped activity;
* a rename: ``RENAMED_FROM.md`` becomes ``RENAMED_TO.md`` with ``aliases: [RENAMED_FROM]``.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from conftest import copy_project

RICH = "peuter-en-kleutersport-poort"
RENAMED_FROM, RENAMED_TO = "odensehuis", "odensehuis-almere"
PAUSED, PAUSED_ALTERNATIVE = "kinderwerk-eilandenbuurt", "kinderwerk-molenbuurt"
STOPPED, STOPPED_ALTERNATIVE = "seniorengym-hout-noord", "seniorensport-buiten"
EXIF_PHOTO = "fotos/telefoonfoto-met-locatie.jpg"
EXIF_MARKERS = (b"Exif", b"Telefoon van de fotograaf")
BEFORE_YOU_GO = {
    "neem_mee": "Makkelijke kleren, gymschoentjes of blote voeten & een flesje water.",
    "toegankelijk": ["kinderwagen", "verschoontafel", "rolstoel"],
    "bereikbaar": "Bushalte Olympiaplein (lijn M5), 3 minuten lopen. Fietsenrek bij de ingang.",
    "bij_slecht_weer": "Het is binnen, dus het gaat altijd door.",
}


def phone_photo(width: int = 1800, height: int = 1200) -> bytes:
    """A JPEG as a phone makes it: EXIF with the camera, an orientation and a GPS position."""
    from PIL import Image

    image = Image.new("RGB", (width, height), "#2a9d8f")
    for x in range(0, width, 60):  # some detail, so the encoder has work to do
        image.paste((233, 196, 106), (x, 0, x + 20, height))
    exif = Image.Exif()
    exif[0x010F] = "Telefoon van de fotograaf"  # Make
    exif[0x0112] = 1  # Orientation
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (52.0, 22.0, 28.0)
    gps[3], gps[4] = "E", (5.0, 8.0, 38.0)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def _add_keys(path: Path, lines: list[str]) -> None:
    text = path.read_text(encoding="utf-8")
    head, sep, rest = text.partition("\ngecontroleerd:")
    assert sep, path
    path.write_text(head + "\n" + "\n".join(lines) + sep + rest, encoding="utf-8")


def _without(text: str, *keys: str) -> str:
    """The front matter without these top-level keys (one line or a block below the key)."""
    for key in keys:
        text = re.sub(rf"(?m)^{key}:.*\n(?:[ -].*\n)*", "", text)
    return text


def _yaml_text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def make_demo_project(dest: Path) -> Path:
    project = copy_project(dest)
    activities = project / "content" / "activities"
    (project / "content" / EXIF_PHOTO).parent.mkdir(parents=True, exist_ok=True)
    (project / "content" / EXIF_PHOTO).write_bytes(phone_photo())
    rich = activities / f"{RICH}.md"
    text = rich.read_text(encoding="utf-8")
    text = _without(text, "neem_mee", "toegankelijk", "bereikbaar", "bij_slecht_weer", "foto")
    rich.write_text(text, encoding="utf-8")
    _add_keys(rich, [
        f"neem_mee: {_yaml_text(BEFORE_YOU_GO['neem_mee'])}",
        f"toegankelijk: [{', '.join(BEFORE_YOU_GO['toegankelijk'])}]",
        f"bereikbaar: {_yaml_text(BEFORE_YOU_GO['bereikbaar'])}",
        f"bij_slecht_weer: {_yaml_text(BEFORE_YOU_GO['bij_slecht_weer'])}",
        f"foto: {{bestand: {EXIF_PHOTO}, alt: \"Een groene muur met gele strepen (testfoto).\"}}",
    ])
    for slug, alternative in ((PAUSED, PAUSED_ALTERNATIVE), (STOPPED, STOPPED_ALTERNATIVE)):
        path = activities / f"{slug}.md"
        path.write_text(_without(path.read_text(encoding="utf-8"), "alternatief"), encoding="utf-8")
        _add_keys(path, [f"alternatief: {alternative}"])
    old = activities / f"{RENAMED_FROM}.md"
    new = activities / f"{RENAMED_TO}.md"
    old.rename(new)
    new.write_text(_without(new.read_text(encoding="utf-8"), "aliases"), encoding="utf-8")
    _add_keys(new, [f"aliases: [{RENAMED_FROM}]"])
    return project
