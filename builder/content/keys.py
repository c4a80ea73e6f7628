"""Canonical document keys and number formats (DESIGN.md "Content model"); their URLs: builder.base.urls."""

from __future__ import annotations

import re
from functools import lru_cache

from ..base.text import ascii_fold, clean_identifier

# A segment of the ký hiệu; "&" joins two units in one segment ("CCHC&VTLT" in 2775/SNV-CCHC&VTLT).
SEG = r"[A-ZĐ][A-Za-zĐđ]*\d*(?:&[A-ZĐ][A-Za-zĐđ]*\d*)*"
NUM = r"\d{1,5}(?:\.\d{1,2})?"  # "66.4/2025/NQ-CP": Government resolutions with a decimal number
# The three families of "số, ký hiệu" (DOMAIN.md §1.1).
NUMBER_FORMS = {
    "qppl": re.compile(rf"{NUM}/(?:19|20)\d\d/{SEG}(?:-{SEG})*"),  # 59/2023/NĐ-CP, 10/2022/QH15
    "hanh-chinh": re.compile(rf"{NUM}/{SEG}(?:-{SEG})+"),  # 16/KH-UBND, 1455/UBND-KGVX
    "dang": re.compile(rf"{NUM}-{SEG}/{SEG}(?:-{SEG})*"),  # 57-NQ/TW, 02-KH/BCĐTW
}
# Codes written in mixed case (NĐ 30/2020 Phụ lục III, HD 36): printed all upper-case in headers
# and crawls ("QĐ-TTG"), the key keeps the official case ("QĐ-TTg") so both are one document.
MIXED_CASE = {c.upper(): c for c in ("TTg", "CTr", "TTr", "QyĐ", "TrS")}


def number_family(number: str) -> str | None:
    """Which family a normalised number belongs to, or None when it is malformed."""
    for name, rx in NUMBER_FORMS.items():
        if rx.fullmatch(number):
            return name
    return None


@lru_cache(maxsize=16384)
def canonical_number(number: str) -> str:
    # memoized: every index, rule and page asks for the same few thousand numbers again
    n = clean_identifier(number)
    if "/" not in n:
        return n
    # every code of the number: after the slash, and before it in party numbers ("15-CTR/TU")
    return re.sub(
        r"[A-Za-zĐđ]+",
        lambda m: MIXED_CASE.get(m.group(0).upper(), m.group(0)) if m.group(0).isupper() else m.group(0),
        n,
    )


def number_year(number: str) -> int | None:
    m = re.match(r"\d+/((?:19|20)\d\d)/", number)
    return int(m.group(1)) if m else None


def folded(key: str) -> str:
    return ascii_fold(key).casefold()
