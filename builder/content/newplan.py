"""`congkhai new [-o OUT]`: a new plan from the template, its fields explained in Vietnamese."""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path


def template() -> str:
    return resources.files("builder").joinpath("templates/ke-hoach.md").read_text(encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    text = template()
    out = getattr(args, "output", None)
    if not out:
        sys.stdout.write(text)
        return 0
    path = Path(out)
    if path.exists() or path.is_symlink():
        print(f"Lỗi: tệp “{out}” đã có; chọn tên khác để không ghi đè.", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8") as f:  # O_EXCL: never through a link, never over a file
            f.write(text)
    except FileExistsError:
        print(f"Lỗi: tệp “{out}” đã có; chọn tên khác để không ghi đè.", file=sys.stderr)
        return 1
    print(
        f"Đã tạo {out}. Điền thông tin theo chú thích, rồi kiểm tra: .venv/bin/congkhai validate {out}",
        file=sys.stderr,
    )
    return 0
