"""Printable notices ("niêm yết"): one A4 page per plan for posting at the office.

Luật 10/2022/QH15 Art. 12.1(a) and 47.1 name posting (niêm yết) as a form of disclosure. The
page carries the plan's number, title, issuer, period, key tasks and a QR code to the plan's
page on this site, made at build time by segno (inline SVG, no external service).
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import segno

from ..content.corpus import Corpus, PlanRecord
from .stage import Page
from ..analysis.state import Derived
from ..base.urls import NOTICE_CSS as CSS_PATH
from ..base.urls import absolute, notice_url, page_path
from ..base.vietnamese import format_date_short, format_date_vi, format_period_vi, plan_label
from .escape import meta_text
from .feedback import feedback

MAX_TASKS = 15  # one A4 sheet; the QR code leads to the rest
MAX_NAME, MAX_LEAD = 200, 110  # long task texts are cut on the sheet (full text behind the QR code)



def qr_svg(data: str) -> str:
    """An inline <svg> QR code (error correction M survives a scuffed print)."""
    qr = segno.make(data, error="m", micro=False)
    buf = io.BytesIO()
    # viewBox without width/height: CSS sizes it (with fixed width/height the drawing would be clipped);
    # a white background keeps it scannable in the dark colour scheme too
    qr.save(buf, kind="svg", border=4, omitsize=True, xmldecl=False, svgns=True, svgclass="niem-yet__qrcode",
            lineclass=None, light="#fff", title="Mã QR dẫn tới trang kế hoạch", desc=data)
    return buf.getvalue().decode("utf-8")


def shorten(s: str, n: int) -> str:
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n].rsplit(" ", 1)[0].rstrip(",;:") + " …"


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
    tasks = derived.tasks
    plans = [r for r in corpus.plans if r.plan is not None]
    site_url = corpus.config.site_url
    codes = qr_svgs([absolute(site_url, r.url) for r in plans], corpus.root / "build" / "cache" / "qr")
    pages = []
    for rec in plans:
        p = rec.plan
        url = absolute(site_url, rec.url)
        rows = [{"id": t.id, "name": shorten(t.name, MAX_NAME), "lead": shorten(t.lead or "", MAX_LEAD),
                 "due": t.due or "", "overdue": t.overdue}
                for t in tasks.get(rec.key, [])]
        meta = {
            "template": "notice.html",
            "title": f"Niêm yết: {p.title}",
            "description": meta_text(f"Bản niêm yết công khai để in khổ A4: {p.title}"),
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
                "qr_svg": codes[url],
                "css": CSS_PATH,
                "feedback": feedback(corpus, derived, None, label=plan_label(p.type, p.number), plan=rec,
                                     agency_id=p.issuer, subject=f"Góp ý về {plan_label(p.type, p.number)}: {p.title}"),
            },
        }
        pages.append(Page(page_path(notice_url(rec.url)), meta, ""))
    return pages

