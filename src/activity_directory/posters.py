"""QR codes for printed posters: every activity page has one at ``<page URL>qr.svg``.

Childcare centres, schools and buurthuizen print an activity page as a poster
(the page's print style); the QR code on it opens the page. The code holds the
page's absolute address, which never changes (a stopped activity keeps its
page), so a poster on a wall keeps working.

The SVG is small and sharp at any size. Error correction level M survives a
crease or a pin hole. The mask is fixed: choosing the best of eight masks took
four times as long, for codes every phone reads either way.
"""

from __future__ import annotations

import io

import segno

QR_NAME = "qr.svg"
MASK = 2  # any of the eight masks is valid QR; a fixed one keeps builds fast


def qr_path(page_url: str) -> str:
    """Site-relative path of the QR code of a page URL ('' or ending in '/')."""
    return f"{page_url}{QR_NAME}"


def qr_svg(url: str, title: str) -> bytes:
    """An SVG QR code for ``url``; ``title`` is its accessible name."""
    code = segno.make(url, error="m", micro=False, mask=MASK, boost_error=False)
    out = io.BytesIO()
    code.save(out, kind="svg", scale=1, border=4, xmldecl=False, svgns=True, title=title, nl=False,
              svgclass=None, lineclass=None, omitsize=True, dark="#000", light="#fff")
    return out.getvalue()
