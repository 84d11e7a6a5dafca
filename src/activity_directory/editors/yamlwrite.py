"""Writing YAML values the way the editor guide shows them (for generated activity files).

Plain where that reads back as the same text, between double quotes where YAML
would read something else (``09:30`` as a number, ``ja`` as true) and for times
and telephone numbers, as the guide asks.
"""

from __future__ import annotations

import json
import re

import yaml

_TIME = re.compile(r"^\d{1,2}[:.]\d{2}$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ()\-]{5,18}[0-9]$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def scalar(text: str) -> str:
    """``text`` as a YAML scalar that reads back as exactly this string."""
    text = str(text)
    if _DATE.match(text):
        return text  # read as a date, as the model wants
    if not _TIME.match(text) and not _PHONE.match(text) and text == text.strip() and "\n" not in text:
        try:
            if yaml.safe_load(f"k: {text}\n") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def flow_list(items: list[str]) -> str:
    """``[a, b]`` with every item written by :func:`scalar` (commas inside items are quoted)."""
    parts = []
    for item in items:
        written = scalar(item)
        parts.append(json.dumps(item, ensure_ascii=False) if any(c in written for c in ",[]{}") and not written.startswith('"') else written)
    return "[" + ", ".join(parts) + "]"
