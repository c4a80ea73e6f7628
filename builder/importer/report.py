"""A progress report ("Báo cáo kết quả thực hiện kế hoạch"): which plan it reports on, and the
result of each task where the text says it.

The genre's grammar, not any one file's: a report names the plan it reports on in its trích yếu
("Báo cáo kết quả thực hiện Kế hoạch số 16/KH-UBND …") or in a sentence about carrying it out
("Thực hiện Kế hoạch số …", "… tiến độ thực hiện Kế hoạch số …"); it gives results task by task
in a heading or paragraph that repeats the task's words, or in a table with a task column and a
result (kết quả, tiến độ, tình trạng) column, with the words every report uses for a status
("đã hoàn thành", "đang triển khai", "chưa thực hiện", "tạm dừng").

Conservative: `reports_on` is a plan of the project when the report cites one that way, else the
number as cited (the validator then asks the editor, CK110); a result is drafted only for a task
of that plan whose words the passage repeats (most of them, one passage only) *and* whose passage
says a status. Nothing else is guessed: the editor checks each result against the original.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..base.text import ascii_fold, match_form
from ..citations import find_citations
from ..content.corpus import Corpus, PlanRecord
from ..content.keys import canonical_number
from ..content.planref import PlanFinder, task_id

# a sentence or title that says the report is about carrying a plan out
_ABOUT = re.compile(r"(?i)(kết\s+quả|tiến\s+độ|tình\s+hình|thực\s+hiện|triển\s+khai)")
# status words, most specific first (checked on the passage without the task's own words)
_STATUS = [
    (re.compile(r"(?i)\b(?:tạm\s+dừng|tạm\s+hoãn|dừng\s+thực\s+hiện)\b"), "tam-dung"),
    (re.compile(r"(?i)\bchưa\s+(?:hoàn\s+thành|xong)\b"), "dang-thuc-hien"),
    (re.compile(r"(?i)\bchưa\s+(?:thực\s+hiện|triển\s+khai|tổ\s+chức|bắt\s+đầu)\b"), "chua-thuc-hien"),
    (
        re.compile(
            r"(?i)\b(?:đang|tiếp\s+tục)\s+(?:thực\s+hiện|triển\s+khai|tổ\s+chức|hoàn\s+thiện|xây\s+dựng)\b"
        ),
        "dang-thuc-hien",
    ),
    (
        re.compile(
            r"(?i)\b(?:đã\s+hoàn\s+thành|hoàn\s+thành\s+(?:100\s*%|đúng\s+hạn|nhiệm\s+vụ))\b|^\s*hoàn\s+thành\s*\.?\s*$"
        ),
        "hoan-thanh",
    ),
]
_DONE_ON = re.compile(r"(?i)hoàn\s+thành\s+(?:vào\s+|từ\s+|trong\s+)?ngày\s+(\d{1,2})/(\d{1,2})/(\d{4})")
_TASK_NO = re.compile(r"(?i)\bnhiệm\s+vụ\s+(?:số\s+|thứ\s+)?([IVX]+\.\d+|\d+(?:\.\d+)?)\b")
_STOP = {
    "va",
    "cac",
    "cua",
    "trong",
    "tren",
    "cho",
    "voi",
    "the",
    "nhung",
    "mot",
    "ve",
    "tai",
    "de",
    "theo",
    "la",
    "co",
}
MATCH = 0.7  # share of a task's words a passage must repeat
MAX_NOTE = 400


@dataclass
class ReportDraft:
    reports_on: list[str] = field(default_factory=list)
    plan: PlanRecord | None = None  # the project's plan it reports on
    results: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _words(s: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", ascii_fold(s).lower()) if len(w) > 1 and w not in _STOP}


_OPENING = re.compile(
    r"(?i)^\W*(?:thực\s+hiện|triển\s+khai(?:\s+thực\s+hiện)?|căn\s+cứ)\s+(?:kế\s+hoạch|quyết\s+định)"
)


def _plans_cited(text: str) -> list[str]:
    out = []
    for c in find_citations(text):
        if c.number and (c.type or "").casefold() in ("kế hoạch", "quyết định", "chương trình"):
            n = canonical_number(c.number)
            if n not in out:
                out.append(n)
    return out


def plan_refs(title: str, preamble: str, text: str) -> tuple[list[str], list[str]]:
    """(numbers the report names as what it is about: its trích yếu, then an opening "Thực hiện
    Kế hoạch số …"; every plan number cited in a sentence about carrying a plan out)."""
    named = _plans_cited(title)
    for para in preamble.split("\n"):
        if _OPENING.match(para):
            named += [n for n in _plans_cited(para) if n not in named]
    cited: list[str] = []
    for sentence in re.split(r"(?<=[.;:])\s+|\n\s*\n", text):
        if _ABOUT.search(sentence):
            cited += [n for n in _plans_cited(sentence) if n not in cited]
    return named, cited


def _status(passage: str) -> str | None:
    for rx, status in _STATUS:
        if rx.search(passage):
            return status
    return None


_CELL_STATUS = re.compile(
    r"(?i)^\W*(?:(đã\s+)?hoàn\s+thành|đang\s+(?:thực\s+hiện|triển\s+khai)|chưa\s+(?:thực\s+hiện|triển\s+khai|hoàn\s+thành)|tạm\s+dừng)\W*$"
)


def _units(body: list[str]) -> list[tuple[str, str, list[str]]]:
    """(what to match the task's words against, where the result is said, the row's other cells)
    for each passage: a heading with the paragraph under it, a paragraph, a list item, or a table
    row (its first text cell against the rest of the row)."""
    out: list[tuple[str, str, list[str]]] = []
    blocks = [b for chunk in body for b in re.split(r"\n\s*\n", chunk) if b.strip()]
    for i, block in enumerate(blocks):
        lines = block.strip().split("\n")
        if all(line.strip().startswith("|") for line in lines):
            rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines]
            rows = [r for r in rows if not all(set(c) <= set("-: ") for c in r)]
            for r in rows[1:] if len(rows) > 1 else rows:
                texts = [c for c in r if c and not re.fullmatch(r"[\dIVXivx.]+", c)]
                if len(texts) >= 2:
                    out.append((texts[0], " ".join(texts[1:]), texts[1:]))
            continue
        text = " ".join(" ".join(lines).split())
        if text.startswith("#") and i + 1 < len(blocks):
            head = text.lstrip("#").strip()
            out.append((head, head + " " + " ".join(blocks[i + 1].split()), []))
        else:
            out.append((text, text, []))
    return out


