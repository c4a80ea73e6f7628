"""Post-build: remove the build clock from what mkdocs writes, so two builds of one commit match.

mkdocs stamps every sitemap entry with the build date (`lastmod`) and gzips sitemap.xml.gz with
the build time in its header (both honour SOURCE_DATE_EPOCH, which nobody sets on a laptop).
Here `lastmod` comes from content: a plan's last commit touching its file (git), else its
issue date; other pages take the reference date (last content commit); without any date the
element is dropped. The .gz is then rewritten with mtime 0. Pagefind's filter indexes are put
in a stable order after Pagefind runs (canonical_pagefind, called by the build).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import re
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from ..analysis.state import Derived
from ..content.corpus import Corpus

_URL = re.compile(r"(<url>\s*<loc>([^<]*)</loc>)(\s*<lastmod>[^<]*</lastmod>)?")


def page_dates(corpus: Corpus, derived: Derived) -> tuple[dict[str, str], str | None]:
    """{site-relative URL: YYYY-MM-DD} for plans, and the default date for every other page."""
    git = derived.git
    dates: dict[str, str] = {}
    for rec in corpus.plans:
        info = git.file(rec.path)
        day = (info.last_modified if info else None) or (
            rec.plan.issued.isoformat() if rec.plan and rec.plan.issued else None
        )
        if day:
            dates[rec.url.strip("/")] = str(day)[:10]
    default = git.reference_date or (max(dates.values()) if dates else None)
    return dates, (str(default)[:10] if default else None)


def rewrite_sitemap(xml: str, dates: dict[str, str], default: str | None) -> str:
    def repl(m: re.Match[str]) -> str:
        loc = m.group(2)
        path = urlsplit(loc).path.strip("/")
        # the path under site_url: drop the site's own prefix (e.g. GitHub Pages' /<repo>/), i.e.
        # the longest suffix of the path that is a plan's URL (one lookup per suffix, not per plan)
        day = dates.get(path)
        if day is None:
            parts = path.split("/")
            day = next(
                (dates[u] for i in range(1, len(parts)) if (u := "/".join(parts[i:])) in dates), default
            )
        return m.group(1) + (f"\n         <lastmod>{day}</lastmod>" if day else "")

    return _URL.sub(repl, xml)


def gzip_bytes(data: bytes, name: str) -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    return buf.getvalue()


# mkdocs-material fetches `sitemap.xml` beside every `<link rel=alternate>` of a page when the
# page loads (its language switcher looks pages up there), and every page links the site's feed
# and calendar that way: with the URL list in sitemap.xml, each page view downloaded and parsed
# the whole list twice (2 x 462 KB at 1,000 plans). sitemap.xml is therefore a sitemap index
# (a few hundred bytes; the theme finds no <url> in it) naming the URL lists beside it, of at
# most 50,000 URLs each as the sitemap protocol allows.
SITEMAP_URLS_PER_FILE = 50_000
_URL_ENTRY = re.compile(r"<url>.*?</url>", re.S)
_LASTMOD = re.compile(r"<lastmod>([^<]*)</lastmod>")


def split_sitemap(
    xml: str, site_url: str, default: str | None, per_file: int = SITEMAP_URLS_PER_FILE
) -> tuple[str, dict[str, str]]:
    """(the sitemap index, {file name: URL list}) for mkdocs' urlset `xml`."""
    head = xml[: xml.index("<urlset")]
    opening = xml[xml.index("<urlset") : xml.index(">", xml.index("<urlset")) + 1]
    entries = _URL_ENTRY.findall(xml)
    parts: dict[str, str] = {}
    for n, i in enumerate(range(0, max(len(entries), 1), per_file), start=1):
        body = "".join(f"\n    {e}" for e in entries[i : i + per_file])
        parts[f"sitemap-{n}.xml"] = f"{head}{opening}{body}\n</urlset>\n"
    items = ""
    for name, text in parts.items():
        # a list changed when its newest page did
        day = max(_LASTMOD.findall(text), default=default)
        lastmod = f"\n        <lastmod>{day}</lastmod>" if day else ""
        items += f"\n    <sitemap>\n        <loc>{escape(site_url + name)}</loc>{lastmod}\n    </sitemap>"
    index = (
        f'{head}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{items}\n</sitemapindex>\n'
    )
    return index, parts


def post_build(corpus: Corpus, derived: Derived, site_dir: Path) -> None:
    sm = site_dir / "sitemap.xml"
    if sm.is_file():
        dates, default = page_dates(corpus, derived)
        xml = rewrite_sitemap(sm.read_text(encoding="utf-8"), dates, default)
        index, parts = split_sitemap(xml, corpus.config.site_url, default)
        for name, text in parts.items():
            (site_dir / name).write_text(text, encoding="utf-8")
        sm.write_text(index, encoding="utf-8")
        (site_dir / "sitemap.xml.gz").write_bytes(gzip_bytes(index.encode("utf-8"), "sitemap.xml"))


# -- Pagefind ---------------------------------------------------------------------------------
# Pagefind (1.5) writes its filter indexes and the list of filters in hash-map order, which
# changes from run to run; file names are hashes of the contents, so the meta file and
# pagefind-entry.json change too. After Pagefind runs, every filter index is re-encoded with
# its values sorted, renamed by the hash of its new contents, and the meta file likewise.
# The files are gzip("pagefind_dcd" + CBOR) with definite-length arrays, text and integers.

_MAGIC = b"pagefind_dcd"


