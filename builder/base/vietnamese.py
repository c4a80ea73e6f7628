"""How the site writes things for readers, in Vietnamese: dates, sizes, names of documents and
agencies, and the words for statuses, relations and levels. Every page, feed and export that
shows one of these takes it from here.

Dates are written as printed on documents, without leading zeros: "ngày 21 tháng 7 năm 2025",
or "21/7/2025" where the long form is too wide.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache

# Statuses of a plan and of a task (the keys are the front-matter's values, builder.content.model).
PLAN_STATUS_VI = {"du-thao": "Dự thảo", "ban-hanh": "Đã ban hành", "het-hieu-luc": "Hết hiệu lực"}
# What a report (or the plan's own `updates`) says of a task ("chua-bat-dau": older word).
TASK_STATUS_VI = {
    "chua-bat-dau": "Chưa thực hiện",
    "chua-thuc-hien": "Chưa thực hiện",
    "dang-thuc-hien": "Đang thực hiện",
    "hoan-thanh": "Hoàn thành",
    "tam-dung": "Tạm dừng",
}
# A task's computed status (builder.analysis.progress), as the filters and badges name it.
STATUS_VI = {
    "qua-han": "Quá hạn",
    "hoan-thanh": "Hoàn thành",
    "dang-thuc-hien": "Đang thực hiện",
    "chua-thuc-hien": "Chưa thực hiện",
    "tam-dung": "Tạm dừng",
    "chua-den-han": "Chưa đến hạn",
    "thuong-xuyen": "Thường xuyên",
    "chua-co-bao-cao": "Chưa có báo cáo",
}
# The same in a count ("7 quá hạn, chưa có báo cáo"), in the order a summary lists them.
_SUMMARY_VI = {
    "hoan-thanh": "hoàn thành",
    "dang-thuc-hien": "đang thực hiện",
    "chua-thuc-hien": "chưa thực hiện",
    "tam-dung": "tạm dừng",
    "qua-han": "quá hạn, chưa có báo cáo",
    "qua-han-bao-cao": "quá hạn, báo cáo chưa xong",
    "chua-den-han": "chưa đến hạn",
    "thuong-xuyen": "thường xuyên",
    "chua-co-bao-cao": "chưa rõ thời hạn, chưa có báo cáo",
}
# Recurring obligations (builder.analysis.deadlines' values).
RECURRING_VI = {
    "thuong-xuyen": "Thường xuyên",
    "hang-ngay": "Hằng ngày",
    "hang-tuan": "Hằng tuần",
    "hang-thang": "Hằng tháng",
    "hang-quy": "Hằng quý",
    "6-thang": "6 tháng một lần",
    "hang-nam": "Hằng năm",
}
# A plan's basis.
RELATION_VI = {"can-cu": "Căn cứ", "thuc-hien": "Thực hiện"}
# Levels of an agency: as a fact on its page, and as a heading of the agencies' index.
LEVEL_VI = {
    "trung-uong": "Trung ương",
    "tinh": "Tỉnh, thành phố",
    "xa": "Xã, phường, đặc khu",
    "khac": "Khác",
}
LEVEL_HEADING_VI = {**LEVEL_VI, "khac": "Cơ quan khác"}
_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


# -- dates -----------------------------------------------------------------------------------


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def format_date_vi(value: dt.date | str | None) -> str:
    """'2025-07-21' → 'ngày 21 tháng 7 năm 2025' (no leading zeros, as printed on documents).

    Accepts a date, a datetime or an ISO string; returns "" when there is no date.
    """
    d = _as_date(value)
    return f"ngày {d.day} tháng {d.month} năm {d.year}" if d else ""


def format_date_short(value: dt.date | str | None) -> str:
    """'2025-07-21' → '21/7/2025' for tables and lists where the long form is too wide."""
    d = _as_date(value)
    return f"{d.day}/{d.month}/{d.year}" if d else ""


def format_date_numeric(value: dt.date | str | None) -> str:
    """'2025-07-21' → '21/07/2025' (dd/mm/yyyy: search results, where dates line up)."""
    d = _as_date(value)
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if d else ""


def format_period_vi(start: dt.date | str | None, end: dt.date | str | None) -> str:
    """'từ ngày 1 tháng 7 năm 2025 đến ngày 31 tháng 12 năm 2025'."""
    a, b = format_date_vi(start), format_date_vi(end)
    if a and b:
        return f"từ {a} đến {b}"
    return f"từ {a}" if a else (f"đến {b}" if b else "")


def format_month_vi(year_month: str) -> str:
    """'2025-09' → 'Tháng 9/2025'."""
    y, m = year_month.split("-")
    return f"Tháng {int(m)}/{y}"


def format_quarter_vi(year: int, quarter: int) -> str:
    """(2025, 3) → 'Quý III năm 2025'."""
    return f"Quý {_ROMAN[quarter]} năm {year}"


def format_size_vi(n: int) -> str:
    """File size with a Vietnamese decimal comma: 1536 → '1,5 KB'."""
    if n < 1024:
        return f"{n} byte"
    size = float(n)
    for unit in ("KB", "MB", "GB"):
        size /= 1024
        if size < 1024 or unit == "GB":
            return f"{size:.1f} {unit}".replace(".", ",")
    return ""  # pragma: no cover


# -- names ------------------------------------------------------------------------------------
#
# One way to name a plan or a document, used by every page, list, chain, link title, feed, export
# label and feedback title (the callers pass the record's fields: builder.content.names does it
# for a record). Laws and codes are named by their name, the number in brackets; other documents
# by type and number; a document without a number by its type, its issuer and what it is about.

LAW_TYPES = ("Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh")
_LAW_TYPES = {t.casefold() for t in LAW_TYPES}
# The verbs a trích yếu often opens with; a name keeps what the plan is about.
_LEAD_VERBS = (
    re.compile(r"^(?:triển khai|tổ chức)\s+(?:thực hiện\s+)?(?=công tác\b)", re.I),
    re.compile(r"^triển khai\s+(?=thực hiện\b)", re.I),
)
_TAIL_PLACE = re.compile(r"\s+(?:trên địa bàn|của)\s+([^,;]+)$")
# What tells two recurring plans apart: their period, at the end of the trích yếu.
_PERIOD_TAIL = re.compile(
    r"(?:(?:\d{1,2} tháng (?:đầu|cuối) )?năm \d{4}|giai đoạn \d{4}\s*[-–]\s*\d{4}"
    r"|(?:quý|tháng) [\dIVX]+(?:/| năm )\d{4}|(?:đến|nhiệm kỳ) (?:năm )?\d{4}(?:\s*[-–]\s*\d{4})?)$",
    re.I,
)


def is_law(type_: str) -> bool:
    """Laws, codes, ordinances and the constitution are named by name."""
    return type_.casefold() in _LAW_TYPES


@lru_cache(maxsize=4096)
def _words(s: str) -> frozenset[str]:
    # memoized: `about` compares every plan's closing place with its issuer's few names
    return frozenset(w for w in re.split(r"[\s,;()]+", s.casefold()) if w)


def _lower_first(s: str) -> str:
    """'Triển khai …' → 'triển khai …' ('UBND …', 'Đề án Chuyển đổi số' keep their capitals)."""
    first = s.split(" ", 1)[0]
    if len(first) > 1 and first[1:].islower():
        return s[:1].lower() + s[1:]
    return s


def about(title: str, issuer_names: Sequence[str] = ()) -> str:
    """What a document is about, as it reads after its issuer: "về công tác dân vận … năm 2025".

    The trích yếu without its opening verbs ("Triển khai thực hiện công tác …") and without a closing
    place that only repeats the issuer ("… trên địa bàn xã Đại Sơn" in a plan of UBND xã Đại Sơn).
    """
    t = " ".join(title.split()).rstrip(" .;")
    t = _lower_first(t)
    for rx in _LEAD_VERBS:
        t = rx.sub("", t)
    m = _TAIL_PLACE.search(t)
    if m and issuer_names and any(_words(m.group(1)) <= _words(n) for n in issuer_names if n):
        t = t[: m.start()]
    return t if t.casefold().startswith("về ") else f"về {t}"


def law_name(type_: str, title: str | None, aliases: Sequence[str] = ()) -> str | None:
    """The name of a law ('Luật Tiếp công dân'), from its title or the names it is cited by."""
    for cand in (title, *aliases):
        if cand and cand.casefold().startswith(type_.casefold() + " "):
            return cand
    return None


def document_name(
    type_: str,
    number: str | None,
    *,
    title: str | None = None,
    issuer: str | None = None,
    issuer_names: Sequence[str] = (),
    aliases: Sequence[str] = (),
    key: str = "",
) -> str:
    """The name of a plan or a document wherever it is listed, linked or announced.

    - a law or code: its name, the number in brackets: "Luật Tiếp công dân (số 42/2013/QH13)";
      without a name "Luật số 47/2024/QH15". Pass `number` only when the registry records it
      with a source;
    - a numbered document: type, number, issuer and what it is about:
      "Kế hoạch 16/KH-UBND của UBND phường Hòa Xuân về …" (without an issuer or a title, less);
    - without a number: the name it is cited by, else type, issuer and what it is about:
      "Kế hoạch của UBND xã Đại Sơn về công tác dân vận chính quyền 6 tháng cuối năm 2025".
    `issuer` is the short name shown; `issuer_names` the names (full and short) whose place a
    trích yếu need not repeat.
    """
    if is_law(type_):
        name = law_name(type_, title, aliases)
        if name:
            return f"{name} (số {number})" if number else name
        if number:
            return f"{type_} số {number}"
    if not number and aliases:
        return aliases[0]
    head = f"{type_} {number}" if number else type_
    if issuer:
        head += f" của {issuer}"
    if title:
        return f"{head} {about(title, [issuer or '', *issuer_names])}"
    if number or issuer:
        return head
    return f"{type_} ({key})" if key else type_


def document_label(type_: str, number: str | None, *, name: str) -> str:
    """The short identity where a list gives the rest beside it: 'Nghị định 59/2023/NĐ-CP'; a law
    by its name ('Luật Tiếp công dân (số 42/2013/QH13)'); without a number, the name cut short."""
    if is_law(type_):
        return name
    return f"{type_} {number}" if number else shorten(name)


def shorten(name: str, limit: int = 90) -> str:
    """A name cut to about `limit` characters at word boundaries, keeping its head (type, issuer)
    and the period that tells recurring plans apart: "Kế hoạch của UBND xã Đại Sơn về công tác … 6
    tháng cuối năm 2025"."""
    if len(name) <= limit:
        return name
    m = _PERIOD_TAIL.search(name)
    tail = m.group(0) if m else " ".join(name.split()[-3:])
    rest = name[: len(name) - len(tail)].split()
    room = limit - len(tail) - 3
    head: list[str] = []
    for w in rest:
        if len(" ".join([*head, w])) > room:
            break
        head.append(w)
    while head and head[-1].casefold().strip(",;:") in {"về", "của", "và", "các", "trên", "tại", "với", "ở"}:
        head.pop()  # never end the head on a word that announces what follows
    return f"{' '.join(head).rstrip(',;:')} … {tail}"


