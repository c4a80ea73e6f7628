"""Parse the lines of a plan into its parts (NĐ 30/2020 thể thức; DOMAIN.md §3 and §5).

Structure, not strings: section markers (I., 1., a), -), capitalised title lines, "Nơi nhận:",
TM./KT./Q. authority lines and position words, "Phụ lục" captions and table headers decide
what a line is. Every input line ends up somewhere: front-matter, body, or the "unplaced" list
(which is appended to the body and reported).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .tables import Row, parse_flat_table, parse_tab_table, pipes_to_tabs, tasks_from_rows
from .textutil import glue

PAGEBREAK = "\x0c"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"

ROMAN = re.compile(r"^\s*([IVX]{1,5})\s*[.)]\s*(\S.*)$")
NUMBERED = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2})*)\s*[.)]\s+(\S.*)$")
LETTERED = re.compile(rf"^\s*([{LOWER}])\)\s*(\S.*)$")
DASHED = re.compile(r"^\s*[-–+•*]\s*(\S.*)$")
KEHOACH = re.compile(r"^\s*K\s*Ế\s+H\s*O\s*Ạ\s*C\s*H\b\s*(?P<rest>[^\sA-ZĐ]?.*)$")
APPENDIX = re.compile(r"^\s*(PH[UỤ]C?\s*L[UỤ]C|Ph[uụ]c?\s*l[uụ]c)(?-i:(?![a-zà-ỹ]))(?!\s+(?:kèm|đính|nhiệm vụ cụ thể chi tiết))", re.I)
NOI_NHAN = re.compile(r"^\s*N[ơo]i\s+nh[ậa]n\s*:?(.*)$", re.I)
AUTHORITY = re.compile(r"^\s*((?:(?:TM|KT|Q|TL|TUQ|T/M|K/T|T/L)\.|T/M|K/T|T/L)\s*[A-ZĐÀ-Ỹ].*)$")
POSITION_WORDS = (
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG",
    "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "BÍ THƯ", "PHÓ BÍ THƯ", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG",
    "BỘ TRƯỞNG", "THỨ TRƯỞNG", "CỤC TRƯỞNG", "VỤ TRƯỞNG", "CHÁNH THANH TRA", "HIỆU TRƯỞNG",
    "TỔNG GIÁM ĐỐC", "THỦ TRƯỞNG", "GIÁM ĐỐC SỞ", "CHỦ NHIỆM", "TRƯỞNG ĐOÀN", "TRƯỞNG CÔNG AN",
)
PREAMBLE_START = re.compile(r"^\s*(Căn\s+cứ|Thực\s+hiện|Theo|Trên\s+cơ\s+sở|Nhằm|Để|Xét|Triển\s+khai\s+thực\s+hiện\s+(?:Kế|Chỉ|Nghị|Quyết|Công))\b")
QUOC_HIEU = re.compile(r"CỘNG\s+HÒA\s+XÃ\s+HỘI|CỘNG\s+HOÀ\s+XÃ\s+HỘI|Độc\s+lập\s*-\s*Tự\s+do|ĐẢNG\s+CỘNG\s+SẢN", re.I)
SO = re.compile(r"^\s*Số\s*:?\s*(?P<num>[^\s,]*(?:\s*/\s*\S+)?)\s*$|^\s*Số\s*:?\s*(?P<num2>\S.*?)\s{2,}", re.I)
DATE_LINE = re.compile(r"^\s*(?P<place>[^\d,]{2,40}?),\s*ngày\b(?P<rest>.*)$")
VN_DATE = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})")
NAME = re.compile(rf"^[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]*){{1,5}}$")
CLOSING = re.compile(r"\./\.\s*$")
FOOTNOTE_SUP = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>")


@dataclass
class Draft:
    fields: dict = field(default_factory=dict)
    body: list[str] = field(default_factory=list)  # Markdown blocks
    footnotes: dict[str, str] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)  # text we could not place, kept verbatim
    notes: list[str] = field(default_factory=list)  # report lines (Vietnamese)
    issuer_names: list[tuple[str, str]] = field(default_factory=list)  # (where, name as printed)
    preamble: str = ""
    closing: str = ""
    text: str = ""  # cleaned full text (for citations and issuer hints)
    watermark: str = ""
    header: list[str] = field(default_factory=list)  # the header lines as printed (kept as comments)


# -- cleaning ------------------------------------------------------------------------------


def _is_marked_heading(line: str) -> bool:
    """A Markdown heading or a fully bold line in the extract: the paragraph ends after it."""
    s = line.strip()
    return bool(re.match(r"^#{1,6}\s", s) or (s.startswith("**") and s.endswith("**") and len(s) > 4))


def _strip_markup(line: str) -> str:
    line = FOOTNOTE_SUP.sub(lambda m: f"[^{m.group(1)}]", line)
    line = re.sub(r"</?(?:b|i|u|strong|em|span)[^>]*>", "", line)
    line = re.sub(r"^\s*#{1,6}\s+", "", line)
    line = line.replace("**", "")
    return line.rstrip()


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
            notes.append(f"Đã bỏ {len(run)} dòng dấu chìm/dấu văn thư điện tử (“{''.join(lines[k].strip() for k in run)[:40]}…”).")
            out.append(PAGEBREAK)
            i = j
            continue
        out.append(lines[i])
        i += 1
    return out, stamp


def _is_page_number(lines: list[str], i: int) -> bool:
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


def _starts_block(line: str) -> bool:
    return bool(ROMAN.match(line) or NUMBERED.match(line) or LETTERED.match(line) or DASHED.match(line)
                or re.match(r"^\s*\[\^\d+\]:", line))


def _ends_sentence(s: str) -> bool:
    return bool(re.search(r"[.:;!?…]\s*[”\")]*\s*$", s)) or s.rstrip().endswith("./.")


def _all_caps(s: str) -> bool:
    letters = re.sub(r"[^\w]|\d|_", "", s)
    return len(letters) >= 4 and letters.upper() == letters


def join_paragraphs(lines: list[tuple[int, str]], hard: set[int] | frozenset[int] = frozenset(),
                    soft: set[int] | frozenset[int] = frozenset()) -> list[tuple[int, str]]:
    """Rejoin hard-wrapped lines (blank lines between wraps are ignored).

    `hard` holds line numbers after which a paragraph always ends (headings marked in the
    extract). Long-line extracts (one paragraph per line: DOCX, some converters) only join a
    line that starts in lower case (a paragraph split by a page break).
    """
    nonblank = [x for _, x in lines if x.strip() and x != PAGEBREAK]
    long_mode = bool(nonblank) and sum(len(x) > 130 for x in nonblank) > 0.3 * len(nonblank)
    widths = sorted(len(x.strip()) for x in nonblank)
    width = widths[int(len(widths) * 0.9)] if widths else 0
    paras: list[tuple[int, str]] = []
    cur: list[str] = []
    start = 0
    prev_ln = 0
    for ln, raw in lines:
        if raw == PAGEBREAK or not raw.strip():
            continue
        s = raw.strip()
        new = not cur or _starts_block(raw) or prev_ln in hard
        prev_ln = ln
        if cur and ln in soft:
            cur.append(s)
            continue
        if cur and not new:
            prev = cur[-1]
            first = s[0]
            if (long_mode and not (first.islower() or first.isdigit())) or (_all_caps(prev) and not _all_caps(s)):
                new = True
            elif (not long_mode and width >= 50 and len(prev) < 0.6 * width and first.isupper()
                  and not re.search(r"([,(–-]|\b(của|và|về|các|số|ngày|với|theo|tại|trong|cho|đến|Ban|thành|Thủ))$", prev)):
                new = True  # a short line ends its paragraph (a heading, a list item)
            elif (raw[:1].isspace() and first.isupper() and _ends_sentence(prev)) or (_ends_sentence(prev) and (first.isupper() or first in "“\"(")) or (raw[:1].isspace() and first.isupper() and not re.search(r"(của|và|về|các|số|ngày|với|theo|tại|trong|cho|đến)$", prev)):
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


# -- the parse -----------------------------------------------------------------------------


def _iso(d: str, m: str, y: str) -> str | None:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def period_from(text: str) -> dict | None:
    t = " ".join(text.split())
    m = re.search(r"\b0?6\s+tháng\s+(cuối|đầu)\s+năm\s+((?:19|20)\d\d)", t, re.I)
    if m:
        y = int(m.group(2))
        return ({"start": f"{y}-07-01", "end": f"{y}-12-31"} if m.group(1).lower() == "cuối"
                else {"start": f"{y}-01-01", "end": f"{y}-06-30"})
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


def _caps_name(s: str) -> bool:
    """'NGUYỄN VĂN AN': a signer's name printed in capitals (2–5 words, no position word)."""
    words = s.split()
    return 2 <= len(words) <= 5 and s.upper() == s and all(w.isalpha() for w in words) and _position(s) is None \
        and not AUTHORITY.match(s) and not re.search(r"\b(ỦY|BAN|SỞ|PHÒNG|NHÂN DÂN|HỘI ĐỒNG)\b", s)


