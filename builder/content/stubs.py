"""Registry stubs: the one writer of a content/van-ban/ entry for a document that plans cite but
the registry does not hold yet (the CK080 message shows it; `congkhai registry stubs` writes it).

Only what the citations printed goes in (number, type, date, title, the issuer as printed), with
the citing plan as the source of those facts (`sources`); nothing is invented: `source_url`, the
dates of force and the legal status stay for an editor to fill in, each with its own source.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from ..base.urls import url_slug


def document_stub(
    *,
    key: str,
    number: str | None,
    type_: str | None,
    date: str | None,
    issuer_id: str | None,
    title: str | None,
    issuer_as_cited: str | None,
    comment: str | None = None,
    cited_in: str | None = None,
    quote: str | None = None,
) -> str:
    """The entry's text: YAML front-matter of the fields known from the citations; `comment`, a
    line for the editor (who proposed the entry), goes first as a YAML comment. `cited_in` (the
    citing plan's path in content/) and `quote` (the mention as printed) become the source of the
    number, date and title."""
    data: dict[str, object] = {}
    if "@" in key or not number:
        data["key"] = key
    if number:
        data["number"] = number
    data["type"] = type_ or "Văn bản"
    if date:
        data["issued"] = dt.date.fromisoformat(date)
    if issuer_id:
        data["issuer"] = issuer_id
    if title:
        data["title"] = title
    if issuer_as_cited and not issuer_id:
        data["note"] = f"Cơ quan ban hành như được trích dẫn: {issuer_as_cited}."
    facts = [f for f in ("number", "issued", "title") if f in data]
    if cited_in and facts:
        source: dict[str, object] = {
            "facts": facts,
            "what": "Kế hoạch trên trang này ghi khi trích dẫn văn bản.",
            "file": cited_in,
        }
        if quote:
            source["quote"] = " ".join(quote.split())
        data["sources"] = [source]
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    note = f"# {' '.join(comment.split())}\n" if comment else ""
    return f"---\n{note}{body}---\n"


def filename(key: str) -> str:
    return url_slug(key) + ".md"


def write_new(path: Path, text: str) -> bool:
    """Write `text` to a new file; False when the path exists (a file, a folder or a link).

    O_EXCL: never through a (dangling) link, never over an editor's file.
    """
    if path.exists() or path.is_symlink():
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as fh:
            fh.write(text)
    except FileExistsError:
        return False
    return True
