"""Read YAML (and Markdown files with YAML front matter) keeping line numbers.

The result is a small tree of :class:`Node` objects. Every node knows the
line it starts on in the *file* (1-based), so validation can point editors at
the exact line. Scalars keep both the value YAML gives them and the raw text
as written, because YAML 1.1 turns an unquoted ``09:30`` into the number 570.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem


@dataclass
class Node:
    line: int


@dataclass
class Scalar(Node):
    value: Any
    raw: str
    quoted: bool = False


@dataclass
class Sequence(Node):
    items: list[Node] = field(default_factory=list)


@dataclass
class Mapping(Node):
    # key -> (line of the key, value node); insertion ordered
    entries: dict[str, tuple[int, Node]] = field(default_factory=dict)


@dataclass
class Document:
    """A Markdown file split into its front matter tree and its body."""

    path: str
    data: Node | None
    body: str
    body_line: int  # file line where the body starts


_YAML_HINTS = [
    ("mapping values are not allowed", "hier staat een dubbele punt die YAML niet verwacht; zet tekst met een ':' tussen aanhalingstekens"),
    ("could not find expected ':'", "er mist een dubbele punt ':' achter een sleutel, of de inspringing klopt niet"),
    ("found character '\\t'", "gebruik spaties om in te springen, geen tabs"),
    ("found character", "hier staat een teken dat niet mag; zet de tekst tussen aanhalingstekens"),
    ("did not find expected key", "de inspringing klopt niet: zet sleutels op hetzelfde niveau precies onder elkaar"),
    ("did not find expected '-'", "de inspringing van de lijst klopt niet: elke regel begint met '- ' op hetzelfde niveau"),
    ("found unexpected end of stream", "een aanhalingsteken of haakje wordt niet gesloten"),
    ("while scanning a quoted scalar", "een aanhalingsteken wordt niet gesloten"),
    ("expected ',' or ']'", "een lijst tussen [ ] wordt niet goed gesloten"),
    ("expected ',' or '}'", "een blok tussen { } wordt niet goed gesloten"),
    ("found undefined alias", "er staat een '*' die YAML als verwijzing leest; zet de tekst tussen aanhalingstekens"),
    ("found unhashable key", "een sleutel mag geen lijst of blok zijn"),
    ("expected <block end>", "de inspringing klopt niet, of een aanhalingsteken wordt niet gesloten"),
]
# Errors whose mistake is where the token started, not where YAML gave up.
_STARTED_AT_CONTEXT = ("while scanning a quoted scalar", "while scanning a simple key", "while parsing a flow")


def _yaml_error(path: str, error: yaml.YAMLError, line_offset: int) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    context = getattr(error, "context", "") or ""
    if context.startswith(_STARTED_AT_CONTEXT) and getattr(error, "context_mark", None) is not None:
        # an unclosed quote or bracket, or a key without ':': the mistake is where it started
        mark = error.context_mark
    line = (mark.line + 1 + line_offset) if mark is not None else 1 + line_offset
    text = f"{context} {getattr(error, 'problem', '') or ''}"
    hint = next((dutch for english, dutch in _YAML_HINTS if english in text), None)
    hint = hint or "controleer de inspringing, dubbele punten en aanhalingstekens"
    return Problem(path, line, f"dit is geen geldige YAML: {hint}.")


def _convert(node: yaml.Node, path: str, offset: int, problems: list[Problem],
             constructor: yaml.constructor.SafeConstructor) -> Node:
    line = node.start_mark.line + 1 + offset
    if isinstance(node, yaml.MappingNode):
        result = Mapping(line)
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1 + offset
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(path, key_line, "een sleutel moet een woord zijn, geen lijst of blok."))
                continue
            key = str(key_node.value)
            if key == "<<":
                problems.append(Problem(path, key_line, "'<<' (samenvoegen) wordt niet ondersteund; schrijf de gegevens uit."))
                continue
            if key in result.entries:
                first = result.entries[key][0]
                problems.append(Problem(path, key_line, f"'{key}' staat hier twee keer (ook op regel {first}); laat er één staan."))
                continue
            result.entries[key] = (key_line, _convert(value_node, path, offset, problems, constructor))
        return result
    if isinstance(node, yaml.SequenceNode):
        return Sequence(line, [_convert(item, path, offset, problems, constructor) for item in node.value])
    try:
        if node.tag == _STR:  # most scalars: no constructor needed
            value = node.value
        else:
            value = constructor.yaml_constructors[node.tag](constructor, node)
    except (yaml.YAMLError, ValueError, TypeError, KeyError):
        # e.g. a date like 2026-02-30 that YAML recognises but cannot build
        value = node.value
    quoted = node.style in ("'", '"')
    return Scalar(line, value, str(node.value), quoted)


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Node | None, list[Problem]]:
    """Parse YAML text into a :class:`Node` tree; problems instead of exceptions."""
    problems: list[Problem] = []
    try:
        # libyaml's parser is ~10× faster; the pure-Python one words errors best,
        # so it re-parses only text that libyaml refuses.
        root = yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as error:
            return None, [_yaml_error(path, error, line_offset)]
    if root is None:
        return None, []
    return _convert(root, path, line_offset, problems, _CONSTRUCTOR), problems


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.SafeLoader("")  # builds scalar values only; stateless for scalars
_STR = "tag:yaml.org,2002:str"


_FENCE = re.compile(r"^---[ \t]*$")


def read_front_matter(path: str, text: str) -> tuple[Document | None, list[Problem]]:
    """Split ``---`` front matter from the Markdown body and parse it."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines(keepends=True)
    if not text.strip():
        return None, [Problem(path, 1, "het bestand is leeg; begin met '---', dan de gegevens van de activiteit en weer '---'.")]
    if not _FENCE.match(lines[0].rstrip("\r\n")):
        return None, [Problem(path, 1, "het bestand begint niet met '---': zet de gegevens van de activiteit bovenaan tussen twee regels '---'.")]
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i].rstrip("\r\n"))), None)
    if end is None:
        return None, [Problem(path, 1, "de gegevens bovenaan worden niet afgesloten: zet na de laatste gegevensregel een regel met alleen '---'.")]
    data, problems = parse_yaml("".join(lines[1:end]), path, line_offset=1)
    body = "".join(lines[end + 1:])
    return Document(path, data, body, end + 2), problems


def plain(node: Node | None) -> Any:
    """The plain Python value of a node tree (for data files without a model)."""
    if node is None:
        return None
    if isinstance(node, Mapping):
        return {key: plain(value) for key, (_, value) in node.entries.items()}
    if isinstance(node, Sequence):
        return [plain(item) for item in node.items]
    return node.value
