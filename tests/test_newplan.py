"""`congkhai new`: the template explains every field and validates once the issuer is set."""

from __future__ import annotations

import re
from pathlib import Path

from builder.cli import main
from builder.content.model import Plan
from builder.content.newplan import template


def test_template_explains_every_plan_field() -> None:
    text = template()
    fm = text.split("---", 2)[1]
    for name in Plan.model_fields:
        if name in ("type", "key", "cited_as"):
            continue  # rarely needed; documented in the JSON Schema
        assert re.search(rf"^#?\s*-?\s*{name}:", fm, re.M), name


def test_new_writes_a_plan_that_validates(project: Path, capsys) -> None:
    out = project / "content" / "ke-hoach" / "2025" / "moi.md"
    assert main(["new", "-o", str(out)]) == 0
    assert main(["new", "-o", str(out)]) == 1  # never overwrites
    agency = sorted((project / "content" / "co-quan").glob("*.md"))[0].stem
    out.write_text(
        out.read_text(encoding="utf-8").replace("issuer: ma-co-quan", f"issuer: {agency}"), encoding="utf-8"
    )
    capsys.readouterr()
    code = main(["--project", str(project), "validate", "--format", "json", str(out)])
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert '"severity": "error"' not in printed


def test_new_without_output_prints_template(capsys) -> None:
    assert main(["new"]) == 0
    assert capsys.readouterr().out == template()
