"""Feedback channels a plan's own text names: a Cổng góp ý (web address), a hotline (đường dây
nóng), an e-mail address, a hòm thư góp ý. Found conservatively, each with the sentence it comes
from, so that a reader sees why it is offered:

- only in a sentence that speaks of comments or complaints (góp ý, phản ánh, kiến nghị, khiếu nại,
  tố cáo, đường dây nóng, hotline, hòm thư);
- a web address only when a name "Cổng …" or "Trang …" that itself speaks of comments comes right
  before it ("Cổng Góp ý thành phố (gopy.danang.gov.vn)"), with a known ending (.vn, .com, .org,
  .net): a survey site or a news portal in the same sentence is not a channel;
- a phone number only right after "đường dây nóng", "hotline" or "điện thoại" (a few words may
  come between, e.g. "Đường dây nóng thống nhất 1022"); digits, spaces and dots only;
- an e-mail address anywhere in such a sentence;
- a hòm thư / hộp thư góp ý only when those words are written (it has no address: the sentence says where).

Nothing is guessed: no number or address that is not in the text. Footnotes are skipped (they cite
other documents, whose channels are not this plan's).
"""

from __future__ import annotations

import re

from ..content.corpus import Corpus, PlanRecord
from .state import Channel, Derived

_TOPIC = re.compile(r"góp ý|phản ánh|kiến nghị|khiếu nại|tố cáo|đường dây nóng|hotline|hòm thư|hộp thư", re.I)
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZĐÀ-Ỹ“\"(])|\n\s*\n")
# a web address: letters, digits and the URL characters a link needs, nothing that could end an attribute
_DOMAIN = r"(?:https?://)?(?:[A-Za-z0-9-]+\.)+(?:gov\.vn|vn|com|org|net)(?:/[A-Za-z0-9\-._~/?=&%#+]*)?"
_PORTAL = re.compile(
    r"(?P<label>(?:Cổng|Trang)\s+[^()\n.;,:]{0,60}?)\s*(?:\(\s*|:\s*|tại\s+|\s)(?P<value>" + _DOMAIN + r")",
    re.I,
)
_PHONE = re.compile(
    r"(?P<label>đường dây nóng|hotline|số điện thoại|điện thoại)(?:\s+[^\s\d,;.()]+){0,3}?[\s:]+"
    r"(?P<value>\+?\d[\d .]{1,16}\d|\d{3,})",
    re.I,
)
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_MAILBOX = re.compile(r"(?:hòm|hộp) thư góp ý", re.I)
_FOOTNOTE = re.compile(r"^\[\^[^\]]+\]:")


def _plain(s: str) -> str:
    s = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", s)  # links → their text
    s = re.sub(r"\[\^[^\]]+\]|[*_`]|\\(?=[.\-()#*_])", "", s)
    return " ".join(s.split())


def _sentences(body: str, first_line: int) -> list[tuple[str, int]]:
    """(sentence, line) of the body outside footnotes and headings."""
    out = []
    para: list[str] = []
    start = first_line

    def flush() -> None:
        text = " ".join(para)
        for s in _SENTENCE_END.split(text):
            s = _plain(s)
            if s:
                out.append((s, start))
        para.clear()

    for i, line in enumerate(body.splitlines()):
        if not line.strip() or line.lstrip().startswith("#") or _FOOTNOTE.match(line):
            flush()
            continue
        if not para:
            start = first_line + i
        para.append(line.strip())
    flush()
    return out


def _clean_value(v: str) -> str:
    return v.strip().rstrip(".")


def find(body: str, first_line: int = 1) -> list[Channel]:
    """The channels a plan body names, in order of appearance, each once."""
    found: dict[tuple[str, str], Channel] = {}

    def add(kind: str, label: str, value: str, sentence: str, line: int) -> None:
        key = (kind, value.lower() or label.lower())
        if key not in found:
            found[key] = Channel(kind, label[:1].upper() + label[1:], value, sentence, line)

    for sentence, line in _sentences(body, first_line):
        if not _TOPIC.search(sentence):
            continue
        for m in _PORTAL.finditer(sentence):
            label = " ".join(m.group("label").split())
            if _TOPIC.search(label) and "@" not in sentence[m.start("value") - 1 : m.start("value")]:
                add("portal", label, _clean_value(m.group("value")), sentence, line)
        for m in _PHONE.finditer(sentence):
            value = _clean_value(m.group("value"))
            if len(re.sub(r"\D", "", value)) >= 3:
                add("phone", m.group("label"), value, sentence, line)
        for m in _EMAIL.finditer(sentence):
            add("email", "Thư điện tử", m.group(0).rstrip("."), sentence, line)
        if _MAILBOX.search(sentence):
            add("mailbox", _MAILBOX.search(sentence).group(0), "", sentence, line)  # type: ignore[union-attr]
    return list(found.values())


def of_plan(rec: PlanRecord) -> list[Channel]:
    return find(rec.src.body, rec.src.body_line)


def analyze(corpus: Corpus, derived: Derived) -> None:
    derived.channels = {rec.key: of_plan(rec) for rec in corpus.plans if rec.plan is not None}
