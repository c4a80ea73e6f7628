"""Time each broken or hostile edit of a real plan until `congkhai validate` refuses it (issue: < 2 s each).

The edits are the ones the tests apply (tests/test_cli_validate.py imports HOSTILE_EDITS from here),
so the benchmark times exactly what the tests check.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _non_utf8(raw: bytes) -> bytes:
    return raw.replace("ồ".encode(), b"\xe1\xbb", 1)


# name → edit of the plan's text (None: a byte-level edit, see _non_utf8)
HOSTILE_EDITS: dict[str, Callable[[str], str] | None] = {
    "broken YAML": lambda t: t.replace("\ntitle:", "\ntitle: [", 1),
    "typo'd key": lambda t: t.replace("\ntitle:", "\ntittle:", 1),
    "impossible date": lambda t: t.replace("\nperiod:\n  start:", "\nperiod:\n  start: 2025-02-30 #", 1),
    "wrong type": lambda t: t.replace("\nrecipients:\n", "\nrecipients: 3\nx_old_recipients:\n", 1),
    "pasted <script>": lambda t: t + "\n<script>alert('x')</script>\n",
    "javascript: link": lambda t: t + "\n[Bấm vào đây](javascript:alert(1))\n",
    "attachment escaping content/": lambda t: t.replace(
        "\ntitle:", "\nattachments:\n  - file: ../../../../../etc/passwd\n    title: x\ntitle:", 1),
    "unclosed front-matter": lambda t: t.replace("\n---\n", "\n\n", 1),
    "event handler": lambda t: t + '\n<img src="a.png" onerror="alert(1)">\n',
    "YAML alias bomb": lambda t: t.replace("\ntitle:", "\nx: &a [1]\ny: *a\ntitle:", 1),
    "non-UTF-8 bytes": None,
}


def apply(plan: Path, name: str) -> None:
    edit = HOSTILE_EDITS[name]
    if edit is None:
        plan.write_bytes(_non_utf8(plan.read_bytes()))
        return
    text = plan.read_text(encoding="utf-8")
    new = edit(text)
    if new == text:
        raise ValueError(f"edit {name!r} did not apply to {plan}")
    plan.write_text(new, encoding="utf-8")


def measure(log: Callable[[str], None] = print) -> list[dict]:
    """For each edit: exit code, whether a file:line error names the plan, and wall time (s)."""
    out = []
    cli = [sys.executable, "-m", "builder.cli", "validate"]
    with tempfile.TemporaryDirectory(prefix="congkhai-refusals-") as tmp:
        for name in HOSTILE_EDITS:
            proj = Path(tmp) / "p"
            if proj.exists():
                shutil.rmtree(proj)
            proj.mkdir()
            shutil.copy(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
            shutil.copytree(ROOT / "content", proj / "content")
            plan = sorted((proj / "content" / "ke-hoach").rglob("*.md"))[0]
            apply(plan, name)
            rel = plan.relative_to(proj).as_posix()
            t0 = time.perf_counter()
            r = subprocess.run(cli, cwd=proj, capture_output=True, text=True, timeout=120)
            wall = time.perf_counter() - t0
            named = any(line.startswith(rel + ":") and ": error CK" in line for line in r.stdout.splitlines())
            out.append({"edit": name, "exit": r.returncode, "file_line": named, "seconds": round(wall, 3)})
            log(f"refusal {name}: exit {r.returncode}, {wall:.2f} s")
    return out
