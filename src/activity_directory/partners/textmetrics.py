"""How wide text is in the flyers' typeface, Atkinson Hyperlegible, read from the font files themselves.

The flyers use this font, from the pinned PyPI package the link-preview images use too
(``publish.images.font_path``); the build copies its files into the site (``FONT_FILES``)
and overrides/assets/flyer.css loads them with @font-face, never a font of the computer. So
the build can work out how many lines a text takes and what fits on one printed sheet
(:mod:`flyers`) and get the same answer as the browser on every machine. Widths are the
glyphs' advances (fontTools reads them), in thousandths of the font size; flyer.css turns
kerning and ligatures off so Chromium adds up the same advances (tests/test_partners.py
measures them again in Chromium).
"""

from __future__ import annotations

import functools

from fontTools.ttLib import TTFont

from ..publish.images import font_path

# Characters the flyers are checked with (tests): letters, digits, Dutch accents and the
# punctuation the wording uses (–, ·, €, ‘’, …).
CHARACTERS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~àáâäèéêëìíîïòóôöùúûüçñÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜÇÑ–—·€‘’“”…×°½ß'
FONT_FOLDER = "assets/fonts/"  # in the site; flyer.css names the files in it
FONT_FILES = {f"{FONT_FOLDER}{font_path(bold).name}": font_path(bold) for bold in (False, True)}
UNKNOWN = 1000  # a character the font lacks (the browser takes another font): as wide as the widest


@functools.cache
def _widths(bold: bool) -> dict[str, float]:
    """Every character the font has, with its advance in thousandths of the font size."""
    font = TTFont(font_path(bold), lazy=True)
    scale = 1000 / font["head"].unitsPerEm
    metrics = font["hmtx"].metrics
    return {chr(code): metrics[glyph][0] * scale for code, glyph in font.getBestCmap().items()}


def width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` on one line, in the unit of ``size`` (the font size)."""
    table = _widths(bold)
    return sum(table.get(ch, UNKNOWN) for ch in text) * size / 1000


def line_count(text: str, size: float, line_width: float, bold: bool = False) -> int:
    """How many lines ``text`` takes when it wraps between words (a word too long for a line is cut).

    Browsers may also wrap after a hyphen or a dash; wrapping only between
    words never counts fewer lines than they show.
    """
    space = width(" ", size, bold)
    lines, used = 1, 0.0
    for word in text.split():
        w = _word_width(word, bold) * size / 1000
        if used and used + space + w <= line_width:
            used += space + w
            continue
        if used:
            lines += 1
        while w > line_width:  # cut, as overflow-wrap: anywhere does
            lines += 1
            w -= line_width
        used = w
    return lines


@functools.lru_cache(maxsize=65536)
def _word_width(word: str, bold: bool) -> float:
    table = _widths(bold)
    return sum(table.get(ch, UNKNOWN) for ch in word)
