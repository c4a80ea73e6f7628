"""A plan's history for citizens: its versions in git, what changed in each (in Vietnamese words
derived from the content itself) and, for every earlier version, what differs from the current one.

Versions are the commits that touched the plan's file (the git step's `FileHistory`); the text of
each is read with one `git cat-file --batch` process for the whole run (one call per blob would not
scale). Between two consecutive versions the front-matter fields, the tasks and the body's sections
are compared: "Bổ sung số, ký hiệu", "Cập nhật tình trạng nhiệm vụ 3", "Sửa nội dung mục II.2".
Commit messages are for developers and never reach the page; an editor may add a note for readers
in the front-matter (`change_note`) or as a commit message trailer (`Ghi-chu: …`).

A shallow clone's oldest commit lists every file as added (reliability probe P30): it is kept as
"the oldest version this copy has", never described as a change, and the history says it is partial.

The comparison with the current version (`Comparison`) is computed here, bounded in size, so that
the texts of old versions are not kept in memory: the page generator only lays it out.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base.text import nfc
from ..base.vietnamese import PLAN_STATUS_VI, RELATION_VI, TASK_STATUS_VI, format_date_vi, format_period_vi
from ..content import frontmatter
from ..content.corpus import Corpus, PlanRecord
from .state import Block, Commit, Comparison, Derived, PlanHistory, Segment, Version

MAX_VERSIONS = 50  # versions shown per plan (newest first); older ones are counted, not listed
MAX_DIFF_CHARS = 60_000  # text shown on one comparison page; the rest is counted, not shown
MAX_PARAGRAPH_TOKENS = 4_000  # longer paragraphs are shown whole (old, new) instead of word by word
CONTEXT = 1  # unchanged paragraphs shown around a change


# -- the readable form of a version ----------------------------------------------------------

FIELD_LABELS: dict[str, str] = {
    "type": "Loại văn bản",
    "number": "Số, ký hiệu",
    "issued": "Ngày ban hành",
    "issuer": "Cơ quan ban hành",
    "place": "Địa danh",
    "title": "Trích yếu",
    "period": "Kỳ kế hoạch",
    "status": "Trạng thái",
    "signer": "Người ký",
    "recipients": "Nơi nhận",
    "basis": "Căn cứ",
    "attachments": "Tệp đính kèm",
    "cited_as": "Số được văn bản khác trích dẫn",
    "published": "Ngày công khai",
    "posted": "Thời gian, địa điểm niêm yết",
    "issued_by_decision": "Quyết định ban hành kèm theo",
    "source_note": "Ghi chú về nguồn văn bản",
    "key": "Khóa văn bản",
}
TASK_LABELS: dict[str, str] = {
    "name": "tên nhiệm vụ",
    "group": "nhóm nhiệm vụ",
    "directs": "chỉ đạo",
    "lead": "chủ trì",
    "partners": "phối hợp",
    "due": "thời gian thực hiện",
    "output": "sản phẩm",
}
_NOT_SHOWN = {"change_note", "tasks"}  # the note is the change's own words; tasks are compared one by one


@dataclass(frozen=True)
class Readable:
    """A version as a reader sees it: labelled fields, tasks by id, body paragraphs by section."""

    fields: dict[str, str]  # label → value as text
    tasks: dict[str, dict[str, str]]  # id → {field: text}, "status" and "updates" included
    sections: dict[str, list[str]]  # section name → its paragraphs
    note: str | None  # change_note
    parsed: bool  # False: the front-matter could not be read (compared as text only)

    def blocks(self) -> list[tuple[str, str]]:
        """(where, text) in reading order: fields, tasks, then the body."""
        out = [(label, value) for label, value in self.fields.items()]
        for tid, t in self.tasks.items():
            out.append((f"Nhiệm vụ {tid}", _task_text(t)))
        for where, paragraphs in self.sections.items():
            out.extend((where, p) for p in paragraphs)
        return out


def _text(value: Any) -> str:
    """A front-matter value as plain text: dates in Vietnamese, lists joined, mappings flattened."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(t for t in (_text(v) for v in value) if t)
    if isinstance(value, dict):
        return ", ".join(t for t in (_text(v) for v in value.values()) if t)
    s = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return format_date_vi(s)
    return nfc(s)


