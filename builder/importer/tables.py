"""Appendix tables: tab-separated rows (DOCX, some extracts) and flattened PDF tables.

A flattened table has one cell fragment per line, cells of a row interleaved. Rows start at the
TT number (1, 2, 3… in sequence); inside a row each fragment goes to a column by its shape: the
task column is wide (long lines), agencies start with an agency word, times with a time phrase,
products with a product word. Every fragment lands in some cell, so no text is lost.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .textutil import glue

HEADER_CELL = re.compile(
    r"S?TT\b|Số\s+TT|(?:Tên\s+)?[Nn]hiệm\s+vụ(?:\s+cụ\s+thể)?|Nội\s+dung(?:\s+(?:công\s+việc|nhiệm\s+vụ))?|"
    r"(?:Cơ\s+quan|Đơn\s+vị|Bộ\s+phận)\s+(?:chủ\s+trì|phối\s+hợp)(?:\s+thực\s+hiện)?|Chủ\s+trì|Phối\s+hợp|Chỉ\s+đạo|"
    r"Thời\s+(?:gian|hạn)(?:\s+(?:thực\s+hiện|hoàn\s+thành))?|Sản\s+phẩm(?:\s+đầu\s+ra)?|Kết\s+quả(?:\s+đầu\s+ra)?|Ghi\s+chú",
    re.I,
)
DUE = re.compile(
    r"^(Thường\s+xuyên|Hằng|Hàng\s+(?:tháng|quý|năm)|Định\s+kỳ|Tháng|Quý|Năm\s+\d|Xong|Hoàn\s+thành|Trước|"
    r"Trong\s+(?:tháng|quý|năm)|Từ\s+(?:tháng|ngày)|Đến\s+(?:tháng|ngày)|\d{1,2}\s*tháng|Cả\s+năm|Theo\s+(?:yêu\s+cầu|kế\s+hoạch)|\d{1,2}/\d{4})",
    re.I,
)
AGENCY = re.compile(
    r"^(Phòng|Văn\s+phòng|Trung\s+tâm|Các|UBND|Ủy\s+ban|Uỷ\s+ban|Ban|Công\s+an|Sở|MTTQ|Mặt\s+trận|Trường|"
    r"Chi\s+bộ|Đảng\s+ủy|Đảng\s+uỷ|Bộ\s+phận|Toàn\s+thể|Lãnh\s+đạo|Đơn\s+vị|Thanh\s+tra|Hội|Đoàn|Tổ|Chi\s+cục|Cục|Kho\s+bạc|Bệnh\s+viện)\b"
)
OUTPUT = re.compile(
    r"^(Báo\s+cáo|Danh\s+mục|Kế\s+hoạch|Biên\s+bản|Bản\b|Tổng\s+hợp|Danh\s+sách|Văn\s+bản|Quyết\s+định|Công\s+văn|Hình\s+ảnh|"
    r"Mô\s+hình|Thông\s+báo|Tờ\s+trình|Hồ\s+sơ|Kết\s+quả|Chương\s+trình|Đề\s+án|Sản\s+phẩm)",
    re.I,
)
ROMAN_TT = re.compile(r"^[IVX]{1,5}\.?$")
STOP = re.compile(r"^\s*(Nơi\s+nhận|TM\.|KT\.|CHỦ\s+TỊCH|GIÁM\s+ĐỐC|TRƯỞNG\s+BAN)\b")


@dataclass
class Row:
    cells: list[str]
    group: str | None = None
    lines: list[str] = field(default_factory=list)


def role(header: str) -> str | None:
    """What a task table's column holds, from its header cell (the genre's column names)."""
    h = " ".join(re.sub(r"\[\^?\d+\]|[*_]", " ", header).lower().split()).strip(" .:")
    if re.fullmatch(r"s?tt|số tt|số thứ tự|stt/tt", h):
        return "id"
    if "chỉ đạo" in h:
        return "directs"
    if "phối hợp" in h:
        return "partners"
    if "chủ trì" in h or re.search(
        r"(đơn vị|cơ quan|bộ phận|trách nhiệm)( chủ trì)? thực hiện|^thực hiện$|^trách nhiệm", h
    ):
        return "lead"
    if h.startswith(("thời gian", "thời hạn", "tiến độ", "thời điểm")):
        return "due"
    if "thuộc nhóm" in h or h.startswith("nhóm"):
        return None
    if re.search(
        r"nhiệm vụ|giải pháp|^nội dung|^chỉ tiêu|^tên (dự án|nhiệm vụ|hoạt động|đề án|chương trình)|^hoạt động|^công việc",
        h,
    ):
        return "name"
    if h.startswith(("sản phẩm", "kết quả")):
        return "output"
    return None


def is_task_header(header: list[str]) -> bool:
    """A task table names what is to be done and who leads it (a schedule or a data table does not)."""
    roles = [role(h) for h in header]
    return "lead" in roles and "name" in roles


def pipes_to_tabs(lines: list[str]) -> list[str]:
    """'| 1 | Việc | Phòng |' (converters that write Markdown or ASCII tables) → tab-separated."""
    out = []
    for x in lines:
        s = x.strip()
        if re.fullmatch(r"\|?[\s:|+-]+\|?", s) and "-" in s:
            continue  # the |---|---| separator row
        if s.count("|") >= 2:
            out.append("\t".join(c.strip() for c in s.strip("|").split("|")))
        else:
            out.append(x)
    return out


def parse_tab_table(lines: list[str]) -> tuple[list[str], list[Row], list[str]]:
    header: list[str] = []
    rows: list[Row] = []
    leftovers: list[str] = []
    group = None
    for x in lines:
        if not x.strip() or x == "\x0c":
            continue
        if "\t" not in x:
            if rows:
                rows[-1].cells[-1] += " " + x.strip()  # a wrapped last cell
            else:
                leftovers.append(x)
            continue
        cells = [c.strip() for c in x.split("\t")]
        if not header:
            header = cells
            continue
        cells = (cells + [""] * len(header))[: max(len(header), len(cells))]
        if len(cells) > len(header):
            cells = [*cells[: len(header) - 1], " ".join(cells[len(header) - 1 :]).strip()]
        if not cells[0] and rows:  # continuation row: empty TT
            rows[-1].cells = [(a + " " + b).strip() for a, b in zip(rows[-1].cells, cells, strict=False)]
            continue
        if ROMAN_TT.match(cells[0]) and sum(bool(c) for c in cells) <= 2:
            group = " ".join(c for c in cells if c)
        rows.append(Row(cells, group))
    return header, rows, leftovers


def parse_flat_table(lines: list[str]) -> tuple[list[str], list[Row], list[str]]:
    items = [x for x in lines if x.strip()]
    first = next((k for k, x in enumerate(items) if _row_start(x, 1)), None)
    if first is None:
        return [], [], items
    header_text = " ".join(" ".join(items[:first]).split())
    header = [" ".join(m.group(0).split()) for m in HEADER_CELL.finditer(header_text)]
    leftovers: list[str] = []
    if not header or role(header[0]) != "id":
        header = ["TT", *header] if header else ["TT", "Nhiệm vụ"]
    if not any(role(h) == "name" for h in header):
        header.insert(1, "Nhiệm vụ")
    # header words we could not read as a column name are kept as a leftover
    rest = HEADER_CELL.sub(" ", header_text).strip()
    if rest:
        leftovers.append(rest)
    roles = [role(h) for h in header]
    rows: list[Row] = []
    expect = 1
    cur: list[str] | None = None
    for x in items[first:]:
        if STOP.match(x):
            leftovers.append(x)
            cur = None
            continue
        if _row_start(x, expect):
            s = x.strip()
            tail = s[len(str(expect)) :].strip()
            cur = [tail] if tail else []
            rows.append(Row([str(expect)] + [""] * (len(header) - 1), lines=cur))
            expect += 1
            continue
        if cur is None:
            leftovers.append(x)
            continue
        cur.append(x)
    for r in rows:
        _assign(r, roles)
    return header, rows, leftovers


def _row_start(x: str, n: int) -> bool:
    s = x.strip()
    return s == str(n) or (
        bool(re.match(rf"^{n}\s+[A-ZÀ-ỸĐ]", s)) and not re.match(rf"^{n}\s+(tháng|năm)", s)
    )


def _assign(row: Row, roles: list[str | None]) -> None:
    order: list[str] = [r for r in ("name", "directs", "lead", "partners", "due", "output") if r in roles]
    col: dict[str, int] = {r: roles.index(r) for r in order}
    state = order[0]
    for raw in row.lines:
        for piece in _pieces(raw, state):
            piece = piece.strip()
            if not piece:
                continue
            nxt = _classify(piece, state, order, row.cells, col)
            state = nxt
            k = col[state]
            row.cells[k] = glue([row.cells[k], piece]) if row.cells[k] else piece
    row.cells = [" ".join(c.split()) for c in row.cells]


AGENCY_MID = re.compile(
    r"\s(?=(?:Văn\s+phòng|Phòng|Trung\s+tâm|Các|Ban|UBND|Ủy\s+ban|Sở|Công\s+an|Đoàn|Hội)(?:\s|$))"
)


def _pieces(raw: str, state: str) -> list[str]:
    """Cells a line holds: split at wide gaps; in an agency column also where a second agency starts
    ("Phòng Kinh tế Các phòng, đơn" = lead "Phòng Kinh tế" + partners "Các phòng, đơn")."""
    out: list[str] = []
    for piece in re.split(r"\s{2,}", raw.strip()):
        if state in ("lead", "directs") or (AGENCY.match(piece) and state == "name"):
            cuts = [m.start() for m in AGENCY_MID.finditer(piece) if len(piece[: m.start()].split()) >= 2]
            if cuts and AGENCY.match(piece):
                out += [piece[: cuts[0]], piece[cuts[0] :]]
                continue
        out.append(piece)
    return out


def _classify(piece: str, state: str, order: list[str], cells: list[str], col: dict[str, int]) -> str:
    def has(r: str) -> bool:
        return r in col and bool(cells[col[r]])

    if state != "name" and len(piece) > 38 and piece[0].islower():
        return "name"  # the task column is the wide one
    if "due" in col and DUE.match(piece) and state not in ("due", "output"):
        return "due"
    if state == "due" and "output" in col and OUTPUT.match(piece):
        return "output"
    if state == "name" and has("name") and AGENCY.match(piece):
        for r in ("lead", "directs", "partners"):
            if r in col:
                return r
    if (
        state in ("lead", "directs")
        and "partners" in col
        and len(cells[col[state]].split()) >= 2
        and re.match(
            r"^(Phòng|Văn\s+phòng|Trung\s+tâm|Các|Ban|Công\s+an|Sở|UBND|Ủy\s+ban|Trường|MTTQ|Toàn\s+thể)\b",
            piece,
        )
    ):
        return "partners"
    if (
        state in ("lead", "partners", "directs")
        and "output" in col
        and OUTPUT.match(piece)
        and not has("due")
        and "due" not in col
    ):
        return "output"
    return state


def tasks_from_rows(header: list[str], rows: list[Row], group: str | None = None) -> list[dict[str, Any]]:
    roles = [role(h) for h in header]
    tasks: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for k, r in enumerate(rows, 1):
        t: dict[str, Any] = {}
        for rl, c in zip(roles, r.cells, strict=False):
            if rl and c:
                t[rl] = f"{t[rl]}; {c}" if rl in t else c
        tid = t.pop("id", "") or str(k)
        if ROMAN_TT.match(tid) and not t.get("lead") and not t.get("due"):
            continue  # a group row ("I. NHÓM NHIỆM VỤ…")
        if tid in seen:
            seen[tid] += 1
            tid = f"{tid}.{seen[tid]}"
        else:
            seen[tid] = 1
        name = t.pop("name", "") or " ".join(c for c in r.cells[1:] if c)
        task = {"id": tid, "name": name.rstrip(" ;")}
        if r.group or group:
            task["group"] = r.group or group
        for key in ("directs", "lead", "partners", "due", "output"):
            if t.get(key):
                task[key] = t[key].rstrip(" ;")
        tasks.append(task)
    return tasks
