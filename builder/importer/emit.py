"""Write the draft: front-matter (YAML, quoted safely), body Markdown, footnotes, unplaced text."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from .parse import Draft

ORDER = [
    "type",
    "number",
    "issued",
    "issuer",
    "place",
    "title",
    "issued_by_decision",
    "period",
    "status",
    "signer",
    "recipients",
    "basis",
    "reports_on",
    "results",
    "attachments",
    "tasks",
    "source_note",
]


class _Dumper(yaml.SafeDumper):
    pass


class _Quoted(str):
    pass


def _quoted(dumper: yaml.SafeDumper, s: str) -> yaml.ScalarNode:
    # Values are always quoted: "Lưu: VT", "2025", "- x" would otherwise change type or syntax.
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(s), style='"')


_Dumper.add_representer(_Quoted, _quoted)
_DATE_KEYS = {"issued", "start", "end", "date"}


def _values(v: object, key: str = "") -> object:
    if isinstance(v, dict):
        return {k: _values(x, k) for k, x in v.items()}
    if isinstance(v, list):
        return [_values(x) for x in v]
    if isinstance(v, str):
        if key in _DATE_KEYS:
            try:
                return dt.date.fromisoformat(v)  # written bare: a date, as editors type it
            except ValueError:
                pass
        return _Quoted(v)
    return v


def front_matter(fields: dict[str, Any]) -> str:
    data = {k: fields[k] for k in ORDER if fields.get(k) not in (None, "", [], {})}
    data.update(
        {
            k: v
            for k, v in fields.items()
            if k not in ORDER and not k.startswith("_") and v not in (None, "", [], {})
        }
    )
    return yaml.dump(
        _values(data),
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )


def render(d: Draft, schema_rel: str | None = None) -> tuple[str, int | None]:
    """The draft file and the line where the "unplaced" section starts (None if empty)."""
    head = ["---"]
    head.append("# Bản nháp do `congkhai import` tạo: đối chiếu với bản gốc trước khi đăng.")
    if schema_rel:
        head.append(f"# yaml-language-server: $schema={schema_rel}")
    if d.header:
        head.append("# Đầu văn bản như in (đã chuyển vào các trường dưới đây):")
        head += [f"#   {_yaml_printable(x)}" for x in d.header]
    fm = front_matter(d.fields).rstrip("\n")
    out = "\n".join(head) + "\n" + fm + "\n---\n\n" + "\n\n".join(d.body).strip() + "\n"
    unplaced_line = None
    if d.unplaced:
        lines = out.count("\n") + 1
        out += "\n<!-- Đoạn chưa xếp được chỗ: xem lại và chuyển vào đúng vị trí hoặc xóa. -->\n\n"
        unplaced_line = lines + 2
        out += "\n\n".join(_escape(x) for x in d.unplaced) + "\n"
    if d.footnotes:
        out += (
            "\n"
            + "\n".join(
                f"[^{k}]: {_escape(v)}" for k, v in sorted(d.footnotes.items(), key=lambda kv: int(kv[0]))
            )
            + "\n"
        )
    return out, unplaced_line


def _yaml_printable(s: str) -> str:
    """Without the characters that YAML refuses anywhere or reads as a line break (NEL, LS, PS)."""
    return re.sub("[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]", "", s)


def _escape(s: str) -> str:
    s = s.replace("<", "&lt;")
    return "\\" + s if s[:1] in "#>+*-" or (s[:2].rstrip(".").isdigit() and s[1:2] == ".") else s
