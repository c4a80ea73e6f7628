"""Small text helpers shared by the parser and the table reader."""

from __future__ import annotations

import re


def glue(parts: list[str]) -> str:
    out = parts[0]
    for p in parts[1:]:
        # a split number or word: "04-" + "ĐA/TU", "2025-" + "2030", "QĐ- " + "UBND"
        if re.search(r"[A-ZĐ0-9][/-]$", out):
            out += p
        else:
            out += " " + p
    return re.sub(r"[ \t]{2,}", " ", out)
