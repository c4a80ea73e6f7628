"""Helpers for the hardening tests: temporary projects and a build that can skip validation.

`build_unvalidated` runs the flow of `congkhai build` (builder.flow.run) without refusing on
validator errors, to prove that the rendering path alone is safe when content slips past
validation.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from builder.publish.sitebuild import PreviewServer

ROOT = Path(__file__).resolve().parents[1]
HOSTILE = ROOT / "tests" / "fixtures" / "hostile"


def build_unvalidated(root: Path, checks: bool = False):
    """Build root/site from root/content without refusing on validator errors. Returns the corpus.

    The post-build checks (flow.CHECKS) are off by default: a hostile corpus may trip them, which
    is not what the hostile tests are about."""
    from builder import flow
    from builder.content.corpus import load

    c = load(root)
    flow.run(c, site=root / "site", validate=False, checks=checks)
    return c


class serve:
    """Serve a folder on 127.0.0.1 (random port) for the duration of a `with` block."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def __enter__(self) -> str:
        import functools
        import http.server
        import threading

        class Quiet(http.server.SimpleHTTPRequestHandler):
            extensions_map: ClassVar[dict[str, str]] = {
                **http.server.SimpleHTTPRequestHandler.extensions_map,
                ".wasm": "application/wasm",
                ".js": "text/javascript",
            }

            def log_message(self, *args: object) -> None:
                pass

        handler = functools.partial(Quiet, directory=str(self.folder))
        self.httpd = PreviewServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# -- fuzzing: seed texts and a mutation strategy --------------------------------------------

SEED_DIR = ROOT / "tests" / "data" / "seeds"  # tests/data/README.md
FUZZ = dict(max_examples=120, deadline=None, database=None)  # bounded: the whole fuzz suite stays fast

# Lines that break YAML loaders, Markdown renderers or naive parsers.
NASTY_LINES = [
    "base: &a {x: 1}",
    "copy: *a",
    "<<: *a",
    "bomb: &b [*b, *b]",
    "x: !!python/object/apply:os.system ['id']",
    "y: !custom 1",
    "z: !!binary aGVsbG8=",
    "? [complex, key]\n: v",
    "title: " + "[" * 200 + "]" * 200,
    "deep:" + "".join("\n" + " " * (2 * i) + f"k{i}:" for i in range(60)),
    "big: " + "x" * 200_000,
    "\ttab: indented",
    "---",
    "...",
    "%YAML 1.1",
    "title: 'unterminated",
    'title: "\\ud800"',
    "number: 2025-13-45",
    "issued: 2025-02-30",
    "tasks: {id: 1}",
    "tasks:\n  - 1\n  - [2]",
    "period: {start: x}",
    "status: [ban-hanh]",
    "\x00",
    "\ufeff",
    "\u202e",
    "\r",
    "title: \u0301\u0301",
    "[^1]: chú thích",
    "[^]: x",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "```",
    "| a | b |\n|---|",
    "# " + "#" * 50,
    "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ;",
    "Kế hoạch số 16/KH-UBND ngày 32/13/2025",
    "Chỉ thị số 17-CT/TU, 18-CT/TU và 19-CT/TU của Ban Thường vụ Thành ủy",
    "số /KH-UBND ngày //",
    "Luật Thực hiện dân chủ ở cơ sở",
    "Nghị quyết số " + "1" * 500 + "/NQ-CP",
]


def seed_texts() -> list[str]:
    """The real plans (content/) and the five seed texts (tests/data/seeds)."""
    files = sorted((ROOT / "content" / "ke-hoach").rglob("*.md")) + sorted(SEED_DIR.glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def mutated(texts: list[str]):
    """Hypothesis strategy: a seed text with a few line/character mutations."""
    from hypothesis import strategies as st

    @st.composite
    def build(draw):
        lines = draw(st.sampled_from(texts)).split("\n")
        for _ in range(draw(st.integers(1, 6))):
            op = draw(st.sampled_from(["delete", "duplicate", "insert", "flip", "swap", "truncate"]))
            i = draw(st.integers(0, max(0, len(lines) - 1)))
            if op == "delete" and len(lines) > 1:
                del lines[i]
            elif op == "duplicate":
                lines.insert(i, lines[i])
            elif op == "insert":
                lines.insert(i, draw(st.sampled_from(NASTY_LINES) | st.text(max_size=80)))
            elif op == "flip" and lines[i]:
                j = draw(st.integers(0, len(lines[i]) - 1))
                lines[i] = lines[i][:j] + draw(st.characters()) + lines[i][j + 1 :]
            elif op == "swap":
                k = draw(st.integers(0, max(0, len(lines) - 1)))
                lines[i], lines[k] = lines[k], lines[i]
            elif op == "truncate":
                lines = lines[: i + 1]
        return "\n".join(lines)

    return build()
