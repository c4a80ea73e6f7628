"""Nothing overwritten or lost: one build at a time, and site/ replaced only by a finished site.

- `build_lock(root)`: an advisory lock on build/congkhai.lock (flock: the kernel releases it when
  the process dies, so a killed build never leaves a stale lock). A second build in the same
  checkout is refused with a Vietnamese message instead of racing the first on build/ and site/.
- `replaced_dir(target, scratch)`: yields a fresh, empty directory to build into; when the block
  ends normally the fresh directory takes target's place in one atomic step (Linux renameat2
  RENAME_EXCHANGE), else it is deleted. A failed, interrupted or killed build therefore leaves
  the previous site/ byte-identical, and a server never serves a half-written one.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from ..base.errors import Refusal

LOCK_NAME = "congkhai.lock"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Hold the checkout's build lock for the duration of the block, or refuse at once."""
    folder = root / "build"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_lock(fd):
            other = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
            who = f" (tiến trình {other})" if other.isdigit() else ""
            raise Refusal(
                f"Không dựng trang: đang có một lần dựng khác chạy trong thư mục dự án này{who}. "
                "Chờ lần đó xong rồi chạy lại (hai lần dựng cùng lúc sẽ ghi đè lên nhau)."
            )
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                os.ftruncate(fd, 0)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _try_lock(fd: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover
        import msvcrt

        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


@contextlib.contextmanager
def replaced_dir(target: Path, scratch: Path) -> Iterator[Path]:
    """A fresh directory that replaces `target` atomically when the block succeeds.

    `scratch` (build/) holds the fresh directory when it is on target's filesystem; otherwise
    the fresh directory is a hidden sibling of target, so that the final step is a rename.
    """
    scratch.mkdir(parents=True, exist_ok=True)
    recover(target, scratch)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    same_fs = os.stat(scratch).st_dev == os.stat(parent).st_dev
    fresh = scratch / f"{target.name}.new" if same_fs else parent / f".{target.name}.new"
    _remove(fresh)  # left over by a killed build
    fresh.mkdir()
    try:
        yield fresh
    except BaseException:
        _remove(fresh)
        raise
    try:
        swap_into_place(fresh, target, scratch)
    finally:
        _remove(fresh)


def swap_into_place(fresh: Path, target: Path, scratch: Path) -> None:
    """Make `fresh` be `target`; the previous target is deleted afterwards."""
    if not target.exists() and not target.is_symlink():
        os.rename(fresh, target)
        return
    if target.is_symlink() or not target.is_dir():
        raise Refusal(f"Không xuất bản: “{target}” không phải thư mục; xóa hoặc đổi tên nó rồi chạy lại.")
    try:
        _exchange(fresh, target)  # fresh now holds the previous site
        return
    except OSError as e:
        if e.errno == errno.EBUSY or (os.stat(target).st_dev != os.stat(target.parent).st_dev):
            _copy_into(fresh, target)  # target is a mount point: it cannot be renamed
            return
        if e.errno not in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise
    # no renameat2 here: two renames; `recover` puts the old site back if we die in between
    old = scratch / f"{target.name}.old"
    _remove(old)
    os.rename(target, old)
    os.rename(fresh, target)
    _remove(old)


def recover(target: Path, scratch: Path) -> None:
    """A build killed between the two renames of the fallback left target missing: restore it."""
    old = scratch / f"{target.name}.old"
    if old.is_dir() and not target.exists() and not target.is_symlink():
        os.rename(old, target)
    else:
        _remove(old)


def _exchange(a: Path, b: Path) -> None:
    if not sys.platform.startswith("linux"):
        raise OSError(errno.ENOSYS, "renameat2 is Linux-only")
    libc = ctypes.CDLL(None, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:  # glibc < 2.28 or another libc
        raise OSError(errno.ENOSYS, "no renameat2")
    rc = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err), str(a), None, str(b))


def _copy_into(fresh: Path, target: Path) -> None:
    """Last resort when target cannot be renamed (a mount point): replace its contents."""
    print(
        f"Cảnh báo: “{target}” là điểm gắn ổ đĩa, không thay được trong một bước; chép đè nội dung.",
        file=sys.stderr,
    )
    for child in list(target.iterdir()):
        _remove(child)
    for child in fresh.iterdir():
        dst = target / child.name
        if child.is_dir():
            shutil.copytree(child, dst, symlinks=True)
        else:
            shutil.copy2(child, dst, follow_symlinks=False)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)
