"""Walking the format: every key of the model, and example values for it.

The editor guide, the CMS configuration and the spreadsheet columns all list the model's keys
in the same order with the same examples; they share this walk.
"""

from __future__ import annotations

from .fieldtypes import Either, Field, FieldType, Key, ListOf, Record, TextOr
from .model import ACTIVITY


def walk(record: Record = ACTIVITY, prefix: str = ""):
    """Every key of the format as (dotted path, Field), nested blocks included."""
    for spec in record.fields:
        path = f"{prefix}{spec.key}"
        yield path, spec
        inner = record_of(spec.type)
        if inner is not None:
            yield from walk(inner, f"{path}.")


def record_of(kind: FieldType) -> Record | None:
    if isinstance(kind, Record):
        return kind
    if isinstance(kind, (Either, TextOr)):
        return kind.record
    if isinstance(kind, ListOf) and isinstance(kind.item, Record):
        return kind.item
    return None


def site_examples(site) -> dict[str, str]:
    """Registry -> an existing key of this site (for examples)."""
    if site is None:
        return {}
    examples = {}
    for registry, keys in site.registries().items():
        if registry == "gebieden":
            keys = {a.key: a.name for a in site.areas.neighbourhoods} or keys
        if keys:
            examples[registry] = next(iter(keys))
    return examples


def example_value(spec: Field, site_keys: dict[str, str]) -> str:
    kind = spec.type
    if isinstance(kind, Key) and kind.registry in site_keys:
        return site_keys[kind.registry]
    if isinstance(kind, ListOf) and isinstance(kind.item, Key) and kind.item.registry in site_keys:
        return f"[{site_keys[kind.item.registry]}]"
    return spec.example
