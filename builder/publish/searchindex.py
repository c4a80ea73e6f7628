"""The search index: Pagefind over a copy of the built pages whose words are written as tokens.

The indexer copies every page that has a `data-pagefind-body` (`transform`), with the
text of its `<body>` turned into index tokens (site/search.py explains them): each word as its
token, and after each word the pair tokens linking it to the word before (in the same block:
a paragraph, a list item, a table cell…) and between the parts of a compound word such as
"59/2023/NĐ-CP". Tags and attributes (Pagefind's filters, meta, weights, ignores) are kept, but
for ids the search does not use; everything outside the indexed regions is dropped. The
published pages are not touched: readers never see a token.

`python -m builder.publish.searchindex --site SITE --work WORK` writes the copy into WORK and runs Pagefind
on it with its bundle written to SITE/pagefind/ (the build starts it beside its checks:
publish/sitebuild.py). A failure prints one Vietnamese line and exits non-zero. The build adds
`--pages - --store STORE` (`write_listed`): the pages to index, handed over on standard input by its
one pass over the HTML as each becomes final (or `--pages FILE`), and a store of copies keyed by
each page's final bytes, so an incremental build turns into tokens only the pages whose bytes
changed.

Shards (docs/SCALING.md, "Search shards"): a large site's index is N Pagefind bundles, merged in
the reader's browser (search.js; the pages carry N as `data-shards`). N is `extra.search_shards`
in mkdocs.yml when set (1: one index), else `shards_for` the size of the corpus: one index below
SHARD_FROM characters of plan text, then about one bundle per SHARD_TEXT characters (the nearest
power of two, at most MAX_SHARDS). Shard 0, in `pagefind/`, holds the pages made from many files (lists,
documents, agencies, localities, the home page: a small part of the index, and the pages an
edit or a new plan changes besides its own); shard k (1…N-1), in `pagefind/phan-k/`, holds the
plans and reports whose path hashes to k — balanced whatever the plans have in common. Pagefind
runs shard by shard, two at a time (its memory is that of the largest shards, not the site's),
and only for a shard whose list of pages (path and key) changed since the last build: the other
bundles come from a store beside the token copies (`build/cache/search-phan/`), made and written
the same way, so an incremental build gives the same bytes as a cold one.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from functools import cache
from itertools import pairwise
from pathlib import Path
from zlib import crc32

from ..site.search import encode_chunk, name_token, pair

# Comments, raw-text elements, tags (quoted attribute values may hold ">"), in document order.
_MARKUP = re.compile(
    r"<!--.*?-->|<(script|style|template|textarea)\b.*?</\1\s*>|<(?:[^\"'>]|\"[^\"]*\"|'[^']*')*>",
    re.S | re.I,
)
_TAG_NAME = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)")
# A phrase never runs across these: two words on either side of one are not a pair.
_BLOCKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details"),
        *("dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1"),
        *("h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre"),
        *("section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"),
    }
)
_CHROME = str.maketrans({"\u21a9": " ", "\ufe0e": None})  # footnote back-links "↩"
_SPACE = re.compile(r"(\s+)")


@cache
def _chunk(piece: str) -> tuple[str, tuple[str, ...], str | None, str | None]:
    """A chunk's indexed text, its inner pair tokens, its first and its last run."""
    encoded, parts = encode_chunk(piece)
    text = html.escape(encoded, quote=False)
    if not parts:
        return text, (), None, None
    return text, tuple(pair(a, b) for a, b in pairwise(parts)), parts[0], parts[-1]


_pair = cache(pair)