def cited_as_phrase(number: str, issued: dt.date | str | None) -> str:
    """'được trích dẫn là 16/KH-UBND ngày 21/7/2025' (a plan that another document gives a number)."""
    when = format_date_short(issued)
    return f"được trích dẫn là {number}" + (f" ngày {when}" if when else "")


def citation(
    type_: str,
    number: str | None,
    *,
    issued: dt.date | str | None = None,
    issuer: str | None = None,
    title: str | None = None,
    aliases: Sequence[str] = (),
) -> str:
    """The standard Vietnamese citation (NĐ 30/2020 style), from the facts given (sourced ones only):
    "Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ quy định chi tiết …";
    "Luật Tiếp công dân số 42/2013/QH13 ngày 25/11/2013"."""
    when = f" ngày {format_date_short(issued)}" if issued else ""
    if is_law(type_) and (name := law_name(type_, title, aliases)):
        return f"{name}" + (f" số {number}" if number else "") + when
    parts = [type_ + (f" số {number}" if number else "") + when]
    if issuer:
        parts.append(f"của {issuer}")
    if title:
        parts.append(title if number else _lower_first(title))
    return " ".join(parts)


def agency_short_name(name: str, short_name: str | None) -> str:
    """'UBND phường Hòa Xuân' where a table or a list has no room for the full name."""
    return short_name or name


