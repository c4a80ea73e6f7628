"""Two processes for the parts of a build that split cleanly: one forked copy of the build.

A build is CPU-bound and, outside Pagefind, ran on one core. Two steps split into independent
halves: the page generators (flow._stage: each generator reads the corpus and the derived facts
and returns pages) and mkdocs' page rendering (publish/sitebuild._Split: no page's HTML depends
on another's rendering). A forked copy shares everything the build has computed so far, without
pickling it; it runs its half, sends back a small result, and exits without running anything
else of the build (`os._exit`). It dies with the build (PR_SET_PDEATHSIG), so a killed build
leaves no process writing into the next build's folder or holding its lock.

Cache entries (base/cache.py) the copy adds or uses are sent back with its result and kept by
the build, as if it had made them. The copy never uses the database connection it inherited
(SQLite connections must not cross a fork): it opens its own to read, and keeps the inherited
object referenced until it exits, so that nothing closes it under the build.

CONGKHAI_PROCESSES=1 keeps one process; =2 splits even a small site (the tests); unset: two when
the machine has 2 cores or more, the work is large enough to pay for the fork, and the process
runs no other thread (`congkhai serve` does: a fork copies only the calling thread, and a lock
another thread held would stay held in the copy).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .cache import CacheState

forks = 0  # forks made by this process (the tests check that a split happened)

A = TypeVar("A")
B = TypeVar("B")


def processes(work: int, enough: int) -> int:
    """How many processes to use for `work` units when a fork pays from `enough` units on."""
    value = os.environ.get("CONGKHAI_PROCESSES", "")
    if value == "1" or not hasattr(os, "fork"):
        return 1
    if value == "2":  # the tests (whose process has idle server threads)
        return 2 if work >= 2 else 1
    if threading.active_count() > 1:  # `congkhai serve`: a fork copies only the calling thread
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return 2 if cores >= 2 and work >= enough else 1


def die_with_parent() -> Callable[[], None] | None:
    """For a child process: SIGKILL when its parent dies (Linux PR_SET_PDEATHSIG)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):  # pragma: no cover - not glibc/musl
        return None
    pr_set_pdeathsig = 1

    def child() -> None:
        prctl(pr_set_pdeathsig, signal.SIGKILL)

    return child


class Fork:
    """One forked copy of this process: `start()` returns True in the copy, False here."""

    def __init__(self) -> None:
        self.pid = 0  # the copy's, in the parent
        self.fd: int | None = None
        self.in_copy = False

    def start(self) -> bool:
        sys.stdout.flush()
        sys.stderr.flush()
        r, w = os.pipe()
        parent = os.getpid()
        pid = os.fork()
        global forks
        forks += 1
        if pid == 0:
            die = die_with_parent()
            if die is not None:
                die()
            if os.getppid() != parent:  # the build died before the copy could ask to die with it
                os._exit(1)
            os.close(r)
            self.fd, self.in_copy = w, True
            _caches_after_fork()
            return True
        os.close(w)
        self.pid, self.fd = pid, r
        return False

    def send(self, result: Any) -> None:
        """In the copy: send `result` (and the cache entries it made) and exit."""
        self._exit({"result": result, "caches": _cache_state()}, 0)

    def fail(self, error: BaseException) -> None:
        self._exit({"error": f"{type(error).__name__}: {error}"}, 1)

    def _exit(self, message: dict[str, Any], code: int) -> None:
        assert self.fd is not None
        try:
            data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as e:  # an unpicklable result is the copy's failure, reported as such
            data, code = pickle.dumps({"error": f"{type(e).__name__}: {e}"}), 1
        with contextlib.suppress(OSError):
            view = memoryview(data)
            while view:
                view = view[os.write(self.fd, view) :]
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)  # nothing of the build (its next steps, atexit, finalizers) runs twice

    def kill(self) -> None:
        if self.pid:
            with contextlib.suppress(OSError):
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            self.pid = 0

    def join(self) -> Any:
        """In the parent: the copy's result; its cache entries are kept as this process's."""
        if not self.pid:
            return None
        assert self.fd is not None
        with os.fdopen(self.fd, "rb") as f:
            data = f.read()
        _, status = os.waitpid(self.pid, 0)
        self.pid = 0
        try:
            message = pickle.loads(data) if data else {}
        except Exception:
            message = {}
        if os.waitstatus_to_exitcode(status) != 0 or "result" not in message:
            raise RuntimeError(
                f"the second build process failed: {message.get('error') or f'exit status {status}'}"
            )
        _merge_cache_state(message["caches"])
        return message["result"]


def in_two(here: Callable[[], A], there: Callable[[], B], enough: bool) -> tuple[A, B]:
    """`here()` in this process and `there()` in a forked copy at the same time (both in this one
    when `enough` is False); their results."""
    if not enough:
        return here(), there()
    fork = Fork()
    if fork.start():
        try:
            fork.send(there())
        except BaseException as e:
            fork.fail(e)
    try:
        mine = here()
    except BaseException:
        fork.kill()
        raise
    theirs: B = fork.join()
    return mine, theirs


# -- the caches across the fork (base/cache.py) ------------------------------------------------


def _caches_after_fork() -> None:
    from .cache import open_caches

    for c in open_caches():
        c.after_fork()


def _cache_state() -> dict[Path, CacheState]:
    from .cache import open_caches

    return {c.root: c.state() for c in open_caches()}


def _merge_cache_state(state: dict[Path, CacheState]) -> None:
    from .cache import caches

    for root, st in state.items():
        caches(root).merge(st)
