"""Content-addressed caches under build/cache/: results of pure, expensive steps keyed by a hash
of their inputs (a plan's text, the citation index…), so a second run redoes only what changed.

Correctness does not depend on knowing what depends on what: a key is a hash of everything the
step reads, so a changed input is a different key and a stale entry is never found. Every store
also carries the builder's own fingerprint (`code_version`: the hash of its source files and of
the versions of the packages that shape its output), so editing the builder, or upgrading
mkdocs, empties every cache. Deleting build/ (or a fresh clone) means a cold run.

The stores live in one SQLite database (build/cache/caches.sqlite3): an entry is read when it is
asked for, so no run holds a whole cache in memory; entries a build did not use are dropped.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sqlite3
import sys
from functools import cache
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
    "vietnam-provinces",
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
    versions = _installed_versions()
    for name in _PACKAGES:
        h.update(f"{name}={versions.get(_normalized(name), '-')}".encode())
    return h.hexdigest()


def _normalized(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


def _installed_versions() -> dict[str, str]:
    """{normalized name: version} of the distributions on sys.path, read from the names of their
    metadata folders (`{name}-{version}.dist-info`, PEP 427; the first on the path wins, as for
    imports). importlib.metadata would cost `congkhai validate FILE` ~25 ms of imports alone."""
    out: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for n in names:
            for suffix in (".dist-info", ".egg-info"):
                if n.endswith(suffix):
                    name, _, ver = n[: -len(suffix)].partition("-")
                    out.setdefault(_normalized(name), ver.partition("-")[0] if suffix == ".egg-info" else ver)
    return out


def digest(*parts: str | bytes) -> str:
    """One hash of several inputs (length-prefixed, so ("ab", "c") ≠ ("a", "bc"))."""
    h = hashlib.sha256()
    for p in parts:
        b = p.encode("utf-8") if isinstance(p, str) else p
        h.update(len(b).to_bytes(8, "little"))
        h.update(b)
    return h.hexdigest()


class Store:
    """One named cache, {key: value}; values are pickled into the project's cache database."""

    def __init__(self, owner: Caches, name: str) -> None:
        self.owner, self.name = owner, name
        self.used: set[str] = set()

    def get(self, key: str) -> Any | None:
        blob = self.owner.pending.get((self.name, key))
        if blob is None:
            row = self.owner.query("SELECT v FROM entries WHERE s = ? AND k = ?", (self.name, key))
            if row is None:
                return None
            blob = row[0]
        try:
            value = pickle.loads(blob)
        except Exception:  # written by another builder (its classes differ): a miss
            return None
        self.used.add(key)
        return value

    def put(self, key: str, value: Any) -> None:
        self.used.add(key)
        self.owner.add(self.name, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


MMAP_BYTES = 256 << 20


class Caches:
    """The stores of one project: one SQLite database, build/cache/caches.sqlite3 (standard
    library; entries are read one at a time, so a run never holds a whole cache in memory).

    A run reads and adds entries; new entries wait in memory (up to FLUSH_BYTES) and are written
    in one short transaction when `save` runs (after each stage of a run) or the buffer is full:
    the database is never left locked between two writes, so a process that read the corpus and
    stopped there (`congkhai citations`, a test calling the command line in-process) never
    blocks another's `congkhai validate`. A build (`full`: it reads the whole corpus) also drops
    the entries it did not use, once they are a quarter of a store. A database that cannot be
    opened or written (read-only checkout, another builder's, damaged, busy) is replaced or
    ignored: the run is a cold one, never a wrong one."""

    FLUSH_BYTES = 16 << 20

    def __init__(self, root: Path) -> None:
        self.root = root
        self.full = False  # set by `congkhai build`: this run reads the whole corpus
        self._stores: dict[str, Store] = {}
        self._db: sqlite3.Connection | None = None
        self._file: tuple[int, int] | None = None  # (device, inode) of the database it opened
        self._broken = False
        self._mapped: bool | None = None  # entries read through a memory map (_connect)
        self.pending: dict[tuple[str, str], bytes] = {}  # (store, key) → pickled value, not yet written
        self._pending_bytes = 0

    def __getitem__(self, name: str) -> Store:
        if name not in self._stores:
            self._stores[name] = Store(self, name)
        return self._stores[name]

    def _connect(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        path = self.root / CACHE_DIR / "caches.sqlite3"
        for attempt in range(2):
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(path, timeout=10)
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = NORMAL")
                db.execute("CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT)")
                db.execute(
                    "CREATE TABLE IF NOT EXISTS entries (s TEXT, k TEXT, v BLOB, PRIMARY KEY (s, k)) WITHOUT ROWID"
                )
                row = db.execute("SELECT v FROM meta WHERE k = 'version'").fetchone()
                if row is None or row[0] != code_version():
                    if row is not None and attempt == 0:  # another builder's: start afresh
                        db.close()
                        for suffix in ("", "-wal", "-shm"):
                            Path(f"{path}{suffix}").unlink(missing_ok=True)
                        continue
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (code_version(),))
                    db.commit()
                if self._mapped is None:  # decided once per run: a forked copy keeps it
                    self._mapped = row is not None and row[0] == code_version()
                if self._mapped:
                    # A database of this builder's entries, read through a memory map: an
                    # incremental build reads ~10,000 of them one at a time, 4x faster than
                    # through read(). Not for a new one (a cold build reads back little, and
                    # the pages touched count as the process's memory: +80 MB at 1,000 plans).
                    db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
                self._db = db
                st = path.stat()
                self._file = (st.st_dev, st.st_ino)
                return db
            except (OSError, sqlite3.Error):
                if attempt == 0:  # damaged: start afresh once
                    for suffix in ("", "-wal", "-shm"):
                        with contextlib.suppress(OSError):
                            Path(f"{path}{suffix}").unlink(missing_ok=True)
                    continue
        self._broken = True
        return None

    def gone(self) -> bool:
        """The database this process opened is no longer build/cache/'s (build/ deleted or
        replaced since: `rm -rf build`, a test's cold build in the same process)."""
        if self._db is None or self._file is None:
            return False
        try:
            st = (self.root / CACHE_DIR / "caches.sqlite3").stat()
        except OSError:
            return True
        return (st.st_dev, st.st_ino) != self._file

    def query(self, sql: str, args: tuple[Any, ...]) -> Any:
        db = self._connect()
        if db is None:
            return None
        try:
            return db.execute(sql, args).fetchone()
        except sqlite3.Error:
            return None

    def add(self, store: str, key: str, blob: bytes) -> None:
        old = self.pending.get((store, key))
        self.pending[(store, key)] = blob
        self._pending_bytes += len(blob) - (len(old) if old is not None else 0)
        if self._pending_bytes > self.FLUSH_BYTES:
            self._flush()

    def _flush(self) -> None:
        """Write the pending entries in one transaction (dropped if the database is unusable)."""
        if not self.pending:
            return
        db = self._connect()
        if db is not None:
            try:
                with db:  # commits, or rolls back on an error
                    db.executemany(
                        "INSERT OR REPLACE INTO entries (s, k, v) VALUES (?, ?, ?)",
                        ((s, k, v) for (s, k), v in self.pending.items()),
                    )
            except sqlite3.Error:
                pass
        self.pending.clear()
        self._pending_bytes = 0

    def save(self, prune: bool = True) -> None:
        """Write what this run added; in a build, drop what it did not use (see the class)."""
        self._flush()
        db = self._db
        if db is None or not (prune and self.full):
            return
        try:
            with db:
                for store in self._stores.values():
                    self._prune(db, store)
        except sqlite3.Error:
            pass

    def _prune(self, db: sqlite3.Connection, store: Store) -> None:
        if not store.used:
            return
        (count,) = db.execute("SELECT count(*) FROM entries WHERE s = ?", (store.name,)).fetchone()
        if len(store.used) >= 0.75 * count:
            return
        db.execute("CREATE TEMP TABLE IF NOT EXISTS used (k TEXT PRIMARY KEY)")
        db.execute("DELETE FROM used")
        db.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in store.used))
        db.execute("DELETE FROM entries WHERE s = ? AND k NOT IN (SELECT k FROM used)", (store.name,))

    def release(self, prune: bool = True) -> None:
        """Commit now (a long build commits after each stage: an interrupted one keeps them)."""
        self.save(prune)

    def end_run(self, prune: bool = True) -> None:
        """The run is over: commit, and forget which entries it used."""
        self.save(prune)
        for store in self._stores.values():
            store.used = set()

    # -- across a fork (base/fork.py) ---------------------------------------------------------

    def after_fork(self) -> None:
        """In a forked copy: never use the inherited SQLite connection (connections must not cross
        a fork; closing it could checkpoint the build's WAL), keep it referenced so that nothing
        closes it, and collect what the copy adds, which `state` sends back to the build."""
        if self._db is not None:
            _INHERITED.append(self._db)
            self._db = None  # the copy opens its own connection when it reads
        self.pending.clear()
        self._pending_bytes = 0
        self.FLUSH_BYTES = 1 << 62  # the copy never writes the database: the build does
        for store in self._stores.values():
            store.used = set()

    def state(self) -> CacheState:
        """What this process added and used (a forked copy's, for the build)."""
        return dict(self.pending), {n: set(s.used) for n, s in self._stores.items()}

    def merge(self, state: CacheState) -> None:
        """A forked copy's entries and uses, kept as if this process had made them."""
        pending, used = state
        for (store, key), blob in pending.items():
            self.add(store, key, blob)
        for name, keys in used.items():
            self[name].used |= keys


CacheState = tuple[dict[tuple[str, str], bytes], dict[str, set[str]]]
_INHERITED: list[sqlite3.Connection] = []  # a forked copy's inherited connections: never closed
_OPEN: dict[Path, Caches] = {}


def open_caches() -> list[Caches]:
    return list(_OPEN.values())


def caches(root: Path) -> Caches:
    """The caches of the project at `root` (one set per process: `congkhai serve` keeps them warm)."""
    key = root.resolve()
    open_ = _OPEN.get(key)
    if open_ is None or open_.gone():
        # an open connection would go on reading a deleted database: a "cold" build after
        # `rm -rf build` in the same process would reuse the old entries
        if open_ is not None and open_._db is not None:
            with contextlib.suppress(sqlite3.Error):
                open_._db.close()
        _OPEN[key] = open_ = Caches(key)
    return open_