def _note(said: str, what: str, name: str) -> str:
    """The result in the report's words: the passage without its heading or the task's name."""
    note = said.replace(what, " ") if said != what else _without(said, name)
    note = re.sub(r"^[\s#*\\\d.):;–-]+", "", " ".join(note.split())).strip() or said
    return note if len(note) <= MAX_NOTE else note[: MAX_NOTE - 1].rsplit(" ", 1)[0] + "…"


def _score(want: set[str], what: str, whole: bool) -> float:
    """How surely a passage names a task: the share of the task's words it repeats; a heading or
    a table cell (not `whole`) may name the task in fewer words: the share of the shorter side,
    when that side has at least four words."""
    have = _words(what)
    common = len(want & have)
    if whole:
        return common / len(want)
    small = min(len(want), len(have))
    return common / small if small >= 4 else common / len(want)


def results(plan: PlanRecord, body: list[str]) -> list[dict[str, Any]]:
    """A result for each task of `plan` that one passage of the report clearly speaks of (and
    that passage speaks of no other task)."""
    units = _units(body)
    chosen: dict[str, int] = {}
    for t in plan.plan.tasks:
        want = _words(t.name)
        if len(want) < 3:
            continue
        scores = []
        for i, (what, said, cells) in enumerate(units):
            score = _score(want, what, whole=what == said and not cells)
            if task_id(t.id) in [m.group(1) for m in _TASK_NO.finditer(what)]:
                score = max(score, 1.0)
            scores.append((score, i))
        good = [x for x in scores if x[0] >= MATCH]
        best = max((x[0] for x in good), default=0.0)
        top = [i for sc, i in good if sc == best]
        if len(top) == 1:  # no passage, or several alike: the editor decides
            chosen[t.id] = top[0]
    taken = [i for i in chosen.values()]
    found: list[dict[str, Any]] = []
    for t in plan.plan.tasks:
        if t.id not in chosen or taken.count(chosen[t.id]) > 1:
            continue  # one passage for two tasks: it says nothing sure of either
        what, said, cells = units[chosen[t.id]]
        # a table row: a cell that is only a status word ("Hoàn thành"), the others are the result
        marks = [c for c in cells if _CELL_STATUS.match(c)]
        rest = (
            " ".join(marks)
            if marks
            else (said.replace(what, " ") if said != what else _without(said, t.name))
        )
        status = _status(rest) or ("hoan-thanh" if marks and "hoàn thành" in marks[0].casefold() else None)
        if status is None:
            continue
        item: dict[str, Any] = {"task": t.id, "status": status}
        if status == "hoan-thanh" and (m := _DONE_ON.search(said)):
            item["date"] = f"{int(m.group(3)):04d}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
        others = [c for c in cells if c not in marks]
        item["note"] = "; ".join(others) if cells and others else _note(said, what, t.name)
        found.append(item)
    return found