def _field_text(key: str, value: Any, agencies: dict[str, str]) -> str:
    if key == "issuer":
        return agencies.get(str(value), str(value))
    if key == "status":
        return PLAN_STATUS_VI.get(str(value), str(value))
    if key == "period" and isinstance(value, dict):
        return format_period_vi(value.get("start"), value.get("end"))
    if key == "basis" and isinstance(value, list):
        items = []
        for b in value:
            if isinstance(b, dict):
                items.append(f"{RELATION_VI.get(str(b.get('relation')), '')} {b.get('ref', '')}".strip())
        return "; ".join(items)
    if key == "signer" and isinstance(value, dict):
        return ", ".join(str(value[k]) for k in ("name", "position", "authority") if value.get(k))
    if key == "posted" and isinstance(value, dict):
        when = format_period_vi(value.get("from"), value.get("to"))
        return ", tại ".join(t for t in (when, _text(value.get("place"))) if t)
    if key == "attachments" and isinstance(value, list):
        return "; ".join(str(a.get("title") or a.get("file") or "") for a in value if isinstance(a, dict))
    return _text(value)


def _task_text(t: dict[str, str]) -> str:
    parts = [t.get("name", "")]
    for k in ("lead", "partners", "due", "output"):
        if t.get(k):
            parts.append(f"{TASK_LABELS[k].capitalize()}: {t[k]}")
    if t.get("status"):
        parts.append(f"Tình trạng: {t['status']}")
    if t.get("updates"):
        parts.append(f"Cập nhật: {t['updates']}")
    return ". ".join(p for p in parts if p)


def _tasks(value: Any) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    if not isinstance(value, list):
        return out
    for i, t in enumerate(value, 1):
        if not isinstance(t, dict):
            continue
        tid = str(t.get("id") or i)
        row = {k: _text(t.get(k)) for k in TASK_LABELS if t.get(k)}
        if t.get("status"):
            row["status"] = TASK_STATUS_VI.get(str(t["status"]), str(t["status"]))
        updates = t.get("updates")
        if isinstance(updates, list) and updates:
            row["updates"] = "; ".join(
                f"{_text(u.get('date'))}: {_text(u.get('note'))}"
                + (f" ({TASK_STATUS_VI.get(str(u['status']), u['status'])})" if u.get("status") else "")
                for u in updates
                if isinstance(u, dict)
            )
        out.setdefault(tid, row)
    return out


# -- the body: paragraphs by section -----------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_NUMBER = re.compile(r"^\s*((?:[IVXLC]+|\d+|[a-zđ])(?:\.\d+)*)\s*[.)/:-]\s+", re.I)
_FENCE = re.compile(r"^\s*(```|~~~)")
_FOOTNOTE_DEF = re.compile(r"^\[\^[^\]]+\]:")


def plain(md: str) -> str:
    """A Markdown paragraph as a reader reads it: links → their text, no emphasis or escapes."""
    s = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", md)
    s = re.sub(r"\[\^([^\]]+)\]", r"[\1]", s)
    s = re.sub(r"(\*\*|__|(?<![\w*])\*(?!\s)|(?<!\w)_(?!\s))", "", s)
    s = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", s)
    s = re.sub(r"<[^>]+>", "", s)
    return " ".join(s.split())


def _section_name(stack: list[tuple[int, str, str | None]]) -> str:
    """'Mục II.2' from numbered headings, else the nearest heading's words."""
    if not stack:
        return "Phần mở đầu"
    numbers = [num for _, _, num in stack]
    if all(numbers):
        return "Mục " + ".".join(n for n in numbers if n)
    title = stack[-1][1]
    title = title if len(title) <= 60 else title[:60].rsplit(" ", 1)[0] + " …"
    return f"Mục “{title}”"