# -- legal status in time ----------------------------------------------------------------------

# How a registry document acts on another (content.model DocRelationKind), both ways.
DOC_RELATION_VI = {
    "sua-doi": ("Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"),
    "thay-the": ("Thay thế", "Được thay thế bởi"),
    "bai-bo": ("Bãi bỏ", "Bị bãi bỏ bởi"),
    "huong-dan": ("Hướng dẫn", "Được hướng dẫn bởi"),
    "quy-dinh-chi-tiet": ("Quy định chi tiết", "Được quy định chi tiết bởi"),
}
# How a plan cites a document (its page groups the citing plans so).
CITES_VI = {"can-cu": "Căn cứ", "thuc-hien": "Thực hiện", "cites": "Trích dẫn, nhắc đến"}
CONFIDENCE_VI = {"ghi-trong-nguon": "ghi trong nguồn", "suy-luan": "suy luận"}
# The facts of a registry entry (content.model SOURCED_FACTS), as its sources list names them.
FACT_VI = {
    "number": "số, ký hiệu",
    "issued": "ngày ban hành",
    "title": "trích yếu",
    "signer": "người ký",
    "effective": "ngày có hiệu lực",
    "status": "tình trạng hiệu lực",
    "replaced_by": "văn bản thay thế",
    "relations": "văn bản sửa đổi, thay thế, hướng dẫn",
    "source_url": "bản chính thức",
    "copies": "bản toàn văn tham khảo",
    "type": "loại văn bản",
    "issuer": "cơ quan ban hành",
}


