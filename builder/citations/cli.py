"""`congkhai citations FILE [--json]` and `congkhai registry stubs [-o DIR]`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..text import nfc


def _corpus_for(path: Path, args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The project's corpus when FILE lies in (or the command runs from) a project, else None."""
    from ..corpus import find_root, load

    for start in (getattr(args, "project", None), path.parent, Path.cwd()):
        if start is None:
            continue
        root = find_root(Path(start))
        if root is not None:
            return load(root)
    return None


def run(args: argparse.Namespace) -> int:
    from .find import finder
    from .resolve import Context, build_index, resolve

    path = Path(args.file)
    try:
        text = nfc(path.read_bytes().decode("utf-8"))  # a BOM stays: offsets count it
    except FileNotFoundError:
        print(f"Lỗi: không có tệp “{args.file}”.", file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print(f"Lỗi: tệp “{args.file}” không phải UTF-8.", file=sys.stderr)
        return 2
    corpus = _corpus_for(path, args)
    idx = build_index(corpus) if corpus is not None else None
    ctx = Context()
    if corpus is not None:
        rel = None
        if path.resolve().is_relative_to(corpus.root):
            rel = path.resolve().relative_to(corpus.root).as_posix()
        rec = next((r for r in corpus.plans if r.path == rel and r.plan), None)
        if rec is not None:
            ctx = Context(issuer=rec.plan.issuer, key=rec.key, url=rec.url)
    markdown = path.suffix.lower() in (".md", ".markdown")
    cits = finder(idx.aliases if idx else None).find(text, markdown=markdown)
    if not markdown:
        cits = _outside_site_chrome(text, cits)
    resolve(cits, idx, ctx)
    if args.json:
        print(json.dumps([c.as_json() for c in cits], ensure_ascii=False, indent=2))
        return 0
    for c in cits:
        where = c.url or ("chưa có trong danh mục" if idx is not None else "")
        print(f"{path}:{c.line}: {' '.join(c.text.split())} → {c.key}" + (f" ({where})" if where else ""))
    print(f"{len(cits)} trích dẫn, {sum(c.resolved for c in cits)} đã xác định.", file=sys.stderr)
    return 0


def _outside_site_chrome(text: str, cits: list) -> list:
    """A crawled web page: citations in the site's own text (notices, related documents) are not the document's."""
    from ..importer import chrome

    lines = text.split("\n")
    ch = chrome.find(lines)
    if not ch.site:
        return cits
    starts = [0]
    for x in lines:
        starts.append(starts[-1] + len(x) + 1)
    lo = starts[ch.start]
    hi = starts[ch.end] if ch.end is not None else len(text) + 1
    return [c for c in cits if lo <= c.start and c.end <= hi]


def stubs(args: argparse.Namespace) -> int:
    """Write one registry stub per cited document that matches nothing (existing files are kept)."""
    from .. import steps
    from ..cli import project_root
    from ..corpus import load
    from .resolve import merge, stub, stub_filename

    root = project_root(args)
    corpus = load(root)
    steps.analyze(corpus)
    idx = corpus.derived.get("citation_index")
    docs: dict[str, dict] = {}
    tasks = corpus.derived.get("task_citations", {})
    for plan_key, body_cits in corpus.derived.get("citations", {}).items():
        cits = [*body_cits, *(c for f in tasks.get(plan_key, {}).values() for tc in f.values() for c in tc)]
        for key, doc in merge([c for c in cits if not c.resolved and c.status != "probable"]).items():
            if key in docs:
                docs[key]["mentions"] += doc["mentions"]
                for f in ("date", "issuer", "title"):
                    docs[key][f] = docs[key][f] or doc[f]
            else:
                docs[key] = doc
    out = Path(args.output) if getattr(args, "output", None) else root / "content" / "van-ban"
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for key in sorted(docs):
        target = out / stub_filename(docs[key])
        if target.exists() or target.is_symlink():
            continue
        try:
            with target.open("x", encoding="utf-8") as fh:  # O_EXCL: never through a link, never over a file
                fh.write(stub(docs[key], idx))
        except FileExistsError:
            continue
        print(target)
        written += 1
    print(f"Đã ghi {written} mẫu khai báo văn bản.", file=sys.stderr)
    return 0