def sections(body: str) -> dict[str, list[str]]:
    """The body's paragraphs grouped by the section they are in (heading paragraphs included)."""
    out: dict[str, list[str]] = {}
    stack: list[tuple[int, str, str | None]] = []
    para: list[str] = []
    where = "Phần mở đầu"
    fence = False

    def flush() -> None:
        text = plain(" ".join(para))
        if text:
            out.setdefault(where, []).append(text)
        para.clear()

    for line in body.splitlines():
        if _FENCE.match(line):
            fence = not fence
        m = None if fence else _HEADING.match(line)
        if m:
            flush()
            level, title = len(m.group(1)), plain(m.group(2))
            while stack and stack[-1][0] >= level:
                stack.pop()
            num = _NUMBER.match(title)
            stack.append((level, title, num.group(1) if num else None))
            where = _section_name(stack)
            out.setdefault(where, []).append(title)
        elif not fence and _FOOTNOTE_DEF.match(line):
            flush()
            where_before, where = where, "Chú thích"
            para.append(line)
            flush()
            where = where_before
        elif not line.strip():
            flush()
        else:
            para.append(line)
    flush()
    return out


def readable(text: str, agencies: dict[str, str]) -> Readable:
    src = frontmatter.parse_text("lich-su.md", text.encode("utf-8"))
    if not src.ok:
        return Readable({}, {}, sections(text), None, parsed=False)
    data = src.data
    fields = {}
    for key, value in data.items():
        if key in _NOT_SHOWN or value in (None, "", [], {}):
            continue
        fields[FIELD_LABELS.get(key, "Thông tin khác")] = _field_text(key, value, agencies)
    note = data.get("change_note")
    return Readable(
        fields=fields,
        tasks=_tasks(data.get("tasks")),
        sections=sections(src.body),
        note=nfc(str(note)).strip() if note else None,
        parsed=True,
    )


# -- what changed between two versions ---------------------------------------------------------


def _names(items: list[str], noun: str, limit: int = 6) -> str:
    """'mục II.2', 'các mục I.1, II.2 và III', 'các mục I.1, II.2, … và 5 mục khác'."""
    if len(items) == 1:
        return f"{noun} {items[0]}"
    if len(items) <= limit:
        return f"các {noun} {', '.join(items[:-1])} và {items[-1]}"
    return f"các {noun} {', '.join(items[:limit])} và {len(items) - limit} {noun} khác"


def _section_short(where: str) -> str:
    return where.removeprefix("Mục ") if where.startswith("Mục ") else where.lower()


def changes(old: Readable, new: Readable) -> list[str]:
    """What changed from `old` to `new`, in Vietnamese, most visible first."""
    out: list[str] = []
    if not (old.parsed and new.parsed):
        if old.blocks() != new.blocks():
            out.append("Sửa nội dung")
        return out
    # fields, in the order a reader meets them
    for label in dict.fromkeys([*new.fields, *old.fields]):
        a, b = old.fields.get(label), new.fields.get(label)
        if a == b:
            continue
        low = label[0].lower() + label[1:]
        if label == "Trạng thái" and a and b:
            out.append(f"Đổi trạng thái: {a} → {b}")
        elif not a:
            out.append(f"Bổ sung {low}")
        elif not b:
            out.append(f"Bỏ {low}")
        else:
            out.append(f"Sửa {low}")
    # tasks, by id
    added = [t for t in new.tasks if t not in old.tasks]
    removed = [t for t in old.tasks if t not in new.tasks]
    status: list[str] = []
    edited: dict[str, list[str]] = {}
    for tid in new.tasks:
        if tid not in old.tasks:
            continue
        ta, tb = old.tasks[tid], new.tasks[tid]
        if ta.get("status") != tb.get("status") or ta.get("updates") != tb.get("updates"):
            status.append(tid)
        what = [TASK_LABELS[k] for k in TASK_LABELS if ta.get(k) != tb.get(k)]
        if what:
            edited[tid] = what
    if added:
        out.append("Thêm " + _names(added, "nhiệm vụ"))
    if removed:
        out.append("Bỏ " + _names(removed, "nhiệm vụ"))
    if status:
        out.append("Cập nhật tình trạng " + _names(status, "nhiệm vụ"))
    if len(edited) == 1:
        tid, what = next(iter(edited.items()))
        out.append(f"Sửa nhiệm vụ {tid} ({', '.join(what)})")
    elif edited:
        out.append("Sửa " + _names(list(edited), "nhiệm vụ"))
    # the body, by section
    sec_added = [s for s in new.sections if s not in old.sections]
    sec_removed = [s for s in old.sections if s not in new.sections]
    sec_changed = [s for s in new.sections if s in old.sections and old.sections[s] != new.sections[s]]
    for names, verb in ((sec_changed, "Sửa nội dung"), (sec_added, "Thêm"), (sec_removed, "Bỏ")):
        special = [s for s in names if not s.startswith("Mục ")]  # "Phần mở đầu", "Chú thích"
        numbered = [_section_short(s) for s in names if s.startswith("Mục ")]
        if numbered:
            out.append(f"{verb} {_names(numbered, 'mục')}")
        for s in special:
            out.append(f"{verb} {s.lower()}")
    if not out and old.blocks() != new.blocks():
        out.append("Sửa nội dung")
    return out


