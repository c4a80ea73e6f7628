"""Read a content file: bytes → NFC text → front-matter (YAML) + Markdown body, with positions.

YAML is parsed by libyaml (PyYAML's C composer) into nodes, and the nodes are turned into
plain Python values here, so that we keep what the editor wrote (dates stay strings until the
model checks them), know the line of every key and value, refuse duplicate keys, anchors and
aliases (a "billion laughs" file cannot expand) and custom tags.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..base.diagnostics import Diagnostic, make

MAX_BYTES = 2_000_000
MAX_DEPTH = 20
Path_ = tuple[str | int, ...]

# libyaml is in PyYAML's wheels; the pure-Python composer otherwise
_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass
class SourceFile:
    """One content file as read. `positions` maps a key path to its (line, column), 1-based."""

    path: str  # relative to the project, POSIX
    text: str = ""  # NFC text of the whole file
    data: dict[str, Any] = field(default_factory=dict)
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # 1-based line of the body's first line in the file
    ok: bool = False  # front-matter parsed into a mapping
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def pos(self, path: Path_) -> tuple[int, int]:
        """Best position for a key path: the deepest prefix we know, else line 1."""
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return (1, 1)


class _Refused(Exception):
    def __init__(self, diag: Diagnostic) -> None:
        self.diag = diag


def decode(path: str, raw: bytes, diags: list[Diagnostic]) -> str | None:
    if len(raw) > MAX_BYTES:
        diags.append(make("CK002", path, 1, 1, size=len(raw), limit=MAX_BYTES))
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        col = e.start - (raw.rfind(b"\n", 0, e.start) + 1) + 1
        diags.append(make("CK001", path, line, col, detail=f"không phải UTF-8 (byte 0x{raw[e.start]:02x})"))
        return None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        diags.append(make("CK001", path, line, 1, detail="tệp nhị phân (có ký tự NUL)"))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        for i, ch in enumerate(text):
            if (
                unicodedata.combining(ch)
                and unicodedata.normalize("NFC", text[max(0, i - 1) : i + 1]) != text[max(0, i - 1) : i + 1]
            ):
                break
        else:
            i = 0
        line = text.count("\n", 0, i) + 1
        col = i - (text.rfind("\n", 0, i) + 1) + 1
        diags.append(make("CK003", path, line, col))
        text = unicodedata.normalize("NFC", text)
    return text


def split(path: str, text: str, diags: list[Diagnostic]) -> tuple[str, int, str, int] | None:
    """(yaml_text, yaml_first_line, body, body_first_line) or None with a CK010 diagnostic."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        diags.append(
            make("CK010", path, 1, 1, detail="Thiếu khối thông tin (front-matter) mở đầu bằng dòng “---”.")
        )
        return None
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), 2, "\n".join(lines[i + 1 :]), i + 2
    diags.append(
        make(
            "CK010",
            path,
            1,
            1,
            detail="Khối thông tin mở bằng “---” ở dòng 1 nhưng không có dòng “---” đóng lại.",
        )
    )
    return None


def _scalar(node: yaml.ScalarNode) -> object:
    v = node.value
    if node.style is not None:  # quoted or block scalar: always a string
        return v
    if v in _NULLS:
        return None
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    if node.tag == "tag:yaml.org,2002:int":
        try:
            return int(v.replace("_", ""), 0) if v.lstrip("+-").startswith("0") and len(v) > 1 else int(v)
        except ValueError:
            return v
    if node.tag == "tag:yaml.org,2002:float":
        try:
            return float(v)
        except ValueError:
            return v
    return v  # strings and timestamps stay as written


def to_python(
    path: str, node: yaml.Node, offset: int, positions: dict[Path_, tuple[int, int]], diags: list[Diagnostic]
) -> object:
    seen: set[int] = set()

    def where(n: yaml.Node) -> tuple[int, int]:
        return (n.start_mark.line + offset, n.start_mark.column + 1)

    def walk(n: yaml.Node, kpath: Path_, depth: int) -> object:
        if depth > MAX_DEPTH:
            raise _Refused(make("CK015", path, *where(n), limit=MAX_DEPTH))
        if id(n) in seen:  # composed aliases are shared node objects
            raise _Refused(make("CK013", path, *where(n)))
        if n.tag not in _PLAIN_TAGS:
            raise _Refused(make("CK014", path, *where(n), tag=n.tag))
        if isinstance(n, yaml.MappingNode | yaml.SequenceNode):
            seen.add(id(n))
        if isinstance(n, yaml.ScalarNode):
            return _scalar(n)
        if isinstance(n, yaml.SequenceNode):
            out_list = []
            for i, item in enumerate(n.value):
                positions[(*kpath, i)] = where(item)
                out_list.append(walk(item, (*kpath, i), depth + 1))
            return out_list
        out: dict[str, Any] = {}
        first: dict[str, Any] = {}
        for knode, vnode in n.value:
            if not isinstance(knode, yaml.ScalarNode):
                raise _Refused(make("CK011", path, *where(knode), detail="khóa phải là chữ"))
            if knode.value == "<<":
                raise _Refused(make("CK013", path, *where(knode)))
            key = str(_scalar(knode))
            if key in out:
                diags.append(make("CK012", path, *where(knode), key=key, first=first[key]))
                continue
            first[key] = where(knode)[0]
            positions[(*kpath, key)] = where(knode)
            out[key] = walk(vnode, (*kpath, key), depth + 1)
        return out

    try:
        return walk(node, (), 0)
    except _Refused as r:
        diags.append(r.diag)
        return None


