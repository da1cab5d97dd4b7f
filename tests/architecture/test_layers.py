"""The floors of docs/architecture.md, enforced: an import may point down or sideways inside one app, never up.

Read from the source with `ast`, so an import inside a function counts as much as one at the top of a module.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Package -> floor, from the ground up. The most specific package wins (knowledge.advisory over knowledge).
FLOORS = {
    "kennisplatform.settings": 0,
    "home": 1,
    "accounts": 2,
    "knowledge": 3,
    "knowledge.advisory": 4,
    "events": 4,
    "search": 5,
    "kennisplatform": 6,  # urls, wsgi: the top
}
SOURCES = {ROOT / "site": ("home", "accounts", "kennisplatform"), ROOT: ("knowledge", "events", "search")}


def package_of(module: str) -> str | None:
    matches = [name for name in FLOORS if module == name or module.startswith(name + ".")]
    return max(matches, key=len) if matches else None


def project_modules():
    for base, tops in SOURCES.items():
        for top in tops:
            for path in sorted((base / top).rglob("*.py")):
                if "migrations" in path.parts:
                    continue
                parts = list(path.relative_to(base).with_suffix("").parts)
                if parts[-1] == "__init__":
                    parts.pop()
                yield ".".join(parts), path


def imported_modules(module: str, path: Path):
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = module.split(".")
                package = package[: len(package) - node.level + int(is_package)]
                base = ".".join(package + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            yield base, node.lineno
            for alias in node.names:  # `from knowledge import advisory` imports the sub-package
                yield f"{base}.{alias.name}", node.lineno


def upward_imports():
    found = []
    for module, path in project_modules():
        source = package_of(module)
        if source is None:
            continue
        for target_module, line in imported_modules(module, path):
            target = package_of(target_module)
            if target is None or target == source or source.startswith(target + "."):
                continue
            same_floor_other_app = FLOORS[target] == FLOORS[source]
            if FLOORS[target] > FLOORS[source] or same_floor_other_app:
                found.append(f"{path.relative_to(ROOT)}:{line} {module} -> {target_module}")
    return sorted(set(found))


def test_the_scan_sees_the_project():
    modules = dict(project_modules())
    assert {"home.models", "accounts.services", "knowledge.models", "knowledge.advisory.services"} <= set(modules)
    assert ("knowledge.advisory.selectors", 1) not in set(imported_modules("home.x", modules["home.models"]))


def test_no_import_points_up():
    assert upward_imports() == []


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("home.models", "from events.selectors import upcoming_events\n", "home.models -> events.selectors"),
        ("knowledge.models", "def f():\n    from search.finder import x\n", "knowledge.models -> search.finder"),
        ("events.views", "from knowledge.advisory import models\n", "events.views -> knowledge.advisory"),
    ],
)
def test_an_upward_import_is_caught(tmp_path, monkeypatch, module, source, expected):
    """Negative control: the scan reports an arrow up, also one inside a function or into a sibling app."""
    path = tmp_path / "probe.py"
    path.write_text(source)
    monkeypatch.setattr("tests.architecture.test_layers.project_modules", lambda: iter([(module, path)]), raising=True)
    monkeypatch.setattr("tests.architecture.test_layers.ROOT", tmp_path)
    assert any(expected in line for line in upward_imports())
