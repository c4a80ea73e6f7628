"""Signature block and recipients (NĐ 30/2020 Art. 8.2 g–h; HD 36 for "T/M", "K/T").

The two columns (Nơi nhận | quyền hạn, chức vụ, họ tên) arrive flattened in any order: left cell
then right cell (crawls, DOCX tables read cell by cell), signature first (party documents, seeds),
or interleaved line by line (PDF text layers). Each line is read for what it is: "Nơi nhận:",
a recipient item ("- …;", wrapped, "+ …" sub-items), an authority line (TM./KT./Q./TL./TUQ.,
T/M, K/T — wrapped: "TM. ỦY BAN NHÂN⏎DÂN"), a position, the signer's name, a stamp.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"

# "Nơi nhận:" (its items may follow on the line), or the words alone — never a sentence about it
NOI_NHAN = re.compile(r"^N[ơo]i\s+nh[ậa]n\s*(?::|(?=[-–+•])|$)\s*(?P<rest>.*)$", re.I)
# TM./KT./Q./TL./TUQ. (NĐ 30) with their dot; T/M, K/T, T/L (HD 36) with their slash
AUTHORITY = re.compile(
    r"^(?:(?:TM|KT|TL|TUQ|Q)\s*\.|T\s*/\s*M|K\s*/\s*T|T\s*/\s*L|(?:TM|KT|TL|TUQ)\s+(?=["
    + UPPER
    + r"]{2}))\s*["
    + UPPER
    + r"]"
)
POSITION_WORDS = (
    "CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "CHÁNH VĂN PHÒNG",
    "PHÓ CHÁNH VĂN PHÒNG",
    "TRƯỞNG BAN",
    "PHÓ TRƯỞNG BAN",
    "BÍ THƯ",
    "PHÓ BÍ THƯ",
    "TRƯỞNG PHÒNG",
    "PHÓ TRƯỞNG PHÒNG",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "CỤC TRƯỞNG",
    "PHÓ CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "CHÁNH THANH TRA",
    "HIỆU TRƯỞNG",
    "TỔNG GIÁM ĐỐC",
    "THỦ TRƯỞNG",
    "CHỦ NHIỆM",
    "PHÓ CHỦ NHIỆM",
    "TRƯỞNG ĐOÀN",
    "TRƯỞNG CÔNG AN",
    "THỦ TƯỚNG",
    "PHÓ THỦ TƯỚNG",
    "TỔ TRƯỞNG",
    "TỔ PHÓ",
    "CHI CỤC TRƯỞNG",
    "TỔNG BÍ THƯ",
    "THƯỜNG TRỰC",
    "ỦY VIÊN",
    "UỶ VIÊN",
    "TRƯỞNG KHOA",
    "CHỦ TỌA",
    "THƯ KÝ",
    "KẾ TOÁN TRƯỞNG",
)
_POS = sorted(POSITION_WORDS, key=len, reverse=True)
NAME = re.compile(rf"^[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]*){{1,5}}$")
STAMP = re.compile(
    r"^\((?:Đã\s+ký|Ký|Chữ\s+ký|đã\s+ký)[^)]{0,60}\)$|^(?:Ký\s+bởi|Thời\s+gian\s+ký|Người\s+ký)\b|"
    r"^(?:Đã\s+ký|\[?Đã\s+ký\]?)$|^\(?(?:Ký\s+tên|Ký,\s*ghi\s+rõ)",
    re.I,
)
ITEM = re.compile(r"^\s*[-–+•*]\s*(?P<text>.*)$")


@dataclass
class Signature:
    recipients: list[str] = field(default_factory=list)
    authority: list[str] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    name: str | None = None
    name_at: int = -1  # index of the (last) line of the name in the zone
    stamps: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)  # lines of the zone we could not read (kept)
    used: set[int] = field(default_factory=set)  # indexes of the zone lines taken

    def signer(self) -> dict[str, Any] | None:
        if not self.name:
            return None
        out: dict[str, Any] = {"name": self.name}
        pos = self.positions
        out["position"] = ", ".join(pos) if pos else ""
        auth = list(self.authority)
        if auth:
            out["authority"] = " ".join(auth)
        return out


def position(line: str) -> str | None:
    s = " ".join(line.split()).strip(" *,")
    if not s or s != s.upper() or len(s) > 70 or not re.search(rf"[{UPPER}]", s):
        return None
    for w in _POS:
        if s.startswith(w):
            return s
    return None


_NOT_NAME = {
    "NGƯỜI",
    "GHI",
    "BẢN",
    "KÝ",
    "TÊN",
    "HỌ",
    "PHÒNG",
    "TRƯỞNG",
    "BIỂU",
    "UỶ",
    "ỦY",
    "ĐẢNG",
    "KIỂM",
    "PHIẾU",
    "THƯỜNG",
    "VỤ",
    "TRỰC",
    "XÁC",
    "NHẬN",
    "DẤU",
    "CHỮ",
    "SỐ",
    "NƠI",
    "CỤC",
    "BỘ",
    "SỞ",
    "PHỦ",
    "TỈNH",
    "XÃ",
    "PHƯỜNG",
}
# syllables that are also given names or surnames (VĂN, ĐOÀN, THƯ, ĐẠI…) only count inside an organ phrase
_NOT_NAME_PHRASE = re.compile(
    r"\b(?:VĂN PHÒNG|THƯ KÝ|ĐẠI BIỂU|BIÊN BẢN|HỘI ĐỒNG|TỔ CHỨC|BAN CHẤP|ĐOÀN THANH|CHÍNH PHỦ|HỘI NGHỊ|CHỦ TRÌ|ĐOÀN CHỦ|BAN THẨM|BAN KIỂM|HỘI VIÊN|THÀNH VIÊN|ỦY VIÊN|UỶ VIÊN)\b"
)


def caps_name(s: str) -> bool:
    """'NGUYỄN VĂN AN': a signer's name in capitals (2–5 words, no position, organ or form word)."""
    words = s.split()
    return (
        2 <= len(words) <= 5
        and s.upper() == s
        and all(w.isalpha() for w in words)
        and position(s) is None
        and not AUTHORITY.match(s)
        and not _NOT_NAME.intersection(words)
        and not _NOT_NAME_PHRASE.search(s)
        and not re.search(r"\b(ỦY|UỶ|BAN|SỞ|PHÒNG|NHÂN DÂN|HỘI ĐỒNG|CHÍNH PHỦ|TRUNG ƯƠNG)\b", s)
    )


