"""Printable notices ("niêm yết"): one A4 page per plan for posting at the office.

Luật 10/2022/QH15 Art. 12.1(a) and 47.1 name posting (niêm yết) as a form of disclosure. The
page carries the plan's number, title, issuer, period, key tasks and a QR code to the plan's
page on this site, made at build time by segno (inline SVG, no external service).
"""

from __future__ import annotations

import io

import segno

from ..corpus import Corpus, PlanRecord
from ..stage import Page
from . import format_date_short, format_date_vi, format_period_vi

CSS_PATH = "assets/congkhai/niem-yet.css"
MAX_TASKS = 15  # one A4 sheet; the QR code leads to the rest

NOTICE_CSS = """\
/* Printable notice (niêm yết): A4, black on white, no site chrome when printed. */
@page { size: A4; margin: 15mm 15mm 15mm 20mm; }
.niem-yet { max-width: 180mm; margin: 0 auto; color: #000; background: #fff; font-size: 12pt; line-height: 1.4; }
.niem-yet__head { display: flex; justify-content: space-between; gap: 8mm; text-align: center; }
.niem-yet__head p { margin: 0; }
.niem-yet h1 { font-size: 16pt; text-align: center; margin: 6mm 0 2mm; text-transform: uppercase; }
.niem-yet__title { text-align: center; font-weight: bold; margin: 0 0 4mm; }
.niem-yet table { width: 100%; border-collapse: collapse; font-size: 10.5pt; }
.niem-yet th, .niem-yet td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }
.niem-yet__qr { display: flex; gap: 6mm; align-items: center; margin-top: 6mm; break-inside: avoid; }
.niem-yet__qr svg { width: 38mm; height: 38mm; flex: none; }
.niem-yet__url { word-break: break-all; font-family: monospace; }
.niem-yet__print { margin: 4mm 0; }
@media print {
  .md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .md-source-file, .niem-yet__print, .md-content__button { display: none !important; }
  .md-main__inner, .md-content, .md-content__inner, .md-grid { margin: 0 !important; padding: 0 !important; max-width: none !important; }
  .niem-yet { max-width: none; }
  a { color: #000; text-decoration: none; }
}
"""


def notice_url(rec: PlanRecord) -> str:
    """'ke-hoach/2025/abc/' → 'niem-yet/2025/abc/' (mirrors the plan's URL, unique by construction)."""
    return "niem-yet/" + rec.url.removeprefix("ke-hoach/")


def absolute_url(corpus: Corpus, url: str) -> str:
    from ..gitinfo import site_url

    return site_url(corpus.root) + url.lstrip("/")


def qr_svg(data: str) -> str:
    """An inline <svg> QR code (error correction M survives a scuffed print)."""
    qr = segno.make(data, error="m", micro=False)
    buf = io.BytesIO()
    qr.save(buf, kind="svg", scale=4, border=4, xmldecl=False, svgns=True, svgclass="niem-yet__qrcode",
            lineclass=None, title="Mã QR dẫn tới trang kế hoạch", desc=data)
    return buf.getvalue().decode("utf-8")


def _issuer(corpus: Corpus, aid: str) -> str:
    rec = corpus.agencies.get(aid)
    return rec.agency.name if rec else aid


def notice_pages(corpus: Corpus) -> list[Page]:
    tasks = corpus.derived.get("tasks") or {}
    pages = []
    for rec in corpus.plans:
        p = rec.plan
        if p is None:
            continue
        url = absolute_url(corpus, rec.url)
        rows = [{"id": t["id"], "name": t["name"], "lead": t.get("lead") or "",
                 "due": t.get("due") or "", "overdue": bool(t.get("overdue"))}
                for t in tasks.get(rec.key, [])]
        meta = {
            "template": "notice.html",
            "title": f"Niêm yết: {p.title}",
            "description": f"Bản niêm yết công khai để in khổ A4: {p.title}"[:300],
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
                "tasks": rows[:MAX_TASKS],
                "tasks_total": len(rows),
                "tasks_more": max(0, len(rows) - MAX_TASKS),
                "plan_url": rec.url,
                "absolute_url": url,
                "qr_svg": qr_svg(url),
                "css": CSS_PATH,
            },
        }
        pages.append(Page(notice_url(rec).rstrip("/") + ".md", meta, ""))
    if pages:
        # a static file staged like a page: mkdocs copies non-Markdown files as they are
        pages.append(Page(CSS_PATH, {}, NOTICE_CSS))
    return pages


generators = [notice_pages]