class _Text:
    """Turns text nodes into indexed text, remembering the last word across inline tags.

    A text node's pair tokens follow its words, all together: side by side they share most of
    their letters, which the fragment's compression takes (a plan's fragment, which a result
    fetches, is an eighth smaller than with each pair after its word). A chunk may go on in the
    next text node, after inline tags ("<abbr>HĐND</abbr>&amp;<abbr>UBND</abbr>", the glossary's
    abbreviations): the pair tokens then wait (`pending`) for the end of a node that does not go
    on, or a block, so that no pair token is glued to the text that follows it."""

    def __init__(self) -> None:
        self.last: str | None = None
        self.pending: list[str] = []

    def flush(self) -> str:
        out = "".join(" " + p for p in self.pending)
        self.pending = []
        return out

    def block(self) -> str:
        self.last = None
        return self.flush()

    def text(self, raw: str, glued: bool = False) -> str:
        """`glued`: the text after the inline tags that follow `raw` goes on without a space."""
        if not raw:
            return raw
        out: list[str] = []
        last = self.last
        for piece in _SPACE.split(html.unescape(raw).translate(_CHROME)):
            if not piece or piece.isspace():
                out.append(piece)
                continue
            encoded, inner, first, final = _chunk(piece)
            out.append(encoded)
            if first is None:
                continue
            if last is not None:
                self.pending.append(_pair(last, first))
            self.pending.extend(inner)
            last = final
        self.last = last
        if self.pending and not (glued and not raw[-1].isspace()):
            # after the last word (never before a word, where a pair could be glued to an
            # opening bracket or quote), before the whitespace that ends the node
            end = len(out)
            while end and not out[end - 1].strip():
                end -= 1
            out.insert(end, self.flush())
        return "".join(out)


