"""The citation grammar of DOMAIN.md §1.4 as compiled regexes, plus the built-in gazetteer.

The regexes run on the output of `clean.clean` (same length as the source), where every kind of
space is " " and dashes are "-". `S` absorbs the line breaks and stray spaces left by PDF
extraction; it never crosses a masked region (clean.BLOCK / clean.BREAK).
"""

from __future__ import annotations

import re
import unicodedata

from ..base.text import fold_tone_placement

S = r"[ \n]*"
# NQ QĐ CTr TTg BCĐTW UBTVQH15; "&" joins two units in one segment (2775/SNV-CCHC&VTLT)
SEG = r"[A-ZĐ][A-Za-zĐđ]*\d*(?:&[ ]?[A-ZĐ][A-Za-zĐđ]*\d*)*(?!\w)"
HY = rf"[ ]*-{S}"  # a hyphen may be followed, not preceded, by a line break ("2870/QĐ- ⏎UBND")
YEAR = r"(?:19|20)\d\d"

NUM = r"\d{1,5}(?:\.\d{1,2}(?=/))?"  # "66.4/2025/NQ-CP": a few Government resolutions carry a decimal number
ID = (
    rf"{NUM}{S}(?:/{S}{YEAR}{S}/{S}{SEG}(?:{HY}{SEG})*"  # 59/2023/NĐ-CP, 10/2022/QH15
    rf"|/{S}{SEG}(?:{HY}{SEG})+"  # 16/KH-UBND, 1455/UBND-KGVX
    rf"|-{S}{SEG}{S}/{S}{SEG}(?:-{SEG})*)"  # 57-NQ/TW, 02-KH/BCĐTW
)

# Canonical type words (NĐ 30 Art. 7, QPPL, Party). Longest first so "Nghị quyết liên tịch" wins.
TYPES = [
    "Văn bản hợp nhất",
    "Thông tư liên tịch",
    "Nghị quyết liên tịch",
    "Bộ luật",
    "Luật",
    "Pháp lệnh",
    "Lệnh",
    "Nghị quyết",
    "Nghị định",
    "Quyết định",
    "Chỉ thị",
    "Thông tư",
    "Kết luận",
    "Quy định",
    "Quy chế",
    "Hướng dẫn",
    "Thông tri",
    "Thông báo kết luận",
    "Thông báo",
    "Thông cáo",
    "Kế hoạch",
    "Chương trình",
    "Đề án",
    "Phương án",
    "Dự án",
    "Báo cáo",
    "Tờ trình",
    "Công văn",
    "Công điện",
    "Biên bản",
    "Văn bản",
]
TYPES.sort(key=len, reverse=True)
CANONICAL_TYPE = {t.casefold(): t for t in TYPES}


def _spaced(phrase: str) -> str:
    """A phrase whose inner spaces may be PDF line breaks."""
    return S.join(re.escape(w) for w in phrase.split())


def _key(c: str) -> str | None:
    """What a first character matches under IGNORECASE, as one character; None when unsure."""
    k = unicodedata.normalize("NFKC", c).casefold()
    return k if len(k) == 1 and c not in "ıİſ" else None


def _grouped(alts: list[tuple[frozenset[str | None], str | None, str]]) -> str:
    """An alternation, for use inside (?i:…), that matches exactly what "|".join(patterns) matches
    but lets the regex engine try only the alternatives that can start where it is.

    Each alternative is (keys of the characters it can start with, its first character as regex
    or None, its pattern). Alternatives whose first characters overlap stay together and in
    their order (so the same one wins); groups that cannot start with the same character may
    be tried in any order. A group whose members all start with one character is factored:
    "n(?:ghị quyết|ghị định)|t(?:hông tư|…)". CITE, COORD and the registry's aliases scan every
    body at every word: this makes them 30–50 % faster.
    """
    if any(None in keys for keys, _lead, _p in alts):
        return "|".join(p for _keys, _lead, p in alts)
    parent: dict[str | None, str | None] = {}

    def find(x: str | None) -> str | None:
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    for keys, _lead, _p in alts:
        first, *others = keys
        for o in others:
            parent[find(o)] = find(first)
    groups: dict[str | None, list[tuple[frozenset[str | None], str | None, str]]] = {}
    for alt in alts:
        groups.setdefault(find(next(iter(alt[0]))), []).append(alt)
    out = []
    for members in groups.values():
        lead = members[0][1]
        if lead is not None and all(m[1] is not None and m[0] == members[0][0] for m in members):
            out.append(f"{lead}(?:{'|'.join(p[len(m_lead or '') :] for _k, m_lead, p in members)})")
        else:
            out.append("(?:" + "|".join(p for _k, _lead, p in members) + ")")
    return "|".join(out)


