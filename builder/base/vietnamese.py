"""How the site writes things for readers, in Vietnamese: dates, sizes, names of documents and
agencies, and the words for statuses, relations and levels. Every page, feed and export that
shows one of these takes it from here.

Dates are written as printed on documents, without leading zeros: "ngày 21 tháng 7 năm 2025",
or "21/7/2025" where the long form is too wide.
"""

from __future__ import annotations

import datetime as dt

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


# -- names -------------------------------------------------------------------------------------


def plan_label(type_: str, number: str | None) -> str:
    """'Kế hoạch 16/KH-UBND'; 'Kế hoạch (chưa có số)' for a plan without its number yet."""
    return f"{type_} {number}" if number else f"{type_} (chưa có số)"


def document_label(type_: str, number: str | None, title: str | None, aliases: list[str], key: str) -> str:
    """'Nghị định 59/2023/NĐ-CP'; a document cited by name: the name it is cited by, else its
    type and title."""
    if number:
        return f"{type_} {number}"
    return aliases[0] if aliases else (f"{type_} {title}" if title else f"{type_} ({key})")


def agency_short_name(name: str, short_name: str | None) -> str:
    """'UBND phường Hòa Xuân' where a table or a list has no room for the full name."""
    return short_name or name


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


def report_label(type_: str, number: str | None, issued: dt.date | str | None) -> str:
    """'Báo cáo số 45/BC-UBND ngày 30/9/2025'; 'Báo cáo (chưa có số) ngày …' before a number."""
    head = f"{type_} số {number}" if number else f"{type_} (chưa có số)"
    d = format_date_short(issued)
    return f"{head} ngày {d}" if d else head


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
