"""The words Pagefind indexes: Vietnamese syllables written so that its index tells them apart.

Pagefind 1.5 folds every mark for its index keys ("quá", "quả", "quạ" are one key "qua") and
matches every query word as a prefix of the keys ("qua" also finds "quản", "hạn" finds "hạnh").
Measured on the seed site before this module (BENCHMARKS.md, "Search"): "quá hạn" returned every
page. Pagefind keeps "đ" apart from "d" instead ("le cong dong" found nothing).

So the index is not built from the published pages but from a copy (publish/searchindex.py)
in which every word is written as a *token*:

    the word's letters without marks (đ written d)  +  "ŋ"  +  one flag per a/e/o/u/d letter
    (n none, c circumflex, b breve, h horn, d stroke)  +  the tone (z s f r x j, Telex letters)
    [+ where the tone is, only when the word does not put it where the usual spelling does]

"Đại" → "Daiŋdnj", "quá" → "quaŋnns", "Hòa" → "Hoaŋnnf", "Hoà" → "Hoaŋnnfc" (the tone on letter
c, the third). Pagefind's key is the token in lower case, so:
- a query with marks asks for the key without the placement letter ("quaŋnns", a prefix): that
  syllable only, either tone placement;
- a query without marks asks for the folded syllable and the separator ("quaŋ"): every syllable
  written q-u-a with any marks, đ = d, and not "quan…" (the separator ends the syllable);
- the page text is spelled back from the letters and the code (`decode`;
  overrides/assets/congkhai/search.js does the same for excerpts).
The letters carry no marks because Pagefind 1.5 files a marked word as a *variant* of its folded
key, and leaves variants out of the size by which it cuts the index into chunks: with marked
tokens the chunk holding "dân" had 246,000 word locations where Pagefind aims at 20,000 (347 KB
at 1,000 plans, fetched by a search for "dân"; 67 KB without marks).

Adjacent words also get a *pair token*, "ŋ" + the folded words each followed by "ŋ" + their codes:
"dân vận" → "ŋdanŋvanŋnczcj" (digits in it as Greek letters, see `pair`); a page's whole names
(number, agency name, short name…) get a *name token* ("ħ" in it, `name_token`). A query of
several words asks for its pairs first: pages where the words stand together, found from a few
short postings lists instead of the long lists of each common word (the first search's bytes,
BENCHMARKS.md).

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


_COMBINING = {"c": "\u0302", "b": "\u0306", "h": "\u031b"}
_TONE_MARKS = {v: k for k, v in _TONES.items()}
_VOWELS = frozenset("aeiouy")


def _default_tone_at(letters: str, mods: Sequence[str]) -> int | None:
    """Where the usual spelling puts a syllable's tone mark (old style: "hòa", "thủy"), as an
    index into `letters` (lower-case ASCII, one modifier flag or "" per letter); None without a
    vowel. A token says where the tone is only when the page put it elsewhere ("hoà")."""
    n = len(letters)
    # "qu" and "gi" before a vowel are consonants: "quốc", "giữ"
    i = 2 if letters[:2] in ("qu", "gi") and n > 2 and letters[2] in _VOWELS else 0
    while i < n and letters[i] not in _VOWELS:
        i += 1
    if i == n:
        return None
    j = i
    while j < n and letters[j] in _VOWELS:
        j += 1
    modified = [k for k in range(i, j) if mods[k] in _COMBINING]
    if modified:  # ê, ô, ơ, â, ă, ư carry it ("ươ": the ơ)
        return modified[-1]
    if j - i == 1 or j < n:  # one vowel, or vowels before a final consonant: the last one
        return j - 1
    return i + 1 if j - i == 3 else i  # "ngoài"; "hòa", "mùa"


def _with_marks(letters: str, code: str) -> str | None:
    """The run an ASCII token stands for ("Daiŋdnj" → letters "Dai", code "dnj" → "Đại"), or None
    when the code does not fit the letters. The code: one flag per a/e/o/u/d letter, the tone,
    and, when the tone is not where `_default_tone_at` puts it, the letter's index (a = 0)."""
    code = code.lower()
    flagged = [i for i, c in enumerate(letters) if c.lower() in _FLAGGED]
    k = len(flagged)
    if len(code) not in (k + 1, k + 2):
        return None
    chars = list(letters)
    mods = [""] * len(letters)
    for n, i in enumerate(flagged):
        f = code[n]
        if f == "d" and letters[i] in "dD":
            chars[i] = "đ" if letters[i] == "d" else "Đ"
        elif f in _COMBINING and letters[i] not in "dD":
            chars[i] += _COMBINING[f]
            mods[i] = f
        elif f != "n":
            return None
    tone = code[k]
    if tone != "z":
        if tone not in _TONE_MARKS:
            return None
        at = ord(code[k + 1]) - ord("a") if len(code) == k + 2 else _default_tone_at(letters.lower(), mods)
        if at is None or not 0 <= at < len(letters):
            return None
        chars[at] += _TONE_MARKS[tone]
    elif len(code) == k + 2:
        return None
    return unicodedata.normalize("NFC", "".join(chars))