def _by_first_letter(phrases: list[str]) -> str:
    """The alternation of `phrases` (type words), in their order (see _grouped)."""
    return _grouped([(frozenset({_key(t[0])}), re.escape(t[0]), _spaced(t)) for t in phrases])


TYPE = "(?i:" + _by_first_letter(TYPES) + ")"
SO = rf"(?:(?i:số)(?:{S}(?i:hiệu))?{S}:?{S})"
DATE = (
    rf"(?i:ngày){S}(?:(?P<d1>\d{{1,2}}){S}[/.-]{S}(?P<m1>\d{{1,2}}){S}[/.-]{S}(?P<y1>{YEAR})"
    rf"|(?P<d2>\d{{1,2}}){S}(?i:tháng){S}(?P<m2>\d{{1,2}}){S}(?i:năm){S}(?P<y2>{YEAR}))(?!\d)"
)
DATE_TAIL = rf"(?:{S},?{S}(?P<date>{DATE}))?"

# After a type word, "số/cơ quan" without a unit is a number too ("Công văn số 321/UBND").
ID_SHORT = rf"\d{{1,5}}{S}/{S}{SEG}"
CITE = re.compile(rf"(?<!\w)(?P<type>{TYPE}){S}(?::{S})?{SO}?(?P<id>{ID}|{ID_SHORT}){DATE_TAIL}")
# "các Nghị quyết số 21, 22-NQ/TW": numbers that share the ký hiệu printed once, after the last one
COORD = re.compile(
    rf"(?<!\w)(?P<type>{TYPE}){S}(?::{S})?{SO}?(?P<nums>\d{{1,5}}(?:{S},{S}\d{{1,5}}(?![\d/.-]))*)(?![\d/.-])"
    rf"{S}(?:,{S}(?i:và)|,|(?i:và)){S}"
    rf"(?P<id>\d{{1,5}}{S}(?:-{S}{SEG}{S}/{S}{SEG}(?:-{SEG})*|/{S}{SEG}(?:{HY}{SEG})+|/{S}{YEAR}{S}/{S}{SEG}(?:{HY}{SEG})*))"
)
# "(sau đây gọi tắt là Quy định 105)": a short form defined for the document just cited
SHORT_FORM = re.compile(
    r"\((?:[ \n]*)(?i:sau[ \n]+đây[ \n]+(?:gọi|viết)[ \n]+(?:tắt[ \n]+)?là)[ \n]+(?P<alias>[^()]{3,80}?)[ \n]*\)"
)
# "… của Sở Nội vụ tại Công văn số …", "Chính phủ ban hành tại các Nghị định: …": the issuer comes first
_NAME_WORD = (
    r"(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ&-]*|(?:nhân|dân|tỉnh|thành|phố|xã|phường|đặc|khu|và|chính|phủ|quốc|hội|vụ|tộc|tôn|"
    r"giáo|đào|tạo|dục|học|công|nghệ|môi|trường|nghiệp|xây|dựng|tư|pháp|tài|nội|ngoại|giao|thông|vận|tải|tế|"
    r"văn|hóa|hoá|thể|thao|du|lịch|lao|động|thương|binh|kế|hoạch|đầu|thường|trực|ban|sở|bộ|trung|ương|trị|thư|chấp)"
    r"(?![\wÀ-ỹ]))"
)
ISSUER_BEFORE = re.compile(
    r"(?:(?i:của|do)[ \n]+)?(?P<issuer>(?:Bộ|Sở|Ban|Ủy[ \n]+ban|Uỷ[ \n]+ban|UBND|HĐND|Hội[ \n]+đồng|Chính[ \n]+phủ|"
    r"Thủ[ \n]+tướng|Văn[ \n]+phòng|Quốc[ \n]+hội|Cục|Tổng[ \n]+cục|Thành[ \n]+ủy|Tỉnh[ \n]+ủy|Đảng[ \n]+ủy|Công[ \n]+an|"
    rf"Trung[ \n]+tâm)(?:[ \n]+{_NAME_WORD}){{0,8}}?)[ \n]+(?:(?i:đã)[ \n]+)?(?:(?i:ban[ \n]+hành)[ \n]+)?(?i:tại|theo)[ \n]+"
    r"(?:(?i:các)[ \n]+)?$"
)

