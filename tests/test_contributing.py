"""CONTRIBUTING.md documents every validator code (regenerate with `python -m builder.docs_codes`)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from builder import docs_codes
from builder.base.diagnostics import CODES

ROOT = Path(__file__).resolve().parents[1]
TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_every_code_is_documented_with_its_fix() -> None:
    missing = [c for c in CODES if f"| `{c}` |" not in TEXT]
    assert not missing, f"CONTRIBUTING.md thiếu {missing}: chạy `python -m builder.docs_codes`"
    for code, spec in CODES.items():
        row = next(line for line in TEXT.splitlines() if line.startswith(f"| `{code}` |"))
        assert " ".join(spec.fix.split()).replace("|", "\\|") in row


def test_table_is_current() -> None:
    assert docs_codes.render(TEXT) == TEXT, "chạy `python -m builder.docs_codes`"


def test_editor_path_in_vietnamese() -> None:
    assert unicodedata.is_normalized("NFC", TEXT)
    for step in ("congkhai import", "congkhai new", "make serve", "pull request", "--format github"):
        assert step in TEXT
    headings = re.findall(r"^## \d\. .+$", TEXT, re.M)
    assert len(headings) >= 6
