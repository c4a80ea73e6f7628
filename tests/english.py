"""Is a word on a citizen's page English? Used by the English-words scan of every built page.

Vietnamese is written in syllables that follow a small grammar (an initial consonant, a vowel
nucleus, a final consonant or glide), so a word that does not fit it is foreign: "found", "search",
"skip", "content", "Initializing". Short English words that happen to fit ("not", "the", "top")
are listed. What is allowed anyway:
- codes and addresses: any chunk with a digit or one of / . @ : _ = + # % & \\ (16/KH-UBND,
  gopy.danang.gov.vn, api/tasks.csv, Ctrl+P), and acronyms in capitals (UBND, JSON, QR);
- single letters (list items "a)", "b)");
- ALLOWED: names of products and formats a reader meets on the page, and loanwords that official
  Vietnamese texts use as they are (website, email).
Text inside an element marked translate="no" (field names, hashes) is not scanned by the browser
test: those are identifiers for programs, and the mark says so to translators and screen readers.
"""

from __future__ import annotations

import re
import unicodedata

ALLOWED = {
    # products and formats
    "GitHub",
    "Pagefind",
    "Atom",
    "iCalendar",
    "Excel",
    "LibreOffice",
    "Google",
    "Schema",
    "Ctrl",
    "tab",
    "Tab",
    "Zalo",
    "Facebook",
    "YouTube",
    # loanwords of official Vietnamese texts
    "website",
    "Website",
    "web",  # "trang web"
    "Web",
    "email",
    "Email",
    "internet",
    "Internet",
    "online",
    "fanpage",
    "Fanpage",
    "video",
    "clip",
    "camera",
    # Vietnamese abbreviations in lower case
    "tr",
    "TTg",
}
# English words that fit the Vietnamese syllable grammar when written without marks.
ENGLISH_SHORT = {
    "the",
    "not",
    "top",
    "is",
    "at",
    "by",
    "or",
    "on",
    "it",
    "via",
    "and",
    "no",
    "to",
    "in",
    "of",
}
# Except where Vietnamese uses them as they are: "in" (to print), "to" (big), "no" (full).
ENGLISH_SHORT -= {"in", "to", "no"}

_INITIAL = "ngh|ng|gh|gi|kh|nh|ph|qu|th|tr|ch|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_SYLLABLE = re.compile(rf"^(?:{_INITIAL})?[aăâeêioôơuưy]+(?:ch|nh|ng|c|m|n|p|t|i|y|o|u)?$")
_CODE = re.compile(r"[\d/.@:_=+#%&\\]")
_EDGE = ".,;:!?()[]{}\"'“”‘’«»…—–-*|·→←↓"
_INNER = re.compile(r"[-(){}\"“”‘’«»]")


def _base(word: str) -> str:
    """Lower case, tone marks removed, vowel shapes (ă â ê ô ơ ư) and đ kept."""
    d = unicodedata.normalize("NFD", word.lower())
    d = "".join(ch for ch in d if unicodedata.category(ch) != "Mn" or ch in "\u0306\u0302\u031b")
    return unicodedata.normalize("NFC", d)


def is_vietnamese_syllable(word: str) -> bool:
    return bool(_SYLLABLE.match(_base(word)))


def english_words(text: str) -> list[str]:
    """The words of `text` that are not Vietnamese and not allowed."""
    out = []
    for chunk in text.split():
        chunk = chunk.strip(_EDGE)
        if not chunk or _CODE.search(chunk):
            continue
        # square brackets inside a word restore letters in a quoted source ("Bộ Chí[nh trị]"); a
        # hyphen, parenthesis or quote inside a chunk is a word boundary ("viên”(Quy định", where
        # a text lacks a space)
        for word in _INNER.split(chunk.replace("[", "").replace("]", "")):
            word = word.strip(_EDGE)
            if len(word) <= 1 or word in ALLOWED or not any(ch.isalpha() for ch in word):
                continue
            if word.isupper():  # UBND, HĐND, JSON
                continue
            if word.lower() in ENGLISH_SHORT or not is_vietnamese_syllable(word):
                out.append(word)
    return out
