"""The GitHub workflows pass a real linter, hold no credentials, and run what a developer runs locally.

zizmor (pinned in the lock; its wheel bundles the binary) audits the workflows and the pre-commit
configuration offline with its strictest persona; GitHub's JSON Schema checks their shape; the
tests below check what neither knows: every `run:` step calls a Makefile target, a `congkhai`
command or a repository module that exists, and the project's security rules (issue 19).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent
SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}$")


def _load(p: Path) -> dict:
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as True
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(wf: dict) -> list[dict]:
    return [s for job in wf["jobs"].values() for s in job["steps"]]


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = {m.group(1) for m in re.finditer(r"^([A-Za-z0-9_./$()-]+):", text, re.M)}
    return targets | {t.replace("$(STAMP)", ".venv/.installed") for t in targets}


def _congkhai_commands() -> set[str]:
    r = subprocess.run([str(BIN / "congkhai"), "--help"], capture_output=True, text=True, timeout=60)
    m = re.search(r"\{([a-z,-]+)\}", r.stdout)
    assert m, r.stdout
    return set(m.group(1).split(","))


def _commands(script: str) -> list[list[str]]:
    """The simple commands of a `run:` script, as words: split at ; && || | ( ) and newlines,
    command substitutions included (those inside double quotes too)."""
    out: list[list[str]] = []
    quoted = re.findall(r"\$\(([^()]*)\)", script)
    for line in [*script.replace("\\\n", " ").splitlines(), *quoted]:
        lex = shlex.shlex(line, posix=True, punctuation_chars=True)
        words: list[str] = []
        for tok in [*lex, ";"]:
            if tok and set(tok) <= set(";&|()"):
                while words and re.fullmatch(r"[A-Z_]+=.*", words[0]):  # VAR=value command
                    words = words[1:]
                if words and words[0] != "$":
                    out.append(words)
                words = []
            else:
                words.append(tok)
    return out


def test_the_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} == {"pr.yml", "deploy.yml", "national.yml"}


@pytest.mark.parametrize("wf", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_github_schema(wf: Path) -> None:
    r = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(wf)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_zizmor_finds_nothing() -> None:
    """The workflow linter, offline, pedantic: injections, credentials, permissions, pins, triggers."""
    r = subprocess.run(
        [
            str(BIN / "zizmor"),
            "--offline",
            "--persona=pedantic",
            "--strict-collection",
            "--no-progress",
            "--color=never",
            ".github/workflows",
            ".pre-commit-config.yaml",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]
    assert "No findings" in r.stdout
    for wf in WORKFLOWS:
        assert f"completed .github/workflows/{wf.name}" in r.stderr  # each file was really audited


def test_zizmor_catches_a_bad_workflow(tmp_path: Path) -> None:
    """The linter is not a no-op: a workflow with the classic mistakes fails."""
    bad = tmp_path / ".github" / "workflows" / "bad.yml"
    bad.parent.mkdir(parents=True)
    bad.write_text(
        "on: pull_request_target\njobs:\n  x:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v5\n        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
        "      - run: echo ${{ github.event.pull_request.title }}\n",
        encoding="utf-8",
    )
    r = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", "--color=never", str(bad.parent)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode != 0
    for audit in ("dangerous-triggers", "template-injection", "unpinned-uses", "artipacked"):
        assert audit in r.stdout, audit


@pytest.mark.parametrize("wf", WORKFLOWS, ids=lambda p: p.name)
def test_actions_pinned_by_commit_with_their_version(wf: Path) -> None:
    lines = wf.read_text(encoding="utf-8").splitlines()
    uses = [line for line in lines if re.match(r"\s*(- )?uses:", line)]
    assert uses
    for line in uses:
        ref, _, comment = line.split("uses:", 1)[1].partition("#")
        assert SHA_PIN.match(ref.strip()), line
        assert re.fullmatch(r"\s*v\d+(\.\d+)*\s*", comment), f"no version comment: {line}"


@pytest.mark.parametrize("wf", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_keep_no_credentials(wf: Path) -> None:
    checkouts = [s for s in _steps(_load(wf)) if s.get("uses", "").startswith("actions/checkout@")]
    assert checkouts
    for s in checkouts:
        assert s["with"]["persist-credentials"] is False


@pytest.mark.parametrize("wf", WORKFLOWS, ids=lambda p: p.name)
def test_least_privilege(wf: Path) -> None:
    data = _load(wf)
    assert "pull_request_target" not in data["on"] and "workflow_run" not in data["on"]
    assert data["permissions"] in ({}, {"contents": "read"})
    allowed_writes = {
        ("pr.yml", "comment"): {"pull-requests"},
        ("deploy.yml", "deploy"): {"pages", "id-token"},
    }
    for name, job in data["jobs"].items():
        perms = job.get("permissions", data["permissions"])
        writes = {k for k, v in perms.items() if v == "write"}
        assert writes == allowed_writes.get((wf.name, name), set()), (name, perms)
        assert set(perms) - writes <= {"contents"}, (name, perms)


@pytest.mark.parametrize("wf", WORKFLOWS, ids=lambda p: p.name)
def test_run_steps_call_commands_that_exist(wf: Path) -> None:
    targets, commands = _make_targets(), _congkhai_commands()
    runs = [s["run"] for s in _steps(_load(wf)) if "run" in s]
    assert runs
    for script in runs:
        known = 0
        for words in _commands(script):
            if words[0] == "make":
                names = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
                assert names and all(n in targets for n in names), (
                    f"“{' '.join(words)}”: no such Makefile target"
                )
                known += 1
            elif words[0] == ".venv/bin/congkhai":
                args = " ".join(words[1:])
                args = re.sub(r"--project \S+ ?", "", args)  # the one global option that takes a value
                sub = next((w for w in args.split() if not w.startswith("-")), "")
                assert sub in commands, f"“{' '.join(words)}”: no such congkhai command"
                known += 1
            elif (
                words[0] == ".venv/bin/python"
                and words[1] == "-m"
                and words[2].startswith(("bench.", "builder."))
            ):
                assert (ROOT / (words[2].replace(".", "/") + ".py")).is_file(), f"no module {words[2]}"
                known += 1
        assert known, f"this step calls no Makefile target, congkhai command or project module:\n{script}"


def test_pr_workflow_validates_builds_then_uploads_the_preview() -> None:
    wf = _load(ROOT / ".github" / "workflows" / "pr.yml")
    assert list(wf["on"]) == ["pull_request"]
    check = wf["jobs"]["check"]
    assert check["env"]["CHROMIUM"] == "/usr/bin/google-chrome"  # preinstalled on GitHub's Ubuntu image
    names = [
        s.get("run") or s.get("uses", "").split("@")[0] + ":" + str(s.get("with", {}).get("path"))
        for s in check["steps"]
    ]
    order = [
        "make .venv/.installed",
        ".venv/bin/congkhai validate --format github",
        "make site",
        "actions/upload-artifact:site/",
        "actions/upload-artifact:preview-summary.md",
        "make test",
    ]
    assert [n for n in names if n in order] == order
    upload = next(s for s in check["steps"] if s.get("with", {}).get("path") == "site/")
    assert "if" not in upload and "continue-on-error" not in upload  # only after every earlier step succeeded
    assert upload["with"]["if-no-files-found"] == "error"
    setup = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["cache"] == "pip" and setup["with"]["cache-dependency-path"] == "requirements.lock"
    summary = next(s for s in check["steps"] if s.get("id") == "summary")
    assert "preview-summary" in summary["run"] and "GITHUB_STEP_SUMMARY" in summary["run"]
    assert "${{" not in summary["run"]
    assert wf["defaults"]["run"]["shell"] == "bash"  # pipefail: `make … | tee` fails when make fails


def test_pr_comment_job_runs_no_pull_request_code() -> None:
    wf = _load(ROOT / ".github" / "workflows" / "pr.yml")
    job = wf["jobs"]["comment"]
    assert job["needs"] == "check" and job["permissions"] == {"pull-requests": "write"}
    assert "head.repo.full_name == github.repository" in job["if"]
    uses = [s.get("uses", "").split("@")[0] for s in job["steps"]]
    assert uses == ["actions/download-artifact", "actions/github-script"]  # no checkout, no run
    script = job["steps"][1]["with"]["script"]
    assert "readFileSync('tom-tat/preview-summary.md'" in script and "${{" not in script
    assert "<!-- congkhai-preview -->" in script  # updates its own comment instead of adding one per push


def test_deploy_workflow_publishes_with_the_real_address() -> None:
    wf = _load(ROOT / ".github" / "workflows" / "deploy.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["concurrency"]["cancel-in-progress"] is False
    build = wf["jobs"]["build"]
    step = next(s for s in build["steps"] if s.get("run") == "make publish")
    assert step["env"]["SITE_URL"] == "${{ vars.SITE_URL }}"
    setup = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/setup-python"))
    assert "cache" not in setup.get("with", {})  # a publishing build restores no cache a branch could fill
    upload = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site/"
    deploy = wf["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


@pytest.mark.parametrize(
    ("site_url", "said"),
    [
        (None, "chưa có địa chỉ công khai"),
        ("", "chưa có địa chỉ công khai"),
        ("http://127.0.0.1:8000/", "địa chỉ trên máy này"),
        ("https://localhost/", "địa chỉ trên máy này"),
        ("example.org", "chưa có địa chỉ công khai"),
    ],
)
def test_publish_refuses_without_a_public_address(site_url: str | None, said: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "MAKEFLAGS", "MAKELEVEL")}
    if site_url is not None:
        env["SITE_URL"] = site_url
    r = subprocess.run(
        ["make", "-s", "-o", ".venv/.installed", "publish"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode != 0
    assert said in r.stderr and "SITE_URL" in r.stderr
    assert "Đã dựng" not in r.stdout + r.stderr  # nothing was built


def test_chromium_setting_names_a_missing_browser() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL")}
    r = subprocess.run(
        ["make", "-s", "chromium", "CHROMIUM=/khong-co/chrome"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode != 0 and "CHROMIUM=/khong-co/chrome" in r.stderr
    assert "apt-get" not in r.stdout + r.stderr  # only Debian's default is installed with apt


def test_pre_commit_hooks_use_the_venv_tools() -> None:
    cfg = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    r = subprocess.run(
        [str(BIN / "pre-commit"), "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0, r.stdout + r.stderr
    [repo] = cfg["repos"]
    assert repo["repo"] == "local"
    hooks = {h["id"]: h for h in repo["hooks"]}
    assert set(hooks) == {"congkhai-validate", "ruff", "ruff-format", "mypy"}
    for h in hooks.values():
        assert h["language"] == "system"
        exe = h["entry"].split()[0]
        assert exe.startswith(".venv/bin/") and (BIN / Path(exe).name).is_file(), exe
    validate = hooks["congkhai-validate"]
    assert validate["entry"] == ".venv/bin/congkhai validate" and validate["pass_filenames"] is True
    assert re.match(validate["files"], "content/ke-hoach/2025/a.md") and "markdown" in validate["types"]
    assert hooks["mypy"]["entry"] == ".venv/bin/mypy builder" and re.match(
        hooks["mypy"]["files"], "builder/x.py"
    )


def test_make_lint_runs_every_developer_check() -> None:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = re.search(r"^lint:.*?(?=^\S)", text, re.M | re.S)
    assert lint
    for check in ("ruff check", "ruff format --check", "mypy builder"):
        assert check in lint.group(0)


def test_codeowners_placeholders_are_marked() -> None:
    text = (ROOT / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    owners = [o for line in text.splitlines() if not line.startswith("#") for o in re.findall(r"@\S+", line)]
    assert owners and all(o.endswith("CAN-THIET-LAP") for o in owners)
    assert "/content/ke-hoach/" in text and "/content/co-quan/" in text


def test_pr_template_has_checklist() -> None:
    text = (ROOT / ".github" / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 8 and "congkhai validate" in text and "make serve" in text
