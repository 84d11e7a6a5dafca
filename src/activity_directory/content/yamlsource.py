"""Read YAML (and Markdown files with YAML front matter) keeping line numbers.

The result is a small tree of :class:`Node` objects. Every node knows the
line it starts on in the *file* (1-based), so validation can point editors at
the exact line. Scalars keep both the value YAML gives them and the raw text
as written, because YAML 1.1 turns an unquoted ``09:30`` into the number 570.
"""

from __future__ import annotations

import functools
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


@dataclass(frozen=True)
class Limits:
    """What one YAML file may hold: far more than any real file, far less than a hostile one.

    Checked on libyaml's flat stream of events *before* a tree is built, so an alias bomb, a
    list nested 100,000 deep or a million keys cost milliseconds and a few MB, never a crash.
    """

    max_bytes: int  # size of the whole file, checked before it is read
    max_depth: int = 12  # blocks and lists inside each other
    max_nodes: int = 20_000  # values, blocks and lists in the file
    max_keys: int = 200  # keys in one block
    max_chars: int = 10_000  # characters in one value or key (fields have their own, shorter limits)


DEFAULT_LIMITS = Limits(max_bytes=1_000_000)


def size_problem(path: str, size: int, limits: Limits) -> Problem | None:
    """The file is larger than ``limits`` allow (check before reading it)."""
    if size <= limits.max_bytes:
        return None
    return Problem(path, 1, f"het bestand is {_size(size)}; maximaal {_size(limits.max_bytes)}. "
                            "Maak het kleiner, of zet de gegevens in meer bestanden.")


def _size(count: int) -> str:
    if count >= 1_000_000:
        return f"{count / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(count / 1000))} kB"


# Characters no text should contain (YAML refuses them, and they are invisible in an editor).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def control_problems(path: str, text: str, line_offset: int = 0, limit: int = 5) -> list[Problem]:
    """Lines with invisible control characters such as NUL (at most ``limit`` of them)."""
    problems: list[Problem] = []
    for match in _CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1 + line_offset
        if problems and problems[-1].line == line:
            continue
        problems.append(Problem(path, line, f"hier staat een onzichtbaar teken (U+{ord(match.group()):04X}) dat niet in "
                                            "tekst hoort; haal het weg, of typ de regel opnieuw."))
        if len(problems) >= limit:
            break
    return problems


_ANCHOR = "'&' en '*' (verwijzingen in YAML) worden niet ondersteund; schrijf de gegevens uit."
_TAG = ("'{tag}' (een YAML-label met '!') wordt niet ondersteund; laat het weg, of zet de tekst tussen "
        "aanhalingstekens.")


class _TooMuch(Exception):
    """A limit was crossed: building stops at once (the problem is reported)."""