def _cbor_head(major: int, n: int) -> bytes:
    if n < 24:
        return bytes([major << 5 | n])
    for ai, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([major << 5 | ai]) + n.to_bytes(size, "big")
    raise ValueError(n)


def cbor_encode(v: object) -> bytes:
    if v is False or v is True or v is None:
        return bytes([0xF4 if v is False else 0xF5 if v is True else 0xF6])
    if isinstance(v, int):
        return _cbor_head(0, v) if v >= 0 else _cbor_head(1, -1 - v)
    if isinstance(v, str):
        b = v.encode("utf-8")
        return _cbor_head(3, len(b)) + b
    if isinstance(v, bytes):
        return _cbor_head(2, len(v)) + v
    if isinstance(v, list):
        return _cbor_head(4, len(v)) + b"".join(cbor_encode(x) for x in v)
    if isinstance(v, dict):
        return _cbor_head(5, len(v)) + b"".join(cbor_encode(k) + cbor_encode(x) for k, x in v.items())
    raise TypeError(type(v))


def cbor_decode(b: bytes, i: int = 0) -> tuple[object, int]:
    ib = b[i]
    major, ai = ib >> 5, ib & 31
    i += 1
    if major == 7:
        return {20: False, 21: True, 22: None}[ai], i
    if ai < 24:
        n = ai
    else:
        size = {24: 1, 25: 2, 26: 4, 27: 8}[ai]  # indefinite lengths are not used by Pagefind
        n = int.from_bytes(b[i : i + size], "big")
        i += size
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major in (2, 3):
        raw = bytes(b[i : i + n])
        return (raw if major == 2 else raw.decode("utf-8")), i + n
    if major == 4:
        out = []
        for _ in range(n):
            x, i = cbor_decode(b, i)
            out.append(x)
        return out, i
    if major == 5:
        d = {}
        for _ in range(n):
            k, i = cbor_decode(b, i)
            d[k], i = cbor_decode(b, i)
        return d, i
    raise ValueError(f"CBOR major type {major}")


def _read_pf(path: Path) -> object:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(_MAGIC):
        raise ValueError(path)
    value, end = cbor_decode(raw, len(_MAGIC))
    if end != len(raw) or cbor_encode(value) != raw[len(_MAGIC) :]:
        raise ValueError(f"{path}: not the CBOR this step understands")
    return value


def _write_pf(folder: Path, lang: str, value: object, digits: int, prefix: str, suffix: str) -> str:
    payload = _MAGIC + cbor_encode(value)
    name = f"{lang}_{hashlib.sha256(payload).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(gzip_bytes(payload, ""))
    return name


def _is_filter_list(v: object, known: set[str]) -> bool:
    return (
        isinstance(v, list)
        and bool(v)
        and all(isinstance(x, list) and len(x) == 2 and isinstance(x[0], str) and x[1] in known for x in v)
    )


def read_meta(pf: Path) -> list[object] | None:
    """A bundle's meta file (its one language's), decoded; None when it is not there or not
    the layout this module knows."""
    try:
        entry = json.loads((pf / "pagefind-entry.json").read_text(encoding="utf-8"))
        for info in entry.get("languages", {}).values():
            meta = _read_pf(pf / f"pagefind.{info['hash']}.pf_meta")
            return meta if isinstance(meta, list) else None
    except (OSError, ValueError, KeyError, AttributeError):
        return None
    return None


def canonical_pagefind(site: Path) -> None:
    """The site's bundle made canonical (a sharded site's other bundles are made so when made:
    publish/searchindex.py)."""
    canonical_bundle(site / "pagefind")


def canonical_bundle(pf: Path) -> None:
    entry_path = pf / "pagefind-entry.json"
    if not entry_path.is_file():
        return
    entry_text = entry_path.read_text(encoding="utf-8")
    entry = json.loads(entry_text)
    for lang, info in sorted(entry.get("languages", {}).items()):
        meta_path = pf / f"pagefind.{info['hash']}.pf_meta"
        try:
            meta = _read_pf(meta_path)
        except (OSError, ValueError, KeyError):
            continue  # an unknown layout: leave Pagefind's output alone rather than break search
        filters = {p.stem: p for p in (pf / "filter").glob(f"{lang}_*.pf_filter")}
        slot = (
            next((i for i, v in enumerate(meta) if _is_filter_list(v, set(filters))), None)
            if isinstance(meta, list)
            else None
        )
        if slot is None or not isinstance(meta, list):
            continue
        renamed = {}
        for old, path in sorted(filters.items()):
            value = _read_pf(path)
            if isinstance(value, list) and len(value) == 2 and isinstance(value[1], list):
                value = [value[0], sorted(value[1], key=lambda kv: json.dumps(kv, ensure_ascii=False))]
            path.unlink()
            renamed[old] = _write_pf(pf / "filter", lang, value, 7, "", ".pf_filter")
        meta[slot] = sorted([[name, renamed[h]] for name, h in meta[slot]], key=lambda x: x[0])
        meta_path.unlink()
        new_hash = _write_pf(pf, lang, meta, 10, "pagefind.", ".pf_meta")
        entry_text = entry_text.replace(f'"{info["hash"]}"', f'"{new_hash}"')
    # a new file, never a write through: a sharded site's bundle files are hard links to the
    # bundles kept in build/cache/search-phan/ (publish/searchindex.py)
    tmp = entry_path.with_suffix(".tmp")
    tmp.write_text(entry_text, encoding="utf-8")
    os.replace(tmp, entry_path)
