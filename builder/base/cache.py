"""Content-addressed caches under build/cache/: results of pure, expensive steps keyed by a hash
of their inputs (a plan's text, the citation index…), so a second run redoes only what changed.

Correctness does not depend on knowing what depends on what: a key is a hash of everything the
step reads, so a changed input is a different key and a stale entry is never found. Every store
also carries the builder's own fingerprint (`code_version`: the hash of its source files and of
the versions of the packages that shape its output), so editing the builder, or upgrading
mkdocs, empties every cache. Deleting build/ (or a fresh clone) means a cold run.

The stores are pickles, read once per run and written back (atomically) when something was
added; entries not used by a full run are dropped, so a store holds the current corpus only.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

CACHE_DIR = Path("build") / "cache"
# Packages whose version changes what a build writes (rendering, parsing, indexing).
_PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "markdown",
    "pymdown-extensions",
    "pagefind",
    "pydantic",
    "pyyaml",
    "markdown-it-py",
    "jinja2",
    "nh3",
    "selectolax",
    "lxml",
)


@cache
def code_version() -> str:
    """Hash of the builder's source files, its schemas and the versions it runs with."""
    h = hashlib.sha256(sys.version.encode())
    pkg = Path(__file__).resolve().parents[1]
    for f in sorted(pkg.rglob("*")):
        if f.is_file() and f.suffix in (".py", ".json") and "__pycache__" not in f.parts:
            h.update(f.relative_to(pkg).as_posix().encode())
            h.update(f.read_bytes())
    for name in _PACKAGES:
        try:
            h.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            h.update(f"{name}=-".encode())
    return h.hexdigest()


def digest(*parts: str | bytes) -> str:
    """One hash of several inputs (length-prefixed, so ("ab", "c") ≠ ("a", "bc"))."""
    h = hashlib.sha256()
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


class Store:
    """One named cache: {key: value}, loaded lazily, saved by `save`."""

    def __init__(self, root: Path, name: str, owner: Caches | None = None) -> None:
        self.owner = owner
        self.path = root / CACHE_DIR / f"{name}.pickle"
        self._data: dict[str, Any] | None = None
        self._used: set[str] = set()
        self._added = False

    def _load(self) -> dict[str, Any]:
        if self._data is None:
            self._data = {}
            try:
                with self.path.open("rb") as f:
                    stored = pickle.load(f)
                if isinstance(stored, dict) and stored.get("version") == code_version():
                    self._data = stored["entries"]
            except (
                OSError,
                pickle.UnpicklingError,
                EOFError,
                KeyError,
                AttributeError,
                TypeError,
                ValueError,
            ):
                pass  # missing, unreadable or from another builder: a cold run
        return self._data

    def get(self, key: str) -> Any | None:
        value = self._load().get(key)
        if value is not None:
            self._used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        self._load()[key] = value
        self._used.add(key)
        self._added = True

    def save(self, prune: bool = True) -> None:
        """Write the store back when something was added. With prune, in a run over the whole
        corpus (a build), entries it did not use are dropped once they are a quarter of the
        store. A read-only checkout just runs cold again."""
        if self._data is None:  # not used by this run: left as it is
            return
        data = self._data
        prune = prune and (self.owner is None or self.owner.full)
        if prune and len(self._used) < 0.75 * len(data):
            data = {k: v for k, v in data.items() if k in self._used}
            self._data, self._added = data, True
        self._used = set()
        if not self._added:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                pickle.dump({"version": code_version(), "entries": data}, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.path)
            self._added = False
        except OSError:
            pass


class Caches:
    """The stores of one run, saved together at its end."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.full = (
            False  # set by `congkhai build`: this run reads the whole corpus (unused entries are stale)
        )
        self._stores: dict[str, Store] = {}

    def __getitem__(self, name: str) -> Store:
        if name not in self._stores:
            self._stores[name] = Store(self.root, name, self)
        return self._stores[name]

    def save(self, prune: bool = True) -> None:
        for store in self._stores.values():
            store.save(prune)

    def release(self, prune: bool = True) -> None:
        """Save the stores used so far and drop them from memory (a build releases them before
        mkdocs, which needs the room; a store used again is read back from disk)."""
        for name, store in list(self._stores.items()):
            store.save(prune)
            del self._stores[name]


_OPEN: dict[Path, Caches] = {}


def caches(root: Path) -> Caches:
    """The caches of the project at `root` (one set per process: `congkhai serve` keeps them warm)."""
    key = root.resolve()
    if key not in _OPEN:
        _OPEN[key] = Caches(key)
    return _OPEN[key]