def _position(line: str) -> str | None:
    s = " ".join(line.split()).strip(" *")
    if not s or s != s.upper() or len(s) > 60:
        return None
    for w in sorted(POSITION_WORDS, key=len, reverse=True):
        if s.startswith(w):
            return s
    return None


def parse_lines(raw_lines: list[str]) -> Draft:
    d = Draft()
    hard = {i + 1 for i, x in enumerate(raw_lines) if _is_marked_heading(x)}
    lines = [_strip_markup(x) for x in raw_lines]
    lines, d.watermark = drop_artifacts(lines, d.notes)
    app0 = _find_appendix(lines, 0, len(lines))
    for i, x in enumerate(lines[:app0]):
        if x != PAGEBREAK and _is_page_number(lines, i):
            lines[i] = PAGEBREAK
            d.notes.append(f"Đã bỏ số trang “{x.strip()}” (dòng {i + 1} của tệp nhập).")
    n = len(lines)
    used = [False] * n
    f = d.fields

    # 1. title: the line "KẾ HOẠCH", then the trích yếu up to the preamble
    kh = next((i for i, x in enumerate(lines[:80]) if (m := KEHOACH.match(x)) and _title_rest_ok(m.group("rest"))), None)
    header_end = kh if kh is not None else 0
    if kh is not None:
        used[kh] = True
        rest = KEHOACH.match(lines[kh]).group("rest").strip()
        title_parts: list[str] = [rest] if rest else []
        i = kh + 1
        while i < n and len(title_parts) < 6:
            x = lines[i]
            if x == PAGEBREAK or not x.strip():
                i += 1
                if title_parts and i < n and not lines[i].strip() and i + 1 < n and not lines[i + 1].strip():
                    break  # two blank lines after the title
                continue
            if (PREAMBLE_START.match(x) and title_parts) or ROMAN.match(x) or re.match(r"^\s*[-_*]{3,}\s*$", x):
                break
            title_parts.append(x.strip())
            used[i] = True
            i += 1
        if title_parts:
            f["title"] = " ".join(" ".join(title_parts).split())
    # 2. header (before KẾ HOẠCH): số, địa danh + ngày, agency names
    for i in range(header_end):
        x = lines[i].strip()
        if not x or x == PAGEBREAK:
            continue
        used[i] = True
        d.header.append(x)
        for part in re.split(r"\s{3,}|\t", x):
            part = part.strip()
            if not part:
                continue
            if re.match(r"^Số\s*:?", part):
                num = re.sub(r"^Số\s*:?\s*", "", part).replace(" ", "")
                if re.match(r"^\d", num):
                    f["number"] = num
                else:
                    d.notes.append(f"Số, ký hiệu để trống trên văn bản (“{part}”).")
                    f.setdefault("_number_placeholder", part)
            elif (m := DATE_LINE.match(part)) and "ngày" in part:
                f["place"] = m.group("place").strip()
                if (dm := VN_DATE.search(part)) or (dm := re.search(r"ngày\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", part)):
                    f["issued"] = _iso(*dm.groups())
                else:
                    d.notes.append(f"Ngày ban hành để trống trên văn bản (“{part}”).")
            elif QUOC_HIEU.search(part) or re.fullmatch(r"[-_ ]+", part):
                continue
            elif part.upper() == part and re.search(rf"[{UPPER}]", part):
                if d.issuer_names and re.match(r"^(TỈNH|THÀNH PHỐ|XÃ|PHƯỜNG|ĐẶC KHU|HUYỆN|QUẬN|THỊ XÃ)\b", part) \
                        and d.issuer_names[-1][0] == "header":
                    d.issuer_names[-1] = ("header", d.issuer_names[-1][1] + " " + part)
                else:
                    d.issuer_names.append(("header", part))
            elif re.search(r"DỰ\s*THẢO", part, re.I):
                f["status"] = "du-thao"
    # 3. tail: closing "./.", Nơi nhận, signature, appendix
    app = _find_appendix(lines, header_end, n)
    nn = next((i for i in range(header_end, app) if NOI_NHAN.match(lines[i])), None)
    close = None
    for i in range(app - 1, header_end, -1):
        if CLOSING.search(lines[i]):
            close = i
            break
    body_end = min(x for x in (nn, app, (close + 1) if close is not None else None) if x is not None)
    # signature block: everything from body_end to the appendix that is not body
    recipients: list[str] = []
    in_nn = False
    # the two-column block (Nơi nhận | chức vụ, người ký) may come flattened on one line: split columns
    sig_parts: list[tuple[int, str]] = []
    for i in range(body_end, app):
        if lines[i] == PAGEBREAK:
            continue
        parts = [p.strip() for p in re.split(r"\s{3,}|\t", lines[i].strip()) if p.strip()]
        if len(parts) > 1 and any(_position(p) or AUTHORITY.match(p) or NAME.match(p) for p in parts[1:]):
            # right column first when it carries the signature; the left column continues recipients
            sig_parts += [(i, p) for p in parts]
        else:
            sig_parts.append((i, lines[i]))
    right: list[tuple[int, str]] = []
    for i, x in sig_parts:
        s = x.strip()
        if not s:
            continue
        if in_nn and (_position(s) or AUTHORITY.match(s) or (NAME.match(s) and f.get("_positions"))):
            right.append((i, s))  # signature text interleaved with the recipients' column
            used[i] = True
            continue
        if m := NOI_NHAN.match(s):
            used[i] = True
            in_nn = True
            rest = m.group(1).strip()
            if rest:
                recipients.append(rest)
            continue
        if in_nn and (re.match(r"^[-–+•]", s) or (recipients and not _position(s) and not AUTHORITY.match(s)
                                                   and not NAME.match(s) and not recipients[-1].rstrip().endswith((";", ".")))):
            used[i] = True
            item = re.sub(r"^[-–+•]\s*", "", s)
            if re.match(r"^[-–+•]", s) or not recipients:
                recipients.append(item)
            else:
                recipients[-1] += " " + item
            if re.match(r"^Lưu\b", item):
                in_nn = False
            continue
        in_nn = False
        right.append((i, s))
    for i, s in right:
        if AUTHORITY.match(s):
            used[i] = True
            f.setdefault("_authority", []).append(" ".join(s.split()))
            continue
        if pos := _position(s):
            used[i] = True
            f.setdefault("_positions", []).append(pos)
            continue
        if re.fullmatch(r"\((?:Đã\s+ký|Ký|Chữ\s+ký)[^)]{0,40}\)", s, re.I):
            used[i] = True  # "(Đã ký)", "(Ký, đóng dấu)": where the signature was
            continue
        if "_positions" in f and "_signer" not in f and (NAME.match(s) or _caps_name(s)):
            used[i] = True
            f["_signer"] = " ".join(s.split())
            continue
        if s != lines[i].strip():  # one column of a split line; whole lines wait for the footnote pass
            d.unplaced.append(s)
            used[i] = True
    if recipients:
        f["recipients"] = [re.sub(r"\s*[;.,]\s*$", "", " ".join(r.split())) for r in recipients]
    if "_signer" in f:
        pos = f["_positions"]
        auth = f.get("_authority", [])
        signer = {"name": f["_signer"], "position": pos[-1]}
        # "KT. CHỦ TỊCH" above "PHÓ CHỦ TỊCH": the KT. line is the authority
        auths = [a for a in auth] + [p for p in pos[:-1]]
        if auths:
            signer["authority"] = " ".join(auths)
        f["signer"] = signer
    for k in ("_signer", "_positions", "_authority"):
        f.pop(k, None)

    # 4. body paragraphs (between header/title and body_end), footnotes separated
    body_idx = [i for i in range(header_end, body_end) if not used[i]]
    footnotes, fn_used = _footnote_bodies(lines, body_idx, d)
    # also footnote bodies after the signature (001 keeps notes 8-12 there)
    tail_idx = [i for i in range(body_end, app) if not used[i] and lines[i].strip() and lines[i] != PAGEBREAK]
    fn2, fn2_used = _footnote_bodies(lines, tail_idx, d, start=len(footnotes) + 1)
    footnotes.update(fn2)
    for i in fn_used | fn2_used:
        used[i] = True
    d.footnotes = footnotes
    text_lines = [(i + 1, lines[i]) for i in range(header_end, body_end) if not used[i]]
    soft: set[int] = set()
    text_lines = _mark_loose_footnote_refs(text_lines, footnotes, soft)
    paras = join_paragraphs(text_lines, hard, soft)
    for i in range(header_end, body_end):
        used[i] = True
    # preamble: paragraphs before the first section marker
    pre: list[str] = []
    for _, p in paras:
        if ROMAN.match(p) or NUMBERED.match(p):
            break
        pre.append(p)
    d.preamble = "\n".join(pre)
    closing = [p for _, p in paras if CLOSING.search(p)]
    d.closing = closing[-1] if closing else ""
    d.body = [_to_markdown(p) for _, p in paras]
    # leftover signature-zone lines we did not recognise: keep them
    for i in range(body_end, app):
        if not used[i] and lines[i].strip() and lines[i] != PAGEBREAK:
            d.unplaced.append(lines[i].strip())
            used[i] = True

    # 5. appendix
    if app < n:
        _appendix(lines, app, n, d)
    d.text = "\n".join(x for x in lines if x != PAGEBREAK)
    # 6. inline task blocks (a) Chỉ đạo / b) Tham mưu / c) Thời gian) when no appendix table
    if not f.get("tasks"):
        tasks = inline_tasks(paras)
        if tasks:
            f["tasks"] = tasks
    # 7. period from the title, else the preamble or the closing sentence
    for src in (f.get("title", ""), d.closing, d.preamble):
        if src and (p := period_from(src)):
            f["period"] = p
            break
    return d


