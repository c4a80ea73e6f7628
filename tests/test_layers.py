"""builder/ is layered: a module imports only from its own layer or the layers below it, and no
import cycle exists anywhere (lazy imports inside functions and TYPE_CHECKING imports count too).

The order is declared here, once (docs/ARCHITECTURE.md draws it):

    top        builder/flow.py, build.py, cli.py, docs_codes.py: the runner and the commands
    publish    mkdocs, Pagefind, exports, feeds, checks, the swap into site/
    site       page generators and the staged tree
    validate   the validator's rules
    analysis   the typed state and the steps that derive facts
    citations  the citation engine (clean, find, resolve, annotate, relations)
    content    content/ read into a Corpus
    base       errors, diagnostics, text, config, urls, Vietnamese words

builder/importer/ is a tool beside the layers: it may use base, content and citations, and only
the top (the command line) may use it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

from tests.conftest import ROOT

LAYERS = ["base", "content", "citations", "analysis", "validate", "site", "publish", "top"]
TOOLS = {"importer": {"base", "content", "citations"}}  # a tool: the layers it may use
TOP = {"builder", "builder.flow", "builder.build", "builder.cli", "builder.docs_codes"}


def layer_of(module: str) -> str:
    if module in TOP:
        return "top"
    part = module.split(".")[1]
    if part in LAYERS or part in TOOLS:
        return part
    raise AssertionError(f"{module}: not in a declared layer (tests/test_layers.py)")


def allowed(src: str, dst: str) -> bool:
    a, b = layer_of(src), layer_of(dst)
    if a == b:
        return True
    if b in TOOLS:
        return a == "top"
    if a in TOOLS:
        return b in TOOLS[a]
    return LAYERS.index(b) < LAYERS.index(a)


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(sources: dict[str, tuple[str, bool]]) -> dict[str, set[str]]:
    """module → the builder modules it imports; `sources` maps a module to (source, is_package)."""
    known = set(sources)
    out: dict[str, set[str]] = {}
    for mod, (src, is_pkg) in sources.items():
        package = mod if is_pkg else mod.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.Import):
                targets.update(a.name for a in node.names if a.name.split(".")[0] == "builder")
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base_mod = ".".join(base + ([node.module] if node.module else []))
                else:
                    base_mod = node.module or ""
                if base_mod.split(".")[0] != "builder":
                    continue
                for alias in node.names:
                    sub = f"{base_mod}.{alias.name}"
                    targets.add(sub if sub in known else base_mod)
        unknown = {t for t in targets if t not in known}
        assert not unknown, f"{mod} imports modules that do not exist: {sorted(unknown)}"
        out[mod] = targets - {mod}
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def upward(graph: dict[str, set[str]]) -> Iterable[str]:
    for src, targets in sorted(graph.items()):
        for dst in sorted(targets):
            if not allowed(src, dst):
                yield f"{src} ({layer_of(src)}) imports {dst} ({layer_of(dst)})"


def _builder_sources() -> dict[str, tuple[str, bool]]:
    files = sorted((ROOT / "builder").rglob("*.py"))
    return {_module_name(f, ROOT): (f.read_text(encoding="utf-8"), f.name == "__init__.py") for f in files}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return imports(_builder_sources())


def test_every_module_is_in_a_layer(graph: dict[str, set[str]]) -> None:
    for mod in graph:
        layer_of(mod)
    assert {layer_of(m) for m in graph} == {*LAYERS, *TOOLS}


def test_no_upward_import(graph: dict[str, set[str]]) -> None:
    bad = list(upward(graph))
    assert not bad, "imports against the layer order:\n" + "\n".join(bad)


def test_no_import_cycle(graph: dict[str, set[str]]) -> None:
    found = cycles(graph)
    assert not found, "import cycles:\n" + "\n".join(" → ".join(c) for c in found)


def test_the_checks_catch_what_they_are_for() -> None:
    """The checker itself, on a made-up package: an upward import, a cycle, a tool misused."""
    sources = {
        "builder": ("", True),
        "builder.base": ("", True),
        "builder.base.text": ("", False),
        "builder.content": ("", True),
        "builder.content.corpus": ("from ..site import pages\nfrom ..base import text\n", False),
        "builder.site": ("", True),
        "builder.site.pages": ("def f():\n    from ..content.corpus import Corpus\n", False),
        "builder.analysis": ("", True),
        "builder.analysis.x": ("from ..importer import cli\n", False),
        "builder.importer": ("", True),
        "builder.importer.cli": ("from builder.base.text import nfc\n", False),
        "builder.cli": ("from .importer import cli\n", False),
    }
    g = imports(sources)
    assert g["builder.content.corpus"] == {"builder.site.pages", "builder.base.text"}
    assert list(upward(g)) == [
        "builder.analysis.x (analysis) imports builder.importer.cli (importer)",
        "builder.content.corpus (content) imports builder.site.pages (site)",
    ]
    assert cycles(g) == [["builder.content.corpus", "builder.site.pages"]]
