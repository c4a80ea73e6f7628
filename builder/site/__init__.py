"""The public website: page generators, search helpers and shared formatting for templates.

`format_date_vi` is the one way dates are shown to readers ("ngày 21 tháng 7 năm 2025");
other steps (tasks, notices, feeds) import it from here.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["format_date_short", "format_date_vi", "format_period_vi", "format_size_vi"]


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


def format_size_vi(n: int) -> str:
    """File size with a Vietnamese decimal comma: 1536 → '1,5 KB'."""
    if n < 1024:
        return f"{n} byte"
    for unit in ("KB", "MB", "GB"):
        n /= 1024  # type: ignore[assignment]
        if n < 1024 or unit == "GB":
            return f"{n:.1f} {unit}".replace(".", ",")
    return ""  # pragma: no cover
