"""The loader: line numbers, what editors wrote kept as written, hostile YAML and bytes refused."""

from __future__ import annotations

import unicodedata

import pytest

from builder.content.frontmatter import MAX_BYTES, parse_text


def parse(text: str | bytes):
    return parse_text("content/ke-hoach/2025/x.md", text.encode() if isinstance(text, str) else text)


def codes(src) -> list[tuple[str, int]]:
    return [(d.code, d.line) for d in src.diagnostics]


def test_positions_of_nested_keys_and_body_line() -> None:
    src = parse("---\ntitle: A\ntasks:\n  - id: '1'\n    name: B\n    due: Tháng 7/2025\n---\n\nThân bài\n")
    assert src.ok
    assert src.positions[("title",)] == (2, 1)
    assert src.positions[("tasks", 0, "due")] == (6, 5)
    assert src.pos(("tasks", 0, "due", "nope")) == (6, 5)  # deepest known prefix
    assert src.body_line == 8 and src.body.split("\n")[1] == "Thân bài"


def test_values_are_kept_as_written() -> None:
    src = parse("---\nissued: 2025-07-21\nnumber: 16/KH-UBND\nid: 01\nflag: yes\n---\n")
    assert src.data == {
        "issued": "2025-07-21",
        "number": "16/KH-UBND",
        "id": "01",
        "flag": "yes",
    }  # "01" stays "01"


def test_quoted_values_stay_strings() -> None:
    assert parse('---\nid: "01"\nx: "null"\n---\n').data == {"id": "01", "x": "null"}


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("title: a\n", "CK010", 1),  # no front-matter
        ("---\ntitle: a\n\nbody without end\n", "CK010", 1),  # unclosed block
        ("---\ntitle: a\ntitle: b\n---\n", "CK012", 3),
        ("---\na: &x [1]\nb: *x\n---\n", "CK013", 2),
        ("---\nbase: &b {x: 1}\nc:\n  <<: *b\n---\n", "CK013", 4),
        ("---\na: !!python/object:os.system {}\n---\n", "CK014", 2),
        ("---\na: !custom x\n---\n", "CK014", 2),
        ("---\n" + "a:\n" + "".join("  " * i + f"  k{i}:\n" for i in range(40)) + "---\n", "CK015", None),
        ("---\n- a\n- b\n---\n", "CK010", 2),  # a list, not key: value pairs
        ('---\ntitle: "abc\nplace: x\n---\n', "CK011", 2),
    ],
)
def test_bad_front_matter(text: str, code: str, line: int | None) -> None:
    src = parse(text)
    assert not src.ok or code == "CK012"
    found = codes(src)
    assert any(c == code and (line is None or ln == line) for c, ln in found), found


def test_billion_laughs_is_refused_without_expanding() -> None:
    lol = "---\na: &a [" + ",".join(['"lol"'] * 10) + "]\n"
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        lol += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]\n"
    src = parse(lol + "---\n")
    assert [c for c, _ in codes(src)] == ["CK013"]


def test_huge_file_is_refused() -> None:
    src = parse(b"---\ntitle: a\n---\n" + b"x" * (MAX_BYTES + 1))
    assert codes(src) == [("CK002", 1)]


def test_non_utf8_reports_the_line() -> None:
    src = parse(b"---\ntitle: a\nplace: H\xf2a Xu\xe2n\n---\n")
    assert codes(src) == [("CK001", 3)]
    assert "UTF-8" in src.diagnostics[0].message


def test_binary_file() -> None:
    assert codes(parse(b"---\n\x00\x01\x02\n---\n"))[0][0] == "CK001"


def test_non_nfc_is_a_warning_and_text_is_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "Hòa Xuân")
    src = parse(f"---\ntitle: a\nplace: {decomposed}\n---\n")
    assert codes(src) == [("CK003", 3)]
    assert src.diagnostics[0].severity == "warning"
    assert src.data["place"] == "Hòa Xuân"


def test_bom_and_crlf_are_accepted() -> None:
    src = parse(b"\xef\xbb\xbf---\r\ntitle: a\r\n---\r\nbody\r\n")
    assert src.ok and src.data == {"title": "a"} and src.body.strip() == "body"