@cache
def token(run: str) -> str:
    """The indexed form of one run: 'Đại' → 'Daiŋdnj', 'Hoà' → 'Hoaŋnnfc', 'UBND' → 'UBNDŊNNZ',
    '59' → '59'.

    Its letters are ASCII: Pagefind 1.5 files a word with marks as a *variant* of its folded key
    and leaves variants out of the size by which it cuts its index into chunks (module docstring).
    A run the code cannot spell back (two tones, marks Vietnamese has not: "ö", "ñ") keeps its
    marks: its key is the same, only its chunk carries a variant."""
    written, _folded, code = word_parts(run)
    if not code:
        return written
    letters = "".join(c for c in unicodedata.normalize("NFD", written) if not unicodedata.combining(c))
    toned = next((i for i, c in enumerate(run) if (_letter(c) or ("", "", ""))[2]), None)
    if toned is not None and len(letters) == len(run):
        mods = [(_letter(c) or ("", "", ""))[1] for c in run]
        if toned != _default_tone_at(letters.lower(), [m if m in _COMBINING else "" for m in mods]):
            code += chr(ord("a") + toned) if toned < 26 else "?"
    if len(letters) != len(run) or _with_marks(letters, code) != unicodedata.normalize("NFC", run):
        letters, code = written, word_parts(run)[2]
    tail = SEP + code
    return letters + (tail.upper() if run[-1].isupper() else tail)


# Digits inside pair and name tokens are written as Greek letters: a token of letters only is never
# split by Pagefind (it splits a word with punctuation at letter/digit boundaries, and the pieces
# "ŋ" would become index keys that a query for a missing token falls back to).
_DIGITS = str.maketrans("0123456789", "αβγδεζηθικ")


def pair(a: str, b: str) -> str:
    """The pair token of two adjacent runs: ('dân', 'vận') → 'ŋdanŋvanŋnczcj'. A query without
    marks asks for 'ŋdanŋvanŋ' (any marks); the codes always follow two words."""
    _wa, fa, ca = word_parts(a)
    _wb, fb, cb = word_parts(b)
    return f"{PAIR}{fa}{SEP}{fb}{SEP}{ca}{cb}".translate(_DIGITS)


NAME = "ħ"  # U+0127: a letter for Pagefind, never in Vietnamese text; marks a name token


def name_token(name: str) -> str | None:
    """The token of a whole name, so that a query that is exactly a page's name finds that page
    first: 'UBND xã Đại Sơn' → 'ŋubndŋxaħdaiħsonħħnnznxdnjhz', 'TTg' → 'ttgħħz' (None when it
    has no word).

    It is written so that Pagefind's sorted index puts it just before the keys the next stage
    of a search asks for anyway: a name of several words before the pair tokens of its first
    two words ("ħ" sorts before "ŋ"), a name of one word before that word's own tokens. Pagefind
    cuts its index into chunks of neighbouring keys, so looking a name up mostly costs no chunk
    of its own (BENCHMARKS.md, "Search": the first search's bytes)."""
    rs = runs(name)
    if not rs:
        return None
    ps = [word_parts(r) for r in rs]
    folded = [f for _w, f, _c in ps]
    head = folded[0] if len(ps) == 1 else f"{PAIR}{folded[0]}{SEP}{folded[1]}"
    token = head + "".join(NAME + f for f in folded[2:]) + NAME + NAME + "".join(c for _w, _f, c in ps)
    return token.translate(_DIGITS)


def is_hidden(word: str) -> bool:
    """A pair or name token: indexed, never shown (excerpts drop it)."""
    return word.startswith(PAIR) or NAME in word


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
        code = m.group(3)
        if run.isascii():
            spelled = _with_marks(run, code)
            if spelled is None:  # letters glued to the token (text nodes without a space
                # between them): the code is as long as the letters say, the rest is text
                k = sum(c.lower() in _FLAGGED for c in run) + 1
                spelled = _with_marks(run, code[:k])
                return m.group(0) if spelled is None else head + spelled + code[k:]
            return head + spelled
        # a run written with its marks (`token`): only its đ are flagged back
        flagged = [i for i, c in enumerate(run) if (_letter(c) or ("", "", ""))[1]]
        if len(code) != len(flagged) + 1:
            return m.group(0)
        chars = list(run)
        for n, i in enumerate(flagged):
            if code[n].lower() == "d":
                chars[i] = "Đ" if chars[i] == "D" else "đ"
        return head + "".join(chars)

    words = [w for w in re.split(r"(\s+)", text) if not is_hidden(w)]
    return re.sub(r"\s+", " ", _TOKEN.sub(one, "".join(words))).strip()


@cache  # headings repeat from plan to plan ("I. MỤC ĐÍCH, YÊU CẦU")
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
