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
    if _WORD.search(text) is None:
        return []  # the usual case, and cheap: masking only ever removes hits
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
    problems: list[Problem] = []
    plan = _plan(spec)
    if node is not None and plan is not None:
        _walk(path, plan, node, label, problems)
    return problems


# Where the texts are in a declaration, worked out once per declaration: the walk over an
# activity then visits only the keys that hold text (cheap at thousands of activities).
_PLANS: dict[int, tuple[FieldType, object]] = {}


def _plan(spec: FieldType):
    """'text', ('list', plan), ('map', plan), ('record', {key: plan}), ('either', record plan, text plan) or None."""
    known = _PLANS.get(id(spec))
    if known is not None and known[0] is spec:
        return known[1]
    plan: object = None
    if isinstance(spec, Text):
        plan = "text"
    elif isinstance(spec, (TextOr, Either)):
        record, text = _plan(spec.record), _plan(spec.text) if isinstance(spec, TextOr) else None
        plan = ("either", record, text) if record or text else None
    elif isinstance(spec, (ListOf, MapOf)):
        inner = _plan(spec.item if isinstance(spec, ListOf) else spec.value)
        plan = ("list" if isinstance(spec, ListOf) else "map", inner) if inner else None
    elif isinstance(spec, Record):
        keys = {field.key: _plan(field.type) for field in spec.fields}
        keys = {key: inner for key, inner in keys.items() if inner}
        plan = ("record", keys) if keys else None
    _PLANS[id(spec)] = (spec, plan)
    return plan


def _walk(path: str, plan, node: Node, label: str, problems: list[Problem]) -> None:
    if plan == "text":
        if isinstance(node, Scalar) and isinstance(node.value, str):
            problems += [Problem(path, node.line, message(label, node.value, offset, word)) for offset, word in find(node.value)]
        return
    kind = plan[0]
    if kind == "record":
        if isinstance(node, Mapping):
            keys = plan[1]
            for key, (_, value) in node.entries.items():
                inner = keys.get(key)
                if inner is not None:
                    _walk(path, inner, value, f"{label}.{key}" if label else key, problems)
    elif kind == "either":
        inner = plan[1] if isinstance(node, Mapping) else plan[2]
        if inner is not None:
            _walk(path, inner, node, label, problems)
    elif kind == "list":
        for item in node.items if isinstance(node, Sequence) else [node]:
            _walk(path, plan[1], item, label, problems)
    elif kind == "map" and isinstance(node, Mapping):
        for key, (_, value) in node.entries.items():
            _walk(path, plan[1], value, key, problems)