def _title_rest_ok(rest: str) -> bool:
    """'KẾ HOẠCH' alone, or followed by the trích yếu ('KẾ HOẠCH Thực hiện …'), not prose ('Kế hoạch số …')."""
    rest = rest.strip()
    return not rest or (rest[:1].isupper() and not re.match(r"^(số|này|ngày)\b", rest, re.I))


def _find_appendix(lines: list[str], start: int, n: int) -> int:
    return next((i for i in range(start, n) if APPENDIX.match(lines[i]) and _looks_like_appendix_caption(lines, i)), n)


def _looks_like_appendix_caption(lines: list[str], i: int) -> bool:
    s = lines[i].strip()
    # "Phụ lục" as a caption: short, or followed by a capitalised caption; not prose that mentions it
    return len(s) < 120 and not re.search(r"(kèm theo|tại|theo)\s+Ph", s)


def _footnote_bodies(lines: list[str], idx: list[int], d: Draft, start: int = 1) -> tuple[dict[str, str], set[int]]:
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
        elif x.strip().isdecimal() and int(x.strip()) in (expect, expect + 1) and k + 1 < len(idx) \
                and idx[k + 1] == i + 1 and re.match(r"^\s+[" + UPPER + r"]", lines[i + 1]) \
                and re.search(r"\bsố\s+\S+/|\bngày\b", lines[i + 1]):
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
            if _starts_block(y) or y[:1].isspace() or re.match(r"^\s*(\[\^)?\d{1,3}(\])?(\s|$)", y):
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


