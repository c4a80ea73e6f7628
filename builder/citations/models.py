"""The one set of models every step shares (eyecite's `FullCaseCitation` & co., much smaller)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# Fields of the `congkhai citations --json` contract (DESIGN.md), in order.
JSON_FIELDS = ("text", "start", "end", "line", "type", "number", "issuer", "date", "key", "resolved", "url")


@dataclass
class Citation:
    """One mention of a document, as printed, with what resolve learnt about it.

    `start`/`end` are offsets in the NFC text that was searched; `text == source[start:end]`.
    `number` is canonical (no spaces, one hyphen, NFC); `issuer` is the phrase as printed with
    its spaces collapsed ("Ban Thường vụ Thành ủy"); `date` is ISO or None.
    """

    text: str
    start: int
    end: int
    line: int
    type: str | None
    number: str | None
    issuer: str | None = None
    date: str | None = None
    key: str = ""
    resolved: bool = False
    url: str | None = None
    # -- beyond the JSON contract --
    kind: str = "numbered"  # "numbered" | "named" (cited by name, no number)
    title: str | None = None  # trích yếu that follows the mention ("về …"), when printed
    id_start: int = 0  # span of the số/ký hiệu inside the text (for linking just the number)
    id_end: int = 0
    in_list: bool = False  # "… và 218-QĐ/TW": shares the type word of the previous mention
    target: str | None = None  # key of the plan or registry record it resolved to
    target_kind: str | None = None  # "plan" | "document"
    target_title: str | None = None
    status: str = "unresolved"  # "resolved" | "probable" | "unresolved"
    probable: str | None = None  # key of a plan that probably is this document (CK081)
    role: str | None = None  # "can-cu" | "thuc-hien" when it appears in the preamble
    sentence: str = ""
    extra: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        d = asdict(self)
        return {k: d[k] for k in JSON_FIELDS}

    def as_dict(self) -> dict:
        d = asdict(self)
        d.pop("extra", None)
        return d
