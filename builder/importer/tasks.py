"""Tasks (nhiệm vụ) in every layout the genre uses, normalised to the `tasks` of DESIGN.md.

1. **Task tables** (appendix or body): a table whose header names the work and who leads it
   (TT | Nhiệm vụ | Chủ trì | Phối hợp | Thời gian | Sản phẩm …, in any order, 3–8 columns).
   Group rows (I., A., "NHÓM …") are groups, not tasks; a row whose first cells are merged from the
   row above inherits them. A table without a lead column (data, schedules, forms) gives no task.
2. **Label blocks**: an item followed by label lines — "Đơn vị chủ trì: …", "Đơn vị phối hợp: …",
   "Thời gian thực hiện: …" (with or without "a)"/"-" markers; also "Chỉ đạo", "Tham mưu").
3. **Assignment sentences**: "X chủ trì, phối hợp với Y …" (or "Giao X chủ trì …"), and items
   under an agency heading ("1. Sở Tư pháp:" … "- Chủ trì, phối hợp với …").
Tables win over prose; labels win over sentences. Everything stays in the body too.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..base.markup import plain
from .body import DASHED, LETTERED, NUMBERED, ROMAN
from .layout import ROW_ID, Table
from .tables import role

_TT_GROUP = re.compile(r"^(?:[IVXLC]{1,6}|[A-ZĐ])\.?$")


def _cell(s: str) -> str:
    return " ".join(plain(x) for x in s.split("\n") if plain(x)).strip()


def table_header(t: Table) -> list[str]:
    return [_cell(c) for c in t.rows[0]] if t.rows else []


def is_task_table(t: Table) -> bool:
    roles = [role(h) for h in table_header(t)]
    return t.ncols >= 3 and "lead" in roles and "name" in roles


def table_tasks(t: Table) -> list[dict[str, Any]]:
    header = table_header(t)
    roles = [role(h) for h in header]
    if roles.count("name") > 1 and "output" not in roles:
        # "Nội dung nhiệm vụ | Chỉ tiêu đạt được": the second column of that kind is what is delivered
        second = [k for k, r in enumerate(roles) if r == "name"][1]
        roles[second] = "output"
    col: dict[str, int] = {}
    for k, r in enumerate(roles):
        if r and r not in col:
            col[r] = k
    tasks: list[dict[str, Any]] = []
    group: str | None = None
    gnum: str | None = None  # the group's numeral (I, II, A): numbering restarts in each group
    seen: dict[str, int] = {}
    prev: dict[str, Any] | None = None
    sub = 0
    spans = t.spans or [0] * len(t.rows)
    for ri in range(1, len(t.rows)):
        cells = [_cell(c) for c in t.rows[ri]]
        cells += [""] * (len(header) - len(cells))
        if ri < len(spans) and spans[ri] > 0:
            cells = _realign(cells, spans[ri], roles)
        filled = [c for c in cells if c]
        if not filled or [x.casefold() for x in cells] == [x.casefold() for x in header]:
            continue  # an empty row, or the header repeated after a page break
        if len(filled) >= 3 and "lead" in (rs := [role(c) for c in filled]) and all(rs):
            continue  # a group's own header row ("Nội dung | Đơn vị thực hiện | …"): column names only
        tid = cells[col["id"]] if "id" in col else ""
        lead = cells[col["lead"]] if "lead" in col else ""
        name = cells[col["name"]] if "name" in col else ""
        # a group row: a numeral of a group (I, A) or nothing, and one line of text
        if (
            len(filled) <= 2
            and (not tid or _TT_GROUP.match(tid))
            and not (lead and name)
            and not any(cells[col[r]] for r in ("due", "partners", "output") if r in col)
        ):
            group = " ".join(filled)
            gnum = tid.rstrip(".") if tid and _TT_GROUP.match(tid) else None
            prev = None
            continue
        if (
            t.kind in ("tab", "docx", "pipe")
            and not tid
            and prev is not None
            and ri < len(spans)
            and not spans[ri]
        ):
            # a row continued on the next page (empty TT): its cells belong to the row above
            for r in ("name", "lead", "partners", "directs", "due", "output"):
                if r in col and cells[col[r]]:
                    prev[r] = f"{prev.get(r, '')} {cells[col[r]]}".strip()
            continue
        task: dict[str, Any] = {}
        inherited = prev is not None and (spans[ri] > 0 or not tid)
        for r in ("name", "directs", "lead", "partners", "due", "output"):
            if r in col and cells[col[r]]:
                task[r] = cells[col[r]]
            elif inherited and prev is not None and r in ("directs", "lead", "partners") and prev.get(r):
                task[r] = prev[r]  # merged cell: the value of the row above
        if not task.get("name"):
            rest = [c for k, c in enumerate(cells) if c and roles[k] is None and k != col.get("id")]
            if not rest:
                continue
            task["name"] = rest[0]
        own_tt = bool(tid and ROW_ID.match(tid))
        if own_tt:
            tid = tid.rstrip(".")
            if gnum and "." not in tid:
                tid = f"{gnum}.{tid}"  # "1" of group II is II.1: TT numbers restart in each group
            sub = 0
        elif inherited and prev is not None:
            sub += 1
            tid = f"{prev.get('_base') or prev['id']}.{sub + 1}"  # a row under a merged TT
        else:
            tid = tid.rstrip(".") or str(len(tasks) + 1)
        if tid in seen:
            seen[tid] += 1
            tid = f"{tid}.{seen[tid]}"
        else:
            seen[tid] = 1
        out = {"id": tid, "name": task["name"]}
        if group:
            out["group"] = group
        for r in ("directs", "lead", "partners", "due", "output"):
            if task.get(r):
                out[r] = task[r].rstrip(" ;")
        tasks.append(out)
        if not inherited or own_tt:
            prev = {**out, "_base": out["id"]}
            sub = 0
        else:
            prev = {**(prev or {}), **{k: v for k, v in out.items() if k in ("lead", "partners", "directs")}}
    return tasks


_DUE = re.compile(
    r"^(?:Thường\s+xuyên|Hằng|Hàng\s+(?:tháng|quý|năm)|Định\s+kỳ|Tháng|Quý|Năm\s+\d|Giai\s+đoạn|Xong|"
    r"Hoàn\s+thành|Trước|Trong\s+(?:tháng|quý|năm)|Từ\s+(?:tháng|ngày)|Đến\s+(?:tháng|ngày)|\d{1,2}/\d{4}|\d{4}\b|"
    r"Ban\s+hành\s+trong|Cả\s+năm|Theo\s+(?:yêu\s+cầu|kế\s+hoạch))",
    re.I,
)
_AGENCY = re.compile(
    r"^(?:[-–+]\s*)?(?:Sở|Ban|Bộ|Ủy\s+ban|Uỷ\s+ban|UBND|Văn\s+phòng|Công\s+an|Trung\s+tâm|Các\s+(?:sở|bộ|cơ|đơn|phòng|xã)|"
    r"Cục|Chi\s+cục|Phòng|Thanh\s+tra|Đài|Báo|Hội|Đoàn|Liên\s+đoàn|Kho\s+bạc|Bảo\s+hiểm|Ngân\s+hàng|Tỉnh|Thành)\b"
)


def _fit(cell: str, r: str | None) -> float:
    """How well a cell's text fits a column of role `r` (a row whose merged cells must be placed)."""
    if not cell:
        return 0.0
    if r == "id":
        return 2.0 if ROW_ID.match(cell) else -2.0
    if r in ("lead", "partners", "directs"):
        return 2.0 if _AGENCY.match(cell) and len(cell) < 200 else -1.0
    if r == "due":
        if _DUE.match(cell):
            return 2.0
        # "Trình Thủ tướng Chính phủ trong năm 2026 …": a time said in a sentence
        timed = re.search(
            r"\b(?:năm\s+\d{4}|giai\s+đoạn\s+\d{4}|quý\s+[IV\d]|tháng\s+\d|thường\s+xuyên|liên\s+tục|hằng\s+năm)",
            cell,
            re.I,
        )
        return 1.0 if timed and len(cell) < 400 and not cell.startswith(("-", "+", "•")) else -1.0
    if r == "name":
        return 1.0 if len(cell) > 30 and not _AGENCY.match(cell) else 0.0
    return 0.0


