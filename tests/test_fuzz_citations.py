"""Fuzzing the citation engine: on any text, every citation's offsets slice the text it reports."""

from __future__ import annotations

import json
from pathlib import Path

from _hardening import FUZZ, NASTY_LINES, mutated, seed_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import cli
from builder.citations.find import find_citations

SEEDS = seed_texts()
PIECES = st.sampled_from(
    [
        *NASTY_LINES[-6:],
        "Nghị định",
        "số",
        "59/2023/NĐ-CP",
        "ngày 14/8/2023",
        "của",
        "Chính phủ",
        "\n",
        " ",
        "-CT/TU",
        "Đ",
        "đ",
        "\u0110",
        "ngày",
        "/",
        "Quyết định số",
    ]
)
TEXTS = st.text(max_size=400) | st.lists(PIECES, max_size=40).map(" ".join) | mutated(SEEDS)
HC = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]


def _check(text: str, markdown: bool) -> None:
    for c in find_citations(text, markdown=markdown):
        assert 0 <= c.start < c.end <= len(text), (c.start, c.end)
        assert text[c.start : c.end] == c.text, (text[c.start : c.end], c.text)
        assert c.line == text.count("\n", 0, c.start) + 1, (c.line, c.text)


@settings(**FUZZ, suppress_health_check=HC)
@given(TEXTS, st.booleans())
def test_offsets_slice_the_text(text: str, markdown: bool) -> None:
    _check(text, markdown)


def test_seeds_have_citations_whose_offsets_slice() -> None:
    n = 0
    for t in SEEDS:
        cs = find_citations(t, markdown=t.startswith("---"))
        n += len(cs)
        _check(t, t.startswith("---"))
    assert n > 100


@settings(**{**FUZZ, "max_examples": 25}, suppress_health_check=HC)
@given(text=mutated(SEEDS))
def test_cli_json_offsets_are_in_the_file_as_read(tmp_path_factory, text: str) -> None:
    """`congkhai citations FILE --json`: start/end index the NFC text of the file."""
    import contextlib
    import io
    import unicodedata

    f: Path = tmp_path_factory.mktemp("cite") / "x.md"
    f.write_text(text, encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        rc = cli.main(["citations", str(f), "--json"])
    assert rc in (0, 1)
    read = unicodedata.normalize("NFC", f.read_bytes().decode("utf-8-sig"))
    for c in json.loads(out.getvalue() or "[]"):
        assert read[c["start"] : c["end"]] == c["text"], c
