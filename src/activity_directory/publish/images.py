"""Images made at build time with Pillow: photos in sizes for phones, and link-preview cards.

* A photo (``foto: {bestand, alt}``) is published only as re-encoded copies:
  JPEG in a few widths for ``srcset`` (never wider than the upload), plus a
  1200 × 630 crop for link previews (``og:image``). Re-encoding drops every
  bit of metadata (EXIF, GPS location, camera, XMP, comments): a parent's
  phone photo must not tell where it was taken. The upload itself is never
  published.
* A card is a designed 1200 × 630 PNG for link previews of pages without a
  photo: the site's name and a short text (a soort, or the site's sentence)
  in Atkinson Hyperlegible, a typeface made to be read easily.

Everything is cached by content in a folder (``.cache/afbeeldingen`` in the
project): the key is the SHA-256 of the upload (or of the card's text and
colours) and :data:`PIPELINE`. An unchanged photo costs a ``stat`` on the
next build (its hash is remembered by size and modification time), and the
published file names carry the hash, so a changed photo gets a new address
(link previews are cached by address in chat apps).

Pillow is imported where it is used: building pages without photos does not
load it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..content.model import PHOTO, Photo

PIPELINE = "1"  # raise when the output changes: every cached file is then made again
PHOTO_WIDTHS = (480, 800, 1200)  # phone, phone with a high-density screen / tablet, desktop
CARD_SIZE = (1200, 630)  # the size link previews (Open Graph, WhatsApp) are made for
MIN_CARD_SOURCE_WIDTH = 600  # narrower photos are not used for link previews (they look blurred)
JPEG_QUALITY = 80
MAX_PIXELS = PHOTO.field("bestand").type.max_pixels  # declared with the model, checked by `make check` too
FOLDER = "fotos"  # published photos: fotos/<name>-<hash>-<width>.jpg
CARD_FOLDER = "afbeeldingen"  # published cards: afbeeldingen/<name>-<hash>.png


class ImageProblem(Exception):
    """A photo that cannot be used; the message is plain Dutch for the editor."""


@dataclass(frozen=True)
class Variant:
    """One published image file."""

    path: str  # site-relative, e.g. 'fotos/peutergym-1a2b3c4d5e-800.jpg'
    source: Path  # the cached file that is published at ``path``
    width: int
    height: int

    @property
    def mime(self) -> str:
        return "image/png" if self.path.endswith(".png") else "image/jpeg"


@dataclass(frozen=True)
class PhotoSet:
    """A photo as published: its sizes for the page and its link-preview crop."""

    alt: str
    variants: tuple[Variant, ...]  # ascending width
    card: Variant | None  # 1200 × 630, or None when the upload is too narrow

    @property
    def largest(self) -> Variant:
        return self.variants[-1]


def _atomic_write(path: Path, write) -> None:
    """Write through a temporary file and rename: builds running side by side share the cache."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    os.close(handle)
    try:
        write(temporary)
        os.chmod(temporary, 0o644)  # mkstemp makes it private; these files are published
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _slug_part(name: str) -> str:
    cleaned = "".join(c if c.isascii() and (c.isalnum() or c == "-") else "-" for c in name.lower())
    return "-".join(p for p in cleaned.split("-") if p) or "foto"