def _realign(cells: list[str], span: int, roles: list[str | None]) -> list[str]:
    """A row with merged cells came padded on one side: place its own cells where they fit best."""
    nc = len(cells)
    left = not any(cells[:span])  # padded on the left: the row's own cells were read as the rightmost
    own = cells[span:] if left else cells[: nc - span]
    k = len(own)
    best, best_o = None, 0
    for o in range(0, nc - k + 1):
        score = sum(_fit(c, roles[o + i] if o + i < len(roles) else None) for i, c in enumerate(own))
        score += (
            0.5 if o == (nc - k if left else 0) else 0.0
        )  # as read, unless the cells fit better elsewhere
        if best is None or score > best:
            best, best_o = score, o
    out = [""] * nc
    out[best_o : best_o + k] = own
    return out


def md_table(t: Table) -> str:
    """The table as Markdown: every cell's text, "|" escaped, one row per line."""

    def cell(s: str) -> str:
        return _cell(s).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")

    nc = t.ncols
    rows = [[*r, *[""] * (nc - len(r))] for r in t.rows]
    out = ["| " + " | ".join(cell(c) or " " for c in rows[0]) + " |", "|" + "---|" * nc]
    for r in rows[1:]:
        out.append("| " + " | ".join(cell(c) for c in r) + " |")
    return "\n".join(out)