def _mark_loose_footnote_refs(text_lines: list[tuple[int, str]], notes: dict[str, str],
                              soft: set[int]) -> list[tuple[int, str]]:
    """004: a marker on a line of its own; 003: glued to a word ("thành phố1"). Only for known notes."""
    out: list[tuple[int, str]] = []
    soft_after: set[int] = set()
    for ln, x in text_lines:
        s = x.strip()
        if s.isdigit() and s in notes and out and out[-1][1].strip() and out[-1][1] != PAGEBREAK:
            out[-1] = (out[-1][0], out[-1][1].rstrip() + f"[^{s}]")
            continue
        if notes:
            x = re.sub(rf"(?<=[{LOWER}])(\d{{1,2}})(?=[\s,;.:)]|$)",
                       lambda m: f"[^{m.group(1)}]" if m.group(1) in notes else m.group(1), x)
        if out and re.match(r"^\s*[;,.]", x) and out[-1][1].rstrip().endswith("]"):
            out[-1] = (out[-1][0], out[-1][1].rstrip() + x.strip())  # "; " left after a marker line
            soft_after.add(len(out))  # the sentence goes on in the next line
            continue
        if x.strip() and x != PAGEBREAK and soft_after:
            if max(soft_after) == len(out) or any(not y.strip() for _, y in out[max(soft_after):]):
                soft.add(ln)
            soft_after.clear()
        out.append((ln, x))
    return out


