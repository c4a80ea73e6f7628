"""`congkhai citations FILE [--json]`: the citations of one file, resolved against its project."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..base import chrome
from ..base.text import nfc
from ..content.corpus import Corpus
from .models import Citation


def _corpus_for(path: Path, args: argparse.Namespace) -> Corpus | None:
    """The project's corpus when FILE lies in (or the command runs from) a project, else None."""
    from ..content.corpus import find_root, load

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


def _outside_site_chrome(text: str, cits: list[Citation]) -> list[Citation]:
    """A crawled web page: citations in the site's own text (notices, related documents) are not the document's."""
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
