"""Canonical document keys and number formats (DESIGN.md "Content model"); their URLs: builder.base.urls."""

from __future__ import annotations

import re

from ..base.text import ascii_fold, clean_identifier

SEG = r"[A-ZĐ][A-Za-zĐđ]*\d*"
# The three families of "số, ký hiệu" (DOMAIN.md §1.1).
NUMBER_FORMS = {
    "qppl": re.compile(rf"\d{{1,5}}/(?:19|20)\d\d/{SEG}(?:-{SEG})*"),  # 59/2023/NĐ-CP, 10/2022/QH15
    "hanh-chinh": re.compile(rf"\d{{1,5}}/{SEG}(?:-{SEG})+"),  # 16/KH-UBND, 1455/UBND-KGVX
    "dang": re.compile(rf"\d{{1,5}}-{SEG}/{SEG}(?:-{SEG})*"),  # 57-NQ/TW, 02-KH/BCĐTW
}


def number_family(number: str) -> str | None:
    """Which family a normalised number belongs to, or None when it is malformed."""
    for name, rx in NUMBER_FORMS.items():
        if rx.fullmatch(number):
            return name
    return None


def canonical_number(number: str) -> str:
    return clean_identifier(number)


def number_year(number: str) -> int | None:
    m = re.match(r"\d+/((?:19|20)\d\d)/", number)
    return int(m.group(1)) if m else None


def folded(key: str) -> str:
    return ascii_fold(key).casefold()
