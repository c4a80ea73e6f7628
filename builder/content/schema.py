"""JSON Schemas of the front-matter, kept in the package for editors' autocompletion.

Each content file starts with `# yaml-language-server: $schema=…` pointing here, so VS Code
(with the YAML extension) completes keys and shows the Vietnamese descriptions.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .model import MODELS

SCHEMA_DIR = Path(__file__).parents[1] / "schemas"


def schema_for(kind: str) -> dict[str, Any]:
    s = MODELS[kind].model_json_schema()
    s["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    s["$id"] = f"https://congkhai/schemas/{kind}.schema.json"
    return s


def render(kind: str) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(folder: Path = SCHEMA_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for kind in MODELS:
        p = folder / f"{kind}.schema.json"
        p.write_text(render(kind), encoding="utf-8")
        out.append(p)
    return out
