"""The body of a document: paragraphs rejoined from hard-wrapped extracts, footnotes, headings.

Tuned on PDF-like extracts (DOMAIN.md §5): hard wraps with blank lines between, page numbers and
e-office watermark runs, footnote bodies inserted mid-sentence, markers glued to words. Numbering
is kept verbatim (never renumbered); section markers (I., 1., a), -) decide where paragraphs start.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

from .textutil import glue

PAGEBREAK = "\x0c"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"

ROMAN = re.compile(r"^\s*([IVX]{1,5})\s*[.)]\s*(\S.*)$")
NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s+(\S.*)$")
LETTERED = re.compile(rf"^\s*([{LOWER}])\)\s*(\S.*)$")
DASHED = re.compile(r"^\s*[-–+•*]\s*(\S.*)$")
CLOSING = re.compile(r"\./\.\s*$")


def drop_artifacts(lines: list[str], notes: list[str]) -> tuple[list[str], str]:
    """Remove e-office watermark runs and page numbers; leave a PAGEBREAK where they were."""
    out: list[str] = []
    stamp = ""
    # rule lines under the header or the title ("-----", "_____"): layout, not text
    lines = ["" if re.fullmatch(r"\s*[-_=*.·]{3,}\s*", x) else x for x in lines]
    i, n = 0, len(lines)
    while i < n:
        # a run of very short non-blank lines (blank lines allowed between) = watermark
        j, run = i, []
        while j < n and (not lines[j].strip() or len(lines[j].strip()) <= 3):
            if lines[j].strip():
                run.append(j)
            j += 1
        if len(run) >= 6 and not all(lines[k].strip().isdigit() for k in run):
            stamp = stamp or "".join(lines[k].strip() for k in run)
            notes.append(
                f"Đã bỏ {len(run)} dòng dấu chìm/dấu văn thư điện tử (“{''.join(lines[k].strip() for k in run)[:40]}…”)."
            )
            out.append(PAGEBREAK)
            i = j
            continue
        out.append(lines[i])
        i += 1
    return out, stamp


def is_page_number(lines: list[str], i: int) -> bool:
    s = lines[i].strip()
    # "2", "- 2 -", "Trang 2", "Trang 2/5": a page number alone on its line
    m = re.fullmatch(r"(?:[-–]\s*(\d{1,3})\s*[-–]|Trang\s+(\d{1,3})(?:\s*/\s*\d{1,3})?|(\d{1,3}))", s, re.I)
    if not m or not 1 <= int(next(g for g in m.groups() if g)) <= 200:
        return False
    if not s.isdigit():
        return True
    prev_blank = i == 0 or not lines[i - 1].strip() or lines[i - 1] == PAGEBREAK
    next_blank = i + 1 >= len(lines) or not lines[i + 1].strip() or lines[i + 1] == PAGEBREAK
    return prev_blank and next_blank


# -- paragraphs ----------------------------------------------------------------------------


def starts_block(line: str) -> bool:
    return bool(
        ROMAN.match(line)
        or NUMBERED.match(line)
        or LETTERED.match(line)
        or DASHED.match(line)
        or re.match(r"^\s*\[\^\d+\]:", line)
    )


def ends_sentence(s: str) -> bool:
    return bool(re.search(r"[.:;!?…]\s*[”\")]*\s*$", s)) or s.rstrip().endswith("./.")


def all_caps(s: str) -> bool:
    letters = re.sub(r"[^\w]|\d|_", "", s)
    return len(letters) >= 4 and letters.upper() == letters


def join_paragraphs(
    lines: list[tuple[int, str]],
    hard: set[int] | frozenset[int] = frozenset(),
    soft: set[int] | frozenset[int] = frozenset(),
) -> list[tuple[int, str]]:
    """Rejoin hard-wrapped lines (blank lines between wraps are ignored).

    `hard` holds line numbers after which a paragraph always ends (headings marked in the
    extract). Long-line extracts (one paragraph per line: DOCX, some converters) only join a
    line that starts in lower case (a paragraph split by a page break).
    """
    nonblank = [x for _, x in lines if x.strip() and x != PAGEBREAK]
    long_mode = bool(nonblank) and sum(len(x) > 130 for x in nonblank) > 0.3 * len(nonblank)
    # Crawls wrap paragraphs over consecutive lines and put a blank line between paragraphs;
    # PDF extracts of the seeds put a blank line after every line. In the first kind a blank
    # line ends the paragraph and a short line does not.
    adjacent = sum(
        1
        for (_, a), (_, b) in itertools.pairwise(lines)
        if a.strip() and b.strip() and a != PAGEBREAK and b != PAGEBREAK
    )
    blank_breaks = not long_mode and len(nonblank) >= 8 and adjacent > 0.3 * len(nonblank)
    after_blank = False
    widths = sorted(len(x.strip()) for x in nonblank)
    width = widths[int(len(widths) * 0.9)] if widths else 0
    paras: list[tuple[int, str]] = []
    cur: list[str] = []
    start = 0
    prev_ln = 0
    for ln, raw in lines:
        if raw == PAGEBREAK or not raw.strip():
            after_blank = True
            continue
        s = raw.strip()
        # a blank line inside a word or number ("2764/QĐ-" ⏎⏎ "TTg") or before a lower-case
        # continuation is a page break, not a paragraph end
        broken = bool(cur) and (re.search(r"[A-ZĐ0-9][/-]$", cur[-1]) is not None or s[:1].islower())
        new = not cur or starts_block(raw) or prev_ln in hard or (blank_breaks and after_blank and not broken)
        after_blank = False
        prev_ln = ln
        if cur and ln in soft:
            cur.append(s)
            continue
        if cur and not new:
            prev = cur[-1]
            first = s[0]
            if (long_mode and not (first.islower() or first.isdigit())) or (
                all_caps(prev) and not all_caps(s)
            ):
                new = True
            elif (
                not long_mode
                and not blank_breaks
                and width >= 50
                and len(prev) < 0.6 * width
                and first.isupper()
                and not re.search(
                    r"([,(–-]|\b((?i:của|và|về|các|số|ngày|với|theo|tại|trong|cho|đến)|Ban|thành|Thủ))$", prev
                )
            ):
                new = True  # a short line ends its paragraph (a heading, a list item)
            elif (
                (raw[:1].isspace() and first.isupper() and ends_sentence(prev))
                or (ends_sentence(prev) and (first.isupper() or first in '“"('))
                or (
                    raw[:1].isspace()
                    and first.isupper()
                    and not re.search(r"(của|và|về|các|số|ngày|với|theo|tại|trong|cho|đến)$", prev)
                )
            ):
                new = True
        if new and cur:
            paras.append((start, glue(cur)))
            cur = []
        if not cur:
            start = ln
        cur.append(s)
    if cur:
        paras.append((start, glue(cur)))
    return paras


def period_from(text: str) -> dict[str, Any] | None:
    t = " ".join(text.split())
    m = re.search(r"\b0?6\s+tháng\s+(cuối|đầu)\s+năm\s+((?:19|20)\d\d)", t, re.I)
    if m:
        y = int(m.group(2))
        return (
            {"start": f"{y}-07-01", "end": f"{y}-12-31"}
            if m.group(1).lower() == "cuối"
            else {"start": f"{y}-01-01", "end": f"{y}-06-30"}
        )
    m = re.search(r"\bquý\s+(I{1,3}|IV)\s*(?:năm\s*|/)((?:19|20)\d\d)", t, re.I)
    if m:
        q = {"I": 1, "II": 2, "III": 3, "IV": 4}[m.group(1).upper()]
        y = int(m.group(2))
        end = dt.date(y, 3 * q, 1) + dt.timedelta(days=31)
        end = end.replace(day=1) - dt.timedelta(days=1)
        return {"start": f"{y}-{3 * q - 2:02d}-01", "end": end.isoformat()}
    m = re.search(r"giai\s+đoạn\s+((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)", t, re.I)
    if m:
        return {"start": f"{m.group(1)}-01-01", "end": f"{m.group(2)}-12-31"}
    m = re.search(r"\bnăm\s+((?:19|20)\d\d)\b", t, re.I)
    if m:
        return {"start": f"{m.group(1)}-01-01", "end": f"{m.group(1)}-12-31"}
    return None


def footnote_bodies(lines: list[str], idx: list[int], start: int = 1) -> tuple[dict[str, str], set[int]]:
    """Find footnote bodies "n Text…" (n in sequence), possibly after a rule of spaces or a marker line."""
    notes: dict[str, str] = {}
    used: set[int] = set()
    expect = start
    k = 0
    while k < len(idx):
        i = idx[k]
        x = lines[i]  # isdecimal() below, not isdigit(): "²" is a digit that int() refuses
        m = re.match(r"^\s*(?:\[\^(\d{1,3})\]|(\d{1,3}))\s+([" + UPPER + r"“\"].*)$", x)
        num = None
        if m and int(m.group(1) or m.group(2)) in (expect, expect + 1):
            num = int(m.group(1) or m.group(2))
            body = [m.group(3).strip()]
        elif (
            x.strip().isdecimal()
            and int(x.strip()) in (expect, expect + 1)
            and k + 1 < len(idx)
            and idx[k + 1] == i + 1
            and re.match(r"^\s+[" + UPPER + r"]", lines[i + 1])
            and re.search(r"\bsố\s+\S+/|\bngày\b", lines[i + 1])
        ):
            num = int(x.strip())
            body = [lines[i + 1].strip()]
            used.add(i)
            k += 1
            i = idx[k]
        if num is None:
            k += 1
            continue
        if m and m.group(2) and not re.search(r"\bsố\b|\bngày\b|:|viết tắt", body[0]):
            k += 1  # "2 Tổ chức…" is a list item, not a note
            continue
        used.add(i)
        k += 1
        if m and m.group(1):  # "<sup>n</sup> text": the extractor kept the note on one line
            notes[str(num)] = " ".join(" ".join(body).split())
            expect = num + 1
            continue
        # continuation lines: until a page break, a marker, an indented line, or the next note
        cont = 0
        while k < len(idx) and cont < 4:
            j = idx[k]
            y = lines[j]
            if y == PAGEBREAK or not y.strip():
                if y == PAGEBREAK:
                    break
                k += 1
                continue
            if starts_block(y) or y[:1].isspace() or re.match(r"^\s*(\[\^)?\d{1,3}(\])?(\s|$)", y):
                break
            if not re.match(rf"^[{LOWER}{UPPER}“\"(0-9]", y.strip()):
                break
            body.append(y.strip())
            used.add(j)
            cont += 1
            k += 1
        notes[str(num)] = " ".join(" ".join(body).split())
        expect = num + 1
    return notes, used


def mark_loose_footnote_refs(
    text_lines: list[tuple[int, str]], notes: dict[str, str], soft: set[int]
) -> list[tuple[int, str]]:
    """004: a marker on a line of its own; 003: glued to a word ("thành phố1"). Only for known notes."""
    out: list[tuple[int, str]] = []
    soft_after: set[int] = set()
    for ln, x in text_lines:
        s = x.strip()
        if s.isdigit() and s in notes and out and out[-1][1].strip() and out[-1][1] != PAGEBREAK:
            out[-1] = (out[-1][0], out[-1][1].rstrip() + f"[^{s}]")
            continue
        if notes:
            x = re.sub(
                rf"(?<=[{LOWER}])(\d{{1,2}})(?=[\s,;.:)]|$)",
                lambda m: f"[^{m.group(1)}]" if m.group(1) in notes else m.group(1),
                x,
            )
        if out and re.match(r"^\s*[;,.]", x) and out[-1][1].rstrip().endswith("]"):
            out[-1] = (out[-1][0], out[-1][1].rstrip() + x.strip())  # "; " left after a marker line
            soft_after.add(len(out))  # the sentence goes on in the next line
            continue
        if x.strip() and x != PAGEBREAK and soft_after:
            if max(soft_after) == len(out) or any(not y.strip() for _, y in out[max(soft_after) :]):
                soft.add(ln)
            soft_after.clear()
        out.append((ln, x))
    return out


def to_markdown(p: str) -> str:
    p = p.replace("<", "&lt;")
    if (m := ROMAN.match(p)) and (
        (len(p) < 160 and not ends_sentence(m.group(2))) or all_caps(" ".join(m.group(2).split()[:3]))
    ):
        return f"## {p.strip()}"
    if m := NUMBERED.match(p):
        rest = m.group(2)
        if len(p) < 220 and not ends_sentence(rest):
            return "#" * (3 + m.group(1).count(".")) + " " + p.strip()
        return re.sub(r"^(\s*\d{1,2}(?:\.\d{1,2})*)\.", r"\1\\.", p.strip())  # keep the printed numbering
    s = p.strip()
    if re.match(r"^[+*]\s", s):
        return "\\" + s
    if re.match(r"^#", s):
        return "\\" + s
    return s
