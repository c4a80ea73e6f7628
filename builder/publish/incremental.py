"""Incremental builds: what the published site/ was built from, and whether a build may reuse it.

After every successful `congkhai build`, build/state.json records what site/ was made from:

- `fingerprint`: a hash of every input that can change any page — the builder's own code and
  the versions of mkdocs, the theme and Pagefind (base/cache.code_version), mkdocs.yml and the
  environment variables it reads, the number of search bundles (searchindex.shards_for), every file of the templates folder (overrides/), and the
  reference date of the overdue-task computation. A different fingerprint means a full build.
- `staged`: the hash of every staged file (build/docs): the next build renders through mkdocs
  only the staged pages whose bytes differ (site/publish/sitebuild.run_mkdocs), and takes every
  other page's HTML from site/ as it is. No list of which page depends on what is kept: a page
  generator that reads more of the corpus simply produces different bytes.
- `outputs`: the files mkdocs made (the rest of site/ — exports, feeds, the search index — is
  written again by every build).
- `html`: the hash of each HTML page's final bytes: the one pass over the HTML (htmlpass) takes
  the facts of unchanged pages from its cache by that hash.
- `search`: the pages handed to the search indexer and their keys: the next build hands over
  the unchanged ones before its pass over the HTML reads anything.
- `files`: size and modification time of every file of site/ after the swap: if anything in
  site/ was touched since, the next build is full.

The state is deleted right before site/ is swapped and written right after: a build killed in
between leaves no state, and the next build is full. `congkhai build --clean` ignores it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..analysis.state import Derived
from ..base.cache import code_version
from ..content.corpus import Corpus

STATE = Path("build") / "state.json"
_VERSION = 1
_ENV_NAME = re.compile(r"!ENV\s*\[?\s*([A-Za-z_][A-Za-z0-9_]*(?:\s*,\s*[A-Za-z_][A-Za-z0-9_]*)*)")
# Read by the builder or mkdocs whatever mkdocs.yml says (publishing address, "today", build date).
_ENV_ALWAYS = ("SITE_URL", "REPO_URL", "CONGKHAI_TODAY", "SOURCE_DATE_EPOCH")


@dataclass
class BuildState:
    fingerprint: str
    staged: dict[str, str] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)
    html: dict[str, str] = field(default_factory=dict)
    files: dict[str, list[int]] = field(default_factory=dict)
    search: dict[str, Any] = field(default_factory=dict)


@dataclass
class Incremental:
    """What `congkhai build` hands the flow: the state of the published site, if any, and where
    the flow leaves the state of the site it builds."""

    previous: BuildState | None = None
    previous_site: Path | None = None
    result: BuildState | None = None
    warm: bool = False  # set by the flow: this build reused the previous site
    rendered: int = 0  # set by the flow: staged pages mkdocs rendered


def fingerprint(corpus: Corpus, derived: Derived, shards: int = 1) -> str:
    """Everything outside the staged tree that can change what a page renders to (`shards`: the
    search index's bundles, which every page names, decided by the corpus' size)."""
    h = hashlib.sha256(code_version().encode())
    h.update(f"\0shards={shards}".encode())
    config = corpus.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8") if config.is_file() else ""
    h.update(text.encode())
    names = {n.strip() for m in _ENV_NAME.finditer(text) for n in m.group(1).split(",")}
    for name in sorted(names | set(_ENV_ALWAYS)):
        h.update(f"\0{name}={os.environ.get(name, '')}".encode())
    if corpus.config.custom_dir:
        custom = corpus.root / corpus.config.custom_dir
        for f in sorted(custom.rglob("*")) if custom.is_dir() else []:
            if f.is_file():
                h.update(f"\0{f.relative_to(custom).as_posix()}\0".encode())
                h.update(f.read_bytes())
    h.update(f"\0today={derived.git.reference_date}".encode())
    return h.hexdigest()


def signature(site: Path) -> dict[str, list[int]]:
    """[size, mtime_ns] of every file of `site`."""
    out: dict[str, list[int]] = {}
    for dirpath, _, filenames in os.walk(site):
        rel = os.path.relpath(dirpath, site)
        for name in filenames:
            st = os.stat(os.path.join(dirpath, name))
            out[name if rel == "." else f"{rel}/{name}".replace(os.sep, "/")] = [st.st_size, st.st_mtime_ns]
    return out


def load(root: Path) -> BuildState | None:
    """The state of site/, or None when there is none or site/ changed since it was written."""
    try:
        data = json.loads((root / STATE).read_text(encoding="utf-8"))
        if data.pop("version", None) != _VERSION:
            return None
        state = BuildState(**data)
    except (OSError, ValueError, TypeError):
        return None
    if signature(root / "site") != state.files:
        return None
    return state


def clear(root: Path) -> None:
    (root / STATE).unlink(missing_ok=True)


def save(root: Path, state: BuildState) -> None:
    state.files = signature(root / "site")
    path = root / STATE
    tmp = path.with_suffix(".tmp")
    try:
        tmp.write_text(
            json.dumps({"version": _VERSION, **asdict(state)}, ensure_ascii=False), encoding="utf-8"
        )
        os.replace(tmp, path)
    except OSError:
        pass  # the next build is a full one
