"""The JSON Schemas editors' VS Code uses must match the models the validator uses."""

from __future__ import annotations

import json

import pytest

from builder.content.model import MODELS
from builder.content.schema import SCHEMA_DIR, render


@pytest.mark.parametrize("kind", list(MODELS))
def test_committed_schema_is_current(kind: str) -> None:
    committed = (SCHEMA_DIR / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert committed == render(kind), "run `congkhai schema` and commit builder/schemas/"


@pytest.mark.parametrize("kind", list(MODELS))
def test_schema_is_explained_in_vietnamese(kind: str) -> None:
    schema = json.loads(render(kind))
    titles = [p.get("title", "") for p in schema["properties"].values()]
    assert all(titles), "every field needs a Vietnamese title for autocompletion"
    assert any(ch in "".join(titles) for ch in "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ")


def test_content_files_point_editors_to_the_schema(root) -> None:
    plans = sorted((root / "content" / "ke-hoach").rglob("*.md"))
    assert plans, "content/ke-hoach has no plans"
    for p in plans:
        head = p.read_text(encoding="utf-8").split("\n", 3)[:3]
        assert any(
            "yaml-language-server: $schema=" in line and "ke-hoach.schema.json" in line for line in head
        ), p