_BODY = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b(?:[^\"'>]|\"[^\"]*\"|'[^']*')*\bdata-pagefind-body\b")


_NAMES = re.compile(r'\bdata-ck-names="([^"]*)"')
_META = re.compile(r'(\bdata-pagefind-meta=")([^"]*)(")')


def _meta(m: re.Match[str]) -> str:
    """A meta value ("title:…") as tokens too: Pagefind indexes meta values, and a readable word
    there would be a key that a query for a missing token falls back to (a prefix of it)."""
    key, sep, value = html.unescape(m.group(2)).partition(":")
    if sep:
        value = " ".join(encode_chunk(chunk)[0] for chunk in value.split())
    return m.group(1) + html.escape(key + sep + value) + m.group(3)


_ID = re.compile(r'(\s)id="([^"]*)"')
TASK_END = "ck-het"  # the id marking where a task's name ends (search.js)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)


class _Anchors:
    """Element ids, as Pagefind needs them in the copy.

    Pagefind stores every id of a page with the text of its element in the page's fragment,
    which every result fetches. Only the ids the search uses stay (`ck-…`: a plan's sections
    and tasks; search.js finds a task's row from them), not every heading's and footnote's; and
    each as an empty element at the start of its element, so that its text is not stored twice
    (a plan's task names, some a paragraph long, were a fifth of its fragment). A task's name
    also gets an empty `ck-het` at its end: search.js reads the name between the two."""

    def __init__(self) -> None:
        self.open: list[list[str | int]] = []  # [tag name, depth] of task names being read

    def tag(self, tag: str, name: str | None) -> str:
        closing = tag.startswith("</")
        before = after = ""
        if name and self.open and self.open[-1][0] == name and name not in _VOID:
            top = self.open[-1]
            top[1] = int(top[1]) + (-1 if closing else 0 if tag.endswith("/>") else 1)
            if top[1] == 0:
                before = f'<span id="{TASK_END}"></span>'
                self.open.pop()
        m = _ID.search(tag) if not closing else None
        if m:
            tag = tag[: m.start()] + tag[m.end() :]
            if m.group(2).startswith("ck-"):
                after = f'<span id="{m.group(2)}"></span>'
                if m.group(2).startswith("ck-nv-") and name and name not in _VOID:
                    self.open.append([name, 1])
        return before + tag + after


def _regions(page: str) -> list[str]:
    """The elements marked data-pagefind-body, outermost first, each with its closing tag."""
    out = []
    pos = 0
    while m := _BODY.search(page, pos):
        name = m.group(1).lower()
        nest = re.compile(rf"<(/?){name}\b", re.I)
        depth, end = 0, len(page)
        for t in nest.finditer(page, m.start()):
            depth += -1 if t.group(1) else 1
            if depth == 0:
                end = page.find(">", t.end()) + 1
                break
        out.append(page[m.start() : end])
        pos = end
    return out


def _is_block(tag: str) -> bool:
    name = _TAG_NAME.match(tag)
    return bool(name and name.group(1).lower() in _BLOCKS)


def _glued(region: str, at: int) -> bool:
    """Does the text go on without a space after the inline tags at `at`? (Not across a block,
    nor into what Pagefind ignores.)"""
    while m := _MARKUP.match(region, at):
        if _is_block(m.group(0)) or "data-pagefind-ignore" in m.group(0):
            return False
        at = m.end()
    return at < len(region) and not region[at].isspace()


def transform(page: str) -> str:
    """One built page → the page Pagefind indexes: its data-pagefind-body elements only, their
    words as tokens (what lies outside them Pagefind does not index)."""
    out = ['<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"></head><body>\n']
    for region in _regions(page):
        text = _Text()
        anchors = _Anchors()
        pos = 0
        for m in _MARKUP.finditer(region):
            out.append(text.text(region[pos : m.start()], _glued(region, m.start())))
            tag = m.group(0)
            if "data-pagefind-meta" in tag:
                tag = _META.sub(_meta, tag)
            name = _TAG_NAME.match(tag)
            block = _is_block(tag)
            if block:
                out.append(text.block())
            out.append(anchors.tag(tag, name.group(1).lower() if name else None))
            if block:
                # Pagefind joins the text of adjacent cells ("<th>TT</th><th>Nhiệm vụ</th>")
                # into one word: a space keeps their tokens apart
                out.append(" ")
            pos = m.end()
        out.append(text.text(region[pos:]))
        out.append(text.flush())
        out.append("\n")
    names = [
        t
        for m in _NAMES.finditer(page)
        for n in html.unescape(m.group(1)).split("\n")
        if (t := name_token(n))
    ]
    if names:  # the page's whole names (search-meta.html), as tokens of their own
        out.append("<div data-pagefind-body>" + " ".join(sorted(set(names))) + "</div>\n")
    out.append("</body></html>\n")
    return "".join(out)


# -- shards ------------------------------------------------------------------------------------

_SHARDS = re.compile(r'\bdata-shards="([0-9]+)"')
_SECTION = re.compile(r'\bdata-pagefind-filter="Mục:([^"]*)"')
_SORT_DATE = re.compile(r'\bdata-pagefind-sort="ngay:([^"]*)"')
_HEAD = re.compile(r"<!--ck-phan ([0-9]+) ([0-9]+) ([^ ]*)-->\n")
SHARD_DIR = "phan-"  # pagefind/phan-k/: shard k's bundle
DATES = "ck-ngay.json"  # in each shard's bundle: its pages' dates (search.js sorts across shards)
# Pages made from one file of content/ each ("Mục" facet): the bulk of the index, spread over
# shards 1…N-1 by their path.
_OWN_FILE = frozenset({"Kế hoạch", "Báo cáo"})
# The automatic count (`shards_for`): one index below SHARD_FROM characters of plan text (the
# first search downloads each bundle's entry and chunks: ~3 requests and ~15–50 KB a shard), then
# about a bundle per SHARD_TEXT characters, so that an edit re-indexes a bundle Pagefind makes in about
# a second while the build writes the exports and runs its checks (500 full-size plans, 8 M
# characters: 8 shards; BENCHMARKS.md).
SHARD_FROM = 4_000_000
SHARD_TEXT = 1_000_000
MAX_SHARDS = 16


def shards_for(setting: int | None, plan_chars: int) -> int:
    """The number of bundles of a site's index: `setting` (mkdocs.yml extra.search_shards) when
    given, else from the characters of its plans' text (see SHARD_FROM)."""
    if setting is not None:
        return max(1, setting)
    if plan_chars < SHARD_FROM:
        return 1
    # the power of two nearest (in ratio) to a bundle per SHARD_TEXT characters
    return max(2, min(MAX_SHARDS, 1 << round(math.log2(plan_chars / SHARD_TEXT))))


def shard_count(page: str) -> int:
    """How many bundles the site's search is made of (the page's `data-shards`; 1: one index)."""
    m = _SHARDS.search(page)
    return max(1, int(m.group(1))) if m else 1


def shard_of(page: str, rel: str, shards: int) -> int:
    """The shard of the page at `rel` (its path in the site): 0 for a page made from many files,
    else the hash of its path (crc32, stable across builds and machines) among shards 1…N-1."""
    m = _SECTION.search(page)
    if shards < 2 or not m or html.unescape(m.group(1)).strip() not in _OWN_FILE:
        return 0
    return 1 + crc32(rel.encode("utf-8")) % (shards - 1)


SHARD_FILTER = "phan"  # a filter holding each page's shard (search.js)


def _sharded_copy(page: str, rel: str) -> str | None:
    """The indexed copy of a page of a sharded site, headed by its shard and sort date (an HTML
    comment Pagefind skips), its shard also a filter of its own: Pagefind drops from its AND a
    word its bundle lacks, so search.js asks the words of a query in the shards holding them
    all (the filter's counts for each word say which); None for a site with one index."""
    shards = shard_count(page)
    if shards < 2:
        return None
    date = _SORT_DATE.search(page)
    k = shard_of(page, rel, shards)
    head = f"<!--ck-phan {k} {shards} {date.group(1) if date else ''}-->\n"
    body = transform(page)
    end = body.rindex("</body>")
    tag = f'<div data-pagefind-body><span data-pagefind-filter="{SHARD_FILTER}:{k}"></span></div>\n'
    return head + body[:end] + tag + body[end:]


def write_listed(site: Path, listing: Iterable[str], store: Path) -> dict[str, str]:
    """The indexed copies of the pages `listing` names ("key<TAB>path" lines, read as they come:
    the build hands each page over as soon as it is final), kept in `store` (files named by
    key: the hash of the page's final bytes and of the builder, given by the build): a page's
    copy is made only when not there already. Once the listing ends, store files this run did
    not use are deleted. Returns the pages indexed (path: key)."""
    store.mkdir(parents=True, exist_ok=True)
    pages: dict[str, str] = {}
    for line in listing:
        key, _, rel = line.rstrip("\n").partition("\t")
        if not rel:
            continue
        copy = store / f"{key}.html"
        if not copy.is_file():
            tmp = store / f"{key}.tmp"
            page = (site / rel).read_text(encoding="utf-8")
            tmp.write_text(_sharded_copy(page, rel) or transform(page), encoding="utf-8")
            os.replace(tmp, copy)
        pages[rel] = key
    used = {f"{key}.html" for key in pages.values()}
    for f in store.iterdir():
        if f.name not in used:
            f.unlink(missing_ok=True)
    return pages


def _link_tree(out: Path, pages: dict[str, str], store: Path) -> None:
    """`out` made afresh, in path order: each page's copy from the store, linked at its path."""
    if out.exists():
        shutil.rmtree(out)
    made: set[Path] = set()
    for rel in sorted(pages):
        copy, dst = store / f"{pages[rel]}.html", out / rel
        if dst.parent not in made:
            dst.parent.mkdir(parents=True, exist_ok=True)
            made.add(dst.parent)
        try:
            os.link(copy, dst)
        except OSError:  # links not allowed here: a copy reads the same
            shutil.copyfile(copy, dst)
    out.mkdir(parents=True, exist_ok=True)


def _link(src: str, dst: str) -> None:
    """A kept bundle's file in the site: a hard link (nothing writes through one: a file is
    replaced, never rewritten), or a copy where links are not allowed."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def _head(copy: Path) -> tuple[int, int, str] | None:
    """A stored copy's shard, the site's shard count and the page's sort date (None: one index)."""
    with copy.open(encoding="utf-8") as f:
        m = _HEAD.match(f.readline())
    return (int(m.group(1)), int(m.group(2)), m.group(3)) if m else None


HEADS = "ck-dau.json"  # beside the store: each copy's head (key → [shard, shards, date])


def _heads(pages: dict[str, str], store: Path) -> dict[str, tuple[int, int, str]]:
    """Each page's shard, shard count and sort date, from HEADS when it has the page's key (an
    edit reads a handful of copies' first lines, not all of them: 0.5 s at 500 full-size plans),
    else from the copy; HEADS is then written again with exactly the keys in use."""
    path = store.with_name(store.name + "-" + HEADS)
    try:
        known = json.loads(path.read_text(encoding="utf-8"))
        known = known if isinstance(known, dict) else {}
    except (OSError, ValueError):
        known = {}
    out: dict[str, tuple[int, int, str]] = {}
    kept: dict[str, list[int | str]] = {}
    for rel, key in pages.items():
        got = known.get(key)
        if isinstance(got, list) and len(got) == 3:
            head = (int(got[0]), int(got[1]), str(got[2]))
        else:
            head = _head(store / f"{key}.html") or (0, 1, "")
        out[rel] = head
        kept[key] = list(head)
    if kept != known:
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(kept, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    return out


# A shard without a page still gets a bundle (search.js merges every shard it is told of): one
# page whose only word is made of a letter no query is turned into.
_EMPTY = '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"></head><body><div data-pagefind-body>ǂǂǂ</div></body></html>\n'


def _pagefind(source: Path, output: Path) -> int:
    from .sitebuild import _die_with_parent

    cmd = [sys.executable, "-m", "pagefind", "--site", str(source), "--output-path", str(output), "--silent"]
    return subprocess.run(cmd, preexec_fn=_die_with_parent(), check=False).returncode


def _dates(bundle: Path, dates: list[str]) -> None:
    """Write DATES: each page of the bundle (Pagefind's id for it) → its sort date. Pagefind keeps,
    for a sort, the bundle's pages in ascending order of their values (ISO dates: the order of
    the dates), and a sorted search scores a result by its place there, which means nothing in
    another shard; search.js reads the dates here to sort the merged results."""
    from .reproducible import read_meta

    found = read_meta(bundle)
    if found is None:
        return
    meta = found
    pages = next(
        (
            v
            for v in meta
            if isinstance(v, list)
            and v
            and all(
                isinstance(x, list) and len(x) == 2 and isinstance(x[0], str) and isinstance(x[1], int)
                for x in v
            )
        ),
        None,
    )
    order = next(
        (
            pair[1]
            for v in meta
            if isinstance(v, list)
            for pair in v
            if isinstance(pair, list) and len(pair) == 2 and pair[0] == "ngay" and isinstance(pair[1], list)
        ),
        [],
    )
    ordered = sorted(dates)
    table: dict[str, str] = {}
    if pages is not None and len(order) == len(ordered):
        table = {pages[i][0]: d for i, d in zip(order, ordered, strict=True)}
    (bundle / DATES).write_text(json.dumps(table, sort_keys=True, separators=(",", ":")), encoding="utf-8")


# Pagefind runs at most this many shards at once: one Pagefind run on a few hundred pages uses
# about one core (on 1,000 generated plans, 8 shards one after the other took 9.6 s, and the CPU
# time of one run over every page, 9.4 s, in 7.2 s on 2 cores). Memory: this many shards'.
JOBS = max(1, min(2, os.cpu_count() or 1))


def index_shards(site: Path, work: Path, pages: dict[str, str], store: Path, bundles: Path) -> int:
    """Index a sharded site: each shard's bundle from `bundles` when its pages (paths and keys)
    are those it was made from, else made now (Pagefind on that shard's copies alone, its filter
    files made canonical, its dates written) and kept there; then every bundle copied into the
    site. Bundles this run did not use are deleted. Returns Pagefind's exit code (0: done)."""
    from concurrent.futures import ThreadPoolExecutor
    from importlib.metadata import version

    from .reproducible import canonical_bundle

    heads = _heads(pages, store)
    shards = max((h[1] for h in heads.values()), default=1)
    bundles.mkdir(parents=True, exist_ok=True)
    out = site / "pagefind"
    if out.exists():
        shutil.rmtree(out)
    if work.exists():
        shutil.rmtree(work)
    names: list[str] = []
    todo: list[tuple[int, str, dict[str, str]]] = []
    for k in range(shards):
        mine = {rel: key for rel, key in pages.items() if heads[rel][0] == k}
        h = hashlib.sha256(f"{version('pagefind')}\n{shards}\n{k}\n".encode())
        for rel in sorted(mine):
            h.update(f"{rel}\t{mine[rel]}\n".encode())
        names.append(f"{k}-{h.hexdigest()[:24]}")
        if not (bundles / names[k]).is_dir():
            todo.append((k, names[k], mine))

    def make(job: tuple[int, str, dict[str, str]]) -> int:
        k, name, mine = job
        source = work / f"{SHARD_DIR}{k}"
        _link_tree(source, mine, store)
        if not mine:
            (source / "index.html").write_text(_EMPTY, encoding="utf-8")
        tmp = bundles / f"{name}.tmp"
        if tmp.exists():
            shutil.rmtree(tmp)
        code = _pagefind(source, tmp)
        shutil.rmtree(source)
        if code == 0:
            canonical_bundle(tmp)
            _dates(tmp, [heads[rel][2] for rel in mine if heads[rel][2]])
            os.replace(tmp, bundles / name)
        return code

    todo.sort(key=lambda job: -len(job[2]))  # the largest first: the runs end together
    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        codes = list(pool.map(make, todo))
    if any(codes):
        return next(c for c in codes if c)
    for k, name in enumerate(names):  # linked, not copied: 20 MB at 500 full-size plans
        shutil.copytree(
            bundles / name,
            out if k == 0 else out / f"{SHARD_DIR}{k}",
            dirs_exist_ok=True,
            copy_function=_link,
        )
    for old in bundles.iterdir():
        if old.name not in names:
            shutil.rmtree(old, ignore_errors=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    """`--site SITE --work WORK`: the tokens' copy of SITE into WORK, then Pagefind on it."""
    args = sys.argv[1:] if argv is None else argv
    opts = dict(zip(args[::2], args[1::2], strict=False))
    if "--site" not in opts or "--work" not in opts:
        print(
            "Cách dùng: python -m builder.publish.searchindex --site SITE --work WORK "
            "[--pages DANH_SÁCH --store KHO]",
            file=sys.stderr,
        )
        return 2
    site, work = Path(opts["--site"]), Path(opts["--work"])
    try:
        if "--pages" in opts and "--store" in opts:
            if opts["--pages"] == "-":  # the build hands pages over as they become final
                listing: Iterable[str] = io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8")
            else:
                listing = Path(opts["--pages"]).read_text(encoding="utf-8").splitlines()
            store = Path(opts["--store"])
        else:  # a built site indexed again (the multi-site demo): every page, copies beside `work`
            listing = _every_page(site)
            store = work.with_name(work.name + "-kho")
        pages = write_listed(site, listing, store)
        if any(_head(store / f"{key}.html") for key in pages.values()):
            return index_shards(site, work, pages, store, store.with_name(store.name + "-phan"))
        _link_tree(work, pages, store)
    except (OSError, UnicodeDecodeError, ValueError) as e:
        print(f"Lỗi khi chuẩn bị chỉ mục tìm kiếm: {e}", file=sys.stderr)
        return 2
    return _pagefind(work, site / "pagefind")


def _every_page(site: Path) -> list[str]:
    """The listing of every page of `site` that Pagefind indexes, keyed by its bytes."""
    out = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site)
        if rel.parts[0] == "pagefind":
            continue
        data = f.read_bytes()
        if b"data-pagefind-body" in data:
            out.append(f"{hashlib.sha256(data).hexdigest()}\t{rel.as_posix()}")
    return out


if __name__ == "__main__":
    raise SystemExit(main())