def is_name(s: str) -> bool:
    return bool(NAME.match(s)) or caps_name(s)


def starts_zone(s: str) -> bool:
    return bool(NOI_NHAN.match(s) or AUTHORITY.match(s))


def parse(lines: list[str]) -> Signature:
    """Read the zone's lines (markup stripped). Lines not understood are kept in `other`."""
    sig = Signature()
    in_nn = False
    closed = False  # the "Lưu" item ends the list
    auth_open = False  # an authority line whose words wrap onto the next line
    n = len(lines)
    for i in range(n):
        s = " ".join(lines[i].split()).strip()
        if not s or re.fullmatch(r"[-_=*.\s|]+", s):
            sig.used.add(i)
            continue
        if m := NOI_NHAN.match(s):
            in_nn, closed, auth_open = True, False, False
            sig.used.add(i)
            rest = m.group("rest").strip()
            if rest:
                for part in _split_inline(rest):
                    sig.recipients.append(part)
            continue
        if AUTHORITY.match(s):
            sig.authority.append(_norm_auth(s))
            sig.used.add(i)
            auth_open = not position(s.split(maxsplit=1)[-1]) or s.endswith(
                ("NHÂN", "CHÍNH", "CHÁNH", "BAN", ",")
            )
            continue
        if (
            auth_open
            and s.upper() == s
            and not is_name(s)
            and len(s.split()) <= 4
            and not ITEM.match(s)
            and (not position(s) or sig.authority[-1].endswith(","))  # "KT. BỘ TRƯỞNG," ⏎ "CHỦ NHIỆM"
        ):
            sig.authority[-1] += " " + s  # "TM. ỦY BAN NHÂN" + "DÂN"
            sig.used.add(i)
            continue
        auth_open = False
        if p := position(s):
            if (
                sig.positions
                and not sig.name
                and len(p.split()) <= 3
                and _continues_position(sig.positions[-1], p)
            ):
                sig.positions[-1] += " " + p
            else:
                sig.positions.append(p)
            sig.used.add(i)
            continue
        if STAMP.match(s):
            sig.stamps.append(s)
            sig.used.add(i)
            continue
        if in_nn and not closed:
            if m := ITEM.match(s):
                item = m.group("text").strip()
                if s.lstrip().startswith("+") and sig.recipients:
                    parent = sig.recipients[-1].rstrip()
                    sep = " " if parent.endswith(":") else "; "
                    sig.recipients[-1] = (
                        f"{parent.rstrip(' ;,.')}{sep}{item}" if sep == "; " else f"{parent}{sep}{item}"
                    )
                else:
                    sig.recipients.append(item)
                sig.used.add(i)
                if re.match(r"^Lưu\b", item, re.I):
                    closed = True
                continue
            if (
                sig.recipients
                and not (sig.positions and is_name(s))
                and not (is_name(s) and sig.recipients[-1].rstrip().endswith((";", ".", ",")))
            ):
                # a wrapped item: continues the previous one
                sig.recipients[-1] += " " + s
                sig.used.add(i)
                if re.match(r"^Lưu\b", sig.recipients[-1], re.I) and s.rstrip().endswith("."):
                    closed = True
                continue
            if not sig.recipients and not is_name(s):
                sig.recipients.append(s)
                sig.used.add(i)
                continue
        if sig.name is None and (sig.positions or sig.authority) and is_name(s):
            sig.name = " ".join(s.split())
            sig.name_at = i
            sig.used.add(i)
            continue
        if (
            sig.name is None
            and (sig.positions or sig.authority)
            and re.fullmatch(rf"[{UPPER}][{LOWER}]+", s)
            and i + 1 < n
            and is_name(" ".join(lines[i + 1].split()))
        ):
            sig.name = s  # "Bùi" ⏎ "Xuân Cường": a name wrapped after its first word
            sig.name_at = i
            sig.used.add(i)
            continue
        if sig.name and len(sig.name.split()) == 1 and is_name(s):
            sig.name += " " + " ".join(s.split())
            sig.name_at = i
            sig.used.add(i)
            continue
        if sig.name and is_name(s) and len(s.split()) <= 2 and sig.name.count(" ") < 2:
            sig.name += " " + s  # "Bùi" + "Xuân Cường"
            sig.used.add(i)
            continue
        sig.other.append(s)
    sig.recipients = [_clean_item(r) for r in sig.recipients if _clean_item(r)]
    return sig


def _continues_position(prev: str, cur: str) -> bool:
    return prev.endswith(("PHÓ", "CHÁNH", "TRƯỞNG BAN")) and not cur.startswith(("PHÓ", "CHỦ TỊCH"))


def _norm_auth(s: str) -> str:
    return " ".join(s.split())


def _split_inline(rest: str) -> list[str]:
    """'Nơi nhận: - Bộ Nội vụ; - Thường trực Tỉnh ủy; …' on one line (DOCX cells, some PDFs)."""
    parts = [p.strip() for p in re.split(r"(?:^|\s)[-–•+]\s+", " " + rest) if p.strip()]
    return parts or [rest]


def _clean_item(r: str) -> str:
    return re.sub(r"\s*[;.,]\s*$", "", " ".join(r.split())).strip()
