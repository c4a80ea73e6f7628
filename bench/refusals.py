"""Time each broken or hostile edit of a real plan until `congkhai validate` refuses it (issue: < 2 s each).

The edits are the ones the tests apply (tests/test_cli_validate.py imports HOSTILE_EDITS from here),
so the benchmark times exactly what the tests check.
"""

from __future__ import annotations

import json
import re
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
        "\ntitle:", "\nattachments:\n  - file: ../../../../../etc/passwd\n    title: x\ntitle:", 1
    ),
    "unclosed front-matter": lambda t: t.replace("\n---\n", "\n\n", 1),
    "event handler": lambda t: t + '\n<img src="a.png" onerror="alert(1)">\n',
    "YAML alias bomb": lambda t: t.replace("\ntitle:", "\nx: &a [1]\ny: *a\ntitle:", 1),
    "non-UTF-8 bytes": None,
}


def _title(value: str) -> Callable[[str], str]:
    return lambda t: re.sub(r"^title: .*$", lambda _m: f"title: {value}", t, count=1, flags=re.M)


def _first_due(value: str) -> Callable[[str], str]:
    return lambda t: re.sub(r"^    due: .*$", lambda _m: f"    due: {value}", t, count=1, flags=re.M)


# Inputs that hung or crashed validate or build (issue 19, probe D2/D6/D8): name → (edit of a real
# plan, the error code `congkhai validate` must give, or None when the input is accepted and must
# build). `make bench` times each; tests/test_hostile_values.py checks each outcome, untimed.
ADVERSARIAL: dict[str, tuple[Callable[[str], str], str | None]] = {
    "100 KB of [": (lambda t: t + "\n" + "[" * 100_000 + "\n", "CK103"),
    "40,000 citations in one paragraph": (
        lambda t: t + "\n" + "Nghị định số 59/2023/NĐ-CP; " * 40_000 + "\n",
        None,
    ),
    "1,000-level nested list": (
        lambda t: t + "\n" + "\n".join("  " * i + "- x" for i in range(1000)) + "\n",
        "CK102",
    ),
    "5,000 nested <div markdown>": (
        lambda t: t + "\n" + '<div markdown="1">\n' * 5000 + "x\n" + "</div>\n" * 5000,
        "CK102",
    ),
    "50,000 nested >": (lambda t: t + "\n" + ">" * 50_000 + " x\n", "CK102"),
    "control character in the title": (_title('"Tên \\x01 có ký tự điều khiển"'), "CK005"),
    "deadline in year 9999": (_first_due('"Trước ngày 31/12/9999"'), "CK026"),
    "script after --!> in the title": (
        _title("'<!-- --!>\"><script>alert(document.domain)</script><!-- --> Tên'"),
        "CK070",
    ),
    "script after <![ in the title": (_title("'<![ ><script>alert(document.domain)</script> Tên'"), "CK073"),
}


def apply_adversarial(plan: Path, name: str) -> None:
    edit, _code = ADVERSARIAL[name]
    text = plan.read_text(encoding="utf-8")
    new = edit(text)
    if new == text:
        raise ValueError(f"edit {name!r} did not apply to {plan}")
    plan.write_text(new, encoding="utf-8")


def measure_adversarial(log: Callable[[str], None] = print) -> list[dict]:
    """For each adversarial input: validate's exit code, whether the expected code was given, and
    wall times (s) of validate and, for accepted inputs, of the build."""
    out = []
    cli = [sys.executable, "-m", "builder.cli"]
    with tempfile.TemporaryDirectory(prefix="congkhai-adversarial-") as tmp:
        for name, (_edit, code) in ADVERSARIAL.items():
            proj = Path(tmp) / "p"
            if proj.exists():
                shutil.rmtree(proj)
            proj.mkdir()
            shutil.copy(ROOT / "mkdocs.yml", proj / "mkdocs.yml")
            shutil.copytree(ROOT / "content", proj / "content")
            shutil.copytree(ROOT / "overrides", proj / "overrides")
            plan = sorted((proj / "content" / "ke-hoach").rglob("*.md"))[0]
            apply_adversarial(plan, name)
            t0 = time.perf_counter()
            r = subprocess.run(
                [*cli, "validate", "--format", "json"], cwd=proj, capture_output=True, text=True, timeout=900
            )
            wall = time.perf_counter() - t0
            found = {d["code"] for d in json.loads(r.stdout or "[]") if d["severity"] == "error"}
            row = {
                "input": name,
                "expected": code or "accepted",
                "exit": r.returncode,
                "as_expected": (code in found) if code else r.returncode == 0,
                "validate_s": round(wall, 3),
                "build_s": None,
                "build_exit": None,
            }
            if code is None:
                t0 = time.perf_counter()
                b = subprocess.run([*cli, "build"], cwd=proj, capture_output=True, text=True, timeout=3600)
                row["build_s"], row["build_exit"] = round(time.perf_counter() - t0, 3), b.returncode
            out.append(row)
            log(
                f"adversarial {name}: exit {r.returncode}, {wall:.2f} s"
                + (f", build exit {row['build_exit']} in {row['build_s']:.1f} s" if code is None else "")
            )
    return out


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
