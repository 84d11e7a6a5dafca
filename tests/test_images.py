"""Images made at build time: photo sizes for phones without metadata, preview cards, the cache.

Outputs are read back with Pillow's decoder and checked byte by byte for
metadata; no result is hard-coded.
"""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from activity_directory.publish import images
from activity_directory.content.model import Photo

from demo_content import EXIF_MARKERS, phone_photo


def _upload(folder, name: str, data: bytes) -> Photo:
    path = folder / "fotos" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return Photo(f"fotos/{name}", "Een testfoto.")


def test_source_has_the_metadata_that_must_go(tmp_path):
    data = phone_photo()
    with Image.open(io.BytesIO(data)) as image:
        exif = image.getexif()
        assert exif.get_ifd(0x8825), "de testfoto heeft een GPS-positie"
    assert all(marker in data for marker in EXIF_MARKERS)


def test_photo_sizes_without_metadata(tmp_path):
    content = tmp_path / "content"
    photo = _upload(content, "telefoon.jpg", phone_photo(1800, 1200))
    made = images.ImageCache(tmp_path / "cache").photo(content, photo)
    widths = [v.width for v in made.variants]
    assert widths == sorted(widths) and widths[-1] <= 1800 and len(widths) >= 2
    assert max(widths) == max(images.PHOTO_WIDTHS)
    for variant in made.variants + (made.card,):
        data = variant.source.read_bytes()
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "JPEG" and image.size == (variant.width, variant.height)
            assert not image.getexif(), variant.path
            assert "icc_profile" not in image.info and "comment" not in image.info
        for marker in EXIF_MARKERS:
            assert marker not in data, (variant.path, marker)
        assert len(data) < len((content / photo.path).read_bytes())
    for variant in made.variants:  # the page's sizes keep the photo's shape
        assert abs(variant.height - variant.width * 1200 / 1800) <= 1
    assert (made.card.width, made.card.height) == images.CARD_SIZE
    assert all(v.path.startswith(f"{images.FOLDER}/telefoon-") for v in made.variants + (made.card,))


def test_turned_phone_photo_is_upright(tmp_path):
    """Phones store 'turn 90°' in EXIF; the copy has no EXIF, so the turn must be applied."""
    image = Image.new("RGB", (1200, 800), "#123456")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to display
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif)
    content = tmp_path / "content"
    made = images.ImageCache(tmp_path / "cache").photo(content, _upload(content, "rechtop.jpg", out.getvalue()))
    assert made.largest.height > made.largest.width


def test_small_photo_is_not_blown_up_and_has_no_preview(tmp_path):
    content = tmp_path / "content"
    buffer = io.BytesIO()
    Image.new("RGBA", (400, 300), (255, 0, 0, 128)).save(buffer, "PNG")  # transparent PNG
    made = images.ImageCache(tmp_path / "cache").photo(content, _upload(content, "klein.png", buffer.getvalue()))
    assert [(v.width, v.height) for v in made.variants] == [(400, 300)]
    assert made.card is None  # narrower than MIN_CARD_SOURCE_WIDTH: the soort's card is used instead
    with Image.open(made.largest.source) as image:
        assert image.mode == "RGB"


def test_unchanged_photo_costs_nothing_the_next_time(tmp_path):
    content = tmp_path / "content"
    photo = _upload(content, "foto.jpg", phone_photo())
    first = images.ImageCache(tmp_path / "cache")
    made = first.photo(content, photo)
    first.save()
    assert first.made == len(made.variants) + 1
    stamps = {v.source: v.source.stat().st_mtime_ns for v in made.variants}
    again = images.ImageCache(tmp_path / "cache")
    assert again.photo(content, photo) == made
    assert again.made == 0
    assert {v.source: v.source.stat().st_mtime_ns for v in made.variants} == stamps
    # a changed photo under the same name gets new files and new addresses (previews are cached by address)
    (content / photo.path).write_bytes(phone_photo(1600, 1000))
    changed = images.ImageCache(tmp_path / "cache").photo(content, photo)
    assert {v.path for v in changed.variants}.isdisjoint(v.path for v in made.variants)


def test_hash_is_remembered_by_size_and_time(tmp_path):
    """An unchanged photo is not even read again: its size and modification time stand for its hash."""
    path = tmp_path / "a.jpg"
    path.write_bytes(phone_photo())
    before = path.stat()
    cache = images.ImageCache(tmp_path / "cache")
    digest = cache.digest(path)
    cache.save()
    data = bytearray(path.read_bytes())
    data[-3] ^= 1  # same size, other bytes, and the old time put back: the shortcut is taken
    path.write_bytes(bytes(data))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert images.ImageCache(tmp_path / "cache").digest(path) == digest
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 10**9))  # a real edit moves the time
    assert images.ImageCache(tmp_path / "cache").digest(path) != digest


@pytest.mark.parametrize("data", [b"\xff\xd8\xff\xe0" + b"0" * 500, b"\xff\xd8\xff" + os.urandom(2000)],
                         ids=["empty-jpeg", "noise"])
def test_broken_photo_is_a_dutch_problem_not_a_crash(tmp_path, data):
    content = tmp_path / "content"
    with pytest.raises(images.ImageProblem) as problem:
        images.ImageCache(tmp_path / "cache").photo(content, _upload(content, "kapot.jpg", data))
    assert "content/fotos/kapot.jpg" in str(problem.value) and "opnieuw op" in str(problem.value)


def test_cards_are_drawn_once(tmp_path):
    cache = images.ImageCache(tmp_path / "cache")
    card = cache.card("soort-sport", "Activiteiten in Almere", "Sport en bewegen", "#146c2e")
    with Image.open(card.source) as image:
        assert image.format == "PNG" and image.size == images.CARD_SIZE
        assert image.getpixel((5, 5)) == (0x14, 0x6c, 0x2e)
        assert len(image.getcolors(1 << 16) or []) > 2  # there is text on it
    assert cache.made == 1
    again = images.ImageCache(tmp_path / "cache")
    assert again.card("soort-sport", "Activiteiten in Almere", "Sport en bewegen", "#146c2e") == card
    assert again.made == 0
    other = again.card("soort-sport", "Activiteiten in Almere", "Sport", "#146c2e")
    assert other.path != card.path


def test_card_font_comes_from_the_pinned_package():
    assert images.font_path(bold=True).is_file()
    assert "site-packages" in str(images.font_path()) or "dist-packages" in str(images.font_path())
