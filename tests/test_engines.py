"""Two engines, one site: ProperDocs builds the same files as MkDocs and says nothing MkDocs does not.

Both builds are real (``build_site``), each engine from the environment the Makefile made for it
(``ENGINE=properdocs make test`` makes both). Every file is compared byte for byte; only the
``<meta name="generator">`` tag, which names the engine, may differ.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from conftest import ENGINES, ROOT, build_site, engine_command

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')
SECONDS = re.compile(r"\b\d+(\.\d+)? seconds\b")


def _missing() -> list[str]:
    return [name for name in ENGINES if not Path(engine_command("--version", engine=name)[0]).is_file()]


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict:
    if _missing():
        pytest.skip(f"geen omgeving voor {', '.join(_missing())}: ENGINE=properdocs make test maakt ze allebei")
    found = {}
    for name in ENGINES:
        out = tmp_path_factory.mktemp(name)
        result = build_site(ROOT, out, engine=name)
        assert result.returncode == 0, f"{name}:\n{result.stderr[-4000:]}"
        lines = {SECONDS.sub("N seconds", line.replace(str(out), "<site>")) for line in result.stderr.splitlines()}
        found[name] = out, lines
    return found


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


def test_properdocs_builds_the_same_files(builds):
    mkdocs, properdocs = (_files(builds[name][0]) for name in ("mkdocs", "properdocs"))
    assert sorted(properdocs) == sorted(mkdocs)
    generators = {name: set() for name in ENGINES}
    different = []
    for path, data in mkdocs.items():
        other = properdocs[path]
        for name, content in (("mkdocs", data), ("properdocs", other)):
            generators[name].update(GENERATOR.findall(content))
        if GENERATOR.sub(b"", data) != GENERATOR.sub(b"", other):
            different.append(path)
    assert different == []
    # the comparison is not empty: every page was built, and each engine signed its own
    assert len(mkdocs) > 1000 and sum(p.endswith(".html") for p in mkdocs) > 100
    assert all(b"mkdocs-1." in g for g in generators["mkdocs"]) and generators["mkdocs"]
    assert all(b"ProperDocs" in g for g in generators["properdocs"]) and generators["properdocs"]


def test_properdocs_prints_nothing_mkdocs_does_not(builds):
    mkdocs, properdocs = builds["mkdocs"][1], builds["properdocs"][1]
    assert properdocs - mkdocs == set()
    # the hooks ran and logged in the engine's own tree (so --strict counts their warnings)
    assert any("zoekindex:" in line for line in properdocs)
    assert any("in een ander proces" in line for line in properdocs)


def test_properdocs_runs_without_mkdocs():
    """The ProperDocs environment has no MkDocs: everything that imports ``mkdocs`` gets ProperDocs."""
    if "properdocs" in _missing():
        pytest.skip("geen ProperDocs-omgeving: ENGINE=properdocs make test maakt die")
    python = engine_command(engine="properdocs")[0]
    probe = "import properdocs.__main__, mkdocs.commands.build as b; print(b.__name__)"
    found = subprocess.run([python, "-c", "import importlib.util; print(importlib.util.find_spec('mkdocs'))"],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert found == "None"
    aliased = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert aliased == ["properdocs.commands.build"]
