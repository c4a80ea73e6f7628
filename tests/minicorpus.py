"""A small, valid, hand-written project for validator tests (not real plans: test fixtures only)."""

from __future__ import annotations

from pathlib import Path

from tests.factories import MINIMAL_MKDOCS, project

AGENCY = """---
name: Ủy ban nhân dân xã Thử Nghiệm
short_name: UBND xã Thử Nghiệm
level: xa
locality: "11086"
---
"""

DOCUMENT = """---
number: 59/2023/NĐ-CP
type: Nghị định
issued: 2023-08-14
title: Quy định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở
---
"""

PLAN = """---
type: Kế hoạch
number: 12/KH-UBND
issued: 2025-08-04
issuer: ubnd-xa-thu-nghiem
place: Thử Nghiệm
title: Thực hiện dân chủ ở cơ sở năm 2025
period:
  start: 2025-07-01
  end: 2025-12-31
status: ban-hanh
signer:
  name: Nguyễn Văn A
  position: CHỦ TỊCH
recipients:
  - UBND thành phố
  - "Lưu: VT"
basis:
  - ref: 59/2023/NĐ-CP
    relation: can-cu
tasks:
  - id: "1"
    name: Tuyên truyền Luật Thực hiện dân chủ ở cơ sở
    lead: Văn phòng HĐND và UBND xã
    due: Tháng 9/2025
---
## I. MỤC ĐÍCH, YÊU CẦU

Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ, UBND xã xây dựng Kế hoạch này.

Trên đây là Kế hoạch thực hiện dân chủ ở cơ sở năm 2025./.
"""

PLAN_PATH = "content/ke-hoach/2025/thu-nghiem.md"


def make_project(
    root: Path, plan: str = PLAN, extra: dict[str, str] | None = None, *, buildable: bool = False
) -> Path:
    """This small project (tests.factories.project); `buildable`: with the site's real mkdocs.yml and
    templates, so that `congkhai build` can build it (else a minimal mkdocs.yml, enough to validate)."""
    files = {
        "content/index.md": "# Thử\n",
        "content/co-quan/ubnd-xa-thu-nghiem.md": AGENCY,
        "content/van-ban/59-2023-nd-cp.md": DOCUMENT,
        PLAN_PATH: plan,
        **(extra or {}),
    }
    mkdocs = None if buildable else files.pop("mkdocs.yml", MINIMAL_MKDOCS)
    return project(root, content=None, files=files, mkdocs=mkdocs, templates=buildable)


def line_of(text: str, needle: str) -> int:
    """1-based line of the first line containing needle (to compute expected lines, not hard-code them)."""
    for i, line in enumerate(text.split("\n"), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in text")
