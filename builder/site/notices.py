"""Printable notices ("niêm yết"): one A4 page per plan for posting at the office.

Luật 10/2022/QH15 Art. 12.1(a) and 47.1 name posting (niêm yết) as a form of disclosure. The
page carries the plan's number, title, issuer, period, key tasks and a QR code to the plan's
page on this site, made at build time by segno (inline SVG, no external service). Task texts are
printed whole, on continuation sheets when they do not fit on the first; each status carries the
date it holds for. A build without the site's public address makes previews ("BẢN XEM THỬ", no QR
code): a QR code must never silently lead to a local address.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import segno

from ..analysis.state import Derived
from ..base.config import preview_reason
from ..base.urls import NOTICE_CSS as CSS_PATH
from ..base.urls import absolute, notice_url, page_path
from ..base.vietnamese import as_of_vi, format_date_short, format_date_vi, format_period_vi
from ..content.corpus import Corpus
from ..content.names import names
from .escape import meta_text
from .feedback import feedback
from .stage import Page

# Space on an A4 sheet for task rows, in millimetres of a row's estimated height: the first sheet
# also carries the heading, the posting block and the QR code; continuation sheets only a short
# heading. Task texts are never cut: rows that do not fit go on the next sheet. The estimate errs
# on the safe side (tests/browser: every sheet prints on one page).
FIRST_SHEET_MM, NEXT_SHEET_MM = 112.0, 225.0
LINE_MM, ROW_PAD_MM = 4.1, 2.0
# Characters per line in each column at 9 pt (widths in niem-yet.css: 45 %, 18 %, 14 %, 16 %).
CHARS = {"name": 52, "lead": 19, "due": 14, "status": 16}
# The "Nơi gửi ý kiến" paragraph (partials/ck/notice-channels.html) sits in the first sheet's text
# column beside the QR code (about 70 characters a line at 10.5 pt); its lines come off the room
# for tasks, so that an agency's long contact never pushes the first sheet onto a second page.
CHANNEL_CHARS, TEXT_LINE_MM, PARAGRAPH_MM = 70, 4.8, 1.5


def qr_svg(data: str) -> str:
    """An inline <svg> QR code (error correction M survives a scuffed print)."""
    qr = segno.make(data, error="m", micro=False)
    buf = io.BytesIO()
    # viewBox without width/height: CSS sizes it (with fixed width/height the drawing would be clipped);
    # a white background keeps it scannable in the dark colour scheme too
    qr.save(
        buf,
        kind="svg",
        border=4,
        omitsize=True,
        xmldecl=False,
        svgns=True,
        svgclass="niem-yet__qrcode",
        lineclass=None,
        light="#fff",
        title="Mã QR dẫn tới trang kế hoạch",
        desc=data,
    )
    return buf.getvalue().decode("utf-8")


def row_mm(row: dict[str, str]) -> float:
    """The estimated printed height of a task row (its tallest cell), in millimetres."""
    lines = max(
        sum(max(1, -(-len(part) // CHARS[col])) for part in (row[col] or " ").split("\n")) for col in CHARS
    )
    return lines * LINE_MM + ROW_PAD_MM


def channels_mm(fb: dict[str, Any]) -> float:
    """The estimated printed height of the notice's "Nơi gửi ý kiến" paragraph, in millimetres
    (the same items as partials/ck/notice-channels.html prints)."""
    items = [f"{c['label']}: {c['value']}" for c in fb.get("plan") or [] if c.get("value")]
    for block in (fb.get("agency"), fb.get("site")):
        if block:
            items += [f"{i['label']} {block['name']}: {i['value']}" for i in block["items"]]
    chars = len("Nơi gửi ý kiến: ; hoặc qua trang kế hoạch (mã QR), mục “Góp ý”.") + sum(
        len(i) + 2 for i in items
    )
    return -(-chars // CHANNEL_CHARS) * TEXT_LINE_MM + PARAGRAPH_MM


def sheets(rows: list[dict[str, str]], first: float = FIRST_SHEET_MM) -> list[list[dict[str, str]]]:
    """Task rows split into A4 sheets: as many as fit in `first` millimetres of the first sheet,
    the rest on continuation sheets."""
    out: list[list[dict[str, str]]] = [[]]
    room = first
    for row in rows:
        h = row_mm(row)
        if out[-1] and h > room:
            out.append([])
            room = NEXT_SHEET_MM
        out[-1].append(row)
        room -= h
    return out


def _cache_file(cache: Path, data: str) -> Path:
    # "svg2": bump whenever qr_svg() changes its options, so that stale codes are not reused
    key = hashlib.sha256(f"segno {segno.__version__} m svg2|{data}".encode()).hexdigest()
    return cache / f"{key}.svg"


def qr_svgs(urls: list[str], cache: Path | None = None) -> dict[str, str]:
    """QR codes of many URLs. Choosing the best mask (as the QR standard asks, for reliable scans)
    costs ~5–25 ms a code, so codes are kept in build/cache/qr/ between builds (`congkhai serve`
    rebuilds on every edit; the file name hashes the URL and segno's version)."""
    out: dict[str, str] = {}
    missing: list[str] = []
    for u in dict.fromkeys(urls):
        f = _cache_file(cache, u) if cache else None
        if f is not None and f.is_file():
            out[u] = f.read_text(encoding="utf-8")
        else:
            missing.append(u)
    made = [qr_svg(u) for u in missing]
    for u, svg in zip(missing, made, strict=True):
        out[u] = svg
        if cache is not None:
            cache.mkdir(parents=True, exist_ok=True)
            _cache_file(cache, u).write_text(svg, encoding="utf-8")
    return out


def _issuer(corpus: Corpus, aid: str) -> str:
    rec = corpus.agencies.get(aid)
    return rec.agency.name if rec else aid


def notice_pages(corpus: Corpus, derived: Derived) -> list[Page]:
    """One printable notice per plan. Without the site's public address (`site_url`/SITE_URL) a
    notice is a preview: stamped "BẢN XEM THỬ", with no QR code (it would lead nowhere)."""
    tasks = derived.tasks
    plans = [r for r in corpus.plans if r.plan is not None]
    site_url = corpus.config.site_url
    preview = preview_reason(site_url)
    codes = (
        {}
        if preview
        else qr_svgs([absolute(site_url, r.url) for r in plans], corpus.root / "build" / "cache" / "qr")
    )
    as_of = as_of_vi(derived.git.reference_date)
    pages = []
    for rec in plans:
        p = rec.plan
        url = absolute(site_url, rec.url)
        comp = derived.compliance.get(rec.key)
        rows = [
            {
                "hook": f"{rec.key}#{t.id}",
                "id": t.id,
                "name": " ".join(t.name.split()),
                "lead": " ".join((t.lead or "").split()),
                "due": t.due or "",
                "status": t.status,
                "status_label": t.status_label,
            }
            for t in tasks.get(rec.key, [])
        ]
        name = names(corpus, rec).name
        fb = feedback(
            corpus, derived, None, label=name, plan=rec, agency_id=p.issuer, subject=f"Góp ý về {name}"
        )
        split = sheets(rows, FIRST_SHEET_MM - channels_mm(fb))
        meta = {
            "template": "notice.html",
            # The tab and the shared link name the plan as every list does; the sheet itself prints
            # the trích yếu as the document does (notice.title below).
            "title": f"Niêm yết: {name}",
            "description": meta_text(f"Bản niêm yết công khai để in khổ A4: {name}"),
            "search": {"exclude": True},
            "notice": {
                "type": p.type,
                "number": p.number or "",
                "issued": format_date_vi(p.issued),
                "issued_short": format_date_short(p.issued),
                "place": p.place or "",
                "issuer": _issuer(corpus, p.issuer),
                "title": p.title,
                "period": format_period_vi(p.period.start, p.period.end) if p.period else "",
                "posted_from": format_date_short(comp.posted_from) if comp else "",
                "posted_to": format_date_short(comp.posted_to) if comp else "",
                "posted_place": (comp.posted_place or "") if comp else "",
                "posting_min_days": comp.posting_min_days if comp else 0,
                "posting_article": comp.posting_article if comp else "",
                "as_of": as_of,
                "sheets": split,
                "tasks_total": len(rows),
                "plan_url": rec.url,
                "absolute_url": url,
                "qr_svg": codes.get(url, ""),
                "preview": preview or "",
                "css": CSS_PATH,
                "feedback": fb,
            },
        }
        pages.append(Page(page_path(notice_url(rec.url)), meta, ""))
    return pages