class ImageCache:
    """Makes and remembers images in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._index_path = self.folder / "hashes.json"
        self._index: dict[str, list] | None = None
        self._index_changed = False
        self.made = 0  # images encoded in this build (0 when everything came from the cache)

    # -- hashing, remembered by size and modification time -------------------------------------
    def _load_index(self) -> dict[str, list]:
        if self._index is None:
            try:
                self._index = json.loads(self._index_path.read_text(encoding="utf-8"))
                if not isinstance(self._index, dict):
                    self._index = {}
            except (OSError, ValueError):
                self._index = {}
        return self._index

    def digest(self, path: Path) -> str:
        """SHA-256 of a file; not read again while its size and modification time stay the same."""
        stat = path.stat()
        key = str(path.resolve())
        index = self._load_index()
        known = index.get(key)
        if isinstance(known, list) and len(known) == 3 and known[:2] == [stat.st_size, stat.st_mtime_ns]:
            return known[2]
        sha = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                sha.update(block)
        value = sha.hexdigest()
        index[key] = [stat.st_size, stat.st_mtime_ns, value]
        self._index_changed = True
        return value

    def save(self) -> None:
        """Remember the hashes for the next build (safe when builds run side by side)."""
        if self._index_changed and self._index is not None:
            data = json.dumps(self._index, sort_keys=True).encode("utf-8")
            try:
                _atomic_write(self._index_path, lambda p: Path(p).write_bytes(data))
            except OSError:
                pass  # a read-only cache only costs time
            self._index_changed = False

    # -- photos -----------------------------------------------------------------------------------
    def photo(self, content_dir: Path, photo: Photo) -> PhotoSet:
        """The published sizes of a photo, from the cache or made now. Raises :class:`ImageProblem`."""
        source = Path(content_dir) / photo.path
        try:
            digest = self.digest(source)
        except OSError as error:
            raise ImageProblem(f"foto: 'content/{photo.path}' kan niet worden gelezen ({error.strerror or error}).") from error
        key = f"{digest[:24]}-p{PIPELINE}"
        manifest = self.folder / f"{key}.json"
        sizes = self._read_manifest(manifest)
        if sizes is None:
            sizes = self._make_photo(source, photo.path, key)
            data = json.dumps(sizes).encode("utf-8")
            _atomic_write(manifest, lambda p: Path(p).write_bytes(data))
        name = f"{_slug_part(Path(photo.path).stem)}-{digest[:10]}"
        variants = tuple(Variant(f"{FOLDER}/{name}-{w}.jpg", self.folder / f"{key}-{w}.jpg", w, h)
                         for w, h in sizes["variants"])
        card = None
        if sizes.get("card"):
            card = Variant(f"{FOLDER}/{name}-delen.jpg", self.folder / f"{key}-delen.jpg", *CARD_SIZE)
        return PhotoSet(photo.alt, variants, card)

    def _read_manifest(self, manifest: Path) -> dict | None:
        try:
            sizes = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        files = [self.folder / f"{manifest.stem}-{w}.jpg" for w, _ in sizes.get("variants", [])]
        if sizes.get("card"):
            files.append(self.folder / f"{manifest.stem}-delen.jpg")
        return sizes if files and all(f.is_file() for f in files) else None

    def _make_photo(self, source: Path, shown: str, key: str) -> dict:
        from PIL import Image, ImageOps

        try:
            with Image.open(source) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ImageProblem(f"foto: 'content/{shown}' is {width} × {height} pixels; dat is te groot. "
                                       "Maak de foto kleiner (bijvoorbeeld 2000 pixels breed).")
                if image.format == "JPEG":
                    image.draft("RGB", (max(PHOTO_WIDTHS), max(PHOTO_WIDTHS)))  # decode at a smaller scale: faster
                image.load()
                upright = ImageOps.exif_transpose(image)  # phones store the turn in EXIF, which is dropped below
                picture = upright.convert("RGBA") if upright.mode in ("P", "LA", "PA") else upright
                if picture.mode == "RGBA":  # transparent PNG: on white, like the page
                    background = Image.new("RGB", picture.size, (255, 255, 255))
                    background.paste(picture, mask=picture.getchannel("A"))
                    picture = background
                picture = picture.convert("RGB")
        except ImageProblem:
            raise
        except (OSError, ValueError, Image.DecompressionBombError) as error:
            raise ImageProblem(f"foto: 'content/{shown}' kan niet als foto worden gelezen; het bestand is "
                               "misschien beschadigd. Sla de foto opnieuw op als jpg of png.") from error
        variants = []
        widths = [w for w in PHOTO_WIDTHS if w < picture.width] + [min(picture.width, max(PHOTO_WIDTHS))]
        for w in sorted(set(widths)):
            h = max(1, round(picture.height * w / picture.width))
            resized = picture if (w, h) == picture.size else picture.resize((w, h), Image.Resampling.LANCZOS)
            self._save_jpeg(resized, self.folder / f"{key}-{w}.jpg")
            variants.append([w, h])
        card = picture.width >= MIN_CARD_SOURCE_WIDTH
        if card:
            crop = ImageOps.fit(picture, CARD_SIZE, Image.Resampling.LANCZOS, centering=(0.5, 0.4))
            self._save_jpeg(crop, self.folder / f"{key}-delen.jpg")
        return {"variants": variants, "card": card}

    def _save_jpeg(self, image, path: Path) -> None:
        # No exif=, icc_profile= or comment=: the copy carries pixels only.
        _atomic_write(path, lambda p: image.save(p, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True))
        self.made += 1

    # -- link-preview cards -------------------------------------------------------------------------
    def card(self, name: str, heading: str, text: str, background: str, foreground: str = "#ffffff") -> Variant:
        """A 1200 × 630 PNG with ``heading`` (the site's name) and ``text`` on a flat colour."""
        font_file = font_path(bold=True)
        recipe = json.dumps([PIPELINE, heading, text, background, foreground, font_file.name,
                             font_file.stat().st_size], ensure_ascii=False)
        digest = hashlib.sha256(recipe.encode("utf-8")).hexdigest()
        cached = self.folder / f"kaart-{digest[:24]}.png"
        if not cached.is_file():
            image = draw_card(heading, text, background, foreground)
            _atomic_write(cached, lambda p: image.save(p, "PNG", optimize=True))
            self.made += 1
        return Variant(f"{CARD_FOLDER}/{_slug_part(name)}-{digest[:10]}.png", cached, *CARD_SIZE)


def font_path(bold: bool = False) -> Path:
    """Atkinson Hyperlegible from its PyPI package (pinned in pyproject.toml): never a system font."""
    import fontpkg_atkinson_hyperlegible as package

    return Path(package.ROOT) / "files" / ("AtkinsonHyperlegible-Bold.ttf" if bold else "AtkinsonHyperlegible-Regular.ttf")


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def draw_card(heading: str, text: str, background: str, foreground: str = "#ffffff"):
    """The card as a Pillow image: heading at the top, the text as large as fits, a band below."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = CARD_SIZE
    margin = 72
    image = Image.new("RGB", CARD_SIZE, background)
    draw = ImageDraw.Draw(image)
    bold = str(font_path(bold=True))
    top = ImageFont.truetype(bold, 44)
    draw.text((margin, margin), heading, font=top, fill=foreground)
    draw.rectangle((margin, margin + 70, margin + 120, margin + 78), fill=foreground)
    # The text: the largest size (96 down to 48 px) at which it fits in three lines.
    box_top, box_bottom = margin + 130, height - margin - 40
    for size in range(96, 47, -4):
        font = ImageFont.truetype(bold, size)
        lines = _wrap(draw, text, font, width - 2 * margin)
        line_height = round(size * 1.15)
        if len(lines) <= 3 and len(lines) * line_height <= box_bottom - box_top:
            break
    y = box_top + (box_bottom - box_top - len(lines) * line_height) // 2
    for line in lines:
        draw.text((margin, y), line, font=font, fill=foreground)
        y += line_height
    # A row of dots along the bottom: a quiet, friendly pattern (no pictures of people).
    for i in range(0, (width - 2 * margin) // 36 + 1):
        x = margin + i * 36
        draw.ellipse((x, height - margin + 4, x + 14, height - margin + 18), fill=foreground)
    return image