def _to_markdown(p: str) -> str:
    p = p.replace("<", "&lt;")
    if (m := ROMAN.match(p)) and ((len(p) < 160 and not _ends_sentence(m.group(2)))
                                  or _all_caps(" ".join(m.group(2).split()[:3]))):
        return f"## {p.strip()}"
    if m := NUMBERED.match(p):
        rest = m.group(2)
        if len(p) < 220 and not _ends_sentence(rest):
            return "#" * (3 + m.group(1).count(".")) + " " + p.strip()
        return re.sub(r"^(\s*\d{1,2}(?:\.\d{1,2})*)\.", r"\1\\.", p.strip())  # keep the printed numbering
    s = p.strip()
    if re.match(r"^[+*]\s", s):
        return "\\" + s
    if re.match(r"^#", s):
        return "\\" + s
    return s


TASK_LINE = re.compile(
    r"^\s*[a-zđ]\)\s*(?P<label>Chỉ\s+đạo|Tham\s+mưu(?:\s+thực\s+hiện)?|(?:Đơn\s+vị|Cơ\s+quan|Bộ\s+phận)\s+(?:chủ\s+trì|phối\s+hợp)|"
    r"Chủ\s+trì(?:\s+thực\s+hiện)?|Phối\s+hợp(?:\s+thực\s+hiện)?|Thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?|Sản\s+phẩm|Kết\s+quả)\s*:\s*(?P<val>.*)$",
    re.I)