def note_for(old: Readable | None, new: Readable, commit: Commit | None) -> str | None:
    """The editor's note of a version: a change_note written for it, else the commit's trailer."""
    if new.note and (old is None or old.note != new.note):
        return new.note
    return commit.note if commit else None


# -- comparison with the current version ------------------------------------------------------

_TOKEN = re.compile(r"\s+|[^\s]+")


def _words(a: str, b: str) -> list[Segment]:
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    if len(ta) + len(tb) > MAX_PARAGRAPH_TOKENS:
        return [Segment("-", a), Segment("+", b)]
    out: list[Segment] = []
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out.append(Segment("=", "".join(ta[i1:i2])))
        else:
            if i2 > i1:
                out.append(Segment("-", "".join(ta[i1:i2])))
            if j2 > j1:
                out.append(Segment("+", "".join(tb[j1:j2])))
    return out


def compare(old: Readable, new: Readable) -> Comparison:
    """`old` against `new` paragraph by paragraph, word by word inside changed paragraphs;
    unchanged runs are collapsed to CONTEXT paragraphs around each change."""
    a, b = old.blocks(), new.blocks()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    blocks: list[Block] = []
    budget, truncated = MAX_DIFF_CHARS, 0

    def keep(block: Block) -> None:
        nonlocal budget, truncated
        size = sum(len(s.text) for s in block.segments)
        if block.kind != "same" and size > budget:
            truncated += 1
            return
        budget -= size
        blocks.append(block)

    codes = sm.get_opcodes()
    for n, (op, i1, i2, j1, j2) in enumerate(codes):
        if op == "equal":
            run = b[j1:j2]
            head = run[:CONTEXT] if n > 0 else []
            tail = run[-CONTEXT:] if n < len(codes) - 1 and len(run) > len(head) else []
            for where, text in head:
                keep(Block(where, "same", [Segment("=", text)]))
            hidden = len(run) - len(head) - len(tail)
            if hidden > 0:
                blocks.append(Block("", "skipped", skipped=hidden))
            for where, text in tail:
                keep(Block(where, "same", [Segment("=", text)]))
            continue
        olds, news = a[i1:i2], b[j1:j2]
        pairs = min(len(olds), len(news)) if op == "replace" else 0
        for k in range(pairs):
            (w_old, t_old), (w_new, t_new) = olds[k], news[k]
            keep(Block(w_new or w_old, "changed", _words(t_old, t_new)))
        for where, text in olds[pairs:]:
            keep(Block(where, "removed", [Segment("-", text)]))
        for where, text in news[pairs:]:
            keep(Block(where, "added", [Segment("+", text)]))
    return Comparison(blocks, truncated)


# -- reading versions from git -----------------------------------------------------------------