def _without(text: str, name: str) -> str:
    """The passage without the task's own words (a task named "Hoàn thành …" is no result)."""
    folded, want = ascii_fold(text).lower(), ascii_fold(name).lower()
    i = folded.find(want)
    if i >= 0:
        return text[:i] + text[i + len(name) :]
    i = folded.find(want[:40])
    return text if i < 0 else text[:i] + text[i + len(name) :]


def leads_all(
    corpus: Corpus | None, issuer: str | None, plan: PlanRecord, results: list[dict[str, Any]]
) -> bool:
    """Does the reporting agency lead every task it reports on (its name in each task's "chủ
    trì", as printed)? Then it needs no `note` (the validator's CK115 agrees)."""
    rec = corpus.agencies.get(issuer or "") if corpus else None
    if rec is None or not results:
        return False
    names = {match_form(n) for n in [rec.agency.name, rec.agency.short_name, *rec.agency.aliases] if n}
    leads = {t.id: match_form(t.lead or "") for t in plan.plan.tasks}
    return all(any(n and n in leads.get(r["task"], "") for n in names) for r in results)


def draft(corpus: Corpus | None, title: str, preamble: str, text: str, body: list[str]) -> ReportDraft:
    """reports_on and results of a report's draft: a plan of the project the report names or
    cites as carried out; else the number it names in its trích yếu or opening; else nothing."""
    out = ReportDraft()
    named, cited = plan_refs(title, preamble, text)
    refs = named + [n for n in cited if n not in named]
    finder = PlanFinder(corpus) if corpus is not None else None
    plans = [p for r in refs if finder and (p := finder.find(r)) is not None]
    plans = list({p.key: p for p in plans}.values())
    if plans:
        out.plan = plans[0]
        out.reports_on = [plans[0].key]
        if len(plans) > 1:
            out.notes.append(
                "Báo cáo nhắc tới nhiều kế hoạch trên trang: "
                + ", ".join(p.key for p in plans)
                + f"; đã chọn {plans[0].key} (kế hoạch nêu trước). Kiểm tra `reports_on`."
            )
    elif named:
        out.reports_on = [named[0]]
        out.notes.append(
            f"Báo cáo về kế hoạch {named[0]}, chưa có trên trang này: đăng kế hoạch đó trước, hoặc sửa `reports_on`."
        )
    else:
        out.notes.append("Chưa xác định được kế hoạch mà báo cáo này báo cáo: ghi `reports_on`.")
    if out.plan is not None:
        if not out.plan.plan.tasks:
            out.notes.append(
                f"Kế hoạch {out.plan.key} không có bảng nhiệm vụ: không có kết quả từng nhiệm vụ để ghi."
            )
        else:
            out.results = results(out.plan, body)
            n = len(out.plan.plan.tasks)
            out.notes.append(
                f"Kết quả thực hiện: nhận ra {len(out.results)}/{n} nhiệm vụ của kế hoạch {out.plan.key} "
                "(chỉ những nhiệm vụ mà một đoạn của báo cáo nói rõ tình trạng); kiểm tra tình trạng, ngày và "
                "ghi thêm kết quả của các nhiệm vụ khác nếu báo cáo có."
            )
    return out
