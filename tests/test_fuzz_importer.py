"""Fuzzing the importer: any text gives a draft whose front-matter parses (or a diagnostic), never a traceback."""

from __future__ import annotations

import contextlib
import io
import shutil
from pathlib import Path

from _hardening import FUZZ, SEED_DIR, mutated
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import cli
from builder.content import frontmatter
from builder.importer.cli import import_lines

SEEDS = [f.read_text(encoding="utf-8") for f in sorted(SEED_DIR.glob("*.txt"))]
HC = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture]


def _draft_parses(text: str) -> None:
    src = frontmatter.parse_text("content/ke-hoach/2025/nhap.md", text.encode("utf-8"))
    assert src.ok, [d.as_text() for d in src.diagnostics]
    assert isinstance(src.data.get("title", ""), str)


@settings(**FUZZ, suppress_health_check=HC)
@given(
    st.lists(st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=120), max_size=60)
    | mutated(SEEDS).map(lambda t: t.replace("\x00", "").split("\n"))
)
def test_any_lines_give_a_parseable_draft(lines: list[str]) -> None:
    text, report = import_lines(lines, None, None, None)
    assert isinstance(report, list)
    _draft_parses(text)


@settings(**{**FUZZ, "max_examples": 40}, suppress_health_check=HC)
@given(raw=st.binary(max_size=3000) | mutated(SEEDS).map(lambda t: t.encode("utf-8")))
def test_command_on_any_file(tmp_path_factory, raw: bytes) -> None:
    f: Path = tmp_path_factory.mktemp("imp") / "van-ban.txt"
    f.write_bytes(raw)
    out, err = io.StringIO(), io.StringIO()
    # a fixed project (not the live repo, which other work may be changing): its agencies only
    proj = _project(tmp_path_factory)
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = cli.main(["--project", str(proj), "import", str(f)])
    assert rc in (0, 1), (rc, err.getvalue()[-2000:])
    if rc == 0:
        _draft_parses(out.getvalue())
    else:
        assert err.getvalue().startswith("Lỗi"), err.getvalue()[-2000:]


_PROJECT: list[Path] = []


def _project(factory) -> Path:
    if not _PROJECT:
        from tests.factories import ROOT, project

        p = project(factory.mktemp("imp-project") / "proj", content=None, templates=False)
        shutil.copytree(ROOT / "content" / "co-quan", p / "content" / "co-quan")
        _PROJECT.append(p)
    return _PROJECT[0]


def test_seeds_import_to_drafts() -> None:
    for t in SEEDS:
        text, _ = import_lines(t.split("\n"), None, None, None)
        _draft_parses(text)
