"""The words Pagefind indexes: Vietnamese syllables written so that its index tells them apart.

Pagefind 1.5 folds every mark for its index keys ("quá", "quả", "quạ" are one key "qua") and
matches every query word as a prefix of the keys ("qua" also finds "quản", "hạn" finds "hạnh").
Measured on the seed site before this module (BENCHMARKS.md, "Search"): "quá hạn" returned every
page. Pagefind keeps "đ" apart from "d" instead ("le cong dong" found nothing).

So the index is not built from the published pages but from a copy (publish/searchindex.py)
in which every word is written as a *token*:

    the word, đ written d, its other marks kept  +  "ŋ"  +  one flag per a/e/o/u/d letter
    (n none, c circumflex, b breve, h horn, d stroke)  +  the tone (z s f r x j, Telex letters)

"Đại" → "Dạiŋdnj", "quá" → "quáŋnns", "Hoà"/"Hòa" → "Hoàŋnnf"/"Hòaŋnnf". Pagefind strips the
marks for its key ("daiŋdnj", "quaŋnns", "hoaŋnnf" for both tone placements) and keeps the written
form as a variant, so:
- a query with marks asks for the whole key ("quáŋnns"): that syllable only, either tone placement;
- a query without marks asks for the folded syllable and the separator ("quaŋ"): every syllable
  written q-u-a with any marks, đ = d, and not "quan…" (the separator ends the syllable);
- the page text is recovered by dropping what follows "ŋ" and turning flagged d back into đ
  (overrides/assets/congkhai/search.js does it for excerpts).

Adjacent words also get a *pair token*, "ŋ" + folded words joined by "ŋ" + "ŋŋ" + their codes:
"dân vận" → "ŋdanŋvanŋŋnczcj" (digits in it as Greek letters, see `pair`); a page's whole names
(title, number, short name…) get a *name token* the same way, starting "ŋŋ". A query of several words asks for its pairs first: pages where the
words stand together, found from a few short postings lists instead of the long lists of each
common word (the first search's bytes, BENCHMARKS.md).

The code follows the case of the word's last letter ("UBND" → "UBNDŊNZ") because Pagefind splits
a word at a lower-to-upper case change; digits are left as they are.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Any

SEP = "ŋ"  # U+014B: a letter for Pagefind (kept inside words), never in Vietnamese text
PAIR = SEP  # pair tokens start with it, so no syllable query (a prefix) ever reaches them
_MODS = {"\u0302": "c", "\u0306": "b", "\u031b": "h"}  # circumflex, breve, horn
_TONES = {"\u0300": "f", "\u0301": "s", "\u0309": "r", "\u0303": "x", "\u0323": "j"}
_FLAGGED = frozenset("aeoud")


@cache
def _letter(c: str) -> tuple[str, str, str] | None:
    """(base letter, flag or "", tone or "") of a Latin letter with Vietnamese marks, else None."""
    if c in "đĐ":
        return ("d" if c == "đ" else "D", "d", "")
    d = unicodedata.normalize("NFD", c)
    base, marks = d[0], d[1:]
    if not (base.isascii() and base.isalpha()) or any(not unicodedata.combining(m) for m in marks):
        return None
    flag = ""
    if base.lower() in _FLAGGED:
        flag = next((_MODS[m] for m in marks if m in _MODS), "n")
    tone = next((_TONES[m] for m in marks if m in _TONES), "")
    return base, flag, tone


def is_letter(c: str) -> bool:
    return _letter(c) is not None


@cache
def word_parts(run: str) -> tuple[str, str, str]:
    """(written form with đ→d, folded ASCII form, code) of one run of letters or of digits.

    'Đại' → ('Dại', 'dai', 'dnj'); '2023' → ('2023', '2023', '')."""
    if run.isdigit():
        return run, run, ""
    flags, tone, folded = [], "", []
    for c in run:
        info = _letter(c)
        assert info is not None, run
        base, flag, t = info
        folded.append(base.lower())
        if flag:
            flags.append(flag)
        tone = tone or t
    written = unicodedata.normalize("NFC", run.replace("đ", "d").replace("Đ", "D"))
    return written, "".join(folded), "".join(flags) + (tone or "z")


@cache
def token(run: str) -> str:
    """The indexed form of one run: 'Đại' → 'Dạiŋdnj', 'UBND' → 'UBNDŊNZ', '59' → '59'."""
    written, _folded, code = word_parts(run)
    if not code:
        return written
    tail = SEP + code
    return written + (tail.upper() if run[-1].isupper() else tail)


# Digits inside pair and name tokens are written as Greek letters: a token of letters only is never
# split by Pagefind (it splits a word with punctuation at letter/digit boundaries, and the pieces
# "ŋ", "ŋŋ" would become index keys that a query for a missing token falls back to).
_DIGITS = str.maketrans("0123456789", "αβγδεζηθικ")


def pair(a: str, b: str) -> str:
    """The pair token of two adjacent runs: ('dân', 'vận') → 'ŋdanŋvanŋŋnczcj'."""
    _wa, fa, ca = word_parts(a)
    _wb, fb, cb = word_parts(b)
    return f"{PAIR}{fa}{SEP}{fb}{SEP}{SEP}{ca}{cb}".translate(_DIGITS)


def name_token(name: str) -> str | None:
    """The token of a whole name, so that a query that is exactly a page's name finds that page
    first: 'UBND xã Đại Sơn' → 'ŋŋubndŋxaŋdaiŋsonŋŋnnznxdnjhz' (None when it has no word)."""
    rs = runs(name)
    if not rs:
        return None
    ps = [word_parts(r) for r in rs]
    token = SEP + SEP + SEP.join(f for _w, f, _c in ps) + SEP + SEP + "".join(c for _w, _f, c in ps)
    return token.translate(_DIGITS)


_RUN = re.compile(r"[0-9]+|[^\W\d_]+")


def runs(text: str) -> list[str]:
    """Runs of Vietnamese-Latin letters and of digits, in order: '59/2023/NĐ-CP' → 59, 2023, NĐ, CP."""
    out = []
    for m in _RUN.finditer(text):
        s = m.group(0)
        if s.isdigit():
            out.append(s)
            continue
        start = None
        for i, c in enumerate(s + "\0"):  # letters outside the Vietnamese Latin set split a run
            if i < len(s) and is_letter(c):
                start = i if start is None else start
            elif start is not None:
                out.append(s[start:i])
                start = None
    return out


def encode_chunk(chunk: str) -> tuple[str, list[str]]:
    """One whitespace-free chunk of text → (its indexed form, its runs in order).

    Everything that is not a run (punctuation, symbols, other scripts) stays as written."""
    chunk = unicodedata.normalize("NFC", chunk)
    out, parts, pos = [], [], 0
    for m in _RUN.finditer(chunk):
        s = m.group(0)
        sub = runs(s)
        if not sub:
            continue
        out.append(chunk[pos : m.start()])
        i = 0
        for r in sub:
            j = s.index(r, i)
            out.append(s[i:j])
            out.append(token(r))
            parts.append(r)
            i = j + len(r)
        out.append(s[i:])
        pos = m.end()
    out.append(chunk[pos:])
    return "".join(out), parts


_TOKEN = re.compile(rf"([^\W\d_{SEP}{SEP.upper()}]+)([{SEP}{SEP.upper()}])([a-zA-Z]+)")


def decode(text: str) -> str:
    """The page text back from indexed text (pair tokens dropped): for tests and for checking
    that nothing a reader sees is lost on the way through the index."""

    def one(m: re.Match[str]) -> str:
        letters = m.group(1)
        # the run is the longest tail of Vietnamese-Latin letters (a word may follow another
        # script directly)
        k = len(letters)
        while k > 0 and is_letter(letters[k - 1]):
            k -= 1
        head, run = letters[:k], letters[k:]
        if not run:
            return m.group(0)
        flagged = [i for i, c in enumerate(run) if (_letter(c) or ("", "", ""))[1]]
        code = m.group(3)
        if len(code) < len(flagged) + 1:
            return m.group(0)
        chars = list(run)
        for n, i in enumerate(flagged):
            if code[n].lower() == "d":
                chars[i] = "Đ" if chars[i] == "D" else "đ"
        return head + "".join(chars) + code[len(flagged) + 1 :]

    words = [w for w in re.split(r"(\s+)", text) if not w.startswith(PAIR)]
    return re.sub(r"\s+", " ", _TOKEN.sub(one, "".join(words))).strip()


def title_weight(heading: str) -> str:
    """The data-pagefind-weight of a page's heading: Pagefind's 7 for a heading of up to four words,
    less for longer ones (7·√(4/n), at least 2). A query that is most of a short heading ("tiếp
    công dân" in "Luật Tiếp công dân") outranks the same words in a long one ("Ban Tiếp công dân
    thành phố Cần Thơ", a plan's title): a title's length normalisation, as in BM25F."""
    n = max(1, len(runs(heading)))
    return f"{max(2.0, 7 * min(1.0, (4 / n) ** 0.5)):.1f}"


def search_meta(
    kind: str,
    title: str,
    *,
    number: str | None = None,
    when: str = "",
    context: str | None = None,
    filters: dict[str, str | None] | None = None,
    date: str = "",
    names: Sequence[str | None] | None = None,
    heading: str | None = None,
) -> dict[str, Any]:
    """What a page tells the search besides its text (overrides/partials/ck/search-meta.html):
    what it is (Kế hoạch, Văn bản, Cơ quan, Địa bàn, Nhiệm vụ, Danh mục), the title a result
    shows, its number, its date with the right label ("Ban hành 21/07/2025"), a context line
    (the issuing agency of a document, the locality of an agency), the
    facets it belongs to, the date results sort by (ISO), and the short names a reader may type
    whole (a number, an agency's name or short name, an alias: a query that is one of them finds
    the page first; not a plan's long title, which nobody types whole and which would make the
    names' part of the index — fetched by every search — heavy)."""
    facets = {"Mục": kind, **(filters or {})}
    return {
        "kind": kind,
        "title": title,
        "number": number or "",
        "when": when,
        "context": context or "",
        "filters": {k: filter_value(v) for k, v in facets.items() if v},
        "date": date,
        "title_weight": title_weight(heading or title),
        "names": sorted({" ".join(n.split()) for n in names or [] if n and runs(n)}),
    }


def filter_value(value: str) -> str:
    """Pagefind reads "name:value, name2:value2" from one attribute: a comma would split the value."""
    return " ".join(str(value).replace(",", " –").split())
