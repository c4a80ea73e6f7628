"""Facts from git: when each content file was first published, its history, and the build's
reference date ("today" for overdue tasks), so that two builds of one commit are identical.

One `git log --name-only` call reads the whole history of content/ (it scales to thousands
of files; one call per file would not). No git, or a shallow clone: the build still works and
`shallow`/`available` tell the pages that the history is partial.

Reference date, first found wins:
1. env `CONGKHAI_TODAY=YYYY-MM-DD` (CI or an editor previewing "as of" a date);
2. mkdocs.yml `extra.reference_date: YYYY-MM-DD`;
3. the date of the last commit touching content/;
4. none: nothing is marked overdue and pages say why.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..base.config import SiteConfig
from ..base.urls import commit_url
from ..content.corpus import Corpus
from .state import Commit, Derived, FileHistory, GitFacts

ENV_TODAY = "CONGKHAI_TODAY"
_SEP_COMMIT = "\x1e"
_SEP_FIELD = "\x1f"
_SEP_END = "\x1d"


# -- git -------------------------------------------------------------------------------------


def _git(root: Path, *args: str) -> str | None:
    try:
        out = subprocess.run(
            ["git", "-c", "core.quotepath=false", "-C", str(root), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout


def _day(iso: str) -> str:
    # committer date in the committer's own offset: the calendar day the editor saw
    return dt.datetime.fromisoformat(iso).date().isoformat()


@dataclass(frozen=True)
class History:
    available: bool
    commit: str | None
    shallow: bool
    last_content_date: str | None
    files: dict[str, FileHistory]  # by path relative to root, and relative to content/
    prefix: str = ""  # the project's folder inside the repository


# An editor's note for citizens, as a commit message trailer: "Ghi-chu: Bổ sung số, ký hiệu."
# (git's own trailer syntax wants an ASCII key; the Vietnamese spelling is accepted too).
_NOTE = re.compile(r"^\s*ghi[- ]ch[uú]\s*:\s*(?P<v>.*\S)\s*$", re.I | re.M)


def note_of(message: str) -> str | None:
    """The last "Ghi-chu:" line of a commit message (NFC), or None."""
    found = _NOTE.findall(unicodedata.normalize("NFC", message))
    return found[-1] if found else None


def _shallow_commits(root: Path) -> set[str]:
    """The commits a shallow clone was cut at (git's `shallow` file): their parents are missing."""
    where = _git(root, "rev-parse", "--git-path", "shallow")
    if not where:
        return set()
    path = Path(where.strip())
    path = path if path.is_absolute() else root / path
    try:
        return set(path.read_text(encoding="ascii").split())
    except (OSError, ValueError):
        return set()


def read_history(root: Path, repo_url: str | None = None) -> History:
    """The history of content/ in one `git log`; commit links on `repo_url` when there is one."""
    head = _git(root, "rev-parse", "--show-prefix", "--is-shallow-repository", "HEAD")
    empty = History(available=False, commit=None, shallow=False, last_content_date=None, files={})
    if head is None:
        return empty
    lines = head.splitlines()
    if len(lines) < 3:
        return empty
    prefix, shallow, commit = lines[0].strip(), lines[1].strip() == "true", lines[2].strip()
    cut = _shallow_commits(root) if shallow else set()
    # The whole message (%B, for the editor's "Ghi-chu:" trailer) ends with \x1d, then the names.
    fmt = f"{_SEP_COMMIT}%H{_SEP_FIELD}%h{_SEP_FIELD}%cI{_SEP_FIELD}%s{_SEP_FIELD}%B{_SEP_END}"
    log = _git(root, "log", f"--format={fmt}", "--name-only", "--no-renames", "--", "content")
    if log is None:
        return empty
    files: dict[str, FileHistory] = {}
    last: str | None = None
    for chunk in log.split(_SEP_COMMIT):
        if not chunk.strip():
            continue
        header, _, names = chunk.partition(_SEP_END)
        sha, short, when, message, body = header.split(_SEP_FIELD, 4)
        day = _day(when)
        last = last or day  # newest first
        entry = Commit(
            date=day,
            datetime=when,
            sha=short,
            message=message,
            url=commit_url(repo_url, sha) if repo_url else None,
            full_sha=sha,
            note=note_of(body),
            boundary=sha in cut,
        )
        for name in names.splitlines():
            name = name.strip()
            if not name:
                continue
            rel = name.removeprefix(prefix)
            # git log is newest first; with equal dates the order is git's, which is deterministic
            files.setdefault(rel, FileHistory()).history.append(entry)
    out = dict(sorted(files.items()))
    # The same record under "content/…" (SourceFile.path) and relative to content/ ("ke-hoach/…").
    out.update({k.removeprefix("content/"): v for k, v in list(out.items()) if k.startswith("content/")})
    return History(
        available=True, commit=commit, shallow=shallow, last_content_date=last, files=out, prefix=prefix
    )


def choose_reference(config: SiteConfig, last_content_date: str | None) -> tuple[str | None, str | None]:
    """(ISO date, source) — source is "env", "config", "git" or None."""
    env = os.environ.get(ENV_TODAY, "").strip()
    if env:
        return _iso_date(env, f"biến môi trường {ENV_TODAY}"), "env"
    cfg = config.reference_date
    if cfg:
        return (
            cfg.isoformat()
            if isinstance(cfg, dt.date)
            else _iso_date(str(cfg), "mkdocs.yml (extra.reference_date)")
        ), "config"
    if last_content_date:
        return last_content_date, "git"
    return None, None


def _iso_date(value: str, where: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        from ..base.errors import UsageError

        raise UsageError(
            f"Lỗi: {where} = “{value}” không phải một ngày dạng NNNN-TT-NN (ví dụ 2025-12-31)."
        ) from None


REFERENCE_NOTE_VI = {
    "env": "Ngày đối chiếu đặt bằng biến môi trường CONGKHAI_TODAY.",
    "config": "Ngày đối chiếu đặt trong mkdocs.yml (extra.reference_date).",
    "git": "Ngày đối chiếu là ngày cập nhật nội dung gần nhất (theo lịch sử git).",
    None: "Chưa xác định được ngày đối chiếu (không có lịch sử git hay thiết lập), nên chưa đánh dấu nhiệm vụ quá hạn.",
}


def analyze(corpus: Corpus, derived: Derived) -> None:
    hist = read_history(corpus.root, corpus.config.repo_url)
    ref, source = choose_reference(corpus.config, hist.last_content_date)
    note = REFERENCE_NOTE_VI[source]
    if not hist.available:
        history_note = "Không có lịch sử git: chưa biết ngày đăng công khai."
    elif hist.shallow:
        history_note = "Lịch sử git không đầy đủ (bản sao nông): ngày đăng đầu tiên có thể muộn hơn thực tế."
    else:
        history_note = None
    derived.git = GitFacts(
        available=hist.available,
        commit=hist.commit,
        shallow=hist.shallow,
        reference_date=ref,
        reference_source=source,
        reference_note_vi=note,
        history_note_vi=history_note,
        repo_url=corpus.config.repo_url,
        files=hist.files,
        prefix=hist.prefix,
    )
