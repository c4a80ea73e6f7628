"""The one set of models every step shares (eyecite's `FullCaseCitation` & co., much smaller)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

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
    # -- what find, resolve and the citation step learnt on the way --
    title_end: int = -1  # end of the trích yếu that follows the mention (find)
    name_key: str | None = None  # a document cited by name: the key of its name (find)
    generic: bool = False  # "Luật …" matched by the generic law pattern, not a known name (find)
    short_form: str | None = None  # the defined short form this mention uses ("Quy định 105") (find)
    target_number: str | None = None  # the number of the record it resolved to (resolve)
    target_name: str | None = None  # the record's name for readers (link titles) (resolve)
    self_citation: bool = False  # the plan citing itself ("kèm theo Kế hoạch số …"): never linked (resolve)
    probable_url: str | None = None  # the plan it probably is (CK081, resolve)
    probable_path: str | None = None
    file_line: int | None = None  # position in the content file, front-matter included (citation step)
    column: int | None = None
    task: str | None = None  # id of the task whose field holds it, for citations in the appendix
    task_field: str | None = None  # that field: "name" or "output"

    def as_json(self) -> dict[str, Any]:
        d = asdict(self)
        return {k: d[k] for k in JSON_FIELDS}

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
