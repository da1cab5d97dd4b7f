"""search/ is layered like Wagtail's contrib/frontend_cache: one contract, backends beneath it, callers on top.

Each module imports only from modules below it, at the top of the file; "is an engine configured?" is read from the
settings in one place (search/engine.py) and "which backend answers?" in one function (search.backends).
"""

import ast
from pathlib import Path

import pytest

from search.backends import DatabaseBackend, EngineBackend, get_backend

SEARCH = Path(__file__).resolve().parents[2] / "search"

# Lowest first. A module may import search modules of a lower rank only.
LAYERS = [
    ["search.text", "search.analysis"],
    ["search.models"],
    ["search.query", "search.snippets"],
    ["search.contract", "search.engine", "search.backends.relations"],
    ["search.elastic", "search.backends.dutch_index", "search.backends.engines"],
    ["search.backends.database", "search.backends.engine"],
    ["search.backends"],
    ["search.tasks", "search.suggest"],
    ["search.signal_handlers", "search.finder", "search.site_search", "search.demo", "search.wagtail_hooks"],
    ["search.feeds", "search.views", "search.apps"],
    ["search.urls", "search.management.commands"],
]
RANK = {module: rank for rank, modules in enumerate(LAYERS) for module in modules}

# Imports inside functions, only where they cannot be at the top: Django's AppConfig.ready, the optional engine
# client libraries (imported only when that engine is configured, or a task needs the finder's index: not at
# start-up, tests/kennisplatform/test_startup_imports.py) and modelsearch's per-vendor modules (the PostgreSQL one
# needs psycopg).
INNER_IMPORTS_ALLOWED = {
    ("search.apps", "ready"),
    ("search.engine", "unavailable_errors"),
    ("search.engine", "_open"),
    ("search.backends", "get_backend"),
    ("search.backends", "__getattr__"),
    ("search.tasks", "_finder_index"),
    ("search.backends.dutch_index", "_sqlite_backend"),
    ("search.backends.dutch_index", "_postgres_backend"),
}


def modules():
    for path in sorted(SEARCH.rglob("*.py")):
        relative = path.relative_to(SEARCH.parent)
        if "migrations" in relative.parts or path.name == "__init__.py" and path.parent.name != "backends":
            continue
        name = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
        yield name, path, ast.parse(path.read_text())


def rank_of(module):
    if module in RANK:
        return RANK[module]
    if module.startswith("search.management.commands."):
        return RANK["search.management.commands"]
    raise AssertionError(f"{module} has no place in LAYERS")


def search_imports(name, path, tree):
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    for node in tree.body:
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "search" or (node.level and not node.module):
                yield from (f"{target}.{alias.name}" for alias in node.names)
            elif target.startswith("search."):
                yield target
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names if alias.name.startswith("search"))


@pytest.mark.parametrize("name,path,tree", list(modules()), ids=lambda value: value if isinstance(value, str) else "")
def test_each_module_imports_only_from_below(name, path, tree):
    for target in search_imports(name, path, tree):
        assert rank_of(target) < rank_of(name), f"{name} imports {target}, which is not below it"


@pytest.mark.parametrize("name,path,tree", list(modules()), ids=lambda value: value if isinstance(value, str) else "")
def test_no_imports_inside_functions(name, path, tree):
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner = [sub for sub in ast.walk(node) if isinstance(sub, (ast.Import, ast.ImportFrom))]
            if inner and (name, node.name) not in INNER_IMPORTS_ALLOWED:
                raise AssertionError(f"{name}.{node.name} imports inside the function: {ast.unparse(inner[0])}")


def test_the_engine_settings_are_read_in_one_place():
    readers = set()
    for name, _path, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value in ("OPENSEARCH_URL", "ELASTICSEARCH_URL"):
                readers.add(name)
            if isinstance(node, ast.Attribute) and node.attr in ("OPENSEARCH_URL", "ELASTICSEARCH_URL"):
                readers.add(name)
    assert readers == {"search.engine"}


def test_site_search_borrows_no_private_helpers():
    for name, _path, tree in modules():
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("", "search"):
                private = [alias.name for alias in node.names if alias.name.startswith("_")]
                assert not private, f"{name} imports private names {private} from {node.module}"


def test_one_function_says_which_backend_answers(settings):
    settings.OPENSEARCH_URL = settings.ELASTICSEARCH_URL = ""
    assert type(get_backend()) is DatabaseBackend
    settings.OPENSEARCH_URL = "http://127.0.0.1:9"
    assert type(get_backend()) is EngineBackend