# -- prose ---------------------------------------------------------------------------------

LABEL = re.compile(
    r"^\s*(?:[a-zđ]\)\s*|[-–+•]\s*)?(?P<label>(?:Đơn\s+vị|Cơ\s+quan|Bộ\s+phận)\s+(?:chủ\s+trì|phối\s+hợp|thực\s+hiện)"
    r"(?:\s+(?:tham\s+mưu\s+)?thực\s+hiện)?|Chủ\s+trì(?:\s+thực\s+hiện)?|Phối\s+hợp(?:\s+thực\s+hiện)?|Chỉ\s+đạo|"
    r"Tham\s+mưu(?:\s+thực\s+hiện)?|Thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?|Tiến\s+độ(?:\s+thực\s+hiện)?|"
    r"Sản\s+phẩm(?:\s+đầu\s+ra)?|Kết\s+quả(?:\s+đầu\s+ra)?|Trách\s+nhiệm\s+thực\s+hiện)\s*:\s*(?P<val>.*)$",
    re.I,
)
AGENCY = (
    r"(?:Sở|Ban|Bộ|Ủy\s+ban|Uỷ\s+ban|UBND|HĐND|Văn\s+phòng|Công\s+an|Bộ\s+Chỉ\s+huy|Trung\s+tâm|Thanh\s+tra|"
    r"Đài|Báo|Kho\s+bạc|Cục|Chi\s+cục|Hội|Liên\s+đoàn|Đoàn|Tỉnh\s+đoàn|Thành\s+đoàn|Mặt\s+trận|Các\s+sở|Các\s+cơ\s+quan|"
    r"Bảo\s+hiểm\s+xã\s+hội|Ngân\s+hàng|Trường|Viện|Tổng\s+cục|Đảng\s+ủy|Đảng\s+uỷ|Phòng)"
)
AGENCY_HEAD = re.compile(rf"^{AGENCY}\b[^.;]{{0,90}}:?$")
ASSIGN = re.compile(
    rf"(?:^|[.;:]\s+|\bGiao\s+|\bđề\s+nghị\s+)(?P<lead>{AGENCY}\b[^.;:()]{{0,90}}?)\s+(?:là\s+cơ\s+quan\s+)?chủ\s+trì\b"
    rf"(?:\s*,?\s*phối\s+hợp(?:\s+với)?\s+(?P<partners>(?=[A-ZĐÀ-Ỹ]|các\s|cơ\s+quan|đơn\s+vị|địa\s+phương)[^.;]{{3,160}}?)(?=\s+(?:tổ\s+chức|xây\s+dựng|triển\s+khai|tham\s+mưu|"
    rf"thực\s+hiện|hướng\s+dẫn|rà\s+soát|theo\s+dõi|kiểm\s+tra|nghiên\s+cứu|đề\s+xuất|báo\s+cáo|hoàn\s+thiện|trình|"
    rf"đôn\s+đốc|tiếp\s+tục|khẩn\s+trương|chỉ\s+đạo|để|nhằm|trong)\b|[,.;]))?"
)
SELF_LEAD = re.compile(
    r"^(?:[-–+•]\s*)?Chủ\s+trì\s*,?\s*(?:phối\s+hợp(?:\s+với)?\s+(?P<partners>(?=[A-ZĐÀ-Ỹ]|các\s|cơ\s+quan|đơn\s+vị|địa\s+phương)[^.;]{3,160}?)"
    r"(?=\s+(?:tổ\s+chức|xây\s+dựng|triển\s+khai|tham\s+mưu|thực\s+hiện|hướng\s+dẫn|rà\s+soát|theo\s+dõi|"
    r"kiểm\s+tra|nghiên\s+cứu|đề\s+xuất|báo\s+cáo|hoàn\s+thiện|trình|đôn\s+đốc)\b|[,.;]))?",
    re.I,
)
DUE_IN = re.compile(
    r"(?:hoàn\s+thành|thực\s+hiện|báo\s+cáo[^.;]{0,60}?)\s+(?P<due>(?:trước|chậm\s+nhất|trong)\s+(?:ngày\s+)?"
    r"(?:\d{1,2}/\d{1,2}/\d{4}|tháng\s+\d{1,2}(?:/|\s+năm\s+)\d{4}|quý\s+[IV]{1,3}(?:/|\s+năm\s+)\d{4}|năm\s+\d{4}))",
    re.I,
)


def _key(label: str) -> str:
    lab = " ".join(label.lower().split())
    if lab.startswith("chỉ đạo"):
        return "directs"
    if "phối hợp" in lab:
        return "partners"
    if (
        "chủ trì" in lab
        or lab.startswith(("tham mưu", "trách nhiệm"))
        or ("thực hiện" in lab and not lab.startswith(("thời", "tiến")))
    ):
        return "lead"
    if lab.startswith(("thời", "tiến")):
        return "due"
    return "output"