def _task_key(label: str) -> str:
    lab = " ".join(label.lower().split())
    if lab.startswith("chỉ đạo"):
        return "directs"
    if "phối hợp" in lab:
        return "partners"
    if lab.startswith(("tham mưu", "chủ trì")) or "chủ trì" in lab:
        return "lead"
    if lab.startswith("thời"):
        return "due"
    return "output"


def inline_tasks(paras: list[tuple[int, str]]) -> list[dict]:
    tasks: list[dict] = []
    section = ""
    last_item: tuple[str, str] | None = None
    current: dict | None = None
    for _, p in paras:
        if m := ROMAN.match(p):
            section = m.group(1)
            last_item = None
            current = None
            continue
        if m := NUMBERED.match(p):
            last_item = (m.group(1), m.group(2))
            current = None
            continue
        if (m := TASK_LINE.match(p)) and last_item:
            if current is None:
                current = {"id": last_item[0], "name": last_item[1].rstrip(" .;"), "group": section or None}
                tasks.append(current)
            key = _task_key(m.group("label"))
            val = m.group("val").strip().rstrip(".;")
            current[key] = f"{current[key]}; {val}" if current.get(key) else val
            continue
        current = None
    ids = [t["id"] for t in tasks]
    for t in tasks:
        if ids.count(t["id"]) > 1 and t.get("group"):
            t["id"] = f"{t['group']}.{t['id']}"
        if not t.get("group"):
            t.pop("group", None)
    return tasks


