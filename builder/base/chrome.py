"""Website text around a crawled document: not the document, never its header.

Crawls of legal-document websites (thuvienphapluat.vn is the one editors meet most) wrap the
document in the site's own text: a copyright notice, "Đang tải văn bản...", a metadata table
(Số hiệu | Loại văn bản | Nơi ban hành | Người ký | Ngày ban hành | … | Tình trạng), an editorial
summary ("## …" … "Xem chi tiết tại …") before it, and "related documents" lists after it.

The metadata is the *site's*, not the document's: it is returned (for the report) but never
used as a printed number or date. Everything before the document and after its end is
removed and reported, so it is neither counted as the document's words nor parsed as its header.
Both the importer and `congkhai citations` (which skips citations in the site's text) use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .markup import plain

# Labels of the site's metadata table (the site's vocabulary, not any document's).
META_LABELS = (
    "Số hiệu",
    "Loại văn bản",
    "Nơi ban hành",
    "Người ký",
    "Ngày ban hành",
    "Ngày hiệu lực",
    "Ngày công báo",
    "Số công báo",
    "Tình trạng",
    "Lĩnh vực, ngành",
)
_META = re.compile(r"^(" + "|".join(re.escape(x) for x in META_LABELS) + r")\s*:\s*(.*)$")
# Page furniture of the site: copyright notice, loading message, trailer sections.
_SITE = re.compile(
    r"THƯ VIỆN PHÁP LUẬT|ThuVienPhapLuat|Đang tải văn bản|Văn bản này chưa cập nhật nội dung Tiếng Anh|"
    r"^#+\s*(Văn bản liên quan|Lược đồ|Nội dung sửa đổi)|^Click vào phần bôi vàng",
    re.I,
)
QUOC_HIEU = re.compile(
    r"C\s*Ộ\s*N\s*G\s+H\s*[ÒO]\s*À?\s*X\s*Ã\s+H\s*Ộ\s*I|Độc\s+lập\s*[-–]\s*Tự\s+do|"
    r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM",
    re.I,
)


@dataclass
class Chrome:
    start: int = 0  # first line of the document
    end: int | None = None  # first line after it (None: to the end)
    meta: dict[str, str] = field(default_factory=dict)  # the site's metadata, for the report only
    site: bool = False

    def notes(self, n: int) -> list[str]:
        out = []
        if self.start:
            out.append(f"Đã bỏ {self.start} dòng của trang web trước văn bản (không phải nội dung văn bản).")
        if self.end is not None and self.end < n:
            out.append(f"Đã bỏ {n - self.end} dòng của trang web sau văn bản.")
        if self.meta.get("Số hiệu"):
            out.append(
                "Trang web ghi “Số hiệu: "
                + self.meta["Số hiệu"]
                + "”"
                + (
                    f", “Ngày ban hành: {self.meta['Ngày ban hành']}”"
                    if self.meta.get("Ngày ban hành")
                    else ""
                )
                + " — thông tin của trang web, không dùng làm số/ngày in trên văn bản."
            )
        return out


def _value_after(lines: list[str], i: int) -> tuple[str, int]:
    """The value cell of a metadata label at line i (same line, or the next non-pipe lines)."""
    m = _META.match(plain(lines[i]))
    if m and m.group(2).strip():
        return m.group(2).strip(), i
    j = i + 1
    vals: list[str] = []
    while j < len(lines) and len(vals) < 3:
        s = plain(lines[j])
        if s == "|" or not s:
            if vals:
                break
            j += 1
            continue
        if _META.match(s):
            break
        vals.append(s)
        j += 1
    return " ".join(vals), j


def find(lines: list[str]) -> Chrome:
    """Where the document starts and ends inside a crawled page (whole text when no site is seen)."""
    ch = Chrome()
    head = [plain(x) for x in lines[:400]]
    site = any(_SITE.search(x) for x in head)
    labels = [i for i, x in enumerate(head) if _META.match(x)]
    # the metadata table is one cluster of labels; the same labels recur in the trailer's lists
    cluster: list[int] = []
    for i in labels:
        if cluster and i - cluster[-1] > 12:
            break
        cluster.append(i)
    labels = cluster
    if not site and len(labels) < 3:
        return ch
    ch.site = True
    pos = 0
    if len(labels) >= 3:
        for i in labels:
            if (label := _META.match(head[i])) is None:  # never: labels are the lines that match
                continue
            key = label.group(1)
            val, nxt = _value_after(lines, i)
            ch.meta.setdefault(key, val)
            pos = max(pos, nxt)
        # the value of the last label ends at the next "|" line
        while pos < len(lines) and plain(lines[pos]) not in ("|", "") and not _META.match(plain(lines[pos])):
            pos += 1
    else:
        pos = max((i + 1 for i, x in enumerate(head) if _SITE.search(x)), default=0)
    # the document's header: the first quốc hiệu / party line after the site furniture
    qh = next((i for i in range(pos, min(len(lines), pos + 400)) if QUOC_HIEU.search(plain(lines[i]))), None)
    summary_end = _summary_end(lines, pos)
    if qh is not None and (summary_end is None or qh > summary_end):
        ch.start = _header_start(lines, qh, summary_end or pos)
    else:
        ch.start = summary_end if summary_end is not None else pos
    ch.end = _trailer(lines, ch.start, ch.meta.get("Số hiệu", ""))
    return ch


def _summary_end(lines: list[str], pos: int) -> int | None:
    """An editorial summary ("## …" heading … "Xem chi tiết tại …") right after the metadata."""
    j = pos
    while j < len(lines) and plain(lines[j]) in ("|", ""):
        j += 1
    if j >= len(lines) or not lines[j].lstrip().startswith("#"):
        return None
    for k in range(j, min(len(lines), j + 200)):
        if re.match(r"^Xem chi tiết", plain(lines[k])):
            return k + 1
    return None


def _header_start(lines: list[str], qh: int, floor: int) -> int:
    """The issuer's cell precedes the quốc hiệu's: back up over it and the pipe lines around it."""
    i = qh
    pipes = 0
    while i > floor:
        s = plain(lines[i - 1]) or lines[i - 1].strip()  # "*****" under a party organ is content
        if s == "|":
            pipes += 1
            if pipes == 2:
                i -= 1  # the row's opening "|" belongs to the header table
                break
        elif not s:
            if pipes:
                break
        elif _SITE.search(s) or _META.match(s) or re.match(r"^Xem chi tiết", s):
            break
        i -= 1
    return i


def _trailer(lines: list[str], start: int, site_number: str) -> int | None:
    """The site's text after the document: related documents, its own caption of the document."""
    n = len(lines)
    caption = None
    if site_number:
        caption = re.compile(r"^[A-ZĐ][\wÀ-ỹ ]{2,40}?\s" + re.escape(site_number) + r"\b")
    for i in range(start, n):
        s = plain(lines[i])
        if _SITE.search(s) and not QUOC_HIEU.search(s):
            return _back_over(lines, i, start, caption)
        if caption and caption.match(s) and i > start + 20:
            return _back_over(lines, i, start, caption)
    return None


def _back_over(lines: list[str], i: int, start: int, caption: re.Pattern[str] | None) -> int:
    while i > start and (
        plain(lines[i - 1]) in ("", "|") or (caption and caption.match(plain(lines[i - 1])))
    ):
        i -= 1
    return i
