"""Content is files, never links: the one place that lists and opens what is under content/.

A symbolic link in a pull request is a one-line file that is easy to miss in review, and a build
that follows it publishes whatever the build machine can read (`.git/config` with the CI token,
`/proc/self/environ`, `/etc/passwd`) or never ends (a link to `../..`). So `scan` walks content/
without following any link and returns only regular files; every link, FIFO or device becomes a
CK004 error at its own path. Readers open files with O_NOFOLLOW as a second guard.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..base.diagnostics import Diagnostic, make

CONTENT = "content"


@dataclass
class Tree:
    """Regular files under content/ (project-relative POSIX paths, sorted) and what was refused."""

    files: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __contains__(self, rel: object) -> bool:
        return rel in self.index

    @property
    def index(self) -> set[str]:
        if len(self._index) != len(self.files):
            self._index = set(self.files)
        return self._index

    _index: set[str] = field(default_factory=set, repr=False, compare=False)


def _link_target(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


def scan(root: Path) -> Tree:
    """Every regular file under root/content, never following a link; links and special files refused."""
    tree = Tree()
    content = root / CONTENT
    try:
        st = os.lstat(content)
    except OSError:
        return tree
    if stat.S_ISLNK(st.st_mode):
        tree.diagnostics.append(
            make("CK004", CONTENT, path=CONTENT, what=f"liên kết tượng trưng tới “{_link_target(content)}”")
        )
        return tree
    # os.scandir's entries know their type from the directory listing (no lstat per file: a
    # `congkhai validate FILE` of a 1,000-plan corpus lists it in a few milliseconds)
    todo = [(str(content), CONTENT)]
    while todo:
        dirpath, rel = todo.pop()
        try:
            with os.scandir(dirpath) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            continue  # unreadable: as os.walk, nothing listed
        for e in entries:
            try:
                if e.is_symlink():
                    tree.diagnostics.append(_refused(root, Path(e.path)))
                elif e.is_dir(follow_symlinks=False):
                    todo.append((e.path, f"{rel}/{e.name}"))
                elif e.is_file(follow_symlinks=False):
                    tree.files.append(f"{rel}/{e.name}")
                else:
                    tree.diagnostics.append(_refused(root, Path(e.path)))
            except OSError:
                continue
    tree.files.sort()
    return tree


def _refused(root: Path, p: Path) -> Diagnostic:
    rel = p.relative_to(root).as_posix()
    if os.path.islink(p):
        what = f"liên kết tượng trưng (symlink) tới “{_link_target(p)}”"
    else:
        what = "tệp đặc biệt (không phải tệp thường)"
    return make("CK004", rel, path=rel, what=what)


def read_bytes(path: Path, limit: int | None = None) -> tuple[bytes, int]:
    """(bytes, size) of a regular file, refusing a link at the last component (ELOOP) and anything
    that is not a regular file; at most `limit` + 1 bytes are read, so a huge file costs nothing."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(22, "không phải tệp thường", str(path))
        chunks = []
        want = st.st_size if limit is None else min(st.st_size, limit + 1)
        while want > 0:
            chunk = os.read(fd, min(want, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            want -= len(chunk)
        return b"".join(chunks), st.st_size
    finally:
        os.close(fd)


def write_text_in_place(root: Path, rel: str, text: str) -> None:
    """Rewrite a content file: only a regular file of the tree, via a temporary file and an atomic
    rename in its folder, so nothing is ever written through a link or outside the project."""
    if not rel.startswith(CONTENT + "/") or rel not in scan_one(root, rel):
        raise OSError(1, "không phải tệp thường trong content/", rel)
    path = root / rel
    tmp = path.with_name(f".{path.name}.congkhai-tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o644)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
            f.write(text)
        os.chmod(tmp, stat.S_IMODE(os.lstat(path).st_mode))
        os.replace(tmp, path)
    except BaseException:
        if os.path.lexists(tmp):
            os.unlink(tmp)
        raise


def scan_one(root: Path, rel: str) -> set[str]:
    """{rel} when root/rel is a regular file reached without any link from root/content, else {}."""
    parts = rel.split("/")
    cur = root
    for i, part in enumerate(parts):
        cur = cur / part
        try:
            mode = os.lstat(cur).st_mode
        except OSError:
            return set()
        last = i == len(parts) - 1
        if stat.S_ISLNK(mode) or (not last and not stat.S_ISDIR(mode)) or (last and not stat.S_ISREG(mode)):
            return set()
    return {rel}


def copy_file(src: Path, dst: Path) -> None:
    """Copy a content file to the staged tree without following a link."""
    data, _ = read_bytes(src)
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_bytes(data)
