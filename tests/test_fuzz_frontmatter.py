"""Fuzzing the front-matter loader: any bytes, any mutation of a real plan → diagnostics, never a crash."""

from __future__ import annotations

from _hardening import FUZZ, NASTY_LINES, mutated, seed_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.base import diagnostics
from builder.content import frontmatter

PLANS = [t for t in seed_texts() if t.startswith("---")]
REL = "content/ke-hoach/2025/fuzz.md"


def _check(raw: bytes) -> frontmatter.SourceFile:
    src = frontmatter.parse_text(REL, raw)
    lines = max(1, raw.count(b"\n") + 1)
    for d in src.diagnostics:
        assert d.code in diagnostics.CODES and d.file == REL
        assert 1 <= d.line <= lines + 1 and d.column >= 1, d
    if src.ok:
        assert isinstance(src.data, dict)
        assert src.text[: len(src.text) - len(src.body)].count("\n") + 1 == src.body_line or not src.body
    else:
        assert src.diagnostics, "refused without saying why"
    return src


def _plain(v: object) -> bool:
    """Only what YAML data may hold: no objects built from tags."""
    if isinstance(v, dict):
        return all(isinstance(k, str) and _plain(x) for k, x in v.items())
    if isinstance(v, list):
        return all(_plain(x) for x in v)
    return v is None or isinstance(v, (str, int, float, bool))


@settings(**FUZZ, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_any_bytes(raw: bytes) -> None:
    _check(raw)


@settings(**FUZZ, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_any_bytes_after_a_front_matter_fence(raw: bytes) -> None:
    _check(b"---\n" + raw + b"\n---\nbody\n")


@settings(**FUZZ, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated(PLANS))
def test_mutated_plans(text: str) -> None:
    _check(text.encode("utf-8"))


def test_nasty_yaml_is_refused_with_a_location() -> None:
    """Anchors, aliases, merge keys, tags and deep nesting never expand or execute."""
    for line in [*NASTY_LINES[:8], NASTY_LINES[9]]:
        src = _check(f"---\ntitle: x\n{line}\n---\n".encode())
        assert not src.ok or _plain(src.data), (line, src.data)
    bomb = (
        "---\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "---\n"
    )
    src = _check(bomb.encode())
    assert not src.ok and any(d.line >= 2 for d in src.diagnostics)
