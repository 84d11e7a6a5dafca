"""CSV files that are safe to open in a spreadsheet (OWASP, "CSV Injection").

Excel, LibreOffice and Google Sheets read a cell that starts with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return as a formula (``=HYPERLINK(...)``
becomes a link, other formulas run). OWASP's rule: put a single quote ``'``
before such a cell, so the spreadsheet shows it as text. The rule holds for
every cell, also for a phone number such as ``+31 36 …`` or a negative number:
a reader then sees ``'+31 36 …``.

:func:`neutralise` is the one place that applies the rule; every CSV the site
writes (``/activiteiten.csv``, ``/overzicht/overzicht.csv``,
``/redactie/import-voorbeeld.csv``) goes through :func:`csv_bytes`, and
``make import`` undoes it with :func:`restore`, so a file exported and imported
again keeps every value exactly. Leading spaces and quotes are looked past
(a spreadsheet may trim spaces), and a value that itself starts with quotes
before such a character gets one quote more, so that :func:`restore` is the
exact inverse.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _looks_like_formula(text: str) -> bool:
    return text.lstrip(" '").startswith(FORMULA_STARTS)


def neutralise(value: object) -> str:
    """The text of one cell, with a ``'`` before it when a spreadsheet would read a formula."""
    text = "" if value is None else str(value)
    return "'" + text if _looks_like_formula(text) else text


def restore(text: str) -> str:
    """The value :func:`neutralise` was given (a cell read back from our own CSV, or typed as ``'=…``)."""
    if text.startswith("'") and _looks_like_formula(text[1:]):
        return text[1:]
    return text


def csv_bytes(rows: Iterable[Iterable[object]]) -> bytes:
    """Rows as CSV for Dutch Excel: UTF-8 with BOM, ``;`` between cells, CRLF; every cell neutralised."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
