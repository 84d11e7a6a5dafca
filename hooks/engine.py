"""The engine running this build: MkDocs, or ProperDocs (a fork of MkDocs 1.x, README "Engines").

ProperDocs answers ``import mkdocs.*`` with its own ``properdocs.*`` modules and logs under
``properdocs``. The hooks import ``mkdocs.*`` as before and take the names of their loggers from
the module the engine really loaded, never from one engine's name: so their warnings land in the
tree the engine counts for ``--strict``, and a filter on the build's log sees the build's records.
"""

from __future__ import annotations

import logging

from mkdocs.commands import build

NAME = build.__name__.partition(".")[0]  # "mkdocs" or "properdocs"
LOG = logging.getLogger(NAME)  # the tree the engine prints and counts (--strict)
BUILD_LOG = logging.getLogger(build.__name__)  # where "Page skipped" and the like come from


def logger(hook: str) -> logging.Logger:
    """The logger of one hook module, inside the engine's tree."""
    return logging.getLogger(f"{NAME}.hooks.{hook}")
