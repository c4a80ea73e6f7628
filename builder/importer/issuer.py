"""Who issued the plan: names found in the text, matched to content/co-quan, or a proposed stub.

Seeds and many extracts lose the header, so the issuer is inferred from the preamble
("UBND xã X xây dựng Kế hoạch…"), the closing sentence ("Trên đây là Kế hoạch … của X./."),
the title ("… của Sở Xây dựng …"), the appendix caption ("Kèm theo … của UBND xã X") and the
header's capitalised agency lines when present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..base.text import match_form, slugify

ABBREV = [("UBND", "Ủy ban nhân dân"), ("HĐND", "Hội đồng nhân dân"), ("UB MTTQ", "Ủy ban Mặt trận Tổ quốc"),
          ("MTTQVN", "Mặt trận Tổ quốc Việt Nam"), ("VP", "Văn phòng")]
HEAD = (r"(?:Ủy\s+ban\s+nhân\s+dân|Uỷ\s+ban\s+nhân\s+dân|UBND|Hội\s+đồng\s+nhân\s+dân|HĐND|Sở|Văn\s+phòng|Trung\s+tâm|Ban|Phòng|"
        r"Đảng\s+ủy|Đảng\s+uỷ|Thành\s+ủy|Thành\s+uỷ|Tỉnh\s+ủy|Tỉnh\s+uỷ|Bộ|Cục|Chi\s+cục|Trường|Bệnh\s+viện|Công\s+an|Mặt\s+trận|Ủy\s+ban\s+Mặt\s+trận|Hội|Đoàn|Liên\s+đoàn|Kho\s+bạc|Thanh\s+tra|Tổng\s+cục)")
NAME_TAIL = r"[^,;:.()\n]{0,80}?"
ISSUES = re.compile(rf"(?P<name>{HEAD}{NAME_TAIL})\s*(?:\[\^\d+\])?\s*(?:xây\s+dựng|ban\s+hành|triển\s+khai)\s+(?:Kế|kế)\s+hoạch")
OF = re.compile(rf"\bcủa\s+(?P<name>{HEAD}{NAME_TAIL})\s*(?:\)|\./\.|\.?\s*$)")
LOCAL_KIND = re.compile(r"\b(xã|phường|đặc khu|tỉnh|thành phố)\s+([A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})")


@dataclass
class IssuerGuess:
    name: str  # as printed (best candidate)
    full: str  # expanded, qualified with the place where the text leaves it implicit
    where: str
    agency_id: str | None = None  # an existing agency
    proposed_id: str | None = None


def candidates(draft) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    out: list[tuple[str, str]] = []
    header = [_title_case(n) for w, n in draft.issuer_names if w == "header"]
    if header:
        name = header[-1]
        # "UBND TỈNH X" above "SỞ NỘI VỤ": the issuing body takes its parent's place
        if len(header) > 1 and not LOCAL_KIND.search(name) and (m := LOCAL_KIND.search(header[-2])):
            name = f"{name} {m.group(0)}"
        out.append(("đầu văn bản", name))
    if m := ISSUES.search(" ".join(draft.preamble.split())):
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


def _clean(name: str) -> str:
    name = re.sub(r"\[\^\d+\]|\d+$", "", name)
    return " ".join(name.split()).strip(" ,;.")


_CAPS_ABBREV = {"UBND", "HĐND", "MTTQ", "MTTQVN", "VN", "TP", "CP"}


def _title_case(caps: str) -> str:
    """'ỦY BAN NHÂN DÂN PHƯỜNG HÒA XUÂN' → 'Ủy ban nhân dân phường Hòa Xuân' (proper names stay capitalised)."""
    words = caps.split()
    out, proper = [], False
    for i, w in enumerate(words):
        if not w:
            continue
        if w.strip(",") in _CAPS_ABBREV:
            out.append(w)
            continue
        if proper:
            out.append(w[:1] + w[1:].lower())
        else:
            out.append(w.lower() if i else w[:1] + w[1:].lower())
        if w in ("XÃ", "PHƯỜNG", "TỈNH", "KHU", "HUYỆN", "QUẬN") or (w == "PHỐ" and i and words[i - 1] == "THÀNH"):
            proper = True
        elif i + 1 < len(words) and (w in ("SỞ", "BỘ", "CỤC", "BAN", "PHÒNG", "VỤ", "VÀ") or w.endswith(",")) \
                and not proper and not (i and words[i - 1] in ("ỦY", "UỶ")) \
                and ((w not in ("VÀ",) and not w.endswith(",")) or words[0] in ("SỞ", "BỘ")):
            if words[i + 1].strip(",") not in _CAPS_ABBREV:
                words[i + 1] = words[i + 1][:1] + words[i + 1][1:].lower()
            out.append(words[i + 1])
            words[i + 1] = ""  # consumed: "SỞ NỘI VỤ" → "Sở Nội vụ"
    out = [w for w in out if w]
    return " ".join(out)


def expand(name: str) -> str:
    for short, full in ABBREV:
        name = re.sub(rf"\b{short}\b", full, name)
    return name


def _forms(name: str) -> set[str]:
    return {match_form(name), match_form(expand(name))}


def qualify(name: str, draft) -> str:  # type: ignore[no-untyped-def]
    """'UBND phường' → 'UBND phường Hòa Xuân'; 'Trung tâm … công' → '… công phường Hòa Xuân' when the place says so."""
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


def guess(draft, agencies: dict) -> IssuerGuess | None:  # type: ignore[no-untyped-def]
    cands = candidates(draft)
    if not cands:
        return None
    index: dict[str, str] = {}
    for aid, rec in agencies.items():
        a = rec.agency
        for n in [a.name, a.short_name or "", *a.aliases]:
            if n:
                for form in _forms(n):
                    index.setdefault(form, aid)
    for where, name in cands:
        q = qualify(name, draft)
        # a relative name ("UBND tỉnh", "Văn phòng UBND thành phố") is only matched once qualified
        relative = q == name and re.search(r"\b(xã|phường|tỉnh|thành phố)$", name)
        for variant in (q,) if q != name or relative else (name,):
            if relative and variant == name:
                continue
            for form in _forms(variant):
                if form in index:
                    return IssuerGuess(name, variant, where, agency_id=index[form])
    # prefer the header, then the most specific candidate: one that names a place, else the longest
    best_where, best = max(cands, key=lambda c: (c[0] == "đầu văn bản", bool(LOCAL_KIND.search(qualify(c[1], draft))),
                                                 len(qualify(c[1], draft))))
    full = qualify(best, draft)
    return IssuerGuess(best, full, best_where, proposed_id=proposed_id(full))


def short_form(full: str) -> str:
    return re.sub(r"^(Ủy|Uỷ) ban nhân dân", "UBND", full)


def proposed_id(full: str) -> str:
    return slugify(short_form(full), max_length=60) or "co-quan-moi"


def agency_stub(g: IssuerGuess) -> tuple[str, str]:
    """(id, Markdown text) of a new agency file for content/co-quan/. Validates as written."""
    from ..content.localities import resolve

    full = expand(g.full)
    short = short_form(full)
    level = "khac"
    locality = None
    m = LOCAL_KIND.search(full)
    if m:
        unit, _ = resolve(f"{m.group(1)} {m.group(2)}")
        if unit is not None:
            locality = unit.code
            level = "tinh" if unit.is_province else "xa"
    lines = [
        "---",
        "# Cơ quan do `congkhai import` đề xuất: kiểm tra tên, cấp (level) và địa bàn (locality).",
        "# yaml-language-server: $schema=../../builder/schemas/co-quan.schema.json",
        f"name: {_q(full[:1].upper() + full[1:])}",
        f"short_name: {_q(short)}",
        f"aliases: [{', '.join(_q(a) for a in dict.fromkeys([g.name, short, full]))}]",
    ]
    if locality:
        lines += [f"level: {level}", f'locality: "{locality}"']
    else:
        lines += ["# CẦN BỔ SUNG: cấp (trung-uong, tinh, xa) và mã địa bàn (locality), ví dụ locality: \"20314\".",
                  "level: khac"]
    lines += ["---", ""]
    return g.proposed_id or proposed_id(full), "\n".join(lines)


def _q(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
