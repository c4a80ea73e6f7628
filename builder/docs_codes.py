"""Regenerate the table of validator codes in CONTRIBUTING.md from diagnostics.CODES.

`python -m builder.docs_codes` rewrites the part between the two markers;
`python -m builder.docs_codes --check` exits 1 when the file is out of date (tests use it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from .base.diagnostics import CODES

BEGIN = "<!-- BEGIN CODES: tạo bằng `python -m builder.docs_codes`, không sửa tay -->"
END = "<!-- END CODES -->"
SEVERITY_VI = {"error": "lỗi", "warning": "cảnh báo"}


def _cell(s: str) -> str:
    # Templates hold {placeholders} and may span lines; keep the table on one line per code.
    return " ".join(s.replace("|", "\\|").split())


def table() -> str:
    rows = ["| Mã | Mức | Thông báo | Cách sửa |", "|---|---|---|---|"]
    for code, spec in sorted(CODES.items()):
        rows.append(
            f"| `{code}` | {SEVERITY_VI[spec.severity]} | {_cell(spec.template)} | {_cell(spec.fix)} |"
        )
    return "\n".join(rows)


def render(text: str) -> str:
    head, sep, rest = text.partition(BEGIN)
    if not sep:
        raise ValueError("CONTRIBUTING.md has no code-table marker")
    _, sep2, tail = rest.partition(END)
    if not sep2:
        raise ValueError("CONTRIBUTING.md has no end marker")
    return f"{head}{BEGIN}\n{table()}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    path = Path(__file__).resolve().parents[1] / "CONTRIBUTING.md"
    old = path.read_text(encoding="utf-8")
    new = render(old)
    if "--check" in argv:
        if new != old:
            print(
                "CONTRIBUTING.md chưa cập nhật bảng mã: chạy `python -m builder.docs_codes`.", file=sys.stderr
            )
            return 1
        return 0
    if new != old:
        path.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
