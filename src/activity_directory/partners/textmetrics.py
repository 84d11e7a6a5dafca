"""How wide text is in Arial (and fonts with the same widths: Helvetica, Liberation Sans).

The flyers use such a font, so the build can work out how many lines a text
takes and what fits on one printed sheet (:mod:`flyers`). Widths are in
thousandths of the font size, as Chromium measures them
(tests/test_flyers.py measures them again).
"""

from __future__ import annotations

import functools

CHARACTERS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~àáâäèéêëìíîïòóôöùúûüçñÀÁÂÄÈÉÊËÌÍÎÏÒÓÔÖÙÚÛÜÇÑ–—·€‘’“”…×°½ß'
REGULAR = (
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 500, 556, 667, 667, 667, 667, 667, 667, 667, 667, 278, 278, 278, 278, 778, 778, 778, 778,
    722, 722, 722, 722, 722, 722, 556, 1000, 278, 556, 222, 222, 333, 333, 1000, 584, 400, 834,
    611,
)
BOLD = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 278, 278, 611, 611, 611, 611, 611, 611, 611,
    611, 556, 611, 722, 722, 722, 722, 667, 667, 667, 667, 278, 278, 278, 278, 778, 778, 778, 778,
    722, 722, 722, 722, 722, 722, 556, 1000, 278, 556, 278, 278, 500, 500, 1000, 584, 400, 834,
    611,
)
_WIDTHS = {False: dict(zip(CHARACTERS, REGULAR)), True: dict(zip(CHARACTERS, BOLD))}
UNKNOWN = 1000  # a character not in the table: as wide as the widest


def width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` on one line, in the unit of ``size`` (the font size)."""
    table = _WIDTHS[bold]
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
def _word_width(word: str, bold: bool) -> int:
    table = _WIDTHS[bold]
    return sum(table.get(ch, UNKNOWN) for ch in word)