# "Quyết định số 217-QĐ/TW và 218-QĐ/TW": more numbers sharing one type word.
LIST_NEXT = re.compile(rf"{S}(?:,{S}và|,|và|;){S}(?:{SO})?(?P<id>{ID}){DATE_TAIL}")
BARE = re.compile(rf"(?<![\w/.-])(?P<id>{ID}){DATE_TAIL}")
# The plan's own header number ("Số: 16/KH-UBND") is not a citation.
HEADER_NUMBER = re.compile(
    r"(?:(?:^|\n)[ ]*(?i:số)(?:[ ]*(?i:hiệu))?[ ]*:?|(?<!\w)(?i:số)(?:[ ]*(?i:hiệu))?[ ]*:)[ ]*$"
)

# Form and appendix numbers ("Mẫu số 01/BC-UBND", "Phụ lục 02/PL-UBND") are not documents.
FORM_BEFORE = re.compile(r"(?i:mẫu|biểu|phụ[ ]lục)[ ]*(?i:số)?[ ]*:?[ ]*$")
OF = re.compile(rf"{S}(?i:của)[ \n]+")
_ISSUER_STOP_WORDS = (
    "về|ban hành|gắn|tại|quy định|hướng dẫn|triển khai|thực hiện|phê duyệt|nhằm|để|đã|trên|theo|cho|đến|năm|và|"
    "với|tiếp tục|sửa đổi|bổ sung|số|trong|giai đoạn|kèm|được|thì|là|của|khóa|khoá|nhiệm kỳ|lần|ngày|đối với|nay|"
    "vừa|như|có|tổ chức|xây dựng|công bố|giao|thành lập|kiện toàn|sửa|thay thế|bãi bỏ|hủy bỏ|hợp nhất"
)
# Case-sensitive: names capitalise their words ("Sở Xây dựng", "Ban Tổ chức"), prose does not.
# …except the words that open a trích yếu ("của Chính phủ Quy định chi tiết…"), never part of a name.
_TITLE_WORDS = "về|ban hành|quy định|hướng dẫn|triển khai|phê duyệt|sửa đổi|bổ sung|công bố|ngày|số|năm|tại"
ISSUER_END = re.compile(
    r"[;,.:()“”\"…?!\[\]\x00\x01|]|(?<!\w)(?:"
    + "|".join(_spaced(w) for w in _ISSUER_STOP_WORDS.split("|"))
    + "|(?i:"
    + "|".join(_spaced(w) for w in _TITLE_WORDS.split("|"))
    + r"))(?!\w)"
)
# Ministries and departments whose names hold "và" or a comma (NĐ 25/2025 list and older names).
ORG_NAMES = [
    "Kế hoạch và Đầu tư",
    "Văn hóa, Thể thao và Du lịch",
    "Giáo dục và Đào tạo",
    "Tài nguyên và Môi trường",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Khoa học và Công nghệ",
    "Thông tin và Truyền thông",
    "Lao động - Thương binh và Xã hội",
    "Lao động, Thương binh và Xã hội",
    "Dân tộc và Tôn giáo",
    "Tuyên giáo và Dân vận",
    "Văn hóa và Thể thao",
    "Văn hóa - Xã hội",
    "Văn hóa, Xã hội",
    "Kinh tế, Hạ tầng và Đô thị",
    "Kinh tế - Hạ tầng và Đô thị",
    "Tài chính - Kế hoạch",
    "Tài chính và Kế hoạch",
    "Văn hóa, Khoa học và Thông tin",
    "Khoa giáo - Văn xã",
]
ORG = re.compile(
    rf"(?:(?i:bộ{S}trưởng|thứ{S}trưởng|giám{S}đốc|phó{S}giám{S}đốc|trưởng){S})?"
    rf"(?:Bộ|Sở|Ban|Phòng|Ủy{S}ban|Uỷ{S}ban|Văn{S}phòng){S}(?:"
    + "|".join(_spaced(n) for n in ORG_NAMES)
    + r")(?!\w)"
)
# "của Hội nghị lần thứ bảy Ban Chấp hành Trung ương Đảng khóa XII": the plenum is the issuer.
PLENUM_ISSUER = re.compile(
    rf"Hội{S}nghị{S}(?:(?i:lần{S}thứ){S}\S+(?:{S}(?:một|hai|ba|bốn|tư|lăm))?|Trung{S}ương{S}\d+)"
    rf"(?:{S}Ban{S}Chấp{S}hành{S}Trung{S}ương(?:{S}Đảng)?)?"
)
JOINT_NEXT = re.compile(rf"{S}(?:Bộ|Ủy|Uỷ|Ban|Sở|Hội|Văn|Mặt|Thủ|UBND|HĐND|Tổng|Liên)(?!\w)")
LIST_MARKER = re.compile(
    r"(?:[a-zđ]\)|\d+[.)]|[-+*•]|[IVXLC]+\.|(?:Điều|Chương|Mục|Phần|Khoản)[ ]+[\dIVXLC]|Nơi[ ]+nhận)"
)
# Words after which a capitalised word on the next line still belongs to the issuer's name.
NAME_EXPECTED = {
    "phường",
    "xã",
    "tỉnh",
    "phố",
    "huyện",
    "quận",
    "thị",
    "trấn",
    "khu",
    "ủy",
    "uỷ",
    "đảng",
    "bộ",
    "sở",
    "ban",
    "chính",
    "tướng",
    "thường",
    "vụ",
    "hội",
    "đồng",
    "nhân",
    "dân",
    "ubnd",
    "hđnd",
    "mặt",
    "trận",
    "tổ",
    "quốc",
    "chủ",
    "tịch",
    "văn",
    "phòng",
    "đạo",
    "cục",
    "viện",
}
TITLE_START = re.compile(
    rf"{S}(?P<t>(?i:"
    + "|".join(
        _spaced(w)
        for w in [
            "về",
            "ban hành",
            "quy định",
            "hướng dẫn",
            "triển khai",
            "phê duyệt",
            "sửa đổi",
            "thực hiện",
            "“về",
        ]
    )
    + r")(?!\w))"
)
TITLE_END = re.compile(r"[;.](?=\s|$|\x01)|\x01|\x00|\n[ ]*\n[ ]*(?=[-+*•]|\d+[.)]|[a-zđ]\)|[IVX]+\.)")

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
ORDINALS = {
    "nhất": 1,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
    "mười ba": 13,
    "mười bốn": 14,
    "mười lăm": 15,
}


