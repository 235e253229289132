"""The package layers hold: no package imports one that imports it back, and no module outgrows ~450 lines.

A *package* is a first-level name under ``ontherecord`` (``model``, ``errors``, ``store``, ``web``, ``cli``,
...; a top-level module counts as a package of its own).  Imports are read from the source with ``ast``,
including those made inside functions, so a lazy import is still a dependency.  The layer order is in
docs/architecture.md, "How it is built".
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "src" / "ontherecord"
MAX_LINES = 450

#: The layer of every package, lowest first (docs/architecture.md, "How it is built"): a package may import its own layer
#: and those before it, never a later one.  A new package gets a line here.
LAYERS: dict[str, int] = {
    **dict.fromkeys(["model", "errors", "registry", "lang", "lexicon", "translit", "threads"], 0),  # core (lang: the language packages)
    **dict.fromkeys(["read", "language", "identity", "parse"], 1),  # read / language
    **dict.fromkeys(["attribute", "resolve", "pipeline", "extract", "corpus", "evaluate", "training", "ingest",
                     "samples"], 2),
    "store": 3,
    "positions": 3,  # topics and changes, read and written through the store
    "batch": 3,  # the batch runner, which loads into the store
    **dict.fromkeys(["web", "cli", "demo", "testing"], 4),  # web / cli (testing: fixtures for tests, benchmarks)
}

#: Cycles between packages that exist today in parts being reworked elsewhere, each with its owner.  An entry
#: here is a known debt, not a permission: remove it as soon as the cycle is gone (the test then insists).
KNOWN_CYCLES: dict[frozenset[str], str] = {
}

#: Modules over the line limit today in parts being reworked elsewhere (path relative to src/ontherecord).
KNOWN_LONG: dict[str, str] = {
}


def _package_of(module: str) -> str | None:
    """``ontherecord.store.read`` -> ``store``; ``ontherecord`` itself -> ``None``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "ontherecord" else None


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Absolute names of every ontherecord module ``path`` imports (relative imports resolved)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("ontherecord"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("ontherecord"):
                continue
            if node.module is None or target.count(".") == 0:
                # "from . import x" / "from ontherecord import x": x may be a module or a name
                base_dir = ROOT.parent.joinpath(*target.split("."))
                found.add(target)
                found.update(f"{target}.{a.name}" for a in node.names
                             if (base_dir / a.name).is_dir() or (base_dir / f"{a.name}.py").is_file())
            else:
                found.add(target)
    return found


def package_graph() -> dict[str, set[str]]:
    """package -> the other packages its modules import."""
    graph: dict[str, set[str]] = defaultdict(set)
    for path in sorted(ROOT.rglob("*.py")):
        own = _package_of(_module_name(path))
        if own is None:
            continue
        graph[own]
        for target in _imports(path):
            other = _package_of(target)
            if other is not None and other != own:
                graph[own].add(other)
    return dict(graph)


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Groups of packages that reach each other through imports (Tarjan's strongly connected components)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(frozenset(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_layers_no_package_imports_one_that_imports_it_back() -> None:
    found = set(cycles(package_graph()))
    unexpected = sorted(sorted(c) for c in found - set(KNOWN_CYCLES))
    assert not unexpected, f"packages importing each other: {unexpected}"
    gone = sorted(sorted(c) for c in set(KNOWN_CYCLES) - found)
    assert not gone, f"fixed, so remove from KNOWN_CYCLES: {gone}"


def test_layers_no_package_imports_a_later_layer() -> None:
    graph = package_graph()
    unplaced = sorted(set(graph) - set(LAYERS))
    assert not unplaced, f"packages without a layer (add them to LAYERS and docs/architecture.md): {unplaced}"
    upward = sorted(f"{a} -> {b}" for a, deps in graph.items() for b in deps if LAYERS[b] > LAYERS[a])
    assert not upward, f"imports of a later layer: {upward}"


def test_layers_no_module_over_the_line_limit() -> None:
    long = {str(p.relative_to(ROOT)): n for p in sorted(ROOT.rglob("*.py"))
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    unexpected = {p: n for p, n in long.items() if p not in KNOWN_LONG}
    assert not unexpected, f"modules over {MAX_LINES} lines: {unexpected}"
    gone = sorted(set(KNOWN_LONG) - set(long))
    assert not gone, f"now short enough, so remove from KNOWN_LONG: {gone}"


def test_layers_only_the_cli_imports_the_web_package() -> None:
    graph = package_graph()
    assert "store" in graph["web"]
    assert sorted(p for p, deps in graph.items() if "web" in deps) == ["cli"]


def test_layers_test_fixtures_stay_out_of_the_application() -> None:
    """``ontherecord.testing`` serves the tests and benchmarks; no application module imports it."""
    users = sorted(_module_name(p) for p in ROOT.rglob("*.py")
                   if _package_of(_module_name(p)) != "testing"
                   and any(_package_of(t) == "testing" for t in _imports(p)))
    assert users == []
    assert not (ROOT / "api").exists()  # the old API package (and the fixtures' old home) is gone


# -- the checker itself --------------------------------------------------------------------------------------

def test_layers_cycles_finds_mutual_and_longer_loops_only() -> None:
    graph = {"model": set(), "store": {"model"}, "web": {"store", "cli"}, "cli": {"web", "store"},
             "a": {"b"}, "b": {"c"}, "c": {"a"}}
    assert set(cycles(graph)) == {frozenset({"web", "cli"}), frozenset({"a", "b", "c"})}


def test_layers_relative_imports_are_resolved() -> None:
    path = ROOT / "store" / "core.py"
    names = _imports(path)
    assert "ontherecord.errors" in names and "ontherecord.store.migrations" in names
    assert _package_of("ontherecord.store.read") == "store" and _package_of("ontherecord") is None


# -- modules -------------------------------------------------------------------------------------------------

def _module_imports(path: Path, source: str | None = None) -> set[str]:
    """Absolute names of the ontherecord modules ``path`` imports, each resolved to the module itself:
    ``from . import x`` is ``x``, not its package (a package's ``__init__`` is a module of its own)."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found: set[str] = set()
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("ontherecord"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if not target.startswith("ontherecord"):
                continue
            base_dir = ROOT.parent.joinpath(*target.split("."))
            subs = {f"{target}.{a.name}" for a in node.names
                    if (base_dir / a.name).is_dir() or (base_dir / f"{a.name}.py").is_file()}
            found.update(subs)
            if len(subs) < len(node.names):  # some names are attributes of the target module itself
                found.add(target)
    found.discard(name)
    return found


def module_graph() -> dict[str, set[str]]:
    """module -> the ontherecord modules it imports (lazy imports inside functions included)."""
    return {_module_name(p): _module_imports(p) for p in sorted(ROOT.rglob("*.py"))}


#: Module cycles that exist today in parts being reworked elsewhere, each with its owner (a debt, not a
#: permission: the test insists on removing an entry once its cycle is gone).
KNOWN_MODULE_CYCLES: dict[frozenset[str], str] = {
}


def _private_imports_in(path: Path, source: str | None = None) -> list[str]:
    """``from module import _name`` in ``path``: a private name is its module's own business."""
    found = []
    tree = ast.parse(source if source is not None else path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("ontherecord")):
            for a in node.names:
                if a.name.startswith("_") and not a.name.startswith("__"):
                    found.append(f"{path.relative_to(ROOT)}: {a.name} from {'.' * node.level}{node.module or ''}")
    return found


def _private_imports() -> list[str]:
    return [line for path in sorted(ROOT.rglob("*.py")) for line in _private_imports_in(path)]


#: Imports of private names that exist today in parts being reworked elsewhere (path: name from module).
KNOWN_PRIVATE_IMPORTS: dict[str, str] = {
}


def test_layers_no_module_imports_one_that_imports_it_back() -> None:
    graph = {m: {t for t in deps if t.startswith("ontherecord")} for m, deps in module_graph().items()}
    found = set(cycles(graph))
    unexpected = sorted(sorted(c) for c in found - set(KNOWN_MODULE_CYCLES))
    assert not unexpected, f"modules importing each other (lazy imports count): {unexpected}"
    gone = sorted(sorted(c) for c in set(KNOWN_MODULE_CYCLES) - found)
    assert not gone, f"fixed, so remove from KNOWN_MODULE_CYCLES: {gone}"


def test_layers_no_private_name_is_imported_from_another_module() -> None:
    found = set(_private_imports())
    unexpected = sorted(found - set(KNOWN_PRIVATE_IMPORTS))
    assert not unexpected, f"private names imported across modules: {unexpected}"
    gone = sorted(set(KNOWN_PRIVATE_IMPORTS) - found)
    assert not gone, f"fixed, so remove from KNOWN_PRIVATE_IMPORTS: {gone}"


def test_layers_module_cycles_are_seen_through_lazy_imports() -> None:
    """The checker itself: the old store/write <-> store/editions loop, held by a lazy import, is found."""
    graph = module_graph()
    pkg = ROOT / "store"
    graph["ontherecord.store.editions"] |= _module_imports(pkg / "editions.py",
                                                           "def link():\n    from .write import insert_ignore\n")
    assert frozenset({"ontherecord.store.editions", "ontherecord.store.write"}) in set(cycles(graph))
    assert "ontherecord.store.sql" in _module_imports(pkg / "write.py", "from . import sql\n")
    assert _private_imports_in(pkg / "x.py", "from .write import _helper\n") == ["store/x.py: _helper from .write"]