class _Blobs:
    """`git cat-file --batch`, one process for the whole run: the text of a file at a commit."""

    def __init__(self, root: Path) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        try:
            self.proc = subprocess.Popen(
                ["git", "-C", str(root), "cat-file", "--batch"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self.proc = None

    def text(self, sha: str, path: str) -> str | None:
        p = self.proc
        if p is None or p.stdin is None or p.stdout is None or "\n" in path:
            return None
        p.stdin.write(f"{sha}:{path}\n".encode())
        p.stdin.flush()
        head = p.stdout.readline().split()
        if len(head) != 3 or head[1] != b"blob":
            return None
        data = p.stdout.read(int(head[2]))
        p.stdout.read(1)  # the newline after the contents
        try:
            return nfc(data.decode("utf-8").replace("\r\n", "\n"))
        except UnicodeDecodeError:
            return None

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.stdin:
                self.proc.stdin.close()
            self.proc.wait()


def _versions(
    rec: PlanRecord, commits: list[Commit], texts: Iterator[str | None], agencies: dict[str, str]
) -> list[Version]:
    """Versions newest first from the commits (newest first) and their texts (oldest first)."""
    current = readable(rec.src.text, agencies)
    built: list[Version] = []
    before: Readable | None = None
    for i, (c, text) in enumerate(zip(reversed(commits), texts, strict=False)):
        this = readable(text, agencies) if text is not None else None
        if c.boundary or i == 0:
            # "lên trang": a plan may have been disclosed elsewhere before (its `published` date)
            what: list[str] = [] if c.boundary else ["Đăng lên trang lần đầu"]
        elif this is None or before is None:
            what = ["Sửa nội dung"]
        else:
            what = changes(before, this)
        built.append(
            Version(
                n=i + 1,
                date=c.date,
                sha=c.full_sha or c.sha,
                short=c.sha,
                changes=what,
                note=note_for(before, this, c) if this is not None and not c.boundary else c.note,
                first=i == 0 and not c.boundary,
                boundary=c.boundary,
                compare=compare(this, current) if this is not None else None,
            )
        )
        before = this
    # a working copy that differs from its last commit (a preview while editing)
    if built and before is not None and before.blocks() != current.blocks():
        built.append(
            Version(
                n=len(built) + 1,
                date=None,
                sha="",
                short="",
                changes=changes(before, current) or ["Sửa nội dung"],
                note=note_for(before, current, None),
                first=False,
                boundary=False,
                uncommitted=True,
            )
        )
    if built:  # the current version is not compared with itself
        last = built[-1]
        built[-1] = dataclasses.replace(last, compare=None)
    return list(reversed(built))


def analyze(corpus: Corpus, derived: Derived) -> None:
    git = derived.git
    agencies = {aid: a.agency.name for aid, a in corpus.agencies.items()}
    out: dict[str, PlanHistory] = {}
    blobs = _Blobs(corpus.root) if git.available else None
    try:
        for rec in corpus.plans:
            if rec.plan is None:
                continue
            info = git.file(rec.path)
            commits = info.history if info else []
            partial = any(c.boundary for c in commits)
            omitted = max(0, len(commits) - MAX_VERSIONS)
            kept = commits[:MAX_VERSIONS]
            repo_path = git.prefix + rec.path
            texts = (blobs.text(c.full_sha or c.sha, repo_path) if blobs else None for c in reversed(kept))
            versions = _versions(rec, kept, texts, agencies) if kept else []
            if omitted:  # the oldest kept version is not the first publication
                versions = [
                    dataclasses.replace(v, first=False, changes=v.changes or ["Sửa nội dung"])
                    if v.first
                    else v
                    for v in versions
                ]
            if not git.available:
                note = "Không có lịch sử git: chưa biết các lần sửa của kế hoạch này."
            elif partial:
                note = (
                    "Lịch sử chưa đầy đủ: bản sao dùng để dựng trang chỉ có các phiên bản từ "
                    f"{format_date_vi(commits[-1].date)}; các lần sửa trước đó không có ở đây."
                )
            elif not commits:
                note = "Kế hoạch chưa được lưu vào lịch sử (bản đang biên tập)."
            else:
                note = None
            out[rec.key] = PlanHistory(versions=versions, partial=partial, omitted=omitted, note_vi=note)
    finally:
        if blobs is not None:
            blobs.close()
    derived.plan_history = out
