"""Vietnamese text helpers shared by every step: NFC, ASCII folding, tone-mark variants, slugs."""

from __future__ import annotations

import functools
import re
import unicodedata

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
# Look-alike capital D-with-stroke letters pasted from PDFs (Icelandic eth, African D).
_D_LOOKALIKES = {ord("\u00d0"): "\u0110", ord("\u0189"): "\u0110"}

# Old-style ("hoà", "thuỷ") vs new-style ("hòa", "thủy") tone placement. Both are correct
# Vietnamese; we fold to one form for matching only, never for display.
_TONE_VARIANTS = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(sorted(_TONE_VARIANTS, key=len, reverse=True)), re.IGNORECASE)


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def fold_tone_placement(s: str) -> str:
    """'Hoà Xuân' → 'Hòa Xuân', 'Thành uỷ' → 'Thành ủy' (for comparing, not for showing)."""

    def repl(m: re.Match[str]) -> str:
        out = _TONE_VARIANTS[m.group(0).lower()]
        return (
            out.upper()
            if m.group(0).isupper()
            else (out[0].upper() + out[1:] if m.group(0)[0].isupper() else out)
        )

    return _TONE_RE.sub(repl, nfc(s))


def ascii_fold(s: str) -> str:
    """Strip every mark and fold đ→d: 'Nghị định' → 'Nghi dinh'."""
    s = s.translate(_D_LOOKALIKES).replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", s)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def match_form(s: str) -> str:
    """A key for loose matching of names: NFC, one tone placement, lower case, single spaces."""
    return " ".join(fold_tone_placement(s).casefold().split())


# Memoised: the pages of a build slugify the same names thousands of times (an agency's or a
# body's name on every task card: 7,600 calls for 500 plans, a tenth of a warm build's staging).
@functools.lru_cache(maxsize=1 << 16)
def slugify(s: str, max_length: int = 0) -> str:
    """URL slug: ASCII-folded (đ→d), lower case, hyphens. The same function gives heading ids."""
    # python-slugify would transliterate đ through text-unidecode too; folding first keeps
    # the result independent of that table and identical for headings and URLs.
    from slugify import slugify as _slugify

    return _slugify(ascii_fold(s), max_length=max_length, word_boundary=bool(max_length))


def toc_slugify(value: str, separator: str = "-") -> str:
    """Python-Markdown `toc` slugify hook (mkdocs.yml): same folding as URLs."""
    return slugify(value) or "muc"


def normalize_spaces(s: str) -> str:
    return " ".join(s.split())


def clean_identifier(s: str) -> str:
    """Canonical số/ký hiệu: NFC, no whitespace, one kind of hyphen, Đ as U+0110."""
    s = nfc(s).translate(_DASHES).translate(_D_LOOKALIKES)
    return re.sub(r"\s+", "", s)


_QUOTE_MARKUP = re.compile(r"<sup>[^<]*</sup>|\[\^[^\]]+\]|\*\*|\\")


def quote_form(s: str) -> str:
    """Text as quoted from a content file: footnote marks, bold and escapes gone, single spaces,
    one tone placement (so a source's `quote` is found in the plan it points at)."""
    return " ".join(fold_tone_placement(_QUOTE_MARKUP.sub(" ", s)).split())
