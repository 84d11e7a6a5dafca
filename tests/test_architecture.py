"""The house: folders by concern, no import cycles, no engine in the domain.

Computed from the source with ``ast`` (nothing is imported), so a new module is covered the day
it is added.
"""

from __future__ import annotations

import ast
from pathlib import Path

import activity_directory

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "activity_directory"
ENGINES = ("mkdocs", "properdocs", "material", "zensical")


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def resolve(module: str, node: ast.ImportFrom, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def project_imports(name: str, path: Path):
    """(imported module, line, at top level?, imported names) for every project import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    known = modules()
    top = {id(n) for n in tree.body}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            target = resolve(name, node, path.name == "__init__.py")
            if not target.startswith("activity_directory"):
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                yield (sub if sub in known else target), node.lineno, id(node) in top, alias.name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("activity_directory"):
                    yield alias.name, node.lineno, id(node) in top, None


def graph() -> dict[str, set[str]]:
    return {name: {target for target, *_ in project_imports(name, path)} - {name}
            for name, path in modules().items()}


def test_at_least_five_subpackages_each_with_a_readme():
    packages = [p for p in PACKAGE.iterdir() if (p / "__init__.py").exists()]
    assert len(packages) >= 5
    assert sorted(p.name for p in packages) == sorted(activity_directory.LAYERS)
    for package in packages:
        readme = package / "README.md"
        assert readme.exists(), f"{package.name} has no README.md"
        assert "What it may import" in readme.read_text(encoding="utf-8")
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert not loose, f"modules outside a folder: {loose}"


def test_no_import_cycle():
    edges = graph()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(edges.get(node, ())):
            if target not in edges:
                continue
            if state.get(target) == 1:
                cycle = stack[stack.index(target):] + [target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)


def test_layers_only_import_downwards():
    order = {layer: i for i, layer in enumerate(activity_directory.LAYERS)}
    wrong = []
    for name, path in modules().items():
        parts = name.split(".")
        if len(parts) < 3:
            continue
        for target, line, *_ in project_imports(name, path):
            target_parts = target.split(".")
            if len(target_parts) < 2 or target_parts[1] not in order:
                continue
            if order[target_parts[1]] > order[parts[1]]:
                wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line}: {parts[1]} imports {target}")
    assert not wrong, "\n".join(wrong)


def test_no_project_import_inside_a_function():
    inside = [f"{path.relative_to(PACKAGE.parent)}:{line}: {target}"
              for name, path in modules().items()
              for target, line, at_top, _ in project_imports(name, path) if not at_top]
    assert not inside, "\n".join(inside)


def test_no_private_name_used_across_modules():
    private = [f"{path.relative_to(PACKAGE.parent)}:{line}: {target}.{alias}"
               for name, path in modules().items()
               for target, line, _, alias in project_imports(name, path)
               if alias and alias.startswith("_") and target != name]
    assert not private, "\n".join(private)


def test_the_domain_imports_no_site_engine():
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            found += [f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {n}" for n in names if n.split(".")[0] in ENGINES]
    assert not found, "\n".join(found)


def test_the_checker_sees_a_cycle(tmp_path, monkeypatch):
    """The cycle test itself can fail: two modules that import each other are found."""
    package = tmp_path / "activity_directory" / "content"
    package.mkdir(parents=True)
    (package.parent / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from .b import x\n")
    (package / "b.py").write_text("from .a import y\n\ndef f():\n    from .a import z\n")
    monkeypatch.setattr(__import__(__name__), "PACKAGE", package.parent)
    try:
        test_no_import_cycle()
    except AssertionError as error:
        assert "a -> " in str(error) or "b -> " in str(error)
    else:
        raise AssertionError("the cycle was not found")
    try:
        test_no_project_import_inside_a_function()
    except AssertionError as error:
        assert "b.py:4" in str(error)
    else:
        raise AssertionError("the import inside a function was not found")