def parse_yaml(
    path: str,
    yaml_text: str,
    first_line: int,
    positions: dict[Path_, tuple[int, int]],
    diags: list[Diagnostic],
) -> object:
    try:
        node = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.MarkedYAMLError as e:
        # Point at where the broken construct starts (an unclosed quote or bracket), and say
        # where the parser noticed it when that is another line.
        opener = e.context_mark is not None and any(w in (e.context or "") for w in ("quoted", "flow"))
        mark = e.context_mark if opener else (e.problem_mark or e.context_mark)
        line = (mark.line + first_line) if mark else first_line
        col = (mark.column + 1) if mark else 1
        detail = _yaml_problem_vi((e.problem or str(e)).strip())
        if opener and e.problem_mark and e.context_mark and e.problem_mark.line != e.context_mark.line:
            detail += f"; phát hiện ở dòng {e.problem_mark.line + first_line}"
        diags.append(make("CK011", path, line, col, detail=detail))
        return None
    except yaml.YAMLError as e:
        diags.append(make("CK011", path, first_line, 1, detail=str(e).splitlines()[0]))
        return None
    except RecursionError:
        diags.append(make("CK015", path, first_line, 1, limit=MAX_DEPTH))
        return None
    if node is None:
        return {}
    return to_python(path, node, first_line, positions, diags)


_YAML_PROBLEMS = {
    "mapping values are not allowed": "không được đặt dấu hai chấm ở đây (hãy đặt giá trị trong dấu ngoặc kép) hoặc thụt lề sai",
    "found a tab character": "có phím Tab trong phần thụt lề (hãy dùng dấu cách)",
    "did not find expected ',' or ']'": "thiếu dấu ngoặc vuông đóng “]”",
    "did not find expected ',' or '}'": "thiếu dấu ngoặc nhọn đóng “}”",
    "could not find expected ':'": "thiếu dấu hai chấm sau tên khóa",
    "found character that cannot start any token": "có ký tự không hợp lệ (có thể là phím Tab: hãy dùng dấu cách)",
    "found undefined alias": "dùng bí danh (*) chưa khai báo",
    "did not find expected key": "thụt lề không đúng hoặc thiếu tên khóa",
    "found unexpected end of stream": "thiếu dấu ngoặc kép hoặc ngoặc đóng",
    "did not find expected node content": "thiếu giá trị",
    "expected <block end>, but found '-'": "thụt lề của danh sách không đúng",
}


def _yaml_problem_vi(problem: str) -> str:
    for en, vi in _YAML_PROBLEMS.items():
        if problem.startswith(en):
            return f"{vi} ({problem})"
    return problem


def read(root: Path, file: Path, optional: bool = False) -> SourceFile:
    """Read and parse one content file. `optional`: a file without front-matter is all body
    (hand-written pages); otherwise the front-matter is required (CK010).

    The parse is cached (build/cache/frontmatter) under a hash of the file's path and bytes: a
    file that did not change is not parsed again."""
    from ..base.cache import caches, digest
    from .files import read_bytes

    rel = file.relative_to(root).as_posix() if file.is_absolute() else file.as_posix()
    src = SourceFile(path=rel)
    try:
        raw, size = read_bytes(file, MAX_BYTES)
    except OSError as e:
        src.diagnostics.append(make("CK001", rel, 1, 1, detail=e.strerror or str(e)))
        return src
    if size > MAX_BYTES:
        src.diagnostics.append(make("CK002", rel, 1, 1, size=size, limit=MAX_BYTES))
        return src
    store = caches(root)["frontmatter"]
    key = digest(rel, "optional" if optional else "", raw)
    hit = store.get(key)
    if isinstance(hit, SourceFile):
        return hit
    if optional and not raw.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
        text = decode(rel, raw, src.diagnostics)
        if text is not None:
            src.text, src.body, src.body_line, src.ok = text, text, 1, True
    else:
        src = parse_text(rel, raw, src)
    store.put(key, src)
    return src


def parse_text(rel: str, raw: bytes, src: SourceFile | None = None) -> SourceFile:
    src = src or SourceFile(path=rel)
    text = decode(rel, raw, src.diagnostics)
    if text is None:
        return src
    src.text = text
    parts = split(rel, text, src.diagnostics)
    if parts is None:
        return src
    yaml_text, first, src.body, src.body_line = parts
    data = parse_yaml(rel, yaml_text, first, src.positions, src.diagnostics)
    if data is None:
        return src
    if not isinstance(data, dict):
        src.diagnostics.append(
            make("CK010", rel, first, 1, detail="Khối thông tin phải là các cặp “khóa: giá trị”.")
        )
        return src
    src.data = data
    src.ok = True
    return src