def format_partial_date(value: str | dt.date | None) -> str:
    """A date known to the day, the month or the year: '16/8/2023', 'tháng 11/2026', 'năm 2025'."""
    if value is None or value == "":
        return ""
    s = value.isoformat() if isinstance(value, dt.date) else str(value)
    parts = s.split("-")
    if len(parts) == 3:
        return format_date_short(s)
    if len(parts) == 2:
        return f"tháng {int(parts[1])}/{parts[0]}"
    return f"năm {parts[0]}"


def legal_change_parts(
    change: str,
    has_actor: bool,
    effective: dt.date | None,
    *,
    upcoming: bool = False,
    status: str | None = None,
    as_of: str | None = None,
) -> tuple[str, str]:
    """The words around the acting document's name: ("đã được sửa đổi, bổ sung bởi", "(có hiệu lực
    từ 1/7/2025)"); a page links the name between them, a message writes it."""
    if change == "het-hieu-luc":
        when = f", tính đến {format_partial_date(as_of)}" if as_of else ""
        return f"ở tình trạng “{status}” (theo danh mục văn bản{when})", ""
    verb = {"sua-doi": "được sửa đổi, bổ sung", "thay-the": "bị thay thế", "bai-bo": "bị bãi bỏ"}[change]
    by = " bởi" if has_actor else ""
    if upcoming and effective:
        return f"sẽ {verb}{by}", f"từ ngày {format_date_short(effective)}"
    tail = f"(có hiệu lực từ {format_date_short(effective)})" if effective else "(chưa rõ ngày có hiệu lực)"
    return f"đã {verb}{by}", tail


def legal_change_vi(
    change: str,
    by: str | None,
    effective: dt.date | None,
    *,
    upcoming: bool = False,
    status: str | None = None,
    as_of: str | None = None,
) -> str:
    """What happened to a cited document: "đã được sửa đổi, bổ sung bởi Luật số 97/2025/QH15 (có hiệu
    lực từ 1/7/2025)"; "sẽ được sửa đổi, bổ sung bởi … từ ngày 1/7/2026"; "ở tình trạng …"."""
    head, tail = legal_change_parts(
        change, by is not None, effective, upcoming=upcoming, status=status, as_of=as_of
    )
    return " ".join(x for x in (head, by, tail) if x)


