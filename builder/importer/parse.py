"""Parse an extract into the parts of a document (NĐ 30/2020 thể thức; DOMAIN.md §3 and §5).

chrome (website text around a crawl) → layout (lines and tables) → zones, found by what lines say:
header (before the title) · title (type word + trích yếu) · body · signature and recipients ·
tail (footnotes, appendices, an attached plan or regulation). A Quyết định that issues a plan gives
the plan, with the decision as its issuing act. Every line ends up somewhere: front-matter, the
header comment, the body, or the reported "unplaced" list.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..base import chrome
from ..base.markup import is_marked_heading, strip
from . import header, layout, signature
from .body import (
    CLOSING,
    NUMBERED,
    PAGEBREAK,
    ROMAN,
    footnote_bodies,
    is_page_number,
    join_paragraphs,
    mark_loose_footnote_refs,
    period_from,
    to_markdown,
)
from .layout import Table
from .tables import parse_flat_table, role, tasks_from_rows
from .tasks import is_task_table, md_table, prose_tasks, table_tasks

TYPES = (
    "THÔNG BÁO KẾT LUẬN",
    "KẾ HOẠCH",
    "QUYẾT ĐỊNH",
    "CHỈ THỊ",
    "CÔNG ĐIỆN",
    "THÔNG BÁO",
    "KẾT LUẬN",
    "QUY ĐỊNH",
    "QUY CHẾ",
    "HƯỚNG DẪN",
    "BÁO CÁO",
    "TỜ TRÌNH",
    "CHƯƠNG TRÌNH",
    "ĐỀ ÁN",
    "PHƯƠNG ÁN",
    "NGHỊ QUYẾT",
    "THÔNG TRI",
    "NGHỊ ĐỊNH",
    "THÔNG TƯ",
    "CÔNG VĂN",
    "ĐIỀU LỆ",
)
TYPE_VI = {t: t[:1] + t[1:].lower() for t in TYPES}
TITLE = re.compile(
    r"^\s*(?P<type>" + "|".join(TYPES) + r"|K\s*Ế\s+H\s*O\s*Ạ\s*C\s*H)(?![\wÀ-ỹ])\s*(?P<rest>.*)$"
)
PREAMBLE_START = re.compile(
    r"^\s*[-–]?\s*(Căn\s+cứ|Thực\s+hiện|Theo\s|Trên\s+cơ\s+sở|Nhằm|Để\s|Xét\s|Ngày\s+\d|"
    r"Triển\s+khai\s+thực\s+hiện\s+(?:Kế|Chỉ|Nghị|Quyết|Công)|Kính\s+gửi|Trong\s+(?:những|thời|các|năm))"
)
KINH_GUI = re.compile(r"^\s*Kính\s+gửi\s*:?", re.I)
KEM_THEO = re.compile(r"^\s*\(?\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\b")
APPENDIX = re.compile(
    r"^\s*(?:PH[UỤ]C?\s*L[UỤ]C|Ph[uụ]c?\s*l[uụ]c)(?-i:(?![a-zà-ỹ]))(?!\s+(?:kèm|đính|nhiệm vụ cụ thể chi tiết))"
    r"|^\s*(?:BIỂU\s+MẪU|MẪU\s+SỐ|Mẫu\s+số|Biểu\s+số)\b",
    re.I,
)
FOOTNOTE_BODY = re.compile(r"^\s*\[\^?(\d{1,3})\]:?\s+(\S.*)$")
ENACTING = re.compile(
    r"^(?:CHỦ\s+TỊCH|BỘ\s+TRƯỞNG|THỦ\s+TƯỚNG|GIÁM\s+ĐỐC|TRƯỞNG\s+BAN|CHÁNH\s+VĂN\s+PHÒNG|TỔNG\s+GIÁM\s+ĐỐC|"
    r"ỦY\s+BAN\s+NHÂN\s+DÂN|UỶ\s+BAN\s+NHÂN\s+DÂN|HỘI\s+ĐỒNG\s+NHÂN\s+DÂN|BAN\s+(?:THƯỜNG\s+VỤ|BÍ\s+THƯ|CHẤP\s+HÀNH)|"
    r"BỘ\s+CHÍNH\s+TRỊ|VĂN\s+PHÒNG|CỤC\s+TRƯỞNG)\b"
)
ISSUES_PLAN = re.compile(
    r"(?:Ban\s+hành|Phê\s+duyệt)\s+(?:kèm\s+theo\s+Quyết\s+định\s+này\s+)?(?:“|\")?Kế\s+hoạch", re.I
)


@dataclass
class Draft:
    fields: dict[str, Any] = field(default_factory=dict)
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
    organs: list[str] = field(default_factory=list)  # header organs, parent first (capitals as printed)
    authority: list[str] = field(default_factory=list)  # signature authority lines (TM. …, KT. …)
    enacting: str = ""  # "THỦ TƯỚNG CHÍNH PHỦ", "ỦY BAN NHÂN DÂN TỈNH …" before "Căn cứ" (decisions)
    doc_type: str = ""  # Kế hoạch, Quyết định, Công văn … (as the document names itself)
    date_state: str = "absent"  # absent | ok | blank | unreadable
    date_printed: str = ""
    site_meta: dict[str, str] = field(default_factory=dict)
    stamps: list[str] = field(default_factory=list)


# -- units ---------------------------------------------------------------------------------


@dataclass
class _Line:
    raw: str
    text: str  # markup stripped (PAGEBREAK for removed artefacts)
    src: int  # 1-based line in the input
    hard: bool = False  # a Markdown heading / fully bold line: the paragraph ends after it


Unit = _Line | Table


def _merge_continued_tables(items: list[layout.Item]) -> list[layout.Item]:
    """A table split by a page break comes as two tables: the second has no header row of its own."""
    out: list[layout.Item] = []
    for it in items:
        if isinstance(it, Table) and it.kind in ("tab", "docx", "pipe") and it.rows:
            k = len(out)
            while k and isinstance(out[k - 1], str) and not str(out[k - 1]).strip():
                k -= 1
            prev = out[k - 1] if k else None
            if (
                isinstance(prev, Table)
                and prev.kind == it.kind
                and prev.ncols == it.ncols >= 3
                and sum(1 for c in it.rows[0] if len(_cell_text(c)) < 60 and role(_cell_text(c))) < 2
            ):
                prev.rows += it.rows
                prev.spans = []
                del out[k:]
                continue
        out.append(it)
    return out


def _cell_text(c: str) -> str:
    return " ".join(strip(x) for x in c.split("\n"))


def _units(items: list[layout.Item], first_line: int) -> list[Unit]:
    out: list[Unit] = []
    ln = first_line
    items = _merge_continued_tables(items)
    for it in items:
        if isinstance(it, Table):
            if it.ncols <= 2:  # page layout: cells in reading order, left cell first
                for row in it.rows:
                    for cell in row:
                        # a converter joins a cell's paragraphs on one line: "**TM. UBND** **CHỦ TỊCH**",
                        # "A<br>B" — each is a line of the cell
                        for x in re.split(r"\n|<br\s*/?>|(?<=\*\*)[ \t]+(?=\*\*\S)", cell):
                            if x.strip():
                                out.append(_Line(x, strip(x), it.line))
                continue
            out.append(it)
            ln = it.line + 1
            continue
        out.append(_Line(it, strip(it), ln, is_marked_heading(it)))
        ln += 1
    return out


def _mark_artifacts(units: list[Unit], notes: list[str]) -> str:
    """E-office watermark runs (very short lines) → PAGEBREAK; returns the stamp (weak provenance)."""
    stamp = ""
    n = len(units)
    i = 0
    for u in units:
        if isinstance(u, _Line) and re.fullmatch(r"\s*[-_=*.·]{3,}\s*", u.raw):
            u.text = ""
    while i < n:
        j = i
        block: list[_Line] = []  # consecutive lines of at most 3 characters
        while j < n and isinstance(w := units[j], _Line) and len(w.text.strip()) <= 3:
            block.append(w)
            j += 1
        run = [x for x in block if x.text.strip()]
        if len(run) >= 6 and not all(x.text.strip().isdigit() for x in run):
            s = "".join(x.text.strip() for x in run)
            stamp = stamp or s
            notes.append(f"Đã bỏ {len(run)} dòng dấu chìm/dấu văn thư điện tử (“{s[:40]}…”).")
            for x in block:
                x.text = PAGEBREAK
            i = j
            continue
        i += 1
    return stamp


def _text(u: Unit) -> str:
    return u.text if isinstance(u, _Line) else ""


def _plain(u: Unit) -> str:
    return " ".join(_text(u).split()) if isinstance(u, _Line) and u.text != PAGEBREAK else ""


# -- entry points --------------------------------------------------------------------------


def parse_lines(raw_lines: list[str]) -> Draft:
    """The draft of a text extract (crawl, PDF/DOCX text, pasted text)."""
    d = Draft()
    ch = chrome.find(raw_lines)
    d.notes += ch.notes(len(raw_lines))
    d.site_meta = ch.meta
    lines = raw_lines[ch.start : ch.end]
    return parse_items(layout.items_from_lines(lines, ch.start + 1), d, ch.start + 1)


def parse_items(items: list[layout.Item], d: Draft | None = None, first_line: int = 1) -> Draft:
    d = d or Draft()
    units = _units(items, first_line)
    d.watermark = _mark_artifacts(units, d.notes)
    doc = _Doc(units, d)
    doc.run()
    return d


class _Doc:
    def __init__(self, units: list[Unit], d: Draft):
        self.u = units
        self.d = d
        self.n = len(units)

    # -- zones ---------------------------------------------------------------------------

    def _find_title(self, start: int, limit: int) -> int | None:
        for i in range(start, min(self.n, limit)):
            s = _plain(self.u[i])
            if not s:
                continue
            m = TITLE.match(s)
            if m and _title_rest_ok(m.group("rest")):
                return i
            if i > start + 5 and (
                KINH_GUI.match(s) or (PREAMBLE_START.match(s) and not header.SO_LINE.match(s))
            ):
                return None  # the body started: no type-word title before it
        return None

    def _header_end(self, start: int) -> int:
        """Without a title line: the header ends at "Kính gửi", the preamble or the first long line."""
        for i in range(start, min(self.n, start + 60)):
            u = self.u[i]
            if isinstance(u, Table):
                return i
            s = _plain(u)
            if not s:
                continue
            if KINH_GUI.match(s) or PREAMBLE_START.match(s) or ROMAN.match(s) or NUMBERED.match(s):
                return i
            if len(s) > 110 and not header.PLACE_DATE.search(s):
                return i
        return start

    def _title_block(self, i: int) -> tuple[str, str, int]:
        """(type word, trích yếu, index after the title block) for the title line at i."""
        s = _plain(self.u[i])
        m = TITLE.match(s)
        assert m
        tp = " ".join(m.group("type").split())
        tp = "KẾ HOẠCH" if tp.replace(" ", "") == "KẾHOẠCH" else tp
        parts = [m.group("rest").strip()] if m.group("rest").strip() else []
        j = i + 1
        blanks = 0
        while j < self.n and len(parts) < 8:
            u = self.u[j]
            if isinstance(u, Table):
                break
            x = _plain(u)
            if not x:
                blanks += 1
                j += 1
                if parts and blanks >= 2:
                    break
                continue
            if parts and blanks and (PREAMBLE_START.match(x) or len(x) > 150):
                break
            if (
                (PREAMBLE_START.match(x) and (parts or KINH_GUI.match(x)))
                or ROMAN.match(x)
                or KEM_THEO.match(x)
                or signature.starts_zone(x)
                or APPENDIX.match(x)
            ):
                break
            if parts and all(q.upper() == q for q in parts) and x.upper() != x and not x[:1].islower():
                break  # a capitalised trích yếu ends where sentence-case text starts
            if (
                parts
                and (u.hard or x.upper() == x)
                and (ENACTING.match(x) or _same_organ(x, self.d.organs))
                and not re.search(r"(,|\bCỦA|\bVÀ|\bVỀ)$", parts[-1])
            ):
                break  # the enacting authority ("THỦ TƯỚNG CHÍNH PHỦ") after a decision's title
            if re.search(r"\bđiện\s*:?\s*$", x) and parts:
                break  # "THỦ TƯỚNG CHÍNH PHỦ điện:"
            if parts and NUMBERED.match(x) and not x.isupper():
                break
            parts.append(x)
            blanks = 0
            j += 1
            if u.hard and parts and len(parts) > 1 and not x.isupper():
                break
        return tp, " ".join(" ".join(parts).split()), j

    def _signature_start(self, start: int, end: int) -> int | None:
        """The first "Nơi nhận" or authority line (TM./KT./T/M …) that opens a real signature block:
        recipients or a signer's name follow (examples of layouts quoted in a guide have neither)."""
        for i in range(start, end):
            s = _plain(self.u[i])
            if s and (signature.NOI_NHAN.match(s) or signature.AUTHORITY.match(s)) and self._real_block(i):
                return i
        return None

    def _real_block(self, i: int) -> bool:
        parts = [p for _, p in _zone_parts(list(self.u[i : min(self.n, i + 40)]))]
        for k, p in enumerate(parts[:40]):
            if (nn := signature.NOI_NHAN.match(p)) and (
                nn.group("rest").strip() or any(signature.ITEM.match(q) for q in parts[k + 1 : k + 3])
            ):
                return True
            if signature.is_name(p) and any(
                signature.position(q) or signature.AUTHORITY.match(q) for q in parts[:k]
            ):
                return True
        return False

    def _tail_captions(self, start: int) -> list[int]:
        """Starts of the parts after the signature: appendices, attached documents."""
        caps: list[int] = []
        i = start
        while i < self.n:
            u = self.u[i]
            s = _plain(u)
            if s and (APPENDIX.match(s) and len(s) < 160 and not re.search(r"(kèm theo|tại|theo)\s+Ph", s)):
                caps.append(i)
            elif (
                s
                and (m := TITLE.match(s))
                and _title_rest_ok(m.group("rest"))
                and (self._kem_theo_near(i) or (not m.group("rest").strip() and self._caps_next(i)))
            ):
                caps.append(i)  # an attached document: its type word alone, then its trích yếu
            elif (
                s
                and s.isupper()
                and len(s) > 8
                and not signature.position(s)
                and not signature.AUTHORITY.match(s)
                and self._kem_theo_near(i, 8)
                and (not caps or i > caps[-1] + 8)
            ):
                caps.append(i)  # "DANH SÁCH …" + "(Kèm theo Quyết định …)"
            i += 1
        return caps

    def _caps_next(self, i: int) -> bool:
        for k in range(i + 1, min(self.n, i + 4)):
            s = _plain(self.u[k])
            if s:
                return s.upper() == s and len(s) > 10
        return False

    def _kem_theo_near(self, i: int, span: int = 8) -> bool:
        for k in range(i + 1, min(self.n, i + span + 1)):
            s = _plain(self.u[k])
            if KEM_THEO.match(s) or KEM_THEO.match(f"{s} {_plain(self.u[k + 1]) if k + 1 < self.n else ''}"):
                return True  # "(Ban" ⏎ "hành kèm theo …"
            if isinstance(self.u[k], Table) or signature.starts_zone(s):
                return False
        return False

    # -- the run -------------------------------------------------------------------------

    def run(self) -> None:
        d, f = self.d, self.d.fields
        start = 0
        while start < self.n and not _plain(self.u[start]) and not isinstance(self.u[start], Table):
            start += 1
        # e-signature stamp lines before the header ("Ký bởi: …", "Số: …; dd/mm/yyyy; hh:mm:ss;")
        while start < self.n and re.match(
            r"^(Ký\s+bởi|Email|Cơ\s+quan|Thời\s+gian\s+ký|Số:\s*\S+;\s*\d)", _plain(self.u[start]), re.I
        ):
            d.stamps.append(_plain(self.u[start]))
            start += 1
        title_i = self._find_title(start, start + 90)
        h_end = title_i if title_i is not None else self._header_end(start)
        hlines: list[str] = []
        for i in range(start, h_end):
            u = self.u[i]
            if isinstance(u, _Line) and u.text != PAGEBREAK and u.text.strip():
                hlines += [p for p in re.split(r"\t|\s{3,}", u.text.strip()) if p.strip()]
        h = header.parse(hlines)
        d.header = h.lines
        d.organs = h.organs
        for o in h.organs:
            d.issuer_names.append(("header", o))
        d.notes += h.notes
        if h.party:
            f["_party"] = True
        if any(re.match(r"DỰ\s*THẢO", x, re.I) for x in h.marks):
            f["status"] = "du-thao"
        if h.number:
            f["number"] = h.number
        elif h.number_blank:
            d.notes.append(f"Số, ký hiệu để trống trên văn bản (“Số: {h.number_blank}”): chưa cấp số.")
            f["_number_blank"] = h.number_blank
        if h.place:
            f["place"] = h.place
        d.date_state, d.date_printed = h.date_state, h.date_printed or ""
        if h.issued:
            f["issued"] = h.issued
        elif h.date_state == "blank":
            d.notes.append(f"Ngày ban hành để trống trên văn bản (“{h.date_printed}”): chưa ký ban hành.")
        elif h.date_state == "unreadable":
            d.notes.append(
                f"Ngày ban hành in trên văn bản nhưng không đọc được (“{h.date_printed}”): kiểm tra và điền tay."
            )
        body_start = h_end
        if title_i is not None:
            tp, title, body_start = self._title_block(title_i)
            d.doc_type = TYPE_VI.get(tp, tp.capitalize())
            if title:
                f["title"] = title
        elif h.vv:
            d.doc_type = "Công văn"
            f["title"] = h.vv
        elif any(KINH_GUI.match(_plain(u)) for u in self.u[h_end : h_end + 3]):
            d.doc_type = "Công văn"  # a letter without its header: "Kính gửi" opens it
        if "title" not in f and h.vv:
            f["title"] = h.vv
        # the enacting authority line of a decision ("THỦ TƯỚNG CHÍNH PHỦ", "CHỦ TỊCH ỦY BAN NHÂN DÂN …")
        k = body_start
        while k < self.n and not _plain(self.u[k]) and not isinstance(self.u[k], Table):
            k += 1
        if k < self.n and isinstance(self.u[k], _Line):
            s = _plain(self.u[k])
            if s.upper() == s and (ENACTING.match(s) or _same_organ(s, d.organs)) and len(s) < 120:
                d.enacting = s
        # signature zone and tail
        sig_i = self._signature_start(body_start, self.n)
        tail_from = sig_i if sig_i is not None else body_start
        caps = [c for c in self._tail_captions(tail_from) if c > tail_from or sig_i is None]
        if sig_i is None and caps:
            sig_end = caps[0]
            body_end = caps[0]
        elif sig_i is not None:
            sig_end = caps[0] if caps else self.n
            body_end = sig_i
        else:
            sig_end = body_end = self.n
        # page numbers (before the tail only: appendix TT numbers stand alone too)
        texts = [x.text if isinstance(x, _Line) else "x" for x in self.u]
        for i in range(start, body_end):
            u = self.u[i]
            if isinstance(u, _Line) and u.text != PAGEBREAK and u.text.strip() and is_page_number(texts, i):
                d.notes.append(f"Đã bỏ số trang “{u.text.strip()}” (dòng {u.src} của tệp nhập).")
                u.text = PAGEBREAK
        # the signature
        zone = [u for u in self.u[sig_i:sig_end]] if sig_i is not None else []
        # side-by-side columns on one extracted line (PDF layout, pasted text): left part, then right
        zparts = _zone_parts(zone)
        zlines = [p for _, p in zparts]
        sig = signature.parse(zlines)
        # text after a complete signature that the signature does not explain (an attached
        # regulation whose caption has no type word, a second part) is a part of the tail
        if sig.name and sig.recipients and sig_i is not None:
            rest = [
                k
                for k in range(sig.name_at + 1, len(zlines))
                if k not in sig.used and zlines[k].strip() and not FOOTNOTE_BODY.match(zlines[k])
            ]
            if len(rest) >= 3:
                cut = sig_i + zparts[rest[0]][0]
                caps = [cut, *caps]
                sig_end = cut
                zone = list(self.u[sig_i:sig_end])
                zparts = _zone_parts(zone)
                zlines = [p for _, p in zparts]
                sig = signature.parse(zlines)
        if sig.recipients:
            f["recipients"] = sig.recipients
        if signer := sig.signer():
            f["signer"] = signer
        d.authority = sig.authority
        d.stamps += sig.stamps
        leftovers = [x for k, x in enumerate(zlines) if k not in sig.used and x.strip() and x != PAGEBREAK]
        zone_tables = [u for u in zone if isinstance(u, Table)]
        # footnote bodies anywhere after the body ("[1] …" in crawls, "<sup>1</sup> …" from Word)
        notes_text, leftovers = _take_footnotes(leftovers)
        # the tail: appendices and attached documents
        parts: list[tuple[int, int]] = [(c, e) for c, e in zip(caps, [*caps[1:], self.n], strict=False)]
        for c, e in parts:
            tail_lines = [u for u in self.u[c:e]]
            self._tail_notes(tail_lines, notes_text)
        d.footnotes.update(notes_text)
        # a decision issuing a plan: the attached plan becomes the draft, the decision its issuing act
        plan_part = None
        if d.doc_type == "Quyết định":
            for c, e in parts:
                m = TITLE.match(_plain(self.u[c]))
                if (m and " ".join(m.group("type").split()) in ("KẾ HOẠCH", "KẾ  HOẠCH")) or (
                    m and m.group("type").replace(" ", "") == "KẾHOẠCH"
                ):
                    plan_part = (c, e)
                    break
        main_body = self._render_run(body_start, body_end)
        d.preamble = _preamble(main_body)
        if plan_part is not None:
            self._as_plan(plan_part, parts, main_body, h, sig)
        else:
            d.body = [to_markdown(p) for _, p in main_body]
            for t in zone_tables:
                d.body.append(md_table(t))
            for c, e in parts:
                d.body += self._render_part(c, e)
            closing = [p for _, p in main_body if CLOSING.search(p)]
            d.closing = closing[-1] if closing else ""
        for x in leftovers:
            d.unplaced.append(x.strip())
        d.text = "\n".join(_text(u) for u in self.u if isinstance(u, _Line) and u.text != PAGEBREAK)
        # tasks: task tables anywhere; prose tasks when there is none
        if not f.get("tasks"):
            tables = [u for u in self.u[body_start:] if isinstance(u, Table) and is_task_table(u)]
            tasks: list[dict[str, Any]] = []
            for t in tables:
                tasks += table_tasks(t)
            if not tasks and self._line_table_tasks is not None:
                tasks = self._line_table_tasks
            if not tasks:
                paras = [p for _, p in self._task_paras]
                tasks = prose_tasks(paras)
            if tasks:
                _unique_ids(tasks)
                f["tasks"] = tasks
        for src in (f.get("title", ""), d.closing, d.preamble):
            if src and (p := period_from(src)):
                f["period"] = p
                break
        if d.doc_type and d.doc_type != "Kế hoạch":
            f["type"] = d.doc_type

    _line_table_tasks: list[dict[str, Any]] | None = None
    _task_paras: tuple[tuple[int, str], ...] | list[tuple[int, str]] = ()

    # -- rendering -----------------------------------------------------------------------

    def _render_run(self, a: int, b: int) -> list[tuple[int, str]]:
        """Paragraphs (and tables, as their Markdown) of units[a:b], footnotes placed."""
        out: list[tuple[int, str]] = []
        run: list[_Line] = []

        def flush() -> None:
            if not run:
                return
            out.extend(self._paragraphs(run))
            run.clear()

        for u in self.u[a:b]:
            if isinstance(u, Table):
                flush()
                out.append((u.line, "\x00TABLE\x00" + md_table(u)))
            else:
                run.append(u)
        flush()
        self._task_paras = [*self._task_paras, *((k, p) for k, p in out if not p.startswith("\x00TABLE"))]
        return [(k, p[len("\x00TABLE\x00") :] if p.startswith("\x00TABLE\x00") else p) for k, p in out]

    def _paragraphs(self, run: list[_Line]) -> list[tuple[int, str]]:
        d = self.d
        lines = [u.text for u in run]
        idx = [k for k, x in enumerate(lines) if x.strip() and x != PAGEBREAK]
        notes, used = footnote_bodies(lines, idx, start=len(d.footnotes) + 1)
        for k, v in notes.items():
            d.footnotes.setdefault(k, v)
        text_lines = [(run[k].src, lines[k]) for k in range(len(lines)) if k not in used]
        hard = {run[k].src for k in range(len(run)) if run[k].hard}
        soft: set[int] = set()
        text_lines = mark_loose_footnote_refs(text_lines, d.footnotes, soft)
        paras = join_paragraphs(text_lines, hard, soft)
        # crawl markers "[1]" → Markdown footnote references, for notes we have
        return [
            (
                k,
                re.sub(
                    r"\[(\d{1,3})\]",
                    lambda m: f"[^{m.group(1)}]" if m.group(1) in d.footnotes else m.group(0),
                    p,
                ),
            )
            for k, p in paras
        ]

    def _render_part(self, c: int, e: int) -> list[str]:
        """An appendix or an attached document: its caption as a heading, then its content."""
        out: list[str] = []
        cap_lines: list[str] = []
        k = c
        while k < e and isinstance(self.u[k], _Line) and len(cap_lines) < 8:
            s = _plain(self.u[k])
            if s and (
                FOOTNOTE_BODY.match(s)
                or (
                    cap_lines
                    and (
                        len(s) > 160
                        or NUMBERED.match(s)
                        or ROMAN.match(s)
                        or PREAMBLE_START.match(s)
                        or re.match(r"^\|?\s*(S?TT|Số\s*TT)\b|^\d{1,3}$", s)
                    )
                )
            ):
                break  # the caption ended: text, or a table flattened one cell per line
            if s:
                cap_lines.append(s)
                if KEM_THEO.match(s) and s.rstrip().endswith(")"):
                    k += 1
                    break
            k += 1
        head, rest = (cap_lines[0], cap_lines[1:]) if cap_lines else ("Phụ lục", [])
        out.append("## " + head.replace("<", "&lt;"))
        kem = [x for x in rest if KEM_THEO.match(x) or x.endswith(")")]
        capt = [x for x in rest if x not in kem]
        if capt:
            out.append("**" + " ".join(capt).replace("<", "&lt;").replace("*", "\\*") + "**")
        if kem:
            out.append("*" + " ".join(kem).replace("<", "&lt;").replace("*", "\\*") + "*")
            self.d.issuer_names.append(("appendix", " ".join(kem)))
        units = [u for u in self.u[k:e] if not (isinstance(u, _Line) and FOOTNOTE_BODY.match(_plain(u)))]
        if not any(isinstance(u, Table) for u in units) and self._flat_task_lines(units):
            return [*out, self._flat_md]
        body = self._render_run(k, e)
        out += [
            p if p.startswith("|") else to_markdown(p)
            for _, p in body
            if not FOOTNOTE_BODY.match(p) and not _is_note_continuation(p, self.d.footnotes)
        ]
        return out

    _flat_md = ""

    def _flat_task_lines(self, units: list[Unit]) -> bool:
        """An appendix table flattened to one cell per line without separators (PDF extracts)."""
        lines = [_text(u) for u in units if isinstance(u, _Line) and u.text != PAGEBREAK and u.text.strip()]
        if not lines or (
            not re.match(r"^\|?\s*(TT|STT|Số\s*TT)\b", lines[0].strip())
            and not any(re.match(r"^(TT|STT)$", x.strip()) for x in lines[:3])
        ):
            return False
        hdr, rows, leftovers = parse_flat_table(lines)
        if not rows:
            return False
        self._line_table_tasks = tasks_from_rows(hdr, rows)
        from .tables import Row  # noqa: F401  (Row objects carry the cells)

        md = ["| " + " | ".join(hdr) + " |", "|" + "---|" * len(hdr)]
        for r in rows:
            md.append(
                "| "
                + " | ".join(" ".join(c.split()).replace("|", "\\|").replace("<", "&lt;") for c in r.cells)
                + " |"
            )
        self._flat_md = "\n".join(md)
        for x in leftovers:
            self.d.unplaced.append(x.strip())
        return True

    def _tail_notes(self, units: list[Unit], notes: dict[str, str]) -> None:
        lines = [_plain(u) for u in units if isinstance(u, _Line)]
        got, _ = _take_footnotes(lines)
        for k, v in got.items():
            notes.setdefault(k, v)

    def _as_plan(
        self,
        plan_part: tuple[int, int],
        parts: list[tuple[int, int]],
        main_body: list[tuple[int, str]],
        h: header.Header,
        sig: signature.Signature,
    ) -> None:
        """A Quyết định that issues a plan: the plan is the draft; the decision is its issuing act."""
        d, f = self.d, self.d.fields
        c, e = plan_part
        _tp, title, k = self._title_block(c)
        decision = {
            k2: v
            for k2, v in (
                ("number", f.pop("number", None)),
                ("issued", f.get("issued")),
                ("title", f.get("title")),
            )
            if v
        }
        if f.get("signer"):
            decision["signer"] = dict(f["signer"])
        f["issued_by_decision"] = decision
        if title:
            f["title"] = title
        d.doc_type = "Kế hoạch"
        kem: list[str] = []
        while (
            k < e
            and isinstance(self.u[k], _Line)
            and (
                not _plain(self.u[k])
                or KEM_THEO.match(_plain(self.u[k]))
                or (kem and not kem[-1].rstrip().endswith(")"))
            )
        ):
            if _plain(self.u[k]):
                kem.append(_plain(self.u[k]))
            k += 1
        self._task_paras = []
        plan_body = self._render_run(k, e)
        d.preamble = "\n".join(filter(None, [d.preamble, _preamble(plan_body)]))
        closing = [p for _, p in plan_body if CLOSING.search(p)]
        d.closing = closing[-1] if closing else ""
        if kem:
            d.body.append("*" + " ".join(kem).replace("<", "&lt;").replace("*", "\\*") + "*")
            d.issuer_names.append(("appendix", " ".join(kem)))
        d.body += [p if p.startswith("|") else to_markdown(p) for _, p in plan_body]
        for c2, e2 in parts:
            if (c2, e2) != plan_part:
                d.body += self._render_part(c2, e2)
        num = f" số {decision['number']}" if decision.get("number") else ""
        d.body.append(f"## Quyết định{num} ban hành Kế hoạch")
        d.body += [to_markdown(p) for _, p in main_body]
        d.notes.append(
            f"Văn bản là Quyết định{num} ban hành Kế hoạch kèm theo: bản nháp là Kế hoạch; Quyết định ghi ở "
            "`issued_by_decision` (số, ngày, trích yếu, người ký) và toàn văn ở cuối nội dung."
        )


