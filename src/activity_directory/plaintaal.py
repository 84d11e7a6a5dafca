"""Plain Dutch: one form of address.

The site says 'je' and 'jouw' (B1), to parents and to older people alike. This
rule finds 'u', 'uw', 'uzelf', 'alstublieft' (in any case) in every text an editor writes:
each text field that the format declares (:class:`~.fieldtypes.Text`, found by
walking the declaration, so new text keys are checked without listing them
here) and the Markdown body. Each hit is a :class:`~.problems.Problem` on its
own line, in Dutch, like every other content problem.

Not a hit: 'u' inside a word or joined with a hyphen ('u-bocht', 'U-vorm'),
letters in an abbreviation ('u.s.'), web and e-mail addresses, code, HTML
attributes, and anything between quotation marks (a name such as
"Kunst & U"): quoting is how an editor keeps a name as it is.
"""

from __future__ import annotations

import re

from .fieldtypes import Either, FieldType, ListOf, MapOf, Record, Text, TextOr
from .problems import Problem
from .yamlsource import Mapping, Node, Scalar, Sequence

# The words of the polite form, and what to write instead.
ADVICE = {
    "u": ("'je'", "'kunt u' wordt 'kun je', 'bent u' wordt 'ben je'"),
    "uw": ("'je' of 'jouw'", "'uw kind' wordt 'je kind'"),
    "uzelf": ("'jezelf'", "'voor uzelf' wordt 'voor jezelf'"),
    "alstublieft": ("'alsjeblieft'", "of laat het weg"),
    "a.u.b.": ("'alsjeblieft'", "of laat het weg"),
}
_WORD = re.compile(r"(?<![\w\-.@&'’])(uzelf|uw|u|alstublieft|a\.u\.b\.)(?![\w\-'’@&]|\.\w)", re.IGNORECASE)

# Spans that are not running text; masked before searching (same length, newlines kept).
_NOT_TEXT = re.compile(
    r"^(?P<fence>```|~~~)[^\n]*\n.*?^(?P=fence)[^\n]*$"          # fenced code
    r"|`[^`\n]*`"                                                # inline code
    r"|<[a-zA-Z/!][^>]*>"                                        # HTML tags with their attributes
    r"|\]\([^)\n]*\)"                                            # a Markdown link's target
    r"|^\s{0,3}\[[^\]\n]+\]:[^\n]*$"                             # a reference definition
    r"|(?:https?://|www\.)[^\s)>\]]+"                            # web addresses
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"                             # e-mail addresses
    r"|\"[^\"\n]*\"|“[^”\n]*”|„[^”“\n]*[”“]|«[^»\n]*»"           # double quotation marks
    r"|(?<!\w)['‘’](?=\S)[^'‘’\n]*?(?<=\S)['‘’](?!\w)",          # single ones (not "'s ochtends", "zo'n")
    re.MULTILINE | re.DOTALL,
)


def _masked(text: str) -> str:
    return _NOT_TEXT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def find(text: str) -> list[tuple[int, str]]:
    """(offset, word as written) of every 'u', 'uw', 'uzelf', 'alstublieft' and 'a.u.b.' that addresses the reader."""
    return [(m.start(), m.group(0)) for m in _WORD.finditer(_masked(text))]


def _context(text: str, offset: int, word: str, words: int = 4) -> str:
    """A few whole words around the hit, from its own line, to show the editor where it is."""
    line_start = text.rfind("\n", 0, offset) + 1
    line_end = text.find("\n", offset)
    line_end = len(text) if line_end < 0 else line_end
    starts = [m.start() for m in re.finditer(r"\S+", text[line_start:offset])]
    ends = [m.end() for m in re.finditer(r"\S+", text[offset + len(word):line_end])]
    start = line_start + (starts[-words] if len(starts) >= words else 0)
    end = offset + len(word) + (ends[words - 1] if len(ends) >= words else line_end - offset - len(word))
    snippet = " ".join(text[start:end].split())
    return ("… " if start > line_start else "") + snippet + (" …" if end < line_end else "")


def message(label: str, text: str, offset: int, word: str) -> str:
    instead, example = ADVICE[word.lower()]
    where = f"{label}: " if label else ""
    return (f"{where}hier staat '{word}' ('{_context(text, offset, word)}'). Deze site zegt 'je' en 'jouw' "
            f"tegen iedereen, ook tegen ouderen: schrijf {instead} ({example}). "
            "Is het een naam? Zet die dan tussen aanhalingstekens.")


def text_problems(path: str, first_line: int, label: str, text: str) -> list[Problem]:
    """Problems for one text; ``first_line`` is the file line its first character is on."""
    return [Problem(path, first_line + text.count("\n", 0, offset), message(label, text, offset, word))
            for offset, word in find(text)]


def body_problems(path: str, body: str, body_line: int) -> list[Problem]:
    """The Markdown below the front matter ('tekst' for the editor)."""
    return text_problems(path, body_line, "de tekst onder de gegevens", body)


def field_problems(path: str, spec: FieldType, node: Node | None, label: str = "") -> list[Problem]:
    """Every text in ``node`` that ``spec`` declares as text, checked; shapes that do not fit are skipped
    (validation reports those)."""
    if node is None:
        return []
    if isinstance(spec, Text):
        if isinstance(node, Scalar) and isinstance(node.value, str):
            return [Problem(path, node.line, message(label, node.value, offset, word)) for offset, word in find(node.value)]
        return []
    if isinstance(spec, (TextOr, Either)):
        if isinstance(node, Mapping):
            return field_problems(path, spec.record, node, label)
        return field_problems(path, spec.text, node, label) if isinstance(spec, TextOr) else []
    if isinstance(spec, ListOf):
        items = node.items if isinstance(node, Sequence) else [node]
        return [p for item in items for p in field_problems(path, spec.item, item, label)]
    if isinstance(spec, MapOf):
        if not isinstance(node, Mapping):
            return []
        return [p for key, (_, value) in node.entries.items() for p in field_problems(path, spec.value, value, key)]
    if isinstance(spec, Record):
        if not isinstance(node, Mapping):
            return []
        problems = []
        for key, (_, value) in node.entries.items():
            try:
                field = spec.field(key)
            except KeyError:
                continue  # an unknown key: reported by validation
            problems += field_problems(path, field.type, value, f"{label}.{key}" if label else key)
        return problems
    return []