def _item(p: str) -> tuple[str | None, str]:
    """(the item's printed number, its text) for a paragraph that opens with a list marker."""
    for rx in (ROMAN, NUMBERED, LETTERED):
        if m := rx.match(p):
            return m.group(1), m.group(2)
    if m := DASHED.match(p):
        return "-", m.group(1)
    return None, p


def prose_tasks(paras: list[str]) -> list[dict[str, Any]]:
    """Tasks written as prose: label blocks first; assignment sentences when there are none."""
    tasks = _label_tasks(paras)
    return tasks if tasks else _sentence_tasks(paras)


def _context(paras: list[str]) -> Iterator[tuple[str, str | None, str, str, list[str], int]]:
    """(paragraph, its number, its text, section, number path, dashes so far) for every paragraph,
    numbering kept as printed."""
    section = ""
    path: list[str] = []
    dash = 0
    for p in paras:
        p = " ".join(p.split())
        num, text = _item(p)
        if num and num != "-" and ROMAN.match(p):
            section, path, dash = num, [], 0
        elif num and num != "-" and NUMBERED.match(p):
            path, dash = num.split("."), 0
        elif num and num != "-" and LETTERED.match(p):
            path = [*path[:1], num] if path else [num]
            dash = 0
        elif num == "-":
            dash += 1
        yield p, num, text, section, list(path), dash


def _tid(section: str, path: list[str], num: str | None, dash: int) -> str:
    parts = [x for x in [section, *path] if x]
    if num == "-":
        parts.append(str(dash))
    return ".".join(parts) or str(dash or 1)


def _label_tasks(paras: list[str]) -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    last: tuple[str, str] | None = None  # (id, text) of the last item that is not a label
    open_key: str | None = None  # the label whose value a wrapped line may continue
    for p, num, text, section, path, dash in _context(paras):
        if m := LABEL.match(p):
            if last is None:
                continue
            if current is None:
                current = {"id": last[0], "name": last[1].rstrip(" .;:"), "group": section or None}
                tasks.append(current)
            key = _key(m.group("label"))
            raw = m.group("val").strip()
            val = raw.rstrip(".;")
            if val:
                current[key] = f"{current[key]}; {val}" if current.get(key) else val
            open_key = key if not raw.endswith((".", ";")) else None
            continue
        if current is not None and open_key and num is None and len(p) < 200:
            # "Đơn vị phối hợp: Sở" ⏎ "Tư pháp; các cơ quan …": the value wrapped onto the next line
            current[open_key] = f"{current.get(open_key, '')} {p.rstrip('.;')}".strip()
            open_key = None if p.rstrip().endswith((".", ";")) else open_key
            continue
        current = None
        open_key = None
        last = (_tid(section, path, num, dash), text) if text.strip() else last
    # a task names who does it: a block with only a time or a product is a description, not a task
    return _finish([t for t in tasks if t.get("lead") or t.get("directs") or t.get("partners")])


def _sentence_tasks(paras: list[str]) -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = []
    heading_agency: str | None = None
    heading_level: str | None = None
    for p, num, text, section, path, dash in _context(paras):
        if num and num != "-" and (NUMBERED.match(p) or LETTERED.match(p) or ROMAN.match(p)):
            t = text.strip().rstrip(":")
            level = "roman" if ROMAN.match(p) else "num"
            if AGENCY_HEAD.match(t) and len(t) < 100:
                heading_agency, heading_level = t, level
                continue
            if (heading_level == "num" and level == "roman") or level == heading_level:
                heading_agency = None
        lead = partners = None
        if m := ASSIGN.search(text):
            lead, partners = m.group("lead"), m.group("partners")
        elif heading_agency and (m := SELF_LEAD.match(text)):
            lead, partners = heading_agency, m.group("partners")
        if not lead:
            continue
        lead = re.sub(r"^(?:Giao|Đề\s+nghị)\s+", "", lead).strip(" ,")
        task = {
            "id": _tid(section, path, num, dash),
            "name": text.strip(),
            "group": section or None,
            "lead": " ".join(lead.split()),
        }
        if partners:
            task["partners"] = " ".join(partners.split()).strip(" ,")
        if d := DUE_IN.search(text):
            task["due"] = d.group("due")
        tasks.append(task)
    return _finish(tasks)


def _finish(tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, int] = {}
    for t in tasks:
        if t["id"] in seen:
            seen[t["id"]] += 1
            t["id"] = f"{t['id']}.{seen[t['id']]}"
        else:
            seen[t["id"]] = 1
        if not t.get("group"):
            t.pop("group", None)
    return tasks
