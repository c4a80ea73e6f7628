"""The GitHub workflows are valid, pinned, and run the same commands as a developer does locally."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def _load(p: Path) -> dict:
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True
    if True in data:
        data["on"] = data.pop(True)
    return data


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = {m.group(1) for m in re.finditer(r"^([A-Za-z0-9_./$()-]+):", text, re.M)}
    return targets | {t.replace("$(STAMP)", ".venv/.installed") for t in targets}


def test_two_workflows_exist() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"pr.yml", "deploy.yml"} <= names


@pytest.mark.parametrize("wf", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_github_schema(wf: Path) -> None:
    exe = BIN / "check-jsonschema"
    r = subprocess.run([str(exe), "--builtin-schema", "vendor.github-workflows", str(wf)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("wf", WORKFLOWS, ids=lambda p: p.name)
def test_actions_pinned_by_version(wf: Path) -> None:
    for job in _load(wf)["jobs"].values():
        for step in job["steps"]:
            if "uses" in step:
                assert re.fullmatch(r"actions/[\w-]+@v\d+(\.\d+)*", step["uses"]), step["uses"]


def test_pr_workflow_runs_local_commands() -> None:
    wf = _load(ROOT / ".github" / "workflows" / "pr.yml")
    assert "pull_request" in wf["on"]
    steps = wf["jobs"]["check"]["steps"]
    runs = [s["run"].strip() for s in steps if "run" in s]
    targets = _make_targets()
    for cmd in runs:
        if cmd.startswith("make "):
            assert cmd.split()[1] in targets, f"“{cmd}” is not a Makefile target"
        else:
            assert cmd.startswith(".venv/bin/"), f"“{cmd}” is not a local command"
    joined = "\n".join(runs)
    for needed in ("congkhai validate --format github", "make site", "make test", "linkcheck site"):
        assert needed in joined
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip" and setup["with"]["cache-dependency-path"] == "requirements.lock"
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"].rstrip("/") == "site"


def test_deploy_workflow_publishes_to_pages() -> None:
    wf = _load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"
    assert wf["concurrency"]["cancel-in-progress"] is False
    uses = [s.get("uses", "") for j in wf["jobs"].values() for s in j["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert any(u.startswith("actions/configure-pages@") for u in uses)
    runs = [s["run"] for j in wf["jobs"].values() for s in j["steps"] if "run" in s]
    assert "make site" in runs


def test_pre_commit_runs_validate_on_content() -> None:
    cfg = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hook = cfg["repos"][0]["hooks"][0]
    assert cfg["repos"][0]["repo"] == "local"
    assert hook["entry"].startswith(".venv/bin/congkhai validate")
    assert hook["pass_filenames"] is True and "markdown" in hook["types"]
    assert re.match(hook["files"], "content/ke-hoach/2025/a.md")


def test_codeowners_placeholders_are_marked() -> None:
    text = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    owners = [o for line in text.splitlines() if not line.startswith("#") for o in re.findall(r"@\S+", line)]
    assert owners and all(o.endswith("CAN-THIET-LAP") for o in owners)
    assert "/content/ke-hoach/" in text and "/content/co-quan/" in text


def test_pr_template_has_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 8 and "congkhai validate" in text and "make serve" in text
