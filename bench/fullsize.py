"""A corpus of full-size plans: the real plans of content/ke-hoach/, varied, N times.

`bench/generate.py` writes ~10 KB plans recombined from the seeds' paragraphs; real plans are
twice that and denser (citations in every paragraph, footnotes, long task appendices). This
corpus keeps the real ones' size and density: plan i is real plan i mod 5 with its own number,
title and file name, and a body made distinct so that the validator accepts it (an exact copy
is refused as a duplicate, CK042, rightly): one sentence of the plan's own text is moved within
its section and the closing line names the copy. Registry documents, agencies and the home
page are the repository's own, so every citation resolves as in the real site; each copy cites
what its original cites, so registry documents are cited by hundreds of plans, as national
laws are.

    python -m bench.fullsize 500 -o bench/out/full-500
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from . import generate

ROOT = Path(__file__).resolve().parents[1]
_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_SENTENCE_PARA = re.compile(r"^[A-ZĐÀ-Ỹa-zđ][^\n|#>\[]*\. [^\n|#>\[]*\.$")

_ENV = generate.GIT_ENV  # the corpus commits of bench/generate.py


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def _originals(root: Path = ROOT) -> list[tuple[str, dict[str, Any], str]]:
    out = []
    for f in sorted((root / "content" / "ke-hoach").rglob("*.md")):
        text = f.read_text(encoding="utf-8")
        m = _FRONT.match(text)
        assert m, f
        out.append(
            (
                f.relative_to(root / "content" / "ke-hoach").as_posix(),
                yaml.safe_load(m.group(1)),
                text[m.end() :],
            )
        )
    return out


def vary_body(body: str, i: int, rng: random.Random) -> str:
    """The body with two adjacent plain paragraphs of one section swapped (when it has such) and a
    closing line naming the copy: distinct from every other copy, same size and density."""
    paras = body.split("\n\n")
    plain = [
        k
        for k in range(len(paras) - 1)
        if _SENTENCE_PARA.match(paras[k]) and _SENTENCE_PARA.match(paras[k + 1])
    ]
    if plain:
        k = rng.choice(plain)
        paras[k], paras[k + 1] = paras[k + 1], paras[k]
    return "\n\n".join(paras).rstrip("\n") + f"\n\n*Bản đo hiệu năng số {i + 1}.*\n"


def variant(fm: dict[str, Any], body: str, i: int, rng: random.Random) -> tuple[dict[str, Any], str]:
    data = dict(fm)
    data.pop("cited_as", None)  # only the original is what other plans cite by its number
    data.pop("key", None)
    data["number"] = f"{9000 + i}/KH-BENCH"
    data["title"] = f"{fm['title']} (bản {i + 1})"
    return data, vary_body(body, i, rng)


def write_project(out: Path, n: int, seed: int = 2025, git: bool = True) -> dict[str, Any]:
    """A full project folder (the repository's mkdocs.yml, overrides/, content/ without its plans)
    holding n plans: the 5 real ones, then varied copies up to n."""
    rng = random.Random(seed)
    originals = _originals()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", out / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", out / "overrides")
    shutil.copytree(ROOT / "content", out / "content")
    size = 0
    example = ""
    for i in range(max(0, n - len(originals))):
        rel, fm, body = originals[i % len(originals)]
        data, new_body = variant(fm, body, i, rng)
        head = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
        text = f"---\n{head}---\n{new_body}"
        path = out / "content" / "ke-hoach" / Path(rel).parent / f"{Path(rel).stem}-ban-{i + 1}.md"
        path.write_text(text, encoding="utf-8")
        size += len(text.encode())
        example = path.relative_to(out).as_posix()
    size += sum(
        f.stat().st_size for f in (out / "content" / "ke-hoach").rglob("*.md") if "-ban-" not in f.name
    )
    if git:
        subprocess.run(["git", "init", "-q", "-b", "main", str(out)], check=True, env=_ENV)
        subprocess.run(["git", "-C", str(out), "add", "-A"], check=True, env=_ENV)
        subprocess.run(["git", "-C", str(out), "commit", "-q", "-m", "corpus"], check=True, env=_ENV)
    plans = sum(1 for _ in (out / "content" / "ke-hoach").rglob("*.md"))
    return {
        "plans": plans,
        "agencies": sum(1 for _ in (out / "content" / "co-quan").glob("*.md")),
        "documents": sum(1 for _ in (out / "content" / "van-ban").glob("*.md")),
        "bytes": size,
        "example": example or f"content/ke-hoach/{originals[-1][0]}",
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("-o", "--output", type=Path)
    ap.add_argument("--no-git", action="store_true")
    a = ap.parse_args(argv)
    out = a.output or ROOT / "bench" / "out" / f"full-{a.n}"
    print(f"{out}: {write_project(out, a.n, git=not a.no_git)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# -- the incremental scenario: edits an editor or a developer makes between two builds ----------


def _plan_files(proj: Path) -> list[Path]:
    return sorted((proj / "content" / "ke-hoach").rglob("*-ban-*.md"))


def edit_one_plan(proj: Path) -> str:
    """A sentence added to one plan's closing paragraph (its text only)."""
    f = _plan_files(proj)[len(_plan_files(proj)) // 2]
    text = f.read_text(encoding="utf-8")
    marker = "\n\n*Bản đo hiệu năng số"
    assert marker in text, f
    f.write_text(
        text.replace(marker, "\n\nKế hoạch được sửa một câu để đo lần dựng sau." + marker, 1),
        encoding="utf-8",
    )
    return f.relative_to(proj).as_posix()


def add_one_plan(proj: Path) -> str:
    """A new plan: a copy of one with its own number, title and closing line."""
    src = _plan_files(proj)[0]
    rng = random.Random(7)
    m = _FRONT.match(src.read_text(encoding="utf-8"))
    assert m, src
    fm = yaml.safe_load(m.group(1))
    n = len(_plan_files(proj)) + 1000
    data, body = variant(fm, src.read_text(encoding="utf-8")[m.end() :], n, rng)
    head = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)
    out = src.with_name(f"ke-hoach-moi-{n}.md")
    out.write_text(f"---\n{head}---\n{body}", encoding="utf-8")
    return out.relative_to(proj).as_posix()


def edit_registry(proj: Path) -> str:
    """A registry entry's title corrected (a decree cited by every copy of two of the plans)."""
    f = proj / "content" / "van-ban" / "59-2023-nd-cp.md"
    text = f.read_text(encoding="utf-8")
    new = re.sub(r"^(title: .*)$", r"\1 (đính chính)", text, count=1, flags=re.M)
    assert new != text
    f.write_text(new, encoding="utf-8")
    return f.relative_to(proj).as_posix()


def edit_template(proj: Path) -> str:
    """A template changed (every page may change: a full build)."""
    f = proj / "overrides" / "plan.html"
    text = f.read_text(encoding="utf-8")
    new = text.replace("{% block content %}", "{% block content %}<!-- mẫu đã sửa -->", 1)
    assert new != text
    f.write_text(new, encoding="utf-8")
    return f.relative_to(proj).as_posix()


EDITS = {
    "one plan edited": edit_one_plan,
    "one new plan": add_one_plan,
    "registry entry edited": edit_registry,
    "template edited": edit_template,
}