def _appendix(lines: list[str], start: int, n: int, d: Draft) -> None:
    f = d.fields
    caption: list[str] = []
    i = start
    first = lines[start].strip()
    head = APPENDIX.match(first)
    rest = first[head.end():].strip() if head else ""
    if rest:
        caption.append(rest)
    i = start + 1
    kem = ""
    while i < n:
        x = lines[i].strip()
        if x == PAGEBREAK or not x:
            i += 1
            continue
        if "\t" in lines[i] or x.count("|") >= 2 or re.match(r"^\|?\s*(TT|STT|Số\s*TT)\b", x):
            break
        if x.startswith("(") or (kem and not kem.rstrip().endswith(")")):
            kem += (" " if kem else "") + x
        else:
            caption.append(x)
        i += 1
    cap = " ".join(" ".join(caption).split())
    d.body.append(f"## {head.group(0).strip() if head else first}")
    if cap and cap != rest:
        d.body.append(f"**{cap[len(rest):].strip() if rest and cap.startswith(rest) else cap}**")
    if kem:
        d.body.append(" ".join(kem.split()))
        d.issuer_names.append(("appendix", kem))
        if not f.get("number") and (m := re.search(r"số\s*:?\s*(\d{1,5}\s*/\s*[A-ZĐ][\w-]*)", kem)):
            f["number"] = m.group(1).replace(" ", "")
        if not f.get("issued") and (m := VN_DATE.search(kem)):
            f["issued"] = _iso(*m.groups())
    rest_lines = pipes_to_tabs(lines[i:n])
    rows: list[Row]
    header: list[str]
    leftovers: list[str]
    if any("\t" in x for x in rest_lines):
        header, rows, leftovers = parse_tab_table(rest_lines)
    else:
        header, rows, leftovers = parse_flat_table([x for x in rest_lines if x != PAGEBREAK])
    if rows:
        f["tasks"] = tasks_from_rows(header, rows)
        d.body.append(_md_table(header, rows))
    for x in leftovers:
        if x.strip():
            d.unplaced.append(x.strip())


def _md_table(header: list[str], rows: list[Row]) -> str:
    def cell(s: str) -> str:
        return " ".join(s.split()).replace("|", "\\|").replace("<", "&lt;")

    out = ["| " + " | ".join(cell(h) for h in header) + " |", "|" + "---|" * len(header)]
    for r in rows:
        out.append("| " + " | ".join(cell(c) for c in r.cells) + " |")
    return "\n".join(out)