def roman_to_int(s: str) -> int:
    total, prev = 0, 0
    for ch in reversed(s.upper()):
        v = ROMAN[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total


PLENUM = re.compile(
    rf"(?<!\w)(?P<type>(?i:nghị{S}quyết)){S}(?:(?i:hội{S}nghị){S})?(?:(?i:lần{S}thứ){S})?"
    rf"(?i:trung{S}ương|TW){S}(?P<n>\d{{1,2}}|[IVX]{{1,5}}){S}(?:\(|,)?{S}(?i:khóa|khoá){S}(?P<term>[IVXL]{{1,6}})(?!\w){S}\)?"
)
_ORD = "|".join(_spaced(w) for w in sorted(ORDINALS, key=len, reverse=True))
# "Nghị quyết Hội nghị lần thứ tám Ban Chấp hành Trung ương Đảng khóa XIII"
PLENUM_LONG = re.compile(
    rf"(?<!\w)(?P<type>(?i:nghị{S}quyết)){S}(?i:hội{S}nghị){S}(?:(?i:lần{S}thứ){S})?(?P<n>\d{{1,2}}|[IVX]{{1,5}}|(?i:{_ORD}))"
    rf"{S}(?:(?i:ban{S}chấp{S}hành){S})?(?i:trung{S}ương|TW)(?:{S}(?i:đảng))?{S},?{S}\(?{S}(?i:khóa|khoá){S}"
    rf"(?P<term>[IVXL]{{1,6}})(?!\w){S}\)?"
)
CONGRESS = re.compile(
    rf"(?<!\w)(?P<type>(?i:nghị{S}quyết)){S}(?i:đại{S}hội){S}(?:(?i:đại{S}biểu{S}toàn{S}quốc){S})?"
    rf"(?:(?i:lần{S}thứ){S})?(?P<n>[IVXL]{{1,6}})(?!\w)(?:{S}(?i:của{S}đảng)(?!\w))?"
)

# Laws cited by name (DOMAIN.md gazetteer, extended with common laws). Key: the name's slug.
# The number is kept for stubs and documentation; the key stays the name-slug (DESIGN.md).
LAWS: dict[str, str | None] = {
    "Thực hiện dân chủ ở cơ sở": "10/2022/QH15",
    "Khiếu nại": "02/2011/QH13",
    "Tố cáo": "25/2018/QH14",
    "Tiếp công dân": "42/2013/QH13",
    "Tiếp cận thông tin": "104/2016/QH13",
    "Ban hành văn bản quy phạm pháp luật": None,
    "Tổ chức chính quyền địa phương": None,
    "Tổ chức Chính phủ": None,
    "Cán bộ, công chức": None,
    "Viên chức": None,
    "Phòng, chống tham nhũng": None,
    "Thực hành tiết kiệm, chống lãng phí": None,
    "Ngân sách nhà nước": None,
    "Đầu tư công": None,
    "Đất đai": None,
    "Xây dựng": None,
    "Quy hoạch": None,
    "Thanh tra": None,
    "Bảo vệ môi trường": None,
    "Giáo dục": None,
    "An ninh mạng": None,
    "Giao dịch điện tử": None,
    "Công nghệ thông tin": None,
    "Chuyển đổi số": None,
    "Dữ liệu": None,
    "Báo chí": None,
    "Mặt trận Tổ quốc Việt Nam": None,
    "Thi đua, khen thưởng": None,
    "Hòa giải ở cơ sở": None,
    "Phổ biến, giáo dục pháp luật": None,
    "Xử lý vi phạm hành chính": None,
    "Bình đẳng giới": None,
    "Trẻ em": None,
    "Người cao tuổi": None,
    "Thanh niên": None,
    "Tín ngưỡng, tôn giáo": None,
    "Dân quân tự vệ": None,
    "Nghĩa vụ quân sự": None,
    "Công an nhân dân": None,
    "Cư trú": None,
    "Căn cước": None,
    "Lưu trữ": None,
    "Thống kê": None,
    "Kế toán": None,
    "Quản lý, sử dụng tài sản công": None,
    "Đấu thầu": None,
    "Nhà ở": None,
    "Kinh doanh bất động sản": None,
    "Giao thông đường bộ": None,
    "Trật tự, an toàn giao thông đường bộ": None,
    "Tài nguyên nước": None,
    "Phòng, chống thiên tai": None,
    "Bảo hiểm xã hội": None,
    "Bảo hiểm y tế": None,
    "Khám bệnh, chữa bệnh": None,
    "Doanh nghiệp": None,
    "Hợp tác xã": None,
    "Thủy lợi": None,
    "Lâm nghiệp": None,
    "Trồng trọt": None,
    "Chăn nuôi": None,
    "Du lịch": None,
    "Di sản văn hóa": None,
    "Thư viện": None,
    "Quảng cáo": None,
    "Phòng cháy, chữa cháy và cứu nạn, cứu hộ": None,
    "Phòng cháy và chữa cháy": None,
}
CODES = {
    "Lao động": "45/2019/QH14",
    "Dân sự": "91/2015/QH13",
    "Hình sự": "100/2015/QH13",
    "Tố tụng hình sự": None,
    "Tố tụng dân sự": None,
}
# Informal names seen in plans → the formal name.
LAW_ALIASES = {
    "Dân chủ ở cơ sở": "Thực hiện dân chủ ở cơ sở",
    "Thực hiện dân chủ cơ sở": "Thực hiện dân chủ ở cơ sở",
}


_TONE_PAIRS = {
    "òa": "oà",
    "óa": "oá",
    "ỏa": "oả",
    "õa": "oã",
    "ọa": "oạ",
    "òe": "oè",
    "óe": "oé",
    "ỏe": "oẻ",
    "õe": "oẽ",
    "ọe": "oẹ",
    "ùy": "uỳ",
    "úy": "uý",
    "ủy": "uỷ",
    "ũy": "uỹ",
    "ụy": "uỵ",
}
_TONE_RX = re.compile("|".join(_TONE_PAIRS))


def _tone_tolerant(phrase: str) -> str:
    """Regex for a phrase that accepts old and new tone placement ("Hòa"/"Hoà") and line breaks."""
    words = []
    for w in fold_tone_placement(phrase).split():
        parts, last = [], 0
        for m in _TONE_RX.finditer(w.lower()):
            parts.append(re.escape(w[last : m.start()]))
            parts.append(f"(?:{re.escape(m.group(0))}|{re.escape(_TONE_PAIRS[m.group(0)])})")
            last = m.end()
        parts.append(re.escape(w[last:]))
        words.append("".join(parts))
    return S.join(words)


def _alt(names: list[str]) -> str:
    """Names as one alternation (for use inside (?i:…)), longest first, tone-tolerant."""
    names = sorted({fold_tone_placement(n) for n in names}, key=len, reverse=True)
    alts: list[tuple[frozenset[str | None], str | None, str]] = []
    for n in names:
        pattern = _tone_tolerant(n)
        word = n.split()[0] if n.split() else n
        tone = _TONE_RX.match(word.lower())
        if tone:  # "(?:òa|oà)…": it can start with either vowel
            pair = tone.group(0)
            alts.append((frozenset({_key(pair[0]), _key(_TONE_PAIRS[pair][0])}), None, pattern))
        elif word:
            lead = re.escape(word[0])
            ok = pattern.startswith(lead)
            alts.append((frozenset({_key(word[0]) if ok else None}), lead, pattern))
        else:
            alts.append((frozenset({None}), None, pattern))
    return _grouped(alts)


_LAW_NAMES = [*LAWS, *LAW_ALIASES]
LAW = re.compile(
    rf"(?<!\w)(?P<type>(?i:luật)){S}(?P<name>(?i:{_alt(_LAW_NAMES)}))(?!\w)"
    rf"(?:{S}(?i:số){S}:?{S}(?P<id>{ID}))?{DATE_TAIL}"
)
CODE = re.compile(
    rf"(?<!\w)(?P<type>(?i:bộ{S}luật)){S}(?P<name>(?i:{_alt(list(CODES))}))(?!\w)"
    rf"(?:{S}(?i:số){S}:?{S}(?P<id>{ID}))?{DATE_TAIL}"
)


# Any other law: "Luật" + a capitalised word + lowercase words, up to a word that ends the name.
_LAW_STOP = (
    "ngày|năm|số|và|của|về|được|đã|có|các|trong|tại|theo|này|để|nhằm|quy|hướng|sửa|bổ|hiện|hành|"
    "thì|là|với|cho|đến|từ|trên|gồm|như|mới|nay|đó|sau|trước|khi|do|đang|sẽ"
)
LAW_GENERIC = re.compile(
    rf"(?<!\w)(?P<type>(?i:bộ{S})?Luật)[ ]+(?P<name>[A-ZĐÂĂÊÔƠƯÁÀẢÃẠẤẦẨẪẬẮẰẲẴẶÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ]\w*"
    rf"(?:[ ]+(?!(?:{_LAW_STOP})(?!\w))[a-zđà-ỹ]\w*){{1,7}})"
    rf"(?:{S}(?i:số){S}:?{S}(?P<id>{ID}))?{DATE_TAIL}"
)


# "Luật sửa đổi, bổ sung một số điều của Luật A và Luật B ngày …" is one document, not two.
AMENDING = re.compile(
    rf"(?<!\w)(?P<type>Luật){S}(?i:sửa{S}đổi){S},?{S}(?i:bổ{S}sung){S}(?:(?i:một{S}số{S}điều){S}(?i:của){S})?"
    rf"(?P<name>(?:(?i:các){S})?(?:Luật|Bộ{S}luật){S}[^;.\x00\x01(]{{3,200}}?)"
    rf"(?:{S},?{S}(?P<date>{DATE})|(?=[ \n]*(?:[;.\x00\x01(]|$)))"
)
CONSTITUTION = re.compile(
    rf"(?<!\w)(?P<type>Hiến{S}pháp)(?:(?:{S}(?i:nước{S}cộng{S}hòa{S}xã{S}hội{S}chủ{S}nghĩa{S}việt{S}nam))"
    rf"(?:{S}(?i:năm){S}(?P<y>{YEAR}))?|{S}(?i:năm){S}(?P<y2>{YEAR}))(?!\w)"
)
# "Luật Phòng, chống ma túy số 73/2021/QH14": a law named in full with its number is one citation
LAW_NUMBERED = re.compile(
    rf"(?<!\w)(?P<type>(?:(?i:bộ){S})?(?:Luật|LUẬT))[ \n]+(?P<name>[A-ZĐÀ-Ỹ][^;.()\x00\x01\d]{{1,120}}?){S}(?i:số){S}:?{S}"
    rf"(?P<id>{ID}){DATE_TAIL}"
)
# A capitalised law in a title: "TRIỂN KHAI THI HÀNH LUẬT VIỆC LÀM TRÊN ĐỊA BÀN …"
LAW_CAPS = re.compile(
    r"(?<![\wÀ-ỹ])(?P<type>LUẬT)[ \n]+(?!SỬA[ \n]+ĐỔI)(?P<name>[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ, \n-]{1,80}?)"
    r"(?=[ \n]+(?:TRÊN|NĂM|SỐ|CỦA|TẠI|VỀ|GIAI|ĐẾN|NGÀY|THEO|TRONG|VÀ[ \n]+CÁC|NĂM)(?![\wÀ-ỹ])|[ \n]*[.;:”\"]|[ \n]*$)"
)
YEAR_AFTER = re.compile(rf"{S},?{S}(?i:năm){S}(?P<year>{YEAR})(?!\d)")
CHARTER = re.compile(rf"(?<!\w)(?P<type>Điều{S}lệ){S}(?P<name>Đảng(?:{S}Cộng{S}sản{S}Việt{S}Nam)?)(?!\w)")
# Where a document cited by name may start: one cheap scan, then the patterns above are tried there.
NAMED_HINT = re.compile(r"[Ll]uật|LUẬT|[Nn]ghị[ \n]+quyết|NGHỊ[ \n]+QUYẾT|Hiến[ \n]+pháp|Điều[ \n]+lệ")
BO_BEFORE = re.compile(r"(?i:bộ)[ \n]+$")


def alias_regex(aliases: list[str]) -> re.Pattern[str] | None:
    """Registry aliases ("Luật Thực hiện dân chủ ở cơ sở", "Nghị quyết 57") as one regex."""
    names = [a for a in aliases if len(a.strip()) >= 4]
    if not names:
        return None
    return re.compile(rf"(?<!\w)(?P<name>(?i:{_alt(names)}))(?!\w){DATE_TAIL}")
