"""The preview's summary for a pull request: what content it changes and what the validator says.

    make preview-summary BASE=<the pull request's base commit>    # Markdown on stdout

The pull-request workflow shows it on the run's page and comments it on the pull request, so it is
in Vietnamese (editors and their reviewers read it). Every value taken from content or file names
is escaped: a title cannot add links, mentions, headings or HTML to the comment.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from builder.content import frontmatter

MARKER = "<!-- congkhai-preview -->"  # the workflow updates the comment that carries it
MAX_ROWS = 40
KINDS = {  # content folder → what an editor calls it
    "ke-hoach": "Kế hoạch",
    "bao-cao": "Báo cáo",
    "van-ban": "Văn bản",
    "co-quan": "Cơ quan",
}
ACTIONS = {"A": "thêm", "M": "sửa", "D": "xóa", "T": "sửa"}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~:])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def text(value: object, limit: int = 160) -> str:
    """Content as inert Markdown text: one line, markup escaped, mentions broken."""
    s = " ".join(_CONTROL.sub(" ", str(value)).split())
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return _MD_SPECIAL.sub(r"\\\1", s).replace("@", "@\u200b")


def code(path: str) -> str:
    """A path in a code span (no markup inside); backticks and control characters replaced."""
    return "`" + _CONTROL.sub("?", path).replace("`", "'") + "`"


def changed_files(root: Path, base: str) -> list[tuple[str, str]]:
    """(status letter, path) of every file under content/ changed between base and HEAD."""
    r = subprocess.run(
        [
            "git",
            "-C",
            str(root),
            "diff",
            "--name-status",
            "--no-renames",
            "-z",
            f"{base}...HEAD",
            "--",
            "content/",
        ],
        capture_output=True,
        text=True,
    )
    if r.returncode != 0:
        raise SystemExit(f"Lỗi: không so sánh được với “{base}” (git diff): {r.stderr.strip()}")
    parts = r.stdout.split("\0")
    return [(parts[i][0], parts[i + 1]) for i in range(0, len(parts) - 1, 2)]


def diagnostics(root: Path) -> list[dict]:
    congkhai = Path(sys.executable).parent / "congkhai"
    r = subprocess.run(
        [str(congkhai), "--project", str(root), "validate", "--format", "json"],
        capture_output=True,
        text=True,
    )
    try:
        return json.loads(r.stdout or "[]")
    except json.JSONDecodeError:
        raise SystemExit(f"Lỗi: `congkhai validate` không trả về JSON:\n{r.stderr[-2000:]}") from None


def page_of(path: str) -> str | None:
    """The page a content file becomes (mkdocs directory URLs), e.g. ke-hoach/2025/x/."""
    if not path.startswith("content/") or not path.endswith(".md"):
        return None
    rel = path.removeprefix("content/").removesuffix(".md")
    return "" if rel == "index" else (rel.removesuffix("/index") + "/")


def summary(root: Path, base: str, site: Path | None, run_url: str | None) -> str:
    changes = changed_files(root, base)
    diags = diagnostics(root)
    out = [MARKER, "### Bản xem trước của pull request", ""]
    if not changes:
        out += ["Pull request này không thay đổi nội dung trong `content/`.", ""]
    else:
        counts: dict[str, int] = {}
        for _, path in changes:
            kind = KINDS.get(path.split("/")[1] if path.count("/") >= 2 else "", "Tệp khác")
            counts[kind] = counts.get(kind, 0) + 1
        out.append("Nội dung thay đổi: " + ", ".join(f"{n} {k.lower()}" for k, n in counts.items()) + ".")
        out += ["", "| | Tệp | Tiêu đề | Trang trong bản xem trước |", "|---|---|---|---|"]
        for status, path in changes[:MAX_ROWS]:
            title = ""
            file = root / path
            if status != "D" and file.is_symlink():
                title = "(liên kết, không phải tệp: không đọc)"  # never read through a link (issue 19)
            elif status != "D" and path.endswith(".md") and file.is_file():
                data = frontmatter.read(root, file).data
                title = text(data.get("title") or "") if isinstance(data, dict) else ""
            page = page_of(path) if status != "D" else None
            if page is None:
                where = "—"
            elif site is not None and not (site / page / "index.html").is_file():
                where = f"{code(page)} (chưa có trang)"
            else:
                where = code(page)
            out.append(f"| {ACTIONS.get(status, 'sửa')} | {code(path)} | {title or '—'} | {where} |")
        if len(changes) > MAX_ROWS:
            out.append(f"| | … và {len(changes) - MAX_ROWS} tệp khác | | |")
        out.append("")
    errors = [d for d in diags if d.get("severity") == "error"]
    warnings = [d for d in diags if d.get("severity") != "error"]
    out.append(f"Kiểm tra nội dung (`congkhai validate`): **{len(errors)} lỗi, {len(warnings)} cảnh báo**.")
    touched = {p for _, p in changes}
    mine = [d for d in diags if d.get("file") in touched]
    if mine:
        out += ["", "Trên các tệp thay đổi:", ""]
        for d in mine[:MAX_ROWS]:
            sev = "lỗi" if d.get("severity") == "error" else "cảnh báo"
            loc = f"{d.get('file')}:{d.get('line')}"
            out.append(
                f"- {code(loc)} {sev} {code(str(d.get('code', '')))}: {text(d.get('message', ''), 300)}"
            )
        if len(mine) > MAX_ROWS:
            out.append(f"- … và {len(mine) - MAX_ROWS} thông báo khác")
    if len(diags) > len(mine):
        out += ["", f"Các tệp khác có {len(diags) - len(mine)} thông báo."]
    out.append("")
    if run_url:
        out.append(
            f"Tải bản xem trước: mục *Artifacts* của [lần chạy kiểm tra]({run_url}) (giải nén, mở `index.html`)."
        )
    else:
        out.append("Bản xem trước: thư mục `site/` (mở `index.html`, hoặc `make serve`).")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="git commit or ref the pull request is compared with")
    ap.add_argument("--project", type=Path, default=Path.cwd())
    ap.add_argument("--site", type=Path, default=None, help="the built site (pages are checked in it)")
    a = ap.parse_args(argv)
    root = a.project.resolve()
    site = a.site if a.site and a.site.is_dir() else None
    server, repo, run = (
        os.environ.get(k) for k in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")
    )
    run_url = f"{server}/{repo}/actions/runs/{run}" if server and repo and run else None
    sys.stdout.write(summary(root, a.base, site, run_url))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
