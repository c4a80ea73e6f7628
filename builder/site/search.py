"""What the site adds to Pagefind so that Vietnamese queries find Vietnamese text.

Checked with Pagefind 1.5.2 in Chromium on the seed site, with and without the folded words
(tests/browser/test_browser_search.py keeps the checks):
- Pagefind folds tone and vowel marks by itself: "dan van kheo" finds "Dân vận khéo", and
  "Hoà Xuân" (old tone placement) finds "Hòa Xuân".
- It keeps "đ": without help "le cong dong" finds nothing, "dinh"/"dieu" only hit list letters
  "d)"; "59/2023/nd-cp" finds the decree only through its other parts (59, 2023, cp).
- Metadata values are searchable, and an element marked `data-pagefind-ignore` stays out of
  excerpts while its `data-pagefind-meta` value is still indexed (a hidden element alone is
  not enough: its text shows in excerpts).
So every indexed page carries, in such an element, the ASCII-folded form of each of its words
that contains "đ" — only those, since Pagefind already matches the rest — and readers never
see it. The search page also sets `ranking.pageLength: 0` (ck-search.js): plans are long,
and the default penalty ranked short registry entries above them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..base.text import ascii_fold, nfc

# Words as Pagefind sees them: runs without whitespace; trim punctuation around them.
_TRIM = "()[]{}<>“”\"'‘’«»,.;:!?…*_`|#"
_LINK = re.compile(r"\]\([^)]*\)")  # Markdown link targets are not words of the text


@lru_cache(maxsize=1 << 16)
def _folded(word: str) -> str:
    return ascii_fold(word).casefold()  # words repeat from plan to plan: fold each once


def fold_terms(*texts: str) -> str:
    """Sorted, de-duplicated folded forms of the words that contain đ/Đ: 'Nghị định 59/2023/NĐ-CP'
    → '59/2023/nd-cp dinh'."""
    out: set[str] = set()
    for text in texts:
        if not text:
            continue
        for raw in _LINK.sub("]", nfc(text)).split():
            if "đ" in raw or "Đ" in raw:
                out.add(_folded(raw.strip(_TRIM)))
    return " ".join(sorted(out))


def filter_value(value: str) -> str:
    """Pagefind reads "name:value, name2:value2" from one attribute: a comma would split the value."""
    return " ".join(str(value).replace(",", " –").split())