class _Builder:
    """Builds the :class:`Node` tree from parser events, with an explicit stack (no recursion)."""

    def __init__(self, path: str, offset: int, limits: Limits):
        self.path, self.offset, self.limits = path, offset, limits
        self.problems: list[Problem] = []
        self.nodes = 0

    def report(self, event, message: str) -> None:
        self.problems.append(Problem(self.path, event.start_mark.line + 1 + self.offset, message))

    def stop(self, event, message: str):
        self.report(event, message)
        raise _TooMuch

    def refuse(self, event) -> None:
        """A value, block or list with an anchor, a tag or beyond the file's size in values."""
        if self.nodes > self.limits.max_nodes:
            self.stop(event, f"dit bestand heeft meer dan {self.limits.max_nodes} waarden; dat is meer dan een "
                             "activiteit of gegevensbestand nodig heeft. Maak het kleiner.")
        if event.anchor is not None:
            self.report(event, _ANCHOR)
        if event.tag is not None:
            written = str(event.tag).replace("tag:yaml.org,2002:", "!!", 1)  # as the editor typed it
            self.report(event, _TAG.format(tag=written[:40]))
        if len(self.problems) >= 20:
            raise _TooMuch

    def build(self, loader) -> Node | None:
        limits = self.limits
        max_nodes, max_depth, max_chars, offset = limits.max_nodes, limits.max_depth, limits.max_chars, self.offset
        root: Node | None = None
        # frames: [block, pending key node or None] or [list]
        stack: list[list] = []
        documents = 0
        get_event = loader.get_event  # a flat loop over libyaml's events: the hot path of loading content
        scalar_event, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
        ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        while (event := get_event()) is not None:
            kind = type(event)
            if kind is scalar_event:
                self.nodes += 1
                if event.anchor is not None or event.tag is not None or self.nodes > max_nodes:
                    self.refuse(event)
                text = event.value
                if len(text) > max_chars:
                    self.stop(event, f"deze waarde is {len(text)} tekens; maximaal {max_chars}. Maak hem korter.")
                value: Any = text
                if event.tag is None:  # tags are refused above; an untagged scalar is resolved as YAML 1.1 does
                    tag = _resolve(text, event.implicit) if len(text) <= 64 else _CONSTRUCTOR.resolve(yaml.ScalarNode, text, event.implicit)
                    if tag != _STR:
                        try:
                            value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, yaml.ScalarNode(tag, text, style=event.style))
                        except (yaml.YAMLError, ValueError, TypeError, KeyError, OverflowError):
                            value = text  # e.g. a date like 2026-02-30 that YAML recognises but cannot build
                node: Node = Scalar(event.start_mark.line + 1 + offset, value, text, event.style in ("'", '"'))
            elif kind is mapping_start or kind is sequence_start:
                self.nodes += 1
                if event.anchor is not None or event.tag is not None or self.nodes > max_nodes:
                    self.refuse(event)
                if len(stack) >= max_depth:
                    self.stop(event, f"hier liggen meer dan {max_depth} blokken of lijsten in elkaar; "
                                     "zo diep gaat geen activiteit. Schrijf de gegevens eenvoudiger uit.")
                line = event.start_mark.line + 1 + offset
                stack.append([Mapping(line), None] if kind is mapping_start else [Sequence(line)])
                continue
            elif kind in ends:
                node = stack.pop()[0]
            elif kind is yaml.AliasEvent:
                line = event.start_mark.line + 1 + offset
                if any(p.line == line and p.message == _ANCHOR for p in self.problems):
                    raise _TooMuch  # this line has been told already: one message for '&' and '*'
                self.stop(event, "er staat een '*' die YAML als verwijzing leest: " + _ANCHOR[:-1]
                          + ", of zet tekst met een '*' tussen aanhalingstekens.")
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.stop(event, "hier begint met '---' een tweede deel; een bestand heeft maar één blok gegevens.")
                continue
            else:
                continue
            if not stack:
                root = node
            elif type(frame := stack[-1][0]) is Sequence:
                frame.items.append(node)
            else:
                self.add(stack[-1], node)
        return root

    def add(self, frame: list, node: Node) -> None:
        parent = frame[0]
        if frame[1] is None:
            frame[1] = node  # a key; its value comes next
            return
        key_node, frame[1] = frame[1], None
        if not isinstance(key_node, Scalar):
            self.problems.append(Problem(self.path, key_node.line, "een sleutel moet een woord zijn, geen lijst of blok."))
            return
        key = key_node.raw
        if key == "<<":
            self.problems.append(Problem(self.path, key_node.line, "'<<' (samenvoegen) wordt niet ondersteund; schrijf de gegevens uit."))
            return
        if key in parent.entries:
            first = parent.entries[key][0]
            self.problems.append(Problem(self.path, key_node.line, f"'{key}' staat hier twee keer (ook op regel {first}); laat er één staan."))
            return
        if len(parent.entries) >= self.limits.max_keys:
            self.problems.append(Problem(self.path, key_node.line, f"dit blok heeft meer dan {self.limits.max_keys} sleutels; maak het kleiner."))
            raise _TooMuch
        parent.entries[key] = (key_node.line, node)


def parse_yaml(text: str, path: str, line_offset: int = 0,
               limits: Limits = DEFAULT_LIMITS) -> tuple[Node | None, list[Problem]]:
    """Parse YAML text into a :class:`Node` tree within ``limits``; problems instead of exceptions."""
    found = control_problems(path, text, line_offset)
    if found:
        return None, found
    # libyaml's parser is ~10× faster; the pure-Python one words errors best,
    # so it parses again only text that libyaml refuses. Both are flat state machines.
    for loader in (_FAST_LOADER, yaml.SafeLoader):
        builder = _Builder(path, line_offset, limits)
        parser = loader(text)
        try:
            root = builder.build(parser)
        except _TooMuch:
            return None, builder.problems
        except yaml.YAMLError as error:
            if loader is yaml.SafeLoader:
                return None, [_yaml_error(path, error, line_offset)]
            continue
        finally:
            parser.dispose()
        return root, builder.problems
    raise AssertionError("unreachable")  # pragma: no cover


_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.SafeLoader("")  # resolves and builds scalar values only; stateless for scalars
_STR = "tag:yaml.org,2002:str"


@functools.lru_cache(maxsize=4096)
def _resolve(text: str, implicit: tuple[bool, bool]) -> str:
    """YAML 1.1's type of a short untagged scalar; keys and common words repeat in every file."""
    return _CONSTRUCTOR.resolve(yaml.ScalarNode, text, implicit)


_FENCE = re.compile(r"^---[ \t]*$")


def read_front_matter(path: str, text: str, limits: Limits = DEFAULT_LIMITS) -> tuple[Document | None, list[Problem]]:
    """Split ``---`` front matter from the Markdown body and parse it within ``limits``."""
    if text.startswith("\ufeff"):
        text = text[1:]
    found = control_problems(path, text)  # before splitting: some control characters split lines
    if found:
        return None, found
    lines = text.splitlines(keepends=True)
    if not text.strip():
        return None, [Problem(path, 1, "het bestand is leeg; begin met '---', dan de gegevens van de activiteit en weer '---'.")]
    if not _FENCE.match(lines[0].rstrip("\r\n")):
        return None, [Problem(path, 1, "het bestand begint niet met '---': zet de gegevens van de activiteit bovenaan tussen twee regels '---'.")]
    end = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i].rstrip("\r\n"))), None)
    if end is None:
        return None, [Problem(path, 1, "de gegevens bovenaan worden niet afgesloten: zet na de laatste gegevensregel een regel met alleen '---'.")]
    data, problems = parse_yaml("".join(lines[1:end]), path, line_offset=1, limits=limits)
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