def legal_when_vi(timing: str, issued_how: str = "") -> str:
    """When, relative to the plan's issue date: "Khi ban hành kế hoạch (ngày 21/7/2025)"; without
    `issued_how`, no brackets; "" when the change has no known date."""
    how = f" ({issued_how})" if issued_how else ""
    return {
        "truoc": f"Khi ban hành kế hoạch{how}",
        "sau": f"Sau khi ban hành kế hoạch{how}",
        "chua-ro": f"Chưa rõ trước hay sau khi ban hành kế hoạch{how}",
        "sap": "Sau ngày đối chiếu của trang",
        "khong-ro-ngay": "",  # the change's own words say the date is not known
    }[timing]


# -- statuses ----------------------------------------------------------------------------------


def task_status_label(status: str, reported: str | None = None, late: bool = False) -> str:
    """A computed status in words: 'Quá hạn — chưa có báo cáo', 'Quá hạn — đang thực hiện',
    'Hoàn thành (trễ hạn)', 'Chưa đến hạn'… (`reported`: what the latest result said)."""
    if status == "qua-han":
        said = TASK_STATUS_VI.get(reported or "")
        return f"Quá hạn — {said.lower()}" if said else "Quá hạn — chưa có báo cáo"
    label = STATUS_VI.get(status, status)
    return f"{label} (trễ hạn)" if status == "hoan-thanh" and late else label


def as_of_vi(reference: dt.date | str | None) -> str:
    """'tính đến ngày 4/8/2025': written beside every computed status."""
    d = format_date_short(reference)
    return f"tính đến ngày {d}" if d else "chưa xác định ngày đối chiếu"


def summary_bucket(status: str, reported: str | None) -> str:
    """The bucket of a task in a plan's summary line (overdue split by whether a report said so)."""
    return "qua-han-bao-cao" if status == "qua-han" and reported else status


def task_summary_vi(total: int, buckets: dict[str, int]) -> str:
    """'13 nhiệm vụ · 2 hoàn thành · 7 quá hạn, chưa có báo cáo · 4 thường xuyên'."""
    parts = [f"{total} nhiệm vụ"]
    parts += [f"{buckets[k]} {words}" for k, words in _SUMMARY_VI.items() if buckets.get(k)]
    return " · ".join(parts)


def report_label(
    type_: str, number: str | None, issued: dt.date | str | None, title: str | None = None
) -> str:
    """'Báo cáo số 45/BC-UBND ngày 30/9/2025'. A report without a number is named by its date,
    as plans are named by what identifies them (never 'chưa có số' in a name); with neither, by what
    it is about: 'Báo cáo kết quả thực hiện …' (shortened)."""
    head = f"{type_} số {number}" if number else type_
    d = format_date_short(issued)
    if d:
        return f"{head} ngày {d}"
    if number or not title:
        return head
    return shorten(f"{type_} {about(title)}")


# -- places ------------------------------------------------------------------------------------

_UNIT_KINDS = ("Thành phố", "Tỉnh", "Phường", "Xã", "Đặc khu")


def place_in_text(name: str) -> str:
    """An administrative unit's name inside a sentence: 'Phường Hòa Xuân' → 'phường Hòa Xuân'."""
    for kind in _UNIT_KINDS:
        if name.startswith(kind + " "):
            return kind.lower() + name[len(kind) :]
    return name


def agency_in_place(label: str, place: str | None) -> str:
    """'Phòng VH-XH (phường Hòa Xuân)': an agency's name with its locality, unless the name says
    it already ('UBND xã Đại Sơn'), so that units of one name in different communes differ."""
    if not place:
        return label
    bare = place
    for kind in _UNIT_KINDS:
        bare = bare.removeprefix(kind + " ")
    if bare.casefold() in label.casefold():
        return label
    return f"{label} ({place_in_text(place)})"
