"""Formatting left by HTML→text and PDF/DOCX extraction: not content, stripped before reading a line.

`**bold**`, `*italic*`, `__x__`, `<b>` tags, stray `** **` lines and heading `#` marks come from the
page's HTML, split anywhere ("**ỦY\\nBAN", "**2.****"); a footnote `<sup>n</sup>` becomes `[^n]`.
"""

from __future__ import annotations

import re

_SUP = re.compile(r"<sup>\s*(\d{1,3})\s*</sup>")
_TAGS = re.compile(r"</?(?:b|i|u|strong|em|span|p|br|small|font)\b[^>]{0,80}>", re.I)
_STARS = re.compile(r"\*\*+|(?<!\S)\*+(?=\S)|(?<=\S)\*+(?!\S)|(?<!\S)\*+(?!\S)")
_UNDERS = re.compile(r"__+")


def strip(line: str) -> str:
    """The line without emphasis markers and tags; `<sup>n</sup>` → `[^n]`; trailing spaces removed."""
    line = _SUP.sub(lambda m: f"[^{m.group(1)}]", line)
    if "<" in line:
        line = _TAGS.sub("", line)
    if "*" in line:
        # "(*)" keeps its star: it is text; a lone star, or one touching a word on one side only, is markup
        line = _STARS.sub("", line.replace("(*)", "(\x02)")).replace("(\x02)", "(*)")
    if "__" in line:
        line = _UNDERS.sub("", line)
    line = re.sub(r"^\s*#{1,6}\s+", "", line)
    return line.rstrip()


def plain(line: str) -> str:
    """Stripped and with single spaces: for matching a line's content."""
    return " ".join(strip(line).split())


def is_marked_heading(line: str) -> bool:
    """A Markdown heading or a fully bold line in the extract: the paragraph ends after it."""
    s = line.strip()
    return bool(re.match(r"^#{1,6}\s", s) or (s.startswith("**") and s.endswith("**") and len(s) > 4))


def words(text: str) -> list[str]:
    """The words of a text as a reader counts them (markup stripped, case folded)."""
    return re.findall(r"\w+", "\n".join(strip(x) for x in text.split("\n")).casefold())
