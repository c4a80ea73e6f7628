"""Site-wide pages about what plans promised: "Nhiệm vụ" (every task, overdue first, with filters)
and "Danh mục công khai" (what was disclosed each quarter, Luật 10/2022/QH15 Art. 13.2).

Both read only the derived state (tasks from builder.analysis.deadlines, git and compliance from
builder.analysis.gitinfo and builder.analysis.compliance). The filter script is a static file (CSP: no inline scripts).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from ..content.corpus import Corpus, PlanRecord
from .stage import Page
from ..analysis.state import Derived, TaskFacts
from ..base.text import ascii_fold
from ..base.urls import DISCLOSURE as DISCLOSURE_URL
from ..base.urls import TASKS as TASKS_URL
from ..base.urls import TASKS_CSS as CSS_PATH
from ..base.urls import TASKS_SCRIPT as JS_PATH
from ..base.urls import href, md_link, page_path
from ..base.vietnamese import NO_STATUS_VI, TASK_STATUS_VI, agency_short_name, format_date_short, format_date_vi, format_month_vi, format_quarter_vi, plan_label
from .escape import html_text, md_text

NO_STATUS = "chua-cap-nhat"  # filter value of tasks without a status
MAX_MONTHS = 36  # a multi-year range lists its months only up to this many (the filter stays usable)

FILTER_JS = """\
// Filters of the "Nhiệm vụ" page: agency, status, month. Rows carry data-* attributes.
(function () {
  "use strict";
  function init() {
    var form = document.getElementById("nv-filter");
    var table = document.getElementById("nv-table");
    if (!form || !table) return;
    form.hidden = false;
    var rows = table.querySelectorAll("tbody tr");
    var count = document.getElementById("nv-count");
    function apply() {
      var lead = form.elements["lead"].value, status = form.elements["status"].value,
          month = form.elements["month"].value, shown = 0;
      rows.forEach(function (r) {
        var ok = (!lead || r.dataset.lead === lead) &&
                 (!status || r.dataset.status === status) &&
                 (!month || r.dataset.months === "*" || (" " + r.dataset.months + " ").indexOf(" " + month + " ") >= 0);
        r.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = String(shown);
    }
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
"""


FILTER_CSS = """\
/* "Nhiệm vụ" page: compact filters; overdue rows marked by more than colour (bold text + border). */
.nv-filter { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: flex-end; margin: 1rem 0; }
.nv-filter label { display: flex; flex-direction: column; font-size: .7rem; }
.nv-filter select { max-width: 20rem; font: inherit; padding: .2rem; }
.md-typeset #nv-table td { vertical-align: top; }
.md-typeset #nv-table tr.nv-overdue td:first-child { border-left: .25rem solid var(--md-primary-fg-color, #c62828); }
.nv-plan small { display: block; color: var(--md-default-fg-color--light); }
"""


def _months(t: TaskFacts) -> str:
    """Space-separated YYYY-MM the task is due in; "*" for ongoing obligations without dates."""
    if t.due_dates:
        return " ".join(sorted({d[:7] for d in t.due_dates}))
    end = t.due_end
    if not end:
        return "*" if t.recurring else ""
    e = dt.date.fromisoformat(end)
    s = dt.date.fromisoformat(t.due_start) if t.due_start else e
    out = []
    y, m = s.year, s.month
    while (y, m) <= (e.year, e.month) and len(out) < MAX_MONTHS:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return " ".join(out)


def _plan_label(rec: PlanRecord) -> str:
    return plan_label(rec.plan.type, rec.plan.number)


def _issuer_short(corpus: Corpus, aid: str) -> str:
    rec = corpus.agencies.get(aid)
    return agency_short_name(rec.agency.name, rec.agency.short_name) if rec else aid


def task_rows(corpus: Corpus, derived: Derived) -> list[dict]:
    """Every task of every plan, overdue first, then by deadline, then plan and task order."""
    rows = []
    for rec in corpus.plans:
        if rec.plan is None:
            continue
        issuer = _issuer_short(corpus, rec.plan.issuer)
        for i, t in enumerate(derived.tasks.get(rec.key, [])):
            rows.append({
                "plan_key": rec.key, "plan_url": rec.url, "plan_label": _plan_label(rec), "plan_title": rec.plan.title,
                "plan_issuer": issuer,
                "id": t.id, "name": t.name, "lead": t.lead or "", "partners": t.partners or "",
                "due": t.due or "", "due_end": t.due_end or "",
                "due_end_label": format_date_short(t.due_end),
                "recurring_label": t.recurring_label or "",
                "status": t.status or "", "status_label": t.status_label or "",
                "overdue": t.overdue, "months": _months(t), "_order": (rec.path, i),
            })
    rows.sort(key=lambda r: (not r["overdue"], r["due_end"] or "9999", r["_order"]))
    for r in rows:
        del r["_order"]
    return rows


def tasks_led_by(corpus: Corpus, derived: Derived) -> dict[str, list[dict]]:
    """Agency id → the rows of the tasks it leads (as on the "Nhiệm vụ" page), for agency pages.

    An agency leads a task when builder.analysis.deadlines recognised it in the task's "Cơ quan chủ trì"
    (TaskFacts.lead_agencies); the order is the "Nhiệm vụ" page's (overdue first).
    """
    leads = {(r.key, t.id): t.lead_agencies for r in corpus.plans for t in derived.tasks.get(r.key, [])}
    out: dict[str, list[dict]] = {}
    for row in task_rows(corpus, derived):
        for aid in leads.get((row["plan_key"], row["id"]), []):
            out.setdefault(aid, []).append(row)
    return out


def table_html(rows: list[dict], from_url: str = TASKS_URL) -> str:
    """The task table as HTML, in the page body rather than in page.meta: with thousands of tasks,
    YAML front-matter would cost seconds to write and to read back."""
    out = ['<div class="md-typeset__scrollwrap"><div class="md-typeset__table">', '<table id="nv-table">',
           "<thead><tr><th>Kế hoạch</th><th>TT</th><th>Nhiệm vụ</th><th>Chủ trì</th><th>Thời hạn</th>"
           "<th>Tình trạng</th></tr></thead>", "<tbody>"]
    for r in rows:
        due = html_text(r["due"])
        if r["due_end_label"]:
            due += f"<br><small>hạn {html_text(r['due_end_label'])}</small>"
        elif r["recurring_label"]:
            due += f"<br><small>{html_text(r['recurring_label'])}</small>"
        if r["overdue"]:
            state = "<strong>Quá hạn</strong>" + (f"<br><small>{html_text(r['status_label'])}</small>" if r["status"] else "")
        else:
            state = html_text(r["status_label"])
        cls = ' class="nv-overdue"' if r["overdue"] else ""
        out.append(
            f'<tr data-lead="{html_text(r["lead"])}" data-status="{html_text(r["status"] or NO_STATUS)}" data-months="{html_text(r["months"])}"{cls}>'
            f'<td class="nv-plan"><a href="{href(from_url, r["plan_url"])}" title="{html_text(r["plan_title"])}">'
            f'{html_text(r["plan_issuer"])}</a><small>{html_text(r["plan_label"])}</small></td>'
            f"<td>{html_text(r['id'])}</td><td>{html_text(r['name'])}</td><td>{html_text(r['lead'])}</td>"
            f"<td>{due}</td><td>{state}</td></tr>")
    out += ["</tbody>", "</table>", "</div></div>"]
    return "\n".join(out) + "\n"


def tasks_page(corpus: Corpus, derived: Derived) -> list[Page]:
    rows = task_rows(corpus, derived)
    git = derived.git
    leads = sorted({r["lead"] for r in rows if r["lead"]}, key=lambda s: ascii_fold(s).casefold())
    months = sorted({m for r in rows for m in r["months"].split() if m != "*"})
    statuses = [{"value": k, "label": v} for k, v in TASK_STATUS_VI.items()]
    if any(not r["status"] for r in rows):
        statuses.append({"value": NO_STATUS, "label": NO_STATUS_VI})
    meta = {
        "template": "tasks.html",
        "title": "Nhiệm vụ",
        "description": "Mọi nhiệm vụ trong các kế hoạch: ai chủ trì, thời hạn, tiến độ; nhiệm vụ quá hạn lên đầu.",
        "tasks_page": {
            "total": len(rows),
            "overdue": sum(r["overdue"] for r in rows),
            "leads": leads,
            "months": [{"value": m, "label": format_month_vi(m)} for m in months],
            "statuses": statuses,
            "reference_date": format_date_vi(git.reference_date),
            "reference_note": git.reference_note_vi or "",
            "script": JS_PATH,
            "css": CSS_PATH,
        },
    }
    return [Page(page_path(TASKS_URL), meta, table_html(rows)), Page(JS_PATH, {}, FILTER_JS), Page(CSS_PATH, {}, FILTER_CSS)]


def _quarter(iso: str) -> tuple[int, int]:
    d = dt.date.fromisoformat(iso)
    return d.year, (d.month - 1) // 3 + 1


def disclosure_page(corpus: Corpus, derived: Derived) -> list[Page]:
    """Danh mục công khai: per quarter, what was disclosed, in which forms, and when (Art. 13.2)."""
    comp = derived.compliance
    notices = derived.notice_urls
    git = derived.git
    by_q: dict[tuple[int, int], list[PlanRecord]] = defaultdict(list)
    pending: list[PlanRecord] = []
    for rec in corpus.plans:
        info = comp.get(rec.key)
        if info is None:
            continue
        if info.first_published:
            by_q[_quarter(info.first_published)].append(rec)
        else:
            pending.append(rec)
    url = DISCLOSURE_URL
    body = ("# Danh mục công khai\n\n"
            "Danh mục các kế hoạch đã được công khai trên trang này, theo từng quý, với hình thức và thời gian "
            "công khai — như Điều 13 khoản 2 Luật Thực hiện dân chủ ở cơ sở (Luật số 10/2022/QH15) yêu cầu. "
            "Ngày đăng công khai lấy từ lịch sử thay đổi của trang (git), trừ khi biên tập viên ghi rõ ngày "
            "đã công khai ở nơi khác. Thời hạn công khai: 5 ngày làm việc kể từ ngày ban hành (Điều 12, 47), "
            "không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết.\n\n")
    if git.history_note_vi:
        body += f"!!! note \"Lịch sử chưa đầy đủ\"\n    {git.history_note_vi}\n\n"
    late_total = 0
    for (y, q) in sorted(by_q, reverse=True):
        recs = sorted(by_q[(y, q)], key=lambda r: (comp[r.key].first_published or "", r.path))
        body += f"## {format_quarter_vi(y, q)}\n\n"
        body += "| Văn bản | Cơ quan ban hành | Ngày ban hành | Ngày đăng công khai | Hình thức | Thời hạn |\n"
        body += "|---|---|---|---|---|---|\n"
        for rec in recs:
            info = comp[rec.key]
            ag = corpus.agencies.get(rec.plan.issuer)
            issuer = agency_short_name(ag.agency.name, ag.agency.short_name) if ag else rec.plan.issuer
            forms = "Trang thông tin điện tử"
            if rec.key in notices:
                forms += f"; [bản niêm yết]({md_link(url, notices[rec.key])})"
            if info.late:
                late_total += 1
                verdict = f"**Chậm** ({info.working_days} ngày làm việc)"
            elif info.working_days is not None:
                verdict = f"Đúng hạn ({info.working_days} ngày làm việc)"
            else:
                verdict = "Chưa có ngày ban hành"
            src = " (theo biên tập viên)" if info.published_source == "content" else ""
            body += (f"| [{md_text(_plan_label(rec))}: {md_text(rec.plan.title)}]({md_link(url, rec.url)}) | {md_text(issuer)} | "
                     f"{format_date_short(info.issued) or 'chưa có'} | "
                     f"{format_date_short(info.first_published)}{src} | {forms} | {verdict} |\n")
        body += "\n"
    if not by_q:
        body += "*Chưa có kế hoạch nào có ngày đăng công khai (chưa có lịch sử git).*\n\n"
    if pending:
        body += "## Chưa đăng công khai\n\n" + "\n".join(
            f"- [{md_text(_plan_label(r))}: {md_text(r.plan.title)}]({md_link(url, r.url)})" for r in pending) + "\n"
    meta = {"title": "Danh mục công khai",
            "description": "Các kế hoạch đã công khai theo từng quý, ngày ban hành và ngày đăng công khai.",
            "disclosure": {"late": late_total}}
    return [Page(page_path(DISCLOSURE_URL), meta, body)]

