"""find: every citation in a text, as `Citation` objects with exact offsets (eyecite's `get_citations`).

Numbered citations (type word + số + số/ký hiệu, lists sharing one type word, bare numbers) come
from the grammar in `grammar.py`; documents cited by name come from the built-in gazetteer of
laws, the Party plenum/congress patterns and the registry's `aliases`. Keys here are the
context-free ones (canonical number, or the name's slug); `resolve` refines them.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache

from ..base.text import fold_tone_placement, slugify
from ..content.keys import canonical_number
from . import grammar as g
from .clean import clean, normalize
from .models import Citation

# Type word implied by the type code of a number, for numbers printed without a type word.
TYPE_CODES = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KH": "Kế hoạch",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "KL": "Kết luận",
    "ĐA": "Đề án",
    "CTr": "Chương trình",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "PA": "Phương án",
    "DA": "Dự án",
    "CĐ": "Công điện",
    "TC": "Thông cáo",
    "NQLT": "Nghị quyết liên tịch",
    "VBHN": "Văn bản hợp nhất",
    "L": "Lệnh",
    "CV": "Công văn",
}
ISSUER_CODES = {"UBND", "HĐND", "TU", "TW", "CP", "TTg", "BCĐTW", "ĐU", "HU", "QU"}


def type_from_number(number: str) -> str | None:
    """'16/KH-UBND' → Kế hoạch; '1455/UBND-KGVX' → Công văn; '10/2022/QH15' → Luật."""
    if re.fullmatch(r"\d+-[^/]+/.+", number):  # Party: số-LOẠI/cơ quan
        return TYPE_CODES.get(number.split("-", 1)[1].split("/", 1)[0])
    parts = number.split("/")
    if len(parts) == 3:
        code = parts[2].split("-")[0]
        if re.fullmatch(r"QH\d+", code):
            return "Luật"
        return TYPE_CODES.get(code)
    code = parts[1].split("-")[0] if len(parts) == 2 else ""
    if code in TYPE_CODES:
        return TYPE_CODES[code]
    return "Công văn" if code else None


def canonical_type(printed: str) -> str:
    return g.CANONICAL_TYPE.get(" ".join(printed.split()).casefold(), " ".join(printed.split()))


def parse_date(m: re.Match[str]) -> str | None:
    d, mo, y = (
        (m.group("d1"), m.group("m1"), m.group("y1"))
        if m.group("d1")
        else (m.group("d2"), m.group("m2"), m.group("y2"))
    )
    try:
        return dt.date(int(y), int(mo), int(d)).isoformat()
    except (TypeError, ValueError):
        return None


def _words_ok(prev: str, nxt: str) -> bool:
    """May an issuer phrase continue from word `prev` across a line break to word `nxt`?"""
    return (
        nxt[:1].islower() or prev.casefold() in g.NAME_EXPECTED or (prev[:1].isupper() and nxt[:1].isupper())
    )


def issuer_at(c: str, pos: int, limit: int) -> tuple[int, int] | None:
    """Span of the issuer phrase after "của" at `pos` in cleaned text `c`, or None."""
    m = g.OF.match(c, pos)
    if not m:
        return None
    start = m.end()
    window_end = min(limit, start + 160)
    org = g.ORG.match(c, start, window_end) or g.PLENUM_ISSUER.match(c, start, window_end)
    scan = org.end() if org else start
    while True:
        e = g.ISSUER_END.search(c, scan, window_end)
        # joint issuers: "của Bộ Nội vụ và Bộ Tài chính"
        if e and e.group(0) == "và" and g.JOINT_NEXT.match(c, e.end(), window_end):
            scan = e.end()
            continue
        break
    end = e.start() if e else window_end
    # Walk words: stop at a paragraph/line break unless the name clearly continues, cap 20 words.
    words = list(re.finditer(r"\S+", c[start:end]))
    last_end = start
    prev = ""
    for i, w in enumerate(words):
        if i >= 20:
            break
        gap = c[last_end : start + w.start()]
        if (
            i
            and "\n" in gap
            and (g.LIST_MARKER.match(c, start + w.start()) or not _words_ok(prev, w.group(0)))
        ):
            break
        if w.group(0)[:1].isdigit() and prev.casefold() not in ("đạo", "khóa", "khoá"):
            break
        last_end = start + w.end()
        prev = w.group(0)
    if last_end == start:
        return None
    glued = re.search(r"(?<=[a-zà-ỹđ])\d{1,2}$", c[start:last_end])  # footnote marker glued: "thành phố1"
    if glued:
        last_end -= len(glued.group(0))
    return start, last_end


# PDF extraction inserts footnote bodies mid-sentence ("của HĐND ⏎ <sup>1</sup> Nghị định … ⏎ thành phố").
_FOOTNOTE_RUN = re.compile(r"[ ]*\n[ \n]*(?:\x01[^\n]*\n[ \n]*)+(?=[a-zđà-ỹ])")


def issuer_continuation(c: str, end: int) -> str:
    """Words of an issuer phrase that resume after footnote bodies inserted by PDF extraction."""
    m = _FOOTNOTE_RUN.match(c, end)
    if not m:
        return ""
    e = g.ISSUER_END.search(c, m.end(), min(len(c), m.end() + 60))
    out = []
    for w in c[m.end() : e.start() if e else m.end() + 60].split()[:6]:
        if not (w[:1].isupper() or w.casefold() in _ISSUER_WORDS):
            break
        out.append(w)
    return " ".join(out)


_ISSUER_WORDS = {
    "thành",
    "phố",
    "tỉnh",
    "xã",
    "phường",
    "huyện",
    "quận",
    "thị",
    "trấn",
    "đặc",
    "khu",
    "nhân",
    "dân",
    "ủy",
    "uỷ",
    "ban",
    "thường",
    "vụ",
    "đảng",
    "chính",
    "phủ",
    "trung",
    "ương",
}


def title_at(c: str, pos: int, limit: int) -> tuple[int, int] | None:
    m = g.TITLE_START.match(c, pos, limit)
    if not m:
        return None
    start = m.start("t")
    end_m = g.TITLE_END.search(c, start, min(limit, start + 400))
    end = end_m.start() if end_m else min(limit, start + 400)
    return (start, end) if end - start > 8 else None


class Finder:
    """The compiled grammar plus a set of registry aliases (cached per alias set)."""

    def __init__(self, aliases: dict[str, str] | None = None):
        # alias (as written in the registry) → key
        self.aliases = {
            " ".join(fold_tone_placement(a).casefold().split()): k for a, k in (aliases or {}).items()
        }
        self.alias_rx = g.alias_regex(list((aliases or {}).keys()))

    def find(self, text: str, markdown: bool = False) -> list[Citation]:
        """Citations in `text` (already NFC). Offsets index `text` itself."""
        c = clean(text, markdown=markdown)
        nl = _newlines(c)  # the regex scan is ~10x faster than a per-character loop
        out: list[Citation] = []
        taken: list[tuple[int, int]] = []

        def line_of(i: int) -> int:
            return bisect.bisect_right(nl, i - 1) + 1 if nl else 1

        # 0. Numbers sharing one ký hiệu printed after the last ("các Nghị quyết số 21, 22-NQ/TW").
        for cm in g.COORD.finditer(c):
            ctp = canonical_type(c[cm.start("type") : cm.end("type")])
            last = canonical_number(c[cm.start("id") : cm.end("id")])
            num = re.match(r"\d+", last)
            if not num:
                continue
            shared = last[num.end() :]  # "-NQ/TW", "/KH-UBND"
            group: list[Citation] = []
            for d in re.finditer(r"\d{1,5}", c[cm.start("nums") : cm.end("nums")]):
                a, b = cm.start("nums") + d.start(), cm.start("nums") + d.end()
                group.append(
                    Citation(
                        text="",
                        start=a if group else cm.start(),
                        end=b,
                        line=0,
                        type=ctp,
                        number=d.group(0) + shared,
                        key=d.group(0) + shared,
                        id_start=a,
                        id_end=b,
                    )
                )
            group.append(
                Citation(
                    text="",
                    start=cm.start("id"),
                    end=cm.end("id"),
                    line=0,
                    type=ctp,
                    number=last,
                    key=last,
                    id_start=cm.start("id"),
                    id_end=cm.end("id"),
                )
            )
            for x in group[1:]:
                x.in_list = True
            out.extend(group)
            taken.extend((x.start, x.end) for x in group)
        coord = sorted(taken)
        # 1. Type word + number, and the numbers that share it.
        for m in g.CITE.finditer(c):
            if coord and _overlaps(m.start(), m.end("id"), coord):
                continue
            tp = canonical_type(c[m.start("type") : m.end("type")])
            group = [self._numbered(text, c, m, tp, m.start())]
            pos = m.end()
            while (n := g.LIST_NEXT.match(c, pos)) is not None:
                cit = self._numbered(text, c, n, tp, n.start("id"))
                cit.in_list = True
                group.append(cit)
                pos = n.end()
            out.extend(group)
            taken.extend((x.start, x.end) for x in group)
        # 2. Documents cited by name.
        named: list[Citation] = []
        for hint in g.NAMED_HINT.finditer(c):
            p = hint.start()
            starts: list[tuple[int, tuple[re.Pattern[str], ...]]]
            if hint.group(0)[0] in "Ll":
                bo = g.BO_BEFORE.search(c, max(0, p - 6), p)
                starts = [(bo.start(), (g.CODE, g.LAW_GENERIC))] if bo else []
                starts.append((p, (g.AMENDING, g.LAW_NUMBERED, g.LAW, g.LAW_GENERIC, g.LAW_CAPS)))
            elif hint.group(0)[0] == "H":
                starts = [(p, (g.CONSTITUTION,))]
            elif hint.group(0)[0] == "Đ":
                starts = [(p, (g.CHARTER,))]
            else:
                starts = [(p, (g.PLENUM, g.PLENUM_LONG, g.CONGRESS))]
            for at, patterns in starts:
                for rx in patterns:
                    if (nm := rx.match(c, at)) is not None:
                        if rx is g.LAW_NUMBERED and _TYPE_WORD.search(c[nm.start("name") : nm.end("name")]):
                            continue  # "Luật X ngày … và Nghị quyết số …": the number is another document's
                        named.append(self._named(text, c, nm, rx))
        if self.alias_rx is not None:
            for m in self.alias_rx.finditer(c):
                key = self.aliases.get(
                    " ".join(fold_tone_placement(c[m.start("name") : m.end("name")]).casefold().split())
                )
                if key:
                    named.append(self._alias(text, c, m, key))
        # the gazetteer wins over the generic law pattern on the same words
        named.sort(key=lambda x: (x.start, x.generic, -x.end))
        taken.sort()
        for cit in named:
            if not _overlaps(cit.start, cit.end, taken):
                out.append(cit)
                bisect.insort(taken, (cit.start, cit.end))
        # 3. Numbers printed without a type word (not the plan's own "Số: …" header).
        own: set[str] = set()
        for m in g.BARE.finditer(c):
            if _overlaps(m.start(), m.end("id"), taken):
                continue
            if g.HEADER_NUMBER.search(c, max(0, m.start() - 20), m.start()):
                own.add(canonical_number(c[m.start("id") : m.end("id")]))
                continue
            if g.FORM_BEFORE.search(c, max(0, m.start() - 16), m.start()):
                continue
            number = canonical_number(c[m.start("id") : m.end("id")])
            bare_tp = type_from_number(number)
            if bare_tp is None:
                continue
            out.append(self._numbered(text, c, m, bare_tp, m.start()))
        if own:  # "(Kèm theo Kế hoạch số 12/KH-UBND …)" in a plan numbered 12/KH-UBND: itself
            out = [x for x in out if x.number not in own]
        out.sort(key=lambda x: x.start)
        self._finish(text, c, out, line_of)
        return out

    # -- building citations --------------------------------------------------------------

    def _numbered(self, text: str, c: str, m: re.Match[str], tp: str, start: int) -> Citation:
        number = canonical_number(c[m.start("id") : m.end("id")])
        date = parse_date(m) if m.group("date") else None
        end = m.end("date") if m.group("date") else m.end("id")
        return Citation(
            text="",
            start=start,
            end=end,
            line=0,
            type=tp,
            number=number,
            date=date,
            key=number,
            id_start=m.start("id"),
            id_end=m.end("id"),
        )

    def _named(self, text: str, c: str, m: re.Match[str], rx: re.Pattern[str]) -> Citation:
        has_date = "date" in rx.groupindex and m.group("date")
        date = parse_date(m) if has_date else None
        end = m.end("date") if has_date else m.end()
        if rx is g.PLENUM or rx is g.PLENUM_LONG:
            n = " ".join(m.group("n").split())
            num = int(n) if n.isdigit() else g.ORDINALS.get(n.casefold()) or g.roman_to_int(n)
            key = f"nghi-quyet-tw{num}-khoa-{m.group('term').lower()}"
            c_end = m.end()
            return Citation(
                "",
                m.start(),
                c_end,
                0,
                "Nghị quyết",
                None,
                key=key,
                kind="named",
                id_start=m.start(),
                id_end=c_end,
            )
        if rx is g.CONSTITUTION:
            year = m.group("y") or m.group("y2")
            return Citation(
                "",
                m.start(),
                m.end(),
                0,
                "Hiến pháp",
                None,
                key=f"hien-phap-{year or 2013}",
                kind="named",
                id_start=m.start(),
                id_end=m.end(),
            )
        if rx is g.CHARTER:
            return Citation(
                "",
                m.start(),
                m.end(),
                0,
                "Điều lệ",
                None,
                key="dieu-le-dang",
                kind="named",
                id_start=m.start(),
                id_end=m.end(),
            )
        if rx is g.AMENDING:
            name = " ".join(c[m.start("name") : m.end("name")].split())
            key = "luat-sua-doi-bo-sung-" + slugify(name, max_length=90)
            return Citation(
                "",
                m.start(),
                end,
                0,
                "Luật",
                None,
                date=date,
                key=key,
                kind="named",
                id_start=m.start(),
                id_end=m.end("name"),
            )
        if rx is g.CONGRESS:
            key = f"nghi-quyet-dai-hoi-{m.group('n').lower()}"
            return Citation(
                "",
                m.start(),
                m.end(),
                0,
                "Nghị quyết",
                None,
                key=key,
                kind="named",
                id_start=m.start(),
                id_end=m.end(),
            )
        name = " ".join(c[m.start("name") : m.end("name")].split()).strip(" ,")
        printed_type = " ".join(c[m.start("type") : m.end("type")].split()).casefold()
        is_code = rx is g.CODE or (rx in (g.LAW_GENERIC, g.LAW_NUMBERED) and printed_type.startswith("bộ"))
        formal = _formal_law(name, is_code)
        key = ("bo-luat-" if is_code else "luat-") + slugify(formal)
        number = (
            canonical_number(c[m.start("id") : m.end("id")])
            if "id" in rx.groupindex and m.group("id")
            else None
        )
        # two laws can share a name (Luật Đất đai 2013 and 2024): keep the year the text gives,
        # unless the gazetteer knows the one law of that name
        year = None
        if y := g.YEAR_AFTER.match(c, m.end("name")):
            year = y.group("year")
        elif date:
            year = date[:4]
        known = (g.CODES if is_code else g.LAWS).get(formal)
        if year and not number and not known:
            key = f"{key}-{year}"
        # "Bộ Luật Lao động" is printed both ways; keep the capital as printed (the gold does)
        code_type = "Bộ Luật" if "Luật" in c[m.start("type") : m.end("type")] else "Bộ luật"
        id_span = (m.start("id"), m.end("id")) if number else (m.start(), m.end("name"))
        return Citation(
            "",
            m.start(),
            end,
            0,
            code_type if is_code else "Luật",
            number,
            date=date,
            key=number or key,
            kind="named" if number is None else "numbered",
            id_start=id_span[0],
            id_end=id_span[1],
            name_key=key,
            generic=rx in (g.LAW_GENERIC, g.LAW_CAPS),
        )

    def _short_forms(self, text: str, c: str, out: list[Citation]) -> None:
        """ "(sau đây gọi tắt là Quy định 105)": later mentions of the short form cite the same document."""
        if "gọi" not in c and "viết" not in c:
            return
        added: list[Citation] = []
        spans = sorted((x.start, x.end) for x in out)
        for m in g.SHORT_FORM.finditer(c):
            alias = " ".join(m.group("alias").split())
            # a short form that names a document (type word + its number or name), not "Kế hoạch"
            if not re.match(rf"^(?:{g.TYPE})[ \n]+\S", alias) or _overlaps(
                m.start("alias"), m.end("alias"), spans
            ):
                continue
            prev = [x for x in out if x.end <= m.start() and m.start() - x.end < 300]
            if not prev:
                continue
            ref = prev[-1]
            words = r"[ \n]+".join(re.escape(w) for w in alias.split())
            for n in re.finditer(rf"(?<!\w){words}(?![\w/-])", c[m.end() :]):
                a, b = m.end() + n.start(), m.end() + n.end()
                if _overlaps(a, b, spans):
                    continue
                added.append(
                    Citation(
                        "",
                        a,
                        b,
                        0,
                        ref.type,
                        ref.number,
                        date=ref.date,
                        key=ref.key,
                        kind=ref.kind,
                        id_start=a,
                        id_end=b,
                        short_form=alias,
                    )
                )
        if added:
            out.extend(added)
            out.sort(key=lambda x: x.start)

    def _alias(self, text: str, c: str, m: re.Match[str], key: str) -> Citation:
        date = parse_date(m) if m.group("date") else None
        end = m.end("date") if m.group("date") else m.end("name")
        first = c[m.start("name") : m.end("name")].split()[0].casefold()
        tp = (
            next(
                (
                    t
                    for t in g.TYPES
                    if " ".join(c[m.start("name") : m.end("name")].split())
                    .casefold()
                    .startswith(t.casefold())
                ),
                None,
            )
            if first
            else None
        )
        return Citation(
            "",
            m.start(),
            end,
            0,
            tp,
            None,
            date=date,
            key=key,
            kind="named",
            id_start=m.start(),
            id_end=m.end("name"),
        )

    def _finish(self, text: str, c: str, out: list[Citation], line_of: Callable[[int], int]) -> None:
        self._short_forms(text, c, out)
        starts = [x.start for x in out]
        for i, cit in enumerate(out):
            limit = starts[i + 1] if i + 1 < len(out) else len(c)
            span = issuer_at(c, cit.end, limit)
            if span:
                cit.issuer = " ".join(text[span[0] : span[1]].split())
                cit.end = span[1]
                if rest := issuer_continuation(c, span[1]):
                    cit.issuer += " " + rest
            t = title_at(c, cit.end, limit)
            if t:
                cit.title = " ".join(text[t[0] : t[1]].split())
                cit.title_end = t[1]
            cit.text = text[cit.start : cit.end]
            cit.line = line_of(cit.start)
        # The issuer printed before the type word: "… của Sở Nội vụ tại Công văn số …",
        # "Chính phủ ban hành tại các Nghị định: số …, số …" (every number of the list).
        for i, cit in enumerate(out):
            if cit.issuer is not None or cit.in_list:
                continue
            lo = max(out[i - 1].end if i else 0, cit.start - 160)
            if (m := g.ISSUER_BEFORE.search(c, lo, cit.start)) and not _other_council(
                text[m.start("issuer") : m.end("issuer")], cit.number
            ):
                cit.issuer = " ".join(text[m.start("issuer") : m.end("issuer")].split())
                k = i + 1
                while k < len(out) and out[k].in_list and out[k].issuer is None:
                    out[k].issuer = cit.issuer
                    k += 1
        # An issuer printed once after a list applies to every number of the list, also when the
        # type word is repeated ("Quy định số 96-QĐ/TW … và Quy định số 114-QĐ/TW … của Bộ Chính trị"),
        # provided both numbers carry the same issuer code (TW, CP, UBND…).
        for i in range(len(out) - 1, 0, -1):
            cur, prev = out[i], out[i - 1]
            if prev.issuer is not None or not cur.issuer or prev.type != cur.type:
                continue
            joined = _JOINER.fullmatch(c, prev.end, cur.start) is not None
            if cur.in_list or (joined and _issuer_code(prev.number) == _issuer_code(cur.number) is not None):
                prev.issuer = cur.issuer


_FORMAL = {
    is_code: {fold_tone_placement(k).casefold(): k for k in (g.CODES if is_code else g.LAWS)}
    for is_code in (True, False)
}
_INFORMAL = {fold_tone_placement(k).casefold(): v for k, v in g.LAW_ALIASES.items()}


_JOINER = re.compile(r"[ \n]*(?:,|và|,[ \n]*và)[ \n]*")
_TYPE_WORD = re.compile(
    r"(?<!\w)(?:"
    + "|".join(g._spaced(t) for t in g.TYPES if t not in ("Luật", "Bộ luật"))
    + r"|(?i:ngày|năm))(?!\w)"
)


def _other_council(issuer: str, number: str | None) -> bool:
    """'của UBND tỉnh tại Nghị quyết số 15/NQ-HĐND': a People's Council act is not the committee's."""
    code = (number or "").upper()
    people = re.match(r"(?i:UBND|Ủy[ \n]+ban[ \n]+nhân|Uỷ[ \n]+ban[ \n]+nhân)", issuer)
    council = re.match(r"(?i:HĐND|Hội[ \n]+đồng[ \n]+nhân)", issuer)
    return bool((people and "HĐND" in code) or (council and "UBND" in code))


def _issuer_code(number: str | None) -> str | None:
    """'96-QĐ/TW' → 'TW'; '16/KH-UBND' → 'UBND'; '59/2023/NĐ-CP' → 'CP'."""
    if not number:
        return None
    return re.split(r"[/-]", number)[-1]


def _formal_law(name: str, is_code: bool) -> str:
    n = fold_tone_placement(name).casefold()
    return _FORMAL[is_code].get(n) or _INFORMAL.get(n) or name


def _overlaps(s: int, e: int, spans: list[tuple[int, int]]) -> bool:
    """Does [s, e) overlap one of `spans` (sorted, non-overlapping)? O(log n)."""
    i = bisect.bisect_left(spans, (e, -1)) - 1
    return i >= 0 and spans[i][1] > s


def _newlines(c: str) -> list[int]:
    return [m.start() for m in re.finditer("\n", c)]


@lru_cache(maxsize=8)
def _finder(aliases: tuple[tuple[str, str], ...]) -> Finder:
    return Finder(dict(aliases))


def finder(aliases: dict[str, str] | None = None) -> Finder:
    return _finder(tuple(sorted((aliases or {}).items())))


def find_citations(
    text: str, aliases: dict[str, str] | None = None, markdown: bool = False
) -> list[Citation]:
    """Public API: the citations of `text` (offsets in NFC(text); equal to `text` when already NFC).

    `aliases` maps names used in prose (registry `aliases`) to document keys. With `markdown`,
    front-matter, code, raw HTML and existing links are skipped.
    """
    return finder(aliases).find(normalize(text), markdown=markdown)
