"""Who issued the document: correct, or honestly unknown.

The issuer comes from the header (parent organ + organ: "UBND TỈNH X / SỞ Y", "ĐẢNG ỦY … / BAN …"),
cross-checked with the signature block ("TM. ỦY BAN NHÂN DÂN", "T/M BAN BÍ THƯ") and a decision's
enacting formula ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X"). Documents printed without a header (the seeds,
crawls that lost it) fall back on the document's own sentences: "UBND xã X xây dựng Kế hoạch…",
"Trên đây là Kế hoạch … của X./.", the title, an appendix's "(Kèm theo … của X)".

A registered agency (content/co-quan) is used only when its name matches **and** its locality is
the one the document names (province, and commune for a commune-level body); a central body matches
only a central name. Anything else is a proposed stub with the locality resolved by
`vietnam-provinces` — or, when the document does not say where it comes from, `chua-xac-dinh`
with a report line. A confident wrong agency is the one outcome that must not happen.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from ..base.text import match_form, slugify
from ..content.corpus import AgencyRecord
from ..content.localities import Unit

ABBREV = [
    ("UBND", "Ủy ban nhân dân"),
    ("HĐND", "Hội đồng nhân dân"),
    ("UB MTTQ", "Ủy ban Mặt trận Tổ quốc"),
    ("MTTQVN", "Mặt trận Tổ quốc Việt Nam"),
    ("MTTQ", "Mặt trận Tổ quốc"),
    ("VP", "Văn phòng"),
]
HEAD = (
    r"(?:Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|UBND|Hội\s+đồng\s+nhân\s+dân|HĐND|Sở|Văn\s+phòng|Trung\s+tâm|Ban|Phòng|"
    r"Đảng\s+ủy|Đảng\s+uỷ|Thành\s+ủy|Thành\s+uỷ|Tỉnh\s+ủy|Tỉnh\s+uỷ|Bộ|Cục|Chi\s+cục|Trường|Bệnh\s+viện|Công\s+an|Mặt\s+trận|Ủy\s+ban\s+Mặt\s+trận|Hội|Đoàn|Liên\s+đoàn|Kho\s+bạc|Thanh\s+tra|Tổng\s+cục)"
)
NAME_TAIL = r"[^,;:.()\n]{0,80}?"
ISSUES = re.compile(
    rf"(?P<name>{HEAD}{NAME_TAIL})\s*(?:\[\^\d+\])?\s*(?:xây\s+dựng|ban\s+hành|triển\s+khai)\s+(?:Kế|kế)\s+hoạch"
)
OF = re.compile(rf"\bcủa\s+(?P<name>{HEAD}{NAME_TAIL})\s*(?:\)|\./\.|\.?\s*$)")
# the sentence that ends the preamble: "<cơ quan> hướng dẫn / báo cáo / đề nghị … như sau:"
SUBJECT = re.compile(
    rf"(?:^|[,;.]\s+)(?:[-–]\s*)?(?P<name>{HEAD}[^,;:.()\n]{{0,80}}?)\s+(?:hướng\s+dẫn|báo\s+cáo|thông\s+báo|đề\s+nghị|yêu\s+cầu|"
    rf"chỉ\s+đạo|quy\s+định|quyết\s+định|kết\s+luận|xây\s+dựng|ban\s+hành|triển\s+khai)\b[^\n]*(?:như\s+sau|sau\s+đây)\s*:\s*$"
)
LOCAL_KIND = re.compile(
    r"\b(xã|phường|đặc khu|tỉnh|thành phố)\s+([A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})"
)
CENTRAL = re.compile(
    r"^(?:Bộ\s|Chính\s+phủ|Thủ\s+tướng|Văn\s+phòng\s+Chính\s+phủ|Quốc\s+hội|Ủy\s+ban\s+Thường\s+vụ\s+Quốc\s+hội|"
    r"Ban\s+Chấp\s+hành\s+Trung\s+ương|Bộ\s+Chính\s+trị|Ban\s+Bí\s+thư|Văn\s+phòng\s+Trung\s+ương|"
    r".*\bTrung\s+ương\b|Tòa\s+án\s+nhân\s+dân\s+tối\s+cao|Viện\s+kiểm\s+sát\s+nhân\s+dân\s+tối\s+cao|"
    r"Kiểm\s+toán\s+nhà\s+nước|Ủy\s+ban\s+Trung\s+ương)",
    re.I,
)
COLLECTIVE = re.compile(r"^(?:T\s*/\s*M|TM\s*\.)\s*(?P<body>.+)$")


class DraftText(Protocol):
    """What the issuer reads of a draft (parse.Draft; parse imports this module through header)."""

    fields: dict[str, Any]
    preamble: str
    closing: str
    text: str
    organs: list[str]
    authority: list[str]
    enacting: str
    issuer_names: list[tuple[str, str]]


@dataclass
class IssuerGuess:
    name: str  # as printed (best candidate)
    full: str  # expanded, qualified with its place
    where: str
    agency_id: str | None = None  # an existing agency
    proposed_id: str | None = None
    level: str = "khac"
    locality: str | None = None  # official code
    note: str = ""  # what the editor should know (pre-2025 unit, unresolved place…)


_CAPS_ABBREV = {
    "UBND",
    "HĐND",
    "MTTQ",
    "MTTQVN",
    "VN",
    "TP",
    "CP",
    "KH",
    "CN",
    "ĐMST",
    "CĐS",
    "CCHC",
    "TW",
    "CQĐP",
    "ĐVHC",
}


def _title_case(caps: str) -> str:
    """'ỦY BAN NHÂN DÂN PHƯỜNG HÒA XUÂN' → 'Ủy ban nhân dân phường Hòa Xuân' (proper names stay capitalised)."""
    words = caps.split()
    out, proper = [], False
    for i, w in enumerate(words):
        if not w:
            continue
        if w.strip(",") in _CAPS_ABBREV or re.fullmatch(r"\d+", w):
            out.append(w)
            continue
        if proper:
            out.append(w[:1] + w[1:].lower())
        else:
            out.append(w.lower() if i else w[:1] + w[1:].lower())
        if w in ("ỦY", "UỶ") and i and words[i - 1] in ("TỈNH", "THÀNH", "HUYỆN", "QUẬN", "ĐẢNG", "THỊ"):
            # "TỈNH ỦY LÂM ĐỒNG" → "Tỉnh ủy Lâm Đồng" (also inside a name: "Ban Thường vụ Tỉnh ủy");
            # "ĐẢNG ỦY XÃ …" → "Đảng ủy xã …"
            out[-1] = w.lower()
            if len(out) >= 2 and out[-2]:
                out[-2] = out[-2][:1].upper() + out[-2][1:]
            proper = words[i - 1] != "ĐẢNG"
            continue
        if w == "XÃ" and i + 1 < len(words) and words[i + 1] == "HỘI":
            # "VĂN HÓA - XÃ HỘI": society, not a commune ("Phòng Văn hóa - Xã hội")
            out[-1] = "Xã" if i and words[i - 1] in ("-", "–") else "xã"
            continue
        if w in ("XÃ", "PHƯỜNG", "TỈNH", "KHU", "HUYỆN", "QUẬN") or (
            w == "PHỐ" and i and words[i - 1] == "THÀNH"
        ):
            proper = True
        elif (
            i + 1 < len(words)
            and (w in ("SỞ", "BỘ", "CỤC", "BAN", "PHÒNG", "VỤ", "VÀ") or w.endswith(","))
            and not proper
            and not (i and words[i - 1] in ("ỦY", "UỶ"))
            and ((w not in ("VÀ",) and not w.endswith(",")) or words[0] in ("SỞ", "BỘ", "BAN"))
            and words[i + 1] not in ("XÃ", "PHƯỜNG", "TỈNH", "HUYỆN", "QUẬN", "THÀNH", "CÁC")
        ):
            if words[i + 1].strip(",") not in _CAPS_ABBREV:
                words[i + 1] = words[i + 1][:1] + words[i + 1][1:].lower()
            out.append(words[i + 1])
            words[i + 1] = ""  # consumed: "SỞ NỘI VỤ" → "Sở Nội vụ"
    out = [w for w in out if w]
    s = " ".join(out)
    # names that are proper nouns inside an organ's name
    for proper_name in (
        "Trung ương",
        "Việt Nam",
        "Chính phủ",
        "Quốc hội",
        "Đảng",
        "Mặt trận Tổ quốc",
        "Hồ Chí Minh",
        "Nhà nước",
        "Chính trị",
        "Bí thư",
        "Thủ tướng",
    ):
        s = re.sub(rf"(?<=\s){re.escape(proper_name.lower())}\b", proper_name, s)
    return s


def expand(name: str) -> str:
    for short, full in ABBREV:
        name = re.sub(rf"\b{short}\b", full, name)
    name = re.sub(r"\bTP\.?\s+", "thành phố ", name)
    return name


def _forms(name: str) -> set[str]:
    return {match_form(name), match_form(expand(name))}


def _clean(name: str) -> str:
    name = re.sub(r"\[\^\d+\]|\d+$", "", name)
    # "… Trung ương và có hiệu lực": a lower-case word after "và" starts the sentence's predicate
    name = re.split(r"\s+(?:và|để|nhằm|đã|được|có|theo|tại)\s+(?=[a-zà-ỹđ])", name)[0]
    return " ".join(name.split()).strip(" ,;.")


def from_header(draft: DraftText) -> tuple[str, str] | None:
    """(full name, where) from the header organs, the signature and the enacting formula."""
    organs = [_title_case(o) for o in draft.organs]
    if not organs:
        return None
    organ, parents = organs[-1], organs[:-1]
    where = "đầu văn bản"
    # "VĂN PHÒNG" under "BAN CHẤP HÀNH TRUNG ƯƠNG" is the Văn phòng Trung ương Đảng (HD 36)
    if (
        parents
        and re.search(r"Ban Chấp hành Trung ương", parents[-1], re.I)
        and not re.search(r"Trung ương", organ)
    ):
        organ = f"{organ} Trung ương" + (" Đảng" if organ.lower() == "văn phòng" else "")
    elif parents and _sub_body_of(organ, parents[-1]):
        # "ỦY BAN MTTQ VIỆT NAM XÃ Z / BAN THƯỜNG TRỰC", "TỈNH ỦY X / BAN TUYÊN GIÁO", "UBND TỈNH X /
        # VĂN PHÒNG": a body of its parent is named with the parent's whole name
        organ = f"{organ} {parents[-1]}"
    elif not LOCAL_KIND.search(organ):
        for p in reversed(parents):
            if m := LOCAL_KIND.search(p):
                # "HỘI ĐỒNG … TỈNH" under "UBND TỈNH LÂM ĐỒNG": the bare "tỉnh" is the parent's
                organ = re.sub(r"\s+(tỉnh|thành phố|xã|phường|đặc khu)$", "", organ, flags=re.I)
                organ = f"{organ} {m.group(0)}"
                break
    # the signature names the collective body that decided ("T/M BAN BÍ THƯ", "TM. BAN THƯỜNG VỤ")
    for a in draft.authority:
        m = COLLECTIVE.match(a)
        if not m:
            continue
        body = _title_case(" ".join(m.group("body").split()))
        if _forms(body) & _forms(organ) or any(match_form(organ).startswith(f) for f in _forms(body)):
            break  # "TM. ỦY BAN NHÂN DÂN" of "Ủy ban nhân dân tỉnh X": the header's organ
        if re.match(r"(Ban Bí thư|Bộ Chính trị)$", body) and re.search(r"Trung ương", organs[0]):
            return body, "chữ ký (T/M) và đầu văn bản"
        if re.match(r"(Ban Thường vụ|Thường trực|Ban Thường trực|Ban Chấp hành)\b", body):
            return (
                f"{body} {organ[:1].lower() + organ[1:] if organ.startswith(('Đảng', 'Ủy', 'Uỷ')) else organ}",
                "chữ ký (TM.) và đầu văn bản",
            )
        break
    # a decision of the chairperson: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X" before "Căn cứ"
    if draft.enacting and re.match(r"CHỦ\s+TỊCH\s+(ỦY|UỶ)\s+BAN\s+NHÂN\s+DÂN", draft.enacting):
        return "Chủ tịch " + _title_case(draft.enacting[len("CHỦ TỊCH ") :].strip())[
            :1
        ].lower() + _title_case(draft.enacting[len("CHỦ TỊCH ") :].strip())[
            1:
        ], "câu ban hành (Chủ tịch) và đầu văn bản"
    return organ, where


_SUB_BODY = re.compile(
    r"^(?:Ban\s+Thường\s+trực|Thường\s+trực|Ban\s+Thường\s+vụ|Đảng\s+đoàn|Ban\s+cán\s+sự\s+đảng|"
    r"Ban\s+[\wÀ-ỹ]+(?:\s+[\wÀ-ỹ]+){0,6})$",
    re.I,
)
_PARTY_OR_FRONT = re.compile(
    r"^(?:Tỉnh\s+ủy|Thành\s+ủy|Huyện\s+ủy|Quận\s+ủy|Thị\s+ủy|Đảng\s+ủy|Ủy\s+ban\s+Mặt\s+trận|Ủy\s+ban\s+MTTQ|"
    r"Ủy\s+ban\s+Kiểm\s+tra|Hội\s+(?:đồng|Liên|Nông|Cựu|Phụ|Chữ)|Liên\s+đoàn|Đoàn\s+Thanh\s+niên|Tỉnh\s+đoàn)",
    re.I,
)
_OFFICE_PARENT = re.compile(
    r"^(?:Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|Hội\s+đồng\s+nhân\s+dân|Đoàn\s+đại\s+biểu)", re.I
)


def _sub_body_of(organ: str, parent: str) -> bool:
    """A body named after its parent (never a Sở or Phòng, which take only the parent's place)."""
    if LOCAL_KIND.search(organ) or re.search(r"\b(Tỉnh|Thành|Huyện|Đảng)\s+ủy\b", organ):
        return False
    if re.fullmatch(r"Văn\s+phòng", organ, re.I):
        return bool(_PARTY_OR_FRONT.match(parent) or _OFFICE_PARENT.match(parent))
    return bool(_SUB_BODY.match(organ) and _PARTY_OR_FRONT.match(parent))


def candidates(draft: DraftText) -> list[tuple[str, str]]:
    """Names of the issuer in the document's own text (for documents printed without a header)."""
    out: list[tuple[str, str]] = []
    if m := ISSUES.search(" ".join(draft.preamble.split())):
        out.append(("phần mở đầu", m.group("name")))
    for para in draft.preamble.split("\n"):
        if m := SUBJECT.search(" ".join(para.split())):
            out.append(("phần mở đầu", m.group("name")))
    if draft.closing and (m := OF.search(" ".join(draft.closing.split()))):
        out.append(("câu kết", m.group("name")))
    title = draft.fields.get("title", "")
    if m := OF.search(title):
        out.append(("trích yếu", m.group("name")))
    for w, n in draft.issuer_names:
        if w == "appendix" and (m := OF.search(" ".join(n.split()))):
            out.append(("phụ lục", m.group("name")))
    return [(w, _clean(n)) for w, n in out if _clean(n)]


def qualify(name: str, draft: DraftText) -> str:
    """'UBND phường' → 'UBND phường Hòa Xuân' when the document names its place (header place, text)."""
    if LOCAL_KIND.search(name):
        return name
    place = draft.fields.get("place")
    text = " ".join(draft.text.split())
    kinds = re.findall(r"\b(xã|phường|tỉnh)\s+([A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,2})", text)
    if re.search(r"\b(xã|phường|tỉnh|thành phố)$", name):
        kind = name.split()[-1]
        if kind == "phố":
            kind = "thành phố"
        named = [n for k, n in kinds if k == kind] + ([place] if place else [])
        if kind == "thành phố":
            named = re.findall(r"thành phố\s+([A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,2})", text)
        if named:
            return f"{name} {max(set(named), key=named.count)}"
        return name
    if CENTRAL.match(expand(name)):
        return name
    # an organ named without its place ("Sở Xây dựng"): the province the document keeps naming
    from ..content.localities import resolve

    counts: dict[str, int] = {}
    label: dict[str, str] = {}
    for kind, nm in re.findall(
        r"\b(tỉnh|thành phố)\s+([A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,2})", text
    ):
        unit, _ = resolve(f"{kind} {nm}")
        if unit is not None and unit.is_province:
            counts[unit.code] = counts.get(unit.code, 0) + 1
            label[unit.code] = f"{kind} {nm}"
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return f"{name} {label[ranked[0][0]]}"
    return name


def locate(full: str, draft: DraftText | None = None) -> tuple[Unit | None, str, str]:
    """(unit, level, note) for a qualified name: the administrative unit it names, if any."""
    from ..content.localities import resolve

    full = expand(full)
    # the place of a Party committee: "Tỉnh ủy Lâm Đồng" is the province Lâm Đồng
    full = re.sub(r"\bTỉnh\s+ủy\s+(?=[A-ZĐÀ-Ỹ])", "Tỉnh ủy tỉnh ", full)
    full = re.sub(r"\bThành\s+ủy\s+(?=[A-ZĐÀ-Ỹ])", "Thành ủy thành phố ", full)
    if CENTRAL.match(full) and not LOCAL_KIND.search(full):
        return None, "trung-uong", ""
    m = LOCAL_KIND.search(full)
    if not m:
        return None, "khac", "chưa rõ địa bàn"
    place = f"{m.group(1)} {m.group(2)}"
    kind = m.group(1).casefold()
    unit, cands = resolve(place)
    if unit is None:
        # the data names provinces without "Tỉnh" ("Đắk Lắk") and communes with their kind ("Xã Đại Sơn")
        u2, c2 = resolve(m.group(2))
        pool = [
            u
            for u in ([u2] if u2 else []) + c2 + cands
            if (
                u.is_province
                if kind in ("tỉnh", "thành phố")
                else (not u.is_province and u.kind.casefold().startswith(kind))
            )
        ]
        pool = list({u.code: u for u in pool}.values())
        shared = len(pool) > 1
        if len(pool) == 1:
            unit = pool[0]
        elif pool:
            # a commune name shared by several provinces: the province printed after it, or the
            # province the document keeps naming, decides
            rest = full[m.end() :]
            if p := LOCAL_KIND.search(rest):
                unit, _ = resolve(f"{place}, {p.group(2)}")
            elif draft is not None:
                unit = _province_hint(draft, pool)
    if unit is None:
        if "shared" in locals() and shared:
            return None, "khac", f"có nhiều đơn vị tên “{place}”; văn bản không nói thuộc tỉnh nào"
        return (
            None,
            "khac",
            f"“{place}” không có trong danh mục đơn vị hành chính sau ngày 01/7/2025 (đơn vị cũ?)",
        )
    return unit, ("tinh" if unit.is_province else "xa"), ""


def _province_hint(draft: DraftText, cands: list[Unit]) -> Unit | None:
    """Among same-named communes, the one in the province the document names most."""
    text = " ".join(draft.text.split())
    best = None
    for u in cands:
        n = len(re.findall(re.escape(re.sub(r"^(Tỉnh|Thành phố)\s+", "", u.province_name)), text))
        if n and (best is None or n > best[0]):
            best = (n, u)
        elif best and n == best[0]:
            return None
    return best[1] if best else None


def guess(draft: DraftText, agencies: Mapping[str, AgencyRecord]) -> IssuerGuess | None:
    header = from_header(draft)
    if header:
        full, where = header
        cands = [(where, full)]
    else:
        cands = [(w, qualify(n, draft)) for w, n in candidates(draft)]
        if not cands:
            return None
        # a name only qualified by a guess from the text is weaker than one the document prints whole
        # the enacting sentence first (its subject issues the document), then the closing sentence,
        # the title and the appendix caption; a name the document prints whole before a guessed one
        rank = {"phần mở đầu": 0, "câu kết": 1, "trích yếu": 2, "phụ lục": 3}
        cands.sort(
            key=lambda c: (
                not bool(LOCAL_KIND.search(c[1])) and not CENTRAL.match(expand(c[1])),
                rank.get(c[0], 4),
            )
        )
    index = _index(agencies)
    for where, name in cands:
        unit, level, note = locate(name, draft)
        if level == "khac" and not header:
            continue  # a relative name with no place ("UBND phường"): never matched, never proposed
        hit = _match(name, unit, level, index, agencies, draft.fields.get("issued"))
        if hit:
            return IssuerGuess(
                name, name, where, agency_id=hit, level=level, locality=unit.code if unit else None
            )
    where, name = cands[0]
    unit, level, note = locate(name, draft)
    if level == "khac" and not header:
        return IssuerGuess(name, name, where, note="chưa rõ địa bàn: văn bản không in đầu văn bản")
    full = expand(name)
    return IssuerGuess(
        name,
        full,
        where,
        proposed_id=proposed_id(full),
        level=level,
        locality=unit.code if unit else None,
        note=note,
    )


def _index(agencies: Mapping[str, AgencyRecord]) -> dict[str, list[str]]:
    index: dict[str, list[str]] = {}
    for aid, rec in agencies.items():
        a = rec.agency
        for n in [a.name, a.short_name or "", *a.aliases]:
            if n:
                for form in _forms(n):
                    index.setdefault(form, [])
                    if aid not in index[form]:
                        index[form].append(aid)
    return index


def _match(
    name: str,
    unit: Unit | None,
    level: str,
    index: dict[str, list[str]],
    agencies: Mapping[str, AgencyRecord],
    issued: str | None = None,
) -> str | None:
    """A registered agency with this name **and** the same place (or a central one for a central name)."""
    from ..content.localities import resolve

    ids: list[str] = []
    for form in _forms(name):
        for aid in index.get(form, []):
            if aid not in ids:
                ids.append(aid)
    import datetime as dt

    day = dt.date.fromisoformat(issued) if issued else None
    hits: list[str] = []
    for aid in ids:
        ag = agencies[aid].agency
        if (day and ag.valid_until and day > ag.valid_until) or (
            day and ag.valid_from and day < ag.valid_from
        ):
            continue  # not in office on the document's date
        if level == "trung-uong":
            if ag.level == "trung-uong":
                hits.append(aid)
            continue
        if unit is None and ag.legacy_locality and ag.legacy_locality.name:
            # a unit abolished on 01/7/2025, printed under its old name ("UBND TỈNH HẢI DƯƠNG" in March
            # 2025): the registry names it in legacy_locality; the date check above keeps it to its time
            if _same_place(ag.legacy_locality.name, name):
                hits.append(aid)
            continue
        code = ag.locality or (ag.legacy_locality.successor if ag.legacy_locality else None)
        if unit is None or not code:
            continue
        au, _ = resolve(code)
        if au is None:
            continue
        if au.code == unit.code and au.is_province == unit.is_province:
            hits.append(aid)
    # a current agency before a defunct one when the date does not decide
    hits.sort(key=lambda a: bool(agencies[a].agency.valid_until))
    return hits[0] if hits else None


def _same_place(legacy_name: str, name: str) -> bool:
    """'Tỉnh Hải Dương' (registry) is the place that ends 'Ủy ban nhân dân tỉnh Hải Dương' (header)."""
    from ..base.text import match_form

    m = LOCAL_KIND.search(expand(name))
    # provinces only: an old commune's name repeats across provinces, an old province's does not
    return (
        m is not None
        and m.group(1).casefold() in ("tỉnh", "thành phố")
        and match_form(f"{m.group(1)} {m.group(2)}") == match_form(legacy_name)
    )


def short_form(full: str) -> str:
    return re.sub(r"^(Ủy|Uỷ) ban nhân dân", "UBND", full)


def proposed_id(full: str) -> str:
    return slugify(short_form(full), max_length=60) or "co-quan-moi"


def agency_stub(g: IssuerGuess) -> tuple[str, str]:
    """(id, Markdown text) of a new agency file for content/co-quan/. Validates as written."""
    full = expand(g.full)
    full = full[:1].upper() + full[1:]
    short = short_form(full)
    lines = [
        "---",
        "# Cơ quan do `congkhai import` đề xuất: kiểm tra tên, cấp (level) và địa bàn (locality).",
        "# yaml-language-server: $schema=../../builder/schemas/co-quan.schema.json",
        f"name: {_q(full)}",
        f"short_name: {_q(short)}",
        f"aliases: [{', '.join(_q(a) for a in dict.fromkeys([g.name, short, full]))}]",
    ]
    if g.locality:
        lines += [f"level: {g.level}", f'locality: "{g.locality}"']
    elif g.level == "trung-uong":
        lines += ["level: trung-uong"]
    else:
        why = f" ({g.note})" if g.note else ""
        lines += [
            f"# CẦN BỔ SUNG{why}: cấp (trung-uong, tinh, xa) và mã địa bàn (locality), "
            "hoặc legacy_locality cho đơn vị trước 01/7/2025.",
            "level: khac",
        ]
    lines += ["---", ""]
    return g.proposed_id or proposed_id(full), "\n".join(lines)


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