def _zone_parts(zone: list[Unit]) -> list[tuple[int, str]]:
    """(unit index, column text) for the zone's lines, a line cut where two columns sit side by side."""
    return [
        (k, p)
        for k, u in enumerate(zone)
        if isinstance(u, _Line)
        for p in re.split(r"\t|\s{3,}", _text(u).strip())
        if p.strip()
    ]


def _title_rest_ok(rest: str) -> bool:
    """'KẾ HOẠCH' alone or with its trích yếu; not prose ("Kế hoạch số …") nor "QUYẾT ĐỊNH:"."""
    rest = rest.strip()
    if rest.startswith(":"):
        return False
    return not rest or (
        (rest[:1].isupper() or rest[:1] in '“"(') and not re.match(r"^(số|này|ngày)\b", rest, re.I)
    )


def _same_organ(line: str, organs: list[str]) -> bool:
    from ..base.text import match_form

    s = match_form(line)
    return bool(organs) and any(
        match_form(o) == s or (len(o) > 8 and s.endswith(match_form(o))) for o in organs
    )


def _preamble(paras: list[tuple[int, str]]) -> str:
    pre: list[str] = []
    for _, p in paras:
        if ROMAN.match(p) or NUMBERED.match(p) or re.match(r"^\s*(Điều|Chương)\s+\d|^QUYẾT\s+ĐỊNH\s*:", p):
            break
        pre.append(p)
    return "\n".join(pre)


def _take_footnotes(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """ "[1] text" bodies (and their continuation lines); the other lines are returned."""
    notes: dict[str, str] = {}
    rest: list[str] = []
    cur: str | None = None
    for x in lines:
        s = " ".join(x.split())
        if m := FOOTNOTE_BODY.match(s):
            cur = m.group(1)
            notes[cur] = m.group(2)
            continue
        if cur is not None and s and not APPENDIX.match(s) and not TITLE.match(s):
            notes[cur] += " " + s
            continue
        cur = None if not s else cur
        rest.append(x)
    return notes, rest


def _is_note_continuation(p: str, notes: dict[str, str]) -> bool:
    return any(p and p in v for v in notes.values()) and len(p) > 20


def _unique_ids(tasks: list[dict[str, Any]]) -> None:
    """Task ids as printed, made unique (a repeated TT gets .2, .3 … never clashing with a printed id)."""
    printed = {str(t["id"]) for t in tasks}
    used: set[str] = set()
    for t in tasks:
        tid = str(t["id"])
        if tid in used:
            k = 2
            while f"{tid}.{k}" in used or f"{tid}.{k}" in printed:
                k += 1
            tid = f"{tid}.{k}"
        t["id"] = tid
        used.add(tid)
