"""clean: undo extraction artefacts without moving a single character (eyecite's `clean_text`).

eyecite keeps an offset map between the cleaned and the original text. We avoid needing one:
every change here maps one character to exactly one character, or overwrites a span with
filler of the same length. An offset in the cleaned text is therefore the same offset in the
text as read (after NFC, which the DESIGN contract applies first), and `text[start:end]` of the
original is always the citation as printed.

- NBSP, thin spaces, tabs, CR and soft hyphens become plain spaces, so the grammar's `S`
  (`[ \\n]*`) absorbs them together with PDF line breaks ("04-⏎⏎ĐA/TU", "2870/QĐ- ⏎UBND").
- En/em dashes and the minus sign become "-"; look-alike capital Đ become U+0110.
- Old/new tone placement ("Thành uỷ"/"Thành ủy") is left alone: name patterns accept both.
- Markup that is not text is masked: `<sup>1</sup>` and `[^1]` footnote markers become BREAK
  (they end an issuer phrase but never sit inside an identifier); emphasis `**`/`__` and inline
  tags such as `<b>` become spaces. Inline code, existing links, raw HTML blocks, code blocks and
  front-matter become BLOCK so nothing inside them is reported or linked twice.
"""

from __future__ import annotations

import re

from ..base.text import nfc

BREAK = "\x01"  # ends a phrase (issuer, title) but is not a character of any citation
BLOCK = "\x00"  # masked region: nothing is found inside or across it

_ONE_TO_ONE = {
    **dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\t\r\u00ad\u200b\ufeff"), " "),
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-"),
    ord("\u00d0"): "\u0110",
    ord("\u0189"): "\u0110",
}

_ONE_TO_ONE_PAIRS = [(chr(k), v) for k, v in _ONE_TO_ONE.items()]

_SUP = re.compile(r"<sup>[^<]{0,12}</sup>|\[\^[^\]\s]{1,20}\]:?", re.I)
_INLINE_TAG = re.compile(r"</?(?:b|i|u|em|strong|span|br|small|p)\b[^>\n]{0,80}>", re.I)
_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")
# Existing links and code: [text](url), [text][ref], <a …>…</a>, `code`, <https://…>, bare URLs.
# Linear in any input: link text may hold one level of [brackets] but never an unclosed "[", a
# URL one level of (parentheses), an <a> element no other <a: from each "[", "(" or "<a" the
# scan stops at the next one, so a line of 100,000 "[" is not quadratic.
_TEXT = r"(?:[^\[\]\n]|\[[^\[\]\n]*\])*"
_LINKS = re.compile(
    rf"!?\[{_TEXT}\]\((?:[^()\n]|\([^()\n]*\))*\)|!?\[{_TEXT}\]\[[^\[\]\n]*\]|<a\b[^<>]*>(?:[^<]|<(?!/?a\b))*</a>"
    r"|`[^`\n]+`|<https?://[^<>\s]+>|https?://\S+",
    re.I | re.S,
)


_URLS = re.compile(r"https?://\S+", re.I)


def _mask(s: str, rx: re.Pattern[str], fill: str, keep_newlines: bool = False) -> str:
    def repl(m: re.Match[str]) -> str:
        t = m.group(0)
        if keep_newlines:
            return "".join("\n" if c == "\n" else fill for c in t)
        return fill * len(t)

    return rx.sub(repl, s)


def normalize(text: str) -> str:
    """NFC (the contract's reference text for offsets). May change the length: callers use its result."""
    return nfc(text)


def clean(text: str, markdown: bool = False) -> str:
    """The text the grammar runs on: same length as `text`, artefacts undone, markup masked."""
    s = text
    for ch, repl in _ONE_TO_ONE_PAIRS:  # str.replace per present character: far faster than translate
        if ch in s:
            s = s.replace(ch, repl)
    if "<" in s or "[^" in s:
        s = _mask(s, _SUP, BREAK)
        s = _mask(s, _INLINE_TAG, " ")
    if markdown:
        s = _mask(s, _LINKS, BLOCK, keep_newlines=True)
        if "*" in s or "_" in s:
            s = _mask(s, _EMPHASIS, " ")
        s = _mask_blocks(s)
    else:
        if "://" in s:  # web addresses are not citations, even when they hold a number
            s = _mask(s, _URLS, BLOCK)
        if "*" in s or "_" in s:
            s = _mask(s, _EMPHASIS, " ")
    assert len(s) == len(text)
    return s


_BLOCKY = re.compile(r"^(?:```|~~~|    \S|\t|<(?!sup|b>|/b>|br|i>|u>))", re.M)
_FRONT = re.compile(r"\A---[ ]*\n.*?\n(?:---|\.\.\.)[ ]*(?:\n|\Z)", re.S)


def _mask_blocks(s: str) -> str:
    """Front-matter, fenced/indented code and raw HTML blocks, found with markdown-it-py."""
    m = _FRONT.match(s)
    if m:
        s = "".join("\n" if c == "\n" else BLOCK for c in m.group(0)) + s[m.end() :]
    if not _BLOCKY.search(s):
        return s  # plain prose: nothing for markdown-it to find (keeps large corpora fast)
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    lines = s.split("\n")
    for tok in md.parse(s.replace(BLOCK, " ")):
        if tok.type in ("fence", "code_block", "html_block") and tok.map:
            for i in range(tok.map[0], tok.map[1]):
                lines[i] = BLOCK * len(lines[i])
    return "\n".join(lines)
