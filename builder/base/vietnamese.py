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
TASK_STATUS_VI = {
    "chua-bat-dau": "Chưa bắt đầu",
    "dang-thuc-hien": "Đang thực hiện",
    "hoan-thanh": "Hoàn thành",
    "tam-dung": "Tạm dừng",
}
NO_STATUS_VI = "Chưa cập nhật"
OVERDUE_VI = "Quá hạn"
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


def task_status_label(status: str | None, overdue: bool) -> str:
    """'Đang thực hiện', 'Quá hạn', 'Đang thực hiện — quá hạn', 'Chưa cập nhật'."""
    label = TASK_STATUS_VI.get(status or "", NO_STATUS_VI)
    if overdue:
        return OVERDUE_VI if not status else f"{label} — quá hạn"
    return label
