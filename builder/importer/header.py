"""The header block (thể thức, NĐ 30/2020 Art. 8 and Phụ lục I; HD 36-HD/VPTW for party documents).

Left column: cơ quan chủ quản / cơ quan ban hành, "Số: …" (party: "Số …" without colon), for a
công văn the "V/v …" trích yếu. Right column: quốc hiệu + tiêu ngữ (party: "ĐẢNG CỘNG SẢN VIỆT NAM"),
then "<địa danh>, ngày … tháng … năm …". Extracts give the columns in any order and break lines
anywhere ("ỦY BAN NHÂN⏎DÂN", "ngày 18⏎tháng 11"), so lines are classified by what they say, and the
issuer's lines are joined before being split into organs at their head words.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..base.text import match_form

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"

MOTTO = re.compile(
    r"C\s*Ộ\s*N\s*G\s+H\s*[ÒO]\s*À?\s*X\s*Ã\s+H\s*Ộ\s*I|CH\s*Ủ\s+NGH\s*ĨA\s+VI\s*Ệ\s*T\s+NAM|Độc\s+lập\s*[-–]\s*Tự\s+do"
    r"|Tự\s+do\s*[-–]\s*Hạnh\s+phúc|^Hạnh\s+phúc$|ĐẢNG\s+CỘNG\s+SẢN(\s+VIỆT\s+NAM)?|^VIỆT\s+NAM$|^CỘNG\s+HÒA$|^XÃ\s+HỘI$",
    re.I,
)
RULE = re.compile(r"^[-_=*.·—–\s]{3,}$|^\*+$")
SO_LINE = re.compile(r"^Số\b\s*:?\s*(?P<rest>.*)$")
# the số/ký hiệu: digits (maybe blank), "/" or "-" and the ký hiệu; spaces and line breaks allowed
NUMBER = re.compile(
    r"(?P<n>\d{1,5}(?:\.\d{1,2})?)?\s*(?P<sep>[/-])\s*(?P<kh>(?:(?:19|20)\d\d\s*/\s*)?[A-ZĐ][\wĐđ&]*(?:\s*[-/&]\s*[A-ZĐ][\wĐđ&]*)*)"
)
DATE_WORDS = re.compile(
    r"ngày\s*(?P<d>[\d.…_ ]*?)\s*tháng\s*(?P<m>[\d.…_ ]*?)\s*năm\s*(?P<y>\d{4}|[.…_ ]*)", re.I
)
PLACE_DATE = re.compile(rf"(?P<place>[{UPPER}][\w. ]{{1,40}}?)\s*,\s*(?P<date>ngày\b.*)$")
VV = re.compile(r"^(?:V/v|V/V|Về\s+việc)\b\s*:?\s*(?P<rest>.*)$")
MARKS = re.compile(r"^(?:DỰ\s*THẢO|KHẨN|THƯỢNG\s+KHẨN|HỎA\s+TỐC|HOẢ\s+TỐC|MẬT|TỐI\s+MẬT|TUYỆT\s+MẬT)\b", re.I)

# Head words of an organ's name: where the name of a lower organ starts in a joined header.
ORGAN_HEADS = (
    "ỦY BAN NHÂN DÂN",
    "UỶ BAN NHÂN DÂN",
    "UBND",
    "HỘI ĐỒNG NHÂN DÂN",
    "HĐND",
    "ỦY BAN MẶT TRẬN",
    "UỶ BAN MẶT TRẬN",
    "ỦY BAN MTTQ",
    "UỶ BAN MTTQ",
    "ỦY BAN KIỂM TRA",
    "UỶ BAN KIỂM TRA",
    "ỦY BAN BẦU CỬ",
    "UỶ BAN BẦU CỬ",
    "ĐẢNG BỘ",
    "ĐẢNG ỦY",
    "ĐẢNG UỶ",
    "TỈNH ỦY",
    "TỈNH UỶ",
    "THÀNH ỦY",
    "THÀNH UỶ",
    "CHI BỘ",
    "BAN",
    "SỞ",
    "BỘ",
    "VĂN PHÒNG",
    "PHÒNG",
    "TRUNG TÂM",
    "HỘI ĐỒNG",
    "CỤC",
    "CHI CỤC",
    "TỔNG CỤC",
    "VỤ",
    "TỔ",
    "ĐOÀN",
    "HỘI",
    "CÔNG AN",
    "THANH TRA",
    "KHO BẠC",
    "TRƯỜNG",
    "BỆNH VIỆN",
    "THỦ TƯỚNG",
    "CHÍNH PHỦ",
    "QUỐC HỘI",
    "TÒA ÁN",
    "VIỆN KIỂM SÁT",
    "BỘ CHỈ HUY",
    "BAN CHỈ ĐẠO",
    "BAN QUẢN LÝ",
    "LIÊN ĐOÀN",
)
_HEAD_RX = re.compile(
    r"(?<![\w])("
    + "|".join(sorted((re.escape(h) for h in ORGAN_HEADS), key=len, reverse=True))
    + r")(?![\w])"
)
# words that continue the name before them ("ỦY BAN" in "ỦY BAN NHÂN DÂN", "BỘ" in "ĐẢNG BỘ"…)
_NOT_A_SPLIT_AFTER = {"ỦY", "UỶ", "ĐẢNG", "CHI", "TỔNG", "VĂN", "LIÊN", "CÔNG", "TỈNH", "THÀNH"}
LOCALITY = re.compile(
    rf"\b(TỈNH|THÀNH PHỐ|TP\.?|XÃ|PHƯỜNG|ĐẶC KHU|HUYỆN|QUẬN|THỊ XÃ|THỊ TRẤN)\s+[{UPPER}]", re.I
)


@dataclass
class Header:
    lines: list[str] = field(default_factory=list)  # as printed (markup stripped), for the draft's comment
    organs: list[str] = field(default_factory=list)  # parent first, issuing organ last (capitals as printed)
    number: str | None = None
    number_blank: str | None = None  # "Số: /KH-UBND": printed with the number left blank
    place: str | None = None
    issued: str | None = None
    date_printed: str | None = None
    date_state: str = "absent"  # absent | ok | blank | unreadable
    vv: str | None = None  # công văn: "V/v …"
    party: bool = False
    marks: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def iso(d: str, m: str, y: str) -> str | None:
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except (TypeError, ValueError):
        return None


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def parse_date(text: str) -> tuple[str, str | None]:
    """('ok', ISO) | ('blank', None) | ('unreadable', None) for "ngày … tháng … năm …" (or dd/mm/yyyy)."""
    t = " ".join(text.split())
    m = DATE_WORDS.search(t)
    if m:
        d, mo, y = (re.sub(r"\s", "", m.group(k)) for k in ("d", "m", "y"))
        if d.isdigit() and mo.isdigit() and y.isdigit():
            got = iso(d, mo, y)
            return ("ok", got) if got else ("unreadable", None)
        if (
            (not d or not d.isdigit())
            and re.fullmatch(r"[.…_]*", d or "")
            and (not mo or mo.isdigit() or re.fullmatch(r"[.…_]*", mo))
        ):
            return "blank", None
        return "unreadable", None
    m = re.search(r"ngày\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", t)
    if m:
        got = iso(*m.groups())
        return ("ok", got) if got else ("unreadable", None)
    return "unreadable", None


def canonical_number(raw: str) -> str:
    """The số/ký hiệu as a key: no spaces, one kind of hyphen, official case ("QĐ-TTG" → "QĐ-TTg")."""
    from ..content.keys import canonical_number as canon

    return canon(raw)


def split_organs(joined: str) -> list[str]:
    """'UBND TỈNH LÂM ĐỒNG SỞ NỘI VỤ' → ['UBND TỈNH LÂM ĐỒNG', 'SỞ NỘI VỤ'] (at head words)."""
    s = " ".join(joined.split())
    cuts = [0]
    for m in _HEAD_RX.finditer(s):
        p = m.start()
        if p == 0:
            continue
        before = s[:p].split()
        if not before or before[-1].rstrip(",") in _NOT_A_SPLIT_AFTER or before[-1].endswith(","):
            continue
        prev = s[cuts[-1] : p].strip()
        if _inside_place_name(prev, s[p:]):
            continue  # "THÀNH PHỐ HẢI PHÒNG": the head word is part of the place's name
        # a lower organ starts after a complete name: one that names its place or is a known body
        if (
            LOCALITY.search(prev)
            or re.search(r"TRUNG ƯƠNG|CHÍNH PHỦ|VIỆT NAM|\bTW\b", prev)
            or (prev.startswith("BỘ ") and len(prev.split()) >= 3)
            or (len(prev.split()) >= 3 and m.group(1) not in ("VỤ", "HỘI", "TỔ", "ĐOÀN", "BỘ"))
        ):
            cuts.append(p)
    parts = [s[a:b].strip(" ,-") for a, b in zip(cuts, [*cuts[1:], len(s)], strict=False)]
    return [p for p in parts if p]


_W = r"\s*"  # line breaks and stray spaces between the letters of a broken header word
MOTTO_PHRASES = re.compile(
    r"C\s*Ộ\s*N\s*G\s+H\s*(?:Ò\s*A|O\s*À)\s+X\s*Ã\s+H\s*Ộ\s*I\s+C\s*H\s*Ủ\s+N\s*G\s*H\s*Ĩ\s*A\s+V\s*I\s*Ệ\s*T\s+N\s*A\s*M"
    r"|Đ\s*Ả\s*N\s*G\s+C\s*Ộ\s*N\s*G\s+S\s*Ả\s*N\s+V\s*I\s*Ệ\s*T\s+N\s*A\s*M",
    re.I,
)


def _inside_place_name(prev: str, rest: str) -> bool:
    from ..content.localities import resolve

    m = list(LOCALITY.finditer(prev))
    if not m:
        return False
    name = prev[m[-1].end() - 1 :].split()
    nxt = rest.split()[:2]
    for k in (1, 2):
        cand = " ".join([*name, *nxt[:k]])
        if len(name) <= 3 and cand and (resolve(cand.title())[0] is not None or resolve(cand.title())[1]):
            return True
    return False


def parse(lines: list[str]) -> Header:
    """The header: `lines` are the lines before the title, markup stripped, pipes removed.

    Capitalised lines form one stream (issuer column and quốc hiệu, in any order and broken
    anywhere): the motto phrases are removed from it and what is left is the issuer's name.
    The other lines form a second stream in which "<place>, ngày … tháng … năm …" is found
    even when wrapped, and where a công văn's "V/v …" ends.
    """
    h = Header()
    caps: list[str] = []
    flow: list[str] = []  # non-capital lines in reading order ("V/v …", place-date, stray text)
    vv_at: int | None = None  # index in `flow` where "V/v" starts
    pending_so = False
    seen_so = False
    loose_numbers: list[str] = []
    for raw in lines:
        s = " ".join(raw.split())
        if not s:
            continue
        h.lines.append(s)
        if RULE.match(s) or re.fullmatch(r"[*\s]+", s):
            continue
        if MARKS.match(s):
            h.marks.append(s)
            continue
        if m := SO_LINE.match(s):
            pending_so = seen_so = True
            rest = m.group("rest")
            vv = VV.search(rest)
            if vv:
                vv_at = len(flow)
                flow.append(rest[vv.start() :])
                rest = rest[: vv.start()]
            if _take_number(h, rest):
                pending_so = False
            continue
        if pending_so and not h.number and not h.number_blank and NUMBER.match(s) and _take_number(h, s):
            pending_so = False
            continue
        if re.fullmatch(r"\d{1,5}", s):
            loose_numbers.append(s)  # a number stamped apart from "Số: /…" by the e-office system
            continue
        if VV.match(s) or (seen_so and vv_at is None and re.match(r"^Về\s+\w", s)):
            # "V/v …", or a trích yếu under "Số:" that starts "Về …" without the V/v
            vv_at = len(flow)
            flow.append(s)
            continue
        if re.match(r"^Độc\s+lập|^Tự\s+do|^Hạnh\s+phúc", s, re.I):
            continue
        if _is_caps(s) and not re.search(r",\s*ngày\b", s):
            caps.append(s)
            continue
        flow.append(s)
    text = " ".join(flow)
    _find_date(h, text, vv_at is not None)
    if vv_at is not None:
        vv_text = " ".join(flow[vv_at:])
        if h.date_printed and h.date_printed in vv_text:
            vv_text = vv_text[: vv_text.index(h.date_printed)]
        m = VV.match(vv_text)
        h.vv = " ".join((m.group("rest") if m else vv_text).split()).strip() or None
    if h.number is None and h.number_blank and len(loose_numbers) == 1:
        h.number = canonical_number(loose_numbers[0] + h.number_blank.lstrip())
        h.notes.append(
            f"Số “{loose_numbers[0]}” in tách khỏi dòng “Số:” (số do hệ thống văn thư cấp), đã ghép: {h.number}."
        )
        h.number_blank = None
    joined = " ".join(caps)
    if MOTTO_PHRASES.search(joined) or re.search(r"ĐẢNG\s+CỘNG\s+SẢN", joined):
        h.party = bool(re.search(r"Đ\s*Ả\s*N\s*G\s+C\s*Ộ\s*N\s*G\s+S\s*Ả\s*N", joined)) and not re.search(
            r"C\s*Ộ\s*N\s*G\s+H", joined
        )
    joined = MOTTO_PHRASES.sub(" ", joined)
    joined = re.sub(r"\s+[-–]+\s*$|^\s*[-–]+\s+", " ", joined)
    h.organs = split_organs(joined) if joined.strip() else []
    return h


def _find_date(h: Header, text: str, has_vv: bool) -> None:
    """'<địa danh>, ngày … tháng … năm …' anywhere in the flow (wrapped, after a V/v)."""
    m = re.search(r",\s*ngày\b", text)
    if not m:
        m2 = re.search(r"\bngày\s*[\d.…_ ]{0,6}\s*tháng\b", text)
        if m2:
            h.date_printed = text[m2.start() :].strip()
            h.date_state, h.issued = parse_date(h.date_printed)
        return
    before = text[: m.start()].split()
    place = _place(before)
    tail = text[m.end() - len("ngày") :]
    y = re.search(r"năm\s*(?:\d\s*){4}|năm\s*[.…_]*", tail)
    date = tail[: y.end()] if y else tail
    h.place = place
    h.date_printed = (f"{place}, " if place else "") + " ".join(date.split())
    h.date_state, h.issued = parse_date(date)


def _place(words: list[str]) -> str | None:
    """The place name before ", ngày": the longest run of final words that names a locality,
    else the final capitalised words ("Hòa Xuân", "Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh")."""
    from ..content.localities import resolve

    for k in range(min(6, len(words)), 0, -1):
        cand = " ".join(words[-k:]).strip('*(“"')
        if not cand[:1].isupper():
            continue
        unit, others = resolve(cand)
        if unit is not None or others:
            return cand
    out: list[str] = []
    for w in reversed(words[-6:]):
        if w[:1].isupper() or (out and w.lower() in ("phố",)) or w.lower() in ("phố",):
            out.insert(0, w)
        else:
            break
    cand = " ".join(out).strip('*(“"')
    return cand or None


def _take_number(h: Header, text: str) -> bool:
    t = text.strip()
    if not t:
        return False
    m = NUMBER.search(t)
    if not m or not m.group("kh"):
        return False
    kh = " ".join(m.group("kh").split())
    if m.group("n"):
        h.number = canonical_number(f"{m.group('n')}{m.group('sep')}{kh}")
    else:
        h.number_blank = f"{m.group('sep')}{kh.replace(' ', '')}"
    return True


def title_case_organ(caps: str) -> str:
    """'ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK' → 'Ủy ban nhân dân tỉnh Đắk Lắk'; 'SỞ NỘI VỤ' → 'Sở Nội vụ'."""
    from .issuer import _title_case

    return _title_case(" ".join(caps.split()))


def same(a: str, b: str) -> bool:
    return match_form(a) == match_form(b)
